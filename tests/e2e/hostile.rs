//! Hostile petition text: markup and script (`<script>`, `<img onerror>`,
//! `"><svg onload>`, `javascript:`), spreadsheet formulas (`=HYPERLINK`,
//! `+1+1`, `@SUM(1)`), a right-to-left override, zero-width joiners,
//! template syntax, a 5,000-character text and emoji, typed into every text
//! field of the registration, the case actions, the settings and the work
//! ledgers. Nothing runs (`window.__pwned` stays undefined, no element is
//! made from the text), the text is shown literally on the case page, the
//! list, the printed documents and the ledgers' print views, and the ledger
//! export neutralises the formulas (CSV and xlsx).

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use serde_json::json;

use crate::harness::Browser;
use crate::proceedings::{open, submit, today, Day};

/// Markup, script, a `javascript:` address, template syntax, an RTL
/// override and zero-width joiners (all in the Basic Multilingual Plane,
/// so it can be typed key by key).
const H: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">\
\"><svg onload=window.__pwned=1>javascript:window.__pwned=1 {{x}} ${x} \u{202E}逆序\u{200D}连\u{200D}接";

/// `H` after a prefix (each field gets its own, to tell them apart).
fn hostile(prefix: &str) -> String {
    format!("{prefix}{H}")
}

/// Markup that would run, an RTL override and a zero-width joiner in 42
/// characters: for the fields whose limit is 50 or 100 characters (names,
/// titles, villages, places; see `core/src/limits.rs`), which take no
/// longer text.
const SHORT: &str = "<img src=x onerror=\"window.__pwned=1\">\u{202E}逆\u{200D}连";

/// `SHORT` after a prefix.
fn hostile_short(prefix: &str) -> String {
    let text = format!("{prefix}{SHORT}");
    assert!(text.chars().count() <= 50, "{text}");
    text
}

/// Emoji (outside the BMP, which ChromeDriver cannot type: set as the
/// value, firing the input events) and 5,000 characters.
fn long_with_emoji(prefix: &str) -> String {
    format!("{prefix}{H}😀👨‍👩‍👧{}", "长".repeat(5_000))
}

/// Sets `text` in the field `css`: typed when it can be, else set.
async fn put(b: &Browser, css: &str, text: &str) {
    if text.chars().all(|c| (c as u32) < 0x1_0000) && text.chars().count() < 400 {
        b.type_into(css, text).await;
    } else {
        b.set_value(css, text).await;
    }
}

/// How many elements of the page could run script, counted before any
/// hostile text exists.
async fn active_elements(b: &Browser) -> u64 {
    b.script("return document.querySelectorAll('script, img, svg, iframe, object').length;", vec![])
        .await
        .as_u64()
        .unwrap_or(u64::MAX)
}

/// Nothing ran and no element came from user text.
async fn assert_inert(b: &Browser, baseline: u64, at: &str) {
    let pwned = b.script("return typeof window.__pwned;", vec![]).await;
    assert_eq!(pwned.as_str(), Some("undefined"), "script ran ({at})");
    for css in ["img[src='x']", "svg[onload]", "img[onerror]", "body script"] {
        assert_eq!(b.count(css).await, 0, "{css} made from user text ({at})");
    }
    let n = active_elements(b).await;
    assert!(n <= baseline, "{n} script/img/svg elements, {baseline} before ({at})");
}

/// The `textContent` of `css`.
async fn text_content(b: &Browser, css: &str) -> String {
    b.script(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        vec![json!(css)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until `css`'s `textContent` contains `part` literally.
async fn wait_literal(b: &Browser, css: &str, part: &str) {
    b.wait_for(&format!("{css} to show the text literally"), || async {
        text_content(b, css).await.contains(part).then_some(())
    })
    .await;
}

/// Registers a case with hostile text in every text field; returns its id.
async fn register_hostile(b: &Browser, on: Day, tag: &str) -> String {
    // By the address: a print view has no navigation.
    b.go_to_hash("#/register").await;
    b.wait_for("the registration page", || async { b.exists("#reg-submit").await.then_some(()) })
        .await;
    b.set_value("#reg-received-on", &on.iso()).await;
    b.select("#reg-channel", "visit").await;
    put(b, "#reg-name-0", &hostile_short(&format!("+1+1{tag}"))).await;
    put(b, "#reg-address-0", &hostile("-2+3")).await;
    b.click("#reg-add-petitioner").await;
    b.wait_for("a second petitioner", || async { b.exists("#reg-name-1").await.then_some(()) })
        .await;
    put(b, "#reg-name-1", &hostile_short("@SUM(1)")).await;
    b.select_any("#reg-category").await;
    b.select("#reg-purpose", "request").await;
    b.select_by_label("#reg-township", "河口乡").await;
    put(b, "#reg-village", &hostile_short("@SUM(1)村")).await;
    put(b, "#reg-summary", &hostile(&format!("=HYPERLINK(\"http://x\",\"y\"){tag}"))).await;
    put(b, "#reg-content", &long_with_emoji("=1+1")).await;
    b.click("#reg-submit").await;
    b.wait_for_text("#page-case[data-stage='registered'] #case-stage", "待转送").await;
    b.attr_of("#page-case", "data-case").await.expect("the case id")
}

#[tokio::test]
async fn hostile_text_in_a_registration_and_its_actions_is_shown_literally() {
    let b = Browser::open().await;
    let baseline = active_elements(&b).await;
    let day = today(&b).await;
    let id = register_hostile(&b, day, "甲").await;
    let summary = hostile("=HYPERLINK(\"http://x\",\"y\")甲");
    wait_literal(&b, "#case-summary", &summary).await;
    wait_literal(&b, "#case-content", &long_with_emoji("=1+1")).await;
    wait_literal(&b, "#case-petitioners", &hostile_short("+1+1甲")).await;
    wait_literal(&b, "#case-petitioners", &hostile_short("@SUM(1)")).await;
    wait_literal(&b, "#case-petitioners", &hostile("-2+3")).await;
    assert_inert(&b, baseline, "the case page").await;

    // Assigned with a hostile 质量要求, accepted, extended, replied,
    // pressed, followed up and settled, each with hostile text.
    b.wait_for("the routing form", || async { b.exists("#route-form").await.then_some(()) }).await;
    b.select("#route-disposal", "assign").await;
    b.set_value("#route-on", &day.iso()).await;
    b.select_any("#fix-leader").await;
    b.select_any("#fix-handler").await;
    b.set_value("#fix-deadline", &day.plus(90).iso()).await;
    put(&b, "#fix-standard", &hostile("标准")).await;
    b.click("#route-submit").await;
    b.wait_for_text("#page-case[data-stage='routed'] #case-stage", "待受理").await;
    open(&b, "accept").await;
    submit(&b, "accept").await;
    open(&b, "extend").await;
    b.type_into("#extend-days", "30").await;
    put(&b, "#extend-reason", &hostile("延期")).await;
    b.select_any("#extend-approver").await;
    submit(&b, "extend").await;
    open(&b, "supervise").await;
    put(&b, "#supervise-note", &hostile("督办")).await;
    submit(&b, "supervise").await;
    open(&b, "reply").await;
    put(&b, "#reply-claim-0", &hostile("诉求")).await;
    b.select("#reply-outcome-0", "support").await;
    put(&b, "#reply-basis-0", &hostile("依据")).await;
    put(&b, "#reply-report", &hostile("报告")).await;
    submit(&b, "reply").await;
    open(&b, "follow-up").await;
    put(&b, "#follow-up-note", &hostile("回访")).await;
    submit(&b, "follow-up").await;
    open(&b, "settle").await;
    put(&b, "#settle-note", &hostile("息诉")).await;
    submit(&b, "settle").await;
    for part in ["标准", "延期", "督办", "回访", "息诉"] {
        wait_literal(&b, "#case-timeline", &hostile(part)).await;
    }
    wait_literal(&b, "#page-case", &hostile("标准")).await;
    assert_inert(&b, baseline, "the case page after the actions").await;

    // The printed documents.
    for (doc, parts) in [
        ("reply", vec![summary.as_str(), "诉求", "依据"]),
        ("extension", vec!["延期"]),
        ("assignment", vec!["标准"]),
        ("supervision-1", vec!["督办"]),
        ("acceptance", vec![summary.as_str()]),
    ] {
        b.go_to_hash(&format!("#/case/{id}/print/{doc}")).await;
        b.wait_for(&format!("the {doc} document"), || async {
            (b.attr_of("#page-print", "data-doc").await.as_deref() == Some(doc)
                && b.exists("#doc-body").await)
                .then_some(())
        })
        .await;
        for part in parts {
            let want = if part.starts_with('=') { part.to_string() } else { hostile(part) };
            wait_literal(&b, "#page-print", &want).await;
        }
        assert_inert(&b, baseline, doc).await;
    }

    // A refusal with a hostile reason and redirect, on a second case.
    let second = register_hostile(&b, day, "乙").await;
    b.wait_for("the routing form", || async { b.exists("#route-form").await.then_some(()) }).await;
    b.select("#route-disposal", "transfer").await;
    b.set_value("#route-on", &day.iso()).await;
    b.click("#route-submit").await;
    b.wait_for_text("#page-case[data-stage='routed'] #case-stage", "待受理").await;
    open(&b, "decline").await;
    put(&b, "#decline-reason", &hostile("理由")).await;
    put(&b, "#decline-redirect", &hostile("=去法院")).await;
    submit(&b, "decline").await;
    wait_literal(&b, "#case-timeline", &hostile("理由")).await;
    wait_literal(&b, "#case-timeline", &hostile("=去法院")).await;
    b.go_to_hash(&format!("#/case/{second}/print/refusal")).await;
    wait_literal(&b, "#doc-body", &hostile("理由")).await;
    assert_inert(&b, baseline, "the refusal").await;

    // The case list, and a search for the hostile text.
    b.go_to_hash("#/cases").await;
    b.wait_for("the case list", || async { b.exists(".case-row").await.then_some(()) }).await;
    wait_literal(&b, "#case-table", &summary).await;
    wait_literal(&b, "#case-table", &hostile_short("+1+1乙")).await;
    b.set_value("#search", "<svg").await;
    b.wait_for("both cases found", || async { (b.count(".case-row").await == 2).then_some(()) })
        .await;
    assert_inert(&b, baseline, "the case list").await;
    b.close().await;
}

#[tokio::test]
async fn hostile_text_in_the_ledger_export_is_never_a_formula() {
    let dir = std::env::temp_dir().join(format!("xinfang-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let b = Browser::open_with_downloads(&dir).await;
    let day = today(&b).await;
    register_hostile(&b, day, "丙").await;
    b.go_to_hash("#/reports").await;
    b.wait_for("the reports page", || async {
        b.exists("#page-reports #report-indicators").await.then_some(())
    })
    .await;
    b.select("#report-period-kind", "custom").await;
    b.set_value("#report-from", "2020-01-01").await;
    b.set_value("#report-to", &day.iso()).await;
    b.wait_for_text_containing("#report-period-label", "2020年").await;
    let name = format!("信访台账_2020-01-01_{}", day.iso());

    b.click("#export-ledger-csv").await;
    let csv = b.wait_for_download(&dir, &format!("{name}.csv")).await;
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    // Every cell that began with =, +, -, @ begins with ' (quoted or not).
    // (`@SUM(1)` is the second name, inside the cell of names.)
    for formula in ["=HYPERLINK(", "+1+1"] {
        let neutral = format!("'{formula}");
        assert!(text.contains(&neutral), "{formula} neutralised: {text}");
        for bad in [format!(",{formula}"), format!(",\"{formula}"), format!("\n{formula}")] {
            assert!(!text.contains(&bad), "{bad} starts a cell: {text}");
        }
    }
    assert!(text.contains("<script>window.__pwned=1</script>"), "the text kept whole");

    b.click("#export-ledger-xlsx").await;
    let xlsx = b.wait_for_download(&dir, &format!("{name}.xlsx")).await;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("an xlsx workbook");
    let formulas = book.worksheet_formula("信访台账").expect("the ledger sheet");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell of the ledger is a formula"
    );
    // The text is a string cell (which a spreadsheet never evaluates).
    let sheet = book.worksheet_range("信访台账").expect("the ledger sheet");
    let summary = sheet
        .rows()
        .flat_map(|r| r.iter())
        .find(|c| c.to_string().contains("HYPERLINK(\"http://x\",\"y\")丙"))
        .expect("the summary in the sheet");
    assert!(matches!(summary, calamine::Data::String(_)), "{summary:?}");
    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn hostile_names_in_the_settings_are_shown_literally() {
    let b = Browser::open().await;
    let baseline = active_elements(&b).await;
    b.click("#nav-settings").await;
    b.wait_for("the settings page", || async { b.exists("#unit-name").await.then_some(()) }).await;
    let unit = hostile_short("=单位");
    put(&b, "#unit-name", &unit).await;
    b.select("#unit-kind", "township").await;
    b.click("#unit-add").await;
    wait_literal(&b, "#unit-list", &unit).await;
    b.wait_for("the unit offered for people", || async {
        text_content(&b, "#person-unit").await.contains(&unit).then_some(())
    })
    .await;
    b.select_by_label("#person-unit", &unit).await;
    let person = hostile_short("+人员");
    put(&b, "#person-name", &person).await;
    b.select("#person-role", "leader").await;
    put(&b, "#person-title", &hostile_short("@职务")).await;
    b.click("#person-add").await;
    wait_literal(&b, "#unit-list", &person).await;
    wait_literal(&b, "#unit-list", &hostile_short("@职务")).await;
    let category = hostile("=类别");
    put(&b, "#category-name", &category).await;
    b.click("#category-add").await;
    wait_literal(&b, "#page-settings", &category).await;
    let rule = hostile("规则");
    put(&b, "#rule-name", &rule).await;
    b.select_any("#rule-category").await;
    b.select_any("#rule-unit").await;
    b.click("#rule-add").await;
    wait_literal(&b, "#rule-list", &rule).await;
    assert_inert(&b, baseline, "the settings").await;

    // Offered literally where they are chosen, and in the view selector.
    wait_literal(&b, "#view-as", &unit).await;
    b.click("#nav-register").await;
    wait_literal(&b, "#reg-township", &unit).await;
    b.select_by_label("#view-as", &unit).await;
    wait_literal(&b, "#view-as-banner", &unit).await;
    assert_inert(&b, baseline, "the register page and the banner").await;
    b.close().await;
}

#[tokio::test]
async fn hostile_text_in_the_work_ledgers_is_shown_literally() {
    let b = Browser::open().await;
    let baseline = active_elements(&b).await;
    let day = today(&b).await;
    // A case being handled, to own and to list as backlog.
    register_hostile(&b, day, "丁").await;
    let number = b.text_of("#case-number").await.expect("a number");
    b.select("#route-disposal", "transfer").await;
    b.set_value("#route-on", &day.iso()).await;
    b.click("#route-submit").await;
    b.wait_for_text("#page-case[data-stage='routed'] #case-stage", "待受理").await;
    open(&b, "accept").await;
    submit(&b, "accept").await;

    // 领导接访.
    b.go_to_hash("#/reception").await;
    b.wait_for("the reception page", || async { b.exists("#reception-new").await.then_some(()) })
        .await;
    b.click("#reception-new").await;
    b.select_any("#reception-leader").await;
    put(&b, "#reception-place", &hostile_short("=地点")).await;
    b.type_into("#reception-head-count", "2").await;
    put(&b, "#reception-matters", &hostile("+事项")).await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    wait_literal(&b, "#page-reception", &hostile("+事项")).await;
    wait_literal(&b, "#page-reception", &hostile_short("=地点")).await;
    let reception = b.attr_of("li.reception", "data-reception").await.expect("a reception");
    b.go_to_hash(&format!("#/print/reception/{reception}")).await;
    wait_literal(&b, "#page-work-print", &hostile("+事项")).await;
    assert_inert(&b, baseline, "the reception").await;

    // 矛盾纠纷排查: a hotspot.
    b.go_to_hash("#/screening").await;
    b.wait_for("the hotspot form", || async { b.exists("#hs-issue").await.then_some(()) }).await;
    put(&b, "#hs-issue", &hostile("=问题")).await;
    put(&b, "#hs-place", &hostile_short("@地点")).await;
    b.select_any("#hs-category").await;
    b.type_into("#hs-people", "3").await;
    b.select_any("#hs-leader").await;
    b.select_any("#hs-unit").await;
    put(&b, "#hs-plan", &hostile("+方案")).await;
    b.set_value("#hs-found-on", &day.iso()).await;
    b.set_value("#hs-deadline", &day.plus(30).iso()).await;
    b.click("#hs-submit").await;
    wait_literal(&b, "#hs-list", &hostile("=问题")).await;
    b.go_to_hash("#/print/hotspots").await;
    wait_literal(&b, "#page-work-print", &hostile("=问题")).await;
    wait_literal(&b, "#page-work-print", &hostile("+方案")).await;
    assert_inert(&b, baseline, "the hotspot ledger").await;

    // 信访积案.
    b.go_to_hash("#/backlog").await;
    b.wait_for("the backlog form", || async { b.exists("#backlog-case").await.then_some(()) })
        .await;
    b.type_into("#backlog-case", &number).await;
    b.click("#backlog-case-add").await;
    b.select_any("#backlog-leader").await;
    put(&b, "#backlog-plan", &hostile("=化解")).await;
    b.click("#backlog-submit").await;
    wait_literal(&b, "#page-backlog", &hostile("=化解")).await;
    b.go_to_hash("#/print/backlog").await;
    wait_literal(&b, "#page-work-print", &hostile("=化解")).await;
    assert_inert(&b, baseline, "the backlog ledger").await;

    // 领导包案.
    b.go_to_hash("#/ownership").await;
    b.wait_for("the ownership page", || async { b.exists("#own-new").await.then_some(()) }).await;
    b.click("#own-new").await;
    b.type_into("#own-case", &number).await;
    b.click("#own-case-add").await;
    b.select_any("#own-leader").await;
    put(&b, "#own-plan", &hostile("=包案方案")).await;
    put(&b, "#own-measures", &hostile("@措施")).await;
    b.click("#own-submit").await;
    b.wait_for_absent("#own-form").await;
    let own = b.attr_of("tr.ownership", "data-ownership").await.expect("an ownership");
    b.go_to_hash(&format!("#/print/ownership/{own}")).await;
    wait_literal(&b, "#page-work-print", &hostile("=包案方案")).await;
    wait_literal(&b, "#page-work-print", &hostile("@措施")).await;
    assert_inert(&b, baseline, "the ownership").await;

    // 会议: place, a decision, the minutes' text.
    b.go_to_hash("#/meetings").await;
    b.wait_for("the meetings page", || async { b.exists("#new-place").await.then_some(()) }).await;
    b.select("#new-kind", "coordination").await;
    put(&b, "#new-place", &hostile_short("=会场")).await;
    b.select_any("#new-chair").await;
    b.click("#new-submit").await;
    let meeting = b
        .wait_for("the new meeting's page", || async {
            b.attr_of("#page-meeting", "data-meeting").await.filter(|id| !id.is_empty())
        })
        .await;
    b.click("#dec-add").await;
    put(&b, "#dec-text-0", &hostile("+决定")).await;
    b.select_any("#dec-person-0").await;
    put(&b, "#m-opinion", &hostile("=意见")).await;
    b.click("#m-save").await;
    let decision = hostile("+决定");
    let minutes = b
        .wait_for("the minutes with the decision", || async {
            b.value_of("#minutes-text").await.filter(|t| t.contains(&decision))
        })
        .await;
    b.set_value("#minutes-text", &format!("{minutes}\n{}", long_with_emoji("=纪要"))).await;
    b.click("#minutes-save").await;
    b.wait_for("the final minutes", || async { b.exists("#minutes-final").await.then_some(()) })
        .await;
    b.go_to_hash(&format!("#/print/minutes/{meeting}")).await;
    wait_literal(&b, "#page-work-print", &hostile("+决定")).await;
    wait_literal(&b, "#page-work-print", &long_with_emoji("=纪要")).await;
    assert_inert(&b, baseline, "the minutes").await;
    b.close().await;
}
