//! 设置: units and people, categories, routing rules, targets, the statutory periods, the calendar and encryption.

pub mod calendar;
pub mod categories;
pub mod clock;
pub mod edit;
pub mod encryption;
pub mod page;
pub mod rules;
pub mod targets;
pub mod units;
