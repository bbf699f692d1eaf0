//! Opening a record: the real one or the sandbox, with what is known about
//! its storage ([`Opened`]).

use chrono::NaiveDate;
use xinfang_core::{Office, Settings};

use crate::persist::browser::now_ms;
use crate::persist::kv::{usage, KeyValue, Space, REAL_PREFIX, SANDBOX_PREFIX};
use crate::persist::record::{load, save, LoadProblem, SaveRequest, Saved};
use crate::persist::sandbox::{new_sandbox, SampleBase};
use crate::persist::work::OpenedWork;

/// A record just opened (see [`Action::Opened`]).
#[derive(Debug, Clone)]
pub struct Opened {
    /// Which record.
    pub space: Space,
    /// The record.
    pub office: Office,
    /// What of it is committed.
    pub saved: Option<Saved>,
    /// The sandbox's sample.
    pub sample: Option<SampleBase>,
    /// Why the stored record could not be read, if so.
    pub problem: Option<LoadProblem>,
    /// How long loading took, in milliseconds.
    pub load_ms: f64,
    /// Bytes in use.
    pub bytes: usize,
    /// The work ledgers stored beside the record.
    pub work: OpenedWork,
}

/// Opens the real record: the stored one, a new empty one, or (when the
/// stored one cannot be read) an empty one with the problem, saving paused.
pub fn open_real(kv: &dyn KeyValue) -> Opened {
    let start = now_ms();
    let (office, saved, problem) = match load(kv, REAL_PREFIX) {
        Ok(Some(record)) => (record.office, Some(record.saved), None),
        Ok(None) => (Office::new(Settings::sample_county()), None, None),
        Err(problem) => (Office::new(Settings::sample_county()), None, Some(problem)),
    };
    let work = crate::persist::work::open(kv, REAL_PREFIX);
    let load_ms = now_ms() - start;
    let bytes = usage(kv);
    Opened { space: Space::Real, office, saved, sample: None, problem, load_ms, bytes, work }
}

/// Opens the sandbox: the stored one; else, when `fill_on` is given, a new
/// one filled with the sample up to that day (its head saved at once).
/// `None` when there is none and none is to be made.
pub fn open_sandbox(
    kv: &dyn KeyValue,
    fill_on: Option<NaiveDate>,
    seed: u64,
    cases_per_year: u32,
) -> Option<Result<Opened, String>> {
    let start = now_ms();
    let opened = |office, saved, sample, problem| {
        let work = crate::persist::work::open(kv, SANDBOX_PREFIX);
        let load_ms = now_ms() - start;
        let bytes = usage(kv);
        Opened { space: Space::Sandbox, office, saved, sample, problem, load_ms, bytes, work }
    };
    match load(kv, SANDBOX_PREFIX) {
        Ok(Some(record)) => {
            Some(Ok(opened(record.office, Some(record.saved), record.sample, None)))
        }
        Ok(None) => {
            let today = fill_on?;
            Some(new_sandbox(seed, today, cases_per_year).map(|(office, base)| {
                let req = SaveRequest {
                    prefix: SANDBOX_PREFIX,
                    office: &office,
                    saved: None,
                    settings_changed: false,
                    sample: Some(&base),
                };
                // If this fails (full), the next change saves it all.
                let saved = save(kv, req).ok();
                crate::persist::work::fill_sandbox(kv, &office, &base);
                opened(office, saved, Some(base), None)
            }))
        }
        Err(problem) => {
            Some(Ok(opened(Office::new(Settings::sample_county()), None, None, Some(problem))))
        }
    }
}
