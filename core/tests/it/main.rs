//! The core's integration tests in one binary (one link instead of one per
//! file, and one copy of the shared `common` helpers): each module is the
//! tests of one part of the public API.

mod boundaries;
mod briefing;
mod common;
mod history;
mod ledger_history;
mod lifecycle;
mod merge;
mod metrics;
mod properties;
mod rebase;
mod record;
mod statute;
mod work;
