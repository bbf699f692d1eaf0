//! Which actions a case allows now, asked as a question: for each kind of
//! [`Action`], whether the case's stage and history let it be taken, from
//! which day it may be dated, until when, and at which review level
//! ([`Opening`]). [`Case::decide`] asks the same question first, so the
//! answer and the refusal can never disagree; a form offers exactly the
//! openings ([`crate::Office::allowed_actions`]) and dates its fields
//! from them.

use chrono::NaiveDate;

use super::{Action, CaseError, Env};
use crate::case::{Case, Proceeding, ReviewLevel, Served, Stage};
use crate::petition::Purpose;
use crate::routing::Disposal;

/// The kinds of [`Action`], in the order a case page offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    /// [`Action::Amend`].
    Amend,
    /// [`Action::LinkRepeat`].
    LinkRepeat,
    /// [`Action::Route`].
    Route,
    /// [`Action::Accept`].
    Accept,
    /// [`Action::Decline`].
    Decline,
    /// [`Action::Direct`].
    Direct,
    /// [`Action::Extend`].
    Extend,
    /// [`Action::Reply`].
    Reply,
    /// [`Action::SendBack`].
    SendBack,
    /// [`Action::RequestReview`].
    RequestReview,
    /// [`Action::RecordHearing`].
    RecordHearing,
    /// [`Action::DecideReview`].
    DecideReview,
    /// [`Action::Supervise`].
    Supervise,
    /// [`Action::CloseSupervision`].
    CloseSupervision,
    /// [`Action::FollowUp`].
    FollowUp,
    /// [`Action::Rate`].
    Rate,
    /// [`Action::Settle`].
    Settle,
    /// [`Action::Deliver`].
    Deliver,
    /// [`Action::Sign`].
    Sign,
    /// [`Action::Object`].
    Object,
}

impl ActionKind {
    /// Every kind, in order.
    pub const ALL: [ActionKind; 20] = [
        ActionKind::Amend,
        ActionKind::LinkRepeat,
        ActionKind::Route,
        ActionKind::Accept,
        ActionKind::Decline,
        ActionKind::Direct,
        ActionKind::Extend,
        ActionKind::Reply,
        ActionKind::SendBack,
        ActionKind::RequestReview,
        ActionKind::RecordHearing,
        ActionKind::DecideReview,
        ActionKind::Supervise,
        ActionKind::CloseSupervision,
        ActionKind::FollowUp,
        ActionKind::Rate,
        ActionKind::Settle,
        ActionKind::Deliver,
        ActionKind::Sign,
        ActionKind::Object,
    ];

    /// The kind's name in Chinese, for messages (a review's level is told
    /// by its [`Opening`]).
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Amend => "修改登记信息",
            ActionKind::LinkRepeat => "关联重复件",
            ActionKind::Route => "转送交办",
            ActionKind::Accept => "受理",
            ActionKind::Decline => "不予受理",
            ActionKind::Direct => "导入法定途径",
            ActionKind::Extend => "延长办理期限",
            ActionKind::Reply => "答复",
            ActionKind::SendBack => "退回重办",
            ActionKind::RequestReview => "申请复查（复核）",
            ActionKind::RecordHearing => "记录听证",
            ActionKind::DecideReview => "作出复查（复核）意见",
            ActionKind::Supervise => "督办",
            ActionKind::CloseSupervision => "办结督办",
            ActionKind::FollowUp => "回访",
            ActionKind::Rate => "满意度评价",
            ActionKind::Settle => "息诉罢访",
            ActionKind::Deliver => "登记送达",
            ActionKind::Sign => "签收",
            ActionKind::Object => "提出异议",
        }
    }
}

impl Action {
    /// The kind of this action.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Amend { .. } => ActionKind::Amend,
            Action::LinkRepeat { .. } => ActionKind::LinkRepeat,
            Action::Route { .. } => ActionKind::Route,
            Action::Decline { .. } => ActionKind::Decline,
            Action::Accept { .. } => ActionKind::Accept,
            Action::Direct { .. } => ActionKind::Direct,
            Action::Extend { .. } => ActionKind::Extend,
            Action::Reply { .. } => ActionKind::Reply,
            Action::SendBack { .. } => ActionKind::SendBack,
            Action::RequestReview { .. } => ActionKind::RequestReview,
            Action::RecordHearing { .. } => ActionKind::RecordHearing,
            Action::DecideReview { .. } => ActionKind::DecideReview,
            Action::Supervise { .. } => ActionKind::Supervise,
            Action::CloseSupervision { .. } => ActionKind::CloseSupervision,
            Action::FollowUp { .. } => ActionKind::FollowUp,
            Action::Rate { .. } => ActionKind::Rate,
            Action::Settle { .. } => ActionKind::Settle,
            Action::Deliver { .. } => ActionKind::Deliver,
            Action::Sign { .. } => ActionKind::Sign,
            Action::Object { .. } => ActionKind::Object,
        }
    }
}

/// An action the case allows: from which day it may be dated (the day of
/// the step it follows), until which day (when a window closes), and the
/// review level for the review actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// Which action.
    pub kind: ActionKind,
    /// The earliest day the action may be dated.
    pub earliest: NaiveDate,
    /// The step whose day `earliest` is (`转送`, `受理`, `答复`…).
    pub after: &'static str,
    /// The last day it may be dated, when a window closes: the end of the
    /// reply period for an extension (art. 34), the review window
    /// (arts. 35, 36) and the rating window when the petitioner's receipt
    /// of the reply is known (unknown, the window alone never refuses).
    pub latest: Option<NaiveDate>,
    /// The level, for a review requested or decided.
    pub level: Option<ReviewLevel>,
}

impl Opening {
    fn new(kind: ActionKind, earliest: NaiveDate, after: &'static str) -> Opening {
        Opening { kind, earliest, after, latest: None, level: None }
    }

    /// The button's label in Chinese, with the review level
    /// (`申请复核`, `作出复查意见`).
    pub fn label(&self) -> &'static str {
        match (self.kind, self.level) {
            (ActionKind::RequestReview, Some(ReviewLevel::Review)) => "申请复查",
            (ActionKind::RequestReview, Some(ReviewLevel::ReReview)) => "申请复核",
            (ActionKind::DecideReview, Some(ReviewLevel::Review)) => "作出复查意见",
            (ActionKind::DecideReview, Some(ReviewLevel::ReReview)) => "作出复核意见",
            (kind, _) => kind.label(),
        }
    }

    /// Whether some day up to `today` lies within the opening.
    pub fn open_on(&self, today: NaiveDate) -> bool {
        self.earliest <= today && self.latest.is_none_or(|l| self.earliest <= l)
    }
}

impl Case {
    fn stage_refuses(&self, kind: ActionKind) -> CaseError {
        CaseError::WrongStage { action: kind.label(), stage: self.stage() }
    }

    /// Refuses an extension where 第三十四条's 60 days do not apply.
    fn reply_clock_applies(&self) -> Result<(), CaseError> {
        let track = self.track();
        if track.has_reply_clock() {
            Ok(())
        } else {
            Err(CaseError::NoReplyClock { what: track.label(), article: track.article() })
        }
    }

    /// Refuses a 复查/复核 request where 第三十五条、第三十六条 do not apply.
    fn review_applies(&self) -> Result<(), CaseError> {
        let track = self.track();
        if track.allows_review() {
            Ok(())
        } else {
            Err(CaseError::NoReview { what: track.label(), article: track.article() })
        }
    }

    /// Whether the case allows an action of `kind` now, and within which
    /// days; or why not. Only the case's own state is asked: what the
    /// action says (its dates within the opening, its texts, the units and
    /// people it names) is checked when it is decided.
    pub fn opening(&self, kind: ActionKind, env: Env<'_>) -> Result<Opening, CaseError> {
        let stage = self.stage();
        let received = self.intake().received_on;
        let open = |earliest, after| Ok(Opening::new(kind, earliest, after));
        match kind {
            ActionKind::Amend | ActionKind::Route => match stage {
                Stage::Registered => open(received, "收件"),
                _ => Err(self.stage_refuses(kind)),
            },
            ActionKind::LinkRepeat => open(received, "收件"),
            ActionKind::Decline => match (stage, self.routing()) {
                (Stage::Registered, _) => open(received, "收件"),
                (Stage::Routed, Some(r)) => open(r.on, "转送"),
                _ => Err(self.stage_refuses(kind)),
            },
            ActionKind::Accept => match (stage, self.routing()) {
                (Stage::Routed, Some(r)) => open(r.on, "转送"),
                _ => Err(self.stage_refuses(kind)),
            },
            // 第三十一条: only a 申诉求决类 matter (求决, 申诉) is directed, by the
            // body that received it (at acceptance) or handles it (before
            // any reply: the first round).
            ActionKind::Direct => {
                let purpose = self.intake().purpose;
                if !matches!(purpose, Purpose::Request | Purpose::Appeal) {
                    return Err(CaseError::NotForProcedure {
                        purpose: purpose.label(),
                        class: purpose.class_2022(),
                    });
                }
                match (stage, self.routing(), self.proceedings()) {
                    (Stage::Routed, Some(r), _) => open(r.on, "转送"),
                    (Stage::Handling, _, [Proceeding::Handling(h)]) => open(h.started_on, "受理"),
                    _ => Err(self.stage_refuses(kind)),
                }
            }
            ActionKind::Extend => {
                self.reply_clock_applies()?;
                let (Stage::Handling, Some(h)) = (stage, self.current_handling()) else {
                    return Err(self.stage_refuses(kind));
                };
                let extended = self
                    .proceedings()
                    .iter()
                    .any(|p| matches!(p, Proceeding::Handling(h) if h.extension.is_some()));
                if extended {
                    return Err(CaseError::AlreadyExtended);
                }
                let due = self.reply_due_unextended(h, env.rules, env.calendar);
                Ok(Opening { latest: due, ..Opening::new(kind, h.started_on, "受理") })
            }
            ActionKind::Reply => match (stage, self.current_handling()) {
                (Stage::Handling, Some(h)) => open(h.started_on, "受理"),
                _ => Err(self.stage_refuses(kind)),
            },
            ActionKind::SendBack => {
                match (stage, self.current_handling().and_then(|h| h.reply.as_ref())) {
                    (Stage::Replied, Some(reply)) => open(reply.on, "答复"),
                    _ => Err(self.stage_refuses(kind)),
                }
            }
            ActionKind::RequestReview => {
                self.review_applies()?;
                let Some(window) = self.review_window(env.rules, env.calendar) else {
                    return Err(self.stage_refuses(kind));
                };
                let level = window.level;
                let until = window.from.is_known().then_some(window.until);
                let (base, after) = match level {
                    ReviewLevel::Review => (self.last_reply().map(|r| r.on), "答复"),
                    ReviewLevel::ReReview => (
                        self.review(ReviewLevel::Review)
                            .and_then(|r| r.decision.as_ref())
                            .map(|d| d.on),
                        "复查决定",
                    ),
                };
                Ok(Opening {
                    latest: until,
                    level: Some(level),
                    ..Opening::new(kind, base.unwrap_or(received), after)
                })
            }
            ActionKind::RecordHearing => match (stage, self.proceedings().last()) {
                (Stage::UnderReReview, Some(Proceeding::Review(r))) => {
                    open(r.requested_on, "申请复核")
                }
                _ => Err(CaseError::HearingOutsideReReview),
            },
            ActionKind::DecideReview => match (stage, self.proceedings().last()) {
                (Stage::UnderReview | Stage::UnderReReview, Some(Proceeding::Review(r))) => {
                    Ok(Opening {
                        level: Some(r.level),
                        ..Opening::new(kind, r.requested_on, "申请")
                    })
                }
                _ => Err(self.stage_refuses(kind)),
            },
            ActionKind::Supervise => match stage {
                Stage::Routed | Stage::Handling | Stage::UnderReview | Stage::UnderReReview => {
                    open(received, "收件")
                }
                _ => Err(self.stage_refuses(kind)),
            },
            ActionKind::CloseSupervision => match self.open_supervision().map(|s| s.on).min() {
                Some(first) => open(first, "督办"),
                None => Err(CaseError::NoOpenSupervision),
            },
            ActionKind::FollowUp => {
                let reply = self.first_reply().ok_or(CaseError::NoReplyYet("回访"))?;
                open(reply.on, "答复")
            }
            ActionKind::Rate => {
                let reply = self.first_reply().ok_or(CaseError::NoReplyYet("评价"))?;
                if self.rating().is_some() {
                    return Err(CaseError::AlreadyRated);
                }
                let known = self.rating_window_start().is_some_and(|s| s.is_known());
                let until = self.rating_until(env.rules, env.calendar).filter(|_| known);
                Ok(Opening { latest: until, ..Opening::new(kind, reply.on, "答复") })
            }
            ActionKind::Settle => {
                let reply = self.first_reply().ok_or(CaseError::NoReplyYet("记录息诉罢访"))?;
                if self.settlement().is_some() {
                    return Err(CaseError::AlreadySettled);
                }
                open(reply.on, "答复")
            }
            ActionKind::Deliver => {
                // From the latest document's day: the one a form offers first.
                match Served::ALL.into_iter().filter_map(|d| self.issued(d)).max() {
                    Some(latest) => open(latest, "出具"),
                    None => Err(CaseError::NothingToDeliver("书面答复")),
                }
            }
            ActionKind::Sign | ActionKind::Object => {
                let (Stage::Routed, Some(r)) = (stage, self.routing()) else {
                    return Err(self.stage_refuses(kind));
                };
                if r.disposal == Disposal::Direct {
                    return Err(CaseError::DirectNeedsNoReceipt);
                }
                match (kind, self.signed_on()) {
                    (ActionKind::Sign, Some(signed)) => Err(CaseError::AlreadySigned(signed)),
                    (ActionKind::Sign, None) => open(r.on, "转送"),
                    // Within 5 working days of receipt (第二十三条第三款).
                    (_, signed) => Ok(Opening {
                        latest: self.objection_due(env.calendar),
                        ..Opening::new(kind, signed.unwrap_or(r.on), "收到")
                    }),
                }
            }
        }
    }
}
