//! 登记 through the form: a valid registration opens the new case with its
//! number, stage and routing deadline; an invalid identity number is
//! refused beside its field and registers nothing; a repeat is found by its
//! identity number while typing and linked to the earlier case; every
//! limited text shows its count as the clerk types, and a text pasted past
//! its limit by a script (which `maxlength` does not stop) is refused beside
//! its field and saves nothing.

use crate::harness::Browser;

/// A valid identity number (the example of GB 11643-1999 itself).
pub(crate) const ID_A: &str = "11010519491231002X";

/// The same number with a wrong check digit.
pub(crate) const ID_BAD: &str = "110105194912310021";

/// The received date used by these tests, and its routing deadline as the
/// core's documented example gives it (15 days from Friday 26 September
/// 2025 end on Saturday 11 October, a make-up working day).
pub(crate) const RECEIVED: &str = "2025-09-26";
/// See [`RECEIVED`].
pub(crate) const ROUTE_DUE_ZH: &str = "2025年10月11日（星期六）";

/// The category the tests pick, as the select shows it (with its parent).
pub(crate) const CATEGORY: &str = "劳动和社会保障 / 拖欠工资";

/// Opens the registration page.
pub(crate) async fn open_register(b: &Browser) {
    b.click("#nav-register").await;
    b.wait_for("the registration page", || async { b.exists("#reg-submit").await.then_some(()) })
        .await;
}

/// Fills the registration form (received 2025-09-26, a visit, 河口乡,
/// 拖欠工资) with `name`, `id_number` (may be empty) and `summary`.
pub(crate) async fn fill(b: &Browser, name: &str, id_number: &str, summary: &str) {
    b.set_value("#reg-received-on", RECEIVED).await;
    b.select("#reg-channel", "visit").await;
    b.type_into("#reg-name-0", name).await;
    if !id_number.is_empty() {
        b.type_into("#reg-id-0", id_number).await;
    }
    b.type_into("#reg-phone-0", "13812345678").await;
    b.select_by_label("#reg-category", CATEGORY).await;
    b.select("#reg-purpose", "request").await;
    b.select_by_label("#reg-township", "河口乡").await;
    b.type_into("#reg-village", "东岗村").await;
    b.type_into("#reg-summary", summary).await;
    b.type_into("#reg-content", "某建筑公司拖欠二十名务工人员工资共计十二万元。").await;
}

/// Registers a case through the form; returns its number and its id (the
/// page's `data-case`).
pub(crate) async fn register(
    b: &Browser,
    name: &str,
    id_number: &str,
    summary: &str,
) -> (String, String) {
    open_register(b).await;
    fill(b, name, id_number, summary).await;
    b.click("#reg-submit").await;
    opened_case(b).await
}

/// Waits for a case page; returns its number and id.
pub(crate) async fn opened_case(b: &Browser) -> (String, String) {
    let number = b
        .wait_for("the new case's page", || async {
            b.text_of("#page-case #case-number").await.filter(|t| !t.is_empty())
        })
        .await;
    let id = b.attr_of("#page-case", "data-case").await.expect("the case id");
    (number, id)
}

/// The current value (the property, not the attribute) of the input or
/// select matching `css`.
pub(crate) async fn value_of(b: &Browser, css: &str) -> String {
    let value = b
        .script(
            "const el = document.querySelector(arguments[0]); return el ? el.value : null;",
            vec![serde_json::json!(css)],
        )
        .await;
    value.as_str().unwrap_or_default().to_string()
}

/// `XF<year>-<5 digits>`.
pub(crate) fn is_case_number(number: &str) -> bool {
    let Some(rest) = number.strip_prefix("XF") else { return false };
    let Some((year, seq)) = rest.split_once('-') else { return false };
    year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && seq.len() == 5
        && seq.chars().all(|c| c.is_ascii_digit())
}

/// Days from 11 October 2025 to the browser's today, by the browser's own
/// clock (a second route to the overdue count the page shows).
pub(crate) async fn days_since_route_due(b: &Browser) -> i64 {
    let days = b
        .script(
            "const d = new Date();
             return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())
                                - Date.UTC(2025, 9, 11)) / 86400000);",
            vec![],
        )
        .await;
    days.as_i64().expect("a number of days")
}

#[tokio::test]
async fn registering_through_the_form_opens_the_new_case() {
    let b = Browser::open().await;
    open_register(&b).await;
    // The form starts on today's date.
    let today: String = b
        .script(
            "const d = new Date();
             return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
                    + String(d.getDate()).padStart(2, '0');",
            vec![],
        )
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(value_of(&b, "#reg-received-on").await, today);
    // Letters by 绿色邮政 are a channel of their own.
    assert!(b.exists("#reg-channel option[value='letter_green']").await);

    fill(&b, "王某某", ID_A, "反映某建筑公司拖欠务工人员工资").await;
    // The routing proposal shows before sending (rule: 拖欠工资 → 县人社局, 交办).
    b.wait_for_text_containing("#reg-route-preview", "县人社局").await;
    b.wait_for_text_containing("#reg-route-preview", "交办").await;
    assert!(!b.text_of("#reg-route-why").await.unwrap_or_default().is_empty());
    b.click("#reg-submit").await;

    let (number, _) = opened_case(&b).await;
    assert!(is_case_number(&number), "case number {number:?}");
    assert!(number.starts_with(&format!("XF{}-", &today[..4])), "{number} is of this year");
    assert_eq!(b.attr_of("#page-case", "data-stage").await.as_deref(), Some("registered"));
    b.wait_for_text("#case-stage", "待转送").await;
    assert_eq!(b.text_of("#case-received-on").await.as_deref(), Some("2025年9月26日（星期五）"));
    assert_eq!(b.text_of("#case-category").await.as_deref(), Some(CATEGORY));
    assert_eq!(b.text_of("#case-channel").await.as_deref(), Some("来访"));
    // Masked numbers only.
    let people = b.text_of("#case-petitioners").await.unwrap();
    assert!(people.contains("110105********002X"), "{people}");
    assert!(people.contains("138****5678"), "{people}");
    assert!(!people.contains(ID_A) && !people.contains("13812345678"), "{people}");
    // The routing deadline, overdue by the days since it passed.
    let next = b.wait_for_text_containing("#case-next-due", ROUTE_DUE_ZH).await;
    assert!(next.contains("登记转送"), "{next}");
    let late = days_since_route_due(&b).await;
    assert!(late > 0);
    assert!(next.contains(&format!("已超期 {late} 天")), "{next}");
    let class = b.attr_of("#case-next-due", "class").await.unwrap_or_default();
    assert!(class.split_whitespace().any(|c| c == "overdue"), "{class}");
    let route_row = b.text_of("#case-deadlines .case-deadline[data-kind='route']").await.unwrap();
    assert!(route_row.contains(ROUTE_DUE_ZH), "{route_row}");
    // The timeline starts with the registration.
    assert_eq!(b.count("#case-timeline .timeline-entry").await, 1);
    let first = b.text_of("#case-timeline .timeline-entry").await.unwrap();
    assert!(first.contains(&format!("登记 {number}")), "{first}");
    // The routing form is offered.
    assert!(b.exists("#route-form").await);

    b.close().await;
}

#[tokio::test]
async fn an_invalid_id_number_is_refused_beside_its_field() {
    let b = Browser::open().await;
    open_register(&b).await;
    // An empty form: every required field says what is missing.
    b.click("#reg-submit").await;
    b.wait_for_text_containing("#reg-name-0-error", "姓名").await;
    b.wait_for_text_containing("#reg-category-error", "问题类别").await;
    b.wait_for_text_containing("#reg-summary-error", "反映问题").await;

    fill(&b, "李某", ID_BAD, "反映工资拖欠").await;
    b.click("#reg-submit").await;
    let message = b.wait_for_text_containing("#reg-id-0-error", "校验码不符").await;
    assert!(message.contains("身份证号"), "{message}");
    // Only that field is wrong now, and nothing was sent.
    assert_eq!(b.count(".field-error").await, 1);
    assert!(b.exists("#page-register").await);
    assert!(!b.exists("#page-case").await);
    assert!(b.current_url().await.ends_with("#/register"));

    b.type_into("#reg-id-0", ID_A).await;
    b.wait_for_absent("#reg-id-0-error").await;
    b.click("#reg-submit").await;
    let (number, id) = opened_case(&b).await;
    // The first case of the record: the refused attempt registered nothing.
    assert!(number.ends_with("-00001"), "{number}");
    assert_eq!(id, "1");

    b.close().await;
}

#[tokio::test]
async fn a_repeat_is_found_by_its_id_number_and_linked() {
    let b = Browser::open().await;
    let (first, first_id) = register(&b, "王某某", ID_A, "反映某建筑公司拖欠务工人员工资").await;

    open_register(&b).await;
    assert_eq!(b.count("#repeat-hints .repeat-hint").await, 0);
    b.type_into("#reg-id-0", ID_A).await;
    let hint = format!("#repeat-hints .repeat-hint[data-case='{first_id}']");
    let text = b.wait_for_text_containing(&hint, &first).await;
    assert!(text.contains("身份证号相同"), "{text}");
    assert!(text.contains("2025年9月26日"), "{text}");
    assert!(text.contains("反映某建筑公司拖欠务工人员工资"), "{text}");
    b.click(&format!("{hint} .repeat-link")).await;
    b.wait_for_text("#reg-repeat-of", &first).await;

    // Unlinking and linking again.
    b.click("#reg-repeat-clear").await;
    b.wait_for_absent("#reg-repeat-of").await;
    b.click(&format!("{hint} .repeat-link")).await;
    b.wait_for_text("#reg-repeat-of", &first).await;

    b.type_into("#reg-name-0", "王某某").await;
    b.set_value("#reg-received-on", RECEIVED).await;
    b.select_by_label("#reg-category", CATEGORY).await;
    b.type_into("#reg-summary", "再次反映拖欠工资未解决").await;
    b.click("#reg-submit").await;
    b.wait_for("the second case's page", || async {
        b.text_of("#case-number").await.filter(|n| *n != first && !n.is_empty())
    })
    .await;
    let second = b.text_of("#case-number").await.unwrap();
    b.wait_for_text("#case-repeat-of", &first).await;
    assert_eq!(b.attr_of("#case-repeat-of", "data-case").await.as_deref(), Some(first_id.as_str()));

    // The link leads to the first case, which lists the repeat.
    b.click("#case-repeat-of").await;
    b.wait_for_text("#case-number", &first).await;
    b.wait_for_text_containing("#case-repeats", &second).await;
    assert!(b.current_url().await.ends_with(&format!("#/case/{first_id}")));

    b.close().await;
}

#[tokio::test]
async fn every_field_reaches_the_case_page() {
    let b = Browser::open().await;
    open_register(&b).await;
    // The escalation is asked for visits only, the accused unit for accusations only.
    assert!(b.exists("#reg-escalation").await);
    assert!(!b.exists("#reg-accused-unit").await);
    fill(&b, "王某某", ID_A, "检举某单位截留务工人员工资").await;
    b.select("#reg-escalation", "capital").await;
    b.select("#reg-purpose", "accusation").await;
    b.select_by_label("#reg-accused-unit", "县人社局").await;
    b.click("#reg-add-petitioner").await;
    b.type_into("#reg-name-1", "李某").await;
    b.type_into("#reg-phone-1", "0371-12345678").await;
    b.click("#reg-rep-1").await;
    // Adding a petitioner raised the head count to 2; a visit of 6 is collective.
    assert_eq!(value_of(&b, "#reg-head-count").await, "2");
    b.type_into("#reg-head-count", "6").await;
    b.click("#reg-submit").await;

    opened_case(&b).await;
    b.wait_for_text("#case-escalation", "进京").await;
    assert_eq!(b.text_of("#case-purpose").await.as_deref(), Some("检举控告"));
    assert_eq!(b.text_of("#case-accused-unit").await.as_deref(), Some("县人社局"));
    assert_eq!(b.text_of("#case-place").await.as_deref(), Some("河口乡 东岗村"));
    assert!(b.text_of("#case-head-count").await.unwrap().contains("集体访"));
    // The office's own view keeps the accusation's content, marked confidential.
    assert!(b.text_of("#case-content").await.unwrap().contains("拖欠二十名务工人员工资"));
    assert!(b.exists("#case-confidential").await);
    let second = b.text_of("#case-petitioner-1").await.unwrap();
    assert!(second.contains("李某") && second.contains("037******5678"), "{second}");
    assert!(second.contains("代表"), "{second}");

    b.close().await;
}

#[tokio::test]
async fn a_summary_past_its_limit_is_refused_beside_it_and_the_counters_follow_typing() {
    let b = Browser::open().await;
    open_register(&b).await;
    // Every limited field shows its limit from the start.
    b.wait_for_text("#reg-summary-count", "0/200").await;
    b.wait_for_text("#reg-content-count", "0/20000").await;
    assert_eq!(b.attr_of("#reg-summary", "maxlength").await.as_deref(), Some("200"));
    assert_eq!(b.attr_of("#reg-content", "maxlength").await.as_deref(), Some("20000"));

    // Typing into a textarea moves its counter.
    fill(&b, "李某", ID_A, "反映工资拖欠").await;
    let content = "某建筑公司拖欠二十名务工人员工资共计十二万元。";
    b.wait_for_text("#reg-content-count", &format!("{}/20000", content.chars().count())).await;
    b.type_into("#reg-content", "拖欠工资").await;
    b.wait_for_text("#reg-content-count", "4/20000").await;
    b.wait_for_text("#reg-summary-count", "6/200").await;

    // 201 characters pasted by a script: maxlength does not stop them.
    let long = "欠".repeat(201);
    b.set_value("#reg-summary", &long).await;
    b.wait_for_text("#reg-summary-count", "201/200").await;
    let class = b.attr_of("#reg-summary-count", "class").await.unwrap_or_default();
    assert!(class.contains("over"), "{class}");
    b.click("#reg-submit").await;
    b.wait_for_text("#reg-summary-error", "反映问题最多200字，现为201字").await;
    // Only that field is wrong, and nothing was sent or saved.
    assert_eq!(b.count(".field-error").await, 1);
    assert!(b.exists("#page-register").await);
    assert!(!b.exists("#page-case").await);
    let saved = b.stored_record("xinfang.office").await;
    assert!(saved.is_none_or(|office| office.cases().len() == 0), "a case was saved");

    // Shortened to the limit, it goes through.
    b.set_value("#reg-summary", &"欠".repeat(200)).await;
    b.wait_for_text("#reg-summary-count", "200/200").await;
    let class = b.attr_of("#reg-summary-count", "class").await.unwrap_or_default();
    assert!(class.contains("near") && !class.contains("over"), "{class}");
    b.wait_for_absent("#reg-summary-error").await;
    b.click("#reg-submit").await;
    let (number, _) = opened_case(&b).await;
    assert!(number.ends_with("-00001"), "{number}");

    b.close().await;
}
