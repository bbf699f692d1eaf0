//! Test support for the xinfang workspace.
//!
//! The package's real content is its test binaries (see `Cargo.toml`: the
//! browser end-to-end suite `e2e`). This small library holds what the tests
//! share with the build automation: the static file server that
//! `cargo xtask serve` uses to serve `dist/` and that the end-to-end harness
//! starts on a free port. It depends on nothing but `std`, so `xtask` can use
//! it without building the core or the browser-test stack.

#![forbid(unsafe_code)]

pub mod static_server;
