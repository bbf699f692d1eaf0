//! The browser's `localStorage`: the only module that knows the key and
//! the schema of what is saved, and the only user of gloo-storage.
//!
//! What is saved is a versioned envelope, `{ "version": 1, "settings": {
//! "lang": "zh-CN", "view_as": 7 } }` (`view_as`, when set: the unit whose
//! view the app shows, see `unit_view`). Loading never loses data: when the saved value
//! cannot be read (not JSON, not this schema, or written by a newer
//! version), it is left untouched under [`KEY`], copied verbatim to
//! [`BACKUP_KEY`], and the app reports it and saves nothing until the user
//! chooses to start over. A failed write (a full quota, storage blocked)
//! is reported too, never a panic.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::persist::kv::brief;

/// The `localStorage` key of the saved envelope.
pub const KEY: &str = "xinfang";

/// Where an unreadable saved value is copied, verbatim, before anything
/// else can happen to it.
pub const BACKUP_KEY: &str = "xinfang.backup";

/// The envelope version this build writes and reads.
pub const VERSION: u64 = 1;

/// What is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The interface language.
    pub lang: Lang,
    /// 以单位身份查看: the unit whose workspace the app shows (`None`: the
    /// petition office's view of every case). Missing in preferences saved
    /// before it existed: then `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_as: Option<xinfang_core::UnitId>,
}

/// What loading found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The saved preferences, or the defaults when there are none or they
    /// cannot be read.
    pub prefs: Prefs,
    /// Why the saved preferences could not be used; every load problem pauses
    /// saving (see [`StorageProblem::pauses_saving`]).
    pub problem: Option<StorageProblem>,
}

/// Something that went wrong with the browser's storage, to show the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// A saved value exists but cannot be read.
    Unreadable {
        /// Why.
        reason: Unreadable,
        /// Whether [`BACKUP_KEY`] now holds the raw value.
        backed_up: bool,
    },
    /// `localStorage` could not be read at all.
    Unavailable {
        /// The browser's error.
        detail: String,
    },
    /// Saving failed (a full quota, storage blocked, …).
    WriteFailed {
        /// The browser's error.
        detail: String,
    },
}

impl StorageProblem {
    /// Whether saving must wait: true when writing could destroy data that
    /// was there but could not be read.
    pub fn pauses_saving(&self) -> bool {
        match self {
            StorageProblem::Unreadable { .. } | StorageProblem::Unavailable { .. } => true,
            StorageProblem::WriteFailed { .. } => false,
        }
    }
}

/// Why a saved value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not an envelope this build understands.
    Invalid {
        /// The parser's message.
        detail: String,
    },
    /// An envelope of a newer version than [`VERSION`].
    NewerVersion {
        /// The version found.
        found: u64,
    },
}

/// The envelope as written.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    version: u64,
    settings: &'a Prefs,
}

/// A version-1 envelope as read (unknown fields are ignored, missing ones
/// take their defaults).
#[derive(Deserialize)]
struct EnvelopeV1 {
    #[serde(default)]
    settings: Prefs,
}

/// Reads the saved settings (see the module docs for what happens to a
/// value that cannot be read).
pub fn load() -> Loaded {
    let value = match LocalStorage::get::<serde_json::Value>(KEY) {
        Ok(value) => value,
        Err(StorageError::KeyNotFound(_)) => {
            return Loaded { prefs: Prefs::default(), problem: None }
        }
        Err(StorageError::SerdeError(err)) => {
            return keep_unreadable(Unreadable::Invalid { detail: err.to_string() })
        }
        Err(StorageError::JsError(err)) => {
            let problem = StorageProblem::Unavailable { detail: err.to_string() };
            return Loaded { prefs: Prefs::default(), problem: Some(problem) };
        }
    };
    match decode(value) {
        Ok(prefs) => Loaded { prefs, problem: None },
        Err(reason) => keep_unreadable(reason),
    }
}

/// Writes `settings`; the error is the browser's message.
pub fn save(settings: &Prefs) -> Result<(), String> {
    LocalStorage::set(KEY, EnvelopeOut { version: VERSION, settings })
        .map_err(|err| err.to_string())
}

/// Reads an envelope.
pub fn decode(value: serde_json::Value) -> Result<Prefs, Unreadable> {
    let version = match value.get("version") {
        Some(version) => version.as_u64().ok_or_else(|| Unreadable::Invalid {
            detail: format!("\"version\" is {version}, not a whole number"),
        })?,
        None => {
            return Err(Unreadable::Invalid { detail: "no \"version\" field".to_owned() });
        }
    };
    if version > VERSION {
        return Err(Unreadable::NewerVersion { found: version });
    }
    if version != VERSION {
        return Err(Unreadable::Invalid { detail: format!("unknown version {version}") });
    }
    match serde_json::from_value::<EnvelopeV1>(value) {
        Ok(envelope) => Ok(envelope.settings),
        Err(err) => Err(Unreadable::Invalid { detail: err.to_string() }),
    }
}

/// The envelope for `settings`, as saved.
pub fn encode(settings: &Prefs) -> String {
    serde_json::to_string(&EnvelopeOut { version: VERSION, settings })
        .expect("settings always serialise")
}

/// Leaves the unreadable value where it is, copies it to [`BACKUP_KEY`]
/// unless a different backup is already there (never overwrite a backup),
/// and reports it.
fn keep_unreadable(reason: Unreadable) -> Loaded {
    let storage = LocalStorage::raw();
    let backed_up = match storage.get_item(KEY) {
        Ok(Some(raw)) => match storage.get_item(BACKUP_KEY) {
            Ok(Some(existing)) => existing == raw,
            Ok(None) => storage.set_item(BACKUP_KEY, &raw).is_ok(),
            Err(_) => false,
        },
        _ => false,
    };
    Loaded {
        prefs: Prefs::default(),
        problem: Some(StorageProblem::Unreadable { reason, backed_up }),
    }
}

/// The message for a storage problem.
pub fn problem_message(lang: Lang, problem: &StorageProblem) -> String {
    match (lang, problem) {
        (Lang::ZhCn, StorageProblem::Unreadable { reason, backed_up }) => {
            let why = match reason {
                Unreadable::Invalid { detail } => format!("格式无法识别：{}", brief(detail)),
                Unreadable::NewerVersion { found } => {
                    format!("由更新版本的本平台保存（数据版本 {found}）")
                }
            };
            let backup = if *backed_up {
                format!("，并已另存一份到“{BACKUP_KEY}”")
            } else {
                String::new()
            };
            format!(
                "本机保存的数据无法读取（{why}）。原始数据保持原样，仍在“{KEY}”中{backup}。\
                 在您作出选择之前，本页不会写入本机存储，对设置的更改只在本次打开期间有效。"
            )
        }
        (Lang::En, StorageProblem::Unreadable { reason, backed_up }) => {
            let why = match reason {
                Unreadable::Invalid { detail } => {
                    format!("it is not in a known format: {}", brief(detail))
                }
                Unreadable::NewerVersion { found } => {
                    format!("a newer version of this platform saved it (data version {found})")
                }
            };
            let backup = if *backed_up {
                format!(", and a copy is kept under “{BACKUP_KEY}”")
            } else {
                String::new()
            };
            format!(
                "The data saved in this browser cannot be read ({why}). It is left as it was, \
                 under “{KEY}”{backup}. Until you choose what to do, this page writes nothing to \
                 the browser's storage: changed settings last only until the page is closed."
            )
        }
        (Lang::ZhCn, StorageProblem::Unavailable { detail }) => format!(
            "无法读取浏览器的本机存储（{detail}）。本页不会写入本机存储，设置只在本次打开期间有效。"
        ),
        (Lang::En, StorageProblem::Unavailable { detail }) => format!(
            "The browser's storage cannot be read ({detail}). This page writes nothing to it: \
             settings last only until the page is closed."
        ),
        (Lang::ZhCn, StorageProblem::WriteFailed { detail }) => format!(
            "设置未能保存到本机存储（{detail}）。可能是存储空间已满或浏览器禁止保存；\
             设置只在本次打开期间有效。"
        ),
        (Lang::En, StorageProblem::WriteFailed { detail }) => format!(
            "The settings could not be saved in this browser ({detail}). Its storage may be \
             full or blocked; settings last only until the page is closed."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_round_trip() {
        let settings = Prefs { lang: Lang::En, view_as: None };
        let text = encode(&settings);
        assert_eq!(text, r#"{"version":1,"settings":{"lang":"en"}}"#);
        let value = serde_json::from_str(&text).unwrap();
        assert_eq!(decode(value), Ok(settings));
    }

    #[test]
    fn missing_fields_take_defaults_and_unknown_ones_are_ignored() {
        assert_eq!(decode(json!({ "version": 1 })), Ok(Prefs::default()));
        assert_eq!(
            decode(json!({ "version": 1, "settings": { "lang": "en", "theme": "dark" } })),
            Ok(Prefs { lang: Lang::En, view_as: None })
        );
    }

    #[test]
    fn the_unit_view_is_kept_and_older_preferences_still_load() {
        let settings = Prefs { lang: Lang::ZhCn, view_as: Some(xinfang_core::UnitId::new(7)) };
        let value = serde_json::from_str(&encode(&settings)).unwrap();
        assert_eq!(decode(value), Ok(settings));
        // Saved before the field existed: the petition office's view.
        let old = json!({ "version": 1, "settings": { "lang": "en" } });
        assert_eq!(decode(old), Ok(Prefs { lang: Lang::En, view_as: None }));
        let bad = json!({ "version": 1, "settings": { "lang": "en", "view_as": "x" } });
        assert!(matches!(decode(bad), Err(Unreadable::Invalid { .. })));
    }

    #[test]
    fn newer_versions_are_not_read() {
        assert_eq!(
            decode(json!({ "version": 2, "settings": {} })),
            Err(Unreadable::NewerVersion { found: 2 })
        );
    }

    #[test]
    fn values_that_are_not_envelopes_are_unreadable() {
        for value in [
            json!("zh-CN"),
            json!([1, 2]),
            json!({ "lang": "en" }),
            json!({ "version": "1" }),
            json!({ "version": 0 }),
            json!({ "version": 1, "settings": { "lang": "fr" } }),
        ] {
            assert!(
                matches!(decode(value.clone()), Err(Unreadable::Invalid { .. })),
                "{value} was read"
            );
        }
    }

    #[test]
    fn only_load_problems_pause_saving() {
        let unreadable = StorageProblem::Unreadable {
            reason: Unreadable::NewerVersion { found: 3 },
            backed_up: true,
        };
        assert!(unreadable.pauses_saving());
        assert!(StorageProblem::Unavailable { detail: String::new() }.pauses_saving());
        assert!(!StorageProblem::WriteFailed { detail: String::new() }.pauses_saving());
    }
}
