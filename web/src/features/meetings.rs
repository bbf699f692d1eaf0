//! 会议: joint, coordination and leading-group meetings, their decisions and the 会议纪要.

pub mod meeting;
pub mod minutes;
pub mod page;
