//! Every path by which outside bytes reach the app — a backup file chosen
//! for restore, the stored record (head, settings, log chunks), the stored
//! work ledgers, the stored preferences, the core's stored form — fed with
//! arbitrary text and with valid data damaged at random (cut, spliced,
//! characters replaced, parts repeated). Each must answer with a value or
//! a refusal, never a panic; and whatever it accepts must be consistent
//! (saved again, it reads back the same).
//!
//! A bounded fuzz run: proptest with a fixed number of cases per target
//! (`PROPTEST_CASES` raises it for a longer local run), part of
//! `cargo xtask test`.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::reception::{Reception, ReceptionKind};
use xinfang_core::{Command, Office, WorkLedgers};
use xinfang_web::persist::backup;
use xinfang_web::persist::kv::{KeyValue, MemoryKv, REAL_PREFIX};
use xinfang_web::persist::record::SaveRequest;
use xinfang_web::persist::{pack, record, sandbox};
use xinfang_web::persist::{prefs as storage, work as work_store};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// A small real record: 40 sample cases (several log chunks), then the
/// work ledgers of [`work`] taken into its log.
fn office() -> &'static Office {
    static OFFICE: OnceLock<Office> = OnceLock::new();
    OFFICE.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let mut office = sandbox::sample_office(11, today, 40).expect("the sample generates");
        let adopt = Command::Work(WorkChange::Adopt(Box::new(work().clone())));
        office.execute(adopt, now()).expect("the ledgers are taken in");
        office
    })
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

/// A backup as version 1 wrote it: the cases, and the ledgers beside them.
fn version_1_backup() -> String {
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let cases = sandbox::sample_office(11, today, 40).expect("the sample generates");
    let work = serde_json::to_string(work()).expect("plain data");
    format!(
        "{{\"format\":\"xinfang-backup\",\"version\":1,\"work\":{work},\"office\":{}}}",
        cases.to_json()
    )
}

fn work() -> &'static WorkLedgers {
    static WORK: OnceLock<WorkLedgers> = OnceLock::new();
    WORK.get_or_init(|| {
        let org = xinfang_core::Organisation::sample_county();
        let leader = org.people().next().expect("people").id();
        let mut work = WorkLedgers::default();
        for day in [16, 17, 18] {
            let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
            let mut r = Reception::new(leader, date, "县群众服务大厅", ReceptionKind::RotaDay);
            r.head_count = day;
            r.matters = vec![format!("事项{day}")];
            work.change(WorkChange::RecordReception(r)).expect("valid");
        }
        work
    })
}

/// The stored record's keys and values.
fn stored_record() -> &'static Vec<(String, String)> {
    static KV: OnceLock<Vec<(String, String)>> = OnceLock::new();
    KV.get_or_init(|| {
        let kv = MemoryKv::default();
        let req = SaveRequest {
            prefix: REAL_PREFIX,
            office: office(),
            saved: None,
            settings_changed: true,
            sample: None,
        };
        record::save(&kv, req).expect("saved");
        kv.snapshot().into_iter().collect()
    })
}

/// One way of damaging a text.
#[derive(Debug, Clone)]
enum Damage {
    /// Cut it at a point (a save cut short).
    Truncate(prop::sample::Index),
    /// Remove a stretch.
    Remove(prop::sample::Index, usize),
    /// Insert arbitrary text.
    Insert(prop::sample::Index, String),
    /// Replace one character.
    Replace(prop::sample::Index, char),
    /// Repeat a stretch right after itself.
    Repeat(prop::sample::Index, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Damage::Truncate),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Damage::Remove(i, n)),
        (any::<prop::sample::Index>(), ".{0,12}").prop_map(|(i, s)| Damage::Insert(i, s)),
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Damage::Replace(i, c)),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Damage::Repeat(i, n)),
    ]
}

/// The nearest character boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)
}

fn apply(text: &str, damage: &Damage) -> String {
    if text.is_empty() {
        return text.to_owned();
    }
    let at = |i: &prop::sample::Index| boundary(text, i.index(text.len()));
    let end = |from: usize, n: usize| boundary(text, (from + n).min(text.len()));
    match damage {
        Damage::Truncate(i) => text[..at(i)].to_owned(),
        Damage::Remove(i, n) => {
            let (a, b) = (at(i), end(at(i), *n));
            format!("{}{}", &text[..a], &text[b..])
        }
        Damage::Insert(i, s) => format!("{}{s}{}", &text[..at(i)], &text[at(i)..]),
        Damage::Replace(i, c) => {
            let a = at(i);
            let b = text[a..].chars().next().map_or(a, |ch| a + ch.len_utf8());
            format!("{}{c}{}", &text[..a], &text[b..])
        }
        Damage::Repeat(i, n) => {
            let (a, b) = (at(i), end(at(i), *n));
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
    }
}

fn damaged(text: &str, damages: &[Damage]) -> String {
    damages.iter().fold(text.to_owned(), |t, d| apply(&t, d))
}

/// Arbitrary bytes as the browser would hand them over (a file's text is
/// decoded with replacement characters).
fn bytes_as_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An accepted backup is whole: written again, it reads back the same.
fn check_backup(text: &str) {
    if let Ok(contents) = backup::read(text, now()) {
        let again = backup::write(&contents.office, None);
        let back = backup::read(&again, now()).expect("a written backup reads back");
        assert_eq!(back.office.log().head(), contents.office.log().head());
        assert_eq!(back.office.work(), contents.office.work());
        assert_eq!(back.preview.cases, contents.preview.cases);
    }
}

/// Accepted stored ledgers are whole: stored again, they read back the same.
fn check_work(text: &str) {
    if let Ok(stored) = work_store::parse(text) {
        let again = work_store::envelope_text(&stored.ledgers, stored.rev);
        assert_eq!(work_store::parse(&again).expect("reads back"), stored);
    }
}

/// Loading a damaged store never panics, and what loads replays: its log
/// verifies and it saves into a fresh store that loads the same.
fn check_store(pairs: &[(String, String)]) {
    let kv = MemoryKv::default();
    for (k, v) in pairs {
        kv.set(k, v).expect("no quota");
    }
    if let Ok(Some(record)) = record::load(&kv, REAL_PREFIX) {
        assert!(record.office.log().verify().is_ok());
        let fresh = MemoryKv::default();
        let req = SaveRequest {
            prefix: REAL_PREFIX,
            office: &record.office,
            saved: None,
            settings_changed: true,
            sample: None,
        };
        record::save(&fresh, req).expect("saved");
        let back = record::load(&fresh, REAL_PREFIX).expect("loads").expect("present");
        assert_eq!(back.office.log().head(), record.office.log().head());
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn backup_files_of_arbitrary_bytes_are_refused_or_whole(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_backup(&bytes_as_text(&bytes));
    }

    #[test]
    fn damaged_backup_files_are_refused_or_whole(d in prop::collection::vec(damage(), 1..4)) {
        let text = backup::write(office(), None);
        check_backup(&damaged(&text, &d));
    }

    #[test]
    fn damaged_version_1_backups_are_refused_or_whole(d in prop::collection::vec(damage(), 1..4)) {
        check_backup(&damaged(&version_1_backup(), &d));
    }

    #[test]
    fn damaged_core_files_are_refused_or_replay(d in prop::collection::vec(damage(), 1..4)) {
        let text = damaged(&office().to_json(), &d);
        if let Ok(loaded) = Office::from_json(&text) {
            prop_assert!(loaded.log().verify().is_ok());
            let again = Office::from_json(&loaded.to_json()).expect("reads back");
            prop_assert_eq!(again.log().head(), loaded.log().head());
        }
    }

    #[test]
    fn stored_work_ledgers_of_arbitrary_bytes_are_refused_or_whole(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        check_work(&bytes_as_text(&bytes));
    }

    #[test]
    fn damaged_stored_work_ledgers_are_refused_or_whole(d in prop::collection::vec(damage(), 1..4)) {
        check_work(&damaged(&work_store::envelope_text(work(), 3), &d));
    }

    #[test]
    fn a_damaged_stored_record_is_refused_or_replays(
        key in any::<prop::sample::Index>(),
        d in prop::collection::vec(damage(), 1..4),
    ) {
        let mut pairs = stored_record().clone();
        let i = key.index(pairs.len());
        pairs[i].1 = damaged(&pairs[i].1, &d);
        check_store(&pairs);
    }

    #[test]
    fn a_stored_record_with_a_part_missing_or_foreign_is_refused_or_replays(
        key in any::<prop::sample::Index>(),
        value in prop::option::of(".{0,64}"),
    ) {
        let mut pairs = stored_record().clone();
        let i = key.index(pairs.len());
        match value {
            Some(v) => pairs[i].1 = v,
            None => { pairs.remove(i); }
        }
        check_store(&pairs);
    }

    #[test]
    fn packed_text_of_arbitrary_characters_never_panics(text in ".{0,256}", dict in ".{0,64}") {
        let _ = pack::unpack(&text);
        let _ = pack::unpack_with_dict(&text, &dict);
    }

    #[test]
    fn stored_preferences_of_any_json_are_read_or_refused(text in ".{0,128}", d in prop::collection::vec(damage(), 0..3)) {
        let valid = storage::encode(&storage::Prefs::default());
        for candidate in [text, damaged(&valid, &d)] {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&candidate) {
                if let Ok(settings) = storage::decode(value) {
                    let again: serde_json::Value = serde_json::from_str(&storage::encode(&settings)).expect("JSON");
                    prop_assert_eq!(storage::decode(again).ok(), Some(settings));
                }
            }
        }
    }
}

/// The damage actually reaches the loaders' refusals (a fuzz target that
/// never fails to parse would test nothing): cutting a backup in half is
/// refused, and so is a changed character in a sealed chunk.
#[test]
fn the_damage_is_seen() {
    let text = backup::write(office(), None);
    let half = boundary(&text, text.len() / 2);
    assert!(backup::read(&text[..half], now()).is_err());
    assert!(backup::read(&text, now()).is_ok());
    let old = version_1_backup();
    let half = boundary(&old, old.len() / 2);
    assert!(backup::read(&old[..half], now()).is_err());
    assert_eq!(backup::read(&old, now()).expect("a version 1 backup").office.work(), work());
    let pairs = stored_record();
    let chunk = pairs.iter().position(|(k, _)| k.ends_with(".log.0")).expect("a sealed chunk");
    let mut broken = pairs.clone();
    let value = &broken[chunk].1;
    let mid = boundary(value, value.len() / 2);
    let next = value[mid..].chars().next().expect("a character");
    let other = if next == '\u{4e00}' { '\u{4e01}' } else { '\u{4e00}' };
    broken[chunk].1 = format!("{}{other}{}", &value[..mid], &value[mid + next.len_utf8()..]);
    let kv = MemoryKv::default();
    for (k, v) in &broken {
        kv.set(k, v).unwrap();
    }
    assert!(record::load(&kv, REAL_PREFIX).is_err());
}

// ---------------------------------------------------------------------------
// The ledger import (导入台账): the .xlsx/.xls/.csv readers and the core's
// `plan` over whatever they read; county workbooks of generated shapes
// (several sheets, merged titles and two-row headers, hidden rows and
// sheets, years in names and titles, numbers in number cells) and a fixed
// one damaged part by part, read sheet by sheet and together.

mod ledger_import {
    use super::*;
    use xinfang_core::export::{ledger_csv, ledger_xlsx, Privacy};
    use xinfang_core::import::{plan, Mapping, Options, Table};
    use xinfang_web::features::import::ledger_file;

    fn now() -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap().and_hms_opt(12, 0, 0).unwrap()
    }

    /// The sample record's ledger, in full, as .xlsx and as CSV.
    fn ledgers() -> &'static (Vec<u8>, Vec<u8>) {
        static L: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
        L.get_or_init(|| {
            let o = office();
            let today = now().date();
            let xlsx = ledger_xlsx(o, o.cases(), today, Privacy::Full).expect("the xlsx");
            (xlsx, ledger_csv(o, o.cases(), today, Privacy::Full))
        })
    }

    /// Reads the bytes as a file of that name; whatever is read is whole
    /// (see [`check_loaded`]), planned into a fresh office and, when
    /// accepted, goes in whole.
    fn check(name: &str, bytes: &[u8]) {
        if let Ok(loaded) = ledger_file::read(name, bytes, 0) {
            check_loaded(&loaded);
            check_table(&loaded.table);
        }
    }

    /// [`check`], then every sheet told and (when there are several) the
    /// sheets preselected read together. Twice the reading: kept to the
    /// small files, so the run stays short.
    fn check_all(name: &str, bytes: &[u8]) {
        check(name, bytes);
        if let Ok(sheets) = ledger_file::ledger_sheets(name, bytes) {
            check_sheets(&sheets);
            if sheets.len() > 1 {
                check_chosen(name, bytes, &ledger_file::preselect(&sheets));
            }
        }
    }

    /// Reads the chosen sheets; what is read is whole and plans.
    fn check_chosen(name: &str, bytes: &[u8], chosen: &[usize]) {
        if let Ok(loaded) = ledger_file::read_sheets(name, bytes, chosen) {
            check_loaded(&loaded);
            check_table(&loaded.table);
        }
    }

    /// What `ledger_sheets` tells is consistent.
    fn check_sheets(sheets: &[ledger_file::SheetInfo]) {
        assert!(!sheets.is_empty());
        for s in sheets {
            assert!(s.hidden_rows <= s.rows, "{s:?}");
            assert!(s.year.is_none_or(|y| (1990..=2100).contains(&y)), "{s:?}");
            assert!(s.header_row.is_some() || s.problem.is_some(), "{s:?}");
            assert!(s.rows <= xinfang_core::import::MAX_ROWS);
        }
        let picked = ledger_file::preselect(sheets);
        assert!(!picked.is_empty() && picked.iter().all(|i| *i < sheets.len()));
    }

    /// A table read is whole: every row with its origin in a sheet read,
    /// below a header, its year in range; every row's place can be named.
    fn check_loaded(l: &ledger_file::Loaded) {
        let n = l.table.rows.len();
        assert_eq!(l.origins.len(), n);
        assert_eq!(l.table.years.len(), n);
        assert!(n <= xinfang_core::import::MAX_ROWS);
        assert!(l.chosen.contains(&l.sheet) && l.chosen.iter().all(|i| *i < l.sheets.len()));
        assert!(l.header_row >= 1);
        for o in &l.origins {
            assert!(l.chosen.contains(&o.sheet) && o.row >= 2, "{o:?}");
        }
        assert!(l.table.years.iter().flatten().all(|y| (1990..=2100).contains(y)));
        assert!(l.hidden_rows() <= n);
        for row in [0, 1, 2, n + 1, n + 2] {
            assert!(!l.place(row, xinfang_web::i18n::Lang::ZhCn).is_empty());
            let _ = l.sheet_row(row);
        }
    }

    fn check_table(table: &Table) {
        let mut office = Office::new(xinfang_core::Settings::sample_county());
        let mapping = Mapping::recognise(&table.headers);
        if let Ok(p) = plan(&office, table, &mapping, &Options::default(), now()) {
            let ids = p.apply(&mut office).expect("a checked plan applies");
            assert_eq!(ids.len(), p.rows.len());
            assert_eq!(office.cases().len(), p.rows.len());
        }
    }

    /// Byte-level damage: flip bytes, cut, repeat a stretch.
    fn damage_bytes(bytes: &[u8], d: &[(prop::sample::Index, u8, u8)]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for (i, value, how) in d {
            if out.is_empty() {
                break;
            }
            let at = i.index(out.len());
            match how % 4 {
                0 => out[at] = *value,
                1 => out.truncate(at),
                2 => {
                    let end = (at + usize::from(*value)).min(out.len());
                    let stretch = out[at..end].to_vec();
                    out.splice(end..end, stretch);
                }
                _ => {
                    let end = (at + usize::from(*value)).min(out.len());
                    out.drain(at..end);
                }
            }
        }
        out
    }

    /// The .xlsx re-zipped with one part's XML damaged as text: a crafted
    /// archive that passes the zip layer and reaches the XML readers.
    fn crafted_xlsx(part: prop::sample::Index, d: &[Damage], grow: u8) -> Vec<u8> {
        crafted_from(&ledgers().0, part, d, grow)
    }

    /// `base` re-zipped with one part damaged (see [`crafted_xlsx`]).
    fn crafted_from(base: &[u8], part: prop::sample::Index, d: &[Damage], grow: u8) -> Vec<u8> {
        use std::io::{Read as _, Write as _};
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(base)).expect("ours");
        let target = part.index(archive.len());
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).expect("a part");
            let name = file.name().expect("a name").to_string();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read a part");
            if i == target {
                let text = damaged(&String::from_utf8_lossy(&bytes), d);
                // Sometimes the damaged part is repeated, up to a few MB.
                bytes = text.repeat(1 + usize::from(grow % 4) * usize::from(grow)).into_bytes();
            }
            out.start_file(name, options).expect("a part");
            out.write_all(&bytes).expect("write a part");
        }
        out.finish().expect("an archive").into_inner()
    }

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[0-9/年月日.-]{0,12}",
            "[张李某、,，]{0,6}",
            prop::sample::select(vec![
                "来访",
                "拖欠工资",
                "县人社局",
                "予以支持",
                "满意",
                "2025-03-01",
                "城关镇",
                "不予支持"
            ])
            .prop_map(String::from),
            ".{0,24}",
        ]
    }

    /// A sheet of a county workbook as the generator writes it.
    #[derive(Debug, Clone)]
    struct Shaped {
        name: String,
        hidden: bool,
        /// Rows from row 1; a cell is text, or a number when it parses as one.
        rows: Vec<Vec<String>>,
        /// 0-based rows hidden.
        hide: Vec<u32>,
        /// Merged ranges: first row, first column, rows and columns more.
        merge: Vec<(u32, u16, u32, u16)>,
    }

    /// A header cell, a title, a group title or a data cell.
    fn shaped_cell() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => cell(),
            2 => prop::sample::select(
                [
                    "登记日期", "信访人", "信访形式", "反映问题", "问题类别", "身份证号", "序号",
                    "办理情况", "受理时间", "答复时间", "办理结果", "备注", "来访日期",
                    "安和县信访局2025年信访事项登记台账", "1月", "3月16日", "340102199001011237",
                ]
                .to_vec()
            )
            .prop_map(String::from),
            1 => prop::sample::select(xinfang_core::export::LEDGER_HEADERS.to_vec())
                .prop_map(String::from),
            1 => any::<f64>().prop_map(|f| f.to_string()),
            1 => (0u64..999_999_999_999_999_999).prop_map(|n| n.to_string()),
        ]
    }

    fn shaped_sheet() -> impl Strategy<Value = Shaped> {
        (
            prop::sample::select(vec![
                "2025年1月",
                "2月",
                "汇总",
                "2025.3",
                "Sheet1",
                "二〇二五年",
                "2024-2025",
                "1989年",
            ]),
            any::<bool>(),
            prop::collection::vec(prop::collection::vec(shaped_cell(), 0..8), 0..9),
            prop::collection::vec(0u32..10, 0..3),
            prop::collection::vec((0u32..8, 0u16..8, 0u32..3, 0u16..4), 0..3),
        )
            .prop_map(|(name, hidden, rows, hide, merge)| Shaped {
                name: name.to_string(),
                hidden,
                rows,
                hide,
                merge,
            })
    }

    /// The sheets as an .xlsx (what the writer refuses, a repeated name
    /// or an overlapping merge, is left out); `None` if it writes none.
    fn shaped_xlsx(sheets: &[Shaped]) -> Option<Vec<u8>> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (i, s) in sheets.iter().enumerate() {
            let ws = book.add_worksheet();
            if sheets[..i].iter().all(|t| t.name != s.name) {
                ws.set_name(&s.name).ok()?;
            }
            for (r, row) in s.rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    let _ = match text.parse::<f64>() {
                        Ok(f) if f.is_finite() => ws.write_number(r, c, f).map(|_| ()),
                        _ => ws.write_string(r, c, text).map(|_| ()),
                    };
                }
            }
            for &(r, c, dr, dc) in &s.merge {
                let text = s.rows.get(r as usize).and_then(|row| row.get(usize::from(c)));
                let text = text.map_or("", String::as_str);
                let format = rust_xlsxwriter::Format::new();
                let _ = ws.merge_range(r, c, r + dr, c + dc, text, &format);
            }
            for &r in &s.hide {
                let _ = ws.set_row_hidden(r);
            }
            ws.set_hidden(s.hidden);
        }
        book.save_to_buffer().ok()
    }

    /// A fixed county workbook: a summary, a month sheet under a merged
    /// title with a two-row header and a hidden row, a month laid out
    /// otherwise; the base the crafted workbooks are damaged from.
    fn county_workbook() -> &'static Vec<u8> {
        static W: OnceLock<Vec<u8>> = OnceLock::new();
        W.get_or_init(|| {
            let rows = |rows: &[&[&str]]| -> Vec<Vec<String>> {
                rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
            };
            let summary = Shaped {
                name: "汇总".into(),
                hidden: false,
                rows: rows(&[&["2025年信访情况汇总"], &["月份", "件数"], &["1月", "2"]]),
                hide: vec![],
                merge: vec![],
            };
            let jan = Shaped {
                name: "1月".into(),
                hidden: false,
                rows: rows(&[
                    &["安和县信访局2025年信访事项登记台账"],
                    &[
                        "序号",
                        "登记日期",
                        "信访人",
                        "信访形式",
                        "反映问题",
                        "问题类别",
                        "办理情况",
                        "",
                        "",
                    ],
                    &["", "", "", "", "", "", "受理时间", "答复时间", "办理结果"],
                    &[
                        "1",
                        "1月6日",
                        "张某",
                        "来访",
                        "反映工资被拖欠",
                        "拖欠工资",
                        "1月7日",
                        "2025-02-01",
                        "予以支持",
                    ],
                    &["2", "1月9日", "李某", "来信", "反映道路破损", "交通治理", "", "", ""],
                ]),
                hide: vec![4],
                merge: vec![(0, 0, 0, 8), (1, 6, 0, 2), (1, 0, 1, 0)],
            };
            let feb = Shaped {
                name: "2025年2月".into(),
                hidden: false,
                rows: rows(&[
                    &["信访人", "来访日期", "身份证号", "反映问题", "信访形式", "问题类别"],
                    &["王某", "2月3日", "340102199001011237", "反映征地补偿", "来访", "征地拆迁"],
                ]),
                hide: vec![],
                merge: vec![],
            };
            shaped_xlsx(&[summary, jan, feb]).expect("the county workbook")
        })
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn shaped_workbooks_are_refused_or_read(
            sheets in prop::collection::vec(shaped_sheet(), 1..4),
            chosen in prop::collection::vec(0usize..5, 0..4),
        ) {
            if let Some(bytes) = shaped_xlsx(&sheets) {
                check_all("台账.xlsx", &bytes);
                check_chosen("台账.xlsx", &bytes, &chosen);
            }
        }

        #[test]
        fn crafted_county_workbooks_are_refused_or_read(
            part in any::<prop::sample::Index>(),
            d in prop::collection::vec(damage(), 1..4),
            grow in 0u8..4,
            chosen in prop::collection::vec(0usize..4, 0..3),
        ) {
            let bytes = crafted_from(county_workbook(), part, &d, grow);
            check_all("台账.xlsx", &bytes);
            check_chosen("台账.xlsx", &bytes, &chosen);
        }

        #[test]
        fn ledger_files_of_arbitrary_bytes_are_refused_or_read(
            bytes in prop::collection::vec(any::<u8>(), 0..512),
            name in prop::sample::select(vec!["a.xlsx", "a.xls", "a.csv", "a.txt", "a.bin"]),
            magic in 0u8..3,
        ) {
            // Half of them start like a workbook, to get past the sniffing.
            let mut data = match magic {
                0 => b"PK\x03\x04".to_vec(),
                1 => vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                _ => Vec::new(),
            };
            data.extend(bytes);
            check_all(name, &data);
        }

        #[test]
        fn damaged_xlsx_ledgers_are_refused_or_read(
            d in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<u8>()), 1..4),
        ) {
            check_all("台账.xlsx", &damage_bytes(&ledgers().0, &d));
        }

        #[test]
        fn crafted_xlsx_archives_are_refused_or_read(
            part in any::<prop::sample::Index>(),
            d in prop::collection::vec(damage(), 1..4),
            grow in any::<u8>(),
        ) {
            check("台账.xlsx", &crafted_xlsx(part, &d, grow));
        }

        #[test]
        fn damaged_csv_ledgers_are_refused_or_read(
            d in prop::collection::vec(damage(), 1..4),
            bytes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<u8>()), 0..3),
        ) {
            let text = String::from_utf8_lossy(&ledgers().1).into_owned();
            let text = damaged(&text, &d);
            check("台账.csv", &damage_bytes(text.as_bytes(), &bytes));
        }

        #[test]
        fn plan_takes_arbitrary_tables_without_panicking(
            headers in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(xinfang_core::export::LEDGER_HEADERS.to_vec()).prop_map(String::from),
                    ".{0,8}",
                ], 0..20),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..20), 0..10),
        ) {
            check_table(&Table { headers, rows, years: Vec::new() });
        }
    }

    /// The county workbook the crafted ones start from is read whole: its
    /// two month sheets, the two-row header, the hidden row, the years.
    #[test]
    fn the_undamaged_county_workbook_reads_whole() {
        let bytes = county_workbook();
        let sheets = ledger_file::ledger_sheets("台账.xlsx", bytes).expect("sheets");
        assert_eq!(ledger_file::preselect(&sheets), vec![1, 2]);
        let l = ledger_file::read_sheets("台账.xlsx", bytes, &[1, 2]).expect("read");
        check_loaded(&l);
        assert_eq!(l.table.rows.len(), 3);
        assert_eq!(l.header_row, 3);
        assert_eq!(l.hidden_rows(), 1);
        assert_eq!(l.table.years, vec![Some(2025); 3]);
        let m = Mapping::recognise(&l.table.headers);
        assert!(m.column(xinfang_core::import::Field::ReplyDate).is_some());
        assert!(m.column(xinfang_core::import::Field::IdNumbers).is_some());
        assert_eq!(l.place(4, xinfang_web::i18n::Lang::ZhCn), "2025年2月!第2行");
    }

    /// The readers do read the undamaged ledgers: the whole sample record
    /// goes into a fresh office (the fuzzing above starts from real files).
    #[test]
    fn the_undamaged_ledgers_import_whole() {
        let (xlsx, csv) = ledgers();
        for (name, bytes) in [("台账.xlsx", xlsx), ("台账.csv", csv)] {
            let loaded = ledger_file::read(name, bytes, 0).expect("read");
            let mut fresh = Office::new(xinfang_core::Settings::sample_county());
            let m = Mapping::recognise(&loaded.table.headers);
            let p = plan(&fresh, &loaded.table, &m, &Options::default(), now())
                .expect("our own ledger plans");
            assert_eq!(
                p.apply(&mut fresh).expect("applies").len(),
                office().cases().len(),
                "{name}"
            );
        }
    }
}
