//! The access rule's tests: who sees which case, and an accusation with a
//! marker in every free text run through every projection a unit gets.

use super::*;
use crate::assignment::FiveFixes;
use crate::case::{ContactMethod, SupervisionKind};
use crate::case::{ReplyItem, ReplyOutcome, ReviewDecision, ReviewLevel, ReviewOutcome};
use crate::event::Event;
use crate::export::table_csv;
use crate::ids::PersonId;
use crate::lifecycle::Action;
use crate::lifecycle::{CaseEvent, Change};
use crate::office::Command;
use crate::org::UnitKind;
use crate::petition::{Channel, IdNumber, Petitioner, Phone};
use crate::routing::Disposal;
use crate::settings::Settings;
use crate::statute::Procedure;
use crate::work::backlog::BacklogCase;
use crate::work::meeting::{Decision, Meeting, MeetingKind};
use crate::work::ownership::OwnershipDraft;
use crate::work::reception::{Reception, ReceptionKind};
use crate::work::screening::Hotspot;
use chrono::{NaiveDate, NaiveDateTime};
use wasm_bindgen_test::wasm_bindgen_test;

/// The prefix of every marker: no text a unit gets may contain it.
const MARK: &str = "绝密标记";

fn mark(field: &str) -> String {
    format!("{MARK}{field}")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn at(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(10, 0, 0).unwrap()
}

pub(crate) struct Fixture {
    pub(crate) office: Office,
    /// The settings the office began with.
    pub(crate) settings: Settings,
    /// Everything done to the office, in order: the commands (with their
    /// moment) and the old changes recorded as such a record has them.
    pub(crate) steps: Vec<Recorded>,
    /// The accused unit (a department under `parent`).
    accused: UnitId,
    parent: UnitId,
    /// The unit handling the accusation.
    pub(crate) handler: UnitId,
    other: UnitId,
    /// The accusation, taken through every step with text.
    pub(crate) accusation: CaseId,
    /// An accusation refused, for the refusal's texts.
    declined: CaseId,
    /// An accusation with a direction into a statutory procedure: never
    /// decided for one (art. 31 is for 申诉求决类 matters), but a log
    /// edited by hand or kept elsewhere may hold it, and its texts go too.
    directed: CaseId,
    /// An ordinary case routed to the accused unit.
    pub(crate) ordinary: CaseId,
}

/// One thing the fixture did to its office.
#[derive(Clone)]
pub(crate) enum Recorded {
    /// A command, decided at this moment.
    Command(Command, NaiveDateTime),
    /// An event applied as an old record holds it (never decided now).
    Event(Event),
}

fn marked_intake(office: &Office, purpose: Purpose, accused: Option<UnitId>) -> Intake {
    let s = office.settings();
    Intake {
        received_on: day(3, 3),
        channel: Channel::Visit,
        petitioners: vec![
            Petitioner {
                name: mark("姓名"),
                id_number: Some(IdNumber::parse("11010519491231002X").unwrap()),
                phone: Some(Phone::parse("13812345678").unwrap()),
                address: mark("住址"),
                representative: false,
            },
            Petitioner::named(mark("同行人")),
        ],
        head_count: 2,
        category: s.categories.iter().next().unwrap().id(),
        purpose,
        township: s.org.townships().next().map(crate::org::Unit::id),
        village: mark("村"),
        summary: mark("反映问题"),
        content: mark("内容"),
        escalation: None,
        accused_unit: accused,
        repeat_of: None,
    }
}

pub(crate) fn fixture() -> Fixture {
    let mut settings = Settings::sample_county();
    let org = &mut settings.org;
    let parent = org.add_unit("测试上级局", UnitKind::Department, None).unwrap();
    let accused = org.add_unit("测试被举报所", UnitKind::Department, Some(parent)).unwrap();
    let townships: Vec<UnitId> = org.townships().map(crate::org::Unit::id).collect();
    let (handler, other) = (townships[0], townships[1]);
    let review_body = org.review_body(handler).unwrap();
    let people: Vec<PersonId> =
        org.people().filter(|p| p.unit() == handler).map(crate::org::Person::id).collect();
    let initial = settings.clone();
    let mut office = Office::new(settings);
    let recorded = std::cell::RefCell::new(Vec::new());
    let run = |office: &mut Office, command: Command, on: NaiveDate| {
        recorded.borrow_mut().push(Recorded::Command(command.clone(), at(on)));
        office.execute(command, at(on)).unwrap_or_else(|e| panic!("{e}"))
    };
    let intake = marked_intake(&office, Purpose::Accusation, Some(accused));
    let accusation = run(&mut office, Command::Register { intake }, day(3, 3)).case().unwrap();
    let intake = marked_intake(&office, Purpose::Accusation, Some(accused));
    let declined = run(&mut office, Command::Register { intake }, day(3, 3)).case().unwrap();
    let intake = marked_intake(&office, Purpose::Accusation, Some(accused));
    let directed = run(&mut office, Command::Register { intake }, day(3, 3)).case().unwrap();
    let mut intake = marked_intake(&office, Purpose::Request, None);
    intake.summary = "求决事项".into();
    intake.content = "道路积水".into();
    intake.village = "东岗村".into();
    intake.petitioners = vec![Petitioner::named("求决人")];
    intake.head_count = 1;
    let ordinary = run(&mut office, Command::Register { intake }, day(3, 3)).case().unwrap();

    let assignment = FiveFixes {
        unit: Some(handler),
        leader: Some(people[0]),
        handler: Some(people[1]),
        deadline: Some(day(4, 30)),
        standard: mark("办案质量要求"),
    }
    .complete()
    .unwrap();
    let act = |case, action| Command::Act { case, action };
    // The extension and the review are not open to an accusation (arts.
    // 30, 34–36); a record kept before they were enforced holds them, and
    // their texts must go too: recorded as such a record has them.
    let old = |office: &mut Office, case, on, change| {
        let event = Event::Case(CaseEvent { case, at: at(on), change });
        recorded.borrow_mut().push(Recorded::Event(event.clone()));
        office.apply(event);
    };
    enum Step {
        Act(Action),
        Old(Change),
    }
    let steps = [
        // First sent to the other township, which objects (art. 23): the
        // objection's reason may restate the matter.
        (
            day(3, 3),
            Step::Act(Action::Route {
                routing: Routing {
                    on: day(3, 3),
                    disposal: Disposal::Transfer,
                    lead: other,
                    co_units: vec![],
                    assignment: None,
                    explanation: mark("首次转送说明"),
                },
            }),
        ),
        (day(3, 4), Step::Act(Action::Object { on: day(3, 4), reason: mark("异议理由") })),
        (
            day(3, 4),
            Step::Act(Action::Route {
                routing: Routing {
                    on: day(3, 4),
                    disposal: Disposal::Assign,
                    lead: handler,
                    co_units: vec![],
                    assignment: Some(assignment),
                    explanation: mark("转办说明"),
                },
            }),
        ),
        (day(3, 5), Step::Act(Action::Accept { on: day(3, 5) })),
        (
            day(3, 6),
            Step::Act(Action::Supervise {
                on: day(3, 6),
                kind: SupervisionKind::Written,
                unit: handler,
                note: mark("督办要求"),
                respond_by: Some(day(3, 20)),
            }),
        ),
        (
            day(3, 7),
            Step::Act(Action::CloseSupervision {
                no: 1, on: day(3, 7), note: mark("督办反馈")
            }),
        ),
        (
            day(3, 10),
            Step::Old(Change::Extended {
                extension: crate::case::Extension {
                    on: day(3, 10),
                    days: 30,
                    reason: mark("延期理由"),
                    approved_by: people[0],
                },
            }),
        ),
        (
            day(3, 20),
            Step::Act(Action::Reply {
                on: day(3, 20),
                items: vec![ReplyItem {
                    claim: mark("诉求"),
                    outcome: ReplyOutcome::Explain,
                    basis: mark("依据"),
                }],
                report: Some(mark("办结报告")),
            }),
        ),
        (
            day(3, 21),
            Step::Act(Action::SendBack {
                on: day(3, 21),
                reason: mark("退回理由"),
                redo_by: day(4, 10),
            }),
        ),
        (
            day(4, 1),
            Step::Act(Action::Reply {
                on: day(4, 1),
                items: vec![ReplyItem {
                    claim: mark("再次诉求"),
                    outcome: ReplyOutcome::Support,
                    basis: mark("再次依据"),
                }],
                report: Some(mark("再次报告")),
            }),
        ),
        (
            day(4, 2),
            Step::Old(Change::ReviewRequested {
                level: ReviewLevel::Review,
                on: day(4, 2),
                body: review_body,
            }),
        ),
        (
            day(4, 20),
            Step::Old(Change::ReviewDecided {
                level: ReviewLevel::Review,
                decision: ReviewDecision {
                    on: day(4, 20),
                    outcome: ReviewOutcome::Uphold,
                    reasons: mark("复查理由"),
                    delivery: None,
                },
                redo_by: None,
            }),
        ),
        (
            day(4, 25),
            Step::Act(Action::FollowUp {
                on: day(4, 25),
                method: ContactMethod::Phone,
                note: mark("回访"),
            }),
        ),
        (day(4, 26), Step::Act(Action::Settle { on: day(4, 26), note: mark("息诉") })),
    ];
    for (on, step) in steps {
        match step {
            Step::Act(action) => _ = run(&mut office, act(accusation, action), on),
            Step::Old(change) => old(&mut office, accusation, on, change),
        }
    }
    let before = office.log().len();
    run(
        &mut office,
        act(
            directed,
            Action::Route {
                routing: Routing {
                    on: day(3, 4),
                    disposal: Disposal::Transfer,
                    lead: handler,
                    co_units: vec![],
                    assignment: None,
                    explanation: String::new(),
                },
            },
        ),
        day(3, 4),
    );
    let direction = crate::case::Direction {
        on: day(3, 5),
        procedure: Procedure::Judicial,
        body: handler,
        reason: mark("导入理由"),
        redirect_to: mark("导入去向"),
    };
    old(&mut office, directed, day(3, 5), Change::Directed { direction });
    assert_eq!(office.log().len(), before + 2, "every old change fits");
    run(
        &mut office,
        act(
            declined,
            Action::Decline {
                on: day(3, 4),
                kind: crate::case::DeclineKind::NotAccepted,
                reason: mark("不予受理理由"),
                redirect_to: mark("告知去向"),
            },
        ),
        day(3, 4),
    );
    let route = |lead| Action::Route {
        routing: Routing {
            on: day(3, 4),
            disposal: Disposal::Transfer,
            lead,
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        },
    };
    run(&mut office, act(ordinary, route(accused)), day(3, 4));
    let steps = recorded.into_inner();
    Fixture {
        office,
        settings: initial,
        steps,
        accused,
        parent,
        handler,
        other,
        accusation,
        declined,
        directed,
        ordinary,
    }
}

/// The markers the fixture wrote (each must be present in the full view,
/// so the test cannot pass by a field left empty).
const CASE_FIELDS: [&str; 24] = [
    "姓名",
    "住址",
    "同行人",
    "村",
    "反映问题",
    "内容",
    "办案质量要求",
    "转办说明",
    "督办要求",
    "督办反馈",
    "延期理由",
    "诉求",
    "依据",
    "办结报告",
    "退回理由",
    "再次诉求",
    "再次依据",
    "再次报告",
    "复查理由",
    "回访",
    "息诉",
    "不予受理理由",
    "导入理由",
    "导入去向",
];

#[wasm_bindgen_test(unsupported = test)]
fn a_unit_sees_the_cases_it_handles_and_the_office_sees_all() {
    let f = fixture();
    let org = &f.office.settings().org;
    let (acc, ord) = (f.office.case(f.accusation).unwrap(), f.office.case(f.ordinary).unwrap());
    let unit = Viewer::Unit;
    assert!(unit(f.handler).sees(acc, org) && !unit(f.handler).sees(ord, org));
    assert!(unit(f.accused).sees(ord, org) && !unit(f.accused).sees(acc, org));
    assert!(!unit(f.other).sees(acc, org) && !unit(f.other).sees(ord, org));
    let office_unit = org.petition_office().unwrap();
    assert!(unit(office_unit).sees(acc, org) && unit(office_unit).sees(ord, org));
    assert_eq!(Viewer::Office.access(acc, org), Access::Full);
    assert_eq!(unit(f.handler).access(acc, org), Access::Full);
    assert_eq!(unit(f.accused).access(acc, org), Access::Refused);
    let ids: Vec<_> = unit(f.accused).cases(&f.office).map(Case::id).collect();
    assert_eq!(ids, vec![f.ordinary]);
    let number = acc.number().to_lowercase();
    assert_eq!(unit(f.accused).find_by_number(&f.office, &number), None);
    assert_eq!(unit(f.handler).find_by_number(&f.office, &number), Some(f.accusation));
    assert_eq!(Viewer::Office.find_by_number(&f.office, &number), Some(f.accusation));
    assert_eq!(Viewer::of(None), Viewer::Office);
    assert_eq!(Viewer::of(Some(f.other)).unit(), Some(f.other));
}

#[wasm_bindgen_test(unsupported = test)]
fn an_accusation_is_withheld_from_the_accused_and_the_units_above_it() {
    let f = fixture();
    let org = &f.office.settings().org;
    let case = f.office.case(f.accusation).unwrap();
    assert!(Viewer::Unit(f.accused).withholds(case, org));
    assert!(Viewer::Unit(f.parent).withholds(case, org));
    assert!(!Viewer::Unit(f.handler).withholds(case, org));
    assert!(!Viewer::Unit(f.other).withholds(case, org));
    assert!(!Viewer::Office.withholds(case, org));
    let ordinary = f.office.case(f.ordinary).unwrap();
    assert!(!Viewer::Unit(f.accused).withholds(ordinary, org));
    // Supervised, the accused unit would see the case, never its content.
    assert_eq!(Viewer::Unit(f.accused).summary(case, org), PLACEHOLDER);
    assert_eq!(Viewer::Unit(f.accused).search_text(case, org), vec![case.number()]);
    let words = Viewer::Unit(f.handler).search_text(case, org).concat();
    assert!(words.contains(&mark("内容")) && words.contains(&mark("姓名")));
}

/// Everything a unit can get about the fixture's cases, serialised.
fn everything_for(viewer: Viewer, f: &Fixture) -> String {
    let office = &f.office;
    let org = &office.settings().org;
    let mut out = String::new();
    let mut add = |json: String| out.push_str(&json);
    for id in [f.accusation, f.declined, f.directed, f.ordinary] {
        let case = office.case(id).unwrap();
        add(json(&viewer.case(case, org)));
        add(json(&viewer.summary(case, org).to_string()));
        add(json(&viewer.search_text(case, org)));
        for entry in office.history(id) {
            add(json(&crate::event::Event::Case(crate::lifecycle::CaseEvent {
                change: viewer.change(case, &entry.event.change, org).into_owned(),
                ..entry.event.clone()
            })));
        }
    }
    let table = viewer.ledger_table(office, office.cases(), day(5, 1), Privacy::Full);
    add(json(&String::from_utf8(table_csv(&table)).unwrap()));

    let MarkedWork { backlog, ownership, meeting, reception, hotspot } = marked_work(f);
    add(json(&viewer.backlog(office, &backlog)));
    add(json(&viewer.ownership(office, &ownership)));
    add(json(&viewer.meeting(office, &meeting)));
    add(json(&viewer.reception(office, &reception)));
    add(json(&viewer.hotspot(office, &hotspot)));
    out
}

/// A work record of each kind with a marker in every free text, about the
/// fixture's cases.
pub(crate) struct MarkedWork {
    pub(crate) backlog: BacklogCase,
    pub(crate) ownership: OwnershipDraft,
    pub(crate) meeting: Meeting,
    pub(crate) reception: Reception,
    pub(crate) hotspot: Hotspot,
}

pub(crate) fn marked_work(f: &Fixture) -> MarkedWork {
    let org = &f.office.settings().org;
    let person = org.people().next().unwrap().id();
    let mut backlog =
        BacklogCase::new(f.accusation, day(4, 1), person, &mark("化解方案"), day(6, 1));
    backlog.source = mark("交办来源");
    let ownership = OwnershipDraft {
        plan: mark("包案方案"),
        measures: vec![mark("化解措施")],
        meeting_record: Some(MeetingRecord::Document(mark("纪要文号"))),
        ..OwnershipDraft::new(f.accusation, day(4, 1))
    };
    let mut meeting = Meeting::new(MeetingKind::Joint, day(4, 3), "会议室", person);
    meeting.title = mark("会议标题");
    meeting.other_attendees = mark("列席");
    meeting.cases = vec![f.ordinary, f.accusation];
    meeting.opinion = mark("会议认为");
    meeting.emphasis = mark("会议强调");
    meeting.requirements = vec![mark("会议要求")];
    meeting.decisions = vec![Decision::new(&mark("会议决定"), Some(f.handler), None, None)];
    meeting.minutes_text = Some(mark("纪要正文"));
    let mut reception = Reception::new(person, day(3, 3), "接待室", ReceptionKind::RotaDay);
    reception.matters = vec![mark("接待事项")];
    reception.link_new_case(f.accusation);
    let mut hotspot = Hotspot::new(
        &mark("排查问题"),
        &mark("排查地点"),
        3,
        person,
        f.handler,
        &mark("排查方案"),
        day(3, 1),
        day(5, 1),
    );
    hotspot.case = Some(f.accusation);
    MarkedWork { backlog, ownership, meeting, reception, hotspot }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap()
}

const WORK_FIELDS: [&str; 17] = [
    "化解方案",
    "交办来源",
    "包案方案",
    "化解措施",
    "纪要文号",
    "会议标题",
    "列席",
    "会议认为",
    "会议强调",
    "会议要求",
    "会议决定",
    "纪要正文",
    "接待事项",
    "排查问题",
    "排查地点",
    "排查方案",
    "告知去向",
];

#[wasm_bindgen_test(unsupported = test)]
fn no_text_of_a_withheld_accusation_reaches_the_accused_or_the_units_above_it() {
    let f = fixture();
    // The full view holds every marker: every field was filled.
    let full = everything_for(Viewer::Office, &f);
    for field in CASE_FIELDS.iter().chain(&WORK_FIELDS) {
        assert!(full.contains(&mark(field)), "the fixture never wrote {field}");
    }
    assert!(full.contains("11010519491231002X") && full.contains("13812345678"));
    let handler = everything_for(Viewer::Unit(f.handler), &f);
    assert!(handler.contains(&mark("内容")) && handler.contains(&mark("办案质量要求")));
    for unit in [f.accused, f.parent] {
        let text = everything_for(Viewer::Unit(unit), &f);
        assert!(!text.contains(MARK), "a marker reached the accused: {text}");
        assert!(!text.contains("11010519491231002X") && !text.contains("13812345678"));
        assert!(!text.contains("1949") || !text.contains("002X"), "an identity number part");
        assert!(text.contains(PLACEHOLDER));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn the_ledger_of_a_unit_lists_its_cases_only() {
    let f = fixture();
    let table = Viewer::Unit(f.accused).ledger_table(
        &f.office,
        f.office.cases(),
        day(5, 1),
        Privacy::Masked,
    );
    assert_eq!(table.rows.len(), 1);
    let text = String::from_utf8(table_csv(&table)).unwrap();
    assert!(text.contains("求决事项") && !text.contains(MARK), "{text}");
    let all = Viewer::Office.ledger_table(&f.office, f.office.cases(), day(5, 1), Privacy::Masked);
    assert_eq!(all.rows.len(), 4);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_redacted_case_keeps_its_dates_stage_units_and_people() {
    let f = fixture();
    let case = f.office.case(f.accusation).unwrap();
    let r = redact_case(case);
    assert_eq!((r.id(), r.number(), r.stage()), (case.id(), case.number(), case.stage()));
    let (a, b) = (r.routing().unwrap(), case.routing().unwrap());
    assert_eq!((a.lead, a.disposal, a.on), (b.lead, b.disposal, b.on));
    let (a, b) = (a.assignment.as_ref().unwrap(), b.assignment.as_ref().unwrap());
    assert_eq!(
        (a.unit(), a.leader(), a.handler(), a.deadline()),
        (b.unit(), b.leader(), b.handler(), b.deadline())
    );
    assert_eq!(a.standard(), PLACEHOLDER);
    assert_eq!(r.intake().petitioners.len(), 2);
    assert_eq!(f.office.next_due(&r), f.office.next_due(case));
    // An empty text stays empty: "not given" is no content.
    let ordinary = redact_case(f.office.case(f.ordinary).unwrap());
    assert_eq!(ordinary.routing().unwrap().explanation, "");
}

mod limits;
