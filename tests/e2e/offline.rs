//! The single-file page (`dist/xinfang-offline.html`) works opened from
//! disk, with no web server: it renders, registers nothing on load, and
//! keeps the language choice in the browser's storage.

use crate::harness::{dist_dir, Browser};

#[tokio::test]
async fn the_single_file_page_works_from_disk() {
    let page = dist_dir().join("xinfang-offline.html");
    assert!(page.is_file(), "{} is missing: `cargo xtask dist` builds it", page.display());
    let page = page.canonicalize().expect("absolute path");
    let url = format!("file://{}", page.display());

    let browser = Browser::open().await;
    browser.open_url(&url).await;
    assert!(browser.current_url().await.starts_with("file://"));
    browser.wait_for_text("#app-name", "信访工作平台").await;
    assert_eq!(browser.title().await, "信访工作平台");
    // The styles are inlined too: the navigation is laid out as a flex row.
    assert_eq!(browser.computed_style(".main-nav", "display").await.as_deref(), Some("flex"));

    // It works as an app, storage included, from the file.
    browser.click("#lang-en").await;
    browser.wait_for_text("#app-name", "Petition Casework Platform").await;
    browser.reload().await;
    browser.wait_for_text("#app-name", "Petition Casework Platform").await;
    assert!(browser.current_url().await.starts_with("file://"));

    browser.close().await;
}
