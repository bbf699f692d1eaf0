//! The backlog ledger (信访积案台账): long-unresolved cases, each with a
//! leader in charge, a plan and a deadline, and the two rates of seed 004
//! (“确保信访积案办结率达到100%，结服率达到70%”).
//!
//! # Definitions
//!
//! A backlog case is **concluded** (办结) when it is resolved (已化解) or,
//! when it cannot be, its conclusion is formally established and filed
//! (终结认定备案: “能化解的全部化解，不能化解的全部进行终结认定备案”). The
//! petitioner **accepts** (结服, 息诉罢访) on a day recorded after the
//! conclusion.
//!
//! For a period `from..=to`:
//!
//! - the backlog is every entry listed by `to` and not concluded before
//!   `from` (it was on the ledger during the period);
//! - **积案办结率** = of those, concluded by `to` / all of them;
//! - **结服率** = of those concluded by `to`, accepted by `to` / concluded.
//!
//! An entry is **open** on a day when it was listed by then and not
//! concluded by then; open entries count against the 三无 status of the
//! case's township ([`super::three_none`]).

use super::{in_order, required, trim, within, BacklogId, Entry, Ledger, Rate, Record, WorkError};
use crate::ids::{CaseId, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a backlog case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BacklogStatus {
    /// 未办结.
    Open,
    /// 已化解, on this day.
    Resolved {
        /// The day.
        on: NaiveDate,
    },
    /// 终结认定备案, on this day.
    Filed {
        /// The day.
        on: NaiveDate,
    },
}

impl BacklogStatus {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            BacklogStatus::Open => "未办结",
            BacklogStatus::Resolved { .. } => "已化解",
            BacklogStatus::Filed { .. } => "终结备案",
        }
    }

    /// The day it was concluded, if it was.
    pub fn concluded_on(self) -> Option<NaiveDate> {
        match self {
            BacklogStatus::Open => None,
            BacklogStatus::Resolved { on } | BacklogStatus::Filed { on } => Some(on),
        }
    }
}

/// An entry of the backlog ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacklogCase {
    /// The case.
    pub case: CaseId,
    /// The day it was put on the ledger.
    pub listed_on: NaiveDate,
    /// Who handed it down, e.g. `省信访局交办` (may be empty).
    #[serde(default)]
    pub source: String,
    /// The leader in charge (包案领导).
    pub leader: PersonId,
    /// The resolution plan (化解方案).
    pub plan: String,
    /// The deadline (化解时限).
    pub deadline: NaiveDate,
    /// Where it stands.
    pub status: BacklogStatus,
    /// The day the petitioner accepted the outcome (息诉罢访), once concluded.
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
}

impl BacklogCase {
    /// A new, open entry.
    pub fn new(
        case: CaseId,
        listed_on: NaiveDate,
        leader: PersonId,
        plan: &str,
        deadline: NaiveDate,
    ) -> Self {
        BacklogCase {
            case,
            listed_on,
            source: String::new(),
            leader,
            plan: plan.into(),
            deadline,
            status: BacklogStatus::Open,
            accepted_on: None,
        }
    }

    /// Listed by `date` and not concluded by then.
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        self.listed_on <= date && self.status.concluded_on().is_none_or(|on| on > date)
    }

    /// Not concluded and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.concluded_on().is_none() && self.deadline < today
    }
}

impl Record for BacklogCase {
    const WHAT: &'static str = "积案";
    const LEDGER: &'static str = "积案台账";

    fn check(&mut self) -> Result<(), WorkError> {
        trim(&mut self.source);
        required(&mut self.plan, "化解方案")?;
        in_order(self.listed_on, self.deadline, "列入台账日期", "化解时限")?;
        if let Some(on) = self.status.concluded_on() {
            in_order(self.listed_on, on, "列入台账日期", "办结日期")?;
        }
        if let Some(accepted) = self.accepted_on {
            let concluded = self.status.concluded_on().ok_or(WorkError::NotConcluded)?;
            in_order(concluded, accepted, "办结日期", "息诉罢访日期")?;
        }
        Ok(())
    }

    fn unique_case(&self) -> Option<CaseId> {
        Some(self.case)
    }
}

/// The two rates of the backlog for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BacklogRates {
    /// 积案办结率: concluded / backlog.
    pub resolution: Rate,
    /// 结服率: accepted / concluded.
    pub acceptance: Rate,
}

/// The backlog ledger: one entry per case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BacklogLedger {
    entries: Ledger<BacklogId, BacklogCase>,
}

impl BacklogLedger {
    /// Puts a case on the ledger.
    pub fn list(&mut self, entry: BacklogCase) -> Result<BacklogId, WorkError> {
        self.entries.add(entry)
    }

    /// Corrects an entry.
    pub fn update(&mut self, id: BacklogId, entry: BacklogCase) -> Result<(), WorkError> {
        self.entries.replace(id, entry)
    }

    /// Records the conclusion: [`BacklogStatus::Resolved`] or
    /// [`BacklogStatus::Filed`] (or back to [`BacklogStatus::Open`], which
    /// also clears the acceptance).
    pub fn set_status(&mut self, id: BacklogId, status: BacklogStatus) -> Result<(), WorkError> {
        self.entries.modify(id, |e| {
            e.status = status;
            if status == BacklogStatus::Open {
                e.accepted_on = None;
            }
            Ok(())
        })
    }

    /// Records that the petitioner accepted the outcome (息诉罢访) on `on`,
    /// or clears it with `None`.
    pub fn set_accepted(&mut self, id: BacklogId, on: Option<NaiveDate>) -> Result<(), WorkError> {
        self.entries.modify(id, |e| {
            e.accepted_on = on;
            Ok(())
        })
    }

    /// Removes an entry made by mistake.
    pub fn remove(&mut self, id: BacklogId) -> Result<(), WorkError> {
        self.entries.remove(id).map(|_| ())
    }

    /// An entry.
    pub fn get(&self, id: BacklogId) -> Option<&Entry<BacklogId, BacklogCase>> {
        self.entries.get(id)
    }

    /// The entry of a case, if it is on the ledger.
    pub fn for_case(&self, case: CaseId) -> Option<&Entry<BacklogId, BacklogCase>> {
        self.entries.iter().find(|e| e.case == case)
    }

    /// Every entry, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<BacklogId, BacklogCase>> + '_ {
        self.entries.iter()
    }

    /// The entries open on `date`.
    pub fn open_on(
        &self,
        date: NaiveDate,
    ) -> impl Iterator<Item = &Entry<BacklogId, BacklogCase>> + '_ {
        self.entries.iter().filter(move |e| e.is_open_on(date))
    }

    /// The entries not concluded and past their deadline on `today`.
    pub fn overdue(
        &self,
        today: NaiveDate,
    ) -> impl Iterator<Item = &Entry<BacklogId, BacklogCase>> + '_ {
        self.entries.iter().filter(move |e| e.is_overdue(today))
    }

    /// 积案办结率 and 结服率 from `from` to `to` (see the module docs).
    pub fn rates(&self, from: NaiveDate, to: NaiveDate) -> BacklogRates {
        let backlog: Vec<_> = self
            .entries
            .iter()
            .filter(|e| e.listed_on <= to && e.status.concluded_on().is_none_or(|on| on >= from))
            .collect();
        let concluded: Vec<_> = backlog
            .iter()
            .filter(|e| e.status.concluded_on().is_some_and(|on| within(on, from, to)))
            .collect();
        let accepted = concluded.iter().filter(|e| e.accepted_on.is_some_and(|on| on <= to));
        BacklogRates {
            resolution: Rate::new(concluded.len() as u32, backlog.len() as u32),
            acceptance: Rate::new(accepted.count() as u32, concluded.len() as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(case: u32, listed_on: NaiveDate) -> BacklogCase {
        BacklogCase::new(
            CaseId::new(case),
            listed_on,
            PersonId::new(1),
            "包案领导牵头，逐案化解",
            d(2025, 12, 31),
        )
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn resolution_and_acceptance_rates() {
        let mut ledger = BacklogLedger::default();
        // Five on the ledger in 2025; one concluded in 2024 (not in 2025's backlog).
        let old = ledger.list(entry(1, d(2024, 3, 1))).unwrap();
        ledger.set_status(old, BacklogStatus::Resolved { on: d(2024, 11, 1) }).unwrap();
        let ids: Vec<BacklogId> =
            (2..=6).map(|c| ledger.list(entry(c, d(2025, 1, 10))).unwrap()).collect();
        ledger.set_status(ids[0], BacklogStatus::Resolved { on: d(2025, 4, 1) }).unwrap();
        ledger.set_status(ids[1], BacklogStatus::Resolved { on: d(2025, 6, 1) }).unwrap();
        ledger.set_status(ids[2], BacklogStatus::Filed { on: d(2025, 9, 1) }).unwrap();
        ledger.set_status(ids[3], BacklogStatus::Resolved { on: d(2025, 11, 1) }).unwrap();
        ledger.set_accepted(ids[0], Some(d(2025, 4, 20))).unwrap();
        ledger.set_accepted(ids[1], Some(d(2025, 6, 10))).unwrap();
        ledger.set_accepted(ids[3], Some(d(2025, 11, 5))).unwrap();
        // A case listed after the year does not count.
        ledger.list(BacklogCase { deadline: d(2026, 6, 30), ..entry(7, d(2026, 1, 5)) }).unwrap();

        let year = ledger.rates(d(2025, 1, 1), d(2025, 12, 31));
        assert_eq!(year.resolution, Rate::new(4, 5));
        assert_eq!(year.acceptance, Rate::new(3, 4));
        assert!(!year.resolution.meets(100));
        assert!(year.acceptance.meets(70));
        // By the end of June: 2 of 5 concluded, both accepted.
        let half = ledger.rates(d(2025, 1, 1), d(2025, 6, 30));
        assert_eq!(half, BacklogRates { resolution: Rate::new(2, 5), acceptance: Rate::new(2, 2) });
        // The third quarter: entries concluded before July are not in it.
        let q3 = ledger.rates(d(2025, 7, 1), d(2025, 9, 30));
        assert_eq!(q3, BacklogRates { resolution: Rate::new(1, 3), acceptance: Rate::new(0, 1) });

        let open: Vec<CaseId> = ledger.open_on(d(2025, 10, 1)).map(|e| e.case).collect();
        assert_eq!(open, [CaseId::new(5), CaseId::new(6)]);
        assert_eq!(ledger.overdue(d(2026, 1, 2)).count(), 1);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn acceptance_needs_a_conclusion() {
        let mut ledger = BacklogLedger::default();
        let id = ledger.list(entry(1, d(2025, 1, 10))).unwrap();
        let err = ledger.set_accepted(id, Some(d(2025, 2, 1))).unwrap_err();
        assert_eq!(err.to_string(), "积案尚未办结，不能登记息诉罢访");
        ledger.set_status(id, BacklogStatus::Resolved { on: d(2025, 3, 1) }).unwrap();
        let err = ledger.set_accepted(id, Some(d(2025, 2, 1))).unwrap_err();
        assert_eq!(err.to_string(), "“息诉罢访日期”不能早于“办结日期”");
        ledger.set_accepted(id, Some(d(2025, 3, 1))).unwrap();
        assert_eq!(ledger.get(id).unwrap().status.label(), "已化解");
        // Reopening clears the acceptance.
        ledger.set_status(id, BacklogStatus::Open).unwrap();
        assert_eq!(ledger.get(id).unwrap().accepted_on, None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn entries_are_validated_and_unique_per_case() {
        let mut ledger = BacklogLedger::default();
        ledger.list(entry(1, d(2025, 1, 10))).unwrap();
        assert_eq!(
            ledger.list(entry(1, d(2025, 2, 1))).unwrap_err().to_string(),
            "案件C1已列入积案台账"
        );
        let bad = BacklogCase { plan: " ".into(), ..entry(2, d(2025, 1, 10)) };
        assert_eq!(ledger.list(bad).unwrap_err().to_string(), "“化解方案”不能为空");
        let bad = BacklogCase { deadline: d(2024, 12, 31), ..entry(2, d(2025, 1, 10)) };
        assert_eq!(ledger.list(bad).unwrap_err().to_string(), "“化解时限”不能早于“列入台账日期”");
        let bad = BacklogCase {
            status: BacklogStatus::Filed { on: d(2025, 1, 1) },
            ..entry(2, d(2025, 1, 10))
        };
        assert_eq!(ledger.list(bad).unwrap_err().to_string(), "“办结日期”不能早于“列入台账日期”");
        assert_eq!(
            ledger.set_status(BacklogId::new(9), BacklogStatus::Open).unwrap_err().to_string(),
            "找不到编号为JA9的积案"
        );
        assert!(ledger.for_case(CaseId::new(1)).is_some());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let mut ledger = BacklogLedger::default();
        let id = ledger
            .list(BacklogCase { source: "省信访局交办".into(), ..entry(3, d(2025, 1, 10)) })
            .unwrap();
        ledger.set_status(id, BacklogStatus::Filed { on: d(2025, 5, 5) }).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.contains(r#""status":{"kind":"filed","on":"2025-05-05"}"#), "{json}");
        assert_eq!(serde_json::from_str::<BacklogLedger>(&json).unwrap(), ledger);
        let accepted_open = json
            .replace(r#"{"kind":"filed","on":"2025-05-05"}"#, r#"{"kind":"open"}"#)
            .replace(r#""accepted_on":null"#, r#""accepted_on":"2025-06-01""#);
        let err = serde_json::from_str::<BacklogLedger>(&accepted_open).unwrap_err();
        assert!(err.to_string().contains("积案JA1：积案尚未办结"), "{err}");
    }
}
