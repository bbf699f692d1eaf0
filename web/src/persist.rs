//! Everything that touches browser storage: the key-value stores, the
//! preferences, the record's chunks, the work ledgers, packing, encryption,
//! the sandbox's sample and opening a record. No other module reads or
//! writes `localStorage`.

pub mod backup;
pub mod browser;
pub mod crypt;
pub mod heads;
pub mod kv;
pub mod open;
pub mod pack;
pub mod prefs;
pub mod record;
pub mod sandbox;
pub mod work;
