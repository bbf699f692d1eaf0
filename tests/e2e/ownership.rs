//! 领导包案 on the training sandbox: an open case owned by a leader with the
//! 五个一 complete (case by number, team of two, plan, meeting record,
//! measures), the 五个一落实率 moving by one and agreeing with the rows; the
//! measures cleared and named as missing; the same case owned twice and a
//! form without a case refused; the leader filter; a reload; the printed
//! 领导包案责任表 with its five rows and no personal data.

use serde_json::json;

use crate::dashboard::sandbox;
use crate::harness::Browser;
use crate::reception::option_values;

/// Shows the ownership page.
async fn ownership_page(b: &Browser) {
    b.click("#nav-ownership").await;
    b.wait_for("the ownership page", || async {
        b.exists("#page-ownership #own-rate").await.then_some(())
    })
    .await;
}

/// The 五个一落实率 as the page states it: (numerator, denominator).
async fn rate(b: &Browser) -> (usize, usize) {
    let n = |v: Option<String>| v.expect("a rate").parse::<usize>().expect("a number");
    (
        n(b.attr_of("#own-rate", "data-numerator").await),
        n(b.attr_of("#own-rate", "data-denominator").await),
    )
}

/// The same rate counted from the rows: complete open ones / open ones.
async fn rate_of_rows(b: &Browser) -> (usize, usize) {
    (
        b.count("tr.ownership[data-concluded='false'][data-complete='true']").await,
        b.count("tr.ownership[data-concluded='false']").await,
    )
}

/// A case of the first page of the case list being handled (not
/// concluded) and not owned yet: its id and number.
async fn open_case_not_owned(b: &Browser) -> (String, String) {
    ownership_page(b).await;
    let owned = b.attrs_of("tr.ownership", "data-case").await;
    b.click("#nav-cases").await;
    b.wait_for("the case list", || async { b.exists(".case-row").await.then_some(()) }).await;
    let v = b
        .script(
            "return Array.from(document.querySelectorAll('.case-row[data-stage=\"handling\"]'))
                .map(r => [r.getAttribute('data-case'), r.querySelector('td.number').innerText.trim()])
                .filter(([id]) => !arguments[0].includes(id))[0] || null;",
            vec![json!(owned)],
        )
        .await;
    let pair = v.as_array().expect("a case being handled on the first page");
    (pair[0].as_str().unwrap_or_default().into(), pair[1].as_str().unwrap_or_default().into())
}

#[tokio::test]
async fn a_case_is_owned_completed_refused_twice_filtered_and_printed() {
    let b = sandbox().await;
    let (case, number) = open_case_not_owned(&b).await;
    ownership_page(&b).await;
    let before = rate(&b).await;
    assert_eq!(before, rate_of_rows(&b).await, "the rate agrees with the rows");

    // A form without a case is refused by the form itself.
    b.click("#own-new").await;
    b.click("#own-submit").await;
    b.wait_for_text_containing("#own-form-error", "案件").await;

    // The case owned with all five.
    b.type_into("#own-case", &number).await;
    b.click("#own-case-add").await;
    b.wait_for("the case picked", || async {
        b.exists(&format!("#own-case-picked[data-case='{case}']")).await.then_some(())
    })
    .await;
    let leader = b.select_any("#own-leader").await;
    let people = option_values(&b, "#own-team-pick").await;
    for p in &people[..2] {
        b.select("#own-team-pick", p).await;
        b.click("#own-team-add").await;
    }
    assert_eq!(b.count("#own-team li").await, 2);
    b.type_into("#own-plan", "包案测试：核实承包合同履行情况，依法依政策提出处理意见").await;
    b.select("#own-record-kind", "document").await;
    b.type_into("#own-record-document", "县信访联席办〔2026〕3号会议纪要").await;
    b.type_into("#own-measures", "组织双方现场调解\n落实困难救助").await;
    b.click("#own-submit").await;
    b.wait_for_absent("#own-form").await;
    let row = format!("tr.ownership[data-case='{case}']");
    b.wait_for("the new row", || async { b.exists(&row).await.then_some(()) }).await;
    assert_eq!(b.attr_of(&row, "data-complete").await.as_deref(), Some("true"));
    assert_eq!(b.attr_of(&row, "data-leader").await, Some(leader.clone()));
    assert_eq!(b.text_of(&format!("{row} a.case-link")).await, Some(number.clone()));
    let id = b.attr_of(&row, "data-ownership").await.expect("an id");
    assert_eq!(rate(&b).await, (before.0 + 1, before.1 + 1));
    assert_eq!(rate(&b).await, rate_of_rows(&b).await);

    // The measures cleared: incomplete, the missing part named.
    b.click(&format!("#own-edit-{id}")).await;
    b.wait_for("the form to edit", || async {
        b.exists(&format!("#own-form[data-editing='{id}']")).await.then_some(())
    })
    .await;
    assert_eq!(b.count("#own-team li").await, 2, "the team is prefilled");
    b.set_value("#own-measures", "").await;
    b.click("#own-submit").await;
    b.wait_for_absent("#own-form").await;
    b.wait_for_text(&format!("{row} .own-missing[data-part='measures']"), "化解措施").await;
    assert_eq!(b.count(&format!("{row} .own-missing")).await, 1);
    assert_eq!(rate(&b).await, (before.0, before.1 + 1));
    assert_eq!(rate(&b).await, rate_of_rows(&b).await);

    // The same case again is refused by the core; nothing is added.
    b.click("#own-new").await;
    b.type_into("#own-case", &number).await;
    b.click("#own-case-add").await;
    b.select("#own-leader", &leader).await;
    b.click("#own-submit").await;
    b.wait_for_text_containing("#notice.notice-error #notice-text", "已列入领导包案台账").await;
    assert!(b.exists("#own-form").await);
    b.click("#own-cancel").await;
    assert_eq!(b.count(&row).await, 1);

    // Filtered by the leader: only theirs, counted.
    b.select("#own-filter-leader", &leader).await;
    b.wait_for("the filter", || async {
        let leaders = b.attrs_of("tr.ownership", "data-leader").await;
        leaders.iter().all(|l| *l == leader).then_some(leaders.len())
    })
    .await;
    let shown = b.count("tr.ownership").await;
    assert_eq!(b.attr_of("#own-total", "data-count").await, Some(shown.to_string()));
    assert!(b.exists(&row).await);

    // Kept over a reload.
    b.reload().await;
    ownership_page(&b).await;
    b.wait_for_text_containing(&format!("{row} .own-plan"), "包案测试").await;
    assert_eq!(b.attr_of(&row, "data-complete").await.as_deref(), Some("false"));

    // Printed: the 五个一 table, the measures not in place, no personal data.
    b.click(&format!("#own-print-{id}")).await;
    let doc = format!("#page-work-print[data-doc='ownership/{id}']");
    b.wait_for_text(&format!("{doc} #doc-title"), "领导包案责任表").await;
    assert_eq!(b.text_of("#doc-case").await, Some(number.clone()));
    assert_eq!(b.count("#doc-five tr.doc-part").await, 5);
    let in_place = b.attrs_of("#doc-five tr.doc-part", "data-in-place").await;
    assert_eq!(in_place, ["true", "true", "true", "true", "false"]);
    let sheet = b.text_of("#doc-ownership").await.unwrap_or_default();
    assert!(sheet.contains("县信访联席办〔2026〕3号会议纪要"), "{sheet}");
    assert!(sheet.contains("包案测试：核实承包合同"), "{sheet}");
    let digits = |s: &str| s.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    assert!(digits(&sheet) < 11, "no identity or phone numbers on the sheet: {sheet}");
    b.close().await;
}
