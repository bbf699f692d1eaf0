//! Import benchmark: prints figures, asserts nothing about speed.
//!
//! A generated county ledger of 2,000 and 19,000 rows (with its title, total
//! and note rows within the reader's 20,000) (`tests/ledgers/gen.rs`,
//! the corrected file: every value known once the clerk's mapping is
//! remembered) through the web app's reader and the core's planner, natively
//! in release: reading the workbook (`ledger_file::read_sheets`), listing
//! its unknown values (`import::unknown_values`, rows checked only), the
//! full check (`import::plan`: every row checked, then run on a copy of the
//! record), and applying it (`Plan::apply`). Baseline from the same run: the
//! same cases registered one by one through `Office::execute` with a plain
//! `Command::Register` — what any way in must cost at least.
//!
//! Run: `cargo bench -p xinfang-tests --bench import`.

#[path = "../ledgers/gen.rs"]
mod gen;

use std::time::Instant;

use chrono::NaiveDate;
use std::collections::BTreeSet;

use xinfang_core::import::values::{Choice, Choices};
use xinfang_core::import::{plan, unknown_values, Mapping, Options, ProblemKind};
use xinfang_core::{Command, Office, Settings};
use xinfang_web::features::import::ledger_file;
use xinfang_web::i18n::Lang;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let now = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_opt(9, 0, 0).unwrap();
    println!("rows     read ms  values ms  plan ms  apply ms  register ms  plan+apply / register");
    for rows in [2_000, 19_000] {
        let spec = gen::LedgerSpec {
            seed: 5,
            year: 2025,
            rows,
            shape: gen::Shape::County,
            corrected: true,
        };
        let (bytes, _) = gen::xlsx(&spec);
        let t = Instant::now();
        let sheets = ledger_file::ledger_sheets("台账.xlsx", &bytes).expect("opens");
        let loaded =
            ledger_file::read_sheets("台账.xlsx", &bytes, &ledger_file::preselect(&sheets))
                .expect("reads");
        let read = ms(t);
        let mapping = Mapping::recognise(&loaded.table.headers);
        let mut office = Office::new(Settings::sample_county());
        // The clerk's mapping, as remembered from an earlier file: every
        // unknown value taken as suggested or created.
        let options = |choices: &Choices, leave_out: &BTreeSet<usize>| Options {
            source: "台账.xlsx".into(),
            origins: (0..loaded.table.rows.len())
                .map(|i| loaded.place(i + 2, Lang::ZhCn))
                .collect(),
            leave_out: leave_out.clone(),
            choices: choices.clone(),
        };
        let none = BTreeSet::new();
        let t = Instant::now();
        let unknown =
            unknown_values(&office, &loaded.table, &mapping, &options(&Choices::new(), &none), now);
        let values = ms(t);
        let choices: Choices = unknown
            .iter()
            .map(|u| {
                let c = match u.suggestion {
                    Some(target) => Choice::Map { target },
                    None if u.field.can_create() => Choice::Create,
                    None => Choice::Leave,
                };
                ((u.field, u.value.clone()), c)
            })
            .collect();
        // A row entered twice (the same day, summary and petitioner) is the
        // clerk's to resolve: left out here, as the page allows.
        let mut leave_out = BTreeSet::new();
        if let Err(e) = plan(&office, &loaded.table, &mapping, &options(&choices, &none), now) {
            for e in &e {
                assert_eq!(e.kind, ProblemKind::Duplicate, "{e}");
                leave_out.insert(e.row - 2);
            }
        }
        let t = Instant::now();
        let p = match plan(&office, &loaded.table, &mapping, &options(&choices, &leave_out), now) {
            Ok(p) => p,
            Err(e) => panic!("{} problems, first {}", e.len(), e[0]),
        };
        let planned = ms(t);
        let t = Instant::now();
        let ids = p.apply(&mut office).expect("applies");
        let applied = ms(t);
        // Baseline: the same intakes registered one by one.
        let mut plain =
            Office::new(p.settings.clone().unwrap_or_else(|| office.settings().clone()));
        let t = Instant::now();
        for r in &p.rows {
            plain.execute(Command::Register { intake: r.intake.clone() }, now).expect("registers");
        }
        let register = ms(t);
        println!(
            "{:>6} {:>9.0} {:>10.0} {:>8.0} {:>9.0} {:>12.0} {:>22.1}",
            ids.len(),
            read,
            values,
            planned,
            applied,
            register,
            (planned + applied) / register
        );
    }
}
