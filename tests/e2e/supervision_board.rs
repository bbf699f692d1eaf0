//! 督办 board on the training sandbox: the open notices add up to the
//! per-unit counts; the overdue filter keeps only overdue ones, each as many
//! days late as its respond-by day says; an item opens its case (which
//! offers to close it); a 督办 issued on a freshly registered case shows
//! under its unit, and once closed on the case page leaves the open board
//! and shows under “显示已办结” with its closing date; English labels.

use crate::dashboard::sandbox;
use crate::harness::Browser;
use crate::proceedings::{open, register, route, submit, today, value_of, Day};

/// Shows the board and waits until it has counted its items.
async fn board(browser: &Browser) -> usize {
    browser.click("#nav-supervision").await;
    total(browser).await
}

/// The number of items the board says it shows (`#sv-total[data-count]`).
async fn total(browser: &Browser) -> usize {
    let n = browser
        .wait_for("the board's total", || async {
            browser.attr_of("#page-supervision #sv-total", "data-count").await
        })
        .await;
    n.parse().expect("a count")
}

/// The sum of a numeric attribute over every element matching `css`.
async fn sum(browser: &Browser, css: &str, attr: &str) -> usize {
    browser
        .attrs_of(css, attr)
        .await
        .iter()
        .map(|v| v.parse::<usize>().unwrap_or_else(|_| panic!("{css}[{attr}] = {v:?}")))
        .sum()
}

/// A unit's count in `#sv-units` (`open`, `overdue`, `closed`); 0 when
/// the unit has no row.
async fn unit_count(browser: &Browser, unit: &str, what: &str) -> usize {
    browser
        .attr_of(&format!("#sv-units tr[data-unit='{unit}']"), &format!("data-{what}"))
        .await
        .map_or(0, |v| v.parse().expect("a count"))
}

/// Picks an option of a board filter and waits for the board to show
/// `expected` items.
async fn filter(browser: &Browser, css: &str, value: &str, expected: usize) {
    browser.select(css, value).await;
    browser
        .wait_for(&format!("{expected} items after {css} = {value}"), || async {
            (total(browser).await == expected && browser.count(".sv-item").await == expected)
                .then_some(())
        })
        .await;
}

/// `已超期 12 天` → 12.
fn days_in(text: &str) -> i64 {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no number in {text:?}"))
}

#[tokio::test]
async fn the_board_adds_up_filters_overdue_opens_cases_and_speaks_english() {
    let browser = sandbox().await;
    let today = today(&browser).await;
    let shown = board(&browser).await;

    // Every open notice, and only open ones, totalling the per-unit counts.
    let open = sum(&browser, "#sv-units tbody tr[data-unit]", "data-open").await;
    assert!(open > 0, "the sandbox has open notices");
    assert_eq!(shown, open, "the total equals the sum of the units' open counts");
    assert_eq!(browser.count(".sv-item").await, open);
    assert_eq!(browser.count(".sv-item.closed").await, 0, "closed ones are hidden");
    // Each unit's group holds as many items as its row counts.
    for unit in browser.attrs_of("#sv-units tbody tr[data-unit]", "data-unit").await {
        let group = format!(".sv-group[data-unit='{unit}'] .sv-item");
        assert_eq!(browser.count(&group).await, unit_count(&browser, &unit, "open").await);
    }
    let overdue = sum(&browser, "#sv-units tbody tr[data-unit]", "data-overdue").await;
    assert_eq!(browser.count(".sv-item.overdue").await, overdue);
    assert!(overdue > 0, "the sandbox has overdue notices");

    // Overdue only: each item is late by as many days as its respond-by day says.
    filter(&browser, "#sv-state", "overdue", overdue).await;
    assert_eq!(browser.count(".sv-item.overdue").await, overdue, "only .overdue items");
    let texts = browser.texts_of(".sv-item .sv-due").await;
    let bys = browser.attrs_of(".sv-item .sv-due", "data-by").await;
    assert_eq!(texts.len(), overdue);
    for (text, by) in texts.iter().zip(&bys) {
        assert!(text.starts_with("已超期"), "{text}");
        let late = days_in(text);
        assert!(late > 0, "{text}");
        assert_eq!(Day::parse(by).plus(late), today, "{text} for a respond-by day of {by}");
    }

    // One kind: exactly the items of that kind on the whole board.
    filter(&browser, "#sv-state", "all", open).await;
    let kinds = browser.texts_of(".sv-item .sv-kind").await;
    let phone = kinds.iter().filter(|k| *k == "电话督办").count();
    assert!(phone > 0 && phone < open, "{kinds:?}");
    filter(&browser, "#sv-kind", "phone", phone).await;
    let kinds = browser.texts_of(".sv-item .sv-kind").await;
    assert!(kinds.iter().all(|k| k == "电话督办"), "{kinds:?}");

    // English relabels the page.
    browser.click("#lang-en").await;
    browser.wait_for_text("#sv-title", "Supervision board").await;
    browser.wait_for_text_containing("#sv-units thead", "Closed this year").await;
    assert_eq!(browser.text_of("#sv-state option[value='overdue']").await.unwrap(), "Overdue");
    let kinds = browser.texts_of(".sv-item .sv-kind").await;
    assert!(kinds.iter().all(|k| k == "Supervision by phone"), "{kinds:?}");
    browser.wait_for_text_containing("#sv-total", "shown").await;
    let due = browser.texts_of(".sv-item .sv-due").await;
    assert!(
        due.iter().all(|t| t.contains("Overdue by")
            || t.contains("left")
            || t.contains("Due")
            || t.contains("No respond-by")),
        "{due:?}"
    );
    browser.click("#lang-zh").await;
    browser.wait_for_text("#sv-title", "督办").await;

    // An item opens its case, which offers to close the notice.
    let case = browser.attr_of(".sv-item", "data-case").await.expect("an item");
    let number = browser.text_of(".sv-item .sv-case-link").await.expect("its number");
    browser.click(".sv-item .sv-case-link").await;
    browser
        .wait_for("the item's case", || async {
            (browser.attr_of("#page-case", "data-case").await == Some(case.clone())).then_some(())
        })
        .await;
    browser.wait_for_text("#case-number", &number).await;
    assert!(browser.exists("#act-close-supervision").await, "an open notice can be closed");
    assert_eq!(
        browser.current_url().await.split('#').nth(1),
        Some(format!("/case/{case}").as_str())
    );

    browser.close().await;
}

#[tokio::test]
async fn a_notice_issued_on_a_new_case_shows_under_its_unit_until_closed() {
    let browser = sandbox().await;
    let today = today(&browser).await;
    let id = register(&browser, today, "反映小区冬季供暖温度不达标").await;
    route(&browser, "transfer", today).await;
    let number = browser.text_of("#case-number").await.expect("the case number");

    // 书面督办 to the proposed unit, respond within five days.
    open(&browser, "supervise").await;
    browser.select("#supervise-kind", "written").await;
    let mut unit = value_of(&browser, "#supervise-unit").await;
    if unit.is_empty() {
        unit = browser.select_any("#supervise-unit").await;
    }
    browser.type_into("#supervise-note", "请五日内报送供暖整改情况").await;
    browser.set_value("#supervise-respond-by", &today.plus(5).iso()).await;
    submit(&browser, "supervise").await;

    // On the board, under its unit.
    board(&browser).await;
    let open_before = unit_count(&browser, &unit, "open").await;
    let closed_before = unit_count(&browser, &unit, "closed").await;
    assert!(open_before >= 1);
    filter(&browser, "#sv-unit", &unit, open_before).await;
    let item = format!(".sv-item[data-case='{id}'][data-no='1']");
    assert!(browser.exists(&format!(".sv-group[data-unit='{unit}'] {item}")).await);
    assert_eq!(browser.text_of(&format!("{item} .sv-case-link")).await.unwrap(), number);
    assert_eq!(browser.text_of(&format!("{item} .sv-kind")).await.unwrap(), "书面督办");
    assert_eq!(browser.text_of(&format!("{item} .sv-due")).await.unwrap(), "还剩 5 天");
    assert!(!browser.exists(&format!("{item}.overdue")).await);
    let text = browser.text_of(&item).await.unwrap();
    assert!(text.contains("请五日内报送供暖整改情况"), "{text}");
    assert!(text.contains(&today.zh()) && text.contains(&today.plus(5).zh()), "{text}");
    assert_eq!(browser.count(&format!("{item} .sv-history li")).await, 1);
    assert!(browser
        .text_of(&format!("{item} .sv-history-issued"))
        .await
        .unwrap()
        .contains("下发书面督办"));

    // Closed on the case page.
    browser.click(&format!("{item} .sv-case-link")).await;
    browser.wait_for_text("#case-number", &number).await;
    open(&browser, "close-supervision").await;
    assert_eq!(value_of(&browser, "#close-supervision-no").await, "1");
    browser.type_into("#close-supervision-note", "供暖公司已完成管网整改，室温达标").await;
    submit(&browser, "close-supervision").await;

    // Gone from the open board, counted as closed this year.
    board(&browser).await;
    assert_eq!(unit_count(&browser, &unit, "open").await, open_before - 1);
    assert_eq!(unit_count(&browser, &unit, "closed").await, closed_before + 1);
    filter(&browser, "#sv-unit", &unit, open_before - 1).await;
    assert!(!browser.exists(&item).await, "no longer open");

    // Shown with the closed ones, with its closing date and response.
    browser.click("#sv-show-closed").await;
    browser
        .wait_for("the closed notice", || async {
            browser.exists(&format!("{item}.closed")).await.then_some(())
        })
        .await;
    assert_eq!(total(&browser).await, browser.count(".sv-item").await);
    let closed = format!("{item} .sv-closed");
    assert_eq!(browser.attr_of(&closed, "data-closed-on").await.unwrap(), today.iso());
    let text = browser.text_of(&closed).await.unwrap();
    assert!(text.contains(&today.zh()) && text.contains("室温达标"), "{text}");
    assert_eq!(browser.text_of(&format!("{item} .sv-due")).await.unwrap(), "已办结");
    assert_eq!(browser.count(&format!("{item} .sv-history li")).await, 2);
    let history = browser.text_of(&format!("{item} .sv-history-closed")).await.unwrap();
    assert!(history.contains(&today.zh()) && history.contains("办结"), "{history}");

    browser.close().await;
}
