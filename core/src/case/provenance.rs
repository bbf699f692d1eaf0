//! What an office's old ledger (台账) states about a case it recorded
//! before this software: the row as the clerks wrote it, and the steps it
//! records with or without a date.
//!
//! **Nothing invented.** An imported case records as real steps only what
//! the ledger dates ([`crate::import`] turns a stated 受理时间 into an
//! acceptance on that day, a stated 答复时间 with a named outcome into the
//! written reply). What the ledger says was done without the date a step
//! needs stays here, as the ledger's statement:
//!
//! - [`LedgerEntry::routed_on_stated`] false: the routing is recorded on
//!   the received day (the ledger's convention: a row names its 责任单位
//!   the day it is entered) but the day is not the ledger's word, so the
//!   routing and acceptance duties are not on the clock
//!   ([`crate::Case::duty_unknown`]): never overdue, and left out of the
//!   indicators that judge them, which say how many they could not judge.
//! - [`LedgerEntry::closed`]: the ledger says the matter was concluded
//!   (办结), but without the acceptance day, the reply day or the outcome
//!   a written reply needs. The case is then [`crate::Stage::Archived`]
//!   (已办结（台账）): concluded, owing nothing, its reply unjudged.
//!
//! Every cell of the row is kept ([`LedgerEntry::cells`]) with its header,
//! so nothing the office recorded is lost, whatever column it was in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ReplyOutcome, Satisfaction};

/// One cell of the ledger row, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerCell {
    /// The column's header.
    pub header: String,
    /// The cell's text.
    pub text: String,
}

/// A conclusion the ledger states without what a written reply needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerClosure {
    /// The 答复/办结 day, when the ledger gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    /// The outcome, when the result names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ReplyOutcome>,
    /// The 办理结果 as written (may be empty).
    #[serde(default)]
    pub result: String,
    /// The 满意度, when the ledger records one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Satisfaction>,
}

/// What an imported case's ledger row states (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Where the row came from: the file, the sheet and the row, e.g.
    /// `2025年台账.xlsx · 3月 · 第12行`.
    pub source: String,
    /// The ledger's own number for the case (may be empty).
    #[serde(default)]
    pub number: String,
    /// Every non-empty cell of the row, in the ledger's column order.
    #[serde(default)]
    pub cells: Vec<LedgerCell>,
    /// Whether the ledger gives the day the case was routed (a 转送/交办
    /// date); if not, a routing was recorded on the received day.
    #[serde(default)]
    pub routed_on_stated: bool,
    /// The conclusion the ledger states but the case could not record as
    /// a written reply; `None` when it states none, or when it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<LedgerClosure>,
}

impl LedgerEntry {
    /// The text of the first cell under one of `headers`, if any.
    pub fn cell(&self, headers: &[&str]) -> Option<&str> {
        self.cells.iter().find(|c| headers.contains(&c.header.as_str())).map(|c| c.text.as_str())
    }
}
