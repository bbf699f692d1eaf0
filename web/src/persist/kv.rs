//! A string key-value store ([`KeyValue`]): the browser's `localStorage`
//! (see `browser`) or a map in tests ([`MemoryKv`]); the key prefixes of
//! the two records (real and sandbox) and which one is open.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Which record the app works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Space {
    /// The office's real record.
    #[default]
    Real,
    /// The training sandbox: sample data in a store of its own.
    Sandbox,
}

/// The key prefix of the office's real record.
pub const REAL_PREFIX: &str = "xinfang.office";

/// The key prefix of the training sandbox.
pub const SANDBOX_PREFIX: &str = "xinfang.sandbox";

/// Which record was open, so a reload reopens it (`"real"`/`"sandbox"`).
pub const SPACE_KEY: &str = "xinfang.space";

/// Chromium's `localStorage` quota per origin, in bytes (UTF-16).
pub const QUOTA_BYTES: usize = 10 * 1024 * 1024;

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
