//! Generated county and township ledgers through the app's own reader
//! (`xinfang_web::features::import::ledger_file`) and the core's planner,
//! as a clerk meets them: the real errors at the rows the truth names and
//! no others, the unknown values once each with suggestions that mean what
//! the clerk meant, then — values mapped, the wrong numbers corrected —
//! the whole ledger in one pass, with nothing invented: no overdue case,
//! the indicators saying what they could not judge, every row accounted
//! for, and a second import adding nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::goals::IndicatorKind;
use xinfang_core::import::values::{Choice, Choices, Target, ValueField};
use xinfang_core::import::{plan, unknowns, Mapping, Options, Plan, ProblemKind, RowError};
use xinfang_core::metrics::{Period, Report, Scope};
use xinfang_core::{Office, Settings, Stage};
use xinfang_web::features::import::ledger_file::{self, Loaded};
use xinfang_web::i18n::Lang;

use crate::gen::{self, Channel, Ledger, LedgerSpec, Mess, Shape};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn spec(seed: u64, shape: Shape, corrected: bool) -> LedgerSpec {
    LedgerSpec { seed, year: 2025, rows: 240, shape, corrected }
}

/// The file read as the page reads it: every sheet with a header.
fn read(name: &str, bytes: &[u8]) -> Loaded {
    let sheets = ledger_file::ledger_sheets(name, bytes).expect("the workbook opens");
    ledger_file::read_sheets(name, bytes, &ledger_file::preselect(&sheets))
        .expect("the sheets read")
}

fn options(name: &str, loaded: &Loaded, choices: &Choices) -> Options {
    Options {
        source: name.to_string(),
        origins: (0..loaded.table.rows.len()).map(|i| loaded.place(i + 2, Lang::ZhCn)).collect(),
        leave_out: BTreeSet::new(),
        choices: choices.clone(),
    }
}

/// (sheet name, row) of an error, a row of the truth.
fn place(loaded: &Loaded, core_row: usize) -> (String, usize) {
    let o = loaded.origin(core_row).expect("every row has its origin");
    (loaded.sheets[o.sheet].clone(), o.row)
}

/// What the clerk means by a value of a field, from the truth: the
/// official name, or None for a unit the county does not have.
fn meant(truth: &Ledger, field: ValueField, value: &str) -> Option<Option<String>> {
    let label = |c: Channel| match c {
        Channel::Letter => "来信",
        Channel::Visit => "来访",
        Channel::Phone => "来电",
        Channel::Online => "网上信访",
        Channel::FromAbove => "上级交办转送",
        Channel::Hotline12345 => "12345热线",
    };
    truth.data_rows().into_iter().find_map(|r| {
        let d = r.data;
        match field {
            ValueField::Channel if d.channel_written.trim() == value => {
                Some(Some(label(d.channel).to_string()))
            }
            ValueField::Category if d.category_written.trim() == value => {
                Some(Some(d.category.to_string()))
            }
            ValueField::Unit if d.unit_written.trim() == value => Some(d.unit.map(String::from)),
            _ => None,
        }
    })
}

/// The target's name as the truth names things: a channel's label, a
/// category's last name, a unit's name.
fn short_name(t: Target, s: &Settings) -> String {
    match t {
        Target::Channel { channel, .. } => channel.label().to_string(),
        Target::Category { category } => {
            s.categories.path(category).rsplit('/').next().unwrap_or_default().to_string()
        }
        Target::Unit { unit } => s.org.unit_name(unit),
    }
}

/// The clerk's choices: what they mean, or a new unit for one the county
/// does not have.
fn clerk_choices(truth: &Ledger, errors: &[RowError], s: &Settings) -> Choices {
    let mut choices = Choices::new();
    for u in unknowns(errors, s) {
        let meaning = meant(truth, u.field, &u.value)
            .unwrap_or_else(|| panic!("{:?} “{}” is no value the ledger wrote", u.field, u.value));
        let choice = match (u.field, meaning) {
            (ValueField::Unit, None) => Choice::Create,
            (ValueField::Channel, Some(name)) => {
                let channel = xinfang_core::Channel::ALL
                    .into_iter()
                    .find(|c| c.label() == name)
                    .unwrap_or_else(|| panic!("no channel {name}"));
                let collective = u
                    .suggestion
                    .is_some_and(|t| matches!(t, Target::Channel { collective: true, .. }));
                Choice::Map { target: Target::Channel { channel, collective } }
            }
            (ValueField::Category, Some(name)) => Choice::Map {
                target: Target::Category {
                    category: s.categories.find(&name).expect("a default category").id(),
                },
            },
            (ValueField::Unit | ValueField::Township, Some(name)) => Choice::Map {
                target: Target::Unit {
                    unit: s.org.find_unit(&name).expect("a sample county unit").id(),
                },
            },
            (field, None) => panic!("{field:?} “{}” means nothing", u.value),
        };
        choices.insert((u.field, u.value.clone()), choice);
    }
    choices
}

/// Plans the file against `office` with `choices`.
fn check(
    office: &Office,
    name: &str,
    loaded: &Loaded,
    choices: &Choices,
) -> Result<Plan, Vec<RowError>> {
    let mapping = Mapping::recognise(&loaded.table.headers);
    plan(office, &loaded.table, &mapping, &options(name, loaded, choices), now())
}

fn whole_ledger_in_one_pass(shape: Shape, seed: u64) {
    let name = "台账.xlsx";
    let (bytes, truth) = gen::xlsx(&spec(seed, shape, false));
    let loaded = read(name, &bytes);
    let mut office = Office::new(Settings::sample_county());

    // First try: the wrong identity numbers where the truth has them, the
    // unknown values, and nothing else.
    let errors = check(&office, name, &loaded, &Choices::new()).unwrap_err();
    for e in &errors {
        assert!(
            matches!(e.kind, ProblemKind::IdNumber | ProblemKind::Unrecognised(_)),
            "{shape:?}: an error the ledger does not have: {} at {:?}",
            e,
            place(&loaded, e.row)
        );
    }
    let wrong: BTreeSet<(String, usize)> = errors
        .iter()
        .filter(|e| e.kind == ProblemKind::IdNumber)
        .map(|e| place(&loaded, e.row))
        .collect();
    let truth_wrong: BTreeSet<(String, usize)> = truth
        .rows_with(Mess::WrongIdCheckDigit)
        .iter()
        .map(|r| (r.sheet.name.clone(), r.row.row as usize))
        .collect();
    assert_eq!(wrong, truth_wrong, "{shape:?}: the real errors, at their rows");

    // Each unknown value once, its rows counted; a suggestion means what the clerk meant.
    let s = office.settings().clone();
    let unknown = unknowns(&errors, &s);
    let distinct: BTreeSet<(ValueField, String)> =
        unknown.iter().map(|u| (u.field, u.value.clone())).collect();
    assert_eq!(distinct.len(), unknown.len(), "each value once");
    let mut wrong_suggestions = Vec::new();
    for u in &unknown {
        if let (Some(t), Some(Some(name))) = (u.suggestion, meant(&truth, u.field, &u.value)) {
            if short_name(t, &s) != name {
                wrong_suggestions.push(format!("{} → {} (meant {name})", u.value, t.name(&s)));
            }
        }
    }
    assert!(
        wrong_suggestions.is_empty(),
        "{shape:?}: misleading suggestions {wrong_suggestions:?}"
    );
    let suggested = unknown.iter().filter(|u| u.suggestion.is_some()).count();

    // Values mapped as the clerk means them, the numbers corrected: one pass.
    let choices = clerk_choices(&truth, &errors, &s);
    let (bytes, truth) = gen::xlsx(&spec(seed, shape, true));
    let loaded = read(name, &bytes);
    let plan = check(&office, name, &loaded, &choices).unwrap_or_else(|e| {
        panic!("{shape:?}: {} problems left, first {:?}", e.len(), e.first().map(|e| e.to_string()))
    });
    let data = truth.data_rows();
    assert_eq!(plan.rows.len(), data.len(), "{shape:?}: every case once");
    assert!(plan.skipped.is_empty());
    // Every other row of the sheets read is set aside with its reason.
    let reasons: BTreeMap<String, usize> =
        plan.set_aside.iter().fold(BTreeMap::new(), |mut m, a| {
            *m.entry(a.reason.split('（').next().unwrap_or_default().to_string()).or_insert(0) += 1;
            m
        });
    let continuations = truth.rows_with(Mess::ContinuedBelow).len();
    assert_eq!(
        reasons.get("接续上一行的文字，已并入上一行").copied().unwrap_or(0),
        continuations,
        "{reasons:?}"
    );
    if shape == Shape::County {
        assert_eq!(reasons.get("合计行，不是信访件"), Some(&1), "{reasons:?}");
        assert_eq!(reasons.get("说明行：只有一段文字，不是信访件"), Some(&1), "{reasons:?}");
    }
    assert!(plan.mapped_values >= suggested, "{shape:?}: mapped values counted");

    let ids = plan.apply(&mut office).expect("the plan goes in");
    assert_eq!(ids.len(), data.len());
    let s = office.settings();
    let today = now().date();
    // Nothing invented: no case overdue, none concluded on a day the ledger lacks.
    let overdue: Vec<&str> = ids
        .iter()
        .map(|id| office.case(*id).unwrap())
        .filter(|c| c.is_overdue(today, &s.clock, &s.calendar))
        .filter(|c| c.accepted_on().is_none())
        .map(|c| c.number())
        .collect();
    assert!(overdue.is_empty(), "{shape:?}: overdue without a dated acceptance: {overdue:?}");
    for (id, row) in ids.iter().zip(&data) {
        let c = office.case(*id).unwrap();
        let d = row.data;
        assert_eq!(c.intake().received_on, d.received, "{}", c.number());
        assert!(c.number().starts_with("XF2025-"), "{}", c.number());
        // The summary's first line is the case's summary; all of it, over
        // a continuation line too, is in the content.
        let all = format!("{}{}", c.intake().summary, c.intake().content).replace('\n', "");
        assert!(
            all.contains(&d.summary.replace('\n', "")),
            "{}: {all} / {}",
            c.number(),
            d.summary
        );
        assert_eq!(
            c.intake().head_count,
            d.head_count.max(if d.collective { 5 } else { 1 }),
            "{}",
            c.number()
        );
        if d.accepted.is_some() && d.replied.is_some() && d.outcome.is_some() {
            assert_eq!(c.last_reply().map(|r| r.on), d.replied, "{}", c.number());
        } else if d.closed || d.replied.is_some() || d.outcome.is_some() || d.rating.is_some() {
            assert_eq!(c.stage(), Stage::Archived, "{} {:?}", c.number(), d);
        }
        // The ledger's own number and leader are kept.
        let ledger = c.ledger().expect("imported");
        if let Some(n) = &d.number {
            assert_eq!(&ledger.number, n.trim());
        }
        if let Some(leader) = &d.leader {
            assert_eq!(ledger.cell(&["包案领导"]), Some(leader.trim()), "{}", c.number());
        }
    }
    // The year's indicators judge only what the ledger dates, and say so.
    let report = Report::compute(&office, Period::year(2025).unwrap(), Scope::All, today);
    let archived =
        ids.iter().filter(|id| office.case(**id).unwrap().stage() == Stage::Archived).count();
    assert!(archived > 0);
    let reply = report.indicator(IndicatorKind::OnTimeReply);
    assert_eq!(reply.unjudged as usize, archived, "{shape:?}: {reply}");
    let acceptance = report.indicator(IndicatorKind::TimelyAcceptance);
    assert!(acceptance.unjudged as usize >= archived, "{acceptance}");
    assert_eq!(report.counts.cases.current as usize, data.len());

    // The same file again adds nothing.
    let again = check(&office, name, &loaded, &Choices::new()).expect("remembered mappings");
    assert!(again.rows.is_empty());
    assert_eq!(again.skipped.len(), data.len());
}

#[test]
fn a_county_ledger_imports_in_one_pass_after_mapping_and_invents_nothing() {
    whole_ledger_in_one_pass(Shape::County, 11);
}

#[test]
fn a_township_workbook_of_month_sheets_imports_in_one_pass() {
    whole_ledger_in_one_pass(Shape::Township, 12);
}

#[test]
fn a_gbk_csv_of_the_county_ledger_plans_as_its_workbook() {
    let (xlsx, _) = gen::xlsx(&spec(13, Shape::County, true));
    let (csv, _) = gen::gbk_csv(&spec(13, Shape::County, true));
    let office = Office::new(Settings::sample_county());
    let from_xlsx = check(&office, "台账.xlsx", &read("台账.xlsx", &xlsx), &Choices::new());
    let from_csv = check(&office, "台账.csv", &read("台账.csv", &csv), &Choices::new());
    let unknown = |r: &Result<Plan, Vec<RowError>>| {
        r.as_ref().err().map(|e| {
            unknowns(e, office.settings())
                .into_iter()
                .map(|u| (u.field, u.value, u.rows.len()))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(unknown(&from_xlsx), unknown(&from_csv));
}

/// A case as the roundtrip compares it: what the ledger says of it.
fn facts(office: &Office, c: &xinfang_core::Case) -> String {
    let s = office.settings();
    let i = c.intake();
    let people: Vec<String> = i
        .petitioners
        .iter()
        .map(|p| {
            format!(
                "{}/{}/{}",
                p.name,
                p.id_number.as_ref().map(|n| n.as_str()).unwrap_or(""),
                p.phone.as_ref().map(|n| n.as_str()).unwrap_or("")
            )
        })
        .collect();
    let closure = c.ledger().and_then(|l| l.closed.as_ref());
    format!(
        "{} {} {:?} {} {} {} {} {:?} {:?} {:?} {:?} {:?} {:?}",
        i.received_on,
        i.summary,
        people.first(),
        i.channel,
        i.head_count,
        s.categories.path(i.category),
        i.township.map(|t| s.org.unit_name(t)).unwrap_or_default(),
        c.routing().map(|r| s.org.unit_name(r.lead)),
        c.stage(),
        c.accepted_on(),
        c.last_reply().map(|r| (r.on, r.outcome())),
        c.rating().map(|r| r.level).or(closure.and_then(|c| c.rating)),
        closure.map(|c| (c.on, c.outcome)),
    )
}

/// The ledger exported and read back into another office: the same rows
/// with the same values (the primary petitioner's numbers in full when
/// asked, masked and left out otherwise), a formula-looking summary as
/// written; the original office skips every row.
#[test]
fn an_imported_ledger_exported_reads_back_the_same() {
    use xinfang_core::export::{ledger_xlsx, Privacy};
    let name = "台账.xlsx";
    let (bytes, truth) = gen::xlsx(&spec(14, Shape::County, false));
    let mut office = Office::new(Settings::sample_county());
    let errors = check(&office, name, &read(name, &bytes), &Choices::new()).unwrap_err();
    let choices = clerk_choices(&truth, &errors, office.settings());
    let (bytes, _) = gen::xlsx(&spec(14, Shape::County, true));
    let plan = check(&office, name, &read(name, &bytes), &choices).expect("one pass");
    plan.apply(&mut office).unwrap();
    // A hostile summary registered by hand.
    let mut intake = office.case(xinfang_core::CaseId::new(1)).unwrap().intake().clone();
    intake.summary = "=HYPERLINK(\"http://x\",\"点此\")反映工资".into();
    intake.received_on = NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
    intake.petitioners.truncate(1);
    intake.head_count = 1;
    office.execute(xinfang_core::Command::Register { intake }, now()).unwrap();
    let today = now().date();
    let cases: Vec<&xinfang_core::Case> = office.cases().collect();

    for privacy in [Privacy::Full, Privacy::Masked] {
        let file = ledger_xlsx(&office, cases.iter().copied(), today, privacy).unwrap();
        let loaded = read("导出台账.xlsx", &file);
        let mut other = Office::new(office.settings().clone());
        let plan = check(&other, "导出台账.xlsx", &loaded, &Choices::new()).unwrap_or_else(|e| {
            panic!("{privacy:?}: {:?}", e.iter().take(3).map(|e| e.to_string()).collect::<Vec<_>>())
        });
        assert_eq!(plan.rows.len(), cases.len(), "{privacy:?}: the same rows");
        let ids = plan.apply(&mut other).unwrap();
        for (id, c) in ids.iter().zip(&cases) {
            let back = other.case(*id).unwrap();
            let mut expected = facts(&office, c);
            if privacy == Privacy::Masked {
                // Masked numbers are not imported.
                let p = &c.intake().petitioners[0];
                for n in
                    [p.id_number.as_ref().map(|n| n.as_str()), p.phone.as_ref().map(|n| n.as_str())]
                        .into_iter()
                        .flatten()
                {
                    expected = expected.replacen(&format!("/{n}"), "/", 1);
                }
            }
            // Only the primary petitioner's numbers travel in the ledger.
            assert_eq!(facts(&other, back), expected, "{privacy:?}: {}", c.number());
            assert_eq!(back.ledger().map(|l| l.number.as_str()), Some(c.number()));
        }
    }
    // The original office already has every row.
    let file = ledger_xlsx(&office, cases.iter().copied(), today, Privacy::Full).unwrap();
    let again =
        check(&office, "导出台账.xlsx", &read("导出台账.xlsx", &file), &Choices::new()).unwrap();
    assert!(again.rows.is_empty());
    assert_eq!(again.skipped.len(), cases.len());
}
