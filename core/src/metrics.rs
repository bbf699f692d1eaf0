//! Indicators against targets, counts with the same period last year, and
//! the monthly ranking of handling units (一月一通报).
//!
//! Everything here is computed from the cases as recorded, in a single pass
//! over them, for a [`Period`], a [`Scope`] and an **as-of day** (the core
//! reads no clock: the caller says what "today" is). Anything dated after
//! the as-of day is ignored, so a report for the current month does not
//! count a reply that is not yet late as late, and a report recomputed later
//! for a past period gives the same figures as long as nothing was
//! back-dated. Deadlines come from the cases' own functions
//! ([`Case::acceptance_due`], [`Case::reply_due`], [`Case::rating_until`]…)
//! with the office's [`ClockRules`] and [`Calendar`]; nothing here counts
//! days itself.
//!
//! ## Definitions
//!
//! Below, *P* is the period, *T* the as-of day and *E* = min(last day of *P*, *T*).
//!
//! **The judgement day of a duty.** A duty (decide acceptance, reply…) is
//! judged once: if it was discharged on or before its deadline it is *on
//! time*, judged on the day it was discharged; otherwise it is *late*,
//! judged on its deadline day, and only once that day is before *T* (until
//! then it may still be met). A duty counts in the period containing its
//! judgement day, so each duty counts in exactly one period and the
//! figures of three months add up to those of their quarter.
//!
//! | indicator | numerator / denominator |
//! |---|---|
//! | 及时受理率 | acceptance decisions (受理, or 不予受理/不再受理 by the receiving body) on time / acceptance decisions judged in *P*; the deadline is [`Case::acceptance_due`] (15 days from the unit's receipt: its 签收 or the sending day; for 直办 from the office's receipt, art. 23) |
//! | 按期办结率 | first replies (the first handling round's 处理意见书) on time / first replies judged in *P*; the deadline is [`Case::reply_due`] of the first round, with an approved extension (if approved by *T*) and the 交办 deadline when earlier. Every case with a deadline counts, first petition or repeat; a suggestion or accusation (arts. 29, 30: no art. 34 period) only when a 交办 or redo deadline binds it, a matter directed into a statutory procedure (art. 31) not at all (its direction at acceptance counts as the acceptance decision). |
//! | 参评率 | ratings given in *P* / (ratings given in *P* + rating windows that closed unused in *P*, i.e. [`Case::rating_until`] in *P* and before *T*) |
//! | 群众满意率 | (满意 + 基本满意) given in *P* / ratings given in *P* |
//! | 交办件群众满意率 | the same, for cases routed as 交办 |
//! | 重访率 | repeat visits (来访 with `repeat_of`) received in *P* / visits received in *P*, all levels |
//! | 越级重访率 | the same among escalated visits (去市/到省/进京) [reading of seed 004 unverified] |
//! | 重信率 | repeat letters received in *P* / letters received in *P* |
//! | 绿色邮政比率 | green-post letters received in *P* / letters received in *P* |
//! | 积案办结率 | backlog cases concluded in *P* (by *E*) / backlog cases of *P* |
//! | 结服率 | of those concluded, the ones with 息诉罢访 recorded by *E* / backlog cases concluded in *P* |
//! | “三无”乡镇比率 | townships with no escalated visit received in *P* and no backlog case arising there still open on *E* / townships (the active ones for the whole office; the township itself for a township scope or a township's unit scope) |
//! | 初信初访一次性化解率 | first petitions whose first reply was given in *P*, that no later case (received by *T*) repeats, for which no 复查 was requested (by *T*) and that were rated 满意/基本满意 (by *T*) / first petitions whose first reply was given in *P* \[unverified\] |
//!
//! **Cases from old ledgers** ([`crate::provenance`]) are judged only on
//! the dates their ledger states: a duty it does not date
//! ([`Case::duty_unknown`]) and every duty of a case it states concluded
//! without them ([`Stage::Archived`]) is left out of the rates above,
//! never overdue and never a backlog case, and counted in
//! [`Indicator::unjudged`] so each rate says what it could not see.
//!
//! **Backlog case (信访积案), provisional: derived from the cases' own
//! deadlines, not from a backlog ledger (台账).** A case becomes a backlog case on the day after it is more than
//! [`Targets::backlog_after_days`] (default 30) days late with any duty
//! (routing, acceptance, any reply, any review decision; the days counted
//! as the office's clock counts them), and stays one. It is a backlog case
//! *of P* when it became one by *E* and was not concluded before *P*
//! began. A case is concluded ([`Stage::is_concluded`]) on the date of its
//! latest concluding act (refusal, reply or review decision), if by *T*.
//! The “三无” condition 无非正常上访 is not recorded and is not checked.
//!
//! **Counts** are by the date of what is counted: cases, persons (人次),
//! channels, visits, collective visits (5 or more people: batches 批次 =
//! cases, persons 人次 = head counts), escalated visits, first/repeat,
//! purposes and categories by the receipt date; reminders and supervision
//! notices by their date; documents by their date: 受理告知书 (acceptance),
//! 不予受理告知书 and 不再受理告知书 (the refusal, before or after routing),
//! 延期告知书 (the extension's approval), 处理意见书 (every reply,
//! including redone ones), 复查意见书 and 复核意见书 (the decisions). Each
//! is paired with the same period last year, up to the same day
//! ([`Tally`]).
//!
//! **Scope.** [`Scope::All`] is every case of the office; [`Scope::Unit`] the
//! cases a unit leads (主办: the routing's lead, which is also the handling
//! body); co-handling units (协办) are not credited. [`Scope::Township`]
//! the cases arising in a township (属地: the intake's township), whoever
//! handles them. A scope selects cases: a supervision notice or document
//! counts with its case.
//!
//! **Ranking** ([`Ranking`], 一月一通报): every township and county
//! department gets the figures of its [`Scope::Unit`] report and a score:
//! [`RankingRules::base`] (100) less, for 按期办结率, 群众满意率 and
//! 及时受理率, the rate's weight (40, 30, 10) times its shortfall from 100%
//! (nothing when nothing was judged), less a fixed amount per case late with
//! acceptance or reply on *E* (2), per 督办 notice (1) and per 催办 reminder
//! (0.5) in *P*. Every deduction carries its reason in Chinese. Higher
//! scores rank first; ties go to fewer overdue cases, then fewer notices,
//! then the unit created first. Units with nothing in *P* are listed last,
//! unranked, as `本期无信访事项`.
//!
//! ## Example
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::case::{ReplyItem, ReplyOutcome, Routing};
//! use xinfang_core::metrics::{Period, Report, Scope};
//! use xinfang_core::goals::IndicatorKind;
//! use xinfang_core::{Action, Channel, Command, Disposal, Intake, Office, Petitioner, Purpose, Settings};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//! let at = |d: NaiveDate| d.and_hms_opt(9, 0, 0).unwrap();
//! let mut office = Office::new(Settings::sample_county());
//! let s = office.settings();
//! let intake = Intake {
//!     received_on: day(3, 3),
//!     channel: Channel::Letter { green_post: true },
//!     petitioners: vec![Petitioner::named("刘某某")],
//!     head_count: 1,
//!     category: s.categories.find("拖欠工资").unwrap().id(),
//!     purpose: Purpose::Request,
//!     township: s.org.find_unit("河口乡").map(|u| u.id()),
//!     village: String::new(),
//!     summary: "反映某建筑公司拖欠工资".into(),
//!     content: String::new(),
//!     escalation: None,
//!     accused_unit: None,
//!     repeat_of: None,
//! };
//! let lead = s.org.find_unit("县人社局").unwrap().id();
//! let case = office.execute(Command::Register { intake }, at(day(3, 3))).unwrap().case().unwrap();
//! let routing = Routing {
//!     on: day(3, 3),
//!     disposal: Disposal::Transfer,
//!     lead,
//!     co_units: vec![],
//!     assignment: None,
//!     explanation: String::new(),
//! };
//! let mut act = |on, action| office.execute(Command::Act { case, action }, at(on)).unwrap();
//! act(day(3, 3), Action::Route { routing });
//! act(day(3, 5), Action::Accept { on: day(3, 5) });
//! // 60 days from 5 March end in the Labour Day holiday: the reply is due
//! // on Tuesday 6 May. It came a day late.
//! let items = vec![ReplyItem {
//!     claim: "结清工资".into(),
//!     outcome: ReplyOutcome::Support,
//!     basis: "《保障农民工工资支付条例》".into(),
//! }];
//! act(day(5, 7), Action::Reply { on: day(5, 7), items, report: None });
//!
//! let q2 = Report::compute(&office, Period::quarter(2025, 2).unwrap(), Scope::All, day(7, 1));
//! let on_time = q2.indicator(IndicatorKind::OnTimeReply);
//! assert_eq!((on_time.numerator, on_time.denominator), (0, 1));
//! assert_eq!(on_time.to_string(), "按期办结率 0%（0/1，目标100%，未达标）");
//! // The case was received and accepted in the first quarter.
//! let q1 = Report::compute(&office, Period::quarter(2025, 1).unwrap(), Scope::All, day(7, 1));
//! assert_eq!(q1.counts.cases.current, 1);
//! assert_eq!(q1.indicator(IndicatorKind::TimelyAcceptance).to_string(),
//!            "及时受理率 100%（1/1，目标100%，达标）");
//! ```
//!
//! [`Stage::is_concluded`]: crate::case::Stage::is_concluded

use crate::calendar::Calendar;
use crate::case::{
    Case, DeclineKind, HandlingCause, Intake, Proceeding, ReviewLevel, Stage, SupervisionKind,
};
use crate::category::CategoryTree;
use crate::clock::{ClockRules, DueAction};
use crate::error::InputError;
use crate::goals::{
    div_round, percent_text, BasisPoints, Goal, IndicatorKind, Points, RankingRules, Targets,
};
use crate::ids::{CaseId, CategoryId, UnitId};
use crate::office::Office;
use crate::org::{Organisation, UnitKind};
use crate::petition::{Channel, Escalation, Purpose};
use crate::routing::Disposal;
use crate::settings::Settings;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use thiserror::Error;

// ---------------------------------------------------------------------------
// Periods and scopes

/// What kind of period a [`Period`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
    /// Any range of days, both ends included.
    Range,
}

/// Why a period could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// A year, month or quarter out of range.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The range ends before it starts.
    #[error("起始日期{}晚于结束日期{}", cn_date(*.from), cn_date(*.to))]
    Reversed {
        /// The first day given.
        from: NaiveDate,
        /// The last day given.
        to: NaiveDate,
    },
}

/// A reporting period: a month, a quarter, a year or a range of days, both
/// ends included. Stored as e.g. `{"kind":"quarter","year":2025,"quarter":3}`
/// or `{"kind":"range","from":"2025-01-01","to":"2025-03-15"}`.
///
/// ```
/// use chrono::NaiveDate;
/// use xinfang_core::metrics::Period;
/// let q3 = Period::quarter(2025, 3).unwrap();
/// assert_eq!(q3.label(), "2025年第三季度");
/// assert!(q3.contains(NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()));
/// assert!(!q3.contains(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()));
/// assert_eq!(q3.previous_year().unwrap().label(), "2024年第三季度");
/// assert!(Period::month(2025, 13).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodRepr", into = "PeriodRepr")]
pub struct Period {
    kind: PeriodKind,
    first: NaiveDate,
    last: NaiveDate,
}

/// The stored form of a [`Period`].
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PeriodRepr {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year { year: i32 },
    Range { from: NaiveDate, to: NaiveDate },
}

impl TryFrom<PeriodRepr> for Period {
    type Error = PeriodError;
    fn try_from(r: PeriodRepr) -> Result<Self, Self::Error> {
        match r {
            PeriodRepr::Month { year, month } => Period::month(year, month),
            PeriodRepr::Quarter { year, quarter } => Period::quarter(year, quarter),
            PeriodRepr::Year { year } => Period::year(year),
            PeriodRepr::Range { from, to } => Period::range(from, to),
        }
    }
}

impl From<Period> for PeriodRepr {
    fn from(p: Period) -> PeriodRepr {
        let year = p.first.year();
        match p.kind {
            PeriodKind::Month => PeriodRepr::Month { year, month: p.first.month() },
            PeriodKind::Quarter => PeriodRepr::Quarter { year, quarter: p.quarter_number() },
            PeriodKind::Year => PeriodRepr::Year { year },
            PeriodKind::Range => PeriodRepr::Range { from: p.first, to: p.last },
        }
    }
}

/// The last day of a month of a representable year.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 12 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt()
    }
}

/// The same day one year earlier; 29 February becomes 28 February.
fn year_before(date: NaiveDate) -> Option<NaiveDate> {
    let y = date.year().checked_sub(1)?;
    NaiveDate::from_ymd_opt(y, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, date.month(), 28))
}

/// `2025年3月15日`.
fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

impl Period {
    fn months(kind: PeriodKind, year: i32, first: u32, last: u32) -> Result<Period, PeriodError> {
        let bad_year = || InputError::OutOfRange {
            field: "年份",
            value: year.into(),
            min: NaiveDate::MIN.year().into(),
            max: NaiveDate::MAX.year().into(),
        };
        let start = NaiveDate::from_ymd_opt(year, first, 1).ok_or_else(bad_year)?;
        let end = month_end(year, last).ok_or_else(bad_year)?;
        Ok(Period { kind, first: start, last: end })
    }

    /// A calendar month (`month` 1 to 12).
    pub fn month(year: i32, month: u32) -> Result<Period, PeriodError> {
        if !(1..=12).contains(&month) {
            return Err(InputError::OutOfRange {
                field: "月份",
                value: month.into(),
                min: 1,
                max: 12,
            }
            .into());
        }
        Period::months(PeriodKind::Month, year, month, month)
    }

    /// A calendar quarter (`quarter` 1 to 4).
    pub fn quarter(year: i32, quarter: u32) -> Result<Period, PeriodError> {
        if !(1..=4).contains(&quarter) {
            return Err(InputError::OutOfRange {
                field: "季度",
                value: quarter.into(),
                min: 1,
                max: 4,
            }
            .into());
        }
        Period::months(PeriodKind::Quarter, year, quarter * 3 - 2, quarter * 3)
    }

    /// A calendar year.
    pub fn year(year: i32) -> Result<Period, PeriodError> {
        Period::months(PeriodKind::Year, year, 1, 12)
    }

    /// The days from `from` to `to`, both included.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed { from, to });
        }
        Ok(Period { kind: PeriodKind::Range, first: from, last: to })
    }

    /// The month containing `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::month(date.year(), date.month()).unwrap_or(Period {
            kind: PeriodKind::Range,
            first: date,
            last: date,
        })
    }

    /// The quarter containing `date`.
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::quarter(date.year(), date.month0() / 3 + 1).unwrap_or(Period {
            kind: PeriodKind::Range,
            first: date,
            last: date,
        })
    }

    /// What kind of period this is.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The first day.
    pub fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last day.
    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// How many days it has.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    fn quarter_number(&self) -> u32 {
        self.first.month0() / 3 + 1
    }

    /// The same period one year earlier (同期): the same month, quarter or
    /// year; a range shifted by a year (29 February becomes 28 February).
    /// `None` only below the first year dates can hold.
    pub fn previous_year(&self) -> Option<Period> {
        let y = self.first.year().checked_sub(1)?;
        match self.kind {
            PeriodKind::Month => Period::month(y, self.first.month()).ok(),
            PeriodKind::Quarter => Period::quarter(y, self.quarter_number()).ok(),
            PeriodKind::Year => Period::year(y).ok(),
            PeriodKind::Range => {
                Period::range(year_before(self.first)?, year_before(self.last)?).ok()
            }
        }
    }

    /// The Chinese name: `2025年9月`, `2025年第三季度`, `2025年`,
    /// `2025年1月1日至2025年3月15日`.
    pub fn label(&self) -> String {
        let y = self.first.year();
        match self.kind {
            PeriodKind::Month => format!("{y}年{}月", self.first.month()),
            PeriodKind::Quarter => {
                let n = ["一", "二", "三", "四"][(self.quarter_number() - 1) as usize];
                format!("{y}年第{n}季度")
            }
            PeriodKind::Year => format!("{y}年"),
            PeriodKind::Range => format!("{}至{}", cn_date(self.first), cn_date(self.last)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Which cases a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "scope", content = "unit", rename_all = "snake_case")]
pub enum Scope {
    /// Every case of the office (the whole county, for a county office).
    All,
    /// The cases a unit leads (主办: the routing's lead unit, which is
    /// also the handling body). Co-handling units are not credited; cases
    /// not yet routed belong to no unit.
    Unit(UnitId),
    /// The cases arising in a township (属地: the intake's township),
    /// whichever unit handles them.
    Township(UnitId),
}

impl Scope {
    /// Whether the case falls in the scope.
    pub fn includes(self, case: &Case) -> bool {
        match self {
            Scope::All => true,
            Scope::Unit(u) => case.routing().is_some_and(|r| r.lead == u),
            Scope::Township(t) => case.intake().township == Some(t),
        }
    }

    /// The Chinese name: the organisation's name (`安和县`), the unit's
    /// (`县林业局`), or the township's with `（属地）`.
    pub fn label(self, org: &Organisation) -> String {
        match self {
            Scope::All => org.name().to_string(),
            Scope::Unit(u) => org.unit_name(u),
            Scope::Township(t) => format!("{}（属地）", org.unit_name(t)),
        }
    }
}

/// One indicator computed for a period and scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Which indicator.
    pub kind: IndicatorKind,
    /// The numerator.
    pub numerator: u64,
    /// The denominator.
    pub denominator: u64,
    /// `numerator / denominator` rounded to a basis point; `None` when the
    /// denominator is 0.
    pub value: Option<BasisPoints>,
    /// The goal, if any.
    pub target: Option<Goal>,
    /// Whether the goal is met (compared exactly); `None` without a goal or
    /// a value.
    pub met: Option<bool>,
    /// What the period's cases from old ledgers could not have judged for
    /// want of a date (imported cases, [`Case::duty_unknown`],
    /// [`Stage::Archived`]), left out of the figure and counted here: the
    /// acceptances and first replies for 及时受理率 and 按期办结率; the
    /// ratings a ledger states without a reply (参评率, 群众满意率) and the
    /// first petitions it states concluded (初信初访一次性化解率), in the
    /// period of the conclusion's day (or the receipt's, when undated).
    pub unjudged: u64,
}

impl Indicator {
    /// An indicator from its counts and goal.
    pub fn new(
        kind: IndicatorKind,
        numerator: u64,
        denominator: u64,
        target: Option<Goal>,
    ) -> Indicator {
        Indicator {
            kind,
            numerator,
            denominator,
            value: BasisPoints::ratio(numerator, denominator),
            target,
            met: target.and_then(|t| t.is_met(numerator, denominator)),
            unjudged: 0,
        }
    }

    /// The indicator with `n` duties left out as not judged.
    pub fn with_unjudged(self, n: u64) -> Indicator {
        Indicator { unjudged: n, ..self }
    }

    /// The value as text: `62.5%`, or `—` without a denominator.
    pub fn value_text(&self) -> String {
        self.value.map_or_else(|| "—".to_string(), |v| v.to_string())
    }
}

impl fmt::Display for Indicator {
    /// `按期办结率 80%（4/5，目标100%，未达标）`, `参评率 —（0/0）`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}（{}/{}", self.kind, self.value_text(), self.numerator, self.denominator)?;
        if let Some(t) = self.target {
            write!(f, "，目标{t}")?;
            match self.met {
                Some(true) => f.write_str("，达标")?,
                Some(false) => f.write_str("，未达标")?,
                None => {}
            }
        }
        if self.unjudged > 0 {
            write!(f, "，另有{}件台账未载日期、未计入", self.unjudged)?;
        }
        f.write_str("）")
    }
}

// ---------------------------------------------------------------------------
// Counts

/// A count in the period and in the same period last year (up to the same
/// day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// In the period.
    pub current: u64,
    /// In the same period last year.
    pub last_year: u64,
}

impl Tally {
    /// The change against last year.
    pub fn change(self) -> i64 {
        self.current as i64 - self.last_year as i64
    }

    /// The change as a share of last year's figure, in basis points
    /// (rounded half away from zero; may exceed 100%); `None` when last
    /// year's figure is 0.
    pub fn change_pct(self) -> Option<i64> {
        if self.last_year == 0 {
            return None;
        }
        Some(div_round(i128::from(self.change()) * 10_000, i128::from(self.last_year)) as i64)
    }

    /// `同比上升25%`, `同比下降10%`, `与去年同期持平`, or `去年同期为0`.
    pub fn change_label(self) -> String {
        match self.change_pct() {
            None if self.current == 0 => "与去年同期持平".into(),
            None => "去年同期为0".into(),
            Some(0) if self.change() == 0 => "与去年同期持平".into(),
            Some(p) if self.change() > 0 => format!("同比上升{}", percent_text(p)),
            Some(p) => format!("同比下降{}", percent_text(-p)),
        }
    }

    fn of(current: u64, last_year: u64) -> Tally {
        Tally { current, last_year }
    }

    fn sum(tallies: impl IntoIterator<Item = Tally>) -> Tally {
        tallies.into_iter().fold(Tally::default(), |a, b| {
            Tally::of(a.current + b.current, a.last_year + b.last_year)
        })
    }
}

/// A written document issued (告知书, 意见书).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// 受理告知书.
    AcceptanceNotice,
    /// 不予受理告知书 (also the office's 告知 before routing).
    RefusalNotice,
    /// 不再受理告知书.
    NoLongerAcceptedNotice,
    /// 延长办理期限告知书.
    ExtensionNotice,
    /// 处理意见书 (every reply, redone ones included).
    Reply,
    /// 复查意见书.
    ReviewDecision,
    /// 复核意见书.
    ReReviewDecision,
}

impl Document {
    /// Every document, in display order.
    pub const ALL: [Document; 7] = [
        Document::AcceptanceNotice,
        Document::RefusalNotice,
        Document::NoLongerAcceptedNotice,
        Document::ExtensionNotice,
        Document::Reply,
        Document::ReviewDecision,
        Document::ReReviewDecision,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Document::AcceptanceNotice => "受理告知书",
            Document::RefusalNotice => "不予受理告知书",
            Document::NoLongerAcceptedNotice => "不再受理告知书",
            Document::ExtensionNotice => "延期告知书",
            Document::Reply => "处理意见书",
            Document::ReviewDecision => "复查意见书",
            Document::ReReviewDecision => "复核意见书",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Escalated visits of one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EscalatedCount {
    /// 去市 / 到省 / 进京.
    pub level: Escalation,
    /// Visits (批次).
    pub batches: Tally,
    /// People (人次).
    pub persons: Tally,
}

/// The counts of a period, each with the same period last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Cases received (信访总量, 件).
    pub cases: Tally,
    /// People (人次): the sum of head counts.
    pub persons: Tally,
    /// By channel, in [`Channel::ALL`] order (letters as one line).
    pub by_channel: Vec<(Channel, Tally)>,
    /// Letters (来信).
    pub letters: Tally,
    /// Letters by 绿色邮政.
    pub green_post_letters: Tally,
    /// Visits (来访批次).
    pub visits: Tally,
    /// People who came on visits (来访人次).
    pub visit_persons: Tally,
    /// Collective visits, 5 or more people (集体访批次).
    pub collective_batches: Tally,
    /// People on collective visits (集体访人次).
    pub collective_persons: Tally,
    /// Escalated visits by level (去市, 到省, 进京).
    pub escalated: Vec<EscalatedCount>,
    /// First petitions (初信初访).
    pub first: Tally,
    /// Repeats (重信重访).
    pub repeat: Tally,
    /// By purpose, in [`Purpose::ALL`] order.
    pub by_purpose: Vec<(Purpose, Tally)>,
    /// Reminders and supervision notices by kind, in [`SupervisionKind::ALL`] order.
    pub supervision: Vec<(SupervisionKind, Tally)>,
    /// Documents issued, in [`Document::ALL`] order.
    pub documents: Vec<(Document, Tally)>,
}

impl Counts {
    /// The count of one channel (letters whatever their postage).
    pub fn channel(&self, channel: Channel) -> Tally {
        let i = channel_index(channel);
        lookup(&self.by_channel, |c| channel_index(*c) == i)
    }

    /// The count of one purpose.
    pub fn purpose(&self, purpose: Purpose) -> Tally {
        lookup(&self.by_purpose, |p| *p == purpose)
    }

    /// The count of one kind of reminder or notice.
    pub fn supervision_of(&self, kind: SupervisionKind) -> Tally {
        lookup(&self.supervision, |k| *k == kind)
    }

    /// 督办 notices of every kind (reminders excluded).
    pub fn notices(&self) -> Tally {
        Tally::sum(self.supervision.iter().filter(|(k, _)| k.is_notice()).map(|(_, t)| *t))
    }

    /// The count of one document.
    pub fn document(&self, document: Document) -> Tally {
        lookup(&self.documents, |d| *d == document)
    }

    /// All escalated visits (越级访批次).
    pub fn escalated_batches(&self) -> Tally {
        Tally::sum(self.escalated.iter().map(|e| e.batches))
    }
}

/// The tally of the line whose key matches (0 if none).
fn lookup<K>(lines: &[(K, Tally)], mut matches: impl FnMut(&K) -> bool) -> Tally {
    lines.iter().find(|(k, _)| matches(k)).map_or(Tally::default(), |(_, t)| *t)
}

/// The level at which category shares are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryLevel {
    /// First-level categories (城乡建设, 农村农业…).
    First,
    /// Second-level categories (土地承包, 企业改制…); a case filed under a
    /// first-level category only stays under it.
    Second,
}

/// One line of the category shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    /// The category; `None` for the line of the remaining categories.
    pub category: Option<CategoryId>,
    /// Its name (`土地承包`), or `其余各类`.
    pub name: String,
    /// Cases received.
    pub count: u64,
    /// Its share of all cases received. The shares of all lines sum to
    /// exactly 100% (largest remainder rounding).
    pub share: BasisPoints,
}

// ---------------------------------------------------------------------------
// The report

/// Indicators, counts and overdue cases of a period and scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// The scope.
    pub scope: Scope,
    /// The as-of day: anything dated after it is ignored.
    pub as_of: NaiveDate,
    /// Every indicator, in [`IndicatorKind::ALL`] order.
    pub indicators: Vec<Indicator>,
    /// The counts with the same period last year.
    pub counts: Counts,
    /// Cases late with a duty at the end of the period (or on the as-of
    /// day if earlier), by what they owe; a duty due on that day is not yet late.
    pub overdue: Vec<(DueAction, u64)>,
    /// Cases received in the period per content category (as filed), in id order.
    pub categories: Vec<(CategoryId, u64)>,
}

impl Report {
    /// The report of an office's cases.
    pub fn compute(office: &Office, period: Period, scope: Scope, as_of: NaiveDate) -> Report {
        Report::from_cases(office.cases(), office.settings(), period, scope, as_of)
    }

    /// The report of any cases with the settings they were recorded under.
    /// `cases` should be every case of the office (a repeat may be filed in
    /// another scope than the case it repeats); the scope selects among
    /// them. One pass over the cases, nothing quadratic.
    pub fn from_cases<'a>(
        cases: impl IntoIterator<Item = &'a Case>,
        settings: &Settings,
        period: Period,
        scope: Scope,
        as_of: NaiveDate,
    ) -> Report {
        let cx = Ctx::new(settings, period, as_of);
        let townships = three_no_townships(scope, &settings.org);
        let mut acc = Acc::default();
        let mut categories: BTreeMap<CategoryId, u64> = BTreeMap::new();
        let mut failing: BTreeSet<UnitId> = BTreeSet::new();
        let mut repeated: Vec<CaseId> = Vec::new();
        for case in cases {
            let intake = case.intake();
            if let Some(earlier) = intake.repeat_of {
                if intake.received_on <= as_of {
                    repeated.push(earlier);
                }
            }
            let in_scope = scope.includes(case);
            let town = intake.township.filter(|t| townships.binary_search(t).is_ok());
            if !in_scope && town.is_none() {
                continue;
            }
            let f = observe(case, &cx);
            if let Some(t) = town {
                let open_backlog = matches!(f.backlog, Some((false, _)));
                if (f.received[0] && intake.escalation.is_some()) || open_backlog {
                    failing.insert(t);
                }
            }
            if in_scope {
                acc.add(case, &f);
                if f.received[0] {
                    *categories.entry(intake.category).or_default() += 1;
                }
            }
        }
        repeated.sort_unstable();
        repeated.dedup();
        let three_no = Frac {
            num: townships.iter().filter(|t| !failing.contains(t)).count() as u64,
            den: townships.len() as u64,
        };
        Report {
            period,
            scope,
            as_of,
            indicators: acc.indicators(&settings.targets, three_no, &repeated),
            counts: acc.counts(),
            overdue: DUE_ACTIONS.iter().zip(acc.overdue).map(|(a, n)| (*a, n)).collect(),
            categories: categories.into_iter().collect(),
        }
    }

    /// One indicator.
    ///
    /// # Panics
    ///
    /// If it was removed from [`Report::indicators`] (they are all computed).
    pub fn indicator(&self, kind: IndicatorKind) -> &Indicator {
        // Built in `IndicatorKind::ALL` order, which is declaration order.
        match self.indicators.get(kind as usize).filter(|i| i.kind == kind) {
            Some(i) => i,
            None => &self.indicators[self.indicators.iter().position(|i| i.kind == kind).unwrap()],
        }
    }

    /// The indicators with a goal that is not met.
    pub fn missed(&self) -> impl Iterator<Item = &Indicator> + '_ {
        self.indicators.iter().filter(|i| i.met == Some(false))
    }

    /// All cases late with a duty at the end of the period.
    pub fn overdue_total(&self) -> u64 {
        self.overdue.iter().map(|(_, n)| n).sum()
    }

    /// The category shares of the cases received: the `top` largest groups
    /// at `level`, largest first (ties in category order), then one line
    /// `其余各类` for the rest if any. The shares sum to exactly 100%;
    /// empty when no case was received.
    pub fn category_shares(
        &self,
        tree: &CategoryTree,
        level: CategoryLevel,
        top: usize,
    ) -> Vec<Share> {
        let mut groups: BTreeMap<CategoryId, u64> = BTreeMap::new();
        for &(id, n) in &self.categories {
            let chain: Vec<CategoryId> = tree.ancestors(id).map(|c| c.id()).collect();
            let group = match (level, chain.len()) {
                (_, 0) => id,
                (CategoryLevel::First, len) => chain[len - 1],
                (CategoryLevel::Second, 1) => chain[0],
                (CategoryLevel::Second, len) => chain[len - 2],
            };
            *groups.entry(group).or_default() += n;
        }
        let mut rows: Vec<(CategoryId, u64)> = groups.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let total: u64 = rows.iter().map(|r| r.1).sum();
        if total == 0 {
            return Vec::new();
        }
        let shares = largest_remainder(rows.iter().map(|r| r.1), total);
        let name = |id: CategoryId| {
            tree.get(id).map_or_else(|| format!("未知分类{id}"), |c| c.name().to_string())
        };
        let mut out: Vec<Share> = rows
            .iter()
            .zip(&shares)
            .take(top)
            .map(|(&(id, count), &share)| Share {
                category: Some(id),
                name: name(id),
                count,
                share: BasisPoints(share),
            })
            .collect();
        if rows.len() > top {
            out.push(Share {
                category: None,
                name: "其余各类".into(),
                count: rows[top..].iter().map(|r| r.1).sum(),
                share: BasisPoints(shares[top..].iter().sum()),
            });
        }
        out
    }
}

/// Shares of `counts` in basis points summing to exactly 10 000 (largest
/// remainder, ties to the earlier item); all zero when they add up to 0.
/// The rounding every share in a report uses, for charts and tables that
/// show their own splits.
///
/// ```
/// use xinfang_core::metrics::shares_bp;
/// assert_eq!(shares_bp(&[1, 1, 1]), vec![3334, 3333, 3333]);
/// assert_eq!(shares_bp(&[0, 0]), vec![0, 0]);
/// ```
pub fn shares_bp(counts: &[u64]) -> Vec<u32> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    largest_remainder(counts.iter().copied(), total)
}

/// Shares of `total` in basis points, summing to exactly 10 000: each
/// rounded down, the rest handed out one by one to the largest remainders
/// (ties to the earlier item).
fn largest_remainder(counts: impl Iterator<Item = u64>, total: u64) -> Vec<u32> {
    let total = u128::from(total);
    let mut parts: Vec<(u32, u128)> = counts
        .map(|n| {
            let scaled = u128::from(n) * 10_000;
            ((scaled / total) as u32, scaled % total)
        })
        .collect();
    let given: u32 = parts.iter().map(|p| p.0).sum();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].1.cmp(&parts[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(10_000u32.saturating_sub(given) as usize) {
        parts[i].0 += 1;
    }
    parts.into_iter().map(|p| p.0).collect()
}

/// The townships the “三无” ratio is about for a scope, sorted by id.
fn three_no_townships(scope: Scope, org: &Organisation) -> Vec<UnitId> {
    let is_township = |u: UnitId| org.unit(u).is_some_and(|u| u.kind() == UnitKind::Township);
    let mut out: Vec<UnitId> = match scope {
        Scope::All => org.townships().map(|u| u.id()).collect(),
        Scope::Unit(u) | Scope::Township(u) if is_township(u) => vec![u],
        _ => Vec::new(),
    };
    out.sort_unstable();
    out
}

// ---------------------------------------------------------------------------
// The ranking

/// What a ranking score is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreItem {
    /// 按期办结率.
    OnTimeReply,
    /// 群众满意率.
    Satisfaction,
    /// 及时受理率.
    TimelyAcceptance,
    /// Overdue cases.
    Overdue,
    /// 督办 notices.
    Notices,
    /// 催办 reminders.
    Reminders,
}

/// Points lost on one item, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deduction {
    /// The item.
    pub item: ScoreItem,
    /// Points lost (positive).
    pub points: Points,
    /// E.g. `按期办结率50%（1/2），未达到目标100%，扣20分`.
    pub reason: String,
}

/// One unit's line in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankingEntry {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Township or department.
    pub kind: UnitKind,
    /// Its place, from 1; `None` for a unit with no case in the period.
    pub rank: Option<u32>,
    /// Its score; `None` for a unit with no case in the period.
    pub score: Option<Points>,
    /// Cases it leads received in the period.
    pub received: u64,
    /// Its 按期办结率.
    pub on_time_reply: Indicator,
    /// Its 群众满意率.
    pub satisfaction: Indicator,
    /// Its 及时受理率.
    pub timely_acceptance: Indicator,
    /// Its cases late with acceptance or reply at the end of the period.
    pub overdue: u64,
    /// 督办 notices on its cases in the period.
    pub notices: u64,
    /// 催办 reminders on its cases in the period.
    pub reminders: u64,
    /// Points lost, largest first.
    pub deductions: Vec<Deduction>,
    /// Why the score is what it is, in Chinese: the deductions' reasons,
    /// `无扣分项`, or `本期无信访事项`.
    pub reasons: Vec<String>,
}

/// The ranking of every township and county department for a period (一月一通报).
///
/// Units are ordered by score, highest first; ties go to the unit with
/// fewer overdue cases, then fewer 督办 notices, then the one created
/// first. Units with no case in the period (none received, none judged,
/// none overdue, no notice) follow, unranked, in creation order. Active
/// units are all listed; inactive ones only when they had cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    /// The period.
    pub period: Period,
    /// The as-of day.
    pub as_of: NaiveDate,
    /// The lines, in ranking order.
    pub entries: Vec<RankingEntry>,
}

impl Ranking {
    /// The ranking of an office's units, with the office's [`RankingRules`].
    pub fn compute(office: &Office, period: Period, as_of: NaiveDate) -> Ranking {
        Ranking::from_cases(office.cases(), office.settings(), period, as_of)
    }

    /// The ranking over any cases with their settings, in one pass.
    pub fn from_cases<'a>(
        cases: impl IntoIterator<Item = &'a Case>,
        settings: &Settings,
        period: Period,
        as_of: NaiveDate,
    ) -> Ranking {
        let cx = Ctx::new(settings, period, as_of);
        let mut accs: BTreeMap<UnitId, Acc> = BTreeMap::new();
        for case in cases {
            let Some(lead) = case.routing().map(|r| r.lead) else { continue };
            let f = observe(case, &cx);
            accs.entry(lead).or_default().add(case, &f);
        }
        let org = &settings.org;
        let rules = &settings.targets.ranking;
        let targets = &settings.targets;
        let none: [CaseId; 0] = [];
        let mut ranked = Vec::new();
        let mut idle = Vec::new();
        for unit in org.units() {
            if !matches!(unit.kind(), UnitKind::Township | UnitKind::Department) {
                continue;
            }
            let empty = Acc::default();
            let acc = accs.get(&unit.id()).unwrap_or(&empty);
            let active = !acc.is_idle();
            if !unit.is_active() && !active {
                continue;
            }
            let ind = acc.indicators(targets, Frac::default(), &none);
            let pick = |k: IndicatorKind| ind[k as usize];
            let c = &acc.counts[0];
            let notices: u64 = SupervisionKind::ALL
                .iter()
                .filter(|k| k.is_notice())
                .map(|k| c.supervision[supervision_index(*k)])
                .sum();
            let reminders = c.supervision[supervision_index(SupervisionKind::Reminder)];
            let overdue = acc.overdue[due_index(DueAction::DecideAcceptance)]
                + acc.overdue[due_index(DueAction::Reply)];
            let mut entry = RankingEntry {
                unit: unit.id(),
                name: unit.name().to_string(),
                kind: unit.kind(),
                rank: None,
                score: None,
                received: c.cases,
                on_time_reply: pick(IndicatorKind::OnTimeReply),
                satisfaction: pick(IndicatorKind::Satisfaction),
                timely_acceptance: pick(IndicatorKind::TimelyAcceptance),
                overdue,
                notices,
                reminders,
                deductions: Vec::new(),
                reasons: vec!["本期无信访事项".into()],
            };
            if active {
                let deductions = deductions(&entry, rules, cx.end);
                let lost: i64 = deductions.iter().map(|d| d.points.0).sum();
                entry.score = Some(Points(rules.base.0 - lost));
                entry.reasons = if deductions.is_empty() {
                    vec!["无扣分项".into()]
                } else {
                    deductions.iter().map(|d| d.reason.clone()).collect()
                };
                entry.deductions = deductions;
                ranked.push(entry);
            } else {
                idle.push(entry);
            }
        }
        // Stable sort: equal keys keep creation order.
        ranked.sort_by(|a, b| {
            b.score.cmp(&a.score).then(a.overdue.cmp(&b.overdue)).then(a.notices.cmp(&b.notices))
        });
        for (i, e) in ranked.iter_mut().enumerate() {
            e.rank = Some(i as u32 + 1);
        }
        ranked.extend(idle);
        Ranking { period, as_of, entries: ranked }
    }

    /// The entry of a unit.
    pub fn entry(&self, unit: UnitId) -> Option<&RankingEntry> {
        self.entries.iter().find(|e| e.unit == unit)
    }
}

/// The points a unit loses, largest first (ties in item order).
fn deductions(e: &RankingEntry, rules: &RankingRules, end: NaiveDate) -> Vec<Deduction> {
    let mut out = Vec::new();
    let rates = [
        (ScoreItem::OnTimeReply, &e.on_time_reply, rules.on_time_reply),
        (ScoreItem::Satisfaction, &e.satisfaction, rules.satisfaction),
        (ScoreItem::TimelyAcceptance, &e.timely_acceptance, rules.timely_acceptance),
    ];
    for (item, ind, weight) in rates {
        if ind.denominator == 0 {
            continue;
        }
        let short = i128::from(ind.denominator - ind.numerator.min(ind.denominator));
        let points = div_round(i128::from(weight.0) * short, i128::from(ind.denominator)) as i64;
        if points <= 0 {
            continue;
        }
        let missed = match (ind.met, ind.target) {
            (Some(false), Some(t)) => format!("，未达到目标{t}"),
            _ => String::new(),
        };
        out.push(Deduction {
            item,
            points: Points(points),
            reason: format!(
                "{}{}（{}/{}）{missed}，扣{}分",
                ind.kind,
                ind.value_text(),
                ind.numerator,
                ind.denominator,
                Points(points)
            ),
        });
    }
    let counted = [
        (ScoreItem::Overdue, e.overdue, rules.per_overdue),
        (ScoreItem::Notices, e.notices, rules.per_notice),
        (ScoreItem::Reminders, e.reminders, rules.per_reminder),
    ];
    for (item, n, per) in counted {
        let points = (n as i64).saturating_mul(per.0);
        if points <= 0 {
            continue;
        }
        let what = match item {
            ScoreItem::Overdue => format!("截至{}月{}日有{n}件超期未办", end.month(), end.day()),
            ScoreItem::Notices => format!("本期被督办{n}次"),
            _ => format!("本期被催办{n}次"),
        };
        out.push(Deduction {
            item,
            points: Points(points),
            reason: format!("{what}，扣{}分", Points(points)),
        });
    }
    out.sort_by_key(|d| std::cmp::Reverse(d.points));
    out
}

// ---------------------------------------------------------------------------
// The single pass

const DUE_ACTIONS: [DueAction; 5] = [
    DueAction::Route,
    DueAction::DecideAcceptance,
    DueAction::Reply,
    DueAction::DecideReview,
    DueAction::DecideReReview,
];

fn due_index(a: DueAction) -> usize {
    match a {
        DueAction::Route => 0,
        DueAction::DecideAcceptance => 1,
        DueAction::Reply => 2,
        DueAction::DecideReview => 3,
        DueAction::DecideReReview => 4,
    }
}

fn channel_index(c: Channel) -> usize {
    match c {
        Channel::Letter { .. } => 0,
        Channel::Visit => 1,
        Channel::Phone => 2,
        Channel::Online => 3,
        Channel::LeaderMailbox => 4,
        Channel::Email => 5,
        Channel::Fax => 6,
        Channel::FromAbove => 7,
        Channel::Hotline12345 => 8,
    }
}

fn purpose_index(p: Purpose) -> usize {
    match p {
        Purpose::Request => 0,
        Purpose::Appeal => 1,
        Purpose::Accusation => 2,
        Purpose::Suggestion => 3,
        Purpose::Enquiry => 4,
    }
}

fn supervision_index(k: SupervisionKind) -> usize {
    match k {
        SupervisionKind::Reminder => 0,
        SupervisionKind::Written => 1,
        SupervisionKind::Phone => 2,
        SupervisionKind::Interview => 3,
        SupervisionKind::OnSite => 4,
    }
}

const ESCALATIONS: [Escalation; 3] = [Escalation::City, Escalation::Province, Escalation::Capital];

fn escalation_index(e: Escalation) -> usize {
    match e {
        Escalation::City => 0,
        Escalation::Province => 1,
        Escalation::Capital => 2,
    }
}

/// What a pass needs to know.
struct Ctx<'a> {
    rules: &'a ClockRules,
    cal: &'a Calendar,
    period: Period,
    as_of: NaiveDate,
    /// min(last day of the period, as_of).
    end: NaiveDate,
    /// Last year's period and as-of day.
    last: Option<(Period, NaiveDate)>,
    backlog_days: u32,
}

impl<'a> Ctx<'a> {
    fn new(settings: &'a Settings, period: Period, as_of: NaiveDate) -> Ctx<'a> {
        Ctx {
            rules: &settings.clock,
            cal: &settings.calendar,
            period,
            as_of,
            end: period.last().min(as_of),
            last: period.previous_year().zip(year_before(as_of)),
            backlog_days: settings.targets.backlog_after_days,
        }
    }

    /// In the period, and not after the as-of day.
    fn now(&self, d: NaiveDate) -> bool {
        d <= self.as_of && self.period.contains(d)
    }

    /// In last year's period, and not after last year's as-of day.
    fn then(&self, d: NaiveDate) -> bool {
        self.last.is_some_and(|(p, t)| d <= t && p.contains(d))
    }

    /// Adds one to `slot` of this year's and/or last year's row.
    fn mark<const N: usize>(&self, rows: &mut [[u32; N]; 2], slot: usize, d: NaiveDate) {
        if self.now(d) {
            rows[0][slot] += 1;
        }
        if self.then(d) {
            rows[1][slot] += 1;
        }
    }
}

/// Something a case owes, as of the as-of day.
struct Duty {
    action: DueAction,
    started: NaiveDate,
    /// The last day allowed; `None` when the duty was done before its
    /// deadline could possibly fall (see [`for_each_duty`]): on time, and
    /// the deadline was not computed.
    due: Option<NaiveDate>,
    /// When it was discharged, if by the as-of day.
    done: Option<NaiveDate>,
    /// The first handling round's reply (what 按期办结率 judges).
    first: bool,
    /// An old ledger does not date it ([`Case::duty_unknown`]): never
    /// judged, overdue or backlog, counted as not judged.
    unknown: bool,
}

/// Every duty a case had by the as-of day, in order: routing, acceptance,
/// each handling round's reply, each review decision. A handling round
/// with no deadline (a suggestion or accusation, 第二十九条、第三十条, or a
/// matter directed into a statutory procedure, 第三十一条: no 第三十四条
/// period, and no 交办 or redo deadline set) owes no duty on a clock and is
/// left out: never judged, overdue or a backlog case. A direction at
/// acceptance is the body's written answer, like a refusal.
///
/// Deadlines come from the case's own functions. As computing them is the
/// costly part of a pass, a deadline is not computed for a duty done within
/// `days` calendar days of its start: a deadline is never earlier than that
/// (a period ending on a day off only moves later, and `days` working days
/// span at least `days` calendar days), so such a duty is on time whatever
/// the calendar says. This does not apply to a reply bound by a 交办 or
/// redo deadline, which may be earlier than the statutory one.
fn for_each_duty(case: &Case, cx: &Ctx<'_>, mut f: impl FnMut(Duty)) {
    let (rules, cal, t) = (cx.rules, cx.cal, cx.as_of);
    let upto = |d: Option<NaiveDate>| d.filter(|d| *d <= t);
    let early = |start: NaiveDate, days: u32, done: Option<NaiveDate>| {
        let floor = start.checked_add_days(Days::new(days.into()));
        done.zip(floor).is_some_and(|(done, floor)| done <= floor)
    };
    let received = case.intake().received_on;
    if received > t {
        return;
    }
    let decline = case.decline();
    let office_decline = decline.filter(|d| d.body.is_none()).map(|d| d.on);
    let done = upto(case.routing().map(|r| r.on).or(office_decline));
    let unknown = case.duty_unknown(DueAction::Route);
    f(Duty {
        action: DueAction::Route,
        started: received,
        due: (!unknown && !early(received, rules.route_days, done))
            .then(|| case.route_due(rules, cal)),
        done,
        first: false,
        unknown,
    });
    if case.stage() == Stage::Archived {
        // Concluded by the ledger's word alone: the acceptance and the
        // reply are not judged, in the period the ledger puts them.
        let closed = case.ledger().and_then(|l| l.closed.as_ref()).and_then(|c| c.on);
        let undated = |action, first| Duty {
            action,
            started: if first { closed.unwrap_or(received) } else { received },
            due: None,
            done: None,
            first,
            unknown: true,
        };
        f(undated(DueAction::DecideAcceptance, false));
        f(undated(DueAction::Reply, true));
        return;
    }
    let Some(routing) = case.routing().filter(|r| r.on <= t) else { return };
    let body_decline = decline.filter(|d| d.body.is_some()).map(|d| d.on);
    let direction = case.direction().map(|d| d.on);
    let directed_at_acceptance = direction.filter(|_| case.proceedings().is_empty());
    let done = upto(case.accepted_on().or(body_decline).or(directed_at_acceptance));
    let unknown = case.duty_unknown(DueAction::DecideAcceptance);
    f(Duty {
        action: DueAction::DecideAcceptance,
        started: routing.on,
        unknown,
        // 直办 counts from the receipt (art. 23②), 签收 from the unit's
        // receipt (art. 23③): the shortcut starts where the period does.
        due: if unknown
            || early(
                case.acceptance_start().map_or(routing.on, |s| s.day()),
                rules.accept_days,
                done,
            ) {
            None
        } else {
            case.acceptance_due(rules, cal)
        },
        done,
        first: false,
    });
    let clock = case.track().has_reply_clock();
    for (i, p) in case.proceedings().iter().enumerate() {
        match p {
            Proceeding::Handling(h) => {
                if h.started_on > t {
                    break;
                }
                // A direction ends the (first and only) round it was given in.
                let done = upto(h.reply.as_ref().map(|r| r.on).or(direction));
                let assigned =
                    matches!(h.cause, HandlingCause::Accepted) && routing.assignment.is_some();
                let statutory = clock && h.redo_by.is_none() && !assigned;
                let due = if statutory && early(h.started_on, rules.reply_days, done) {
                    None
                } else if h.extension.as_ref().is_some_and(|e| e.on > t) {
                    let Some(due) = case.reply_due_unextended(h, rules, cal) else { continue };
                    Some(due)
                } else {
                    let Some(due) = case.reply_due(h, rules, cal) else { continue };
                    Some(due)
                };
                let first = i == 0;
                f(Duty {
                    action: DueAction::Reply,
                    started: h.started_on,
                    due,
                    done,
                    first,
                    unknown: false,
                });
            }
            Proceeding::Review(r) => {
                if r.requested_on > t {
                    break;
                }
                let done = upto(r.decision.as_ref().map(|d| d.on));
                let days = rules.review_days + r.hearing_days;
                f(Duty {
                    action: match r.level {
                        ReviewLevel::Review => DueAction::DecideReview,
                        ReviewLevel::ReReview => DueAction::DecideReReview,
                    },
                    started: r.requested_on,
                    due: (!early(r.requested_on, days, done))
                        .then(|| case.review_due(r, rules, cal)),
                    done,
                    first: false,
                    unknown: false,
                });
            }
        }
    }
}

/// On time (judged on the day it was done) or late (judged on its
/// deadline, once that is past): `Some` when judged in the period.
fn judge(d: &Duty, cx: &Ctx<'_>) -> Option<bool> {
    if d.unknown {
        return None;
    }
    match (d.done, d.due) {
        (Some(done), None) => cx.now(done).then_some(true),
        (Some(done), Some(due)) if done <= due => cx.now(done).then_some(true),
        (_, Some(due)) => (due < cx.as_of && cx.period.contains(due)).then_some(false),
        (None, None) => None,
    }
}

/// The day the case was concluded by its latest concluding act, if it is
/// concluded and that day is not after the as-of day.
fn concluded_on(case: &Case, as_of: NaiveDate) -> Option<NaiveDate> {
    case.concluded_on().filter(|on| *on <= as_of)
}

/// What one case contributes to a report.
#[derive(Default)]
struct Facts {
    /// Received in this year's / last year's period.
    received: [bool; 2],
    acceptance: Option<bool>,
    reply: Option<bool>,
    /// Not judged in the period for want of a ledger date: the acceptance,
    /// the first reply, a stated rating, a first petition's resolution.
    unjudged: [bool; 4],
    /// Rated in the period: positively or not.
    rated: Option<bool>,
    rating_expired: bool,
    assigned: bool,
    /// A backlog case of the period: (concluded in it, settled).
    backlog: Option<(bool, bool)>,
    /// A first petition first replied to in the period: rated positively.
    first_petition: Option<bool>,
    overdue: [bool; 5],
    supervision: [[u32; 5]; 2],
    documents: [[u32; 7]; 2],
}

fn observe(case: &Case, cx: &Ctx<'_>) -> Facts {
    let mut f = Facts::default();
    let intake = case.intake();
    if intake.received_on > cx.as_of {
        return f;
    }
    f.received = [cx.now(intake.received_on), cx.then(intake.received_on)];

    for s in case.supervision() {
        cx.mark(&mut f.supervision, supervision_index(s.kind), s.on);
    }
    if let Some(on) = case.accepted_on() {
        cx.mark(&mut f.documents, Document::AcceptanceNotice.index(), on);
    }
    if let Some(d) = case.decline() {
        let doc = match d.kind {
            DeclineKind::NotAccepted => Document::RefusalNotice,
            DeclineKind::NoLongerAccepted => Document::NoLongerAcceptedNotice,
        };
        cx.mark(&mut f.documents, doc.index(), d.on);
    }
    for p in case.proceedings() {
        match p {
            Proceeding::Handling(h) => {
                if let Some(e) = &h.extension {
                    cx.mark(&mut f.documents, Document::ExtensionNotice.index(), e.on);
                }
                if let Some(r) = &h.reply {
                    cx.mark(&mut f.documents, Document::Reply.index(), r.on);
                }
            }
            Proceeding::Review(r) => {
                if let Some(d) = &r.decision {
                    let doc = match r.level {
                        ReviewLevel::Review => Document::ReviewDecision,
                        ReviewLevel::ReReview => Document::ReReviewDecision,
                    };
                    cx.mark(&mut f.documents, doc.index(), d.on);
                }
            }
        }
    }

    f.assigned = case.routing().is_some_and(|r| r.disposal == Disposal::Assign);
    if let Some(first) = case.first_reply().filter(|r| r.on <= cx.as_of) {
        let rating = case.rating().filter(|r| r.on <= cx.as_of);
        match rating {
            Some(r) => {
                if cx.now(r.on) {
                    f.rated = Some(r.level.is_positive());
                }
            }
            None => {
                let until = case.rating_until(cx.rules, cx.cal);
                f.rating_expired = until.is_some_and(|u| u < cx.as_of && cx.period.contains(u));
            }
        }
        if intake.repeat_of.is_none() && cx.now(first.on) {
            // Not resolved at once if the petitioner asked for 复查 (by T),
            // however they rated the first reply.
            let reviewed = case
                .proceedings()
                .iter()
                .any(|p| matches!(p, Proceeding::Review(r) if r.requested_on <= cx.as_of));
            f.first_petition = Some(!reviewed && rating.is_some_and(|r| r.level.is_positive()));
        }
    }

    // Concluded by an old ledger's word: a rating it states, and whether a
    // first petition was resolved, are not judged either.
    if case.stage() == Stage::Archived {
        if let Some(c) = case.ledger().and_then(|l| l.closed.as_ref()) {
            let day = c.on.unwrap_or(intake.received_on);
            f.unjudged[2] = c.rating.is_some() && cx.now(day);
            f.unjudged[3] = intake.repeat_of.is_none() && cx.now(day);
        }
    }

    // A case concluded before the period has no duty judged, overdue or
    // on the backlog in it.
    let concluded = concluded_on(case, cx.as_of);
    if concluded.is_some_and(|c| c < cx.period.first()) {
        return f;
    }
    let mut backlog_from: Option<NaiveDate> = None;
    for_each_duty(case, cx, |d| {
        match d.action {
            DueAction::DecideAcceptance => {
                f.acceptance = judge(&d, cx);
                f.unjudged[0] = d.unknown && cx.now(d.started);
            }
            DueAction::Reply if d.first => {
                f.reply = judge(&d, cx);
                f.unjudged[1] = d.unknown && cx.now(d.started);
            }
            _ => {}
        }
        // Done before its deadline could fall: neither overdue nor backlog.
        let Some(due) = d.due else { return };
        if d.started <= cx.end && due < cx.end && d.done.is_none_or(|x| x > cx.end) {
            f.overdue[due_index(d.action)] = true;
        }
        if d.done.is_none_or(|x| x > due) {
            let limit = cx.rules.period_end(cx.cal, due, cx.backlog_days);
            if limit < cx.as_of && d.done.is_none_or(|x| x > limit) {
                let from = limit.succ_opt().unwrap_or(limit);
                backlog_from = Some(backlog_from.map_or(from, |b| b.min(from)));
            }
        }
    });
    if backlog_from.is_some_and(|b| b <= cx.end) {
        let concluded_in = concluded.is_some_and(|c| c <= cx.end);
        let settled = concluded_in && case.settlement().is_some_and(|s| s.on <= cx.end);
        f.backlog = Some((concluded_in, settled));
    }
    f
}

/// A numerator and denominator.
#[derive(Debug, Clone, Copy, Default)]
struct Frac {
    num: u64,
    den: u64,
}

impl Frac {
    fn add(&mut self, hit: bool) {
        self.den += 1;
        self.num += u64::from(hit);
    }
}

/// Counts of one period.
#[derive(Debug, Clone, Default)]
struct CountAcc {
    cases: u64,
    persons: u64,
    channels: [u64; 9],
    green: u64,
    repeat_letters: u64,
    visit_persons: u64,
    repeat_visits: u64,
    collective: u64,
    collective_persons: u64,
    escalated: [u64; 3],
    escalated_persons: [u64; 3],
    escalated_repeat: u64,
    repeat: u64,
    purposes: [u64; 5],
    supervision: [u64; 5],
    documents: [u64; 7],
}

impl CountAcc {
    fn add_intake(&mut self, intake: &Intake) {
        let persons = u64::from(intake.head_count);
        let repeat = intake.is_repeat();
        self.cases += 1;
        self.persons += persons;
        self.channels[channel_index(intake.channel)] += 1;
        self.repeat += u64::from(repeat);
        self.purposes[purpose_index(intake.purpose)] += 1;
        match intake.channel {
            Channel::Letter { green_post } => {
                self.green += u64::from(green_post);
                self.repeat_letters += u64::from(repeat);
            }
            Channel::Visit => {
                self.visit_persons += persons;
                self.repeat_visits += u64::from(repeat);
                if intake.is_collective() {
                    self.collective += 1;
                    self.collective_persons += persons;
                }
                if let Some(e) = intake.escalation {
                    self.escalated[escalation_index(e)] += 1;
                    self.escalated_persons[escalation_index(e)] += persons;
                    self.escalated_repeat += u64::from(repeat);
                }
            }
            _ => {}
        }
    }
}

/// The fold of a scope's cases.
#[derive(Debug, Default)]
struct Acc {
    counts: [CountAcc; 2],
    acceptance: Frac,
    reply: Frac,
    /// Acceptances, first replies, ratings and first petitions not judged
    /// (see [`Indicator::unjudged`]).
    unjudged: [u64; 4],
    /// Positive / rated.
    rated: Frac,
    expired: u64,
    assigned: Frac,
    backlog: u64,
    backlog_concluded: u64,
    backlog_settled: u64,
    /// First petitions replied to in the period, and whether rated positively.
    first_petitions: Vec<(CaseId, bool)>,
    overdue: [u64; 5],
}

impl Acc {
    fn add(&mut self, case: &Case, f: &Facts) {
        for i in 0..2 {
            let c = &mut self.counts[i];
            if f.received[i] {
                c.add_intake(case.intake());
            }
            for (a, b) in c.supervision.iter_mut().zip(f.supervision[i]) {
                *a += u64::from(b);
            }
            for (a, b) in c.documents.iter_mut().zip(f.documents[i]) {
                *a += u64::from(b);
            }
        }
        if let Some(ok) = f.acceptance {
            self.acceptance.add(ok);
        }
        if let Some(ok) = f.reply {
            self.reply.add(ok);
        }
        for (a, b) in self.unjudged.iter_mut().zip(f.unjudged) {
            *a += u64::from(b);
        }
        if let Some(positive) = f.rated {
            self.rated.add(positive);
            if f.assigned {
                self.assigned.add(positive);
            }
        }
        self.expired += u64::from(f.rating_expired);
        if let Some((concluded, settled)) = f.backlog {
            self.backlog += 1;
            self.backlog_concluded += u64::from(concluded);
            self.backlog_settled += u64::from(settled);
        }
        if let Some(positive) = f.first_petition {
            self.first_petitions.push((case.id(), positive));
        }
        for (a, b) in self.overdue.iter_mut().zip(f.overdue) {
            *a += u64::from(b);
        }
    }

    /// Nothing received, judged, rated, overdue, supervised or issued.
    fn is_idle(&self) -> bool {
        let c = &self.counts[0];
        c.cases == 0
            && self.acceptance.den == 0
            && self.reply.den == 0
            && self.rated.den == 0
            && self.expired == 0
            && self.backlog == 0
            && self.first_petitions.is_empty()
            && self.overdue.iter().all(|n| *n == 0)
            && c.supervision.iter().all(|n| *n == 0)
            && c.documents.iter().all(|n| *n == 0)
    }

    fn indicators(&self, targets: &Targets, three_no: Frac, repeated: &[CaseId]) -> Vec<Indicator> {
        let c = &self.counts[0];
        let letters = c.channels[channel_index(Channel::Letter { green_post: false })];
        let visits = c.channels[channel_index(Channel::Visit)];
        let resolved = self
            .first_petitions
            .iter()
            .filter(|(id, positive)| *positive && repeated.binary_search(id).is_err())
            .count() as u64;
        IndicatorKind::ALL
            .iter()
            .map(|&kind| {
                let (num, den) = match kind {
                    IndicatorKind::TimelyAcceptance => (self.acceptance.num, self.acceptance.den),
                    IndicatorKind::OnTimeReply => (self.reply.num, self.reply.den),
                    IndicatorKind::RatingParticipation => {
                        (self.rated.den, self.rated.den + self.expired)
                    }
                    IndicatorKind::Satisfaction => (self.rated.num, self.rated.den),
                    IndicatorKind::AssignedSatisfaction => (self.assigned.num, self.assigned.den),
                    IndicatorKind::RepeatVisits => (c.repeat_visits, visits),
                    IndicatorKind::EscalatedRepeatVisits => {
                        (c.escalated_repeat, c.escalated.iter().sum())
                    }
                    IndicatorKind::RepeatLetters => (c.repeat_letters, letters),
                    IndicatorKind::GreenPost => (c.green, letters),
                    IndicatorKind::BacklogConcluded => (self.backlog_concluded, self.backlog),
                    IndicatorKind::BacklogSettled => (self.backlog_settled, self.backlog_concluded),
                    IndicatorKind::ThreeNoTownships => (three_no.num, three_no.den),
                    IndicatorKind::FirstPetitionResolved => {
                        (resolved, self.first_petitions.len() as u64)
                    }
                };
                let unjudged = match kind {
                    IndicatorKind::TimelyAcceptance => self.unjudged[0],
                    IndicatorKind::OnTimeReply => self.unjudged[1],
                    IndicatorKind::RatingParticipation | IndicatorKind::Satisfaction => {
                        self.unjudged[2]
                    }
                    IndicatorKind::FirstPetitionResolved => self.unjudged[3],
                    _ => 0,
                };
                Indicator::new(kind, num, den, targets.get(kind)).with_unjudged(unjudged)
            })
            .collect()
    }

    fn counts(&self) -> Counts {
        let [a, b] = &self.counts;
        let t = |x: u64, y: u64| Tally::of(x, y);
        let letters = channel_index(Channel::Letter { green_post: false });
        let visits = channel_index(Channel::Visit);
        Counts {
            cases: t(a.cases, b.cases),
            persons: t(a.persons, b.persons),
            by_channel: Channel::ALL
                .iter()
                .map(|&ch| {
                    let i = channel_index(ch);
                    (ch, t(a.channels[i], b.channels[i]))
                })
                .collect(),
            letters: t(a.channels[letters], b.channels[letters]),
            green_post_letters: t(a.green, b.green),
            visits: t(a.channels[visits], b.channels[visits]),
            visit_persons: t(a.visit_persons, b.visit_persons),
            collective_batches: t(a.collective, b.collective),
            collective_persons: t(a.collective_persons, b.collective_persons),
            escalated: ESCALATIONS
                .iter()
                .map(|&level| {
                    let i = escalation_index(level);
                    EscalatedCount {
                        level,
                        batches: t(a.escalated[i], b.escalated[i]),
                        persons: t(a.escalated_persons[i], b.escalated_persons[i]),
                    }
                })
                .collect(),
            first: t(a.cases - a.repeat, b.cases - b.repeat),
            repeat: t(a.repeat, b.repeat),
            by_purpose: Purpose::ALL
                .iter()
                .map(|&p| (p, t(a.purposes[purpose_index(p)], b.purposes[purpose_index(p)])))
                .collect(),
            supervision: SupervisionKind::ALL
                .iter()
                .map(|&k| {
                    let i = supervision_index(k);
                    (k, t(a.supervision[i], b.supervision[i]))
                })
                .collect(),
            documents: Document::ALL
                .iter()
                .map(|&d| (d, t(a.documents[d.index()], b.documents[d.index()])))
                .collect(),
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

    #[wasm_bindgen_test(unsupported = test)]
    fn basis_points_round_and_print() {
        assert_eq!(BasisPoints::ratio(2, 3), Some(BasisPoints(6667)));
        assert_eq!(BasisPoints::ratio(1, 3), Some(BasisPoints(3333)));
        assert_eq!(BasisPoints::ratio(1, 8), Some(BasisPoints(1250)));
        assert_eq!(BasisPoints::ratio(0, 0), None);
        assert_eq!(BasisPoints(6000).to_string(), "60%");
        assert_eq!(BasisPoints(6250).to_string(), "62.5%");
        assert_eq!(BasisPoints(3333).to_string(), "33.33%");
        assert_eq!(BasisPoints(5).to_string(), "0.05%");
        assert!(BasisPoints::new(10_001).is_err());
        assert_eq!(BasisPoints::from_percent(40).unwrap(), BasisPoints(4000));
        assert!(serde_json::from_str::<BasisPoints>("10001").is_err());
        assert_eq!(Points(-225).to_string(), "-2.25");
        assert_eq!(Points::whole(100).to_string(), "100");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn targets_compare_exactly() {
        let full = Goal::AtLeast(BasisPoints::FULL);
        // 9999/10000 rounds to 99.99%; 99999/100000 rounds to 100% but misses.
        assert_eq!(BasisPoints::ratio(99_999, 100_000), Some(BasisPoints::FULL));
        assert_eq!(full.is_met(99_999, 100_000), Some(false));
        assert_eq!(full.is_met(3, 3), Some(true));
        assert_eq!(full.is_met(0, 0), None);
        let at_most = Goal::AtMost(BasisPoints(2000));
        assert_eq!(at_most.is_met(1, 5), Some(true), "exactly 20%");
        assert_eq!(at_most.is_met(2, 9), Some(false), "22.2%");
        assert_eq!(full.to_string(), "100%");
        assert_eq!(Goal::AtLeast(BasisPoints(6000)).to_string(), "≥60%");
        assert_eq!(at_most.to_string(), "≤20%");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn periods() {
        let q1 = Period::quarter(2025, 1).unwrap();
        assert_eq!((q1.first(), q1.last(), q1.days()), (d(2025, 1, 1), d(2025, 3, 31), 90));
        assert_eq!(Period::month(2024, 2).unwrap().last(), d(2024, 2, 29));
        assert_eq!(Period::month(2025, 12).unwrap().last(), d(2025, 12, 31));
        assert_eq!(Period::month_of(d(2025, 9, 17)).label(), "2025年9月");
        assert_eq!(Period::quarter_of(d(2025, 9, 17)).label(), "2025年第三季度");
        assert_eq!(Period::year(2025).unwrap().label(), "2025年");
        let r = Period::range(d(2025, 1, 1), d(2025, 3, 15)).unwrap();
        assert_eq!(r.label(), "2025年1月1日至2025年3月15日");
        let leap = Period::range(d(2024, 2, 1), d(2024, 2, 29)).unwrap();
        assert_eq!(leap.previous_year().unwrap().last(), d(2023, 2, 28));
        assert_eq!(
            Period::range(d(2025, 3, 2), d(2025, 3, 1)).unwrap_err().to_string(),
            "起始日期2025年3月2日晚于结束日期2025年3月1日"
        );
        assert_eq!(Period::quarter(2025, 5).unwrap_err().to_string(), "“季度”应在1到4之间，现为5");
        assert!(Period::month(2025, 0).is_err());
        for p in [q1, r, Period::month(2025, 9).unwrap(), Period::year(2024).unwrap()] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&q1).unwrap(),
            r#"{"kind":"quarter","year":2025,"quarter":1}"#
        );
        assert!(
            serde_json::from_str::<Period>(r#"{"kind":"month","year":2025,"month":13}"#).is_err()
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tallies_compare_with_last_year() {
        let up = Tally::of(5, 4);
        assert_eq!((up.change(), up.change_pct()), (1, Some(2500)));
        assert_eq!(up.change_label(), "同比上升25%");
        let down = Tally::of(2, 3);
        assert_eq!(down.change_pct(), Some(-3333));
        assert_eq!(down.change_label(), "同比下降33.33%");
        assert_eq!(Tally::of(3, 0).change_pct(), None);
        assert_eq!(Tally::of(3, 0).change_label(), "去年同期为0");
        assert_eq!(Tally::of(0, 0).change_label(), "与去年同期持平");
        assert_eq!(Tally::of(7, 7).change_label(), "与去年同期持平");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn largest_remainder_sums_to_one_hundred_percent() {
        assert_eq!(largest_remainder([1, 1, 1].into_iter(), 3), vec![3334, 3333, 3333]);
        assert_eq!(largest_remainder([2, 1].into_iter(), 3), vec![6667, 3333]);
        let parts = largest_remainder([5, 3, 3, 1, 1].into_iter(), 13);
        assert_eq!(parts.iter().sum::<u32>(), 10_000);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn old_settings_without_targets_get_the_defaults() {
        let t: Targets = serde_json::from_str(r#"{"satisfaction": {"at_least": 7000}}"#).unwrap();
        assert_eq!(t.satisfaction, Some(Goal::AtLeast(BasisPoints(7000))));
        assert_eq!(t.repeat_letters, Targets::default().repeat_letters);
        let none: Targets = serde_json::from_str(r#"{"green_post": null}"#).unwrap();
        assert_eq!(none.green_post, None);
        let mut t = Targets::default();
        t.set(IndicatorKind::RatingParticipation, Some(Goal::AtLeast(BasisPoints(9000))));
        assert_eq!(t.get(IndicatorKind::RatingParticipation).unwrap().bound(), BasisPoints(9000));
        let back: Targets = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }
}
