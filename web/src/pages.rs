//! The app's pages, one per file; each reads the store through
//! [`crate::context::use_app`].

pub mod backlog;
pub mod case;
pub mod cases;
pub mod dashboard;
pub mod import;
pub mod meeting;
pub mod meetings;
pub mod ownership;
pub mod print;
pub mod reception;
pub mod register;
pub mod reports;
pub mod screening;
pub mod settings;
pub mod supervision;
pub mod three_none;
pub mod work_print;
