//! The proceedings chain end to end, with real dates and China's holiday
//! calendar: each rule of the statutory clock and each refusal a clerk can meet.

use crate::common::{at, d, reply_action, World};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::case::{
    ContactMethod, DeclineKind, Delivery, DeliveryMethod, RatingStatus, ReviewLevel, ReviewOutcome,
    Routing, Satisfaction, Served, SupervisionKind,
};
use xinfang_core::{
    Action, CaseError, ClockRules, Command, DayCount, Disposal, DueAction, FiveFixes, Stage,
};

fn assignment(w: &World, deadline: chrono::NaiveDate) -> Routing {
    let fixes = FiveFixes {
        unit: Some(w.unit("县人社局")),
        leader: Some(w.person("县人社局", "彭建华")),
        handler: Some(w.person("县人社局", "郎晓梅")),
        deadline: Some(deadline),
        standard: "查清欠薪事实，依法督促支付，书面答复信访人".into(),
    };
    Routing {
        on: d(2025, 3, 4),
        disposal: Disposal::Assign,
        lead: w.unit("县人社局"),
        co_units: vec![w.unit("河口乡")],
        assignment: Some(fixes.complete().unwrap()),
        explanation: "按规则交办".into(),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn the_whole_chain_from_registration_to_termination() {
    let mut w = World::new();
    let id = w.register(d(2025, 3, 3));
    assert_eq!(w.case(id).number(), "XF2025-00001");
    assert_eq!(w.case(id).stage(), Stage::Registered);
    // Received Monday 3 March: route within 15 days, by Tuesday 18 March.
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!((due.action, due.by), (DueAction::Route, d(2025, 3, 18)));

    let routing = assignment(&w, d(2025, 4, 30));
    w.ok(id, d(2025, 3, 4), Action::Route { routing });
    // Routed on 4 March: the body decides acceptance by 19 March.
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!(
        (due.action, due.by, due.body),
        (DueAction::DecideAcceptance, d(2025, 3, 19), Some(w.unit("县人社局")))
    );

    w.ok(id, d(2025, 3, 5), Action::Accept { on: d(2025, 3, 5) });
    assert_eq!(w.case(id).stage(), Stage::Handling);
    // 60 days from 5 March is 4 May, inside the Labour Day holiday (1–5 May
    // 2025), so the statutory end is Tuesday 6 May; but the 交办 deadline of
    // 30 April is earlier and is what the unit owes.
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!((due.action, due.by), (DueAction::Reply, d(2025, 4, 30)));

    let approver = w.person("县人社局", "彭建华");
    w.ok(
        id,
        d(2025, 4, 28),
        Action::Extend {
            on: d(2025, 4, 28),
            days: 30,
            reason: "需调取施工合同及工资台账".into(),
            approved_by: approver,
        },
    );
    // Extended by 30 days from 30 April: Friday 30 May, a working day.
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 5, 30));

    w.ok(id, d(2025, 5, 20), reply_action(d(2025, 5, 20), Some("已督促企业于5月18日支付全部欠薪")));
    assert_eq!(w.case(id).stage(), Stage::Replied);
    assert!(w.case(id).stage().is_concluded());
    assert_eq!(w.office.next_due(w.case(id)), None);

    w.ok(id, d(2025, 5, 25), Action::Rate { on: d(2025, 5, 25), level: Satisfaction::Satisfied });
    w.ok(
        id,
        d(2025, 5, 26),
        Action::FollowUp {
            on: d(2025, 5, 26),
            method: ContactMethod::Phone,
            note: "信访人表示工资已到账".into(),
        },
    );

    let county = w.unit("县人民政府");
    w.ok(
        id,
        d(2025, 6, 10),
        Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 6, 10), body: county },
    );
    assert_eq!(w.case(id).stage(), Stage::UnderReview);
    // Asked on 10 June: decide within 30 days, by Thursday 10 July.
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!(
        (due.action, due.by, due.body),
        (DueAction::DecideReview, d(2025, 7, 10), Some(county))
    );

    w.ok(
        id,
        d(2025, 7, 1),
        Action::DecideReview {
            level: ReviewLevel::Review,
            on: d(2025, 7, 1),
            outcome: ReviewOutcome::Uphold,
            reasons: "原处理意见事实清楚，适用依据正确".into(),
            redo_by: None,
        },
    );
    assert_eq!(w.case(id).stage(), Stage::Reviewed);

    let city = w.unit("市人民政府");
    w.ok(
        id,
        d(2025, 7, 15),
        Action::RequestReview { level: ReviewLevel::ReReview, on: d(2025, 7, 15), body: city },
    );
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 8, 14));
    // A three-day hearing does not count: 33 days from 15 July is Sunday
    // 17 August, so the decision is due Monday 18 August.
    w.ok(id, d(2025, 7, 22), Action::RecordHearing { from: d(2025, 7, 20), to: d(2025, 7, 22) });
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 8, 18));

    w.ok(
        id,
        d(2025, 8, 10),
        Action::DecideReview {
            level: ReviewLevel::ReReview,
            on: d(2025, 8, 10),
            outcome: ReviewOutcome::Uphold,
            reasons: "维持复查意见".into(),
            redo_by: None,
        },
    );
    assert_eq!(w.case(id).stage(), Stage::Terminated);
    assert_eq!(
        w.case(id).review_request_until(&w.office.settings().clock, &w.office.settings().calendar),
        None
    );

    // The same matter filed again after 终结 is not accepted anywhere.
    let mut again = w.intake(d(2025, 9, 1));
    again.repeat_of = Some(id);
    let refiled = w.register_intake(again);
    let transfer = Routing {
        on: d(2025, 9, 1),
        disposal: Disposal::Transfer,
        lead: w.unit("县人社局"),
        co_units: vec![],
        assignment: None,
        explanation: String::new(),
    };
    let err = w.act(refiled, d(2025, 9, 1), Action::Route { routing: transfer }).unwrap_err();
    assert!(
        matches!(err, CaseError::TerminatedMatter { ref number, on } if number == "XF2025-00001" && on == d(2025, 8, 10)),
        "{err}"
    );
    assert!(err.to_string().contains("不再受理"), "{err}");
    w.ok(
        refiled,
        d(2025, 9, 2),
        Action::Decline {
            on: d(2025, 9, 2),
            kind: DeclineKind::NoLongerAccepted,
            reason: "同一事实和理由已复核终结".into(),
            redirect_to: String::new(),
        },
    );
    assert_eq!(w.case(refiled).stage(), Stage::Declined);
    assert_eq!(w.case(refiled).number(), "XF2025-00002");
}

#[wasm_bindgen_test(unsupported = test)]
fn periods_ending_in_holidays_move_to_the_next_working_day() {
    let mut w = World::new();
    // Accepted Saturday 30 November 2024: 60 days end on 29 January 2025, the
    // second day of the Spring Festival holiday (28 Jan – 4 Feb), so the reply
    // is due on the first working day after it, Wednesday 5 February.
    let spring = w.accepted_case(d(2024, 11, 25), d(2024, 11, 30));
    assert_eq!(w.office.next_due(w.case(spring)).unwrap().by, d(2025, 2, 5));

    // Received Saturday 20 September 2025: 15 days end on 5 October, inside
    // the National Day holiday (1–8 October): due Thursday 9 October.
    let national = w.register(d(2025, 9, 20));
    assert_eq!(w.office.next_due(w.case(national)).unwrap().by, d(2025, 10, 9));

    // Received Friday 26 September 2025: 15 days end on Saturday 11 October,
    // a make-up working day (调休上班), so the period does not move.
    let makeup = w.register(d(2025, 9, 26));
    assert_eq!(w.office.next_due(w.case(makeup)).unwrap().by, d(2025, 10, 11));

    // Received Friday 14 February 2025: 15 days end on an ordinary Saturday,
    // 1 March: due Monday 3 March.
    let weekend = w.register(d(2025, 2, 14));
    assert_eq!(w.office.next_due(w.case(weekend)).unwrap().by, d(2025, 3, 3));
}

#[wasm_bindgen_test(unsupported = test)]
fn working_day_counting_skips_holidays_and_counts_make_up_days() {
    let mut w = World::new();
    w.office.settings_mut().clock =
        ClockRules { count: DayCount::Working, ..ClockRules::default() };
    // From Friday 26 September 2025, fifteen working days: Sunday 28 Sept
    // (make-up day), 29, 30 Sept; then 9, 10, Saturday 11 (make-up day),
    // 13–17, 20–23 October: the fifteenth is Thursday 23 October.
    let id = w.register(d(2025, 9, 26));
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 10, 23));
}

#[wasm_bindgen_test(unsupported = test)]
fn steps_only_when_the_stage_allows() {
    let mut w = World::new();
    let id = w.register(d(2025, 3, 3));
    let err = w.act(id, d(2025, 3, 4), Action::Accept { on: d(2025, 3, 4) }).unwrap_err();
    assert_eq!(err, CaseError::WrongStage { action: "受理", stage: Stage::Registered });
    assert_eq!(err.to_string(), "案件当前为“待转送”，不能受理");
    let err = w.act(id, d(2025, 3, 4), reply_action(d(2025, 3, 4), None)).unwrap_err();
    assert!(matches!(err, CaseError::WrongStage { action: "答复", .. }));
    let err = w
        .act(id, d(2025, 3, 4), Action::Rate { on: d(2025, 3, 4), level: Satisfaction::Satisfied })
        .unwrap_err();
    assert_eq!(err, CaseError::NoReplyYet("评价"));
    let err = w
        .act(
            id,
            d(2025, 3, 4),
            Action::RequestReview {
                level: ReviewLevel::Review,
                on: d(2025, 3, 4),
                body: w.unit("县人民政府"),
            },
        )
        .unwrap_err();
    assert!(matches!(err, CaseError::WrongStage { .. }));
    // Nothing was recorded by the refused commands.
    assert_eq!(w.office.history(id).count(), 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn dates_cannot_be_in_the_future_or_before_the_previous_step() {
    let mut w = World::new();
    let id = w.register(d(2025, 3, 3));
    w.transfer(id, d(2025, 3, 4), "县人社局");
    let err = w.act(id, d(2025, 3, 5), Action::Accept { on: d(2025, 3, 6) }).unwrap_err();
    assert!(matches!(err, CaseError::FutureDate { .. }), "{err}");
    let err = w.act(id, d(2025, 3, 5), Action::Accept { on: d(2025, 3, 3) }).unwrap_err();
    assert_eq!(err.to_string(), "受理日期2025-03-03早于转送日期2025-03-04");
    let mut future = w.intake(d(2025, 3, 10));
    future.summary = "明日之事".into();
    let err =
        w.office.execute(Command::Register { intake: future }, at(d(2025, 3, 9))).unwrap_err();
    assert!(matches!(err, CaseError::FutureDate { .. }));
}

#[wasm_bindgen_test(unsupported = test)]
fn one_extension_of_at_most_thirty_days_approved_in_time() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    // 60 days from 5 March end in the Labour Day holiday: due 6 May.
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 5, 6));
    let head = w.person("县人社局", "彭建华");
    let extend =
        |on, days| Action::Extend { on, days, reason: "案情复杂".into(), approved_by: head };
    assert_eq!(
        w.act(id, d(2025, 4, 1), extend(d(2025, 4, 1), 31)).unwrap_err(),
        CaseError::ExtensionTooLong { max: 30 }
    );
    assert_eq!(
        w.act(id, d(2025, 5, 7), extend(d(2025, 5, 7), 30)).unwrap_err(),
        CaseError::ExtensionTooLate { due: d(2025, 5, 6) }
    );
    w.ok(id, d(2025, 5, 6), extend(d(2025, 5, 6), 30));
    // 第三十四条: the extension runs on from the end of the original period,
    // day 60 (Sunday 4 May): 90 days from 5 March, Tuesday 3 June. (Not 30
    // days from the holiday-moved 6 May, which would give 5 June.)
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 6, 3));
    assert_eq!(
        w.act(id, d(2025, 5, 8), extend(d(2025, 5, 8), 5)).unwrap_err(),
        CaseError::AlreadyExtended
    );
    assert!(!w.case(id).is_overdue(
        d(2025, 6, 3),
        &w.office.settings().clock,
        &w.office.settings().calendar
    ));
    assert!(w.case(id).is_overdue(
        d(2025, 6, 4),
        &w.office.settings().clock,
        &w.office.settings().calendar
    ));
}

#[wasm_bindgen_test(unsupported = test)]
fn an_assignment_needs_all_five_fixes_and_a_report() {
    let mut w = World::new();
    let id = w.register(d(2025, 3, 3));
    let mut routing = assignment(&w, d(2025, 4, 30));
    routing.assignment = None;
    let err = w.act(id, d(2025, 3, 4), Action::Route { routing }).unwrap_err();
    assert!(matches!(err, CaseError::IncompleteAssignment(_)));

    let mut fixes = FiveFixes { unit: Some(w.unit("县人社局")), ..FiveFixes::default() };
    fixes.leader = Some(w.person("县林业局", "花永林"));
    fixes.handler = Some(w.person("县人社局", "郎晓梅"));
    fixes.deadline = Some(d(2025, 4, 30));
    assert_eq!(fixes.clone().complete().unwrap_err(), vec![xinfang_core::Fix::Standard]);
    fixes.standard = "依法答复".into();
    let mut routing = assignment(&w, d(2025, 4, 30));
    routing.assignment = Some(fixes.complete().unwrap());
    let err = w.act(id, d(2025, 3, 4), Action::Route { routing }).unwrap_err();
    assert_eq!(err.to_string(), "花永林不是县人社局的人员");

    let routing = assignment(&w, d(2025, 4, 30));
    w.ok(id, d(2025, 3, 4), Action::Route { routing });
    w.ok(id, d(2025, 3, 5), Action::Accept { on: d(2025, 3, 5) });
    let err = w.act(id, d(2025, 4, 1), reply_action(d(2025, 4, 1), Some("  "))).unwrap_err();
    assert_eq!(err, CaseError::ReportRequired);
    w.ok(id, d(2025, 4, 1), reply_action(d(2025, 4, 1), Some("已办结")));
}

#[wasm_bindgen_test(unsupported = test)]
fn review_and_rating_windows_close_after_thirty_days() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    w.reply(id, d(2025, 5, 20));
    // Handed over the same day (送达): the windows count from the receipt.
    let delivery = Delivery {
        method: DeliveryMethod::HandedOver,
        sent_on: d(2025, 5, 20),
        received_on: Some(d(2025, 5, 20)),
    };
    w.ok(id, d(2025, 5, 20), Action::Deliver { document: Served::Reply, delivery });
    let (clock, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    // Received 20 May: both windows end Thursday 19 June.
    assert_eq!(
        w.case(id).rating_status(d(2025, 6, 19), &clock, &cal),
        RatingStatus::Open { until: d(2025, 6, 19) }
    );
    assert_eq!(w.case(id).rating_status(d(2025, 6, 20), &clock, &cal), RatingStatus::Expired);
    assert_eq!(RatingStatus::Expired.label(), "超期未评价");
    let err = w
        .act(
            id,
            d(2025, 6, 20),
            Action::Rate { on: d(2025, 6, 20), level: Satisfaction::Basically },
        )
        .unwrap_err();
    assert_eq!(err, CaseError::RatingWindowClosed { until: d(2025, 6, 19) });

    let county = w.unit("县人民政府");
    let request = |on| Action::RequestReview { level: ReviewLevel::Review, on, body: county };
    let err = w.act(id, d(2025, 6, 20), request(d(2025, 6, 20))).unwrap_err();
    assert_eq!(err.to_string(), "已超过申请复查的期限（2025-06-19前）");
    // The body whose reply is reviewed cannot review itself.
    let own = w.unit("县人社局");
    let err = w
        .act(
            id,
            d(2025, 6, 19),
            Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 6, 19), body: own },
        )
        .unwrap_err();
    assert!(matches!(err, CaseError::ReviewBySameBody { .. }));
    w.ok(id, d(2025, 6, 19), request(d(2025, 6, 19)));
    // A 复核 cannot be asked for before a 复查 decision.
    let city = w.unit("市人民政府");
    let err = w
        .act(
            id,
            d(2025, 6, 20),
            Action::RequestReview { level: ReviewLevel::ReReview, on: d(2025, 6, 20), body: city },
        )
        .unwrap_err();
    assert!(matches!(err, CaseError::WrongStage { stage: Stage::UnderReview, .. }));
}

#[wasm_bindgen_test(unsupported = test)]
fn sending_back_and_redo_orders_open_a_new_round() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    w.reply(id, d(2025, 5, 20));
    let err = w
        .act(
            id,
            d(2025, 5, 22),
            Action::SendBack {
                on: d(2025, 5, 22),
                reason: "答复避重就轻".into(),
                redo_by: d(2025, 5, 22),
            },
        )
        .unwrap_err();
    assert_eq!(err, CaseError::BadRedoDeadline);
    w.ok(
        id,
        d(2025, 5, 22),
        Action::SendBack {
            on: d(2025, 5, 22),
            reason: "答复避重就轻".into(),
            redo_by: d(2025, 6, 10),
        },
    );
    assert_eq!(w.case(id).stage(), Stage::Handling);
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 6, 10));
    w.reply(id, d(2025, 6, 5));
    assert_eq!(w.case(id).stage(), Stage::Replied);
    assert_eq!(w.case(id).first_reply().unwrap().on, d(2025, 5, 20));
    assert_eq!(w.case(id).last_reply().unwrap().on, d(2025, 6, 5));

    let county = w.unit("县人民政府");
    w.ok(
        id,
        d(2025, 6, 20),
        Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 6, 20), body: county },
    );
    w.ok(
        id,
        d(2025, 7, 1),
        Action::DecideReview {
            level: ReviewLevel::Review,
            on: d(2025, 7, 1),
            outcome: ReviewOutcome::Redo,
            reasons: "事实不清".into(),
            redo_by: None,
        },
    );
    // Redo ordered 1 July: 60 days end on Saturday 30 August: due Monday 1 September.
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!(
        (due.action, due.by, due.body),
        (DueAction::Reply, d(2025, 9, 1), Some(w.unit("县人社局")))
    );
    assert_eq!(w.case(id).stage(), Stage::Handling);
}

#[wasm_bindgen_test(unsupported = test)]
fn supervision_is_recorded_and_closed() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    let unit = w.unit("县人社局");
    w.ok(
        id,
        d(2025, 4, 1),
        Action::Supervise {
            on: d(2025, 4, 1),
            kind: SupervisionKind::Reminder,
            unit,
            note: "请加快办理".into(),
            respond_by: None,
        },
    );
    w.ok(
        id,
        d(2025, 4, 10),
        Action::Supervise {
            on: d(2025, 4, 10),
            kind: SupervisionKind::Written,
            unit,
            note: "请于4月20日前报送办理进展".into(),
            respond_by: Some(d(2025, 4, 20)),
        },
    );
    assert_eq!(w.case(id).open_supervision().count(), 2);
    w.ok(
        id,
        d(2025, 4, 18),
        Action::CloseSupervision { no: 2, on: d(2025, 4, 18), note: "已报送进展".into() },
    );
    assert_eq!(w.case(id).open_supervision().map(|s| s.no).collect::<Vec<_>>(), vec![1]);
    let again = Action::CloseSupervision { no: 2, on: d(2025, 4, 19), note: "重复".into() };
    assert_eq!(
        w.act(id, d(2025, 4, 19), again).unwrap_err(),
        CaseError::SupervisionAlreadyClosed(2)
    );
    let missing = Action::CloseSupervision { no: 9, on: d(2025, 4, 19), note: "x".into() };
    assert_eq!(w.act(id, d(2025, 4, 19), missing).unwrap_err(), CaseError::UnknownSupervision(9));
    w.reply(id, d(2025, 4, 25));
    let late = Action::Supervise {
        on: d(2025, 4, 26),
        kind: SupervisionKind::Phone,
        unit,
        note: "x".into(),
        respond_by: None,
    };
    assert!(matches!(w.act(id, d(2025, 4, 26), late).unwrap_err(), CaseError::WrongStage { .. }));
}

#[wasm_bindgen_test(unsupported = test)]
fn the_office_can_decline_at_registration_with_where_to_go() {
    let mut w = World::new();
    let id = w.register(d(2025, 3, 3));
    let not_refiling = Action::Decline {
        on: d(2025, 3, 4),
        kind: DeclineKind::NoLongerAccepted,
        reason: "x".into(),
        redirect_to: String::new(),
    };
    assert_eq!(w.act(id, d(2025, 3, 4), not_refiling).unwrap_err(), CaseError::NotARefiling);
    w.ok(
        id,
        d(2025, 3, 4),
        Action::Decline {
            on: d(2025, 3, 4),
            kind: DeclineKind::NotAccepted,
            reason: "属于已进入诉讼程序的事项".into(),
            redirect_to: "县人民法院".into(),
        },
    );
    let case = w.case(id);
    assert_eq!(case.stage(), Stage::Declined);
    assert_eq!(case.decline().unwrap().body, None);
    assert_eq!(w.office.next_due(case), None);
}

#[wasm_bindgen_test(unsupported = test)]
fn registration_is_validated() {
    let mut w = World::new();
    let now = at(d(2025, 3, 3));
    let register = |w: &mut World, intake| w.office.execute(Command::Register { intake }, now);

    let mut many = w.intake(d(2025, 3, 3));
    many.channel = xinfang_core::Channel::Visit;
    many.head_count = 40;
    many.petitioners = (0..6)
        .map(|i| xinfang_core::Petitioner {
            representative: true,
            ..xinfang_core::Petitioner::named(format!("代表{i}"))
        })
        .collect();
    let err = register(&mut w, many.clone()).unwrap_err();
    assert!(err.to_string().contains("代表人数"), "{err}");
    many.petitioners.pop();
    let id = register(&mut w, many).unwrap();
    assert!(w.case(id.case().unwrap()).intake().is_collective());

    let mut bad = w.intake(d(2025, 3, 3));
    bad.head_count = 0;
    assert!(register(&mut w, bad).unwrap_err().to_string().contains("人数"));
    let mut bad = w.intake(d(2025, 3, 3));
    bad.escalation = Some(xinfang_core::Escalation::Capital);
    assert!(register(&mut w, bad).unwrap_err().to_string().contains("来访"));
    let mut bad = w.intake(d(2025, 3, 3));
    bad.summary = " ".into();
    assert_eq!(register(&mut w, bad).unwrap_err().to_string(), "“反映问题”不能为空");
    let mut bad = w.intake(d(2025, 3, 3));
    bad.township = Some(w.unit("县人社局"));
    assert_eq!(register(&mut w, bad).unwrap_err().to_string(), "“县人社局”不是乡镇（街道）");
    let mut bad = w.intake(d(2025, 3, 3));
    let cat = bad.category;
    w.office.settings_mut().categories.set_active(cat, false).unwrap();
    assert_eq!(register(&mut w, bad.clone()).unwrap_err(), CaseError::UnknownCategory(cat));
    bad.repeat_of = Some(xinfang_core::CaseId::new(99));
    w.office.settings_mut().categories.set_active(cat, true).unwrap();
    assert_eq!(register(&mut w, bad).unwrap_err(), CaseError::BadRepeatLink);
}
