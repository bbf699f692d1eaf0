//! Backup and restore (`#backup`): the sandbox's record downloaded as the
//! core's stored form, restored in a fresh browser into the real record
//! after a preview and a confirmation (the previous real record kept aside
//! byte for byte), still there after a reload; foreign, corrupt and newer
//! files refused with `#backup-error`, changing nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use xinfang_core::Office;

use crate::dashboard::list_total;
use crate::harness::Browser;
use crate::register::register;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xinfang-backup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the folder");
    dir
}

async fn keys_with(b: &Browser, prefix: &str) -> BTreeMap<String, String> {
    let mut all = b.local_storage_all().await;
    all.retain(|k, _| k.starts_with(prefix));
    all
}

async fn head(b: &Browser, key: &str) -> Option<Value> {
    b.local_storage(key).await.map(|text| serde_json::from_str(&text).expect("the head is JSON"))
}

/// The file name the download button announces, once it starts with `stem`.
async fn file_name(b: &Browser, stem: &str) -> String {
    b.wait_for("the backup's file name", || async {
        b.attr_of("#backup-download", "data-file-name").await.filter(|n| n.starts_with(stem))
    })
    .await
}

/// `<stem>_YYYY-MM-DD.json` for `day`.
fn check_name(name: &str, stem: &str, day: &str) {
    assert_eq!(name, format!("{stem}_{day}.json"));
    assert!(chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok(), "{day}");
}

/// A fresh browser with one case in the real record, saved; returns it and
/// the real record's keys.
async fn real_with_one_case(dir: Option<&Path>) -> (Browser, BTreeMap<String, String>) {
    let b = match dir {
        Some(dir) => Browser::open_with_downloads(dir).await,
        None => Browser::open().await,
    };
    register(&b, "张三", "", "正式记录中的案件").await;
    b.wait_for("the real record to be saved", || async {
        head(&b, "xinfang.office.head").await.filter(|h| h["entries"] == json!(1))
    })
    .await;
    let real = keys_with(&b, "xinfang.office").await;
    (b, real)
}

#[tokio::test]
async fn a_sandbox_backup_restores_into_the_real_record_keeping_the_old_one() {
    let dir = folder("sandbox");
    let b = Browser::open_with_downloads(&dir).await;
    b.click("#sandbox-enter").await;
    b.wait_for_text_containing("#dash-total", "3,000").await;
    let filled_on = b
        .wait_for("the sandbox head", || async { head(&b, "xinfang.sandbox.head").await })
        .await["sample"]["filled_on"]
        .as_str()
        .expect("the sample's day")
        .to_owned();
    let name = file_name(&b, "信访沙盒备份_").await;
    check_name(&name, "信访沙盒备份", &filled_on);
    b.click("#backup-download").await;
    let bytes = b.wait_for_download(&dir, &name).await;
    b.close().await;
    // The file holds the core's stored form, read back by the core itself;
    // its log holds the work ledgers too.
    let text = String::from_utf8(bytes).expect("UTF-8");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(file["format"], json!("xinfang-backup"));
    assert_eq!(file["office"]["format"], json!("xinfang-office"));
    assert_eq!(file["office"]["format_version"], json!(xinfang_core::office::FORMAT_VERSION));
    let office = Office::from_json(&file["office"].to_string()).expect("the core reads the backup");
    assert_eq!(office.cases().len(), 3_000);
    assert!(file.get("work").is_none(), "the ledgers are in the record's log");
    let work = office.work().clone();
    let path = dir.join(&name);

    // A fresh browser with a real record of its own (its downloads kept).
    let (b, real) = real_with_one_case(Some(&dir)).await;
    b.choose_file("#backup-restore", &path).await;
    let cases = b
        .wait_for("the preview", || async { b.attr_of("#backup-preview", "data-cases").await })
        .await;
    assert_eq!(cases, "3000");
    assert_eq!(b.attr_of("#backup-preview", "data-space").await.as_deref(), Some("real"));
    assert_eq!(
        b.attr_of("#backup-preview", "data-format-version").await,
        Some(xinfang_core::office::FORMAT_VERSION.to_string())
    );
    let summary = b.text_of("#backup-summary").await.unwrap_or_default();
    assert!(summary.contains("共3000件案件"), "{summary}");
    let first = office.cases().map(|c| c.intake().received_on).min().expect("cases");
    let last = office.cases().map(|c| c.intake().received_on).max().expect("cases");
    assert!(summary.contains(&format!("{first}至{last}")), "{summary}");
    assert!(b.text_of("#backup-target").await.unwrap_or_default().contains("正式数据"));
    let records = work.reception.rules().count()
        + work.reception.receptions().count()
        + work.ownership.iter().count()
        + work.screening.rounds().count()
        + work.screening.hotspots().count()
        + work.backlog.iter().count()
        + work.meetings.iter().count();
    assert!(records > 0, "the sandbox has sample work ledgers");
    assert_eq!(b.attr_of("#backup-preview", "data-work").await, Some(records.to_string()));
    assert!(summary.contains(&format!("工作台账{records}条记录")), "{summary}");
    // Nothing changes before the confirmation.
    assert_eq!(keys_with(&b, "xinfang.office").await, real);

    b.click("#backup-confirm").await;
    b.wait_for_absent("#backup-preview").await;
    b.wait_for_text_containing("#dash-total", "3,000").await;
    b.click("#nav-cases").await;
    assert_eq!(list_total(&b).await, 3_000);
    assert!(!b.exists("#sandbox-banner").await, "still the real record");
    // The previous real record is kept aside, byte for byte.
    let mut aside = keys_with(&b, "xinfang.office-aside-1.").await;
    let note = aside.remove("xinfang.office-aside-1.aside").expect("the day it was set aside");
    assert!(note.contains("\"at\""), "{note}");
    let renamed: BTreeMap<String, String> = real
        .iter()
        .map(|(k, v)| (k.replacen("xinfang.office", "xinfang.office-aside-1", 1), v.clone()))
        .collect();
    assert_eq!(aside, renamed);
    let h = b
        .wait_for("the restored record's head", || async {
            head(&b, "xinfang.office.head").await.filter(|h| h["entries"] != json!(1))
        })
        .await;
    assert_eq!(h["entries"], json!(office.log().len()));
    // The work ledgers came with the cases, in the one log.
    let restored = b.stored_record("xinfang.office").await.expect("the restored record");
    assert_eq!(*restored.work(), work);
    assert_eq!(b.local_storage("xinfang.office.work").await, None, "nothing beside the record");

    b.reload().await;
    b.click("#nav-dashboard").await;
    b.wait_for_text_containing("#dash-total", "3,000").await;
    b.click("#nav-cases").await;
    assert_eq!(list_total(&b).await, 3_000);
    assert!(!b.exists("#sandbox-banner").await);

    // The replaced record is listed in the footer with its size; it is
    // downloaded as stored, then removed after a confirming second click.
    let listed = b.text_of("#asides .aside-record").await.unwrap_or_default();
    assert!(listed.contains("1条历史记录") && listed.contains("MB"), "{listed}");
    b.click("#aside-download-1").await;
    let bytes = b.wait_for_download(&dir, "xinfang.office-aside-1.json").await;
    let dump: Value = serde_json::from_slice(&bytes).expect("JSON");
    for (k, v) in &renamed {
        assert_eq!(dump["values"][k].as_str(), Some(v.as_str()), "{k}");
    }
    b.click("#aside-remove-1").await;
    b.wait_for_text_containing("#aside-remove-1", "确认删除").await;
    assert!(!keys_with(&b, "xinfang.office-aside-1.").await.is_empty(), "not before confirming");
    b.click("#aside-remove-1").await;
    b.wait_for_absent("#asides").await;
    assert!(keys_with(&b, "xinfang.office-aside-1.").await.is_empty());
    assert_eq!(b.stored_record("xinfang.office").await.expect("the record").cases().len(), 3_000);
}

#[tokio::test]
async fn foreign_corrupt_and_newer_files_are_refused_and_change_nothing() {
    let dir = folder("refused");
    let (b, _) = real_with_one_case(Some(&dir)).await;
    let name = file_name(&b, "信访备份_").await;
    let day = name.trim_start_matches("信访备份_").trim_end_matches(".json").to_owned();
    check_name(&name, "信访备份", &day);
    b.click("#backup-download").await;
    let text = String::from_utf8(b.wait_for_download(&dir, &name).await).expect("UTF-8");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    let office = Office::from_json(&file["office"].to_string()).expect("a valid backup");
    assert_eq!(office.cases().len(), 1);
    // The download noted its checkpoint beside the record (`.heads`).
    let real = keys_with(&b, "xinfang.office").await;
    assert!(real.keys().any(|k| k.ends_with(".heads")), "{:?}", real.keys());

    let half = (0..=text.len() / 2).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let newer = text.replacen(
        &format!("\"format_version\":{}", xinfang_core::office::FORMAT_VERSION),
        "\"format_version\":99",
        1,
    );
    assert_ne!(newer, text);
    let files = [
        ("foreign.json", "{\"hello\":1}".to_owned(), "不是本系统的数据文件"),
        ("corrupt.json", text[..half].to_owned(), "JSON"),
        ("newer.json", newer, "99"),
    ];
    let before = b.local_storage_all().await;
    for (file, content, why) in files {
        let path = dir.join(file);
        std::fs::write(&path, content).expect("write the file");
        b.choose_file("#backup-restore", &path).await;
        let error = b.wait_for_text_containing("#backup-error", why).await;
        assert!(error.contains("当前记录未作任何改动"), "{file}: {error}");
        assert!(!b.exists("#backup-preview").await, "{file}");
        assert!(!b.exists("#backup-confirm").await, "{file}");
        assert_eq!(b.local_storage_all().await, before, "{file} changed storage");
    }
    assert_eq!(keys_with(&b, "xinfang.office").await, real);

    // A valid file, then withdrawn: nothing changes either.
    b.choose_file("#backup-restore", &dir.join(&name)).await;
    let cases = b
        .wait_for("the preview", || async { b.attr_of("#backup-preview", "data-cases").await })
        .await;
    assert_eq!(cases, "1");
    assert!(!b.exists("#backup-error").await);
    b.click("#backup-cancel").await;
    b.wait_for_absent("#backup-preview").await;
    assert_eq!(b.local_storage_all().await, before);
}

/// A township's record as a backup file written by the app's own writer.
fn township_file(dir: &Path, name: &str, office: &Office) -> PathBuf {
    let text = xinfang_web::persist::backup::write(office, None);
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the backup");
    path
}

/// Chooses `path` for restore/merge, names 河口乡 as its source and
/// previews the merge; returns `#merge-plan`'s (added, updated, unchanged).
async fn plan_merge(b: &Browser, path: &Path) -> (String, String, String) {
    b.choose_file("#backup-restore", path).await;
    b.wait_for("the preview", || async { b.exists("#backup-preview").await.then_some(()) }).await;
    let source =
        xinfang_core::Settings::sample_county().org.find_unit("河口乡").expect("a township").id();
    b.select("#merge-source", &source.get().to_string()).await;
    b.click("#merge-preview").await;
    let added = b
        .wait_for("the merge plan", || async { b.attr_of("#merge-plan", "data-added").await })
        .await;
    let updated = b.attr_of("#merge-plan", "data-updated").await.unwrap_or_default();
    let unchanged = b.attr_of("#merge-plan", "data-unchanged").await.unwrap_or_default();
    (added, updated, unchanged)
}

#[tokio::test]
async fn a_townships_backup_merges_once_and_a_later_one_adds_only_what_is_new() {
    let dir = folder("merge");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a day");
    let township = xinfang_web::persist::sandbox::sample_office(5, today, 120).expect("the sample");
    let first = township_file(&dir, "乡镇备份_1.json", &township);

    let (b, _) = real_with_one_case(None).await;
    let (added, updated, unchanged) = plan_merge(&b, &first).await;
    assert_eq!(
        (added, updated, unchanged),
        (township.cases().len().to_string(), "0".into(), "0".into())
    );
    let summary = b.text_of("#merge-summary").await.unwrap_or_default();
    assert!(summary.contains(&format!("将新增{}件", township.cases().len())), "{summary}");
    b.click("#merge-confirm").await;
    b.wait_for_absent("#backup-preview").await;
    b.wait_for_text_containing("#notice-text", "已合并").await;
    b.wait_for_text_containing("#dash-total", "121").await;

    // The first merged case (id 2: the record had one) says where it came from.
    let original = township.cases().next().expect("a case").number().to_owned();
    b.go_to_hash("#/case/2").await;
    b.wait_for_text_containing(
        "#case-timeline",
        &format!("由河口乡的记录合并（原编号{original}）"),
    )
    .await;

    // The same file again: nothing new, nothing to do.
    let (added, updated, unchanged) = plan_merge(&b, &first).await;
    assert_eq!((added, updated, unchanged), ("0".into(), "0".into(), "120".into()));
    assert_eq!(b.attr_of("#merge-confirm", "disabled").await.as_deref(), Some("true"));
    b.click("#backup-cancel").await;

    // A later backup of the township: one more case; only it is added.
    let mut later = township.clone();
    let intake = later.cases().next().expect("a case").intake().clone();
    let intake =
        xinfang_core::Intake {
            repeat_of: None, summary: "乡镇后来登记的事项".into(), ..intake
        };
    let now = today.and_hms_opt(18, 0, 0).expect("a time");
    later.execute(xinfang_core::Command::Register { intake }, now).expect("registered");
    let second = township_file(&dir, "乡镇备份_2.json", &later);
    let (added, _, unchanged) = plan_merge(&b, &second).await;
    assert_eq!((added.as_str(), unchanged.as_str()), ("1", "120"));
    b.click("#merge-confirm").await;
    b.wait_for_absent("#backup-preview").await;
    b.wait_for_text_containing("#dash-total", "122").await;
    b.reload().await;
    b.click("#nav-dashboard").await;
    b.wait_for_text_containing("#dash-total", "122").await;
    b.close().await;
}
