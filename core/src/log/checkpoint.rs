//! Checkpoints: a point of the log's history (how many entries it had and
//! its head then) that the office keeps outside the browser — printed on
//! a report, written into a backup file — so a history changed later, even
//! with its chain recomputed, is caught when the log no longer passes
//! through a point the office recorded.
//!
//! The chain alone only stops naive edits: anyone who can edit the stored
//! log can recompute every hash after the edit. What they cannot change is
//! a paper copy or a file kept elsewhere. A checkpoint taken at `n` entries
//! still holds as long as entry `n − 1` carries the same hash; since each
//! hash covers all entries before it, that is true exactly when the first
//! `n` entries are unchanged.
//!
//! # The printed code
//!
//! On paper a checkpoint is its [`Code`]: the entry count, a dash and the
//! first 8 hex digits (32 bits) of the head, `1234-9f3a2c7e`, short enough
//! to read back by eye and type. 32 bits are plenty against accidents and
//! hand edits: an edited history whose head happens to start with the
//! same 8 digits is a 1 in 4,294,967,296 chance. They are not enough
//! against a determined forger: someone who recomputes the chain can also
//! try variations of a later entry (a space in a note) until the head's
//! first 32 bits match, about 4 billion SHA-256 computations, hours on an
//! office PC. So the full 256-bit hash is what the office's list of
//! checkpoints stores and what a backup file's header carries; the short
//! code on paper is for a quick comparison. The strongest reference is a
//! backup file kept off the machine (or, with an office server, the
//! server's copy): it holds the whole history as it was.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

use crate::log::{EventLog, Hash};

/// A point of the log's history: how many entries the log had and the
/// hash of its last entry then ([`Hash::GENESIS`] for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Checkpoint {
    /// How many entries the log had.
    pub entries: u64,
    /// The head then.
    pub hash: Hash,
}

/// The printed form of a [`Checkpoint`]: the entry count and the first 32
/// bits of the head, written `1234-9f3a2c7e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// How many entries the log had.
    pub entries: u64,
    /// The first four bytes of the head.
    pub short: [u8; 4],
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-", self.entries)?;
        self.short.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// Why a typed text is not a checkpoint code. The messages are for the
/// clerk typing a code from a paper copy.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CodeError {
    /// Nothing was typed.
    #[error("请输入记录校验码，如 1234-9f3a2c7e")]
    Empty,
    /// No dash between the count and the hash.
    #[error("校验码应为“记录条数-8位校验值”，如 1234-9f3a2c7e，中间的“-”不能省略")]
    NoDash,
    /// The part before the dash is not a count.
    #[error("“-”前应为记录条数（只含数字），现为“{found}”")]
    Count {
        /// What was typed there.
        found: String,
    },
    /// The part after the dash is not 8 hex digits.
    #[error("“-”后应为8位校验值（数字0–9和字母a–f），现为“{found}”")]
    Short {
        /// What was typed there.
        found: String,
    },
}

impl Checkpoint {
    /// The code printed for it.
    pub fn code(&self) -> Code {
        let b = self.hash.as_bytes();
        Code { entries: self.entries, short: [b[0], b[1], b[2], b[3]] }
    }

    /// Reads a code as a clerk types it back from paper: spaces anywhere,
    /// a full-width or typographic dash (`－`, `—`, `–`), full-width digits
    /// and letters, upper-case hex, thousands separators in the count.
    pub fn parse_code(text: &str) -> Result<Code, CodeError> {
        let clean: String = text
            .chars()
            .filter_map(|c| match c {
                c if c.is_whitespace() => None,
                // Full-width ASCII (digits, letters, the hyphen-minus).
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' => Some('-'),
                c => Some(c),
            })
            .collect();
        if clean.is_empty() {
            return Err(CodeError::Empty);
        }
        let Some((count, short)) = clean.split_once('-') else {
            return Err(CodeError::NoDash);
        };
        let digits: String = count.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
        let entries = if all_digits { digits.parse::<u64>().ok() } else { None };
        let entries = entries.ok_or_else(|| CodeError::Count { found: count.to_owned() })?;
        let bad = || CodeError::Short { found: short.to_owned() };
        if short.len() != 8 || !short.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut out = [0u8; 4];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&short[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Code { entries, short: out })
    }
}

impl EventLog {
    /// The log's head now, with its length.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint { entries: self.len() as u64, hash: self.head() }
    }

    /// The hash after the first `entries` entries, if the log has that
    /// many ([`Hash::GENESIS`] after none).
    fn hash_at(&self, entries: u64) -> Option<Hash> {
        match entries {
            0 => Some(Hash::GENESIS),
            n => {
                let i = usize::try_from(n - 1).ok()?;
                self.entries().get(i).map(|e| e.hash)
            }
        }
    }

    /// Whether the log's history passes through `point`: it has at least
    /// that many entries and the last of them carries that hash, so its
    /// first `point.entries` entries are the ones the point was taken on
    /// (each hash covers every entry before it). A log shorter than the
    /// point does not pass through it (entries were dropped, or it is
    /// another record); every log passes through its empty beginning.
    /// Call [`EventLog::verify`] too: this trusts the stored hashes.
    pub fn passes_through(&self, point: &Checkpoint) -> bool {
        self.hash_at(point.entries) == Some(point.hash)
    }

    /// Whether the log passes through a point whose printed code is
    /// `code`: the same as [`EventLog::passes_through`] on the first 32
    /// bits of the hash (see the module's note on what that proves).
    pub fn matches_code(&self, code: &Code) -> bool {
        self.hash_at(code.entries).is_some_and(|h| {
            Checkpoint { entries: code.entries, hash: h }.code().short == code.short
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;
    use crate::ids::{CaseId, UnitId};
    use crate::lifecycle::{CaseEvent, Change};
    use crate::log::Entry;
    use chrono::NaiveDate;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn event(day: u32) -> Event {
        let on = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        Event::Case(CaseEvent {
            case: CaseId::new(day),
            at: on.and_hms_opt(9, 0, 0).unwrap(),
            change: Change::Accepted { on, body: UnitId::new(7) },
        })
    }

    fn log(n: u32) -> EventLog {
        let mut log = EventLog::new();
        (1..=n).for_each(|d| {
            log.append(event(d));
        });
        log
    }

    /// What a forger does: changes entry `at` and recomputes every hash
    /// after it, so the chain verifies.
    fn forged(log: &EventLog, at: usize) -> EventLog {
        let mut prev = Hash::GENESIS;
        let entries = log
            .entries()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let event = if i == at { event(28) } else { e.event.clone() };
                let hash = Entry::compute_hash(&prev, e.seq, &event);
                let entry = Entry { seq: e.seq, event, prev, hash };
                prev = hash;
                entry
            })
            .collect();
        EventLog::from_entries(entries)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_log_passes_through_its_own_earlier_points() {
        let mut log = log(3);
        let early = log.checkpoint();
        assert_eq!(early.entries, 3);
        log.append(event(4));
        log.append(event(5));
        assert!(log.passes_through(&early));
        assert!(log.passes_through(&log.checkpoint()));
        assert!(log.passes_through(&EventLog::new().checkpoint()), "the empty beginning");
        assert_eq!(EventLog::new().checkpoint(), Checkpoint { entries: 0, hash: Hash::GENESIS });
        // Beyond the log's length, or a wrong hash at 0: not passed.
        let beyond = Checkpoint { entries: 9, hash: log.head() };
        assert!(!log.passes_through(&beyond));
        assert!(!log.passes_through(&Checkpoint { entries: 0, hash: log.head() }));
        // The same count in another log.
        let other = Checkpoint { entries: 3, hash: forged(&log, 0).entries()[2].hash };
        assert!(!log.passes_through(&other));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_history_edited_and_rechained_no_longer_passes_through_an_earlier_point() {
        let mut log = log(4);
        let printed = log.checkpoint();
        let code = printed.code();
        log.append(event(5));
        let forged = forged(&log, 1);
        assert!(forged.verify().is_ok(), "the forger's chain verifies");
        assert!(!forged.passes_through(&printed));
        assert!(!forged.matches_code(&code));
        assert!(log.matches_code(&code));
        // A point before the edit still holds.
        let before = Checkpoint { entries: 1, hash: log.entries()[0].hash };
        assert!(forged.passes_through(&before));
        // An edit after the point leaves it standing.
        let late = self::forged(&log, 4);
        assert!(late.passes_through(&printed) && late.matches_code(&code));
        assert!(!late.passes_through(&log.checkpoint()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_code_is_the_count_and_eight_hex_digits() {
        let log = log(3);
        let point = log.checkpoint();
        let code = point.code().to_string();
        let hex = point.hash.to_string();
        assert_eq!(code, format!("3-{}", &hex[..8]));
        assert_eq!(Checkpoint::parse_code(&code), Ok(point.code()));
        assert_eq!(EventLog::new().checkpoint().code().to_string(), "0-00000000");
        let long = Checkpoint { entries: 1234, hash: point.hash }.code().to_string();
        assert!(long.starts_with("1234-"), "no separators in the code: {long}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_code_typed_from_paper_reads() {
        let want = Code { entries: 1234, short: [0x9f, 0x3a, 0x2c, 0x7e] };
        for typed in [
            "1234-9f3a2c7e",
            " 1234 - 9F3A 2C7E ",
            "1234－9f3a2c7e",
            "１２３４－９ｆ３ａ２ｃ７ｅ",
            "1,234—9F3A2C7E",
            "1234\u{3000}-\u{3000}9f3a2c7e",
        ] {
            assert_eq!(Checkpoint::parse_code(typed), Ok(want), "{typed}");
        }
        assert_eq!(want.to_string(), "1234-9f3a2c7e");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn what_is_not_a_code_is_told_in_chinese() {
        assert_eq!(Checkpoint::parse_code("  "), Err(CodeError::Empty));
        assert_eq!(Checkpoint::parse_code("12349f3a2c7e"), Err(CodeError::NoDash));
        assert!(matches!(Checkpoint::parse_code("ab-9f3a2c7e"), Err(CodeError::Count { .. })));
        assert!(matches!(Checkpoint::parse_code("-9f3a2c7e"), Err(CodeError::Count { .. })));
        for short in ["12-9f3a2c7", "12-9f3a2c7e0", "12-9g3a2c7e", "12-九f3a2c7e"] {
            assert!(
                matches!(Checkpoint::parse_code(short), Err(CodeError::Short { .. })),
                "{short}"
            );
        }
        let huge = format!("{}0-9f3a2c7e", u64::MAX);
        assert!(matches!(Checkpoint::parse_code(&huge), Err(CodeError::Count { .. })));
        for e in [
            CodeError::Empty,
            CodeError::NoDash,
            CodeError::Count { found: "x".into() },
            CodeError::Short { found: "y".into() },
        ] {
            assert!(e.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_checkpoint_is_stored_with_the_full_hash() {
        let point = log(2).checkpoint();
        let json = serde_json::to_string(&point).unwrap();
        assert_eq!(json, format!(r#"{{"entries":2,"hash":"{}"}}"#, point.hash));
        assert_eq!(serde_json::from_str::<Checkpoint>(&json).unwrap(), point);
    }
}
