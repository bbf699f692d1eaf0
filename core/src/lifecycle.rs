//! How a case changes: an [`Action`] is decided against the current case
//! (`Case::decide(action, env, now)`) into [`Change`]s, or refused with a
//! [`CaseError`] a clerk can read; `Case::apply` folds a change into the case
//! and cannot fail. The changes, wrapped in [`CaseEvent`]s, are a case's
//! history (the log holds them as [`crate::event::Event::Case`]).

use crate::calendar::Calendar;
use crate::case::provenance::LedgerEntry;
use crate::case::{
    Case, ContactMethod, Decline, DeclineKind, Delivery, Direction, Extension, FollowUp, Handling,
    HandlingCause, Hearing, Intake, Objection, Origin, Proceeding, Rating, Reply, ReplyItem,
    Review, ReviewDecision, ReviewLevel, ReviewOutcome, Routing, Satisfaction, Served, Settlement,
    Stage, Supervision, SupervisionClosure, SupervisionKind,
};
use crate::clock::ClockRules;
use crate::error::InputError;
use crate::ids::{CaseId, CategoryId, PersonId, UnitId};
use crate::limits::Texts;
use crate::routing::Disposal;
use crate::work::WorkError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub mod opening;
mod texts;

use opening::Opening;

/// What a clerk asks to do to an existing case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Correct the registration while the case is still at the office.
    Amend {
        /// The corrected intake.
        intake: Intake,
    },
    /// Mark the case as a repeat of an earlier one (重信重访).
    LinkRepeat {
        /// The earlier case.
        earlier: CaseId,
    },
    /// 转送 / 交办 / 直办.
    Route {
        /// Where and how.
        routing: Routing,
    },
    /// Refuse in writing: 不予受理 (or 告知 where to go) / 不再受理.
    Decline {
        /// The day of the notice.
        on: NaiveDate,
        /// Which refusal.
        kind: DeclineKind,
        /// Why.
        reason: String,
        /// Where to go instead.
        redirect_to: String,
    },
    /// Accept (受理) and notify in writing.
    Accept {
        /// The day of the decision.
        on: NaiveDate,
    },
    /// Direct a 申诉求决类 matter into a statutory procedure
    /// (第三十一条第一项至第五项) by a written notice saying where to go, at
    /// acceptance or while handling it (before any reply): the notice
    /// concludes the matter as a petition. The handling body (the lead
    /// unit) gives it.
    Direct {
        /// The day of the notice.
        on: NaiveDate,
        /// Which procedure.
        procedure: crate::statute::Procedure,
        /// Why the matter belongs there.
        reason: String,
        /// The body to go to, may be empty.
        #[serde(default)]
        redirect_to: String,
    },
    /// Extend the reply period once (延长办理期限).
    Extend {
        /// The day it was approved.
        on: NaiveDate,
        /// How many days.
        days: u32,
        /// The reason told to the petitioner.
        reason: String,
        /// The head who approved it.
        approved_by: PersonId,
    },
    /// Issue the written reply (处理意见书).
    Reply {
        /// The day it was issued.
        on: NaiveDate,
        /// The answer per claim.
        items: Vec<ReplyItem>,
        /// The 办结报告, required for 交办 cases.
        report: Option<String>,
    },
    /// The office sends the report back to be redone (退回重办).
    SendBack {
        /// The day.
        on: NaiveDate,
        /// What was unclear or evasive.
        reason: String,
        /// The new deadline.
        redo_by: NaiveDate,
    },
    /// The petitioner asks for 复查 or 复核.
    RequestReview {
        /// Which level.
        level: ReviewLevel,
        /// The day of the request.
        on: NaiveDate,
        /// The reviewing body.
        body: UnitId,
    },
    /// A 复核 hearing (听证) was held; its days do not count.
    RecordHearing {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
    /// The review body decides (复查意见书 / 复核意见书).
    DecideReview {
        /// Which level.
        level: ReviewLevel,
        /// The day.
        on: NaiveDate,
        /// The outcome.
        outcome: ReviewOutcome,
        /// The reasons.
        reasons: String,
        /// For [`ReviewOutcome::Redo`]: the deadline of the new handling
        /// (default: the reply period counted from the decision).
        redo_by: Option<NaiveDate>,
    },
    /// Record a reminder (催办) or supervision notice (督办).
    Supervise {
        /// The day.
        on: NaiveDate,
        /// How.
        kind: SupervisionKind,
        /// The unit pressed.
        unit: UnitId,
        /// What is required.
        note: String,
        /// Respond by.
        respond_by: Option<NaiveDate>,
    },
    /// Close a supervision notice with the unit's response.
    CloseSupervision {
        /// Its number within the case.
        no: u32,
        /// The day.
        on: NaiveDate,
        /// The response.
        note: String,
    },
    /// Record a follow-up contact (回访).
    FollowUp {
        /// The day.
        on: NaiveDate,
        /// How.
        method: ContactMethod,
        /// What the petitioner said.
        note: String,
    },
    /// Record how and when a written reply or review decision reached the
    /// petitioner (送达): arts. 35 and 36 count from its receipt. Recording
    /// it again corrects it (e.g. the receipt day learnt later).
    Deliver {
        /// Which document.
        #[serde(flatten)]
        document: Served,
        /// How and when.
        delivery: Delivery,
    },
    /// The lead unit records its receipt (签收) of a 转送/交办 matter: its
    /// acceptance period counts from it (第二十三条第三款).
    Sign {
        /// The day it received the matter.
        on: NaiveDate,
    },
    /// The lead unit objects that the matter is outside its competence
    /// (第二十三条第三款, within 5 working days of receipt): the case goes
    /// back to the office to be routed again.
    Object {
        /// The day.
        on: NaiveDate,
        /// Why it is not the unit's matter.
        reason: String,
    },
    /// Record the petitioner's rating.
    Rate {
        /// The day.
        on: NaiveDate,
        /// The rating.
        level: Satisfaction,
    },
    /// Record that the petitioner accepted the outcome (息诉罢访).
    Settle {
        /// The day.
        on: NaiveDate,
        /// How it was established.
        note: String,
    },
}

impl Action {
    /// The Chinese name of the action, for messages.
    pub fn label(&self) -> &'static str {
        match self {
            Action::Amend { .. } => "修改登记信息",
            Action::LinkRepeat { .. } => "关联重复件",
            Action::Route { routing } => match routing.disposal {
                Disposal::Transfer => "转送",
                Disposal::Assign => "交办",
                Disposal::Direct => "直办",
            },
            Action::Decline { kind, .. } => kind.label(),
            Action::Accept { .. } => "受理",
            Action::Direct { .. } => "导入法定途径",
            Action::Extend { .. } => "延长办理期限",
            Action::Reply { .. } => "答复",
            Action::SendBack { .. } => "退回重办",
            Action::RequestReview { level: ReviewLevel::Review, .. } => "申请复查",
            Action::RequestReview { level: ReviewLevel::ReReview, .. } => "申请复核",
            Action::RecordHearing { .. } => "记录听证",
            Action::DecideReview { level: ReviewLevel::Review, .. } => "作出复查意见",
            Action::DecideReview { level: ReviewLevel::ReReview, .. } => "作出复核意见",
            Action::Supervise { kind, .. } => kind.label(),
            Action::CloseSupervision { .. } => "办结督办",
            Action::FollowUp { .. } => "回访",
            Action::Deliver { document, .. } => match document {
                Served::Reply => "登记答复送达",
                Served::Review { level: ReviewLevel::Review } => "登记复查意见送达",
                Served::Review { level: ReviewLevel::ReReview } => "登记复核意见送达",
            },
            Action::Sign { .. } => "签收",
            Action::Object { .. } => "提出异议",
            Action::Rate { .. } => "满意度评价",
            Action::Settle { .. } => "息诉罢访",
        }
    }
}

/// A change to a case: what happened, in the past tense. The event log is
/// a list of these; a case is their fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// 登记.
    Registered {
        /// The case number given.
        number: String,
        /// What was received.
        intake: Intake,
        /// For a case imported from an old ledger: what the ledger row
        /// states ([`crate::provenance`]). Absent from every other
        /// registration's stored form, so their hashes are unchanged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ledger: Option<Box<LedgerEntry>>,
    },
    /// The registration was corrected.
    Amended {
        /// The corrected intake.
        intake: Intake,
    },
    /// Linked as a repeat of an earlier case.
    LinkedAsRepeat {
        /// The earlier case.
        earlier: CaseId,
    },
    /// Routed.
    Routed {
        /// Where and how.
        routing: Routing,
    },
    /// Refused.
    Declined {
        /// The refusal.
        decline: Decline,
    },
    /// Accepted by the body.
    Accepted {
        /// The day.
        on: NaiveDate,
        /// The accepting body.
        body: UnitId,
    },
    /// Directed into a statutory procedure (第三十一条第一项至第五项).
    Directed {
        /// The notice.
        direction: Direction,
    },
    /// The reply period was extended.
    Extended {
        /// The extension.
        extension: Extension,
    },
    /// The written reply was issued.
    Replied {
        /// The reply.
        reply: Reply,
    },
    /// Sent back to be redone.
    SentBack {
        /// The day.
        on: NaiveDate,
        /// Why.
        reason: String,
        /// The new deadline.
        redo_by: NaiveDate,
    },
    /// A review was asked for.
    ReviewRequested {
        /// Which level.
        level: ReviewLevel,
        /// The day.
        on: NaiveDate,
        /// The reviewing body.
        body: UnitId,
    },
    /// A hearing was held during a 复核.
    HearingRecorded {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
    /// A review was decided.
    ReviewDecided {
        /// Which level.
        level: ReviewLevel,
        /// The decision.
        decision: ReviewDecision,
        /// For a redo order: the new handling's deadline.
        redo_by: Option<NaiveDate>,
    },
    /// A reminder or supervision notice was issued.
    Supervised {
        /// The notice.
        supervision: Supervision,
    },
    /// A supervision notice was closed.
    SupervisionClosed {
        /// Its number.
        no: u32,
        /// How.
        closure: SupervisionClosure,
    },
    /// A follow-up contact was made.
    FollowedUp {
        /// The contact.
        follow_up: FollowUp,
    },
    /// The petitioner rated the handling.
    Rated {
        /// The rating.
        rating: Rating,
    },
    /// The petitioner accepted the outcome.
    Settled {
        /// The record.
        settlement: Settlement,
    },
    /// A written document's delivery (送达) was recorded.
    Delivered {
        /// Which document.
        #[serde(flatten)]
        document: Served,
        /// How and when.
        delivery: Delivery,
    },
    /// The lead unit signed for (签收) the routed matter.
    Signed {
        /// The day.
        on: NaiveDate,
    },
    /// The lead unit objected (异议); the case went back to the office.
    Objected {
        /// The objection.
        objection: Objection,
    },
    /// 合并: the case was taken over from another office's record (e.g. a
    /// township's backup merged into the county's, see [`crate::merge`]),
    /// where it had another number. Recorded right after its registration.
    Imported {
        /// The unit whose record it came from.
        source: UnitId,
        /// Its number there.
        number: String,
    },
}

/// The year whose numbering a registration counts in: the year it was
/// registered, or for a case imported from an old ledger the year it was
/// received (`XF2025-…` for a 2025 row imported in 2026). Deciding,
/// folding and merging all number by it.
pub(crate) fn numbering_year(
    at: NaiveDateTime,
    intake: &Intake,
    ledger: Option<&LedgerEntry>,
) -> i32 {
    use chrono::Datelike as _;
    if ledger.is_some() {
        intake.received_on.year()
    } else {
        at.year()
    }
}

/// A change to a case, recorded at a moment: one kind of event the log
/// holds (see [`crate::event::Event`], which also stores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    /// The case changed.
    pub case: CaseId,
    /// When it was recorded (the clerk's clock, passed in as `now`).
    pub at: NaiveDateTime,
    /// What changed.
    pub change: Change,
}

/// Why a command to the office was refused: a registration, an action on
/// a case or a change to the work ledgers ([`crate::Command`]). Every
/// message is for the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CaseError {
    /// A typed value was invalid.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A work ledger refused the change ([`crate::Command::Work`]): its
    /// own message.
    #[error(transparent)]
    Work(#[from] WorkError),
    /// Work ledgers kept outside the record by an earlier version were
    /// offered after the record began holding work changes.
    #[error(
        "本记录已记有工作台账的变更，早先单独保存的工作台账不能再整体并入：并入会覆盖这些变更"
    )]
    WorkAlreadyRecorded,
    /// The action does not fit the case's stage.
    #[error("案件当前为“{stage}”，不能{action}")]
    WrongStage {
        /// The action tried.
        action: &'static str,
        /// The stage the case is in.
        stage: Stage,
    },
    /// A date lies in the future.
    #[error("{what}日期{date}晚于今天（{today}），不能登记未发生的事项")]
    FutureDate {
        /// Which date.
        what: &'static str,
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A date lies before the step it follows.
    #[error("{what}日期{date}早于{after_what}日期{earliest}")]
    DateTooEarly {
        /// Which date.
        what: &'static str,
        /// The date given.
        date: NaiveDate,
        /// The earlier step.
        after_what: &'static str,
        /// Its date.
        earliest: NaiveDate,
    },
    /// No such case.
    #[error("找不到案件{0}")]
    UnknownCase(CaseId),
    /// No such unit.
    #[error("找不到单位{0}")]
    UnknownUnit(UnitId),
    /// No such person.
    #[error("找不到人员{0}")]
    UnknownPerson(PersonId),
    /// No such category, or it was retired.
    #[error("问题类别{0}不存在或已停用")]
    UnknownCategory(CategoryId),
    /// The unit given as township is not one.
    #[error("“{0}”不是乡镇（街道）")]
    NotATownship(String),
    /// The 五定 of a 交办 are not all fixed.
    #[error("交办须落实“五定”，尚缺：{0}")]
    IncompleteAssignment(String),
    /// A 交办 assignment names another unit than the lead.
    #[error("交办的责任单位应与主办单位一致")]
    AssignmentUnitMismatch,
    /// 五定 given for a 转送 or 直办.
    #[error("只有交办件需要“五定”，转送、直办件不填")]
    AssignmentNotExpected,
    /// A person is not of the unit they were named for.
    #[error("{person}不是{unit}的人员")]
    PersonNotInUnit {
        /// The person's name.
        person: String,
        /// The unit's name.
        unit: String,
    },
    /// A co-handling unit is the lead or listed twice.
    #[error("协办单位不能与主办单位相同，也不能重复")]
    BadCoUnits,
    /// The matter was concluded by 复核 and may not be accepted again.
    #[error(
        "该事项已于{on}经复核终结（案件{number}），同一事实和理由不再受理，应出具不再受理告知书"
    )]
    TerminatedMatter {
        /// The earlier case's number.
        number: String,
        /// The day of its 复核 decision.
        on: NaiveDate,
    },
    /// 不再受理 chosen for a case that does not repeat a terminated matter.
    #[error("只有对已复核终结事项的重复信访才能“不再受理”，本件应为“不予受理”")]
    NotARefiling,
    /// A repeat link that points at the case itself or a later case.
    #[error("重复件只能关联在本件之前登记的案件")]
    BadRepeatLink,
    /// The reply period was already extended.
    #[error("办理期限只能延长一次")]
    AlreadyExtended,
    /// The extension asked for is too long.
    #[error("延长期限最多{max}日")]
    ExtensionTooLong {
        /// The most allowed.
        max: u32,
    },
    /// The extension was approved after the period ended.
    #[error("延期须在办理期限届满（{due}）前批准")]
    ExtensionTooLate {
        /// The end of the period.
        due: NaiveDate,
    },
    /// A reply item without its legal basis (第三十二条: every item's
    /// 处理意见 states its 法律法规依据).
    #[error("信访处理意见书应当载明处理意见的法律法规依据（《信访工作条例》第三十二条）：第{item}项答复事项未填写依据")]
    NoLegalBasis {
        /// The item, counted from 1.
        item: usize,
    },
    /// An extension asked for a matter without 第三十四条's 60-day period.
    #[error(
        "{what}按《信访工作条例》{article}办理，不适用第三十四条的60日办理期限，无须延长办理期限"
    )]
    NoReplyClock {
        /// The kind of matter ([`crate::statute::Track::label`]).
        what: &'static str,
        /// Its article.
        article: &'static str,
    },
    /// 复查/复核 asked for a matter outside 第三十一条第六项.
    #[error("{what}按《信访工作条例》{article}办理，不适用第三十五条、第三十六条的复查、复核")]
    NoReview {
        /// The kind of matter ([`crate::statute::Track::label`]).
        what: &'static str,
        /// Its article.
        article: &'static str,
    },
    /// A direction into a statutory procedure of a matter that is not
    /// 申诉求决类.
    #[error("只有申诉求决类事项才能依照《信访工作条例》第三十一条导入法定途径，本件信访目的为“{purpose}”（{class}）")]
    NotForProcedure {
        /// The case's purpose ([`crate::Purpose::label`]).
        purpose: &'static str,
        /// Its class of the 2022 regulation.
        class: &'static str,
    },
    /// The extension was not approved by a head of the handling body.
    #[error("延长办理期限须经本机关、单位负责人批准（《信访工作条例》第三十四条）：{person}不是{unit}的负责人")]
    ExtensionApprover {
        /// The person named.
        person: String,
        /// The handling unit.
        unit: String,
    },
    /// A 越级访 marked on something that is not a visit.
    #[error("越级访只适用于来访：请将信访形式改为来访，或取消越级访")]
    EscalationNotVisit,
    /// An accused unit named for something that is not an accusation.
    #[error("被反映单位只适用于检举控告：请将信访目的改为检举控告，或不填被反映单位")]
    AccusedUnitNotAccusation,
    /// Nothing of that kind has been issued yet to be delivered.
    #[error("尚未出具{0}，不能登记送达")]
    NothingToDeliver(&'static str),
    /// 签收 or 异议 of a 直办 case, which the body itself received.
    #[error("直办件由本机关直接收到，无需签收或提出异议")]
    DirectNeedsNoReceipt,
    /// The unit already signed for the matter.
    #[error("已于{0}签收")]
    AlreadySigned(NaiveDate),
    /// An objection raised after its 5 working days (第二十三条第三款).
    #[error("异议应当自收到之日起5个工作日内提出（《信访工作条例》第二十三条第三款），已于{due}届满；本单位应依法受理办理")]
    ObjectionTooLate {
        /// The last day to object.
        due: NaiveDate,
    },
    /// A reply must answer at least one claim.
    #[error("处理意见书至少要答复一项诉求")]
    EmptyReply,
    /// A 交办 case's reply needs the 办结报告.
    #[error("交办件答复时须附办结报告")]
    ReportRequired,
    /// The review was asked for too late.
    #[error("已超过申请{level}的期限（{until}前）")]
    ReviewWindowClosed {
        /// Which review.
        level: &'static str,
        /// The last day it could be asked for.
        until: NaiveDate,
    },
    /// The review body is the body whose decision is under review.
    #[error("{level}机关不能是原办理机关")]
    ReviewBySameBody {
        /// Which review.
        level: &'static str,
    },
    /// Hearings are for 复核.
    #[error("听证只在复核期间记录")]
    HearingOutsideReReview,
    /// A redo deadline that is not after the decision.
    #[error("重新办理期限应晚于决定日期")]
    BadRedoDeadline,
    /// A redo deadline given for another outcome.
    #[error("只有“责令重新办理”才需要重新办理期限")]
    RedoDeadlineNotExpected,
    /// The rating window passed.
    #[error("满意度评价期限已于{until}届满（超期未评价）")]
    RatingWindowClosed {
        /// The last day.
        until: NaiveDate,
    },
    /// Already rated.
    #[error("该件已评价，不能重复评价")]
    AlreadyRated,
    /// Already settled.
    #[error("已记录息诉罢访")]
    AlreadySettled,
    /// Nothing has been replied yet.
    #[error("尚未答复，不能{0}")]
    NoReplyYet(&'static str),
    /// No supervision notice of the case is open.
    #[error("该件没有未办结的督办")]
    NoOpenSupervision,
    /// No such supervision notice.
    #[error("该件没有第{0}号督办")]
    UnknownSupervision(u32),
    /// The notice was already closed.
    #[error("第{0}号督办已办结")]
    SupervisionAlreadyClosed(u32),
}

/// What deciding needs besides the case: the clock and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    /// The statutory periods.
    pub rules: &'a ClockRules,
    /// The holiday calendar.
    pub calendar: &'a Calendar,
}

fn non_empty(field: &'static str, s: &str) -> Result<(), CaseError> {
    if s.trim().is_empty() {
        Err(InputError::Empty { field }.into())
    } else {
        Ok(())
    }
}

/// Checks that `date` is not in the future and not before `earliest`.
fn check_date(
    what: &'static str,
    date: NaiveDate,
    after_what: &'static str,
    earliest: NaiveDate,
    today: NaiveDate,
) -> Result<(), CaseError> {
    if date > today {
        return Err(CaseError::FutureDate { what, date, today });
    }
    if date < earliest {
        return Err(CaseError::DateTooEarly { what, date, after_what, earliest });
    }
    Ok(())
}

impl Intake {
    /// Checks what can be checked without the organisation: names, counts,
    /// representatives, the channel-specific fields and the date.
    pub fn validate(&self, today: NaiveDate) -> Result<(), CaseError> {
        if self.received_on > today {
            return Err(CaseError::FutureDate { what: "收件", date: self.received_on, today });
        }
        if self.petitioners.is_empty() {
            return Err(InputError::Empty { field: "信访人" }.into());
        }
        for p in &self.petitioners {
            non_empty("信访人姓名", &p.name)?;
        }
        let named = self.petitioners.len() as i64;
        if i64::from(self.head_count) < named.max(1) || self.head_count > 100_000 {
            return Err(InputError::OutOfRange {
                field: "人数",
                value: self.head_count.into(),
                min: named.max(1),
                max: 100_000,
            }
            .into());
        }
        let reps = self.petitioners.iter().filter(|p| p.representative).count() as i64;
        if reps > 5 {
            return Err(InputError::OutOfRange {
                field: "代表人数", value: reps, min: 0, max: 5
            }
            .into());
        }
        if self.escalation.is_some() && !self.channel.is_visit() {
            return Err(CaseError::EscalationNotVisit);
        }
        if self.accused_unit.is_some() && self.purpose != crate::petition::Purpose::Accusation {
            return Err(CaseError::AccusedUnitNotAccusation);
        }
        non_empty("反映问题", &self.summary)?;
        // Only new registrations and amendments: a stored intake is never
        // checked again (crate::limits).
        self.check_lengths()?;
        Ok(())
    }
}

impl Case {
    /// A new case from its registration. Used by `apply` of
    /// [`Change::Registered`] at the office level.
    pub(crate) fn registered(
        id: CaseId,
        at: NaiveDateTime,
        number: String,
        intake: Intake,
        ledger: Option<Box<LedgerEntry>>,
    ) -> Case {
        Case {
            id,
            number,
            registered_at: at,
            intake,
            routing: None,
            decline: None,
            proceedings: Vec::new(),
            supervision: Vec::new(),
            follow_ups: Vec::new(),
            rating: None,
            settlement: None,
            origin: None,
            signed_on: None,
            objections: Vec::new(),
            direction: None,
            ledger,
        }
    }

    fn wrong_stage(&self, action: &Action) -> CaseError {
        CaseError::WrongStage { action: action.label(), stage: self.stage() }
    }

    /// The case's [`Opening`] for the action, refused in the action's own
    /// words.
    fn open(&self, action: &Action, env: Env<'_>) -> Result<Opening, CaseError> {
        self.opening(action.kind(), env).map_err(|e| match e {
            CaseError::WrongStage { .. } => self.wrong_stage(action),
            e => e,
        })
    }

    /// Decides an action against this case: the changes it makes, or why it
    /// is refused. Checks the stage (by [`Case::opening`], the question a
    /// form asks too), the dates and the statutory periods;
    /// references to units, people and other cases are checked by
    /// [`crate::office::Office::decide`].
    pub fn decide(
        &self,
        action: &Action,
        env: Env<'_>,
        now: NaiveDateTime,
    ) -> Result<Vec<Change>, CaseError> {
        let today = now.date();
        action.check_lengths()?;
        let change = match action {
            Action::Amend { intake } => {
                self.open(action, env)?;
                intake.validate(today)?;
                Change::Amended { intake: intake.clone() }
            }
            Action::LinkRepeat { earlier } => {
                if *earlier >= self.id {
                    return Err(CaseError::BadRepeatLink);
                }
                Change::LinkedAsRepeat { earlier: *earlier }
            }
            Action::Route { routing } => {
                let o = self.open(action, env)?;
                check_date("转送", routing.on, o.after, o.earliest, today)?;
                match (&routing.assignment, routing.disposal) {
                    (None, Disposal::Assign) => {
                        return Err(CaseError::IncompleteAssignment("全部五项".into()));
                    }
                    (Some(_), Disposal::Transfer | Disposal::Direct) => {
                        return Err(CaseError::AssignmentNotExpected);
                    }
                    (Some(a), Disposal::Assign) => {
                        if a.unit() != routing.lead {
                            return Err(CaseError::AssignmentUnitMismatch);
                        }
                        if a.deadline() <= routing.on {
                            return Err(CaseError::DateTooEarly {
                                what: "办结时限",
                                date: a.deadline(),
                                after_what: "交办",
                                earliest: routing.on.succ_opt().unwrap_or(routing.on),
                            });
                        }
                    }
                    (None, _) => {}
                }
                let mut seen = std::collections::BTreeSet::new();
                if routing.co_units.iter().any(|u| *u == routing.lead || !seen.insert(*u)) {
                    return Err(CaseError::BadCoUnits);
                }
                Change::Routed { routing: routing.clone() }
            }
            Action::Decline { on, kind: _, reason, redirect_to: _ } => {
                let o = self.open(action, env)?;
                // Before routing the office refuses; after it, the receiving body.
                let body = match self.stage() {
                    Stage::Routed => self.routing.as_ref().map(|r| r.lead),
                    _ => None,
                };
                check_date("告知", *on, o.after, o.earliest, today)?;
                non_empty("不予受理理由", reason)?;
                let Action::Decline { kind, redirect_to, .. } = action else { unreachable!() };
                Change::Declined {
                    decline: Decline {
                        on: *on,
                        kind: *kind,
                        body,
                        reason: reason.trim().to_string(),
                        redirect_to: redirect_to.trim().to_string(),
                    },
                }
            }
            Action::Accept { on } => {
                let o = self.open(action, env)?;
                check_date("受理", *on, o.after, o.earliest, today)?;
                let body = self.routing.as_ref().map(|r| r.lead).ok_or(self.wrong_stage(action))?;
                Change::Accepted { on: *on, body }
            }
            Action::Direct { on, procedure, reason, redirect_to } => {
                let o = self.open(action, env)?;
                check_date("告知", *on, o.after, o.earliest, today)?;
                let body = match self.current_handling() {
                    Some(h) => h.body,
                    None => {
                        self.routing.as_ref().map(|r| r.lead).ok_or(self.wrong_stage(action))?
                    }
                };
                non_empty("导入法定途径理由", reason)?;
                Change::Directed {
                    direction: Direction {
                        on: *on,
                        procedure: *procedure,
                        body,
                        reason: reason.trim().to_string(),
                        redirect_to: redirect_to.trim().to_string(),
                    },
                }
            }
            Action::Extend { on, days, reason, approved_by } => {
                let o = self.open(action, env)?;
                if *days == 0 || *days > env.rules.max_extension_days {
                    return Err(CaseError::ExtensionTooLong { max: env.rules.max_extension_days });
                }
                check_date("延期批准", *on, o.after, o.earliest, today)?;
                if let Some(due) = o.latest.filter(|due| on > due) {
                    return Err(CaseError::ExtensionTooLate { due });
                }
                non_empty("延期理由", reason)?;
                Change::Extended {
                    extension: Extension {
                        on: *on,
                        days: *days,
                        reason: reason.trim().to_string(),
                        approved_by: *approved_by,
                    },
                }
            }
            Action::Reply { on, items, report } => {
                let o = self.open(action, env)?;
                check_date("答复", *on, o.after, o.earliest, today)?;
                if items.is_empty() {
                    return Err(CaseError::EmptyReply);
                }
                for item in items {
                    non_empty("诉求", &item.claim)?;
                }
                // 第三十二条: every item's 处理意见 states its 法律法规依据.
                if let Some(i) = items.iter().position(|i| i.basis.trim().is_empty()) {
                    return Err(CaseError::NoLegalBasis { item: i + 1 });
                }
                let report =
                    report.as_ref().map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
                let assigned =
                    self.routing.as_ref().is_some_and(|r| r.disposal == Disposal::Assign);
                if assigned && report.is_none() {
                    return Err(CaseError::ReportRequired);
                }
                Change::Replied {
                    reply: Reply { on: *on, items: items.clone(), report, delivery: None },
                }
            }
            Action::SendBack { on, reason, redo_by } => {
                let o = self.open(action, env)?;
                check_date("退回", *on, o.after, o.earliest, today)?;
                non_empty("退回理由", reason)?;
                if redo_by <= on {
                    return Err(CaseError::BadRedoDeadline);
                }
                Change::SentBack { on: *on, reason: reason.trim().to_string(), redo_by: *redo_by }
            }
            Action::RequestReview { level, on, body } => {
                let o = self.open(action, env)?;
                if o.level != Some(*level) {
                    return Err(self.wrong_stage(action));
                }
                check_date("申请", *on, o.after, o.earliest, today)?;
                if let Some(until) = o.latest.filter(|until| on > until) {
                    return Err(CaseError::ReviewWindowClosed { level: level.label(), until });
                }
                let decided_by = match level {
                    ReviewLevel::Review => self.last_handling().map(|h| h.body),
                    ReviewLevel::ReReview => self.review(ReviewLevel::Review).map(|r| r.body),
                };
                if decided_by == Some(*body) {
                    return Err(CaseError::ReviewBySameBody { level: level.label() });
                }
                Change::ReviewRequested { level: *level, on: *on, body: *body }
            }
            Action::RecordHearing { from, to } => {
                let o = self.open(action, env)?;
                check_date("听证开始", *from, o.after, o.earliest, today)?;
                check_date("听证结束", *to, "听证开始", *from, today)?;
                Change::HearingRecorded { from: *from, to: *to }
            }
            Action::DecideReview { level, on, outcome, reasons, redo_by } => {
                let o = self.open(action, env)?;
                if o.level != Some(*level) {
                    return Err(self.wrong_stage(action));
                }
                check_date("决定", *on, o.after, o.earliest, today)?;
                non_empty("复查（复核）理由", reasons)?;
                let redo_by = match (outcome, redo_by) {
                    (ReviewOutcome::Redo, Some(by)) if by <= on => {
                        return Err(CaseError::BadRedoDeadline)
                    }
                    (ReviewOutcome::Redo, Some(by)) => Some(*by),
                    (ReviewOutcome::Redo, None) => {
                        Some(env.rules.period_end(env.calendar, *on, env.rules.reply_days))
                    }
                    (_, Some(_)) => return Err(CaseError::RedoDeadlineNotExpected),
                    (_, None) => None,
                };
                Change::ReviewDecided {
                    level: *level,
                    decision: ReviewDecision {
                        on: *on,
                        outcome: *outcome,
                        reasons: reasons.trim().to_string(),
                        delivery: None,
                    },
                    redo_by,
                }
            }
            Action::Supervise { on, kind, unit, note, respond_by } => {
                let o = self.open(action, env)?;
                check_date("督办", *on, o.after, o.earliest, today)?;
                non_empty("督办事项", note)?;
                if let Some(by) = respond_by {
                    if by < on {
                        return Err(CaseError::DateTooEarly {
                            what: "反馈期限",
                            date: *by,
                            after_what: "督办",
                            earliest: *on,
                        });
                    }
                }
                Change::Supervised {
                    supervision: Supervision {
                        no: self.supervision.len() as u32 + 1,
                        on: *on,
                        kind: *kind,
                        unit: *unit,
                        note: note.trim().to_string(),
                        respond_by: *respond_by,
                        closed: None,
                    },
                }
            }
            Action::CloseSupervision { no, on, note } => {
                let s = self
                    .supervision
                    .iter()
                    .find(|s| s.no == *no)
                    .ok_or(CaseError::UnknownSupervision(*no))?;
                if s.closed.is_some() {
                    return Err(CaseError::SupervisionAlreadyClosed(*no));
                }
                check_date("督办办结", *on, "督办", s.on, today)?;
                non_empty("反馈情况", note)?;
                Change::SupervisionClosed {
                    no: *no,
                    closure: SupervisionClosure { on: *on, note: note.trim().to_string() },
                }
            }
            Action::FollowUp { on, method, note } => {
                let o = self.open(action, env)?;
                check_date("回访", *on, o.after, o.earliest, today)?;
                non_empty("回访情况", note)?;
                Change::FollowedUp {
                    follow_up: FollowUp { on: *on, method: *method, note: note.trim().to_string() },
                }
            }
            Action::Rate { on, level } => {
                let o = self.open(action, env)?;
                check_date("评价", *on, o.after, o.earliest, today)?;
                if let Some(until) = o.latest.filter(|until| on > until) {
                    return Err(CaseError::RatingWindowClosed { until });
                }
                Change::Rated { rating: Rating { on: *on, level: *level } }
            }
            Action::Deliver { document, delivery } => {
                self.open(action, env)?;
                let issued =
                    self.issued(*document).ok_or(CaseError::NothingToDeliver(document.label()))?;
                check_date("送达", delivery.sent_on, "出具", issued, today)?;
                if let Some(received_on) = delivery.received_on {
                    check_date("收到", received_on, "送达", delivery.sent_on, today)?;
                }
                Change::Delivered { document: *document, delivery: *delivery }
            }
            Action::Sign { on } => {
                let o = self.open(action, env)?;
                check_date("签收", *on, o.after, o.earliest, today)?;
                Change::Signed { on: *on }
            }
            Action::Object { on, reason } => {
                let o = self.open(action, env)?;
                let received_on = o.earliest;
                check_date("异议", *on, o.after, received_on, today)?;
                if let Some(due) = o.latest.filter(|due| on > due) {
                    return Err(CaseError::ObjectionTooLate { due });
                }
                let lead = self.routing.as_ref().map(|r| r.lead).ok_or(self.wrong_stage(action))?;
                non_empty("异议理由", reason)?;
                Change::Objected {
                    objection: Objection {
                        on: *on,
                        unit: lead,
                        reason: reason.trim().to_string(),
                        received_on,
                    },
                }
            }
            Action::Settle { on, note } => {
                let o = self.open(action, env)?;
                check_date("息诉罢访", *on, o.after, o.earliest, today)?;
                non_empty("息诉罢访情况", note)?;
                Change::Settled {
                    settlement: Settlement { on: *on, note: note.trim().to_string() },
                }
            }
        };
        Ok(vec![change])
    }

    /// Folds one change into the case. Never fails: changes were decided
    /// against this very state. A change that does not fit (only possible
    /// with a hand-edited log) is ignored rather than corrupting the case.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Registered { .. } => {}
            Change::Amended { intake } => self.intake = intake.clone(),
            Change::LinkedAsRepeat { earlier } => self.intake.repeat_of = Some(*earlier),
            Change::Routed { routing } => self.routing = Some(routing.clone()),
            Change::Declined { decline } => self.decline = Some(decline.clone()),
            Change::Accepted { on, body } => {
                self.proceedings.push(Proceeding::Handling(Handling {
                    body: *body,
                    started_on: *on,
                    cause: HandlingCause::Accepted,
                    redo_by: None,
                    extension: None,
                    reply: None,
                }))
            }
            Change::Directed { direction } => {
                if self.decline.is_none() && self.direction.is_none() {
                    self.direction = Some(direction.clone());
                }
            }
            Change::Extended { extension } => {
                if let Some(Proceeding::Handling(h)) = self.proceedings.last_mut() {
                    h.extension = Some(extension.clone());
                }
            }
            Change::Replied { reply } => {
                if let Some(Proceeding::Handling(h)) = self.proceedings.last_mut() {
                    h.reply = Some(reply.clone());
                }
            }
            Change::SentBack { on, reason, redo_by } => {
                if let Some(body) = self.last_handling().map(|h| h.body) {
                    self.proceedings.push(Proceeding::Handling(Handling {
                        body,
                        started_on: *on,
                        cause: HandlingCause::SentBack { reason: reason.clone() },
                        redo_by: Some(*redo_by),
                        extension: None,
                        reply: None,
                    }));
                }
            }
            Change::ReviewRequested { level, on, body } => {
                self.proceedings.push(Proceeding::Review(Review {
                    level: *level,
                    body: *body,
                    requested_on: *on,
                    hearing_days: 0,
                    hearings: Vec::new(),
                    decision: None,
                }))
            }
            Change::HearingRecorded { from, to } => {
                if let Some(Proceeding::Review(r)) = self.proceedings.last_mut() {
                    r.hearing_days += ((*to - *from).num_days() + 1).clamp(0, 365) as u32;
                    r.hearings.push(Hearing { from: *from, to: *to });
                }
            }
            Change::ReviewDecided { level, decision, redo_by } => {
                if let Some(Proceeding::Review(r)) = self.proceedings.last_mut() {
                    r.decision = Some(decision.clone());
                }
                if let (ReviewOutcome::Redo, Some(body)) =
                    (decision.outcome, self.last_handling().map(|h| h.body))
                {
                    self.proceedings.push(Proceeding::Handling(Handling {
                        body,
                        started_on: decision.on,
                        cause: HandlingCause::Redo { level: *level },
                        redo_by: *redo_by,
                        extension: None,
                        reply: None,
                    }));
                }
            }
            Change::Supervised { supervision } => self.supervision.push(supervision.clone()),
            Change::SupervisionClosed { no, closure } => {
                if let Some(s) = self.supervision.iter_mut().find(|s| s.no == *no) {
                    s.closed = Some(closure.clone());
                }
            }
            Change::FollowedUp { follow_up } => self.follow_ups.push(follow_up.clone()),
            Change::Rated { rating } => self.rating = Some(*rating),
            Change::Settled { settlement } => self.settlement = Some(settlement.clone()),
            Change::Delivered { document, delivery } => match document {
                Served::Reply => {
                    let reply = self.proceedings.iter_mut().rev().find_map(|p| match p {
                        Proceeding::Handling(h) => Some(h),
                        Proceeding::Review(_) => None,
                    });
                    if let Some(r) = reply.and_then(|h| h.reply.as_mut()) {
                        r.delivery = Some(*delivery);
                    }
                }
                Served::Review { level } => {
                    let review = self.proceedings.iter_mut().rev().find_map(|p| match p {
                        Proceeding::Review(r) if r.level == *level => Some(r),
                        _ => None,
                    });
                    if let Some(d) = review.and_then(|r| r.decision.as_mut()) {
                        d.delivery = Some(*delivery);
                    }
                }
            },
            Change::Signed { on } => self.signed_on = Some(*on),
            Change::Objected { objection } => {
                self.objections.push(objection.clone());
                self.routing = None;
                self.signed_on = None;
            }
            Change::Imported { source, number } => {
                self.origin = Some(Origin { source: *source, number: number.clone() })
            }
        }
    }
}
