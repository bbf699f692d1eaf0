//! Every boundary of the rules pinned from both sides: the last day that is
//! still on time and the first that is not, the largest count allowed and
//! the next, each stage of a case. Written against the survivors of
//! mutation testing (`cargo mutants -p xinfang-core`), so that changing any
//! comparison or arithmetic of the clock, the lifecycle or the calendar
//! makes a test fail. Each test names its rule and cites its article of
//! 《信访工作条例》(2022) (see `xinfang_core::statute`).

use crate::common::{d, World};
use chrono::NaiveDate;
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::case::{
    DeclineKind, ReplyItem, ReplyOutcome, ReviewLevel, ReviewOutcome, Routing, SupervisionKind,
};
use xinfang_core::{Action, CaseError, CaseId, Channel, DueAction, InputError, Petitioner, Stage};

fn transfer(w: &World, on: NaiveDate, co_units: &[&str]) -> Routing {
    Routing {
        on,
        disposal: xinfang_core::Disposal::Transfer,
        lead: w.unit("县人社局"),
        co_units: co_units.iter().map(|u| w.unit(u)).collect(),
        assignment: None,
        explanation: String::new(),
    }
}

fn decide(level: ReviewLevel, on: NaiveDate, outcome: ReviewOutcome) -> Action {
    Action::DecideReview { level, on, outcome, reasons: "理由".into(), redo_by: None }
}

fn item(outcome: ReplyOutcome) -> ReplyItem {
    ReplyItem { claim: "诉求".into(), outcome, basis: "依据".into() }
}

/// Received Friday 2 May 2025, accepted Tuesday 6 May, replied Tuesday 3 June.
fn replied(w: &mut World) -> CaseId {
    let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
    w.reply(id, d(2025, 6, 3));
    id
}

/// 第二十条第三款 (at most 5 representatives) and the head count of a
/// registration: at least the named petitioners, at most 100,000; the
/// receipt day at the latest today.
#[wasm_bindgen_test(unsupported = test)]
fn art_20_head_count_and_representatives_pinned_at_both_ends() {
    let w = World::new();
    let today = d(2025, 10, 9);
    let mut intake = w.intake(today);
    intake.channel = Channel::Visit;
    intake.petitioners = (1..=6).map(|i| Petitioner::named(format!("信访人{i}"))).collect();
    intake.head_count = 6;
    assert_eq!(intake.validate(today), Ok(()), "head count = named");
    let range = |value, min| {
        Err(CaseError::Input(InputError::OutOfRange { field: "人数", value, min, max: 100_000 }))
    };
    intake.head_count = 5;
    assert_eq!(intake.validate(today), range(5, 6), "fewer than named");
    intake.head_count = 100_000;
    assert_eq!(intake.validate(today), Ok(()));
    intake.head_count = 100_001;
    assert_eq!(intake.validate(today), range(100_001, 6));

    // Five representatives may speak for a visit by many; six may not.
    intake.head_count = 40;
    for p in intake.petitioners.iter_mut().take(5) {
        p.representative = true;
    }
    assert_eq!(intake.validate(today), Ok(()));
    intake.petitioners[5].representative = true;
    assert_eq!(
        intake.validate(today),
        Err(CaseError::Input(InputError::OutOfRange {
            field: "代表人数",
            value: 6,
            min: 0,
            max: 5
        }))
    );

    // Received today is fine; tomorrow is not yet.
    let mut tomorrow = w.intake(d(2025, 10, 10));
    assert_eq!(
        tomorrow.validate(today),
        Err(CaseError::FutureDate { what: "收件", date: d(2025, 10, 10), today })
    );
    tomorrow.received_on = today;
    assert_eq!(tomorrow.validate(today), Ok(()));
}

/// 第二十二条 (转送/交办 with co-handling units): a co-handling unit is
/// neither the lead nor listed twice.
#[wasm_bindgen_test(unsupported = test)]
fn art_22_co_units_neither_lead_nor_twice() {
    let mut w = World::new();
    let id = w.register(d(2025, 9, 26));
    let today = d(2025, 9, 28); // a Sunday worked before 国庆
    for bad in [&["县人社局"][..], &["河口乡", "县人社局"], &["河口乡", "柳林镇", "河口乡"]]
    {
        let routing = transfer(&w, today, bad);
        assert_eq!(
            w.act(id, today, Action::Route { routing }),
            Err(CaseError::BadCoUnits),
            "{bad:?}"
        );
    }
    let routing = transfer(&w, today, &["河口乡", "柳林镇"]);
    w.ok(id, today, Action::Route { routing });
    assert_eq!(w.case(id).routing().unwrap().co_units.len(), 2);
}

/// 第三十二条: a reply's overall outcome is the least favourable of its
/// items (不予支持 before 解释说明 before 予以支持), whatever their order.
#[wasm_bindgen_test(unsupported = test)]
fn art_32_reply_outcome_is_the_least_favourable() {
    use ReplyOutcome::{Explain, Reject, Support};
    let table: [(&[ReplyOutcome], ReplyOutcome); 6] = [
        (&[Support], Support),
        (&[Explain], Explain),
        (&[Reject], Reject),
        (&[Support, Explain, Support], Explain),
        (&[Explain, Support, Reject], Reject),
        (&[Reject, Support], Reject),
    ];
    for (items, outcome) in table {
        let mut w = World::new();
        let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
        let items = items.iter().map(|o| item(*o)).collect();
        w.ok(id, d(2025, 6, 3), Action::Reply { on: d(2025, 6, 3), items, report: None });
        assert_eq!(w.case(id).last_reply().unwrap().outcome(), outcome, "{:?}", outcome);
    }
}

/// At each stage: the body a case waits on (the unit view lists a unit's
/// cases by it) — the lead unit to accept (第二十三条) and to reply
/// (第三十四条), the 复查 body (第三十五条), the 复核 body (第三十六条),
/// nobody otherwise; the day it was concluded (办结) by its latest
/// concluding act, and the day it was accepted.
#[wasm_bindgen_test(unsupported = test)]
fn responsible_body_and_conclusion_at_every_stage() {
    let mut w = World::new();
    let (labour, county, city) = (w.unit("县人社局"), w.unit("县人民政府"), w.unit("市人民政府"));
    let id = w.register(d(2025, 5, 6));
    type Seen = (Stage, bool, Option<xinfang_core::UnitId>, Option<NaiveDate>, Option<NaiveDate>);
    let look = |w: &World, id| -> Seen {
        let c = w.case(id);
        (
            c.stage(),
            c.stage().is_concluded(),
            c.responsible_body(),
            c.concluded_on(),
            c.accepted_on(),
        )
    };
    let mut seen = vec![look(&w, id)];
    w.transfer(id, d(2025, 5, 6), "县人社局");
    seen.push(look(&w, id));
    w.ok(id, d(2025, 5, 7), Action::Accept { on: d(2025, 5, 7) });
    seen.push(look(&w, id));
    w.reply(id, d(2025, 6, 3));
    seen.push(look(&w, id));
    let ask = |level, on, body| Action::RequestReview { level, on, body };
    w.ok(id, d(2025, 6, 10), ask(ReviewLevel::Review, d(2025, 6, 10), county));
    seen.push(look(&w, id));
    w.ok(id, d(2025, 7, 1), decide(ReviewLevel::Review, d(2025, 7, 1), ReviewOutcome::Uphold));
    seen.push(look(&w, id));
    w.ok(id, d(2025, 7, 10), ask(ReviewLevel::ReReview, d(2025, 7, 10), city));
    seen.push(look(&w, id));
    w.ok(id, d(2025, 8, 1), decide(ReviewLevel::ReReview, d(2025, 8, 1), ReviewOutcome::Uphold));
    seen.push(look(&w, id));
    let declined = w.register(d(2025, 5, 6));
    let refuse = Action::Decline {
        on: d(2025, 5, 7),
        kind: DeclineKind::NotAccepted,
        reason: "属于劳动仲裁事项".into(),
        redirect_to: "劳动人事争议仲裁委员会".into(),
    };
    w.ok(declined, d(2025, 5, 7), refuse);
    seen.push(look(&w, declined));
    // 第三十一条第二项: directed to arbitration at acceptance, by the unit.
    let directed = w.register(d(2025, 5, 6));
    w.transfer(directed, d(2025, 5, 6), "县人社局");
    let direct = Action::Direct {
        on: d(2025, 5, 8),
        procedure: xinfang_core::statute::Procedure::Arbitration,
        reason: "属于劳动争议".into(),
        redirect_to: "劳动人事争议仲裁委员会".into(),
    };
    w.ok(directed, d(2025, 5, 8), direct);
    seen.push(look(&w, directed));
    // An old ledger's case stated concluded without what a reply needs.
    let archived = w.archived_case(d(2025, 5, 6), "县人社局", Some(d(2025, 6, 20)), d(2025, 9, 1));
    seen.push(look(&w, archived));
    let acc = Some(d(2025, 5, 7));
    assert_eq!(
        seen,
        [
            (Stage::Registered, false, None, None, None),
            (Stage::Routed, false, Some(labour), None, None),
            (Stage::Handling, false, Some(labour), None, acc),
            (Stage::Replied, true, None, Some(d(2025, 6, 3)), acc),
            (Stage::UnderReview, false, Some(county), None, acc),
            (Stage::Reviewed, true, None, Some(d(2025, 7, 1)), acc),
            (Stage::UnderReReview, false, Some(city), None, acc),
            (Stage::Terminated, true, None, Some(d(2025, 8, 1)), acc),
            (Stage::Declined, true, None, Some(d(2025, 5, 7)), None),
            (Stage::Directed, true, None, Some(d(2025, 5, 8)), None),
            (Stage::Archived, true, None, Some(d(2025, 6, 20)), None),
        ]
    );
    let names: Vec<&str> = Stage::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(
        names,
        [
            "待转送",
            "待受理",
            "办理中",
            "已答复",
            "复查中",
            "已复查",
            "复核中",
            "已终结",
            "不予受理",
            "已导入法定途径",
            "已办结（台账）"
        ]
    );
}

/// 第二十条第三款 (走访 by many): a collective visit (集体访) is a visit by
/// five or more; a letter signed by five is not. The primary petitioner is
/// the first named; a linked earlier case makes a repeat (重信重访).
#[wasm_bindgen_test(unsupported = test)]
fn art_20_collective_visit_from_five() {
    let mut w = World::new();
    let mut intake = w.intake(d(2025, 10, 9));
    intake.petitioners.push(Petitioner::named("王某"));
    intake.head_count = 5;
    assert!(!intake.is_collective(), "a letter");
    intake.channel = Channel::Visit;
    assert!(intake.is_collective());
    intake.head_count = 4;
    assert!(!intake.is_collective());
    assert_eq!(intake.primary().map(|p| p.name.as_str()), Some("刘某某"));
    let first = w.register(d(2025, 10, 9));
    assert!(!w.case(first).intake().is_repeat());
    let mut again = w.intake(d(2025, 10, 10));
    again.repeat_of = Some(first);
    let second = w.register_intake(again);
    assert!(w.case(second).intake().is_repeat());
}

/// The words of 第四十条's supervision, of the follow-up (回访) and of the
/// petitioner's rating (满意度评价), and which of them count: 督办 (not a
/// mere 催办) and 满意/基本满意 (for 群众满意率).
#[wasm_bindgen_test(unsupported = test)]
fn art_40_supervision_follow_up_and_rating_words() {
    use xinfang_core::case::{ContactMethod, RatingStatus, Satisfaction};
    let kinds = SupervisionKind::ALL;
    assert_eq!(kinds.map(|k| k.label()), ["催办", "书面督办", "电话督办", "约谈督办", "实地督办"]);
    assert_eq!(kinds.map(|k| k.is_notice()), [false, true, true, true, true]);
    let methods =
        [ContactMethod::Phone, ContactMethod::Visit, ContactMethod::Sms, ContactMethod::Letter];
    assert_eq!(methods.map(|m| m.label()), ["电话回访", "上门回访", "短信回访", "信函回访"]);
    let levels = [Satisfaction::Satisfied, Satisfaction::Basically, Satisfaction::Dissatisfied];
    assert_eq!(levels.map(|s| s.label()), ["满意", "基本满意", "不满意"]);
    assert_eq!(levels.map(|s| s.is_positive()), [true, true, false]);
    let statuses = [
        RatingStatus::NotDue,
        RatingStatus::Rated(Satisfaction::Basically),
        RatingStatus::Open { until: d(2025, 7, 3) },
        RatingStatus::Expired,
    ];
    assert_eq!(statuses.map(|s| s.label()), ["—", "基本满意", "未评价", "超期未评价"]);
}

/// 第三十五条/第三十六条 (责令重新办理): a redo deadline must come after
/// the decision — the decision day itself is refused, the next day
/// accepted; without one the reply period of 第三十四条 runs from the
/// decision. The same for an office's send-back (退回重办, 第二十二条).
#[wasm_bindgen_test(unsupported = test)]
fn art_35_redo_deadline_after_the_decision_day() {
    let mut w = World::new();
    let id = replied(&mut w);
    let county = w.unit("县人民政府");
    w.ok(
        id,
        d(2025, 6, 10),
        Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 6, 10), body: county },
    );
    let on = d(2025, 7, 1);
    let redo = |redo_by| Action::DecideReview {
        level: ReviewLevel::Review,
        on,
        outcome: ReviewOutcome::Redo,
        reasons: "事实不清".into(),
        redo_by: Some(redo_by),
    };
    for early in [d(2025, 6, 30), on] {
        assert_eq!(w.act(id, on, redo(early)), Err(CaseError::BadRedoDeadline), "{early}");
    }
    let uphold_with_deadline = Action::DecideReview {
        level: ReviewLevel::Review,
        on,
        outcome: ReviewOutcome::Uphold,
        reasons: "维持".into(),
        redo_by: Some(d(2025, 8, 1)),
    };
    assert_eq!(w.act(id, on, uphold_with_deadline), Err(CaseError::RedoDeadlineNotExpected));
    w.ok(id, on, redo(d(2025, 7, 2)));
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!((due.action, due.by), (DueAction::Reply, d(2025, 7, 2)));

    // Sent back by the office: the same boundary.
    let mut w = World::new();
    let id = replied(&mut w);
    let back =
        |redo_by| Action::SendBack { on: d(2025, 6, 5), reason: "答复不清".into(), redo_by };
    assert_eq!(w.act(id, d(2025, 6, 5), back(d(2025, 6, 5))), Err(CaseError::BadRedoDeadline));
    w.ok(id, d(2025, 6, 5), back(d(2025, 6, 6)));
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 6, 6));
}

/// 第四十条 (督办): the unit may be asked to respond on the day of the
/// notice, not before it.
#[wasm_bindgen_test(unsupported = test)]
fn art_40_supervision_respond_by_not_before_the_notice() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 9, 26), d(2025, 9, 28));
    let unit = w.unit("县人社局");
    let on = d(2025, 10, 9);
    let notice = |respond_by| Action::Supervise {
        on,
        kind: SupervisionKind::Written,
        unit,
        note: "请报送办理进展".into(),
        respond_by: Some(respond_by),
    };
    assert_eq!(
        w.act(id, on, notice(d(2025, 10, 8))),
        Err(CaseError::DateTooEarly {
            what: "反馈期限",
            date: d(2025, 10, 8),
            after_what: "督办",
            earliest: on
        })
    );
    w.ok(id, on, notice(on));
    assert_eq!(w.case(id).supervision()[0].respond_by, Some(on));
}

/// 第三十一条 (不予受理, with where to go) and 第三十六条第三款 (不再受理):
/// a refusal is named in the clerk's message by its kind.
#[wasm_bindgen_test(unsupported = test)]
fn art_31_and_36_refusals_named_by_kind() {
    assert_eq!(
        [DeclineKind::NotAccepted, DeclineKind::NoLongerAccepted].map(|k| k.label()),
        ["不予受理", "不再受理"]
    );
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
    let refuse = Action::Decline {
        on: d(2025, 5, 7),
        kind: DeclineKind::NotAccepted,
        reason: "理由".into(),
        redirect_to: String::new(),
    };
    let err = w.act(id, d(2025, 5, 7), refuse).unwrap_err();
    assert_eq!(err.to_string(), "案件当前为“办理中”，不能不予受理");
}

/// The words a clerk reads for a review's outcome (第三十五条、第三十六条:
/// 维持, 变更, 撤销并责令重新办理), for how a document was served (送达,
/// from which the petitioner's 30 days run) and for how a review request
/// stands against that window.
#[wasm_bindgen_test(unsupported = test)]
fn arts_35_36_outcome_delivery_and_timeliness_words() {
    use xinfang_core::case::{DeliveryMethod, RequestTimeliness};
    assert_eq!(
        [ReviewOutcome::Uphold, ReviewOutcome::Change, ReviewOutcome::Redo].map(|o| o.label()),
        ["维持", "变更", "责令重新办理"]
    );
    assert_eq!(DeliveryMethod::ALL.map(|m| m.label()), ["直接送达", "邮寄送达", "网上送达"]);
    let until = d(2025, 7, 3);
    assert_eq!(
        [
            RequestTimeliness::InTime,
            RequestTimeliness::InTimeReceiptUnknown,
            RequestTimeliness::ReceiptUnknownLate { until },
            RequestTimeliness::Late { until },
        ]
        .map(|t| t.label()),
        [
            "在申请期限内".to_string(),
            "在申请期限内（自出具之日计算）".into(),
            "未登记收到书面答复的日期：自出具之日计算已于2025-07-03届满，已受理，请核实送达情况"
                .into(),
            "按登记的收到日期，申请期限已于2025-07-03届满".into(),
        ]
    );
}

/// 第三十六条第三款: once a 复核 is decided the matter is final (终结) — also
/// when the 复核 ordered it handled again: the new reply ends the case, with
/// no further 复查 window, and a follow-up contact (回访) is still recorded.
#[wasm_bindgen_test(unsupported = test)]
fn art_36_reply_after_a_rereview_redo_is_final() {
    use xinfang_core::case::ContactMethod;
    let mut w = World::new();
    let id = replied(&mut w);
    let (county, city) = (w.unit("县人民政府"), w.unit("市人民政府"));
    let ask = |level, on, body| Action::RequestReview { level, on, body };
    w.ok(id, d(2025, 6, 10), ask(ReviewLevel::Review, d(2025, 6, 10), county));
    w.ok(id, d(2025, 7, 1), decide(ReviewLevel::Review, d(2025, 7, 1), ReviewOutcome::Uphold));
    assert!(!w.case(id).rereview_decided());
    w.ok(id, d(2025, 7, 10), ask(ReviewLevel::ReReview, d(2025, 7, 10), city));
    w.ok(id, d(2025, 8, 1), decide(ReviewLevel::ReReview, d(2025, 8, 1), ReviewOutcome::Redo));
    assert!(w.case(id).rereview_decided());
    assert_eq!(w.case(id).stage(), Stage::Handling);
    w.reply(id, d(2025, 9, 1));
    let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    assert_eq!(w.case(id).stage(), Stage::Terminated);
    assert_eq!(w.case(id).review_request_until(&rules, &cal), None);
    assert_eq!(w.case(id).concluded_on(), Some(d(2025, 9, 1)));
    let call = Action::FollowUp {
        on: d(2025, 9, 5),
        method: ContactMethod::Phone,
        note: "信访人表示接受".into(),
    };
    w.ok(id, d(2025, 9, 5), call);
    let calls: Vec<_> = w.case(id).follow_ups().iter().map(|f| (f.on, f.method)).collect();
    assert_eq!(calls, [(d(2025, 9, 5), ContactMethod::Phone)]);
}

/// 第二十三条第三款: once routed, a refusal (不予受理) is the receiving
/// unit's, dated no earlier than the routing; before routing it is the
/// petition office's (第二十二条, body `None`).
#[wasm_bindgen_test(unsupported = test)]
fn art_23_refusal_after_routing_is_the_units() {
    let mut w = World::new();
    let refuse = |on| Action::Decline {
        on,
        kind: DeclineKind::NotAccepted,
        reason: "属于劳动仲裁事项".into(),
        redirect_to: "  劳动人事争议仲裁委员会 ".into(),
    };
    let id = w.register(d(2025, 9, 26));
    w.transfer(id, d(2025, 9, 28), "县人社局");
    assert_eq!(
        w.act(id, d(2025, 10, 9), refuse(d(2025, 9, 27))),
        Err(CaseError::DateTooEarly {
            what: "告知",
            date: d(2025, 9, 27),
            after_what: "转送",
            earliest: d(2025, 9, 28)
        })
    );
    w.ok(id, d(2025, 10, 9), refuse(d(2025, 9, 28)));
    let decline = w.case(id).decline().unwrap();
    assert_eq!(
        (decline.on, decline.body, decline.redirect_to.as_str()),
        (d(2025, 9, 28), Some(w.unit("县人社局")), "劳动人事争议仲裁委员会")
    );
    let office = w.register(d(2025, 9, 26));
    w.ok(office, d(2025, 9, 26), refuse(d(2025, 9, 26)));
    assert_eq!(w.case(office).decline().unwrap().body, None);
}

/// 第三十四条 (延期 approved before the period ends) as a form asks it: an
/// action is offered on a day from its earliest day, and only while its
/// window is not already closed before it opens — e.g. a 交办 whose
/// deadline (第二十二条第一款第三项) passed before the unit accepted it
/// leaves no day to approve an extension.
#[wasm_bindgen_test(unsupported = test)]
fn art_34_an_action_is_offered_from_its_first_day_within_its_window() {
    use xinfang_core::{ActionKind, FiveFixes, Opening};
    let at = |day: NaiveDate| day.and_hms_opt(9, 0, 0).unwrap();
    let opening = |earliest, latest| Opening {
        kind: ActionKind::Extend,
        earliest,
        after: "受理",
        latest,
        level: None,
    };
    let day = d(2025, 10, 9);
    assert!(opening(day, None).open_on(day));
    assert!(!opening(day, None).open_on(d(2025, 10, 8)));
    assert!(opening(day, Some(day)).open_on(d(2025, 10, 20)));
    assert!(!opening(day, Some(d(2025, 10, 8))).open_on(d(2025, 10, 20)));

    let mut w = World::new();
    let id = w.register(d(2025, 9, 22));
    let fixes = FiveFixes {
        unit: Some(w.unit("县人社局")),
        leader: Some(w.person("县人社局", "彭建华")),
        handler: Some(w.person("县人社局", "郎晓梅")),
        deadline: Some(d(2025, 9, 30)),
        standard: "查清欠薪事实，书面答复信访人".into(),
    };
    let routing = Routing {
        assignment: Some(fixes.complete().unwrap()),
        disposal: xinfang_core::Disposal::Assign,
        ..transfer(&w, d(2025, 9, 26), &[])
    };
    w.ok(id, d(2025, 9, 26), Action::Route { routing });
    w.ok(id, day, Action::Accept { on: day });
    let offered: Vec<ActionKind> =
        w.office.allowed_actions(id, at(day)).iter().map(|o| o.kind).collect();
    assert!(offered.contains(&ActionKind::Reply), "{offered:?}");
    assert!(!offered.contains(&ActionKind::Extend), "{offered:?}");
    let extend = w.office.opening(id, ActionKind::Extend).unwrap();
    assert_eq!((extend.earliest, extend.latest), (day, Some(d(2025, 9, 30))));
}

/// 第三十六条第一款: the 复核 window counts from the receipt of the 复查意见书.
/// A receipt recorded while the 复核 is already under way goes on the 复查
/// decision (not on the pending 复核), and the request is then judged by it.
#[wasm_bindgen_test(unsupported = test)]
fn art_36_receipt_of_the_review_decision_recorded_during_the_rereview() {
    use xinfang_core::case::{Delivery, DeliveryMethod, RequestTimeliness, Served};
    let mut w = World::new();
    let id = replied(&mut w);
    let (county, city) = (w.unit("县人民政府"), w.unit("市人民政府"));
    let ask = |level, on, body| Action::RequestReview { level, on, body };
    w.ok(id, d(2025, 6, 10), ask(ReviewLevel::Review, d(2025, 6, 10), county));
    w.ok(id, d(2025, 9, 1), decide(ReviewLevel::Review, d(2025, 9, 1), ReviewOutcome::Uphold));
    // Asked 9 October: 30 days from the issue (1 September) ended on
    // 1 October, in the 国庆 break, so Thursday 9 October.
    w.ok(id, d(2025, 10, 10), ask(ReviewLevel::ReReview, d(2025, 10, 10), city));
    let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    assert_eq!(
        w.case(id).request_timeliness(2, &rules, &cal),
        Some(RequestTimeliness::ReceiptUnknownLate { until: d(2025, 10, 9) })
    );
    let delivery = Delivery {
        method: DeliveryMethod::Post,
        sent_on: d(2025, 9, 2),
        received_on: Some(d(2025, 9, 12)),
    };
    let served = Served::Review { level: ReviewLevel::Review };
    w.ok(id, d(2025, 10, 11), Action::Deliver { document: served, delivery });
    let case = w.case(id);
    let review = |level| case.review(level).unwrap();
    assert_eq!(review(ReviewLevel::Review).decision.as_ref().unwrap().delivery, Some(delivery));
    assert_eq!(review(ReviewLevel::ReReview).decision, None);
    // Received Friday 12 September: 30 days end Sunday 12 October, a
    // make-up working day (调休上班) that does not move.
    assert_eq!(case.request_timeliness(2, &rules, &cal), Some(RequestTimeliness::InTime));
}

/// The name of each action a form offers or a refusal names.
#[wasm_bindgen_test(unsupported = test)]
fn every_action_kind_is_named() {
    use xinfang_core::ActionKind;
    assert_eq!(
        ActionKind::ALL.map(|k| k.label()),
        [
            "修改登记信息",
            "关联重复件",
            "转送交办",
            "受理",
            "不予受理",
            "导入法定途径",
            "延长办理期限",
            "答复",
            "退回重办",
            "申请复查（复核）",
            "记录听证",
            "作出复查（复核）意见",
            "督办",
            "办结督办",
            "回访",
            "满意度评价",
            "息诉罢访",
            "登记送达",
            "签收",
            "提出异议",
        ]
    );
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
    let err = w.office.opening(id, ActionKind::Route).unwrap_err();
    assert_eq!(err.to_string(), "案件当前为“办理中”，不能转送交办");
}

/// 第三十五条 (复查) and 第三十六条 (复核): a review button names its level.
#[wasm_bindgen_test(unsupported = test)]
fn arts_35_36_review_buttons_name_their_level() {
    use xinfang_core::ActionKind;
    let mut w = World::new();
    let id = replied(&mut w);
    let label = |w: &World, kind| w.office.opening(id, kind).unwrap().label();
    assert_eq!(label(&w, ActionKind::RequestReview), "申请复查");
    assert_eq!(label(&w, ActionKind::FollowUp), "回访");
    let (county, city) = (w.unit("县人民政府"), w.unit("市人民政府"));
    let ask = |level, on, body| Action::RequestReview { level, on, body };
    w.ok(id, d(2025, 6, 10), ask(ReviewLevel::Review, d(2025, 6, 10), county));
    assert_eq!(label(&w, ActionKind::DecideReview), "作出复查意见");
    w.ok(id, d(2025, 7, 1), decide(ReviewLevel::Review, d(2025, 7, 1), ReviewOutcome::Uphold));
    assert_eq!(label(&w, ActionKind::RequestReview), "申请复核");
    w.ok(id, d(2025, 7, 10), ask(ReviewLevel::ReReview, d(2025, 7, 10), city));
    assert_eq!(label(&w, ActionKind::DecideReview), "作出复核意见");
}
