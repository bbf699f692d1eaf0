//! Every statutory rule the core applies, with its article: the one place
//! to read what the clock follows and why.
//!
//! The rules are those of 《信访工作条例》(2022年2月25日发布，2022年5月1日
//! 起施行), and 《民法典》 arts. 201 and 203 for counting days. Each
//! [`Rule`] names its period, what starts it, how it is counted and the
//! code that applies it; [`Rule::citation`] gives the text a document
//! cites (“《信访工作条例》第三十四条”). [`RULES`] lists them all, in the
//! order of the proceedings.
//!
//! The periods themselves are [`crate::ClockRules`] (editable in the
//! settings, defaults as below); how days are counted is
//! [`crate::Calendar::deadline`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// A statutory rule the core applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// 第二十条第三款: a visit by many elects at most 5 representatives
    /// ([`crate::Intake::validate`]).
    Representatives,
    /// 第二十二条: the petition office registers a matter and, within 15
    /// days of receipt, 转送/交办 it or tells the petitioner where to go
    /// ([`crate::Case::route_due`]).
    Route,
    /// 第二十二条第一款第三项: a 交办 matter is handled within the deadline
    /// set and reported on (办结报告, [`crate::CaseError::ReportRequired`]).
    AssignedReport,
    /// 第二十三条第二款: a matter brought directly to a body is answered in
    /// writing within 15 days of its receipt (直办: counted from the
    /// office's receipt, not stacked on the routing period;
    /// [`crate::Case::acceptance_due`]).
    DirectAnswer,
    /// 第二十三条第三款: a transferred or assigned matter is answered within
    /// 15 days of the unit's receipt (签收; the sending day when no receipt
    /// is recorded; [`crate::Case::acceptance_start`]).
    AcceptTransferred,
    /// 第二十三条第三款: a unit that receives a matter outside its
    /// competence objects within 5 working days of receipt; the office
    /// decides again ([`crate::Case::objection_due`]).
    Objection,
    /// 第二十九条: suggestions and opinions (建议意见类) are studied and
    /// answered; no 60-day clock and no 复查/复核.
    Suggestion,
    /// 第三十条: accusations (检举控告类) go to the discipline and
    /// supervision bodies; 第三十条第三款: their content never reaches the
    /// accused.
    Accusation,
    /// 第三十一条第一项至第五项: matters for litigation, arbitration,
    /// administrative reconsideration and other statutory procedures are
    /// directed to them in writing, with where to go
    /// ([`crate::Action::Direct`]): the notice concludes the matter.
    StatutoryProcedure,
    /// 第三十一条第六项: every other matter is heard, investigated and
    /// answered by a 信访处理意见书; a hearing may be held (no clock effect).
    OrdinaryHandling,
    /// 第三十二条: the 处理意见书 states the request, the facts and
    /// reasons, the decision and its 法律法规依据
    /// ([`crate::CaseError::NoLegalBasis`]).
    ReplyContents,
    /// 第三十四条: an art. 31(六) matter is concluded within 60 days of
    /// acceptance ([`crate::Case::reply_due`]).
    Reply,
    /// 第三十四条: complex matters may be extended once, by at most 30
    /// days, approved by the head (负责人) of the handling body, the reason
    /// told to the petitioner. The extension runs on from the end of the
    /// original period: the reply is due `60 + n` days after acceptance,
    /// moved to a working day once (of the two readings, the one that gives
    /// the petitioner the earlier answer).
    Extension,
    /// 第三十五条: the petitioner may ask the body one level up for 复查
    /// within 30 days of receiving the written reply (收到书面答复之日).
    RequestReview,
    /// 第三十五条: the 复查 body decides within 30 days of the request.
    DecideReview,
    /// 第三十六条第一款: the petitioner may ask the next body up for 复核
    /// within 30 days of receiving the 复查意见书.
    RequestReReview,
    /// 第三十六条第一款: the 复核 body decides within 30 days of the request.
    DecideReReview,
    /// 第三十六条第二款: hearing time does not count in the 复核 period
    /// (only there); excluded as the days they were.
    HearingExcluded,
    /// 第三十六条第三款: after 复核 the same facts and reasons are not
    /// accepted again (不再受理).
    NoLongerAccepted,
    /// 第四十条: late or poor handling is supervised (督办).
    Supervision,
    /// 第四十一条: the petition office compiles an annual report (the 2005
    /// regulations' art. 39 analysis).
    AnnualReport,
    /// 《民法典》第二百零一条: the day of the event does not count; counting
    /// starts the next day.
    PeriodStart,
    /// 《民法典》第二百零三条: a period whose last day is a statutory
    /// holiday ends on the day after the holiday.
    PeriodEnd,
}

/// Which law a rule is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Law {
    /// 《信访工作条例》(2022).
    Regulations2022,
    /// 《中华人民共和国民法典》.
    CivilCode,
}

impl Law {
    /// The title as documents cite it.
    pub fn title(self) -> &'static str {
        match self {
            Law::Regulations2022 => "《信访工作条例》",
            Law::CivilCode => "《中华人民共和国民法典》",
        }
    }
}

/// How a rule's period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counting {
    /// Days as the office's [`crate::ClockRules::count`] says (calendar days
    /// by default, the last day moved to a working day).
    AsConfigured,
    /// Working days, whatever the setting (第二十三条第三款's 5 个工作日).
    WorkingDays,
    /// The rule has no period.
    NoPeriod,
}

/// One rule's data: its article, period, start and counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article {
    /// The rule.
    pub rule: Rule,
    /// The law.
    pub law: Law,
    /// The article, paragraph and item as cited, e.g. “第二十三条第三款”.
    pub article: &'static str,
    /// What the rule is, in Chinese.
    pub name: &'static str,
    /// The statutory period in days (`None`: no period).
    pub days: Option<u32>,
    /// What starts the period.
    pub starts: &'static str,
    /// How it is counted.
    pub counting: Counting,
}

const fn art(
    rule: Rule,
    article: &'static str,
    name: &'static str,
    days: Option<u32>,
    starts: &'static str,
    counting: Counting,
) -> Article {
    Article { rule, law: Law::Regulations2022, article, name, days, starts, counting }
}

/// Every rule, in the order of the proceedings.
pub const RULES: [Article; 23] = [
    art(Rule::Representatives, "第二十条第三款", "走访代表不超过5人", None, "", Counting::NoPeriod),
    art(
        Rule::Route,
        "第二十二条",
        "登记并转送、交办或告知",
        Some(15),
        "信访部门收到信访事项之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::AssignedReport,
        "第二十二条第一款第三项",
        "交办件按期反馈并提交办结报告",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(
        Rule::DirectAnswer,
        "第二十三条第二款",
        "直接受理的事项书面告知",
        Some(15),
        "收到信访事项之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::AcceptTransferred,
        "第二十三条第三款",
        "转送、交办事项书面告知接收情况",
        Some(15),
        "有关单位收到（签收）之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::Objection,
        "第二十三条第三款",
        "不属职权范围的提出异议",
        Some(5),
        "有关单位收到（签收）之日",
        Counting::WorkingDays,
    ),
    art(Rule::Suggestion, "第二十九条", "建议意见类事项", None, "", Counting::NoPeriod),
    art(
        Rule::Accusation,
        "第三十条",
        "检举控告类事项（不得透露给被检举控告人）",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(
        Rule::StatutoryProcedure,
        "第三十一条第一项至第五项",
        "导入诉讼、仲裁、行政复议等法定途径",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(
        Rule::OrdinaryHandling,
        "第三十一条第六项",
        "听取陈述、调查核实、出具信访处理意见书",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(
        Rule::ReplyContents,
        "第三十二条",
        "处理意见书载明法律法规依据",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(Rule::Reply, "第三十四条", "办结并书面答复", Some(60), "受理之日", Counting::AsConfigured),
    art(
        Rule::Extension,
        "第三十四条",
        "经本单位负责人批准延长办理期限",
        Some(30),
        "原办理期限届满之日（接续计算）",
        Counting::AsConfigured,
    ),
    art(
        Rule::RequestReview,
        "第三十五条",
        "请求复查",
        Some(30),
        "收到书面答复之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::DecideReview,
        "第三十五条",
        "提出复查意见",
        Some(30),
        "收到复查请求之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::RequestReReview,
        "第三十六条第一款",
        "请求复核",
        Some(30),
        "收到书面复查意见之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::DecideReReview,
        "第三十六条第一款",
        "提出复核意见",
        Some(30),
        "收到复核请求之日",
        Counting::AsConfigured,
    ),
    art(
        Rule::HearingExcluded,
        "第三十六条第二款",
        "复核听证时间不计入期限",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(
        Rule::NoLongerAccepted,
        "第三十六条第三款",
        "复核后同一事实和理由不再受理",
        None,
        "",
        Counting::NoPeriod,
    ),
    art(Rule::Supervision, "第四十条", "督办", None, "", Counting::NoPeriod),
    art(Rule::AnnualReport, "第四十一条", "信访情况年度报告", None, "", Counting::NoPeriod),
    Article {
        rule: Rule::PeriodStart,
        law: Law::CivilCode,
        article: "第二百零一条",
        name: "开始的当日不计入，自下一日开始计算",
        days: None,
        starts: "",
        counting: Counting::NoPeriod,
    },
    Article {
        rule: Rule::PeriodEnd,
        law: Law::CivilCode,
        article: "第二百零三条",
        name: "最后一日是法定休假日的，以休假日结束的次日为最后一日",
        days: None,
        starts: "",
        counting: Counting::NoPeriod,
    },
];

/// The statutory procedures of 第三十一条第一项至第五项 a 申诉求决类 matter
/// is directed into instead of ordinary handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// (一) 诉讼、复议、检察机关刑事立案或法律监督、公安机关法律程序;
    /// 涉法涉诉事项按法律法规规定的程序处理.
    Judicial,
    /// (二) 仲裁.
    Arbitration,
    /// (三) 党员申诉、申请复审等.
    PartyAppeal,
    /// (四) 行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序.
    Administrative,
    /// (五) 申请查处违法行为、履行保护人身权或者财产权等合法权益职责:
    /// the body performs its duty or answers (依法履行或者答复).
    DutyToAct,
}

impl Procedure {
    /// Every procedure, in the article's order.
    pub const ALL: [Procedure; 5] = [
        Procedure::Judicial,
        Procedure::Arbitration,
        Procedure::PartyAppeal,
        Procedure::Administrative,
        Procedure::DutyToAct,
    ];

    /// The item of 第三十一条, e.g. “第三十一条第二项”.
    pub fn article(self) -> &'static str {
        match self {
            Procedure::Judicial => "第三十一条第一项",
            Procedure::Arbitration => "第三十一条第二项",
            Procedure::PartyAppeal => "第三十一条第三项",
            Procedure::Administrative => "第三十一条第四项",
            Procedure::DutyToAct => "第三十一条第五项",
        }
    }

    /// The procedure's short name, e.g. “仲裁”.
    pub fn label(self) -> &'static str {
        match self {
            Procedure::Judicial => "诉讼、复议等法律程序",
            Procedure::Arbitration => "仲裁",
            Procedure::PartyAppeal => "党员申诉、申请复审",
            Procedure::Administrative => "行政程序",
            Procedure::DutyToAct => "依法履行职责或者答复",
        }
    }

    /// What the petitioner is told in writing: where the matter goes (for a
    /// 不予受理/告知 notice's “向……反映”).
    pub fn notice(self) -> &'static str {
        match self {
            Procedure::Judicial => "依照诉讼、复议或者法律监督等法定程序向有关机关提出",
            Procedure::Arbitration => "依法申请仲裁",
            Procedure::PartyAppeal => "通过党员申诉、申请复审等途径提出",
            Procedure::Administrative => "通过行政复议、行政裁决等行政程序解决",
            Procedure::DutyToAct => "由有权机关依法履行职责或者予以答复",
        }
    }
}

/// Which path of 第二十九条至第三十一条 a matter takes, with the written
/// document it ends in and whether the 60-day clock (第三十四条) and the
/// 复查/复核 chain (第三十五条、第三十六条) apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Track {
    /// 第二十九条: 建议意见类, studied and answered (回复).
    Suggestion,
    /// 第三十条: 检举控告类, handled and fed back by the discipline and
    /// supervision bodies or the competent body under their own rules.
    Accusation,
    /// 第三十一条第一项至第五项: directed into a statutory procedure.
    Procedure(Procedure),
    /// 第三十一条第六项: heard, investigated, answered by a 信访处理意见书.
    Ordinary,
}

impl Track {
    /// The default path of a purpose: 意见建议 → 第二十九条, 检举控告 →
    /// 第三十条, 求决/申诉 (申诉求决类) → 第三十一条第六项 until a statutory
    /// procedure is chosen. 咨询 is none of the three classes; it is
    /// answered like ordinary handling.
    pub fn of(purpose: crate::Purpose) -> Track {
        match purpose {
            crate::Purpose::Suggestion => Track::Suggestion,
            crate::Purpose::Accusation => Track::Accusation,
            crate::Purpose::Request | crate::Purpose::Appeal | crate::Purpose::Enquiry => {
                Track::Ordinary
            }
        }
    }

    /// The article it rests on.
    pub fn article(self) -> &'static str {
        match self {
            Track::Suggestion => "第二十九条",
            Track::Accusation => "第三十条",
            Track::Procedure(p) => p.article(),
            Track::Ordinary => "第三十一条第六项",
        }
    }

    /// The written document the path ends in.
    pub fn document(self) -> &'static str {
        match self {
            Track::Suggestion => "建议意见采纳情况回复",
            Track::Accusation => "检举控告办理情况反馈",
            Track::Procedure(Procedure::DutyToAct) => "依法履职情况答复",
            Track::Procedure(_) => "导入相应程序告知书",
            Track::Ordinary => "信访处理意见书",
        }
    }

    /// What the matter is called in a message, e.g. “建议意见类事项”.
    pub fn label(self) -> &'static str {
        match self {
            Track::Suggestion => "建议意见类事项",
            Track::Accusation => "检举控告类事项",
            Track::Procedure(_) => "已导入法定途径的事项",
            Track::Ordinary => "信访事项",
        }
    }

    /// Whether 第三十四条's 60 days (and its extension) apply.
    pub fn has_reply_clock(self) -> bool {
        self == Track::Ordinary
    }

    /// Whether 复查 and 复核 (第三十五条、第三十六条) apply.
    pub fn allows_review(self) -> bool {
        self == Track::Ordinary
    }
}

impl Rule {
    /// The rule's data.
    ///
    /// # Panics
    ///
    /// Never: every rule is in [`RULES`] (a unit test checks it).
    pub fn article(self) -> &'static Article {
        RULES.iter().find(|a| a.rule == self).expect("every rule is in RULES")
    }

    /// The citation a document prints, e.g. “《信访工作条例》第三十四条”.
    pub fn citation(self) -> String {
        let a = self.article();
        format!("{}{}", a.law.title(), a.article)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.citation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_rule_is_listed_once_with_its_default_period() {
        for (i, a) in RULES.iter().enumerate() {
            assert_eq!(RULES.iter().filter(|b| b.rule == a.rule).count(), 1, "{:?}", a.rule);
            assert_eq!(a.rule.article().article, RULES[i].article);
            assert_eq!(a.days.is_some(), a.counting != Counting::NoPeriod, "{:?}", a.rule);
        }
        let d = crate::ClockRules::default();
        assert_eq!(Rule::Reply.article().days, Some(d.reply_days));
        assert_eq!(Rule::Route.article().days, Some(d.route_days));
        assert_eq!(Rule::Extension.article().days, Some(d.max_extension_days));
        assert_eq!(Rule::RequestReview.article().days, Some(d.request_review_days));
        assert_eq!(Rule::DecideReReview.article().days, Some(d.review_days));
        assert_eq!(Rule::Reply.citation(), "《信访工作条例》第三十四条");
        assert_eq!(Rule::PeriodEnd.to_string(), "《中华人民共和国民法典》第二百零三条");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tracks_follow_articles_29_to_31() {
        use crate::Purpose;
        let table = [
            (Purpose::Suggestion, Track::Suggestion, "第二十九条", false),
            (Purpose::Accusation, Track::Accusation, "第三十条", false),
            (Purpose::Request, Track::Ordinary, "第三十一条第六项", true),
            (Purpose::Appeal, Track::Ordinary, "第三十一条第六项", true),
        ];
        for (purpose, track, article, clock) in table {
            assert_eq!(Track::of(purpose), track);
            assert_eq!(track.article(), article);
            assert_eq!((track.has_reply_clock(), track.allows_review()), (clock, clock));
        }
        let arbitration = Track::Procedure(Procedure::Arbitration);
        assert_eq!(
            (arbitration.article(), arbitration.document()),
            ("第三十一条第二项", "导入相应程序告知书")
        );
        assert!(!arbitration.has_reply_clock());
        assert_eq!(Procedure::ALL.map(Procedure::article)[4], "第三十一条第五项");
        assert_eq!(Track::Ordinary.document(), "信访处理意见书");
        assert_eq!(Procedure::Arbitration.notice(), "依法申请仲裁");
        assert!(Procedure::ALL.iter().all(|p| !p.notice().is_empty() && !p.label().is_empty()));
        assert_eq!(
            (Track::Suggestion.label(), arbitration.label()),
            ("建议意见类事项", "已导入法定途径的事项")
        );
        // Stored in a direction (Change::Directed) by its snake_case name.
        assert_eq!(serde_json::to_string(&Procedure::DutyToAct).unwrap(), "\"duty_to_act\"");
    }
}
