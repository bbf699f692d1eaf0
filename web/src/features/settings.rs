//! 设置: units and people, categories, routing rules, targets, the statutory periods, the calendar (with a year's notice), the record's checkpoints and encryption.

pub mod calendar;
pub mod categories;
pub mod checkpoints;
pub mod clock;
pub mod edit;
pub mod encryption;
pub mod notice;
pub mod page;
pub mod rules;
pub mod targets;
pub mod units;
