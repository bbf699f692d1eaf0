//! The training sandbox's sample: stored as the generator's parameters
//! ([`SampleBase`]), generated again on load (deterministic).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use xinfang_core::{Hash, Office, Settings};
use xinfang_sample::{generate, SampleConfig};

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
}

impl SampleBase {
    /// Generates the sample (deterministic: same parameters, same record).
    pub fn generate(&self) -> Result<Office, String> {
        sample_office(self.seed, self.filled_on, self.cases_per_year)
    }
}

/// A year of sample cases ending `today`, on the sample county's settings.
pub fn sample_office(seed: u64, today: NaiveDate, cases_per_year: u32) -> Result<Office, String> {
    let config = SampleConfig::year(seed, today, cases_per_year);
    generate(Settings::sample_county(), &config).map_err(|e| e.to_string())
}

/// Fills a new sandbox: the sample and its [`SampleBase`].
pub fn new_sandbox(
    seed: u64,
    today: NaiveDate,
    cases_per_year: u32,
) -> Result<(Office, SampleBase), String> {
    let office = sample_office(seed, today, cases_per_year)?;
    let base = SampleBase {
        seed,
        filled_on: today,
        cases_per_year,
        entries: office.log().len(),
        head: office.log().head(),
    };
    Ok((office, base))
}
