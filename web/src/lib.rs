//! # xinfang-web
//!
//! 信访工作平台 in the browser: a yew app built to wasm by `cargo xtask`
//! (see the workspace README). The domain rules come from `xinfang-core`;
//! this crate only shows them and keeps the user's settings.
//!
//! Layout:
//! - `app`: the root component; owns the one reducer and the save effect.
//! - `store`: the app state (`Store`: preferences, the open record, the
//!   page), its `Action`s and the reducer.
//! - `context`: how pages reach the store (`use_app`, `execute`, `go`).
//! - `route`: the page in the address bar (`#/case/12`).
//! - `clock`: the browser's clock, read only there.
//! - `pages`: one page per file (dashboard, cases, register, case, print,
//!   settings).
//! - `storage`: the only module that touches `localStorage` (gloo-storage):
//!   a versioned envelope, never silently overwritten when unreadable.
//! - `i18n`: every user-visible string, in Chinese (main) and English.
//! - `labels`: the English names and the form/URL keys of the core's enums.
//! - `dates`: Chinese official and English date formatting.
//! - `documents`: the written documents of a case (告知书, 处理意见书…) as data.
//! - `deadline`: what the deadline calculator asks the core and how it
//!   explains the answer.
//! - `forms`: the registration and routing forms as data, turned into the
//!   core's `Intake` and `Routing` with a message per wrong field.
//! - `supervision_board`: the 督办 board as data (items, filters, counts).
//! - `unit_view`: 以单位身份查看 — which cases a unit sees, and the one rule
//!   hiding an accusation's content from the unit it accuses.
//! - `components`: one component per file.
//!
//! Implementation note: this crate is built for `wasm32-unknown-unknown`
//! (32-bit `usize`) and natively for its unit tests; nothing here reads the
//! clock (`SystemTime::now` panics on wasm32).

#![forbid(unsafe_code)]

pub mod actions;
mod app;
pub mod case_query;
pub mod charts;
pub mod clock;
pub mod components;
pub mod context;
pub mod crypt;
pub mod dates;
pub mod deadline;
pub mod documents;
pub mod download;
pub mod form_state;
pub mod forms;
pub mod i18n;
pub mod labels;
pub mod ledger_file;
pub mod office_store;
pub mod pages;
pub mod route;
pub mod storage;
pub mod store;
pub mod supervision_board;
pub mod unit_view;
pub mod work_store;

pub use app::App;
