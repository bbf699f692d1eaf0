//! The journal of the operations that move a whole record between key
//! prefixes (setting it aside, replacing it by a restored backup): written
//! before their first write and removed after their last, so a page that
//! dies half-way (a closed tab, a crash, a full quota while undoing) leaves
//! a note of what it was doing. The next open ([`recover`]) finishes or
//! undoes it, so a record is never left split across two prefixes.
//!
//! - Setting aside ([`Op::SetAside`]) is finished: the user asked for it,
//!   and every value is copied before it is removed, so moving the rest
//!   loses nothing.
//! - A replacement ([`Op::Replace`]) while the old record is still being
//!   moved aside ([`Phase::Moving`]) is undone (the old record moved back);
//!   while the new one is being written ([`Phase::Writing`]) it is kept if
//!   its head (written last) is there, else the partial new record is
//!   removed and the old one moved back.
//!
//! One journal for the whole store: these operations run in one task of
//! one tab and take milliseconds.

use serde::{Deserialize, Serialize};

use crate::i18n::{tr, Lang};
use crate::persist::kv::KeyValue;

use super::{key, move_record, put_back, remove_record};

/// Where the journal is kept (plain: it holds key prefixes only).
pub const JOURNAL_KEY: &str = "xinfang.journal";

const FORMAT: &str = "xinfang-journal";
const VERSION: u32 = 1;

/// How far a replacement got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The old record is being moved aside.
    Moving,
    /// The old record is aside, whole; the new one is being written.
    Writing,
}

/// An operation under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// The record under `from` is being moved to `to`.
    SetAside {
        /// The record's prefix.
        from: String,
        /// Where it goes.
        to: String,
    },
    /// The record under `prefix` is being replaced; the old one goes to
    /// `aside` (`None`: there was none).
    Replace {
        /// The record's prefix.
        prefix: String,
        /// Where the old one goes.
        aside: Option<String>,
        /// How far it got.
        phase: Phase,
    },
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: u32,
    #[serde(flatten)]
    op: Op,
}

/// Notes `op` as under way (before its first write).
pub fn begin(kv: &dyn KeyValue, op: &Op) -> Result<(), String> {
    let stored = Stored { format: FORMAT.into(), version: VERSION, op: op.clone() };
    let text = serde_json::to_string(&stored).map_err(|e| e.to_string())?;
    kv.set_raw(JOURNAL_KEY, &text)
}

/// Notes that the operation is done (after its last write).
pub fn end(kv: &dyn KeyValue) -> Result<(), String> {
    kv.remove(JOURNAL_KEY)
}

/// What an open found of an operation cut short, and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// It was finished.
    Finished(Op),
    /// It was undone: the record is as it was before.
    Undone(Op),
    /// The journal could not be read or acted on; it is left as it is.
    Failed(String),
}

impl Recovery {
    /// What the user is told.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Recovery::Finished(Op::SetAside { to, .. }) => match lang {
                Lang::ZhCn => format!("上次“另存一旁”在完成前被中断，现已完成：原记录完整保存在 {to}。"),
                Lang::En => format!(
                    "Setting the record aside was cut short last time; it is now finished: the old record is kept whole under {to}."
                ),
            },
            Recovery::Finished(Op::Replace { .. }) => tr(
                lang,
                "上次从备份恢复在确认完成前被中断；恢复的记录已完整写入，现已完成。",
                "Restoring a backup was cut short before it was confirmed; the restored record was written whole and is kept.",
            )
            .to_owned(),
            Recovery::Undone(_) => tr(
                lang,
                "上次从备份恢复在完成前被中断，已撤销：本机记录保持恢复前的样子，请重新恢复。",
                "Restoring a backup was cut short last time and has been undone: the record is as it was before. Restore it again.",
            )
            .to_owned(),
            Recovery::Failed(detail) => match lang {
                Lang::ZhCn => format!(
                    "上次另存或恢复操作被中断，未能自动完成（{detail}）；数据保持原样，请勿清除浏览器数据并联系技术人员。"
                ),
                Lang::En => format!(
                    "A set-aside or restore was cut short and could not be finished ({detail}); the data is left as it is."
                ),
            },
        }
    }
}

/// Finishes or undoes an operation a previous page left under way
/// (`None`: there was none).
pub fn recover(kv: &dyn KeyValue) -> Option<Recovery> {
    let text = kv.get_raw(JOURNAL_KEY).ok().flatten()?;
    let stored: Stored = match serde_json::from_str(&text) {
        Ok(s) => s,
        Err(e) => return Some(Recovery::Failed(e.to_string())),
    };
    if stored.format != FORMAT || stored.version > VERSION {
        return Some(Recovery::Failed(format!("{} v{}", stored.format, stored.version)));
    }
    let op = stored.op;
    let has_head = |prefix: &str| kv.get_raw(&key(prefix, "head")).ok().flatten().is_some();
    let result = match &op {
        Op::SetAside { from, to } => move_record(kv, from, to).map(|()| true),
        Op::Replace { prefix, aside, phase } => match (aside, phase) {
            // The new record is whole once its head is written.
            (_, Phase::Writing) if has_head(prefix) => Ok(true),
            (None, _) => remove_record(kv, prefix).map(|()| false),
            // Only old keys are under either prefix: move them back.
            (Some(aside), Phase::Moving) => put_back(kv, aside, prefix).map(|()| false),
            (Some(aside), Phase::Writing) => {
                remove_record(kv, prefix).and_then(|()| put_back(kv, aside, prefix)).map(|()| false)
            }
        },
    };
    Some(match result.and_then(|finished| end(kv).map(|()| finished)) {
        Ok(true) => Recovery::Finished(op),
        Ok(false) => Recovery::Undone(op),
        Err(e) => Recovery::Failed(e),
    })
}
