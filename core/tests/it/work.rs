//! The office's work beside the cases, against a real office: receptions
//! whose cases are concluded through the lifecycle, screening coverage over
//! the sample county, the 三无 report, the minutes, and storage.

use crate::common::{d, World};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::work::backlog::{BacklogCase, BacklogStatus};
use xinfang_core::work::meeting::{Decision, Meeting, MeetingKind, QuarterFigures};
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft};
use xinfang_core::work::reception::{Reception, ReceptionKind, RotaPattern, RotaRule};
use xinfang_core::work::screening::{ScreeningRound, ScreeningScope, SensitivePeriod, Village};
use xinfang_core::work::Rate;
use xinfang_core::{Channel, Escalation, WorkError, WorkLedgers};

#[wasm_bindgen_test(unsupported = test)]
fn reception_counts_follow_the_cases() {
    let mut w = World::new();
    let leader = w.person("县人民政府", "于振华");
    let mut work = WorkLedgers::default();
    let rule =
        RotaRule::new(leader, "县群众服务大厅", RotaPattern::Monthly { day: 16 }, d(2025, 1, 1));
    work.reception.add_rule(rule).unwrap();
    let china = w.office.settings().calendar.clone();
    let march = work.reception.scheduled(d(2025, 3, 1), d(2025, 3, 31), &china);
    assert_eq!(march.len(), 1);
    assert_eq!(march[0].date, d(2025, 3, 17), "Sunday the 16th moves to Monday");

    // Two cases registered at the reception; one is answered in April.
    let answered = w.accepted_case(d(2025, 3, 17), d(2025, 3, 18));
    let pending = w.accepted_case(d(2025, 3, 17), d(2025, 3, 18));
    let mut held = Reception::new(leader, d(2025, 3, 17), "县群众服务大厅", ReceptionKind::RotaDay);
    held.head_count = 23;
    held.matters = vec!["拖欠务工工资".into(), "拖欠务工工资（同一工地）".into()];
    held.link_new_case(answered);
    held.link_new_case(pending);
    work.reception.record(held).unwrap();

    let q1 = (d(2025, 1, 1), d(2025, 3, 31));
    let before = work.reception.summary(q1.0, q1.1, |id| w.office.is_concluded(id));
    assert_eq!((before.sessions, before.people, before.cases, before.resolved), (1, 23, 2, 0));
    w.reply(answered, d(2025, 4, 10));
    let after = work.reception.summary(q1.0, q1.1, |id| w.office.is_concluded(id));
    assert_eq!(after.resolved, 1);
    assert_eq!(after.resolved_rate(), Rate::new(1, 2));
    // January and February were not held.
    assert_eq!(work.reception.unheld(q1.0, q1.1, &china).len(), 2);
}

#[wasm_bindgen_test(unsupported = test)]
fn screening_coverage_over_the_county() {
    let w = World::new();
    let mut work = WorkLedgers::default();
    let hekou = w.unit("河口乡");
    let village = Village::new(hekou, "东岗村").unwrap();
    work.screening.add_village(village.clone()).unwrap();
    work.screening.add_sensitive_period(
        SensitivePeriod::new("国庆节", d(2025, 9, 30), d(2025, 10, 8)).unwrap(),
    );
    let round = |scope: ScreeningScope, date| ScreeningRound {
        scope,
        date,
        by: "排查工作组".into(),
        issues_found: 0,
        campaign: String::new(),
        notes: String::new(),
    };
    // Every township screens on the 5th and the 20th of September, except
    // 河口乡, which misses the second half.
    for t in w.office.settings().org.townships() {
        work.screening.record_round(round(ScreeningScope::Unit(t.id()), d(2025, 9, 5))).unwrap();
        if t.id() != hekou {
            work.screening
                .record_round(round(ScreeningScope::Unit(t.id()), d(2025, 9, 20)))
                .unwrap();
        }
    }
    // The village screens every Monday; the week of 09-29 also has the
    // daily slot of 09-30 (National Day), which it misses.
    for day in [1, 8, 15, 22, 29] {
        work.screening
            .record_round(round(ScreeningScope::Village(village.clone()), d(2025, 9, day)))
            .unwrap();
    }
    // September: each of the 12 townships owes 2 half months and the daily
    // slot of 09-30 (National Day applies to every scope), which none
    // screened; the village owes its 4 weeks ending in September (09-07 …
    // 09-28) and the same daily slot.
    let rate = work.screening_coverage(&w.office.settings().org, d(2025, 9, 1), d(2025, 9, 30));
    assert_eq!(rate, Rate::new(23 + 4, 12 * 3 + 5));
    assert!(!rate.meets(work.targets.screening_coverage));
    let hekou_cov =
        work.screening.coverage(&ScreeningScope::Unit(hekou), d(2025, 9, 1), d(2025, 9, 30));
    assert_eq!(hekou_cov.rate, Rate::new(1, 3));
    // Up to 09-29 there is no sensitive day yet.
    let rate = work.screening_coverage(&w.office.settings().org, d(2025, 9, 1), d(2025, 9, 29));
    assert_eq!(rate, Rate::new(12 + 4, 12 + 4), "only the first half month is due");
    assert!(rate.meets(work.targets.screening_coverage));
}

#[wasm_bindgen_test(unsupported = test)]
fn three_none_with_one_escalated_visit_and_a_backlog_case() {
    let mut w = World::new();
    let mut work = WorkLedgers::default();
    // 河口乡: a petitioner went to the province (到省) in February.
    let mut escalated = w.intake(d(2025, 2, 17));
    escalated.channel = Channel::Visit;
    escalated.escalation = Some(Escalation::Province);
    w.register_intake(escalated);
    // 柳林镇: an old case on the backlog ledger, still open at the end of March.
    let mut old = w.intake(d(2024, 4, 1));
    old.township = Some(w.unit("柳林镇"));
    let old = w.register_intake(old);
    let leader = w.person("柳林镇", "褚国华");
    let entry = BacklogCase::new(old, d(2024, 10, 1), leader, "镇村两级联合化解", d(2025, 6, 30));
    let listed = work.backlog.list(entry).unwrap();

    let report =
        work.three_none(&w.office.settings().org, w.office.cases(), d(2025, 1, 1), d(2025, 3, 31));
    assert_eq!(report.rate, Rate::new(10, 12));
    assert_eq!(report.target, 80);
    assert!(report.meets_target());
    let hekou = report.township(w.unit("河口乡")).unwrap();
    assert_eq!(hekou.shortfalls(), ["越级访1件"]);
    let liulin = report.township(w.unit("柳林镇")).unwrap();
    assert_eq!(liulin.shortfalls(), ["未办结积案1件"]);

    // Concluded in March: 柳林镇 meets 三无 for the quarter.
    work.backlog.set_status(listed, BacklogStatus::Resolved { on: d(2025, 3, 20) }).unwrap();
    work.irregular_visits.record(w.unit("石桥镇"), d(2025, 3, 1), d(2025, 3, 31), 1).unwrap();
    let report =
        work.three_none(&w.office.settings().org, w.office.cases(), d(2025, 1, 1), d(2025, 3, 31));
    assert_eq!(report.rate, Rate::new(10, 12));
    assert!(report.township(w.unit("柳林镇")).unwrap().meets());
    assert!(!report.township(w.unit("石桥镇")).unwrap().meets());
    work.targets.three_none = 90;
    assert!(!work
        .three_none(&w.office.settings().org, w.office.cases(), d(2025, 1, 1), d(2025, 3, 31))
        .meets_target());
}

#[wasm_bindgen_test(unsupported = test)]
fn a_joint_meeting_its_minutes_and_storage() {
    let mut w = World::new();
    let case = w.register(d(2025, 3, 3));
    let mut work = WorkLedgers::default();
    let chair = w.person("县人民政府", "于振华");
    let mut meeting = Meeting::new(MeetingKind::Joint, d(2025, 3, 20), "县委三楼会议室", chair);
    meeting.attendees = vec![w.person("县信访局", "毕建华"), w.person("县人社局", "彭建华")];
    meeting.cases = vec![case];
    meeting.opinion = "拖欠务工工资问题需多部门协同解决".into();
    meeting.emphasis = "要坚持事要解决，确保按期答复".into();
    meeting.requirements = vec!["县人社局牵头，依法督促企业支付".into()];
    meeting.decisions = vec![Decision::new(
        "由县人社局牵头，一个月内督促某建筑公司结清拖欠工资",
        Some(w.unit("县人社局")),
        Some(w.person("县人社局", "彭建华")),
        Some(d(2025, 4, 20)),
    )];
    let id = work.meetings.add(meeting).unwrap();
    let figures =
        QuarterFigures {
            period: "2025年第一季度".into(), cases: 1, ..QuarterFigures::default()
        };
    let text = work.meetings.get(id).unwrap().minutes(
        w.office.settings(),
        |id| w.office.case(id),
        Some(&figures),
        d(2025, 3, 21),
    );
    for part in [
        "安和县信访工作联席会议纪要",
        "时间：2025年3月20日　地点：县委三楼会议室",
        "会议通报了安和县2025年第一季度信访工作情况",
        "XF2025-00001（拖欠工资类）",
        "会议认为，拖欠务工工资问题需多部门协同解决。",
        "会议强调，要坚持事要解决，确保按期答复。",
        "会议要求：\n一、县人社局牵头，依法督促企业支付。",
        "会议决定：\n1、由县人社局牵头，一个月内督促某建筑公司结清拖欠工资（责任单位：县人社局；责任人：彭建华；完成时限：2025年4月20日）。",
        "二〇二五年三月二十一日",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }

    // The case's ownership cites the meeting as its 会议纪要.
    let mut draft = OwnershipDraft::new(case, d(2025, 3, 20));
    draft.leader = Some(chair);
    draft.team = vec![w.person("县人社局", "彭建华"), w.person("县人社局", "郎晓梅")];
    draft.plan = "核实用工和欠薪数额，依法督促支付".into();
    draft.meeting_record = Some(MeetingRecord::Meeting(id));
    draft.measures = vec!["下达劳动保障监察指令书".into()];
    work.ownership.own(draft).unwrap();
    assert_eq!(work.ownership.completeness(|id| w.office.is_concluded(id)), Rate::new(1, 1));
    assert_eq!(
        work.remove_meeting(id).unwrap_err(),
        WorkError::InUse { what: "会议", id: "HY1".into() }
    );

    // Everything is stored together and loads back the same.
    let json = serde_json::to_string(&work).unwrap();
    let back: WorkLedgers = serde_json::from_str(&json).unwrap();
    assert_eq!(back, work);
    let corrupt = json.replace(r#""place":"县委三楼会议室""#, r#""place":"""#);
    let err = serde_json::from_str::<WorkLedgers>(&corrupt).unwrap_err();
    assert!(err.to_string().contains("会议HY1：“会议地点”不能为空"), "{err}");
}
