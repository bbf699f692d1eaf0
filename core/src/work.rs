//! The office's work beside the cases: leader reception days and leader case
//! ownership (领导接待日, 领导包案), dispute screening (矛盾纠纷排查), the
//! backlog ledger (信访积案), joint and coordination meetings with their
//! minutes (联席会议, 协调会, 会议纪要), and the 三无 township status.
//!
//! # Shape
//!
//! Every ledger is plain validated data: a record is checked (and its text
//! trimmed) when it is added or changed, and refused with a [`WorkError`]
//! whose message a clerk can read. Records are named by their own id types
//! ([`ReceptionId`], [`HotspotId`], …), handed out by each ledger from a
//! monotonic counter, so an id is never reused even after a record entered
//! by mistake is removed. [`WorkLedgers`] holds them all, serializes with
//! serde (loading checks ids and records again) and is meant to be stored
//! beside the cases.
//!
//! The ledgers refer to units, people, categories and cases by id; they do
//! not hold the organisation or the cases, so they cannot check that those
//! exist: the caller (who holds the [`Office`]) offers only existing ones.
//! Whether a linked case is concluded is asked of the caller through a
//! predicate `Fn(CaseId) -> bool`; [`concluded_in`] builds it from an office.
//!
//! Every rate is a [`Rate`] with its numerator and denominator; the default
//! targets of seed 004 are editable in [`WorkTargets`].
//! The `xinfang-sample` crate fills the ledgers with a deterministic year
//! for the training sandbox, beside the sample cases.
//!
//! # What is not here
//!
//! By the product's stance there are no records of people to watch or
//! restrain: screening records disputes and hotspots (the issue, the place,
//! how many are affected, who is responsible and the plan), and the only
//! people named are the officials responsible. The fifth of the 五个一 is a
//! set of *resolution* measures (化解措施).
//!
//! # Dates
//!
//! [`date_cn`] gives `2025年3月16日` (lists, text), [`date_official`] gives
//! `二〇二五年三月十六日` (the date of an official document such as the minutes).

use crate::case::Case;
use crate::cn_text::{chinese_number, date_cn, date_official};
use crate::error::InputError;
use crate::ids::{
    BacklogId, CaseId, HotspotId, MeetingId, OwnershipId, ReceptionId, RotaRuleId, RoundId,
};
use crate::org::Organisation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

pub mod backlog;
pub mod change;
pub mod meeting;
pub mod ownership;
pub mod reception;
pub mod screening;
mod texts;
pub mod three_none;

use backlog::BacklogLedger;
use meeting::MeetingLedger;
use ownership::{MeetingRecord, OwnershipLedger};
use reception::ReceptionLedger;
use screening::{ScreeningLedger, ScreeningScope};
use three_none::{IrregularVisitLedger, ThreeNoneReport};

/// The id types of the work ledgers (in [`crate::ids`]) are [`WorkId`]s.
macro_rules! work_id {
    ($($name:ident),*) => {$(
        impl WorkId for $name {
            fn from_raw(raw: u32) -> Self {
                Self::new(raw)
            }
            fn raw(self) -> u32 {
                self.get()
            }
        }
    )*};
}

work_id!(RotaRuleId, ReceptionId, OwnershipId, RoundId, HotspotId, BacklogId, MeetingId);

/// Why a change to a work ledger was refused. Each message is written for
/// the clerk who made it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WorkError {
    /// A field is empty or out of range.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A date lies before the date it must follow.
    #[error("“{later}”不能早于“{earlier}”")]
    DateOrder {
        /// The field that comes first.
        earlier: &'static str,
        /// The field that must not be earlier.
        later: &'static str,
    },
    /// No record has this id.
    #[error("找不到编号为{id}的{what}")]
    NotFound {
        /// The kind of record, e.g. `接待记录`.
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// The case already has an entry in a ledger that allows one per case.
    #[error("案件{case}已列入{what}")]
    CaseListed {
        /// The ledger, e.g. `积案台账`.
        what: &'static str,
        /// The case.
        case: CaseId,
    },
    /// A list holds the same item twice.
    #[error("“{field}”中有重复项：{value}")]
    Duplicate {
        /// The field's Chinese name.
        field: &'static str,
        /// The repeated item.
        value: String,
    },
    /// A reception with nobody received lists matters or cases.
    #[error("接待人数为0时不能登记反映事项或关联案件")]
    NobodyReceived,
    /// A meeting decision names neither a unit nor a person.
    #[error("会议决定“{text}”须明确责任单位或责任人")]
    DecisionWithoutOwner {
        /// The decision's text.
        text: String,
    },
    /// A meeting has no decision with this number.
    #[error("该会议没有第{no}项决定")]
    NoSuchDecision {
        /// The number asked for, from 1.
        no: usize,
    },
    /// Acceptance (息诉罢访) recorded on a backlog case not yet concluded.
    #[error("积案尚未办结，不能登记息诉罢访")]
    NotConcluded,
    /// A record still referred to by another cannot be removed.
    #[error("{what}{id}仍被其他记录引用，不能删除")]
    InUse {
        /// The kind of record.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// Ledgers kept outside the log were offered to ledgers that already
    /// hold records ([`change::WorkChange::Adopt`]).
    #[error("工作台账中已有记录，早先单独保存的工作台账只能并入空的台账")]
    NotEmpty,
    /// Stored data does not describe valid ledgers.
    #[error("工作台账数据已损坏：{why}")]
    Corrupt {
        /// What is wrong.
        why: String,
    },
}

/// A share with its numerator and denominator, e.g. 排查覆盖率 5/6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Rate {
    /// What was achieved (e.g. rounds done).
    pub numerator: u32,
    /// What was due (e.g. rounds due).
    pub denominator: u32,
}

impl Rate {
    /// A rate of `numerator` out of `denominator`.
    pub const fn new(numerator: u32, denominator: u32) -> Self {
        Rate { numerator, denominator }
    }

    /// The share in percent; `None` when nothing was due.
    pub fn percent(self) -> Option<f64> {
        (self.denominator > 0)
            .then(|| f64::from(self.numerator) * 100.0 / f64::from(self.denominator))
    }

    /// Whether the rate reaches `target_percent` (compared exactly, without
    /// rounding). A rate with nothing due meets every target.
    pub fn meets(self, target_percent: u32) -> bool {
        u64::from(self.numerator) * 100 >= u64::from(target_percent) * u64::from(self.denominator)
    }

    /// The percentage with one decimal, rounded half up: `83.3%`; `—` when
    /// nothing was due.
    pub fn percent_text(self) -> String {
        if self.denominator == 0 {
            return "—".into();
        }
        let d = u64::from(self.denominator);
        let tenths = (u64::from(self.numerator) * 2000 + d) / (2 * d);
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// Adds numerators and denominators: the rate over both populations.
impl std::ops::Add for Rate {
    type Output = Rate;
    fn add(self, other: Rate) -> Rate {
        Rate::new(
            self.numerator.saturating_add(other.numerator),
            self.denominator.saturating_add(other.denominator),
        )
    }
}

impl std::iter::Sum for Rate {
    fn sum<I: Iterator<Item = Rate>>(iter: I) -> Rate {
        iter.fold(Rate::default(), |a, b| a + b)
    }
}

impl fmt::Display for Rate {
    /// `5/6（83.3%）`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}（{}）", self.numerator, self.denominator, self.percent_text())
    }
}

/// The targets of the office's work, in percent. The defaults are seed 004's
/// (a county work plan); every one is editable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkTargets {
    /// 排查覆盖率: screening rounds done / due (default 100).
    pub screening_coverage: u32,
    /// 积案办结率: backlog cases concluded / backlog (default 100).
    pub backlog_resolution: u32,
    /// 结服率: concluded backlog cases whose petitioner accepted / concluded (default 70).
    pub backlog_acceptance: u32,
    /// 三无 乡镇比率: townships meeting 三无 / townships (default 80).
    pub three_none: u32,
}

impl Default for WorkTargets {
    fn default() -> Self {
        WorkTargets {
            screening_coverage: 100,
            backlog_resolution: 100,
            backlog_acceptance: 70,
            three_none: 80,
        }
    }
}

/// A record held by a ledger, with the id the ledger gave it. Reads as the
/// record itself (it dereferences to it); changes go through the ledger,
/// which checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<I, D> {
    id: I,
    #[serde(flatten)]
    data: D,
}

impl<I: Copy, D> Entry<I, D> {
    /// The id.
    pub fn id(&self) -> I {
        self.id
    }

    /// The record.
    pub fn data(&self) -> &D {
        &self.data
    }
}

impl<I, D> std::ops::Deref for Entry<I, D> {
    type Target = D;
    fn deref(&self) -> &D {
        &self.data
    }
}

/// An id handed out by a ledger.
pub(crate) trait WorkId: Copy + Ord + fmt::Display {
    fn from_raw(raw: u32) -> Self;
    fn raw(self) -> u32;
}

/// A record a ledger can hold.
pub(crate) trait Record: Clone {
    /// The kind of record in Chinese, for messages (e.g. `接待记录`).
    const WHAT: &'static str;
    /// Trims the record's text and checks it on its own.
    fn check(&mut self) -> Result<(), WorkError>;
    /// The case the record is about when a ledger allows one record per case.
    fn unique_case(&self) -> Option<CaseId> {
        None
    }
    /// The ledger's name for [`WorkError::CaseListed`].
    const LEDGER: &'static str = "台账";
}

/// Records in id order with the counter of the next id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "LedgerData<I, D>",
    bound(
        serialize = "I: Serialize, D: Serialize",
        deserialize = "I: WorkId + Deserialize<'de>, D: Record + Deserialize<'de>"
    )
)]
pub(crate) struct Ledger<I, D> {
    entries: Vec<Entry<I, D>>,
    next: I,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "I: Deserialize<'de>, D: Deserialize<'de>"))]
struct LedgerData<I, D> {
    entries: Vec<Entry<I, D>>,
    next: I,
}

impl<I: WorkId, D: Record> TryFrom<LedgerData<I, D>> for Ledger<I, D> {
    type Error = WorkError;

    fn try_from(data: LedgerData<I, D>) -> Result<Self, WorkError> {
        let mut ledger = Ledger { entries: Vec::new(), next: data.next };
        for mut entry in data.entries {
            let id = entry.id;
            let corrupt =
                |why: String| WorkError::Corrupt { why: format!("{}{id}：{why}", D::WHAT) };
            if ledger.entries.last().is_some_and(|l| l.id >= id) || id >= data.next {
                return Err(corrupt("编号重复、顺序错乱或超出计数器".into()));
            }
            entry.data.check().map_err(|e| corrupt(e.to_string()))?;
            ledger.check_unique(&entry.data, None).map_err(|e| corrupt(e.to_string()))?;
            ledger.entries.push(entry);
        }
        Ok(ledger)
    }
}

impl<I: WorkId, D> Default for Ledger<I, D> {
    fn default() -> Self {
        Ledger { entries: Vec::new(), next: I::from_raw(1) }
    }
}

impl<I: WorkId, D: Record> Ledger<I, D> {
    fn not_found(id: I) -> WorkError {
        WorkError::NotFound { what: D::WHAT, id: id.to_string() }
    }

    fn position(&self, id: I) -> Result<usize, WorkError> {
        self.entries.binary_search_by_key(&id, |e| e.id).map_err(|_| Self::not_found(id))
    }

    fn check_unique(&self, data: &D, except: Option<I>) -> Result<(), WorkError> {
        if let Some(case) = data.unique_case() {
            if self
                .entries
                .iter()
                .any(|e| Some(e.id) != except && e.data.unique_case() == Some(case))
            {
                return Err(WorkError::CaseListed { what: D::LEDGER, case });
            }
        }
        Ok(())
    }

    /// Checks a record and adds it under a new id.
    pub(crate) fn add(&mut self, mut data: D) -> Result<I, WorkError> {
        data.check()?;
        self.check_unique(&data, None)?;
        let id = self.next;
        self.entries.push(Entry { id, data });
        self.next = I::from_raw(id.raw().saturating_add(1));
        Ok(id)
    }

    /// Checks a record and puts it in place of the one with this id.
    pub(crate) fn replace(&mut self, id: I, mut data: D) -> Result<(), WorkError> {
        let at = self.position(id)?;
        data.check()?;
        self.check_unique(&data, Some(id))?;
        self.entries[at].data = data;
        Ok(())
    }

    /// Changes a copy of the record with `change`, then checks and keeps it.
    pub(crate) fn modify(
        &mut self,
        id: I,
        change: impl FnOnce(&mut D) -> Result<(), WorkError>,
    ) -> Result<(), WorkError> {
        let mut data = self.entries[self.position(id)?].data.clone();
        change(&mut data)?;
        self.replace(id, data)
    }

    /// Removes a record (entered by mistake); its id is not reused.
    pub(crate) fn remove(&mut self, id: I) -> Result<Entry<I, D>, WorkError> {
        let at = self.position(id)?;
        Ok(self.entries.remove(at))
    }

    pub(crate) fn get(&self, id: I) -> Option<&Entry<I, D>> {
        self.position(id).ok().map(|at| &self.entries[at])
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Entry<I, D>> {
        self.entries.iter()
    }
}

/// Whether `date` lies in `from..=to`.
pub(crate) fn within(date: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= date && date <= to
}

/// Trims a required text field, refusing it when blank.
pub(crate) fn required(text: &mut String, field: &'static str) -> Result<(), WorkError> {
    trim(text);
    if text.is_empty() {
        return Err(InputError::Empty { field }.into());
    }
    Ok(())
}

/// Trims a text in place.
pub(crate) fn trim(text: &mut String) {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_string();
    }
}

/// Trims every line of a list and drops the blank ones (a form's empty rows).
pub(crate) fn trim_list(items: &mut Vec<String>) {
    items.iter_mut().for_each(trim);
    items.retain(|s| !s.is_empty());
}

/// Refuses a list holding the same item twice.
pub(crate) fn no_duplicates<T: Ord + fmt::Display>(
    items: &[T],
    field: &'static str,
) -> Result<(), WorkError> {
    let mut seen = std::collections::BTreeSet::new();
    for item in items {
        if !seen.insert(item) {
            return Err(WorkError::Duplicate { field, value: item.to_string() });
        }
    }
    Ok(())
}

/// Refuses `later` before `earlier`.
pub(crate) fn in_order(
    earlier: NaiveDate,
    later: NaiveDate,
    earlier_name: &'static str,
    later_name: &'static str,
) -> Result<(), WorkError> {
    if later < earlier {
        return Err(WorkError::DateOrder { earlier: earlier_name, later: later_name });
    }
    Ok(())
}

/// All of the office's work beside the cases, stored together.
///
/// ```
/// use chrono::NaiveDate;
/// use xinfang_core::work::reception::{Reception, ReceptionKind, RotaPattern, RotaRule};
/// use xinfang_core::{Calendar, CaseId, Organisation, WorkLedgers};
///
/// let org = Organisation::sample_county();
/// let leader = org.people().find(|p| p.name() == "于振华").unwrap().id();
/// let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
///
/// let mut work = WorkLedgers::default();
/// // “县级领导每月16日到县群众服务大厅接访”.
/// let rule = RotaRule::new(leader, "县群众服务大厅", RotaPattern::Monthly { day: 16 }, date(1, 1));
/// work.reception.add_rule(rule).unwrap();
/// // 16 March 2025 is a Sunday: the reception moves to Monday the 17th.
/// let days = work.reception.scheduled(date(3, 1), date(3, 31), &Calendar::china());
/// assert_eq!(days[0].date, date(3, 17));
///
/// // The reception held that day: 12 people, one case registered on the spot.
/// let mut held = Reception::new(leader, date(3, 17), "县群众服务大厅", ReceptionKind::RotaDay);
/// held.head_count = 12;
/// held.matters = vec!["东岗村土地承包合同纠纷".into()];
/// held.link_new_case(CaseId::new(7));
/// work.reception.record(held).unwrap();
///
/// let resolved = |case: CaseId| case == CaseId::new(7);
/// let counts = work.reception.summary(date(1, 1), date(3, 31), resolved);
/// assert_eq!((counts.sessions, counts.people, counts.cases, counts.resolved), (1, 12, 1, 1));
///
/// // Stored beside the cases as JSON; loading checks every record again.
/// let json = serde_json::to_string(&work).unwrap();
/// assert_eq!(serde_json::from_str::<WorkLedgers>(&json).unwrap(), work);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkLedgers {
    /// The reception rota and the receptions held (领导接待日).
    pub reception: ReceptionLedger,
    /// Leaders' ownership of hard cases with the 五个一 (领导包案).
    pub ownership: OwnershipLedger,
    /// Screening cadences, rounds and the hotspot ledger (矛盾纠纷排查).
    pub screening: ScreeningLedger,
    /// The backlog ledger (信访积案台账).
    pub backlog: BacklogLedger,
    /// Joint, coordination and leading-group meetings (联席会议、协调会).
    pub meetings: MeetingLedger,
    /// Irregular visits recorded per township and period (for 三无).
    pub irregular_visits: IrregularVisitLedger,
    /// The targets.
    pub targets: WorkTargets,
}

impl WorkLedgers {
    /// Removes a meeting entered by mistake, unless a case ownership cites
    /// it as its meeting record.
    pub fn remove_meeting(&mut self, id: MeetingId) -> Result<(), WorkError> {
        let cited =
            self.ownership.iter().any(|o| o.meeting_record == Some(MeetingRecord::Meeting(id)));
        if cited {
            return Err(WorkError::InUse { what: "会议", id: id.to_string() });
        }
        self.meetings.remove(id).map(|_| ())
    }

    /// 排查覆盖率 over every active township of `org` (at the unit cadence)
    /// and every registered village (at the village cadence), from `from`
    /// to `to`.
    pub fn screening_coverage(&self, org: &Organisation, from: NaiveDate, to: NaiveDate) -> Rate {
        let townships = org.townships().map(|u| ScreeningScope::Unit(u.id()));
        let villages = self.screening.villages().iter().cloned().map(ScreeningScope::Village);
        let scopes: Vec<ScreeningScope> = townships.chain(villages).collect();
        self.screening.coverage_of(&scopes, from, to)
    }

    /// The 三无 status of every active township of `org` from `from` to
    /// `to`, given the office's cases, and the share meeting it against
    /// [`WorkTargets::three_none`]; see the [`three_none`] module for the
    /// definitions.
    pub fn three_none<'a>(
        &self,
        org: &Organisation,
        cases: impl Iterator<Item = &'a Case> + Clone,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ThreeNoneReport {
        three_none::report(
            org,
            cases,
            &self.backlog,
            &self.irregular_visits,
            from,
            to,
            self.targets.three_none,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn dates_in_both_styles() {
        assert_eq!(date_cn(d(2025, 3, 16)), "2025年3月16日");
        assert_eq!(date_cn(d(2008, 12, 1)), "2008年12月1日");
        assert_eq!(date_official(d(2025, 3, 16)), "二〇二五年三月十六日");
        assert_eq!(date_official(d(2020, 10, 1)), "二〇二〇年十月一日");
        assert_eq!(date_official(d(2008, 12, 31)), "二〇〇八年十二月三十一日");
        assert_eq!(date_official(d(2025, 11, 20)), "二〇二五年十一月二十日");
        assert_eq!(date_official(d(2013, 5, 10)), "二〇一三年五月十日");
        assert_eq!(date_official(d(2012, 2, 29)), "二〇一二年二月二十九日");
        assert_eq!(chinese_number(0), "零");
        assert_eq!(chinese_number(19), "十九");
        assert_eq!(chinese_number(40), "四十");
        assert_eq!(chinese_number(99), "九十九");
        assert_eq!(chinese_number(100), "100");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rates() {
        let r = Rate::new(5, 6);
        assert_eq!(r.to_string(), "5/6（83.3%）");
        assert!(r.meets(80));
        assert!(!r.meets(84));
        assert!(!r.meets(100));
        assert_eq!(Rate::new(2, 3).percent_text(), "66.7%");
        assert_eq!(Rate::new(1, 1).percent_text(), "100.0%");
        assert_eq!(Rate::new(0, 4).percent_text(), "0.0%");
        // 4/5 is exactly 80%: the target is met without rounding.
        assert!(Rate::new(4, 5).meets(80));
        assert!(!Rate::new(79, 99).meets(80)); // 79.8%
        let none = Rate::default();
        assert_eq!(none.percent(), None);
        assert_eq!(none.to_string(), "0/0（—）");
        assert!(none.meets(100), "nothing due meets every target");
        assert_eq!(Rate::new(1, 2) + Rate::new(3, 4), Rate::new(4, 6));
        assert_eq!([Rate::new(1, 1), Rate::new(0, 2)].into_iter().sum::<Rate>(), Rate::new(1, 3));
        assert!((Rate::new(1, 4).percent().unwrap() - 25.0).abs() < 1e-9);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn default_targets_are_seed_004s() {
        let t = WorkTargets::default();
        assert_eq!((t.screening_coverage, t.backlog_resolution), (100, 100));
        assert_eq!((t.backlog_acceptance, t.three_none), (70, 80));
        let partial: WorkTargets = serde_json::from_str(r#"{"three_none":90}"#).unwrap();
        assert_eq!(partial.three_none, 90);
        assert_eq!(partial.backlog_acceptance, 70);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ids_display_with_their_prefix() {
        assert_eq!(ReceptionId::new(3).to_string(), "JD3");
        assert_eq!(MeetingId::new(12).to_string(), "HY12");
        assert_eq!(BacklogId::new(1).get(), 1);
        assert_eq!(serde_json::to_string(&HotspotId::new(4)).unwrap(), "4");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn empty_ledgers_load_from_an_empty_object() {
        let empty: WorkLedgers = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, WorkLedgers::default());
        let json = serde_json::to_string(&WorkLedgers::default()).unwrap();
        assert_eq!(serde_json::from_str::<WorkLedgers>(&json).unwrap(), WorkLedgers::default());
    }
}
