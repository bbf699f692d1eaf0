//! The work ledgers live in the record's log: ledgers an earlier version
//! stored beside the record (`<prefix>.work`) are taken into the log once
//! and the old value removed; unreadable or newer old values are kept as
//! they are and reported while work goes on; two tabs recording receptions
//! both keep theirs (the record's one merge path); a full quota keeps the
//! change in the tab and saves it once space is freed; the sandbox's sample
//! ledgers are part of its regenerated record.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::reception::{Reception, ReceptionKind};
use xinfang_core::{Organisation, WorkLedgers};

use crate::harness::Browser;
use crate::reception::reception_page;

const RECORD: &str = "xinfang.office";
const OLD: &str = "xinfang.office.work";

/// The stored record's ledgers and log length.
async fn stored(b: &Browser) -> Option<(WorkLedgers, usize)> {
    let office = b.stored_record(RECORD).await?;
    Some((office.work().clone(), office.log().len()))
}

/// Waits until the stored record holds `n` receptions and returns its
/// ledgers.
async fn wait_for_receptions(b: &Browser, n: usize) -> WorkLedgers {
    b.wait_for(&format!("{n} receptions to be stored"), || async {
        stored(b).await.map(|(w, _)| w).filter(|w| w.reception.receptions().count() == n)
    })
    .await
}

/// Records a reception today with `matter`, on the reception page.
async fn record(b: &Browser, matter: &str) {
    reception_page(b).await;
    b.click("#reception-new").await;
    b.select_any("#reception-leader").await;
    b.type_into("#reception-place", "县群众服务大厅").await;
    b.type_into("#reception-head-count", "2").await;
    b.type_into("#reception-matters", matter).await;
    b.click("#reception-submit").await;
    b.wait_for_absent("#reception-form").await;
    b.wait_for_text_containing("#reception-list", matter).await;
}

/// The matters of the receptions.
fn matters(work: &WorkLedgers) -> Vec<String> {
    work.reception.receptions().flat_map(|r| r.matters.clone()).collect()
}

/// The record's keys and values as stored now.
async fn record_keys(b: &Browser) -> BTreeMap<String, String> {
    let mut all = b.local_storage_all().await;
    all.retain(|k, _| k.starts_with("xinfang.office."));
    all
}

/// Writes a record's keys back, the head last (as a save does).
async fn put_record(b: &Browser, keys: &BTreeMap<String, String>) {
    let head = format!("{RECORD}.head");
    for (k, v) in keys.iter().filter(|(k, _)| **k != head) {
        b.set_local_storage(k, v).await;
    }
    b.set_local_storage(&head, &keys[&head]).await;
}

/// Fills `localStorage` with junk until a write fails (nearly nothing left).
async fn fill_storage(b: &Browser) {
    let script = "let i = 0, size = 1 << 20;
        while (size >= 8) {
            try { localStorage.setItem('junk.' + i, 'x'.repeat(size)); i++; }
            catch (e) { size = size >> 1; }
        }
        return i;";
    b.script(script, vec![]).await;
}

async fn free_storage(b: &Browser) {
    let script = "Object.keys(localStorage).filter(k => k.startsWith('junk.'))
        .forEach(k => localStorage.removeItem(k));";
    b.script(script, vec![]).await;
}

/// Ledgers as an earlier version kept them: one reception on 2026-03-16.
fn old_ledgers() -> WorkLedgers {
    let leader = Organisation::sample_county().people().next().expect("a person").id();
    let day = NaiveDate::from_ymd_opt(2026, 3, 16).expect("a day");
    let mut reception = Reception::new(leader, day, "县群众服务大厅", ReceptionKind::RotaDay);
    reception.head_count = 3;
    reception.matters = vec!["旧版本记录的接访".into()];
    let mut work = WorkLedgers::default();
    work.change(WorkChange::RecordReception(reception)).expect("a valid reception");
    work
}

#[tokio::test]
async fn old_ledgers_beside_the_record_are_taken_into_its_log_once() {
    let b = Browser::open().await;
    let old = old_ledgers();
    b.set_local_storage(OLD, &xinfang_web::persist::work::envelope_text(&old, 5)).await;
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "旧版本记录的接访").await;
    // Saved into the record's log as one event; the old value removed.
    let (work, entries) = b
        .wait_for("the adoption to be saved", || async {
            if b.local_storage(OLD).await.is_some() {
                return None;
            }
            stored(&b).await
        })
        .await;
    assert_eq!((work, entries), (old.clone(), 1));
    assert!(!b.exists("#work-problem").await);

    // Opening again takes nothing in twice.
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "旧版本记录的接访").await;
    record(&b, "升级后的接访").await;
    let work = wait_for_receptions(&b, 2).await;
    assert_eq!(matters(&work), ["旧版本记录的接访", "升级后的接访"].map(String::from));
    assert_eq!(stored(&b).await.map(|(_, n)| n), Some(2), "one adoption, one reception");
    b.close().await;
}

#[tokio::test]
async fn unreadable_old_ledgers_are_kept_and_work_goes_on_in_the_record() {
    let b = Browser::open().await;
    let broken = "{\"format\":\"xinfang-work\",\"version\":1,\"rev\":3,\"ledgers\":{\"backlog\":[";
    b.set_local_storage(OLD, broken).await;
    b.reload().await;
    let text = b.wait_for_text_containing("#work-problem-text", "无法读取").await;
    assert!(text.contains("原样保留"), "{text}");

    // Work goes on in the record; nothing is written over the old text.
    record(&b, "旧台账损坏期间的接访").await;
    let work = wait_for_receptions(&b, 1).await;
    assert_eq!(matters(&work), vec!["旧台账损坏期间的接访".to_owned()]);
    assert_eq!(b.local_storage(OLD).await.as_deref(), Some(broken));

    b.click("#work-set-aside").await;
    b.wait_for_absent("#work-problem").await;
    b.wait_for_text_containing("#notice-text", "原样移至").await;
    assert_eq!(b.local_storage(&format!("{OLD}-aside-1")).await.as_deref(), Some(broken));
    assert_eq!(b.local_storage(OLD).await, None);

    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "旧台账损坏期间的接访").await;
    assert!(!b.exists("#work-problem").await);
    b.close().await;
}

#[tokio::test]
async fn old_ledgers_from_a_newer_version_are_refused_and_kept() {
    let b = Browser::open().await;
    let newer = "{\"format\":\"xinfang-work\",\"version\":7,\"rev\":1,\"ledgers\":{}}";
    b.set_local_storage(OLD, newer).await;
    b.reload().await;
    let text = b.wait_for_text_containing("#work-problem-text", "更新版本").await;
    assert!(text.contains('7'), "{text}");
    record(&b, "新版本台账期间的接访").await;
    wait_for_receptions(&b, 1).await;
    assert_eq!(b.local_storage(OLD).await.as_deref(), Some(newer));
    b.click("#lang-en").await;
    b.wait_for_text_containing("#work-problem-text", "newer version").await;
    b.close().await;
}

#[tokio::test]
async fn two_tabs_both_keep_their_receptions() {
    let b = Browser::open().await;
    let one = b.current_tab().await;
    record(&b, "甲窗口的第一次接访").await;
    wait_for_receptions(&b, 1).await;
    let s1 = record_keys(&b).await;
    record(&b, "甲窗口的第二次接访").await;
    wait_for_receptions(&b, 2).await;
    let s2 = record_keys(&b).await;
    // Storage goes back to one reception; tab one still knows it saved two.
    put_record(&b, &s1).await;

    // Tab two opens on one reception, then tab one's second save lands
    // without tab two having heard of it (written from tab two itself).
    let two = b.open_tab().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "甲窗口的第一次接访").await;
    put_record(&b, &s2).await;

    // Tab two records its own: redone on what tab one saved, not over it.
    record(&b, "乙窗口的接访").await;
    b.wait_for_text_containing("#notice-text", "另一个标签页刚保存了同一记录").await;
    let work = wait_for_receptions(&b, 3).await;
    let mut all = matters(&work);
    all.sort();
    let mut expected =
        ["甲窗口的第一次接访", "甲窗口的第二次接访", "乙窗口的接访"].map(String::from);
    expected.sort();
    assert_eq!(all, expected);
    b.wait_for_text_containing("#reception-list", "甲窗口的第二次接访").await;

    // Tab one follows without a reload (the `storage` event).
    b.switch_to(&one).await;
    b.wait_for_text_containing("#reception-list", "乙窗口的接访").await;
    for tab in [&one, &two] {
        b.switch_to(tab).await;
        b.reload().await;
        reception_page(&b).await;
        for matter in &expected {
            b.wait_for_text_containing("#reception-list", matter).await;
        }
    }
    b.close().await;
}

#[tokio::test]
async fn a_full_quota_keeps_the_change_and_saves_it_when_space_is_freed() {
    let b = Browser::open().await;
    record(&b, "存储未满时的接访").await;
    wait_for_receptions(&b, 1).await;
    fill_storage(&b).await;
    record(&b, "存储已满时的接访").await;
    b.wait_for_text_containing("#office-problem", "已满").await;
    let (work, _) = stored(&b).await.expect("still stored");
    assert_eq!(
        matters(&work),
        vec!["存储未满时的接访".to_owned()],
        "the stored record stays whole"
    );

    free_storage(&b).await;
    record(&b, "释放空间后的接访").await;
    b.wait_for_absent("#office-problem").await;
    let work = wait_for_receptions(&b, 3).await;
    assert!(matters(&work).contains(&"存储已满时的接访".to_owned()), "{:?}", matters(&work));
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "存储已满时的接访").await;
    b.close().await;
}

#[tokio::test]
async fn the_sandbox_opens_with_its_sample_ledgers_in_its_record() {
    let b = crate::dashboard::sandbox().await;
    let office = b
        .wait_for("the sandbox's record", || async { b.stored_record("xinfang.sandbox").await })
        .await;
    let work = office.work().clone();
    let receptions = work.reception.receptions().count();
    assert!(receptions > 100, "{receptions}");
    assert_eq!(b.local_storage("xinfang.sandbox.work").await, None, "nothing beside the record");
    // The real record has none of it.
    let real = b.stored_record(RECORD).await.map(|o| o.work().clone()).unwrap_or_default();
    assert_eq!(real, WorkLedgers::default());

    // The dashboard's overdue counts are those of the stored ledgers, as
    // the test reads them: open items past their deadline today.
    let today =
        chrono::NaiveDate::parse_from_str(&crate::proceedings::today(&b).await.iso(), "%Y-%m-%d")
            .expect("an ISO day");
    let overdue_backlog = work
        .backlog
        .iter()
        .filter(|e| e.status.concluded_on().is_none() && e.deadline < today)
        .count();
    let overdue_decisions = work
        .meetings
        .iter()
        .flat_map(|m| m.decisions.clone())
        .filter(|d| d.done_on.is_none() && d.deadline.is_some_and(|due| due < today))
        .count();
    b.click("#nav-dashboard").await;
    b.wait_for_text("#dash-backlog-overdue", &overdue_backlog.to_string()).await;
    b.wait_for_text("#dash-decisions-overdue", &overdue_decisions.to_string()).await;
    b.click("#dash-backlog-overdue").await;
    b.wait_for("the backlog page", || async { b.exists("#page-backlog").await.then_some(()) })
        .await;
    b.close().await;
}
