//! The training sandbox's sample: stored as the generator's parameters
//! ([`SampleBase`]), generated again on load (deterministic).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use xinfang_core::work::change::WorkChange;
use xinfang_core::{Command, Hash, Office, Settings};
use xinfang_sample::{generate, sample_work, SampleConfig};

/// The sample a sandbox was generated from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleBase {
    /// The generator's seed.
    pub seed: u64,
    /// The day it was filled (the sample's "today").
    pub filled_on: NaiveDate,
    /// Cases per year.
    pub cases_per_year: u32,
    /// Log entries of the generated part.
    pub entries: usize,
    /// The chain head of the generated part.
    pub head: Hash,
    /// Whether the generated part ends with the year's work ledgers (taken
    /// in as one event). Sandboxes filled before the work ledgers joined
    /// the log have `false`: their ledgers were stored beside the record
    /// and are adopted like any record's (see `persist::work`).
    #[serde(default)]
    pub work: bool,
}

impl SampleBase {
    /// Generates the sample (deterministic: same parameters, same record).
    pub fn generate(&self) -> Result<Office, String> {
        sample_record(self.seed, self.filled_on, self.cases_per_year, self.work)
    }
}

/// A year of sample cases ending `today`, on the sample county's settings.
pub fn sample_office(seed: u64, today: NaiveDate, cases_per_year: u32) -> Result<Office, String> {
    let config = SampleConfig::year(seed, today, cases_per_year);
    generate(Settings::sample_county(), &config).map_err(|e| e.to_string())
}

/// The sandbox's record: the year of sample cases and, with `work`, the
/// year's work ledgers (receptions on the rota, 包案, screening, backlog,
/// meetings) taken in after the last case event, so a trainee meets them.
pub fn sample_record(
    seed: u64,
    today: NaiveDate,
    cases_per_year: u32,
    work: bool,
) -> Result<Office, String> {
    let mut office = sample_office(seed, today, cases_per_year)?;
    if work {
        let first = SampleConfig::year(seed, today, cases_per_year).first_day;
        let ledgers = sample_work(&office, seed, first, today);
        let at = office
            .log()
            .entries()
            .last()
            .map_or_else(|| today.and_hms_opt(0, 0, 0).unwrap_or_default(), |e| e.event.at());
        let adopt = Command::Work(WorkChange::Adopt(Box::new(ledgers)));
        office.execute(adopt, at).map_err(|e| e.to_string())?;
    }
    Ok(office)
}

/// Fills a new sandbox: the sample with its work ledgers, and its
/// [`SampleBase`].
pub fn new_sandbox(
    seed: u64,
    today: NaiveDate,
    cases_per_year: u32,
) -> Result<(Office, SampleBase), String> {
    let office = sample_record(seed, today, cases_per_year, true)?;
    let base = SampleBase {
        seed,
        filled_on: today,
        cases_per_year,
        entries: office.log().len(),
        head: office.log().head(),
        work: true,
    };
    Ok((office, base))
}
