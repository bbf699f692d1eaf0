//! Leader reception days (领导接待日): the rota as data, the concrete days it
//! schedules on the office's calendar, the record of each reception, and the
//! counts for a period (seed 001: “县级领导共接待群众来访48次，2700多人，
//! 解决了各类信访案件336件”).
//!
//! # The rota
//!
//! Seed 004's rules read as [`RotaRule`]s:
//!
//! | rule | as data |
//! |---|---|
//! | 县委书记、县长每月16日轮流到县群众服务大厅接访 | leaders `[书记, 县长]` in turn, [`RotaPattern::Monthly`] `{ day: 16 }` |
//! | 县级领导班子成员定期轮流接访 | the county leaders in turn, [`RotaPattern::EveryWorkingDay`] |
//! | 乡镇领导干部每个工作日轮流接待 | the township's leaders in turn, [`RotaPattern::EveryWorkingDay`] |
//! | 入驻窗口部门每周一名领导值班接访 | the department's leaders in turn, [`RotaPattern::Weekly`] |
//!
//! Days off come from the [`Calendar`] (holidays, weekends, 调休):
//!
//! - **Monthly**: the given day of each month; a month without it (the 31st
//!   in April) uses its last day. **A day falling on a day off moves to the
//!   next working day** (the 16th on a Sunday is received on Monday the 17th).
//! - **Every working day**: each working day, make-up working days included.
//! - **Weekly**: the given weekday; if it is off, the next working day of the
//!   same week (Monday to Sunday); no reception that week if none is left.
//!
//! With several leaders the turns go in the listed order, one per reception
//! day, counted from the rule's first day ([`RotaRule::from`]); a change of
//! rota is a new rule, the old one ending the day before.

use super::{
    in_order, no_duplicates, required, trim_list, within, Entry, Ledger, ReceptionId, Record,
    RotaRuleId, WorkError,
};
use crate::calendar::Calendar;
use crate::error::InputError;
use crate::ids::{CaseId, PersonId};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// When a rota rule's reception days fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RotaPattern {
    /// On this day of each month (1–31), moved to the next working day when off.
    Monthly {
        /// The day of the month.
        day: u32,
    },
    /// Every working day.
    EveryWorkingDay,
    /// On this weekday each week, or the next working day of that week.
    Weekly {
        /// The weekday.
        weekday: Weekday,
    },
}

impl RotaPattern {
    /// The Chinese description: `每月16日`, `每个工作日`, `每周一`.
    pub fn label(self) -> String {
        match self {
            RotaPattern::Monthly { day } => format!("每月{day}日"),
            RotaPattern::EveryWorkingDay => "每个工作日".into(),
            RotaPattern::Weekly { weekday } => format!("每周{}", weekday_cn(weekday)),
        }
    }
}

impl fmt::Display for RotaPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// `一` … `日`, as in `星期一`, `每周日`.
fn weekday_cn(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "一",
        Weekday::Tue => "二",
        Weekday::Wed => "三",
        Weekday::Thu => "四",
        Weekday::Fri => "五",
        Weekday::Sat => "六",
        Weekday::Sun => "日",
    }
}

/// A rule of the reception rota: who receives, where, and on which days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotaRule {
    /// The leader, or the leaders taking turns (轮流) in this order; never empty.
    pub leaders: Vec<PersonId>,
    /// Where, e.g. `县群众服务大厅`.
    pub place: String,
    /// Which days.
    pub pattern: RotaPattern,
    /// The first day the rule applies; its first reception day is the first turn.
    pub from: NaiveDate,
    /// The last day it applies, once the rota changed.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// A name for lists, e.g. `县委书记、县长接访日` (may be empty).
    #[serde(default)]
    pub name: String,
}

impl RotaRule {
    /// A rule for one leader, in force from `from`, without a name.
    pub fn new(leader: PersonId, place: &str, pattern: RotaPattern, from: NaiveDate) -> Self {
        RotaRule::in_turn(vec![leader], place, pattern, from)
    }

    /// A rule for several leaders taking turns in the given order.
    pub fn in_turn(
        leaders: Vec<PersonId>,
        place: &str,
        pattern: RotaPattern,
        from: NaiveDate,
    ) -> Self {
        RotaRule { leaders, place: place.into(), pattern, from, until: None, name: String::new() }
    }

    /// The reception days of this rule from `from` to `to` (both included),
    /// each with the leader whose turn it is, in date order.
    pub fn dates(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Vec<(NaiveDate, PersonId)> {
        if self.leaders.is_empty() {
            return Vec::new();
        }
        self.occurrences(to, calendar)
            .into_iter()
            .enumerate()
            .filter(|(_, date)| within(*date, from, to))
            .map(|(turn, date)| (date, self.leaders[turn % self.leaders.len()]))
            .collect()
    }

    /// Every reception day from the rule's first day to `to` (or its end).
    fn occurrences(&self, to: NaiveDate, calendar: &Calendar) -> Vec<NaiveDate> {
        let end = self.until.map_or(to, |until| until.min(to));
        let mut out = Vec::new();
        if end < self.from {
            return out;
        }
        let mut keep = |date: NaiveDate| {
            if within(date, self.from, end) && out.last().is_none_or(|last| *last < date) {
                out.push(date);
            }
        };
        match self.pattern {
            RotaPattern::EveryWorkingDay => {
                self.from
                    .iter_days()
                    .take_while(|date| *date <= end)
                    .filter(|date| calendar.is_working_day(*date))
                    .for_each(&mut keep);
            }
            RotaPattern::Monthly { day } => {
                let mut first = self.from.with_day(1);
                while let Some(month) = first.filter(|m| *m <= end) {
                    let target = month.with_day(day.min(days_in_month(month))).unwrap_or(month);
                    keep(calendar.next_working_day_on_or_after(target));
                    first = month.checked_add_months(chrono::Months::new(1));
                }
            }
            RotaPattern::Weekly { weekday } => {
                let back = Days::new(u64::from(self.from.weekday().num_days_from_monday()));
                let mut monday = self.from.checked_sub_days(back);
                while let Some(week) = monday.filter(|m| *m <= end) {
                    let offset = Days::new(u64::from(weekday.num_days_from_monday()));
                    let sunday = week.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX);
                    let day = week
                        .checked_add_days(offset)
                        .into_iter()
                        .flat_map(|d| d.iter_days())
                        .take_while(|d| *d <= sunday)
                        .find(|d| calendar.is_working_day(*d));
                    if let Some(day) = day {
                        keep(day);
                    }
                    monday = week.checked_add_days(Days::new(7));
                }
            }
        }
        out
    }
}

/// The number of days in the month of `date`.
fn days_in_month(date: NaiveDate) -> u32 {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .map_or(31, |last| last.day())
}

impl Record for RotaRule {
    const WHAT: &'static str = "接待排班规则";

    fn check(&mut self) -> Result<(), WorkError> {
        if self.leaders.is_empty() {
            return Err(InputError::Empty { field: "接待领导" }.into());
        }
        no_duplicates(&self.leaders, "接待领导")?;
        required(&mut self.place, "接待地点")?;
        super::trim(&mut self.name);
        if let RotaPattern::Monthly { day } = self.pattern {
            if !(1..=31).contains(&day) {
                let e = InputError::OutOfRange {
                    field: "每月接待日",
                    value: day.into(),
                    min: 1,
                    max: 31,
                };
                return Err(e.into());
            }
        }
        if let Some(until) = self.until {
            in_order(self.from, until, "开始日期", "结束日期")?;
        }
        Ok(())
    }
}

/// A reception day the rota schedules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledReception {
    /// The day (already moved off days off).
    pub date: NaiveDate,
    /// The leader whose turn it is.
    pub leader: PersonId,
    /// Where.
    pub place: String,
    /// The rule that schedules it.
    pub rule: RotaRuleId,
}

/// How a leader met the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceptionKind {
    /// 接待日接访: on a rota day, at the reception place.
    RotaDay,
    /// 下访: the leader went out to the village or unit (带案下访).
    Downward,
    /// 约访: by appointment with the petitioner.
    Appointment,
    /// 回访: a leader's follow-up visit after a reply.
    FollowUp,
}

impl ReceptionKind {
    /// Every kind, in display order.
    pub const ALL: [ReceptionKind; 4] = [
        ReceptionKind::RotaDay,
        ReceptionKind::Downward,
        ReceptionKind::Appointment,
        ReceptionKind::FollowUp,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ReceptionKind::RotaDay => "接访",
            ReceptionKind::Downward => "下访",
            ReceptionKind::Appointment => "约访",
            ReceptionKind::FollowUp => "回访",
        }
    }
}

/// How a case came to be linked to a reception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseLinkKind {
    /// Registered from what was raised at the reception (现场登记).
    Created,
    /// An existing case the leader took over (领导接案).
    TakenOver,
}

impl CaseLinkKind {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            CaseLinkKind::Created => "现场登记",
            CaseLinkKind::TakenOver => "领导接案",
        }
    }
}

/// A case linked to a reception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseLink {
    /// The case.
    pub case: CaseId,
    /// Created or taken over.
    pub how: CaseLinkKind,
}

/// A reception held (接待记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reception {
    /// The leader who received.
    pub leader: PersonId,
    /// The day.
    pub date: NaiveDate,
    /// Where.
    pub place: String,
    /// How.
    pub kind: ReceptionKind,
    /// How many people were received (接待群众人数); may be 0 on a quiet day.
    pub head_count: u32,
    /// One-line summaries of the matters raised (反映事项); blank lines are dropped.
    #[serde(default)]
    pub matters: Vec<String>,
    /// The cases registered at the reception or taken over by the leader.
    #[serde(default)]
    pub cases: Vec<CaseLink>,
}

impl Reception {
    /// A reception with nobody recorded yet.
    pub fn new(leader: PersonId, date: NaiveDate, place: &str, kind: ReceptionKind) -> Self {
        Reception {
            leader,
            date,
            place: place.into(),
            kind,
            head_count: 0,
            matters: Vec::new(),
            cases: Vec::new(),
        }
    }

    /// Links a case registered from this reception.
    pub fn link_new_case(&mut self, case: CaseId) {
        self.cases.push(CaseLink { case, how: CaseLinkKind::Created });
    }

    /// Links an existing case the leader took over.
    pub fn link_taken_over(&mut self, case: CaseId) {
        self.cases.push(CaseLink { case, how: CaseLinkKind::TakenOver });
    }
}

impl Record for Reception {
    const WHAT: &'static str = "接待记录";

    fn check(&mut self) -> Result<(), WorkError> {
        required(&mut self.place, "接待地点")?;
        trim_list(&mut self.matters);
        let cases: Vec<CaseId> = self.cases.iter().map(|l| l.case).collect();
        no_duplicates(&cases, "关联案件")?;
        if self.head_count == 0 && !(self.matters.is_empty() && self.cases.is_empty()) {
            return Err(WorkError::NobodyReceived);
        }
        Ok(())
    }
}

/// The counts of receptions in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReceptionSummary {
    /// Receptions held (接待次数).
    pub sessions: u32,
    /// People received, summed over the receptions (接待人次).
    pub people: u32,
    /// Distinct cases linked to those receptions (受理案件).
    pub cases: u32,
    /// Of those, the cases concluded (解决案件), per the caller's predicate.
    pub resolved: u32,
}

impl ReceptionSummary {
    /// Cases resolved / cases received.
    pub fn resolved_rate(&self) -> super::Rate {
        super::Rate::new(self.resolved, self.cases)
    }
}

/// The rota and the receptions held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReceptionLedger {
    rota: Ledger<RotaRuleId, RotaRule>,
    receptions: Ledger<ReceptionId, Reception>,
}

impl ReceptionLedger {
    /// Adds a rota rule.
    pub fn add_rule(&mut self, rule: RotaRule) -> Result<RotaRuleId, WorkError> {
        self.rota.add(rule)
    }

    /// Replaces a rota rule. To change a rota from a date on, end the old
    /// rule ([`ReceptionLedger::end_rule`]) and add a new one instead, so
    /// past reception days stay as they were.
    pub fn update_rule(&mut self, id: RotaRuleId, rule: RotaRule) -> Result<(), WorkError> {
        self.rota.replace(id, rule)
    }

    /// Ends a rota rule: `until` is its last day.
    pub fn end_rule(&mut self, id: RotaRuleId, until: NaiveDate) -> Result<(), WorkError> {
        self.rota.modify(id, |rule| {
            rule.until = Some(until);
            Ok(())
        })
    }

    /// Removes a rota rule entered by mistake.
    pub fn remove_rule(&mut self, id: RotaRuleId) -> Result<(), WorkError> {
        self.rota.remove(id).map(|_| ())
    }

    /// A rota rule.
    pub fn rule(&self, id: RotaRuleId) -> Option<&Entry<RotaRuleId, RotaRule>> {
        self.rota.get(id)
    }

    /// Every rota rule, in id order.
    pub fn rules(&self) -> impl Iterator<Item = &Entry<RotaRuleId, RotaRule>> + '_ {
        self.rota.iter()
    }

    /// The reception days the rota schedules from `from` to `to` (both
    /// included), by date then rule.
    pub fn scheduled(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Vec<ScheduledReception> {
        let mut out: Vec<ScheduledReception> = self
            .rota
            .iter()
            .flat_map(|rule| {
                rule.dates(from, to, calendar).into_iter().map(|(date, leader)| {
                    ScheduledReception { date, leader, place: rule.place.clone(), rule: rule.id() }
                })
            })
            .collect();
        out.sort_by_key(|s| (s.date, s.rule));
        out
    }

    /// The scheduled reception days from `from` to `to` with no reception
    /// recorded for that leader on that day (a substitute's reception does
    /// not count for the leader whose turn it was).
    pub fn unheld(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Vec<ScheduledReception> {
        let held: BTreeSet<(NaiveDate, PersonId)> =
            self.receptions.iter().map(|r| (r.date, r.leader)).collect();
        self.scheduled(from, to, calendar)
            .into_iter()
            .filter(|s| !held.contains(&(s.date, s.leader)))
            .collect()
    }

    /// Records a reception held.
    pub fn record(&mut self, reception: Reception) -> Result<ReceptionId, WorkError> {
        self.receptions.add(reception)
    }

    /// Corrects a reception record.
    pub fn update(&mut self, id: ReceptionId, reception: Reception) -> Result<(), WorkError> {
        self.receptions.replace(id, reception)
    }

    /// Removes a reception record entered by mistake.
    pub fn remove(&mut self, id: ReceptionId) -> Result<(), WorkError> {
        self.receptions.remove(id).map(|_| ())
    }

    /// A reception record.
    pub fn reception(&self, id: ReceptionId) -> Option<&Entry<ReceptionId, Reception>> {
        self.receptions.get(id)
    }

    /// Every reception record, in id order.
    pub fn receptions(&self) -> impl Iterator<Item = &Entry<ReceptionId, Reception>> + '_ {
        self.receptions.iter()
    }

    /// The receptions held from `from` to `to`, in id order.
    pub fn held_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = &Entry<ReceptionId, Reception>> + '_ {
        self.receptions.iter().filter(move |r| within(r.date, from, to))
    }

    /// The counts of the receptions held from `from` to `to`; `concluded`
    /// says whether a linked case is concluded (e.g. [`super::concluded_in`]).
    pub fn summary(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        concluded: impl Fn(CaseId) -> bool,
    ) -> ReceptionSummary {
        self.summary_where(from, to, |_| true, concluded)
    }

    /// As [`ReceptionLedger::summary`], counting only the receptions
    /// `include` accepts (e.g. those of county leaders).
    pub fn summary_where(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        include: impl Fn(&Reception) -> bool,
        concluded: impl Fn(CaseId) -> bool,
    ) -> ReceptionSummary {
        let mut out = ReceptionSummary::default();
        let mut cases = BTreeSet::new();
        for r in self.held_between(from, to).filter(|r| include(r)) {
            out.sessions += 1;
            out.people = out.people.saturating_add(r.head_count);
            cases.extend(r.cases.iter().map(|l| l.case));
        }
        out.cases = cases.len() as u32;
        out.resolved = cases.into_iter().filter(|c| concluded(*c)).count() as u32;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const SECRETARY: PersonId = PersonId::new(1);
    const COUNTY_HEAD: PersonId = PersonId::new(2);
    const DEPUTY: PersonId = PersonId::new(3);

    fn dates(rule: &RotaRule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        rule.dates(from, to, &Calendar::china()).into_iter().map(|(date, _)| date).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_16th_on_a_sunday_moves_to_monday() {
        let rule = RotaRule::new(
            SECRETARY,
            "县群众服务大厅",
            RotaPattern::Monthly { day: 16 },
            d(2025, 1, 1),
        );
        assert_eq!(d(2025, 3, 16).weekday(), Weekday::Sun);
        assert_eq!(d(2025, 2, 16).weekday(), Weekday::Sun);
        assert_eq!(
            dates(&rule, d(2025, 1, 1), d(2025, 6, 30)),
            [
                d(2025, 1, 16), // Thursday
                d(2025, 2, 17), // the 16th is a Sunday
                d(2025, 3, 17), // the 16th is a Sunday
                d(2025, 4, 16),
                d(2025, 5, 16),
                d(2025, 6, 16),
            ]
        );
        // 2025-11-16 is a Sunday too; 2024-06-16 a Sunday in the 端午 week.
        assert_eq!(dates(&rule, d(2025, 11, 1), d(2025, 11, 30)), [d(2025, 11, 17)]);
        let old = RotaRule { from: d(2024, 6, 1), ..rule.clone() };
        assert_eq!(dates(&old, d(2024, 6, 1), d(2024, 6, 30)), [d(2024, 6, 17)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn monthly_day_inside_a_holiday_and_at_month_end() {
        // 2024-10-03 lies in the National Day break (10-01..10-07): 10-08.
        let third =
            RotaRule::new(SECRETARY, "大厅", RotaPattern::Monthly { day: 3 }, d(2024, 1, 1));
        assert_eq!(dates(&third, d(2024, 10, 1), d(2024, 10, 31)), [d(2024, 10, 8)]);
        // A day moved across the range's start is found: the 31 March 2024
        // (Sunday) rule moves to 1 April.
        let last =
            RotaRule::new(SECRETARY, "大厅", RotaPattern::Monthly { day: 31 }, d(2024, 1, 1));
        assert_eq!(dates(&last, d(2024, 4, 1), d(2024, 4, 30)), [d(2024, 4, 1), d(2024, 4, 30)]);
        // February has no 31st: its last day, Thursday 2024-02-29.
        assert_eq!(dates(&last, d(2024, 2, 1), d(2024, 2, 29)), [d(2024, 2, 29)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn two_leaders_take_turns_by_month() {
        let rule = RotaRule::in_turn(
            vec![SECRETARY, COUNTY_HEAD],
            "县群众服务大厅",
            RotaPattern::Monthly { day: 16 },
            d(2025, 1, 1),
        );
        let china = Calendar::china();
        let spring = rule.dates(d(2025, 3, 1), d(2025, 5, 31), &china);
        // January (turn 0) the secretary, February the county head, March
        // the secretary again: turns count from the rule's first day, not
        // from the start of the list asked for.
        assert_eq!(
            spring,
            [
                (d(2025, 3, 17), SECRETARY),
                (d(2025, 4, 16), COUNTY_HEAD),
                (d(2025, 5, 16), SECRETARY)
            ]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_working_day_follows_the_calendar() {
        let rule = RotaRule::in_turn(
            vec![SECRETARY, COUNTY_HEAD, DEPUTY],
            "镇群众服务中心",
            RotaPattern::EveryWorkingDay,
            d(2025, 9, 26),
        );
        // Fri 09-26, Sun 09-28 (调休上班), Mon 09-29, Tue 09-30, then the break
        // 10-01..10-08, Thu 10-09, Fri 10-10, Sat 10-11 (调休上班).
        let got = rule.dates(d(2025, 9, 26), d(2025, 10, 12), &Calendar::china());
        let expected = [
            (d(2025, 9, 26), SECRETARY),
            (d(2025, 9, 28), COUNTY_HEAD),
            (d(2025, 9, 29), DEPUTY),
            (d(2025, 9, 30), SECRETARY),
            (d(2025, 10, 9), COUNTY_HEAD),
            (d(2025, 10, 10), DEPUTY),
            (d(2025, 10, 11), SECRETARY),
        ];
        assert_eq!(got, expected);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn weekly_moves_within_its_week() {
        let monday = RotaRule::new(
            DEPUTY,
            "县群众服务大厅",
            RotaPattern::Weekly { weekday: Weekday::Mon },
            d(2024, 9, 1),
        );
        // 2024-09-16 (Mon) and 09-17 are 中秋节 off: Wednesday 09-18. Week of
        // 09-30: Monday 09-30 works. Week of 10-07: Monday 10-07 is off, 10-08.
        assert_eq!(
            dates(&monday, d(2024, 9, 16), d(2024, 10, 13)),
            [d(2024, 9, 18), d(2024, 9, 23), d(2024, 9, 30), d(2024, 10, 8)]
        );
        // Spring Festival 2025 (01-28..02-04): in the week of 01-27 Tuesday
        // and every later day are off, so no reception that week; in the
        // week of 02-03 Tuesday 02-04 is off, so Wednesday 02-05.
        let tuesday = RotaRule::new(
            DEPUTY,
            "大厅",
            RotaPattern::Weekly { weekday: Weekday::Tue },
            d(2025, 1, 1),
        );
        assert_eq!(dates(&tuesday, d(2025, 1, 20), d(2025, 2, 9)), [d(2025, 1, 21), d(2025, 2, 5)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rule_bounds_and_ending() {
        let mut ledger = ReceptionLedger::default();
        let rule =
            RotaRule::new(SECRETARY, "大厅", RotaPattern::Monthly { day: 16 }, d(2025, 3, 1));
        let id = ledger.add_rule(rule).unwrap();
        let second =
            RotaRule::new(COUNTY_HEAD, "大厅", RotaPattern::Monthly { day: 16 }, d(2025, 5, 1));
        let id2 = ledger.add_rule(second).unwrap();
        ledger.end_rule(id, d(2025, 4, 30)).unwrap();
        let china = Calendar::china();
        let got: Vec<(NaiveDate, PersonId, RotaRuleId)> = ledger
            .scheduled(d(2025, 1, 1), d(2025, 6, 30), &china)
            .into_iter()
            .map(|s| (s.date, s.leader, s.rule))
            .collect();
        assert_eq!(
            got,
            [
                (d(2025, 3, 17), SECRETARY, id),
                (d(2025, 4, 16), SECRETARY, id),
                (d(2025, 5, 16), COUNTY_HEAD, id2),
                (d(2025, 6, 16), COUNTY_HEAD, id2),
            ]
        );
        let err = ledger.end_rule(id, d(2025, 2, 1)).unwrap_err();
        assert_eq!(err.to_string(), "“结束日期”不能早于“开始日期”");
        assert!(ledger.scheduled(d(2025, 7, 1), d(2025, 6, 1), &china).is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rule_validation() {
        let mut ledger = ReceptionLedger::default();
        let base = RotaRule::new(
            SECRETARY,
            " 县群众服务大厅 ",
            RotaPattern::Monthly { day: 16 },
            d(2025, 1, 1),
        );
        let bad = RotaRule { pattern: RotaPattern::Monthly { day: 32 }, ..base.clone() };
        assert_eq!(
            ledger.add_rule(bad).unwrap_err().to_string(),
            "“每月接待日”应在1到31之间，现为32"
        );
        let bad = RotaRule { leaders: vec![], ..base.clone() };
        assert_eq!(ledger.add_rule(bad).unwrap_err().to_string(), "“接待领导”不能为空");
        let bad = RotaRule { leaders: vec![SECRETARY, SECRETARY], ..base.clone() };
        assert_eq!(ledger.add_rule(bad).unwrap_err().to_string(), "“接待领导”中有重复项：P1");
        let bad = RotaRule { place: "  ".into(), ..base.clone() };
        assert_eq!(ledger.add_rule(bad).unwrap_err().to_string(), "“接待地点”不能为空");
        let id = ledger.add_rule(base).unwrap();
        assert_eq!(ledger.rule(id).unwrap().place, "县群众服务大厅");
        assert_eq!(ledger.rule(id).unwrap().pattern.label(), "每月16日");
        assert_eq!(RotaPattern::Weekly { weekday: Weekday::Sun }.to_string(), "每周日");
        assert_eq!(RotaPattern::EveryWorkingDay.label(), "每个工作日");
        ledger.remove_rule(id).unwrap();
        assert!(ledger.rules().next().is_none());
        let again = RotaRule::new(SECRETARY, "大厅", RotaPattern::EveryWorkingDay, d(2025, 1, 1));
        assert_eq!(ledger.add_rule(again).unwrap(), RotaRuleId::new(2), "ids are not reused");
        assert_eq!(
            ledger.remove_rule(id).unwrap_err().to_string(),
            "找不到编号为PB1的接待排班规则"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn receptions_and_their_counts() {
        let mut ledger = ReceptionLedger::default();
        let mut a =
            Reception::new(SECRETARY, d(2025, 3, 17), "县群众服务大厅", ReceptionKind::RotaDay);
        a.head_count = 14;
        a.matters = vec!["东岗村土地承包纠纷".into(), "  ".into(), " 小区供暖不达标 ".into()];
        a.link_new_case(CaseId::new(1));
        a.link_taken_over(CaseId::new(2));
        let a = ledger.record(a).unwrap();
        assert_eq!(ledger.reception(a).unwrap().matters, ["东岗村土地承包纠纷", "小区供暖不达标"]);

        let mut b =
            Reception::new(COUNTY_HEAD, d(2025, 4, 16), "县群众服务大厅", ReceptionKind::RotaDay);
        b.head_count = 30;
        b.link_taken_over(CaseId::new(2)); // the same case again
        b.link_new_case(CaseId::new(3));
        ledger.record(b).unwrap();
        let mut c = Reception::new(DEPUTY, d(2025, 4, 20), "柳林镇东岗村", ReceptionKind::Downward);
        c.head_count = 6;
        ledger.record(c).unwrap();
        let outside = Reception {
            head_count: 50,
            ..Reception::new(DEPUTY, d(2025, 7, 1), "大厅", ReceptionKind::RotaDay)
        };
        ledger.record(outside).unwrap();

        // Case 2 is concluded, cases 1 and 3 are not.
        let concluded = |case: CaseId| case == CaseId::new(2);
        let s = ledger.summary(d(2025, 1, 1), d(2025, 6, 30), concluded);
        assert_eq!(s, ReceptionSummary { sessions: 3, people: 50, cases: 3, resolved: 1 });
        assert_eq!(s.resolved_rate().to_string(), "1/3（33.3%）");
        let county = ledger.summary_where(
            d(2025, 1, 1),
            d(2025, 6, 30),
            |r| r.kind == ReceptionKind::RotaDay,
            concluded,
        );
        assert_eq!((county.sessions, county.people), (2, 44));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reception_validation() {
        let mut ledger = ReceptionLedger::default();
        let mut quiet = Reception::new(SECRETARY, d(2025, 3, 17), "大厅", ReceptionKind::RotaDay);
        ledger.record(quiet.clone()).unwrap();
        quiet.matters.push("有事项".into());
        assert_eq!(ledger.record(quiet).unwrap_err(), WorkError::NobodyReceived);
        let mut twice = Reception::new(SECRETARY, d(2025, 3, 17), "大厅", ReceptionKind::RotaDay);
        twice.head_count = 2;
        twice.link_new_case(CaseId::new(5));
        twice.link_taken_over(CaseId::new(5));
        assert_eq!(ledger.record(twice).unwrap_err().to_string(), "“关联案件”中有重复项：C5");
        let err = ledger.update(
            ReceptionId::new(9),
            Reception::new(SECRETARY, d(2025, 1, 1), "x", ReceptionKind::Appointment),
        );
        assert_eq!(err.unwrap_err().to_string(), "找不到编号为JD9的接待记录");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn unheld_reception_days() {
        let mut ledger = ReceptionLedger::default();
        ledger
            .add_rule(RotaRule::in_turn(
                vec![SECRETARY, COUNTY_HEAD],
                "县群众服务大厅",
                RotaPattern::Monthly { day: 16 },
                d(2025, 1, 1),
            ))
            .unwrap();
        let held = |leader, date| Reception {
            head_count: 9,
            ..Reception::new(leader, date, "县群众服务大厅", ReceptionKind::RotaDay)
        };
        ledger.record(held(SECRETARY, d(2025, 1, 16))).unwrap();
        // February's turn was the county head's; the secretary stood in.
        ledger.record(held(SECRETARY, d(2025, 2, 17))).unwrap();
        ledger.record(held(SECRETARY, d(2025, 3, 17))).unwrap();
        let missed = ledger.unheld(d(2025, 1, 1), d(2025, 3, 31), &Calendar::china());
        assert_eq!(missed.len(), 1);
        assert_eq!((missed[0].date, missed[0].leader), (d(2025, 2, 17), COUNTY_HEAD));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip_and_checks_on_load() {
        let mut ledger = ReceptionLedger::default();
        ledger
            .add_rule(RotaRule::new(
                SECRETARY,
                "大厅",
                RotaPattern::Weekly { weekday: Weekday::Wed },
                d(2025, 1, 1),
            ))
            .unwrap();
        let mut r = Reception::new(SECRETARY, d(2025, 1, 8), "大厅", ReceptionKind::RotaDay);
        r.head_count = 3;
        r.link_new_case(CaseId::new(4));
        ledger.record(r).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.contains(r#""pattern":{"kind":"weekly","weekday":"Wed"}"#), "{json}");
        let back: ReceptionLedger = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ledger);

        let reused = json.replace(r#""next":2"#, r#""next":1"#);
        let err = serde_json::from_str::<ReceptionLedger>(&reused).unwrap_err();
        assert!(err.to_string().contains("编号重复、顺序错乱或超出计数器"), "{err}");
        let invalid = json.replace(r#""head_count":3"#, r#""head_count":0"#);
        let err = serde_json::from_str::<ReceptionLedger>(&invalid).unwrap_err();
        assert!(err.to_string().contains("接待记录JD1：接待人数为0"), "{err}");
    }
}
