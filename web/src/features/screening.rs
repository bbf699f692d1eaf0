//! 矛盾纠纷排查: cadences, rounds, coverage and the hotspot ledger.

pub mod cadences;
pub mod coverage;
pub mod forms;
pub mod hotspots;
pub mod page;
pub mod rounds;
