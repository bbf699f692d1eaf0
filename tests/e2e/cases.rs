//! 案件查询 on the training sandbox (3,000 sample cases ending today):
//! search by number and by a Chinese word, category filter with children,
//! sorting oldest first, paging, opening a case by its row, English labels.

use crate::dashboard::{list_total, sandbox, total_of};
use crate::harness::Browser;

/// A sandbox browser on the case list, unfiltered.
async fn list() -> Browser {
    let browser = sandbox().await;
    browser.click("#nav-cases").await;
    browser.wait_for_text("#page-info", "第 1/60 页，共 3,000 件").await;
    browser
}

/// The day before `YYYY-MM-DD`, as `YYYY-MM-DD`.
fn day_before(date: &str) -> String {
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let (mut y, mut m, mut d) = (parts[0], parts[1], parts[2]);
    if d > 1 {
        d -= 1;
    } else {
        if m > 1 {
            m -= 1;
        } else {
            m = 12;
            y -= 1;
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        d = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            [m as usize - 1];
    }
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn the_day_before() {
    assert_eq!(day_before("2025-03-01"), "2025-02-28");
    assert_eq!(day_before("2024-03-01"), "2024-02-29");
    assert_eq!(day_before("2025-01-01"), "2024-12-31");
    assert_eq!(day_before("2025-07-16"), "2025-07-15");
}

#[tokio::test]
async fn searching_a_case_number_finds_exactly_that_case() {
    let browser = list().await;
    let number = browser.text_of("tr.case-row td.number").await.unwrap();
    let id = browser.attr_of("tr.case-row", "data-case").await.unwrap();
    let number = number.trim().to_string();
    assert!(!number.is_empty());

    browser.type_into("#search", &number).await;
    browser.wait_for_text("#page-info", "第 1/1 页，共 1 件").await;
    assert_eq!(browser.attrs_of("tr.case-row", "data-case").await, vec![id]);
    assert_eq!(browser.text_of("tr.case-row td.number").await.unwrap().trim(), number);

    // Latin letters ignore case.
    browser.type_into("#search", &number.to_lowercase()).await;
    browser.wait_for_text("#page-info", "第 1/1 页，共 1 件").await;
    browser.close().await;
}

#[tokio::test]
async fn a_chinese_word_narrows_the_list_and_every_row_contains_it() {
    let browser = list().await;
    let word = "工资";
    browser.type_into("#search", word).await;
    let info = browser
        .wait_for("the search to narrow the list", || async {
            browser.text_of("#page-info").await.filter(|t| !t.contains("3,000"))
        })
        .await;
    let found = total_of(&info);
    assert!(found > 0 && found < 3_000, "{info}");
    let rows = browser.texts_of("tr.case-row").await;
    assert_eq!(rows.len(), found.min(50));
    for row in &rows {
        assert!(row.contains(word), "a row without {word}: {row}");
    }

    // Two words: both must occur, so no more cases than with one.
    browser.type_into("#search", &format!("{word} 村")).await;
    let info = browser
        .wait_for("the second word", || async {
            browser
                .text_of("#page-info")
                .await
                .filter(|t| total_of(t) != found || t.contains("第 1/1"))
        })
        .await;
    assert!(total_of(&info) <= found, "{info}");
    browser.close().await;
}

#[tokio::test]
async fn a_first_level_category_includes_its_children() {
    let browser = list().await;
    let top = "劳动和社会保障";
    browser.select_by_label("#filter-category", top).await;
    let info = browser
        .wait_for("the category filter", || async {
            browser.text_of("#page-info").await.filter(|t| !t.contains("3,000"))
        })
        .await;
    let n = total_of(&info);
    assert!(n > 0 && n < 3_000, "{info}");
    let paths = browser.texts_of("tr.case-row td.category").await;
    assert!(
        paths.iter().all(|p| p.trim() == top || p.starts_with(&format!("{top}/"))),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p.contains('/')), "children are included: {paths:?}");
    browser.close().await;
}

#[tokio::test]
async fn sorting_oldest_first_puts_the_earliest_received_date_first() {
    let browser = list().await;
    let newest = browser.attrs_of("tr.case-row", "data-received").await;
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "newest first by default: {newest:?}");

    browser.select("#sort", "oldest").await;
    let dates = browser
        .wait_for("the oldest first", || async {
            let d = browser.attrs_of("tr.case-row", "data-received").await;
            (d.first() != newest.first() && !d.is_empty()).then_some(d)
        })
        .await;
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let earliest = dates[0].clone();
    assert!(earliest < newest[newest.len() - 1]);

    // By a second route: nothing was received before that day.
    browser.set_value("#filter-to", &day_before(&earliest)).await;
    browser.wait_for_text("#page-info", "第 1/1 页，共 0 件").await;
    assert!(browser.exists("#case-empty").await);
    browser.set_value("#filter-to", &earliest).await;
    let info = browser
        .wait_for("cases of the first day", || async {
            browser.text_of("#page-info").await.filter(|t| !t.contains("共 0 件"))
        })
        .await;
    assert!(total_of(&info) >= 1);
    let first_day = browser.attrs_of("tr.case-row", "data-received").await;
    assert!(first_day.iter().all(|d| *d == earliest), "{first_day:?}");
    browser.close().await;
}

#[tokio::test]
async fn paging_moves_through_the_list() {
    let browser = list().await;
    assert_eq!(browser.attr_of("#page-prev", "disabled").await.as_deref(), Some("true"));
    let first = browser.attrs_of("tr.case-row", "data-case").await;
    assert_eq!(first.len(), 50);

    browser.click("#page-next").await;
    browser.wait_for_text("#page-info", "第 2/60 页，共 3,000 件").await;
    let second = browser.attrs_of("tr.case-row", "data-case").await;
    assert_eq!(second.len(), 50);
    assert!(second.iter().all(|id| !first.contains(id)), "page 2 shows other cases");

    browser.click("#page-prev").await;
    browser.wait_for_text("#page-info", "第 1/60 页，共 3,000 件").await;
    assert_eq!(browser.attrs_of("tr.case-row", "data-case").await, first);

    // A filter starts again at page 1.
    browser.click("#page-next").await;
    browser.wait_for_text_containing("#page-info", "第 2/60 页").await;
    browser.select("#filter-channel", "visit").await;
    browser.wait_for_text_containing("#page-info", "第 1/").await;
    browser.close().await;
}

#[tokio::test]
async fn clicking_a_row_opens_the_case() {
    let browser = list().await;
    let id = browser.attr_of("tr.case-row:nth-child(3)", "data-case").await.unwrap();
    browser.click("tr.case-row:nth-child(3) td.stage").await;
    browser
        .wait_for("the case page", || async { browser.exists("#page-case").await.then_some(()) })
        .await;
    let url = browser.current_url().await;
    assert!(url.ends_with(&format!("#/case/{id}")), "{url}");
    browser.close().await;
}

#[tokio::test]
async fn the_list_speaks_english() {
    let browser = list().await;
    browser.click("#lang-en").await;
    browser.wait_for_text("#cases-title", "Cases").await;
    browser.wait_for_text("#page-info", "Page 1 of 60, 3,000 cases").await;
    browser.wait_for_text("#page-next", "Next").await;
    browser.wait_for_text("#filter-overdue + span", "Overdue only").await;
    assert_eq!(list_total_en(&browser).await, 3_000);
    browser.close().await;
}

async fn list_total_en(browser: &Browser) -> usize {
    total_of(&browser.wait_for_text_containing("#page-info", "cases").await)
}

#[tokio::test]
async fn the_stage_and_unit_filters_combine() {
    let browser = list().await;
    let all = list_total(&browser).await;
    browser.select("#filter-stage", "handling").await;
    let info = browser
        .wait_for("the stage filter", || async {
            browser.text_of("#page-info").await.filter(|t| total_of(t) != all)
        })
        .await;
    let handling = total_of(&info);
    // The first township (the second group of units).
    let script = "const sel = document.querySelector('#filter-unit');
        const opt = sel.querySelector('optgroup:nth-of-type(2) option');
        sel.value = opt.value;
        sel.dispatchEvent(new Event('change', { bubbles: true }));
        return opt.textContent;";
    let unit = browser.script(script, vec![]).await.as_str().unwrap().trim().to_string();
    let info = browser
        .wait_for("the unit filter", || async {
            browser.text_of("#page-info").await.filter(|t| total_of(t) != handling)
        })
        .await;
    let n = total_of(&info);
    assert!(n > 0 && n < handling, "{info}");
    let units = browser.texts_of("tr.case-row td.unit").await;
    assert!(units.iter().all(|u| u.trim() == unit), "{unit}: {units:?}");
    let stages = browser.attrs_of("tr.case-row", "data-stage").await;
    assert!(stages.iter().all(|s| s == "handling"), "{stages:?}");
    browser.click("#filter-reset").await;
    browser.wait_for_text("#page-info", "第 1/60 页，共 3,000 件").await;
    browser.close().await;
}
