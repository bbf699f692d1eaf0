//! 领导包案: hard cases owned by a leader, with the 五个一 and what is still missing.

pub mod form;
pub mod model;
pub mod page;
