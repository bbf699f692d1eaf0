//! The work ledgers in `localStorage` (`<prefix>.work`): unreadable or
//! newer ledgers are reported, never written over, and set aside on
//! request keeping what was entered meanwhile; two tabs recording
//! receptions both keep theirs; a full quota keeps the change in the tab
//! and saves it once space is freed; the sandbox's sample ledgers come in
//! the backup-sized packed form and open on the pages.

use serde_json::{json, Value};
use xinfang_core::WorkLedgers;

use crate::harness::Browser;
use crate::reception::reception_page;

const WORK: &str = "xinfang.office.work";

/// The stored ledgers of `key`, read with the app's own loader (large
/// ledgers are stored packed), with their revision.
async fn stored(b: &Browser, key: &str) -> Option<(WorkLedgers, u64)> {
    let text = b.local_storage(key).await?;
    let work = xinfang_web::persist::work::parse(&text).expect("the stored ledgers load");
    Some((work.ledgers, work.rev))
}

/// Waits until the stored ledgers hold `n` receptions and returns them.
async fn wait_for_receptions(b: &Browser, n: usize) -> (WorkLedgers, u64) {
    b.wait_for(&format!("{n} receptions to be stored"), || async {
        stored(b, WORK).await.filter(|(w, _)| w.reception.receptions().count() == n)
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

/// The matters of the stored receptions.
fn matters(work: &WorkLedgers) -> Vec<String> {
    work.reception.receptions().flat_map(|r| r.matters.clone()).collect()
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

#[tokio::test]
async fn unreadable_ledgers_are_kept_and_set_aside_keeping_what_was_entered() {
    let b = Browser::open().await;
    let broken = "{\"format\":\"xinfang-work\",\"version\":1,\"rev\":3,\"ledgers\":{\"backlog\":[";
    b.set_local_storage(WORK, broken).await;
    b.reload().await;
    let text = b.wait_for_text_containing("#work-problem-text", "无法读取").await;
    assert!(text.contains("原数据保持原样"), "{text}");

    // Work goes on in the page; nothing is written over the stored text.
    record(&b, "台账损坏期间的接访").await;
    assert_eq!(b.local_storage(WORK).await.as_deref(), Some(broken));

    b.click("#work-set-aside").await;
    b.wait_for_absent("#work-problem").await;
    b.wait_for_text_containing("#notice-text", "另存为").await;
    assert_eq!(b.local_storage(&format!("{WORK}-aside-1")).await.as_deref(), Some(broken));
    let (work, _) = wait_for_receptions(&b, 1).await;
    assert_eq!(matters(&work), vec!["台账损坏期间的接访".to_owned()]);

    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "台账损坏期间的接访").await;
    assert!(!b.exists("#work-problem").await);
    b.close().await;
}

#[tokio::test]
async fn ledgers_from_a_newer_version_are_refused_and_kept() {
    let b = Browser::open().await;
    let newer = "{\"format\":\"xinfang-work\",\"version\":7,\"rev\":1,\"ledgers\":{}}";
    b.set_local_storage(WORK, newer).await;
    b.reload().await;
    let text = b.wait_for_text_containing("#work-problem-text", "更新版本").await;
    assert!(text.contains('7'), "{text}");
    record(&b, "新版本台账期间的接访").await;
    assert_eq!(b.local_storage(WORK).await.as_deref(), Some(newer));
    b.click("#lang-en").await;
    b.wait_for_text_containing("#work-problem-text", "newer version").await;
    b.close().await;
}

#[tokio::test]
async fn two_tabs_both_keep_their_receptions() {
    let b = Browser::open().await;
    let one = b.current_tab().await;
    record(&b, "甲窗口的第一次接访").await;
    let (_, rev1) = wait_for_receptions(&b, 1).await;
    let s1 = b.local_storage(WORK).await.expect("stored");
    record(&b, "甲窗口的第二次接访").await;
    let (_, rev2) = wait_for_receptions(&b, 2).await;
    assert_eq!(rev2, rev1 + 1);
    let s2 = b.local_storage(WORK).await.expect("stored");
    // Storage goes back to one reception; tab one still knows it saved two.
    b.set_local_storage(WORK, &s1).await;

    // Tab two opens on one reception, then tab one's second save lands
    // without tab two having heard of it.
    let two = b.open_tab().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "甲窗口的第一次接访").await;
    b.set_local_storage(WORK, &s2).await;

    // Tab two records its own: redone on what tab one saved, not over it.
    record(&b, "乙窗口的接访").await;
    b.wait_for_text_containing("#notice-text", "另一窗口保存了工作台账").await;
    let (work, rev) = wait_for_receptions(&b, 3).await;
    assert_eq!(rev, rev2 + 1);
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
    b.wait_for_text_containing("#work-problem-text", "已满").await;
    let (work, _) = stored(&b, WORK).await.expect("still stored");
    assert_eq!(matters(&work), vec!["存储未满时的接访".to_owned()], "the old ledgers stay whole");

    free_storage(&b).await;
    record(&b, "释放空间后的接访").await;
    b.wait_for_absent("#work-problem").await;
    let (work, _) = wait_for_receptions(&b, 3).await;
    assert!(matters(&work).contains(&"存储已满时的接访".to_owned()), "{:?}", matters(&work));
    b.reload().await;
    reception_page(&b).await;
    b.wait_for_text_containing("#reception-list", "存储已满时的接访").await;
    b.close().await;
}

#[tokio::test]
async fn the_sandbox_opens_with_its_sample_ledgers_stored_packed() {
    let b = crate::dashboard::sandbox().await;
    let text = b
        .wait_for("the sandbox's ledgers", || async {
            b.local_storage("xinfang.sandbox.work").await
        })
        .await;
    let envelope: Value = serde_json::from_str(&text).expect("the envelope is JSON");
    assert_eq!(envelope["format"], json!("xinfang-work"));
    assert!(envelope["packed"].is_string(), "a year of sample work is stored packed");
    let (work, _) = stored(&b, "xinfang.sandbox.work").await.expect("stored");
    let receptions = work.reception.receptions().count();
    assert!(receptions > 100, "{receptions}");
    // The real record has none of it.
    assert_eq!(b.local_storage(WORK).await, None);

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
