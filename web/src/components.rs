//! The app's components, one per file.

pub mod case_actions;
pub mod deadline_calculator;
pub mod deadline_result;
pub mod header;
pub mod lang_switch;
pub mod sandbox_bar;
pub mod storage_notice;
