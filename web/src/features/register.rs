//! 登记: the registration form with repeat hints and the routing proposal.

pub mod hints;
pub mod page;
pub mod route_preview;
