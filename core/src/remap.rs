//! Ids translated from one copy of the record to another: when commands
//! made on one copy are redone on another ([`crate::rebase`]), the cases
//! and work records they made get the next ids there, and later commands
//! that name them follow ([`IdMap`]); a command naming one whose command
//! was left out is left out too ([`LostId`]).

use std::collections::BTreeMap;

use thiserror::Error;

use crate::ids::CaseId;
use crate::ids::{Added, RecordId};

/// What the commands redone so far made: for each case or work record made
/// on the first copy, the id it got on the other (or that its command was
/// left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdMap {
    pub(crate) cases: BTreeMap<CaseId, Option<CaseId>>,
    pub(crate) records: BTreeMap<Added, Option<Added>>,
}

/// A case or record made by a command that was left out, named by a later
/// one: that one is left out too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LostId {
    /// A case registered by a command left out.
    #[error("所涉及的新登记案件{0}未能保存")]
    Case(CaseId),
    /// A work record added by a command left out.
    #[error("所涉及的新增{0}未能保存")]
    Record(Added),
}

impl IdMap {
    /// An empty map: every id stands for itself.
    pub fn new() -> Self {
        Self::default()
    }

    /// The case's id on the other copy.
    pub fn case(&self, id: CaseId) -> Result<CaseId, LostId> {
        match self.cases.get(&id) {
            None => Ok(id),
            Some(now) => now.ok_or(LostId::Case(id)),
        }
    }

    /// The work record's id on the other copy.
    pub fn record<I: RecordId>(&self, id: I) -> Result<I, LostId> {
        self.added(id.added()).map(|a| I::from_added(a).unwrap_or(id))
    }

    /// The work record's id on the other copy, of any kind.
    pub fn added(&self, record: Added) -> Result<Added, LostId> {
        match self.records.get(&record) {
            None => Ok(record),
            Some(now) => now.ok_or(LostId::Record(record)),
        }
    }

    /// The cases that got another id: (first copy, other copy).
    pub fn moved_cases(&self) -> impl Iterator<Item = (CaseId, CaseId)> + '_ {
        self.cases.iter().filter_map(|(a, b)| b.filter(|b| b != a).map(|b| (*a, b)))
    }

    /// The work records that got another id: (first copy, other copy).
    pub fn moved_records(&self) -> impl Iterator<Item = (Added, Added)> + '_ {
        self.records.iter().filter_map(|(a, b)| b.filter(|b| b != a).map(|b| (*a, b)))
    }
}
