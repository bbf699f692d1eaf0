//! One case: its header and deadlines, the old ledger's row of an imported case, the actions its stage allows, routing with the 五定, the timeline, its work records and its printed documents.

pub mod action_form;
pub mod action_model;
pub mod actions;
pub mod deadlines;
pub mod header;
pub mod ledger;
pub mod page;
pub mod print;
pub mod route_form;
pub mod route_model;
pub mod timeline;
pub mod work;
