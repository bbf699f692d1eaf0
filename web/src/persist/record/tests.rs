//! Unit tests of the record's storage, over an in-memory store.

use super::*;

use crate::persist::kv::{
    is_quota_error, usage, MemoryKv, QUOTA_BYTES, REAL_PREFIX, SANDBOX_PREFIX,
};
use crate::persist::pack::{pack, pack_with_dict, unpack, unpack_with_dict, unpacked};
use crate::persist::sandbox::{new_sandbox, sample_office, SampleBase};
use chrono::{NaiveDate, NaiveDateTime};
use xinfang_core::{Action, CaseId, Command};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Sizes for the report: how much 3,000 and 20,000 cases take.
#[test]
#[ignore = "measurement; run with --ignored --nocapture"]
fn measure_sizes() {
    for cases in [3_000u32, 20_000] {
        let t = std::time::Instant::now();
        let office = sample_office(2026, day(2026, 6, 30), cases).unwrap();
        let gen = t.elapsed();
        let kv = MemoryKv::default();
        let t = std::time::Instant::now();
        save(
            &kv,
            SaveRequest {
                prefix: REAL_PREFIX,
                office: &office,
                saved: None,
                settings_changed: true,
                sample: None,
            },
        )
        .unwrap();
        let saving = t.elapsed();
        let total = usage(&kv);
        let settings = kv.get("xinfang.office.settings").unwrap().unwrap();
        let raw_settings = serde_json::to_string(office.settings()).unwrap();
        let log_json = serde_json::to_string(office.log()).unwrap();
        let events: usize = office
            .log()
            .entries()
            .iter()
            .map(|e| serde_json::to_string(&e.event).unwrap().len())
            .sum();
        let t = std::time::Instant::now();
        let back = load(&kv, REAL_PREFIX).unwrap().unwrap();
        let loading = t.elapsed();
        assert_eq!(back.office.log().head(), office.log().head());
        println!(
            "{cases} cases: {} entries; core log JSON {} B ({} B/case), events only {} B; stored {} B ({:.1}% of 10 MiB, {} B/case); settings raw {} B packed {} chars; gen {:?} save {:?} load {:?}",
            office.log().len(),
            log_json.len(),
            log_json.len() / cases as usize,
            events,
            total,
            100.0 * total as f64 / QUOTA_BYTES as f64,
            total / cases as usize,
            raw_settings.len(),
            settings.chars().count(),
            gen, saving, loading
        );
    }
}

fn now(d: u32) -> NaiveDateTime {
    day(2025, 3, d).and_hms_opt(9, 30, 0).unwrap()
}

fn register(office: &Office, summary: &str, repeat_of: Option<CaseId>) -> Command {
    use xinfang_core::{Channel, Intake, Petitioner, Purpose};
    let category = office.settings().categories.find("拖欠工资").unwrap().id();
    Command::Register {
        intake: Intake {
            received_on: now(3).date(),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("王某某")],
            head_count: 1,
            category,
            purpose: Purpose::Request,
            township: office.settings().org.find_unit("河口乡").map(|u| u.id()),
            village: "东岗村".into(),
            summary: summary.into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of,
        },
    }
}

fn decline(case: CaseId) -> Command {
    Command::Act {
        case,
        action: Action::Decline {
            on: now(4).date(),
            kind: xinfang_core::case::DeclineKind::NotAccepted,
            reason: "不属于信访事项".into(),
            redirect_to: "人民法院".into(),
        },
    }
}

fn office_with(cases: usize) -> Office {
    let mut office = Office::new(Settings::sample_county());
    for i in 0..cases {
        office.execute(register(&office, &format!("反映某公司拖欠工资{i}"), None), now(3)).unwrap();
    }
    office
}

fn save_all(
    kv: &MemoryKv,
    office: &Office,
    saved: Option<Saved>,
    settings: bool,
) -> Result<Saved, SaveError> {
    save(
        kv,
        SaveRequest {
            prefix: REAL_PREFIX,
            office,
            saved,
            settings_changed: settings,
            sample: None,
        },
    )
}

fn writes(kv: &MemoryKv) -> Vec<String> {
    std::mem::take(&mut *kv.writes.borrow_mut())
}

#[test]
fn packing_round_trips_any_length() {
    for text in ["", "a", "ab", "中文 text", &"反映拖欠工资".repeat(500)] {
        let packed = pack(text);
        assert!(packed.starts_with('Z'));
        assert!(packed.chars().all(|c| c.is_ascii() || (0x4000..0xC000).contains(&u32::from(c))));
        assert_eq!(unpack(&packed), Some(Ok(text.to_owned())));
    }
    assert_eq!(unpack("[1,2]"), None);
    assert!(matches!(unpack("Z99:\u{4001}"), Some(Err(_))));
    let long = "反映拖欠工资".repeat(500);
    assert!(pack(&long).encode_utf16().count() * 10 < long.encode_utf16().count());
}

#[test]
fn packing_with_a_dictionary_round_trips_and_is_smaller() {
    let office = office_with(2 * CHUNK_ENTRIES);
    let entries = office.log().entries();
    let dict = chunk_json(&entries[..CHUNK_ENTRIES]);
    let text = chunk_json(&entries[CHUNK_ENTRIES..]);
    let with = pack_with_dict(&dict, &text);
    assert!(with.starts_with('Y'));
    assert_eq!(unpack_with_dict(&with, &dict), Some(Ok(text.clone())));
    assert!(with.len() < pack(&text).len(), "the dictionary helps");
    // Without (or with another) dictionary it does not decode.
    assert!(!matches!(unpack_with_dict(&with, ""), Some(Ok(t)) if t == text));
    for text in ["", "a", &"x".repeat(100_000)] {
        assert_eq!(
            unpack_with_dict(&pack_with_dict(&dict, text), &dict),
            Some(Ok(text.to_owned()))
        );
    }
}

#[test]
fn a_record_round_trips() {
    let office = office_with(CHUNK_ENTRIES * 2 + 5);
    let kv = MemoryKv::default();
    let saved = save_all(&kv, &office, None, false).unwrap();
    assert_eq!(saved, Saved { entries: office.log().len(), head: office.log().head() });
    assert!(kv.get(&chunk_key(REAL_PREFIX, 0)).unwrap().unwrap().starts_with('Z'), "sealed");
    assert!(
        kv.get(&chunk_key(REAL_PREFIX, 1)).unwrap().unwrap().starts_with('Y'),
        "sealed, with the previous chunk as dictionary"
    );
    assert!(kv.get(&chunk_key(REAL_PREFIX, 2)).unwrap().unwrap().starts_with('{'), "open");
    assert_eq!(kv.get(&chunk_key(REAL_PREFIX, 3)).unwrap(), None);
    let back = load(&kv, REAL_PREFIX).unwrap().unwrap();
    assert_eq!(back.saved, saved);
    assert_eq!(back.office, office);
    assert_eq!(back.office.to_json(), office.to_json());
    assert_eq!(load(&MemoryKv::default(), REAL_PREFIX).unwrap().map(|r| r.saved), None);
}

#[test]
fn a_save_writes_only_what_changed() {
    let mut office = office_with(CHUNK_ENTRIES + 3);
    let kv = MemoryKv::default();
    let saved = save_all(&kv, &office, None, false).unwrap();
    assert_eq!(
        writes(&kv),
        [
            "xinfang.office.log.0",
            "xinfang.office.log.1",
            "xinfang.office.settings",
            "xinfang.office.head"
        ]
    );

    // One more case: the open chunk and the head.
    office.execute(register(&office, "又一件", None), now(3)).unwrap();
    let saved = save_all(&kv, &office, Some(saved), false).unwrap();
    assert_eq!(writes(&kv), ["xinfang.office.log.1", "xinfang.office.head"]);

    // Nothing new: nothing written.
    let saved = save_all(&kv, &office, Some(saved), false).unwrap();
    assert!(writes(&kv).is_empty());

    // Settings changed: they are written too.
    office.settings_mut().number_prefix = "XFJ".into();
    let mut saved = save_all(&kv, &office, Some(saved), true).unwrap();
    assert_eq!(writes(&kv), ["xinfang.office.settings", "xinfang.office.head"]);

    // Filling the open chunk and starting the next: two chunks.
    while office.log().len() <= 2 * CHUNK_ENTRIES {
        office.execute(register(&office, "再一件", None), now(3)).unwrap();
        saved = save_all(&kv, &office, Some(saved), false).unwrap();
        let w = writes(&kv);
        assert!(
            w.len() <= 3 && w.last().map(String::as_str) == Some("xinfang.office.head"),
            "{w:?}"
        );
    }
    let back = load(&kv, REAL_PREFIX).unwrap().unwrap();
    assert_eq!(back.office, office);
    assert_eq!(back.office.settings().number_prefix, "XFJ");
}

#[test]
fn a_half_written_save_is_ignored() {
    let mut office = office_with(5);
    let kv = MemoryKv::default();
    let saved = save_all(&kv, &office, None, false).unwrap();
    let before = office.clone();
    office.execute(register(&office, "未提交", None), now(3)).unwrap();
    // The chunk was written but not the head (the tab closed in between).
    let text = encode_chunk(office.log().entries(), false, "");
    kv.set(&chunk_key(REAL_PREFIX, 0), &text).unwrap();
    kv.set(&chunk_key(REAL_PREFIX, 7), "garbage beyond the head").unwrap();
    let back = load(&kv, REAL_PREFIX).unwrap().unwrap();
    assert_eq!(back.saved, saved);
    assert_eq!(back.office, before);
}

#[test]
fn damaged_records_are_reported_and_left_untouched() {
    let office = office_with(CHUNK_ENTRIES * 2 + 1);
    let kv = MemoryKv::default();
    save_all(&kv, &office, None, false).unwrap();
    let good = kv.snapshot();
    let key0 = chunk_key(REAL_PREFIX, 0);

    let check = |value: Option<&str>, expect: &dyn Fn(&LoadProblem) -> bool| {
        *kv.map.borrow_mut() = good.clone();
        match value {
            Some(v) => kv.map.borrow_mut().insert(key0.clone(), v.to_owned()),
            None => kv.map.borrow_mut().remove(&key0),
        };
        let damaged = kv.snapshot();
        let problem = load(&kv, REAL_PREFIX).unwrap_err();
        assert!(expect(&problem), "{problem:?}");
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!problem.message(lang).is_empty());
        }
        // Saving refuses to go on over it? It is the app that pauses; the
        // load itself wrote nothing.
        assert_eq!(kv.snapshot(), damaged);
    };
    check(None, &|p| *p == LoadProblem::MissingChunk(0));
    check(Some("{\"h\":"), &|p| matches!(p, LoadProblem::CorruptChunk(0, _)));
    check(Some("Z10:\u{4001}\u{4002}"), &|p| matches!(p, LoadProblem::CorruptChunk(0, _)));
    // Valid, but another event: the chain catches it.
    let mut entries = office.log().entries()[..CHUNK_ENTRIES].to_vec();
    entries.swap(3, 4);
    check(
        Some(&encode_chunk(&entries, true, "")),
        &|p| matches!(p, LoadProblem::Chain { chunk: 0, first: 0, last } if *last == CHUNK_ENTRIES - 1),
    );
    let mut edited: serde_json::Value =
        serde_json::from_str(&unpacked(&good[&key0]).unwrap()).unwrap();
    edited["e"][5]["at"] = serde_json::json!("2025-03-04T09:30:00");
    check(Some(&pack(&edited.to_string())), &|p| matches!(p, LoadProblem::Chain { chunk: 0, .. }));
    assert!(LoadProblem::MissingChunk(0).message(Lang::ZhCn).contains("第0段缺失"));
    assert!(LoadProblem::MissingChunk(0)
        .message(Lang::En)
        .contains("part 0 of the history is missing"));
}

#[test]
fn newer_versions_are_refused() {
    let office = office_with(2);
    let kv = MemoryKv::default();
    let saved = save_all(&kv, &office, None, false).unwrap();
    let head_key = key(REAL_PREFIX, "head");
    let head = kv.get(&head_key).unwrap().unwrap();
    let newer = head.replace("\"version\":1", "\"version\":2");
    kv.set(&head_key, &newer).unwrap();
    assert_eq!(load(&kv, REAL_PREFIX).unwrap_err(), LoadProblem::Newer { found: 2 });
    assert!(LoadProblem::Newer { found: 2 }.message(Lang::ZhCn).contains("更新版本"));
    // A save does not write over it either.
    writes(&kv);
    assert!(matches!(save_all(&kv, &office, Some(saved), false), Err(SaveError::Unreadable(_))));
    assert!(writes(&kv).is_empty());
    let core_version = format!("\"core_version\":{}", xinfang_core::office::FORMAT_VERSION);
    let core_newer = head.replace(&core_version, "\"core_version\":9");
    kv.set(&head_key, &core_newer).unwrap();
    assert_eq!(load(&kv, REAL_PREFIX).unwrap_err(), LoadProblem::Newer { found: 9 });
    kv.set(&head_key, "{\"format\":\"something-else\"}").unwrap();
    assert!(matches!(load(&kv, REAL_PREFIX).unwrap_err(), LoadProblem::BadHead(_)));
}

#[test]
fn the_preferences_envelope_is_left_alone() {
    let kv = MemoryKv::default();
    let prefs = r#"{"version":1,"settings":{"lang":"en"}}"#;
    kv.set(crate::persist::prefs::KEY, prefs).unwrap();
    let office = office_with(3);
    save_all(&kv, &office, None, false).unwrap();
    remove_record(&kv, SANDBOX_PREFIX).unwrap();
    assert_eq!(kv.get(crate::persist::prefs::KEY).unwrap().as_deref(), Some(prefs));
    let value = serde_json::from_str(prefs).unwrap();
    assert_eq!(crate::persist::prefs::decode(value).unwrap().lang, Lang::En);
    assert!(load(&kv, REAL_PREFIX).unwrap().is_some());
}

#[test]
fn a_full_quota_commits_nothing_and_the_next_save_catches_up() {
    let mut office = office_with(10);
    let mut kv = MemoryKv::default();
    let saved = save_all(&kv, &office, None, false).unwrap();
    kv.quota = Some(usage(&kv) + 100);
    for i in 0..4 {
        office.execute(register(&office, &format!("满额{i}"), None), now(3)).unwrap();
    }
    let before = kv.snapshot();
    let err = save_all(&kv, &office, Some(saved), false).unwrap_err();
    assert!(matches!(&err, SaveError::Write(d) if is_quota_error(d)), "{err:?}");
    assert_eq!(kv.snapshot(), before, "nothing was committed");
    assert_eq!(load(&kv, REAL_PREFIX).unwrap().unwrap().saved, saved);
    // Space freed: the next save writes everything that was pending.
    kv.quota = None;
    office.execute(register(&office, "之后", None), now(3)).unwrap();
    save_all(&kv, &office, Some(saved), false).unwrap();
    assert_eq!(load(&kv, REAL_PREFIX).unwrap().unwrap().office, office);
}

#[test]
fn another_tabs_save_is_never_overwritten_and_unsaved_commands_are_redone() {
    let kv = MemoryKv::default();
    let base = office_with(2);
    let saved = save_all(&kv, &base, None, false).unwrap();

    // Tab B registers a case and saves.
    let mut b = base.clone();
    b.execute(register(&b, "乙页登记", None), now(3)).unwrap();
    save_all(&kv, &b, Some(saved), false).unwrap();

    // Tab A, from the same start, declines case 1 (B did nothing to it),
    // registers a case and a repeat of it, and declines case 2, which...
    let mut a = base.clone();
    let mut pending = Vec::new();
    let mut run = |a: &mut Office, command: Command| {
        let done = a.execute(command.clone(), now(5)).unwrap();
        pending
            .push(Unsaved { pending: Pending { command, at: now(5), done }, end: a.log().len() });
        done.case().unwrap()
    };
    run(&mut a, decline(CaseId::new(1)));
    let command = register(&a, "甲页登记", None);
    let first = run(&mut a, command);
    assert_eq!(first, CaseId::new(3));
    let command = register(&a, "甲页重复", Some(first));
    let repeat = run(&mut a, command);
    assert_eq!(save_all(&kv, &a, Some(saved), false), Err(SaveError::Conflict));
    // ...B's save is intact.
    assert_eq!(load(&kv, REAL_PREFIX).unwrap().unwrap().office, b);

    let caught = catch_up(&kv, REAL_PREFIX, &pending).unwrap().unwrap();
    assert!(caught.refused.is_empty(), "{:?}", caught.refused);
    assert_eq!(caught.unsaved.len(), 3);
    assert_eq!(caught.moved.case(first), Ok(CaseId::new(4)));
    let office = caught.office;
    assert_eq!(office.cases().len(), 5);
    assert_eq!(office.case(CaseId::new(3)).unwrap().intake().summary, "乙页登记");
    assert_eq!(office.case(CaseId::new(4)).unwrap().intake().summary, "甲页登记");
    let rep = office.case(CaseId::new(5)).unwrap();
    assert_eq!(rep.intake().summary, "甲页重复");
    assert_eq!(rep.intake().repeat_of, Some(CaseId::new(4)), "the link follows the new id");
    assert_ne!(repeat, CaseId::new(5));
    assert!(office.case(CaseId::new(1)).unwrap().decline().is_some());
    save_all(&kv, &office, Some(caught.saved), false).unwrap();
    assert_eq!(load(&kv, REAL_PREFIX).unwrap().unwrap().office, office);
}

#[test]
fn a_command_that_no_longer_applies_is_reported() {
    let kv = MemoryKv::default();
    let base = office_with(1);
    let saved = save_all(&kv, &base, None, false).unwrap();
    let mut b = base.clone();
    b.execute(decline(CaseId::new(1)), now(4)).unwrap();
    save_all(&kv, &b, Some(saved), false).unwrap();
    let mut a = base.clone();
    a.execute(decline(CaseId::new(1)), now(4)).unwrap();
    let done = xinfang_core::office::Done::Acted(CaseId::new(1));
    let pending = [Unsaved {
        pending: Pending { command: decline(CaseId::new(1)), at: now(4), done },
        end: a.log().len(),
    }];
    let r = catch_up(&kv, REAL_PREFIX, &pending).unwrap().unwrap();
    assert!(r.unsaved.is_empty());
    assert_eq!(r.refused.len(), 1);
    assert!(r.refused[0].contains("不予受理"), "{:?}", r.refused);
    assert_eq!(r.office, b);
}

#[test]
fn the_sandbox_stores_its_sample_parameters_and_the_trainees_entries() {
    let kv = MemoryKv::default();
    kv.set("xinfang.office.head", "the real record").unwrap();
    let (mut office, base) = new_sandbox(7, day(2025, 6, 30), 40).unwrap();
    writes(&kv);
    fn req<'a>(
        office: &'a Office,
        saved: Option<Saved>,
        settings: bool,
        base: &'a SampleBase,
    ) -> SaveRequest<'a> {
        SaveRequest {
            prefix: SANDBOX_PREFIX,
            office,
            saved,
            settings_changed: settings,
            sample: Some(base),
        }
    }
    let saved = save(&kv, req(&office, None, false, &base)).unwrap();
    assert_eq!(writes(&kv), ["xinfang.sandbox.head",]);
    let back = load(&kv, SANDBOX_PREFIX).unwrap().unwrap();
    assert_eq!(back.office, office);
    assert_eq!(back.sample.as_ref(), Some(&base));

    let command = register(&office, "培训登记", None);
    office.execute(command, day(2025, 6, 30).and_hms_opt(10, 0, 0).unwrap()).unwrap();
    let saved = save(&kv, req(&office, Some(saved), false, &base)).unwrap();
    assert_eq!(writes(&kv), ["xinfang.sandbox.log.0", "xinfang.sandbox.head"]);
    let chunk = kv.get("xinfang.sandbox.log.0").unwrap().unwrap();
    assert_eq!(
        unpacked(&chunk).unwrap().matches("\"case\"").count(),
        1,
        "only the trainee's entry"
    );
    let back = load(&kv, SANDBOX_PREFIX).unwrap().unwrap();
    assert_eq!(back.office, office);
    assert_eq!(back.saved, saved);
    assert_eq!(kv.get("xinfang.office.head").unwrap().as_deref(), Some("the real record"));

    // A sample that no longer regenerates the same is reported.
    let head = kv.get("xinfang.sandbox.head").unwrap().unwrap();
    kv.set("xinfang.sandbox.head", &head.replace("\"seed\":7", "\"seed\":8")).unwrap();
    assert_eq!(load(&kv, SANDBOX_PREFIX).unwrap_err(), LoadProblem::SampleChanged);

    // Reset removes the sandbox's keys only.
    remove_record(&kv, SANDBOX_PREFIX).unwrap();
    assert_eq!(kv.keys(), ["xinfang.office.head"]);
}

#[test]
fn an_unreadable_record_can_be_set_aside_unchanged_listed_and_removed() {
    let office = office_with(3);
    let kv = MemoryKv::default();
    save_all(&kv, &office, None, false).unwrap();
    kv.set(&chunk_key(REAL_PREFIX, 0), "broken").unwrap();
    let before = kv.snapshot();
    let aside = set_aside(&kv, REAL_PREFIX, now(5)).unwrap();
    assert_eq!(aside, "xinfang.office-aside-1");
    assert!(record_keys(&kv, REAL_PREFIX).is_empty());
    for (k, v) in &before {
        let moved = format!("{aside}{}", &k[REAL_PREFIX.len()..]);
        assert_eq!(kv.get(&moved).unwrap().as_ref(), Some(v));
    }
    save_all(&kv, &office_with(1), None, false).unwrap();
    assert_eq!(set_aside(&kv, REAL_PREFIX, now(6)).unwrap(), "xinfang.office-aside-2");

    // Both are listed with their size, day and entries; the sandbox's and
    // the open record's keys are not.
    kv.set("xinfang.sandbox.head", "{}").unwrap();
    let listed = asides(&kv, REAL_PREFIX);
    assert_eq!(
        listed.iter().map(|a| a.prefix.as_str()).collect::<Vec<_>>(),
        ["xinfang.office-aside-1", "xinfang.office-aside-2"]
    );
    assert_eq!(listed[0].entries, Some(3));
    assert_eq!(listed[1].entries, Some(1));
    assert_eq!(listed[0].at.as_deref(), Some("2025-03-05T09:30"));
    let stored: usize = before.iter().map(|(k, v)| k.len() + v.len()).sum();
    assert!(listed[0].bytes >= stored, "{} < {stored}", listed[0].bytes);

    // Removing one leaves the other and refuses what is not set aside.
    remove_aside(&kv, REAL_PREFIX, "xinfang.office-aside-1").unwrap();
    assert_eq!(asides(&kv, REAL_PREFIX).len(), 1);
    assert!(record_keys(&kv, "xinfang.office-aside-1").is_empty());
    assert!(remove_aside(&kv, REAL_PREFIX, REAL_PREFIX).is_err());
    assert!(remove_aside(&kv, REAL_PREFIX, "xinfang.sandbox").is_err());
}

#[test]
fn another_tabs_appends_are_read_without_loading_everything() {
    let kv = MemoryKv::default();
    let mine = office_with(CHUNK_ENTRIES + 2);
    let saved = save_all(&kv, &mine, None, false).unwrap();
    let mut other = mine.clone();
    for i in 0..CHUNK_ENTRIES {
        other.execute(register(&other, &format!("另一页{i}"), None), now(3)).unwrap();
    }
    other.settings_mut().number_prefix = "XFB".into();
    save_all(&kv, &other, Some(saved), true).unwrap();
    kv.map
        .borrow_mut()
        .insert(chunk_key(REAL_PREFIX, 0), "not read: before the commit's chunk".into());
    let got = appended(&kv, REAL_PREFIX, &mine, saved).unwrap().expect("an extension");
    assert_eq!(got.events.len(), CHUNK_ENTRIES);
    assert_eq!(got.saved, Saved { entries: other.log().len(), head: other.log().head() });
    assert_eq!(got.settings.as_ref().map(|s| s.number_prefix.as_str()), Some("XFB"));
    let mut caught = mine.clone();
    for e in got.events {
        caught.apply(e);
    }
    *caught.settings_mut() = got.settings.unwrap();
    assert_eq!(caught, other);

    // Another history (not an extension of this tab's commit): none.
    let mut diverged = mine.clone();
    diverged.execute(register(&diverged, "本页", None), now(3)).unwrap();
    let theirs = Saved { entries: diverged.log().len(), head: diverged.log().head() };
    assert!(appended(&kv, REAL_PREFIX, &diverged, theirs).unwrap().is_none());
}

/// A store whose `n`-th write (set or removal, from 1) fails, and, when
/// `dies`, every write after it too (the page died there: nothing it
/// would do next, an undo included, reaches the store).
pub(crate) struct FailingKv<'a> {
    pub(crate) inner: &'a MemoryKv,
    pub(crate) n: usize,
    pub(crate) dies: bool,
    pub(crate) writes: std::cell::Cell<usize>,
}

impl FailingKv<'_> {
    fn write(&self) -> Result<(), String> {
        let w = self.writes.get() + 1;
        self.writes.set(w);
        if w == self.n || (self.dies && w > self.n) {
            Err("QuotaExceededError: the page died here".into())
        } else {
            Ok(())
        }
    }
}

impl KeyValue for FailingKv<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.write()?;
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.write()?;
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
    fn get_raw(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get_raw(key)
    }
    fn set_raw(&self, key: &str, value: &str) -> Result<(), String> {
        self.write()?;
        self.inner.set_raw(key, value)
    }
}

/// A store with a saved record of `cases` sample cases under the real prefix.
pub(crate) fn stored(cases: u32) -> (MemoryKv, xinfang_core::Office) {
    let kv = MemoryKv::default();
    let office = sample_office(11, day(2026, 6, 30), cases).unwrap();
    save(&kv, SaveRequest::whole(REAL_PREFIX, &office)).unwrap();
    (kv, office)
}

/// The values under `prefix.`, with the prefix cut off.
pub(crate) fn under(kv: &MemoryKv, prefix: &str) -> BTreeMap<String, String> {
    let dot = format!("{prefix}.");
    kv.snapshot()
        .into_iter()
        .filter_map(|(k, v)| k.strip_prefix(&dot).map(|rest| (rest.to_string(), v)))
        .collect()
}

/// Setting a record aside, with its `n`-th write failing (and the page
/// dying there, or going on), for every `n` up to the last write; then the
/// next open: the record is whole in exactly one place, never split, and
/// nothing of it is lost.
#[test]
fn set_aside_survives_a_failure_at_every_write() {
    let now = day(2026, 7, 1).and_hms_opt(9, 0, 0).unwrap();
    let (base, _) = stored(40);
    let before = under(&base, REAL_PREFIX);
    // The writes of an uninterrupted set-aside.
    let counting = FailingKv { inner: &base, n: usize::MAX, dies: false, writes: 0.into() };
    let clean = base.snapshot();
    set_aside(&counting, REAL_PREFIX, now).unwrap();
    let total = counting.writes.get();
    assert!(total > before.len() * 2, "{total} writes");
    for dies in [true, false] {
        for n in 1..=total {
            let kv = MemoryKv::default();
            *kv.map.borrow_mut() = clean.clone();
            let failing = FailingKv { inner: &kv, n, dies, writes: 0.into() };
            let result = set_aside(&failing, REAL_PREFIX, now);
            // The next open.
            let recovered = journal::recover(&kv);
            assert!(!matches!(recovered, Some(journal::Recovery::Failed(_))), "{n}: {recovered:?}");
            assert!(kv.get_raw(journal::JOURNAL_KEY).unwrap().is_none(), "{n}: journal left");
            let (here, aside) = (under(&kv, REAL_PREFIX), under(&kv, "xinfang.office-aside-1"));
            let mut aside_record = aside.clone();
            aside_record.remove(ASIDE_NOTE);
            if here.is_empty() {
                assert_eq!(aside_record, before, "{n} {dies}: set aside whole");
            } else {
                assert!(result.is_err(), "{n} {dies}: reported done but not moved");
                assert_eq!(here, before, "{n} {dies}: left in place whole");
                assert!(aside_record.is_empty(), "{n} {dies}: split: {:?}", aside.keys());
            }
            if result.is_ok() {
                assert!(here.is_empty(), "{n} {dies}");
            }
        }
    }
}

/// A damaged chunk at every position: what reads is every entry before
/// it, exactly the original's (the chain checked), and the count says how
/// many the head holds; a wholly unreadable head reads nothing.
#[test]
fn the_readable_part_ends_just_before_a_damaged_chunk_wherever_it_is() {
    let (base, office) = stored(400);
    let head: Head = serde_json::from_str(&base.get("xinfang.office.head").unwrap().unwrap())
        .unwrap_or_else(|_| panic!("a plain head"));
    assert!(head.chunks >= 3, "{} chunks", head.chunks);
    let c = head.chunk_entries;
    let entries = office.log().entries();
    for k in 0..head.chunks {
        for damage in ["missing", "garbled", "forged"] {
            let kv = MemoryKv::default();
            *kv.map.borrow_mut() = base.snapshot();
            let ck = chunk_key(REAL_PREFIX, k);
            match damage {
                "missing" => kv.remove(&ck).unwrap(),
                "garbled" => kv.set(&ck, "{\"h\":\"00\",\"e\":[").unwrap(),
                _ => {
                    // One event's text changed, its JSON still well formed:
                    // only the chain tells.
                    let text = kv.get(&ck).unwrap().unwrap();
                    let plain = unpacked(&text).unwrap_or(text.clone());
                    if unpack_with_dict(&text, "").is_some() || plain != text {
                        continue; // packed against the previous chunk: garbled is enough
                    }
                    let forged = plain.replacen("\"summary\":\"", "\"summary\":\"伪造", 1);
                    assert_ne!(forged, plain, "chunk {k} has a summary");
                    kv.set(&ck, &forged).unwrap();
                }
            }
            assert!(load(&kv, REAL_PREFIX).is_err(), "{k} {damage}: the whole does not load");
            let r = load_readable(&kv, REAL_PREFIX).expect("head and settings read");
            assert_eq!(r.entries, k * c, "{k} {damage}");
            assert_eq!(r.total, entries.len());
            if r.entries > 0 {
                assert_eq!(r.office.log().head(), entries[r.entries - 1].hash, "{k} {damage}");
            }
        }
    }
    let kv = MemoryKv::default();
    *kv.map.borrow_mut() = base.snapshot();
    kv.set("xinfang.office.head", "{").unwrap();
    assert!(load_readable(&kv, REAL_PREFIX).is_none());
}

/// A save of new entries (a registration, an import, a merge: each is
/// commands then this save), with its `n`-th write failing (the page
/// dying there, or going on), for every `n`: the next open reads either
/// the record as it was or as saved, never a mix; a save reported done
/// reads as saved.
#[test]
fn a_save_survives_a_failure_at_every_write() {
    let (base, old) = stored(40);
    let saved =
        read_head(&base, REAL_PREFIX).unwrap().map(|h| Saved { entries: h.entries, head: h.head });
    let mut new = old.clone();
    // Enough new entries to seal the open chunk and start another.
    let more = sample_office(13, day(2026, 6, 30), 60).unwrap();
    let commands: Vec<xinfang_core::Command> = more
        .cases()
        .take(40)
        .map(|c| xinfang_core::Command::Register { intake: c.intake().clone() })
        .collect();
    for command in commands {
        new.execute(command, day(2026, 7, 1).and_hms_opt(9, 0, 0).unwrap()).unwrap();
    }
    assert!(new.log().len() > old.log().len() + 30);
    let req = |office| SaveRequest {
        prefix: REAL_PREFIX,
        office,
        saved,
        settings_changed: false,
        sample: None,
    };
    let counting = FailingKv { inner: &base, n: usize::MAX, dies: false, writes: 0.into() };
    let clean = base.snapshot();
    save(&counting, req(&new)).unwrap();
    let total = counting.writes.get();
    assert!(total >= 2, "{total} writes");
    for dies in [true, false] {
        for n in 1..=total {
            let kv = MemoryKv::default();
            *kv.map.borrow_mut() = clean.clone();
            let failing = FailingKv { inner: &kv, n, dies, writes: 0.into() };
            let result = save(&failing, req(&new));
            let loaded = load(&kv, REAL_PREFIX)
                .unwrap_or_else(|e| panic!("{n} {dies}: unreadable: {e:?}"))
                .expect("a record")
                .office;
            let head = loaded.log().head();
            assert!(head == old.log().head() || head == new.log().head(), "{n} {dies}: a mix");
            if result.is_ok() {
                assert_eq!(head, new.log().head(), "{n} {dies}: reported saved");
            }
        }
    }
}
