//! 工作台: what is overdue and due, cases by stage, the indicators, and the work ledgers' due items.

pub mod page;
pub mod work;
