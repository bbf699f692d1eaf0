//! One history for the whole office: the work ledgers' changes are events
//! in the same hash-chained log as the cases' (全程留痕), replayed with the
//! same record ids, stored and loaded with the cases, taken over from the
//! ledgers earlier versions kept beside the record, and done in batches
//! all or nothing.

use crate::common::{at, d, World};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::event::{Event, WorkEvent};
use xinfang_core::ids::Added;
use xinfang_core::ids::{BacklogId, MeetingId, ReceptionId};
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft};
use xinfang_core::work::reception::{Reception, ReceptionKind, RotaPattern, RotaRule};
use xinfang_core::work::screening::{Cadence, ScreeningLevel};
use xinfang_core::work::WorkTargets;
use xinfang_core::{
    Action, CaseError, CaseId, Command, Done, EventLog, LoadError, Office, WorkError, WorkLedgers,
};

/// The county leader 于振华 receives at the service hall on `on`.
fn reception(w: &World, on: chrono::NaiveDate, people: u32) -> Reception {
    let leader = w.person("县人民政府", "于振华");
    let mut r = Reception::new(leader, on, "县群众服务大厅", ReceptionKind::RotaDay);
    r.head_count = people;
    r
}

fn backlog(w: &World, case: CaseId, on: chrono::NaiveDate) -> BacklogCase {
    let leader = w.person("县人民政府", "于振华");
    BacklogCase::new(case, on, leader, "逐户核实、分类化解", d(2025, 6, 30))
}

#[wasm_bindgen_test(unsupported = test)]
fn work_changes_are_events_of_the_log_and_replay_with_the_same_ids() {
    let mut w = World::new();
    // Sunday 26 January 2025 is a make-up working day before the Spring
    // Festival: a case registered and a reception held that day.
    let jan26 = d(2025, 1, 26);
    let case = w.register(jan26);
    let mut held = reception(&w, jan26, 14);
    held.link_new_case(case);
    let first = w.work(jan26, WorkChange::RecordReception(held)).unwrap();
    assert_eq!(first, Done::Added(Added::Reception(ReceptionId::new(1))));
    // One entered by mistake and removed: its id is not handed out again.
    let mistaken =
        w.work(d(2025, 2, 5), WorkChange::RecordReception(reception(&w, d(2025, 2, 5), 3)));
    assert_eq!(mistaken, Ok(Done::Added(Added::Reception(ReceptionId::new(2)))));
    let removed = w.work(d(2025, 2, 5), WorkChange::RemoveReception(ReceptionId::new(2)));
    assert_eq!(removed, Ok(Done::WorkChanged));
    let listed = w.work(d(2025, 2, 6), WorkChange::ListBacklog(backlog(&w, case, d(2025, 2, 6))));
    assert_eq!(listed, Ok(Done::Added(Added::Backlog(BacklogId::new(1)))));
    let weekly = WorkChange::SetCadence(ScreeningLevel::Village, Cadence::Weekly);
    assert_eq!(w.work(d(2025, 2, 6), weekly), Ok(Done::WorkChanged));
    w.transfer(case, d(2025, 2, 7), "县人社局");

    // Everything is in the one log, in order, and the ledgers are its fold.
    let office = &w.office;
    let kinds: Vec<&str> = office
        .log()
        .entries()
        .iter()
        .map(|e| match &e.event {
            Event::Case(_) => "case",
            Event::Work(_) => "work",
        })
        .collect();
    assert_eq!(kinds, ["case", "work", "work", "work", "work", "work", "case"]);
    assert!(office.log().verify().is_ok());
    assert_eq!(
        office.work().reception.receptions().map(|r| r.id()).collect::<Vec<_>>(),
        [ReceptionId::new(1)]
    );
    assert_eq!(office.work().backlog.iter().next().map(|b| b.case), Some(case));
    // A case's history is its own events only, with their place in the log.
    let seqs: Vec<u64> = office.history(case).map(|e| e.seq).collect();
    assert_eq!(seqs, [0, 6]);

    // Replayed and reloaded: the same office, ledgers and counters included.
    let replayed = Office::replay(office.settings().clone(), office.log().clone()).unwrap();
    assert_eq!(&replayed, office);
    let json = office.to_json();
    assert!(json.contains(r#""format_version":3"#));
    assert!(json.contains(r#"{"at":"2025-01-26T09:00:00","work":{"change":"record_reception""#));
    let mut loaded = Office::from_json(&json).unwrap();
    assert_eq!(&loaded, office);
    let next = WorkChange::RecordReception(reception(&w, d(2025, 2, 17), 9));
    let again = loaded.execute(Command::Work(next), at(d(2025, 2, 17))).unwrap();
    assert_eq!(again, Done::Added(Added::Reception(ReceptionId::new(3))));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_refused_work_change_changes_nothing_and_gives_the_ledgers_reason() {
    let mut w = World::new();
    let case = w.register(d(2025, 3, 3));
    w.work(d(2025, 3, 4), WorkChange::ListBacklog(backlog(&w, case, d(2025, 3, 4)))).unwrap();
    let before = w.office.clone();

    let missing = WorkChange::UpdateReception(ReceptionId::new(9), reception(&w, d(2025, 3, 4), 2));
    let err = w.work(d(2025, 3, 4), missing).unwrap_err();
    assert!(matches!(err, CaseError::Work(WorkError::NotFound { .. })), "{err:?}");
    assert_eq!(err.to_string(), "找不到编号为JD9的接待记录");
    let twice = WorkChange::ListBacklog(backlog(&w, case, d(2025, 3, 5)));
    assert_eq!(w.work(d(2025, 3, 5), twice).unwrap_err().to_string(), "案件C1已列入积案台账");
    let resolved = WorkChange::SetBacklogStatus(
        BacklogId::new(1),
        BacklogStatus::Resolved { on: d(2025, 3, 1) },
    );
    assert!(w.work(d(2025, 3, 5), resolved).is_err(), "resolved before it was listed");
    // The office checks what the ledgers cannot: the cases and records named.
    let unknown = WorkChange::ListBacklog(backlog(&w, CaseId::new(9), d(2025, 3, 5)));
    assert_eq!(w.work(d(2025, 3, 5), unknown), Err(CaseError::UnknownCase(CaseId::new(9))));
    let mut owned = OwnershipDraft::new(case, d(2025, 3, 5));
    owned.meeting_record = Some(MeetingRecord::Meeting(MeetingId::new(3)));
    let err = w.work(d(2025, 3, 5), WorkChange::Own(owned)).unwrap_err();
    assert_eq!(err.to_string(), "找不到编号为HY3的会议");
    assert_eq!(w.office, before);
}

/// Ledgers as an earlier version kept them beside the record: a monthly
/// rota, a reception with the case registered there, the case on the
/// backlog ledger, and a target.
fn kept_beside(w: &World, case: CaseId) -> WorkLedgers {
    let leader = w.person("县人民政府", "于振华");
    let mut work = WorkLedgers::default();
    let rule =
        RotaRule::new(leader, "县群众服务大厅", RotaPattern::Monthly { day: 16 }, d(2025, 1, 1));
    work.reception.add_rule(rule).unwrap();
    let mut held = reception(w, d(2025, 3, 17), 23);
    held.link_new_case(case);
    work.reception.record(held).unwrap();
    work.backlog.list(backlog(w, case, d(2025, 4, 1))).unwrap();
    work.targets.three_none = 85;
    work
}

#[wasm_bindgen_test(unsupported = test)]
fn ledgers_kept_beside_the_record_are_adopted_once_as_one_event() {
    let mut w = World::new();
    let case = w.register(d(2025, 3, 17));
    let snapshot = kept_beside(&w, case);

    let done = w.work(d(2025, 6, 3), WorkChange::Adopt(Box::new(snapshot.clone())));
    assert_eq!(done, Ok(Done::WorkChanged));
    assert_eq!(w.office.work(), &snapshot);
    assert_eq!(w.office.log().len(), 2, "the registration and the adoption");
    let loaded = Office::from_json(&w.office.to_json()).unwrap();
    assert_eq!(loaded.work(), &snapshot);
    // Work goes on from the adopted counters.
    let next =
        w.work(d(2025, 6, 16), WorkChange::RecordReception(reception(&w, d(2025, 6, 16), 8)));
    assert_eq!(next, Ok(Done::Added(Added::Reception(ReceptionId::new(2)))));

    // Once the log holds work changes, a snapshot would overwrite them.
    let before = w.office.clone();
    let err = w.work(d(2025, 6, 17), WorkChange::Adopt(Box::new(snapshot.clone()))).unwrap_err();
    assert_eq!(err, CaseError::WorkAlreadyRecorded);
    assert!(err.to_string().contains("并入会覆盖这些变更"), "{err}");
    assert_eq!(w.office, before);

    // Even when the ledgers look empty again: the log is what counts.
    let mut fresh = World::new();
    let case = fresh.register(d(2025, 3, 17));
    fresh.work(d(2025, 3, 18), WorkChange::SetTargets(WorkTargets::default())).unwrap();
    assert_eq!(fresh.office.work(), &WorkLedgers::default());
    let late = fresh.work(d(2025, 6, 3), WorkChange::Adopt(Box::new(kept_beside(&fresh, case))));
    assert_eq!(late, Err(CaseError::WorkAlreadyRecorded));

    // The ledgers themselves take a snapshot only when empty.
    let mut work = kept_beside(&fresh, case);
    let refused = work.change(WorkChange::Adopt(Box::default()));
    assert_eq!(refused, Err(WorkError::NotEmpty));
    assert_eq!(work, kept_beside(&fresh, case));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_work_event_that_does_not_replay_is_reported_not_a_panic() {
    let w = World::new();
    let settings = w.office.settings().clone();
    // A well-chained log whose only event changes a reception never recorded.
    let mut log = EventLog::new();
    let update = WorkChange::UpdateReception(ReceptionId::new(1), reception(&w, d(2025, 3, 4), 1));
    log.append(Event::Work(WorkEvent { at: at(d(2025, 3, 4)), work: update }));
    let err = Office::replay(settings.clone(), log.clone()).unwrap_err();
    assert!(matches!(err, LoadError::BadWork { seq: 0, .. }), "{err:?}");
    assert!(err.to_string().contains("找不到编号为JD1的接待记录"), "{err}");

    // The same through the stored form.
    let stored = format!(
        r#"{{"format":"xinfang-office","format_version":2,"settings":{},"log":{}}}"#,
        serde_json::to_string(&settings).unwrap(),
        serde_json::to_string(&log).unwrap()
    );
    assert!(matches!(Office::from_json(&stored), Err(LoadError::BadWork { seq: 0, .. })));

    // An adoption after work was recorded is not a history this core writes.
    let mut log = EventLog::new();
    let targets = WorkChange::SetTargets(WorkTargets::default());
    log.append(Event::Work(WorkEvent { at: at(d(2025, 3, 4)), work: targets }));
    let adopt = WorkChange::Adopt(Box::default());
    log.append(Event::Work(WorkEvent { at: at(d(2025, 3, 5)), work: adopt }));
    let err = Office::replay(settings.clone(), log).unwrap_err();
    assert!(matches!(err, LoadError::BadWork { seq: 1, .. }), "{err:?}");

    // Applying such an event leaves the office as it was.
    let mut office = Office::new(settings);
    let event = Event::Work(WorkEvent {
        at: at(d(2025, 3, 4)),
        work: WorkChange::RemoveBacklog(BacklogId::new(4)),
    });
    office.apply(event);
    assert!(office.log().is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn a_batch_is_done_whole_or_not_at_all() {
    let mut w = World::new();
    let earlier = w.register(d(2025, 4, 27)); // a make-up working day before Labour Day
    let now = at(d(2025, 4, 30));
    let new_case = w.office.next_case_id();
    assert_eq!(new_case, CaseId::new(2));
    let route = |case| {
        let routing = xinfang_core::case::Routing {
            on: d(2025, 4, 30),
            disposal: xinfang_core::Disposal::Transfer,
            lead: w.unit("县人社局"),
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        };
        Command::Act { case, action: Action::Route { routing } }
    };
    let batch = vec![
        Command::Register { intake: w.intake(d(2025, 4, 30)) },
        route(new_case),
        Command::Work(WorkChange::ListBacklog(backlog(&w, new_case, d(2025, 4, 30)))),
    ];
    let done = w.office.clone().execute_all(batch.clone(), now).unwrap();
    assert_eq!(
        done,
        [
            Done::Registered(new_case),
            Done::Acted(new_case),
            Done::Added(Added::Backlog(BacklogId::new(1)))
        ]
    );

    // The same with a last command the ledgers refuse: nothing of it stays.
    let before = w.office.clone();
    let mut refused = batch;
    refused.push(route(earlier));
    refused.push(Command::Work(WorkChange::ListBacklog(backlog(&w, new_case, d(2025, 4, 30)))));
    let err = w.office.execute_all(refused, now).unwrap_err();
    assert_eq!(err.index, 4);
    assert_eq!(err.to_string(), "第5项未能办理，本批全部未执行：案件C2已列入积案台账");
    assert_eq!(w.office, before);
    // The log was cut back cleanly: the next command chains on as usual.
    assert_eq!(w.register(d(2025, 4, 30)), new_case);
    assert!(w.office.log().verify().is_ok());
    assert!(w.office.work().backlog.iter().next().is_none());
}

#[wasm_bindgen_test(unsupported = test)]
fn merging_takes_the_cases_and_leaves_both_records_work_as_it_is() {
    let hekou = {
        let mut w = World::new();
        let a = w.register(d(2025, 5, 6));
        w.register(d(2025, 5, 7));
        w.work(d(2025, 5, 8), WorkChange::ListBacklog(backlog(&w, a, d(2025, 5, 8)))).unwrap();
        w.office
    };
    let mut county = World::new();
    let own = county.register(d(2025, 5, 5));
    let r = reception(&county, d(2025, 5, 16), 6);
    county.work(d(2025, 5, 16), WorkChange::RecordReception(r)).unwrap();
    county.transfer(own, d(2025, 5, 19), "县住建局");
    let work_before = county.office.work().clone();

    let source = county.unit("河口乡");
    let plan = county.office.plan_merge(&hekou, source, at(d(2025, 6, 3))).unwrap();
    assert_eq!(plan.added.len(), 2);
    assert_eq!(plan.events(), 2 + 2, "two registrations, two records of the merge");
    assert!(county.office.merge(plan));
    assert_eq!(county.office.cases().len(), 3);
    assert_eq!(county.office.work(), &work_before);
    let replayed =
        Office::replay(county.office.settings().clone(), county.office.log().clone()).unwrap();
    assert_eq!(replayed, county.office);
    let again = county.office.plan_merge(&hekou, source, at(d(2025, 6, 4))).unwrap();
    assert_eq!((again.added.len(), again.unchanged), (0, 2));
}

#[wasm_bindgen_test(unsupported = test)]
fn commands_of_every_kind_round_trip_through_json() {
    let w = World::new();
    let commands = vec![
        Command::Register { intake: w.intake(d(2025, 9, 30)) },
        Command::Act { case: CaseId::new(1), action: Action::Accept { on: d(2025, 10, 9) } },
        Command::Work(WorkChange::SetCadence(ScreeningLevel::Unit, Cadence::HalfMonthly)),
        Command::Work(WorkChange::Adopt(Box::new(kept_beside(&w, CaseId::new(1))))),
    ];
    let json = serde_json::to_string(&commands).unwrap();
    assert_eq!(serde_json::from_str::<Vec<Command>>(&json).unwrap(), commands);
}
