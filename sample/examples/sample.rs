//! Generates a year of sample data and prints what it holds: cases by
//! stage, channel, purpose and category, the indicators the seeds track,
//! and how long each part took.
//!
//! Run with `cargo run -p xinfang-sample --release --example sample -- [CASES_PER_YEAR] [SEED] [TODAY] [plan]`,
//! e.g. `… -- 100000 7 2025-12-31` (defaults: 3000 cases, seed 1, 2025-11-28).
//! With `plan` it only times the command stream, without an office (for
//! very large runs: the stream keeps only the open cases' steps).

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use xinfang_core::case::{RatingStatus, ReviewLevel, Stage};
use xinfang_core::{Channel, Office, Settings};
use xinfang_sample::cases::{generate, Commands, SampleConfig};

/// Examples may read the clock to time things; the library never does.
#[allow(clippy::disallowed_methods)]
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn table(title: &str, counts: BTreeMap<String, usize>, total: usize) {
    println!("\n{title}");
    let mut rows: Vec<(String, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (name, n) in rows {
        println!("  {name:<16} {n:>8}  {:>5.1}%", 100.0 * n as f64 / total.max(1) as f64);
    }
}

fn pct(part: usize, whole: usize) -> String {
    format!("{part}/{whole} = {:.1}%", 100.0 * part as f64 / whole.max(1) as f64)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let per_year: u32 = args.first().and_then(|a| a.parse().ok()).unwrap_or(3_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let today = args
        .get(2)
        .and_then(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").ok())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2025, 11, 28).expect("a real date"));
    let config = SampleConfig::year(seed, today, per_year);
    println!("样例数据：{} 至 {}，{} 件，种子 {seed}", config.first_day, config.today, per_year);

    let (steps, plan_time) = timed(|| {
        Commands::new(Settings::sample_county(), &config).expect("usable settings").count()
    });
    if args.get(3).map(String::as_str) == Some("plan") {
        println!("{steps} 条命令，只生成命令用时 {plan_time:.2?}");
        return;
    }
    let (office, total_time) = timed(|| generate(Settings::sample_county(), &config));
    let office: Office = match office {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let (json, json_time) = timed(|| office.to_json());
    let (back, load_time) = timed(|| Office::from_json(&json));
    assert!(back.is_ok(), "the sample loads back");

    let s = office.settings();
    let cases: Vec<_> = office.cases().collect();
    let n = cases.len();
    let mut by_stage = BTreeMap::new();
    let mut by_channel = BTreeMap::new();
    let mut by_purpose = BTreeMap::new();
    let mut by_category = BTreeMap::new();
    let mut by_disposal = BTreeMap::new();
    let mut by_supervision = BTreeMap::new();
    for c in &cases {
        let i = c.intake();
        *by_stage.entry(c.stage().label().to_string()).or_insert(0) += 1;
        *by_channel.entry(i.channel.label().to_string()).or_insert(0) += 1;
        *by_purpose.entry(i.purpose.label().to_string()).or_insert(0) += 1;
        *by_category.entry(s.categories.path(i.category)).or_insert(0) += 1;
        if let Some(r) = c.routing() {
            *by_disposal.entry(r.disposal.label().to_string()).or_insert(0) += 1;
        }
        for sup in c.supervision() {
            *by_supervision.entry(sup.kind.label().to_string()).or_insert(0) += 1;
        }
    }
    table("按阶段", by_stage, n);
    table("按信访形式", by_channel, n);
    table("按信访目的", by_purpose, n);
    table("按问题类别", by_category, n);
    let routed = by_disposal.values().sum();
    table("按分办方式", by_disposal, routed);
    let notices = by_supervision.values().sum();
    table("督办催办", by_supervision, notices);

    let letters = cases.iter().filter(|c| c.intake().channel.is_letter()).count();
    let green =
        cases.iter().filter(|c| c.intake().channel == Channel::Letter { green_post: true }).count();
    let collective: Vec<_> = cases.iter().filter(|c| c.intake().is_collective()).collect();
    let persons: u32 = collective.iter().map(|c| c.intake().head_count).sum();
    let escalated = cases.iter().filter(|c| c.intake().escalation.is_some()).count();
    let repeats = cases.iter().filter(|c| c.intake().is_repeat()).count();
    let overdue = cases.iter().filter(|c| c.is_overdue(today, &s.clock, &s.calendar)).count();
    let (mut rated, mut positive, mut expired) = (0, 0, 0);
    for c in &cases {
        match c.rating_status(today, &s.clock, &s.calendar) {
            RatingStatus::Rated(level) => {
                rated += 1;
                positive += usize::from(level.is_positive());
            }
            RatingStatus::Expired => expired += 1,
            _ => {}
        }
    }
    let reviews = cases.iter().filter(|c| c.review(ReviewLevel::Review).is_some()).count();
    let terminated = cases.iter().filter(|c| c.stage() == Stage::Terminated).count();
    println!("\n指标");
    println!("  绿色邮政比率     {}", pct(green, letters));
    println!("  集体访           {} 批次，{persons} 人次", collective.len());
    println!("  越级访           {escalated}");
    println!("  重复信访         {}", pct(repeats, n));
    println!("  群众满意率       {}", pct(positive, rated));
    println!("  参评率           {}", pct(rated, rated + expired));
    println!("  复查             {reviews}，终结 {terminated}");
    println!("  今日超期         {overdue}");

    let events = office.log().entries().len();
    println!("\n用时（{n} 件，{steps} 条命令，{events} 条历史记录）");
    println!("  只生成命令       {plan_time:>10.2?}");
    println!("  生成并执行       {total_time:>10.2?}");
    println!("  to_json          {json_time:>10.2?}  （{:.1} MB）", json.len() as f64 / 1e6);
    println!("  from_json        {load_time:>10.2?}");
}
