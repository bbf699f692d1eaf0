//! The stored record: the hash-chained log, the versioned JSON form, and
//! finding earlier cases that a new petition repeats.

use crate::common::{d, World};
use wasm_bindgen_test::wasm_bindgen_test;
use xinfang_core::office::{RepeatReason, FORMAT_VERSION};
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::screening::{Cadence, ScreeningLevel};
use xinfang_core::{Action, EventLog, IdNumber, LoadError, Office, Phone, Settings};

/// The log of a small sample record (8 cases) as version 1 of this library
/// wrote it, hashes and all, before the log could hold work events.
const VERSION_1_LOG: &str = include_str!("data/v1_log.json");

/// A whole stored record of version 1 around that log.
fn version_1_file() -> String {
    let log: serde_json::Value = serde_json::from_str(VERSION_1_LOG).unwrap();
    format!(
        r#"{{"format":"xinfang-office","format_version":1,"settings":{},"log":{log}}}"#,
        serde_json::to_string(&Settings::sample_county()).unwrap()
    )
}

fn busy_world() -> World {
    let mut w = World::new();
    let a = w.accepted_case(d(2025, 3, 3), d(2025, 3, 5));
    w.reply(a, d(2025, 4, 2));
    let b = w.register(d(2025, 3, 10));
    w.transfer(b, d(2025, 3, 11), "县住建局");
    w.register(d(2025, 3, 12));
    w
}

#[wasm_bindgen_test(unsupported = test)]
fn every_change_is_chained_in_the_log() {
    let w = busy_world();
    let log = w.office.log();
    assert_eq!(log.len(), 7);
    assert!(log.verify().is_ok());
    let first = &log.entries()[0];
    assert_eq!(first.prev, xinfang_core::Hash::GENESIS);
    for pair in log.entries().windows(2) {
        assert_eq!(pair[1].prev, pair[0].hash);
        assert_ne!(pair[1].hash, pair[0].hash);
    }
    let history: Vec<_> = w.office.history(xinfang_core::CaseId::new(1)).map(|e| e.seq).collect();
    assert_eq!(history, vec![0, 1, 2, 3]);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_stored_form_round_trips_and_carries_its_version() {
    let w = busy_world();
    let json = w.office.to_json();
    assert!(
        json.starts_with(&format!(
            "{{\"format\":\"xinfang-office\",\"format_version\":{FORMAT_VERSION}"
        )),
        "{}",
        &json[..60]
    );
    let back = Office::from_json(&json).unwrap();
    assert_eq!(back, w.office);
    assert_eq!(back.to_json(), json);
}

#[wasm_bindgen_test(unsupported = test)]
fn tampering_with_history_is_detected() {
    let w = busy_world();
    let json = w.office.to_json();
    // Change a date in the reply (entry 3) without fixing the hashes.
    let forged = json.replacen("2025-04-02", "2025-03-30", 1);
    assert_ne!(forged, json);
    let err = Office::from_json(&forged).unwrap_err();
    assert!(matches!(err, LoadError::Chain(ref e) if e.seq() == 3), "{err}");
    assert!(err.to_string().contains("第3条"), "{err}");

    // Drop entry 2 entirely.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["log"].as_array_mut().unwrap().remove(2);
    let err = Office::from_json(&value.to_string()).unwrap_err();
    assert!(matches!(err, LoadError::Chain(ref e) if e.seq() == 2), "{err}");
}

#[wasm_bindgen_test(unsupported = test)]
fn foreign_newer_and_broken_files_are_refused_with_a_reason() {
    let w = busy_world();
    let json = w.office.to_json();
    let newer =
        json.replacen(&format!("\"format_version\":{FORMAT_VERSION}"), "\"format_version\":99", 1);
    assert_eq!(
        Office::from_json(&newer).unwrap_err(),
        LoadError::NewerVersion { found: 99, supported: FORMAT_VERSION }
    );
    assert_eq!(Office::from_json("{\"todos\":[1,2]}").unwrap_err(), LoadError::Foreign);
    let mut cut = json.len() / 2;
    while !json.is_char_boundary(cut) {
        cut -= 1;
    }
    let half = &json[..cut];
    assert!(matches!(Office::from_json(half).unwrap_err(), LoadError::NotJson { .. }));
    let no_version = json.replacen(&format!("\"format_version\":{FORMAT_VERSION},"), "", 1);
    assert!(matches!(Office::from_json(&no_version).unwrap_err(), LoadError::Corrupt(_)));
    let bad_settings = json.replacen("\"number_prefix\":\"XF\"", "\"number_prefix\":7", 1);
    assert!(matches!(Office::from_json(&bad_settings).unwrap_err(), LoadError::Corrupt(_)));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_version_1_record_loads_with_every_entry_and_hash_unchanged() {
    // The chain is checked by hashing each event as this version writes
    // it: a case event's JSON must be byte for byte what version 1 wrote.
    let log: EventLog = serde_json::from_str(VERSION_1_LOG).unwrap();
    assert_eq!(log.verify(), Ok(()));
    assert_eq!(log.len(), 49);

    let office = Office::from_json(&version_1_file()).unwrap();
    assert_eq!(office.log(), &log);
    assert_eq!(office.cases().len(), 8);
    assert!(office.work().backlog.iter().next().is_none(), "version 1 kept no ledgers here");
    // Written again as the current version, around the same entries.
    let json = office.to_json();
    assert!(json.starts_with(r#"{"format":"xinfang-office","format_version":3,"#));
    let log_part = &json[json.find(r#""log":"#).unwrap() + 6..json.len() - 1];
    assert_eq!(log_part, serde_json::to_string(&log).unwrap());
    assert_eq!(Office::from_json(&json).unwrap(), office);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_version_1_file_holding_work_events_was_not_written_by_version_1() {
    let mut office = Office::from_json(&version_1_file()).unwrap();
    let at = d(2025, 10, 10).and_hms_opt(9, 0, 0).unwrap();
    let cadence = WorkChange::SetCadence(ScreeningLevel::Village, Cadence::Weekly);
    office.execute(xinfang_core::Command::Work(cadence), at).unwrap();
    let json = office.to_json();
    assert!(Office::from_json(&json).is_ok());
    let relabelled = json.replacen(r#""format_version":3"#, r#""format_version":1"#, 1);
    let err = Office::from_json(&relabelled).unwrap_err();
    assert!(matches!(err, LoadError::Corrupt(_)), "{err:?}");
    assert!(err.to_string().contains("历史记录第49条为工作台账变更"), "{err}");
}

#[wasm_bindgen_test(unsupported = test)]
fn possible_repeats_are_found_by_id_number_phone_or_similar_content() {
    let mut w = World::new();
    let mut first = w.intake(d(2025, 3, 3));
    first.petitioners[0].id_number = Some(IdNumber::parse("11010519491231002X").unwrap());
    first.petitioners[0].phone = Some(Phone::parse("13812345678").unwrap());
    let a = w.register_intake(first);
    let mut other = w.intake(d(2025, 3, 4));
    other.summary = "反映村道路面破损严重".into();
    let b = w.register_intake(other);

    let mut same_id = w.intake(d(2025, 4, 1));
    same_id.summary = "询问社保缴费".into();
    same_id.petitioners[0].id_number = Some(IdNumber::parse("11010519491231002X").unwrap());
    let found = w.office.possible_repeats(&same_id, 5);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].case, found[0].reason), (a, RepeatReason::SameIdNumber));

    let mut same_phone = w.intake(d(2025, 4, 1));
    same_phone.summary = "询问社保缴费".into();
    same_phone.petitioners[0].phone = Some(Phone::parse("13812345678").unwrap());
    assert_eq!(w.office.possible_repeats(&same_phone, 5)[0].reason, RepeatReason::SamePhone);

    let mut similar = w.intake(d(2025, 4, 1));
    similar.summary = "再次反映某建筑公司拖欠2024年务工工资".into();
    let found = w.office.possible_repeats(&similar, 5);
    assert_eq!(found.len(), 1);
    assert!(
        matches!(found[0].reason, RepeatReason::SimilarContent(s) if s >= 50),
        "{:?}",
        found[0]
    );
    assert_eq!(found[0].reason.label().chars().take(6).collect::<String>(), "反映内容相似");

    let mut unrelated = w.intake(d(2025, 4, 1));
    unrelated.summary = "咨询退役军人优抚政策".into();
    assert!(w.office.possible_repeats(&unrelated, 5).is_empty());

    // The clerk links the new case as a repeat.
    let c = w.register_intake(similar);
    w.ok(c, d(2025, 4, 1), Action::LinkRepeat { earlier: a });
    assert_eq!(w.case(c).intake().repeat_of, Some(a));
    assert!(
        w.act(a, d(2025, 4, 1), Action::LinkRepeat { earlier: b }).is_err(),
        "a repeat links to an earlier case"
    );
}
