//! 三无: each township's escalated visits, irregular visits and open backlog against the target.

pub mod irregular;
pub mod page;
