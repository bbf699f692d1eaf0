//! The statutory clock rule by rule, each case naming its article of
//! 《信访工作条例》(2022), with real dates across holidays and 调休 days.

use crate::common::{d, reply_action, World};
use chrono::NaiveDate;
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::case::{
    AcceptanceStart, Delivery, DeliveryMethod, RequestTimeliness, ReviewLevel, ReviewOutcome,
    Routing, Served, WindowStart,
};
use xinfang_core::case::{ReplyItem, ReplyOutcome};
use xinfang_core::goals::IndicatorKind;
use xinfang_core::metrics::{Period, Report, Scope};
use xinfang_core::statute::{Procedure, Rule, Track, RULES};
use xinfang_core::{
    Action, ActionKind, CaseError, CaseId, Channel, ClockRules, DayCount, Disposal, DueAction,
    Escalation, HolidayNotice, Purpose, Role, Settings, Stage,
};

fn delivered(sent: NaiveDate, received: Option<NaiveDate>) -> Delivery {
    Delivery { method: DeliveryMethod::Post, sent_on: sent, received_on: received }
}

fn request(level: ReviewLevel, on: NaiveDate, w: &World, body: &str) -> Action {
    Action::RequestReview { level, on, body: w.unit(body) }
}

/// Received 2 May, accepted 6 May, replied on `reply_on`.
fn replied(w: &mut World, reply_on: NaiveDate) -> CaseId {
    let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
    w.reply(id, reply_on);
    id
}

/// Arts. 35: the 复查 window counts from the petitioner's receipt; when
/// receipt is unknown the window alone never refuses (the request is
/// accepted and flagged). Columns: receipt recorded, request day, accepted,
/// timeliness.
#[wasm_bindgen_test(unsupported = test)]
fn art_35_review_window_counts_from_receipt() {
    let issued = d(2025, 6, 3);
    #[allow(clippy::type_complexity)]
    let table: [(Option<Option<NaiveDate>>, NaiveDate, bool, Option<RequestTimeliness>); 7] = [
        // The issue's example: issued 3 June, received 7 June (Saturday),
        // asked 5 July: within 30 days of receipt (until Monday 7 July).
        (Some(Some(d(2025, 6, 7))), d(2025, 7, 5), true, Some(RequestTimeliness::InTime)),
        (Some(Some(d(2025, 6, 7))), d(2025, 7, 7), true, Some(RequestTimeliness::InTime)),
        (Some(Some(d(2025, 6, 7))), d(2025, 7, 8), false, None),
        // Posted, no receipt day: counted from issue (until Thursday 3 July),
        // accepted after it and flagged for the clerk.
        (
            Some(None),
            d(2025, 7, 5),
            true,
            Some(RequestTimeliness::ReceiptUnknownLate { until: d(2025, 7, 3) }),
        ),
        (None, d(2025, 7, 3), true, Some(RequestTimeliness::InTimeReceiptUnknown)),
        (
            None,
            d(2025, 9, 1),
            true,
            Some(RequestTimeliness::ReceiptUnknownLate { until: d(2025, 7, 3) }),
        ),
        // Received the day of issue: ends Thursday 3 July.
        (Some(Some(issued)), d(2025, 7, 4), false, None),
    ];
    for (delivery, on, accepted, timeliness) in table {
        let mut w = World::new();
        let id = replied(&mut w, issued);
        if let Some(received) = delivery {
            let delivery = delivered(issued, received);
            let today = received.unwrap_or(issued);
            w.ok(id, today, Action::Deliver { document: Served::Reply, delivery });
        }
        let result = w.act(id, on, request(ReviewLevel::Review, on, &w, "县人民政府"));
        assert_eq!(result.is_ok(), accepted, "{delivery:?} {on}: {result:?}");
        let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
        if accepted {
            let got = w.case(id).request_timeliness(1, &rules, &cal);
            assert_eq!(got, timeliness, "{delivery:?} {on}");
            assert_eq!(
                got.unwrap().is_flagged(),
                !matches!(
                    got,
                    Some(RequestTimeliness::InTime | RequestTimeliness::InTimeReceiptUnknown)
                )
            );
        } else {
            assert!(matches!(result, Err(CaseError::ReviewWindowClosed { .. })), "{result:?}");
        }
    }
}

/// Art. 35: the window and its start are typed answers the UI can show.
#[wasm_bindgen_test(unsupported = test)]
fn art_35_window_says_where_it_starts() {
    let mut w = World::new();
    let id = replied(&mut w, d(2025, 6, 3));
    let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    let window = w.case(id).review_window(&rules, &cal).unwrap();
    assert_eq!(window.from, WindowStart::ReceiptUnknown { issued: d(2025, 6, 3) });
    assert!(window.from.label().contains("未登记送达"));
    let delivery = Delivery {
        method: DeliveryMethod::HandedOver,
        sent_on: d(2025, 6, 4),
        received_on: Some(d(2025, 6, 4)),
    };
    w.ok(id, d(2025, 6, 4), Action::Deliver { document: Served::Reply, delivery });
    let window = w.case(id).review_window(&rules, &cal).unwrap();
    assert_eq!(
        (window.level, window.from, window.until),
        (ReviewLevel::Review, WindowStart::Received(d(2025, 6, 4)), d(2025, 7, 4))
    );
    // A receipt before the sending or in the future is refused.
    let bad = delivered(d(2025, 6, 4), Some(d(2025, 6, 3)));
    assert!(matches!(
        w.act(id, d(2025, 6, 5), Action::Deliver { document: Served::Reply, delivery: bad }),
        Err(CaseError::DateTooEarly { .. })
    ));
    let future = delivered(d(2025, 6, 4), Some(d(2025, 6, 9)));
    assert!(matches!(
        w.act(id, d(2025, 6, 5), Action::Deliver { document: Served::Reply, delivery: future }),
        Err(CaseError::FutureDate { .. })
    ));
    // Nothing to deliver before the decision exists.
    let review = Served::Review { level: ReviewLevel::Review };
    assert_eq!(
        w.act(id, d(2025, 6, 5), Action::Deliver { document: review, delivery }),
        Err(CaseError::NothingToDeliver("复查意见书"))
    );
}

/// Art. 36: the 复核 window counts from the receipt of the 复查意见书; the
/// body asked must be another than the 复查 body, and the one above is
/// proposed (arts. 35, 36: one level up).
#[wasm_bindgen_test(unsupported = test)]
fn art_36_rereview_window_and_one_level_up() {
    let mut w = World::new();
    let id = replied(&mut w, d(2025, 6, 3));
    assert_eq!(w.office.propose_review_body(w.case(id)), Some(w.unit("县人民政府")));
    assert_eq!(
        w.act(id, d(2025, 6, 10), request(ReviewLevel::Review, d(2025, 6, 10), &w, "县人社局")),
        Err(CaseError::ReviewBySameBody { level: "复查" })
    );
    w.ok(id, d(2025, 6, 10), request(ReviewLevel::Review, d(2025, 6, 10), &w, "县人民政府"));
    let decide = Action::DecideReview {
        level: ReviewLevel::Review,
        on: d(2025, 7, 1),
        outcome: ReviewOutcome::Uphold,
        reasons: "维持".into(),
        redo_by: None,
    };
    w.ok(id, d(2025, 7, 1), decide);
    assert_eq!(w.office.propose_review_body(w.case(id)), Some(w.unit("市人民政府")));
    // Received on 5 July (Saturday): until Monday 4 August.
    let delivery = delivered(d(2025, 7, 2), Some(d(2025, 7, 5)));
    let review = Served::Review { level: ReviewLevel::Review };
    w.ok(id, d(2025, 7, 7), Action::Deliver { document: review, delivery });
    let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    assert_eq!(
        w.case(id).review_request_until(&rules, &cal),
        Some((ReviewLevel::ReReview, d(2025, 8, 4)))
    );
    assert!(matches!(
        w.act(id, d(2025, 8, 5), request(ReviewLevel::ReReview, d(2025, 8, 5), &w, "市人民政府")),
        Err(CaseError::ReviewWindowClosed { .. })
    ));
    w.ok(id, d(2025, 8, 4), request(ReviewLevel::ReReview, d(2025, 8, 4), &w, "市人民政府"));
    assert_eq!(w.case(id).request_timeliness(2, &rules, &cal), Some(RequestTimeliness::InTime));
    assert_eq!(w.case(id).request_timeliness(0, &rules, &cal), None, "not a review");
}

/// The rating window follows the receipt like the review windows.
#[wasm_bindgen_test(unsupported = test)]
fn rating_window_counts_from_receipt() {
    let mut w = World::new();
    let id = replied(&mut w, d(2025, 6, 3));
    let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
    assert_eq!(w.case(id).rating_until(&rules, &cal), Some(d(2025, 7, 3)));
    let delivery = delivered(d(2025, 6, 3), Some(d(2025, 6, 7)));
    w.ok(id, d(2025, 6, 9), Action::Deliver { document: Served::Reply, delivery });
    assert_eq!(w.case(id).rating_until(&rules, &cal), Some(d(2025, 7, 7)));
    let rate = |on| Action::Rate { on, level: xinfang_core::case::Satisfaction::Basically };
    assert_eq!(
        w.act(id, d(2025, 7, 8), rate(d(2025, 7, 8))),
        Err(CaseError::RatingWindowClosed { until: d(2025, 7, 7) })
    );
    w.ok(id, d(2025, 7, 7), rate(d(2025, 7, 7)));
    // Receipt unknown: a late rating is recorded, not refused.
    let mut w = World::new();
    let id = replied(&mut w, d(2025, 6, 3));
    w.ok(id, d(2025, 8, 1), rate(d(2025, 8, 1)));
}

fn routed(w: &mut World, received: NaiveDate, on: NaiveDate, disposal: Disposal) -> CaseId {
    let id = w.register(received);
    let routing = Routing {
        on,
        disposal,
        lead: w.unit("县人社局"),
        co_units: vec![],
        assignment: None,
        explanation: String::new(),
    };
    w.ok(id, on, Action::Route { routing });
    id
}

/// Art. 23②: a matter brought directly is answered within 15 days of its
/// receipt, not 15 to route and 15 more; art. 23③: a transferred one from
/// the unit's 签收, else the sending day (and the UI is told which).
#[wasm_bindgen_test(unsupported = test)]
fn art_23_acceptance_counts_from_the_right_receipt() {
    // (disposal, received, routed, signed, start, due)
    let table = [
        // 直办 received Friday 26 Sep 2025: day 15 is Saturday 11 October,
        // a make-up working day after National Day.
        (
            Disposal::Direct,
            d(2025, 9, 26),
            d(2025, 9, 30),
            None,
            AcceptanceStart::Received(d(2025, 9, 26)),
            d(2025, 10, 11),
        ),
        // 转送 sent 20 Jan 2025, no receipt: day 15 is 4 Feb, in the Spring
        // Festival break: Wednesday 5 Feb.
        (
            Disposal::Transfer,
            d(2025, 1, 20),
            d(2025, 1, 20),
            None,
            AcceptanceStart::SendingDay(d(2025, 1, 20)),
            d(2025, 2, 5),
        ),
        // Signed for on 24 Jan: day 15 is Saturday 8 Feb, a make-up working day.
        (
            Disposal::Transfer,
            d(2025, 1, 20),
            d(2025, 1, 20),
            Some(d(2025, 1, 24)),
            AcceptanceStart::Signed(d(2025, 1, 24)),
            d(2025, 2, 8),
        ),
    ];
    for (disposal, received, on, signed, start, due) in table {
        let mut w = World::new();
        let id = routed(&mut w, received, on, disposal);
        if let Some(s) = signed {
            w.ok(id, s, Action::Sign { on: s });
        }
        let (rules, cal) = (w.office.settings().clock, w.office.settings().calendar.clone());
        assert_eq!(w.case(id).acceptance_start(), Some(start), "{disposal:?}");
        assert_eq!(w.case(id).acceptance_due(&rules, &cal), Some(due), "{disposal:?}");
        let next = w.office.next_due(w.case(id)).unwrap();
        assert_eq!((next.action, next.by), (DueAction::DecideAcceptance, due));
    }
    assert!(AcceptanceStart::SendingDay(d(2025, 1, 20)).label().contains("未登记签收"));
    // 签收 once, not before the sending, not for 直办.
    let mut w = World::new();
    let id = routed(&mut w, d(2025, 1, 20), d(2025, 1, 20), Disposal::Transfer);
    assert!(matches!(
        w.act(id, d(2025, 1, 21), Action::Sign { on: d(2025, 1, 19) }),
        Err(CaseError::DateTooEarly { .. })
    ));
    w.ok(id, d(2025, 1, 21), Action::Sign { on: d(2025, 1, 21) });
    assert_eq!(
        w.act(id, d(2025, 1, 22), Action::Sign { on: d(2025, 1, 22) }),
        Err(CaseError::AlreadySigned(d(2025, 1, 21)))
    );
    let id = routed(&mut w, d(2025, 1, 20), d(2025, 1, 20), Disposal::Direct);
    assert_eq!(
        w.act(id, d(2025, 1, 21), Action::Sign { on: d(2025, 1, 21) }),
        Err(CaseError::DirectNeedsNoReceipt)
    );
}

/// Art. 23③: an objection within 5 working days of receipt, counted in
/// working days whatever the setting; the case goes back to the office.
#[wasm_bindgen_test(unsupported = test)]
fn art_23_objection_in_five_working_days_routes_back() {
    // Sent Friday 26 Sep 2025: working days 28 Sep (Sunday, 调休), 29, 30
    // Sep, then after National Day 9 and 10 Oct.
    for count in [DayCount::Calendar, DayCount::Working] {
        let mut w = World::new();
        w.office.settings_mut().clock = ClockRules { count, ..ClockRules::default() };
        let id = routed(&mut w, d(2025, 9, 25), d(2025, 9, 26), Disposal::Transfer);
        let cal = w.office.settings().calendar.clone();
        assert_eq!(w.case(id).objection_due(&cal), Some(d(2025, 10, 10)), "{count:?}");
        let object = Action::Object { on: d(2025, 10, 9), reason: "属劳动仲裁事项".into() };
        w.ok(id, d(2025, 10, 9), object);
        let case = w.case(id);
        assert_eq!(case.stage(), Stage::Registered);
        assert!(case.routing().is_none());
        assert_eq!(case.objections().len(), 1);
        assert_eq!(case.objections()[0].received_on, d(2025, 9, 26));
        // The office decides again, counted from the objection.
        let next = w.office.next_due(case).unwrap();
        assert_eq!(next.action, DueAction::Route);
        // 15 days from 9 Oct: Friday 24 Oct; 15 working days (Saturday 11
        // Oct worked): Wednesday 29 Oct.
        let expected = if count == DayCount::Calendar { d(2025, 10, 24) } else { d(2025, 10, 29) };
        assert_eq!(next.by, expected, "{count:?}");
    }
    let mut w = World::new();
    let id = routed(&mut w, d(2025, 9, 25), d(2025, 9, 26), Disposal::Transfer);
    let empty = Action::Object { on: d(2025, 9, 29), reason: " ".into() };
    assert!(matches!(w.act(id, d(2025, 9, 29), empty), Err(CaseError::Input(_))));
    // Signed later: the 5 days run from the signature (9, 10, Saturday 11
    // (调休), 13, 14 October).
    w.ok(id, d(2025, 9, 30), Action::Sign { on: d(2025, 9, 30) });
    let cal = w.office.settings().calendar.clone();
    assert_eq!(w.case(id).objection_due(&cal), Some(d(2025, 10, 14)));
    // After the fifth working day the unit may no longer object: it must
    // handle the matter. The last day itself is still open.
    let late = Action::Object { on: d(2025, 10, 15), reason: "属劳动仲裁事项".into() };
    assert_eq!(
        w.act(id, d(2025, 10, 15), late),
        Err(CaseError::ObjectionTooLate { due: d(2025, 10, 14) })
    );
    let opening = w.office.opening(id, xinfang_core::ActionKind::Object).unwrap();
    assert_eq!(opening.latest, Some(d(2025, 10, 14)));
    let on_time = Action::Object { on: d(2025, 10, 14), reason: "属劳动仲裁事项".into() };
    w.ok(id, d(2025, 10, 15), on_time);
    let direct = routed(&mut w, d(2025, 9, 25), d(2025, 9, 26), Disposal::Direct);
    assert_eq!(w.case(direct).objection_due(&cal), None);
}

/// Art. 32: the 处理意见书 states the legal basis of every item's
/// decision. Columns: the items' bases, the refusal.
#[wasm_bindgen_test(unsupported = test)]
fn art_32_reply_needs_its_legal_basis_on_every_item() {
    let law = "《保障农民工工资支付条例》第三十条";
    let table: [(&[&str], Option<usize>); 4] = [
        (&["  "], Some(1)),
        (&[law, ""], Some(2)),
        (&["", law], Some(1)),
        (&[law, "《劳动合同法》第三十条"], None),
    ];
    for (bases, refused) in table {
        let mut w = World::new();
        let id = w.accepted_case(d(2025, 5, 2), d(2025, 5, 6));
        let on = d(2025, 5, 20);
        let items = bases
            .iter()
            .enumerate()
            .map(|(i, basis)| ReplyItem {
                claim: format!("诉求{}", i + 1),
                outcome: ReplyOutcome::Support,
                basis: (*basis).into(),
            })
            .collect();
        let result = w.act(id, on, Action::Reply { on, items, report: None });
        match refused {
            Some(item) => {
                let err = result.unwrap_err();
                assert_eq!(err, CaseError::NoLegalBasis { item }, "{bases:?}");
                assert!(err.to_string().contains("第三十二条"), "{err}");
                assert!(err.to_string().contains(&format!("第{item}项")), "{err}");
            }
            None => assert!(result.is_ok(), "{bases:?}: {result:?}"),
        }
    }
}

/// How a matter is taken through arts. 29–31 in [`arts_29_to_31_each_path_keeps_its_own_clock`].
#[derive(Debug, Clone, Copy)]
enum Path {
    /// Registered with this purpose and accepted.
    Accepted(Purpose),
    /// A 求决 matter accepted, then directed into the procedure.
    DirectedAfterAcceptance(Procedure),
    /// A 求决 matter directed into the procedure instead of being accepted.
    DirectedAtAcceptance(Procedure),
}

/// Arts. 29–31, 34–36: the 60-day clock, its extension and 复查/复核 apply
/// only to 第三十一条第六项 matters. Received Monday 28 July 2025 and
/// transferred that day; accepted (or directed) Saturday 2 August. For an
/// ordinary matter day 60 is Wednesday 1 October, National Day: the reply
/// is due Thursday 9 October, after the National Day and Mid-Autumn
/// holiday (1–8 October). Columns: article, path, track, the reply due,
/// whether an extension and a 复查 are open.
#[wasm_bindgen_test(unsupported = test)]
fn arts_29_to_31_each_path_keeps_its_own_clock() {
    let (received, accepted) = (d(2025, 7, 28), d(2025, 8, 2));
    let table = [
        ("第二十九条", Path::Accepted(Purpose::Suggestion), Track::Suggestion, None, false),
        ("第三十条", Path::Accepted(Purpose::Accusation), Track::Accusation, None, false),
        (
            "第三十一条第二项",
            Path::DirectedAfterAcceptance(Procedure::Arbitration),
            Track::Procedure(Procedure::Arbitration),
            None,
            false,
        ),
        (
            "第三十一条第一项",
            Path::DirectedAtAcceptance(Procedure::Judicial),
            Track::Procedure(Procedure::Judicial),
            None,
            false,
        ),
        (
            "第三十一条第六项",
            Path::Accepted(Purpose::Request),
            Track::Ordinary,
            Some(d(2025, 10, 9)),
            true,
        ),
    ];
    for (article, path, track, due, art_34_to_36) in table {
        let mut w = World::new();
        let mut intake = w.intake(received);
        intake.purpose = match path {
            Path::Accepted(p) => p,
            _ => Purpose::Request,
        };
        let id = w.register_intake(intake);
        w.transfer(id, received, "县人社局");
        let directed_on = match path {
            Path::Accepted(_) => {
                w.ok(id, accepted, Action::Accept { on: accepted });
                None
            }
            Path::DirectedAfterAcceptance(p) => {
                w.ok(id, accepted, Action::Accept { on: accepted });
                let on = d(2025, 8, 5);
                w.ok(id, on, direct(p, on));
                Some(on)
            }
            Path::DirectedAtAcceptance(p) => {
                w.ok(id, accepted, direct(p, accepted));
                Some(accepted)
            }
        };
        let case = w.case(id);
        assert_eq!(case.track(), track, "{article}");
        assert_eq!(track.article(), article);
        assert_eq!(track.has_reply_clock(), art_34_to_36, "{article}");

        // Art. 34: the reply clock, in the case's deadline and in the report.
        let next = w.office.next_due(case).map(|d| d.by);
        assert_eq!(next, due, "{article}: next deadline");
        let late = d(2025, 10, 20);
        assert_eq!(
            case.is_overdue(late, &w.office.settings().clock, &w.office.settings().calendar),
            due.is_some(),
            "{article}"
        );
        let october =
            Report::compute(&w.office, Period::month(2025, 10).unwrap(), Scope::All, late);
        assert_eq!(october.overdue_total(), u64::from(due.is_some()), "{article}: overdue");
        assert_eq!(
            october.indicator(IndicatorKind::OnTimeReply).denominator,
            u64::from(due.is_some()),
            "{article}: 按期办结率 judges only art. 34 replies"
        );

        // Art. 34: an extension only where the 60 days run.
        let now = d(2025, 9, 1);
        let head = w
            .office
            .settings()
            .org
            .people_of(w.unit("县人社局"), Role::Leader)
            .next()
            .unwrap()
            .id();
        let extend =
            Action::Extend { on: now, days: 30, reason: "案情复杂".into(), approved_by: head };
        let offered = |w: &World, kind| {
            w.office.allowed_actions(id, crate::common::at(now)).iter().any(|o| o.kind == kind)
        };
        assert_eq!(offered(&w, ActionKind::Extend), art_34_to_36, "{article}: extension offered");
        match (directed_on, w.act(id, now, extend)) {
            (Some(_), Err(e)) => {
                assert!(matches!(e, CaseError::NoReplyClock { .. }), "{article}: {e:?}")
            }
            (None, Ok(_)) if art_34_to_36 => {}
            (None, Err(e)) if !art_34_to_36 => {
                assert!(matches!(e, CaseError::NoReplyClock { .. }), "{article}: {e:?}");
                assert!(
                    e.to_string().contains(article) && e.to_string().contains("第三十四条"),
                    "{e}"
                );
            }
            (_, other) => panic!("{article}: extension {other:?}"),
        }

        // The written answer: a reply (its document by the track), or the
        // direction's notice, which concludes the matter.
        let replied = d(2025, 12, 1);
        match directed_on {
            None => w.reply(id, replied),
            Some(on) => {
                let case = w.case(id);
                assert_eq!(case.stage(), Stage::Directed, "{article}");
                assert_eq!(case.concluded_on(), Some(on));
                assert!(!case.direction().unwrap().procedure.notice().is_empty());
                assert!(w.act(id, replied, reply_action(replied, None)).is_err());
            }
        }
        assert!(w.case(id).stage().is_concluded(), "{article}");

        // Arts. 35, 36: 复查 only of a 信访处理意见书.
        let asked = d(2025, 12, 5);
        assert_eq!(
            w.office
                .allowed_actions(id, crate::common::at(asked))
                .iter()
                .any(|o| o.kind == ActionKind::RequestReview),
            art_34_to_36,
            "{article}: 复查 offered"
        );
        let review = w.act(id, asked, request(ReviewLevel::Review, asked, &w, "县人民政府"));
        if art_34_to_36 {
            assert!(review.is_ok(), "{article}: {review:?}");
        } else {
            let e = review.unwrap_err();
            assert!(matches!(e, CaseError::NoReview { .. }), "{article}: {e:?}");
            let text = e.to_string();
            assert!(text.contains(article) && text.contains("第三十五条"), "{text}");
        }
    }
}

fn direct(procedure: Procedure, on: NaiveDate) -> Action {
    Action::Direct {
        on,
        procedure,
        reason: "所反映的劳动报酬争议属于劳动争议".into(),
        redirect_to: "县劳动人事争议仲裁委员会".into(),
    }
}

/// Art. 31: only a 申诉求决类 matter is directed into a statutory
/// procedure, by the receiving or handling body, before any reply.
#[wasm_bindgen_test(unsupported = test)]
fn art_31_direction_only_for_claims_before_the_reply() {
    let (received, on) = (d(2025, 9, 26), d(2025, 9, 30));
    for purpose in [Purpose::Suggestion, Purpose::Accusation, Purpose::Enquiry] {
        let mut w = World::new();
        let mut intake = w.intake(received);
        intake.purpose = purpose;
        let id = w.register_intake(intake);
        w.transfer(id, received, "县人社局");
        let e = w.act(id, on, direct(Procedure::Arbitration, on)).unwrap_err();
        assert!(matches!(e, CaseError::NotForProcedure { .. }), "{purpose:?}: {e:?}");
        assert!(e.to_string().contains("第三十一条"), "{e}");
    }
    let mut w = World::new();
    // Not before routing: the office tells the petitioner where to go by a
    // refusal (art. 22).
    let id = w.register(received);
    assert!(matches!(
        w.act(id, on, direct(Procedure::Judicial, on)),
        Err(CaseError::WrongStage { .. })
    ));
    // Not after the reply.
    let id = w.accepted_case(received, on);
    w.reply(id, d(2025, 10, 9));
    let later = d(2025, 10, 10);
    assert!(matches!(
        w.act(id, later, direct(Procedure::Judicial, later)),
        Err(CaseError::WrongStage { .. })
    ));
    // Not dated before the transfer; a reason is required.
    let id = w.register(received);
    w.transfer(id, on, "县人社局");
    let early = direct(Procedure::Administrative, received);
    assert!(matches!(w.act(id, on, early), Err(CaseError::DateTooEarly { .. })));
    let bare = Action::Direct {
        on,
        procedure: Procedure::Administrative,
        reason: " ".into(),
        redirect_to: String::new(),
    };
    assert!(matches!(w.act(id, on, bare), Err(CaseError::Input(_))));
    w.ok(id, on, direct(Procedure::Administrative, on));
    let d = w.case(id).direction().unwrap();
    assert_eq!((d.body, d.procedure, d.on), (w.unit("县人社局"), Procedure::Administrative, on));
}

/// Art. 34: approved by a head (leader) of the handling unit, reason given;
/// the extension runs on from day 60.
#[wasm_bindgen_test(unsupported = test)]
fn art_34_extension_by_the_head_runs_on_from_day_60() {
    let mut w = World::new();
    let id = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    let org = &w.office.settings().org;
    let unit = w.unit("县人社局");
    let handler = org.people_of(unit, Role::Handler).next().unwrap().id();
    let other_leader = org.people_of(w.unit("河口乡"), Role::Leader).next().unwrap().id();
    let head = org.people_of(unit, Role::Leader).next().unwrap().id();
    let extend = |by, reason: &str| Action::Extend {
        on: d(2025, 4, 30),
        days: 30,
        reason: reason.into(),
        approved_by: by,
    };
    for wrong in [handler, other_leader] {
        let err = w.act(id, d(2025, 4, 30), extend(wrong, "案情复杂")).unwrap_err();
        assert!(matches!(err, CaseError::ExtensionApprover { .. }), "{err:?}");
        assert!(err.to_string().contains("第三十四条"), "{err}");
    }
    assert!(matches!(w.act(id, d(2025, 4, 30), extend(head, " ")), Err(CaseError::Input(_))));
    w.ok(id, d(2025, 4, 30), extend(head, "需调取工资台账"));
    // Day 60 is Sunday 4 May (Labour Day break, which would move it to 6
    // May); the extension runs on from day 60: day 90 is Tuesday 3 June.
    assert_eq!(w.office.next_due(w.case(id)).unwrap().by, d(2025, 6, 3));
    // In working days the readings agree: the 90th working day.
    let mut w2 = World::new();
    w2.office.settings_mut().clock =
        ClockRules { count: DayCount::Working, ..ClockRules::default() };
    let id2 = w2.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    let head2 =
        w2.office.settings().org.people_of(w2.unit("县人社局"), Role::Leader).next().unwrap().id();
    let before = w2.office.next_due(w2.case(id2)).unwrap().by;
    w2.ok(
        id2,
        d(2025, 4, 30),
        Action::Extend {
            on: d(2025, 4, 30), days: 30, reason: "复杂".into(), approved_by: head2
        },
    );
    let cal = w2.office.settings().calendar.clone();
    assert_eq!(
        w2.office.next_due(w2.case(id2)).unwrap().by,
        cal.deadline(before, 30, DayCount::Working)
    );
}

/// Art. 36②: hearing days are left out of the 复核 period only, as the
/// days they were: calendar days, or in working-day mode the working days
/// among them.
#[wasm_bindgen_test(unsupported = test)]
fn art_36_hearing_days_excluded_as_they_were() {
    // (count, hearing from, to, due)
    let table = [
        // Asked Monday 4 Aug 2025; 30 days: Wednesday 3 Sep. A 3-day hearing
        // (Wed 6 – Fri 8 Aug) adds 3: Saturday 6 Sep → Monday 8 Sep.
        (DayCount::Calendar, d(2025, 8, 6), d(2025, 8, 8), d(2025, 9, 8)),
        // A 1-day hearing: Thursday 4 Sep.
        (DayCount::Calendar, d(2025, 8, 6), d(2025, 8, 6), d(2025, 9, 4)),
        // Working days: a hearing over a weekend (Sat 9 – Sun 10 Aug)
        // excludes no working day.
        (DayCount::Working, d(2025, 8, 9), d(2025, 8, 10), d(2025, 9, 15)),
        // Fri 8 – Mon 11 Aug: two working days.
        (DayCount::Working, d(2025, 8, 8), d(2025, 8, 11), d(2025, 9, 17)),
    ];
    for (count, from, to, due) in table {
        let mut w = World::new();
        w.office.settings_mut().clock = ClockRules { count, ..ClockRules::default() };
        let id = replied(&mut w, d(2025, 6, 3));
        w.ok(id, d(2025, 6, 10), request(ReviewLevel::Review, d(2025, 6, 10), &w, "县人民政府"));
        let decide = Action::DecideReview {
            level: ReviewLevel::Review,
            on: d(2025, 7, 1),
            outcome: ReviewOutcome::Uphold,
            reasons: "维持".into(),
            redo_by: None,
        };
        w.ok(id, d(2025, 7, 1), decide);
        w.ok(
            id,
            d(2025, 7, 5),
            Action::Deliver {
                document: Served::Review { level: ReviewLevel::Review },
                delivery: delivered(d(2025, 7, 2), Some(d(2025, 7, 5))),
            },
        );
        w.ok(id, d(2025, 8, 4), request(ReviewLevel::ReReview, d(2025, 8, 4), &w, "市人民政府"));
        w.ok(id, to, Action::RecordHearing { from, to });
        let next = w.office.next_due(w.case(id)).unwrap();
        assert_eq!(
            (next.action, next.by),
            (DueAction::DecideReReview, due),
            "{count:?} {from}–{to}"
        );
    }
}

/// The 越级访 rule has its own message (not “不能为空”).
#[wasm_bindgen_test(unsupported = test)]
fn escalation_only_for_visits_has_its_own_message() {
    let w = World::new();
    let mut intake = w.intake(d(2025, 5, 6));
    intake.escalation = Some(Escalation::City);
    let err = intake.validate(d(2025, 5, 6)).unwrap_err();
    assert_eq!(err, CaseError::EscalationNotVisit);
    assert!(!err.to_string().contains("不能为空"), "{err}");
    intake.channel = Channel::Visit;
    intake.validate(d(2025, 5, 6)).unwrap();
    let mut accused = w.intake(d(2025, 5, 6));
    accused.accused_unit = Some(w.unit("河口乡"));
    assert_eq!(accused.validate(d(2025, 5, 6)).unwrap_err(), CaseError::AccusedUnitNotAccusation);
}

/// Every rule has its article, cited as documents print it.
#[wasm_bindgen_test(unsupported = test)]
fn every_rule_cites_its_article() {
    let cites: Vec<(Rule, String)> = [
        Rule::Route,
        Rule::DirectAnswer,
        Rule::Objection,
        Rule::ReplyContents,
        Rule::Reply,
        Rule::RequestReview,
        Rule::RequestReReview,
        Rule::HearingExcluded,
        Rule::AnnualReport,
    ]
    .into_iter()
    .map(|r| (r, r.citation()))
    .collect();
    let expect = [
        "《信访工作条例》第二十二条",
        "《信访工作条例》第二十三条第二款",
        "《信访工作条例》第二十三条第三款",
        "《信访工作条例》第三十二条",
        "《信访工作条例》第三十四条",
        "《信访工作条例》第三十五条",
        "《信访工作条例》第三十六条第一款",
        "《信访工作条例》第三十六条第二款",
        "《信访工作条例》第四十一条",
    ];
    for ((rule, got), want) in cites.iter().zip(expect) {
        assert_eq!(got, want, "{rule:?}");
    }
    assert_eq!(Rule::Objection.article().days, Some(5));
    assert!(RULES.len() > 20);
}

/// No holiday data after 2026: a deadline whose period crosses such a year
/// is provisional; entering the State Council's notice settles it.
#[wasm_bindgen_test(unsupported = test)]
fn a_deadline_in_a_year_without_data_is_provisional_until_the_notice() {
    let mut w = World::new();
    let id = w.register(d(2026, 12, 17));
    let due = w.office.next_due(w.case(id)).unwrap();
    // 15 days from 17 December 2026 is Friday 1 January 2027: a plain
    // weekday without 2027 data, certainly a holiday in fact.
    assert_eq!((due.action, due.by, due.provisional), (DueAction::Route, d(2027, 1, 1), true));
    let cal = &w.office.settings().calendar;
    assert!(!cal.deadline_checked(d(2026, 3, 2), 15, DayCount::Calendar).provisional);
    assert!(cal.deadline_checked(d(2026, 12, 1), 60, DayCount::Calendar).provisional);
    let notice =
        HolidayNotice::parse(2027, "一、元旦：1月1日（周五）至3日（周日）放假，共3天。").unwrap();
    w.office.settings_mut().calendar.apply_notice(&notice);
    let due = w.office.next_due(w.case(id)).unwrap();
    assert_eq!((due.by, due.provisional), (d(2027, 1, 4), false));
    // A notice with a wrong weekday is refused with the line and the day.
    let err = HolidayNotice::parse(2027, "元旦：1月1日（周四）放假。").unwrap_err();
    assert_eq!(err.to_string(), "第1行（元旦）：2027-01-01是周五，通知写作周四");
}

/// Records saved before 送达 was kept (format version 2, and version 1)
/// load unchanged; their replies count from the day of issue, marked.
#[wasm_bindgen_test(unsupported = test)]
fn a_version_2_record_loads_and_its_replies_count_from_issue() {
    let mut w = World::new();
    let id = replied(&mut w, d(2025, 6, 3));
    let current = w.office.to_json();
    let v3 = format!("\"format_version\":{}", xinfang_core::office::FORMAT_VERSION);
    assert_eq!(xinfang_core::office::FORMAT_VERSION, 3);
    let v2 = current.replacen(&v3, "\"format_version\":2", 1);
    assert_ne!(v2, current);
    let loaded = xinfang_core::Office::from_json(&v2).unwrap();
    assert_eq!(loaded.log(), w.office.log(), "every entry and hash kept");
    assert_eq!(loaded.to_json(), current, "written again as version 3, byte for byte");
    let (rules, cal) = (loaded.settings().clock, loaded.settings().calendar.clone());
    let window = loaded.case(id).unwrap().review_window(&rules, &cal).unwrap();
    assert_eq!(window.from, WindowStart::ReceiptUnknown { issued: d(2025, 6, 3) });
    // A version-2 reader's change JSON is unchanged: no `delivery` key.
    assert!(!current.contains("delivery"));
    // A 送达 is a new change, written only when made.
    let delivery = delivered(d(2025, 6, 3), Some(d(2025, 6, 7)));
    w.ok(id, d(2025, 6, 7), Action::Deliver { document: Served::Reply, delivery });
    let json = w.office.to_json();
    assert!(json.contains(r#""change":"delivered","document":"reply","delivery":{"method":"post","sent_on":"2025-06-03","received_on":"2025-06-07"}"#), "{json}");
    assert_eq!(xinfang_core::Office::from_json(&json).unwrap(), w.office);
}

/// Art. 29 with art. 22(三): a suggestion has no 60-day period, but a 交办
/// with the 五定 binds it to the deadline the office set (the office's own
/// period, not art. 34's): that deadline is owed, judged and overdue.
#[wasm_bindgen_test(unsupported = test)]
fn art_29_suggestion_assigned_keeps_the_offices_deadline() {
    let mut w = World::new();
    let (received, by) = (d(2025, 9, 26), d(2025, 10, 31));
    let mut intake = w.intake(received);
    intake.purpose = Purpose::Suggestion;
    let id = w.register_intake(intake);
    let lead = w.unit("县人社局");
    let assignment = xinfang_core::FiveFixes {
        unit: Some(lead),
        leader: Some(w.person("县人社局", "彭建华")),
        handler: Some(w.person("县人社局", "郎晓梅")),
        deadline: Some(by),
        standard: "研究采纳并书面回复".into(),
    }
    .complete()
    .unwrap();
    let routing = Routing {
        on: received,
        disposal: Disposal::Assign,
        lead,
        co_units: vec![],
        assignment: Some(assignment),
        explanation: String::new(),
    };
    w.ok(id, received, Action::Route { routing });
    w.ok(id, d(2025, 9, 30), Action::Accept { on: d(2025, 9, 30) });
    assert_eq!(w.office.next_due(w.case(id)).map(|d| d.by), Some(by));
    let late = d(2025, 11, 10);
    let november = Report::compute(&w.office, Period::month(2025, 11).unwrap(), Scope::All, late);
    assert_eq!(november.overdue_total(), 1);
}

/// Every document of a sample year cites the article it rests on, never
/// “根据《信访工作条例》有关规定” (issue 13 item 12), and no document promises the 60 days of
/// 第三十四条 to a suggestion or an accusation (第二十九条、第三十条).
#[wasm_bindgen_test(unsupported = test)]
fn every_document_of_a_sample_year_cites_its_article() {
    use xinfang_core::documents::{available, build};
    use xinfang_sample::{generate, SampleConfig};
    let today = d(2025, 12, 1);
    let office =
        generate(Settings::sample_county(), &SampleConfig::year(2025, today, 600)).unwrap();
    let mut built = 0;
    for case in office.cases() {
        for kind in available(&office, case.id()) {
            let doc = build(&office, case.id(), kind).unwrap();
            let text = doc.full_text();
            // (The clerk's own texts may say “依据某法有关规定”.)
            assert!(!text.contains("信访工作条例》有关规定"), "{} {kind:?}: {text}", case.number());
            assert!(
                !text.contains("信访工作条例》的有关规定"),
                "{} {kind:?}: {text}",
                case.number()
            );
            assert!(text.contains("《信访工作条例》第"), "{} {kind:?}: {text}", case.number());
            if !case.track().has_reply_clock() {
                assert!(!text.contains("60日内办结"), "{} {kind:?}: {text}", case.number());
            }
            built += 1;
        }
    }
    assert!(built > 1000, "{built} documents");
}
