//! A case (信访事项): what was received, where it was routed, and the chain
//! of proceedings (办理 → 复查 → 复核) with their decisions. A `Case` is
//! only ever built by folding its events (see [`crate::lifecycle`]);
//! deadlines are derived from its dates, the [`ClockRules`] and the
//! [`Calendar`], never stored.

pub mod provenance;

use crate::assignment::Assignment;
use crate::calendar::{Calendar, DayCount};
use crate::clock::{ClockRules, Due, DueAction};
use crate::ids::{CaseId, CategoryId, PersonId, UnitId};
use crate::petition::{Channel, Escalation, Petitioner, Purpose};
use crate::routing::Disposal;
use chrono::{NaiveDate, NaiveDateTime};
use provenance::LedgerEntry;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The working days a routed unit has to object (第二十三条第三款).
pub const OBJECTION_WORKING_DAYS: u32 = 5;

/// Everything recorded when a petition is registered (登记).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    /// The day the petition office received it.
    pub received_on: NaiveDate,
    /// The channel it came by.
    pub channel: Channel,
    /// The petitioners, the primary one first; never empty.
    pub petitioners: Vec<Petitioner>,
    /// How many people came or signed (≥ the number of named petitioners).
    pub head_count: u32,
    /// Content category.
    pub category: CategoryId,
    /// Purpose.
    pub purpose: Purpose,
    /// The township (乡镇/街道) where the matter arose, when local.
    pub township: Option<UnitId>,
    /// The village or community, free text (may be empty).
    #[serde(default)]
    pub village: String,
    /// A one-line summary (反映问题).
    pub summary: String,
    /// The full content of the petition.
    #[serde(default)]
    pub content: String,
    /// How far above the competent level the visit went (越级访).
    #[serde(default)]
    pub escalation: Option<Escalation>,
    /// For an accusation: the unit accused. Its staff must not see the content.
    #[serde(default)]
    pub accused_unit: Option<UnitId>,
    /// The earlier case this repeats (重信重访), if any.
    #[serde(default)]
    pub repeat_of: Option<CaseId>,
}

impl Intake {
    /// The primary petitioner.
    pub fn primary(&self) -> Option<&Petitioner> {
        self.petitioners.first()
    }

    /// A collective visit (集体访): a visit by five or more people.
    pub fn is_collective(&self) -> bool {
        self.channel.is_visit() && self.head_count >= 5
    }

    /// A repeat (重信重访) rather than a first petition (初信初访).
    pub fn is_repeat(&self) -> bool {
        self.repeat_of.is_some()
    }
}

/// Where the case was sent, and how (转送/交办/直办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    /// The day it was sent.
    pub on: NaiveDate,
    /// Transfer, assignment or direct handling.
    pub disposal: Disposal,
    /// The lead unit (主办).
    pub lead: UnitId,
    /// Co-handling units (协办).
    #[serde(default)]
    pub co_units: Vec<UnitId>,
    /// The 五定, present exactly when `disposal` is [`Disposal::Assign`].
    #[serde(default)]
    pub assignment: Option<Assignment>,
    /// Why this unit: the routing rule's explanation or the clerk's note.
    #[serde(default)]
    pub explanation: String,
}

/// Which kind of refusal a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineKind {
    /// 不予受理 (or, before routing, 告知 where to go): not a petition
    /// matter for this body; the notice says where to go.
    NotAccepted,
    /// 不再受理: a re-filing of a matter already concluded by 复核.
    NoLongerAccepted,
}

impl DeclineKind {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            DeclineKind::NotAccepted => "不予受理",
            DeclineKind::NoLongerAccepted => "不再受理",
        }
    }
}

/// A written refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decline {
    /// The day of the notice.
    pub on: NaiveDate,
    /// Which refusal.
    pub kind: DeclineKind,
    /// The body that refused (`None`: the petition office before routing).
    pub body: Option<UnitId>,
    /// Why, in words for the petitioner.
    pub reason: String,
    /// Where to go instead (e.g. “人民法院”), may be empty.
    #[serde(default)]
    pub redirect_to: String,
}

/// A 申诉求决类 matter directed into a statutory procedure
/// (第三十一条第一项至第五项) by the handling body, at acceptance or after
/// it: the written notice (告知) says which procedure and where to go, and
/// concludes the matter as a petition. No 60-day clock (第三十四条) and no
/// 复查/复核 (第三十五条、第三十六条) follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    /// The day of the notice.
    pub on: NaiveDate,
    /// Which procedure of 第三十一条.
    pub procedure: crate::statute::Procedure,
    /// The body that gave the notice (the lead unit).
    pub body: UnitId,
    /// Why the matter belongs to that procedure, in words for the petitioner.
    pub reason: String,
    /// The body to go to (e.g. “县劳动人事争议仲裁委员会”), may be empty:
    /// the notice then names the procedure only ([`crate::statute::Procedure::notice`]).
    #[serde(default)]
    pub redirect_to: String,
}

/// An approved extension of the reply period (延长办理期限).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The day it was approved.
    pub on: NaiveDate,
    /// How many days longer.
    pub days: u32,
    /// The reason told to the petitioner.
    pub reason: String,
    /// The head of the body who approved it.
    pub approved_by: PersonId,
}

/// The outcome of one claim in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// 予以支持.
    Support,
    /// 解释说明.
    Explain,
    /// 不予支持.
    Reject,
}

impl ReplyOutcome {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ReplyOutcome::Support => "予以支持",
            ReplyOutcome::Explain => "解释说明",
            ReplyOutcome::Reject => "不予支持",
        }
    }
}

/// One claim of the petition and the answer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyItem {
    /// The claim (诉求).
    pub claim: String,
    /// The outcome.
    pub outcome: ReplyOutcome,
    /// The facts and legal basis.
    #[serde(default)]
    pub basis: String,
}

/// The written reply (处理意见书).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// The day it was issued to the petitioner.
    pub on: NaiveDate,
    /// The answer per claim; never empty.
    pub items: Vec<ReplyItem>,
    /// The handling unit's report (办结报告), required for 交办 cases.
    #[serde(default)]
    pub report: Option<String>,
    /// How and when it reached the petitioner (送达), once recorded.
    /// Never written when absent, so a reply's stored JSON is as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// How a written document reached the petitioner (送达方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    /// 直接送达: handed over (the petitioner signs for it).
    HandedOver,
    /// 邮寄送达: by post.
    Post,
    /// 网上送达: through the online petition system.
    Online,
}

impl DeliveryMethod {
    /// Every method, in display order.
    pub const ALL: [DeliveryMethod; 3] =
        [DeliveryMethod::HandedOver, DeliveryMethod::Post, DeliveryMethod::Online];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            DeliveryMethod::HandedOver => "直接送达",
            DeliveryMethod::Post => "邮寄送达",
            DeliveryMethod::Online => "网上送达",
        }
    }
}

/// The delivery (送达) of a written reply or review decision. Arts. 35
/// and 36 count the petitioner's 30 days “自收到书面答复之日起”: from
/// `received_on` when it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// How.
    pub method: DeliveryMethod,
    /// The day it was handed over, posted or sent.
    pub sent_on: NaiveDate,
    /// The day the petitioner received it, when known (the signature, the
    /// postal receipt, the system's read receipt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
}

/// Which written document a delivery is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "document", rename_all = "snake_case")]
pub enum Served {
    /// The latest 处理意见书.
    Reply,
    /// The 复查意见书 or 复核意见书 of the latest review of the level.
    Review {
        /// Which level.
        level: ReviewLevel,
    },
}

impl Served {
    /// Every document that can be delivered, in the order they are issued.
    pub const ALL: [Served; 3] = [
        Served::Reply,
        Served::Review { level: ReviewLevel::Review },
        Served::Review { level: ReviewLevel::ReReview },
    ];

    /// The Chinese name of the document.
    pub fn label(self) -> &'static str {
        match self {
            Served::Reply => "信访处理意见书",
            Served::Review { level: ReviewLevel::Review } => "复查意见书",
            Served::Review { level: ReviewLevel::ReReview } => "复核意见书",
        }
    }
}

/// Where the petitioner's window (复查/复核 request, rating) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowStart {
    /// The day the petitioner received the document (arts. 35, 36).
    Received(NaiveDate),
    /// Receipt not recorded (no delivery, or a delivery without a receipt
    /// day, e.g. records made before 送达 was kept): counted from the day
    /// of issue, as before, and never the only reason to refuse. The UI
    /// shows [`WindowStart::label`].
    ReceiptUnknown {
        /// The day the document was issued.
        issued: NaiveDate,
    },
}

impl WindowStart {
    /// The day counting starts after.
    pub fn day(self) -> NaiveDate {
        match self {
            WindowStart::Received(d) | WindowStart::ReceiptUnknown { issued: d } => d,
        }
    }

    /// Whether the receipt day is known.
    pub fn is_known(self) -> bool {
        matches!(self, WindowStart::Received(_))
    }

    /// What the clerk is told.
    pub fn label(self) -> String {
        match self {
            WindowStart::Received(d) => format!("自{d}收到书面答复之日起计算"),
            WindowStart::ReceiptUnknown { issued } => format!(
                "未登记送达（收到）日期，暂自{issued}出具之日起计算；期限届满后提出的请求不因期限被拒绝，请核实送达情况"
            ),
        }
    }
}

/// The petitioner's window to ask for the next review (arts. 35, 36).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewWindow {
    /// Which review may be asked for.
    pub level: ReviewLevel,
    /// Where counting starts.
    pub from: WindowStart,
    /// The last day.
    pub until: NaiveDate,
}

/// How a review request stands against its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestTimeliness {
    /// Within 30 days of the known receipt.
    InTime,
    /// Within the window counted from the day of issue; receipt unknown.
    InTimeReceiptUnknown,
    /// After the window counted from the day of issue, receipt unknown:
    /// accepted, for the clerk to check the delivery (待核实送达).
    ReceiptUnknownLate {
        /// The window's last day counted from issue.
        until: NaiveDate,
    },
    /// After the window counted from a receipt recorded after the request
    /// was accepted.
    Late {
        /// The window's last day.
        until: NaiveDate,
    },
}

impl RequestTimeliness {
    /// Whether the clerk should look at it.
    pub fn is_flagged(self) -> bool {
        matches!(
            self,
            RequestTimeliness::ReceiptUnknownLate { .. } | RequestTimeliness::Late { .. }
        )
    }

    /// What the clerk is told.
    pub fn label(self) -> String {
        match self {
            RequestTimeliness::InTime => "在申请期限内".into(),
            RequestTimeliness::InTimeReceiptUnknown => "在申请期限内（自出具之日计算）".into(),
            RequestTimeliness::ReceiptUnknownLate { until } => format!(
                "未登记收到书面答复的日期：自出具之日计算已于{until}届满，已受理，请核实送达情况"
            ),
            RequestTimeliness::Late { until } => {
                format!("按登记的收到日期，申请期限已于{until}届满")
            }
        }
    }
}

/// Where the acceptance period of a routed case starts (art. 23).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptanceStart {
    /// 直办: the matter was brought to the body directly; 15 days from the
    /// office's receipt (第二十三条第二款).
    Received(NaiveDate),
    /// The unit's recorded receipt (签收) of a 转送/交办 (第二十三条第三款).
    Signed(NaiveDate),
    /// No receipt recorded: the sending day, as the UI says.
    SendingDay(NaiveDate),
}

impl AcceptanceStart {
    /// The day counting starts after.
    pub fn day(self) -> NaiveDate {
        match self {
            AcceptanceStart::Received(d)
            | AcceptanceStart::Signed(d)
            | AcceptanceStart::SendingDay(d) => d,
        }
    }

    /// What the clerk is told, e.g. “自2025年10月13日签收之日起计算”.
    pub fn label(self) -> String {
        use crate::cn_text::date_cn;
        match self {
            AcceptanceStart::Received(d) => {
                format!("直办：自{}收到信访事项之日起计算", date_cn(d))
            }
            AcceptanceStart::Signed(d) => format!("自{}签收之日起计算", date_cn(d)),
            AcceptanceStart::SendingDay(d) => {
                format!("未登记签收日期，暂自{}转送（交办）之日起计算", date_cn(d))
            }
        }
    }
}

/// A unit's objection that a routed matter is outside its competence
/// (第二十三条第三款): the case went back to the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    /// The day it was raised.
    pub on: NaiveDate,
    /// The objecting unit.
    pub unit: UnitId,
    /// Why.
    pub reason: String,
    /// The day the unit received the matter (its 签收, else the sending day).
    pub received_on: NaiveDate,
}

/// A hearing (听证) held during a 复核 (第三十六条第二款).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl Reply {
    /// The overall outcome: the least favourable of the items.
    pub fn outcome(&self) -> ReplyOutcome {
        let has = |o| self.items.iter().any(|i| i.outcome == o);
        if has(ReplyOutcome::Reject) {
            ReplyOutcome::Reject
        } else if has(ReplyOutcome::Explain) {
            ReplyOutcome::Explain
        } else {
            ReplyOutcome::Support
        }
    }
}

/// Why a handling round started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HandlingCause {
    /// The case was accepted.
    Accepted,
    /// The petition office sent the report back (退回重办).
    SentBack {
        /// Why the report was not good enough.
        reason: String,
    },
    /// A review ordered the body to handle it again (责令重新办理).
    Redo {
        /// The review level that ordered it.
        level: ReviewLevel,
    },
}

/// One round of handling by the lead unit, ending in a written reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    /// The handling body.
    pub body: UnitId,
    /// The day the round started (acceptance, send-back or redo order).
    pub started_on: NaiveDate,
    /// Why it started.
    pub cause: HandlingCause,
    /// A deadline set explicitly for a redo round.
    #[serde(default)]
    pub redo_by: Option<NaiveDate>,
    /// The one approved extension, if any.
    #[serde(default)]
    pub extension: Option<Extension>,
    /// The reply, once issued.
    #[serde(default)]
    pub reply: Option<Reply>,
}

/// 复查 (review by the body one level up) or 复核 (re-review, the next level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    /// 复查.
    Review,
    /// 复核.
    ReReview,
}

impl ReviewLevel {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ReviewLevel::Review => "复查",
            ReviewLevel::ReReview => "复核",
        }
    }
}

/// The decision of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// 维持: the reply stands.
    Uphold,
    /// 变更: the review body changes the outcome itself.
    Change,
    /// 撤销并责令重新办理: the handling body must handle it again.
    Redo,
}

impl ReviewOutcome {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ReviewOutcome::Uphold => "维持",
            ReviewOutcome::Change => "变更",
            ReviewOutcome::Redo => "责令重新办理",
        }
    }
}

/// A written review decision (复查意见书 / 复核意见书).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    /// The day of the decision.
    pub on: NaiveDate,
    /// The outcome.
    pub outcome: ReviewOutcome,
    /// The reasons.
    pub reasons: String,
    /// How and when it reached the petitioner (送达), once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

/// A 复查 or 复核 proceeding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Which level.
    pub level: ReviewLevel,
    /// The reviewing body.
    pub body: UnitId,
    /// The day the petitioner asked.
    pub requested_on: NaiveDate,
    /// Days of hearings (听证), which do not count against the period.
    #[serde(default)]
    pub hearing_days: u32,
    /// The hearings themselves, for counting them in working days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hearings: Vec<Hearing>,
    /// The decision, once made.
    #[serde(default)]
    pub decision: Option<ReviewDecision>,
}

/// One link of the proceedings chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proceeding {
    /// 办理.
    Handling(Handling),
    /// 复查 or 复核.
    Review(Review),
}

/// How a supervising body pressed the handling unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupervisionKind {
    /// 催办: a reminder.
    Reminder,
    /// 书面督办 (督办函).
    Written,
    /// 电话督办.
    Phone,
    /// 约谈督办.
    Interview,
    /// 实地督办.
    OnSite,
}

impl SupervisionKind {
    /// Every kind, in display order.
    pub const ALL: [SupervisionKind; 5] = [
        SupervisionKind::Reminder,
        SupervisionKind::Written,
        SupervisionKind::Phone,
        SupervisionKind::Interview,
        SupervisionKind::OnSite,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            SupervisionKind::Reminder => "催办",
            SupervisionKind::Written => "书面督办",
            SupervisionKind::Phone => "电话督办",
            SupervisionKind::Interview => "约谈督办",
            SupervisionKind::OnSite => "实地督办",
        }
    }

    /// 督办 rather than a mere 催办.
    pub fn is_notice(self) -> bool {
        self != SupervisionKind::Reminder
    }
}

/// A reminder or supervision notice on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervision {
    /// Its number within the case, from 1.
    pub no: u32,
    /// The day it was issued.
    pub on: NaiveDate,
    /// How.
    pub kind: SupervisionKind,
    /// The unit pressed.
    pub unit: UnitId,
    /// What was required.
    pub note: String,
    /// The day the unit must respond by, if set.
    #[serde(default)]
    pub respond_by: Option<NaiveDate>,
    /// When and how it was closed (the unit responded).
    #[serde(default)]
    pub closed: Option<SupervisionClosure>,
}

/// The closing of a supervision notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionClosure {
    /// The day.
    pub on: NaiveDate,
    /// The unit's response.
    pub note: String,
}

/// How a follow-up contact (回访) was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    /// 电话回访.
    Phone,
    /// 上门回访.
    Visit,
    /// 短信回访.
    Sms,
    /// 信函回访.
    Letter,
}

impl ContactMethod {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ContactMethod::Phone => "电话回访",
            ContactMethod::Visit => "上门回访",
            ContactMethod::Sms => "短信回访",
            ContactMethod::Letter => "信函回访",
        }
    }
}

/// A follow-up contact with the petitioner (回访).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The day.
    pub on: NaiveDate,
    /// How.
    pub method: ContactMethod,
    /// What the petitioner said.
    pub note: String,
}

/// The petitioner's rating of the handling (满意度评价).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 满意.
    Satisfied,
    /// 基本满意.
    Basically,
    /// 不满意.
    Dissatisfied,
}

impl Satisfaction {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "满意",
            Satisfaction::Basically => "基本满意",
            Satisfaction::Dissatisfied => "不满意",
        }
    }

    /// Counts as satisfied for 群众满意率 (满意 + 基本满意).
    pub fn is_positive(self) -> bool {
        self != Satisfaction::Dissatisfied
    }
}

/// A rating given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// The day.
    pub on: NaiveDate,
    /// The rating.
    pub level: Satisfaction,
}

/// Where a case stands on a given day as to its rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingStatus {
    /// No reply yet: nothing to rate.
    NotDue,
    /// Rated.
    Rated(Satisfaction),
    /// 未评价: the window is open until the given day.
    Open {
        /// The last day to rate.
        until: NaiveDate,
    },
    /// 超期未评价: the window passed without a rating.
    Expired,
}

impl RatingStatus {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            RatingStatus::NotDue => "—",
            RatingStatus::Rated(s) => s.label(),
            RatingStatus::Open { .. } => "未评价",
            RatingStatus::Expired => "超期未评价",
        }
    }
}

/// The petitioner accepted the outcome and stopped petitioning (息诉罢访).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    /// The day it was recorded.
    pub on: NaiveDate,
    /// How it was established (e.g. a signed statement).
    pub note: String,
}

/// Where a case is in its lifecycle. Derived from the case, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 待转送: registered, not yet routed.
    Registered,
    /// 待受理: routed, the body has not decided acceptance.
    Routed,
    /// 办理中.
    Handling,
    /// 已答复: replied; the petitioner may still ask for 复查.
    Replied,
    /// 复查中.
    UnderReview,
    /// 已复查: the petitioner may still ask for 复核.
    Reviewed,
    /// 复核中.
    UnderReReview,
    /// 已终结: 复核 decided; the same matter is not accepted again.
    Terminated,
    /// 不予受理 / 不再受理 / 告知.
    Declined,
    /// 已导入法定途径: directed into a statutory procedure by a written
    /// notice (第三十一条第一项至第五项); concluded as a petition.
    Directed,
    /// 已办结（台账）: imported from an old ledger that states the matter
    /// concluded, without the dates or outcome a written reply needs
    /// ([`crate::provenance`]). Owes nothing; nothing follows it.
    Archived,
}

impl Stage {
    /// Every stage, in lifecycle order.
    pub const ALL: [Stage; 11] = [
        Stage::Registered,
        Stage::Routed,
        Stage::Handling,
        Stage::Replied,
        Stage::UnderReview,
        Stage::Reviewed,
        Stage::UnderReReview,
        Stage::Terminated,
        Stage::Declined,
        Stage::Directed,
        Stage::Archived,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Registered => "待转送",
            Stage::Routed => "待受理",
            Stage::Handling => "办理中",
            Stage::Replied => "已答复",
            Stage::UnderReview => "复查中",
            Stage::Reviewed => "已复查",
            Stage::UnderReReview => "复核中",
            Stage::Terminated => "已终结",
            Stage::Declined => "不予受理",
            Stage::Directed => "已导入法定途径",
            Stage::Archived => "已办结（台账）",
        }
    }

    /// Concluded (办结): replied, reviewed, terminated, declined or
    /// directed into a statutory procedure. A concluded case may still move
    /// on if the petitioner asks for a review (where arts. 35 and 36 apply).
    pub fn is_concluded(self) -> bool {
        matches!(
            self,
            Stage::Replied
                | Stage::Reviewed
                | Stage::Terminated
                | Stage::Declined
                | Stage::Directed
                | Stage::Archived
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A case: the fold of its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub(crate) id: CaseId,
    pub(crate) number: String,
    pub(crate) registered_at: NaiveDateTime,
    pub(crate) intake: Intake,
    pub(crate) routing: Option<Routing>,
    pub(crate) decline: Option<Decline>,
    pub(crate) proceedings: Vec<Proceeding>,
    pub(crate) supervision: Vec<Supervision>,
    pub(crate) follow_ups: Vec<FollowUp>,
    pub(crate) rating: Option<Rating>,
    pub(crate) settlement: Option<Settlement>,
    pub(crate) origin: Option<Origin>,
    pub(crate) signed_on: Option<NaiveDate>,
    pub(crate) objections: Vec<Objection>,
    pub(crate) direction: Option<Direction>,
    /// What an old ledger states, for an imported case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) ledger: Option<Box<LedgerEntry>>,
}

/// Where a case merged from another office's record came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The unit whose record it came from (e.g. a township).
    pub source: UnitId,
    /// Its number in that record.
    pub number: String,
}

impl Case {
    /// The id.
    pub fn id(&self) -> CaseId {
        self.id
    }
    /// The case number shown to people, e.g. `XF2025-00017`.
    pub fn number(&self) -> &str {
        &self.number
    }
    /// When it was registered in the system.
    pub fn registered_at(&self) -> NaiveDateTime {
        self.registered_at
    }
    /// What was received.
    pub fn intake(&self) -> &Intake {
        &self.intake
    }
    /// The day it was concluded (办结) by its latest concluding act — the
    /// refusal, or the last proceeding's reply or review decision; `None`
    /// while it is open.
    pub fn concluded_on(&self) -> Option<NaiveDate> {
        if !self.stage().is_concluded() {
            return None;
        }
        if let Some(decline) = &self.decline {
            return Some(decline.on);
        }
        if let Some(direction) = &self.direction {
            return Some(direction.on);
        }
        if self.stage() == Stage::Archived {
            return self.ledger.as_ref().and_then(|l| l.closed.as_ref()).and_then(|c| c.on);
        }
        match self.proceedings.last()? {
            Proceeding::Review(r) => r.decision.as_ref().map(|d| d.on),
            Proceeding::Handling(h) => h.reply.as_ref().map(|r| r.on),
        }
    }

    /// The record it was merged from, if it came from another office's.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }
    /// Where it was routed, once it was.
    pub fn routing(&self) -> Option<&Routing> {
        self.routing.as_ref()
    }
    /// The refusal, if it was refused.
    pub fn decline(&self) -> Option<&Decline> {
        self.decline.as_ref()
    }
    /// The direction into a statutory procedure (第三十一条第一项至第五项),
    /// if the matter was directed.
    pub fn direction(&self) -> Option<&Direction> {
        self.direction.as_ref()
    }
    /// The proceedings chain, oldest first.
    pub fn proceedings(&self) -> &[Proceeding] {
        &self.proceedings
    }
    /// Reminders and supervision notices.
    pub fn supervision(&self) -> &[Supervision] {
        &self.supervision
    }
    /// Follow-up contacts.
    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.follow_ups
    }
    /// The rating, if given.
    pub fn rating(&self) -> Option<Rating> {
        self.rating
    }
    /// The settlement (息诉罢访), if recorded.
    pub fn settlement(&self) -> Option<&Settlement> {
        self.settlement.as_ref()
    }

    /// The day acceptance was decided in favour (受理), if it was.
    pub fn accepted_on(&self) -> Option<NaiveDate> {
        match self.proceedings.first() {
            Some(Proceeding::Handling(h)) => Some(h.started_on),
            _ => None,
        }
    }

    /// The current handling round, if the last proceeding is one.
    pub fn current_handling(&self) -> Option<&Handling> {
        match self.proceedings.last() {
            Some(Proceeding::Handling(h)) => Some(h),
            _ => None,
        }
    }

    /// The latest handling round, whatever came after it.
    pub fn last_handling(&self) -> Option<&Handling> {
        self.proceedings.iter().rev().find_map(|p| match p {
            Proceeding::Handling(h) => Some(h),
            Proceeding::Review(_) => None,
        })
    }

    /// The latest review of the given level.
    pub fn review(&self, level: ReviewLevel) -> Option<&Review> {
        self.proceedings.iter().rev().find_map(|p| match p {
            Proceeding::Review(r) if r.level == level => Some(r),
            _ => None,
        })
    }

    /// The first written reply (the one the 按期办结率 and rating refer to).
    pub fn first_reply(&self) -> Option<&Reply> {
        self.proceedings.iter().find_map(|p| match p {
            Proceeding::Handling(h) => h.reply.as_ref(),
            Proceeding::Review(_) => None,
        })
    }

    /// The day `document` was issued, if it was: what [`crate::Action::Deliver`]
    /// names (the latest round's reply, the latest decision of a review level).
    pub fn issued(&self, document: Served) -> Option<NaiveDate> {
        match document {
            Served::Reply => self.last_reply().map(|r| r.on),
            Served::Review { level } => {
                self.review(level).and_then(|r| r.decision.as_ref()).map(|d| d.on)
            }
        }
    }

    /// The latest written reply.
    pub fn last_reply(&self) -> Option<&Reply> {
        self.last_handling().and_then(|h| h.reply.as_ref())
    }

    /// Whether a 复核 has been decided: the matter is final (终结).
    pub fn rereview_decided(&self) -> bool {
        self.proceedings.iter().any(|p| {
            matches!(p, Proceeding::Review(r) if r.level == ReviewLevel::ReReview && r.decision.is_some())
        })
    }

    /// The stage.
    pub fn stage(&self) -> Stage {
        if self.decline.is_some() {
            return Stage::Declined;
        }
        if self.direction.is_some() {
            return Stage::Directed;
        }
        // Concluded by the ledger's word: nothing replied since (an
        // acceptance the ledger dates may precede it).
        let unreplied = self
            .proceedings
            .iter()
            .all(|p| matches!(p, Proceeding::Handling(h) if h.reply.is_none()));
        if unreplied && self.ledger.as_ref().is_some_and(|l| l.closed.is_some()) {
            return Stage::Archived;
        }
        let Some(last) = self.proceedings.last() else {
            return if self.routing.is_some() { Stage::Routed } else { Stage::Registered };
        };
        match last {
            Proceeding::Handling(h) if h.reply.is_none() => Stage::Handling,
            Proceeding::Handling(_) if self.rereview_decided() => Stage::Terminated,
            Proceeding::Handling(_) => Stage::Replied,
            Proceeding::Review(r) => match (r.level, &r.decision) {
                (ReviewLevel::Review, None) => Stage::UnderReview,
                (ReviewLevel::ReReview, None) => Stage::UnderReReview,
                (ReviewLevel::Review, Some(_)) => Stage::Reviewed,
                (ReviewLevel::ReReview, Some(_)) => Stage::Terminated,
            },
        }
    }

    /// The body currently responsible: the lead unit while at the handling
    /// stage, the review body during a review, `None` at the office or when done.
    pub fn responsible_body(&self) -> Option<UnitId> {
        match self.stage() {
            Stage::Routed => self.routing.as_ref().map(|r| r.lead),
            Stage::Handling => self.current_handling().map(|h| h.body),
            Stage::UnderReview | Stage::UnderReReview => match self.proceedings.last() {
                Some(Proceeding::Review(r)) => Some(r.body),
                _ => None,
            },
            _ => None,
        }
    }

    /// The last day to route the case (登记转送, 第二十二条): 15 days from
    /// the office's receipt. After a unit's objection (第二十三条第三款) the
    /// office decides again; the 条例 sets no period for that, and the core
    /// reads the objection as a new receipt: `route_days` from its day.
    pub fn route_due(&self, rules: &ClockRules, cal: &Calendar) -> NaiveDate {
        let from = self.objections.last().map_or(self.intake.received_on, |o| o.on);
        rules.period_end(cal, from, rules.route_days)
    }

    /// The path the matter takes (第二十九条至第三十一条): by its purpose,
    /// or the statutory procedure it was directed into ([`Case::direction`]).
    /// The 60-day reply clock and its extension (第三十四条) apply only where
    /// [`Track::has_reply_clock`](crate::statute::Track::has_reply_clock),
    /// 复查/复核 only where
    /// [`Track::allows_review`](crate::statute::Track::allows_review).
    pub fn track(&self) -> crate::statute::Track {
        match &self.direction {
            Some(d) => crate::statute::Track::Procedure(d.procedure),
            None => crate::statute::Track::of(self.intake.purpose),
        }
    }

    /// The day the lead unit recorded its receipt (签收) of the matter.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.signed_on
    }

    /// The objections of units that received the matter outside their
    /// competence (第二十三条第三款), oldest first.
    pub fn objections(&self) -> &[Objection] {
        &self.objections
    }

    /// Where the acceptance period of the routed case starts (第二十三条):
    /// for 直办 the office's receipt of the matter (第二款: 15 days in all,
    /// not 15 to route and 15 more to accept); for 转送/交办 the unit's
    /// 签收 (第三款), else the sending day.
    pub fn acceptance_start(&self) -> Option<AcceptanceStart> {
        let r = self.routing.as_ref()?;
        Some(match (r.disposal, self.signed_on) {
            (Disposal::Direct, _) => AcceptanceStart::Received(self.intake.received_on),
            (_, Some(on)) => AcceptanceStart::Signed(on),
            (_, None) => AcceptanceStart::SendingDay(r.on),
        })
    }

    /// The last day for the receiving body to decide acceptance, once
    /// routed: `accept_days` after [`Case::acceptance_start`].
    pub fn acceptance_due(&self, rules: &ClockRules, cal: &Calendar) -> Option<NaiveDate> {
        self.acceptance_start().map(|s| rules.period_end(cal, s.day(), rules.accept_days))
    }

    /// The last day a routed unit may object that the matter is outside its
    /// competence: 5 working days after its receipt (第二十三条第三款),
    /// working days whatever [`ClockRules::count`] says. `None` for 直办
    /// and unrouted cases.
    pub fn objection_due(&self, cal: &Calendar) -> Option<NaiveDate> {
        match self.acceptance_start()? {
            AcceptanceStart::Received(_) => None,
            s => Some(cal.deadline(s.day(), OBJECTION_WORKING_DAYS, DayCount::Working)),
        }
    }

    /// The last day to reply in a handling round (with its extension, and no
    /// later than the 交办 deadline for the first round); `None` when the
    /// round has no deadline.
    ///
    /// 第三十四条's 60 days and extension apply only to matters of
    /// 第三十一条第六项 ([`Case::track`]): a suggestion (第二十九条), an
    /// accusation (第三十条) or a matter directed into a statutory procedure
    /// has no statutory reply deadline. Such a round is still bound by a
    /// deadline the office set itself: the 交办 deadline of the 五定
    /// (第二十二条第一款第三项) or the redo deadline of a 退回重办; without
    /// one it has none.
    ///
    /// An extension runs on from the end of the original period (第三十四条):
    /// for the statutory period the reply is due `reply_days + n` days after
    /// acceptance, moved to a working day once. The other reading (the
    /// original end moved to a working day first, then `n` more days) is
    /// never earlier; of the two the law is read as the one that gives the
    /// petitioner the earlier answer. A 交办 or redo deadline is a fixed day:
    /// the extension runs on from it.
    pub fn reply_due(
        &self,
        handling: &Handling,
        rules: &ClockRules,
        cal: &Calendar,
    ) -> Option<NaiveDate> {
        let clock = self.track().has_reply_clock();
        // An extension exists only under 第三十四条; one recorded on another
        // track (a record kept before the articles were enforced) is moot.
        let ext = handling.extension.as_ref().filter(|_| clock).map_or(0, |e| e.days);
        let fixed = match handling.redo_by {
            Some(by) => Some(by),
            None => match (&handling.cause, self.routing.as_ref()) {
                (HandlingCause::Accepted, Some(r)) => r.assignment.as_ref().map(|a| a.deadline()),
                _ => None,
            },
        };
        let statutory =
            clock.then(|| rules.period_end(cal, handling.started_on, rules.reply_days + ext));
        let fixed = fixed.map(|by| if ext == 0 { by } else { rules.period_end(cal, by, ext) });
        match (fixed, handling.redo_by, statutory) {
            (Some(by), Some(_), _) | (Some(by), None, None) => Some(by),
            (Some(by), None, Some(statutory)) => Some(by.min(statutory)),
            (None, _, statutory) => statutory,
        }
    }

    /// The reply deadline of a round before any extension: the date an
    /// extension must be approved by (`None` as for [`Case::reply_due`]).
    pub fn reply_due_unextended(
        &self,
        handling: &Handling,
        rules: &ClockRules,
        cal: &Calendar,
    ) -> Option<NaiveDate> {
        let mut h = handling.clone();
        h.extension = None;
        self.reply_due(&h, rules, cal)
    }

    /// The days a review's hearings stop its clock: only a 复核's
    /// (第三十六条第二款), as the days they were — calendar days, or in
    /// working-day mode the working days among them.
    pub fn excluded_hearing_days(review: &Review, rules: &ClockRules, cal: &Calendar) -> u32 {
        if review.level != ReviewLevel::ReReview {
            return 0;
        }
        match rules.count {
            DayCount::Calendar => review.hearing_days,
            // Every recorded hearing is kept with its days (`hearing_days`
            // is their calendar-day sum).
            DayCount::Working => review
                .hearings
                .iter()
                .map(|h| {
                    let before = h.from.pred_opt().unwrap_or(h.from);
                    cal.elapsed_days(before, h.to, DayCount::Working).clamp(0, 366) as u32
                })
                .sum(),
        }
    }

    /// The last day to decide a review (第三十五条, 第三十六条): 30 days from
    /// the request, hearing days of a 复核 not counted.
    pub fn review_due(&self, review: &Review, rules: &ClockRules, cal: &Calendar) -> NaiveDate {
        let excluded = Self::excluded_hearing_days(review, rules, cal);
        rules.period_end(cal, review.requested_on, rules.review_days + excluded)
    }

    /// The day a served document was issued and its delivery, for the
    /// document the proceeding at `index` asks about: a review's request is
    /// about the reply (复查) or 复查意见书 (复核) before it.
    fn served_before(&self, index: usize) -> Option<(NaiveDate, Option<Delivery>)> {
        let Proceeding::Review(review) = self.proceedings.get(index)? else { return None };
        self.proceedings[..index].iter().rev().find_map(|p| match (review.level, p) {
            (ReviewLevel::Review, Proceeding::Handling(h)) => {
                h.reply.as_ref().map(|r| (r.on, r.delivery))
            }
            // The review nearest before a 复核 is always its 复查.
            (ReviewLevel::ReReview, Proceeding::Review(r)) => {
                r.decision.as_ref().map(|d| (d.on, d.delivery))
            }
            _ => None,
        })
    }

    /// Where a petitioner's window starts for a document issued on
    /// `issued` with `delivery`.
    fn window_start(issued: NaiveDate, delivery: Option<Delivery>) -> WindowStart {
        match delivery.and_then(|d| d.received_on) {
            Some(on) => WindowStart::Received(on),
            None => WindowStart::ReceiptUnknown { issued },
        }
    }

    /// The petitioner's window to ask for the next review, when one may be
    /// asked for now: 30 days from receiving the reply (复查, 第三十五条) or
    /// the 复查意见书 (复核, 第三十六条), counted from the day of issue when
    /// receipt is unknown (then [`WindowStart::ReceiptUnknown`]). `None`
    /// where the matter's track has no 复查/复核 ([`Case::track`]).
    pub fn review_window(&self, rules: &ClockRules, cal: &Calendar) -> Option<ReviewWindow> {
        if !self.track().allows_review() {
            return None;
        }
        let (level, issued, delivery) = match self.stage() {
            Stage::Replied => {
                let r = self.last_reply()?;
                (ReviewLevel::Review, r.on, r.delivery)
            }
            Stage::Reviewed => {
                let d = self.review(ReviewLevel::Review)?.decision.as_ref()?;
                (ReviewLevel::ReReview, d.on, d.delivery)
            }
            _ => return None,
        };
        let from = Self::window_start(issued, delivery);
        Some(ReviewWindow {
            level,
            from,
            until: rules.period_end(cal, from.day(), rules.request_review_days),
        })
    }

    /// The last day the petitioner may ask for the next review level, when
    /// one may be asked for now (see [`Case::review_window`]).
    pub fn review_request_until(
        &self,
        rules: &ClockRules,
        cal: &Calendar,
    ) -> Option<(ReviewLevel, NaiveDate)> {
        self.review_window(rules, cal).map(|w| (w.level, w.until))
    }

    /// How the request of the review at `index` in [`Case::proceedings`]
    /// stands against its window, as the record stands now (a receipt
    /// recorded after the request counts). `None` when `index` is not a
    /// review.
    pub fn request_timeliness(
        &self,
        index: usize,
        rules: &ClockRules,
        cal: &Calendar,
    ) -> Option<RequestTimeliness> {
        let Proceeding::Review(review) = self.proceedings.get(index)? else { return None };
        let (issued, delivery) = self.served_before(index)?;
        let from = Self::window_start(issued, delivery);
        let until = rules.period_end(cal, from.day(), rules.request_review_days);
        let late = review.requested_on > until;
        Some(match (from.is_known(), late) {
            (true, false) => RequestTimeliness::InTime,
            (true, true) => RequestTimeliness::Late { until },
            (false, false) => RequestTimeliness::InTimeReceiptUnknown,
            (false, true) => RequestTimeliness::ReceiptUnknownLate { until },
        })
    }

    /// What an old ledger states about the case, if it was imported from
    /// one ([`crate::provenance`]).
    pub fn ledger(&self) -> Option<&LedgerEntry> {
        self.ledger.as_deref()
    }

    /// Whether a duty of an imported case cannot be judged: its ledger
    /// does not give the day the routing was made, so neither that
    /// routing's timeliness nor the acceptance period it starts (unless a
    /// 签收 was recorded since) is known. Such a duty is never overdue and
    /// the indicators leave it out, counting it as not judged. A case
    /// registered here, and every duty after a dated acceptance, is judged.
    pub fn duty_unknown(&self, action: DueAction) -> bool {
        let Some(ledger) = &self.ledger else { return false };
        match action {
            DueAction::Route => !ledger.routed_on_stated,
            DueAction::DecideAcceptance => !ledger.routed_on_stated && self.signed_on.is_none(),
            DueAction::Reply | DueAction::DecideReview | DueAction::DecideReReview => false,
        }
    }

    /// What the case owes next, by when and from whom; `None` when it owes
    /// nothing (concluded, or waiting on the petitioner) or owes it by no
    /// deadline (a reply to a suggestion or an accusation, 第二十九条、
    /// 第三十条, not bound by a 交办 or redo deadline: see [`Case::reply_due`]).
    pub fn next_due(&self, rules: &ClockRules, cal: &Calendar) -> Option<Due> {
        let due = |action, start: NaiveDate, by: NaiveDate, body| Due {
            action,
            by,
            body,
            provisional: cal.is_provisional(start, by),
        };
        match self.stage() {
            Stage::Registered if self.duty_unknown(DueAction::Route) => None,
            Stage::Routed if self.duty_unknown(DueAction::DecideAcceptance) => None,
            Stage::Registered => {
                let start = self.objections.last().map_or(self.intake.received_on, |o| o.on);
                Some(due(DueAction::Route, start, self.route_due(rules, cal), None))
            }
            Stage::Routed => Some(due(
                DueAction::DecideAcceptance,
                self.acceptance_start()?.day(),
                self.acceptance_due(rules, cal)?,
                self.routing.as_ref().map(|r| r.lead),
            )),
            Stage::Handling => {
                let h = self.current_handling()?;
                Some(due(
                    DueAction::Reply,
                    h.started_on,
                    self.reply_due(h, rules, cal)?,
                    Some(h.body),
                ))
            }
            Stage::UnderReview | Stage::UnderReReview => {
                let Some(Proceeding::Review(r)) = self.proceedings.last() else { return None };
                let action = match r.level {
                    ReviewLevel::Review => DueAction::DecideReview,
                    ReviewLevel::ReReview => DueAction::DecideReReview,
                };
                Some(due(action, r.requested_on, self.review_due(r, rules, cal), Some(r.body)))
            }
            Stage::Replied
            | Stage::Reviewed
            | Stage::Terminated
            | Stage::Declined
            | Stage::Directed
            | Stage::Archived => None,
        }
    }

    /// Whether the case is late on `today` with what it owes.
    pub fn is_overdue(&self, today: NaiveDate, rules: &ClockRules, cal: &Calendar) -> bool {
        self.next_due(rules, cal).is_some_and(|d| d.is_overdue(today))
    }

    /// Where the rating window starts: the petitioner's receipt of the
    /// first reply, else its day of issue (as for reviews).
    pub fn rating_window_start(&self) -> Option<WindowStart> {
        self.first_reply().map(|r| Self::window_start(r.on, r.delivery))
    }

    /// The last day the petitioner may rate the handling, once replied:
    /// the rating window counted from [`Case::rating_window_start`].
    pub fn rating_until(&self, rules: &ClockRules, cal: &Calendar) -> Option<NaiveDate> {
        self.rating_window_start().map(|s| rules.period_end(cal, s.day(), rules.rating_window_days))
    }

    /// The rating as it stands on `today`.
    pub fn rating_status(
        &self,
        today: NaiveDate,
        rules: &ClockRules,
        cal: &Calendar,
    ) -> RatingStatus {
        if let Some(r) = self.rating {
            return RatingStatus::Rated(r.level);
        }
        match self.rating_until(rules, cal) {
            None => RatingStatus::NotDue,
            Some(until) if today > until => RatingStatus::Expired,
            Some(until) => RatingStatus::Open { until },
        }
    }

    /// Open supervision notices and reminders.
    pub fn open_supervision(&self) -> impl Iterator<Item = &Supervision> {
        self.supervision.iter().filter(|s| s.closed.is_none())
    }
}
