//! Opening a record: the real one or the sandbox, with what is known about
//! its storage ([`Opened`]). Work ledgers an earlier version stored beside
//! the record are taken into it here (see `persist::work`), as a command
//! waiting to be saved. The record's past heads (`persist::heads`) are
//! checked here too; what no longer holds is reported, nothing changed.

use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::{Office, Settings};

use crate::persist::browser::now_ms;
use crate::persist::heads::{self, HeadsCheck};
use crate::persist::kv::{prefix_of, usage, KeyValue, Space, REAL_PREFIX, SANDBOX_PREFIX};
use crate::persist::record::journal::Recovery;
use crate::persist::record::{load, load_readable, save, LoadProblem, SaveRequest, Saved, Unsaved};
use crate::persist::sandbox::{new_sandbox, SampleBase};
use crate::persist::work::{self, Legacy, WorkProblem};

/// A record just opened (see `state::Msg::Opened`).
#[derive(Debug, Clone)]
pub struct Opened {
    /// Which record.
    pub space: Space,
    /// The record.
    pub office: Office,
    /// What of it is committed.
    pub saved: Option<Saved>,
    /// Commands applied on opening and not saved yet (the adoption of
    /// ledgers an earlier version stored beside the record).
    pub unsaved: Vec<Unsaved>,
    /// The sandbox's sample.
    pub sample: Option<SampleBase>,
    /// Why the stored record could not be read, if so.
    pub problem: Option<LoadProblem>,
    /// When the record's history is damaged part-way: the entries read
    /// (everything before the damage, shown read-only) and the entries the
    /// head counts.
    pub readable: Option<(usize, usize)>,
    /// Ledgers an earlier version stored beside the record that could not
    /// be taken in (they are left as they are).
    pub work_problem: Option<WorkProblem>,
    /// An operation a previous page left under way (a set-aside or a
    /// restore), finished or undone before opening
    /// ([`crate::persist::record::journal::recover`]).
    pub recovery: Option<Recovery>,
    /// The record's past heads checked against its log (empty when it
    /// could not be read).
    pub heads: HeadsCheck,
    /// How long loading took, in milliseconds.
    pub load_ms: f64,
    /// Bytes in use.
    pub bytes: usize,
}

impl Opened {
    /// A record just written whole (restored from a backup, or merged
    /// into): nothing unsaved, nothing else to report.
    pub fn written(space: Space, office: Office, saved: Saved, bytes: usize) -> Opened {
        Opened {
            space,
            office,
            saved: Some(saved),
            unsaved: Vec::new(),
            sample: None,
            problem: None,
            readable: None,
            work_problem: None,
            recovery: None,
            heads: HeadsCheck::default(),
            load_ms: 0.0,
            bytes,
        }
    }

    /// With the record's past heads checked against its log (after a
    /// restore or a merge, [`Opened::written`]).
    pub fn checked(mut self, kv: &dyn KeyValue) -> Opened {
        self.heads = heads::check(kv, prefix_of(self.space), self.office.log());
        self
    }

    fn new(
        kv: &dyn KeyValue,
        space: Space,
        found: Found,
        (start, now): (f64, NaiveDateTime),
    ) -> Opened {
        let Found { mut office, saved, sample, problem, readable } = found;
        let prefix = prefix_of(space);
        let mut unsaved = Vec::new();
        let mut work_problem = None;
        // An unreadable record is not changed at all (saving it waits).
        if problem.is_none() {
            match work::adopt(kv, prefix, &mut office, now) {
                Legacy::None => {}
                Legacy::Adopted(pending) => {
                    unsaved.push(Unsaved { pending: *pending, end: office.log().len() })
                }
                Legacy::Problem(p) => work_problem = Some(p),
            }
        }
        let heads = match problem {
            None => heads::check(kv, prefix, office.log()),
            Some(_) => HeadsCheck::default(),
        };
        let load_ms = now_ms() - start;
        let bytes = usage(kv);
        Opened {
            space,
            office,
            saved,
            unsaved,
            sample,
            problem,
            readable,
            work_problem,
            recovery: None,
            heads,
            load_ms,
            bytes,
        }
    }
}

/// What was found in storage for a record.
struct Found {
    office: Office,
    saved: Option<Saved>,
    sample: Option<SampleBase>,
    problem: Option<LoadProblem>,
    readable: Option<(usize, usize)>,
}

/// Opens the real record: the stored one, a new empty one, or (when the
/// stored one cannot be read) an empty one with the problem, saving paused.
/// `now` is the browser's clock (for the adoption of old work ledgers).
pub fn open_real(kv: &dyn KeyValue, now: NaiveDateTime) -> Opened {
    let start = now_ms();
    let (office, saved, problem, readable) = match load(kv, REAL_PREFIX) {
        Ok(Some(record)) => (record.office, Some(record.saved), None, None),
        Ok(None) => (Office::new(Settings::sample_county()), None, None, None),
        // Damaged part-way: what reads before the damage is shown, read-only.
        Err(problem) => match load_readable(kv, REAL_PREFIX).filter(|r| r.entries > 0) {
            Some(r) => (r.office, None, Some(problem), Some((r.entries, r.total))),
            None => (Office::new(Settings::sample_county()), None, Some(problem), None),
        },
    };
    let found = Found { office, saved, sample: None, problem, readable };
    Opened::new(kv, Space::Real, found, (start, now))
}

/// Opens the sandbox: the stored one; else, when `fill_on` is given, a new
/// one filled with the sample (cases and work ledgers) up to that day, its
/// head saved at once. `None` when there is none and none is to be made.
pub fn open_sandbox(
    kv: &dyn KeyValue,
    fill_on: Option<NaiveDate>,
    seed: u64,
    cases_per_year: u32,
    now: NaiveDateTime,
) -> Option<Result<Opened, String>> {
    let start = now_ms();
    let opened = |office, saved, sample, problem| {
        let found = Found { office, saved, sample, problem, readable: None };
        Opened::new(kv, Space::Sandbox, found, (start, now))
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
                opened(office, saved, Some(base), None)
            }))
        }
        Err(problem) => {
            Some(Ok(opened(Office::new(Settings::sample_county()), None, None, Some(problem))))
        }
    }
}
