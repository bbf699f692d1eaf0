//! Merging another office's record into this one, for a county
//! consolidating its townships' records: every case of the other record
//! is added once, with its whole history, and merging the same source again
//! (a later backup of the same township) adds only what is new.
//!
//! # How
//!
//! The user names the unit the record comes from (`source`, a unit of this
//! organisation, e.g. 河口乡). A merged case gets this office's next id and
//! number and keeps its history (the events with their original times);
//! right after its registration an [`Change::Imported`] event records the
//! source and the number it had there ([`crate::case::Origin`]). That pair
//! is how a case is recognised when the same source is merged again:
//!
//! - a case not yet merged is **added**;
//! - a merged case whose history here is the beginning of its history
//!   there is **updated** with the events that follow (the township went
//!   on handling it);
//! - one whose history is the same is **unchanged**;
//! - one acted on here since it was merged, so the two histories differ,
//!   is a **conflict**: it is left as it is here and named in the plan;
//! - one whose new history holds a text longer than this office allows
//!   ([`crate::limits`]: a crafted or very old backup) is **refused**: it is
//!   left out and named in the plan with the field, its limit and the
//!   length, so one such case does not keep the others out.
//!
//! # What must match
//!
//! Events refer to units, people and categories by id, so both records
//! must use the same organisation and category tree (a county sets them up
//! and its townships start from them): every unit, person and category of
//! the other record must exist here under the same id and name. Otherwise
//! nothing is merged and the differences are listed. A record is never
//! merged into itself (the same first entry of the log).
//!
//! [`Office::plan_merge`] changes nothing; [`Office::merge`] applies a
//! plan. Both are all or nothing.
//!
//! # Work ledgers
//!
//! Only cases are merged: the other record's work events (receptions,
//! 包案, screening, backlog, meetings) are left out, and this record's work
//! ledgers stay as they are.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_sample::{generate, SampleConfig};
//! use xinfang_core::{Office, Settings};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
//! let township = generate(Settings::sample_county(), &SampleConfig::year(3, today, 40)).unwrap();
//! let mut county = generate(Settings::sample_county(), &SampleConfig::year(4, today, 60)).unwrap();
//! let source = county.settings().org.find_unit("河口乡").unwrap().id();
//! let now = today.and_hms_opt(17, 0, 0).unwrap();
//!
//! let plan = county.plan_merge(&township, source, now).unwrap();
//! assert_eq!((plan.added.len(), plan.updated.len()), (40, 0));
//! county.merge(plan);
//! assert_eq!(county.cases().len(), 100);
//!
//! // The same backup again adds nothing.
//! let again = county.plan_merge(&township, source, now).unwrap();
//! assert_eq!((again.added.len(), again.unchanged), (0, 40));
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDateTime};
use thiserror::Error;

use crate::case::Intake;
use crate::event::Event;
use crate::ids::{CaseId, UnitId};
use crate::lifecycle::{CaseEvent, Change};
use crate::limits::Texts;
use crate::office::Office;

/// What merging a record would do; apply it with [`Office::merge`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    /// The unit the record comes from.
    pub source: UnitId,
    /// The numbers (in the other record) of the cases to be added.
    pub added: Vec<String>,
    /// The numbers of the merged cases to be brought up to date.
    pub updated: Vec<String>,
    /// How many merged cases are the same in both records.
    pub unchanged: usize,
    /// The numbers of merged cases acted on here since, left as they are.
    pub conflicts: Vec<String>,
    /// The cases left out because a text of their new history is longer
    /// than its limit: the number there and why (“C2025-00003：信访内容最多
    /// 20000字，现为20312字”).
    pub too_long: Vec<String>,
    /// The events to append, in order.
    events: Vec<CaseEvent>,
    /// The head of this record's log the plan was made on.
    base: crate::log::Hash,
}

impl MergePlan {
    /// How many events merging appends.
    pub fn events(&self) -> usize {
        self.events.len()
    }
}

/// Why a record cannot be merged. Each message is for the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The other record is this record (or a backup of it).
    #[error("这是本记录自己的备份，不能合并到本记录（如需恢复，请使用“确认恢复”）")]
    SameRecord,
    /// The source unit is not a unit of this organisation.
    #[error("来源单位（编号{0}）不在本系统的单位中")]
    UnknownSource(UnitId),
    /// The two records' organisations or categories differ.
    #[error("备份所用的单位、人员或问题类别与本系统的设置不一致，无法合并：{}", .0.join("；"))]
    Incompatible(Vec<String>),
}

/// The first differences between the other record's organisation and
/// categories and this one's (at most `limit`).
fn differences(mine: &Office, other: &Office, limit: usize) -> Vec<String> {
    let (m, o) = (mine.settings(), other.settings());
    let mut out = Vec::new();
    for u in o.org.units() {
        match m.org.unit(u.id()) {
            Some(here) if here.name() == u.name() => {}
            Some(here) => out.push(format!(
                "单位{}在备份中为“{}”，本系统为“{}”",
                u.id(),
                u.name(),
                here.name()
            )),
            None => out.push(format!("本系统没有单位“{}”（{}）", u.name(), u.id())),
        }
    }
    for p in o.org.people() {
        match m.org.person(p.id()) {
            Some(here) if here.name() == p.name() && here.unit() == p.unit() => {}
            Some(here) => out.push(format!(
                "人员{}在备份中为“{}”，本系统为“{}”",
                p.id(),
                p.name(),
                here.name()
            )),
            None => out.push(format!("本系统没有人员“{}”（{}）", p.name(), p.id())),
        }
    }
    for c in o.categories.iter() {
        match m.categories.get(c.id()) {
            Some(here) if here.name() == c.name() => {}
            Some(here) => out.push(format!(
                "问题类别{}在备份中为“{}”，本系统为“{}”",
                c.id(),
                c.name(),
                here.name()
            )),
            None => out.push(format!("本系统没有问题类别“{}”", c.name())),
        }
    }
    out.truncate(limit);
    out
}

/// Each case's events, in log order (work events are not merged).
fn by_case(office: &Office) -> BTreeMap<CaseId, Vec<&CaseEvent>> {
    let mut map: BTreeMap<CaseId, Vec<&CaseEvent>> = BTreeMap::new();
    for event in office.log().entries().iter().filter_map(|e| e.event.as_case()) {
        map.entry(event.case).or_default().push(event);
    }
    map
}

/// An event of the other record as it reads here: its case and the cases
/// it refers to (repeats) renumbered by `ids`.
fn remap(event: &CaseEvent, case: CaseId, ids: &BTreeMap<CaseId, CaseId>) -> CaseEvent {
    let id = |c: CaseId| ids.get(&c).copied().unwrap_or(c);
    let intake = |i: &Intake| Intake { repeat_of: i.repeat_of.map(id), ..i.clone() };
    let change = match &event.change {
        Change::Registered { number, intake: i, ledger } => {
            Change::Registered { number: number.clone(), intake: intake(i), ledger: ledger.clone() }
        }
        Change::Amended { intake: i } => Change::Amended { intake: intake(i) },
        Change::LinkedAsRepeat { earlier } => Change::LinkedAsRepeat { earlier: id(*earlier) },
        other => other.clone(),
    };
    CaseEvent { case, at: event.at, change }
}

/// Whether two events are the same but for the number a registration got.
fn same(a: &CaseEvent, b: &CaseEvent) -> bool {
    match (&a.change, &b.change) {
        (Change::Registered { intake: x, .. }, Change::Registered { intake: y, .. }) => {
            a.at == b.at && x == y
        }
        _ => a == b,
    }
}

impl Office {
    /// What merging `other` (the record of `source`) into this record
    /// would do, at `now` (the time of the [`Change::Imported`] events).
    /// Changes nothing.
    pub fn plan_merge(
        &self,
        other: &Office,
        source: UnitId,
        now: NaiveDateTime,
    ) -> Result<MergePlan, MergeError> {
        let (mine_log, other_log) = (self.log().entries(), other.log().entries());
        if let (Some(a), Some(b)) = (mine_log.first(), other_log.first()) {
            if a.hash == b.hash {
                return Err(MergeError::SameRecord);
            }
        }
        if self.settings().org.unit(source).is_none() {
            return Err(MergeError::UnknownSource(source));
        }
        let diff = differences(self, other, 8);
        if !diff.is_empty() {
            return Err(MergeError::Incompatible(diff));
        }

        // The cases merged from this source before, by their number there.
        let merged: BTreeMap<&str, CaseId> = self
            .cases()
            .filter_map(|c| {
                let o = c.origin()?;
                (o.source == source).then_some((o.number.as_str(), c.id()))
            })
            .collect();

        // Ids here for every case of the other record: the merged ones keep
        // theirs, new ones get the next ids in the other record's order.
        let mut next = self.cases().last().map_or(1, |c| c.id().get() + 1);
        let mut ids = BTreeMap::new();
        for case in other.cases() {
            let here = match merged.get(case.number()) {
                Some(id) => *id,
                None => {
                    let id = CaseId::new(next);
                    next += 1;
                    id
                }
            };
            ids.insert(case.id(), here);
        }

        let theirs = by_case(other);
        let ours = by_case(self);
        let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
        let mut plan = MergePlan {
            source,
            added: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            conflicts: Vec::new(),
            too_long: Vec::new(),
            events: Vec::new(),
            base: self.log().head(),
        };
        for case in other.cases() {
            let here = ids[&case.id()];
            let history: Vec<CaseEvent> = theirs
                .get(&case.id())
                .map(|events| events.iter().map(|e| remap(e, here, &ids)).collect())
                .unwrap_or_default();
            let too_long = |events: &[CaseEvent]| {
                events.iter().find_map(|e| e.change.check_lengths().err()).map(|e| {
                    let number = case.number();
                    format!("{number}：{e}")
                })
            };
            if merged.contains_key(case.number()) {
                // Our history of it, without the record of the merge.
                let kept: Vec<&CaseEvent> = ours
                    .get(&here)
                    .map(|events| {
                        events
                            .iter()
                            .copied()
                            .filter(|e| !matches!(e.change, Change::Imported { .. }))
                            .collect()
                    })
                    .unwrap_or_default();
                let prefix = kept.len() <= history.len()
                    && kept.iter().zip(&history).all(|(a, b)| same(a, b));
                if !prefix {
                    plan.conflicts.push(case.number().to_string());
                } else if kept.len() == history.len() {
                    plan.unchanged += 1;
                } else if let Some(why) = too_long(&history[kept.len()..]) {
                    plan.too_long.push(why);
                } else {
                    plan.updated.push(case.number().to_string());
                    plan.events.extend(history[kept.len()..].iter().cloned());
                }
                continue;
            }
            if let Some(why) = too_long(&history) {
                plan.too_long.push(why);
                continue;
            }
            // A new case: numbered here in the year it was registered there.
            let mut events = history.into_iter();
            let Some(first) = events.next() else { continue };
            let year = match &first.change {
                Change::Registered { intake, ledger, .. } => {
                    crate::lifecycle::numbering_year(first.at, intake, ledger.as_deref())
                }
                _ => first.at.year(),
            };
            let count = per_year.entry(year).or_insert_with(|| self.registered_in(year));
            *count += 1;
            let number = format!("{}{year}-{count:05}", self.settings().number_prefix);
            let registered = match first.change {
                Change::Registered { intake, ledger, .. } => {
                    Change::Registered { number, intake, ledger }
                }
                other => other,
            };
            plan.events.push(CaseEvent { case: here, at: first.at, change: registered });
            plan.events.push(CaseEvent {
                case: here,
                at: now,
                change: Change::Imported { source, number: case.number().to_string() },
            });
            plan.events.extend(events);
            plan.added.push(case.number().to_string());
        }
        Ok(plan)
    }

    /// Applies a plan made on this record as it is now. A plan made
    /// before the record changed is not applied (returns `false`): make it
    /// again.
    pub fn merge(&mut self, plan: MergePlan) -> bool {
        if plan.base != self.log().head() {
            return false;
        }
        for event in plan.events {
            self.apply(Event::Case(event));
        }
        true
    }
}
