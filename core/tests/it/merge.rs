//! Merging another office's record (`Office::plan_merge`, `Office::merge`)
//! on realistic records: a township's sample year merged into the county's,
//! a later backup of it, a case corrected on both sides, and the refusals.

use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::merge::MergeError;
use xinfang_core::{Action, Command, Intake, Office, Settings, Stage, UnitId};
use xinfang_sample::{generate, SampleConfig};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

fn record(seed: u64, cases: u32) -> Office {
    generate(Settings::sample_county(), &SampleConfig::year(seed, day(), cases)).unwrap()
}

fn now() -> NaiveDateTime {
    day().and_hms_opt(17, 0, 0).unwrap()
}

fn source(office: &Office) -> UnitId {
    office.settings().org.find_unit("河口乡").unwrap().id()
}

#[wasm_bindgen_test(unsupported = test)]
fn merged_cases_keep_their_history_get_numbers_here_and_are_not_merged_twice() {
    let township = record(3, 50);
    let mut county = record(4, 80);
    let src = source(&county);
    let plan = county.plan_merge(&township, src, now()).unwrap();
    assert_eq!(plan.added.len(), 50);
    assert_eq!(plan.events(), township.log().len() + 50, "one Imported per case");
    assert!(county.merge(plan));
    assert_eq!(county.cases().len(), 130);
    assert!(county.log().verify().is_ok());

    // Each merged case: its stage and intake as there, its origin, a
    // number of this record, unique.
    let mut numbers: Vec<&str> = county.cases().map(|c| c.number()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), 130, "numbers stay unique");
    for there in township.cases() {
        let here = county
            .cases()
            .find(|c| c.origin().is_some_and(|o| o.number == there.number()))
            .expect("merged");
        assert_eq!(here.origin().unwrap().source, src);
        assert_eq!(here.stage(), there.stage());
        assert_eq!(here.intake().summary, there.intake().summary);
        assert_eq!(here.proceedings().len(), there.proceedings().len());
    }

    // The same record again: nothing to add; the stored form reloads.
    let again = county.plan_merge(&township, src, now()).unwrap();
    assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 50));
    assert_eq!(again.events(), 0);
    let back = Office::from_json(&county.to_json()).unwrap();
    assert_eq!(back.cases().len(), 130);
    assert_eq!(back.plan_merge(&township, src, now()).unwrap().unchanged, 50);

    // From another source the same cases would be new (another township).
    let other = county.settings().org.find_unit("石桥镇").unwrap().id();
    assert_eq!(county.plan_merge(&township, other, now()).unwrap().added.len(), 50);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_later_backup_updates_merged_cases_and_a_case_acted_on_here_is_a_conflict() {
    let early = record(3, 50);
    let mut county = record(4, 20);
    let src = source(&county);
    let plan = county.plan_merge(&early, src, now()).unwrap();
    county.merge(plan);

    // The township goes on: it registers a case and acts on an open one.
    let mut later = early.clone();
    let open = later.cases().find(|c| c.stage() == Stage::Registered).map(|c| c.id());
    let t = now() + chrono::TimeDelta::hours(1);
    let intake = later.cases().next().unwrap().intake().clone();
    let intake = Intake { repeat_of: None, summary: "后来登记的事项".into(), ..intake };
    later.execute(Command::Register { intake }, t).unwrap();
    let case = open.expect("the sample has a case just registered");
    let mut intake = later.case(case).unwrap().intake().clone();
    intake.content.push_str("（乡镇补充材料）");
    later.execute(Command::Act { case, action: Action::Amend { intake } }, t).unwrap();
    let updated = 1;
    let plan = county.plan_merge(&later, src, now()).unwrap();
    assert_eq!(plan.added.len(), 1);
    assert_eq!(plan.updated.len(), updated);
    assert_eq!(plan.unchanged, 50 - updated);

    // The county corrected that same case meanwhile: the histories
    // differ, so the case is left as it is here and named.
    let number = later.case(case).unwrap().number().to_string();
    let mine = county
        .cases()
        .find(|c| c.origin().is_some_and(|o| o.number == number))
        .map(|c| c.id())
        .expect("merged");
    let mut intake = county.case(mine).unwrap().intake().clone();
    intake.summary.push_str("（县里更正）");
    county.execute(Command::Act { case: mine, action: Action::Amend { intake } }, t).unwrap();
    let plan = county.plan_merge(&later, src, now()).unwrap();
    assert_eq!(plan.conflicts, vec![number]);
    assert_eq!((plan.added.len(), plan.updated.len()), (1, 0));
    let (before, events) = (county.log().len(), plan.events());
    assert!(county.merge(plan));
    assert_eq!(county.log().len(), before + events);
    assert!(county.case(mine).unwrap().intake().summary.ends_with("（县里更正）"));
}

#[wasm_bindgen_test(unsupported = test)]
fn refusals_change_nothing() {
    let county = record(4, 20);
    let src = source(&county);
    assert_eq!(county.plan_merge(&county, src, now()), Err(MergeError::SameRecord));
    assert!(matches!(
        county.plan_merge(&record(3, 5), UnitId::new(9_999), now()),
        Err(MergeError::UnknownSource(_))
    ));
    let mut settings = Settings::sample_county();
    let unit = settings.org.units().next().unwrap().id();
    settings.org.rename_unit(unit, "另一个县信访局").unwrap();
    let foreign = generate(settings, &SampleConfig::year(3, day(), 5)).unwrap();
    let err = county.plan_merge(&foreign, src, now()).unwrap_err();
    assert!(err.to_string().contains("另一个县信访局"), "{err}");

    // A plan made before the record changed is not applied.
    let mut county = county;
    let plan = county.plan_merge(&record(3, 5), src, now()).unwrap();
    let intake = county.cases().next().unwrap().intake().clone();
    county
        .execute(Command::Register { intake: Intake { repeat_of: None, ..intake } }, now())
        .unwrap();
    let before = county.log().len();
    assert!(!county.merge(plan));
    assert_eq!(county.log().len(), before);
}
