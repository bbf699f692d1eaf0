//! Everything that touches browser storage: preferences, the record's chunks,
//! the work ledgers, packing, encryption, the backup file and the sandbox.
//! No other module reads or writes `localStorage`.

pub mod crypt;
pub mod prefs;
pub mod record;
pub mod work;
