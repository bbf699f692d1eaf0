//! 信访积案: the backlog ledger, its candidates (open cases older than the threshold) and its rates.

pub mod candidates;
pub mod form;
pub mod page;
pub mod rates;
