//! 期限计算器: the statutory periods counted on the record's calendar.

pub mod model;
pub mod page;
pub mod result;
