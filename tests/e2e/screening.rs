//! 矛盾纠纷排查 (`#page-screening`). In the real (empty) record: a village
//! registered, rounds recorded for it and its township in March 2025, the
//! coverage shown checked against the slots the test created (by hand and
//! with the core's rule on the same rounds) and the overall rate against the
//! core's `screening_coverage` over the stored ledgers; a sensitive period
//! makes screening daily and the due count grows; a round edited, refused
//! and removed. The hotspot ledger: added, refused (empty issue, deadline
//! before the day found), overdue marked, edited, moved through its
//! statuses (a resolution dated too early refused), its resolution rate
//! against the core's, kept over a reload, printed without the linked
//! case's petitioner. Linking an existing case by number, and 「转为案件」
//! through the prefilled registration form, linked back on return. On the
//! sandbox, the year's figures against the core's over the stored ledgers.

use chrono::NaiveDate;
use xinfang_core::work::screening::{
    Cadence, ScreeningLedger, ScreeningRound, ScreeningScope, SensitivePeriod, Village,
};
use xinfang_core::work::Rate;
use xinfang_core::{Office, Settings, UnitId, WorkLedgers};

use crate::dashboard::sandbox;
use crate::harness::Browser;
use crate::proceedings::{register, today, Day};

const REAL: &str = "xinfang.office";
const SANDBOX: &str = "xinfang.sandbox";

/// Shows the screening page.
async fn screening_page(b: &Browser) {
    b.click("#nav-screening").await;
    b.wait_for("the screening page", || async {
        b.exists("#page-screening #scr-overall").await.then_some(())
    })
    .await;
}

/// Picks a custom period.
async fn period(b: &Browser, from: &str, to: &str) {
    b.select("#scr-period", "custom").await;
    b.set_value("#scr-from", from).await;
    b.set_value("#scr-to", to).await;
    b.wait_for("the period", || async {
        (b.attr_of("#scr-range", "data-from").await.as_deref() == Some(from)).then_some(())
    })
    .await;
}

/// The work ledgers of the record stored under `prefix` (read with the
/// app's own loader) once `ready` holds for them.
async fn stored(b: &Browser, prefix: &str, ready: impl Fn(&WorkLedgers) -> bool) -> WorkLedgers {
    b.wait_for("the stored work ledgers", || async {
        let work = b.stored_record(prefix).await?.work().clone();
        ready(&work).then_some(work)
    })
    .await
}

/// `data-done`/`data-due` of an element as a rate.
async fn rate_of(b: &Browser, css: &str) -> Rate {
    let n = |v: Option<String>| -> u32 { v.unwrap_or_else(|| panic!("{css}")).parse().unwrap() };
    Rate::new(n(b.attr_of(css, "data-done").await), n(b.attr_of(css, "data-due").await))
}

/// Waits until the element's rate is `expected`.
async fn wait_rate(b: &Browser, css: &str, expected: Rate) {
    b.wait_for(&format!("{css} to read {expected}"), || async {
        (b.exists(css).await && rate_of(b, css).await == expected).then_some(())
    })
    .await;
}

/// Records a round through the form; returns its id.
async fn record_round(b: &Browser, scope: &str, date: &str, by: &str, issues: &str) -> String {
    b.select("#round-scope", scope).await;
    b.set_value("#round-date", date).await;
    b.type_into("#round-by", by).await;
    b.type_into("#round-issues", issues).await;
    let before = b.attr_of("#round-saved", "data-round").await;
    b.click("#round-submit").await;
    b.wait_for("the round saved", || async {
        b.attr_of("#round-saved", "data-round").await.filter(|id| Some(id) != before.as_ref())
    })
    .await
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn round(scope: &ScreeningScope, date: NaiveDate) -> ScreeningRound {
    ScreeningRound {
        scope: scope.clone(),
        date,
        by: "x".into(),
        issues_found: 0,
        campaign: String::new(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn coverage_follows_the_rounds_recorded_and_a_sensitive_period() {
    let b = Browser::open().await;
    screening_page(&b).await;

    // A village of the first township.
    let town = b.select_any("#scr-village-township").await;
    b.type_into("#scr-village-name", "测试岗村").await;
    b.click("#scr-village-add").await;
    let village_li = format!("li.scr-village[data-township='{town}'][data-name='测试岗村']");
    b.wait_for("the village listed", || async { b.exists(&village_li).await.then_some(()) }).await;
    // The same village twice is refused with the core's message.
    b.select("#scr-village-township", &town).await;
    b.type_into("#scr-village-name", "测试岗村").await;
    b.click("#scr-village-add").await;
    b.wait_for_text_containing("#notice-text", "中有重复项：测试岗村").await;
    assert_eq!(b.count("li.scr-village").await, 1);

    period(&b, "2025-03-01", "2025-03-31").await;
    let v_key = format!("v:{town}:测试岗村");
    let u_key = format!("u:{town}");
    let v_row = format!("tr.scr-scope[data-scope='{v_key}']");
    let u_row = format!("tr.scr-scope[data-scope='{u_key}']");
    // Nothing recorded: March owes the village 5 weeks (ending 3/2 … 3/30)
    // and the township 2 half months.
    wait_rate(&b, &v_row, Rate::new(0, 5)).await;
    wait_rate(&b, &u_row, Rate::new(0, 2)).await;

    // Rounds: the village on 3/4 and 3/18; the township twice in the first
    // half month; a refused one (nobody named) changes nothing.
    record_round(&b, &v_key, "2025-03-04", "村两委班子", "2").await;
    let late = record_round(&b, &v_key, "2025-03-18", "村两委班子", "0").await;
    record_round(&b, &u_key, "2025-03-05", "乡综治办", "3").await;
    record_round(&b, &u_key, "2025-03-07", "乡综治办", "1").await;
    b.select("#round-scope", &u_key).await;
    b.set_value("#round-date", "2025-03-20").await;
    b.type_into("#round-by", "   ").await;
    b.click("#round-submit").await;
    b.wait_for_text_containing("#notice-text", "“排查人员”不能为空").await;
    assert_eq!(b.attr_of("#round-count", "data-count").await.as_deref(), Some("4"));
    assert_eq!(b.attr_of("#round-summary", "data-issues").await.as_deref(), Some("6"));

    // By hand from the slots: the village covers the weeks of 3/4 and 3/18
    // (2 of 5), the township the first half month (1 of 2).
    wait_rate(&b, &v_row, Rate::new(2, 5)).await;
    wait_rate(&b, &u_row, Rate::new(1, 2)).await;
    let missed = b.attrs_of(&format!("{v_row} li.scr-missed"), "data-from").await;
    assert_eq!(missed, ["2025-02-24", "2025-03-10", "2025-03-24"]);
    assert_eq!(b.attrs_of(&format!("{u_row} li.scr-missed"), "data-from").await, ["2025-03-16"]);
    // The same by the core's rule on the same rounds.
    let town_id = UnitId::new(town.parse().unwrap());
    let village = ScreeningScope::Village(Village::new(town_id, "测试岗村").unwrap());
    let unit = ScreeningScope::Unit(town_id);
    let mut mine = ScreeningLedger::default();
    for (s, date) in [
        (&village, d(2025, 3, 4)),
        (&village, d(2025, 3, 18)),
        (&unit, d(2025, 3, 5)),
        (&unit, d(2025, 3, 7)),
    ] {
        mine.record_round(round(s, date)).unwrap();
    }
    assert_eq!(mine.coverage(&village, d(2025, 3, 1), d(2025, 3, 31)).rate, Rate::new(2, 5));
    // The overall rate is the core's over every township and the village,
    // computed from what the page stored.
    let work = stored(&b, REAL, |w| w.screening.rounds().count() == 4).await;
    let office = Office::new(Settings::sample_county());
    let overall = work.screening_coverage(&office.settings().org, d(2025, 3, 1), d(2025, 3, 31));
    assert_eq!(overall.numerator, 3);
    wait_rate(&b, "#scr-overall", overall).await;
    let townships = office.settings().org.townships().count() as u32;
    assert_eq!(overall.denominator, 2 * townships + 5);
    assert_eq!(b.text_of("#scr-overall-rate").await.unwrap(), overall.percent_text());
    assert!(b.exists("#scr-overall.unmet").await, "below the 100% target");

    // 两会 3/10–3/12: daily rounds for every scope, 3 more slots each.
    b.type_into("#scr-period-name", "测试两会").await;
    b.set_value("#scr-period-from", "2025-03-10").await;
    b.set_value("#scr-period-to", "2025-03-12").await;
    b.click("#scr-period-add").await;
    b.wait_for("the period listed", || async {
        b.exists("li.scr-period[data-name='测试两会']").await.then_some(())
    })
    .await;
    wait_rate(&b, &v_row, Rate::new(2, 8)).await;
    wait_rate(&b, "#scr-overall", Rate::new(3, overall.denominator + 3 * (townships + 1))).await;
    let daily =
        b.attrs_of(&format!("{v_row} li.scr-missed[data-cadence='daily']"), "data-from").await;
    assert_eq!(daily, ["2025-03-10", "2025-03-11", "2025-03-12"]);
    mine.add_sensitive_period(
        SensitivePeriod::new("测试两会", d(2025, 3, 10), d(2025, 3, 12)).unwrap(),
    );
    let due = mine.rounds_due(&village, d(2025, 3, 1), d(2025, 3, 31));
    assert_eq!(due.iter().filter(|r| r.cadence == Cadence::Daily).count(), 3);
    assert_eq!(due.len(), 8);
    // A period ending before it starts is refused.
    b.type_into("#scr-period-name", "倒序").await;
    b.set_value("#scr-period-from", "2025-03-12").await;
    b.set_value("#scr-period-to", "2025-03-10").await;
    b.click("#scr-period-add").await;
    b.wait_for_text_containing("#scr-period-error", "“结束日期”不能早于“开始日期”").await;
    assert_eq!(b.count("li.scr-period").await, 1);

    // Editing the 3/18 round to 3/11 covers the daily slot and the week of
    // 3/10 instead of the week of 3/17.
    b.click(&format!("tr.round-row[data-round='{}'] .round-edit", late.trim_start_matches("PC")))
        .await;
    b.wait_for("the edit form", || async {
        b.attr_of("#round-form", "data-editing").await.filter(|v| !v.is_empty())
    })
    .await;
    assert_eq!(b.value_of("#round-by").await.as_deref(), Some("村两委班子"));
    b.set_value("#round-date", "2025-03-11").await;
    b.click("#round-submit").await;
    wait_rate(&b, &v_row, Rate::new(3, 8)).await;
    let missed = b.attrs_of(&format!("{v_row} li.scr-missed"), "data-from").await;
    assert_eq!(missed, ["2025-02-24", "2025-03-10", "2025-03-12", "2025-03-17", "2025-03-24"]);

    // Removing the period brings the slots back to 5; removing a round
    // (after confirming) uncovers its week.
    b.click("li.scr-period[data-name='测试两会'] .scr-period-remove").await;
    wait_rate(&b, &v_row, Rate::new(2, 5)).await;
    let first = b.attr_of("tr.round-row[data-date='2025-03-04']", "data-round").await.unwrap();
    b.click(&format!("tr.round-row[data-round='{first}'] .round-remove")).await;
    b.click(&format!("tr.round-row[data-round='{first}'] .round-remove-confirm")).await;
    wait_rate(&b, &v_row, Rate::new(1, 5)).await;

    // A cadence change: villages monthly owe 1 round in March, done.
    b.select("#scr-cadence-village", "monthly").await;
    wait_rate(&b, &v_row, Rate::new(1, 1)).await;

    // Everything is kept over a reload.
    b.reload().await;
    screening_page(&b).await;
    period(&b, "2025-03-01", "2025-03-31").await;
    wait_rate(&b, &v_row, Rate::new(1, 1)).await;
    assert_eq!(b.value_of("#scr-cadence-village").await.as_deref(), Some("monthly"));
    assert!(b.exists(&village_li).await);
    b.close().await;
}

/// Fills the hotspot form (the selects take their first choice).
async fn fill_hotspot(b: &Browser, issue: &str, people: &str, found: Day, deadline: Day) {
    b.type_into("#hs-issue", issue).await;
    b.type_into("#hs-place", "测试乡幸福小区").await;
    b.select_any("#hs-category").await;
    b.type_into("#hs-people", people).await;
    b.select_any("#hs-leader").await;
    b.select_any("#hs-unit").await;
    b.type_into("#hs-plan", "乡村两级联合调解").await;
    b.set_value("#hs-found-on", &found.iso()).await;
    b.set_value("#hs-deadline", &deadline.iso()).await;
}

/// Adds the hotspot filled in; returns its id number.
async fn add_hotspot(b: &Browser) -> String {
    let before = b.attr_of("#hs-saved", "data-hotspot").await;
    b.click("#hs-submit").await;
    let id = b
        .wait_for("the hotspot saved", || async {
            b.attr_of("#hs-saved", "data-hotspot").await.filter(|id| Some(id) != before.as_ref())
        })
        .await;
    id.trim_start_matches("RD").to_string()
}

#[tokio::test]
async fn hotspots_are_added_refused_edited_resolved_kept_and_printed() {
    let b = Browser::open().await;
    let today = today(&b).await;
    screening_page(&b).await;
    period(&b, &today.plus(-30).iso(), &today.iso()).await;

    // Refused: an empty issue, then a deadline before the day found.
    let rows = b.count("tr.hs-row").await;
    fill_hotspot(&b, "   ", "36", today.plus(-10), today.plus(20)).await;
    b.click("#hs-submit").await;
    b.wait_for_text_containing("#notice-text", "“矛盾纠纷（问题）”不能为空").await;
    b.type_into("#hs-issue", "测试东岗村土地承包续签纠纷").await;
    b.set_value("#hs-deadline", &today.plus(-12).iso()).await;
    b.click("#hs-submit").await;
    b.wait_for_text_containing("#notice-text", "“化解时限”不能早于“排查发现日期”").await;
    assert_eq!(b.count("tr.hs-row").await, rows, "nothing was added");

    // Added, past its deadline: marked overdue.
    b.set_value("#hs-deadline", &today.plus(-2).iso()).await;
    let id = add_hotspot(&b).await;
    let row = format!("tr.hs-row[data-hotspot='{id}']");
    b.wait_for_text_containing(&format!("{row} .hs-issue"), "测试东岗村土地承包续签纠纷").await;
    assert!(b.exists(&format!("{row}.overdue .hs-overdue-mark")).await);
    assert_eq!(b.attr_of(&row, "data-status").await.as_deref(), Some("unresolved"));
    b.select("#hs-filter", "overdue").await;
    b.wait_for("the overdue filter", || async { b.exists(&row).await.then_some(()) }).await;
    b.select("#hs-filter", "resolved").await;
    b.wait_for_absent(&row).await;
    b.select("#hs-filter", "").await;

    // Edited: 40 people, a later deadline: no longer overdue.
    b.click(&format!("{row} .hs-manage")).await;
    b.click("#hs-edit").await;
    b.wait_for("the edit form", || async {
        (b.attr_of("#hs-form", "data-editing").await.as_deref() == Some(id.as_str())).then_some(())
    })
    .await;
    assert_eq!(b.value_of("#hs-issue").await.as_deref(), Some("测试东岗村土地承包续签纠纷"));
    b.type_into("#hs-people", "40").await;
    b.set_value("#hs-deadline", &today.plus(30).iso()).await;
    b.click("#hs-submit").await;
    b.wait_for_text(&format!("{row} .hs-people"), "40").await;
    b.wait_for_absent(&format!("{row}.overdue")).await;

    // Statuses: 化解中; a resolution dated before the day found is refused;
    // resolved today.
    b.click(&format!("{row} .hs-manage")).await;
    b.click("#hs-set-resolving").await;
    b.wait_for("化解中", || async {
        (b.attr_of(&row, "data-status").await.as_deref() == Some("resolving")).then_some(())
    })
    .await;
    b.set_value("#hs-resolved-on", &today.plus(-11).iso()).await;
    b.click("#hs-resolve").await;
    b.wait_for_text_containing("#notice-text", "“化解日期”不能早于“排查发现日期”").await;
    assert_eq!(b.attr_of(&row, "data-status").await.as_deref(), Some("resolving"));
    b.set_value("#hs-resolved-on", &today.iso()).await;
    b.click("#hs-resolve").await;
    b.wait_for("已化解", || async {
        (b.attr_of(&row, "data-status").await.as_deref() == Some("resolved")).then_some(())
    })
    .await;

    // The period's resolution rate is the core's over the stored ledger.
    let work =
        stored(&b, REAL, |w| w.screening.hotspots().any(|h| h.status.resolved_on().is_some()))
            .await;
    let rate = work.screening.hotspot_resolution(
        NaiveDate::parse_from_str(&today.plus(-30).iso(), "%Y-%m-%d").unwrap(),
        NaiveDate::parse_from_str(&today.iso(), "%Y-%m-%d").unwrap(),
    );
    assert_eq!(rate, Rate::new(1, 1));
    let resolved = b.attr_of("#hs-resolution", "data-resolved").await.unwrap();
    let found = b.attr_of("#hs-resolution", "data-found").await.unwrap();
    assert_eq!((resolved, found), (rate.numerator.to_string(), rate.denominator.to_string()));

    // Kept over a reload.
    b.reload().await;
    screening_page(&b).await;
    b.wait_for_text_containing(&format!("{row} .hs-issue"), "测试东岗村土地承包续签纠纷").await;
    assert_eq!(b.attr_of(&row, "data-status").await.as_deref(), Some("resolved"));
    assert_eq!(b.text_of(&format!("{row} .hs-people")).await.as_deref(), Some("40"));

    // The printed ledger.
    b.click("#hs-print").await;
    b.wait_for("the printed ledger", || async {
        (b.attr_of("#page-work-print", "data-doc").await.as_deref() == Some("hotspots"))
            .then_some(())
    })
    .await;
    b.wait_for_text("#doc-title", "矛盾纠纷排查化解台账").await;
    let sheet = b.text_of("#doc-hotspots").await.unwrap();
    assert!(sheet.contains("测试东岗村土地承包续签纠纷"), "{sheet}");
    assert!(sheet.contains(&format!("已化解（{}）", today.zh())), "{sheet}");
    assert!(b.exists("#print-button").await);
    b.click("#print-back").await;
    b.wait_for("back on the page", || async { b.exists("#page-screening").await.then_some(()) })
        .await;
    b.close().await;
}

#[tokio::test]
async fn a_hotspot_links_a_case_by_number_and_becomes_a_new_case() {
    let b = Browser::open().await;
    let today = today(&b).await;
    // An existing case to link.
    let existing = register(&b, today, "测试已有案件").await;
    let number = b.text_of("#case-number").await.unwrap();

    screening_page(&b).await;
    fill_hotspot(&b, "测试小区供暖温度不达标", "12", today.plus(-3), today.plus(30)).await;
    let id = add_hotspot(&b).await;
    let row = format!("tr.hs-row[data-hotspot='{id}']");
    b.click(&format!("{row} .hs-manage")).await;

    // An unknown number is refused beside the field; the right one links.
    b.type_into("#hs-case", "XF1999-99999").await;
    b.click("#hs-case-add").await;
    b.wait_for_text_containing("#hs-case-error", "XF1999-99999").await;
    b.type_into("#hs-case", &number).await;
    b.click("#hs-case-add").await;
    let link = format!("{row} .hs-case a.case-link[data-case='{existing}']");
    b.wait_for("the case linked", || async { b.exists(&link).await.then_some(()) }).await;
    assert_eq!(b.text_of(&link).await.as_deref(), Some(number.as_str()));
    b.click("#hs-unlink").await;
    b.wait_for_absent(&link).await;

    // 「转为案件」: the registration form prefilled from the hotspot.
    b.click("#hs-register").await;
    b.wait_for_text_containing("#reg-from", &format!("RD{id}")).await;
    assert_eq!(b.value_of("#reg-summary").await.as_deref(), Some("测试小区供暖温度不达标"));
    assert_eq!(b.value_of("#reg-head-count").await.as_deref(), Some("12"));
    assert_eq!(b.value_of("#reg-channel").await.as_deref(), Some("visit"));
    let stored_hotspot = stored(&b, REAL, |w| w.screening.hotspots().count() == 1).await;
    let h = stored_hotspot.screening.hotspots().next().unwrap();
    assert_eq!(b.value_of("#reg-category").await, h.category.map(|c| c.get().to_string()));
    b.type_into("#reg-name-0", "测试信访人甲").await;
    b.select("#reg-purpose", "request").await;
    b.select_any("#reg-township").await;
    b.click("#reg-submit").await;
    b.wait_for("the new case", || async {
        b.attr_of("#page-case", "data-case").await.filter(|c| *c != existing.to_string())
    })
    .await;
    let created = b.attr_of("#page-case", "data-case").await.unwrap();

    // Back on the ledger the new case is linked; stored too.
    screening_page(&b).await;
    let link = format!("{row} .hs-case a.case-link[data-case='{created}']");
    b.wait_for("the new case linked", || async { b.exists(&link).await.then_some(()) }).await;
    let work = stored(&b, REAL, |w| w.screening.hotspots().any(|h| h.case.is_some())).await;
    let linked = work.screening.hotspots().next().unwrap().case.unwrap();
    assert_eq!(linked.get().to_string(), created);

    // The printed ledger names the case by number, never its petitioner.
    b.click("#hs-print").await;
    b.wait_for_text("#doc-title", "矛盾纠纷排查化解台账").await;
    let sheet = b.text_of("#doc-hotspots").await.unwrap();
    assert!(sheet.contains("测试小区供暖温度不达标"), "{sheet}");
    assert!(!sheet.contains("测试信访人甲"), "no petitioner on the ledger: {sheet}");
    b.close().await;
}

#[tokio::test]
async fn the_sandbox_years_figures_are_the_cores() {
    let b = sandbox().await;
    let today = today(&b).await;
    screening_page(&b).await;
    b.select("#scr-period", "year").await;
    let from = format!("{}-01-01", &today.iso()[..4]);
    b.wait_for("the year", || async {
        (b.attr_of("#scr-range", "data-from").await.as_deref() == Some(from.as_str())).then_some(())
    })
    .await;
    let work = stored(&b, SANDBOX, |_| true).await;
    let (f, t) = (
        NaiveDate::parse_from_str(&from, "%Y-%m-%d").unwrap(),
        NaiveDate::parse_from_str(&today.iso(), "%Y-%m-%d").unwrap(),
    );
    // The sandbox's offices share the sample county's organisation.
    let office = Office::new(Settings::sample_county());
    let overall = work.screening_coverage(&office.settings().org, f, t);
    assert!(overall.denominator > 0 && work.screening.hotspots().count() > 0, "sample screening");
    wait_rate(&b, "#scr-overall", overall).await;
    let all = work.screening.hotspots().count().to_string();
    assert_eq!(b.attr_of("#hs-count", "data-count").await, Some(all));
    // The rows add up to the overall rate.
    let mut sum = Rate::default();
    for scope in b.attrs_of("tr.scr-scope", "data-scope").await {
        sum = sum + rate_of(&b, &format!("tr.scr-scope[data-scope='{scope}']")).await;
    }
    assert_eq!(sum, overall);
    let resolution = work.screening.hotspot_resolution(f, t);
    assert_eq!(
        b.attr_of("#hs-resolution", "data-found").await,
        Some(resolution.denominator.to_string())
    );
    let overdue = work.screening.overdue_hotspots(t).count();
    assert_eq!(b.count("tr.hs-row.overdue").await, overdue);
    b.close().await;
}
