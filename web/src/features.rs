//! One folder per office function. Each feature holds its page, its parts,
//! its view model and its printed sheets; a feature never imports another
//! (what several need lives in `ui/`, `i18n/`, `state` or the core).

pub mod backlog;
pub mod case;
pub mod cases;
pub mod dashboard;
pub mod deadlines;
pub mod import;
pub mod meetings;
pub mod ownership;
pub mod reception;
pub mod register;
pub mod reports;
pub mod screening;
pub mod settings;
pub mod supervision;
pub mod three_none;
