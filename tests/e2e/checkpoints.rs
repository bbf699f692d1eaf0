//! Checkpoints (issue 12 item 9): a backup's header carries the record's
//! checkpoint, shown beside the download (`#backup-checkpoint`) and noted in
//! the record's list (`xinfang.office.heads`); 设置 · 记录校验 verifies
//! that code (✔), a wrong one (✘) and garbage (the reason beside the
//! field); then an early event is changed in localStorage and the chain
//! recomputed as a forger would (chunk hash and head): the record still
//! opens, and `#chain-warning` names the exported checkpoint.

use std::path::PathBuf;

use serde_json::Value;
use xinfang_core::log::Entry;
use xinfang_core::{Event, Hash};

use crate::harness::Browser;
use crate::register::register;

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xinfang-checkpoints-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the folder");
    dir
}

async fn stored_json(b: &Browser, key: &str) -> Value {
    let text = b.local_storage(key).await.unwrap_or_else(|| panic!("{key} is stored"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{key} is JSON: {e}"))
}

/// Checks `typed` in 设置 · 记录校验 and returns the verdict's key and text.
async fn verify(b: &Browser, typed: &str) -> (String, String) {
    b.set_value("#checkpoint-code", typed).await;
    // Typing clears the previous answer.
    b.wait_for_absent("#checkpoint-result").await;
    b.click("#checkpoint-verify").await;
    let key = b
        .wait_for("the check's verdict", || async {
            b.attr_of("#checkpoint-result", "data-verdict").await
        })
        .await;
    let text = b.text_of("#checkpoint-result").await.unwrap_or_default();
    (key, text)
}

/// Rewrites the first event of the open chunk `xinfang.office.log.0` and
/// recomputes every hash after it, the chunk's and the head's, so the
/// chain verifies (what someone with the developer tools could do).
async fn forge_first_event(b: &Browser, from: &str, to: &str) {
    let text = b.local_storage("xinfang.office.log.0").await.expect("the open chunk");
    assert!(text.starts_with('{'), "the open chunk is plain JSON: {}", &text[..20.min(text.len())]);
    let mut chunk: Value = serde_json::from_str(&text).expect("the chunk is JSON");
    let events = chunk["e"].as_array_mut().expect("its events");
    let first = serde_json::to_string(&events[0]).expect("an event");
    assert!(first.contains(from), "the first event holds {from}: {first}");
    events[0] = serde_json::from_str(&first.replace(from, to)).expect("still JSON");
    let mut prev = Hash::GENESIS;
    for (seq, event) in events.iter().enumerate() {
        let event: Event = serde_json::from_value(event.clone()).expect("an event");
        prev = Entry::compute_hash(&prev, seq as u64, &event);
    }
    chunk["h"] = Value::String(prev.to_string());
    b.set_local_storage("xinfang.office.log.0", &chunk.to_string()).await;
    let mut head = stored_json(b, "xinfang.office.head").await;
    head["head"] = Value::String(prev.to_string());
    b.set_local_storage("xinfang.office.head", &head.to_string()).await;
}

#[tokio::test]
async fn an_exported_checkpoint_is_verified_and_a_rewritten_history_is_caught() {
    let dir = folder();
    let b = Browser::open_with_downloads(&dir).await;
    register(&b, "张三", "", "村道硬化工程款未结清").await;
    register(&b, "李四", "", "宅基地界址争议").await;
    b.wait_for("both cases saved", || async {
        let head = stored_json(&b, "xinfang.office.head").await;
        (head["entries"].as_u64() >= Some(2)).then_some(())
    })
    .await;

    // The backup: its header's code is the one shown and noted.
    let name = b.attr_of("#backup-download", "data-file-name").await.expect("a file name");
    b.click("#backup-download").await;
    let bytes = b.wait_for_download(&dir, &name).await;
    let file: Value = serde_json::from_slice(&bytes).expect("the backup is JSON");
    let code = file["checkpoint"]["code"].as_str().expect("the header's code").to_owned();
    let entries = file["checkpoint"]["entries"].as_u64().expect("its count");
    assert!(
        code.starts_with(&format!("{entries}-")) && code.len() == format!("{entries}-").len() + 8
    );
    let shown = b
        .wait_for("the exported code", || async {
            b.attr_of("#backup-checkpoint", "data-code").await
        })
        .await;
    assert_eq!(shown, code);
    let list = stored_json(&b, "xinfang.office.heads").await;
    assert_eq!(list["format"], "xinfang-heads");
    let last = list["heads"].as_array().and_then(|h| h.last()).expect("a noted point").clone();
    assert_eq!(last["what"], "backup");
    assert_eq!(last["hash"], file["checkpoint"]["hash"]);

    // 设置 · 记录校验: the list, the code typed back (✔), a wrong one (✘),
    // garbage (why it is not a code).
    b.go_to_hash("#/settings").await;
    b.wait_for_text_containing("#settings-checkpoints", "记录校验").await;
    let listed = b.attrs_of("#checkpoint-list .checkpoint-row", "data-code").await;
    assert!(listed.contains(&code), "{listed:?}");
    let passes = b.attrs_of("#checkpoint-list .checkpoint-row", "data-passes").await;
    assert!(passes.iter().all(|p| p == "true"), "{passes:?}");
    let typed = format!(" {} ", code.to_uppercase().replace('-', "－"));
    let (key, text) = verify(&b, &typed).await;
    assert_eq!(key, "ok", "{text}");
    assert!(text.contains('✔'), "{text}");
    let wrong = format!("{entries}-00000000");
    let (key, text) = verify(&b, &wrong).await;
    assert_eq!(key, "diverged", "{text}");
    assert!(text.contains('✘'), "{text}");
    let (key, text) = verify(&b, "不是校验码").await;
    assert_eq!(key, "error");
    assert!(text.contains("无法核对"), "{text}");
    assert!(!b.exists("#chain-warning").await, "no warning while the history holds");

    // A forger rewrites the first case's summary and recomputes the chain.
    forge_first_event(&b, "村道硬化工程款未结清", "村道硬化工程款已结清").await;
    b.reload().await;
    let warned = b
        .wait_for("the chain warning", || async {
            b.attrs_of("#chain-warning .chain-warning-point", "data-code")
                .await
                .into_iter()
                .find(|c| *c == code)
        })
        .await;
    assert_eq!(warned, code);
    let text = b.text_of("#chain-warning").await.unwrap_or_default();
    assert!(text.contains("下载备份") && text.contains("改动"), "{text}");
    // The record still opens and work goes on: the forged text is shown,
    // nothing was changed back or set aside.
    assert!(!b.exists("#office-set-aside").await);
    b.go_to_hash("#/settings").await;
    let (key, _) = verify(&b, &code).await;
    assert_eq!(key, "diverged");
    b.close().await;
}
