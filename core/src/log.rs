//! The event log: append-only and hash-chained. Each entry's hash covers
//! the previous entry's hash and its own event (a case's or the work
//! ledgers', see [`crate::event`]), so editing, dropping or reordering any
//! entry breaks the chain at that point. The chain covers case events and
//! work-ledger events alike: both are entries of this one log.
//!
//! The chain alone stops only naive edits (whoever can edit the stored log
//! can recompute it); [`checkpoint`] is what reaches outside the browser:
//! points of the history printed or exported, against which the log is
//! checked later.

pub mod checkpoint;

pub use checkpoint::{Checkpoint, Code, CodeError};

use crate::event::Event;
use crate::lifecycle::CaseEvent;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use thiserror::Error;

/// A SHA-256 digest, shown and stored as 64 hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hash([u8; 32]);

impl Hash {
    /// The hash before the first entry: all zeros.
    pub const GENESIS: Hash = Hash([0; 32]);

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({self})")
    }
}

impl TryFrom<String> for Hash {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let bad = || format!("不是有效的哈希值：{s}");
        if s.len() != 64 || !s.is_ascii() {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Hash(out))
    }
}

impl From<Hash> for String {
    fn from(h: Hash) -> String {
        h.to_string()
    }
}

/// One entry: a sequence number, the event, and the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the log, from 0.
    pub seq: u64,
    /// The event.
    pub event: Event,
    /// The previous entry's hash ([`Hash::GENESIS`] for the first).
    pub prev: Hash,
    /// This entry's hash: SHA-256 over `prev`, `seq` and the event's JSON.
    pub hash: Hash,
}

impl Entry {
    /// Computes the hash an entry must carry.
    pub fn compute_hash(prev: &Hash, seq: u64, event: &Event) -> Hash {
        let mut h = Sha256::new();
        h.update(prev.0);
        h.update(seq.to_be_bytes());
        // Serializing our own plain data types to JSON cannot fail.
        h.update(serde_json::to_vec(event).unwrap_or_default());
        Hash(h.finalize().into())
    }
}

/// A case's event with its place in the log ([`crate::Office::history`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseEntry<'a> {
    /// Its entry's position in the log.
    pub seq: u64,
    /// The event.
    pub event: &'a CaseEvent,
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ChainError {
    /// An entry's sequence number is not its position.
    #[error("历史记录第{position}条的序号为{found}，记录可能被删除或调换")]
    Sequence {
        /// The position in the log.
        position: u64,
        /// The sequence number found there.
        found: u64,
    },
    /// An entry does not link to the one before.
    #[error("历史记录第{seq}条与上一条不衔接，记录可能被删除或调换")]
    Link {
        /// The entry.
        seq: u64,
    },
    /// An entry's content does not match its hash.
    #[error("历史记录第{seq}条的内容与校验值不符，记录可能被篡改")]
    Content {
        /// The entry.
        seq: u64,
    },
}

impl ChainError {
    /// The sequence number of the first bad entry.
    pub fn seq(&self) -> u64 {
        match self {
            ChainError::Sequence { position, .. } => *position,
            ChainError::Link { seq } | ChainError::Content { seq } => *seq,
        }
    }
}

/// The append-only log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventLog {
    entries: Vec<Entry>,
}

impl EventLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an event, chaining it to the last entry.
    pub fn append(&mut self, event: Event) -> &Entry {
        let prev = self.head();
        let seq = self.entries.len() as u64;
        let hash = Entry::compute_hash(&prev, seq, &event);
        self.entries.push(Entry { seq, event, prev, hash });
        &self.entries[self.entries.len() - 1]
    }

    /// The hash of the last entry ([`Hash::GENESIS`] when empty).
    pub fn head(&self) -> Hash {
        self.entries.last().map_or(Hash::GENESIS, |e| e.hash)
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Checks the whole chain; the first break found is returned.
    pub fn verify(&self) -> Result<(), ChainError> {
        let mut prev = Hash::GENESIS;
        for (position, e) in self.entries.iter().enumerate() {
            let position = position as u64;
            if e.seq != position {
                return Err(ChainError::Sequence { position, found: e.seq });
            }
            if e.prev != prev {
                return Err(ChainError::Link { seq: e.seq });
            }
            if Entry::compute_hash(&prev, e.seq, &e.event) != e.hash {
                return Err(ChainError::Content { seq: e.seq });
            }
            prev = e.hash;
        }
        Ok(())
    }

    /// Drops the entries from `len` on: only to undo what a batch of
    /// commands appended when one of them was refused, before anything
    /// else saw the log.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }

    /// Wraps entries read from storage, without checking them (call
    /// [`EventLog::verify`]).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        EventLog { entries }
    }
}
