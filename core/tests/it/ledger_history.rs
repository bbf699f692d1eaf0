//! Cases from an office's old ledgers (台账, [`xinfang_core::provenance`]):
//! numbered in the year received, concluded by the ledger's word without
//! inventing a date, never overdue for what the ledger does not date, and
//! counted in the indicators as not judged rather than as late or on time.

use crate::common::{at, d, World};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::goals::IndicatorKind;
use xinfang_core::metrics::{Period, Report, Scope};
use xinfang_core::provenance::LedgerEntry;
use xinfang_core::{Action, Command, Stage};

/// A ledger case with nothing stated but its receipt and unit: routed on
/// the received day as the ledger's convention, the day unstated.
fn open_case(
    w: &mut World,
    received: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> xinfang_core::CaseId {
    let routing = xinfang_core::case::Routing {
        on: received,
        disposal: xinfang_core::Disposal::Transfer,
        lead: w.unit("县人社局"),
        co_units: vec![],
        assignment: None,
        explanation: "台账导入".into(),
    };
    let ledger = LedgerEntry {
        source: "台账.xlsx · 第9行".into(),
        number: "2025-009".into(),
        cells: vec![],
        routed_on_stated: false,
        closed: None,
    };
    let command = Command::Import {
        intake: w.intake(received),
        ledger: Box::new(ledger),
        steps: vec![Action::Route { routing }],
    };
    w.office.execute(command, at(today)).unwrap().case().unwrap()
}

#[wasm_bindgen_test(unsupported = test)]
fn an_imported_case_is_numbered_in_its_year_and_a_new_one_in_this_year() {
    let mut w = World::new();
    let live = w.register(d(2026, 1, 5));
    let old = w.archived_case(d(2025, 3, 1), "县人社局", None, d(2026, 1, 6));
    let older = w.archived_case(d(2024, 12, 30), "县人社局", None, d(2026, 1, 6));
    let next = w.archived_case(d(2025, 4, 1), "县人社局", None, d(2026, 1, 6));
    let numbers: Vec<&str> =
        [live, old, older, next].iter().map(|id| w.case(*id).number()).collect();
    assert_eq!(numbers, ["XF2026-00001", "XF2025-00001", "XF2024-00001", "XF2025-00002"]);
    // A live registration after them still counts on in its own year.
    let after = w.register(d(2026, 1, 7));
    assert_eq!(w.case(after).number(), "XF2026-00002");
}

#[wasm_bindgen_test(unsupported = test)]
fn what_the_ledger_does_not_date_is_never_overdue() {
    let mut w = World::new();
    let today = d(2026, 12, 7);
    let archived = w.archived_case(d(2025, 3, 1), "县人社局", None, today);
    let open = open_case(&mut w, d(2025, 3, 2), today);
    let (s, case) = (w.office.settings(), |id| w.case(id));
    assert_eq!(case(archived).stage(), Stage::Archived);
    assert_eq!(case(archived).concluded_on(), None, "no date invented");
    assert_eq!(case(open).stage(), Stage::Routed);
    assert_eq!(case(open).next_due(&s.clock, &s.calendar), None);
    for id in [archived, open] {
        assert!(!case(id).is_overdue(today, &s.clock, &s.calendar));
    }
    // Archived: nothing follows it.
    let err = w.act(archived, today, Action::Accept { on: today }).unwrap_err();
    assert!(err.to_string().contains("已办结（台账）"), "{err}");
    // Open: once the unit signs for it here, the acceptance is on the clock.
    w.ok(open, today, Action::Sign { on: today });
    let s = w.office.settings();
    let due = w.case(open).next_due(&s.clock, &s.calendar).expect("on the clock from the 签收");
    assert!(due.by > today);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_indicators_leave_out_and_count_what_the_ledger_does_not_date() {
    let mut w = World::new();
    let today = d(2026, 1, 10);
    // Two archived cases of 2025 and one registered here, accepted on time
    // and replied late.
    w.archived_case(d(2025, 3, 1), "县人社局", Some(d(2025, 4, 20)), today);
    w.archived_case(d(2025, 5, 1), "县人社局", None, today);
    let live = w.accepted_case(d(2025, 6, 2), d(2025, 6, 5));
    w.reply(live, d(2025, 9, 30));
    let report = Report::compute(&w.office, Period::year(2025).unwrap(), Scope::All, today);
    let acceptance = report.indicator(IndicatorKind::TimelyAcceptance);
    assert_eq!((acceptance.numerator, acceptance.denominator, acceptance.unjudged), (1, 1, 2));
    let reply = report.indicator(IndicatorKind::OnTimeReply);
    assert_eq!((reply.numerator, reply.denominator, reply.unjudged), (0, 1, 2));
    assert!(reply.to_string().contains("另有2件台账未载日期、未计入"), "{reply}");
    assert_eq!(report.overdue_total(), 0);
    // Both archived cases are first petitions the ledger says were concluded.
    let first = report.indicator(IndicatorKind::FirstPetitionResolved);
    assert_eq!(first.unjudged, 2, "{first}");
    assert_eq!(report.indicator(IndicatorKind::Satisfaction).unjudged, 0, "no rating stated");
    // Received in 2025, they count among the year's cases all the same.
    assert_eq!(report.counts.cases.current, 3);
    // Another year's report does not count them.
    let other = Report::compute(&w.office, Period::year(2024).unwrap(), Scope::All, today);
    assert_eq!(other.indicator(IndicatorKind::OnTimeReply).unjudged, 0);
}

/// A township's record holding cases imported from its 2025 ledger merged
/// into the county's in 2026: they are numbered in 2025 there too, and
/// the county's own numbers of 2025 and 2026 go on without a clash; the
/// merged record reloads from its stored form.
#[wasm_bindgen_test(unsupported = test)]
fn merged_ledger_cases_are_numbered_in_their_year_without_a_clash() {
    let mut township = World::new();
    township.archived_case(d(2025, 3, 1), "县人社局", None, d(2026, 1, 6));
    township.archived_case(d(2025, 4, 1), "县人社局", None, d(2026, 1, 6));
    let mut county = World::new();
    county.archived_case(d(2025, 2, 1), "县人社局", None, d(2026, 1, 5));
    county.register(d(2026, 1, 5));
    let source = county.unit("河口乡");
    let plan = county.office.plan_merge(&township.office, source, at(d(2026, 1, 7))).unwrap();
    assert!(county.office.merge(plan));
    let after = county.register(d(2026, 1, 8));
    let old = county.archived_case(d(2025, 12, 30), "县人社局", None, d(2026, 1, 8));
    let mut numbers: Vec<&str> = county.office.cases().map(|c| c.number()).collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        [
            "XF2025-00001",
            "XF2025-00002",
            "XF2025-00003",
            "XF2025-00004",
            "XF2026-00001",
            "XF2026-00002"
        ]
    );
    assert_eq!(county.case(after).number(), "XF2026-00002");
    assert_eq!(county.case(old).number(), "XF2025-00004");
    let back = xinfang_core::Office::from_json(&county.office.to_json()).unwrap();
    assert_eq!(back.cases().map(|c| c.number()).collect::<Vec<_>>().len(), 6);
    assert!(back
        .cases()
        .all(|c| county.office.case(c.id()).map(|x| x.number()) == Some(c.number())));
}

/// A rating an old ledger states with a conclusion it does not date is
/// not counted as given in any month: the satisfaction and participation
/// rates leave it out and say so, in the period of the receipt.
#[wasm_bindgen_test(unsupported = test)]
fn a_rating_the_ledger_states_without_a_reply_is_counted_as_not_judged() {
    use xinfang_core::case::Satisfaction;
    use xinfang_core::provenance::LedgerClosure;
    let mut w = World::new();
    let ledger = LedgerEntry {
        source: "台账.xlsx · 第3行".into(),
        number: String::new(),
        cells: vec![],
        routed_on_stated: false,
        closed: Some(LedgerClosure {
            on: None,
            outcome: None,
            result: "问题已协调".into(),
            rating: Some(Satisfaction::Satisfied),
        }),
    };
    let command = Command::Import {
        intake: w.intake(d(2025, 7, 1)),
        ledger: Box::new(ledger),
        steps: vec![],
    };
    w.office.execute(command, at(d(2026, 1, 6))).unwrap();
    let report = Report::compute(&w.office, Period::year(2025).unwrap(), Scope::All, d(2026, 1, 6));
    for kind in [IndicatorKind::Satisfaction, IndicatorKind::RatingParticipation] {
        let i = report.indicator(kind);
        assert_eq!((i.denominator, i.unjudged), (0, 1), "{i}");
    }
    let july =
        Report::compute(&w.office, Period::month(2025, 7).unwrap(), Scope::All, d(2026, 1, 6));
    assert_eq!(july.indicator(IndicatorKind::Satisfaction).unjudged, 1);
    let june =
        Report::compute(&w.office, Period::month(2025, 6).unwrap(), Scope::All, d(2026, 1, 6));
    assert_eq!(june.indicator(IndicatorKind::Satisfaction).unjudged, 0);
}
