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

/// A reader's detail cut to one readable line: at most [`BRIEF_CHARS`]
/// characters (a damaged value can make a parser quote all of it), with
/// how much was left out. The raw data stays downloadable
/// ([`raw_dump`]).
pub fn brief(detail: &str) -> String {
    let line = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let total = line.chars().count();
    if total <= BRIEF_CHARS {
        return line;
    }
    let kept: String = line.chars().take(BRIEF_CHARS).collect();
    format!("{kept}…（另有{}字省略）", total - BRIEF_CHARS)
}

/// The most characters of a detail a message shows.
pub const BRIEF_CHARS: usize = 160;

/// Every stored value whose key starts with `prefix`, exactly as stored
/// (sealed values stay sealed), as one JSON file for the user to keep or
/// hand to support: `{"format": "xinfang-raw-storage", "prefix", "values"}`.
pub fn raw_dump(kv: &dyn KeyValue, prefix: &str) -> String {
    let mut keys: Vec<String> = kv.keys().into_iter().filter(|k| k.starts_with(prefix)).collect();
    keys.sort();
    let values: serde_json::Map<String, serde_json::Value> = keys
        .into_iter()
        .filter_map(|k| {
            let v = kv.get_raw(&k).ok().flatten()?;
            Some((k, serde_json::Value::String(v)))
        })
        .collect();
    serde_json::json!({ "format": "xinfang-raw-storage", "prefix": prefix, "values": values })
        .to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_detail_is_cut_to_one_line_saying_how_much_was_left_out() {
        let dump = format!("invalid type: string \"{}\"\n at line 1", "\u{1}乱码".repeat(31_000));
        let text = brief(&dump);
        assert!(text.chars().count() < BRIEF_CHARS + 20, "{}", text.chars().count());
        assert!(text.ends_with("字省略）"), "{text}");
        assert!(!text.contains('\n'));
        assert_eq!(brief("  短的\n原因 "), "短的 原因");
    }

    #[test]
    fn the_raw_dump_holds_the_prefix_values_exactly_as_stored() {
        let kv = MemoryKv::default();
        kv.set("xinfang.office.head", "{\"damaged\":").unwrap();
        kv.set("xinfang.office.chunk.0", "\u{0}binary").unwrap();
        kv.set("other.key", "not ours").unwrap();
        let dump: serde_json::Value =
            serde_json::from_str(&raw_dump(&kv, "xinfang.office.")).unwrap();
        assert_eq!(dump["format"], "xinfang-raw-storage");
        let values = dump["values"].as_object().unwrap();
        assert_eq!(values.len(), 2);
        assert_eq!(values["xinfang.office.head"], "{\"damaged\":");
        assert_eq!(values["xinfang.office.chunk.0"], "\u{0}binary");
    }
}
