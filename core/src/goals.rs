//! The office's goals for its indicators, as editable data: the
//! [`IndicatorKind`]s, a [`Goal`] (at least or at most a share), the
//! [`Targets`] of every indicator, the weights of the unit ranking
//! ([`RankingRules`]), and the fixed-point numbers they are written in
//! ([`BasisPoints`], [`Points`]; never floating point). What the figures
//! are, and how they are computed from the cases, is [`crate::metrics`].

use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;
// ---------------------------------------------------------------------------
// Fixed-point numbers

/// A share in basis points (万分之一): 10 000 is 100%. Percentages are
/// stored and computed in this form, never as floating point. Stored as a
/// plain integer; values above 100% are refused.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct BasisPoints(pub(crate) u32);

impl BasisPoints {
    /// 0%.
    pub const ZERO: BasisPoints = BasisPoints(0);
    /// 100%.
    pub const FULL: BasisPoints = BasisPoints(10_000);

    /// From basis points (0 to 10 000).
    pub fn new(bp: u32) -> Result<Self, InputError> {
        if bp > 10_000 {
            return Err(InputError::OutOfRange {
                field: "百分比（万分之一）",
                value: bp.into(),
                min: 0,
                max: 10_000,
            });
        }
        Ok(BasisPoints(bp))
    }

    /// From whole percent (0 to 100).
    pub fn from_percent(percent: u32) -> Result<Self, InputError> {
        if percent > 100 {
            return Err(InputError::OutOfRange {
                field: "百分比",
                value: percent.into(),
                min: 0,
                max: 100,
            });
        }
        Ok(BasisPoints(percent * 100))
    }

    const fn pct(percent: u32) -> Self {
        BasisPoints(percent * 100)
    }

    /// The value in basis points.
    pub fn get(self) -> u32 {
        self.0
    }

    /// `numerator / denominator`, rounded half up to a basis point; `None`
    /// when the denominator is 0. A numerator above the denominator is
    /// taken as the denominator.
    pub fn ratio(numerator: u64, denominator: u64) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let n = u128::from(numerator.min(denominator));
        let d = u128::from(denominator);
        Some(BasisPoints(((n * 20_000 + d) / (2 * d)) as u32))
    }
}

impl TryFrom<u32> for BasisPoints {
    type Error = InputError;
    fn try_from(bp: u32) -> Result<Self, Self::Error> {
        BasisPoints::new(bp)
    }
}

impl From<BasisPoints> for u32 {
    fn from(bp: BasisPoints) -> u32 {
        bp.0
    }
}

impl fmt::Display for BasisPoints {
    /// `60%`, `62.5%`, `33.33%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&percent_text(i64::from(self.0)))
    }
}

/// Basis points as a percentage with at most two decimals, trailing zeros
/// dropped: `6000` → `60%`, `-1250` → `-12.5%`.
pub(crate) fn percent_text(bp: i64) -> String {
    format!("{}%", hundredths_text(bp))
}

/// Hundredths as a decimal with at most two decimals: `250` → `2.5`.
pub(crate) fn hundredths_text(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let a = h.unsigned_abs();
    let (whole, frac) = (a / 100, a % 100);
    if frac == 0 {
        format!("{sign}{whole}")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

/// `a / b` rounded half away from zero (`b > 0`).
pub(crate) fn div_round(a: i128, b: i128) -> i128 {
    if a >= 0 {
        (2 * a + b) / (2 * b)
    } else {
        -((-2 * a + b) / (2 * b))
    }
}

/// Score points, kept in hundredths of a point (stored as that integer:
/// `250` is 2.5 points).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub(crate) i64);

impl Points {
    /// Whole points.
    pub const fn whole(points: i64) -> Points {
        Points(points * 100)
    }

    /// Hundredths of a point.
    pub const fn from_hundredths(hundredths: i64) -> Points {
        Points(hundredths)
    }

    /// The value in hundredths of a point.
    pub const fn hundredths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Points {
    /// `100`, `87.5`, `-2.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hundredths_text(self.0))
    }
}

// ---------------------------------------------------------------------------
// Indicators and targets

/// An indicator of how well petitions are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// 及时受理率.
    TimelyAcceptance,
    /// 按期办结率.
    OnTimeReply,
    /// 参评率.
    RatingParticipation,
    /// 群众满意率.
    Satisfaction,
    /// 交办件群众满意率.
    AssignedSatisfaction,
    /// 重访率.
    RepeatVisits,
    /// 越级重访率 (去市到省进京 visits).
    EscalatedRepeatVisits,
    /// 重信率.
    RepeatLetters,
    /// 绿色邮政比率.
    GreenPost,
    /// 积案办结率.
    BacklogConcluded,
    /// 积案结服率.
    BacklogSettled,
    /// “三无”乡镇比率.
    ThreeNoTownships,
    /// 初信初访一次性化解率.
    FirstPetitionResolved,
}

impl IndicatorKind {
    /// Every indicator, in report order.
    pub const ALL: [IndicatorKind; 13] = [
        IndicatorKind::TimelyAcceptance,
        IndicatorKind::OnTimeReply,
        IndicatorKind::RatingParticipation,
        IndicatorKind::Satisfaction,
        IndicatorKind::AssignedSatisfaction,
        IndicatorKind::RepeatVisits,
        IndicatorKind::EscalatedRepeatVisits,
        IndicatorKind::RepeatLetters,
        IndicatorKind::GreenPost,
        IndicatorKind::BacklogConcluded,
        IndicatorKind::BacklogSettled,
        IndicatorKind::ThreeNoTownships,
        IndicatorKind::FirstPetitionResolved,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::TimelyAcceptance => "及时受理率",
            IndicatorKind::OnTimeReply => "按期办结率",
            IndicatorKind::RatingParticipation => "参评率",
            IndicatorKind::Satisfaction => "群众满意率",
            IndicatorKind::AssignedSatisfaction => "交办件群众满意率",
            IndicatorKind::RepeatVisits => "重访率",
            IndicatorKind::EscalatedRepeatVisits => "越级重访率",
            IndicatorKind::RepeatLetters => "重信率",
            IndicatorKind::GreenPost => "绿色邮政比率",
            IndicatorKind::BacklogConcluded => "积案办结率",
            IndicatorKind::BacklogSettled => "积案结服率",
            IndicatorKind::ThreeNoTownships => "“三无”乡镇比率",
            IndicatorKind::FirstPetitionResolved => "初信初访一次性化解率",
        }
    }

    /// What the numerator counts, in Chinese.
    pub fn numerator_label(self) -> &'static str {
        match self {
            IndicatorKind::TimelyAcceptance => "按期作出受理决定件数",
            IndicatorKind::OnTimeReply => "按期答复件数",
            IndicatorKind::RatingParticipation => "已评价件数",
            IndicatorKind::Satisfaction => "满意和基本满意件数",
            IndicatorKind::AssignedSatisfaction => "交办件满意和基本满意件数",
            IndicatorKind::RepeatVisits => "重复来访批次",
            IndicatorKind::EscalatedRepeatVisits => "越级重复来访批次",
            IndicatorKind::RepeatLetters => "重复来信件数",
            IndicatorKind::GreenPost => "绿色邮政来信件数",
            IndicatorKind::BacklogConcluded => "积案办结件数",
            IndicatorKind::BacklogSettled => "积案息诉罢访件数",
            IndicatorKind::ThreeNoTownships => "“三无”乡镇（街道）个数",
            IndicatorKind::FirstPetitionResolved => "初信初访一次性化解件数",
        }
    }

    /// What the denominator counts, in Chinese.
    pub fn denominator_label(self) -> &'static str {
        match self {
            IndicatorKind::TimelyAcceptance => "应作出受理决定件数",
            IndicatorKind::OnTimeReply => "应答复件数",
            IndicatorKind::RatingParticipation => "已评价和超期未评价件数",
            IndicatorKind::Satisfaction => "已评价件数",
            IndicatorKind::AssignedSatisfaction => "交办件已评价件数",
            IndicatorKind::RepeatVisits => "来访批次",
            IndicatorKind::EscalatedRepeatVisits => "越级来访批次",
            IndicatorKind::RepeatLetters | IndicatorKind::GreenPost => "来信件数",
            IndicatorKind::BacklogConcluded => "积案件数",
            IndicatorKind::BacklogSettled => "积案办结件数",
            IndicatorKind::ThreeNoTownships => "乡镇（街道）个数",
            IndicatorKind::FirstPetitionResolved => "初信初访答复件数",
        }
    }

    /// Whether a higher value is better (false for 重访率, 越级重访率, 重信率).
    pub fn higher_is_better(self) -> bool {
        !matches!(
            self,
            IndicatorKind::RepeatVisits
                | IndicatorKind::EscalatedRepeatVisits
                | IndicatorKind::RepeatLetters
        )
    }

    /// Whether the definition is provisional or a reading not yet checked
    /// against the regulations (see the module documentation).
    pub fn is_provisional(self) -> bool {
        matches!(
            self,
            IndicatorKind::EscalatedRepeatVisits
                | IndicatorKind::BacklogConcluded
                | IndicatorKind::BacklogSettled
                | IndicatorKind::ThreeNoTownships
                | IndicatorKind::FirstPetitionResolved
        )
    }
}

impl fmt::Display for IndicatorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A goal for an indicator: at least or at most a share.
/// Stored as `{"at_least": 6000}` (basis points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Higher is better: met when the value is at least this.
    AtLeast(BasisPoints),
    /// Lower is better: met when the value is at most this.
    AtMost(BasisPoints),
}

impl Goal {
    /// The bound.
    pub fn bound(self) -> BasisPoints {
        match self {
            Goal::AtLeast(b) | Goal::AtMost(b) => b,
        }
    }

    /// Whether higher values are better.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Goal::AtLeast(_))
    }

    /// Whether `numerator / denominator` meets the target, compared exactly
    /// (not after rounding); `None` when the denominator is 0.
    pub fn is_met(self, numerator: u64, denominator: u64) -> Option<bool> {
        if denominator == 0 {
            return None;
        }
        let value = u128::from(numerator) * 10_000;
        let bound = u128::from(self.bound().0) * u128::from(denominator);
        Some(match self {
            Goal::AtLeast(_) => value >= bound,
            Goal::AtMost(_) => value <= bound,
        })
    }
}

impl fmt::Display for Goal {
    /// `≥60%`, `≤20%`, and `100%` for at least 100%.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Goal::AtLeast(BasisPoints::FULL) => write!(f, "100%"),
            Goal::AtLeast(b) => write!(f, "≥{b}"),
            Goal::AtMost(b) => write!(f, "≤{b}"),
        }
    }
}

/// The weights of the monthly unit ranking. A unit starts from `base` and
/// loses, for each rate, the rate's weight times its shortfall from 100%
/// (`weight × (1 − numerator/denominator)`; nothing when nothing was due),
/// and a fixed amount per overdue case, per 督办 notice and per 催办
/// reminder. Stored in hundredths of a point; a weight below zero counts
/// as zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RankingRules {
    /// The starting score (100).
    pub base: Points,
    /// Weight of 按期办结率 (40).
    pub on_time_reply: Points,
    /// Weight of 群众满意率 (30).
    pub satisfaction: Points,
    /// Weight of 及时受理率 (10).
    pub timely_acceptance: Points,
    /// Deducted per case overdue (acceptance or reply) at the end of the period (2).
    pub per_overdue: Points,
    /// Deducted per supervision notice (督办) in the period (1).
    pub per_notice: Points,
    /// Deducted per reminder (催办) in the period (0.5).
    pub per_reminder: Points,
}

impl Default for RankingRules {
    fn default() -> Self {
        RankingRules {
            base: Points::whole(100),
            on_time_reply: Points::whole(40),
            satisfaction: Points::whole(30),
            timely_acceptance: Points::whole(10),
            per_overdue: Points::whole(2),
            per_notice: Points::whole(1),
            per_reminder: Points::from_hundredths(50),
        }
    }
}

/// The goals of every indicator, editable data. `None` means no goal. The
/// default is the county work plan's (seed 004). Fields missing from stored
/// data take their default, so data stored before a field existed still
/// loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Targets {
    /// 及时受理率 (100%).
    pub timely_acceptance: Option<Goal>,
    /// 按期办结率 (100%).
    pub on_time_reply: Option<Goal>,
    /// 参评率 (none).
    pub rating_participation: Option<Goal>,
    /// 群众满意率 (≥60%).
    pub satisfaction: Option<Goal>,
    /// 交办件群众满意率 (≥60%).
    pub assigned_satisfaction: Option<Goal>,
    /// 重访率 (≤20%, 来县).
    pub repeat_visits: Option<Goal>,
    /// 越级重访率 (≤15%, 去市到省) [reading of seed 004 unverified].
    pub escalated_repeat_visits: Option<Goal>,
    /// 重信率 (≤30%).
    pub repeat_letters: Option<Goal>,
    /// 绿色邮政比率 (≥40%).
    pub green_post: Option<Goal>,
    /// 积案办结率 (100%).
    pub backlog_concluded: Option<Goal>,
    /// 积案结服率 (≥70%).
    pub backlog_settled: Option<Goal>,
    /// “三无”乡镇比率 (≥80%).
    pub three_no_townships: Option<Goal>,
    /// 初信初访一次性化解率 (none).
    pub first_petition_resolved: Option<Goal>,
    /// A case becomes a backlog case (积案) when more than this many days
    /// late with a duty (30) [provisional until the backlog ledger exists].
    pub backlog_after_days: u32,
    /// The weights of the monthly unit ranking.
    pub ranking: RankingRules,
}

impl Default for Targets {
    fn default() -> Self {
        let at_least = |p| Some(Goal::AtLeast(BasisPoints::pct(p)));
        let at_most = |p| Some(Goal::AtMost(BasisPoints::pct(p)));
        Targets {
            timely_acceptance: at_least(100),
            on_time_reply: at_least(100),
            rating_participation: None,
            satisfaction: at_least(60),
            assigned_satisfaction: at_least(60),
            repeat_visits: at_most(20),
            escalated_repeat_visits: at_most(15),
            repeat_letters: at_most(30),
            green_post: at_least(40),
            backlog_concluded: at_least(100),
            backlog_settled: at_least(70),
            three_no_townships: at_least(80),
            first_petition_resolved: None,
            backlog_after_days: 30,
            ranking: RankingRules::default(),
        }
    }
}

impl Targets {
    fn slot(&mut self, kind: IndicatorKind) -> &mut Option<Goal> {
        match kind {
            IndicatorKind::TimelyAcceptance => &mut self.timely_acceptance,
            IndicatorKind::OnTimeReply => &mut self.on_time_reply,
            IndicatorKind::RatingParticipation => &mut self.rating_participation,
            IndicatorKind::Satisfaction => &mut self.satisfaction,
            IndicatorKind::AssignedSatisfaction => &mut self.assigned_satisfaction,
            IndicatorKind::RepeatVisits => &mut self.repeat_visits,
            IndicatorKind::EscalatedRepeatVisits => &mut self.escalated_repeat_visits,
            IndicatorKind::RepeatLetters => &mut self.repeat_letters,
            IndicatorKind::GreenPost => &mut self.green_post,
            IndicatorKind::BacklogConcluded => &mut self.backlog_concluded,
            IndicatorKind::BacklogSettled => &mut self.backlog_settled,
            IndicatorKind::ThreeNoTownships => &mut self.three_no_townships,
            IndicatorKind::FirstPetitionResolved => &mut self.first_petition_resolved,
        }
    }

    /// The goal of an indicator.
    pub fn get(&self, kind: IndicatorKind) -> Option<Goal> {
        match kind {
            IndicatorKind::TimelyAcceptance => self.timely_acceptance,
            IndicatorKind::OnTimeReply => self.on_time_reply,
            IndicatorKind::RatingParticipation => self.rating_participation,
            IndicatorKind::Satisfaction => self.satisfaction,
            IndicatorKind::AssignedSatisfaction => self.assigned_satisfaction,
            IndicatorKind::RepeatVisits => self.repeat_visits,
            IndicatorKind::EscalatedRepeatVisits => self.escalated_repeat_visits,
            IndicatorKind::RepeatLetters => self.repeat_letters,
            IndicatorKind::GreenPost => self.green_post,
            IndicatorKind::BacklogConcluded => self.backlog_concluded,
            IndicatorKind::BacklogSettled => self.backlog_settled,
            IndicatorKind::ThreeNoTownships => self.three_no_townships,
            IndicatorKind::FirstPetitionResolved => self.first_petition_resolved,
        }
    }

    /// Sets (or with `None` removes) the goal of an indicator.
    pub fn set(&mut self, kind: IndicatorKind, target: Option<Goal>) {
        *self.slot(kind) = target;
    }

    /// Checks the backlog threshold (0 to 3650 days).
    pub fn validate(&self) -> Result<(), InputError> {
        if self.backlog_after_days > 3650 {
            return Err(InputError::OutOfRange {
                field: "积案认定超期天数",
                value: self.backlog_after_days.into(),
                min: 0,
                max: 3650,
            });
        }
        Ok(())
    }
}
