//! The 期限计算器 gives the statutory deadlines, in the official date style.

use crate::harness::Browser;

/// Sets the start date and waits for the deadline to read `expected`.
async fn expect_deadline(browser: &Browser, start: &str, expected: &str) {
    browser.set_value("#start-date", start).await;
    browser.wait_for_text("#deadline-date", expected).await;
}

#[tokio::test]
async fn sixty_calendar_days_from_2024_12_20() {
    let browser = Browser::open().await;
    browser.click("#nav-deadlines").await;

    // 60 days (办理答复) and calendar days are the defaults.
    browser.select("#period", "60").await;
    expect_deadline(&browser, "2024-12-20", "2025年2月18日（星期二）").await;
    assert_eq!(browser.attr_of("#deadline-date", "data-iso").await.as_deref(), Some("2025-02-18"));
    browser.wait_for_text("#deadline-first-day", "自2024年12月21日（星期六）起算。").await;
    assert!(!browser.exists("#deadline-note").await, "2025-02-18 is a working day: no note");

    browser.close().await;
}

#[tokio::test]
async fn a_period_ending_in_the_spring_festival_moves_to_2025_02_05() {
    let browser = Browser::open().await;
    browser.click("#nav-deadlines").await;

    // 2024-12-01 + 60 days = 2025-01-30, in the Spring Festival holiday
    // (1月28日至2月4日): the deadline is the next working day, 2月5日.
    expect_deadline(&browser, "2024-12-01", "2025年2月5日（星期三）").await;
    browser.wait_for_text_containing("#deadline-note", "2025年1月30日（星期四）").await;

    // A 15-day period (登记转送) from 2025-01-15 ends there too.
    browser.select("#period", "15").await;
    expect_deadline(&browser, "2025-01-15", "2025年2月5日（星期三）").await;
    browser.wait_for_text_containing("#deadline-note", "顺延至其后第一个工作日").await;

    browser.close().await;
}

#[tokio::test]
async fn working_days_skip_the_holiday_and_count_make_up_days() {
    let browser = Browser::open().await;
    browser.click("#nav-deadlines").await;

    // From Monday 2025-01-20, 15 working days: 21–24 Jan, Sunday 26 Jan
    // (调休上班), 27 Jan, 5–7 Feb, Saturday 8 Feb (调休上班), 10–14 Feb.
    browser.select("#period", "15").await;
    browser.click("#count-working").await;
    expect_deadline(&browser, "2025-01-20", "2025年2月14日（星期五）").await;
    browser.wait_for_text_containing("#deadline-working-note", "调休上班日计入").await;
    assert!(!browser.exists("#deadline-note").await);

    // Back to calendar days: 2025-01-20 + 15 = 2025-02-04, still in the
    // holiday, so 2025-02-05.
    browser.click("#count-calendar").await;
    browser.wait_for_text("#deadline-date", "2025年2月5日（星期三）").await;

    browser.close().await;
}

#[tokio::test]
async fn a_custom_number_of_days_and_english_dates() {
    let browser = Browser::open().await;
    browser.click("#nav-deadlines").await;

    browser.select("#period", "custom").await;
    browser.type_into("#custom-days", "0").await;
    browser.set_value("#start-date", "2025-03-03").await;
    browser.wait_for_text("#deadline-missing", "请输入 1 至 3650 之间的整数天数。").await;

    browser.type_into("#custom-days", "10").await;
    browser.wait_for_text("#deadline-date", "2025年3月13日（星期四）").await;

    browser.click("#lang-en").await;
    browser.wait_for_text("#deadline-date", "Thursday, 13 March 2025").await;
    browser.wait_for_text("#deadline-first-day", "Counting starts on Tuesday, 4 March 2025.").await;

    browser.close().await;
}
