//! # xinfang-web
//!
//! 信访工作平台 in the browser: a yew app built to wasm by `cargo xtask`
//! (see the workspace README). The domain rules come from `xinfang-core`;
//! this crate shows them, asks the core, and keeps the record in the
//! browser's storage.
//!
//! Layout (ARCHITECTURE.md has the full map and the house rules):
//! - `app`: the root component and the one place that loads, saves and
//!   follows other tabs.
//! - `state`: the app state (`Store`), its `Msg`s and the one reducer.
//! - `route`: the pages and their `#/…` addresses.
//! - `context`: how components reach the store (`use_app`, `execute`, `go`).
//! - `clock`: the browser's clock, read only there.
//! - `persist/`: everything that touches browser storage (the record, its
//!   list of printed and exported checkpoints, backups).
//! - `i18n/`: Chinese (main) and English strings, the core's enums' names,
//!   date styles.
//! - `ui/`: parts several features share (pickers, queries, form models).
//! - `shell/`: the frame around the pages (header, lock screen, sandbox bar,
//!   notices with the checkpoint warning, backup).
//! - `features/`: one folder per office function; a feature never imports
//!   another.
//! - `access`: a handling unit's view (which cases it sees, which
//!   accusations are kept from it).
//!
//! Implementation note: this crate is built for `wasm32-unknown-unknown`
//! (32-bit `usize`) and natively for its unit tests; nothing here reads the
//! clock (`SystemTime::now` panics on wasm32).

#![forbid(unsafe_code)]

pub mod access;
mod app;
pub mod clock;
pub mod context;
pub mod features;
pub mod forms;
pub mod i18n;
pub mod persist;
pub mod route;
pub mod shell;
pub mod state;
pub mod ui;

pub use app::App;
