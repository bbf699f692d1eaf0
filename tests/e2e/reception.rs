//! 领导接访: a rota rule of two leaders in turn on the 16th, whose Sunday
//! days move to Monday (checked against the browser's own calendar), a
//! rota day recorded as held, the month's rota printed, a rule stopped, a
//! refused rule; a reception recorded, corrected, refused with nobody
//! received, linked to an existing sandbox case, a new case registered
//! from it and linked back, kept over a reload and printed without the
//! petitioner's data; and the counts (sessions, people, distinct cases,
//! resolved) checked against what was typed and the cases' own stages.

use serde_json::json;

use crate::dashboard::sandbox;
use crate::harness::Browser;
use crate::proceedings::{open, register, route, submit, today, Day};

/// Shows the reception page.
pub(crate) async fn reception_page(b: &Browser) {
    b.click("#nav-reception").await;
    b.wait_for("the reception page", || async {
        b.exists("#page-reception #rota").await.then_some(())
    })
    .await;
}

/// The values (not empty) of the options of the select matching `css`.
pub(crate) async fn option_values(b: &Browser, css: &str) -> Vec<String> {
    let v = b
        .script(
            "return Array.from(document.querySelectorAll(arguments[0] + ' option'), o => o.value)
                .filter(v => v);",
            vec![json!(css)],
        )
        .await;
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default()
}

/// The `data-reception` of the reception whose text contains `text`.
async fn reception_with(b: &Browser, text: &str) -> String {
    b.wait_for(&format!("a reception reading {text:?}"), || async {
        let v = b
            .script(
                "const li = Array.from(document.querySelectorAll('li.reception'))
                    .find(e => e.innerText.includes(arguments[0]));
                 return li ? li.getAttribute('data-reception') : null;",
                vec![json!(text)],
            )
            .await;
        v.as_str().map(str::to_owned)
    })
    .await
}

/// The weekday of a day in the browser's calendar (0 = Sunday).
async fn weekday(b: &Browser, day: Day) -> i64 {
    let v = b
        .script("return new Date(arguments[0] + 'T12:00:00').getDay();", vec![json!(day.iso())])
        .await;
    v.as_i64().expect("a weekday")
}

/// The day a monthly reception day falls on when it is on a weekend
/// (these months hold no public holiday): Saturday +2, Sunday +1.
async fn moved_off_weekend(b: &Browser, day: Day) -> Day {
    match weekday(b, day).await {
        0 => day.plus(1),
        6 => day.plus(2),
        _ => day,
    }
}

/// Opens the rota form and fills in one leader and a place.
async fn open_rota_form(b: &Browser, leader: &str, place: &str) {
    b.click("#rota-add").await;
    b.select("#rota-leader", leader).await;
    b.click("#rota-leader-add").await;
    b.type_into("#rota-place", place).await;
}

/// The work ledgers as stored for the open record.
async fn stored_work(b: &Browser, key: &str) -> serde_json::Value {
    b.stored_work(key).await.unwrap_or_else(|| panic!("{key} is stored"))
}

#[tokio::test]
async fn a_rota_of_two_leaders_moves_sundays_records_a_day_prints_and_stops() {
    let b = Browser::open().await;
    reception_page(&b).await;
    assert!(b.exists("#rota-empty").await, "the real record starts without a rota");

    // Two leaders in turn on the 16th of each month from 1 January 2025.
    b.click("#rota-add").await;
    let leaders = option_values(&b, "#rota-leader").await;
    assert!(leaders.len() >= 2, "the sample county has leaders: {leaders:?}");
    let (first, second) = (leaders[0].clone(), leaders[1].clone());
    for l in [&first, &second] {
        b.select("#rota-leader", l).await;
        b.click("#rota-leader-add").await;
    }
    assert_eq!(
        b.attrs_of("#rota-leaders li", "data-person").await,
        [first.clone(), second.clone()]
    );
    b.type_into("#rota-name", "县委书记、县长接访日").await;
    b.type_into("#rota-place", "县群众服务大厅").await;
    b.select("#rota-pattern", "monthly").await;
    b.type_into("#rota-day", "16").await;
    b.set_value("#rota-from", "2025-01-01").await;
    b.click("#rota-submit").await;
    b.wait_for_absent("#rota-form").await;
    assert_eq!(b.count("tr.rota-rule").await, 1);
    let rule = b.attr_of("tr.rota-rule", "data-rule").await.expect("the rule's id");
    let pattern = b.text_of("tr.rota-rule .rota-pattern").await.unwrap_or_default();
    assert_eq!(pattern, "每月16日");

    // February (the second turn) and March (the first again): the 16th is
    // a Sunday in both, so the day is the 17th.
    for (month, leader) in [("2025-02", &second), ("2025-03", &first)] {
        b.set_value("#rota-month", month).await;
        let sixteenth = Day::parse(&format!("{month}-16"));
        let expected = moved_off_weekend(&b, sixteenth).await;
        assert_ne!(expected, sixteenth, "{month}-16 falls on a weekend");
        let css = format!("tr.rota-day[data-date='{}']", expected.iso());
        b.wait_for(&css, || async { b.exists(&css).await.then_some(()) }).await;
        assert_eq!(b.count("tr.rota-day").await, 1, "one reception day in {month}");
        assert_eq!(b.attr_of(&css, "data-leader").await.as_deref(), Some(leader.as_str()));
        assert_eq!(b.attr_of(&css, "data-status").await.as_deref(), Some("unheld"));
    }
    let march = "tr.rota-day[data-date='2025-03-17']";
    let leader_name =
        b.text_of(&format!("{march} .rota-day-leader")).await.expect("a leader's name");

    // A rule refused by the core: the 32nd. Nothing is added.
    open_rota_form(&b, &first, "大厅").await;
    b.type_into("#rota-day", "32").await;
    b.click("#rota-submit").await;
    let notice =
        b.wait_for_text_containing("#notice.notice-error #notice-text", "每月接待日").await;
    assert!(notice.contains("32"), "{notice}");
    assert!(b.exists("#rota-form").await, "the refused form stays open");
    assert_eq!(b.count("tr.rota-rule").await, 1);
    b.click("#rota-cancel").await;
    let work = stored_work(&b, "xinfang.office").await;
    let rules = work["ledgers"]["reception"]["rota"]["entries"].as_array().expect("rules").len();
    assert_eq!(rules, 1, "only the good rule is stored");

    // The rule corrected: its form comes back filled in; a new name is kept.
    b.click(&format!("#rota-edit-{rule}")).await;
    b.wait_for("the rule's form", || async {
        b.attr_of("#rota-form", "data-editing").await.filter(|id| *id == rule)
    })
    .await;
    assert_eq!(b.value_of("#rota-place").await.as_deref(), Some("县群众服务大厅"));
    assert_eq!(b.value_of("#rota-day").await.as_deref(), Some("16"));
    assert_eq!(
        b.attrs_of("#rota-leaders li", "data-person").await,
        [first.clone(), second.clone()]
    );
    assert_eq!(b.value_of("#rota-name").await.as_deref(), Some("县委书记、县长接访日"));
    b.type_into("#rota-name", "县主要领导接访日").await;
    b.click("#rota-submit").await;
    b.wait_for_absent("#rota-form").await;
    b.wait_for_text("tr.rota-rule .rota-name", "县主要领导接访日").await;
    assert_eq!(b.count("tr.rota-rule").await, 1, "corrected, not added");
    b.wait_for("the corrected rule stored", || async {
        let work = stored_work(&b, "xinfang.office").await;
        let name = work["ledgers"]["reception"]["rota"]["entries"][0]["name"].clone();
        (name == "县主要领导接访日").then_some(())
    })
    .await;

    // The March day recorded as held, from its row.
    b.click(&format!("{march} .rota-day-record")).await;
    b.wait_for("the reception form", || async { b.exists("#reception-form").await.then_some(()) })
        .await;
    assert_eq!(b.value_of("#reception-date").await.as_deref(), Some("2025-03-17"));
    assert_eq!(b.value_of("#reception-leader").await.as_deref(), Some(first.as_str()));
    assert_eq!(b.value_of("#reception-place").await.as_deref(), Some("县群众服务大厅"));
    b.type_into("#reception-head-count", "5").await;
    b.type_into("#reception-matters", "东岗村土地承包合同纠纷").await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    b.wait_for(&format!("{march} held"), || async {
        (b.attr_of(march, "data-status").await.as_deref() == Some("held")).then_some(())
    })
    .await;
    assert_eq!(b.attr_of("#rota-month-summary", "data-held").await.as_deref(), Some("1"));

    // The month's rota printed.
    b.click("#rota-print").await;
    b.wait_for_text("#page-work-print[data-doc='rota/202503'] #doc-title", "领导接访排班表").await;
    let sheet = b.text_of("#doc-rota").await.unwrap_or_default();
    assert!(sheet.contains("2025年3月17日"), "{sheet}");
    assert!(sheet.contains(&leader_name), "{sheet}");
    assert!(sheet.contains("县群众服务大厅"), "{sheet}");
    assert_eq!(b.count("#doc-rota tr.doc-rota-day").await, 1);
    b.click("#print-back").await;

    // Stopped at the end of February: March has no day any more, February keeps its own.
    b.wait_for("the rota", || async { b.exists(&format!("#rota-end-{rule}")).await.then_some(()) })
        .await;
    b.click(&format!("#rota-end-{rule}")).await;
    b.set_value(&format!("#rota-until-{rule}"), "2025-02-28").await;
    b.click(&format!("#rota-end-submit-{rule}")).await;
    b.wait_for_text_containing("tr.rota-rule .rota-period", "2025-02-28").await;
    b.set_value("#rota-month", "2025-03").await;
    b.wait_for("March without days", || async {
        (b.attr_of("#rota-month-summary", "data-scheduled").await.as_deref() == Some("0"))
            .then_some(())
    })
    .await;

    // Kept over a reload.
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("tr.rota-rule .rota-period", "2025-02-28").await;
    assert!(b
        .text_of("tr.rota-rule .rota-name")
        .await
        .unwrap_or_default()
        .contains("县主要领导接访日"));
    b.close().await;
}

/// Registers the open registration page's form as a case (from a
/// reception: most fields are prefilled) and returns its number.
async fn register_prefilled(b: &Browser, name: &str) -> String {
    b.type_into("#reg-name-0", name).await;
    b.select_any("#reg-category").await;
    b.select("#reg-purpose", "request").await;
    b.select_any("#reg-township").await;
    b.click("#reg-submit").await;
    b.wait_for("the new case's page", || async {
        b.text_of("#page-case #case-number").await.filter(|t| !t.is_empty())
    })
    .await
}

#[tokio::test]
async fn a_reception_is_recorded_corrected_linked_registered_from_and_printed() {
    let b = sandbox().await;
    let today = today(&b).await;

    // An existing case of the sandbox, by its number.
    b.click("#nav-cases").await;
    let existing = b
        .wait_for("a case row", || async {
            b.text_of(".case-row td.number").await.filter(|t| !t.is_empty())
        })
        .await;

    reception_page(&b).await;
    b.click("#reception-new").await;
    let leader = b.select_any("#reception-leader").await;
    assert_eq!(
        b.value_of("#reception-date").await,
        Some(today.iso()),
        "the date defaults to today"
    );
    b.type_into("#reception-place", "柳林镇东岗村村委会").await;
    b.select("#reception-kind", "downward").await;
    b.type_into("#reception-head-count", "3").await;
    b.type_into("#reception-matters", "接访测试：东岗村灌溉渠年久失修\n小区供暖不达标").await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    let id = reception_with(&b, "接访测试：东岗村灌溉渠年久失修").await;
    let item = format!("li.reception[data-reception='{id}']");
    assert_eq!(b.attr_of(&item, "data-leader").await, Some(leader));
    assert_eq!(b.attr_of(&item, "data-kind").await.as_deref(), Some("downward"));
    assert_eq!(b.count(&format!("{item} .reception-matters li")).await, 2);
    assert_eq!(
        b.attr_of("li.reception", "data-reception").await,
        Some(id.clone()),
        "the newest reception comes first"
    );

    // Corrected through the same form, prefilled.
    b.click(&format!("#reception-edit-{id}")).await;
    b.wait_for("the form to correct it", || async {
        b.exists(&format!("#reception-form[data-editing='{id}']")).await.then_some(())
    })
    .await;
    assert_eq!(b.value_of("#reception-head-count").await.as_deref(), Some("3"));
    assert_eq!(b.value_of("#reception-kind").await.as_deref(), Some("downward"));
    b.type_into("#reception-head-count", "4").await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    b.wait_for("the corrected head count", || async {
        (b.attr_of(&item, "data-head-count").await.as_deref() == Some("4")).then_some(())
    })
    .await;

    // Refused: nobody received but matters listed. Nothing changes.
    b.click(&format!("#reception-edit-{id}")).await;
    b.type_into("#reception-head-count", "0").await;
    b.click("#reception-submit").await;
    b.wait_for_text_containing("#notice.notice-error #notice-text", "接待人数为0").await;
    assert!(b.exists("#reception-form").await, "the refused form stays open");
    b.click("#reception-cancel").await;
    assert_eq!(b.attr_of(&item, "data-head-count").await.as_deref(), Some("4"));

    // An unknown number is refused beside the field; the existing case links.
    b.type_into(&format!("#reception-case-{id}"), "XF1900-99999").await;
    b.click(&format!("#reception-case-{id}-add")).await;
    b.wait_for_text_containing(&format!("#reception-case-{id}-error"), "XF1900-99999").await;
    b.type_into(&format!("#reception-case-{id}"), &existing).await;
    b.select(&format!("#reception-case-how-{id}"), "taken_over").await;
    b.click(&format!("#reception-case-{id}-add")).await;
    let taken = format!("{item} .reception-case[data-how='taken_over'] a.case-link");
    b.wait_for_text(&taken, &existing).await;

    // A new case registered from it: the form is prefilled, the case linked back.
    b.click(&format!("#reception-register-{id}")).await;
    b.wait_for("the prefilled registration", || async {
        b.exists("#reg-from").await.then_some(())
    })
    .await;
    assert!(b.text_of("#reg-from").await.unwrap_or_default().contains(&format!("JD{id}")));
    assert_eq!(b.value_of("#reg-summary").await.as_deref(), Some("接访测试：东岗村灌溉渠年久失修"));
    assert_eq!(b.value_of("#reg-head-count").await.as_deref(), Some("4"));
    assert_eq!(b.value_of("#reg-channel").await.as_deref(), Some("visit"));
    assert_eq!(b.value_of("#reg-received-on").await, Some(today.iso()));
    let created = register_prefilled(&b, "接访测试人").await;
    reception_page(&b).await;
    let made = format!("{item} .reception-case[data-how='created'] a.case-link");
    b.wait_for_text(&made, &created).await;

    // Kept over a reload.
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text(&made, &created).await;
    b.wait_for_text(&taken, &existing).await;
    assert_eq!(b.attr_of(&item, "data-head-count").await.as_deref(), Some("4"));

    // Printed: the 登记表 with the matters and the cases by number and stage, no petitioner.
    b.click(&format!("#reception-print-{id}")).await;
    let doc = format!("#page-work-print[data-doc='reception/{id}']");
    b.wait_for_text(&format!("{doc} #doc-title"), "领导接访登记表").await;
    assert_eq!(b.text_of("#doc-head-count").await.as_deref(), Some("4人"));
    assert_eq!(b.text_of("#doc-date-held").await, Some(today.zh()));
    let matters = b.texts_of("#doc-matters li").await;
    assert_eq!(matters, ["接访测试：东岗村灌溉渠年久失修", "小区供暖不达标"]);
    let numbers: Vec<String> = b.texts_of("#doc-cases tr.doc-case td:first-child").await;
    assert_eq!(numbers, [existing.clone(), created.clone()]);
    let stage = b.texts_of("#doc-cases tr.doc-case .doc-case-stage").await;
    assert_eq!(stage[1], "待转送", "the new case awaits routing");
    let sheet = b.text_of("#doc-reception").await.unwrap_or_default();
    assert!(!sheet.contains("接访测试人"), "no petitioner's name on the sheet: {sheet}");
    b.close().await;
}

/// Whether a stage counts as concluded (办结), as the domain defines it.
fn concluded(stage: &str) -> bool {
    matches!(stage, "replied" | "reviewed" | "terminated" | "declined")
}

/// Records a reception for `leader` today and returns its id.
async fn record(b: &Browser, leader: &str, head_count: &str, matter: &str) -> String {
    b.click("#reception-new").await;
    b.select("#reception-leader", leader).await;
    b.type_into("#reception-place", "县群众服务大厅").await;
    b.type_into("#reception-head-count", head_count).await;
    b.type_into("#reception-matters", matter).await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    reception_with(b, matter).await
}

/// Links the case numbered `number` to reception `id`.
async fn link(b: &Browser, id: &str, number: &str) {
    b.type_into(&format!("#reception-case-{id}"), number).await;
    b.click(&format!("#reception-case-{id}-add")).await;
    let css = format!("li.reception[data-reception='{id}'] .reception-case a.case-link");
    b.wait_for(&format!("{number} linked to {id}"), || async {
        b.texts_of(&css).await.contains(&number.to_string()).then_some(())
    })
    .await;
}

async fn leader_figure(b: &Browser, leader: &str, what: &str) -> String {
    let css = format!("#counts-by-leader tr[data-leader='{leader}']");
    b.attr_of(&css, &format!("data-{what}")).await.unwrap_or_default()
}

async fn figure(b: &Browser, name: &str) -> String {
    b.attr_of(&format!("#counts-{name}"), "data-value").await.unwrap_or_default()
}

#[tokio::test]
async fn the_counts_add_up_the_receptions_and_their_cases() {
    let b = Browser::open().await;
    let today = today(&b).await;
    // Two cases: one declined (concluded), one awaiting routing.
    register(&b, today, "接访统计测试：拖欠工资").await;
    let declined = b.text_of("#case-number").await.expect("a number");
    route(&b, "transfer", today).await;
    open(&b, "decline").await;
    b.type_into("#decline-reason", "属于诉讼程序解决的事项").await;
    b.type_into("#decline-redirect", "人民法院").await;
    submit(&b, "decline").await;
    let declined_stage = b.attr_of("#page-case", "data-stage").await.expect("a stage");
    register(&b, today, "接访统计测试：供暖不达标").await;
    let open_case = b.text_of("#case-number").await.expect("a number");
    let open_stage = b.attr_of("#page-case", "data-stage").await.expect("a stage");

    reception_page(&b).await;
    b.click("#reception-new").await;
    let leaders = option_values(&b, "#reception-leader").await;
    b.click("#reception-cancel").await;
    let (a, c) = (leaders[0].clone(), leaders[1].clone());
    let first = record(&b, &a, "3", "统计测试一").await;
    let second = record(&b, &c, "4", "统计测试二").await;
    link(&b, &first, &declined).await;
    link(&b, &second, &declined).await; // the same case twice: counted once
    link(&b, &second, &open_case).await;

    // Expected from what was typed and the cases' own pages.
    let people = 3 + 4;
    let cases = 2;
    let resolved = [&declined_stage, &open_stage].iter().filter(|s| concluded(s)).count();
    assert_eq!(resolved, 1, "{declined_stage} / {open_stage}");

    for period in ["month", "year"] {
        b.select("#counts-period", period).await;
        b.wait_for(&format!("the counts of {period}"), || async {
            (figure(&b, "sessions").await == "2").then_some(())
        })
        .await;
        assert_eq!(figure(&b, "people").await, people.to_string());
        assert_eq!(figure(&b, "cases").await, cases.to_string());
        assert_eq!(figure(&b, "resolved").await, resolved.to_string());
        assert_eq!(figure(&b, "rate").await, "50.0%");
        let sentence = b.text_of("#counts-sentence").await.unwrap_or_default();
        assert!(sentence.contains("共接待群众来访2次、7人次"), "{sentence}");
    }
    // Per leader: one reception each; the second has both cases.
    assert_eq!(
        (leader_figure(&b, &a, "sessions").await, leader_figure(&b, &a, "people").await),
        ("1".into(), "3".into())
    );
    assert_eq!(
        (leader_figure(&b, &c, "cases").await, leader_figure(&b, &c, "resolved").await),
        ("2".into(), "1".into())
    );
    assert_eq!(leader_figure(&b, &a, "cases").await, "1");

    // A period without them counts nothing.
    b.select("#counts-period", "custom").await;
    b.set_value("#counts-from", &today.plus(1).iso()).await;
    b.set_value("#counts-to", &today.plus(30).iso()).await;
    b.wait_for("an empty period", || async { (figure(&b, "sessions").await == "0").then_some(()) })
        .await;
    assert_eq!(figure(&b, "rate").await, "—");

    // The stored ledger agrees: two receptions, 7 people.
    let work = stored_work(&b, "xinfang.office").await;
    let entries = work["ledgers"]["reception"]["receptions"]["entries"]
        .as_array()
        .expect("receptions")
        .clone();
    assert_eq!(entries.len(), 2);
    let stored: u64 = entries.iter().map(|e| e["head_count"].as_u64().unwrap_or(0)).sum();
    assert_eq!(stored, people);
    b.close().await;
}
