//! How long loading a large record takes: a sample office with 20,000
//! cases (the size the web app is tuned for) saved with
//! [`Office::to_json`] and read back, timed as a whole and in its parts
//! (the log's JSON alone, the chain check).
//!
//! Run with `cargo run -p xinfang-core --release --example load_time -- [CASES] [RUNS]`
//! (defaults: 20000 cases, 7 runs; the median is printed). A figure to
//! compare before and after a change to the log's format, never a test.

use chrono::NaiveDate;
use std::time::{Duration, Instant};
use xinfang_core::{EventLog, Office, Settings};
use xinfang_sample::{generate, SampleConfig};

/// Examples may read the clock to time things; the library never does.
#[allow(clippy::disallowed_methods)]
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases: u32 = args.first().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    let today = NaiveDate::from_ymd_opt(2025, 11, 28).expect("a real date");
    let office = generate(Settings::sample_county(), &SampleConfig::year(7, today, cases))
        .expect("the sample is valid");
    let json = office.to_json();
    let log_json = serde_json::to_string(office.log()).expect("a log serializes");
    println!(
        "{} cases, {} log entries, stored form {:.1} MB",
        office.cases().len(),
        office.log().len(),
        json.len() as f64 / 1e6
    );

    let whole = median(runs, || Office::from_json(&json).expect("loads"));
    let parse = median(runs, || serde_json::from_str::<EventLog>(&log_json).expect("parses"));
    let verify = median(runs, || office.log().verify().expect("verifies"));
    println!("Office::from_json          {whole:>10.1?}  (median of {runs})");
    println!("  the log's JSON → EventLog {parse:>10.1?}");
    println!("  EventLog::verify          {verify:>10.1?}");
}
