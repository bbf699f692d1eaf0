//! Work ledgers stored by earlier versions beside the record, in their own
//! key, and how they join the record's log.
//!
//! Since stored form version 2 the work ledgers (receptions, 包案,
//! screening, backlog, meetings, 三无) are part of the record: every change
//! is a `Command::Work` kept in the record's hash-chained log, saved and
//! merged with other tabs like a case's. Earlier versions kept them as one
//! value, `<prefix>.work` ([`WORK_FORMAT`], layout [`WORK_VERSION`]: a
//! revision counter and the ledgers as JSON, or deflated and packed above
//! 64 KB). Opening a record that has such a value and no work in its log
//! adopts it ([`adopt`]): one `WorkChange::Adopt` event, saved with the
//! next save, after which the old value is removed ([`forget_adopted`]).
//! A value that cannot be read is left exactly as it is and reported
//! ([`WorkProblem`]); the user may move it aside ([`set_aside`]).

use chrono::NaiveDateTime;
use serde::Deserialize;
use serde_json::value::RawValue;
use xinfang_core::rebase::Pending;
use xinfang_core::work::change::WorkChange;
use xinfang_core::{Command, Event, Office, WorkLedgers};

use crate::i18n::Lang;
use crate::persist::kv::KeyValue;
use crate::persist::record::key;

/// The marker of the ledgers stored by earlier versions.
pub const WORK_FORMAT: &str = "xinfang-work";

/// The last layout version of that value.
pub const WORK_VERSION: u32 = 1;

/// The key of the ledgers earlier versions stored beside the record under
/// `prefix`.
pub fn work_key(prefix: &str) -> String {
    key(prefix, "work")
}

/// Ledgers whose JSON was longer than this many bytes were stored packed.
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
    /// Or the same JSON deflated and packed (`persist::pack`).
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

/// Why the ledgers an earlier version stored cannot be taken into the
/// record; the value is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkProblem {
    /// Not JSON, not ours, or a record the core refuses.
    Corrupt(String),
    /// Written by a newer version of this software.
    Newer(u32),
    /// The storage could not be read.
    Unavailable(String),
    /// The record already has work of its own in its log, different from
    /// these ledgers (e.g. entered in another tab after an upgrade).
    Both,
}

impl WorkProblem {
    /// The message, in Chinese or English.
    pub fn message(&self, lang: Lang) -> String {
        let kept_zh = "这份旧台账原样保留在本机存储中，未被改动；记录中的台账照常使用和保存。";
        let kept_en = "That value is kept in this browser exactly as it was; the ledgers in the \
                       record are used and saved as usual.";
        match (self, lang) {
            (WorkProblem::Corrupt(d), Lang::ZhCn) => {
                format!("早期版本另存的工作台账（接访、排查、积案、会议）无法读取（{d}）。{kept_zh}")
            }
            (WorkProblem::Corrupt(d), _) => format!(
                "The work ledgers (receptions, screening, backlog, meetings) an earlier version \
                 stored separately cannot be read ({d}). {kept_en}"
            ),
            (WorkProblem::Newer(v), Lang::ZhCn) => format!(
                "早期另存的工作台账由更新版本的软件写入（格式版本 {v}），请升级后再打开。{kept_zh}"
            ),
            (WorkProblem::Newer(v), _) => format!(
                "The separately stored work ledgers were written by a newer version of this \
                 software (format version {v}); update before opening them. {kept_en}"
            ),
            (WorkProblem::Unavailable(d), Lang::ZhCn) => {
                format!("无法访问本机存储（{d}），早期另存的工作台账未能读取。")
            }
            (WorkProblem::Unavailable(d), _) => format!(
                "Storage is unavailable ({d}); the separately stored work ledgers could not be \
                 read."
            ),
            (WorkProblem::Both, Lang::ZhCn) => format!(
                "本机存储中还有一份早期版本另存的工作台账，而记录中已有另行录入的台账，两者不同，未自动合并。{kept_zh}"
            ),
            (WorkProblem::Both, _) => format!(
                "This browser also holds work ledgers an earlier version stored separately, and \
                 the record already has ledgers entered since; they differ and were not merged \
                 automatically. {kept_en}"
            ),
        }
    }
}

/// What opening found beside the record.
#[derive(Debug)]
pub enum Legacy {
    /// Nothing to take in.
    None,
    /// The ledgers were taken into the record: this command is to be saved.
    Adopted(Box<Pending>),
    /// They could not be taken in (they are left as they are).
    Problem(WorkProblem),
}

/// Takes the ledgers an earlier version stored beside the record under
/// `prefix` into `office` as one `WorkChange::Adopt` at `now`, when its
/// log has no work yet. A value already adopted (the save that took it in
/// went through, removing it did not) is removed now.
pub fn adopt(kv: &dyn KeyValue, prefix: &str, office: &mut Office, now: NaiveDateTime) -> Legacy {
    let stored = match load(kv, prefix) {
        Ok(Some(stored)) => stored,
        Ok(None) => return Legacy::None,
        Err(problem) => return Legacy::Problem(problem),
    };
    if has_work(office) {
        if adopted(office, &stored.ledgers) {
            let _ = kv.remove(&work_key(prefix));
            return Legacy::None;
        }
        return if stored.ledgers == WorkLedgers::default() {
            Legacy::None
        } else {
            Legacy::Problem(WorkProblem::Both)
        };
    }
    if stored.ledgers == WorkLedgers::default() {
        return Legacy::None;
    }
    let command = Command::Work(WorkChange::Adopt(Box::new(stored.ledgers)));
    match office.execute(command.clone(), now) {
        Ok(done) => Legacy::Adopted(Box::new(Pending { command, at: now, done })),
        Err(err) => Legacy::Problem(WorkProblem::Corrupt(err.to_string())),
    }
}

/// Removes the value an earlier version stored beside the record once the
/// record's saved log holds it (call after a save went through).
pub fn forget_adopted(kv: &dyn KeyValue, prefix: &str, office: &Office) {
    if let Ok(Some(stored)) = load(kv, prefix) {
        if adopted(office, &stored.ledgers) {
            let _ = kv.remove(&work_key(prefix));
        }
    }
}

fn has_work(office: &Office) -> bool {
    office.log().entries().iter().any(|e| matches!(e.event, Event::Work(_)))
}

/// Whether the log took in exactly these ledgers.
fn adopted(office: &Office, ledgers: &WorkLedgers) -> bool {
    office.log().entries().iter().any(|e| match &e.event {
        Event::Work(w) => matches!(&w.work, WorkChange::Adopt(l) if **l == *ledgers),
        Event::Case(_) => false,
    })
}

/// Reads the stored ledgers; `None` when there are none.
pub fn load(kv: &dyn KeyValue, prefix: &str) -> Result<Option<StoredWork>, WorkProblem> {
    let Some(text) = kv.get(&work_key(prefix)).map_err(WorkProblem::Unavailable)? else {
        return Ok(None);
    };
    parse(&text).map(Some)
}

/// Reads a stored envelope's text.
pub fn parse(text: &str) -> Result<StoredWork, WorkProblem> {
    let corrupt = WorkProblem::Corrupt;
    let envelope: Envelope<'_> = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
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

/// The text an earlier version stored for `ledgers` at revision `rev` (for
/// tests and the fuzz run: the loader must keep reading it).
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

/// Moves the value aside, unchanged, to `<prefix>.work-aside-<n>` (the
/// first free `n`); returns the key.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::kv::MemoryKv;
    use chrono::NaiveDate;
    use xinfang_core::ids::Added;
    use xinfang_core::work::reception::{Reception, ReceptionKind};
    use xinfang_core::{Organisation, PersonId, Settings};
    use xinfang_sample::sample_work;

    const P: &str = "xinfang.office";

    fn leader() -> PersonId {
        Organisation::sample_county().people().next().unwrap().id()
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 20).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn ledgers_with_a_reception(day: u32) -> WorkLedgers {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let mut r = Reception::new(leader(), date, "县群众服务大厅", ReceptionKind::RotaDay);
        r.head_count = 2;
        let mut work = WorkLedgers::default();
        assert_eq!(
            work.change(WorkChange::RecordReception(r)).unwrap(),
            Some(Added::Reception(xinfang_core::ids::ReceptionId::new(1)))
        );
        work
    }

    #[test]
    fn old_ledgers_are_adopted_once_then_forgotten_after_the_save() {
        let kv = MemoryKv::default();
        let old = ledgers_with_a_reception(16);
        kv.set(&work_key(P), &envelope_text(&old, 7)).unwrap();
        let mut office = Office::new(Settings::sample_county());
        let Legacy::Adopted(pending) = adopt(&kv, P, &mut office, now()) else { panic!() };
        assert_eq!(*office.work(), old);
        assert!(matches!(pending.command, Command::Work(WorkChange::Adopt(_))));
        // Until the save, the value stays; after it, it is removed.
        assert!(kv.get(&work_key(P)).unwrap().is_some());
        forget_adopted(&kv, P, &office);
        assert_eq!(kv.get(&work_key(P)).unwrap(), None);
        // Nothing left to adopt: opening again changes nothing.
        assert!(matches!(adopt(&kv, P, &mut office, now()), Legacy::None));
        assert_eq!(office.log().len(), 1);
    }

    #[test]
    fn a_value_already_adopted_is_removed_on_the_next_open() {
        let kv = MemoryKv::default();
        let old = ledgers_with_a_reception(16);
        let text = envelope_text(&old, 7);
        kv.set(&work_key(P), &text).unwrap();
        let mut office = Office::new(Settings::sample_county());
        assert!(matches!(adopt(&kv, P, &mut office, now()), Legacy::Adopted(_)));
        // The save went through but the tab closed before removing it.
        assert!(matches!(adopt(&kv, P, &mut office, now()), Legacy::None));
        assert_eq!(kv.get(&work_key(P)).unwrap(), None);
        assert_eq!(office.log().len(), 1, "adopted once");
    }

    #[test]
    fn different_ledgers_beside_a_record_with_work_are_kept_and_reported() {
        let kv = MemoryKv::default();
        let mut office = Office::new(Settings::sample_county());
        let change = WorkChange::Adopt(Box::new(ledgers_with_a_reception(16)));
        office.execute(Command::Work(change), now()).unwrap();
        let other = envelope_text(&ledgers_with_a_reception(17), 2);
        kv.set(&work_key(P), &other).unwrap();
        let before = office.log().len();
        let Legacy::Problem(problem) = adopt(&kv, P, &mut office, now()) else { panic!() };
        assert_eq!(problem, WorkProblem::Both);
        assert!(problem.message(Lang::ZhCn).contains("原样保留"));
        assert_eq!(office.log().len(), before);
        forget_adopted(&kv, P, &office);
        assert_eq!(kv.get(&work_key(P)).unwrap().as_deref(), Some(other.as_str()));
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
            let mut office = Office::new(Settings::sample_county());
            let Legacy::Problem(problem) = adopt(&kv, P, &mut office, now()) else {
                panic!("{text}")
            };
            assert_eq!(matches!(problem, WorkProblem::Newer(9)), newer, "{text}: {problem:?}");
            assert!(!problem.message(Lang::ZhCn).is_empty());
            assert_eq!(office.log().len(), 0);
            assert_eq!(kv.get(&work_key(P)).unwrap().as_deref(), Some(text));
        }
        let aside = set_aside(&kv, P).unwrap();
        assert_eq!(aside, "xinfang.office.work-aside-1");
        assert_eq!(kv.get(&work_key(P)).unwrap(), None);
        assert!(kv.get(&aside).unwrap().is_some());
        kv.set(&work_key(P), "x").unwrap();
        assert_eq!(set_aside(&kv, P).unwrap(), "xinfang.office.work-aside-2");
    }

    #[test]
    fn large_ledgers_were_stored_packed_and_read_back() {
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
}
