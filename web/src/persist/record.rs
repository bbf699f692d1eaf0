//! The office's record in `localStorage`, one "space" per key prefix
//! ([`REAL_PREFIX`] for the real record, [`SANDBOX_PREFIX`] for the
//! training sandbox), written a little at a time and never overwritten
//! when it cannot be read.
//!
//! ## Layout (store format [`STORE_FORMAT`], version [`STORE_VERSION`])
//!
//! - `<prefix>.settings`: the core [`Settings`] (compressed, see below);
//!   rewritten only when the settings change.
//! - `<prefix>.log.<k>`: the hash-chained log in chunks of
//!   [`CHUNK_ENTRIES`] entries. A chunk holds its events and the chain hash
//!   of its last entry; the per-entry hashes are recomputed on load (the
//!   chain over `prev`, `seq` and the event is the core's) and checked
//!   against the chunk's stored hash, so an edited, dropped or reordered
//!   event is still detected, naming the chunk's entries. Storing every
//!   entry's two 64-hex hashes would take ~40 % of the space and keep
//!   20,000 cases from fitting in the browser's quota.
//!   Full ("sealed") chunks are written once, deflated with the previous
//!   chunk's text as preset dictionary and packed 15 bits per UTF-16 unit
//!   (`Y<bytes>:…`; the first chunk, without dictionary, `Z<bytes>:…`); the
//!   open last chunk is plain JSON, so a save serialises at most one
//!   chunk's worth of events (and seals at most one).
//!
//! Measured with the sample generator (seed 2026, a year to 2026-06-30):
//! 3,000 cases take 0.97 MB (9 % of the quota), 20,000 cases 6.1 MB
//! (58 %), ~303 bytes a case, against ~3 KB a case of the core's
//! whole-record JSON.
//! - `<prefix>.head`: the commit record, written last: format name and
//!   version, the core's data version, entries, chunks, the chain head and
//!   (sandbox only) the sample it was generated from. Anything beyond the
//!   head's count (a save cut short) is ignored on load.
//!
//! Chromium counts `localStorage` in UTF-16 code units (2 bytes each,
//! whatever the character) against ~10 MiB per origin: that is why sealed
//! chunks are packed 15 bits per code unit (base64 would carry 6).
//!
//! The sandbox ([`SampleBase`]) stores only the parameters of its sample
//! (the generator is deterministic) and the chain head of the generated
//! part; its chunks hold only the entries the trainee added.
//!
//! Everything here is pure over the [`KeyValue`] trait, so it is unit
//! tested natively with [`MemoryKv`]; [`BrowserKv`] is `localStorage`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use serde::{Deserialize, Serialize};
use xinfang_core::log::Entry;
use xinfang_core::office::FORMAT_VERSION as CORE_VERSION;
use xinfang_core::rebase::Pending;
use xinfang_core::remap::IdMap;
use xinfang_core::{Event, Hash, Office, Settings};

use crate::i18n::{tr, Lang};
use crate::persist::kv::{brief, KeyValue};
use crate::persist::pack::{pack, pack_with_dict, unpack_with_dict, unpacked};
use crate::persist::sandbox::SampleBase;

/// The marker of the head record.
pub const STORE_FORMAT: &str = "xinfang-record";

/// The layout version this build writes and reads.
pub const STORE_VERSION: u32 = 1;

/// Log entries per chunk (~20 cases).
pub const CHUNK_ENTRIES: usize = 128;

/// The commit record, `<prefix>.head`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// [`STORE_FORMAT`].
    pub format: String,
    /// [`STORE_VERSION`] when written.
    pub version: u32,
    /// The core's data version (`xinfang_core::office::FORMAT_VERSION`)
    /// of the settings and events.
    pub core_version: u32,
    /// Entries per chunk.
    pub chunk_entries: usize,
    /// Log entries committed (the sample's included).
    pub entries: usize,
    /// Chunks committed.
    pub chunks: usize,
    /// The hash of the last committed entry.
    pub head: Hash,
    /// The sample the record was generated from (sandbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleBase>,
}

/// What this tab knows to be stored: the committed count and chain head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// Entries committed.
    pub entries: usize,
    /// The chain head.
    pub head: Hash,
}

/// One chunk as stored: its events and the chain hash of its last one.
#[derive(Serialize)]
struct ChunkRef<'a> {
    h: Hash,
    e: Vec<&'a Event>,
}

#[derive(Deserialize)]
struct ChunkIn {
    h: Hash,
    e: Vec<Event>,
}

/// The key of a part of the record.
pub fn key(prefix: &str, part: &str) -> String {
    format!("{prefix}.{part}")
}

/// The key of chunk `k`.
pub fn chunk_key(prefix: &str, k: usize) -> String {
    format!("{prefix}.log.{k}")
}

/// Why a stored record cannot be used. The data is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// The head record is not JSON or not ours.
    BadHead(String),
    /// Written by a newer version of this software.
    Newer {
        /// The version found.
        found: u32,
    },
    /// The settings are missing or unreadable.
    BadSettings(String),
    /// A chunk the head counts is missing.
    MissingChunk(usize),
    /// A chunk cannot be read.
    CorruptChunk(usize, String),
    /// A chunk holds other events than were saved (the chain breaks in
    /// entries `first..=last`).
    Chain {
        /// The chunk.
        chunk: usize,
        /// Its first entry (from 0).
        first: usize,
        /// Its last entry.
        last: usize,
    },
    /// The core refused the rebuilt record.
    Core(String),
    /// The sandbox's sample no longer regenerates the same (the generator
    /// changed since it was filled).
    SampleChanged,
    /// The storage could not be read.
    Unavailable(String),
}

impl LoadProblem {
    /// The problem with its details cut to one line ([`brief`]).
    fn briefly(&self) -> LoadProblem {
        match self {
            LoadProblem::BadHead(d) => LoadProblem::BadHead(brief(d)),
            LoadProblem::BadSettings(d) => LoadProblem::BadSettings(brief(d)),
            LoadProblem::CorruptChunk(k, d) => LoadProblem::CorruptChunk(*k, brief(d)),
            LoadProblem::Core(d) => LoadProblem::Core(brief(d)),
            LoadProblem::Unavailable(d) => LoadProblem::Unavailable(brief(d)),
            other @ (LoadProblem::Newer { .. }
            | LoadProblem::MissingChunk(_)
            | LoadProblem::Chain { .. }
            | LoadProblem::SampleChanged) => other.clone(),
        }
    }

    /// The message, in Chinese or English.
    pub fn message(&self, lang: Lang) -> String {
        let lead = tr(
            lang,
            "本机保存的案件记录无法读取，原数据保持原样、未被改动；在您作出选择前，本记录的修改不会保存。原因：",
            "The case record saved in this browser cannot be read. The data is left exactly as it \
             was; until you choose what to do, changes to this record are not saved. Reason: ",
        );
        let why = match &self.briefly() {
            LoadProblem::BadHead(d) => pick(
                lang,
                format!("记录头损坏（{d}）"),
                format!("the head record is damaged ({d})"),
            ),
            LoadProblem::Newer { found } => pick(
                lang,
                format!("数据由更新版本的软件写入（存储格式版本 {found}），请升级后再打开"),
                format!(
                    "it was written by a newer version of this software (store version {found}); \
                     update before opening it"
                ),
            ),
            LoadProblem::BadSettings(d) => pick(
                lang,
                format!("设置数据缺失或损坏（{d}）"),
                format!("the settings are missing or damaged ({d})"),
            ),
            LoadProblem::MissingChunk(k) => pick(
                lang,
                format!("历史记录第{k}段缺失"),
                format!("part {k} of the history is missing"),
            ),
            LoadProblem::CorruptChunk(k, d) => pick(
                lang,
                format!("历史记录第{k}段损坏（{d}）"),
                format!("part {k} of the history is damaged ({d})"),
            ),
            LoadProblem::Chain { chunk, first, last } => pick(
                lang,
                format!(
                    "历史记录第{chunk}段（第{first}至{last}条）与校验值不符，记录可能被篡改或调换"
                ),
                format!(
                    "part {chunk} of the history (entries {first} to {last}) does not match its \
                     checksum: it may have been altered or swapped"
                ),
            ),
            LoadProblem::Core(d) => {
                pick(lang, d.clone(), format!("the record does not replay ({d})"))
            }
            LoadProblem::SampleChanged => pick(
                lang,
                "样例数据生成器已更新，无法重建原沙盒，请重置沙盒".into(),
                "the sample generator has changed and cannot rebuild this sandbox; reset it".into(),
            ),
            LoadProblem::Unavailable(d) => pick(
                lang,
                format!("无法访问本机存储（{d}）"),
                format!("storage is unavailable ({d})"),
            ),
        };
        format!("{lead}{why}")
    }
}

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// A record read back.
#[derive(Debug)]
pub struct LoadedRecord {
    /// The rebuilt office.
    pub office: Office,
    /// What is committed.
    pub saved: Saved,
    /// The sandbox's sample, if any.
    pub sample: Option<SampleBase>,
    /// Whether it was migrated from an older core version (and should be
    /// rewritten whole).
    pub migrated: bool,
}

/// Reads and checks the head record; `Ok(None)` when there is none.
pub fn read_head(kv: &dyn KeyValue, prefix: &str) -> Result<Option<Head>, LoadProblem> {
    let Some(text) = kv.get(&key(prefix, "head")).map_err(LoadProblem::Unavailable)? else {
        return Ok(None);
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| LoadProblem::BadHead(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(STORE_FORMAT) {
        return Err(LoadProblem::BadHead("not a record of this software".into()));
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| LoadProblem::BadHead("no version".into()))?;
    if version > STORE_VERSION {
        return Err(LoadProblem::Newer { found: version });
    }
    let value = migrate_head(value, version)?;
    let head: Head =
        serde_json::from_value(value).map_err(|e| LoadProblem::BadHead(e.to_string()))?;
    if head.core_version > CORE_VERSION {
        return Err(LoadProblem::Newer { found: head.core_version });
    }
    if head.chunk_entries == 0 {
        return Err(LoadProblem::BadHead("chunk_entries is 0".into()));
    }
    Ok(Some(head))
}

/// Brings an older head record up to [`STORE_VERSION`], a version at a
/// time. Version 1 is the first, so there is nothing to do yet; a step
/// would look like `if from < 2 { … }`.
fn migrate_head(value: serde_json::Value, from: u32) -> Result<serde_json::Value, LoadProblem> {
    if from == 0 {
        return Err(LoadProblem::BadHead("version 0".into()));
    }
    Ok(value)
}

/// Loads the record under `prefix`: `Ok(None)` when there is none. Nothing
/// is written.
pub fn load(kv: &dyn KeyValue, prefix: &str) -> Result<Option<LoadedRecord>, LoadProblem> {
    let Some(head) = read_head(kv, prefix)? else {
        return Ok(None);
    };
    let (mut office, base) = base_office(kv, prefix, &head)?;
    if head.entries < base {
        return Err(LoadProblem::BadHead("fewer entries than the sample".into()));
    }
    let tail = head.entries - base;
    let c = head.chunk_entries;
    if head.chunks != tail.div_ceil(c) {
        return Err(LoadProblem::BadHead("chunk count does not match".into()));
    }
    let mut dict = String::new();
    for k in 0..head.chunks {
        let text = kv
            .get(&chunk_key(prefix, k))
            .map_err(LoadProblem::Unavailable)?
            .ok_or(LoadProblem::MissingChunk(k))?;
        let (chunk, json) = decode_chunk(&text, &dict, head.core_version)
            .map_err(|d| LoadProblem::CorruptChunk(k, d))?;
        dict = json;
        let first = base + k * c;
        let want = c.min(head.entries - first);
        let chain = LoadProblem::Chain { chunk: k, first, last: first + want - 1 };
        if chunk.e.len() < want {
            return Err(chain);
        }
        // Events beyond the committed count (a save cut short) are ignored;
        // the stored hash then belongs to the longer chunk, so the check
        // is against the last committed entry for the open chunk.
        let full_chunk = chunk.e.len() == want;
        for event in chunk.e.into_iter().take(want) {
            let before = office.log().len();
            office.apply(event);
            if office.log().len() != before + 1 {
                return Err(LoadProblem::Core(format!("历史记录第{before}条指向未登记的案件")));
            }
        }
        if full_chunk && office.log().head() != chunk.h {
            return Err(chain);
        }
    }
    if office.log().head() != head.head {
        let k = head.chunks.saturating_sub(1);
        let first = base + k * c;
        return Err(LoadProblem::Chain { chunk: k, first, last: head.entries.saturating_sub(1) });
    }
    let saved = Saved { entries: head.entries, head: head.head };
    Ok(Some(LoadedRecord { office, saved, sample: head.sample, migrated: false }))
}

/// The record's settings and, for the sandbox, the regenerated sample: the
/// office its chunks are applied to, and how many entries it already has.
fn base_office(
    kv: &dyn KeyValue,
    prefix: &str,
    head: &Head,
) -> Result<(Office, usize), LoadProblem> {
    let settings = match kv.get(&key(prefix, "settings")).map_err(LoadProblem::Unavailable)? {
        Some(text) => Some(decode_settings(&text, head.core_version)?),
        None if head.sample.is_some() => None,
        None => return Err(LoadProblem::BadSettings("missing".into())),
    };
    let base = head.sample.as_ref().map_or(0, |s| s.entries);
    let mut office = match &head.sample {
        Some(sample) => {
            let office = sample.generate().map_err(|_| LoadProblem::SampleChanged)?;
            if office.log().len() != sample.entries || office.log().head() != sample.head {
                return Err(LoadProblem::SampleChanged);
            }
            office
        }
        None => Office::new(settings.clone().unwrap_or_else(Settings::sample_county)),
    };
    if let Some(settings) = settings {
        *office.settings_mut() = settings;
    }
    Ok((office, base))
}

/// What can be read of a record whose history is damaged: its settings
/// and every entry before the first chunk that is missing, unreadable or
/// fails its hash (each chunk's chain is checked before any of its entries
/// is applied), up to an entry the core refuses. `None` when not even the
/// head and settings read. Nothing is written.
pub fn load_readable(kv: &dyn KeyValue, prefix: &str) -> Option<Readable> {
    let head = read_head(kv, prefix).ok()??;
    let (mut office, base) = base_office(kv, prefix, &head).ok()?;
    let c = head.chunk_entries.max(1);
    let mut dict = String::new();
    'chunks: for k in 0..head.chunks {
        let Some(text) = kv.get(&chunk_key(prefix, k)).ok().flatten() else { break };
        let Ok((chunk, json)) = decode_chunk(&text, &dict, head.core_version) else { break };
        dict = json;
        let first = base + k * c;
        let want = c.min(head.entries.saturating_sub(first));
        if chunk.e.len() < want {
            break;
        }
        let events: Vec<Event> = chunk.e.into_iter().take(want).collect();
        // The chunk's own hash (the open chunk: the head's) before applying.
        let expected = if first + want == head.entries { head.head } else { chunk.h };
        let mut hash = office.log().head();
        for (i, event) in events.iter().enumerate() {
            hash = Entry::compute_hash(&hash, (first + i) as u64, event);
        }
        if hash != expected {
            break;
        }
        for event in events {
            let before = office.log().len();
            office.apply(event);
            if office.log().len() != before + 1 {
                break 'chunks;
            }
        }
    }
    Some(Readable { entries: office.log().len(), total: head.entries, office })
}

/// The readable part of a damaged record ([`load_readable`]).
#[derive(Debug, Clone)]
pub struct Readable {
    /// The record as far as it reads.
    pub office: Office,
    /// Its entries (all of them before the damage).
    pub entries: usize,
    /// The entries the head counts.
    pub total: usize,
}

fn decode_settings(text: &str, core_version: u32) -> Result<Settings, LoadProblem> {
    let text = unpacked(text).map_err(LoadProblem::BadSettings)?;
    if core_version < CORE_VERSION {
        // An older core version: the core migrates its own data forward.
        let whole = format!(
            r#"{{"format":"{}","format_version":{core_version},"settings":{text},"log":[]}}"#,
            xinfang_core::office::FORMAT_NAME
        );
        return Office::from_json(&whole)
            .map(|o| o.settings().clone())
            .map_err(|e| LoadProblem::BadSettings(e.to_string()));
    }
    serde_json::from_str(&text).map_err(|e| LoadProblem::BadSettings(e.to_string()))
}

/// A chunk's events and its JSON text (the next chunk's dictionary);
/// `dict` is the previous chunk's text.
fn decode_chunk(text: &str, dict: &str, _core_version: u32) -> Result<(ChunkIn, String), String> {
    // Events of an older core version would be migrated here (version 1
    // is the first).
    let text = match unpack_with_dict(text, dict) {
        Some(result) => result?,
        None => text.to_owned(),
    };
    let chunk = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok((chunk, text))
}

/// The JSON text of chunk entries.
fn chunk_json(entries: &[Entry]) -> String {
    let chunk = ChunkRef {
        h: entries.last().map_or(Hash::GENESIS, |e| e.hash),
        e: entries.iter().map(|e| &e.event).collect(),
    };
    serde_json::to_string(&chunk).unwrap_or_default()
}

/// The stored form of chunk entries: sealed ones packed, with the
/// previous chunk's text (`dict`, empty for the first) as dictionary.
fn encode_chunk(entries: &[Entry], sealed: bool, dict: &str) -> String {
    let json = chunk_json(entries);
    match (sealed, dict.is_empty()) {
        (false, _) => json,
        (true, true) => pack(&json),
        (true, false) => pack_with_dict(dict, &json),
    }
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved since this one loaded or saved: reload and redo.
    Conflict,
    /// The stored record cannot be read: saving waits for the user.
    Unreadable(LoadProblem),
    /// A write failed (quota full, storage blocked); nothing is committed.
    Write(String),
}

/// What to save.
#[derive(Debug, Clone, Copy)]
pub struct SaveRequest<'a> {
    /// The space's key prefix.
    pub prefix: &'a str,
    /// The record.
    pub office: &'a Office,
    /// What this tab knows to be committed (`None`: nothing).
    pub saved: Option<Saved>,
    /// Whether the settings changed since the last save.
    pub settings_changed: bool,
    /// The sandbox's sample.
    pub sample: Option<&'a SampleBase>,
}

impl<'a> SaveRequest<'a> {
    /// The whole record under `prefix`, as if nothing of it were stored
    /// (a restore, a record set aside, a fresh store): every chunk, the
    /// settings and the head; no sandbox sample.
    pub fn whole(prefix: &'a str, office: &'a Office) -> SaveRequest<'a> {
        SaveRequest { prefix, office, saved: None, settings_changed: true, sample: None }
    }
}

/// Writes what changed since `saved`: the chunks from the one holding the
/// first unsaved entry to the last, the settings if they changed (or the
/// record is new), then the head. Refuses when the stored head is not
/// `saved` (another tab saved) or cannot be read.
pub fn save(kv: &dyn KeyValue, req: SaveRequest<'_>) -> Result<Saved, SaveError> {
    save_counting(kv, req).map(|(saved, _)| saved)
}

/// Writes `value` under `key`, adding the change in bytes used to `delta`.
fn put(kv: &dyn KeyValue, key: &str, value: &str, delta: &mut i64) -> Result<(), SaveError> {
    // As stored (sealed, when the store is encrypted).
    let size = |kv: &dyn KeyValue| {
        kv.get_raw(key).ok().flatten().map_or(0, |v| 2 * (key.len() + v.encode_utf16().count()))
    };
    let old = size(kv);
    kv.set(key, value).map_err(SaveError::Write)?;
    *delta += size(kv) as i64 - old as i64;
    Ok(())
}

/// [`save`], also returning how many bytes of storage the save added.
pub fn save_counting(kv: &dyn KeyValue, req: SaveRequest<'_>) -> Result<(Saved, i64), SaveError> {
    let mut delta = 0i64;
    let stored = read_head(kv, req.prefix).map_err(SaveError::Unreadable)?;
    let stored_saved = stored.as_ref().map(|h| Saved { entries: h.entries, head: h.head });
    if stored_saved != req.saved {
        return Err(SaveError::Conflict);
    }
    let log = req.office.log().entries();
    let n = log.len();
    let base = req.sample.map_or(0, |s| s.entries);
    let from = req.saved.map_or(base, |s| s.entries);
    if req.saved.is_some() && from == n && !req.settings_changed {
        return Ok((Saved { entries: n, head: req.office.log().head() }, 0));
    }
    if n < from || from < base {
        return Err(SaveError::Conflict);
    }
    let c = CHUNK_ENTRIES;
    let tail = n - base;
    let chunks = tail.div_ceil(c);
    let first_chunk = if from < n { (from - base) / c } else { chunks };
    for k in first_chunk..chunks {
        let slice = &log[base + k * c..(base + (k + 1) * c).min(n)];
        let sealed = slice.len() == c;
        let dict = if sealed && k > 0 {
            chunk_json(&log[base + (k - 1) * c..base + k * c])
        } else {
            String::new()
        };
        let text = encode_chunk(slice, sealed, &dict);
        put(kv, &chunk_key(req.prefix, k), &text, &mut delta)?;
    }
    if req.settings_changed || (req.saved.is_none() && req.sample.is_none()) {
        let json = serde_json::to_string(req.office.settings()).unwrap_or_default();
        put(kv, &key(req.prefix, "settings"), &pack(&json), &mut delta)?;
    }
    let head = Head {
        format: STORE_FORMAT.into(),
        version: STORE_VERSION,
        core_version: CORE_VERSION,
        chunk_entries: c,
        entries: n,
        chunks,
        head: req.office.log().head(),
        sample: req.sample.cloned(),
    };
    let text = serde_json::to_string(&head).unwrap_or_default();
    put(kv, &key(req.prefix, "head"), &text, &mut delta)?;
    Ok((Saved { entries: n, head: head.head }, delta))
}

/// Every key of the record under `prefix` (not of other prefixes that
/// merely start alike).
pub fn record_keys(kv: &dyn KeyValue, prefix: &str) -> Vec<String> {
    let dot = format!("{prefix}.");
    kv.keys().into_iter().filter(|k| k.starts_with(&dot)).collect()
}

/// Removes the record under `prefix` (the sandbox's reset).
pub fn remove_record(kv: &dyn KeyValue, prefix: &str) -> Result<(), String> {
    // The head first: from then on the rest is ignored even if removing
    // it stops half-way.
    kv.remove(&key(prefix, "head"))?;
    for k in record_keys(kv, prefix) {
        kv.remove(&k)?;
    }
    Ok(())
}

/// The first free `<prefix>-aside-<n>` (no key under `<prefix>-aside-<n>.`).
pub fn free_aside(kv: &dyn KeyValue, prefix: &str) -> String {
    let all: BTreeSet<String> = kv.keys().into_iter().collect();
    (1..)
        .map(|n| format!("{prefix}-aside-{n}"))
        .find(|p| !all.iter().any(|k| k.starts_with(&format!("{p}."))))
        .unwrap_or_default()
}

/// Moves every key of the record under `from` to `to`, head last (copy,
/// then remove, a key at a time, so it needs free space for only one
/// value; a half-done move leaves no readable head under `to`).
///
/// A value this tab cannot open (sealed with a passphrase whose lock
/// record is gone or damaged) is moved as stored, byte for byte: it stays
/// in the user's hands, downloadable, though it then opens under its old
/// key only.
pub fn move_record(kv: &dyn KeyValue, from: &str, to: &str) -> Result<(), String> {
    let head = key(from, "head");
    let (heads, rest): (Vec<_>, Vec<_>) =
        record_keys(kv, from).into_iter().partition(|k| *k == head);
    for k in rest.into_iter().chain(heads) {
        let target = format!("{to}{}", &k[from.len()..]);
        match kv.get(&k) {
            Ok(value) => kv.set(&target, &value.unwrap_or_default())?,
            Err(_) => kv.set_raw(&target, &kv.get_raw(&k)?.unwrap_or_default())?,
        }
        kv.remove(&k)?;
    }
    Ok(())
}

/// Moves a record aside, unchanged, under `<prefix>-aside-<n>.` (the first
/// free `n`), so a new record can start; returns the new prefix. The day
/// it was set aside is noted under `<aside>.aside` first (for the list of
/// set-aside records, [`asides`]).
///
/// Journaled ([`journal`]): a page that dies half-way leaves the move to
/// be finished by the next open; a move that fails (a full quota) is
/// undone here, and if even that fails the journal is left for the next
/// open to finish it.
pub fn set_aside(kv: &dyn KeyValue, prefix: &str, now: NaiveDateTime) -> Result<String, String> {
    let aside = free_aside(kv, prefix);
    journal::begin(kv, &journal::Op::SetAside { from: prefix.into(), to: aside.clone() })?;
    match note_and_move(kv, prefix, &aside, now) {
        Ok(()) => {
            journal::end(kv)?;
            Ok(aside)
        }
        Err(e) => {
            if put_back(kv, &aside, prefix).is_ok() {
                let _ = journal::end(kv);
            }
            Err(e)
        }
    }
}

/// [`set_aside`] to a given `aside`, unjournaled (for an operation that
/// keeps its own journal: a restore).
pub(crate) fn note_and_move(
    kv: &dyn KeyValue,
    prefix: &str,
    aside: &str,
    now: NaiveDateTime,
) -> Result<(), String> {
    let note =
        serde_json::json!({ "from": prefix, "at": now.format("%Y-%m-%dT%H:%M").to_string() });
    kv.set(&key(aside, ASIDE_NOTE), &note.to_string())?;
    move_record(kv, prefix, aside)
}

/// Moves a record set aside back under `prefix` (undoing [`set_aside`]),
/// without its note.
pub fn put_back(kv: &dyn KeyValue, aside: &str, prefix: &str) -> Result<(), String> {
    kv.remove(&key(aside, ASIDE_NOTE))?;
    move_record(kv, aside, prefix)
}

/// The part of a set-aside record that says when it was set aside.
pub const ASIDE_NOTE: &str = "aside";

/// A record kept aside (replaced by a restore, or set aside unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aside {
    /// Its key prefix (`xinfang.office-aside-2`).
    pub prefix: String,
    /// The storage it takes (characters of keys and values).
    pub bytes: usize,
    /// When it was set aside (`2026-12-07T10:15`), if noted.
    pub at: Option<String>,
    /// The log entries its head counts, when the head reads.
    pub entries: Option<usize>,
}

/// The records kept aside from the record under `prefix`, oldest first.
pub fn asides(kv: &dyn KeyValue, prefix: &str) -> Vec<Aside> {
    let lead = format!("{prefix}-aside-");
    let mut found: BTreeMap<u32, Aside> = BTreeMap::new();
    for k in kv.keys() {
        let Some(rest) = k.strip_prefix(&lead) else { continue };
        let Some((n, _)) = rest.split_once('.') else { continue };
        let Ok(n) = n.parse::<u32>() else { continue };
        let aside = format!("{lead}{n}");
        let value = kv.get_raw(&k).ok().flatten().unwrap_or_default();
        let entry = found.entry(n).or_insert_with(|| Aside {
            prefix: aside.clone(),
            bytes: 0,
            at: None,
            entries: None,
        });
        entry.bytes += k.len() + value.len();
        if k == key(&aside, ASIDE_NOTE) {
            entry.at = serde_json::from_str::<serde_json::Value>(&value)
                .ok()
                .and_then(|v| v["at"].as_str().map(str::to_owned));
        } else if k == key(&aside, "head") {
            entry.entries = kv
                .get(&k)
                .ok()
                .flatten()
                .and_then(|t| serde_json::from_str::<Head>(&t).ok())
                .map(|h| h.entries);
        }
    }
    found.into_values().collect()
}

/// Removes a record kept aside (after the clerk downloaded it). Only a
/// prefix [`asides`] lists is removed, never the open record.
pub fn remove_aside(kv: &dyn KeyValue, prefix: &str, aside: &str) -> Result<(), String> {
    if !asides(kv, prefix).iter().any(|a| a.prefix == aside) {
        return Err(format!("{aside} is not a record set aside from {prefix}"));
    }
    remove_record(kv, aside)
}

/// A command applied in this tab and not yet saved: the core's
/// [`Pending`] (what, when, what it made here) and the log length after it,
/// so a save of the first `n` entries drops the commands it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// The command as done here.
    pub pending: Pending,
    /// The log length after it.
    pub end: usize,
}

/// Brings a record up to date with what another tab saved: loads the
/// stored record and redoes `unsaved` on it (`Office::rebase`: the cases
/// and work records this tab made get the ids they get there, and later
/// commands follow them). `None` when nothing is stored.
pub fn catch_up(
    kv: &dyn KeyValue,
    prefix: &str,
    unsaved: &[Unsaved],
) -> Result<Option<CaughtUp>, LoadProblem> {
    let Some(loaded) = load(kv, prefix)? else {
        return Ok(None);
    };
    let mut office = loaded.office;
    let pending: Vec<Pending> = unsaved.iter().map(|u| u.pending.clone()).collect();
    let rebased = office.rebase(&pending);
    let end = office.log().len();
    let unsaved = rebased.redone.into_iter().map(|pending| Unsaved { pending, end }).collect();
    let refused = rebased.refused.into_iter().map(|r| format!("{}：{}", r.what, r.why)).collect();
    Ok(Some(CaughtUp {
        office,
        saved: loaded.saved,
        sample: loaded.sample,
        unsaved,
        refused,
        moved: rebased.moved,
    }))
}

/// What another tab appended to the record: the new events, the new
/// commit, and the settings if they differ from this tab's.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The events after this tab's last commit, in order.
    pub events: Vec<Event>,
    /// The new commit.
    pub saved: Saved,
    /// The stored settings, when they differ from `office`'s.
    pub settings: Option<Settings>,
}

/// When the stored record extends what this tab committed (`saved`, of
/// `office`), the events appended since: read from the chunks from the one
/// holding `saved` onward only, with the chain checked from this tab's
/// entries to the stored head. `Ok(None)` when it does not simply extend
/// it (then [`catch_up`] loads it whole).
pub fn appended(
    kv: &dyn KeyValue,
    prefix: &str,
    office: &Office,
    saved: Saved,
) -> Result<Option<Appended>, LoadProblem> {
    let Some(head) = read_head(kv, prefix)? else {
        return Ok(None);
    };
    let log = office.log().entries();
    let base = head.sample.as_ref().map_or(0, |s| s.entries);
    let c = head.chunk_entries;
    if head.entries < saved.entries || saved.entries < base || saved.entries > log.len() {
        return Ok(None);
    }
    let first_chunk = (saved.entries - base) / c;
    let start = base + first_chunk * c;
    let mut prev = if start == 0 { Hash::GENESIS } else { log[start - 1].hash };
    let mut events = Vec::new();
    let mut dict = String::new();
    for k in first_chunk..head.chunks {
        let text = kv
            .get(&chunk_key(prefix, k))
            .map_err(LoadProblem::Unavailable)?
            .ok_or(LoadProblem::MissingChunk(k))?;
        if k == first_chunk && k > 0 && start <= log.len() {
            // The dictionary of a sealed chunk: the previous chunk, which
            // this tab has (if the stored one differs, decoding fails and
            // the record is loaded whole).
            dict = chunk_json(&log[start - c..start]);
        }
        let Ok((chunk, json)) = decode_chunk(&text, &dict, head.core_version) else {
            return Ok(None);
        };
        dict = json;
        let first = base + k * c;
        for (i, event) in chunk.e.into_iter().enumerate() {
            let seq = first + i;
            if seq >= head.entries {
                break;
            }
            prev = Entry::compute_hash(&prev, seq as u64, &event);
            if seq + 1 == saved.entries && prev != saved.head {
                return Ok(None); // another history: load it whole
            }
            if seq >= saved.entries {
                events.push(event);
            }
        }
    }
    if prev != head.head || saved.entries + events.len() != head.entries {
        return Ok(None);
    }
    let settings = match kv.get(&key(prefix, "settings")).map_err(LoadProblem::Unavailable)? {
        Some(text) => Some(decode_settings(&text, head.core_version)?),
        None => None,
    }
    .filter(|s| s != office.settings());
    Ok(Some(Appended { events, saved: Saved { entries: head.entries, head: head.head }, settings }))
}

/// The stored record with this tab's unsaved commands redone on it.
#[derive(Debug)]
pub struct CaughtUp {
    /// The record, with the commands that still apply.
    pub office: Office,
    /// What is committed (before the redone commands are saved).
    pub saved: Saved,
    /// The sandbox's sample, if any.
    pub sample: Option<SampleBase>,
    /// The commands redone, not saved yet.
    pub unsaved: Vec<Unsaved>,
    /// The commands that no longer apply: what, and why (Chinese).
    pub refused: Vec<String>,
    /// The cases and work records this tab made that got other ids there.
    pub moved: IdMap,
}

pub mod journal;

#[cfg(test)]
pub(crate) mod tests;
