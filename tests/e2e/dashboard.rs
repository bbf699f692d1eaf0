//! 工作台 on the training sandbox (3,000 sample cases ending today): the
//! stage counts agree with the case list, the stage links and the overdue
//! count agree with the list's filters, due items open their cases, the
//! indicators show value, numerator/denominator and met/missed, and the
//! page speaks English.

use crate::harness::Browser;

/// The stage keys, in lifecycle order (`Stage::ALL` in snake_case).
pub(crate) const STAGES: [&str; 11] = [
    "registered",
    "routed",
    "handling",
    "replied",
    "under_review",
    "reviewed",
    "under_re_review",
    "terminated",
    "declined",
    "directed",
    "archived",
];

/// A fresh browser in the training sandbox, on the dashboard.
pub(crate) async fn sandbox() -> Browser {
    let browser = Browser::open().await;
    browser.click("#sandbox-enter").await;
    browser.wait_for_absent("#sandbox-enter").await;
    assert!(browser.exists("#sandbox-banner").await);
    browser.wait_for_text_containing("#dash-total", "3,000").await;
    browser
}

/// `共 2,987 件` / `2,987 cases` in `#page-info` → 2987.
pub(crate) fn total_of(info: &str) -> usize {
    // The total is the last number in the text, with its thousands separators.
    let end =
        info.rfind(|c: char| c.is_ascii_digit()).unwrap_or_else(|| panic!("no total in {info:?}"));
    let start = info[..=end]
        .rfind(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(0, |i| i + info[i..].chars().next().map_or(1, char::len_utf8));
    info[start..=end].replace(',', "").parse().unwrap_or_else(|_| panic!("no total in {info:?}"))
}

/// The list's total once `#page-info` is shown.
pub(crate) async fn list_total(browser: &Browser) -> usize {
    let info = browser.wait_for_text_containing("#page-info", "件").await;
    total_of(&info)
}

async fn stage_count(browser: &Browser, key: &str) -> usize {
    let css = format!("#stage-counts [data-stage='{key}'] .stage-count");
    let text = browser.text_of(&css).await.unwrap_or_else(|| panic!("no {css}"));
    text.trim().parse().unwrap_or_else(|_| panic!("{css} reads {text:?}"))
}

#[test]
fn totals_are_read_from_the_page_info() {
    assert_eq!(total_of("第 1/60 页，共 2,987 件"), 2987);
    assert_eq!(total_of("Page 1 of 60, 2,987 cases"), 2987);
    assert_eq!(total_of("第 1/1 页，共 0 件"), 0);
}

#[tokio::test]
async fn the_stage_counts_add_up_to_the_lists_total() {
    let browser = sandbox().await;
    browser.wait_for_text("#dashboard-title", "工作台").await;
    let mut sum = 0;
    for key in STAGES {
        sum += stage_count(&browser, key).await;
    }
    assert_eq!(browser.count("#stage-counts [data-stage]").await, STAGES.len());

    browser.click("#nav-cases").await;
    browser
        .wait_for("the case list", || async { browser.exists("#page-cases").await.then_some(()) })
        .await;
    let total = list_total(&browser).await;
    assert_eq!(sum, total, "the stage counts add up to the list's total");
    assert_eq!(total, 3_000, "the sandbox holds a year of 3,000 cases");
    assert_eq!(browser.count("tr.case-row").await, 50, "one page of 50 rows");
    browser.close().await;
}

#[tokio::test]
async fn a_stage_link_opens_the_list_filtered_to_that_stage() {
    let browser = sandbox().await;
    // A stage that narrows the list to something.
    let mut chosen = None;
    for key in ["handling", "declined", "reviewed", "replied"] {
        let n = stage_count(&browser, key).await;
        if n > 0 && n < 3_000 {
            chosen = Some((key, n));
            break;
        }
    }
    let (key, count) = chosen.expect("a stage with some cases");
    let label =
        browser.text_of(&format!("#stage-counts [data-stage='{key}'] .stage-name")).await.unwrap();

    browser.click(&format!("#stage-counts [data-stage='{key}']")).await;
    browser
        .wait_for("the case list", || async { browser.exists("#page-cases").await.then_some(()) })
        .await;
    assert!(browser.current_url().await.ends_with("#/cases"));
    assert_eq!(browser.value_of("#filter-stage").await.as_deref(), Some(key));
    assert_eq!(list_total(&browser).await, count, "the list's total is the count shown");
    let stages = browser.attrs_of("tr.case-row", "data-stage").await;
    assert_eq!(stages.len(), count.min(50));
    assert!(stages.iter().all(|s| s == key), "{stages:?}");
    let labels = browser.texts_of("tr.case-row td.stage").await;
    assert!(labels.iter().all(|l| l.trim() == label.trim()), "{labels:?} vs {label}");

    // The preset is used once: the list opened from the menu is unfiltered.
    browser.click("#nav-dashboard").await;
    browser.wait_for_text("#dashboard-title", "工作台").await;
    browser.click("#nav-cases").await;
    browser.wait_for_text_containing("#page-info", "共 3,000 件").await;
    assert_eq!(browser.value_of("#filter-stage").await.as_deref(), Some(""));
    browser.close().await;
}

#[tokio::test]
async fn the_overdue_count_is_the_lists_overdue_filter_and_items_open_their_case() {
    let browser = sandbox().await;
    let overdue: usize = browser.text_of("#overdue-count").await.unwrap().trim().parse().unwrap();
    assert!(overdue > 0, "the sample has late cases");
    let shown = browser.attrs_of("#overdue .due-item", "data-case").await;
    assert!(!shown.is_empty() && shown.len() <= overdue);
    // Every due item is in one of the three lists, grouped by unit.
    assert!(browser.count("#overdue .due-group h4").await >= 1);
    assert!(browser.exists("#due-today").await && browser.exists("#due-week").await);

    browser.click("#nav-cases").await;
    browser.wait_for_text_containing("#page-info", "共 3,000 件").await;
    browser.click("#filter-overdue").await;
    let info = browser
        .wait_for("the overdue filter", || async {
            browser.text_of("#page-info").await.filter(|t| !t.contains("3,000"))
        })
        .await;
    assert_eq!(total_of(&info), overdue, "the overdue filter counts what the dashboard counts");
    let rows = browser.attrs_of("tr.case-row", "data-case").await;
    let marked = browser.count("tr.case-row td.due.overdue").await;
    assert_eq!(marked, rows.len(), "every row is marked overdue");
    if overdue <= 50 {
        for id in &shown {
            assert!(rows.contains(id), "dashboard item {id} is in the list {rows:?}");
        }
    }

    // A due item opens its case.
    browser.click("#nav-dashboard").await;
    let first = browser.attr_of("#overdue .due-item", "data-case").await.unwrap();
    browser.click("#overdue .due-item a").await;
    browser
        .wait_for("the case page", || async { browser.exists("#page-case").await.then_some(()) })
        .await;
    assert!(browser.current_url().await.ends_with(&format!("#/case/{first}")));
    browser.close().await;
}

#[tokio::test]
async fn the_indicators_show_value_fraction_and_status() {
    let browser = sandbox().await;
    let rows = browser.attrs_of("#indicators tr[data-indicator]", "data-indicator").await;
    assert_eq!(rows.len(), 13, "{rows:?}");
    for key in ["timely_acceptance", "on_time_reply", "satisfaction", "green_post"] {
        assert!(rows.iter().any(|r| r == key), "{key}");
    }
    // The month's cell decides the row's class; every cell shows num/den.
    let classes = browser.attrs_of("#indicators tr[data-indicator]", "class").await;
    let cells = browser.attrs_of("#indicators td[data-period='month']", "class").await;
    assert_eq!(classes.len(), cells.len());
    for (row, cell) in classes.iter().zip(&cells) {
        let status =
            ["met", "missed", "no-target"].into_iter().find(|s| cell.split(' ').any(|c| c == *s));
        assert!(status.is_some_and(|s| row.split(' ').any(|c| c == s)), "{row} / {cell}");
    }
    let fracs = browser.texts_of("#indicators td[data-period] .ind-frac").await;
    assert_eq!(fracs.len(), 26);
    let statuses = browser.texts_of("#indicators td[data-period] .ind-status").await;
    let cell_classes = browser.attrs_of("#indicators td[data-period]", "class").await;
    for ((frac, status), class) in fracs.iter().zip(&statuses).zip(&cell_classes) {
        let (num, den) = frac.split_once('/').unwrap_or_else(|| panic!("{frac}"));
        let (num, den): (u64, u64) = (num.trim().parse().unwrap(), den.trim().parse().unwrap());
        assert!(num <= den || frac.is_empty(), "{frac}");
        let met = class.split(' ').any(|c| c == "met");
        let missed = class.split(' ').any(|c| c == "missed");
        assert_eq!(met, status.trim() == "达标", "{class} {status}");
        assert_eq!(missed, status.trim() == "未达标", "{class} {status}");
        if den == 0 {
            assert!(!met && !missed, "nothing to judge: {frac} {class}");
        }
    }
    // The year to date holds at least the month.
    let month = browser.texts_of("#indicators td[data-period='month'] .ind-frac").await;
    let ytd = browser.texts_of("#indicators td[data-period='ytd'] .ind-frac").await;
    for (kind, (m, y)) in rows.iter().zip(month.iter().zip(&ytd)) {
        if kind == "three_no_townships" {
            continue; // a share of townships, not a count of cases
        }
        let den = |f: &str| f.split_once('/').unwrap().1.trim().parse::<u64>().unwrap();
        assert!(den(m) <= den(y), "{kind}: month {m} within the year {y}");
    }
    browser.close().await;
}

#[tokio::test]
async fn the_dashboard_speaks_english() {
    let browser = sandbox().await;
    browser.click("#lang-en").await;
    browser.wait_for_text("#dashboard-title", "Dashboard").await;
    browser
        .wait_for_text("#stage-counts [data-stage='handling'] .stage-name", "Being handled")
        .await;
    browser.wait_for_text_containing("#dash-summary", "Overdue:").await;
    browser.wait_for_text_containing("#indicators", "Replies on time").await;
    browser.click("#nav-cases").await;
    browser.wait_for_text("#cases-title", "Cases").await;
    browser.wait_for_text("#page-info", "Page 1 of 60, 3,000 cases").await;
    browser.close().await;
}
