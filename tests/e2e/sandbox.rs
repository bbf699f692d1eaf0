//! The training sandbox: filled with one click, clearly marked, stored
//! compactly under its own keys (the sample's parameters and only the
//! trainee's entries), reopened after a reload, reset after a
//! confirmation, and never touching the real record's keys.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::harness::Browser;
use crate::register::register;

const HEAD: &str = "xinfang.sandbox.head";

async fn head(b: &Browser, key: &str) -> Option<Value> {
    b.local_storage(key).await.map(|text| serde_json::from_str(&text).expect("the head is JSON"))
}

async fn keys_with(b: &Browser, prefix: &str) -> BTreeMap<String, String> {
    let mut all = b.local_storage_all().await;
    all.retain(|k, _| k.starts_with(prefix));
    all
}

#[tokio::test]
async fn the_sandbox_is_filled_marked_kept_reset_and_separate() {
    let b = Browser::open().await;
    // A real record to compare before and after.
    let (real_number, real_id) = register(&b, "张三", "", "正式记录中的案件").await;
    b.wait_for("the real record to be saved", || async {
        head(&b, "xinfang.office.head").await.filter(|h| h["entries"] == json!(1))
    })
    .await;
    let real = keys_with(&b, "xinfang.office").await;
    assert!(!b.exists("#sandbox-banner").await);

    // One click fills it: a year of sample cases, stored as parameters.
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    b.wait_for_text_containing("#sandbox-about", "3000").await;
    let h = b.wait_for("the sandbox head", || async { head(&b, HEAD).await }).await;
    assert_eq!(h["sample"]["seed"], json!(2026));
    assert_eq!(h["sample"]["cases_per_year"], json!(3000));
    let base = h["sample"]["entries"].as_u64().expect("base entries");
    assert!(base > 3000, "every sample case has at least one entry: {base}");
    assert_eq!(h["entries"], json!(base));
    // The cases and the year's work ledgers are regenerated from the
    // parameters, not stored: the generated part ends with the ledgers
    // taken into the log.
    assert_eq!(h["sample"]["work"], json!(true));
    let record = keys_with(&b, "xinfang.sandbox").await;
    let stored: usize = record.values().map(String::len).sum();
    assert!(stored < 2_000, "the sample is regenerated, not stored: {stored} chars");
    assert!(!record.contains_key("xinfang.sandbox.work"), "nothing beside the record");
    let sample = b.stored_record("xinfang.sandbox").await.expect("the sandbox loads");
    assert!(sample.work().reception.receptions().count() > 100, "the sample's work ledgers");
    assert_eq!(b.local_storage("xinfang.space").await.as_deref(), Some("sandbox"));
    // Sample case 1 exists (the real record has only one case, so the
    // sandbox's case 2 can only come from the sample).
    b.go_to_hash("#/case/2").await;
    b.wait_for("a sample case", || async {
        b.text_of("#page-case #case-number").await.filter(|t| !t.is_empty())
    })
    .await;

    // A trainee's registration is stored as the only chunk entry.
    let (number, id) = register(&b, "练习", "", "沙盒中的练习登记").await;
    b.wait_for("the trainee's entry to be stored", || async {
        head(&b, HEAD).await.filter(|h| h["entries"] == json!(base + 1))
    })
    .await;
    let chunk = b.local_storage("xinfang.sandbox.log.0").await.expect("the trainee's chunk");
    let chunk: Value = serde_json::from_str(&chunk).unwrap();
    assert_eq!(chunk["e"].as_array().map(Vec::len), Some(1));
    assert_eq!(chunk["e"][0]["change"]["intake"]["summary"], json!("沙盒中的练习登记"));

    // A reload reopens the sandbox with the trainee's case.
    b.reload().await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for_text("#page-case #case-number", &number).await;

    // Reset asks first; cancelling keeps everything.
    b.click("#sandbox-reset").await;
    b.click("#sandbox-reset-cancel").await;
    assert_eq!(head(&b, HEAD).await.unwrap()["entries"], json!(base + 1));
    b.click("#sandbox-reset").await;
    b.click("#sandbox-reset-confirm").await;
    b.wait_for("the reset sandbox", || async {
        head(&b, HEAD).await.filter(|h| h["entries"] == json!(base))
    })
    .await;
    b.wait_for_text_containing("#notice-text", "已重置").await;
    assert_eq!(b.local_storage("xinfang.sandbox.log.0").await, None);
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for("the trainee's case to be gone", || async {
        let shown = b.text_of("#page-case #case-number").await;
        (shown.as_deref() != Some(number.as_str())).then_some(())
    })
    .await;

    // Back to the real record: its keys never changed.
    b.click("#sandbox-leave").await;
    b.wait_for_absent("#sandbox-banner").await;
    assert_eq!(b.local_storage("xinfang.space").await.as_deref(), Some("real"));
    assert_eq!(keys_with(&b, "xinfang.office").await, real);
    b.reload().await;
    assert!(!b.exists("#sandbox-banner").await);
    b.go_to_hash(&format!("#/case/{real_id}")).await;
    b.wait_for_text("#page-case #case-number", &real_number).await;
    assert_eq!(keys_with(&b, "xinfang.office").await, real);

    // Entering again reopens the stored sandbox rather than filling anew.
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    assert_eq!(head(&b, HEAD).await.unwrap()["entries"], json!(base));
    b.close().await;
}

#[tokio::test]
async fn a_damaged_sandbox_is_reported_kept_and_reset_on_request() {
    let b = Browser::open().await;
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    let base = b.wait_for("the sandbox head", || async { head(&b, HEAD).await }).await["entries"]
        .as_u64()
        .unwrap();
    register(&b, "练习", "", "沙盒中的练习登记").await;
    b.wait_for("the trainee's entry to be stored", || async {
        head(&b, HEAD).await.filter(|h| h["entries"] == json!(base + 1))
    })
    .await;
    b.set_local_storage("xinfang.sandbox.log.0", "[damaged").await;
    let damaged = keys_with(&b, "xinfang.sandbox").await;

    b.reload().await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    b.wait_for_text_containing("#office-problem", "历史记录第0段损坏").await;
    b.wait_for_text_containing("#office-problem", "重置沙盒").await;
    assert!(!b.exists("#office-set-aside").await, "the sandbox is reset, not set aside");
    register(&b, "练习", "", "损坏后的练习登记").await;
    b.wait_for_text_containing("#office-problem", "历史记录第0段损坏").await;
    assert_eq!(keys_with(&b, "xinfang.sandbox").await, damaged, "never written over");

    b.click("#sandbox-reset").await;
    b.click("#sandbox-reset-confirm").await;
    b.wait_for_absent("#office-problem").await;
    b.wait_for("the fresh sandbox", || async {
        head(&b, HEAD).await.filter(|h| h["entries"] == json!(base))
    })
    .await;
    assert_eq!(b.local_storage("xinfang.sandbox.log.0").await, None);
    b.close().await;
}
