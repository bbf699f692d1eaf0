//! The 三无 township status (三无乡镇（街道）): for a period, a township
//! meets it when it has
//!
//! 1. **no escalated visits** (无去市到省进京上访): no case registered in the
//!    period whose [`Intake::escalation`](crate::case::Intake::escalation)
//!    is set and whose township is this one;
//! 2. **no irregular visits** (无非正常上访): the core has no case field for
//!    these, so the office records a count per township and period
//!    ([`IrregularVisitLedger`]); every record whose dates overlap the
//!    period counts in full (the core cannot tell when within a record's
//!    own period the visits were). Only counts are kept, never people;
//! 3. **no backlog cases** (无信访积案): no entry of the backlog ledger open
//!    at the period's last day for a case of this township
//!    ([`BacklogCase::is_open_on`](super::backlog::BacklogCase::is_open_on)).
//!
//! The share of active townships meeting it is compared with the target
//! (seed 004: “力争到今年底80%以上的乡镇（街道）实现‘三无’目标”).

use super::backlog::BacklogLedger;
use super::{in_order, within, Rate, WorkError};
use crate::case::Case;
use crate::ids::{CaseId, UnitId};
use crate::org::Organisation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A count of irregular visits (非正常上访) recorded for a township and period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IrregularVisits {
    /// The township.
    pub township: UnitId,
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// How many (人次 or 批次 as the office counts them).
    pub count: u32,
}

/// The counts of irregular visits, one per township and period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<IrregularVisits>", into = "Vec<IrregularVisits>")]
pub struct IrregularVisitLedger {
    /// By township, then first day, then last day.
    records: Vec<IrregularVisits>,
}

impl TryFrom<Vec<IrregularVisits>> for IrregularVisitLedger {
    type Error = WorkError;
    fn try_from(records: Vec<IrregularVisits>) -> Result<Self, WorkError> {
        let mut ledger = IrregularVisitLedger::default();
        for r in records {
            ledger.record(r.township, r.from, r.to, r.count)?;
        }
        Ok(ledger)
    }
}

impl From<IrregularVisitLedger> for Vec<IrregularVisits> {
    fn from(ledger: IrregularVisitLedger) -> Self {
        ledger.records
    }
}

impl IrregularVisitLedger {
    /// Records the count for a township and period, replacing the count
    /// recorded for exactly the same township and dates.
    pub fn record(
        &mut self,
        township: UnitId,
        from: NaiveDate,
        to: NaiveDate,
        count: u32,
    ) -> Result<(), WorkError> {
        in_order(from, to, "开始日期", "结束日期")?;
        let key = (township, from, to);
        let record = IrregularVisits { township, from, to, count };
        match self.records.binary_search_by_key(&key, |r| (r.township, r.from, r.to)) {
            Ok(at) => self.records[at] = record,
            Err(at) => self.records.insert(at, record),
        }
        Ok(())
    }

    /// Removes the count recorded for exactly this township and dates.
    pub fn remove(&mut self, township: UnitId, from: NaiveDate, to: NaiveDate) -> bool {
        let before = self.records.len();
        self.records.retain(|r| (r.township, r.from, r.to) != (township, from, to));
        before != self.records.len()
    }

    /// Every record, by township then dates.
    pub fn iter(&self) -> impl Iterator<Item = &IrregularVisits> + '_ {
        self.records.iter()
    }

    /// The irregular visits of a township counted for `from..=to`: the sum
    /// over the records overlapping it.
    pub fn count(&self, township: UnitId, from: NaiveDate, to: NaiveDate) -> u32 {
        self.records
            .iter()
            .filter(|r| r.township == township && r.from <= to && from <= r.to)
            .map(|r| r.count)
            .fold(0, u32::saturating_add)
    }
}

/// One township's 三无 status for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownshipThreeNone {
    /// The township.
    pub township: UnitId,
    /// Escalated visits (越级访) registered in the period.
    pub escalated: u32,
    /// Irregular visits (非正常上访) recorded for the period.
    pub irregular: u32,
    /// Backlog cases open at the period's end.
    pub open_backlog: u32,
}

impl TownshipThreeNone {
    /// Whether all three are zero.
    pub fn meets(&self) -> bool {
        self.escalated == 0 && self.irregular == 0 && self.open_backlog == 0
    }

    /// What keeps it from 三无, in Chinese: e.g. `["越级访1件"]`.
    pub fn shortfalls(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.escalated > 0 {
            out.push(format!("越级访{}件", self.escalated));
        }
        if self.irregular > 0 {
            out.push(format!("非正常上访{}次", self.irregular));
        }
        if self.open_backlog > 0 {
            out.push(format!("未办结积案{}件", self.open_backlog));
        }
        out
    }
}

/// The 三无 status of every active township for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreeNoneReport {
    /// Each active township, in the organisation's order.
    pub townships: Vec<TownshipThreeNone>,
    /// Townships meeting 三无 / townships.
    pub rate: Rate,
    /// The target, in percent.
    pub target: u32,
}

impl ThreeNoneReport {
    /// Whether the share reaches the target.
    pub fn meets_target(&self) -> bool {
        self.rate.meets(self.target)
    }

    /// The status of one township, if it is in the report.
    pub fn township(&self, id: UnitId) -> Option<&TownshipThreeNone> {
        self.townships.iter().find(|t| t.township == id)
    }
}

/// The report for `from..=to` (see the module docs).
pub(crate) fn report<'a>(
    org: &Organisation,
    cases: impl Iterator<Item = &'a Case> + Clone,
    backlog: &BacklogLedger,
    irregular: &IrregularVisitLedger,
    from: NaiveDate,
    to: NaiveDate,
    target: u32,
) -> ThreeNoneReport {
    let townships_of: BTreeMap<CaseId, Option<UnitId>> =
        cases.clone().map(|c| (c.id(), c.intake().township)).collect();
    let township_of = |case| townships_of.get(&case).copied().flatten();
    let townships: Vec<TownshipThreeNone> = org
        .townships()
        .map(|t| {
            let id = t.id();
            let escalated = cases
                .clone()
                .filter(|c| {
                    let i = c.intake();
                    i.township == Some(id)
                        && i.escalation.is_some()
                        && within(i.received_on, from, to)
                })
                .count() as u32;
            let open_backlog =
                backlog.open_on(to).filter(|e| township_of(e.case) == Some(id)).count() as u32;
            TownshipThreeNone {
                township: id,
                escalated,
                irregular: irregular.count(id, from, to),
                open_backlog,
            }
        })
        .collect();
    let meeting = townships.iter().filter(|t| t.meets()).count() as u32;
    ThreeNoneReport { rate: Rate::new(meeting, townships.len() as u32), townships, target }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Intake;
    use crate::ids::{CaseId, PersonId};
    use crate::office::{Command, Office};
    use crate::petition::{Channel, Escalation, Petitioner, Purpose};
    use crate::settings::Settings;
    use crate::work::backlog::{BacklogCase, BacklogStatus};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn irregular_counts_overlap_the_period() {
        let mut ledger = IrregularVisitLedger::default();
        let (a, b) = (UnitId::new(5), UnitId::new(6));
        ledger.record(a, d(2025, 1, 1), d(2025, 1, 31), 2).unwrap();
        ledger.record(a, d(2025, 1, 1), d(2025, 1, 31), 1).unwrap(); // replaces
        ledger.record(a, d(2025, 3, 1), d(2025, 3, 31), 0).unwrap();
        ledger.record(b, d(2025, 2, 1), d(2025, 2, 28), 4).unwrap();
        assert_eq!(ledger.iter().count(), 3);
        assert_eq!(ledger.count(a, d(2025, 1, 1), d(2025, 3, 31)), 1);
        assert_eq!(ledger.count(a, d(2025, 1, 31), d(2025, 1, 31)), 1);
        assert_eq!(ledger.count(a, d(2025, 2, 1), d(2025, 3, 31)), 0);
        assert_eq!(ledger.count(b, d(2025, 1, 1), d(2025, 12, 31)), 4);
        let err = ledger.record(a, d(2025, 2, 1), d(2025, 1, 1), 1).unwrap_err();
        assert_eq!(err.to_string(), "“结束日期”不能早于“开始日期”");
        assert!(ledger.remove(b, d(2025, 2, 1), d(2025, 2, 28)));
        assert!(!ledger.remove(b, d(2025, 2, 1), d(2025, 2, 28)));

        let json = serde_json::to_string(&ledger).unwrap();
        assert!(
            json.starts_with(r#"[{"township":5,"from":"2025-01-01","to":"2025-01-31","count":1}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<IrregularVisitLedger>(&json).unwrap(), ledger);
        let bad = r#"[{"township":5,"from":"2025-02-01","to":"2025-01-01","count":1}]"#;
        assert!(serde_json::from_str::<IrregularVisitLedger>(bad).is_err());
    }

    fn register(
        office: &mut Office,
        township: &str,
        escalation: Option<Escalation>,
        on: NaiveDate,
    ) -> CaseId {
        let s = office.settings();
        let intake = Intake {
            received_on: on,
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("李某某")],
            head_count: 1,
            category: s.categories.find("土地承包").unwrap().id(),
            purpose: Purpose::Request,
            township: s.org.find_unit(township).map(|u| u.id()),
            village: String::new(),
            summary: "反映土地承包合同纠纷".into(),
            content: String::new(),
            escalation,
            accused_unit: None,
            repeat_of: None,
        };
        office
            .execute(Command::Register { intake }, on.and_hms_opt(9, 0, 0).unwrap())
            .unwrap()
            .case()
            .unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn one_escalated_visit_in_twelve_townships() {
        let mut office = Office::new(Settings::sample_county());
        let unit = |name: &str| office.settings().org.find_unit(name).unwrap().id();
        let (hekou, shiqiao) = (unit("河口乡"), unit("石桥镇"));
        // 河口乡: one visit to the city (去市) in March, and a plain visit.
        register(&mut office, "河口乡", Some(Escalation::City), d(2025, 3, 12));
        register(&mut office, "河口乡", None, d(2025, 3, 13));
        // 石桥镇: an escalated visit outside the period does not count.
        register(&mut office, "石桥镇", Some(Escalation::Province), d(2024, 12, 30));
        let backlog = BacklogLedger::default();
        let irregular = IrregularVisitLedger::default();
        let r = report(
            &office.settings().org,
            office.cases(),
            &backlog,
            &irregular,
            d(2025, 1, 1),
            d(2025, 3, 31),
            80,
        );
        assert_eq!(r.townships.len(), 12);
        assert_eq!(r.township(hekou).unwrap().escalated, 1);
        assert!(!r.township(hekou).unwrap().meets());
        assert!(r.township(shiqiao).unwrap().meets());
        assert_eq!(r.rate, Rate::new(11, 12));
        assert_eq!(r.rate.to_string(), "11/12（91.7%）");
        assert!(r.meets_target());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn backlog_and_irregular_visits_count_against_it() {
        let mut office = Office::new(Settings::sample_county());
        let unit = |name: &str| office.settings().org.find_unit(name).unwrap().id();
        let (hekou, liulin, shiqiao) = (unit("河口乡"), unit("柳林镇"), unit("石桥镇"));
        let old = register(&mut office, "柳林镇", None, d(2024, 5, 6));
        let done = register(&mut office, "石桥镇", None, d(2024, 5, 6));
        let mut backlog = BacklogLedger::default();
        let leader = PersonId::new(1);
        backlog
            .list(BacklogCase::new(old, d(2024, 9, 1), leader, "包案化解", d(2025, 6, 30)))
            .unwrap();
        let id = backlog
            .list(BacklogCase::new(done, d(2024, 9, 1), leader, "包案化解", d(2025, 6, 30)))
            .unwrap();
        backlog.set_status(id, BacklogStatus::Resolved { on: d(2025, 2, 1) }).unwrap();
        let mut irregular = IrregularVisitLedger::default();
        irregular.record(hekou, d(2025, 2, 1), d(2025, 2, 28), 1).unwrap();
        let q1 = report(
            &office.settings().org,
            office.cases(),
            &backlog,
            &irregular,
            d(2025, 1, 1),
            d(2025, 3, 31),
            80,
        );
        assert_eq!(q1.township(liulin).unwrap().open_backlog, 1);
        assert_eq!(q1.township(shiqiao).unwrap().open_backlog, 0, "concluded before the end");
        assert_eq!(q1.township(hekou).unwrap().irregular, 1);
        assert_eq!(q1.rate, Rate::new(10, 12));
        assert!(q1.meets_target(), "83.3% ≥ 80%");
        let strict = report(
            &office.settings().org,
            office.cases(),
            &backlog,
            &irregular,
            d(2025, 1, 1),
            d(2025, 3, 31),
            90,
        );
        assert!(!strict.meets_target());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn shortfalls_in_words() {
        let t = TownshipThreeNone {
            township: UnitId::new(5),
            escalated: 1,
            irregular: 0,
            open_backlog: 2,
        };
        assert!(!t.meets());
        assert_eq!(t.shortfalls(), ["越级访1件", "未办结积案2件"]);
        let clean = TownshipThreeNone { escalated: 0, open_backlog: 0, ..t };
        assert!(clean.meets());
        assert!(clean.shortfalls().is_empty());
    }
}
