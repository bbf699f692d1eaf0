//! Property tests: any sequence of commands, valid or not, about cases and
//! the work ledgers mixed, keeps the invariants; replaying the log gives
//! the same office; redoing one tab's commands on another tab's save
//! (rebase) keeps them too; nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::{at, d, reply_action, World};
use chrono::Days;
use proptest::prelude::*;
use xinfang_core::case::{
    ContactMethod, DeclineKind, Proceeding, ReviewLevel, ReviewOutcome, Routing, Satisfaction,
    SupervisionKind,
};
use xinfang_core::ids::{BacklogId, MeetingId, ReceptionId};
use xinfang_core::rebase::Pending;
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::meeting::{Meeting, MeetingKind};
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft};
use xinfang_core::work::reception::{CaseLink, CaseLinkKind, Reception, ReceptionKind};
use xinfang_core::{
    Action, CaseId, Change, Command, Disposal, Done, FiveFixes, Office, Stage, WorkLedgers,
};

/// A command in a compact form proptest can generate and shrink.
#[derive(Debug, Clone)]
enum Step {
    Register,
    Route {
        case: u8,
        disposal: u8,
    },
    Decline {
        case: u8,
        refiling: bool,
    },
    Accept {
        case: u8,
    },
    /// Art. 31: directed into a statutory procedure.
    Direct {
        case: u8,
        procedure: u8,
    },
    Extend {
        case: u8,
        days: u32,
    },
    Reply {
        case: u8,
    },
    SendBack {
        case: u8,
        days: u32,
    },
    Review {
        case: u8,
        rereview: bool,
        county: bool,
    },
    Hearing {
        case: u8,
        days: u64,
    },
    Decide {
        case: u8,
        rereview: bool,
        outcome: u8,
    },
    Supervise {
        case: u8,
        kind: u8,
    },
    Close {
        case: u8,
        no: u32,
    },
    FollowUp {
        case: u8,
    },
    Rate {
        case: u8,
        level: u8,
    },
    Settle {
        case: u8,
    },
    Link {
        case: u8,
        earlier: u8,
    },
    /// The natural next step for the case's stage, so that sequences reach
    /// the far end of the chain (review, re-review, termination, re-filing).
    Advance {
        case: u8,
        variant: u8,
    },
    /// A reception, with a case registered there.
    Reception {
        case: u8,
    },
    LinkReception {
        reception: u8,
        case: u8,
    },
    RemoveReception {
        reception: u8,
    },
    Backlog {
        case: u8,
    },
    BacklogStatus {
        entry: u8,
        resolved: bool,
    },
    Meeting {
        case: u8,
    },
    /// A leader owns a case, citing a meeting as its record.
    Own {
        case: u8,
        meeting: u8,
    },
    RemoveMeeting {
        meeting: u8,
    },
    /// Ledgers kept beside the record by an earlier version come in.
    Adopt,
}

fn step() -> impl Strategy<Value = Step> {
    let c = 0u8..4;
    prop_oneof![
        3 => Just(Step::Register),
        24 => (c.clone(), 0u8..6).prop_map(|(case, variant)| Step::Advance { case, variant }),
        1 => (c.clone(), 0u8..3).prop_map(|(case, disposal)| Step::Route { case, disposal }),
        1 => (c.clone(), any::<bool>()).prop_map(|(case, refiling)| Step::Decline { case, refiling }),
        2 => c.clone().prop_map(|case| Step::Accept { case }),
        1 => (c.clone(), 0u8..5).prop_map(|(case, procedure)| Step::Direct { case, procedure }),
        1 => (c.clone(), 0u32..40).prop_map(|(case, days)| Step::Extend { case, days }),
        2 => c.clone().prop_map(|case| Step::Reply { case }),
        1 => (c.clone(), 0u32..30).prop_map(|(case, days)| Step::SendBack { case, days }),
        1 => (c.clone(), any::<bool>(), any::<bool>()).prop_map(|(case, rereview, county)| Step::Review { case, rereview, county }),
        1 => (c.clone(), 0u64..5).prop_map(|(case, days)| Step::Hearing { case, days }),
        1 => (c.clone(), any::<bool>(), 0u8..3).prop_map(|(case, rereview, outcome)| Step::Decide { case, rereview, outcome }),
        1 => (c.clone(), 0u8..5).prop_map(|(case, kind)| Step::Supervise { case, kind }),
        1 => (c.clone(), 0u32..4).prop_map(|(case, no)| Step::Close { case, no }),
        1 => c.clone().prop_map(|case| Step::FollowUp { case }),
        1 => (c.clone(), 0u8..3).prop_map(|(case, level)| Step::Rate { case, level }),
        1 => c.clone().prop_map(|case| Step::Settle { case }),
        1 => (c.clone(), c.clone()).prop_map(|(case, earlier)| Step::Link { case, earlier }),
        2 => c.clone().prop_map(|case| Step::Reception { case }),
        1 => (0u8..3, c.clone()).prop_map(|(reception, case)| Step::LinkReception { reception, case }),
        1 => (0u8..3).prop_map(|reception| Step::RemoveReception { reception }),
        2 => c.clone().prop_map(|case| Step::Backlog { case }),
        1 => (0u8..3, any::<bool>()).prop_map(|(entry, resolved)| Step::BacklogStatus { entry, resolved }),
        1 => c.clone().prop_map(|case| Step::Meeting { case }),
        1 => (c, 0u8..3).prop_map(|(case, meeting)| Step::Own { case, meeting }),
        1 => (0u8..3).prop_map(|meeting| Step::RemoveMeeting { meeting }),
        1 => Just(Step::Adopt),
    ]
}

/// A work step as a command: records and cases named by small numbers, so
/// that some exist and some do not.
fn work_command(w: &World, step: &Step, today: chrono::NaiveDate) -> Option<Command> {
    let id = |c: &u8| CaseId::new(u32::from(*c) + 1);
    let n = |x: &u8| u32::from(*x) + 1;
    let leader = w.person("县人民政府", "于振华");
    let reception = |case: &u8| {
        let mut r = Reception::new(leader, today, "县群众服务大厅", ReceptionKind::RotaDay);
        r.head_count = 3;
        r.link_new_case(id(case));
        r
    };
    let change = match step {
        Step::Reception { case } => WorkChange::RecordReception(reception(case)),
        Step::LinkReception { reception, case } => WorkChange::LinkReceptionCase(
            ReceptionId::new(n(reception)),
            CaseLink { case: id(case), how: CaseLinkKind::TakenOver },
        ),
        Step::RemoveReception { reception } => {
            WorkChange::RemoveReception(ReceptionId::new(n(reception)))
        }
        Step::Backlog { case } => WorkChange::ListBacklog(BacklogCase::new(
            id(case),
            today,
            leader,
            "分类化解",
            today.checked_add_days(Days::new(90)).unwrap(),
        )),
        Step::BacklogStatus { entry, resolved } => WorkChange::SetBacklogStatus(
            BacklogId::new(n(entry)),
            if *resolved { BacklogStatus::Resolved { on: today } } else { BacklogStatus::Open },
        ),
        Step::Meeting { case } => {
            let mut m = Meeting::new(MeetingKind::Coordination, today, "县信访局会议室", leader);
            m.cases = vec![id(case)];
            WorkChange::AddMeeting(m)
        }
        Step::Own { case, meeting } => {
            let mut draft = OwnershipDraft::new(id(case), today);
            draft.leader = Some(leader);
            draft.meeting_record = Some(MeetingRecord::Meeting(MeetingId::new(n(meeting))));
            WorkChange::Own(draft)
        }
        Step::RemoveMeeting { meeting } => WorkChange::RemoveMeeting(MeetingId::new(n(meeting))),
        Step::Adopt => {
            let mut kept = WorkLedgers::default();
            kept.reception.record(reception(&0)).unwrap();
            WorkChange::Adopt(Box::new(kept))
        }
        _ => return None,
    };
    Some(Command::Work(change))
}

fn to_command(w: &World, step: &Step, today: chrono::NaiveDate) -> Command {
    if let Some(work) = work_command(w, step, today) {
        return work;
    }
    let id = |c: &u8| CaseId::new(u32::from(*c) + 1);
    if let Step::Advance { case, variant } = step {
        let v = *variant;
        let Some(current) = w.office.case(id(case)) else {
            return to_command(w, &Step::Register, today);
        };
        let next = match current.stage() {
            Stage::Registered if v == 0 => Step::Decline {
                case: *case,
                refiling: w.office.terminated_matter(current.intake()).is_some(),
            },
            Stage::Registered => Step::Route { case: *case, disposal: v % 3 },
            Stage::Routed if v == 0 => Step::Decline { case: *case, refiling: false },
            Stage::Routed if v == 5 => Step::Direct { case: *case, procedure: 1 },
            Stage::Routed => Step::Accept { case: *case },
            Stage::Handling if v == 0 => Step::Extend { case: *case, days: 30 },
            Stage::Handling if v == 1 => Step::Supervise { case: *case, kind: v },
            Stage::Handling => Step::Reply { case: *case },
            Stage::Replied if v == 0 => Step::Rate { case: *case, level: v % 3 },
            Stage::Replied if v == 1 => Step::SendBack { case: *case, days: 20 },
            Stage::Replied if v == 2 => Step::FollowUp { case: *case },
            Stage::Replied => Step::Review { case: *case, rereview: false, county: true },
            Stage::UnderReview => Step::Decide { case: *case, rereview: false, outcome: v % 3 },
            Stage::Reviewed => Step::Review { case: *case, rereview: true, county: false },
            Stage::UnderReReview if v == 0 => Step::Hearing { case: *case, days: 2 },
            Stage::UnderReReview => Step::Decide { case: *case, rereview: true, outcome: v % 3 },
            Stage::Terminated | Stage::Declined | Stage::Directed | Stage::Archived => {
                let mut intake = w.intake(today);
                intake.repeat_of = Some(id(case));
                return Command::Register { intake };
            }
        };
        return to_command(w, &next, today);
    }
    let act = |c: &u8, action| Command::Act { case: id(c), action };
    match step {
        Step::Register => {
            let mut intake = w.intake(today);
            intake.summary = format!("{}（第{}件）", intake.summary, w.office.cases().len() + 1);
            Command::Register { intake }
        }
        Step::Route { case, disposal } => {
            let lead = w.unit("县人社局");
            let disposal =
                [Disposal::Transfer, Disposal::Assign, Disposal::Direct][*disposal as usize];
            let assignment = (disposal == Disposal::Assign).then(|| {
                FiveFixes {
                    unit: Some(lead),
                    leader: Some(w.person("县人社局", "彭建华")),
                    handler: Some(w.person("县人社局", "郎晓梅")),
                    deadline: today.checked_add_days(Days::new(40)),
                    standard: "依法答复".into(),
                }
                .complete()
                .unwrap()
            });
            act(
                case,
                Action::Route {
                    routing: Routing {
                        on: today,
                        disposal,
                        lead,
                        co_units: vec![],
                        assignment,
                        explanation: String::new(),
                    },
                },
            )
        }
        Step::Decline { case, refiling } => act(
            case,
            Action::Decline {
                on: today,
                kind: if *refiling {
                    DeclineKind::NoLongerAccepted
                } else {
                    DeclineKind::NotAccepted
                },
                reason: "不属于信访事项".into(),
                redirect_to: String::new(),
            },
        ),
        Step::Accept { case } => act(case, Action::Accept { on: today }),
        Step::Direct { case, procedure } => act(
            case,
            Action::Direct {
                on: today,
                procedure: xinfang_core::statute::Procedure::ALL[*procedure as usize],
                reason: "属于劳动争议".into(),
                redirect_to: String::new(),
            },
        ),
        Step::Extend { case, days } => act(
            case,
            Action::Extend {
                on: today,
                days: *days,
                reason: "复杂".into(),
                approved_by: w.person("县人社局", "彭建华"),
            },
        ),
        Step::Reply { case } => act(case, reply_action(today, Some("办结报告"))),
        Step::SendBack { case, days } => act(
            case,
            Action::SendBack {
                on: today,
                reason: "不清".into(),
                redo_by: today.checked_add_days(Days::new(u64::from(*days))).unwrap(),
            },
        ),
        Step::Review { case, rereview, county } => act(
            case,
            Action::RequestReview {
                level: if *rereview { ReviewLevel::ReReview } else { ReviewLevel::Review },
                on: today,
                body: w.unit(if *county { "县人民政府" } else { "市人民政府" }),
            },
        ),
        Step::Hearing { case, days } => act(
            case,
            Action::RecordHearing {
                from: today.checked_sub_days(Days::new(*days)).unwrap(),
                to: today,
            },
        ),
        Step::Decide { case, rereview, outcome } => act(
            case,
            Action::DecideReview {
                level: if *rereview { ReviewLevel::ReReview } else { ReviewLevel::Review },
                on: today,
                outcome: [ReviewOutcome::Uphold, ReviewOutcome::Change, ReviewOutcome::Redo]
                    [*outcome as usize],
                reasons: "理由".into(),
                redo_by: None,
            },
        ),
        Step::Supervise { case, kind } => act(
            case,
            Action::Supervise {
                on: today,
                kind: SupervisionKind::ALL[*kind as usize],
                unit: w.unit("县人社局"),
                note: "请加快".into(),
                respond_by: None,
            },
        ),
        Step::Close { case, no } => {
            act(case, Action::CloseSupervision { no: *no, on: today, note: "已反馈".into() })
        }
        Step::FollowUp { case } => act(
            case,
            Action::FollowUp { on: today, method: ContactMethod::Phone, note: "已回访".into() },
        ),
        Step::Rate { case, level } => act(
            case,
            Action::Rate {
                on: today,
                level: [
                    Satisfaction::Satisfied,
                    Satisfaction::Basically,
                    Satisfaction::Dissatisfied,
                ][*level as usize],
            },
        ),
        Step::Settle { case } => act(case, Action::Settle { on: today, note: "签字息诉".into() }),
        Step::Link { case, earlier } => act(case, Action::LinkRepeat { earlier: id(earlier) }),
        Step::Advance { .. } => unreachable!("handled above"),
        _ => unreachable!("work steps are handled above"),
    }
}

/// The work ledgers are the fold of the log's work events, and only of
/// them.
fn check_work(office: &Office) {
    let mut work = WorkLedgers::default();
    for event in office.log().entries().iter().filter_map(|e| e.event.as_work()) {
        work.change(event.work.clone()).expect("a recorded change applies");
    }
    assert_eq!(&work, office.work());
}

fn check_invariants(office: &Office) {
    let (clock, cal) = (&office.settings().clock, &office.settings().calendar);
    for case in office.cases() {
        let stage = case.stage();
        // Acceptance starts the chain; nothing is handled before routing.
        if !case.proceedings().is_empty() {
            assert!(case.routing().is_some(), "handled without routing");
            assert!(
                matches!(case.proceedings()[0], Proceeding::Handling(_)),
                "chain starts with handling"
            );
        }
        // A review follows a reply; a 复核 follows a 复查.
        for (i, p) in case.proceedings().iter().enumerate() {
            if let Proceeding::Review(r) = p {
                let before = &case.proceedings()[..i];
                match r.level {
                    ReviewLevel::Review => assert!(
                        matches!(before.last(), Some(Proceeding::Handling(h)) if h.reply.is_some()),
                        "复查 without a reply before it"
                    ),
                    ReviewLevel::ReReview => assert!(
                        matches!(before.last(), Some(Proceeding::Review(prev)) if prev.level == ReviewLevel::Review && prev.decision.is_some()),
                        "复核 without a decided 复查 before it"
                    ),
                }
            }
        }
        // At most one extension, of at most the maximum.
        let extensions: Vec<_> = case
            .proceedings()
            .iter()
            .filter_map(|p| match p {
                Proceeding::Handling(h) => h.extension.as_ref(),
                Proceeding::Review(_) => None,
            })
            .collect();
        assert!(extensions.len() <= 1);
        assert!(extensions.iter().all(|e| e.days >= 1 && e.days <= clock.max_extension_days));
        // A declined case was never accepted; ratings need a reply.
        if stage == Stage::Declined {
            assert!(case.proceedings().is_empty());
        }
        if case.rating().is_some() || case.settlement().is_some() || !case.follow_ups().is_empty() {
            assert!(case.first_reply().is_some());
        }
        // What is owed exists exactly for open stages.
        assert_eq!(case.next_due(clock, cal).is_some(), !stage.is_concluded(), "{stage:?}");
        // Supervision numbers are 1..=n.
        for (i, s) in case.supervision().iter().enumerate() {
            assert_eq!(s.no as usize, i + 1);
        }
        if let Some(earlier) = case.intake().repeat_of {
            assert!(earlier < case.id());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_command_sequence_keeps_the_invariants(steps in prop::collection::vec((step(), 0u64..6), 1..80)) {
        let mut w = World::new();
        let mut today = d(2024, 12, 20);
        for (step, gap) in &steps {
            today = today.checked_add_days(Days::new(*gap)).unwrap();
            let command = to_command(&w, step, today);
            let before = w.office.clone();
            match w.office.execute(command, at(today)) {
                Ok(_) => {}
                // A refused command changes nothing.
                Err(_) => prop_assert_eq!(&w.office, &before),
            }
            check_invariants(&w.office);
        }
        check_work(&w.office);
        prop_assert!(w.office.log().verify().is_ok());
        // Replaying the log gives the same office, and so does the stored form.
        let replayed = Office::replay(w.office.settings().clone(), w.office.log().clone()).unwrap();
        prop_assert_eq!(&replayed, &w.office);
        prop_assert_eq!(Office::from_json(&w.office.to_json()).unwrap(), w.office);
    }

    #[test]
    fn redoing_a_tabs_commands_on_another_tabs_save_keeps_the_invariants(
        base in prop::collection::vec((step(), 0u64..4), 0..20),
        ours in prop::collection::vec((step(), 0u64..4), 1..30),
        theirs in prop::collection::vec((step(), 0u64..4), 0..30),
    ) {
        let mut w = World::new();
        let mut today = d(2024, 12, 20);
        let run = |w: &mut World, steps: &[(Step, u64)], start: chrono::NaiveDate| {
            let mut today = start;
            let mut pending = Vec::new();
            for (step, gap) in steps {
                today = today.checked_add_days(Days::new(*gap)).unwrap();
                let command = to_command(w, step, today);
                if let Ok(done) = w.office.execute(command.clone(), at(today)) {
                    pending.push(Pending { command, at: at(today), done });
                }
            }
            (pending, today)
        };
        (_, today) = run(&mut w, &base, today);
        let mut mine = World { office: w.office.clone() };
        let mut other = World { office: w.office.clone() };
        let (pending, _) = run(&mut mine, &ours, today);
        run(&mut other, &theirs, today);

        // On the record it was made on, the redo is the same record.
        let mut same = w.office.clone();
        let again = same.rebase(&pending);
        prop_assert!(again.refused.is_empty(), "{:?}", again.refused);
        prop_assert_eq!(again.moved.moved_cases().count() + again.moved.moved_records().count(), 0);
        prop_assert_eq!(&same, &mine.office);

        // On another tab's save: that save is kept as it is, the redo
        // follows it, and every invariant holds.
        let saved = other.office.log().clone();
        let rebased = other.office.rebase(&pending);
        let log = other.office.log();
        prop_assert_eq!(&log.entries()[..saved.len()], saved.entries());
        prop_assert_eq!(rebased.redone.len() + rebased.refused.len(), pending.len());
        check_invariants(&other.office);
        check_work(&other.office);
        let replayed = Office::replay(other.office.settings().clone(), log.clone()).unwrap();
        prop_assert_eq!(&replayed, &other.office);
        // A case this tab registered is there under its new id.
        for (was, now) in rebased.moved.moved_cases() {
            let (a, b) = (mine.office.case(was).unwrap(), other.office.case(now).unwrap());
            prop_assert_eq!(&a.intake().summary, &b.intake().summary);
        }
        // A redone command names the same cases as it did in this tab
        // (told apart by their summaries, numbered per tab).
        let refused: Vec<usize> = rebased.refused.iter().map(|r| r.index).collect();
        let kept = pending.iter().enumerate().filter(|(i, _)| !refused.contains(i));
        let summary = |o: &Office, id: CaseId| o.case(id).map(|c| c.intake().summary.clone());
        for ((_, was), now) in kept.zip(&rebased.redone) {
            let named = |c: &Command| match c {
                Command::Act { case, .. } => vec![*case],
                Command::Work(WorkChange::ListBacklog(b)) => vec![b.case],
                Command::Work(WorkChange::RecordReception(r)) => r.cases.iter().map(|l| l.case).collect(),
                Command::Work(WorkChange::LinkReceptionCase(_, l)) => vec![l.case],
                Command::Work(WorkChange::AddMeeting(m)) => m.cases.clone(),
                Command::Work(WorkChange::Own(o)) => vec![o.case],
                _ => vec![],
            };
            for (a, b) in named(&was.command).into_iter().zip(named(&now.command)) {
                prop_assert_eq!(summary(&mine.office, a), summary(&other.office, b));
            }
        }
        // A redone registration registered what it says, under the id it
        // reports.
        for p in &rebased.redone {
            if let (Done::Registered(id), Command::Register { intake }) = (p.done, &p.command) {
                let first = other.office.history(id).next().map(|e| &e.event.change);
                let registered = matches!(first, Some(Change::Registered { intake: i, .. }) if i == intake);
                prop_assert!(registered, "{:?}", first);
            }
        }
    }

    #[test]
    fn loading_arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = Office::from_json(&text);
    }

    #[test]
    fn identity_numbers_never_panic(text in "[0-9Xx]{0,20}") {
        let _ = xinfang_core::IdNumber::parse(&text);
        let _ = xinfang_core::Phone::parse(&text);
    }
}
