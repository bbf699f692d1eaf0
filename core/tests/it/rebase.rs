//! Redoing one tab's unsaved commands on what another tab saved
//! (`Office::rebase`), as a table: what the other tab saved first, this
//! tab's commands (each may name what the earlier ones made here), and
//! what the record must hold afterwards. Every case and work record this
//! tab made gets the next id there, and later commands follow it.

use crate::common::{at, d, World};
use chrono::NaiveDate;
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::case::Routing;
use xinfang_core::ids::Added;
use xinfang_core::ids::{
    BacklogId, HotspotId, MeetingId, OwnershipId, ReceptionId, RotaRuleId, RoundId,
};
use xinfang_core::rebase::{Pending, Rebased};
use xinfang_core::remap::IdMap;
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::meeting::{Meeting, MeetingKind};
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft};
use xinfang_core::work::reception::{
    CaseLink, CaseLinkKind, Reception, ReceptionKind, RotaPattern, RotaRule,
};
use xinfang_core::work::screening::{Hotspot, ScreeningRound, ScreeningScope};
use xinfang_core::{Action, CaseId, Command, Disposal, Done, Office};

/// The day both tabs work on: Monday 17 March 2025 (the 16th, a Sunday,
/// moved the reception day).
fn day() -> NaiveDate {
    d(2025, 3, 17)
}

fn leader(w: &World) -> xinfang_core::PersonId {
    w.person("县人民政府", "于振华")
}

fn reception(w: &World, people: u32) -> Reception {
    let mut r = Reception::new(leader(w), day(), "县群众服务大厅", ReceptionKind::RotaDay);
    r.head_count = people;
    r
}

fn register(w: &World, summary: &str) -> Command {
    Command::Register {
        intake: xinfang_core::Intake { summary: summary.into(), ..w.intake(day()) },
    }
}

fn backlog(w: &World, case: CaseId) -> Command {
    let entry = BacklogCase::new(case, day(), leader(w), "分类化解", d(2025, 6, 30));
    Command::Work(WorkChange::ListBacklog(entry))
}

fn meeting(w: &World, cases: Vec<CaseId>) -> Command {
    let mut m = Meeting::new(MeetingKind::Joint, day(), "县委会议室", leader(w));
    m.title = "信访工作联席会议".into();
    m.cases = cases;
    Command::Work(WorkChange::AddMeeting(m))
}

fn round(w: &World) -> Command {
    let scope = ScreeningScope::Unit(w.unit("河口乡"));
    let r = ScreeningRound {
        scope,
        date: day(),
        by: "乡综治中心".into(),
        issues_found: 2,
        campaign: String::new(),
        notes: String::new(),
    };
    Command::Work(WorkChange::RecordRound(r))
}

fn hotspot(w: &World, round: Option<RoundId>) -> Hotspot {
    let mut h = Hotspot::new(
        "东岗村土地承包合同到期续签纠纷",
        "河口乡东岗村",
        30,
        leader(w),
        w.unit("河口乡"),
        "逐户核实合同",
        day(),
        d(2025, 4, 30),
    );
    h.round = round;
    h
}

fn rota_rule(w: &World) -> RotaRule {
    RotaRule::new(leader(w), "县群众服务大厅", RotaPattern::Monthly { day: 16 }, d(2025, 1, 1))
}

/// What an earlier command of this tab made here.
fn case(done: &[Done], i: usize) -> CaseId {
    done[i].case().expect("a case")
}

fn added<T>(done: &[Done], i: usize, pick: impl Fn(Added) -> Option<T>) -> T {
    done[i].added().and_then(pick).expect("a record of that kind")
}

type Ours = fn(&World, &[Done]) -> Command;

struct Scenario {
    name: &'static str,
    /// What the other tab saved first.
    theirs: fn(&World) -> Vec<Command>,
    /// This tab's commands, each given what the earlier ones did here.
    ours: Vec<Ours>,
    /// The record afterwards, what the rebase said, and this tab's record.
    then: fn(&Office, &Rebased, &Office),
}

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "a reception and the case registered there move together",
            theirs: |w| {
                vec![
                    Command::Work(WorkChange::RecordReception(reception(w, 5))),
                    register(w, "乙页登记"),
                ]
            },
            ours: vec![
                |w, _| Command::Work(WorkChange::RecordReception(reception(w, 12))),
                |w, _| register(w, "接访现场登记"),
                |_, done| {
                    let r = added(done, 0, |a| match a {
                        Added::Reception(r) => Some(r),
                        _ => None,
                    });
                    let link = CaseLink { case: case(done, 1), how: CaseLinkKind::Created };
                    Command::Work(WorkChange::LinkReceptionCase(r, link))
                },
            ],
            then: |o, r, _| {
                assert_eq!(r.moved.case(CaseId::new(2)), Ok(CaseId::new(3)));
                assert_eq!(r.moved.record(ReceptionId::new(1)), Ok(ReceptionId::new(2)));
                let ours = o.work().reception.reception(ReceptionId::new(2)).unwrap();
                assert_eq!(ours.head_count, 12);
                assert_eq!(
                    ours.cases,
                    [CaseLink { case: CaseId::new(3), how: CaseLinkKind::Created }]
                );
                assert!(o
                    .work()
                    .reception
                    .reception(ReceptionId::new(1))
                    .unwrap()
                    .cases
                    .is_empty());
                assert_eq!(o.case(CaseId::new(3)).unwrap().intake().summary, "接访现场登记");
            },
        },
        Scenario {
            name: "a case registered here and listed on the backlog ledger",
            theirs: |w| vec![register(w, "乙页登记")],
            ours: vec![|w, _| register(w, "甲页登记"), |w, done| backlog(w, case(done, 0))],
            then: |o, r, _| {
                assert!(r.refused.is_empty());
                let entry = o.work().backlog.iter().next().unwrap();
                assert_eq!(entry.case, CaseId::new(3));
                assert_eq!(o.case(CaseId::new(3)).unwrap().intake().summary, "甲页登记");
                assert_eq!(
                    r.moved.moved_cases().collect::<Vec<_>>(),
                    [(CaseId::new(2), CaseId::new(3))]
                );
            },
        },
        Scenario {
            name: "a repeat of a case registered here, linked and amended",
            theirs: |w| vec![register(w, "乙页登记"), register(w, "乙页再登记")],
            ours: vec![
                |w, _| register(w, "初次反映拖欠工资"),
                |w, done| Command::Register {
                    intake: xinfang_core::Intake {
                        summary: "再次反映拖欠工资".into(),
                        repeat_of: Some(case(done, 0)),
                        ..w.intake(day())
                    },
                },
                |w, _| register(w, "第三次反映"),
                |_, done| Command::Act {
                    case: case(done, 2),
                    action: Action::LinkRepeat { earlier: case(done, 0) },
                },
            ],
            then: |o, r, _| {
                assert!(r.refused.is_empty(), "{:?}", r.refused);
                assert_eq!(
                    o.case(CaseId::new(5)).unwrap().intake().repeat_of,
                    Some(CaseId::new(4))
                );
                assert_eq!(
                    o.case(CaseId::new(6)).unwrap().intake().repeat_of,
                    Some(CaseId::new(4))
                );
                assert_eq!(o.case(CaseId::new(3)).unwrap().intake().repeat_of, None);
            },
        },
        Scenario {
            name: "a meeting on a case registered here, and the ownership citing the meeting",
            theirs: |w| vec![meeting(w, vec![]), register(w, "乙页登记")],
            ours: vec![
                |w, _| register(w, "征地补偿纠纷"),
                |w, done| meeting(w, vec![case(done, 0)]),
                |w, done| {
                    let m = added(done, 1, |a| match a {
                        Added::Meeting(m) => Some(m),
                        _ => None,
                    });
                    let mut draft = OwnershipDraft::new(case(done, 0), day());
                    draft.leader = Some(leader(w));
                    draft.meeting_record = Some(MeetingRecord::Meeting(m));
                    Command::Work(WorkChange::Own(draft))
                },
            ],
            then: |o, r, _| {
                assert!(r.refused.is_empty(), "{:?}", r.refused);
                assert_eq!(
                    o.work().meetings.get(MeetingId::new(2)).unwrap().cases,
                    [CaseId::new(3)]
                );
                let owned = o.work().ownership.get(OwnershipId::new(1)).unwrap();
                assert_eq!(owned.case, CaseId::new(3));
                assert_eq!(owned.meeting_record, Some(MeetingRecord::Meeting(MeetingId::new(2))));
            },
        },
        Scenario {
            name: "a hotspot found by a round recorded here, then the case it became",
            theirs: |w| vec![round(w), register(w, "乙页登记")],
            ours: vec![
                |w, _| round(w),
                |w, done| {
                    let r = added(done, 0, |a| match a {
                        Added::Round(r) => Some(r),
                        _ => None,
                    });
                    Command::Work(WorkChange::AddHotspot(hotspot(w, Some(r))))
                },
                |w, _| register(w, "土地承包纠纷转为信访件"),
                |_, done| {
                    let h = added(done, 1, |a| match a {
                        Added::Hotspot(h) => Some(h),
                        _ => None,
                    });
                    Command::Work(WorkChange::LinkHotspotCase(h, Some(case(done, 2))))
                },
            ],
            then: |o, r, _| {
                assert!(r.refused.is_empty(), "{:?}", r.refused);
                let h = o.work().screening.hotspot(HotspotId::new(1)).unwrap();
                assert_eq!(h.round, Some(RoundId::new(2)));
                assert_eq!(h.case, Some(CaseId::new(3)));
            },
        },
        Scenario {
            name: "a rota rule added here and corrected: the other tab's rule is left alone",
            theirs: |w| vec![Command::Work(WorkChange::AddRotaRule(rota_rule(w)))],
            ours: vec![
                |w, _| Command::Work(WorkChange::AddRotaRule(rota_rule(w))),
                |w, done| {
                    let id = added(done, 0, |a| match a {
                        Added::RotaRule(r) => Some(r),
                        _ => None,
                    });
                    let mut rule = rota_rule(w);
                    rule.place = "县信访局接待室".into();
                    Command::Work(WorkChange::UpdateRotaRule(id, rule))
                },
                |_, done| {
                    let id = added(done, 0, |a| match a {
                        Added::RotaRule(r) => Some(r),
                        _ => None,
                    });
                    Command::Work(WorkChange::EndRotaRule(id, d(2025, 6, 30)))
                },
            ],
            then: |o, r, _| {
                assert!(r.refused.is_empty(), "{:?}", r.refused);
                let theirs = o.work().reception.rule(RotaRuleId::new(1)).unwrap();
                assert_eq!((theirs.place.as_str(), theirs.until), ("县群众服务大厅", None));
                let ours = o.work().reception.rule(RotaRuleId::new(2)).unwrap();
                assert_eq!(
                    (ours.place.as_str(), ours.until),
                    ("县信访局接待室", Some(d(2025, 6, 30)))
                );
            },
        },
        Scenario {
            name: "a change refused on redo takes the changes that depend on it along",
            theirs: |w| vec![backlog(w, CaseId::new(1))],
            ours: vec![
                |w, _| backlog(w, CaseId::new(1)),
                |_, done| {
                    let id = added(done, 0, |a| match a {
                        Added::Backlog(b) => Some(b),
                        _ => None,
                    });
                    let on = d(2025, 3, 17);
                    Command::Work(WorkChange::SetBacklogStatus(id, BacklogStatus::Resolved { on }))
                },
                |w, _| register(w, "与积案无关的新件"),
            ],
            then: |o, r, _| {
                let texts: Vec<String> = r.refused.iter().map(|x| x.to_string()).collect();
                assert_eq!(
                    texts,
                    [
                        "列入积案台账：案件C1已列入积案台账",
                        "变更积案状态：所涉及的新增积案JA1未能保存",
                    ]
                );
                assert_eq!(r.refused.iter().map(|x| x.index).collect::<Vec<_>>(), [0, 1]);
                assert_eq!(
                    r.moved.record(BacklogId::new(1)).unwrap_err().to_string(),
                    "所涉及的新增积案JA1未能保存"
                );
                // The other tab's entry keeps its status.
                let theirs = o.work().backlog.iter().next().unwrap();
                assert_eq!(theirs.status, BacklogStatus::Open);
                assert_eq!(r.redone.len(), 1);
                assert_eq!(o.cases().len(), 2);
            },
        },
        Scenario {
            name: "a step the other tab's step made impossible is described with the case number",
            theirs: |_| {
                vec![Command::Act {
                    case: CaseId::new(1),
                    action: Action::Decline {
                        on: d(2025, 3, 17),
                        kind: xinfang_core::case::DeclineKind::NotAccepted,
                        reason: "不属于信访事项".into(),
                        redirect_to: "向人民法院起诉".into(),
                    },
                }]
            },
            ours: vec![|w, _| {
                let routing = Routing {
                    on: day(),
                    disposal: Disposal::Transfer,
                    lead: w.unit("县人社局"),
                    co_units: vec![],
                    assignment: None,
                    explanation: String::new(),
                };
                Command::Act { case: CaseId::new(1), action: Action::Route { routing } }
            }],
            then: |_, r, _| {
                let texts: Vec<String> = r.refused.iter().map(|x| x.to_string()).collect();
                assert_eq!(texts.len(), 1);
                assert!(texts[0].starts_with("XF2025-00001 转送：案件当前为"), "{texts:?}");
            },
        },
        Scenario {
            name: "nothing saved meanwhile: the redo is this tab's record exactly",
            theirs: |_| vec![],
            ours: vec![
                |w, _| register(w, "甲页登记"),
                |w, done| backlog(w, case(done, 0)),
                |w, _| Command::Work(WorkChange::RecordReception(reception(w, 4))),
            ],
            then: |o, r, ours| {
                assert!(r.refused.is_empty());
                assert_eq!(r.moved.moved_cases().count() + r.moved.moved_records().count(), 0);
                assert_eq!(o, ours);
            },
        },
    ]
}

#[wasm_bindgen_test(unsupported = test)]
fn commands_redone_on_another_tabs_save_follow_the_ids_they_made() {
    for s in scenarios() {
        // Both tabs open the same record: one case registered last week.
        let mut base = World::new();
        base.register(d(2025, 3, 10));
        let mut theirs = World { office: base.office.clone() };
        let mut ours = World { office: base.office.clone() };
        for c in (s.theirs)(&theirs) {
            theirs
                .office
                .execute(c, at(day()))
                .unwrap_or_else(|e| panic!("{}: theirs: {e}", s.name));
        }
        let mut done = Vec::new();
        let mut pending = Vec::new();
        for make in &s.ours {
            let command = make(&ours, &done);
            let d = ours.office.execute(command.clone(), at(day()));
            let d = d.unwrap_or_else(|e| panic!("{}: ours: {e}", s.name));
            done.push(d);
            pending.push(Pending { command, at: at(day()), done: d });
        }
        let before = theirs.office.log().len();
        let rebased = theirs.office.rebase(&pending);
        // Whatever was redone is on top of what the other tab saved.
        let log = theirs.office.log();
        assert!(log.verify().is_ok(), "{}", s.name);
        assert!(log.len() >= before + rebased.redone.len(), "{}", s.name);
        assert_eq!(rebased.redone.len() + rebased.refused.len(), pending.len(), "{}", s.name);
        let replayed = Office::replay(theirs.office.settings().clone(), log.clone()).unwrap();
        assert_eq!(replayed, theirs.office, "{}", s.name);
        (s.then)(&theirs.office, &rebased, &ours.office);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn an_id_map_translates_what_it_noted_and_nothing_else() {
    let mut ids = IdMap::new();
    ids.note(Done::Registered(CaseId::new(4)), Some(Done::Registered(CaseId::new(6))));
    ids.note(Done::Registered(CaseId::new(5)), None);
    let (r1, r2) = (ReceptionId::new(1), ReceptionId::new(2));
    ids.note(Done::Added(Added::Reception(r1)), Some(Done::Added(Added::Reception(r2))));
    ids.note(Done::Acted(CaseId::new(1)), Some(Done::Acted(CaseId::new(1))));
    assert_eq!(ids.case(CaseId::new(4)), Ok(CaseId::new(6)));
    assert_eq!(ids.case(CaseId::new(3)), Ok(CaseId::new(3)), "not made by these commands");
    assert_eq!(ids.case(CaseId::new(5)).unwrap_err().to_string(), "所涉及的新登记案件C5未能保存");
    assert_eq!(ids.record(r1), Ok(r2));
    assert_eq!(ids.record(MeetingId::new(1)), Ok(MeetingId::new(1)), "another kind of record");
    assert_eq!(ids.moved_cases().collect::<Vec<_>>(), [(CaseId::new(4), CaseId::new(6))]);
    assert_eq!(
        ids.moved_records().collect::<Vec<_>>(),
        [(Added::Reception(r1), Added::Reception(r2))]
    );
}
