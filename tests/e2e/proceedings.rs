//! The proceedings chain on the case page: each test registers its own case
//! on the registration page, routes it on the case page and takes it
//! through the action forms (`#act-<name>` → `#form-<name>`): 交办 →
//! 受理 → 延期 → 答复 → 评价; 答复 → 复查 → 复核 (with a hearing) → 终结;
//! 不予受理; 退回重办; 送达 and the 复查 window counted from the receipt
//! (第三十五条); a deadline counted into a year without holiday data marked
//! 暂定; and forms refused for their input. Deadlines are
//! checked against the 期限计算器 page (a second route to the same rule).

use serde_json::json;

use crate::harness::Browser;

/// A day as days since 1970-01-01 (proleptic Gregorian), for test dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(i64);

impl Day {
    /// From year, month, day.
    pub(crate) fn ymd(y: i64, m: i64, d: i64) -> Day {
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// From `YYYY-MM-DD`.
    pub(crate) fn parse(iso: &str) -> Day {
        let parts: Vec<i64> = iso.split('-').map(|p| p.parse().expect(iso)).collect();
        Day::ymd(parts[0], parts[1], parts[2])
    }

    fn civil(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
    }

    /// `YYYY-MM-DD`, as date inputs and `data-by` hold it.
    pub(crate) fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `2025年2月18日`, the start of the official Chinese style.
    pub(crate) fn zh(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y}年{m}月{d}日")
    }

    /// `n` days later (earlier when negative).
    pub(crate) fn plus(self, n: i64) -> Day {
        Day(self.0 + n)
    }
}

/// The browser's today.
pub(crate) async fn today(browser: &Browser) -> Day {
    let v = browser
        .script(
            "const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()];",
            vec![],
        )
        .await;
    let n = |i: usize| v[i].as_i64().expect("a date part");
    Day::ymd(n(0), n(1), n(2))
}

/// Registers a case received on `received` through the registration page;
/// returns its id once its page shows.
pub(crate) async fn register(browser: &Browser, received: Day, summary: &str) -> u32 {
    browser.click("#nav-register").await;
    browser
        .wait_for("the registration page", || async {
            browser.exists("#reg-submit").await.then_some(())
        })
        .await;
    browser.set_value("#reg-received-on", &received.iso()).await;
    browser.select("#reg-channel", "visit").await;
    browser.type_into("#reg-name-0", "测试信访人").await;
    browser.select_any("#reg-category").await;
    browser.select("#reg-purpose", "request").await;
    browser.select_any("#reg-township").await;
    browser.type_into("#reg-summary", summary).await;
    browser.click("#reg-submit").await;
    browser.wait_for_text("#page-case[data-stage='registered'] #case-stage", "待转送").await;
    let id =
        browser.attr_of("#page-case", "data-case").await.expect("the case page names its case");
    id.parse().expect("a case id")
}

/// Routes the open case on `on` (`transfer`, `assign` with the 五定 and a
/// deadline of `on` + 90 days, or `direct`) and waits for 待受理.
pub(crate) async fn route(browser: &Browser, disposal: &str, on: Day) {
    browser
        .wait_for("the routing form", || async {
            browser.exists("#route-form").await.then_some(())
        })
        .await;
    browser.select("#route-disposal", disposal).await;
    browser.set_value("#route-on", &on.iso()).await;
    if disposal == "assign" {
        browser.select_any("#fix-leader").await;
        browser.select_any("#fix-handler").await;
        browser.set_value("#fix-deadline", &on.plus(90).iso()).await;
        browser.type_into("#fix-standard", "查清事实，依法依规答复").await;
    }
    browser.click("#route-submit").await;
    expect_stage(browser, "routed", "待受理").await;
}

/// Waits until the case page shows the stage (`data-stage` and its label).
pub(crate) async fn expect_stage(browser: &Browser, value: &str, label: &str) {
    browser.wait_for_text(&format!("#page-case[data-stage='{value}'] #case-stage"), label).await;
}

/// Opens the form of action `name`.
pub(crate) async fn open(browser: &Browser, name: &str) {
    browser.click(&format!("#act-{name}")).await;
    browser
        .wait_for(&format!("#form-{name}"), || async {
            browser.exists(&format!("#form-{name}")).await.then_some(())
        })
        .await;
}

/// Submits the open form of `name` and waits for it to close (the core
/// accepted the action).
pub(crate) async fn submit(browser: &Browser, name: &str) {
    browser.click(&format!("#{name}-submit")).await;
    browser.wait_for_absent(&format!("#form-{name}")).await;
    assert!(
        !browser.exists("#notice.notice-error").await,
        "refused: {:?}",
        browser.text_of("#notice-text").await
    );
}

/// The day `#case-next-due` names (`data-by`), if the case owes anything.
pub(crate) async fn next_due(browser: &Browser) -> Option<Day> {
    browser.attr_of("#case-next-due", "data-by").await.map(|iso| Day::parse(&iso))
}

/// The number of entries of the case's timeline.
pub(crate) async fn timeline_len(browser: &Browser) -> usize {
    browser.count("#case-timeline .timeline-entry").await
}

/// Waits until the timeline has `n` entries; returns the text of the last.
pub(crate) async fn timeline_reaches(browser: &Browser, n: usize) -> String {
    browser
        .wait_for(&format!("{n} timeline entries"), || async {
            (timeline_len(browser).await == n).then_some(())
        })
        .await;
    browser
        .text_of(&format!("#case-timeline .timeline-entry:nth-child({n})"))
        .await
        .unwrap_or_default()
}

/// The deadline the 期限计算器 gives for `days` calendar days from `start`,
/// then back to case `id`.
pub(crate) async fn calculator(browser: &Browser, start: Day, days: u32, id: u32) -> Day {
    browser.go_to_hash("#/deadlines").await;
    browser
        .wait_for("the calculator, empty", || async {
            browser.exists("#deadline-missing").await.then_some(())
        })
        .await;
    browser.select("#period", "custom").await;
    browser.type_into("#custom-days", &days.to_string()).await;
    browser.set_value("#start-date", &start.iso()).await;
    let iso = browser
        .wait_for("the calculator's deadline", || async {
            browser.attr_of("#deadline-date", "data-iso").await
        })
        .await;
    browser.go_to_hash(&format!("#/case/{id}")).await;
    browser
        .wait_for("the case page again", || async {
            (browser.attr_of("#page-case", "data-case").await == Some(id.to_string())).then_some(())
        })
        .await;
    Day::parse(&iso)
}

/// The current value of the input or select matching `css`.
pub(crate) async fn value_of(browser: &Browser, css: &str) -> String {
    let v = browser
        .script("return document.querySelector(arguments[0]).value;", vec![json!(css)])
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Whether the button of action `name` shows.
pub(crate) async fn offered(browser: &Browser, name: &str) -> bool {
    browser.exists(&format!("#act-{name}")).await
}

#[tokio::test]
async fn an_assigned_case_is_accepted_extended_replied_and_rated() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    let id = register(&browser, today, "小区冬季供暖温度不达标").await;
    route(&browser, "assign", today).await;

    // 待受理: accept or decline, or press the unit; nothing else yet.
    for name in ["accept", "decline", "supervise"] {
        assert!(offered(&browser, name).await, "#act-{name} at 待受理");
    }
    for name in ["extend", "reply", "rate", "request-review", "send-back"] {
        assert!(!offered(&browser, name).await, "no #act-{name} at 待受理");
    }

    open(&browser, "accept").await;
    assert_eq!(value_of(&browser, "#accept-on").await, today.iso(), "dated today");
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    assert!(!offered(&browser, "accept").await);
    // 60 days from acceptance (the 交办 deadline, 90 days, is later).
    let due = next_due(&browser).await.expect("a reply is owed");
    assert_eq!(due, calculator(&browser, today, 60, id).await);
    let entries = timeline_len(&browser).await;

    // Extend by 30 days: the extension runs on from day 60 (第三十四条), so
    // the reply is due 90 days after acceptance, moved off a day off once.
    open(&browser, "extend").await;
    browser.type_into("#extend-days", "30").await;
    browser.type_into("#extend-reason", "涉及多个部门，需进一步调查核实").await;
    let approver = browser.select_any("#extend-approver").await;
    assert!(!approver.is_empty(), "a head of the handling unit to approve");
    submit(&browser, "extend").await;
    let expected = calculator(&browser, today, 90, id).await;
    browser
        .wait_for("the next due date to move", || async {
            (next_due(&browser).await == Some(expected)).then_some(())
        })
        .await;
    browser.wait_for_text_containing("#case-next-due", &expected.zh()).await;
    timeline_reaches(&browser, entries + 1).await;
    assert!(!offered(&browser, "extend").await, "the period is extended once only");

    // Reply with one claim and the 办结报告 a 交办 case needs.
    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "要求供暖温度达到18℃").await;
    browser.select("#reply-outcome-0", "support").await;
    browser.type_into("#reply-basis-0", "经现场测温，已督促供热公司整改").await;
    browser.type_into("#reply-report", "已约谈供热公司，整改完毕，室温达标").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;
    assert_eq!(browser.text_of("#case-next-due-by").await, None, "nothing owed after the reply");
    timeline_reaches(&browser, entries + 2).await;

    // Rate 满意.
    open(&browser, "rate").await;
    browser.select("#rate-level", "satisfied").await;
    submit(&browser, "rate").await;
    let last = timeline_reaches(&browser, entries + 3).await;
    assert!(last.contains("满意"), "{last}");
    assert!(!offered(&browser, "rate").await, "rated once only");
    expect_stage(&browser, "replied", "已答复").await;
    assert!(offered(&browser, "request-review").await);

    browser.close().await;
}

#[tokio::test]
async fn review_and_re_review_end_the_matter() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    let id = register(&browser, today, "反映征地补偿款未足额发放").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "要求补足征地补偿款").await;
    browser.type_into("#reply-basis-0", "《土地管理法》第四十八条").await;
    browser.select("#reply-outcome-0", "reject").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;

    // 复查: the level open now and the body one level up are proposed.
    open(&browser, "request-review").await;
    assert_eq!(
        browser.attr_of("#act-request-review", "aria-expanded").await.as_deref(),
        Some("true")
    );
    browser.wait_for_text("#act-request-review", "申请复查").await;
    assert!(!browser.select_any("#request-review-body").await.is_empty());
    submit(&browser, "request-review").await;
    expect_stage(&browser, "under_review", "复查中").await;
    assert_eq!(next_due(&browser).await, Some(calculator(&browser, today, 30, id).await));
    assert!(!offered(&browser, "hearing").await, "hearings are for 复核");

    open(&browser, "decide-review").await;
    browser.select("#decide-review-outcome", "uphold").await;
    browser.type_into("#decide-review-reasons", "原处理意见认定事实清楚，适用依据正确").await;
    submit(&browser, "decide-review").await;
    expect_stage(&browser, "reviewed", "已复查").await;

    // 复核, with a one-day hearing that does not count.
    browser.wait_for_text("#act-request-review", "申请复核").await;
    open(&browser, "request-review").await;
    browser.select("#request-review-level", "re_review").await;
    submit(&browser, "request-review").await;
    expect_stage(&browser, "under_re_review", "复核中").await;
    assert_eq!(next_due(&browser).await, Some(calculator(&browser, today, 30, id).await));
    open(&browser, "hearing").await;
    browser.set_value("#hearing-from", &today.iso()).await;
    browser.set_value("#hearing-to", &today.iso()).await;
    submit(&browser, "hearing").await;
    let expected = calculator(&browser, today, 31, id).await;
    browser
        .wait_for("the hearing day to be added", || async {
            (next_due(&browser).await == Some(expected)).then_some(())
        })
        .await;

    open(&browser, "decide-review").await;
    assert_eq!(value_of(&browser, "#decide-review-level").await, "re_review");
    browser.select("#decide-review-outcome", "uphold").await;
    browser.type_into("#decide-review-reasons", "复查意见正确，予以维持").await;
    submit(&browser, "decide-review").await;
    expect_stage(&browser, "terminated", "已终结").await;

    // 终结: no review of any level any more.
    for name in ["request-review", "decide-review", "hearing", "send-back", "supervise"] {
        assert!(!offered(&browser, name).await, "no #act-{name} after 终结");
    }
    assert!(offered(&browser, "follow-up").await);

    browser.close().await;
}

#[tokio::test]
async fn a_routed_case_is_declined_with_a_reason() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    register(&browser, today, "要求撤销法院民事判决").await;
    route(&browser, "transfer", today).await;
    let entries = timeline_len(&browser).await;

    open(&browser, "decline").await;
    browser.type_into("#decline-reason", "属于诉讼程序解决的事项").await;
    browser.type_into("#decline-redirect", "人民法院").await;
    submit(&browser, "decline").await;
    expect_stage(&browser, "declined", "不予受理").await;
    let last = timeline_reaches(&browser, entries + 1).await;
    assert!(last.contains("属于诉讼程序解决的事项"), "{last}");
    assert!(browser.exists("#actions-none").await, "a declined case offers nothing");
    assert_eq!(browser.count(".action-button").await, 0);

    browser.close().await;
}

#[tokio::test]
async fn a_sent_back_report_reopens_the_handling_with_its_new_deadline() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    register(&browser, today, "反映村务不公开").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "要求公开村级财务").await;
    browser.type_into("#reply-basis-0", "《村民委员会组织法》第三十条").await;
    browser.select("#reply-outcome-0", "explain").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;
    assert_eq!(next_due(&browser).await, None);

    let redo_by = today.plus(20);
    open(&browser, "send-back").await;
    browser.type_into("#send-back-reason", "答复避重就轻，未回应财务公开问题").await;
    browser.set_value("#send-back-redo-by", &redo_by.iso()).await;
    submit(&browser, "send-back").await;
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, Some(redo_by));
    browser.wait_for_text_containing("#case-next-due", &redo_by.zh()).await;
    assert!(offered(&browser, "reply").await);

    browser.close().await;
}

#[tokio::test]
async fn an_invalid_form_shows_field_errors_and_sends_nothing() {
    let browser = Browser::open().await;
    let today = today(&browser).await;
    register(&browser, today, "反映道路积水").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    let entries = timeline_len(&browser).await;
    let due = next_due(&browser).await;

    // Extend by 0 days.
    open(&browser, "extend").await;
    browser.type_into("#extend-days", "0").await;
    browser.type_into("#extend-reason", "需要补充调查").await;
    browser.click("#extend-submit").await;
    browser.wait_for_text("#extend-days-error", "延长天数应为1至30之间的整数").await;
    assert!(browser.exists("#form-extend .field-error").await);
    assert_eq!(browser.count("#form-extend .field-error").await, 1, "only the days are wrong");
    browser.click("#extend-cancel").await;
    browser.wait_for_absent("#form-extend").await;

    // A reply without any claim.
    open(&browser, "reply").await;
    browser.click("#reply-remove-item-0").await;
    browser.wait_for_absent("#reply-claim-0").await;
    browser.click("#reply-submit").await;
    browser.wait_for_text("#reply-items-error", "至少答复一项诉求").await;
    // An empty claim.
    browser.click("#reply-add-item").await;
    browser.click("#reply-submit").await;
    browser.wait_for_text("#reply-claim-0-error", "请填写诉求").await;
    assert!(browser.exists("#form-reply").await, "the form stays open");

    // Nothing was sent: same stage, same deadline, same history, no notice.
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, due);
    assert_eq!(timeline_len(&browser).await, entries);
    assert!(!browser.exists("#notice").await);
    assert!(offered(&browser, "extend").await, "not extended");

    browser.close().await;
}

#[tokio::test]
async fn a_review_within_30_days_of_receipt_is_accepted_though_late_from_issue() {
    // The issue's example (第三十五条: 自收到书面答复之日起30日内): the reply
    // issued 2025-06-03 and received 2025-06-07; asked on 2025-07-05 (32
    // days after issue) the review is accepted, on 2025-07-08 it is late.
    let browser = Browser::open().await;
    register(&browser, Day::ymd(2025, 5, 6), "反映小区冬季供暖温度不达标").await;
    route(&browser, "transfer", Day::ymd(2025, 5, 7)).await;
    open(&browser, "accept").await;
    browser.set_value("#accept-on", &Day::ymd(2025, 5, 8).iso()).await;
    submit(&browser, "accept").await;
    open(&browser, "reply").await;
    browser.set_value("#reply-on", &Day::ymd(2025, 6, 3).iso()).await;
    browser.type_into("#reply-claim-0", "要求供暖温度达到18℃").await;
    browser.type_into("#reply-basis-0", "《城市供热价格管理办法》").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;

    // 送达 by post, received four days after issue.
    open(&browser, "deliver").await;
    assert_eq!(value_of(&browser, "#deliver-document").await, "reply");
    browser.select("#deliver-method", "post").await;
    browser.set_value("#deliver-on", &Day::ymd(2025, 6, 3).iso()).await;
    browser.set_value("#deliver-received", &Day::ymd(2025, 6, 7).iso()).await;
    submit(&browser, "deliver").await;
    let entry = timeline_reaches(&browser, 5).await;
    assert!(entry.contains("送达"), "{entry}");

    // Day 31 after the receipt: refused, the form stays open.
    open(&browser, "request-review").await;
    browser.set_value("#request-review-on", &Day::ymd(2025, 7, 8).iso()).await;
    browser.click("#request-review-submit").await;
    browser.wait_for_text_containing("#notice-text", "已超过申请复查的期限").await;
    expect_stage(&browser, "replied", "已答复").await;
    // Day 28 after the receipt (32 after issue): accepted.
    browser.set_value("#request-review-on", &Day::ymd(2025, 7, 5).iso()).await;
    submit(&browser, "request-review").await;
    expect_stage(&browser, "under_review", "复查中").await;
    browser.close().await;
}

#[tokio::test]
async fn a_deadline_counted_into_a_year_without_holiday_data_is_marked_provisional() {
    // The calendar holds the State Council's notices up to 2026: the 15
    // days to accept from 2026-12-07 end in 2026 (firm); the 60 days to
    // reply end in 2027, counted with plain weekends (暂定).
    let browser = Browser::open().await;
    let start = Day::ymd(2026, 12, 7);
    register(&browser, start, "反映农村道路硬化工程未完工").await;
    route(&browser, "transfer", start).await;
    assert_eq!(
        browser.attr_of("#case-next-due", "data-provisional").await.as_deref(),
        Some("false")
    );
    assert!(!browser.exists("#case-next-due-provisional").await);
    open(&browser, "accept").await;
    browser.set_value("#accept-on", &start.iso()).await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    browser.wait_for_text_containing("#case-next-due-provisional", "暂定").await;
    let note = browser.attr_of("#case-next-due-provisional", "title").await.unwrap_or_default();
    assert!(note.contains("尚未录入节假日安排"), "{note}");
    let by = next_due(&browser).await.expect("a reply is owed");
    assert!(by >= Day::ymd(2027, 2, 5), "{by:?}");
    browser.close().await;
}

#[tokio::test]
async fn a_transferred_matter_counts_from_its_receipt_and_a_late_objection_is_refused() {
    // 第二十三条第三款: the unit answers within 15 days of its receipt (签收)
    // and may object within 5 working days of it. Sent Friday 2025-09-26,
    // signed Tuesday 09-30: acceptance due 10-15; the 5 working days are
    // 10-09, 10, 11 (a Saturday worked, 调休), 13 and 14 (国庆 1–8 off).
    let browser = Browser::open().await;
    register(&browser, Day::ymd(2025, 9, 25), "反映企业拖欠工资三个月").await;
    route(&browser, "transfer", Day::ymd(2025, 9, 26)).await;
    let acceptance = "#case-deadlines [data-kind='acceptance']";
    browser.wait_for_text_containing(acceptance, "未登记签收日期").await;
    assert_eq!(
        browser.attr_of(acceptance, "data-by").await.as_deref(),
        Some(Day::ymd(2025, 10, 11).iso().as_str()),
        "15 days from the sending day"
    );

    open(&browser, "sign").await;
    browser.set_value("#sign-on", &Day::ymd(2025, 9, 30).iso()).await;
    submit(&browser, "sign").await;
    browser.wait_for_text_containing(acceptance, "自2025年9月30日签收之日起计算").await;
    assert_eq!(next_due(&browser).await, Some(Day::ymd(2025, 10, 15)));
    assert!(!offered(&browser, "sign").await, "signed once");
    let objection = "#case-deadlines [data-kind='objection']";
    assert_eq!(
        browser.attr_of(objection, "data-by").await.as_deref(),
        Some(Day::ymd(2025, 10, 14).iso().as_str())
    );
    let entries = timeline_len(&browser).await;

    // The sixth working day: refused, in the core's words, the form open.
    open(&browser, "object").await;
    browser.set_value("#object-on", &Day::ymd(2025, 10, 15).iso()).await;
    browser.type_into("#object-reason", "属劳动保障监察职责，不属本单位").await;
    browser.click("#object-submit").await;
    browser.wait_for_text_containing("#notice-text", "5个工作日内提出").await;
    assert!(browser.exists("#form-object").await);
    expect_stage(&browser, "routed", "待受理").await;
    // The fifth: the case goes back to the office, to be routed again.
    browser.set_value("#object-on", &Day::ymd(2025, 10, 14).iso()).await;
    submit(&browser, "object").await;
    expect_stage(&browser, "registered", "待转送").await;
    let last = timeline_reaches(&browser, entries + 1).await;
    assert!(last.contains("提出异议") && last.contains("劳动保障监察"), "{last}");
    // The office decides again within 15 days of the objection.
    assert_eq!(next_due(&browser).await, Some(Day::ymd(2025, 10, 29)));
    browser.reload().await;
    expect_stage(&browser, "registered", "待转送").await;
    assert!(browser.exists("#route-form").await, "routed again from here");
    browser.close().await;
}

#[tokio::test]
async fn a_reply_is_refused_until_every_item_states_its_legal_basis() {
    // 第三十二条: the 处理意见书 states the decision on each request and its
    // 法律法规依据.
    let browser = Browser::open().await;
    let today = today(&browser).await;
    register(&browser, today, "反映征地补偿款未足额发放").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    let entries = timeline_len(&browser).await;

    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "补发征地补偿款").await;
    browser.type_into("#reply-basis-0", "《土地管理法》第四十八条").await;
    browser.click("#reply-add-item").await;
    browser.type_into("#reply-claim-1", "支付逾期利息").await;
    browser.select("#reply-outcome-1", "reject").await;
    browser.click("#reply-submit").await;
    browser.wait_for_text_containing("#reply-basis-1-error", "第三十二条").await;
    assert!(!browser.exists("#reply-basis-0-error").await, "the first item has its basis");
    assert_eq!(timeline_len(&browser).await, entries, "nothing was sent");
    expect_stage(&browser, "handling", "办理中").await;

    browser.type_into("#reply-basis-1", "《土地管理法实施条例》第三十二条").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;
    browser.close().await;
}

#[tokio::test]
async fn a_matter_for_arbitration_is_directed_there_in_writing() {
    // 第三十一条第二项: a 申诉求决类 matter that belongs to arbitration is not
    // handled as a petition: the unit tells the petitioner where to go, in
    // writing, and the matter is concluded; no 60-day clock, no 复查.
    let browser = Browser::open().await;
    let today = today(&browser).await;
    let id = register(&browser, today, "要求单位支付解除劳动合同经济补偿金").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    let entries = timeline_len(&browser).await;

    open(&browser, "direct").await;
    assert_eq!(value_of(&browser, "#direct-procedure").await, "judicial");
    browser.select("#direct-procedure", "arbitration").await;
    browser.click("#direct-submit").await;
    browser.wait_for_text("#direct-reason-error", "此项必填").await;
    browser.type_into("#direct-reason", "所反映的经济补偿争议属劳动争议").await;
    browser.type_into("#direct-redirect", "县劳动人事争议仲裁委员会").await;
    submit(&browser, "direct").await;
    expect_stage(&browser, "directed", "已导入法定途径").await;
    timeline_reaches(&browser, entries + 1).await;
    assert_eq!(next_due(&browser).await, None, "nothing owed on the petition clock");
    assert!(browser.exists("#actions-none").await, "concluded: no action offered");

    // The written notice, citing 第三十一条第二项.
    browser.click("#doc-direction").await;
    browser.wait_for_text("#doc-title", "导入相应程序告知书").await;
    let body = browser.text_of("#doc-body").await.unwrap_or_default();
    assert!(
        body.contains("根据《信访工作条例》第三十一条第二项规定，该事项应当依法申请仲裁"),
        "{body}"
    );
    assert!(body.contains("请你依法向县劳动人事争议仲裁委员会提出"), "{body}");
    browser.go_to_hash(&format!("#/case/{id}")).await;
    expect_stage(&browser, "directed", "已导入法定途径").await;
    browser.reload().await;
    expect_stage(&browser, "directed", "已导入法定途径").await;
    browser.close().await;
}

#[tokio::test]
async fn a_suggestion_is_answered_without_the_sixty_day_clock_or_a_review() {
    // 第二十九条: suggestions are studied and answered; 第三十四条's 60 days
    // and the 复查 of 第三十五条 are for 第三十一条第六项 matters only.
    let browser = Browser::open().await;
    let today = today(&browser).await;
    browser.click("#nav-register").await;
    browser
        .wait_for("the registration page", || async {
            browser.exists("#reg-submit").await.then_some(())
        })
        .await;
    browser.set_value("#reg-received-on", &today.iso()).await;
    browser.select("#reg-channel", "visit").await;
    browser.type_into("#reg-name-0", "测试信访人").await;
    browser.select_any("#reg-category").await;
    browser.select("#reg-purpose", "suggestion").await;
    browser.select_any("#reg-township").await;
    browser.type_into("#reg-summary", "建议在集镇增设公共停车场").await;
    browser.click("#reg-submit").await;
    expect_stage(&browser, "registered", "待转送").await;
    route(&browser, "transfer", today).await;
    open(&browser, "accept").await;
    submit(&browser, "accept").await;
    expect_stage(&browser, "handling", "办理中").await;
    assert_eq!(next_due(&browser).await, None, "no 60-day deadline");
    assert!(!browser.exists("#case-deadlines [data-kind='reply']").await);
    assert!(!offered(&browser, "extend").await, "no extension of a period that does not run");
    assert!(offered(&browser, "reply").await);

    open(&browser, "reply").await;
    browser.type_into("#reply-claim-0", "增设公共停车场").await;
    browser.type_into("#reply-basis-0", "已纳入集镇建设规划研究").await;
    browser.select("#reply-outcome-0", "explain").await;
    submit(&browser, "reply").await;
    expect_stage(&browser, "replied", "已答复").await;
    assert!(!offered(&browser, "request-review").await, "no 复查 of a suggestion's answer");
    browser.click("#doc-reply").await;
    browser.wait_for_text("#doc-title", "建议意见采纳情况回复").await;
    let body = browser.text_of("#doc-body").await.unwrap_or_default();
    assert!(body.contains("依据《信访工作条例》第二十九条作出"), "{body}");
    assert!(!body.contains("请求复查"), "{body}");
    browser.close().await;
}
