//! The frame around every page: header, language switch, lock screen, sandbox
//! bar, storage notices (with the checkpoint warning), backup, restore and
//! merge.

pub mod asides;
pub mod backup;
pub mod backup_merge;
pub mod chain_warning;
pub mod header;
pub mod lang_switch;
pub mod lock_screen;
pub mod sandbox_bar;
pub mod storage_notice;
pub mod work_notice;
