//! The office's work ledgers (receptions, 包案, screening, backlog,
//! meetings, 三无) in `localStorage`, beside the case record of the same
//! space, never overwritten when they cannot be read.
//!
//! ## Layout
//!
//! One key, `<prefix>.work` (so a sandbox reset or setting a record aside
//! takes the ledgers with it), holding [`Envelope`]: the format name
//! [`WORK_FORMAT`], the layout version [`WORK_VERSION`], a revision counter
//! `rev` bumped by every save, and the core's [`WorkLedgers`] (whose loader
//! checks every record again): as JSON (`ledgers`) while small, deflated
//! and packed 15 bits per UTF-16 unit like the sealed log chunks
//! (`packed`) above [`PACK_ABOVE`] bytes. The training sandbox's year of
//! work (3,000 receptions, 2,500 screening rounds…) is 1.0 MB of JSON, 2 MB
//! of the browser's quota as text, 76 KB packed (deflating it takes ~22 ms
//! natively). A save writes the ledgers whole.
//!
//! ## Two tabs
//!
//! A tab remembers the revision it read. A save first reads the stored
//! revision: when another tab saved meanwhile, this tab reads what that tab
//! stored and redoes its own unsaved [`WorkChange`]s on it ([`rebase`])
//! before writing, so neither tab's work is lost; a change that no longer
//! applies is named.

use serde::Deserialize;
use serde_json::value::RawValue;
use xinfang_core::work::change::WorkChange;
use xinfang_core::WorkLedgers;

use xinfang_core::Office;

use crate::i18n::{tr, Lang};
use crate::persist::kv::{KeyValue, SANDBOX_PREFIX};
use crate::persist::record::key;
use crate::persist::sandbox::SampleBase;

use xinfang_sample::sample_work;

/// The marker of the stored ledgers.
pub const WORK_FORMAT: &str = "xinfang-work";

/// The layout version this build writes and reads.
pub const WORK_VERSION: u32 = 1;

/// The key of the ledgers of the record under `prefix`.
pub fn work_key(prefix: &str) -> String {
    key(prefix, "work")
}

/// Ledgers whose JSON is longer than this many bytes are stored packed.
pub const PACK_ABOVE: usize = 64 * 1024;

/// The stored form, as read.
#[derive(Debug, Deserialize)]
struct Envelope<'a> {
    format: String,
    version: u32,
    rev: u64,
    /// The ledgers as JSON, checked again by the core on load.
    #[serde(borrow, default)]
    ledgers: Option<&'a RawValue>,
    /// Or the same JSON deflated and packed (`office_store::pack`).
    #[serde(default)]
    packed: Option<String>,
}

/// Ledgers read back, with the revision they were stored at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWork {
    /// The ledgers.
    pub ledgers: WorkLedgers,
    /// The stored revision.
    pub rev: u64,
}

/// Why the stored ledgers cannot be used; the data is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkProblem {
    /// Not JSON, not ours, or a record the core refuses.
    Corrupt(String),
    /// Written by a newer version of this software.
    Newer(u32),
    /// The storage could not be read.
    Unavailable(String),
    /// A write failed (a full quota): the changes stay in this tab and
    /// saving is tried again on the next change.
    WriteFailed(String),
}

impl WorkProblem {
    /// Whether saving waits for the user (what is stored could not be read).
    pub fn pauses_saving(&self) -> bool {
        !matches!(self, WorkProblem::WriteFailed(_))
    }

    /// The message, in Chinese or English.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WorkProblem::Corrupt(d) => match lang {
                Lang::ZhCn => format!(
                    "本机保存的工作台账（接访、排查、积案、会议）无法读取，原数据保持原样、未被改动；在您作出选择前，台账的修改不会保存。原因：{d}"
                ),
                _ => format!(
                    "The work ledgers saved in this browser (receptions, screening, backlog, \
                     meetings) cannot be read. They are left exactly as they were; until you \
                     choose what to do, changes to them are not saved. Reason: {d}"
                ),
            },
            WorkProblem::Newer(v) => match lang {
                Lang::ZhCn => format!(
                    "工作台账由更新版本的软件写入（格式版本 {v}），原数据保持原样；请升级后再打开。"
                ),
                _ => format!(
                    "The work ledgers were written by a newer version of this software (format \
                     version {v}); they are left as they were. Update before opening them."
                ),
            },
            WorkProblem::Unavailable(d) => match lang {
                Lang::ZhCn => format!("无法访问本机存储（{d}），工作台账未能读取。"),
                _ => format!("Storage is unavailable ({d}); the work ledgers could not be read."),
            },
            WorkProblem::WriteFailed(d) => {
                let full = crate::persist::kv::is_quota_error(d);
                match (lang, full) {
                    (Lang::ZhCn, true) => "浏览器存储空间已满，工作台账的修改暂未保存（仍保留在本页中）。请导出备份并清理空间，下次修改时将重试保存。".to_string(),
                    (Lang::ZhCn, false) => format!("工作台账保存失败（{d}），修改仍保留在本页中，下次修改时将重试保存。"),
                    (_, true) => "Browser storage is full: changes to the work ledgers are not saved yet (they are kept in this page). Back up and free some space; saving is tried again on the next change.".to_string(),
                    (_, false) => format!("Saving the work ledgers failed ({d}); the changes are kept in this page and saving is tried again on the next change."),
                }
            }
        }
    }
}

/// The ledgers to open with the record under `prefix`: the stored ones,
/// empty ones when none are stored, or empty ones with the problem (saving
/// then waits) when the stored ones cannot be read.
pub fn open(kv: &dyn KeyValue, prefix: &str) -> OpenedWork {
    match load(kv, prefix) {
        Ok(Some(stored)) => OpenedWork { ledgers: stored.ledgers, rev: stored.rev, problem: None },
        Ok(None) => OpenedWork::default(),
        Err(problem) => OpenedWork { problem: Some(problem), ..OpenedWork::default() },
    }
}

/// Stores the sample's work ledgers in a sandbox just filled with `office`
/// (a year of receptions, screening, backlog and meetings to train on).
/// If the write fails (a full quota) the sandbox opens with them unsaved
/// in the page: the next change saves them.
pub fn fill_sandbox(kv: &dyn KeyValue, office: &Office, base: &SampleBase) {
    let config = xinfang_sample::SampleConfig::year(base.seed, base.filled_on, 1);
    let first = config.first_day;
    let ledgers = sample_work(office, base.seed, first, base.filled_on);
    let _ = kv.set(&work_key(SANDBOX_PREFIX), &envelope_text(&ledgers, 1));
}

/// Reads the stored ledgers; `None` when there are none yet.
pub fn load(kv: &dyn KeyValue, prefix: &str) -> Result<Option<StoredWork>, WorkProblem> {
    let Some(text) = kv.get(&work_key(prefix)).map_err(WorkProblem::Unavailable)? else {
        return Ok(None);
    };
    parse(&text).map(Some)
}

/// Reads a stored envelope's text.
pub fn parse(text: &str) -> Result<StoredWork, WorkProblem> {
    let corrupt = WorkProblem::Corrupt;
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    if envelope.format != WORK_FORMAT {
        return Err(corrupt(format!("格式“{}”不是工作台账", envelope.format)));
    }
    if envelope.version > WORK_VERSION {
        return Err(WorkProblem::Newer(envelope.version));
    }
    let unpacked;
    let json = match (envelope.ledgers, &envelope.packed) {
        (Some(raw), None) => raw.get(),
        (None, Some(packed)) => {
            unpacked = crate::persist::pack::unpack(packed)
                .ok_or_else(|| corrupt("压缩数据格式不对".into()))?
                .map_err(|e| corrupt(format!("压缩数据无法解开（{e}）")))?;
            &unpacked
        }
        _ => return Err(corrupt("缺少台账数据".into())),
    };
    let ledgers: WorkLedgers = serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
    Ok(StoredWork { ledgers, rev: envelope.rev })
}

/// The stored revision, without reading the ledgers (0: none stored).
pub fn stored_rev(kv: &dyn KeyValue, prefix: &str) -> Result<u64, WorkProblem> {
    #[derive(Deserialize)]
    struct Rev {
        rev: u64,
    }
    match kv.get(&work_key(prefix)).map_err(WorkProblem::Unavailable)? {
        None => Ok(0),
        Some(text) => serde_json::from_str::<Rev>(&text)
            .map(|r| r.rev)
            .map_err(|e| WorkProblem::Corrupt(e.to_string())),
    }
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved since `rev` was read: rebase first.
    Conflict,
    /// What is stored cannot be read (it is left as it is).
    Unreadable(WorkProblem),
    /// The write failed (the browser's message).
    Write(String),
}

/// The text stored for `ledgers` at revision `rev`.
pub fn envelope_text(ledgers: &WorkLedgers, rev: u64) -> String {
    // Our own plain data always serializes.
    let json = serde_json::to_string(ledgers).unwrap_or_default();
    let head = format!("{{\"format\":\"{WORK_FORMAT}\",\"version\":{WORK_VERSION},\"rev\":{rev},");
    if json.len() > PACK_ABOVE {
        let packed = serde_json::to_string(&crate::persist::pack::pack(&json)).unwrap_or_default();
        format!("{head}\"packed\":{packed}}}")
    } else {
        format!("{head}\"ledgers\":{json}}}")
    }
}

/// Writes the ledgers if the stored revision is still `known` (0: none
/// stored); returns the new revision.
pub fn save(
    kv: &dyn KeyValue,
    prefix: &str,
    ledgers: &WorkLedgers,
    known: u64,
) -> Result<u64, SaveError> {
    let stored = stored_rev(kv, prefix).map_err(SaveError::Unreadable)?;
    if stored != known {
        return Err(SaveError::Conflict);
    }
    let rev = known + 1;
    kv.set(&work_key(prefix), &envelope_text(ledgers, rev)).map_err(SaveError::Write)?;
    Ok(rev)
}

/// This tab's changes redone on what another tab stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebased {
    /// The stored ledgers with the changes that still apply.
    pub ledgers: WorkLedgers,
    /// The changes redone.
    pub redone: Vec<WorkChange>,
    /// The changes that no longer apply, described with the reason
    /// (Chinese, as the core writes it).
    pub refused: Vec<String>,
}

/// Redoes `pending` on `stored`, keeping those that still apply.
pub fn rebase(stored: WorkLedgers, pending: &[WorkChange]) -> Rebased {
    let mut ledgers = stored;
    let mut redone = Vec::new();
    let mut refused = Vec::new();
    for change in pending {
        match ledgers.change(change.clone()) {
            Ok(_) => redone.push(change.clone()),
            Err(e) => refused.push(format!("{}：{e}", change.describe())),
        }
    }
    Rebased { ledgers, redone, refused }
}

/// Moves unreadable ledgers aside, unchanged, to `<prefix>.work-aside-<n>`
/// (the first free `n`), so new ones can start; returns the key.
pub fn set_aside(kv: &dyn KeyValue, prefix: &str) -> Result<String, String> {
    let from = work_key(prefix);
    let keys = kv.keys();
    let to =
        (1..).map(|n| format!("{from}-aside-{n}")).find(|k| !keys.contains(k)).unwrap_or_default();
    let value = kv.get(&from)?.unwrap_or_default();
    kv.set(&to, &value)?;
    kv.remove(&from)?;
    Ok(to)
}

/// The message when another tab's save was caught up.
pub fn caught_up_message(lang: Lang, redone: usize, refused: &[String]) -> String {
    let mut text = tr(
        lang,
        "另一窗口保存了工作台账，已合并。",
        "Another window saved the work ledgers; they were merged. ",
    )
    .to_string();
    if redone > 0 {
        text.push_str(&match lang {
            Lang::ZhCn => format!("本窗口的{redone}项修改已重新保存。"),
            _ => format!("{redone} change(s) of this window were saved again. "),
        });
    }
    if !refused.is_empty() {
        text.push_str(tr(
            lang,
            "以下修改已不适用，未保存：",
            "These changes no longer apply and were not saved: ",
        ));
        text.push_str(&refused.join("；"));
    }
    text
}

/// The work ledgers as opened with a record.
#[derive(Debug, Clone, Default)]
pub struct OpenedWork {
    /// The ledgers (empty when none are stored or they cannot be read).
    pub ledgers: WorkLedgers,
    /// Their stored revision (0: none).
    pub rev: u64,
    /// Why the stored ones cannot be read, if so (saving them waits).
    pub problem: Option<WorkProblem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::kv::MemoryKv;
    use chrono::NaiveDate;
    use xinfang_core::work::change::Added;
    use xinfang_core::work::reception::{Reception, ReceptionKind};
    use xinfang_core::work::WorkTargets;
    use xinfang_core::{Organisation, PersonId};

    const P: &str = "xinfang.office";

    fn leader() -> PersonId {
        Organisation::sample_county().people().next().unwrap().id()
    }

    fn reception(day: u32) -> WorkChange {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let mut r = Reception::new(leader(), date, "县群众服务大厅", ReceptionKind::RotaDay);
        r.head_count = 2;
        WorkChange::RecordReception(r)
    }

    #[test]
    fn saves_and_loads_with_a_revision() {
        let kv = MemoryKv::default();
        assert_eq!(load(&kv, P).unwrap(), None);
        let mut work = WorkLedgers::default();
        work.change(reception(16)).unwrap();
        let rev = save(&kv, P, &work, 0).unwrap();
        assert_eq!(rev, 1);
        let back = load(&kv, P).unwrap().unwrap();
        assert_eq!((back.ledgers, back.rev), (work.clone(), 1));
        // A save from a tab that read revision 0 is a conflict.
        assert_eq!(save(&kv, P, &work, 0), Err(SaveError::Conflict));
        assert_eq!(save(&kv, P, &work, 1), Ok(2));
    }

    #[test]
    fn two_tabs_keep_both_changes() {
        let kv = MemoryKv::default();
        let mut a = WorkLedgers::default();
        let mut b = WorkLedgers::default();
        a.change(reception(16)).unwrap();
        let rev_a = save(&kv, P, &a, 0).unwrap();
        // Tab b added its own reception on the empty ledgers it read.
        let mine = reception(17);
        b.change(mine.clone()).unwrap();
        assert_eq!(save(&kv, P, &b, 0), Err(SaveError::Conflict));
        let stored = load(&kv, P).unwrap().unwrap();
        let rebased = rebase(stored.ledgers, &[mine]);
        assert!(rebased.refused.is_empty());
        let rev = save(&kv, P, &rebased.ledgers, stored.rev).unwrap();
        assert_eq!(rev, rev_a + 1);
        let both = load(&kv, P).unwrap().unwrap().ledgers;
        assert_eq!(both.reception.receptions().count(), 2);
    }

    #[test]
    fn a_change_that_no_longer_applies_is_named() {
        let mut stored = WorkLedgers::default();
        assert_eq!(
            stored.change(reception(16)).unwrap(),
            Some(Added::Reception(xinfang_core::work::ReceptionId::new(1)))
        );
        let bad = WorkChange::SetTargets(WorkTargets { three_none: 300, ..Default::default() });
        let rebased = rebase(stored, &[bad, reception(18)]);
        assert_eq!(rebased.redone.len(), 1);
        assert_eq!(rebased.refused.len(), 1);
        assert!(rebased.refused[0].starts_with("修改工作目标："), "{:?}", rebased.refused);
    }

    #[test]
    fn unreadable_newer_or_foreign_data_is_refused_and_kept() {
        let kv = MemoryKv::default();
        for (text, newer) in [
            ("{not json", false),
            (r#"{"format":"other","version":1,"rev":1,"ledgers":{}}"#, false),
            (r#"{"format":"xinfang-work","version":9,"rev":1,"ledgers":{}}"#, true),
            (
                r#"{"format":"xinfang-work","version":1,"rev":1,"ledgers":{"backlog":{"entries":[{"id":5}],"next":1}}}"#,
                false,
            ),
        ] {
            kv.set(&work_key(P), text).unwrap();
            let problem = load(&kv, P).unwrap_err();
            assert_eq!(matches!(problem, WorkProblem::Newer(9)), newer, "{text}: {problem:?}");
            assert!(problem.pauses_saving());
            assert!(!problem.message(Lang::ZhCn).is_empty());
            // Saving over it is refused and the text stays.
            if !text.starts_with("{\"format\"") {
                assert!(matches!(
                    save(&kv, P, &WorkLedgers::default(), 0),
                    Err(SaveError::Unreadable(_))
                ));
            }
            assert_eq!(kv.get(&work_key(P)).unwrap().as_deref(), Some(text));
        }
        let aside = set_aside(&kv, P).unwrap();
        assert_eq!(aside, "xinfang.office.work-aside-1");
        assert_eq!(kv.get(&work_key(P)).unwrap(), None);
        assert!(kv.get(&aside).unwrap().is_some());
        assert_eq!(set_aside(&kv, P).unwrap(), "xinfang.office.work-aside-2");
    }

    #[test]
    fn large_ledgers_are_stored_packed_and_read_back() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let office = crate::persist::sandbox::sample_office(2026, today, 600).unwrap();
        let first = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let work = sample_work(&office, 2026, first, today);
        let json = serde_json::to_string(&work).unwrap();
        assert!(json.len() > PACK_ABOVE, "{}", json.len());
        let text = envelope_text(&work, 4);
        assert!(text.contains("\"packed\":\"Z"), "{}", &text[..80]);
        assert!(text.len() * 4 < json.len(), "{} vs {}", text.len(), json.len());
        let back = parse(&text).unwrap();
        assert_eq!((back.ledgers, back.rev), (work, 4));
        // A damaged packing is refused, not half read.
        let cut: String = text.chars().take(text.chars().count() - 20).collect();
        assert!(matches!(parse(&format!("{cut}\"}}")), Err(WorkProblem::Corrupt(_))));
        // Small ledgers stay readable JSON.
        assert!(envelope_text(&WorkLedgers::default(), 1).contains("\"ledgers\":{"));
    }

    #[test]
    fn a_full_quota_is_a_write_error() {
        let kv = MemoryKv { quota: Some(40), ..Default::default() };
        let err = save(&kv, P, &WorkLedgers::default(), 0).unwrap_err();
        let SaveError::Write(detail) = err else { panic!("{err:?}") };
        assert!(WorkProblem::WriteFailed(detail).message(Lang::ZhCn).contains("已满"));
    }
}
