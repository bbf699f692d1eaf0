//! Dispute screening (矛盾纠纷排查): the cadences, the rounds recorded, the
//! coverage rate (排查覆盖率), and the hotspot ledger (矛盾纠纷台账) with its
//! resolution rate.
//!
//! Screening is about disputes and hotspots: the issue, the place, its
//! category, how many people are affected, the responsible leader and unit,
//! the plan and the deadline. It records no people to watch.
//!
//! # Cadences (seed 004, editable)
//!
//! “乡镇（街道）每半月一排查、村居每周一排查 … 敏感时期、重大活动和重要节假日期间实行
//! 日排查”: a unit (township, street or department) screens at the unit
//! cadence ([`Cadence::HalfMonthly`] by default), a village or community at
//! the village cadence ([`Cadence::Weekly`]), and every scope screens
//! **daily** during a configured [`SensitivePeriod`], holidays included.
//!
//! # Rounds due and coverage
//!
//! The cadence cuts time into fixed slots: days; weeks from Monday to
//! Sunday; half months (the 1st–15th and the 16th–last day); months. For a
//! period `from..=to`, [`ScreeningLedger::rounds_due`] lists:
//!
//! - every regular slot that **ends** within the period (a slot still
//!   running at `to` is not yet due; one that began before `from` and ends
//!   inside is), unless every day of it lies in sensitive periods (the daily
//!   rounds then replace it);
//! - one daily slot for every day of the period inside a sensitive period.
//!
//! A slot is covered when the scope recorded at least one round on a day
//! within it; a round on a sensitive day inside a regular slot covers both.
//! Coverage is covered slots / due slots, so extra rounds never push it past
//! 100%, and every missed slot is listed.

use super::{
    in_order, required, trim, within, Entry, HotspotId, Ledger, Rate, Record, RoundId, WorkError,
};
use crate::ids::{CaseId, CategoryId, PersonId, UnitId};
use crate::org::Organisation;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// How often a scope must screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// 每日.
    Daily,
    /// 每周 (Monday to Sunday).
    Weekly,
    /// 每半月 (1st–15th, 16th–last day).
    HalfMonthly,
    /// 每月.
    Monthly,
}

impl Cadence {
    /// Every cadence, shortest first.
    pub const ALL: [Cadence; 4] =
        [Cadence::Daily, Cadence::Weekly, Cadence::HalfMonthly, Cadence::Monthly];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Daily => "每日",
            Cadence::Weekly => "每周",
            Cadence::HalfMonthly => "每半月",
            Cadence::Monthly => "每月",
        }
    }

    /// The slot of this cadence that contains `date`: its first and last day.
    pub fn slot_containing(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let plus =
            |d: NaiveDate, n: u64| d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX);
        let first_of_month = date.with_day(1).unwrap_or(date);
        let last_of_month = first_of_month
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        match self {
            Cadence::Daily => (date, date),
            Cadence::Weekly => {
                let back = Days::new(u64::from(date.weekday().num_days_from_monday()));
                let monday = date.checked_sub_days(back).unwrap_or(NaiveDate::MIN);
                (monday, plus(monday, 6))
            }
            Cadence::HalfMonthly if date.day() <= 15 => (first_of_month, plus(first_of_month, 14)),
            Cadence::HalfMonthly => (plus(first_of_month, 15), last_of_month),
            Cadence::Monthly => (first_of_month, last_of_month),
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A sensitive period (敏感时期), during which screening is daily: e.g.
/// `全国两会`, `国庆节`. Both ends are included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PeriodData")]
pub struct SensitivePeriod {
    name: String,
    from: NaiveDate,
    to: NaiveDate,
}

#[derive(Deserialize)]
struct PeriodData {
    name: String,
    from: NaiveDate,
    to: NaiveDate,
}

impl TryFrom<PeriodData> for SensitivePeriod {
    type Error = WorkError;
    fn try_from(d: PeriodData) -> Result<Self, WorkError> {
        SensitivePeriod::new(&d.name, d.from, d.to)
    }
}

impl SensitivePeriod {
    /// A period named `name` from `from` to `to`; the name must not be blank
    /// and `to` not before `from`.
    pub fn new(name: &str, from: NaiveDate, to: NaiveDate) -> Result<Self, WorkError> {
        let mut name = name.to_string();
        required(&mut name, "敏感时期名称")?;
        in_order(from, to, "开始日期", "结束日期")?;
        Ok(SensitivePeriod { name, from, to })
    }
    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The first day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }
    /// The last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }
    /// Whether `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        within(date, self.from, self.to)
    }
}

/// A village or community (村、社区) of a township that screens weekly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "VillageData")]
pub struct Village {
    township: UnitId,
    name: String,
}

#[derive(Deserialize)]
struct VillageData {
    township: UnitId,
    name: String,
}

impl TryFrom<VillageData> for Village {
    type Error = WorkError;
    fn try_from(d: VillageData) -> Result<Self, WorkError> {
        Village::new(d.township, &d.name)
    }
}

impl Village {
    /// The village `name` (trimmed, not blank) of `township`.
    pub fn new(township: UnitId, name: &str) -> Result<Self, WorkError> {
        let mut name = name.to_string();
        required(&mut name, "村（社区）名称")?;
        Ok(Village { township, name })
    }
    /// The township it belongs to.
    pub fn township(&self) -> UnitId {
        self.township
    }
    /// The name, e.g. `东岗村`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Which cadence applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningLevel {
    /// Townships, streets and departments.
    Unit,
    /// Villages and communities.
    Village,
}

impl ScreeningLevel {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ScreeningLevel::Unit => "乡镇（街道）、部门",
            ScreeningLevel::Village => "村（社区）",
        }
    }
}

/// Who screens: a unit of the organisation, or a village.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningScope {
    /// A township, street or department.
    Unit(UnitId),
    /// A village or community.
    Village(Village),
}

impl ScreeningScope {
    /// Which cadence applies.
    pub fn level(&self) -> ScreeningLevel {
        match self {
            ScreeningScope::Unit(_) => ScreeningLevel::Unit,
            ScreeningScope::Village(_) => ScreeningLevel::Village,
        }
    }

    /// The name shown: `河口乡`, or `河口乡东岗村` for a village.
    pub fn describe(&self, org: &Organisation) -> String {
        match self {
            ScreeningScope::Unit(u) => org.unit_name(*u),
            ScreeningScope::Village(v) => format!("{}{}", org.unit_name(v.township), v.name),
        }
    }
}

/// A screening slot that is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRound {
    /// The slot's first day.
    pub from: NaiveDate,
    /// The slot's last day: the round is due by then.
    pub to: NaiveDate,
    /// The cadence that makes it due ([`Cadence::Daily`] in a sensitive period).
    pub cadence: Cadence,
    /// The sensitive period's name for a daily slot.
    pub sensitive: Option<String>,
}

/// The coverage of one scope or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Slots covered / slots due.
    pub rate: Rate,
    /// The slots without a round.
    pub missed: Vec<DueRound>,
}

/// A screening round (一次排查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningRound {
    /// Who screened.
    pub scope: ScreeningScope,
    /// The day.
    pub date: NaiveDate,
    /// The people who did it (排查人员), free text.
    pub by: String,
    /// How many issues were found (排查出的问题数).
    pub issues_found: u32,
    /// The concentrated campaign it belonged to (集中排查), empty for routine rounds.
    #[serde(default)]
    pub campaign: String,
    /// Notes.
    #[serde(default)]
    pub notes: String,
}

impl Record for ScreeningRound {
    const WHAT: &'static str = "排查记录";

    fn check(&mut self) -> Result<(), WorkError> {
        required(&mut self.by, "排查人员")?;
        trim(&mut self.campaign);
        trim(&mut self.notes);
        Ok(())
    }
}

/// The counts of screening in a period (seed 001: “全年共组织开展集中排查4次，
/// 排查出苗头性、倾向性问题…612件”).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScreeningSummary {
    /// Rounds recorded.
    pub rounds: u32,
    /// Distinct concentrated campaigns.
    pub campaigns: u32,
    /// Issues found, summed over the rounds.
    pub issues_found: u32,
}

/// Where a hotspot stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HotspotStatus {
    /// 未化解.
    Unresolved,
    /// 化解中.
    Resolving,
    /// 已化解, on this day.
    Resolved {
        /// The day it was resolved.
        on: NaiveDate,
    },
}

impl HotspotStatus {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            HotspotStatus::Unresolved => "未化解",
            HotspotStatus::Resolving => "化解中",
            HotspotStatus::Resolved { .. } => "已化解",
        }
    }

    /// The day it was resolved, if it was.
    pub fn resolved_on(self) -> Option<NaiveDate> {
        match self {
            HotspotStatus::Resolved { on } => Some(on),
            _ => None,
        }
    }
}

/// An entry of the hotspot ledger (矛盾纠纷台账): an issue found, with the
/// leader and unit responsible, the plan and the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hotspot {
    /// The issue (矛盾纠纷或热点问题), e.g. `东岗村土地承包合同到期续签纠纷`.
    pub issue: String,
    /// Where (乡镇、村、小区、企业…).
    pub place: String,
    /// The content category, when chosen.
    #[serde(default)]
    pub category: Option<CategoryId>,
    /// How many people are affected (涉及人数).
    pub people_affected: u32,
    /// The leader responsible (责任领导).
    pub leader: PersonId,
    /// The unit responsible (责任单位).
    pub unit: UnitId,
    /// The resolution plan (化解方案).
    pub plan: String,
    /// The deadline (化解时限).
    pub deadline: NaiveDate,
    /// The day it was found.
    pub found_on: NaiveDate,
    /// The round that found it, if recorded.
    #[serde(default)]
    pub round: Option<RoundId>,
    /// Where it stands.
    pub status: HotspotStatus,
    /// The case it became, if it became a petition.
    #[serde(default)]
    pub case: Option<CaseId>,
}

impl Hotspot {
    /// A new, unresolved hotspot.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        issue: &str,
        place: &str,
        people_affected: u32,
        leader: PersonId,
        unit: UnitId,
        plan: &str,
        found_on: NaiveDate,
        deadline: NaiveDate,
    ) -> Self {
        Hotspot {
            issue: issue.into(),
            place: place.into(),
            category: None,
            people_affected,
            leader,
            unit,
            plan: plan.into(),
            deadline,
            found_on,
            round: None,
            status: HotspotStatus::Unresolved,
            case: None,
        }
    }

    /// Not resolved and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.resolved_on().is_none() && self.deadline < today
    }
}

impl Record for Hotspot {
    const WHAT: &'static str = "矛盾纠纷";

    fn check(&mut self) -> Result<(), WorkError> {
        required(&mut self.issue, "矛盾纠纷（问题）")?;
        required(&mut self.place, "发生地点")?;
        required(&mut self.plan, "化解方案")?;
        in_order(self.found_on, self.deadline, "排查发现日期", "化解时限")?;
        if let Some(on) = self.status.resolved_on() {
            in_order(self.found_on, on, "排查发现日期", "化解日期")?;
        }
        Ok(())
    }
}

/// Cadences, sensitive periods, villages, rounds and hotspots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningLedger {
    unit_cadence: Cadence,
    village_cadence: Cadence,
    sensitive_periods: Vec<SensitivePeriod>,
    villages: Vec<Village>,
    rounds: Ledger<RoundId, ScreeningRound>,
    hotspots: Ledger<HotspotId, Hotspot>,
}

impl Default for ScreeningLedger {
    /// Seed 004's cadences (units every half month, villages every week), no
    /// sensitive periods, no villages.
    fn default() -> Self {
        ScreeningLedger {
            unit_cadence: Cadence::HalfMonthly,
            village_cadence: Cadence::Weekly,
            sensitive_periods: Vec::new(),
            villages: Vec::new(),
            rounds: Ledger::default(),
            hotspots: Ledger::default(),
        }
    }
}

impl ScreeningLedger {
    /// The cadence of a level.
    pub fn cadence(&self, level: ScreeningLevel) -> Cadence {
        match level {
            ScreeningLevel::Unit => self.unit_cadence,
            ScreeningLevel::Village => self.village_cadence,
        }
    }

    /// Changes the cadence of a level.
    pub fn set_cadence(&mut self, level: ScreeningLevel, cadence: Cadence) {
        match level {
            ScreeningLevel::Unit => self.unit_cadence = cadence,
            ScreeningLevel::Village => self.village_cadence = cadence,
        }
    }

    /// The sensitive periods, by first day.
    pub fn sensitive_periods(&self) -> &[SensitivePeriod] {
        &self.sensitive_periods
    }

    /// Adds a sensitive period (they may overlap).
    pub fn add_sensitive_period(&mut self, period: SensitivePeriod) {
        let at = self.sensitive_periods.partition_point(|p| p.from <= period.from);
        self.sensitive_periods.insert(at, period);
    }

    /// Removes the sensitive period at `index` of
    /// [`ScreeningLedger::sensitive_periods`].
    pub fn remove_sensitive_period(&mut self, index: usize) -> Option<SensitivePeriod> {
        (index < self.sensitive_periods.len()).then(|| self.sensitive_periods.remove(index))
    }

    /// The sensitive period `date` falls in, if any (the first listed).
    pub fn sensitive_on(&self, date: NaiveDate) -> Option<&SensitivePeriod> {
        self.sensitive_periods.iter().find(|p| p.contains(date))
    }

    /// The registered villages and communities, in the order added.
    pub fn villages(&self) -> &[Village] {
        &self.villages
    }

    /// Registers a village that must screen.
    pub fn add_village(&mut self, village: Village) -> Result<(), WorkError> {
        if self.villages.contains(&village) {
            return Err(WorkError::Duplicate { field: "村（社区）", value: village.name });
        }
        self.villages.push(village);
        Ok(())
    }

    /// Stops requiring rounds of a village; its past rounds stay.
    pub fn remove_village(&mut self, village: &Village) -> bool {
        let before = self.villages.len();
        self.villages.retain(|v| v != village);
        before != self.villages.len()
    }

    /// The slots in which `scope` owes a round, from `from` to `to` (see the
    /// module docs), by last day.
    pub fn rounds_due(
        &self,
        scope: &ScreeningScope,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<DueRound> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let cadence = self.cadence(scope.level());
        let (mut first, mut last) = cadence.slot_containing(from);
        while last <= to {
            let all_sensitive = first
                .iter_days()
                .take_while(|d| *d <= last)
                .all(|d| self.sensitive_on(d).is_some());
            if !all_sensitive {
                out.push(DueRound { from: first, to: last, cadence, sensitive: None });
            }
            let Some(next) = last.succ_opt() else { break };
            (first, last) = cadence.slot_containing(next);
        }
        for day in from.iter_days().take_while(|d| *d <= to) {
            if let Some(p) = self.sensitive_on(day) {
                let sensitive = Some(p.name.clone());
                out.push(DueRound { from: day, to: day, cadence: Cadence::Daily, sensitive });
            }
        }
        out.sort_by_key(|r| (r.to, r.from, r.cadence != Cadence::Daily));
        out
    }

    /// 排查覆盖率 of one scope from `from` to `to`, with the slots missed.
    pub fn coverage(&self, scope: &ScreeningScope, from: NaiveDate, to: NaiveDate) -> Coverage {
        let done: BTreeSet<NaiveDate> =
            self.rounds.iter().filter(|r| r.scope == *scope).map(|r| r.date).collect();
        let due = self.rounds_due(scope, from, to);
        let total = due.len() as u32;
        let missed: Vec<DueRound> = due
            .into_iter()
            .filter(|slot| done.range(slot.from..=slot.to).next().is_none())
            .collect();
        Coverage { rate: Rate::new(total - missed.len() as u32, total), missed }
    }

    /// 排查覆盖率 summed over several scopes.
    pub fn coverage_of(&self, scopes: &[ScreeningScope], from: NaiveDate, to: NaiveDate) -> Rate {
        scopes.iter().map(|s| self.coverage(s, from, to).rate).sum()
    }

    /// Records a screening round.
    pub fn record_round(&mut self, round: ScreeningRound) -> Result<RoundId, WorkError> {
        self.rounds.add(round)
    }

    /// Corrects a screening round.
    pub fn update_round(&mut self, id: RoundId, round: ScreeningRound) -> Result<(), WorkError> {
        self.rounds.replace(id, round)
    }

    /// Removes a round entered by mistake, unless a hotspot cites it.
    pub fn remove_round(&mut self, id: RoundId) -> Result<(), WorkError> {
        if self.hotspots.iter().any(|h| h.round == Some(id)) {
            return Err(WorkError::InUse { what: "排查记录", id: id.to_string() });
        }
        self.rounds.remove(id).map(|_| ())
    }

    /// A round.
    pub fn round(&self, id: RoundId) -> Option<&Entry<RoundId, ScreeningRound>> {
        self.rounds.get(id)
    }

    /// Every round, in id order.
    pub fn rounds(&self) -> impl Iterator<Item = &Entry<RoundId, ScreeningRound>> + '_ {
        self.rounds.iter()
    }

    /// The counts of the rounds from `from` to `to`.
    pub fn summary(&self, from: NaiveDate, to: NaiveDate) -> ScreeningSummary {
        let rounds: Vec<_> = self.rounds.iter().filter(|r| within(r.date, from, to)).collect();
        let campaigns: BTreeSet<&str> =
            rounds.iter().map(|r| r.campaign.as_str()).filter(|c| !c.is_empty()).collect();
        ScreeningSummary {
            rounds: rounds.len() as u32,
            campaigns: campaigns.len() as u32,
            issues_found: rounds.iter().map(|r| r.issues_found).fold(0, u32::saturating_add),
        }
    }

    fn check_round_ref(&self, hotspot: &Hotspot) -> Result<(), WorkError> {
        match hotspot.round {
            Some(r) if self.rounds.get(r).is_none() => {
                Err(WorkError::NotFound { what: "排查记录", id: r.to_string() })
            }
            _ => Ok(()),
        }
    }

    /// Puts a hotspot on the ledger.
    pub fn add_hotspot(&mut self, hotspot: Hotspot) -> Result<HotspotId, WorkError> {
        self.check_round_ref(&hotspot)?;
        self.hotspots.add(hotspot)
    }

    /// Corrects a hotspot.
    pub fn update_hotspot(&mut self, id: HotspotId, hotspot: Hotspot) -> Result<(), WorkError> {
        self.check_round_ref(&hotspot)?;
        self.hotspots.replace(id, hotspot)
    }

    /// Moves a hotspot to another status (a resolved one may be reopened).
    pub fn set_hotspot_status(
        &mut self,
        id: HotspotId,
        status: HotspotStatus,
    ) -> Result<(), WorkError> {
        self.hotspots.modify(id, |h| {
            h.status = status;
            Ok(())
        })
    }

    /// Records the case a hotspot became (or clears it).
    pub fn link_case(&mut self, id: HotspotId, case: Option<CaseId>) -> Result<(), WorkError> {
        self.hotspots.modify(id, |h| {
            h.case = case;
            Ok(())
        })
    }

    /// Removes a hotspot entered by mistake.
    pub fn remove_hotspot(&mut self, id: HotspotId) -> Result<(), WorkError> {
        self.hotspots.remove(id).map(|_| ())
    }

    /// A hotspot.
    pub fn hotspot(&self, id: HotspotId) -> Option<&Entry<HotspotId, Hotspot>> {
        self.hotspots.get(id)
    }

    /// Every hotspot, in id order.
    pub fn hotspots(&self) -> impl Iterator<Item = &Entry<HotspotId, Hotspot>> + '_ {
        self.hotspots.iter()
    }

    /// The hotspots not resolved and past their deadline on `today`.
    pub fn overdue_hotspots(
        &self,
        today: NaiveDate,
    ) -> impl Iterator<Item = &Entry<HotspotId, Hotspot>> + '_ {
        self.hotspots.iter().filter(move |h| h.is_overdue(today))
    }

    /// 化解率 of the hotspots found from `from` to `to`: those resolved by
    /// `to` / all of them.
    pub fn hotspot_resolution(&self, from: NaiveDate, to: NaiveDate) -> Rate {
        let found: Vec<_> = self.hotspots.iter().filter(|h| within(h.found_on, from, to)).collect();
        let resolved = found.iter().filter(|h| h.status.resolved_on().is_some_and(|on| on <= to));
        Rate::new(resolved.count() as u32, found.len() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TOWN: UnitId = UnitId::new(5);

    fn village() -> ScreeningScope {
        ScreeningScope::Village(Village::new(TOWN, "东岗村").unwrap())
    }

    fn round(scope: &ScreeningScope, date: NaiveDate) -> ScreeningRound {
        ScreeningRound {
            scope: scope.clone(),
            date,
            by: "村两委班子".into(),
            issues_found: 1,
            campaign: String::new(),
            notes: String::new(),
        }
    }

    fn spans(due: &[DueRound]) -> Vec<(NaiveDate, NaiveDate)> {
        due.iter().map(|r| (r.from, r.to)).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn slots_of_each_cadence() {
        assert_eq!(
            Cadence::Daily.slot_containing(d(2025, 2, 28)),
            (d(2025, 2, 28), d(2025, 2, 28))
        );
        // 2025-10-01 is a Wednesday.
        assert_eq!(
            Cadence::Weekly.slot_containing(d(2025, 10, 1)),
            (d(2025, 9, 29), d(2025, 10, 5))
        );
        assert_eq!(
            Cadence::HalfMonthly.slot_containing(d(2025, 2, 15)),
            (d(2025, 2, 1), d(2025, 2, 15))
        );
        assert_eq!(
            Cadence::HalfMonthly.slot_containing(d(2025, 2, 16)),
            (d(2025, 2, 16), d(2025, 2, 28))
        );
        assert_eq!(
            Cadence::HalfMonthly.slot_containing(d(2024, 2, 20)),
            (d(2024, 2, 16), d(2024, 2, 29))
        );
        assert_eq!(
            Cadence::Monthly.slot_containing(d(2025, 12, 9)),
            (d(2025, 12, 1), d(2025, 12, 31))
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn township_every_half_month() {
        let ledger = ScreeningLedger::default();
        let town = ScreeningScope::Unit(TOWN);
        let due = ledger.rounds_due(&town, d(2025, 1, 1), d(2025, 3, 31));
        assert_eq!(due.len(), 6);
        assert!(due.iter().all(|r| r.cadence == Cadence::HalfMonthly && r.sensitive.is_none()));
        assert_eq!(due[3].from, d(2025, 2, 16));
        assert_eq!(due[3].to, d(2025, 2, 28));
        // Asked on 2025-03-20: the half month 03-16..03-31 is still running.
        let so_far = ledger.rounds_due(&town, d(2025, 1, 1), d(2025, 3, 20));
        assert_eq!(so_far.len(), 5);
        // A period starting mid-slot includes the slot that ends inside it.
        let mid = ledger.rounds_due(&town, d(2025, 1, 10), d(2025, 1, 31));
        assert_eq!(
            spans(&mid),
            [(d(2025, 1, 1), d(2025, 1, 15)), (d(2025, 1, 16), d(2025, 1, 31))]
        );
        assert!(ledger.rounds_due(&town, d(2025, 2, 1), d(2025, 1, 1)).is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn village_every_week() {
        let ledger = ScreeningLedger::default();
        // March 2025: weeks ending Sun 03-02 (began in February), 03-09,
        // 03-16, 03-23, 03-30; the week ending 04-06 is not yet due.
        let due = ledger.rounds_due(&village(), d(2025, 3, 1), d(2025, 3, 31));
        let ends: Vec<NaiveDate> = due.iter().map(|r| r.to).collect();
        assert_eq!(
            ends,
            [d(2025, 3, 2), d(2025, 3, 9), d(2025, 3, 16), d(2025, 3, 23), d(2025, 3, 30)]
        );
        assert_eq!(due[0].from, d(2025, 2, 24));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn coverage_with_a_missed_round() {
        let mut ledger = ScreeningLedger::default();
        let town = ScreeningScope::Unit(TOWN);
        for date in [
            d(2025, 1, 10),
            d(2025, 1, 20),
            d(2025, 2, 14),
            d(2025, 3, 5),
            d(2025, 3, 8),
            d(2025, 3, 28),
        ] {
            ledger.record_round(round(&town, date)).unwrap();
        }
        // Two rounds in 03-01..03-15 count once; nothing in 02-16..02-28.
        ledger.record_round(round(&ScreeningScope::Unit(UnitId::new(6)), d(2025, 2, 20))).unwrap();
        let cov = ledger.coverage(&town, d(2025, 1, 1), d(2025, 3, 31));
        assert_eq!(cov.rate, Rate::new(5, 6));
        assert_eq!(cov.rate.to_string(), "5/6（83.3%）");
        assert_eq!(spans(&cov.missed), [(d(2025, 2, 16), d(2025, 2, 28))]);
        assert!(!cov.rate.meets(100));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn national_day_makes_screening_daily() {
        let mut ledger = ScreeningLedger::default();
        let national_day = SensitivePeriod::new("国庆节", d(2025, 9, 30), d(2025, 10, 8)).unwrap();
        ledger.add_sensitive_period(national_day);
        let v = village();
        let due = ledger.rounds_due(&v, d(2025, 9, 29), d(2025, 10, 12));
        // Weeks 09-29..10-05 and 10-06..10-12 each have days outside the
        // period (09-29; 10-09..10-12), so both stay; plus 9 daily slots
        // 09-30..10-08, holidays included.
        let weekly: Vec<_> = due.iter().filter(|r| r.cadence == Cadence::Weekly).collect();
        let daily: Vec<_> = due.iter().filter(|r| r.cadence == Cadence::Daily).collect();
        assert_eq!(weekly.len(), 2);
        assert_eq!(daily.len(), 9);
        assert_eq!(daily[0].from, d(2025, 9, 30));
        assert_eq!(daily[8].from, d(2025, 10, 8));
        assert!(daily.iter().all(|r| r.sensitive.as_deref() == Some("国庆节")));

        // The village screened every day of the period but 10-03: that daily
        // slot is missed; the rounds inside each week cover the weeks too.
        for date in d(2025, 9, 30).iter_days().take(9).filter(|d| d.day() != 3) {
            ledger.record_round(round(&v, date)).unwrap();
        }
        let cov = ledger.coverage(&v, d(2025, 9, 29), d(2025, 10, 12));
        assert_eq!(cov.rate, Rate::new(10, 11));
        assert_eq!(spans(&cov.missed), [(d(2025, 10, 3), d(2025, 10, 3))]);
        assert_eq!(cov.missed[0].sensitive.as_deref(), Some("国庆节"));
        // Screening weekly as usual (on Mondays) misses 8 of the 9 days.
        let mut usual = ScreeningLedger::default();
        usual.add_sensitive_period(ledger.sensitive_periods()[0].clone());
        for date in [d(2025, 9, 29), d(2025, 10, 6)] {
            usual.record_round(round(&v, date)).unwrap();
        }
        let cov = usual.coverage(&v, d(2025, 9, 29), d(2025, 10, 12));
        assert_eq!(cov.rate, Rate::new(3, 11), "both weeks and the daily slot of 10-06");

        // A township's half month 10-01..10-15 is not replaced (10-09..10-15
        // are ordinary days); a period covering a whole slot replaces it.
        let mut all_october = ScreeningLedger::default();
        all_october.add_sensitive_period(
            SensitivePeriod::new("专项活动", d(2025, 10, 1), d(2025, 10, 15)).unwrap(),
        );
        let town = ScreeningScope::Unit(TOWN);
        let due = all_october.rounds_due(&town, d(2025, 10, 1), d(2025, 10, 31));
        assert_eq!(due.len(), 16, "15 daily slots and the half month 10-16..10-31");
        assert_eq!(due.iter().filter(|r| r.cadence == Cadence::HalfMonthly).count(), 1);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn coverage_over_several_scopes_and_cadence_changes() {
        let mut ledger = ScreeningLedger::default();
        let town = ScreeningScope::Unit(TOWN);
        let v = village();
        ledger.record_round(round(&town, d(2025, 3, 3))).unwrap();
        ledger.record_round(round(&v, d(2025, 3, 4))).unwrap();
        // 03-01..03-16: the town owes 1 (03-01..03-15), the village 3 (weeks
        // ending 03-02, 03-09, 03-16).
        let rate = ledger.coverage_of(&[town.clone(), v.clone()], d(2025, 3, 1), d(2025, 3, 16));
        assert_eq!(rate, Rate::new(2, 4));
        ledger.set_cadence(ScreeningLevel::Village, Cadence::Monthly);
        assert_eq!(ledger.cadence(ScreeningLevel::Village), Cadence::Monthly);
        assert_eq!(ledger.coverage(&v, d(2025, 3, 1), d(2025, 3, 31)).rate, Rate::new(1, 1));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sensitive_periods_and_villages_are_validated() {
        let err = SensitivePeriod::new("全国两会", d(2025, 3, 11), d(2025, 3, 3)).unwrap_err();
        assert_eq!(err.to_string(), "“结束日期”不能早于“开始日期”");
        assert_eq!(
            SensitivePeriod::new(" ", d(2025, 3, 3), d(2025, 3, 11)).unwrap_err().to_string(),
            "“敏感时期名称”不能为空"
        );
        let mut ledger = ScreeningLedger::default();
        ledger.add_sensitive_period(
            SensitivePeriod::new("国庆节", d(2025, 9, 30), d(2025, 10, 8)).unwrap(),
        );
        ledger.add_sensitive_period(
            SensitivePeriod::new("全国两会", d(2025, 3, 3), d(2025, 3, 11)).unwrap(),
        );
        assert_eq!(ledger.sensitive_periods()[0].name(), "全国两会");
        assert_eq!(ledger.sensitive_on(d(2025, 10, 1)).map(|p| p.name()), Some("国庆节"));
        assert!(ledger.remove_sensitive_period(0).is_some());
        assert!(ledger.remove_sensitive_period(5).is_none());

        let v = Village::new(TOWN, " 东岗村 ").unwrap();
        assert_eq!(v.name(), "东岗村");
        ledger.add_village(v.clone()).unwrap();
        assert_eq!(
            ledger.add_village(v.clone()).unwrap_err().to_string(),
            "“村（社区）”中有重复项：东岗村"
        );
        assert!(ledger.remove_village(&v));
        assert!(!ledger.remove_village(&v));
        assert!(Village::new(TOWN, "").is_err());

        let bad = r#"{"name":"国庆节","from":"2025-10-08","to":"2025-09-30"}"#;
        assert!(serde_json::from_str::<SensitivePeriod>(bad).is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn summary_of_rounds() {
        let mut ledger = ScreeningLedger::default();
        let town = ScreeningScope::Unit(TOWN);
        let mut a = round(&town, d(2025, 2, 20));
        a.campaign = "春节前集中排查".into();
        a.issues_found = 12;
        ledger.record_round(a.clone()).unwrap();
        a.scope = village();
        a.issues_found = 3;
        ledger.record_round(a).unwrap();
        ledger.record_round(round(&town, d(2025, 3, 3))).unwrap();
        let s = ledger.summary(d(2025, 1, 1), d(2025, 3, 31));
        assert_eq!(s, ScreeningSummary { rounds: 3, campaigns: 1, issues_found: 16 });
        let mut nobody = round(&town, d(2025, 3, 3));
        nobody.by = " ".into();
        assert_eq!(ledger.record_round(nobody).unwrap_err().to_string(), "“排查人员”不能为空");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn hotspot_ledger() {
        let mut ledger = ScreeningLedger::default();
        let r = ledger.record_round(round(&ScreeningScope::Unit(TOWN), d(2025, 3, 3))).unwrap();
        let mut h = Hotspot::new(
            "东岗村土地承包合同到期续签纠纷",
            "河口乡东岗村",
            36,
            PersonId::new(9),
            TOWN,
            "乡村两级联合调解，依法依合同处理",
            d(2025, 3, 3),
            d(2025, 4, 30),
        );
        h.round = Some(r);
        let a = ledger.add_hotspot(h.clone()).unwrap();
        let late = Hotspot {
            issue: "小区供暖温度不达标".into(),
            deadline: d(2025, 3, 20),
            round: None,
            ..h.clone()
        };
        let b = ledger.add_hotspot(late).unwrap();
        let outside =
            Hotspot { found_on: d(2025, 5, 6), deadline: d(2025, 6, 30), round: None, ..h.clone() };
        ledger.add_hotspot(outside).unwrap();

        ledger.set_hotspot_status(a, HotspotStatus::Resolving).unwrap();
        assert_eq!(ledger.hotspot(a).unwrap().status.label(), "化解中");
        assert_eq!(ledger.hotspot_resolution(d(2025, 1, 1), d(2025, 3, 31)), Rate::new(0, 2));
        ledger.set_hotspot_status(b, HotspotStatus::Resolved { on: d(2025, 3, 28) }).unwrap();
        ledger.link_case(a, Some(CaseId::new(42))).unwrap();
        assert_eq!(ledger.hotspot(a).unwrap().case, Some(CaseId::new(42)));
        assert_eq!(ledger.hotspot_resolution(d(2025, 1, 1), d(2025, 3, 31)), Rate::new(1, 2));
        // Resolved after the period's end: not counted for that period.
        assert_eq!(ledger.hotspot_resolution(d(2025, 1, 1), d(2025, 3, 27)), Rate::new(0, 2));
        let overdue: Vec<HotspotId> =
            ledger.overdue_hotspots(d(2025, 5, 2)).map(|h| h.id()).collect();
        assert_eq!(overdue, [a]);

        let err = ledger
            .set_hotspot_status(a, HotspotStatus::Resolved { on: d(2025, 3, 1) })
            .unwrap_err();
        assert_eq!(err.to_string(), "“化解日期”不能早于“排查发现日期”");
        let bad = Hotspot { deadline: d(2025, 3, 1), round: None, ..h.clone() };
        assert_eq!(
            ledger.add_hotspot(bad).unwrap_err().to_string(),
            "“化解时限”不能早于“排查发现日期”"
        );
        let bad = Hotspot { plan: "".into(), round: None, ..h.clone() };
        assert_eq!(ledger.add_hotspot(bad).unwrap_err().to_string(), "“化解方案”不能为空");
        let dangling = Hotspot { round: Some(RoundId::new(99)), ..h };
        assert_eq!(
            ledger.add_hotspot(dangling).unwrap_err().to_string(),
            "找不到编号为PC99的排查记录"
        );
        assert_eq!(
            ledger.remove_round(r).unwrap_err().to_string(),
            "排查记录PC1仍被其他记录引用，不能删除"
        );
        ledger.remove_hotspot(a).unwrap();
        ledger.remove_round(r).unwrap();
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let mut ledger = ScreeningLedger::default();
        ledger.add_sensitive_period(
            SensitivePeriod::new("国庆节", d(2025, 9, 30), d(2025, 10, 8)).unwrap(),
        );
        ledger.add_village(Village::new(TOWN, "东岗村").unwrap()).unwrap();
        ledger.record_round(round(&village(), d(2025, 10, 1))).unwrap();
        let h = Hotspot::new(
            "集中供热",
            "幸福小区",
            120,
            PersonId::new(1),
            TOWN,
            "更换管网",
            d(2025, 10, 1),
            d(2025, 11, 15),
        );
        let id = ledger.add_hotspot(h).unwrap();
        ledger.set_hotspot_status(id, HotspotStatus::Resolved { on: d(2025, 11, 1) }).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.contains(r#""unit_cadence":"half_monthly""#), "{json}");
        assert!(json.contains(r#""status":{"kind":"resolved","on":"2025-11-01"}"#), "{json}");
        assert!(json.contains(r#""scope":{"village":{"township":5,"name":"东岗村"}}"#), "{json}");
        assert_eq!(serde_json::from_str::<ScreeningLedger>(&json).unwrap(), ledger);
        let partial: ScreeningLedger =
            serde_json::from_str(r#"{"village_cadence":"daily"}"#).unwrap();
        assert_eq!(partial.cadence(ScreeningLevel::Unit), Cadence::HalfMonthly);
        assert_eq!(partial.cadence(ScreeningLevel::Village), Cadence::Daily);
    }
}
