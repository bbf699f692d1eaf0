//! # xinfang-sample
//!
//! Deterministic sample data for [`xinfang_core`]: a realistic stretch of
//! casework (by default a year) and the office's work ledgers beside it, for
//! the web app's training sandbox, tests and benchmarks.
//!
//! - [`cases`]: [`generate`] runs a seeded stream of real
//!   [`Command`](xinfang_core::Command)s through
//!   [`Office::execute`](xinfang_core::Office::execute), so a sample is a
//!   valid, hash-chained history; [`Commands`] streams them without an office.
//! - [`work`]: [`sample_work`] fills the [`WorkLedgers`](xinfang_core::WorkLedgers)
//!   (receptions, 领导包案, screening and hotspots, the backlog ledger,
//!   meetings, irregular visits) for the same span, through their checked
//!   methods.
//!
//! Same settings, seed and dates, same output, byte for byte, natively and
//! in wasm32; nothing reads a clock. It is its own crate so that the core
//! carries no random-number generator; it uses only the core's public API.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::Settings;
//! use xinfang_sample::{generate, sample_work, SampleConfig};
//!
//! // A year of 200 cases ending on the last working day before the 2025
//! // National Day holiday, on the sample county's settings.
//! let today = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
//! let config = SampleConfig::year(7, today, 200);
//! let office = generate(Settings::sample_county(), &config).unwrap();
//! assert_eq!(office.cases().len(), 200);
//! assert!(office.log().verify().is_ok());
//!
//! // The year's work ledgers beside them.
//! let work = sample_work(&office, config.seed, config.first_day, today);
//! assert!(work.screening.hotspots().count() > 0);
//! ```
//!
//! ## Crate features
//!
//! None. Dependencies are xinfang-core, chrono (without its clock),
//! thiserror and rand_chacha (a seeded, portable ChaCha8 stream, built
//! without getrandom so it builds for wasm32).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cases;
pub mod work;

pub use cases::{generate, Commands, SampleConfig, SampleError, Shares};
pub use work::sample_work;
