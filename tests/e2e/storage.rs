//! Saved data that cannot be read is reported on the page, kept verbatim
//! (under its key and a backup key), and never overwritten unless the user
//! says so.

use crate::harness::Browser;

const KEY: &str = "xinfang";
const BACKUP_KEY: &str = "xinfang.backup";

#[tokio::test]
async fn corrupt_saved_data_is_reported_and_left_untouched() {
    let browser = Browser::open().await;
    let corrupt = "{\"version\": 1, \"settings\": {\"lang\": "; // cut short
    browser.set_local_storage(KEY, corrupt).await;
    browser.reload().await;

    browser.wait_for_text_containing("#storage-problem", "本机保存的数据无法读取").await;
    assert_eq!(browser.local_storage(KEY).await.as_deref(), Some(corrupt));
    assert_eq!(browser.local_storage(BACKUP_KEY).await.as_deref(), Some(corrupt));

    // Changing a setting works on the page but is not saved over the data.
    browser.click("#lang-en").await;
    browser.wait_for_text("#app-name", "Petition Casework Platform").await;
    browser.wait_for_text_containing("#storage-problem", "cannot be read").await;
    assert_eq!(browser.local_storage(KEY).await.as_deref(), Some(corrupt));

    // After a reload it is still there, still reported.
    browser.reload().await;
    browser.wait_for_text_containing("#storage-problem", "本机保存的数据无法读取").await;
    browser.wait_for_text("#app-name", "信访工作平台").await;
    assert_eq!(browser.local_storage(KEY).await.as_deref(), Some(corrupt));

    // Giving it up saves the current settings; the backup stays.
    browser.click("#storage-discard").await;
    browser.wait_for_absent("#storage-problem").await;
    browser
        .wait_for("the settings to be saved", || async {
            let saved = browser.local_storage(KEY).await;
            (saved.as_deref() == Some(r#"{"version":1,"settings":{"lang":"zh-CN"}}"#)).then_some(())
        })
        .await;
    assert_eq!(browser.local_storage(BACKUP_KEY).await.as_deref(), Some(corrupt));

    browser.close().await;
}

#[tokio::test]
async fn data_from_a_newer_version_is_not_overwritten() {
    let browser = Browser::open().await;
    let newer = r#"{"version":2,"settings":{"lang":"en","cases":[]}}"#;
    browser.set_local_storage(KEY, newer).await;
    browser.reload().await;

    browser.wait_for_text_containing("#storage-problem", "数据版本 2").await;
    browser.click("#lang-en").await;
    browser.wait_for_text_containing("#storage-problem", "data version 2").await;
    browser.reload().await;
    browser.wait_for_text_containing("#storage-problem", "数据版本 2").await;
    assert_eq!(browser.local_storage(KEY).await.as_deref(), Some(newer));
    assert_eq!(browser.local_storage(BACKUP_KEY).await.as_deref(), Some(newer));

    browser.close().await;
}
