//! 导入台账: cases from an .xlsx, .xls or .csv ledger (several sheets at
//! once), its unknown values mapped, checked row by row, all or nothing.

pub mod check_view;
pub mod ledger_file;
pub mod page;
pub mod values_view;
