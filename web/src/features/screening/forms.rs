//! The screening page's plain data: the form keys of scopes, cadences and
//! hotspot statuses, the period picked, and the round and hotspot forms as
//! typed, turned into the core's records (the core then checks them again
//! and refuses with its own message). No yew here: unit-tested natively.

use chrono::{Datelike, NaiveDate};
use xinfang_core::ids::RoundId;
use xinfang_core::work::screening::{
    Cadence, Hotspot, HotspotStatus, ScreeningRound, ScreeningScope, Village,
};
use xinfang_core::{CategoryId, PersonId, UnitId};

use crate::i18n::{dates, Bilingual};

// ---------------------------------------------------------------- keys

/// A scope's option value: `u:5` for a unit, `v:5:东岗村` for a village.
pub fn scope_key(scope: &ScreeningScope) -> String {
    match scope {
        ScreeningScope::Unit(u) => format!("u:{}", u.get()),
        ScreeningScope::Village(v) => format!("v:{}:{}", v.township().get(), v.name()),
    }
}

/// The scope of an option value.
pub fn parse_scope(key: &str) -> Option<ScreeningScope> {
    let mut parts = key.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("u"), Some(id), None) => {
            id.parse().ok().map(|n| ScreeningScope::Unit(UnitId::new(n)))
        }
        (Some("v"), Some(id), Some(name)) => {
            let township = UnitId::new(id.parse().ok()?);
            Village::new(township, name).ok().map(ScreeningScope::Village)
        }
        _ => None,
    }
}

/// The township a scope belongs to (a unit is its own).
pub fn scope_township(scope: &ScreeningScope) -> UnitId {
    match scope {
        ScreeningScope::Unit(u) => *u,
        ScreeningScope::Village(v) => v.township(),
    }
}

/// A cadence's option value (the core's serde name).
pub fn cadence_key(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Daily => "daily",
        Cadence::Weekly => "weekly",
        Cadence::HalfMonthly => "half_monthly",
        Cadence::Monthly => "monthly",
    }
}

/// The cadence of an option value.
pub fn parse_cadence(key: &str) -> Option<Cadence> {
    Cadence::ALL.into_iter().find(|c| cadence_key(*c) == key)
}

/// A cadence in English.
pub fn cadence_en(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Daily => "daily",
        Cadence::Weekly => "weekly",
        Cadence::HalfMonthly => "every half month",
        Cadence::Monthly => "monthly",
    }
}

/// A status's key (the core's serde tag): `unresolved`, `resolving`, `resolved`.
pub fn status_key(status: HotspotStatus) -> &'static str {
    match status {
        HotspotStatus::Unresolved => "unresolved",
        HotspotStatus::Resolving => "resolving",
        HotspotStatus::Resolved { .. } => "resolved",
    }
}

/// A status in English.
pub fn status_en(status: HotspotStatus) -> &'static str {
    match status {
        HotspotStatus::Unresolved => "Unresolved",
        HotspotStatus::Resolving => "Being resolved",
        HotspotStatus::Resolved { .. } => "Resolved",
    }
}

// ---------------------------------------------------------------- period

/// The period the page counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// This month so far.
    Month,
    /// This quarter so far.
    Quarter,
    /// This year so far.
    Year,
    /// From one day to another.
    Custom,
}

impl PeriodKind {
    /// Every kind, in the picker's order.
    pub const ALL: [PeriodKind; 4] =
        [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year, PeriodKind::Custom];

    /// The option value.
    pub fn key(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::Custom => "custom",
        }
    }

    /// The kind of an option value.
    pub fn from_key(key: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The days counted: from the first day of the month, quarter or year to
/// `today`, or the custom range cut at `today` (a slot still to come is not
/// yet due). `None` for a custom range without both days or reversed.
pub fn period_range(
    kind: PeriodKind,
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    let first = |month: u32| NaiveDate::from_ymd_opt(today.year(), month, 1);
    match kind {
        PeriodKind::Month => first(today.month()).map(|f| (f, today)),
        PeriodKind::Quarter => first((today.month() - 1) / 3 * 3 + 1).map(|f| (f, today)),
        PeriodKind::Year => first(1).map(|f| (f, today)),
        PeriodKind::Custom => {
            let (from, to) = (from?, to?);
            (from <= to).then_some((from, to.min(today)))
        }
    }
}

// ---------------------------------------------------------------- rounds

/// The round form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundForm {
    /// A [`scope_key`], `""` for none chosen.
    pub scope: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Who screened.
    pub by: String,
    /// Issues found, a whole number.
    pub issues: String,
    /// The campaign (专项排查), may be empty.
    pub campaign: String,
    /// Notes.
    pub notes: String,
}

impl RoundForm {
    /// An empty form dated `today`, no issues found.
    pub fn new(today: NaiveDate) -> RoundForm {
        RoundForm { date: dates::input_value(today), issues: "0".into(), ..RoundForm::default() }
    }

    /// The form holding a recorded round.
    pub fn of(round: &ScreeningRound) -> RoundForm {
        RoundForm {
            scope: scope_key(&round.scope),
            date: dates::input_value(round.date),
            by: round.by.clone(),
            issues: round.issues_found.to_string(),
            campaign: round.campaign.clone(),
            notes: round.notes.clone(),
        }
    }

    /// The round, or the first thing wrong with the form (the core checks
    /// the text fields).
    pub fn to_round(&self) -> Result<ScreeningRound, Bilingual> {
        let scope = parse_scope(&self.scope)
            .ok_or_else(|| Bilingual::new("请选择排查单位（村、社区）", "Choose who screened."))?;
        let date = dates::parse_input(&self.date)
            .ok_or_else(|| Bilingual::new("请填写有效的排查日期", "Enter a valid date."))?;
        let issues_found = whole(&self.issues).ok_or_else(|| {
            Bilingual::new("“排查出的问题数”须为0或正整数", "Issues found must be a whole number.")
        })?;
        Ok(ScreeningRound {
            scope,
            date,
            by: self.by.clone(),
            issues_found,
            campaign: self.campaign.clone(),
            notes: self.notes.clone(),
        })
    }
}

fn whole(text: &str) -> Option<u32> {
    match text.trim() {
        "" => Some(0),
        t => t.parse().ok(),
    }
}

// ---------------------------------------------------------------- hotspots

/// The hotspot form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HotspotForm {
    /// The issue.
    pub issue: String,
    /// Where.
    pub place: String,
    /// A category id number, `""` for none.
    pub category: String,
    /// People affected, a whole number.
    pub people: String,
    /// The leader's person id number.
    pub leader: String,
    /// The unit's id number.
    pub unit: String,
    /// The resolution plan.
    pub plan: String,
    /// `YYYY-MM-DD`.
    pub found_on: String,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    /// The round's id number, `""` for none.
    pub round: String,
}

impl HotspotForm {
    /// An empty form found `today`.
    pub fn new(today: NaiveDate) -> HotspotForm {
        HotspotForm { found_on: dates::input_value(today), ..HotspotForm::default() }
    }

    /// The form holding a hotspot.
    pub fn of(h: &Hotspot) -> HotspotForm {
        HotspotForm {
            issue: h.issue.clone(),
            place: h.place.clone(),
            category: h.category.map(|c| c.get().to_string()).unwrap_or_default(),
            people: h.people_affected.to_string(),
            leader: h.leader.get().to_string(),
            unit: h.unit.get().to_string(),
            plan: h.plan.clone(),
            found_on: dates::input_value(h.found_on),
            deadline: dates::input_value(h.deadline),
            round: h.round.map(|r| r.get().to_string()).unwrap_or_default(),
        }
    }

    /// The hotspot, keeping the status and case of `before` when editing;
    /// or the first thing wrong with the form (the core checks the text
    /// and the order of the dates).
    pub fn to_hotspot(&self, before: Option<&Hotspot>) -> Result<Hotspot, Bilingual> {
        let people_affected = whole(&self.people).ok_or_else(|| {
            Bilingual::new("“涉及人数”须为0或正整数", "People affected must be a whole number.")
        })?;
        let leader = number(&self.leader)
            .map(PersonId::new)
            .ok_or_else(|| Bilingual::new("请选择责任领导", "Choose the leader responsible."))?;
        let unit = number(&self.unit)
            .map(UnitId::new)
            .ok_or_else(|| Bilingual::new("请选择责任单位", "Choose the unit responsible."))?;
        let found_on = dates::parse_input(&self.found_on).ok_or_else(|| {
            Bilingual::new("请填写有效的排查发现日期", "Enter a valid date found.")
        })?;
        let deadline = dates::parse_input(&self.deadline)
            .ok_or_else(|| Bilingual::new("请填写有效的化解时限", "Enter a valid deadline."))?;
        let mut h = Hotspot::new(
            &self.issue,
            &self.place,
            people_affected,
            leader,
            unit,
            &self.plan,
            found_on,
            deadline,
        );
        h.category = number(&self.category).map(CategoryId::new);
        h.round = number(&self.round).map(RoundId::new);
        if let Some(before) = before {
            h.status = before.status;
            h.case = before.case;
        }
        Ok(h)
    }
}

fn number(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn scope_keys_round_trip() {
        let unit = ScreeningScope::Unit(UnitId::new(5));
        let village = ScreeningScope::Village(Village::new(UnitId::new(5), "东岗:村").unwrap());
        for scope in [unit.clone(), village.clone()] {
            assert_eq!(parse_scope(&scope_key(&scope)), Some(scope));
        }
        assert_eq!(scope_key(&unit), "u:5");
        assert_eq!(scope_township(&village), UnitId::new(5));
        assert_eq!(parse_scope(""), None);
        assert_eq!(parse_scope("v:5:"), None, "a blank village name");
        assert_eq!(parse_scope("u:x"), None);
    }

    #[test]
    fn cadence_and_status_keys_are_the_cores_serde_names() {
        for c in Cadence::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", cadence_key(c)));
            assert_eq!(parse_cadence(cadence_key(c)), Some(c));
        }
        let resolved = HotspotStatus::Resolved { on: d(2025, 3, 1) };
        for s in [HotspotStatus::Unresolved, HotspotStatus::Resolving, resolved] {
            let json = serde_json::to_string(&s).unwrap();
            assert!(json.contains(&format!("\"kind\":\"{}\"", status_key(s))), "{json}");
        }
    }

    #[test]
    fn periods_end_today() {
        let today = d(2025, 5, 20);
        let range = |k| period_range(k, today, None, None);
        assert_eq!(range(PeriodKind::Month), Some((d(2025, 5, 1), today)));
        assert_eq!(range(PeriodKind::Quarter), Some((d(2025, 4, 1), today)));
        assert_eq!(range(PeriodKind::Year), Some((d(2025, 1, 1), today)));
        assert_eq!(
            period_range(PeriodKind::Quarter, d(2025, 12, 31), None, None).unwrap().0,
            d(2025, 10, 1)
        );
        assert_eq!(range(PeriodKind::Custom), None);
        let custom = |f, t| period_range(PeriodKind::Custom, today, Some(f), Some(t));
        assert_eq!(custom(d(2025, 3, 1), d(2025, 3, 31)), Some((d(2025, 3, 1), d(2025, 3, 31))));
        assert_eq!(custom(d(2025, 5, 1), d(2025, 6, 30)), Some((d(2025, 5, 1), today)));
        assert_eq!(custom(d(2025, 3, 2), d(2025, 3, 1)), None);
        assert_eq!(PeriodKind::from_key("quarter"), Some(PeriodKind::Quarter));
    }

    #[test]
    fn round_form() {
        let mut form = RoundForm::new(d(2025, 3, 4));
        assert!(form.to_round().is_err(), "no scope");
        form.scope = "v:5:东岗村".into();
        form.by = "村两委".into();
        let round = form.to_round().unwrap();
        assert_eq!(round.date, d(2025, 3, 4));
        assert_eq!(round.issues_found, 0);
        assert_eq!(RoundForm::of(&round), form);
        form.issues = "-1".into();
        assert_eq!(form.to_round().unwrap_err().zh, "“排查出的问题数”须为0或正整数");
        form.issues = "2".into();
        form.date = "".into();
        assert!(form.to_round().is_err());
    }

    #[test]
    fn hotspot_form_keeps_status_and_case_when_editing() {
        let mut form = HotspotForm::new(d(2025, 3, 3));
        form.issue = "供暖".into();
        form.place = "幸福小区".into();
        form.people = "120".into();
        form.plan = "更换管网".into();
        form.deadline = "2025-04-30".into();
        assert_eq!(form.to_hotspot(None).unwrap_err().zh, "请选择责任领导");
        form.leader = "3".into();
        form.unit = "5".into();
        form.category = "12".into();
        form.round = "2".into();
        let h = form.to_hotspot(None).unwrap();
        assert_eq!(h.category, Some(CategoryId::new(12)));
        assert_eq!(h.round, Some(RoundId::new(2)));
        assert_eq!(h.status, HotspotStatus::Unresolved);
        assert_eq!(HotspotForm::of(&h), form);
        let mut before = h.clone();
        before.status = HotspotStatus::Resolved { on: d(2025, 4, 1) };
        before.case = Some(xinfang_core::CaseId::new(9));
        let edited = form.to_hotspot(Some(&before)).unwrap();
        assert_eq!((edited.status, edited.case), (before.status, before.case));
        form.people = "many".into();
        assert!(form.to_hotspot(None).is_err());
    }
}
