//! Browser end-to-end tests: the built web app (`dist/`) in headless
//! Chromium, driven through ChromeDriver with fantoccini.
//!
//! `cargo xtask test` builds `dist/` and runs these; run alone, they fail
//! (they never skip) when `dist/` or the browser is missing. Each test has
//! its own static server, ChromeDriver, Chromium and profile, so they run
//! in parallel safely.

// Starting the server, ChromeDriver and a browser; waiting for the page.
mod harness;

// The page loads, and the language switch relabels it and is remembered.
mod page;

// The 期限计算器 gives the statutory deadlines.
mod deadline;

// Saved data that cannot be read is reported and never overwritten.
mod storage;
