//! Times a quarter's indicators and year-on-year counts computed by
//! `xinfang_core::metrics::Report` against the same figures by SQL over an
//! in-memory, indexed SQLite database holding the same cases, after checking
//! that both give the same figures.
//!
//! Run: `cd benches && cargo bench --bench indicators` (sizes from
//! `XINFANG_BENCH_SIZES`, default `10000,100000,1000000`; timed runs per
//! size from `XINFANG_BENCH_RUNS`, default 9).

use std::time::Duration;
use xinfang_benches::{
    bench_query, core_figures, core_report, differences, sample, timed, Db, COMPARED,
};

/// Wall-clock and this thread's CPU time of one call.
fn measure<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let cpu = cpu_time::ThreadTime::now();
    let ((), wall) = timed(|| {
        std::hint::black_box(f());
    });
    (wall, cpu.elapsed())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The machine's load averages (Linux), to judge how quiet the run was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct Line {
    cases: u64,
    events: u64,
    /// Medians.
    core: Duration,
    sql: Duration,
    /// Fastest runs (least disturbed by other load on the machine).
    core_min: Duration,
    sql_min: Duration,
    /// Medians of the thread's CPU time (not counting time the thread
    /// waited for a core while other processes ran).
    core_cpu: Duration,
    sql_cpu: Duration,
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    let sizes: Vec<u32> = std::env::var("XINFANG_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("XINFANG_BENCH_SIZES: numbers separated by commas"))
        .collect();
    let runs: usize =
        std::env::var("XINFANG_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(9).max(1);
    let (period, as_of) = bench_query();
    println!(
        "Report: {period} as of {as_of}, scope: all cases, with last year's figures \
         ({} indicators + every count compared with SQL); {runs} timed runs per size",
        COMPARED.len()
    );
    println!("load average at start: {}", load_average());
    let mut lines: Vec<Line> = Vec::new();
    for &n in &sizes {
        println!("\n== {n} cases ==");
        let (office, gen) = timed(|| sample(n));
        let cases = office.cases().len() as u64;
        let events = office.log().len() as u64;
        println!(
            "  generated {cases} cases, {events} events in {:.1} s (not counted)",
            gen.as_secs_f64()
        );

        let ((db, parts), load) = timed(|| Db::load(&office));
        println!(
            "  SQLite load {:.0} ms: derive rows (deadlines) {:.0} ms, insert {:.0} ms, \
             indexes + ANALYZE {:.0} ms; {} rows (not counted)",
            ms(load),
            ms(parts.derive),
            ms(parts.insert),
            ms(parts.index),
            db.rows()
        );

        // Same figures, or the comparison is worthless.
        let report = core_report(&office, period, as_of);
        let core = core_figures(&report);
        let sql = db.figures(period, as_of);
        let diff = differences(&core, &sql);
        assert!(diff.is_empty(), "SQLite and the core disagree:\n{}", diff.join("\n"));
        println!("  figures agree ({} figures compared)", core.len());
        for kind in COMPARED {
            println!("    {}", report.indicator(kind));
        }
        println!(
            "    信访总量 {} 件（去年同期 {}，{}）",
            report.counts.cases.current,
            report.counts.cases.last_year,
            report.counts.cases.change_label()
        );

        // Interleaved, so that other load on the machine hits both sides alike.
        let (mut core_times, mut sql_times) = (Vec::new(), Vec::new());
        let (mut core_cpu, mut sql_cpu) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let (wall, cpu) = measure(|| core_report(&office, period, as_of));
            core_times.push(wall);
            core_cpu.push(cpu);
            let (wall, cpu) = measure(|| db.figures(period, as_of));
            sql_times.push(wall);
            sql_cpu.push(cpu);
        }
        let line = Line {
            cases,
            events,
            core_min: *core_times.iter().min().unwrap(),
            sql_min: *sql_times.iter().min().unwrap(),
            core: median(core_times),
            sql: median(sql_times),
            core_cpu: median(core_cpu),
            sql_cpu: median(sql_cpu),
        };
        println!(
            "  xinfang {:.2} ms, SQLite {:.2} ms (medians; fastest {:.2} and {:.2}); \
             peak memory so far {:.0} MB",
            ms(line.core),
            ms(line.sql),
            ms(line.core_min),
            ms(line.sql_min),
            peak_rss_mb().unwrap_or(f64::NAN)
        );
        lines.push(line);
        drop(db);
        drop(office);
    }

    println!(
        "\n| cases | events | xinfang (ms) | SQLite query (ms) | SQLite/xinfang \
         | xinfang per-case growth | SQLite per-case growth | fastest runs: xinfang / SQLite (ms), ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---|");
    let mut prev: Option<&Line> = None;
    for l in &lines {
        let growth = |now: Duration, before: Duration, before_cases: u64| {
            let per_now = now.as_secs_f64() / l.cases as f64;
            let per_before = before.as_secs_f64() / before_cases as f64;
            format!("×{:.2}", per_now / per_before)
        };
        let (gc, gs) = match prev {
            Some(p) => (growth(l.core, p.core, p.cases), growth(l.sql, p.sql, p.cases)),
            None => ("—".into(), "—".into()),
        };
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {gc} | {gs} | {:.2} / {:.2}, {:.2} |",
            l.cases,
            l.events,
            ms(l.core),
            ms(l.sql),
            l.sql.as_secs_f64() / l.core.as_secs_f64(),
            ms(l.core_min),
            ms(l.sql_min),
            l.sql_min.as_secs_f64() / l.core_min.as_secs_f64()
        );
        prev = Some(l);
    }
    println!(
        "\nThread CPU time (medians; time waiting for a core while other processes run \
         is not counted):\n\n| cases | xinfang CPU (ms) | SQLite CPU (ms) | SQLite/xinfang \
         | xinfang per-case growth | SQLite per-case growth |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut prev: Option<&Line> = None;
    for l in &lines {
        let growth = |now: Duration, before: Duration, before_cases: u64| {
            let per_now = now.as_secs_f64() / l.cases as f64;
            let per_before = before.as_secs_f64() / before_cases as f64;
            format!("×{:.2}", per_now / per_before)
        };
        let (gc, gs) = match prev {
            Some(p) => {
                (growth(l.core_cpu, p.core_cpu, p.cases), growth(l.sql_cpu, p.sql_cpu, p.cases))
            }
            None => ("—".into(), "—".into()),
        };
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {gc} | {gs} |",
            l.cases,
            ms(l.core_cpu),
            ms(l.sql_cpu),
            l.sql_cpu.as_secs_f64() / l.core_cpu.as_secs_f64(),
        );
        prev = Some(l);
    }
    println!("load average at the end: {}", load_average());
    println!(
        "\nper-case growth: time per case at this size / time per case at the previous size \
         (×1.00 = linear growth)."
    );
}
