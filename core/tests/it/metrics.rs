//! Indicators, counts and the unit ranking, checked against figures worked
//! out by hand on small data sets with real dates and China's 2025 holidays
//! (清明 4–6 April, 劳动节 1–5 May, 端午 31 May–2 June).
//!
//! Reminder of the rule every rate follows: a duty is judged once, on the
//! day it was done if on time, otherwise on its deadline (once that is
//! before the as-of day), and counts in the period containing that day.

use crate::common::{d, reply_action, World};
use chrono::NaiveDate;
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::case::{
    DeclineKind, ReviewLevel, ReviewOutcome, Routing, Satisfaction, SupervisionKind,
};
use xinfang_core::goals::{BasisPoints, Goal, IndicatorKind, Points, Targets};
use xinfang_core::metrics::{CategoryLevel, Document, Period, Ranking, Report, Scope, Tally};
use xinfang_core::{
    Action, CaseId, Channel, Disposal, DueAction, Escalation, FiveFixes, Office, Purpose,
};

// ---------------------------------------------------------------------------
// Helpers

/// Registers on `received`, transfers to `unit` on `routed` and accepts on `accepted`.
fn accepted_by(
    w: &mut World,
    unit: &str,
    received: NaiveDate,
    routed: NaiveDate,
    accepted: NaiveDate,
) -> CaseId {
    let id = w.register(received);
    w.transfer(id, routed, unit);
    w.ok(id, accepted, Action::Accept { on: accepted });
    id
}

/// A 交办 to 县人社局 on `on` with a deadline, accepted the same day.
fn assigned(w: &mut World, on: NaiveDate, deadline: NaiveDate) -> CaseId {
    let id = w.register(on);
    let fixes = FiveFixes {
        unit: Some(w.unit("县人社局")),
        leader: Some(w.person("县人社局", "彭建华")),
        handler: Some(w.person("县人社局", "郎晓梅")),
        deadline: Some(deadline),
        standard: "查清事实，书面答复".into(),
    };
    let routing = Routing {
        on,
        disposal: Disposal::Assign,
        lead: w.unit("县人社局"),
        co_units: vec![],
        assignment: Some(fixes.complete().unwrap()),
        explanation: String::new(),
    };
    w.ok(id, on, Action::Route { routing });
    w.ok(id, on, Action::Accept { on });
    id
}

fn rate(w: &mut World, id: CaseId, on: NaiveDate, level: Satisfaction) {
    w.ok(id, on, Action::Rate { on, level });
}

fn month(y: i32, m: u32) -> Period {
    Period::month(y, m).unwrap()
}

fn quarter(y: i32, q: u32) -> Period {
    Period::quarter(y, q).unwrap()
}

fn report(w: &World, period: Period, as_of: NaiveDate) -> Report {
    Report::compute(&w.office, period, Scope::All, as_of)
}

/// (numerator, denominator, value in basis points, met).
fn fig(r: &Report, kind: IndicatorKind) -> (u64, u64, Option<u32>, Option<bool>) {
    let i = r.indicator(kind);
    (i.numerator, i.denominator, i.value.map(BasisPoints::get), i.met)
}

fn due_reply(w: &World, id: CaseId) -> NaiveDate {
    let s = w.office.settings();
    let c = w.case(id);
    c.reply_due(c.last_handling().unwrap(), &s.clock, &s.calendar).expect("an art. 34 reply period")
}

// ---------------------------------------------------------------------------
// 按期办结率

#[wasm_bindgen_test(unsupported = test)]
fn on_time_reply_last_day_day_after_extension_and_unanswered() {
    let mut w = World::new();
    let (rec, acc) = (d(2025, 3, 3), d(2025, 3, 5));
    let a = accepted_by(&mut w, "县人社局", rec, rec, acc);
    let b = accepted_by(&mut w, "县人社局", rec, rec, acc);
    let c = accepted_by(&mut w, "县人社局", rec, rec, acc);
    let e = accepted_by(&mut w, "县人社局", rec, rec, acc);
    // 60 days from 5 March is Sunday 4 May, in the Labour Day holiday: the
    // last allowed day is Tuesday 6 May.
    assert_eq!(due_reply(&w, a), d(2025, 5, 6));
    w.reply(a, d(2025, 5, 6)); // the last allowed day: on time
    w.reply(b, d(2025, 5, 7)); // the day after: late
    let approver = w.person("县人社局", "彭建华");
    let extend = Action::Extend {
        on: d(2025, 4, 30),
        days: 30,
        reason: "需调取工资台账".into(),
        approved_by: approver,
    };
    w.ok(c, d(2025, 4, 30), extend);
    // 第三十四条: 30 more days run on from day 60 (4 May): Tuesday 3 June.
    assert_eq!(due_reply(&w, c), d(2025, 6, 3));
    w.reply(c, d(2025, 6, 3)); // late without the extension, on time with it
                               // `e` is never answered: late, judged on its deadline 6 May.
    assert_eq!(w.office.next_due(w.case(e)).map(|due| due.by), Some(d(2025, 5, 6)));

    let as_of = d(2025, 7, 15);
    // Q2: a on time (6 May), b late (due 6 May), c on time (3 June), e late
    // (due 6 May) → 2 of 4 = 50%, short of the 100% target.
    assert_eq!(
        fig(&report(&w, quarter(2025, 2), as_of), IndicatorKind::OnTimeReply),
        (2, 4, Some(5000), Some(false))
    );
    // May: a, b, e → 1 of 3 = 33.33%; June: c → 1 of 1; April: nothing due.
    let may = report(&w, month(2025, 5), as_of);
    assert_eq!(fig(&may, IndicatorKind::OnTimeReply), (1, 3, Some(3333), Some(false)));
    let june = report(&w, month(2025, 6), as_of);
    assert_eq!(fig(&june, IndicatorKind::OnTimeReply), (1, 1, Some(10_000), Some(true)));
    let april = report(&w, month(2025, 4), as_of);
    assert_eq!(fig(&april, IndicatorKind::OnTimeReply), (0, 0, None, None));
    // Each reply is judged once: the months add up to the quarter.
    let q2 = report(&w, quarter(2025, 2), as_of);
    let sum = |k| [&april, &may, &june].iter().map(|r| r.indicator(k).denominator).sum::<u64>();
    assert_eq!(
        sum(IndicatorKind::OnTimeReply),
        q2.indicator(IndicatorKind::OnTimeReply).denominator
    );

    // As of 6 May nothing is late yet: b's reply of 7 May is not known and
    // the deadline day itself is still on time; only a (on time) is judged.
    let early = report(&w, month(2025, 5), d(2025, 5, 6));
    assert_eq!(fig(&early, IndicatorKind::OnTimeReply), (1, 1, Some(10_000), Some(true)));
    // As of 7 May b and e are late.
    let next = report(&w, month(2025, 5), d(2025, 5, 7));
    assert_eq!(fig(&next, IndicatorKind::OnTimeReply), (1, 3, Some(3333), Some(false)));

    // Documents by their dates: 4 受理告知书 in Q1; in Q2 one 延期告知书 and
    // three 处理意见书 (a, b, c).
    let q1 = report(&w, quarter(2025, 1), as_of);
    assert_eq!(q1.counts.document(Document::AcceptanceNotice).current, 4);
    assert_eq!(q2.counts.document(Document::ExtensionNotice).current, 1);
    assert_eq!(q2.counts.document(Document::Reply).current, 3);
    // On 30 June (the end of Q2) only e is overdue, with its reply.
    assert_eq!(q2.overdue_total(), 1);
    assert!(q2.overdue.contains(&(DueAction::Reply, 1)));
    // The settings can come from elsewhere than an office: the same figures.
    let s = w.office.settings();
    let r = Report::from_cases(w.office.cases(), s, month(2025, 5), Scope::All, as_of);
    assert_eq!(r, may);
}

#[wasm_bindgen_test(unsupported = test)]
fn an_assignment_deadline_earlier_than_the_statute_is_the_one_judged() {
    let mut w = World::new();
    // 交办 on Monday 3 March with a deadline of 31 March; the statute
    // would allow until 2 May → 6 May.
    let id = assigned(&mut w, d(2025, 3, 3), d(2025, 3, 31));
    assert_eq!(due_reply(&w, id), d(2025, 3, 31));
    w.ok(id, d(2025, 4, 1), reply_action(d(2025, 4, 1), Some("已办结")));
    // Replied 1 April, a day after the 交办 deadline: late, judged on 31
    // March, so it counts in Q1 (0/1) and not in Q2 (0/0).
    let as_of = d(2025, 6, 1);
    assert_eq!(
        fig(&report(&w, quarter(2025, 1), as_of), IndicatorKind::OnTimeReply),
        (0, 1, Some(0), Some(false))
    );
    assert_eq!(
        fig(&report(&w, quarter(2025, 2), as_of), IndicatorKind::OnTimeReply),
        (0, 0, None, None)
    );
}

// ---------------------------------------------------------------------------
// 及时受理率

#[wasm_bindgen_test(unsupported = test)]
fn timely_acceptance_across_a_quarter_boundary_and_a_holiday() {
    let mut w = World::new();
    // Routed Sunday 16 March: 15 days end on Monday 31 March.
    let p = accepted_by(&mut w, "县人社局", d(2025, 3, 14), d(2025, 3, 16), d(2025, 3, 31));
    let s = w.office.settings();
    assert_eq!(w.case(p).acceptance_due(&s.clock, &s.calendar), Some(d(2025, 3, 31)));
    // The same, accepted a day late on 1 April: judged on 31 March (Q1).
    accepted_by(&mut w, "县人社局", d(2025, 3, 14), d(2025, 3, 16), d(2025, 4, 1));
    // Routed Thursday 20 March: 15 days end on Friday 4 April, a 清明
    // holiday, so the last day is Monday 7 April.
    let r = accepted_by(&mut w, "县人社局", d(2025, 3, 20), d(2025, 3, 20), d(2025, 4, 7));
    let s = w.office.settings();
    assert_eq!(w.case(r).acceptance_due(&s.clock, &s.calendar), Some(d(2025, 4, 7)));
    // Accepted 8 April: late, judged on 7 April (Q2).
    accepted_by(&mut w, "县人社局", d(2025, 3, 20), d(2025, 3, 20), d(2025, 4, 8));
    // Refused by the body on 25 March: a decision, on time, judged in Q1.
    let t = w.register(d(2025, 3, 20));
    w.transfer(t, d(2025, 3, 20), "县人社局");
    let refuse = Action::Decline {
        on: d(2025, 3, 25),
        kind: DeclineKind::NotAccepted,
        reason: "属于劳动仲裁受理范围".into(),
        redirect_to: "县劳动人事争议仲裁委员会".into(),
    };
    w.ok(t, d(2025, 3, 25), refuse);

    let as_of = d(2025, 7, 1);
    // Q1: p on time (31 Mar), the late one (due 31 Mar), t on time (25 Mar) → 2/3.
    let q1 = report(&w, quarter(2025, 1), as_of);
    assert_eq!(fig(&q1, IndicatorKind::TimelyAcceptance), (2, 3, Some(6667), Some(false)));
    // Q2: r on time (7 Apr), the late one (due 7 Apr) → 1/2.
    let q2 = report(&w, quarter(2025, 2), as_of);
    assert_eq!(fig(&q2, IndicatorKind::TimelyAcceptance), (1, 2, Some(5000), Some(false)));
    // Documents: 受理告知书 dated 31 March in Q1, 1, 7 and 8 April in Q2;
    // one 不予受理告知书 in Q1.
    assert_eq!(q1.counts.document(Document::AcceptanceNotice).current, 1);
    assert_eq!(q2.counts.document(Document::AcceptanceNotice).current, 3);
    assert_eq!(q1.counts.document(Document::RefusalNotice).current, 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_decision_not_yet_due_is_not_counted_as_late() {
    let mut w = World::new();
    // Routed Monday 1 September: the acceptance decision is due Tuesday 16 September.
    let id = w.register(d(2025, 9, 1));
    w.transfer(id, d(2025, 9, 1), "县林业局");
    let sept = month(2025, 9);
    let r = report(&w, sept, d(2025, 9, 10));
    assert_eq!(fig(&r, IndicatorKind::TimelyAcceptance), (0, 0, None, None));
    assert_eq!(r.overdue_total(), 0);
    let r = report(&w, sept, d(2025, 9, 16));
    assert_eq!(
        fig(&r, IndicatorKind::TimelyAcceptance),
        (0, 0, None, None),
        "the last day is still on time"
    );
    // On the 20th it is 4 days late: judged late, and overdue on the 20th.
    let r = report(&w, sept, d(2025, 9, 20));
    assert_eq!(fig(&r, IndicatorKind::TimelyAcceptance), (0, 1, Some(0), Some(false)));
    assert_eq!(
        r.overdue,
        vec![
            (DueAction::Route, 0),
            (DueAction::DecideAcceptance, 1),
            (DueAction::Reply, 0),
            (DueAction::DecideReview, 0),
            (DueAction::DecideReReview, 0),
        ]
    );
}

// ---------------------------------------------------------------------------
// An empty period

#[wasm_bindgen_test(unsupported = test)]
fn a_period_with_no_cases_has_no_values_and_no_division_by_zero() {
    let mut w = World::new();
    accepted_by(&mut w, "县人社局", d(2025, 3, 3), d(2025, 3, 3), d(2025, 3, 5));
    for office in [&w.office, &Office::new(w.office.settings().clone())] {
        let r = Report::compute(office, month(2020, 1), Scope::All, d(2025, 7, 1));
        for i in &r.indicators {
            if i.kind == IndicatorKind::ThreeNoTownships {
                // 12 townships, none with an escalated visit or a backlog case.
                assert_eq!((i.numerator, i.denominator, i.met), (12, 12, Some(true)));
                continue;
            }
            assert_eq!(
                (i.numerator, i.denominator, i.value, i.met),
                (0, 0, None, None),
                "{}",
                i.kind
            );
        }
        assert_eq!(r.counts.cases, Tally { current: 0, last_year: 0 });
        assert_eq!(r.counts.cases.change_pct(), None);
        assert!(r
            .category_shares(&office.settings().categories, CategoryLevel::First, 4)
            .is_empty());
        assert_eq!(
            r.indicator(IndicatorKind::OnTimeReply).to_string(),
            "按期办结率 —（0/0，目标100%）"
        );
    }
}

// ---------------------------------------------------------------------------
// Ratings: 参评率, 群众满意率 (all and 交办), 初信初访一次性化解率

#[wasm_bindgen_test(unsupported = test)]
fn satisfaction_participation_assigned_and_first_petitions() {
    let mut w = World::new();
    let (rec, acc, replied) = (d(2025, 3, 3), d(2025, 3, 5), d(2025, 4, 1));
    let mut plain = Vec::new();
    for _ in 0..3 {
        let id = accepted_by(&mut w, "县人社局", rec, rec, acc);
        w.reply(id, replied);
        plain.push(id);
    }
    rate(&mut w, plain[0], d(2025, 4, 10), Satisfaction::Satisfied);
    rate(&mut w, plain[1], d(2025, 4, 12), Satisfaction::Basically);
    rate(&mut w, plain[2], d(2025, 4, 15), Satisfaction::Dissatisfied);
    let mut given = Vec::new();
    for level in [Satisfaction::Satisfied, Satisfaction::Dissatisfied] {
        let id = assigned(&mut w, rec, d(2025, 4, 30));
        w.ok(id, replied, reply_action(replied, Some("已办结")));
        rate(&mut w, id, d(2025, 4, 20), level);
        given.push(id);
    }
    // Replied 10 March and never rated: the window closes on Wednesday 9
    // April (30 days), 超期未评价 in April.
    let silent = accepted_by(&mut w, "县人社局", d(2025, 2, 3), d(2025, 2, 3), d(2025, 2, 5));
    w.reply(silent, d(2025, 3, 10));
    let s = w.office.settings();
    assert_eq!(w.case(silent).rating_until(&s.clock, &s.calendar), Some(d(2025, 4, 9)));
    // A later letter repeats plain[0] (received 5 May).
    let mut again = w.intake(d(2025, 5, 5));
    again.repeat_of = Some(plain[0]);
    again.channel = Channel::Letter { green_post: false };
    w.register_intake(again);

    let april = report(&w, month(2025, 4), d(2025, 6, 30));
    // Rated in April: 满意, 基本满意, 不满意 (plain) and 满意, 不满意 (交办):
    // 3 positive of 5 = 60%, exactly the target, met.
    assert_eq!(fig(&april, IndicatorKind::Satisfaction), (3, 5, Some(6000), Some(true)));
    // 交办 only: 1 of 2 = 50% < 60%.
    assert_eq!(fig(&april, IndicatorKind::AssignedSatisfaction), (1, 2, Some(5000), Some(false)));
    // 5 rated, 1 window closed unused (9 April): 5/6 = 83.33%, no target.
    assert_eq!(fig(&april, IndicatorKind::RatingParticipation), (5, 6, Some(8333), None));
    // First petitions first replied to in April: the five cases replied on
    // 1 April. Positive and not repeated: plain[1] and given[0] (plain[0]
    // is repeated by the later letter) → 2/5 = 40%.
    assert_eq!(fig(&april, IndicatorKind::FirstPetitionResolved), (2, 5, Some(4000), None));
    // As of 4 May the repeat had not arrived: plain[0] counts → 3/5.
    let before = report(&w, month(2025, 4), d(2025, 5, 4));
    assert_eq!(fig(&before, IndicatorKind::FirstPetitionResolved), (3, 5, Some(6000), None));
    // A petitioner who rated the reply 基本满意 and then asked for 复查 was
    // not resolved at once: plain[1] no longer counts from its request on.
    let county = w.unit("县人民政府");
    let ask =
        Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 4, 20), body: county };
    w.ok(plain[1], d(2025, 4, 20), ask);
    let reviewed = report(&w, month(2025, 4), d(2025, 6, 30));
    assert_eq!(fig(&reviewed, IndicatorKind::FirstPetitionResolved), (1, 5, Some(2000), None));
    let before_request = report(&w, month(2025, 4), d(2025, 4, 19));
    assert_eq!(fig(&before_request, IndicatorKind::FirstPetitionResolved).0, 2);
    // Editing the goal changes the verdict.
    let mut strict = w.office.settings().clone();
    strict.targets.set(
        IndicatorKind::Satisfaction,
        Some(Goal::AtLeast(BasisPoints::from_percent(90).unwrap())),
    );
    let r =
        Report::from_cases(w.office.cases(), &strict, month(2025, 4), Scope::All, d(2025, 6, 30));
    assert_eq!(r.indicator(IndicatorKind::Satisfaction).met, Some(false));
    assert_eq!(
        r.indicator(IndicatorKind::Satisfaction).to_string(),
        "群众满意率 60%（3/5，目标≥90%，未达标）"
    );
}

// ---------------------------------------------------------------------------
// Counts: channels, visits, letters, collective and escalated visits,
// categories, year on year

fn petition(
    w: &World,
    on: NaiveDate,
    channel: Channel,
    head_count: u32,
    category: &str,
) -> xinfang_core::Intake {
    let mut i = w.intake(on);
    i.channel = channel;
    i.head_count = head_count;
    i.category = w.office.settings().categories.find(category).unwrap().id();
    i
}

fn visit(w: &World, on: NaiveDate, head_count: u32, category: &str) -> xinfang_core::Intake {
    petition(w, on, Channel::Visit, head_count, category)
}

fn letter(w: &World, on: NaiveDate, green: bool, category: &str) -> xinfang_core::Intake {
    petition(w, on, Channel::Letter { green_post: green }, 1, category)
}

/// Q1 2025: 9 cases, with 4 cases in Q1 2024 to compare with.
fn counting_world() -> World {
    let mut w = World::new();
    let l1 = w.register_intake(letter(&w, d(2025, 1, 6), true, "土地承包"));
    let mut l2 = letter(&w, d(2025, 1, 7), true, "土地承包");
    l2.purpose = Purpose::Suggestion;
    w.register_intake(l2);
    let mut l3 = letter(&w, d(2025, 2, 10), false, "土地承包");
    l3.repeat_of = Some(l1);
    w.register_intake(l3);
    let mut v1 = visit(&w, d(2025, 2, 12), 8, "企业改制");
    v1.purpose = Purpose::Appeal;
    w.register_intake(v1);
    w.register_intake(visit(&w, d(2025, 2, 13), 5, "企业改制"));
    let v3 = w.register_intake(visit(&w, d(2025, 3, 3), 4, "企业改制"));
    let mut v4 = visit(&w, d(2025, 3, 10), 1, "城镇建设");
    v4.repeat_of = Some(v3);
    v4.escalation = Some(Escalation::Capital);
    w.register_intake(v4);
    let mut v5 = visit(&w, d(2025, 3, 11), 2, "城镇建设");
    v5.escalation = Some(Escalation::City);
    w.register_intake(v5);
    w.register_intake(petition(&w, d(2025, 3, 31), Channel::Online, 1, "拖欠工资"));
    // The first day of Q2: not counted in Q1.
    w.register_intake(letter(&w, d(2025, 4, 1), true, "土地承包"));
    // Last year.
    w.register_intake(letter(&w, d(2024, 1, 10), true, "土地承包"));
    w.register_intake(letter(&w, d(2024, 2, 20), false, "土地承包"));
    w.register_intake(visit(&w, d(2024, 3, 1), 6, "企业改制"));
    w.register_intake(petition(&w, d(2024, 3, 28), Channel::Phone, 1, "拖欠工资"));
    w
}

#[wasm_bindgen_test(unsupported = test)]
fn counts_collective_and_escalated_visits_and_year_on_year() {
    let w = counting_world();
    let r = report(&w, quarter(2025, 1), d(2025, 7, 1));
    let c = &r.counts;
    // 3 letters + 5 visits + 1 online = 9 cases; last year 2 letters, 1 visit, 1 phone = 4.
    assert_eq!(c.cases, Tally { current: 9, last_year: 4 });
    assert_eq!((c.cases.change(), c.cases.change_pct()), (5, Some(12_500)));
    assert_eq!(c.cases.change_label(), "同比上升125%");
    // Persons: letters 3 + visits 8+5+4+1+2 = 20 + online 1 = 24; last year 1+1+6+1 = 9.
    assert_eq!(c.persons, Tally { current: 24, last_year: 9 });
    assert_eq!(c.letters, Tally { current: 3, last_year: 2 });
    assert_eq!(c.green_post_letters, Tally { current: 2, last_year: 1 });
    assert_eq!(c.visits, Tally { current: 5, last_year: 1 });
    assert_eq!(c.visit_persons, Tally { current: 20, last_year: 6 });
    // Collective (5 or more): the visits of 8 and 5, not the one of 4 →
    // 2 batches, 13 persons; last year the visit of 6.
    assert_eq!(c.collective_batches, Tally { current: 2, last_year: 1 });
    assert_eq!(c.collective_persons, Tally { current: 13, last_year: 6 });
    assert_eq!(c.collective_persons.change_pct(), Some(11_667), "(13-6)/6 = 116.67%");
    // Escalated: one 去市 visit of 2 persons, one 进京 visit of 1; none last year.
    let esc: Vec<(Escalation, u64, u64)> =
        c.escalated.iter().map(|e| (e.level, e.batches.current, e.persons.current)).collect();
    assert_eq!(
        esc,
        vec![(Escalation::City, 1, 2), (Escalation::Province, 0, 0), (Escalation::Capital, 1, 1)]
    );
    assert_eq!(c.escalated_batches(), Tally { current: 2, last_year: 0 });
    assert_eq!(c.escalated_batches().change_pct(), None);
    assert_eq!(c.escalated_batches().change_label(), "去年同期为0");
    // First 7, repeat 2 (the third letter and the 进京 visit).
    assert_eq!((c.first.current, c.repeat.current), (7, 2));
    assert_eq!(c.channel(Channel::Online), Tally { current: 1, last_year: 0 });
    assert_eq!(c.channel(Channel::Phone), Tally { current: 0, last_year: 1 });
    assert_eq!(c.channel(Channel::Phone).change_label(), "同比下降100%");
    assert_eq!(c.purpose(Purpose::Request).current, 7);
    assert_eq!(c.purpose(Purpose::Appeal).current, 1);
    assert_eq!(c.purpose(Purpose::Suggestion).current, 1);

    // 重访率: 1 repeat of 5 visits = 20%, exactly the ≤20% target: met.
    assert_eq!(fig(&r, IndicatorKind::RepeatVisits), (1, 5, Some(2000), Some(true)));
    // 越级重访率: 1 repeat of 2 escalated visits = 50% > 15%.
    assert_eq!(fig(&r, IndicatorKind::EscalatedRepeatVisits), (1, 2, Some(5000), Some(false)));
    // 重信率: 1 of 3 letters = 33.33% > 30%.
    assert_eq!(fig(&r, IndicatorKind::RepeatLetters), (1, 3, Some(3333), Some(false)));
    // 绿色邮政: 2 of 3 letters = 66.67% ≥ 40%.
    assert_eq!(fig(&r, IndicatorKind::GreenPost), (2, 3, Some(6667), Some(true)));
    // “三无”: every case is in 河口乡, which had escalated visits → 11/12.
    assert_eq!(fig(&r, IndicatorKind::ThreeNoTownships), (11, 12, Some(9167), Some(true)));
    let town = Report::compute(
        &w.office,
        quarter(2025, 1),
        Scope::Township(w.unit("河口乡")),
        d(2025, 7, 1),
    );
    assert_eq!(fig(&town, IndicatorKind::ThreeNoTownships), (0, 1, Some(0), Some(false)));
    assert_eq!(town.counts.cases.current, 9, "every case arose in 河口乡");

    // The same period last year stops at the same day: as of 15 February
    // 2025 only the letter of 10 January 2024 compares, against the three
    // letters received by 15 February 2025 (6 Jan, 7 Jan, 10 Feb) and the
    // visits of 12 and 13 February.
    let early = report(&w, quarter(2025, 1), d(2025, 2, 15));
    assert_eq!(early.counts.cases, Tally { current: 5, last_year: 1 });
}

#[wasm_bindgen_test(unsupported = test)]
fn category_shares_sum_to_one_hundred_percent() {
    let w = counting_world();
    let r = report(&w, quarter(2025, 1), d(2025, 7, 1));
    let tree = &w.office.settings().categories;
    // 9 cases: 土地承包 3, 企业改制 3, 城镇建设 2, 拖欠工资 1. 3/9 = 33.33…%,
    // 2/9 = 22.22…%, 1/9 = 11.11…%; rounded down they sum to 99.99%, and
    // the spare 0.01% goes to the largest remainder, the first of the two
    // tied 33.33…% (土地承包, earlier in the tree).
    let second = r.category_shares(tree, CategoryLevel::Second, 3);
    let lines: Vec<(&str, u64, u32)> =
        second.iter().map(|s| (s.name.as_str(), s.count, s.share.get())).collect();
    assert_eq!(
        lines,
        vec![
            ("土地承包", 3, 3334),
            ("企业改制", 3, 3333),
            ("城镇建设", 2, 2222),
            ("其余各类", 1, 1111)
        ]
    );
    assert_eq!(second.iter().map(|s| s.share.get()).sum::<u32>(), 10_000);
    assert_eq!(second[0].share.to_string(), "33.34%");
    // First level, top two: 农村农业 3 and 经济管理 3; the rest (城乡建设 2
    // + 劳动和社会保障 1) is 22.22% + 11.11% = 33.33%.
    let first = r.category_shares(tree, CategoryLevel::First, 2);
    let lines: Vec<(&str, u64, u32)> =
        first.iter().map(|s| (s.name.as_str(), s.count, s.share.get())).collect();
    assert_eq!(lines, vec![("农村农业", 3, 3334), ("经济管理", 3, 3333), ("其余各类", 3, 3333)]);
    // Asking for more lines than groups gives no remainder line.
    assert_eq!(r.category_shares(tree, CategoryLevel::First, 10).len(), 4);
}

// ---------------------------------------------------------------------------
// Supervision and documents

#[wasm_bindgen_test(unsupported = test)]
fn supervision_notices_and_documents_are_counted_by_their_dates() {
    let mut w = World::new();
    let id = w.register(d(2025, 1, 6));
    w.transfer(id, d(2025, 1, 6), "县林业局");
    let forestry = w.unit("县林业局");
    let press = |on, kind| Action::Supervise {
        on,
        kind,
        unit: forestry,
        note: "请加快办理".into(),
        respond_by: None,
    };
    w.ok(id, d(2025, 1, 15), press(d(2025, 1, 15), SupervisionKind::Reminder));
    w.ok(id, d(2025, 1, 16), Action::Accept { on: d(2025, 1, 16) });
    w.ok(id, d(2025, 2, 10), press(d(2025, 2, 10), SupervisionKind::Written));
    w.ok(id, d(2025, 2, 20), press(d(2025, 2, 20), SupervisionKind::Phone));
    let approver = w.person("县林业局", "花永林");
    let extend = Action::Extend {
        on: d(2025, 3, 1),
        days: 30,
        reason: "需现场勘验".into(),
        approved_by: approver,
    };
    w.ok(id, d(2025, 3, 1), extend);
    w.reply(id, d(2025, 3, 31));
    let county = w.unit("县人民政府");
    w.ok(
        id,
        d(2025, 4, 10),
        Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 4, 10), body: county },
    );
    let decide = Action::DecideReview {
        level: ReviewLevel::Review,
        on: d(2025, 4, 30),
        outcome: ReviewOutcome::Uphold,
        reasons: "原处理意见事实清楚".into(),
        redo_by: None,
    };
    w.ok(id, d(2025, 4, 30), decide);
    // The office tells another petitioner where to go, before routing.
    let other = w.register(d(2025, 2, 3));
    let tell = Action::Decline {
        on: d(2025, 2, 3),
        kind: DeclineKind::NotAccepted,
        reason: "属于诉讼程序".into(),
        redirect_to: "人民法院".into(),
    };
    w.ok(other, d(2025, 2, 3), tell);

    let q1 = report(&w, quarter(2025, 1), d(2025, 7, 1));
    let q2 = report(&w, quarter(2025, 2), d(2025, 7, 1));
    // Q1: 催办 15 Jan, 书面督办 10 Feb, 电话督办 20 Feb → 2 督办 notices and 1 reminder.
    assert_eq!(q1.counts.supervision_of(SupervisionKind::Reminder).current, 1);
    assert_eq!(q1.counts.supervision_of(SupervisionKind::Written).current, 1);
    assert_eq!(q1.counts.supervision_of(SupervisionKind::Phone).current, 1);
    assert_eq!(q1.counts.notices().current, 2);
    // Q1 documents: 受理告知书 16 Jan, 不予受理告知书 3 Feb, 延期告知书
    // 1 Mar, 处理意见书 31 Mar; Q2: 复查意见书 30 Apr.
    let docs =
        |r: &Report| -> Vec<u64> { r.counts.documents.iter().map(|(_, t)| t.current).collect() };
    assert_eq!(docs(&q1), vec![1, 1, 0, 1, 1, 0, 0]);
    assert_eq!(docs(&q2), vec![0, 0, 0, 0, 0, 1, 0]);
    // The reply of 31 March was on time: due 17 March + 30 days = 16 April.
    assert_eq!(due_reply(&w, id), d(2025, 4, 16));
    assert_eq!(fig(&q1, IndicatorKind::OnTimeReply), (1, 1, Some(10_000), Some(true)));
    // The review decision was on time too: nothing overdue at the end of Q2.
    assert_eq!(q2.overdue_total(), 0);
}

// ---------------------------------------------------------------------------
// Backlog: 积案办结率 and 结服率

#[wasm_bindgen_test(unsupported = test)]
fn backlog_concluded_and_settled() {
    let mut w = World::new();
    let (rec, acc) = (d(2025, 1, 2), d(2025, 1, 3));
    let k: Vec<CaseId> = (0..5).map(|_| accepted_by(&mut w, "县人社局", rec, rec, acc)).collect();
    // Accepted Friday 3 January: the reply is due Tuesday 4 March; with the
    // default 30 days' grace a case becomes a backlog case after Thursday
    // 3 April, i.e. from 4 April.
    assert_eq!(due_reply(&w, k[0]), d(2025, 3, 4));
    assert_eq!(w.office.settings().targets.backlog_after_days, 30);
    w.reply(k[0], d(2025, 5, 20));
    w.ok(
        k[0],
        d(2025, 5, 25),
        Action::Settle { on: d(2025, 5, 25), note: "签署息诉罢访承诺书".into() },
    );
    w.reply(k[1], d(2025, 6, 10));
    // k[2] is never answered.
    w.reply(k[3], d(2025, 4, 3)); // late, but on the last day of grace: never a backlog case
    w.reply(k[4], d(2025, 4, 4)); // one day more: a backlog case, concluded the day it became one

    let q2 = report(&w, quarter(2025, 2), d(2025, 7, 15));
    // Backlog cases of Q2: k0, k1, k2, k4 (4). Concluded in Q2: k0 (20 May),
    // k1 (10 June), k4 (4 April) → 3/4 = 75% < 100%.
    assert_eq!(fig(&q2, IndicatorKind::BacklogConcluded), (3, 4, Some(7500), Some(false)));
    // Of the 3 concluded only k0 has 息诉罢访 → 1/3 = 33.33% < 70%.
    assert_eq!(fig(&q2, IndicatorKind::BacklogSettled), (1, 3, Some(3333), Some(false)));
    // “三无”: 河口乡 has backlog cases → 11 of 12 townships.
    assert_eq!(fig(&q2, IndicatorKind::ThreeNoTownships), (11, 12, Some(9167), Some(true)));
    // In Q1 nobody was a backlog case yet.
    let q1 = report(&w, quarter(2025, 1), d(2025, 7, 15));
    assert_eq!(fig(&q1, IndicatorKind::BacklogConcluded), (0, 0, None, None));
    // In Q3 only k2 is left, still open: 0/1.
    let q3 = report(&w, quarter(2025, 3), d(2025, 9, 30));
    assert_eq!(fig(&q3, IndicatorKind::BacklogConcluded), (0, 1, Some(0), Some(false)));
    assert_eq!(fig(&q3, IndicatorKind::BacklogSettled), (0, 0, None, None));

    // With no grace, every late case is a backlog case from 5 March: in Q1
    // all five are, none concluded.
    let mut strict = w.office.settings().clone();
    strict.targets.backlog_after_days = 0;
    let r =
        Report::from_cases(w.office.cases(), &strict, quarter(2025, 1), Scope::All, d(2025, 7, 15));
    assert_eq!(fig(&r, IndicatorKind::BacklogConcluded), (0, 5, Some(0), Some(false)));
}

// ---------------------------------------------------------------------------
// Scopes and the unit ranking

/// May 2025: replies due on 6 May (accepted 5 March).
fn ranking_world() -> World {
    let mut w = World::new();
    let (rec, acc) = (d(2025, 3, 3), d(2025, 3, 5));
    let on_time = d(2025, 5, 6);
    // 县人社局: two cases, on time and 满意.
    for _ in 0..2 {
        let id = accepted_by(&mut w, "县人社局", rec, rec, acc);
        w.reply(id, on_time);
        rate(&mut w, id, d(2025, 5, 8), Satisfaction::Satisfied);
    }
    // 城关镇: one case, on time and 满意.
    let id = accepted_by(&mut w, "城关镇", rec, rec, acc);
    w.reply(id, on_time);
    rate(&mut w, id, d(2025, 5, 8), Satisfaction::Satisfied);
    // 河口乡: one on time but 不满意, one a day late and 基本满意.
    let id = accepted_by(&mut w, "河口乡", rec, rec, acc);
    w.reply(id, on_time);
    rate(&mut w, id, d(2025, 5, 8), Satisfaction::Dissatisfied);
    let id = accepted_by(&mut w, "河口乡", rec, rec, acc);
    w.reply(id, d(2025, 5, 7));
    rate(&mut w, id, d(2025, 5, 9), Satisfaction::Basically);
    // 县林业局: never answers; a 催办 and two 书面督办 in May.
    let id = accepted_by(&mut w, "县林业局", rec, rec, acc);
    let forestry = w.unit("县林业局");
    for (day, kind) in [
        (8, SupervisionKind::Reminder),
        (10, SupervisionKind::Written),
        (20, SupervisionKind::Written),
    ] {
        let on = d(2025, 5, day);
        w.ok(
            id,
            on,
            Action::Supervise {
                on,
                kind,
                unit: forestry,
                note: "限期答复".into(),
                respond_by: None,
            },
        );
    }
    w
}

#[wasm_bindgen_test(unsupported = test)]
fn units_are_ranked_with_reasons() {
    let w = ranking_world();
    let ranking = Ranking::compute(&w.office, month(2025, 5), d(2025, 6, 5));
    let top: Vec<(&str, Option<u32>, Option<Points>)> =
        ranking.entries.iter().take(4).map(|e| (e.name.as_str(), e.rank, e.score)).collect();
    assert_eq!(
        top,
        vec![
            // 100: nothing lost. 城关镇 and 县人社局 tie on score, overdue
            // and notices; 城关镇 was created first.
            ("城关镇", Some(1), Some(Points::whole(100))),
            ("县人社局", Some(2), Some(Points::whole(100))),
            // 按期办结率 1/2: 40 × 1/2 = 20; 满意率 1/2: 30 × 1/2 = 15 → 65.
            ("河口乡", Some(3), Some(Points::whole(65))),
            // 按期办结率 0/1: 40; 1 overdue × 2; 2 督办 × 1; 1 催办 × 0.5 → 55.5.
            ("县林业局", Some(4), Some(Points::from_hundredths(5550))),
        ]
    );
    let hekou = ranking.entry(w.unit("河口乡")).unwrap();
    assert_eq!(
        hekou.reasons,
        vec![
            "按期办结率50%（1/2），未达到目标100%，扣20分",
            "群众满意率50%（1/2），未达到目标≥60%，扣15分",
        ]
    );
    let forestry = ranking.entry(w.unit("县林业局")).unwrap();
    assert_eq!((forestry.overdue, forestry.notices, forestry.reminders), (1, 2, 1));
    assert_eq!(
        forestry.reasons,
        vec![
            "按期办结率0%（0/1），未达到目标100%，扣40分",
            "截至5月31日有1件超期未办，扣2分",
            "本期被督办2次，扣2分",
            "本期被催办1次，扣0.5分",
        ]
    );
    assert_eq!(ranking.entry(w.unit("城关镇")).unwrap().reasons, vec!["无扣分项"]);
    // Every other township and department is listed, unranked.
    assert_eq!(ranking.entries.len(), 12 + 20);
    let idle = ranking.entry(w.unit("县教育局")).unwrap();
    assert_eq!((idle.rank, idle.score), (None, None));
    assert_eq!(idle.reasons, vec!["本期无信访事项"]);
    assert!(ranking.entries[4..].iter().all(|e| e.rank.is_none()));

    // A unit's line agrees with its unit-scoped report.
    for name in ["河口乡", "县林业局", "县人社局"] {
        let u = w.unit(name);
        let r = Report::compute(&w.office, month(2025, 5), Scope::Unit(u), d(2025, 6, 5));
        let e = ranking.entry(u).unwrap();
        assert_eq!(*r.indicator(IndicatorKind::OnTimeReply), e.on_time_reply, "{name}");
        assert_eq!(*r.indicator(IndicatorKind::Satisfaction), e.satisfaction, "{name}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn scopes_select_cases_by_lead_unit_or_by_township() {
    let w = ranking_world();
    let may = month(2025, 5);
    let as_of = d(2025, 6, 5);
    // Whole county: replies judged in May: 6 (2 人社局, 1 城关镇, 2 河口乡,
    // 1 林业局); on time: 4 → 66.67%.
    let all = Report::compute(&w.office, may, Scope::All, as_of);
    assert_eq!(fig(&all, IndicatorKind::OnTimeReply), (4, 6, Some(6667), Some(false)));
    // 河口乡 as the handling unit: its two cases, 1 on time.
    let hekou = w.unit("河口乡");
    let unit = Report::compute(&w.office, may, Scope::Unit(hekou), as_of);
    assert_eq!(fig(&unit, IndicatorKind::OnTimeReply), (1, 2, Some(5000), Some(false)));
    // 河口乡 as the place: every case arose there (the test intake), whoever handled it.
    let place = Report::compute(&w.office, may, Scope::Township(hekou), as_of);
    assert_eq!(fig(&place, IndicatorKind::OnTimeReply), (4, 6, Some(6667), Some(false)));
    assert_eq!(Scope::Township(hekou).label(&w.office.settings().org), "河口乡（属地）");
    assert_eq!(Scope::All.label(&w.office.settings().org), "安和县");
    // Supervision counts with the case: the forestry notices are in its scope only.
    assert_eq!(unit.counts.notices().current, 0);
    let forestry = Report::compute(&w.office, may, Scope::Unit(w.unit("县林业局")), as_of);
    assert_eq!(forestry.counts.notices().current, 2);
}

#[wasm_bindgen_test(unsupported = test)]
fn ranking_weights_are_editable() {
    let w = ranking_world();
    let mut settings = w.office.settings().clone();
    // Satisfaction weighs nothing, each notice 10 points.
    settings.targets.ranking.satisfaction = Points::whole(0);
    settings.targets.ranking.per_notice = Points::whole(10);
    let ranking = Ranking::from_cases(w.office.cases(), &settings, month(2025, 5), d(2025, 6, 5));
    // 河口乡: 100 − 20 = 80. 县林业局: 100 − 40 − 2 − 20 − 0.5 = 37.5.
    let score = |name: &str| ranking.entry(w.unit(name)).unwrap().score;
    assert_eq!(score("河口乡"), Some(Points::whole(80)));
    assert_eq!(score("县林业局"), Some(Points::from_hundredths(3750)));
}

// ---------------------------------------------------------------------------
// Settings

#[wasm_bindgen_test(unsupported = test)]
fn targets_default_to_the_county_work_plan_and_old_data_loads() {
    let t = Targets::default();
    let pct = |p| BasisPoints::from_percent(p).unwrap();
    assert_eq!(t.timely_acceptance, Some(Goal::AtLeast(pct(100))));
    assert_eq!(t.on_time_reply, Some(Goal::AtLeast(pct(100))));
    assert_eq!(t.satisfaction, Some(Goal::AtLeast(pct(60))));
    assert_eq!(t.assigned_satisfaction, Some(Goal::AtLeast(pct(60))));
    assert_eq!(t.repeat_visits, Some(Goal::AtMost(pct(20))));
    assert_eq!(t.repeat_letters, Some(Goal::AtMost(pct(30))));
    assert_eq!(t.backlog_concluded, Some(Goal::AtLeast(pct(100))));
    assert_eq!(t.backlog_settled, Some(Goal::AtLeast(pct(70))));
    assert_eq!(t.green_post, Some(Goal::AtLeast(pct(40))));
    assert_eq!(t.three_no_townships, Some(Goal::AtLeast(pct(80))));
    assert_eq!(t.rating_participation, None);
    assert!(!IndicatorKind::RepeatVisits.higher_is_better());
    assert!(IndicatorKind::GreenPost.higher_is_better());
    assert_eq!(xinfang_core::Settings::sample_county().targets, t);

    // Data stored before targets existed loads with the defaults.
    let mut w = World::new();
    accepted_by(&mut w, "县人社局", d(2025, 3, 3), d(2025, 3, 3), d(2025, 3, 5));
    w.office.settings_mut().targets.green_post = None;
    let mut value: serde_json::Value = serde_json::from_str(&w.office.to_json()).unwrap();
    assert!(value["settings"]["targets"]["green_post"].is_null());
    value["settings"].as_object_mut().unwrap().remove("targets");
    let old = Office::from_json(&value.to_string()).unwrap();
    assert_eq!(old.settings().targets, Targets::default());
    assert_eq!(old.cases().count(), 1);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_same_period_last_year() {
    assert_eq!(quarter(2025, 1).previous_year(), Some(quarter(2024, 1)));
    assert_eq!(month(2025, 9).previous_year().unwrap().label(), "2024年9月");
    let range = Period::range(d(2025, 1, 1), d(2025, 3, 15)).unwrap();
    assert_eq!(range.previous_year().unwrap().label(), "2024年1月1日至2024年3月15日");
    // A quarter holds its first and last days and nothing outside.
    let q = quarter(2025, 2);
    assert!(q.contains(d(2025, 4, 1)) && q.contains(d(2025, 6, 30)));
    assert!(!q.contains(d(2025, 3, 31)) && !q.contains(d(2025, 7, 1)));
}
