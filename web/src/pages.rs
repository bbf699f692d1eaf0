//! The app's pages, one per file; each reads the store through
//! [`crate::context::use_app`].

pub mod case;
pub mod cases;
pub mod dashboard;
pub mod print;
pub mod register;
pub mod reports;
pub mod settings;
pub mod supervision;
