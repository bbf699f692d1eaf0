//! 案件详情: routing with 交办 and the 五定 (refused while a fix is missing),
//! linking a repeat by its number, staying on the page across a reload,
//! an unknown case, and the English labels.

use serde_json::json;

use crate::harness::Browser;
use crate::register::{register, value_of, ID_A};

/// The browser's today plus `days`, as an `<input type="date">` value.
async fn date_in(b: &Browser, days: i64) -> String {
    let value = b
        .script(
            "const d = new Date();
             d.setDate(d.getDate() + arguments[0]);
             return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
                    + String(d.getDate()).padStart(2, '0');",
            vec![json!(days)],
        )
        .await;
    value.as_str().expect("a date").to_string()
}

/// The text of the option picked in the select matching `css`.
async fn picked_label(b: &Browser, css: &str) -> String {
    let text = b
        .script(
            "const el = document.querySelector(arguments[0]);
             return el && el.selectedOptions.length ? el.selectedOptions[0].text : null;",
            vec![json!(css)],
        )
        .await;
    text.as_str().unwrap_or_default().trim().to_string()
}

#[tokio::test]
async fn assigning_with_the_five_fixes_moves_the_case_to_acceptance() {
    let b = Browser::open().await;
    let (number, _) = register(&b, "王某某", ID_A, "反映某建筑公司拖欠务工人员工资").await;

    // Preselected from the routing proposal, with its explanation.
    b.wait_for("the routing form", || async { b.exists("#route-form").await.then_some(()) }).await;
    let why = b.text_of("#route-explanation").await.unwrap_or_default();
    assert!(why.contains("县人社局"), "{why}");
    assert_eq!(picked_label(&b, "#route-lead").await, "县人社局");
    assert_eq!(value_of(&b, "#route-disposal").await, "assign");

    // 交办 without the 五定 is refused with what is missing.
    b.select("#route-disposal", "assign").await;
    let missing = b.wait_for_text_containing("#route-fixes-missing", "包案领导").await;
    assert!(missing.contains("办案责任人") && missing.contains("办结时限"), "{missing}");
    b.click("#route-submit").await;
    let error = b.wait_for_text_containing("#route-error", "五定").await;
    assert!(error.contains("包案领导"), "{error}");
    assert!(b.exists("#fix-leader-error").await);
    b.wait_for_text("#case-stage", "待转送").await;
    assert_eq!(b.count("#case-timeline .timeline-entry").await, 1);

    // The people offered are the lead unit's; changing the unit changes them.
    assert_eq!(b.text_of("#fix-unit").await.as_deref(), Some("县人社局"));
    let leader = b.select_any("#fix-leader").await;
    assert!(!leader.is_empty());
    let leader_name = picked_label(&b, "#fix-leader").await;
    b.select_by_label("#route-lead", "河口乡").await;
    b.wait_for_text("#fix-unit", "河口乡").await;
    assert_eq!(value_of(&b, "#fix-leader").await, "");
    assert!(!b.text_of("#fix-leader").await.unwrap_or_default().contains(&leader_name));
    b.select_by_label("#route-lead", "县人社局").await;
    b.wait_for_text("#fix-unit", "县人社局").await;

    b.select("#fix-leader", &leader).await;
    let handler = b.select_any("#fix-handler").await;
    assert!(!handler.is_empty());
    let handler_name = picked_label(&b, "#fix-handler").await;
    let deadline = date_in(&b, 30).await;
    b.set_value("#fix-deadline", &deadline).await;
    b.type_into("#fix-standard", "查清事实，依法答复，群众满意").await;
    b.wait_for_absent("#route-fixes-missing").await;
    b.click("#route-submit").await;

    b.wait_for_text("#case-stage", "待受理").await;
    assert_eq!(b.attr_of("#page-case", "data-stage").await.as_deref(), Some("routed"));
    b.wait_for_absent("#route-form").await;
    assert_eq!(b.count("#case-timeline .timeline-entry").await, 2);
    let first = b.text_of("#case-timeline .timeline-entry:nth-child(1)").await.unwrap();
    assert!(first.contains(&format!("登记 {number}")), "{first}");
    let second = b.text_of("#case-timeline .timeline-entry:nth-child(2)").await.unwrap();
    assert!(second.contains("交办 县人社局（五定："), "{second}");
    let leader_plain = leader_name.split('（').next().unwrap();
    let handler_plain = handler_name.split('（').next().unwrap();
    assert!(second.contains(leader_plain) && second.contains(handler_plain), "{second}");
    assert!(second.contains("查清事实，依法答复，群众满意"), "{second}");
    // Next: the unit decides acceptance; the assignment letter exists.
    let next = b.wait_for_text_containing("#case-next-due", "受理告知").await;
    assert!(next.contains("县人社局"), "{next}");
    assert!(b.exists("#doc-assignment").await);
    assert!(b.exists("#case-deadlines .case-deadline[data-kind='acceptance']").await);
    let five = b.text_of("#case-five-fixes").await.unwrap_or_default();
    assert!(five.contains(leader_plain), "{five}");

    b.close().await;
}

#[tokio::test]
async fn a_case_is_linked_as_a_repeat_by_its_number() {
    let b = Browser::open().await;
    let (first, first_id) = register(&b, "王某某", "", "反映某建筑公司拖欠务工人员工资").await;
    let (second, _) = register(&b, "赵某", "", "小区供暖温度不达标").await;
    assert_ne!(first, second);
    assert!(!b.exists("#case-repeat-of").await);

    b.type_into("#link-repeat-number", "XF1999-99999").await;
    b.click("#link-repeat-submit").await;
    b.wait_for_text_containing("#link-repeat-number-error", "XF1999-99999").await;
    assert!(!b.exists("#case-repeat-of").await);

    b.type_into("#link-repeat-number", &first).await;
    b.click("#link-repeat-submit").await;
    b.wait_for_text("#case-repeat-of", &first).await;
    assert_eq!(b.attr_of("#case-repeat-of", "data-case").await.as_deref(), Some(first_id.as_str()));
    b.wait_for_text_containing("#case-timeline .timeline-entry:nth-child(2)", "关联为重复件").await;
    assert!(b.text_of("#case-timeline").await.unwrap().contains(&first));
    assert!(!b.exists("#link-repeat-number-error").await);

    b.close().await;
}

#[tokio::test]
async fn a_reload_stays_on_the_case_page_and_unknown_cases_say_so() {
    let b = Browser::open().await;
    let (_, id) = register(&b, "王某某", "", "反映某建筑公司拖欠务工人员工资").await;
    let url = b.current_url().await;
    assert!(url.ends_with(&format!("#/case/{id}")), "{url}");

    b.reload().await;
    // The record itself may not be stored yet: the page is the case page
    // either way (the case, or a clear message that it is not there).
    b.wait_for("the case page after the reload", || async {
        b.exists("#page-case").await.then_some(())
    })
    .await;
    assert!(b.current_url().await.ends_with(&format!("#/case/{id}")));

    b.go_to_hash("#/case/9999").await;
    b.wait_for_text_containing("#page-case #case-missing", "没有这个案件").await;
    assert!(!b.exists("#case-number").await);

    b.close().await;
}

#[tokio::test]
async fn the_english_switch_relabels_the_case_page() {
    let b = Browser::open().await;
    let (number, _) = register(&b, "王某某", ID_A, "反映某建筑公司拖欠务工人员工资").await;
    b.wait_for_text("#case-stage", "待转送").await;
    b.wait_for_text("#case-timeline-title", "办理经过").await;

    b.click("#lang-en").await;
    b.wait_for_text("#case-stage", "Awaiting routing").await;
    b.wait_for_text("#case-timeline-title", "Timeline").await;
    b.wait_for_text("#case-received-on", "Friday, 26 September 2025").await;
    b.wait_for_text("#case-channel", "Visit in person").await;
    let next = b.wait_for_text_containing("#case-next-due", "Route the case").await;
    assert!(next.contains("days overdue"), "{next}");
    let entry = b.text_of("#case-timeline .timeline-entry").await.unwrap();
    assert!(entry.contains(&format!("Registered {number}")), "{entry}");
    b.wait_for_text("#route-submit", "Assign").await;
    // The number and the masked identity number do not change.
    assert_eq!(b.text_of("#case-number").await.as_deref(), Some(number.as_str()));
    assert!(b.text_of("#case-petitioners").await.unwrap().contains("110105********002X"));

    b.click("#lang-zh").await;
    b.wait_for_text("#case-stage", "待转送").await;

    b.close().await;
}
