//! The record's past heads (`<prefix>.heads`): every point of its history
//! the office printed (a report) or exported (a backup), with the full
//! hash, so opening the record can tell when its history no longer passes
//! through one of them (`EventLog::passes_through`, see
//! `xinfang_core::log::checkpoint`: what this proves and what it does not).
//!
//! Stored as `{"format":"xinfang-heads","version":1,"heads":[{"entries",
//! "hash","at","what",("period")}…]}`. The list is part of the record: it
//! moves with it when it is set aside or replaced (`record::record_keys`
//! takes every `<prefix>.` key; it is no log chunk, which are
//! `<prefix>.log.<k>`). A list that cannot be read never keeps the record
//! from opening: it is reported, left as it is, and nothing is added to it.
//!
//! A restore from a backup starts another history. The list is carried
//! over to the restored record with a `restore` entry (the restored log's
//! own head), and only the points from the last restore on are checked:
//! the earlier ones stay visible (in 设置 · 记录校验, with whether the
//! restored log still passes through them) but raise no alarm.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use xinfang_core::log::Checkpoint;
use xinfang_core::{EventLog, Hash};

use crate::i18n::{tr, Lang};
use crate::persist::kv::{brief, KeyValue};
use crate::persist::record::key;

/// The marker of the list.
pub const HEADS_FORMAT: &str = "xinfang-heads";

/// The layout this build writes and reads.
pub const HEADS_VERSION: u32 = 1;

/// The part of the record's keys: `<prefix>.heads`.
pub const HEADS_PART: &str = "heads";

/// What made the office keep a point of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum What {
    /// A report was printed.
    Report {
        /// The period's label as shown (`2026年6月`).
        period: String,
    },
    /// A backup was downloaded.
    Backup,
    /// The record was replaced from a backup: its head then. Points
    /// before it belong to the replaced history.
    Restore,
    /// Written by a newer build.
    #[serde(other)]
    Other,
}

impl What {
    /// What it was, for the clerk.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            What::Report { period } => match lang {
                Lang::ZhCn => format!("打印报表（{period}）"),
                Lang::En => format!("report printed ({period})"),
            },
            What::Backup => tr(lang, "下载备份", "backup downloaded").into(),
            What::Restore => tr(lang, "从备份恢复", "restored from a backup").into(),
            What::Other => tr(lang, "其他", "other").into(),
        }
    }
}

/// One point of the history the office kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// How many entries the log had.
    pub entries: u64,
    /// Its head then (full).
    pub hash: Hash,
    /// When (the page's clock).
    pub at: NaiveDateTime,
    /// Why.
    #[serde(flatten)]
    pub what: What,
}

impl Recorded {
    /// The point.
    pub fn point(&self) -> Checkpoint {
        Checkpoint { entries: self.entries, hash: self.hash }
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    heads: Vec<Recorded>,
}

/// Why the list cannot be used; it is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadsProblem {
    /// The storage could not be read or written.
    Unavailable(String),
    /// The stored list is not ours or damaged.
    Corrupt(String),
    /// Written by a newer version of this software.
    Newer {
        /// The version found.
        found: u32,
    },
}

impl HeadsProblem {
    /// The message, in Chinese or English.
    pub fn message(&self, lang: Lang) -> String {
        let lead = tr(
            lang,
            "已打印或导出的记录校验点清单无法读取，已原样保留，本次未作核对，也不再向其中添加。原因：",
            "The list of printed or exported checkpoints cannot be read; it is kept as it is, was \
             not checked, and nothing is added to it. Reason: ",
        );
        let why = match (self, lang) {
            (HeadsProblem::Unavailable(d), Lang::ZhCn) => {
                format!("无法访问本机存储（{}）", brief(d))
            }
            (HeadsProblem::Unavailable(d), Lang::En) => {
                format!("storage is unavailable ({})", brief(d))
            }
            (HeadsProblem::Corrupt(d), Lang::ZhCn) => format!("清单已损坏（{}）", brief(d)),
            (HeadsProblem::Corrupt(d), Lang::En) => format!("the list is damaged ({})", brief(d)),
            (HeadsProblem::Newer { found }, Lang::ZhCn) => {
                format!("清单由更新版本的软件写入（版本{found}）")
            }
            (HeadsProblem::Newer { found }, Lang::En) => {
                format!("it was written by a newer version of this software (version {found})")
            }
        };
        format!("{lead}{why}")
    }
}

/// The list under `prefix`, oldest first (empty when there is none).
pub fn read(kv: &dyn KeyValue, prefix: &str) -> Result<Vec<Recorded>, HeadsProblem> {
    let Some(text) = kv.get(&key(prefix, HEADS_PART)).map_err(HeadsProblem::Unavailable)? else {
        return Ok(Vec::new());
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| HeadsProblem::Corrupt(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(HEADS_FORMAT) {
        return Err(HeadsProblem::Corrupt("not a list of this software".into()));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(HEADS_VERSION) {
        return Err(HeadsProblem::Newer { found: u32::try_from(version).unwrap_or(u32::MAX) });
    }
    let file: File =
        serde_json::from_value(value).map_err(|e| HeadsProblem::Corrupt(e.to_string()))?;
    Ok(file.heads)
}

fn write(kv: &dyn KeyValue, prefix: &str, heads: Vec<Recorded>) -> Result<(), HeadsProblem> {
    let file = File { format: HEADS_FORMAT.into(), version: HEADS_VERSION, heads };
    let text = serde_json::to_string(&file).unwrap_or_default();
    kv.set(&key(prefix, HEADS_PART), &text).map_err(HeadsProblem::Unavailable)
}

/// Adds a point to the list (a report printed, a backup downloaded). The
/// same point for the same reason right after itself is kept once (the
/// first time). A list that cannot be read is left as it is and the
/// problem returned.
pub fn note(
    kv: &dyn KeyValue,
    prefix: &str,
    point: Checkpoint,
    at: NaiveDateTime,
    what: What,
) -> Result<(), HeadsProblem> {
    let mut heads = read(kv, prefix)?;
    let again = heads.last().is_some_and(|last| last.point() == point && last.what == what);
    if !again {
        heads.push(Recorded { entries: point.entries, hash: point.hash, at, what });
    }
    write(kv, prefix, heads)
}

/// After a restore ([`crate::persist::backup::replace`]): the list of the
/// replaced record (moved aside with it under `aside`) is copied to the
/// restored one with a `restore` entry of its head. When the replaced
/// list cannot be read it stays aside and the new list starts with the
/// restore.
pub fn carry_over(
    kv: &dyn KeyValue,
    aside: Option<&str>,
    prefix: &str,
    point: Checkpoint,
    at: NaiveDateTime,
) -> Result<(), HeadsProblem> {
    let mut heads = aside.and_then(|a| read(kv, a).ok()).unwrap_or_default();
    heads.push(Recorded { entries: point.entries, hash: point.hash, at, what: What::Restore });
    write(kv, prefix, heads)
}

/// A point of the list, checked against the open log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The point.
    pub recorded: Recorded,
    /// Whether the log still passes through it.
    pub passes: bool,
    /// Whether it counts: false for points before the last restore (they
    /// belong to the replaced history).
    pub current: bool,
}

/// The list checked against the open log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeadsCheck {
    /// Every point, oldest first.
    pub rows: Vec<Row>,
    /// Why the list could not be read, if so (then `rows` is empty).
    pub problem: Option<HeadsProblem>,
}

impl HeadsCheck {
    /// The points of the current history the log no longer passes
    /// through, oldest first.
    pub fn broken(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.current && !r.passes)
    }

    /// Whether there is anything to warn about.
    pub fn alarming(&self) -> bool {
        self.problem.is_some() || self.broken().next().is_some()
    }
}

/// Checks every point of the list under `prefix` against `log`. Reads
/// only; never fails (an unreadable list is the check's `problem`).
pub fn check(kv: &dyn KeyValue, prefix: &str, log: &EventLog) -> HeadsCheck {
    let heads = match read(kv, prefix) {
        Ok(heads) => heads,
        Err(problem) => return HeadsCheck { rows: Vec::new(), problem: Some(problem) },
    };
    let from = heads.iter().rposition(|r| r.what == What::Restore).unwrap_or(0);
    let rows = heads
        .into_iter()
        .enumerate()
        .map(|(i, recorded)| Row {
            passes: log.passes_through(&recorded.point()),
            current: i >= from,
            recorded,
        })
        .collect();
    HeadsCheck { rows, problem: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::kv::{MemoryKv, REAL_PREFIX};
    use crate::persist::record::{self, SaveRequest};
    use crate::persist::sandbox::sample_office;
    use chrono::NaiveDate;
    use xinfang_core::log::Entry;
    use xinfang_core::Office;

    fn at(d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 7, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn sample(cases: u32) -> Office {
        sample_office(7, NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(), cases).unwrap()
    }

    fn june() -> What {
        What::Report { period: "2026年6月".into() }
    }

    /// The log with entry `at`'s event swapped for another's and every
    /// hash after it recomputed, as a forger would.
    fn forged(log: &EventLog, at: usize) -> EventLog {
        let mut prev = Hash::GENESIS;
        let swap = log.entries()[at + 1].event.clone();
        let entries = log
            .entries()
            .iter()
            .map(|e| {
                let event = if e.seq as usize == at { swap.clone() } else { e.event.clone() };
                let hash = Entry::compute_hash(&prev, e.seq, &event);
                let entry = Entry { seq: e.seq, event, prev, hash };
                prev = hash;
                entry
            })
            .collect();
        EventLog::from_entries(entries)
    }

    #[test]
    fn points_are_noted_and_read_back_with_their_reason() {
        let kv = MemoryKv::default();
        let office = sample(20);
        let point = office.log().checkpoint();
        assert_eq!(read(&kv, REAL_PREFIX), Ok(Vec::new()));
        note(&kv, REAL_PREFIX, point, at(1), june()).unwrap();
        note(&kv, REAL_PREFIX, point, at(2), june()).unwrap();
        note(&kv, REAL_PREFIX, point, at(3), What::Backup).unwrap();
        let heads = read(&kv, REAL_PREFIX).unwrap();
        assert_eq!(heads.len(), 2, "the same print twice is kept once: {heads:?}");
        assert_eq!((heads[0].at, &heads[0].what), (at(1), &june()));
        assert_eq!(heads[1].point(), point);
        let text = kv.get("xinfang.office.heads").unwrap().unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], HEADS_FORMAT);
        assert_eq!(value["version"], HEADS_VERSION);
        assert_eq!(value["heads"][0]["what"], "report");
        assert_eq!(value["heads"][0]["period"], "2026年6月");
        assert_eq!(value["heads"][0]["hash"], point.hash.to_string());
        assert_eq!(value["heads"][1]["what"], "backup");
        let check = check(&kv, REAL_PREFIX, office.log());
        assert!(check.rows.iter().all(|r| r.passes && r.current) && !check.alarming());
    }

    #[test]
    fn a_history_changed_and_rechained_is_caught() {
        let kv = MemoryKv::default();
        let office = sample(20);
        note(&kv, REAL_PREFIX, office.log().checkpoint(), at(1), What::Backup).unwrap();
        let forged = forged(office.log(), 3);
        assert!(forged.verify().is_ok());
        let check = check(&kv, REAL_PREFIX, &forged);
        let broken: Vec<_> = check.broken().collect();
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].recorded.what, What::Backup);
        // A log shorter than the point (entries dropped) is caught too.
        let mut short = office.log().entries().to_vec();
        short.pop();
        assert!(self::check(&kv, REAL_PREFIX, &EventLog::from_entries(short)).alarming());
    }

    #[test]
    fn an_unreadable_list_is_reported_and_kept() {
        let office = sample(5);
        for bad in [
            "not json".to_owned(),
            r#"{"format":"other","version":1,"heads":[]}"#.to_owned(),
            r#"{"format":"xinfang-heads","version":9,"heads":[]}"#.to_owned(),
            r#"{"format":"xinfang-heads","version":1,"heads":[{"entries":"x"}]}"#.to_owned(),
        ] {
            let kv = MemoryKv::default();
            kv.set("xinfang.office.heads", &bad).unwrap();
            let check = check(&kv, REAL_PREFIX, office.log());
            let problem = check.problem.clone().expect("reported");
            assert!(check.alarming());
            assert!(problem.message(Lang::ZhCn).contains("已原样保留"));
            let err = note(&kv, REAL_PREFIX, office.log().checkpoint(), at(1), What::Backup);
            assert_eq!(err, Err(problem));
            assert_eq!(kv.get("xinfang.office.heads").unwrap(), Some(bad), "left as it was");
        }
    }

    #[test]
    fn the_list_moves_with_its_record_and_is_not_a_chunk() {
        let kv = MemoryKv::default();
        let office = sample(10);
        record::save(&kv, SaveRequest::whole(REAL_PREFIX, &office)).unwrap();
        note(&kv, REAL_PREFIX, office.log().checkpoint(), at(1), What::Backup).unwrap();
        assert!(record::record_keys(&kv, REAL_PREFIX).contains(&"xinfang.office.heads".into()));
        // The record still loads with the list beside it.
        assert!(record::load(&kv, REAL_PREFIX).unwrap().is_some());
        let aside = record::set_aside(&kv, REAL_PREFIX, at(2)).unwrap();
        assert_eq!(read(&kv, REAL_PREFIX), Ok(Vec::new()));
        assert_eq!(read(&kv, &aside).unwrap().len(), 1);
        record::put_back(&kv, &aside, REAL_PREFIX).unwrap();
        assert_eq!(read(&kv, REAL_PREFIX).unwrap().len(), 1);
    }

    #[test]
    fn reasons_read_in_both_languages() {
        assert_eq!(june().describe(Lang::ZhCn), "打印报表（2026年6月）");
        assert_eq!(What::Backup.describe(Lang::En), "backup downloaded");
        let json = r#"{"entries":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000","at":"2026-07-01T09:00:00","what":"signed"}"#;
        let r: Recorded = serde_json::from_str(json).unwrap();
        assert_eq!(r.what, What::Other, "a newer kind reads");
    }
}
