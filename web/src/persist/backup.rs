//! The backup file of a record ([`BACKUP_FORMAT`] version [`BACKUP_VERSION`]:
//! the core's stored form, whose log holds the cases' and the work
//! ledgers' history): writing it, reading and checking it completely
//! before anything changes (version 1 files, which carried the ledgers
//! beside the record, and bare `xinfang-office` files read too),
//! and replacing the open record with what it holds, the replaced record
//! moved aside unchanged (and moved back if saving the restored one fails).
//!
//! The file's header also carries the record's checkpoint when it was
//! written (`"checkpoint":{"entries","hash","code"}`, an additive field:
//! files without it still read), so the office can compare a paper copy's
//! code with the file, and a file whose history no longer passes through
//! its own header's checkpoint is refused. The restored record's list of
//! past heads is carried over (`persist::heads::carry_over`).

use std::cell::RefCell;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::value::RawValue;
use xinfang_core::log::Checkpoint;
use xinfang_core::work::change::WorkChange;
use xinfang_core::{Command, Office, WorkLedgers};

use crate::i18n::Lang;
use crate::persist::heads;
use crate::persist::kv::{KeyValue, Space};
use crate::persist::record::{self, SaveError, SaveRequest, Saved};

/// The marker of a backup file.
pub const BACKUP_FORMAT: &str = "xinfang-backup";

/// The backup layout this build writes and reads.
pub const BACKUP_VERSION: u32 = 2;

/// The backup file of a record: the core's stored form (cases and work
/// ledgers, one log) in an envelope, with the record's checkpoint in the
/// header. Written as text around the core's own JSON, so a record of
/// 20,000 cases is not held twice as a JSON tree.
///
/// `damaged`: when the stored record could not be read whole, its values
/// as stored ([`crate::persist::kv::raw_dump`]), kept in the file as
/// `damaged_original` so a backup made then holds the original too (a
/// restore reads only `office`; the rest is for a technician).
pub fn write(office: &Office, damaged: Option<&str>) -> String {
    let point = office.log().checkpoint();
    let damaged = damaged.map_or_else(String::new, |raw| format!(",\"damaged_original\":{raw}"));
    format!(
        "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":{BACKUP_VERSION},\"checkpoint\":\
         {{\"entries\":{},\"hash\":\"{}\",\"code\":\"{}\"}},\"office\":{}{damaged}}}",
        point.entries,
        point.hash,
        point.code(),
        office.to_json()
    )
}

/// The MIME type of a backup file.
pub const JSON: &str = "application/json;charset=utf-8";

/// The backup's file name: `信访备份_2026-12-01.json`, or
/// `信访沙盒备份_2026-12-01.json` for the sandbox.
pub fn file_name(space: Space, today: NaiveDate) -> String {
    let stem = match space {
        Space::Real => "信访备份",
        Space::Sandbox => "信访沙盒备份",
    };
    format!("{stem}_{}.json", today.format("%Y-%m-%d"))
}

/// What a backup file holds, shown before it is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Cases.
    pub cases: usize,
    /// Log entries.
    pub entries: usize,
    /// The earliest and the latest day a case was received, if any.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// The file's `format_version`.
    pub format_version: u32,
    /// Records in the work ledgers (rota rules, receptions, 包案, rounds,
    /// hotspots, backlog entries, meetings).
    pub work: usize,
}

/// How many records the work ledgers hold.
pub fn work_records(work: &WorkLedgers) -> usize {
    work.reception.rules().count()
        + work.reception.receptions().count()
        + work.ownership.iter().count()
        + work.screening.rounds().count()
        + work.screening.hotspots().count()
        + work.backlog.iter().count()
        + work.meetings.iter().count()
}

/// The summary of a record read from a file of `format_version`.
pub fn preview(office: &Office, format_version: u32) -> Preview {
    let days = office.cases().map(|c| c.intake().received_on);
    let range = days.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    });
    Preview {
        cases: office.cases().len(),
        entries: office.log().len(),
        range,
        format_version,
        work: work_records(office.work()),
    }
}

impl Preview {
    /// The summary as text.
    pub fn describe(&self, lang: Lang) -> String {
        let range = self.range.map(|(a, b)| {
            let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
            (f(a), f(b))
        });
        match lang {
            Lang::ZhCn => {
                let range = range.map_or("无".to_owned(), |(a, b)| format!("{a}至{b}"));
                format!(
                    "共{}件案件（{}条历史记录），受理日期{range}，工作台账{}条记录，文件格式版本{}",
                    self.cases, self.entries, self.work, self.format_version
                )
            }
            Lang::En => {
                let range = range.map_or("none".to_owned(), |(a, b)| format!("{a} to {b}"));
                format!(
                    "{} cases ({} history entries), received {range}, {} work-ledger records, \
                     file format version {}",
                    self.cases, self.entries, self.work, self.format_version
                )
            }
        }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    format_version: u32,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    office: Option<&'a RawValue>,
    #[serde(borrow)]
    work: Option<&'a RawValue>,
    #[serde(default)]
    checkpoint: Option<Checkpoint>,
}

/// What a backup file holds, checked.
#[derive(Debug)]
pub struct Contents {
    /// The record: cases and work ledgers.
    pub office: Office,
    /// The summary.
    pub preview: Preview,
    /// The checkpoint the file's header carries (files written before
    /// checkpoints have none).
    pub checkpoint: Option<Checkpoint>,
}

/// Reads a backup file: the record (checked whole by the core: foreign
/// files, newer versions, corrupt JSON and broken chains are refused with
/// the core's Chinese message) and its summary. A version 1 file carried
/// the work ledgers beside the record: they are checked by their loader
/// and taken into the record as one `WorkChange::Adopt` at `now`. A bare
/// `xinfang-office` file (the core's stored form) reads as it is.
pub fn read(text: &str, now: NaiveDateTime) -> Result<Contents, String> {
    let mut checkpoint = None;
    let (office_text, work) = match serde_json::from_str::<Envelope<'_>>(text) {
        Ok(e) if e.format == BACKUP_FORMAT => {
            if e.version > BACKUP_VERSION {
                return Err(format!(
                    "备份文件由更新版本的软件生成（备份格式版本{}），请升级后再恢复",
                    e.version
                ));
            }
            let office = e.office.ok_or("备份文件缺少案件记录")?;
            let work = match e.work {
                Some(raw) => Some(
                    serde_json::from_str::<WorkLedgers>(raw.get())
                        .map_err(|err| format!("备份中的工作台账已损坏：{err}"))?,
                ),
                None => None,
            };
            checkpoint = e.checkpoint;
            (office.get(), work)
        }
        _ => (text, None),
    };
    let mut office = Office::from_json(office_text).map_err(|e| e.to_string())?;
    if let Some(point) = checkpoint.filter(|p| !office.log().passes_through(p)) {
        return Err(format!(
            "备份文件头记载的记录校验码（{}）与文件中的历史记录不符，文件在导出后可能被改动过",
            point.code()
        ));
    }
    if let Some(work) = work.filter(|w| *w != WorkLedgers::default()) {
        let adopt = Command::Work(WorkChange::Adopt(Box::new(work)));
        office.execute(adopt, now).map_err(|e| format!("备份中的工作台账无法并入记录：{e}"))?;
    }
    let version = serde_json::from_str::<VersionOnly>(office_text)
        .map(|v| v.format_version)
        .unwrap_or(xinfang_core::office::FORMAT_VERSION);
    let preview = preview(&office, version);
    Ok(Contents { office, preview, checkpoint })
}

/// Where the replaced record went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// What of the restored record is committed.
    pub saved: Saved,
    /// The prefix the previous record was moved to (`None` when there was
    /// none).
    pub aside: Option<String>,
}

/// Replaces the record under `prefix` by `office`, whole: the stored
/// record (with anything stored beside it) is moved aside first, then
/// `office` is saved; if any step fails, what was written is removed and
/// the previous record moved back, so the store is as before and the error
/// is returned. Journaled ([`record::journal`]): a page that dies half-way
/// is finished or undone by the next open.
pub fn replace(
    kv: &dyn KeyValue,
    prefix: &str,
    office: &Office,
    now: NaiveDateTime,
) -> Result<Replaced, String> {
    use record::journal::{self, Op, Phase};
    let had = !record::record_keys(kv, prefix).is_empty();
    let aside = record::free_aside(kv, prefix);
    let op =
        |phase| Op::Replace { prefix: prefix.into(), aside: had.then(|| aside.clone()), phase };
    journal::begin(kv, &op(if had { Phase::Moving } else { Phase::Writing }))?;
    // Undone by hand, the journal is no longer needed; if undoing fails it
    // stays, for the next open to finish.
    let undo = |kv: &dyn KeyValue, e: String| {
        // Best effort, each step freeing space for the next.
        let back = record::remove_record(kv, prefix).and_then(|()| {
            if had {
                record::put_back(kv, &aside, prefix)
            } else {
                Ok(())
            }
        });
        if back.is_ok() {
            let _ = journal::end(kv);
        }
        Err(e)
    };
    if had {
        if let Err(e) = record::note_and_move(kv, prefix, &aside, now) {
            // Only old keys are under either prefix: move them back.
            if record::put_back(kv, &aside, prefix).is_ok() {
                let _ = journal::end(kv);
            }
            return Err(e);
        }
        if let Err(e) = journal::begin(kv, &op(Phase::Writing)) {
            return undo(kv, e);
        }
    }
    match record::save(kv, SaveRequest::whole(prefix, office)) {
        Ok(saved) => {
            // Whole from here: a failure to end the journal only means the
            // next open finds the new record's head and keeps it.
            let _ = journal::end(kv);
            // Best effort: without it the restored record merely starts
            // with no list.
            let from = had.then_some(aside.as_str());
            let _ = heads::carry_over(kv, from, prefix, office.log().checkpoint(), now);
            Ok(Replaced { saved, aside: had.then_some(aside) })
        }
        Err(e) => undo(
            kv,
            match e {
                SaveError::Write(d) => d,
                SaveError::Conflict => "conflict".into(),
                SaveError::Unreadable(p) => p.message(Lang::ZhCn),
            },
        ),
    }
}

/// A file read and checked, waiting for the confirmation (to restore, or
/// to merge: see `backup_merge`).
#[derive(Debug)]
pub struct Ready {
    pub(crate) contents: RefCell<Option<Office>>,
    pub(crate) preview: Preview,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::kv::is_quota_error;
    use crate::persist::kv::usage;
    use crate::persist::kv::{MemoryKv, REAL_PREFIX};
    use crate::persist::sandbox::sample_office;
    use xinfang_core::Settings;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn now() -> NaiveDateTime {
        day(2026, 7, 1).and_hms_opt(9, 0, 0).unwrap()
    }

    fn sample(cases: u32) -> Office {
        sample_office(7, day(2026, 6, 30), cases).unwrap()
    }

    #[test]
    fn file_names_say_which_record_and_when() {
        assert_eq!(file_name(Space::Real, day(2026, 12, 1)), "信访备份_2026-12-01.json");
        assert_eq!(file_name(Space::Sandbox, day(2026, 2, 3)), "信访沙盒备份_2026-02-03.json");
    }

    #[test]
    fn the_preview_counts_cases_and_spans_their_dates() {
        let office = sample(200);
        let Contents { office: back, preview: p, .. } = read(&office.to_json(), now()).unwrap();
        assert_eq!(back.log().head(), office.log().head());
        assert_eq!(p.cases, office.cases().len());
        assert!(p.cases > 100, "{p:?}");
        assert_eq!(p.entries, office.log().len());
        assert_eq!(p.format_version, xinfang_core::office::FORMAT_VERSION);
        let (first, last) = p.range.unwrap();
        assert!(office.cases().all(|c| (first..=last).contains(&c.intake().received_on)));
        assert!(office.cases().any(|c| c.intake().received_on == first));
        assert!(office.cases().any(|c| c.intake().received_on == last));
        assert!(last <= day(2026, 6, 30) && first < last);
        let zh = p.describe(Lang::ZhCn);
        assert!(zh.contains(&format!("共{}件案件", p.cases)), "{zh}");
        let version = format!("file format version {}", xinfang_core::office::FORMAT_VERSION);
        assert!(p.describe(Lang::En).contains(&version));
        let empty = preview(&Office::new(Settings::sample_county()), 1);
        assert_eq!((empty.cases, empty.range), (0, None));
    }

    #[test]
    fn foreign_corrupt_and_newer_files_are_refused_in_chinese() {
        let json = sample(20).to_json();
        for bad in [
            "{\"hello\":1}".to_owned(),
            json[..json.len() / 2].to_owned(),
            json.replacen(
                &format!("\"format_version\":{}", xinfang_core::office::FORMAT_VERSION),
                "\"format_version\":99",
                1,
            ),
        ] {
            let err = read(&bad, now()).expect_err("refused");
            assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{err}");
        }
    }

    fn some_work() -> WorkLedgers {
        use xinfang_core::work::change::WorkChange;
        use xinfang_core::work::reception::{Reception, ReceptionKind};
        let leader = Settings::sample_county().org.people().next().unwrap().id();
        let mut r =
            Reception::new(leader, day(2026, 3, 16), "县群众服务大厅", ReceptionKind::RotaDay);
        r.head_count = 4;
        let mut work = WorkLedgers::default();
        work.change(WorkChange::RecordReception(r)).unwrap();
        work
    }

    #[test]
    fn a_backup_holds_the_record_with_its_work_ledgers() {
        let mut office = sample(40);
        let adopt = Command::Work(WorkChange::Adopt(Box::new(some_work())));
        office.execute(adopt, now()).unwrap();
        let text = write(&office, None);
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(file["format"], BACKUP_FORMAT);
        assert_eq!(file["version"], BACKUP_VERSION);
        assert!(file.get("work").is_none(), "the ledgers are in the record's log");
        let point = office.log().checkpoint();
        assert_eq!(file["checkpoint"]["entries"], point.entries);
        assert_eq!(file["checkpoint"]["hash"], point.hash.to_string());
        assert_eq!(file["checkpoint"]["code"], point.code().to_string());
        // The record is the core's own stored form, readable by the core.
        let inner = serde_json::to_string(&file["office"]).unwrap();
        assert_eq!(Office::from_json(&inner).unwrap().log().head(), office.log().head());
        let back = read(&text, now()).unwrap();
        assert_eq!(back.office.log().head(), office.log().head());
        assert_eq!(back.checkpoint, Some(point));
        assert_eq!(*back.office.work(), some_work());
        assert_eq!(back.preview.work, 1);
        assert!(back.preview.describe(Lang::ZhCn).contains("工作台账1条记录"));
        // A bare record (the core's stored form) restores as it is.
        let bare = read(&sample(40).to_json(), now()).unwrap();
        assert_eq!((bare.office.work().clone(), bare.preview.work), (WorkLedgers::default(), 0));
        // Newer backups are refused, in Chinese.
        let newer = text.replacen("\"version\":2", "\"version\":3", 1);
        assert!(read(&newer, now()).unwrap_err().contains("更新版本"));
        // A backup made while the stored record could not be read whole
        // holds the original as stored; it restores what the tab showed.
        let raw = r#"{"format":"xinfang-raw-storage","prefix":"xinfang.office.","values":{"xinfang.office.log.1":"{\"h\":"}}"#;
        let with = write(&office, Some(raw));
        let file: serde_json::Value = serde_json::from_str(&with).unwrap();
        assert_eq!(file["damaged_original"]["values"]["xinfang.office.log.1"], "{\"h\":");
        assert_eq!(read(&with, now()).unwrap().office.log().head(), office.log().head());
    }

    #[test]
    fn a_version_1_backup_brings_its_ledgers_into_the_record() {
        let office = sample(40);
        let work = serde_json::to_string(&some_work()).unwrap();
        let text = format!(
            "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":1,\"work\":{work},\"office\":{}}}",
            office.to_json()
        );
        let back = read(&text, now()).unwrap();
        assert_eq!(*back.office.work(), some_work());
        assert_eq!(back.office.log().len(), office.log().len() + 1, "one adoption event");
        assert_eq!(back.office.cases().len(), office.cases().len());
        assert_eq!(back.preview.work, 1);
        // Damaged ledgers are refused, in Chinese, and nothing is read.
        let damaged = text.replacen("\"next\":2", "\"next\":1", 1);
        assert_ne!(damaged, text);
        let err = read(&damaged, now()).unwrap_err();
        assert!(err.contains("工作台账已损坏"), "{err}");
    }

    #[test]
    fn replacing_keeps_the_previous_record_aside() {
        let kv = MemoryKv::default();
        let old = sample(30);
        record::save(&kv, SaveRequest::whole(REAL_PREFIX, &old)).unwrap();
        let before = kv.snapshot();
        let new = sample(60);
        let r = replace(&kv, REAL_PREFIX, &new, now()).unwrap();
        assert_eq!(r.aside.as_deref(), Some("xinfang.office-aside-1"));
        let loaded = record::load(&kv, REAL_PREFIX).unwrap().unwrap();
        assert_eq!(loaded.office.log().head(), new.log().head());
        let kept = record::load(&kv, "xinfang.office-aside-1").unwrap().unwrap();
        assert_eq!(kept.office.log().head(), old.log().head());
        for (k, v) in &before {
            let moved = k.replacen(REAL_PREFIX, "xinfang.office-aside-1", 1);
            assert_eq!(kv.snapshot().get(&moved), Some(v), "{k} kept byte for byte");
        }
        // Into an empty store: nothing to set aside.
        let empty = MemoryKv::default();
        assert_eq!(replace(&empty, REAL_PREFIX, &new, now()).unwrap().aside, None);
    }

    #[test]
    fn a_full_store_leaves_the_previous_record_as_it_was() {
        let old = sample(30);
        let kv = MemoryKv::default();
        record::save(&kv, SaveRequest::whole(REAL_PREFIX, &old)).unwrap();
        let before = kv.snapshot();
        let used = usage(&kv);
        let kv = MemoryKv { quota: Some(used * 2), ..MemoryKv::default() };
        *kv.map.borrow_mut() = before.clone();
        let big = sample(600);
        let err = replace(&kv, REAL_PREFIX, &big, now()).unwrap_err();
        assert!(is_quota_error(&err), "{err}");
        assert_eq!(kv.snapshot(), before, "nothing partial");
    }
    #[test]
    fn a_file_whose_history_left_its_header_checkpoint_is_refused() {
        let office = sample(20);
        let text = write(&office, None);
        let other = sample(21).log().checkpoint();
        let point = office.log().checkpoint();
        let lied = text.replacen(&point.hash.to_string(), &other.hash.to_string(), 1);
        let err = read(&lied, now()).unwrap_err();
        assert!(err.contains("可能被改动"), "{err}");
        // Without the field (older files) it reads as before.
        let old = format!(
            "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":2,\"office\":{}}}",
            office.to_json()
        );
        assert_eq!(read(&old, now()).unwrap().checkpoint, None);
    }

    #[test]
    fn a_restore_keeps_the_old_points_visible_without_an_alarm() {
        let kv = MemoryKv::default();
        let old = sample(10);
        record::save(&kv, SaveRequest::whole(REAL_PREFIX, &old)).unwrap();
        heads::note(
            &kv,
            REAL_PREFIX,
            old.log().checkpoint(),
            now(),
            heads::What::Report { period: "2026年6月".into() },
        )
        .unwrap();
        let new = sample(30);
        let replaced = replace(&kv, REAL_PREFIX, &new, now()).unwrap();
        let check = heads::check(&kv, REAL_PREFIX, new.log());
        assert_eq!(check.rows.len(), 2, "{check:?}");
        assert!(!check.rows[0].current, "the replaced history's point");
        assert_eq!(check.rows[1].recorded.what, heads::What::Restore);
        assert_eq!(check.rows[1].recorded.point(), new.log().checkpoint());
        assert!(check.rows[1].passes && check.rows[1].current);
        assert!(!check.alarming());
        // The replaced record keeps its own list.
        assert_eq!(heads::read(&kv, replaced.aside.as_deref().unwrap()).unwrap().len(), 1);
        // Into an empty store: the list starts with the restore.
        let empty = MemoryKv::default();
        replace(&empty, REAL_PREFIX, &new, now()).unwrap();
        assert_eq!(heads::read(&empty, REAL_PREFIX).unwrap().len(), 1);
    }

    use crate::persist::record::tests::{stored, under, FailingKv};

    /// Replacing a record by a restored one, with its `n`-th write failing
    /// (the page dying there or going on), for every `n`; after the next open
    /// the record under the prefix is either the old one, whole, with nothing
    /// aside, or the new one, whole, with the old one whole aside; and a
    /// restore reported done is the new one.
    #[test]
    fn a_restore_survives_a_failure_at_every_write() {
        let now = day(2026, 7, 1).and_hms_opt(9, 0, 0).unwrap();
        let (base, old) = stored(30);
        let before = under(&base, REAL_PREFIX);
        let new = sample_office(12, day(2026, 6, 30), 25).unwrap();
        let counting = FailingKv { inner: &base, n: usize::MAX, dies: false, writes: 0.into() };
        let clean = base.snapshot();
        replace(&counting, REAL_PREFIX, &new, now).unwrap();
        let total = counting.writes.get();
        for dies in [true, false] {
            for n in 1..=total {
                let kv = MemoryKv::default();
                *kv.map.borrow_mut() = clean.clone();
                let failing = FailingKv { inner: &kv, n, dies, writes: 0.into() };
                let result = replace(&failing, REAL_PREFIX, &new, now);
                let recovered = record::journal::recover(&kv);
                assert!(
                    !matches!(recovered, Some(record::journal::Recovery::Failed(_))),
                    "{n}: {recovered:?}"
                );
                assert!(
                    kv.get_raw(record::journal::JOURNAL_KEY).unwrap().is_none(),
                    "{n}: journal left"
                );
                let loaded = record::load(&kv, REAL_PREFIX).unwrap().expect("a record").office;
                let mut aside = under(&kv, "xinfang.office-aside-1");
                aside.remove(record::ASIDE_NOTE);
                if loaded.log().head() == new.log().head() {
                    assert_eq!(aside, before, "{n} {dies}: the old record whole aside");
                } else {
                    assert_eq!(loaded.log().head(), old.log().head(), "{n} {dies}");
                    assert!(
                        result.is_err(),
                        "{n} {dies}: reported restored, but the old one opens"
                    );
                    assert_eq!(under(&kv, REAL_PREFIX), before, "{n} {dies}: the old one whole");
                    assert!(aside.is_empty(), "{n} {dies}: a copy left aside: {:?}", aside.keys());
                }
            }
        }
    }
}
