//! 领导接访: the reception rota, the receptions held, their counts and printed sheets.

pub mod counts;
pub mod form;
pub mod list;
pub mod model;
pub mod page;
pub mod rota;
