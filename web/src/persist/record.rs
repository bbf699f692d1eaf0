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

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use xinfang_core::log::Entry;
use xinfang_core::office::FORMAT_VERSION as CORE_VERSION;
use xinfang_core::sample::{generate, SampleConfig};
use xinfang_core::{Action, CaseId, Command, Event, Hash, Office, Settings};

use crate::i18n::{tr, Lang};
use crate::state::{Opened, Space};

/// The key prefix of the office's real record.
pub const REAL_PREFIX: &str = "xinfang.office";

/// The key prefix of the training sandbox.
pub const SANDBOX_PREFIX: &str = "xinfang.sandbox";

/// Which record was open, so a reload reopens it (`"real"`/`"sandbox"`).
pub const SPACE_KEY: &str = "xinfang.space";

/// The marker of the head record.
pub const STORE_FORMAT: &str = "xinfang-record";

/// The layout version this build writes and reads.
pub const STORE_VERSION: u32 = 1;

/// Log entries per chunk (~20 cases).
pub const CHUNK_ENTRIES: usize = 128;

/// Chromium's `localStorage` quota per origin, in bytes (UTF-16).
pub const QUOTA_BYTES: usize = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------
// Key-value stores
// ---------------------------------------------------------------------------

/// A string key-value store: `localStorage` or a map in tests.
pub trait KeyValue {
    /// The value under `key`, if any; the error is the store's message.
    fn get(&self, key: &str) -> Result<Option<String>, String>;
    /// Writes `value` under `key`; the error is the store's message
    /// (`QuotaExceededError…` when full).
    fn set(&self, key: &str, value: &str) -> Result<(), String>;
    /// Removes `key`.
    fn remove(&self, key: &str) -> Result<(), String>;
    /// Every key.
    fn keys(&self) -> Vec<String>;
    /// The value under `key` as stored (sealed, when the store is
    /// encrypted: see [`crate::persist::crypt`]); the same as [`KeyValue::get`] for a
    /// store that does not encrypt.
    fn get_raw(&self, key: &str) -> Result<Option<String>, String> {
        self.get(key)
    }
    /// Writes `value` under `key` as it is (already sealed or plain).
    fn set_raw(&self, key: &str, value: &str) -> Result<(), String> {
        self.set(key, value)
    }
}

/// An in-memory store that counts writes and can have a quota (in the
/// same UTF-16 bytes as Chromium).
#[derive(Debug, Default)]
pub struct MemoryKv {
    /// The values.
    pub map: RefCell<BTreeMap<String, String>>,
    /// Keys written, in order.
    pub writes: RefCell<Vec<String>>,
    /// The quota in bytes, if any.
    pub quota: Option<usize>,
}

impl MemoryKv {
    /// A copy of the values.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.map.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        if let Some(quota) = self.quota {
            let mut map = self.map.borrow().clone();
            map.insert(key.to_owned(), value.to_owned());
            if usage_of(map.iter()) > quota {
                return Err("QuotaExceededError: the quota has been exceeded.".into());
            }
        }
        self.map.borrow_mut().insert(key.to_owned(), value.to_owned());
        self.writes.borrow_mut().push(key.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

/// The browser's `localStorage`, encryption-aware: while a session key is
/// set ([`set_session`], after the lock screen), the values of the record
/// keys ([`crate::persist::crypt::is_record_key`]: everything under
/// `xinfang.office`, `xinfang.sandbox`, their `-aside-` copies and `.work`)
/// are sealed on `set` and opened on `get`, so every reader and writer
/// (the record, the work ledgers, backup, sandbox) is covered in this one
/// place; the preferences, `xinfang.space` and `xinfang.lock` stay plain.
/// A value that fails to open is an `Err` with the reason (the loaders then
/// report the record unreadable and keep it). [`KeyValue::get_raw`] and
/// [`usage`] see what is stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserKv;

thread_local! {
    /// The unlocked key(s) of this tab; never stored, gone with the page.
    static SESSION: RefCell<Option<crate::persist::crypt::Session>> = const { RefCell::new(None) };
}

/// Sets (or, with `None`, clears) this tab's session key.
pub fn set_session(session: Option<crate::persist::crypt::Session>) {
    SESSION.with(|s| *s.borrow_mut() = session);
}

/// Runs `f` with this tab's session key, if any.
pub fn with_session<R>(f: impl FnOnce(Option<&crate::persist::crypt::Session>) -> R) -> R {
    SESSION.with(|s| f(s.borrow().as_ref()))
}

/// Follows a lock record another tab wrote (`None`: removed): `false` when
/// this tab cannot read the store with its session any more (the page
/// must ask for the passphrase again).
pub fn follow_lock(lock: Option<&crate::persist::crypt::Lock>) -> bool {
    SESSION.with(|cell| {
        let mut session = cell.borrow_mut();
        match (session.as_mut(), lock) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(s), lock) => {
                let ok = s.follow(lock);
                if ok && lock.is_none() {
                    *session = None;
                }
                ok
            }
        }
    })
}

/// Whether the page must ask for the passphrase: a lock record is stored
/// and this tab holds no key.
pub fn needs_unlock() -> bool {
    let stored = BrowserKv.get_raw(crate::persist::crypt::LOCK_KEY).ok().flatten().is_some();
    stored && with_session(|s| s.is_none())
}

/// Whether this tab writes the record sealed (encryption is on).
pub fn encryption_on() -> bool {
    with_session(|s| s.is_some_and(crate::persist::crypt::Session::writes_sealed))
}

/// Fills `buf` from the browser's `crypto.getRandomValues`.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), String> {
    let crypto = web_sys::window().ok_or("no window")?.crypto().map_err(js_message)?;
    crypto.get_random_values_with_u8_array(buf).map(drop).map_err(js_message)
}

impl BrowserKv {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .ok_or("no window")?
            .local_storage()
            .map_err(js_message)?
            .ok_or_else(|| "localStorage is not available".to_owned())
    }
}

fn js_message(err: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        let name = String::from(e.name());
        let message = String::from(e.message());
        return format!("{name}: {message}");
    }
    err.as_string().unwrap_or_else(|| format!("{err:?}"))
}

impl KeyValue for BrowserKv {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        let Some(stored) = self.get_raw(key)? else { return Ok(None) };
        with_session(|s| crate::persist::crypt::open_value(s, key, stored)).map(Some)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let sealed = with_session(|s| {
            crate::persist::crypt::seal_value(s, key, value, &mut |buf: &mut [u8]| {
                random_bytes(buf)
            })
        })?;
        self.set_raw(key, sealed.as_deref().unwrap_or(value))
    }
    fn get_raw(&self, key: &str) -> Result<Option<String>, String> {
        Self::storage()?.get_item(key).map_err(js_message)
    }
    fn set_raw(&self, key: &str, value: &str) -> Result<(), String> {
        Self::storage()?.set_item(key, value).map_err(js_message)
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        Self::storage()?.remove_item(key).map_err(js_message)
    }
    fn keys(&self) -> Vec<String> {
        let Ok(storage) = Self::storage() else { return Vec::new() };
        let n = storage.length().unwrap_or(0);
        (0..n).filter_map(|i| storage.key(i).ok().flatten()).collect()
    }
}

/// Bytes the pairs take in Chromium's accounting (UTF-16 code units of key
/// and value, 2 bytes each).
pub fn usage_of<'a>(pairs: impl Iterator<Item = (&'a String, &'a String)>) -> usize {
    pairs.map(|(k, v)| 2 * (k.encode_utf16().count() + v.encode_utf16().count())).sum()
}

/// Bytes the whole store takes (every key, ours or not), as stored.
pub fn usage(kv: &dyn KeyValue) -> usize {
    kv.keys()
        .into_iter()
        .map(|k| {
            let v = kv.get_raw(&k).ok().flatten().unwrap_or_default();
            2 * (k.encode_utf16().count() + v.encode_utf16().count())
        })
        .sum()
}

/// Whether a write error means the quota is full.
pub fn is_quota_error(detail: &str) -> bool {
    let lower = detail.to_ascii_lowercase();
    lower.contains("quota")
}

// ---------------------------------------------------------------------------
// Packing: deflate + 15 bits per UTF-16 code unit
// ---------------------------------------------------------------------------

/// The first code point of the packing alphabet: U+4000..U+BFFF holds
/// 2^15 code points and no surrogates.
const PACK_BASE: u32 = 0x4000;

/// The most of a dictionary deflate can use (its window).
const WINDOW: usize = 32 * 1024;

/// Deflates `text` and packs it as `Z<byte count>:<15 bits per char>`.
pub fn pack(text: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    pack_bytes("Z", &bytes)
}

/// Deflates `text` with `dict` (its last 32 KiB) as the preset history
/// and packs it as `Y<byte count>:…`. Sealed chunks use the previous
/// chunk's text: a chunk alone is too short for deflate to find much to
/// refer back to (with it, 20,000 cases take ~20 % less).
pub fn pack_with_dict(dict: &str, text: &str) -> String {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let dict = &dict.as_bytes()[dict.len().saturating_sub(WINDOW)..];
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let mut run = |mut input: &[u8], flush: TDEFLFlush| -> Vec<u8> {
        let mut out = vec![0u8; (input.len() / 2).max(1024)];
        let mut pos = 0;
        loop {
            let (status, used, wrote) = compress(&mut c, input, &mut out[pos..], flush);
            input = &input[used..];
            pos += wrote;
            let full = pos == out.len();
            match status {
                TDEFLStatus::Done => break,
                TDEFLStatus::Okay if input.is_empty() && !full => break,
                TDEFLStatus::Okay => {
                    if out.len() - pos < 1024 {
                        out.resize(out.len() * 2, 0);
                    }
                }
                // Only on a bug of the compressor: an empty result, which
                // then fails to unpack (reported, never silently wrong).
                _ => return Vec::new(),
            }
        }
        out.truncate(pos);
        out
    };
    // The history: compressed and flushed to a block boundary, then dropped.
    run(dict, TDEFLFlush::Sync);
    let bytes = run(text.as_bytes(), TDEFLFlush::Finish);
    pack_bytes("Y", &bytes)
}

fn inflate_with_dict(dict: &[u8], data: &[u8]) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let dict = &dict[dict.len().saturating_sub(WINDOW)..];
    let mut out = dict.to_vec();
    out.resize(dict.len() + (data.len() * 8).max(4096), 0);
    let mut r = DecompressorOxide::new();
    let (mut input, mut pos) = (data, dict.len());
    loop {
        let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, used, wrote) = decompress(&mut r, input, &mut out, pos, flags);
        input = &input[used..];
        pos += wrote;
        match status {
            TINFLStatus::Done => {
                out.truncate(pos);
                return Ok(out.split_off(dict.len()));
            }
            TINFLStatus::HasMoreOutput if out.len() < 512 << 20 => {
                let len = out.len();
                out.resize(len * 2, 0);
            }
            status => return Err(format!("inflate: {status:?}")),
        }
    }
}

/// Packs `bytes` 15 bits per UTF-16 code unit as `<marker><byte count>:…`
/// (the sealed chunks' packing; also the sealed values of [`crate::persist::crypt`]).
pub fn pack_bytes(marker: &str, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 16 + marker.len());
    out.push_str(marker);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let push = |out: &mut String, v: u32| {
        // In range by construction: v < 2^15.
        out.push(char::from_u32(PACK_BASE + v).unwrap_or('\u{4000}'));
    };
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(&mut out, (acc >> bits) & 0x7fff);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        push(&mut out, (acc << (15 - bits)) & 0x7fff);
    }
    out
}

/// Reverses [`pack`]; `None` if `text` is not packed, an error if it is
/// but damaged.
pub fn unpack(text: &str) -> Option<Result<String, String>> {
    unpack_with_dict(text, "")
}

/// Reverses [`pack`] and [`pack_with_dict`] (given the same dictionary).
pub fn unpack_with_dict(text: &str, dict: &str) -> Option<Result<String, String>> {
    let (rest, with_dict) = match text.strip_prefix('Z') {
        Some(rest) => (rest, false),
        None => (text.strip_prefix('Y')?, true),
    };
    Some((|| {
        let bytes = unpack_bytes(rest)?;
        let raw = if with_dict {
            inflate_with_dict(dict.as_bytes(), &bytes)?
        } else {
            miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, 512 << 20)
                .map_err(|e| format!("inflate: {e:?}"))?
        };
        String::from_utf8(raw).map_err(|e| e.to_string())
    })())
}

/// Reverses [`pack_bytes`] after its marker: `<byte count>:…` to the bytes.
pub fn unpack_bytes(rest: &str) -> Result<Vec<u8>, String> {
    let (len, body) = rest.split_once(':').ok_or("no length")?;
    let len: usize = len.parse().map_err(|_| "bad length")?;
    let mut bytes = Vec::with_capacity(len.min(body.len() * 2) + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.chars() {
        let v = u32::from(c).wrapping_sub(PACK_BASE);
        if v > 0x7fff {
            return Err(format!("unexpected character U+{:04X}", u32::from(c)));
        }
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bytes.len() < len {
        return Err("cut short".to_owned());
    }
    bytes.truncate(len);
    Ok(bytes)
}

/// The text of a value that may be packed.
fn unpacked(text: &str) -> Result<String, String> {
    match unpack(text) {
        Some(result) => result,
        None => Ok(text.to_owned()),
    }
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

/// The sample a sandbox was generated from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleBase {
    /// The generator's seed.
    pub seed: u64,
    /// The day it was filled (the sample's "today").
    pub filled_on: NaiveDate,
    /// Cases per year.
    pub cases_per_year: u32,
    /// Log entries of the generated part.
    pub entries: usize,
    /// The chain head of the generated part.
    pub head: Hash,
}

impl SampleBase {
    /// Generates the sample (deterministic: same parameters, same record).
    pub fn generate(&self) -> Result<Office, String> {
        sample_office(self.seed, self.filled_on, self.cases_per_year)
    }
}

/// A year of sample cases ending `today`, on the sample county's settings.
pub fn sample_office(seed: u64, today: NaiveDate, cases_per_year: u32) -> Result<Office, String> {
    let config = SampleConfig::year(seed, today, cases_per_year);
    generate(Settings::sample_county(), &config).map_err(|e| e.to_string())
}

/// Fills a new sandbox: the sample and its [`SampleBase`].
pub fn new_sandbox(
    seed: u64,
    today: NaiveDate,
    cases_per_year: u32,
) -> Result<(Office, SampleBase), String> {
    let office = sample_office(seed, today, cases_per_year)?;
    let base = SampleBase {
        seed,
        filled_on: today,
        cases_per_year,
        entries: office.log().len(),
        head: office.log().head(),
    };
    Ok((office, base))
}

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
    /// The message, in Chinese or English.
    pub fn message(&self, lang: Lang) -> String {
        let lead = tr(
            lang,
            "本机保存的案件记录无法读取，原数据保持原样、未被改动；在您作出选择前，本记录的修改不会保存。原因：",
            "The case record saved in this browser cannot be read. The data is left exactly as it \
             was; until you choose what to do, changes to this record are not saved. Reason: ",
        );
        let why = match self {
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
        _ => en,
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

/// Moves an unreadable record aside, unchanged, under
/// `<prefix>-aside-<n>.` (the first free `n`), so a new record can start;
/// returns the new prefix. Key by key (copy, then remove), so it needs
/// free space for only one value at a time.
pub fn set_aside(kv: &dyn KeyValue, prefix: &str) -> Result<String, String> {
    let all: BTreeSet<String> = kv.keys().into_iter().collect();
    let aside = (1..)
        .map(|n| format!("{prefix}-aside-{n}"))
        .find(|p| !all.iter().any(|k| k.starts_with(&format!("{p}."))))
        .unwrap_or_default();
    let keys = record_keys(kv, prefix);
    // The head last, so a half-done move still leaves no readable head.
    let (heads, rest): (Vec<_>, Vec<_>) = keys.into_iter().partition(|k| *k == key(prefix, "head"));
    for k in rest.into_iter().chain(heads) {
        let value = kv.get(&k)?.unwrap_or_default();
        let moved = format!("{aside}{}", &k[prefix.len()..]);
        kv.set(&moved, &value)?;
        kv.remove(&k)?;
    }
    Ok(aside)
}

// ---------------------------------------------------------------------------
// Unsaved commands and another tab's saves
// ---------------------------------------------------------------------------

/// A command applied in this tab and not yet saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The command.
    pub command: Command,
    /// When the user gave it.
    pub now: NaiveDateTime,
    /// The case it concerned (for a registration: the id it got here).
    pub case: CaseId,
    /// The log length after it.
    pub end: usize,
}

/// The outcome of redoing this tab's unsaved commands on another record.
#[derive(Debug)]
pub struct Rebased {
    /// The record with the commands that still apply.
    pub office: Office,
    /// Them, with their new ends and ids.
    pub pending: Vec<Pending>,
    /// The commands that no longer apply: what, and why (in Chinese).
    pub refused: Vec<String>,
    /// Cases this tab registered that got another id: (here, now).
    pub moved: Vec<(CaseId, CaseId)>,
}

/// Redoes `pending` on `office` (what another tab saved) in order. Cases
/// this tab registered get new ids and numbers there; later commands that
/// name them are rewritten to the new ids.
pub fn rebase(mut office: Office, pending: &[Pending]) -> Rebased {
    let mut ids: BTreeMap<CaseId, CaseId> = BTreeMap::new();
    let mut out = Vec::new();
    let mut refused = Vec::new();
    for p in pending {
        let command = remap(&p.command, &ids);
        match office.decide(&command, p.now) {
            Ok(events) => {
                let case = events.first().map_or(p.case, |e| e.case);
                for event in events {
                    office.apply(event);
                }
                if matches!(command, Command::Register { .. }) {
                    ids.insert(p.case, case);
                }
                out.push(Pending { command, now: p.now, case, end: office.log().len() });
            }
            Err(err) => refused.push(format!("{}：{err}", describe(&office, &command))),
        }
    }
    let moved = ids.into_iter().filter(|(a, b)| a != b).collect();
    Rebased { office, pending: out, refused, moved }
}

fn describe(office: &Office, command: &Command) -> String {
    match command {
        Command::Register { intake } => format!("登记“{}”", intake.summary),
        Command::Act { case, action } => {
            let number =
                office.case(*case).map_or_else(|| format!("#{case:?}"), |c| c.number().to_owned());
            format!("{number} {}", action.label())
        }
    }
}

fn remap(command: &Command, ids: &BTreeMap<CaseId, CaseId>) -> Command {
    let map = |id: &mut CaseId| {
        if let Some(new) = ids.get(id) {
            *id = *new;
        }
    };
    let mut command = command.clone();
    match &mut command {
        Command::Register { intake } => intake.repeat_of.iter_mut().for_each(map),
        Command::Act { case, action } => {
            map(case);
            match action {
                Action::Amend { intake } => intake.repeat_of.iter_mut().for_each(map),
                Action::LinkRepeat { earlier } => map(earlier),
                _ => {}
            }
        }
    }
    command
}

/// Brings a record up to date with what another tab saved: loads the
/// stored record and redoes `pending` on it. `None` when nothing is stored.
pub fn catch_up(
    kv: &dyn KeyValue,
    prefix: &str,
    pending: &[Pending],
) -> Result<Option<CaughtUp>, LoadProblem> {
    let Some(loaded) = load(kv, prefix)? else {
        return Ok(None);
    };
    let rebased = rebase(loaded.office, pending);
    Ok(Some(CaughtUp { saved: loaded.saved, sample: loaded.sample, rebased }))
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
    /// What is committed (before the redone commands are saved).
    pub saved: Saved,
    /// The sandbox's sample, if any.
    pub sample: Option<SampleBase>,
    /// The record and the commands redone.
    pub rebased: Rebased,
}

// ---------------------------------------------------------------------------
// Opening spaces (the browser side; pure over `KeyValue`)
// ---------------------------------------------------------------------------

/// The key prefix of a space.
pub fn prefix_of(space: Space) -> &'static str {
    match space {
        Space::Real => REAL_PREFIX,
        Space::Sandbox => SANDBOX_PREFIX,
    }
}

/// The space that was open last (the real record unless the sandbox was).
pub fn stored_space(kv: &dyn KeyValue) -> Space {
    match kv.get(SPACE_KEY) {
        Ok(Some(v)) if v == "sandbox" => Space::Sandbox,
        _ => Space::Real,
    }
}

/// Remembers the open space (best effort: a full quota only means a
/// reload opens the real record).
pub fn remember_space(kv: &dyn KeyValue, space: Space) {
    let value = match space {
        Space::Real => "real",
        Space::Sandbox => "sandbox",
    };
    let _ = kv.set(SPACE_KEY, value);
}

/// Milliseconds from the page's clock (`performance.now()`), for the
/// load and save timings; 0 where there is none.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Opens the real record: the stored one, a new empty one, or (when the
/// stored one cannot be read) an empty one with the problem, saving paused.
pub fn open_real(kv: &dyn KeyValue) -> Opened {
    let start = now_ms();
    let (office, saved, problem) = match load(kv, REAL_PREFIX) {
        Ok(Some(record)) => (record.office, Some(record.saved), None),
        Ok(None) => (Office::new(Settings::sample_county()), None, None),
        Err(problem) => (Office::new(Settings::sample_county()), None, Some(problem)),
    };
    let work = crate::persist::work::open(kv, REAL_PREFIX);
    let load_ms = now_ms() - start;
    let bytes = usage(kv);
    Opened { space: Space::Real, office, saved, sample: None, problem, load_ms, bytes, work }
}

/// Opens the sandbox: the stored one; else, when `fill_on` is given, a new
/// one filled with the sample up to that day (its head saved at once).
/// `None` when there is none and none is to be made.
pub fn open_sandbox(
    kv: &dyn KeyValue,
    fill_on: Option<NaiveDate>,
    seed: u64,
    cases_per_year: u32,
) -> Option<Result<Opened, String>> {
    let start = now_ms();
    let opened = |office, saved, sample, problem| {
        let work = crate::persist::work::open(kv, SANDBOX_PREFIX);
        let load_ms = now_ms() - start;
        let bytes = usage(kv);
        Opened { space: Space::Sandbox, office, saved, sample, problem, load_ms, bytes, work }
    };
    match load(kv, SANDBOX_PREFIX) {
        Ok(Some(record)) => {
            Some(Ok(opened(record.office, Some(record.saved), record.sample, None)))
        }
        Ok(None) => {
            let today = fill_on?;
            Some(new_sandbox(seed, today, cases_per_year).map(|(office, base)| {
                let req = SaveRequest {
                    prefix: SANDBOX_PREFIX,
                    office: &office,
                    saved: None,
                    settings_changed: false,
                    sample: Some(&base),
                };
                // If this fails (full), the next change saves it all.
                let saved = save(kv, req).ok();
                crate::persist::work::fill_sandbox(kv, &office, &base);
                opened(office, saved, Some(base), None)
            }))
        }
        Err(problem) => {
            Some(Ok(opened(Office::new(Settings::sample_county()), None, None, Some(problem))))
        }
    }
}

#[cfg(test)]
mod tests;
