//! The reception pages' pure logic: months, the rota and reception forms,
//! the counts' period, and the names and keys of reception kinds and links.

use crate::forms::lines;
use crate::forms::state::Editable;
use crate::i18n::{dates, tr, Bilingual, Lang};
use crate::ui::people::person_of;
use chrono::{Datelike, Months, NaiveDate, Weekday};
use xinfang_core::ids::ReceptionId;
use xinfang_core::work::reception::{
    CaseLink, CaseLinkKind, Reception, ReceptionKind, RotaPattern, RotaRule,
};
use xinfang_core::PersonId;

/// `YYYYMM` of a date.
pub fn month_of(date: NaiveDate) -> u32 {
    date.year().max(0) as u32 * 100 + date.month()
}

/// The first and last day of the month `YYYYMM`.
pub fn month_range(month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt((month / 100) as i32, month % 100, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

/// `2025-03` (an `<input type="month">` value) → `202503`.
pub fn parse_month_input(value: &str) -> Option<u32> {
    let (y, m) = value.trim().split_once('-')?;
    let month = y.parse::<u32>().ok()? * 100 + m.parse::<u32>().ok()?;
    month_range(month).map(|_| month)
}

/// `202503` → `2025-03`.
pub fn month_input(month: u32) -> String {
    format!("{:04}-{:02}", month / 100, month % 100)
}

/// The weekday keys of the rota form, Monday first.
pub const WEEKDAYS: [(Weekday, &str, &str, &str); 7] = [
    (Weekday::Mon, "mon", "周一", "Monday"),
    (Weekday::Tue, "tue", "周二", "Tuesday"),
    (Weekday::Wed, "wed", "周三", "Wednesday"),
    (Weekday::Thu, "thu", "周四", "Thursday"),
    (Weekday::Fri, "fri", "周五", "Friday"),
    (Weekday::Sat, "sat", "周六", "Saturday"),
    (Weekday::Sun, "sun", "周日", "Sunday"),
];

/// A rota pattern in the interface language (`每月16日`, `16th of each month`).
pub fn pattern_name(lang: Lang, pattern: RotaPattern) -> String {
    match lang {
        Lang::ZhCn => pattern.label(),
        Lang::En => match pattern {
            RotaPattern::Monthly { day } => format!("Day {day} of each month"),
            RotaPattern::EveryWorkingDay => "Each working day".into(),
            RotaPattern::Weekly { weekday } => {
                let name = WEEKDAYS.iter().find(|w| w.0 == weekday).map_or("", |w| w.3);
                format!("Each {name}")
            }
        },
    }
}

/// The key of a reception kind (the core's serde name).
pub fn kind_key(kind: ReceptionKind) -> &'static str {
    match kind {
        ReceptionKind::RotaDay => "rota_day",
        ReceptionKind::Downward => "downward",
        ReceptionKind::Appointment => "appointment",
        ReceptionKind::FollowUp => "follow_up",
    }
}

/// A reception kind in the interface language.
pub fn kind_name(lang: Lang, kind: ReceptionKind) -> &'static str {
    let en = match kind {
        ReceptionKind::RotaDay => "Reception day",
        ReceptionKind::Downward => "Visit out",
        ReceptionKind::Appointment => "By appointment",
        ReceptionKind::FollowUp => "Follow-up visit",
    };
    tr(lang, kind.label(), en)
}

/// How a case was linked, in the interface language.
pub fn link_name(lang: Lang, how: CaseLinkKind) -> &'static str {
    tr(
        lang,
        how.label(),
        match how {
            CaseLinkKind::Created => "Registered there",
            CaseLinkKind::TakenOver => "Taken over",
        },
    )
}

/// The key of a case link kind (the core's serde name).
pub fn link_key(how: CaseLinkKind) -> &'static str {
    match how {
        CaseLinkKind::Created => "created",
        CaseLinkKind::TakenOver => "taken_over",
    }
}

// ------------------------------------------------------------ the rota form

/// The fields of the rota form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotaField {
    /// The rule's name.
    Name,
    /// The leader picked in the select (not yet added).
    Pick,
    /// The place.
    Place,
    /// `monthly`, `weekly`, `every_working_day`.
    Pattern,
    /// The day of the month.
    Day,
    /// A [`WEEKDAYS`] key.
    Weekday,
    /// First day.
    From,
    /// Last day (optional).
    Until,
}

/// A change to the rota form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotaEdit {
    /// A field's new text.
    Set(RotaField, String),
    /// Adds the picked leader to the turns.
    AddLeader,
    /// Drops the leader at this place of the turns.
    RemoveLeader(usize),
}

/// The rota form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotaForm {
    /// Name for lists.
    pub name: String,
    /// The leaders taking turns, in order.
    pub leaders: Vec<PersonId>,
    /// The leader chosen in the select.
    pub pick: String,
    /// Where.
    pub place: String,
    /// Which pattern.
    pub pattern: String,
    /// Day of the month.
    pub day: String,
    /// Weekday key.
    pub weekday: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD` or empty.
    pub until: String,
}

impl RotaForm {
    /// A blank form starting `today`: the 16th of each month.
    pub fn new(today: NaiveDate) -> Self {
        RotaForm {
            name: String::new(),
            leaders: Vec::new(),
            pick: String::new(),
            place: String::new(),
            pattern: "monthly".into(),
            day: "16".into(),
            weekday: "mon".into(),
            from: dates::input_value(today),
            until: String::new(),
        }
    }

    /// The form filled with a rule, to correct it.
    pub fn from_rule(rule: &RotaRule) -> Self {
        let (pattern, day, weekday) = match rule.pattern {
            RotaPattern::Monthly { day } => ("monthly", day.to_string(), "mon".to_string()),
            RotaPattern::EveryWorkingDay => ("every_working_day", "16".into(), "mon".into()),
            RotaPattern::Weekly { weekday } => {
                let key = WEEKDAYS.iter().find(|w| w.0 == weekday).map_or("mon", |w| w.1);
                ("weekly", "16".into(), key.to_string())
            }
        };
        RotaForm {
            name: rule.name.clone(),
            leaders: rule.leaders.clone(),
            pick: String::new(),
            place: rule.place.clone(),
            pattern: pattern.into(),
            day,
            weekday,
            from: dates::input_value(rule.from),
            until: rule.until.map(dates::input_value).unwrap_or_default(),
        }
    }

    /// The leaders: the list, or the one picked when none was added.
    pub fn chosen_leaders(&self) -> Vec<PersonId> {
        if self.leaders.is_empty() {
            person_of(&self.pick).into_iter().collect()
        } else {
            self.leaders.clone()
        }
    }

    /// The rule, or what the form itself finds wrong (the core checks the
    /// rest: leaders, place, day range, dates in order).
    pub fn to_rule(&self) -> Result<RotaRule, Bilingual> {
        let from = dates::parse_input(&self.from)
            .ok_or_else(|| Bilingual::new("请填写开始日期。", "Enter the first day."))?;
        let until =
            match self.until.trim() {
                "" => None,
                v => Some(dates::parse_input(v).ok_or_else(|| {
                    Bilingual::new("结束日期无效。", "The last day is not a date.")
                })?),
            };
        let pattern = match self.pattern.as_str() {
            "weekly" => {
                let weekday = WEEKDAYS
                    .iter()
                    .find(|w| w.1 == self.weekday)
                    .map(|w| w.0)
                    .ok_or_else(|| Bilingual::new("请选择星期几。", "Choose a weekday."))?;
                RotaPattern::Weekly { weekday }
            }
            "every_working_day" => RotaPattern::EveryWorkingDay,
            _ => RotaPattern::Monthly { day: self.day.trim().parse().unwrap_or(0) },
        };
        let mut rule = RotaRule::in_turn(self.chosen_leaders(), &self.place, pattern, from);
        rule.until = until;
        rule.name = self.name.clone();
        Ok(rule)
    }
}

impl Editable for RotaForm {
    type Edit = RotaEdit;

    fn edit(&mut self, edit: RotaEdit) {
        match edit {
            RotaEdit::Set(field, v) => match field {
                RotaField::Name => self.name = v,
                RotaField::Pick => self.pick = v,
                RotaField::Place => self.place = v,
                RotaField::Pattern => self.pattern = v,
                RotaField::Day => self.day = v,
                RotaField::Weekday => self.weekday = v,
                RotaField::From => self.from = v,
                RotaField::Until => self.until = v,
            },
            RotaEdit::AddLeader => {
                if let Some(p) = person_of(&self.pick) {
                    if !self.leaders.contains(&p) {
                        self.leaders.push(p);
                    }
                    self.pick.clear();
                }
            }
            RotaEdit::RemoveLeader(i) => {
                if i < self.leaders.len() {
                    self.leaders.remove(i);
                }
            }
        }
    }
}

// ------------------------------------------------------- the reception form

/// The fields of the reception form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceptionField {
    /// The leader's person id.
    Leader,
    /// `YYYY-MM-DD`.
    Date,
    /// Where.
    Place,
    /// A [`kind_key`].
    Kind,
    /// People received.
    HeadCount,
    /// Matters, one per line.
    Matters,
}

/// The reception form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionForm {
    /// Person id number.
    pub leader: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where.
    pub place: String,
    /// Kind key.
    pub kind: String,
    /// People received.
    pub head_count: String,
    /// One matter per line.
    pub matters: String,
}

impl ReceptionForm {
    /// A blank form for a reception held `date`.
    pub fn new(date: NaiveDate) -> Self {
        ReceptionForm {
            leader: String::new(),
            date: dates::input_value(date),
            place: String::new(),
            kind: kind_key(ReceptionKind::RotaDay).into(),
            head_count: "0".into(),
            matters: String::new(),
        }
    }

    /// A form for a day the rota schedules.
    pub fn for_rota_day(date: NaiveDate, leader: PersonId, place: &str) -> Self {
        ReceptionForm {
            leader: leader.get().to_string(),
            place: place.to_string(),
            ..ReceptionForm::new(date)
        }
    }

    /// The form of a recorded reception (to correct it).
    pub fn of(r: &Reception) -> Self {
        ReceptionForm {
            leader: r.leader.get().to_string(),
            date: dates::input_value(r.date),
            place: r.place.clone(),
            kind: kind_key(r.kind).into(),
            head_count: r.head_count.to_string(),
            matters: r.matters.join("\n"),
        }
    }

    /// The reception with these cases linked, or what the form finds wrong
    /// (the core checks the rest).
    pub fn to_reception(&self, cases: Vec<CaseLink>) -> Result<Reception, Bilingual> {
        let leader = person_of(&self.leader)
            .ok_or_else(|| Bilingual::new("请选择接访领导。", "Choose the leader."))?;
        let date = dates::parse_input(&self.date)
            .ok_or_else(|| Bilingual::new("请填写接访日期。", "Enter the date."))?;
        let kind = ReceptionKind::ALL
            .into_iter()
            .find(|k| kind_key(*k) == self.kind)
            .unwrap_or(ReceptionKind::RotaDay);
        let head_count = self.head_count.trim().parse::<u32>().map_err(|_| {
            Bilingual::new("接待人数应为0或正整数。", "People received must be a whole number.")
        })?;
        let mut r = Reception::new(leader, date, &self.place, kind);
        r.head_count = head_count;
        r.matters = lines(&self.matters);
        r.cases = cases;
        Ok(r)
    }
}

impl Editable for ReceptionForm {
    type Edit = (ReceptionField, String);

    fn edit(&mut self, (field, v): (ReceptionField, String)) {
        match field {
            ReceptionField::Leader => self.leader = v,
            ReceptionField::Date => self.date = v,
            ReceptionField::Place => self.place = v,
            ReceptionField::Kind => self.kind = v,
            ReceptionField::HeadCount => self.head_count = v,
            ReceptionField::Matters => self.matters = v,
        }
    }
}

// ------------------------------------------------------------- the periods

/// The period of the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountPeriod {
    /// This calendar month.
    #[default]
    Month,
    /// This calendar year.
    Year,
    /// From–to as typed.
    Custom,
}

impl CountPeriod {
    /// The select's values.
    pub fn key(self) -> &'static str {
        match self {
            CountPeriod::Month => "month",
            CountPeriod::Year => "year",
            CountPeriod::Custom => "custom",
        }
    }

    /// From a select value.
    pub fn from_key(key: &str) -> CountPeriod {
        match key {
            "year" => CountPeriod::Year,
            "custom" => CountPeriod::Custom,
            _ => CountPeriod::Month,
        }
    }
}

/// The first and last day counted; `None` when a custom date is missing.
pub fn period_bounds(
    period: CountPeriod,
    today: NaiveDate,
    from: &str,
    to: &str,
) -> Option<(NaiveDate, NaiveDate)> {
    match period {
        CountPeriod::Month => month_range(month_of(today)),
        CountPeriod::Year => Some((
            NaiveDate::from_ymd_opt(today.year(), 1, 1)?,
            NaiveDate::from_ymd_opt(today.year(), 12, 31)?,
        )),
        CountPeriod::Custom => Some((dates::parse_input(from)?, dates::parse_input(to)?)),
    }
}

/// The reception form as opened: for a new reception or to correct one.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenForm {
    /// The reception corrected, `None` for a new one.
    pub editing: Option<ReceptionId>,
    /// What the form starts with.
    pub initial: ReceptionForm,
    /// Bumped on every opening (a fresh form each time).
    pub serial: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_rule_fills_its_form_and_reads_back_the_same() {
        let org = xinfang_core::Organisation::sample_county();
        let people: Vec<PersonId> = org.people().take(2).map(|p| p.id()).collect();
        for pattern in [
            RotaPattern::Monthly { day: 16 },
            RotaPattern::EveryWorkingDay,
            RotaPattern::Weekly { weekday: chrono::Weekday::Wed },
        ] {
            let mut rule =
                RotaRule::in_turn(people.clone(), "县群众服务大厅", pattern, d(2025, 1, 1));
            rule.until = Some(d(2025, 12, 31));
            rule.name = "接访日".into();
            assert_eq!(RotaForm::from_rule(&rule).to_rule().unwrap(), rule, "{pattern:?}");
        }
    }

    #[test]
    fn months_and_periods() {
        assert_eq!(month_of(d(2025, 3, 17)), 202503);
        assert_eq!(month_range(202502), Some((d(2025, 2, 1), d(2025, 2, 28))));
        assert_eq!(month_range(202413), None);
        assert_eq!(parse_month_input("2024-02"), Some(202402));
        assert_eq!(parse_month_input("2024-13"), None);
        assert_eq!(parse_month_input(""), None);
        assert_eq!(month_input(202503), "2025-03");
        let today = d(2025, 3, 17);
        assert_eq!(
            period_bounds(CountPeriod::Month, today, "", ""),
            Some((d(2025, 3, 1), d(2025, 3, 31)))
        );
        assert_eq!(
            period_bounds(CountPeriod::Year, today, "", ""),
            Some((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            period_bounds(CountPeriod::Custom, today, "2025-01-05", "2025-02-01"),
            Some((d(2025, 1, 5), d(2025, 2, 1)))
        );
        assert_eq!(period_bounds(CountPeriod::Custom, today, "", "2025-02-01"), None);
        assert_eq!(CountPeriod::from_key(CountPeriod::Year.key()), CountPeriod::Year);
    }

    #[test]
    fn the_rota_form_builds_rules() {
        let mut f = RotaForm::new(d(2025, 1, 1));
        f.edit(RotaEdit::Set(RotaField::Pick, "3".into()));
        f.edit(RotaEdit::Set(RotaField::Place, "县群众服务大厅".into()));
        // One leader picked but not added counts as the only leader.
        let rule = f.to_rule().unwrap();
        assert_eq!(rule.leaders, [PersonId::new(3)]);
        assert_eq!(rule.pattern, RotaPattern::Monthly { day: 16 });
        f.edit(RotaEdit::AddLeader);
        f.edit(RotaEdit::Set(RotaField::Pick, "1".into()));
        f.edit(RotaEdit::AddLeader);
        f.edit(RotaEdit::Set(RotaField::Pick, "3".into()));
        f.edit(RotaEdit::AddLeader); // already there
        assert_eq!(f.leaders, [PersonId::new(3), PersonId::new(1)]);
        f.edit(RotaEdit::Set(RotaField::Pattern, "weekly".into()));
        f.edit(RotaEdit::Set(RotaField::Weekday, "wed".into()));
        f.edit(RotaEdit::Set(RotaField::Until, "2025-06-30".into()));
        let rule = f.to_rule().unwrap();
        assert_eq!(rule.pattern, RotaPattern::Weekly { weekday: Weekday::Wed });
        assert_eq!(rule.until, Some(d(2025, 6, 30)));
        f.edit(RotaEdit::RemoveLeader(0));
        assert_eq!(f.to_rule().unwrap().leaders, [PersonId::new(1)]);
        // A day that is not a number is left for the core to refuse (as 0).
        f.edit(RotaEdit::Set(RotaField::Pattern, "monthly".into()));
        f.edit(RotaEdit::Set(RotaField::Day, "x".into()));
        assert_eq!(f.to_rule().unwrap().pattern, RotaPattern::Monthly { day: 0 });
        f.edit(RotaEdit::Set(RotaField::From, "".into()));
        assert_eq!(f.to_rule().unwrap_err().zh, "请填写开始日期。");
        assert_eq!(
            pattern_name(Lang::En, RotaPattern::Weekly { weekday: Weekday::Fri }),
            "Each Friday"
        );
    }

    #[test]
    fn the_reception_form_round_trips() {
        let mut f = ReceptionForm::for_rota_day(d(2025, 3, 17), PersonId::new(2), "大厅");
        f.edit((ReceptionField::HeadCount, "12".into()));
        f.edit((ReceptionField::Matters, " 东岗村土地纠纷 \n\n 供暖不达标".into()));
        let link = CaseLink { case: xinfang_core::CaseId::new(4), how: CaseLinkKind::TakenOver };
        let r = f.to_reception(vec![link]).unwrap();
        assert_eq!(r.matters, ["东岗村土地纠纷", "供暖不达标"]);
        assert_eq!(
            (r.head_count, r.kind, r.leader),
            (12, ReceptionKind::RotaDay, PersonId::new(2))
        );
        assert_eq!(r.cases, [link]);
        let back = ReceptionForm::of(&r);
        assert_eq!(back.matters, "东岗村土地纠纷\n供暖不达标");
        assert_eq!(back.to_reception(vec![link]).unwrap(), r);
        f.edit((ReceptionField::HeadCount, "-1".into()));
        assert!(f.to_reception(vec![]).is_err());
        f.edit((ReceptionField::Leader, "".into()));
        assert_eq!(f.to_reception(vec![]).unwrap_err().zh, "请选择接访领导。");
        for kind in ReceptionKind::ALL {
            let mut g = ReceptionForm::new(d(2025, 1, 1));
            g.leader = "1".into();
            g.kind = kind_key(kind).into();
            assert_eq!(g.to_reception(vec![]).unwrap().kind, kind);
        }
        assert_eq!(lines(" a \n\n b\n"), ["a", "b"]);
    }
}
