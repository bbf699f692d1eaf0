//! 导入台账: cases from an .xlsx, .xls or .csv ledger, checked row by row, all or nothing.

pub mod ledger_file;
pub mod page;
