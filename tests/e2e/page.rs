//! The page loads, shows the product name, and switches language.

use crate::harness::Browser;

#[tokio::test]
async fn the_page_loads_and_shows_the_product_name() {
    let browser = Browser::open().await;

    browser.wait_for_text("#app-name", "信访工作平台").await;
    browser.wait_for_text("#nav-dashboard", "工作台").await;
    assert!(browser.exists("#page-dashboard").await, "the dashboard is the home page");
    browser.click("#nav-deadlines").await;
    browser.wait_for_text("#calc-title", "期限计算器").await;
    browser.wait_for_text("#deadline-missing", "请选择起算日期。").await;
    assert!(browser.current_url().await.ends_with("#/deadlines"));
    assert_eq!(browser.title().await, "信访工作平台");
    assert_eq!(browser.document_lang().await.as_deref(), Some("zh-CN"));
    assert_eq!(browser.attr_of("#lang-zh", "aria-pressed").await.as_deref(), Some("true"));
    // Loading the page writes nothing.
    assert_eq!(browser.local_storage("xinfang").await, None);

    browser.close().await;
}

#[tokio::test]
async fn the_language_switch_relabels_the_page_and_is_remembered() {
    let browser = Browser::open().await;
    browser.wait_for_text("#app-name", "信访工作平台").await;
    browser.click("#nav-deadlines").await;

    browser.click("#lang-en").await;
    browser.wait_for_text("#app-name", "Petition Casework Platform").await;
    browser.wait_for_text("#calc-title", "Deadline calculator").await;
    browser.wait_for_text("#start-date-label", "Start date").await;
    browser.wait_for_text("#period-label", "Period").await;
    browser.wait_for_text("#day-count-label", "Counting").await;
    browser.wait_for_text("#deadline-label", "Deadline").await;
    browser.wait_for_text("#deadline-missing", "Pick a start date.").await;
    browser
        .wait_for_text("#period option[value='60']", "60 days (handle and reply in writing)")
        .await;
    assert_eq!(browser.attr_of("#lang-en", "aria-pressed").await.as_deref(), Some("true"));
    assert_eq!(browser.document_lang().await.as_deref(), Some("en"));
    assert_eq!(
        browser.local_storage("xinfang").await.as_deref(),
        Some(r#"{"version":1,"settings":{"lang":"en"}}"#)
    );

    browser.reload().await;
    browser.wait_for_text("#app-name", "Petition Casework Platform").await;
    browser.wait_for_text("#calc-title", "Deadline calculator").await;

    browser.click("#lang-zh").await;
    browser.wait_for_text("#app-name", "信访工作平台").await;
    browser.wait_for_text("#period-label", "期限").await;
    browser.reload().await;
    browser.wait_for_text("#app-name", "信访工作平台").await;
    browser.wait_for_text("#calc-title", "期限计算器").await;
    assert_eq!(
        browser.local_storage("xinfang").await.as_deref(),
        Some(r#"{"version":1,"settings":{"lang":"zh-CN"}}"#)
    );

    browser.close().await;
}
