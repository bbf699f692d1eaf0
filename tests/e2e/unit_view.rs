//! 以单位身份查看: in the real record an accusation against 柳林镇 routed to
//! 县纪委监委 and an ordinary case routed to 柳林镇. As 柳林镇 the ordinary
//! case is listed and the accusation's content is nowhere (list, search,
//! the case page opened by its address, its printed 交办函, the ledger
//! CSV); as 县纪委监委 the accusation shows with its content; as 信访部门
//! everything; the choice survives a reload.
//!
//! And the attack of issue 12: an accusation against 柳林镇 交办 to
//! 县纪委监委 with a routing note and a 办案质量要求 naming the accused,
//! put on the 信访积案 ledger and under 领导包案; in 柳林镇's view a
//! unique marker is nowhere (case page by its address, timeline, 积案
//! candidates and ledger, the 积案 and 包案 pickers, search, dashboard,
//! supervision board, the ledger export), and a case of another unit
//! typed as `#/case/N` is refused; the office's own view shows it all.

use crate::harness::Browser;
use crate::proceedings::{today, Day};

/// The accusation's distinctive words.
const ACC_SUMMARY: &str = "举报柳林镇干部虚报冒领湖光款";
const ACC_CONTENT: &str = "湖光村低保金被虚报冒领，证人青松岭老李";
const ACC_NAME: &str = "检举人石竹";
/// A word of the content only (not of the summary).
const CONTENT_WORD: &str = "青松岭";
const PLACEHOLDER: &str = "（检举控告内容，不向被检举单位显示）";
const ORD_SUMMARY: &str = "柳林镇道路积水无人处理";

/// Registers a case (a visit received `on`, 柳林镇) and routes it to
/// `lead`, assigned (with the 五定) or transferred; returns its id.
async fn register_and_route(
    b: &Browser,
    on: Day,
    accusation: bool,
    summary: &str,
    name: &str,
    lead: &str,
) -> (String, String) {
    register_and_route_noting(b, on, accusation, summary, name, lead, None).await
}

/// [`register_and_route`], with `note` (when given) as the routing note and
/// in the 办案质量要求 of an accusation.
async fn register_and_route_noting(
    b: &Browser,
    on: Day,
    accusation: bool,
    summary: &str,
    name: &str,
    lead: &str,
    note: Option<&str>,
) -> (String, String) {
    b.go_to_hash("#/register").await;
    b.wait_for("the registration page", || async { b.exists("#reg-submit").await.then_some(()) })
        .await;
    b.set_value("#reg-received-on", &on.iso()).await;
    b.select("#reg-channel", "visit").await;
    b.type_into("#reg-name-0", name).await;
    b.select_any("#reg-category").await;
    b.select_by_label("#reg-township", "柳林镇").await;
    if accusation {
        b.select("#reg-purpose", "accusation").await;
        b.wait_for("the accused unit", || async {
            b.exists("#reg-accused-unit").await.then_some(())
        })
        .await;
        b.select_by_label("#reg-accused-unit", "柳林镇").await;
        b.type_into("#reg-content", ACC_CONTENT).await;
    } else {
        b.select("#reg-purpose", "request").await;
        b.type_into("#reg-content", "雨后积水一周未退").await;
    }
    b.type_into("#reg-summary", summary).await;
    b.click("#reg-submit").await;
    b.wait_for_text("#page-case[data-stage='registered'] #case-stage", "待转送").await;
    let id = b.attr_of("#page-case", "data-case").await.expect("the case id");
    b.wait_for("the routing form", || async { b.exists("#route-form").await.then_some(()) }).await;
    let disposal = if accusation { "assign" } else { "transfer" };
    b.select("#route-disposal", disposal).await;
    b.select_by_label("#route-lead", lead).await;
    b.set_value("#route-on", &on.iso()).await;
    if accusation {
        b.select_any("#fix-leader").await;
        b.select_any("#fix-handler").await;
        b.set_value("#fix-deadline", &on.plus(60).iso()).await;
        let standard = note.map_or_else(|| "查清事实".to_string(), |n| format!("查清{n}的问题"));
        b.type_into("#fix-standard", &standard).await;
    }
    if let Some(note) = note {
        b.type_into("#route-note", &format!("{note}（路由说明）")).await;
    }
    b.click("#route-submit").await;
    b.wait_for_text("#page-case[data-stage='routed'] #case-stage", "待受理").await;
    assert_eq!(b.text_of("#case-lead").await.as_deref(), Some(lead));
    (id, b.text_of("#case-number").await.expect("a case number"))
}

/// Chooses `label` in `#view-as` (`信访部门（全部）` for the office's view).
async fn view_as(b: &Browser, label: &str) {
    b.select_by_label("#view-as", label).await;
    if label.starts_with("信访部门") {
        b.wait_for_absent("#view-as-banner").await;
    } else {
        b.wait_for_text_containing("#view-as-banner", label).await;
    }
}

/// Waits until the case list searched for `search` ("" for all) shows
/// exactly the cases `expected` (any order).
async fn expect_listed(b: &Browser, search: &str, expected: &[&String]) {
    b.go_to_hash("#/cases").await;
    b.wait_for("the case list", || async { b.exists("#page-cases #search").await.then_some(()) })
        .await;
    b.set_value("#search", search).await;
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    let what = format!("the list for {search:?} to be {want:?}");
    b.wait_for(&what, || async {
        let mut got = b.attrs_of("#case-table tr.case-row", "data-case").await;
        got.sort();
        (got == want).then_some(())
    })
    .await;
}

/// The whole page's text.
async fn page_text(b: &Browser) -> String {
    b.script("return document.body.innerText;", vec![]).await.as_str().unwrap_or_default().into()
}

/// Opens case `id` by its address and waits for it.
async fn open_case(b: &Browser, id: &str) {
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for("the case page", || async {
        (b.attr_of("#page-case", "data-case").await.as_deref() == Some(id)).then_some(())
    })
    .await;
    b.wait_for("the case header", || async { b.text_of("#case-summary").await }).await;
}

/// Opens case `id` by its address in a unit's view that does not handle
/// it, and waits for the refusal.
async fn open_refused(b: &Browser, id: &str) {
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for_text_containing(
        "#page-case[data-refused='true'] #case-refused",
        "本单位无权查看此案件",
    )
    .await;
    assert!(!b.exists("#case-summary").await, "the refused case's header");
}

/// The whole document's markup (attributes included).
async fn page_html(b: &Browser) -> String {
    b.script("return document.documentElement.outerHTML;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .into()
}

/// Goes to `hash`, waits for `ready`, and asserts `marker` is nowhere in
/// the page's markup.
async fn assert_absent_at(b: &Browser, hash: &str, ready: &str, marker: &str) {
    b.go_to_hash(hash).await;
    b.wait_for(ready, || async { b.exists(ready).await.then_some(()) }).await;
    let html = page_html(b).await;
    assert!(!html.contains(marker), "{marker} shown at {hash}: {html}");
}

/// Downloads the ledger of the received cases since 2020 as CSV (UTF-8).
async fn ledger_csv(b: &Browser, dir: &std::path::Path, today: Day) -> String {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
    // By the address: a print view has no navigation.
    b.go_to_hash("#/reports").await;
    b.wait_for("the reports page", || async {
        b.exists("#page-reports #report-indicators").await.then_some(())
    })
    .await;
    b.select("#report-period-kind", "custom").await;
    b.set_value("#report-from", "2020-01-01").await;
    b.set_value("#report-to", &today.iso()).await;
    b.wait_for_text_containing("#report-period-label", "2020年").await;
    b.click("#export-ledger-csv").await;
    let name = format!("信访台账_2020-01-01_{}.csv", today.iso());
    let bytes = b.wait_for_download(dir, &name).await;
    String::from_utf8(bytes[3..].to_vec()).expect("UTF-8 after the BOM")
}

#[tokio::test]
async fn an_accusation_is_kept_from_the_accused_units_view() {
    let dir = std::env::temp_dir().join(format!("xinfang-unit-view-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let b = Browser::open_with_downloads(&dir).await;
    let day = today(&b).await;
    let (acc, acc_number) =
        register_and_route(&b, day, true, ACC_SUMMARY, ACC_NAME, "县纪委监委").await;
    let (ord, _) = register_and_route(&b, day, false, ORD_SUMMARY, "王小林", "柳林镇").await;

    // The office's view: both, and the content is searchable.
    assert!(!b.exists("#view-as-banner").await, "no banner in the office's view");
    expect_listed(&b, "", &[&acc, &ord]).await;
    expect_listed(&b, CONTENT_WORD, &[&acc]).await;

    // As 柳林镇 (the accused): its own case only; the content found nowhere.
    view_as(&b, "柳林镇").await;
    expect_listed(&b, "", &[&ord]).await;
    assert!(!page_text(&b).await.contains(ACC_SUMMARY));
    expect_listed(&b, CONTENT_WORD, &[]).await;
    expect_listed(&b, "虚报冒领", &[]).await;
    expect_listed(&b, &acc_number, &[]).await;
    // Opened by its address: refused (柳林镇 does not handle it), nothing
    // of it shown, nothing to act on or print.
    open_refused(&b, &acc).await;
    for css in ["#case-actions", "#route-form", "#case-docs", "#link-repeat-form", "#case-timeline"]
    {
        assert!(!b.exists(css).await, "{css} offered to the accused unit");
    }
    assert!(!page_text(&b).await.contains(&acc_number));
    // The registration form does not offer it as a possible repeat (its
    // summary would show); the same typing in 信访部门's view does, below.
    // (The unit's own case is hinted first, so the hints are seen working;
    // then it goes, and the accusation does not come.)
    b.click("#nav-register").await;
    b.type_into("#reg-summary", ORD_SUMMARY).await;
    let own = format!(".repeat-hint[data-case='{ord}']");
    b.wait_for("the unit's own case hinted", || async { b.exists(&own).await.then_some(()) }).await;
    b.type_into("#reg-summary", ACC_SUMMARY).await;
    b.wait_for_absent(&own).await;
    assert!(!b.exists(&format!(".repeat-hint[data-case='{acc}']")).await, "hinted to the accused");
    open_refused(&b, &acc).await;
    let text = page_text(&b).await;
    for secret in [ACC_SUMMARY, CONTENT_WORD, ACC_NAME] {
        assert!(!text.contains(secret), "{secret} shown to the accused: {text}");
    }
    // None of its documents (the 交办函 to 县纪委监委 here) is shown.
    b.go_to_hash(&format!("#/case/{acc}/print/assignment")).await;
    b.wait_for_text_containing("#doc-missing", "本单位无权查看此案件").await;
    assert!(!b.exists("#doc-body").await);
    // The ledger export: the ordinary case, not the accusation.
    let csv = ledger_csv(&b, &dir, day).await;
    assert!(csv.contains(ORD_SUMMARY), "{csv}");
    for secret in [ACC_SUMMARY, CONTENT_WORD, ACC_NAME, acc_number.as_str()] {
        assert!(!csv.contains(secret), "{secret} in the accused's ledger: {csv}");
    }

    // As 县纪委监委 (handling it): the accusation with its content.
    view_as(&b, "县纪委监委").await;
    expect_listed(&b, "", &[&acc]).await;
    expect_listed(&b, CONTENT_WORD, &[&acc]).await;
    open_case(&b, &acc).await;
    assert_eq!(b.text_of("#case-summary").await.as_deref(), Some(ACC_SUMMARY));
    b.wait_for_text_containing("#case-content", CONTENT_WORD).await;
    assert!(!b.exists("#case-hidden").await);
    let csv = ledger_csv(&b, &dir, day).await;
    assert!(csv.contains(ACC_SUMMARY) && !csv.contains(ORD_SUMMARY), "{csv}");

    // The choice survives a reload.
    b.reload().await;
    b.wait_for_text_containing("#view-as-banner", "县纪委监委").await;
    let chosen = b.value_of("#view-as").await.unwrap_or_default();
    assert!(!chosen.is_empty(), "a unit is chosen after the reload");
    expect_listed(&b, "", &[&acc]).await;

    // Back to 信访部门: everything.
    view_as(&b, "信访部门（全部）").await;
    expect_listed(&b, "", &[&acc, &ord]).await;
    expect_listed(&b, CONTENT_WORD, &[&acc]).await;
    b.reload().await;
    b.wait_for("the page after a reload", || async { b.exists("#view-as").await.then_some(()) })
        .await;
    assert_eq!(b.value_of("#view-as").await.as_deref(), Some(""));
    assert!(!b.exists("#view-as-banner").await);
    b.click("#nav-register").await;
    b.type_into("#reg-summary", ACC_SUMMARY).await;
    b.wait_for("the accusation hinted as a possible repeat", || async {
        b.exists(&format!(".repeat-hint[data-case='{acc}']")).await.then_some(())
    })
    .await;

    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The marker of the attack: in the summary, the routing note, the 五定's
/// quality requirement, the 积案 plan and the 包案 plan.
const MARK: &str = "柳林镇书记张某某";

#[tokio::test]
async fn the_accused_township_sees_the_accusation_nowhere_and_other_units_cases_are_refused() {
    let dir = std::env::temp_dir().join(format!("xinfang-unit-attack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let b = Browser::open_with_downloads(&dir).await;
    let day = today(&b).await;
    let summary = format!("举报{MARK}虚报冒领低保金");
    let (acc, acc_number) =
        register_and_route_noting(&b, day, true, &summary, ACC_NAME, "县纪委监委", Some(MARK))
            .await;
    let (ord, ord_number) =
        register_and_route(&b, day, false, ORD_SUMMARY, "王小林", "柳林镇").await;
    // A second accusation whose 督办 presses 柳林镇 itself: 柳林镇 then
    // handles it and lists it, but never reads it.
    let (acc2, _) = register_and_route_noting(
        &b,
        day,
        true,
        &format!("再举报{MARK}"),
        ACC_NAME,
        "县纪委监委",
        Some(MARK),
    )
    .await;
    crate::proceedings::open(&b, "supervise").await;
    b.select_by_label("#supervise-unit", "柳林镇").await;
    b.type_into("#supervise-note", &format!("请{MARK}说明情况（督办）")).await;
    crate::proceedings::submit(&b, "supervise").await;
    // The office's view: the note and the requirement are on the page.
    open_case(&b, &acc).await;
    let html = page_html(&b).await;
    assert!(html.contains(&format!("{MARK}（路由说明）")), "the routing note");
    assert!(html.contains(&format!("查清{MARK}的问题")), "the quality requirement");

    // The 积案 candidates of 柳林镇 (before the case is listed): its own
    // case is a candidate, the accusation is not, and the marker is nowhere.
    view_as(&b, "柳林镇").await;
    b.go_to_hash("#/backlog").await;
    b.wait_for("the backlog page", || async { b.exists("#backlog-form").await.then_some(()) })
        .await;
    b.set_value("#backlog-candidate-months", "0").await;
    let own = format!(".backlog-candidate[data-case='{ord}']");
    b.wait_for("its own case as a candidate", || async { b.exists(&own).await.then_some(()) })
        .await;
    assert!(!b.exists(&format!(".backlog-candidate[data-case='{acc}']")).await);
    let acc2_candidate = format!(".backlog-candidate[data-case='{acc2}'] .candidate-summary");
    assert_eq!(b.text_of(&acc2_candidate).await.as_deref(), Some(PLACEHOLDER));
    assert!(!page_html(&b).await.contains(MARK), "the marker among the candidates");

    // The office lists the accusation on the 积案 ledger and under 包案,
    // each plan naming the accused.
    view_as(&b, "信访部门（全部）").await;
    b.go_to_hash("#/backlog").await;
    b.wait_for("the backlog page", || async { b.exists("#backlog-form").await.then_some(()) })
        .await;
    b.type_into("#backlog-case", &acc_number).await;
    b.click("#backlog-case-add").await;
    b.wait_for("the case picked", || async {
        b.exists(&format!("#backlog-form-case[data-case='{acc}']")).await.then_some(())
    })
    .await;
    assert!(b.text_of("#backlog-form-case").await.unwrap_or_default().contains(MARK));
    b.select_any("#backlog-leader").await;
    b.type_into("#backlog-plan", &format!("约谈{MARK}（积案方案）")).await;
    b.click("#backlog-submit").await;
    let backlog_row = format!("tr.backlog-row[data-case='{acc}']");
    b.wait_for("the backlog row", || async { b.exists(&backlog_row).await.then_some(()) }).await;
    b.go_to_hash("#/ownership").await;
    b.wait_for("the ownership page", || async { b.exists("#own-new").await.then_some(()) }).await;
    b.click("#own-new").await;
    b.type_into("#own-case", &acc_number).await;
    b.click("#own-case-add").await;
    b.wait_for("the case picked", || async {
        b.exists(&format!("#own-case-picked[data-case='{acc}']")).await.then_some(())
    })
    .await;
    b.select_any("#own-leader").await;
    b.type_into("#own-plan", &format!("核查{MARK}（包案方案）")).await;
    b.click("#own-submit").await;
    let own_row = format!("tr.ownership[data-case='{acc}']");
    b.wait_for("the ownership row", || async { b.exists(&own_row).await.then_some(()) }).await;
    assert!(page_html(&b).await.contains(&format!("核查{MARK}（包案方案）")));

    // A meeting studies the accusation; its opinion and decision name the
    // accused.
    b.go_to_hash("#/meetings").await;
    b.wait_for("the meetings page", || async { b.exists("#meeting-new").await.then_some(()) })
        .await;
    b.select("#new-kind", "joint").await;
    b.type_into("#new-place", "县委三楼会议室").await;
    b.select_any("#new-chair").await;
    b.click("#new-submit").await;
    let meeting = b
        .wait_for("the new meeting's page", || async {
            b.attr_of("#page-meeting", "data-meeting").await.filter(|id| !id.is_empty())
        })
        .await;
    b.type_into("#m-case", &acc_number).await;
    b.click("#m-case-add").await;
    b.wait_for("the case added", || async {
        b.exists(&format!(".m-case[data-case='{acc}']")).await.then_some(())
    })
    .await;
    b.type_into("#m-opinion", &format!("{MARK}问题属实（会议认为）")).await;
    b.click("#dec-add").await;
    b.type_into("#dec-text-0", &format!("责成{MARK}退赔（会议决定）")).await;
    b.select_any("#dec-unit-0").await;
    b.click("#m-save").await;
    b.go_to_hash("#/meetings").await;
    let decision = format!(".open-decision[data-meeting='{meeting}'] .decision-text");
    b.wait_for_text_containing(&decision, MARK).await;

    // As 柳林镇: the marker nowhere.
    view_as(&b, "柳林镇").await;
    open_refused(&b, &acc).await;
    assert!(!b.exists("#case-timeline").await, "the accusation's timeline");
    assert!(!page_html(&b).await.contains(MARK));
    b.go_to_hash(&format!("#/case/{acc}/print/assignment")).await;
    b.wait_for_text_containing("#doc-missing", "本单位无权查看此案件").await;
    assert!(!page_html(&b).await.contains(MARK));
    // Its own case opens, with its timeline.
    open_case(&b, &ord).await;
    assert!(b.exists("#case-timeline").await);
    // The accusation it is pressed on opens with the placeholder: its
    // timeline (routing note, 五定, the notice) without the marker, no
    // action or document.
    open_case(&b, &acc2).await;
    assert_eq!(b.text_of("#case-summary").await.as_deref(), Some(PLACEHOLDER));
    assert!(b.exists("#case-timeline").await && b.exists("#case-actions-hidden").await);
    assert!(!b.exists("#case-docs").await);
    assert!(!page_html(&b).await.contains(MARK));
    // The 积案 ledger: its candidate, not the accusation's row.
    assert_absent_at(&b, "#/backlog", "#backlog-form", MARK).await;
    assert!(!b.exists(&backlog_row).await, "the accusation on the accused's 积案 ledger");
    // The 积案 picker: the number finds nothing.
    b.type_into("#backlog-case", &acc_number).await;
    b.click("#backlog-case-add").await;
    b.wait_for_text_containing("#backlog-case-error", &acc_number).await;
    let picked = b.attr_of("#backlog-form-case", "data-case").await;
    assert_ne!(
        picked.as_deref(),
        Some(acc.as_str()),
        "the accusation picked in the accused's view"
    );
    assert!(!page_html(&b).await.contains(MARK));
    // Its own case is found by the same picker.
    b.type_into("#backlog-case", &ord_number).await;
    b.click("#backlog-case-add").await;
    b.wait_for("its own case picked", || async {
        b.exists(&format!("#backlog-form-case[data-case='{ord}']")).await.then_some(())
    })
    .await;
    // 包案: no row, and the picker finds nothing.
    assert_absent_at(&b, "#/ownership", "#own-new", MARK).await;
    assert!(!b.exists(&own_row).await, "the accusation's 包案 in the accused's view");
    b.click("#own-new").await;
    b.type_into("#own-case", &acc_number).await;
    b.click("#own-case-add").await;
    b.wait_for_text_containing("#own-case-error", &acc_number).await;
    assert!(!page_html(&b).await.contains(MARK));
    // Meetings: the decision is the placeholder, the meeting and its
    // minutes are not shown.
    assert_absent_at(&b, "#/meetings", "#meeting-new", MARK).await;
    assert_eq!(b.text_of(&decision).await.as_deref(), Some(PLACEHOLDER));
    assert_absent_at(&b, &format!("#/meeting/{meeting}"), "#meeting-withheld", MARK).await;
    assert_absent_at(&b, &format!("#/print/minutes/{meeting}"), "#doc-withheld", MARK).await;
    // Search, dashboard, supervision board.
    expect_listed(&b, "", &[&ord, &acc2]).await;
    assert!(!page_html(&b).await.contains(MARK));
    expect_listed(&b, MARK, &[]).await;
    expect_listed(&b, &acc_number, &[]).await;
    assert!(!page_html(&b).await.contains(MARK));
    assert_absent_at(&b, "#/", "#page-dashboard", MARK).await;
    assert_absent_at(&b, "#/supervision", "#page-supervision", MARK).await;
    assert!(b.exists("#view-as-note").await, "the honest note in a unit's view");
    // The ledger export.
    let csv = ledger_csv(&b, &dir, day).await;
    assert!(csv.contains(ORD_SUMMARY), "{csv}");
    assert!(!csv.contains(MARK) && !csv.contains(&acc_number), "{csv}");

    // As 县纪委监委: 柳林镇's case by its address is refused too.
    view_as(&b, "县纪委监委").await;
    open_refused(&b, &ord).await;
    assert!(!page_html(&b).await.contains(ORD_SUMMARY));
    open_case(&b, &acc).await;
    assert!(page_html(&b).await.contains(&format!("查清{MARK}的问题")));

    // The office's own view: everything.
    view_as(&b, "信访部门（全部）").await;
    assert!(!b.exists("#view-as-note").await);
    open_case(&b, &acc).await;
    let html = page_html(&b).await;
    assert!(html.contains(&summary) && html.contains(&format!("{MARK}（路由说明）")));
    b.go_to_hash("#/backlog").await;
    b.wait_for("the backlog row", || async { b.exists(&backlog_row).await.then_some(()) }).await;
    assert!(page_html(&b).await.contains(&format!("约谈{MARK}（积案方案）")));
    expect_listed(&b, MARK, &[&acc, &acc2]).await;

    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
