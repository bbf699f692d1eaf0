//! 督办: open supervision notices and reminders by unit.

pub mod board;
pub mod page;
