//! The passphrase lock: a case registered in the real record, a passphrase
//! set (refused when short or mistyped), nothing of the case readable in
//! `localStorage`; a reload asks for the passphrase (a wrong one refused),
//! the right one opens the case; the sandbox is sealed too; a second tab
//! opens locked and, unlocked, its saves are read by the first; the
//! passphrase changed (the old one refused after a reload) and removed
//! (plain again, nothing lost). Prints the key derivation's time.

use std::collections::BTreeMap;

use crate::harness::Browser;
use crate::register::{register, ID_A};

const SUMMARY: &str = "加密测试：村道硬化款项去向不明";
const FIRST: &str = "第一个口令 correct horse";
const SECOND: &str = "第二个口令 battery staple";

/// The stored values of the record keys under `prefix`.
async fn record(b: &Browser, prefix: &str) -> BTreeMap<String, String> {
    let dot = format!("{prefix}.");
    b.local_storage_all().await.into_iter().filter(|(k, _)| k.starts_with(&dot)).collect()
}

/// Whether any stored value under `prefix` shows `text`.
async fn shows(b: &Browser, prefix: &str, text: &str) -> bool {
    record(b, prefix).await.values().any(|v| v.contains(text))
}

/// Every value under `prefix` is sealed (and there are at least `least`).
async fn all_sealed(b: &Browser, prefix: &str, least: usize) {
    let values = record(b, prefix).await;
    assert!(values.len() >= least, "{prefix}: {values:?}");
    for (k, v) in &values {
        assert!(v.starts_with("E1:"), "{k} is not sealed: {}", &v[..v.len().min(80)]);
    }
}

/// Opens the settings page's encryption section.
async fn open_settings(b: &Browser) {
    b.click("#nav-settings").await;
    b.wait_for("the encryption section", || async {
        b.exists("#settings-encryption").await.then_some(())
    })
    .await;
}

/// Unlocks the lock screen with `pass`, waiting for the app.
async fn unlock(b: &Browser, pass: &str) {
    b.type_into("#lock-passphrase", pass).await;
    b.click("#lock-open").await;
    b.wait_for("the app to open", || async {
        b.text_of("#app-name").await.filter(|t| !t.is_empty())
    })
    .await;
}

/// Tries `pass` on the lock screen and expects it refused.
async fn refused(b: &Browser, pass: &str) -> f64 {
    b.type_into("#lock-passphrase", pass).await;
    b.click("#lock-open").await;
    b.wait_for_text_containing("#lock-error", "口令不正确").await;
    assert!(b.exists("#lock-screen").await && !b.exists("#app-name").await);
    let ms = b.attr_of("#lock-screen", "data-kdf-ms").await.expect("the derivation's time");
    ms.parse().expect("milliseconds")
}

/// Waits for the lock screen after a reload.
async fn locked(b: &Browser) {
    b.reload_any().await;
    b.wait_for_text_containing("#lock-screen", "技术支持").await;
    assert!(!b.exists("#app-name").await, "nothing of the app before unlocking");
}

/// Waits for the section's outcome after a click and returns it.
async fn outcome(b: &Browser) -> String {
    b.wait_for("the encryption section's outcome", || async {
        if let Some(e) = b.text_of("#enc-error").await {
            panic!("refused: {e}");
        }
        b.text_of("#enc-message").await
    })
    .await
}

#[tokio::test]
async fn the_passphrase_lock_seals_the_store_and_opens_it() {
    let b = Browser::open().await;
    let (number, id) = register(&b, "张加密", ID_A, SUMMARY).await;
    // Stored plain before: the checks below can fail.
    assert!(shows(&b, "xinfang.office", SUMMARY).await);
    assert!(shows(&b, "xinfang.office", ID_A).await);
    assert!(!b.exists("#backup-plain-warning").await);

    // Setting a passphrase: too short, then mistyped, refused beside the field.
    open_settings(&b).await;
    assert_eq!(b.attr_of("#settings-encryption", "data-encrypted").await.as_deref(), Some("false"));
    b.type_into("#enc-new", "短口令").await;
    b.type_into("#enc-confirm", "短口令").await;
    b.click("#enc-set").await;
    b.wait_for_text_containing("#enc-new-error", "至少8个字符").await;
    b.set_value("#enc-new", FIRST).await;
    b.set_value("#enc-confirm", "another one entirely").await;
    b.click("#enc-set").await;
    b.wait_for_text_containing("#enc-confirm-error", "不一致").await;
    assert!(b.local_storage("xinfang.lock").await.is_none(), "nothing done yet");
    b.set_value("#enc-confirm", FIRST).await;
    b.click("#enc-set").await;
    assert!(outcome(&b).await.contains("已设置口令"));
    let set_ms = b.attr_of("#settings-encryption", "data-kdf-ms").await.unwrap_or_default();
    b.wait_for_text_containing("#backup-plain-warning", "不加密").await;

    // Nothing of the case is readable in storage; the lock holds no passphrase.
    all_sealed(&b, "xinfang.office", 2).await;
    assert!(!shows(&b, "xinfang.office", SUMMARY).await);
    assert!(!shows(&b, "xinfang.office", ID_A).await);
    assert!(!shows(&b, "xinfang.office", "张加密").await);
    let lock = b.local_storage("xinfang.lock").await.expect("the lock record");
    assert!(lock.contains("argon2id") && !lock.contains(FIRST) && !lock.contains("correct"));

    // A reload asks for it; a wrong one is refused, the right one opens the case.
    locked(&b).await;
    let wrong_ms = refused(&b, "not the passphrase").await;
    unlock(&b, FIRST).await;
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for_text("#page-case #case-number", &number).await;
    b.wait_for_text_containing("#page-case", SUMMARY).await;
    println!("Argon2id (64 MiB, t=3, p=1) in Chromium: set {set_ms} ms (derive + rewrite), unlock attempt {wrong_ms:.0} ms");

    // The sandbox is sealed too.
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#sandbox-banner", "培训沙盒").await;
    // Its head (the sample's parameters: the cases and the year's work
    // ledgers are regenerated, not stored).
    b.wait_for("the sandbox to be stored", || async {
        record(&b, "xinfang.sandbox").await.contains_key("xinfang.sandbox.head").then_some(())
    })
    .await;
    all_sealed(&b, "xinfang.sandbox", 1).await;
    b.click("#sandbox-leave").await;
    b.wait_for_absent("#sandbox-banner").await;

    // A second tab opens locked; unlocked, it registers a case, which the
    // first tab reads with its own session key.
    let one = b.current_tab().await;
    let _two = b.open_tab_any().await;
    assert!(b.exists("#lock-screen").await);
    unlock(&b, FIRST).await;
    let (second_number, _) = register(&b, "李二", "", "加密测试：第二个标签页登记").await;
    all_sealed(&b, "xinfang.office", 2).await;
    b.switch_to(&one).await;
    b.click("#nav-cases").await;
    b.wait_for_text_containing("#page-cases", &second_number).await;

    // Changing it asks the current one; afterwards the old one is refused.
    open_settings(&b).await;
    assert_eq!(b.attr_of("#settings-encryption", "data-encrypted").await.as_deref(), Some("true"));
    b.type_into("#enc-current", "not the passphrase").await;
    b.type_into("#enc-new", SECOND).await;
    b.type_into("#enc-confirm", SECOND).await;
    b.click("#enc-change").await;
    b.wait_for_text_containing("#enc-current-error", "当前口令不正确").await;
    b.set_value("#enc-current", FIRST).await;
    b.set_value("#enc-new", SECOND).await;
    b.set_value("#enc-confirm", SECOND).await;
    b.click("#enc-change").await;
    assert!(outcome(&b).await.contains("口令已更换"));
    all_sealed(&b, "xinfang.office", 2).await;
    locked(&b).await;
    refused(&b, FIRST).await;
    unlock(&b, SECOND).await;
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for_text_containing("#page-case", SUMMARY).await;

    // Removing it (asks the current one): no lock, plain, nothing lost.
    open_settings(&b).await;
    b.type_into("#enc-current", SECOND).await;
    b.click("#enc-remove").await;
    assert!(outcome(&b).await.contains("已取消加密"));
    assert!(b.local_storage("xinfang.lock").await.is_none());
    b.wait_for_absent("#backup-plain-warning").await;
    b.reload().await;
    assert!(!b.exists("#lock-screen").await);
    assert!(record(&b, "xinfang.office").await.values().all(|v| !v.starts_with("E1:")));
    assert!(shows(&b, "xinfang.office", SUMMARY).await);
    assert!(record(&b, "xinfang.sandbox").await.values().all(|v| !v.starts_with("E1:")));
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for_text("#page-case #case-number", &number).await;
    b.click("#nav-cases").await;
    b.wait_for_text_containing("#page-cases", &second_number).await;
    b.close().await;
}

/// Sets `pass` as the passphrase on the settings page (the record has a case).
async fn encrypt(b: &Browser, pass: &str) {
    open_settings(b).await;
    b.type_into("#enc-new", pass).await;
    b.type_into("#enc-confirm", pass).await;
    b.click("#enc-set").await;
    assert!(outcome(b).await.contains("已设置口令"));
    all_sealed(b, "xinfang.office", 2).await;
}

#[tokio::test]
async fn a_damaged_lock_record_is_told_as_damage_with_a_way_out() {
    // A changed salt: before the lock carried its own checksum this read
    // as a wrong passphrase, however right the passphrase was.
    let b = Browser::open().await;
    register(&b, "王锁损", "", SUMMARY).await;
    encrypt(&b, FIRST).await;
    let lock = b.local_storage("xinfang.lock").await.expect("the lock record");
    let salt_at = lock.find("\"salt\":\"").expect("a salt") + 8;
    let digit = &lock[salt_at..=salt_at];
    let other = if digit == "0" { "1" } else { "0" };
    let damaged = format!("{}{other}{}", &lock[..salt_at], &lock[salt_at + 1..]);
    b.set_local_storage("xinfang.lock", &damaged).await;
    let sealed = record(&b, "xinfang.office").await;

    locked(&b).await;
    b.type_into("#lock-passphrase", FIRST).await;
    b.click("#lock-open").await;
    let error = b.wait_for_text_containing("#lock-error", "xinfang.lock").await;
    assert!(error.contains("校验值不符") && !error.contains("口令不正确"), "{error}");
    assert!(b.exists("#lock-download-raw").await, "the raw data can be downloaded");
    assert_eq!(record(&b, "xinfang.office").await, sealed, "nothing changed");

    // The way out: everything kept aside as stored, an empty record starts.
    b.click("#lock-start-over").await;
    b.wait_for("the app to open", || async {
        b.text_of("#app-name").await.filter(|t| !t.is_empty())
    })
    .await;
    assert!(b.local_storage("xinfang.lock").await.is_none());
    let kept = b.local_storage_all().await;
    let aside: Vec<&String> = kept.keys().filter(|k| k.ends_with(".lock")).collect();
    assert_eq!(aside.len(), 1, "{:?}", kept.keys().collect::<Vec<_>>());
    let prefix = aside[0].trim_end_matches(".lock").to_string();
    assert_eq!(kept[aside[0]], damaged, "the damaged lock is kept beside its record");
    for (k, v) in &sealed {
        let moved = format!("{prefix}{}", &k["xinfang.office".len()..]);
        assert_eq!(kept.get(&moved), Some(v), "{k} kept as stored");
    }
    b.wait_for_text_containing("#asides .aside-record", "").await;
    // The empty record works and is saved plain.
    register(&b, "赵新起", "", "锁记录损坏后重新开始登记").await;
    b.reload().await;
    assert!(!b.exists("#lock-screen").await);
    b.click("#nav-cases").await;
    b.wait_for_text_containing("#page-cases", "锁记录损坏后重新开始登记").await;
    b.close().await;
}

#[tokio::test]
async fn a_deleted_lock_record_is_named_and_the_record_can_be_set_aside() {
    let b = Browser::open().await;
    register(&b, "钱删锁", "", SUMMARY).await;
    encrypt(&b, FIRST).await;
    let sealed = record(&b, "xinfang.office").await;
    b.script("localStorage.removeItem('xinfang.lock');", vec![]).await;
    b.reload_any().await;
    // No lock screen (nothing to unlock), but the record says why it
    // cannot be read, in one line, and offers the way out.
    let problem = b.wait_for_text_containing("#office-problem", "xinfang.lock").await;
    assert!(problem.contains("已不存在"), "{problem}");
    assert!(b.exists("#office-download-raw").await);
    assert_eq!(record(&b, "xinfang.office").await, sealed, "nothing changed");
    b.click("#office-set-aside").await;
    b.wait_for_absent("#office-problem").await;
    let kept = b.local_storage_all().await;
    let moved = sealed
        .values()
        .filter(|v| kept.iter().any(|(k, w)| k.contains("-aside-") && w == *v))
        .count();
    assert_eq!(moved, sealed.len(), "every sealed value kept as stored");
    register(&b, "孙重建", "", "删除锁记录后重新开始登记").await;
    b.close().await;
}
