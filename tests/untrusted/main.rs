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
// `plan` over whatever they read.

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

    /// Reads the bytes as a file of that name; whatever is read is planned
    /// into a fresh office and, when accepted, goes in whole.
    fn check(name: &str, bytes: &[u8]) {
        if let Ok(loaded) = ledger_file::read(name, bytes, 0) {
            check_table(&loaded.table);
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
        use std::io::{Read as _, Write as _};
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&ledgers().0)).expect("ours");
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

    proptest! {
        #![proptest_config(config())]

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
            check(name, &data);
        }

        #[test]
        fn damaged_xlsx_ledgers_are_refused_or_read(
            d in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<u8>()), 1..4),
        ) {
            check("台账.xlsx", &damage_bytes(&ledgers().0, &d));
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
