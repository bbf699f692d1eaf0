//! Optional encryption of the stored record at rest, with a passphrase.
//!
//! ## What is sealed
//!
//! When the office sets a passphrase, every value of the record keys
//! ([`is_record_key`]: `xinfang.office.*`, `xinfang.sandbox.*`, their
//! `-aside-<n>` copies, the work ledgers `.work`) is stored sealed:
//! `E1:<key id>:<byte count>:<15 bits per UTF-16 unit>` (the packing of
//! `office_store::pack_bytes`) over a random 24-byte nonce and the
//! XChaCha20-Poly1305 ciphertext of the value, with the storage key as
//! associated data (a value moved to another key does not open). Before
//! encrypting, the text is put in its smaller form (UTF-8, or UTF-16 for
//! the packed chunks, whose code units are 15-bit) and deflated when that
//! helps. The preferences (`xinfang`), `xinfang.space` and the lock record
//! stay plain. `office_store::BrowserKv` seals and opens with this tab's
//! [`Session`]; the passphrase itself is never stored.
//!
//! ## The lock record, [`LOCK_KEY`]
//!
//! Plain JSON ([`Lock`]): format, version, the key's [`Slot`] (its id, the
//! Argon2id parameters, the salt and a verifier = a sealed known text, so a
//! wrong passphrase is recognised before anything is read or written) and,
//! while the values are being rewritten for a new passphrase (or back to
//! plain), the [`Rewrite`] under way: the new slot, and each key sealed
//! with the other, so either passphrase opens both. Values say which key
//! sealed them; while a rewrite is pending both keys (or plain values) are
//! accepted, and the next unlock finishes it ([`finish`]). So a rewrite cut
//! short (a full quota, a closed tab) never leaves the store unreadable.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::i18n::{tr, Lang};
use crate::persist::kv::{usage, KeyValue, REAL_PREFIX, SANDBOX_PREFIX};
use crate::persist::pack::{pack_bytes, unpack_bytes};

/// The key of the lock record.
pub const LOCK_KEY: &str = "xinfang.lock";

/// The marker of the lock record.
pub const LOCK_FORMAT: &str = "xinfang-lock";

/// What a sealed value says when the lock record that could open it is
/// gone (removed by hand or by clearing site data in part): no passphrase
/// can be checked or turned into the key without its salt.
pub const LOCK_GONE: &str =
    "加密锁记录（xinfang.lock）已不存在，口令无法验证，已加密的记录无法解密 \
(the lock record xinfang.lock is gone: the encrypted record cannot be opened)";

/// The lock record's layout version.
pub const LOCK_VERSION: u32 = 1;

/// The start of a sealed value.
pub const SEALED: &str = "E1:";

/// The shortest passphrase accepted (in characters).
pub const MIN_PASSPHRASE: usize = 8;

/// Bytes of a nonce (XChaCha20).
pub const NONCE_LEN: usize = 24;

/// Bytes of a salt.
pub const SALT_LEN: usize = 16;

/// The text the verifier seals.
const VERIFIER: &str = "xinfang: passphrase verified";

/// The associated data of the wrapped keys of a rewrite.
const WRAP_AAD: &str = "xinfang.lock/wrap";

/// Argon2id's parameters for new passphrases: 64 MiB, 3 passes, 1 lane
/// (RFC 9106's second recommended option). Measured in headless Chromium
/// (the e2e test `encryption` prints it): the OWASP minimum (19 MiB, t = 2)
/// took only ~0.14 s in the release wasm, too cheap against guessing;
/// these take ~0.5–1 s an unlock.
pub const DEFAULT_KDF: KdfParams = KdfParams { alg: String::new(), m_kib: 64 * 1024, t: 3, p: 1 };

/// A source of random bytes: `crypto.getRandomValues` in the browser, a
/// seeded generator in tests.
pub type Rng<'a> = &'a mut dyn FnMut(&mut [u8]) -> Result<(), String>;

/// Whether the value under `key` is part of a record (sealed when the
/// store is encrypted).
pub fn is_record_key(key: &str) -> bool {
    [REAL_PREFIX, SANDBOX_PREFIX].iter().any(|prefix| {
        key.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with("-aside-"))
    })
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/// The key derivation's parameters (stored with the salt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Always `argon2id`.
    #[serde(default)]
    pub alg: String,
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The parameters as written (`alg` filled in).
    pub fn named(&self) -> KdfParams {
        KdfParams { alg: "argon2id".into(), ..self.clone() }
    }

    fn check(&self) -> Result<Params, String> {
        if self.alg != "argon2id" {
            return Err(format!("unknown key derivation “{}”", self.alg));
        }
        // Bounds against a lock record made to hang the page.
        if self.m_kib > 256 * 1024 || self.t > 16 || self.p > 4 {
            return Err("key derivation parameters out of range".into());
        }
        Params::new(self.m_kib, self.t, self.p, Some(32)).map_err(|e| e.to_string())
    }
}

/// A 256-bit key and its id (never shown, never stored in the clear).
#[derive(Clone)]
pub struct Key {
    id: String,
    bytes: [u8; 32],
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Key {
    /// Derives the key of `slot`-to-be from a passphrase (Argon2id).
    pub fn derive(id: &str, passphrase: &str, salt: &[u8], kdf: &KdfParams) -> Result<Key, String> {
        let params = kdf.check()?;
        let mut bytes = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), salt, &mut bytes)
            .map_err(|e| e.to_string())?;
        Ok(Key { id: id.to_owned(), bytes })
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.bytes.into())
    }

    /// Seals `plain` for the storage key `aad`.
    pub fn seal(&self, aad: &str, plain: &str, rng: Rng<'_>) -> Result<String, String> {
        let mut nonce = [0u8; NONCE_LEN];
        rng(&mut nonce)?;
        let msg = encode(plain);
        let ct = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: &msg, aad: aad.as_bytes() })
            .map_err(|_| "encryption failed".to_owned())?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&ct);
        Ok(pack_bytes(&format!("{SEALED}{}:", self.id), &bytes))
    }

    /// Opens a value sealed with this key for the storage key `aad`.
    pub fn open(&self, aad: &str, sealed: &str) -> Result<String, String> {
        let (id, body) = sealed_parts(sealed).ok_or("not a sealed value")?;
        if id != self.id {
            return Err(format!("sealed with another key ({id})"));
        }
        let bytes = unpack_bytes(body)?;
        if bytes.len() < NONCE_LEN + 16 {
            return Err("too short".into());
        }
        let (nonce, ct) = bytes.split_at(NONCE_LEN);
        let msg = self
            .cipher()
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: aad.as_bytes() })
            .map_err(|_| "the value does not open with the key (altered or moved)".to_owned())?;
        decode(&msg)
    }

    fn hex(&self) -> String {
        hex(&self.bytes)
    }
}

/// The key id and the packed body of a sealed value.
pub fn sealed_parts(text: &str) -> Option<(&str, &str)> {
    text.strip_prefix(SEALED)?.split_once(':')
}

/// The plain text as the bytes to encrypt: a flag byte (bit 0: UTF-16LE,
/// bit 1: deflated) and the text in its smaller form.
fn encode(plain: &str) -> Vec<u8> {
    let units = plain.encode_utf16().count();
    let (mut flags, mut body) = if units * 2 < plain.len() {
        (1u8, plain.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>())
    } else {
        (0u8, plain.as_bytes().to_vec())
    };
    if body.len() >= 64 {
        let deflated = miniz_oxide::deflate::compress_to_vec(&body, 6);
        if deflated.len() < body.len() {
            flags |= 2;
            body = deflated;
        }
    }
    let mut out = Vec::with_capacity(body.len() + 1);
    out.push(flags);
    out.extend_from_slice(&body);
    out
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    let (&flags, body) = bytes.split_first().ok_or("empty")?;
    if flags > 3 {
        return Err(format!("unknown encoding {flags}"));
    }
    let body = if flags & 2 != 0 {
        miniz_oxide::inflate::decompress_to_vec_with_limit(body, 512 << 20)
            .map_err(|e| format!("inflate: {e:?}"))?
    } else {
        body.to_vec()
    };
    if flags & 1 != 0 {
        if !body.len().is_multiple_of(2) {
            return Err("odd UTF-16".into());
        }
        let units: Vec<u16> =
            body.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        String::from_utf16(&units).map_err(|e| e.to_string())
    } else {
        String::from_utf8(body).map_err(|e| e.to_string())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Result<Vec<u8>, String> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return Err("bad hex".into());
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|_| "bad hex".to_owned()))
        .collect()
}

// ---------------------------------------------------------------------------
// The lock record
// ---------------------------------------------------------------------------

/// A passphrase's key as the lock record knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The key id values name.
    pub id: String,
    /// The derivation's parameters.
    pub kdf: KdfParams,
    /// The salt (hex).
    pub salt: String,
    /// [`VERIFIER`] sealed with the key (for [`LOCK_KEY`]).
    pub verifier: String,
}

impl Slot {
    /// Derives the slot's key from `passphrase` and checks it against the
    /// verifier: `Ok(None)` for a wrong passphrase.
    pub fn unlock(&self, passphrase: &str) -> Result<Option<Key>, String> {
        let key = Key::derive(&self.id, passphrase, &unhex(&self.salt)?, &self.kdf)?;
        Ok((key.open(LOCK_KEY, &self.verifier).as_deref() == Ok(VERIFIER)).then_some(key))
    }
}

/// A rewrite of every value under way (to a new key, or back to plain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rewrite {
    /// The new key (`None`: back to plain).
    pub to: Option<Slot>,
    /// The new key sealed with the old one (a change of passphrase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_by_old: Option<String>,
    /// The old key sealed with the new one (a change of passphrase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_by_new: Option<String>,
}

/// The lock record, [`LOCK_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    /// [`LOCK_FORMAT`].
    pub format: String,
    /// [`LOCK_VERSION`] when written.
    pub version: u32,
    /// The key the values are sealed with (`None`: plain, before a first
    /// passphrase's rewrite is done).
    pub key: Option<Slot>,
    /// A rewrite under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Rewrite>,
    /// SHA-256 (hex) of the record's text without this field, written by
    /// [`Lock::text`]: a changed salt, parameter or verifier no longer
    /// passes as a wrong passphrase but is told as damage. Absent in lock
    /// records written before it (they are read as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

impl Lock {
    /// Reads a lock record (refusing foreign, newer and empty ones).
    pub fn read(text: &str) -> Result<Lock, String> {
        let lock: Lock = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if lock.format != LOCK_FORMAT {
            return Err("not a lock record of this software".into());
        }
        if lock.version > LOCK_VERSION {
            return Err(format!("written by a newer version (lock version {})", lock.version));
        }
        if let Some(check) = &lock.check {
            if *check != lock.checksum() {
                return Err("校验值不符，锁记录被改动或损坏 (its checksum does not match: \
                            the lock record was altered or damaged)"
                    .into());
            }
        }
        let to = lock.pending.as_ref().and_then(|p| p.to.as_ref());
        if lock.key.is_none() && to.is_none() {
            return Err("a lock record without a key".into());
        }
        for slot in lock.key.iter().chain(to) {
            slot.kdf.check()?;
        }
        Ok(lock)
    }

    /// The stored text, with its [`Lock::check`].
    pub fn text(&self) -> String {
        let lock = Lock { check: Some(self.checksum()), ..self.clone() };
        serde_json::to_string(&lock).unwrap_or_default()
    }

    /// The SHA-256 (hex) of the record's text without its check.
    fn checksum(&self) -> String {
        use sha2::{Digest, Sha256};
        let bare = Lock { check: None, ..self.clone() };
        let digest = Sha256::digest(serde_json::to_string(&bare).unwrap_or_default());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The key values are written with: the rewrite's target, else the key.
    fn target(&self) -> Option<&Slot> {
        match &self.pending {
            Some(p) => p.to.as_ref(),
            None => self.key.as_ref(),
        }
    }

    /// Whether plain values are accepted (a first passphrase's rewrite, or
    /// a removal, is under way).
    fn plain_ok(&self) -> bool {
        self.key.is_none() || self.pending.as_ref().is_some_and(|p| p.to.is_none())
    }
}

/// The lock record in `kv`: `Ok(None)` when the store is not encrypted.
pub fn read_lock(kv: &dyn KeyValue) -> Result<Option<Lock>, String> {
    kv.get_raw(LOCK_KEY)?.map(|t| Lock::read(&t)).transpose()
}

/// Keeps the encrypted records (real and sandbox) aside as stored, with
/// the damaged lock record beside the real one (`<aside>.lock`), then
/// removes the lock so an empty, plain record can start. The lock is
/// removed last: cut short, the page still asks for the passphrase.
pub fn start_over(kv: &dyn KeyValue, now: chrono::NaiveDateTime) -> Result<(), String> {
    use crate::persist::record::{key, record_keys, set_aside};
    let lock = kv.get_raw(LOCK_KEY)?;
    let mut real_aside = None;
    for prefix in [REAL_PREFIX, SANDBOX_PREFIX] {
        if !record_keys(kv, prefix).is_empty() {
            let aside = set_aside(kv, prefix, now)?;
            if prefix == REAL_PREFIX {
                real_aside = Some(aside);
            }
        }
    }
    if let Some(lock) = lock {
        let aside = match real_aside {
            Some(aside) => aside,
            None => set_aside(kv, REAL_PREFIX, now)?,
        };
        kv.set_raw(&key(&aside, "lock"), &lock)?;
    }
    kv.remove(LOCK_KEY)
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// An unlocked store: the keys this tab holds, which one writes (none:
/// plain), and whether plain values are accepted.
#[derive(Debug, Clone)]
pub struct Session {
    keys: Vec<Key>,
    write: Option<String>,
    plain_ok: bool,
}

/// Why unlocking failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockError {
    /// The passphrase does not match.
    Wrong,
    /// The lock record cannot be used.
    Damaged(String),
}

impl Session {
    fn for_lock(lock: &Lock, keys: Vec<Key>) -> Session {
        Session { keys, write: lock.target().map(|s| s.id.clone()), plain_ok: lock.plain_ok() }
    }

    /// Whether values are written sealed.
    pub fn writes_sealed(&self) -> bool {
        self.write.is_some()
    }

    fn key(&self, id: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// Follows a lock record another tab wrote (a new passphrase, a
    /// removal): `false` when this tab cannot read with it any more (it
    /// must be unlocked again).
    pub fn follow(&mut self, lock: Option<&Lock>) -> bool {
        let Some(lock) = lock else {
            // Removed: the values are plain again.
            *self = Session { keys: Vec::new(), write: None, plain_ok: true };
            return true;
        };
        if let Some(p) = &lock.pending {
            let have = |id: &str| self.keys.iter().any(|k| k.id == id);
            if let (Some(to), Some(old)) = (&p.to, &lock.key) {
                // A change: unwrap the key this tab lacks with the one it has.
                if !have(&to.id) {
                    let new = self
                        .key(&old.id)
                        .zip(p.new_by_old.as_deref())
                        .and_then(|(k, w)| unwrap_key(k, &to.id, w));
                    self.keys.extend(new);
                }
            }
        }
        let needed: Vec<&Slot> =
            lock.key.iter().chain(lock.pending.as_ref().and_then(|p| p.to.as_ref())).collect();
        if needed.iter().any(|s| self.key(&s.id).is_none()) {
            return false;
        }
        *self = Session::for_lock(lock, std::mem::take(&mut self.keys));
        true
    }
}

fn wrap_key(by: &Key, key: &Key, rng: Rng<'_>) -> Result<String, String> {
    by.seal(WRAP_AAD, &key.hex(), rng)
}

fn unwrap_key(by: &Key, id: &str, wrapped: &str) -> Option<Key> {
    let bytes: [u8; 32] = unhex(&by.open(WRAP_AAD, wrapped).ok()?).ok()?.try_into().ok()?;
    Some(Key { id: id.to_owned(), bytes })
}

/// Unlocks the store with `passphrase`: the new key of a pending rewrite
/// is tried first, then the current one; either yields both (through the
/// keys sealed with each other).
pub fn unlock(lock: &Lock, passphrase: &str) -> Result<Session, UnlockError> {
    let to = lock.pending.as_ref().and_then(|p| p.to.as_ref());
    let damaged = UnlockError::Damaged;
    if let Some(to) = to {
        if let Some(key) = to.unlock(passphrase).map_err(damaged)? {
            let mut keys = vec![key];
            if let (Some(old), Some(w)) =
                (&lock.key, lock.pending.as_ref().and_then(|p| p.old_by_new.as_deref()))
            {
                keys.extend(unwrap_key(&keys[0], &old.id, w));
            }
            return Ok(Session::for_lock(lock, keys));
        }
    }
    if let Some(slot) = &lock.key {
        if let Some(key) = slot.unlock(passphrase).map_err(damaged)? {
            let mut keys = vec![key];
            if let (Some(to), Some(w)) =
                (to, lock.pending.as_ref().and_then(|p| p.new_by_old.as_deref()))
            {
                keys.extend(unwrap_key(&keys[0], &to.id, w));
            }
            return Ok(Session::for_lock(lock, keys));
        }
    }
    Err(UnlockError::Wrong)
}

/// The value to hand a reader for what is stored under `key`.
pub fn open_value(session: Option<&Session>, key: &str, stored: String) -> Result<String, String> {
    if !is_record_key(key) {
        return Ok(stored);
    }
    let Some((id, _)) = sealed_parts(&stored) else {
        return match session {
            Some(s) if !s.plain_ok => Err(format!(
                "本机数据已加密，但“{key}”的值未加密，可能被改动 (the value under {key} is not \
                 encrypted in an encrypted store: it may have been altered)"
            )),
            _ => Ok(stored),
        };
    };
    let Some(s) = session else {
        return Err(
            "本机数据已加密，请先输入口令解锁 (the store is encrypted: unlock it first)".into()
        );
    };
    let k = s.key(id).ok_or_else(|| {
        format!(
            "“{key}”由另一口令加密，无法解密 (the value under {key} was sealed with another key)"
        )
    })?;
    k.open(key, &stored).map_err(|e| {
        format!("“{key}”无法解密，可能被改动 (the value under {key} cannot be decrypted: {e})")
    })
}

/// What to store for `plain` under `key`: `Ok(None)` to store it as it is
/// (not a record key, or no key writes).
pub fn seal_value(
    session: Option<&Session>,
    key: &str,
    plain: &str,
    rng: Rng<'_>,
) -> Result<Option<String>, String> {
    let Some(id) = session.and_then(|s| s.write.as_deref()).filter(|_| is_record_key(key)) else {
        return Ok(None);
    };
    let k = session.and_then(|s| s.key(id)).ok_or("the writing key is missing")?;
    k.seal(key, plain, rng).map(Some)
}

// ---------------------------------------------------------------------------
// Setting, changing and removing the passphrase
// ---------------------------------------------------------------------------

/// Checks a new passphrase and its confirmation: the message to show
/// beside the field that is wrong (`Err((field, message))`, field
/// `"new"` or `"confirm"`).
pub fn check_new(lang: Lang, new: &str, confirm: &str) -> Result<(), (&'static str, String)> {
    if new.chars().count() < MIN_PASSPHRASE {
        let msg = match lang {
            Lang::ZhCn => format!("口令至少{MIN_PASSPHRASE}个字符"),
            Lang::En => format!("The passphrase needs at least {MIN_PASSPHRASE} characters"),
        };
        return Err(("new", msg));
    }
    if new != confirm {
        return Err((
            "confirm",
            tr(lang, "两次输入的口令不一致", "The two passphrases differ").into(),
        ));
    }
    Ok(())
}

/// A new passphrase's key and slot.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// The slot for the lock record.
    pub slot: Slot,
    /// The key.
    pub key: Key,
}

/// Derives a new key (a random salt and key id) for `passphrase`.
pub fn new_key(passphrase: &str, kdf: &KdfParams, rng: Rng<'_>) -> Result<NewKey, String> {
    let mut salt = [0u8; SALT_LEN];
    rng(&mut salt)?;
    let mut id = [0u8; 4];
    rng(&mut id)?;
    let kdf = kdf.named();
    let key = Key::derive(&hex(&id), passphrase, &salt, &kdf)?;
    let verifier = key.seal(LOCK_KEY, VERIFIER, rng)?;
    Ok(NewKey { slot: Slot { id: key.id.clone(), kdf, salt: hex(&salt), verifier }, key })
}

/// The outcome of a rewrite.
#[derive(Debug)]
pub struct Rewritten {
    /// The session to use from now on (`None`: plain).
    pub session: Option<Session>,
    /// When it was cut short: why (the store stays readable with either
    /// passphrase and the next unlock finishes it).
    pub interrupted: Option<String>,
}

fn text(lang: Lang, zh: &str, en: &str) -> String {
    tr(lang, zh, en).to_owned()
}

/// Rewrites every record value from the current state (`lock` and its
/// unlocked `session`; `None`, `None` when plain) to `to` (`None`: plain).
/// Refuses (changing nothing) when a value cannot be read or the result
/// would not fit in `quota` bytes; else writes the lock record's pending
/// rewrite first, then each value, then the final lock record.
pub fn rewrite(
    lang: Lang,
    kv: &dyn KeyValue,
    lock: Option<&Lock>,
    session: Option<&Session>,
    to: Option<NewKey>,
    quota: usize,
    rng: Rng<'_>,
) -> Result<Rewritten, String> {
    if lock.is_some_and(|l| l.pending.is_some()) {
        return Err(text(
            lang,
            "上次更换口令尚未完成，请先完成",
            "The last change is not finished yet: finish it first",
        ));
    }
    let old = lock.and_then(|l| l.key.as_ref()).and_then(|s| session?.key(&s.id).cloned());
    if lock.is_some() && old.is_none() {
        return Err(text(lang, "请先输入当前口令", "Enter the current passphrase first"));
    }
    if old.as_ref().zip(to.as_ref()).is_some_and(|(o, n)| o.id == n.key.id) {
        // One chance in 2^32: the new key must be told apart.
        return Err(text(lang, "请重试", "Please try again"));
    }
    let (new_by_old, old_by_new) = match (&old, &to) {
        (Some(old), Some(new)) => {
            (Some(wrap_key(old, &new.key, rng)?), Some(wrap_key(&new.key, old, rng)?))
        }
        _ => (None, None),
    };
    let pending = Lock {
        format: LOCK_FORMAT.into(),
        version: LOCK_VERSION,
        key: lock.and_then(|l| l.key.clone()),
        pending: Some(Rewrite { to: to.as_ref().map(|n| n.slot.clone()), new_by_old, old_by_new }),
        check: None,
    };
    let keys: Vec<Key> = to.iter().map(|n| n.key.clone()).chain(old).collect();
    let target = Session::for_lock(&pending, keys);
    // Everything in memory first: a value that cannot be read, or a
    // result that would not fit, refuses the whole change.
    let mut values = Vec::new();
    let (mut before, mut after) = (0usize, 0usize);
    for k in kv.keys().into_iter().filter(|k| is_record_key(k)) {
        let Some(stored) = kv.get_raw(&k)? else { continue };
        let plain = open_value(session, &k, stored.clone()).map_err(|e| {
            format!(
                "{}{e}",
                tr(
                    lang,
                    "有数据无法读取，未作改动：",
                    "A value cannot be read; nothing was changed: "
                )
            )
        })?;
        let new = seal_value(Some(&target), &k, &plain, rng)?.unwrap_or(plain);
        before += stored.encode_utf16().count();
        after += new.encode_utf16().count();
        values.push((k, new));
    }
    let lock_units = 2 * (LOCK_KEY.len() + pending.text().len());
    let need = usage(kv) + 2 * after + lock_units;
    if need.saturating_sub(2 * before) > quota {
        return Err(text(
            lang,
            "本机存储空间不足，无法重写数据，未作改动。请先导出备份并清理空间。",
            "Not enough browser storage to rewrite the data; nothing was changed. Back up and free some space first.",
        ));
    }
    kv.set_raw(LOCK_KEY, &pending.text())?;
    for (k, v) in &values {
        if let Err(e) = kv.set_raw(k, v) {
            return Ok(Rewritten { session: Some(target), interrupted: Some(e) });
        }
    }
    complete(kv, &pending, target)
}

/// Writes the final lock record of a pending rewrite whose values are all
/// rewritten (or removes it, back to plain).
fn complete(kv: &dyn KeyValue, pending: &Lock, target: Session) -> Result<Rewritten, String> {
    let done = match pending.pending.as_ref().and_then(|p| p.to.clone()) {
        Some(slot) => {
            let lock = Lock { key: Some(slot), pending: None, ..pending.clone() };
            kv.set_raw(LOCK_KEY, &lock.text()).map(|()| Some(lock))
        }
        None => kv.remove(LOCK_KEY).map(|()| None),
    };
    match done {
        Ok(Some(lock)) => {
            let keys =
                target.keys.into_iter().filter(|k| Some(&k.id) == target.write.as_ref()).collect();
            Ok(Rewritten { session: Some(Session::for_lock(&lock, keys)), interrupted: None })
        }
        Ok(None) => Ok(Rewritten { session: None, interrupted: None }),
        Err(e) => Ok(Rewritten { session: Some(target), interrupted: Some(e) }),
    }
}

/// Finishes a pending rewrite (after unlocking with either passphrase):
/// the values not yet in the target form are rewritten, then the final
/// lock record is written. Without a pending rewrite, returns the session;
/// when a step fails, the session as it is (the store stays readable) and
/// why.
pub fn finish(
    kv: &dyn KeyValue,
    lock: &Lock,
    session: Session,
    rng: Rng<'_>,
) -> Result<Rewritten, String> {
    if lock.pending.is_none() {
        return Ok(Rewritten { session: Some(session), interrupted: None });
    }
    let target = session.write.clone();
    for k in kv.keys().into_iter().filter(|k| is_record_key(k)) {
        let Some(stored) = kv.get_raw(&k)? else { continue };
        let done = match (&target, sealed_parts(&stored)) {
            (Some(t), Some((id, _))) => id == t,
            (None, None) => true,
            _ => false,
        };
        if done {
            continue;
        }
        let step = open_value(Some(&session), &k, stored)
            .and_then(|plain| Ok(seal_value(Some(&session), &k, &plain, rng)?.unwrap_or(plain)))
            .and_then(|new| kv.set_raw(&k, &new));
        if let Err(e) = step {
            return Ok(Rewritten { session: Some(session), interrupted: Some(e) });
        }
    }
    complete(kv, lock, session)
}

#[cfg(test)]
mod tests;
