//! The office's record in `localStorage`: a registration survives a
//! reload; a damaged chunk is reported and never written over; a full
//! quota keeps the change in the tab and saves it all once space is freed;
//! two tabs of one browser both keep their changes; a huge damaged value is
//! reported in one line and the raw data can be downloaded as stored.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::harness::Browser;
use crate::register::register;

const HEAD: &str = "xinfang.office.head";
const CHUNK0: &str = "xinfang.office.log.0";

/// The stored head record.
async fn head(b: &Browser) -> Option<Value> {
    b.local_storage(HEAD).await.map(|text| serde_json::from_str(&text).expect("the head is JSON"))
}

/// Waits until the stored head counts `entries` entries.
async fn wait_for_entries(b: &Browser, entries: u64) -> Value {
    b.wait_for(&format!("{entries} entries to be stored"), || async {
        head(b).await.filter(|h| h["entries"] == json!(entries))
    })
    .await
}

/// The record's keys and values (`xinfang.office.*`).
async fn record(b: &Browser) -> BTreeMap<String, String> {
    let mut all = b.local_storage_all().await;
    all.retain(|k, _| k.starts_with("xinfang.office."));
    all
}

/// Opens a case by its id and returns the number it shows.
async fn case_number(b: &Browser, id: &str) -> String {
    b.go_to_hash(&format!("#/case/{id}")).await;
    b.wait_for(&format!("case {id}"), || async {
        let shown = b.attr_of("#page-case", "data-case").await?;
        if shown != id {
            return None;
        }
        b.text_of("#case-number").await.filter(|t| !t.is_empty())
    })
    .await
}

/// Fills `localStorage` with junk until a write fails (nearly nothing left).
async fn fill_storage(b: &Browser) -> u64 {
    let script = "let i = 0, size = 1 << 20;
        while (size >= 8) {
            try { localStorage.setItem('junk.' + i, 'x'.repeat(size)); i++; }
            catch (e) { size = size >> 1; }
        }
        return i;";
    b.script(script, vec![]).await.as_u64().unwrap_or(0)
}

async fn free_storage(b: &Browser) {
    let script = "Object.keys(localStorage).filter(k => k.startsWith('junk.'))
        .forEach(k => localStorage.removeItem(k));";
    b.script(script, vec![]).await;
}

#[tokio::test]
async fn a_registered_case_survives_a_reload() {
    let b = Browser::open().await;
    assert_eq!(head(&b).await, None, "opening the page writes no record");
    let (number, id) = register(&b, "张三", "", "反映某公司拖欠工资（保存测试）").await;
    let h = wait_for_entries(&b, 1).await;
    assert_eq!(h["format"], json!("xinfang-record"));
    assert_eq!(h["chunks"], json!(1));
    // The open chunk is plain JSON holding the registration.
    let chunk = b.local_storage(CHUNK0).await.expect("the first chunk");
    let chunk: Value = serde_json::from_str(&chunk).expect("the open chunk is JSON");
    assert_eq!(
        chunk["e"][0]["change"]["intake"]["summary"],
        json!("反映某公司拖欠工资（保存测试）")
    );
    assert_eq!(chunk["e"][0]["change"]["number"], json!(number));
    assert!(b.local_storage("xinfang.office.settings").await.is_some());
    // The preferences envelope is untouched by all this.
    assert_eq!(b.local_storage("xinfang").await, None);

    b.reload().await;
    assert_eq!(case_number(&b, &id).await, number);
    b.wait_for_text_containing("#case-timeline", "登记").await;
    let usage = b.attr_of("#storage-usage", "data-bytes").await.expect("usage");
    assert!(usage.parse::<u64>().unwrap() > 0);
    b.close().await;
}

#[tokio::test]
async fn a_damaged_chunk_is_reported_and_never_written_over() {
    let b = Browser::open().await;
    let (number, _) = register(&b, "李四", "", "反映小区物业乱收费").await;
    wait_for_entries(&b, 1).await;
    let broken = "{\"h\":\"00\",\"e\":[";
    b.set_local_storage(CHUNK0, broken).await;
    let damaged = record(&b).await;
    b.reload().await;
    b.wait_for_text_containing("#office-problem", "历史记录第0段损坏").await;
    b.wait_for_text_containing("#storage-problem", "原数据保持原样").await;

    // Working on goes on in the tab, but nothing is written over the data.
    let (_, _) = register(&b, "王五", "", "反映道路破损").await;
    b.wait_for_text_containing("#office-problem", "历史记录第0段损坏").await;
    assert_eq!(record(&b).await, damaged);
    b.reload().await;
    b.wait_for_text_containing("#office-problem", "历史记录第0段损坏").await;
    assert_eq!(record(&b).await, damaged);
    b.click("#lang-en").await;
    b.wait_for_text_containing("#office-problem", "part 0 of the history is damaged").await;

    // Work typed after the warning (the tab starts a new record meanwhile)…
    b.click("#lang-zh").await;
    let (typed_number, typed) = register(&b, "孙七", "", "警告后登记：反映路灯不亮").await;
    assert_eq!(typed_number, number, "the tab's new record numbers from 1 again");
    assert_eq!(record(&b).await, damaged, "not saved over the damaged record");

    // …is kept when the damaged record is set aside: every value of it,
    // byte for byte, under another prefix, and the tab's record saved in
    // its place.
    b.click("#office-set-aside").await;
    b.wait_for_absent("#office-problem").await;
    let all = b.local_storage_all().await;
    for (k, v) in &damaged {
        let moved = k.replacen("xinfang.office.", "xinfang.office-aside-1.", 1);
        assert_eq!(all.get(&moved), Some(v), "{moved}");
    }
    wait_for_entries(&b, 1).await;
    b.reload().await;
    assert!(!b.exists("#office-problem").await);
    assert_eq!(case_number(&b, &typed).await, typed_number, "typed after the warning, kept");
    let (next_number, _) = register(&b, "赵六", "", "反映噪音扰民").await;
    wait_for_entries(&b, 2).await;
    assert_ne!(next_number, typed_number);
    b.close().await;
}

#[tokio::test]
async fn a_full_quota_keeps_the_change_and_saves_it_all_when_space_is_freed() {
    let b = Browser::open().await;
    let (_, first) = register(&b, "张三", "", "第一件：拖欠工资").await;
    wait_for_entries(&b, 1).await;
    assert!(fill_storage(&b).await > 0);
    let before = record(&b).await;

    let (second_number, second) = register(&b, "李四", "", "第二件：空间已满时登记").await;
    b.wait_for_text_containing("#storage-problem", "本机存储空间已满").await;
    b.wait_for_text_containing("#storage-problem", "尚未保存").await;
    assert_eq!(record(&b).await, before, "nothing half-saved");
    assert_eq!(head(&b).await.unwrap()["entries"], json!(1));
    let warn = b.attr_of("#storage-usage", "class").await.unwrap_or_default();
    assert!(warn.contains("warn"), "usage above 80% is marked: {warn}");
    assert_eq!(b.attr_of("#storage-usage", "data-unsaved").await.as_deref(), Some("1"));
    // The change is there in the tab.
    assert_eq!(case_number(&b, &second).await, second_number);

    free_storage(&b).await;
    let (third_number, third) = register(&b, "王五", "", "第三件：释放空间后登记").await;
    wait_for_entries(&b, 3).await;
    b.wait_for_absent("#office-problem").await;
    assert_eq!(b.attr_of("#storage-usage", "data-unsaved").await.as_deref(), Some("0"));

    b.reload().await;
    assert_eq!(case_number(&b, &second).await, second_number);
    assert_eq!(case_number(&b, &third).await, third_number);
    assert!(!case_number(&b, &first).await.is_empty());
    b.close().await;
}

/// Writes `values` as the record (`xinfang.office.*`), removing its other
/// keys, from the current tab (which, as the writer, gets no `storage`
/// event: to it, the change is as if another tab's save had not reached it
/// yet).
async fn put_record(b: &Browser, values: &BTreeMap<String, String>) {
    let script = "const values = arguments[0];
        Object.keys(localStorage).filter(k => k.startsWith('xinfang.office.') && !(k in values))
            .forEach(k => localStorage.removeItem(k));
        // The head last, as the app writes it.
        Object.keys(values).filter(k => !k.endsWith('.head'))
            .forEach(k => localStorage.setItem(k, values[k]));
        Object.keys(values).filter(k => k.endsWith('.head'))
            .forEach(k => localStorage.setItem(k, values[k]));";
    b.script(script, vec![json!(values)]).await;
}

#[tokio::test]
async fn two_tabs_both_keep_their_changes() {
    let b = Browser::open().await;
    let one = b.current_tab().await;
    let (a_number, a_id) = register(&b, "张三", "", "甲标签页登记的第一件").await;
    wait_for_entries(&b, 1).await;
    let s1 = record(&b).await;
    let (b_number, b_id) = register(&b, "李四", "", "甲标签页登记的第二件").await;
    wait_for_entries(&b, 2).await;
    let s2 = record(&b).await;
    // Storage goes back to one case; tab one still knows it saved two.
    put_record(&b, &s1).await;

    // Tab two opens on one case, then tab one's second save lands in
    // storage without tab two having heard of it yet.
    let two = b.open_tab().await;
    assert_eq!(case_number(&b, &a_id).await, a_number);
    put_record(&b, &s2).await;

    // Tab two registers: case 2 is taken by now, so its registration is
    // redone on top of what tab one saved, becomes case 3, and its page
    // follows it there. Nothing is overwritten.
    register(&b, "王五", "", "乙标签页登记的案件").await;
    wait_for_entries(&b, 3).await;
    b.wait_for_text_containing("#notice-text", "另一个标签页刚保存了同一记录").await;
    b.wait_for("tab two's case to move to id 3", || async {
        (b.attr_of("#page-case", "data-case").await.as_deref() == Some("3")).then_some(())
    })
    .await;
    b.wait_for_text_containing("#page-case", "乙标签页登记的案件").await;
    let c_id = "3".to_owned();
    let c_number = case_number(&b, &c_id).await;
    assert_ne!(c_number, b_number);
    assert_eq!(case_number(&b, &b_id).await, b_number);
    let stored = record(&b).await;
    for (k, v) in &s2 {
        if k.ends_with(".log.0") || k.ends_with(".head") {
            continue; // the open chunk and the head grew
        }
        assert_eq!(stored.get(k), Some(v), "{k} kept");
    }

    // Tab one follows tab two's save without a reload (the `storage` event).
    b.switch_to(&one).await;
    assert_eq!(case_number(&b, &c_id).await, c_number);
    b.wait_for_text_containing("#page-case", "乙标签页登记的案件").await;

    // Both tabs, reloaded, show all three.
    for tab in [&one, &two] {
        b.switch_to(tab).await;
        b.reload().await;
        assert_eq!(case_number(&b, &a_id).await, a_number);
        assert_eq!(case_number(&b, &b_id).await, b_number);
        assert_eq!(case_number(&b, &c_id).await, c_number);
        b.wait_for_text_containing("#page-case", "乙标签页登记的案件").await;
    }
    b.close().await;
}

#[tokio::test]
async fn a_record_from_a_newer_version_is_refused_and_kept() {
    let b = Browser::open().await;
    register(&b, "张三", "", "反映拖欠工资").await;
    let h = wait_for_entries(&b, 1).await;
    let mut newer = h.clone();
    newer["version"] = json!(2);
    b.set_local_storage(HEAD, &newer.to_string()).await;
    let kept = record(&b).await;
    b.reload().await;
    b.wait_for_text_containing("#office-problem", "更新版本的软件写入（存储格式版本 2）").await;
    register(&b, "李四", "", "新版本数据打开时登记").await;
    b.wait_for_text_containing("#office-problem", "更新版本").await;
    assert_eq!(record(&b).await, kept);
    b.close().await;
}

#[tokio::test]
async fn a_damaged_settings_value_is_told_in_one_line_and_downloadable_raw() {
    let dir = std::env::temp_dir().join(format!("xinfang-raw-{}", std::process::id()));
    let b = Browser::open_with_downloads(&dir).await;
    register(&b, "李四", "", "反映小区物业乱收费").await;
    wait_for_entries(&b, 1).await;
    // The packed settings cut short: the inflater fails after producing
    // thousands of bytes (which a message once dumped in full).
    let settings = b.local_storage("xinfang.office.settings").await.expect("settings stored");
    assert!(settings.starts_with('Z'), "packed: {}", &settings[..20]);
    let cut: String = settings.chars().take(settings.chars().count() * 2 / 3).collect();
    b.set_local_storage("xinfang.office.settings", &cut).await;
    let damaged = record(&b).await;
    b.reload().await;
    b.wait_for_text_containing("#office-problem", "设置数据缺失或损坏").await;
    let text = b.text_of("#office-problem").await.unwrap_or_default();
    assert!(text.chars().count() < 600, "{} characters", text.chars().count());

    b.click("#office-download-raw").await;
    let bytes = b.wait_for_download(&dir, "信访记录原始数据-xinfang.office.json").await;
    let dump: Value = serde_json::from_slice(&bytes).expect("the raw dump is JSON");
    assert_eq!(dump["format"], "xinfang-raw-storage");
    let values = dump["values"].as_object().expect("values");
    assert_eq!(values.len(), damaged.len());
    for (k, v) in &damaged {
        assert_eq!(values[k].as_str(), Some(v.as_str()), "{k} as stored");
    }
    assert_eq!(record(&b).await, damaged, "nothing written over");
    b.close().await;
}

/// Moves the record's values under `from.` to `to.` in storage by script,
/// those whose key matches `only` (a page dying half-way through).
async fn move_keys(b: &Browser, from: &str, to: &str, only: &str) {
    b.script(
        "const [from, to, only] = arguments;
         for (const k of Object.keys(localStorage)) {
             if (k.startsWith(from + '.') && k.includes(only)) {
                 localStorage.setItem(to + k.slice(from.length), localStorage.getItem(k));
                 localStorage.removeItem(k);
             }
         }",
        vec![json!(from), json!(to), json!(only)],
    )
    .await;
}

#[tokio::test]
async fn a_set_aside_cut_short_is_finished_on_the_next_open() {
    let b = Browser::open().await;
    register(&b, "周八", "", "另存中断测试：反映排水沟堵塞").await;
    wait_for_entries(&b, 1).await;
    let before = record(&b).await;
    // The page died after writing the journal and moving the history.
    let journal = json!({"format": "xinfang-journal", "version": 1, "op": "set_aside",
                         "from": "xinfang.office", "to": "xinfang.office-aside-1"});
    b.set_local_storage("xinfang.journal", &journal.to_string()).await;
    move_keys(&b, "xinfang.office", "xinfang.office-aside-1", ".log.").await;
    b.reload().await;
    b.wait_for_text_containing("#notice-text", "现已完成").await;
    let all = b.local_storage_all().await;
    assert!(!all.contains_key("xinfang.journal"));
    for (k, v) in &before {
        let moved = k.replacen("xinfang.office.", "xinfang.office-aside-1.", 1);
        assert_eq!(all.get(&moved), Some(v), "{moved}: kept whole aside");
    }
    b.wait_for_text_containing("#asides .aside-record", "").await;
    b.close().await;
}

#[tokio::test]
async fn a_restore_cut_short_is_undone_on_the_next_open() {
    let b = Browser::open().await;
    let (number, id) = register(&b, "吴九", "", "恢复中断测试：反映农田灌溉用水").await;
    wait_for_entries(&b, 1).await;
    let before = record(&b).await;
    // The page died while writing the restored record: the old one was
    // aside, whole; of the new one only its settings were written.
    let journal = json!({"format": "xinfang-journal", "version": 1, "op": "replace",
                         "prefix": "xinfang.office", "aside": "xinfang.office-aside-1",
                         "phase": "writing"});
    b.set_local_storage("xinfang.journal", &journal.to_string()).await;
    move_keys(&b, "xinfang.office", "xinfang.office-aside-1", "").await;
    let settings = before.get("xinfang.office.settings").cloned().unwrap_or_default();
    b.set_local_storage("xinfang.office.settings", &settings).await;
    b.reload().await;
    b.wait_for_text_containing("#notice-text", "已撤销").await;
    assert_eq!(record(&b).await, before, "the old record is back, whole");
    assert!(!b.local_storage_all().await.keys().any(|k| k.contains("-aside-")));
    assert_eq!(case_number(&b, &id).await, number);
    b.close().await;
}

/// The page-info line of the case list (`第 1/3 页，共 120 件`).
async fn listed(b: &Browser) -> String {
    b.click("#nav-cases").await;
    b.wait_for("the case list", || async {
        b.text_of("#page-info").await.filter(|t| !t.is_empty())
    })
    .await
}

#[tokio::test]
async fn a_record_damaged_part_way_opens_read_only_up_to_the_damage() {
    // A stored record of a sample year (several chunks of 128 entries).
    let office = xinfang_web::persist::sandbox::sample_office(
        5,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        120,
    )
    .unwrap();
    let kv = xinfang_web::persist::kv::MemoryKv::default();
    let req = xinfang_web::persist::record::SaveRequest {
        prefix: "xinfang.office",
        office: &office,
        saved: None,
        settings_changed: true,
        sample: None,
    };
    xinfang_web::persist::record::save(&kv, req).unwrap();
    let values = kv.snapshot();
    let chunks = values.keys().filter(|k| k.starts_with("xinfang.office.log.")).count();
    assert!(chunks >= 4, "{chunks} chunks");
    let b = Browser::open().await;
    put_record(&b, &values).await;
    b.reload().await;
    let whole = listed(&b).await;
    assert!(whole.contains("共 120 件"), "{whole}");

    // Chunk 2 damaged: entries 1–256 read, the rest named as unread.
    b.set_local_storage("xinfang.office.log.2", "{\"h\":\"00\",\"e\":[").await;
    let damaged = record(&b).await;
    b.reload().await;
    b.wait_for_text_containing("#office-problem", "历史记录第2段损坏").await;
    let readable = b.wait_for_text_containing("#office-readable", "只读").await;
    assert!(readable.contains("第1至256条"), "{readable}");
    assert_eq!(b.attr_of("#office-readable", "data-read").await.as_deref(), Some("256"));
    let part = listed(&b).await;
    assert!(!part.contains("共 0 件") && !part.contains("共 120 件"), "{part}");

    // Read-only: a registration is not taken, and nothing is written.
    register_refused(&b).await;
    assert_eq!(record(&b).await, damaged);

    // Going on with the readable part: the original kept aside as stored.
    let label = b.text_of("#office-set-aside").await.unwrap_or_default();
    assert!(label.contains("以可读部分继续"), "{label}");
    b.click("#office-set-aside").await;
    b.wait_for_absent("#office-problem").await;
    let all = b.local_storage_all().await;
    for (k, v) in &damaged {
        let moved = k.replacen("xinfang.office.", "xinfang.office-aside-1.", 1);
        assert_eq!(all.get(&moved), Some(v), "{moved}");
    }
    wait_for_entries(&b, 256).await;
    b.reload().await;
    assert!(!b.exists("#office-problem").await);
    assert_eq!(listed(&b).await, part, "the readable part, now the record");
    let (_, _) = register(&b, "郑十", "", "只读部分继续后登记").await;
    wait_for_entries(&b, 257).await;
    b.close().await;
}

/// Tries to register a case on a read-only record: the notice says so.
async fn register_refused(b: &Browser) {
    crate::register::open_register(b).await;
    crate::register::fill(b, "只读测试", "", "只读时登记").await;
    b.click("#reg-submit").await;
    b.wait_for_text_containing("#notice-text", "只读").await;
}
