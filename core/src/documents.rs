//! The written documents of a case (告知书, 处理意见书, 复查/复核意见书,
//! 交办函, 督办函) as plain data: issuing body, title, document number,
//! addressee, body paragraphs, signing unit and date. Built from the case
//! and the office's settings only, as the core decides them, so every front
//! end prints the same; a print page lays them out.
//!
//! Every document cites the article it rests on ([`Rule::citation`]:
//! “根据《信访工作条例》第三十四条规定”), and a date counted over a year whose
//! holidays are not entered yet says so (“（暂定，遇法定节假日依法顺延）”).
//!
//! Privacy: a document never carries a petitioner's identity number or
//! phone. Letters to a unit (交办函, 督办函) leave out the content of an
//! accusation when that unit is the accused one.

use crate::case::{
    AcceptanceStart, Case, DeclineKind, Handling, HandlingCause, Proceeding, Reply, ReviewLevel,
    ReviewOutcome, Supervision, SupervisionKind,
};
use crate::cn_text::{chinese_number, date_cn, date_official};
use crate::ids::{CaseId, UnitId};
use crate::office::Office;
use crate::org::{Organisation, UnitKind};
use crate::routing::Disposal;
use crate::settings::Settings;
use crate::statute::{Rule, Track};
use chrono::{Datelike, NaiveDate};

use crate::access::{Access, Viewer};

/// The written documents of a case, each resting on an article of the
/// 《信访工作条例》 (see each builder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// 受理告知书.
    Acceptance,
    /// 不予受理告知书 (also 不再受理告知书).
    Refusal,
    /// 导入相应程序告知书 (第三十一条第一项至第五项), or for 第五项 the
    /// 依法履职情况答复.
    Direction,
    /// 延长办理期限告知书.
    Extension,
    /// 处理意见书.
    Reply,
    /// 复查意见书.
    ReviewDecision,
    /// 复核意见书.
    ReReviewDecision,
    /// 交办函.
    Assignment,
    /// 督办函 (the supervision notice with this number within the case).
    Supervision(u32),
}

/// A document ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialDocument {
    /// Which document.
    pub kind: DocumentKind,
    /// The issuing body as the heading (e.g. `安和县人民政府信访局`).
    pub issuer: String,
    /// The title, e.g. `受理告知书`.
    pub title: String,
    /// The document number, e.g. `安信受告〔2026〕12号`.
    pub number: String,
    /// The addressee with its colon, e.g. `张某某：`.
    pub addressee: String,
    /// The body, one paragraph per entry.
    pub body: Vec<String>,
    /// The signing unit (the issuer).
    pub signature: String,
    /// The date of the document.
    pub date: NaiveDate,
}

impl OfficialDocument {
    /// The date as written under the signature: `二〇二六年十一月二十三日`.
    pub fn date_text(&self) -> String {
        date_official(self.date)
    }

    /// Every text of the document joined (for checks and searching).
    pub fn full_text(&self) -> String {
        let mut parts = vec![
            self.issuer.clone(),
            self.title.clone(),
            self.number.clone(),
            self.addressee.clone(),
        ];
        parts.extend(self.body.iter().cloned());
        parts.push(self.signature.clone());
        parts.push(self.date_text());
        parts.join("\n")
    }
}

/// Why a document cannot be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// No case with this id in the open record.
    NoCase,
    /// The case has not (yet) produced this document.
    NotIssued(DocumentKind),
    /// An accusation against the unit whose view is open: none of its
    /// documents is shown to it (a reply's text may repeat the accusation).
    Hidden,
    /// A case the unit whose view is open does not handle.
    Refused,
}

impl Unavailable {
    /// The message in Chinese.
    pub fn zh(self) -> String {
        match self {
            Unavailable::NoCase => "找不到该案件。".into(),
            Unavailable::Hidden => "该件为检举控告事项，其文书不向被检举单位提供。".into(),
            Unavailable::Refused => format!("{}。", crate::access::REFUSED),
            Unavailable::NotIssued(doc) => {
                let why = match doc {
                    DocumentKind::Acceptance => "本案尚未作出受理决定",
                    DocumentKind::Refusal => "本案未作出不予受理或不再受理决定",
                    DocumentKind::Direction => "本案未导入法定途径",
                    DocumentKind::Extension => "本案未延长办理期限",
                    DocumentKind::Reply => "本案尚未作出书面答复",
                    DocumentKind::ReviewDecision => "本案尚未作出复查意见",
                    DocumentKind::ReReviewDecision => "本案尚未作出复核意见",
                    DocumentKind::Assignment => "本案不是交办件（未按“五定”交办）",
                    DocumentKind::Supervision(_) => "本案没有这一编号的督办记录",
                };
                format!("{why}，暂无{}可以打印。", doc_name_zh(doc))
            }
        }
    }

    /// The message in English (the document names stay Chinese).
    pub fn en(self) -> String {
        match self {
            Unavailable::NoCase => "There is no such case in this record.".into(),
            Unavailable::Refused => "This unit may not view this case.".into(),
            Unavailable::Hidden => {
                "This is an accusation against the unit whose view is open: its documents are \
                 not shown to it."
                    .into()
            }
            Unavailable::NotIssued(doc) => {
                let why = match doc {
                    DocumentKind::Acceptance => "The case has not been accepted yet",
                    DocumentKind::Refusal => "The case was not refused",
                    DocumentKind::Direction => "The case was not directed to a statutory procedure",
                    DocumentKind::Extension => "The handling period of this case was not extended",
                    DocumentKind::Reply => "The case has no written reply yet",
                    DocumentKind::ReviewDecision => "There is no review (复查) decision yet",
                    DocumentKind::ReReviewDecision => "There is no re-review (复核) decision yet",
                    DocumentKind::Assignment => "The case was not assigned with the 五定",
                    DocumentKind::Supervision(_) => {
                        "The case has no supervision notice with this number"
                    }
                };
                format!("{why}: there is no {} to print.", doc_name_zh(doc))
            }
        }
    }
}

/// The Chinese name of a document kind (for messages and links).
pub fn doc_name_zh(doc: DocumentKind) -> &'static str {
    match doc {
        DocumentKind::Acceptance => "受理告知书",
        DocumentKind::Refusal => "不予受理告知书",
        DocumentKind::Direction => "导入相应程序告知书",
        DocumentKind::Extension => "延长办理期限告知书",
        DocumentKind::Reply => "处理意见书",
        DocumentKind::ReviewDecision => "复查意见书",
        DocumentKind::ReReviewDecision => "复核意见书",
        DocumentKind::Assignment => "交办函",
        DocumentKind::Supervision(_) => "督办函",
    }
}

/// Builds a document of a case, or says why there is none.
pub fn build(
    office: &Office,
    id: CaseId,
    doc: DocumentKind,
) -> Result<OfficialDocument, Unavailable> {
    build_for(office, id, doc, Viewer::Office)
}

/// Builds a document as `viewer` may see it (the core's rule, see
/// [`crate::access`]): none for a case a unit does not handle, and none of
/// an accusation withheld from it.
pub fn build_for(
    office: &Office,
    id: CaseId,
    doc: DocumentKind,
    viewer: Viewer,
) -> Result<OfficialDocument, Unavailable> {
    let case = office.case(id).ok_or(Unavailable::NoCase)?;
    match viewer.access(case, &office.settings().org) {
        Access::Refused => return Err(Unavailable::Refused),
        Access::Withheld => return Err(Unavailable::Hidden),
        Access::Full => {}
    }
    let b = Builder { s: office.settings(), case };
    let missing = Unavailable::NotIssued(doc);
    match doc {
        DocumentKind::Acceptance => b.acceptance(),
        DocumentKind::Refusal => b.refusal(),
        DocumentKind::Direction => b.direction(),
        DocumentKind::Extension => b.extension(),
        DocumentKind::Reply => b.reply(),
        DocumentKind::ReviewDecision => b.review(ReviewLevel::Review),
        DocumentKind::ReReviewDecision => b.review(ReviewLevel::ReReview),
        DocumentKind::Assignment => b.assignment(),
        DocumentKind::Supervision(no) => b.supervision(no),
    }
    .ok_or(missing)
}

/// The documents that exist for a case, in the order they were issued
/// (for lists of links).
pub fn available(office: &Office, id: CaseId) -> Vec<DocumentKind> {
    let mut docs = vec![
        DocumentKind::Assignment,
        DocumentKind::Refusal,
        DocumentKind::Acceptance,
        DocumentKind::Direction,
        DocumentKind::Extension,
        DocumentKind::Reply,
        DocumentKind::ReviewDecision,
        DocumentKind::ReReviewDecision,
    ];
    if let Some(case) = office.case(id) {
        docs.extend(case.supervision().iter().map(|s| DocumentKind::Supervision(s.no)));
    }
    docs.into_iter().filter(|d| build(office, id, *d).is_ok()).collect()
}

// ---------------------------------------------------------------------------
// Dates and names

/// The official name of a unit for a heading: `县信访局` of `安和县` becomes
/// `安和县人民政府信访局`, `县林业局` `安和县林业局`, the township `河口乡`
/// `安和县河口乡人民政府`, the street `东城街道` `安和县东城街道办事处`.
pub fn official_name(org: &Organisation, unit: UnitId) -> String {
    let Some(u) = org.unit(unit) else {
        return org.unit_name(unit);
    };
    let county = org.name();
    let name = u.name();
    let level = county.chars().last().filter(|c| matches!(c, '县' | '区' | '市' | '旗'));
    let rest = match level {
        Some(l) if !county.is_empty() && !name.starts_with(county) => name.strip_prefix(l),
        _ => None,
    };
    match (u.kind(), rest) {
        (UnitKind::PetitionOffice, Some(rest)) if rest.starts_with("信访") => {
            format!("{county}人民政府{rest}")
        }
        (_, Some(rest)) => format!("{county}{rest}"),
        (UnitKind::Township, None) if !name.starts_with(county) => {
            let suffix = if name.ends_with("街道") { "办事处" } else { "人民政府" };
            format!("{county}{name}{suffix}")
        }
        _ => name.to_string(),
    }
}

/// The short form of a unit in document numbers: `安信`, `安林`, `安政`,
/// `河政` (a township), `东街` (a street).
fn number_prefix(org: &Organisation, unit: Option<UnitId>) -> String {
    let county_first: String = org.name().chars().take(1).collect();
    let Some(u) = unit.and_then(|u| org.unit(u)) else {
        return format!("{county_first}信");
    };
    let name = u.name();
    let first_of = |s: &str| -> String {
        if s.starts_with("人民政府") {
            return "政".into();
        }
        let s = s.strip_prefix('委').unwrap_or(s);
        s.chars().take(1).collect()
    };
    if u.kind() == UnitKind::Township {
        let head: String = name.chars().take(1).collect();
        let tail = if name.ends_with("街道") { "街" } else { "政" };
        return format!("{head}{tail}");
    }
    match name.strip_prefix(['县', '区', '旗']) {
        Some(rest) => format!("{county_first}{}", first_of(rest)),
        None => match name.strip_prefix('市') {
            Some(rest) => format!("市{}", first_of(rest)),
            None => format!("{county_first}{}", first_of(name)),
        },
    }
}

/// The case's number within its year: `XF2026-00012` → 12 (else the id).
fn sequence(case: &Case) -> u32 {
    case.number()
        .rsplit('-')
        .next()
        .and_then(|s| s.trim_start_matches('0').parse().ok())
        .unwrap_or_else(|| case.id().get())
}

/// The disposal as a verb in a document: the core's name, written out
/// for 直办.
fn disposal_verb(d: Disposal) -> &'static str {
    match d {
        Disposal::Direct => "直接办理",
        d => d.label(),
    }
}

// ---------------------------------------------------------------------------
// The documents

struct Builder<'a> {
    s: &'a Settings,
    case: &'a Case,
}

impl Builder<'_> {
    fn org(&self) -> &Organisation {
        &self.s.org
    }

    fn name(&self, unit: UnitId) -> String {
        official_name(self.org(), unit)
    }

    /// `安信受告〔2025〕12号`: the year and number of the case's
    /// registration, so every case's document has a number of its own.
    fn number(&self, unit: Option<UnitId>, code: &str, suffix: &str) -> String {
        let prefix = number_prefix(self.org(), unit);
        let year = self.case.registered_at().year();
        format!("{prefix}{code}〔{year}〕{}{suffix}号", sequence(self.case))
    }

    /// `张某某：` or `张某某等5人：`.
    fn petitioner_addressee(&self) -> String {
        let intake = self.case.intake();
        let name = intake.primary().map_or("信访人", |p| p.name.as_str());
        let count = intake.head_count.max(intake.petitioners.len() as u32);
        if count > 1 {
            format!("{name}等{count}人：")
        } else {
            format!("{name}：")
        }
    }

    /// How a document speaks to the petitioners: `你`, or `你们` for a
    /// matter brought by several (addressed `张某某等5人：`).
    fn you(&self) -> &'static str {
        let intake = self.case.intake();
        if intake.head_count.max(intake.petitioners.len() as u32) > 1 {
            "你们"
        } else {
            "你"
        }
    }

    /// `你于2026年3月3日以来访形式反映的“……”（信访件编号：XF2026-00012）`.
    fn matter(&self) -> String {
        let you = self.you();
        let intake = self.case.intake();
        format!(
            "{you}于{}以{}形式反映的“{}”（信访件编号：{}）",
            date_cn(intake.received_on),
            intake.channel.label(),
            intake.summary,
            self.case.number()
        )
    }

    /// The summary as told to a unit: withheld from the accused unit.
    fn summary_for(&self, unit: UnitId) -> String {
        let intake = self.case.intake();
        // The accused unit or one above it (the one rule, in `unit_view`).
        if Viewer::Unit(unit).withholds(self.case, self.org()) {
            "检举控告事项（具体内容依规定不向被检举控告单位提供）".into()
        } else {
            format!("“{}”", intake.summary)
        }
    }

    fn petition_office(&self) -> Option<UnitId> {
        self.org().petition_office()
    }

    fn issuer_or_office(&self, unit: Option<UnitId>) -> String {
        match unit.or_else(|| self.petition_office()) {
            Some(u) => self.name(u),
            None => format!("{}信访部门", self.org().name()),
        }
    }

    fn doc(
        &self,
        kind: DocumentKind,
        issuer: String,
        title: &str,
        number: String,
        body: Vec<String>,
        date: NaiveDate,
    ) -> OfficialDocument {
        OfficialDocument {
            kind,
            signature: issuer.clone(),
            issuer,
            title: title.to_string(),
            number,
            addressee: self.petitioner_addressee(),
            body,
            date,
        }
    }

    /// A letter to a unit rather than to the petitioner.
    fn to_unit(mut doc: OfficialDocument, unit: String) -> OfficialDocument {
        doc.addressee = format!("{unit}：");
        doc
    }

    /// A deadline as a document states it: the date, marked when it was
    /// counted over a year whose holidays are not entered yet.
    fn due_text(&self, start: NaiveDate, by: NaiveDate) -> String {
        if self.s.calendar.is_provisional(start, by) {
            format!("{}（暂定，遇法定节假日依法顺延）", date_cn(by))
        } else {
            date_cn(by)
        }
    }

    /// The article acceptance rests on: 直办 (第二十三条第二款) or a
    /// 转送/交办 matter (第二十三条第三款).
    fn acceptance_rule(&self) -> Rule {
        match self.case.acceptance_start() {
            Some(AcceptanceStart::Received(_)) => Rule::DirectAnswer,
            _ => Rule::AcceptTransferred,
        }
    }

    fn first_handling(&self) -> Option<&Handling> {
        match self.case.proceedings().first() {
            Some(Proceeding::Handling(h)) => Some(h),
            _ => None,
        }
    }

    fn acceptance(&self) -> Option<OfficialDocument> {
        let you = self.you();
        let h = self.first_handling()?;
        let rules = &self.s.clock;
        let on = h.started_on;
        let due = rules.period_end(&self.s.calendar, on, rules.reply_days);
        // What the petitioner is promised follows the matter's path: the 60
        // days of 第三十四条 (an art. 31 matter, also one directed later to
        // a statutory procedure: it was promised at acceptance), or the
        // answer of 第二十九条 and 第三十条, which set no period.
        let promise = match self.case.track() {
            Track::Suggestion => format!(
                "根据{}规定，本机关将对{you}提出的建议意见认真研究论证，并将采纳情况答复{you}。",
                Rule::Suggestion.citation()
            ),
            Track::Accusation => format!(
                "根据{}规定，本机关将依规依纪依法处理，并将办理情况反馈{you}。",
                Rule::Accusation.citation()
            ),
            Track::Ordinary | Track::Procedure(_) => format!(
                "根据{}规定，本机关将自受理之日（{}）起{}日内办结，\
                 即于{}前办结并出具书面处理意见；情况复杂的，经本机关负责人批准，可以适当延长办理期限，\
                 但延长期限不超过{}日，并将延期理由告知{you}。",
                Rule::Reply.citation(),
                date_cn(on),
                rules.reply_days,
                self.due_text(on, due),
                rules.max_extension_days
            ),
        };
        let body = vec![
            format!("{}，本机关已收悉。", self.matter()),
            format!(
                "根据{}规定，经审查，该信访事项属于本机关职权范围，\
                 本机关决定予以受理，受理日期为{}。",
                self.acceptance_rule().citation(),
                date_cn(on)
            ),
            promise,
            "特此告知。".into(),
        ];
        Some(self.doc(
            DocumentKind::Acceptance,
            self.name(h.body),
            "受理告知书",
            self.number(Some(h.body), "受告", ""),
            body,
            on,
        ))
    }

    fn refusal(&self) -> Option<OfficialDocument> {
        let you = self.you();
        let d = self.case.decline()?;
        let mut body = vec![format!("{}，本机关已收悉。", self.matter())];
        let (title, code) = match d.kind {
            DeclineKind::NotAccepted => {
                // The office before routing (第二十二条) or the receiving
                // body (第二十三条).
                let rule = if d.body.is_none() { Rule::Route } else { self.acceptance_rule() };
                body.push(format!(
                    "经审查，{}。根据{}规定，本机关决定不予受理。",
                    d.reason.trim_end_matches('。'),
                    rule.citation()
                ));
                ("不予受理告知书", "不受告")
            }
            DeclineKind::NoLongerAccepted => {
                body.push(format!(
                    "经审查，{}。根据{}规定，信访人对复核意见不服，\
                     仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理。\
                     本机关决定不再受理。",
                    d.reason.trim_end_matches('。'),
                    Rule::NoLongerAccepted.citation()
                ));
                ("不再受理告知书", "不再受告")
            }
        };
        if !d.redirect_to.trim().is_empty() {
            body.push(format!("请{you}依法向{}提出。", d.redirect_to.trim()));
        }
        body.push("特此告知。".into());
        Some(self.doc(
            DocumentKind::Refusal,
            self.issuer_or_office(d.body),
            title,
            self.number(d.body.or_else(|| self.petition_office()), code, ""),
            body,
            d.on,
        ))
    }

    /// 第三十一条第一项至第五项: the matter goes to its statutory procedure,
    /// and the petitioner is told where, in writing.
    fn direction(&self) -> Option<OfficialDocument> {
        let you = self.you();
        let d = self.case.direction()?;
        let p = d.procedure;
        let mut body = vec![
            format!("{}，本机关已收悉。", self.matter()),
            format!(
                "经审查，{}。根据《信访工作条例》{}规定，该事项应当{}。",
                d.reason.trim().trim_end_matches('。'),
                p.article(),
                p.notice()
            ),
        ];
        if !d.redirect_to.trim().is_empty() {
            body.push(format!("请{you}依法向{}提出。", d.redirect_to.trim()));
        }
        body.push("特此告知。".into());
        // 导入相应程序告知书, or for 第五项 the 依法履职情况答复.
        let title = Track::Procedure(p).document();
        Some(self.doc(
            DocumentKind::Direction,
            self.name(d.body),
            title,
            self.number(Some(d.body), "导告", ""),
            body,
            d.on,
        ))
    }

    fn extension(&self) -> Option<OfficialDocument> {
        let you = self.you();
        let h = self.case.proceedings().iter().find_map(|p| match p {
            Proceeding::Handling(h) if h.extension.is_some() => Some(h),
            _ => None,
        })?;
        let ext = h.extension.as_ref()?;
        let (rules, cal) = (&self.s.clock, &self.s.calendar);
        // None on a track without 第三十四条's period: an extension kept
        // from before the articles were enforced has no notice to print.
        let before = self.case.reply_due_unextended(h, rules, cal)?;
        let after = self.case.reply_due(h, rules, cal)?;
        let body = vec![
            format!(
                "{}，本机关已于{}受理，原定于{}前办结。",
                self.matter(),
                date_cn(h.started_on),
                self.due_text(h.started_on, before)
            ),
            format!(
                "因{}，根据{}规定，经本机关负责人批准，\
                 办理期限延长{}日，至{}前办结并书面答复{you}。",
                ext.reason.trim_end_matches('。'),
                Rule::Extension.citation(),
                ext.days,
                self.due_text(h.started_on, after)
            ),
            "特此告知。".into(),
        ];
        Some(self.doc(
            DocumentKind::Extension,
            self.name(h.body),
            "延长办理期限告知书",
            self.number(Some(h.body), "延告", ""),
            body,
            ext.on,
        ))
    }

    fn reply(&self) -> Option<OfficialDocument> {
        let you = self.you();
        let h = self.case.last_handling().filter(|h| h.reply.is_some())?;
        let reply: &Reply = h.reply.as_ref()?;
        let again = match &h.cause {
            HandlingCause::Accepted => String::new(),
            HandlingCause::SentBack { .. } => "，经重新办理".into(),
            HandlingCause::Redo { level } => format!("，根据{}意见重新办理", level.label()),
        };
        let mut body = vec![format!(
            "{}，本机关已于{}受理{again}。现将处理意见答复如下：",
            self.matter(),
            date_cn(self.case.accepted_on().unwrap_or(h.started_on))
        )];
        for (i, item) in reply.items.iter().enumerate() {
            let basis = item.basis.trim().trim_end_matches('。');
            let basis = if basis.is_empty() { String::new() } else { format!("{basis}。") };
            body.push(format!(
                "{}、关于“{}”的诉求：{basis}处理意见：{}。",
                chinese_number(i as u32 + 1),
                item.claim.trim(),
                item.outcome.label()
            ));
        }
        // 第三十五条: only a 信访处理意见书 (第三十一条第六项) may be
        // reviewed; a suggestion's or accusation's answer (第二十九条、
        // 第三十条) says nothing of 复查 and bears its own title.
        let track = self.case.track();
        if track.allows_review() {
            let review_body = self
                .org()
                .review_body(h.body)
                .map_or_else(|| "本机关的上一级机关、单位".to_string(), |u| self.name(u));
            body.push(format!(
                "根据{}规定，如{you}对本处理意见不服，可以自收到本处理意见书之日起\
                 {}日内，向{review_body}请求复查。",
                Rule::RequestReview.citation(),
                self.s.clock.request_review_days
            ));
        }
        let title = if track.allows_review() { "处理意见书" } else { track.document() };
        let own_path = match track {
            Track::Suggestion => Some(Rule::Suggestion),
            Track::Accusation => Some(Rule::Accusation),
            Track::Procedure(_) | Track::Ordinary => None,
        };
        if let Some(rule) = own_path {
            body.push(format!("本{title}依据{}作出。", rule.citation()));
        }
        Some(self.doc(
            DocumentKind::Reply,
            self.name(h.body),
            title,
            self.number(Some(h.body), "处意", ""),
            body,
            reply.on,
        ))
    }

    fn review(&self, level: ReviewLevel) -> Option<OfficialDocument> {
        let you = self.you();
        let review = self.case.review(level)?;
        let decision = review.decision.as_ref()?;
        let days = self.s.clock.request_review_days;
        // What was reviewed: the reply before the review, or the 复查 decision.
        let (under, under_on, under_name) = match level {
            ReviewLevel::Review => {
                let mut prior = None;
                for p in self.case.proceedings() {
                    match p {
                        Proceeding::Handling(h) if h.reply.is_some() => prior = Some(h),
                        Proceeding::Review(r) if std::ptr::eq(r, review) => break,
                        _ => {}
                    }
                }
                let h = prior?;
                (h.body, h.reply.as_ref()?.on, "处理意见")
            }
            ReviewLevel::ReReview => {
                let first = self.case.review(ReviewLevel::Review)?;
                (first.body, first.decision.as_ref()?.on, "复查意见")
            }
        };
        let title = match level {
            ReviewLevel::Review => "复查意见书",
            ReviewLevel::ReReview => "复核意见书",
        };
        let code = level.label();
        let hearing = if review.hearing_days > 0 { "，并举行了听证" } else { "" };
        let under_unit = self.name(under);
        let mut body = vec![
            format!(
                "{you}不服{under_unit}于{}作出的{under_name}，于{}向本机关请求{}（信访件编号：{}）。\
                 本机关依照{}规定进行了{}{hearing}，现将{}意见答复如下：",
                date_cn(under_on),
                date_cn(review.requested_on),
                level.label(),
                self.case.number(),
                match level {
                    ReviewLevel::Review => Rule::DecideReview,
                    ReviewLevel::ReReview => Rule::DecideReReview,
                }
                .citation(),
                level.label(),
                level.label()
            ),
            format!("经{}，{}。", level.label(), decision.reasons.trim().trim_end_matches('。')),
            match decision.outcome {
                ReviewOutcome::Uphold => {
                    format!("本机关决定：维持{under_unit}作出的{under_name}。")
                }
                ReviewOutcome::Change => {
                    format!("本机关决定：变更{under_unit}作出的{under_name}，按上述意见处理。")
                }
                ReviewOutcome::Redo => format!(
                    "本机关决定：撤销{under_unit}作出的{under_name}，责令{}重新办理。",
                    self.name(self.case.last_handling().map_or(under, |h| h.body))
                ),
            },
        ];
        match level {
            ReviewLevel::Review => {
                let next = self
                    .org()
                    .review_body(review.body)
                    .map_or_else(|| "本机关的上一级机关、单位".to_string(), |u| self.name(u));
                body.push(format!(
                    "根据{}规定，如{you}对本复查意见不服，可以自收到本复查意见书之日起\
                     {days}日内，向{next}请求复核。",
                    Rule::RequestReReview.citation()
                ));
            }
            ReviewLevel::ReReview => body.push(format!(
                "本复核意见为最终意见。根据{}规定，{you}对复核意见不服，\
                 仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理。",
                Rule::NoLongerAccepted.citation()
            )),
        }
        let kind = match level {
            ReviewLevel::Review => DocumentKind::ReviewDecision,
            ReviewLevel::ReReview => DocumentKind::ReReviewDecision,
        };
        Some(self.doc(
            kind,
            self.name(review.body),
            title,
            self.number(Some(review.body), code, ""),
            body,
            decision.on,
        ))
    }

    fn assignment(&self) -> Option<OfficialDocument> {
        let routing = self.case.routing()?;
        let a = routing.assignment.as_ref()?;
        let org = self.org();
        let intake = self.case.intake();
        let person = |id| {
            org.person(id).map_or_else(
                || format!("人员{id}"),
                |p| {
                    if p.title().is_empty() {
                        p.name().to_string()
                    } else {
                        format!("{}（{}）", p.name(), p.title())
                    }
                },
            )
        };
        let name = intake.primary().map_or("信访人", |p| p.name.as_str());
        let who = if intake.head_count > 1 {
            format!("{name}等{}人", intake.head_count)
        } else {
            name.to_string()
        };
        let mut body = vec![
            format!(
                "{who}于{}以{}形式反映{}（信访件编号：{}）一事，经研究，现交由你单位办理。",
                date_cn(intake.received_on),
                intake.channel.label(),
                self.summary_for(routing.lead),
                self.case.number()
            ),
            format!(
                "根据{}规定，请按照“五定”要求认真办理，并提交办结报告：",
                Rule::AssignedReport.citation()
            ),
            format!("（一）责任单位：{}；", org.unit_name(a.unit())),
            format!("（二）包案领导：{}；", person(a.leader())),
            format!("（三）办案责任人：{}；", person(a.handler())),
            format!("（四）办结时限：{}前；", date_cn(a.deadline())),
            format!("（五）办案质量要求：{}。", a.standard().trim_end_matches('。')),
        ];
        if !routing.co_units.is_empty() {
            let names: Vec<String> = routing.co_units.iter().map(|u| org.unit_name(*u)).collect();
            body.push(format!("协办单位：{}，请积极配合主办单位做好办理工作。", names.join("、")));
        }
        body.push(format!(
            "请于{}前将办理结果书面答复信访人，并将办结报告报送本机关。",
            date_cn(a.deadline())
        ));
        body.push("特此交办。".into());
        let office = self.petition_office();
        let doc = self.doc(
            DocumentKind::Assignment,
            self.issuer_or_office(office),
            "交办函",
            self.number(office, "交", ""),
            body,
            routing.on,
        );
        Some(Self::to_unit(doc, self.name(routing.lead)))
    }

    fn supervision(&self, no: u32) -> Option<OfficialDocument> {
        let sv: &Supervision = self.case.supervision().iter().find(|s| s.no == no)?;
        let intake = self.case.intake();
        let mut first = format!(
            "{}以{}形式反映{}（信访件编号：{}）一事",
            date_cn(intake.received_on),
            intake.channel.label(),
            self.summary_for(sv.unit),
            self.case.number()
        );
        if let Some(r) = self.case.routing() {
            first.push_str(&format!(
                "，已于{}{}你单位办理",
                date_cn(r.on),
                disposal_verb(r.disposal)
            ));
            let h = self.case.last_handling().filter(|h| h.body == sv.unit);
            // A suggestion or accusation has no reply deadline unless the
            // office set one (第二十九条、第三十条): none is stated.
            if let Some(due) =
                h.and_then(|h| self.case.reply_due(h, &self.s.clock, &self.s.calendar))
            {
                let start = h.map_or(due, |h| h.started_on);
                first.push_str(&format!(
                    "，应于{}前办结并书面答复信访人",
                    self.due_text(start, due)
                ));
            }
        }
        first.push('。');
        let (title, lead) = match sv.kind {
            SupervisionKind::Reminder => ("催办函", "现予催办"),
            _ => ("督办函", "现予督办"),
        };
        let mut body = vec![first];
        let note = sv.note.trim().trim_end_matches('。');
        let basis = Rule::Supervision.citation();
        if note.is_empty() {
            body.push(format!("根据{basis}规定，{lead}，请你单位高度重视，抓紧办理。"));
        } else {
            body.push(format!("根据{basis}规定，{lead}，要求如下：{note}。"));
        }
        body.push(match sv.respond_by {
            Some(by) => format!("请于{}前将办理情况书面报送本机关。", date_cn(by)),
            None => "请抓紧办理，并及时将办理情况书面报送本机关。".into(),
        });
        body.push(if sv.kind == SupervisionKind::Reminder {
            "特此催办。".into()
        } else {
            "特此督办。".into()
        });
        let office = self.petition_office();
        let doc = self.doc(
            DocumentKind::Supervision(no),
            self.issuer_or_office(office),
            title,
            self.number(office, "督", &format!("-{no}")),
            body,
            sv.on,
        );
        Some(Self::to_unit(doc, self.name(sv.unit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ReplyItem, ReplyOutcome, Routing};
    use crate::{
        Action, Channel, Command, FiveFixes, IdNumber, Intake, Petitioner, Phone, Purpose,
    };
    use chrono::NaiveDateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate) -> NaiveDateTime {
        date.and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(date_official(d(2026, 11, 23)), "二〇二六年十一月二十三日");
        assert_eq!(date_official(d(2025, 10, 1)), "二〇二五年十月一日");
        assert_eq!(date_official(d(2025, 1, 10)), "二〇二五年一月十日");
        assert_eq!(date_official(d(2025, 3, 20)), "二〇二五年三月二十日");
        assert_eq!(date_official(d(2025, 4, 30)), "二〇二五年四月三十日");
        assert_eq!(date_official(d(2025, 12, 31)), "二〇二五年十二月三十一日");
        assert_eq!(date_official(d(2000, 2, 9)), "二〇〇〇年二月九日");
        assert_eq!(date_official(d(2026, 5, 11)), "二〇二六年五月十一日");
        assert_eq!(date_cn(d(2026, 3, 5)), "2026年3月5日");
    }

    #[test]
    fn official_names_and_number_prefixes() {
        let org = Organisation::sample_county();
        let id = |n: &str| org.find_unit(n).unwrap().id();
        assert_eq!(official_name(&org, id("县信访局")), "安和县人民政府信访局");
        assert_eq!(official_name(&org, id("县林业局")), "安和县林业局");
        assert_eq!(official_name(&org, id("县人民政府")), "安和县人民政府");
        assert_eq!(official_name(&org, id("河口乡")), "安和县河口乡人民政府");
        assert_eq!(official_name(&org, id("东城街道")), "安和县东城街道办事处");
        assert_eq!(official_name(&org, id("市人民政府")), "市人民政府");
        assert_eq!(number_prefix(&org, Some(id("县信访局"))), "安信");
        assert_eq!(number_prefix(&org, Some(id("县林业局"))), "安林");
        assert_eq!(number_prefix(&org, Some(id("县人民政府"))), "安政");
        assert_eq!(number_prefix(&org, Some(id("县委组织部"))), "安组");
        assert_eq!(number_prefix(&org, Some(id("河口乡"))), "河政");
        assert_eq!(number_prefix(&org, Some(id("东城街道"))), "东街");
        assert_eq!(number_prefix(&org, None), "安信");
    }

    /// A county office with one petition, carried as far as `steps` say.
    struct World {
        office: Office,
        id: CaseId,
    }

    impl World {
        fn new() -> World {
            let mut office = Office::new(Settings::sample_county());
            let s = office.settings();
            let intake = Intake {
                received_on: d(2025, 3, 3),
                channel: Channel::Letter { green_post: true },
                petitioners: vec![Petitioner {
                    id_number: Some(IdNumber::parse("11010519491231002X").unwrap()),
                    phone: Some(Phone::parse("13812345678").unwrap()),
                    ..Petitioner::named("刘某某")
                }],
                head_count: 1,
                category: s.categories.find("退耕还林").unwrap().id(),
                purpose: Purpose::Request,
                township: s.org.find_unit("河口乡").map(|u| u.id()),
                village: "东岗村".into(),
                summary: "反映退耕还林补助资金未足额发放".into(),
                content: "本人身份证号11010519491231002X，电话13812345678。".into(),
                escalation: None,
                accused_unit: None,
                repeat_of: None,
            };
            let id = office
                .execute(Command::Register { intake }, at(d(2025, 3, 3)))
                .unwrap()
                .case()
                .unwrap();
            World { office, id }
        }

        fn unit(&self, name: &str) -> UnitId {
            self.office.settings().org.find_unit(name).unwrap().id()
        }

        fn person(&self, name: &str) -> crate::PersonId {
            self.office.settings().org.people().find(|p| p.name() == name).unwrap().id()
        }

        fn act(&mut self, on: NaiveDate, action: Action) {
            self.office.execute(Command::Act { case: self.id, action }, at(on)).unwrap();
        }

        fn assign(&mut self) {
            let lead = self.unit("县林业局");
            let fixes = FiveFixes {
                unit: Some(lead),
                leader: Some(self.person("花永林")),
                handler: Some(self.person("方小勇")),
                deadline: Some(d(2025, 4, 30)),
                standard: "核实补助发放情况，依政策答复".into(),
            };
            let routing = Routing {
                on: d(2025, 3, 4),
                disposal: Disposal::Assign,
                lead,
                co_units: vec![self.unit("河口乡")],
                assignment: Some(fixes.complete().unwrap()),
                explanation: String::new(),
            };
            self.act(d(2025, 3, 4), Action::Route { routing });
        }

        fn accept(&mut self) {
            self.act(d(2025, 3, 5), Action::Accept { on: d(2025, 3, 5) });
        }

        fn extend(&mut self) {
            let by = self.person("花永林");
            self.act(
                d(2025, 4, 28),
                Action::Extend {
                    on: d(2025, 4, 28),
                    days: 30,
                    reason: "需核对历年补助台账".into(),
                    approved_by: by,
                },
            );
        }

        fn reply(&mut self) {
            self.act(
                d(2025, 5, 20),
                Action::Reply {
                    on: d(2025, 5, 20),
                    items: vec![
                        ReplyItem {
                            claim: "补发2023年度补助".into(),
                            outcome: ReplyOutcome::Support,
                            basis: "经核实漏发，已于5月15日补发".into(),
                        },
                        ReplyItem {
                            claim: "追究经办人责任".into(),
                            outcome: ReplyOutcome::Explain,
                            basis: "漏发系系统数据错误所致，经办人无违纪情形".into(),
                        },
                    ],
                    report: Some("已补发并书面答复".into()),
                },
            );
        }

        fn doc(&self, doc: DocumentKind) -> OfficialDocument {
            let built = build(&self.office, self.id, doc).unwrap();
            let text = built.full_text();
            for secret in ["11010519491231002X", "13812345678", "002X", "5678"] {
                assert!(!text.contains(secret), "{doc:?} leaks {secret}: {text}");
            }
            built
        }

        fn missing(&self, doc: DocumentKind) {
            assert_eq!(build(&self.office, self.id, doc), Err(Unavailable::NotIssued(doc)));
        }
    }

    fn body_has(doc: &OfficialDocument, part: &str) {
        assert!(doc.body.iter().any(|p| p.contains(part)), "{part:?} not in {:#?}", doc.body);
    }

    #[test]
    fn nothing_before_its_time() {
        let mut w = World::new();
        for doc in [
            DocumentKind::Acceptance,
            DocumentKind::Refusal,
            DocumentKind::Direction,
            DocumentKind::Extension,
            DocumentKind::Reply,
            DocumentKind::ReviewDecision,
            DocumentKind::ReReviewDecision,
            DocumentKind::Assignment,
            DocumentKind::Supervision(1),
        ] {
            w.missing(doc);
        }
        assert!(available(&w.office, w.id).is_empty());
        assert_eq!(
            build(&w.office, CaseId::new(99), DocumentKind::Reply),
            Err(Unavailable::NoCase)
        );
        w.assign();
        w.accept();
        w.missing(DocumentKind::Reply);
        assert_eq!(
            available(&w.office, w.id),
            [DocumentKind::Assignment, DocumentKind::Acceptance]
        );
        let msg = Unavailable::NotIssued(DocumentKind::Reply).zh();
        assert_eq!(msg, "本案尚未作出书面答复，暂无处理意见书可以打印。");
        assert!(Unavailable::NotIssued(DocumentKind::Reply).en().contains("no written reply"));
    }

    /// A matter brought by many is answered to all of them: addressed
    /// `王德林等30人：`, every sentence to the petitioners says 你们.
    #[test]
    fn a_collective_matter_is_told_you_in_the_plural() {
        let mut w = World::new();
        let mut intake = w.office.case(w.id).unwrap().intake().clone();
        intake.channel = Channel::Visit;
        intake.petitioners = vec![Petitioner::named("王德林")];
        intake.head_count = 30;
        w.act(d(2025, 3, 3), Action::Amend { intake });
        w.assign();
        w.accept();
        w.extend();
        w.reply();
        let singular = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            chars
                .iter()
                .enumerate()
                .any(|(i, c)| *c == '你' && !matches!(chars.get(i + 1), Some('们' | '单')))
        };
        for kind in [DocumentKind::Acceptance, DocumentKind::Extension, DocumentKind::Reply] {
            let doc = w.doc(kind);
            assert_eq!(doc.addressee, "王德林等30人：", "{kind:?}");
            for p in &doc.body {
                assert!(!singular(p), "{kind:?}: {p}");
            }
            assert!(doc.body.iter().any(|p| p.contains("你们")), "{kind:?}");
        }
        body_has(&w.doc(DocumentKind::Acceptance), "你们于2025年3月3日以来访形式反映的");
        assert!(singular("请你依法向法院提出"), "the check sees a singular 你");
    }

    #[test]
    fn a_direction_tells_where_to_go_and_cites_its_item_of_article_31() {
        let mut w = World::new();
        w.assign();
        w.accept();
        w.missing(DocumentKind::Direction);
        w.act(
            d(2025, 3, 10),
            Action::Direct {
                on: d(2025, 3, 10),
                procedure: crate::statute::Procedure::Arbitration,
                reason: "所反映的补助纠纷双方已约定仲裁".into(),
                redirect_to: "县劳动人事争议仲裁委员会".into(),
            },
        );
        let doc = w.doc(DocumentKind::Direction);
        assert_eq!(doc.title, "导入相应程序告知书");
        assert_eq!(doc.issuer, "安和县林业局");
        assert_eq!(doc.number, "安林导告〔2025〕1号");
        body_has(
            &doc,
            "经审查，所反映的补助纠纷双方已约定仲裁。根据《信访工作条例》第三十一条第二项规定，该事项应当依法申请仲裁。",
        );
        body_has(&doc, "请你依法向县劳动人事争议仲裁委员会提出。");
        assert_eq!(doc.date_text(), "二〇二五年三月十日");
        assert!(available(&w.office, w.id).contains(&DocumentKind::Direction));
        assert_eq!(doc_name_zh(DocumentKind::Direction), doc.title);
    }

    #[test]
    fn a_date_counted_into_a_year_without_holiday_data_is_marked_in_the_document() {
        // Accepted 2026-12-07: day 60 is 2027-02-05, counted with plain
        // weekends (no 2027 notice yet): the notice says so.
        let mut w = World::new();
        let received = d(2026, 12, 4);
        let mut intake = w.office.case(w.id).unwrap().intake().clone();
        intake.received_on = received;
        let id =
            w.office.execute(Command::Register { intake }, at(received)).unwrap().case().unwrap();
        w.id = id;
        let lead = w.unit("县林业局");
        let routing = Routing {
            on: d(2026, 12, 4),
            disposal: Disposal::Transfer,
            lead,
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        };
        w.act(d(2026, 12, 4), Action::Route { routing });
        w.act(d(2026, 12, 7), Action::Accept { on: d(2026, 12, 7) });
        let doc = w.doc(DocumentKind::Acceptance);
        body_has(&doc, "即于2027年2月5日（暂定，遇法定节假日依法顺延）前办结");
    }

    #[test]
    fn assignment_letter_lists_the_five_fixes() {
        let mut w = World::new();
        w.assign();
        let doc = w.doc(DocumentKind::Assignment);
        assert_eq!(doc.issuer, "安和县人民政府信访局");
        assert_eq!(doc.title, "交办函");
        assert_eq!(doc.number, "安信交〔2025〕1号");
        assert_eq!(doc.addressee, "安和县林业局：");
        body_has(&doc, "刘某某于2025年3月3日以来信形式反映“反映退耕还林补助资金未足额发放”");
        body_has(&doc, "（一）责任单位：县林业局；");
        body_has(&doc, "（二）包案领导：花永林（副局长）；");
        body_has(&doc, "（三）办案责任人：方小勇（信访联络员）；");
        body_has(&doc, "（四）办结时限：2025年4月30日前；");
        body_has(&doc, "（五）办案质量要求：核实补助发放情况，依政策答复。");
        body_has(&doc, "协办单位：河口乡");
        assert_eq!(doc.date_text(), "二〇二五年三月四日");
    }

    #[test]
    fn acceptance_notice_states_the_decision_and_the_period() {
        let mut w = World::new();
        w.assign();
        w.accept();
        let doc = w.doc(DocumentKind::Acceptance);
        assert_eq!(doc.issuer, "安和县林业局");
        assert_eq!(doc.signature, "安和县林业局");
        assert_eq!(doc.title, "受理告知书");
        assert_eq!(doc.number, "安林受告〔2025〕1号");
        assert_eq!(doc.addressee, "刘某某：");
        body_has(&doc, "你于2025年3月3日以来信形式反映的“反映退耕还林补助资金未足额发放”");
        // A 交办 matter: the unit's receipt (第二十三条第三款); the 60 days of
        // 第三十四条.
        body_has(&doc, "根据《信访工作条例》第二十三条第三款规定，经审查");
        body_has(&doc, "本机关决定予以受理，受理日期为2025年3月5日");
        body_has(&doc, "根据《信访工作条例》第三十四条规定，本机关将自受理之日");
        assert!(!doc.full_text().contains("有关规定"), "every paragraph cites its article");
        assert!(!doc.full_text().contains("暂定"), "2025 has holiday data");
        // 2025-03-05 + 60 days = 2025-05-04, a Sunday of the May Day holiday
        // (1–5 May): the period ends on Tuesday 6 May.
        body_has(&doc, "自受理之日（2025年3月5日）起60日内办结，即于2025年5月6日前办结");
        body_has(&doc, "延长期限不超过30日");
        assert_eq!(doc.date_text(), "二〇二五年三月五日");
    }

    #[test]
    fn extension_notice_gives_the_reason_and_the_new_deadline() {
        let mut w = World::new();
        w.assign();
        w.accept();
        w.missing(DocumentKind::Extension);
        w.extend();
        let doc = w.doc(DocumentKind::Extension);
        assert_eq!(doc.title, "延长办理期限告知书");
        assert_eq!(doc.number, "安林延告〔2025〕1号");
        // Assigned to be done by 30 April (earlier than the statutory period).
        body_has(&doc, "本机关已于2025年3月5日受理，原定于2025年4月30日前办结。");
        body_has(&doc, "因需核对历年补助台账，根据《信访工作条例》第三十四条规定");
        body_has(&doc, "办理期限延长30日，至2025年5月30日前办结并书面答复你。");
        assert_eq!(doc.date_text(), "二〇二五年四月二十八日");
    }

    #[test]
    fn reply_gives_each_claim_and_the_right_to_review() {
        let mut w = World::new();
        w.assign();
        w.accept();
        w.extend();
        w.reply();
        let doc = w.doc(DocumentKind::Reply);
        assert_eq!(doc.title, "处理意见书");
        assert_eq!(doc.number, "安林处意〔2025〕1号");
        assert_eq!(doc.addressee, "刘某某：");
        body_has(&doc, "本机关已于2025年3月5日受理。现将处理意见答复如下：");
        body_has(
            &doc,
            "一、关于“补发2023年度补助”的诉求：经核实漏发，已于5月15日补发。处理意见：予以支持。",
        );
        body_has(
            &doc,
            "二、关于“追究经办人责任”的诉求：漏发系系统数据错误所致，经办人无违纪情形。处理意见：解释说明。",
        );
        body_has(&doc, "根据《信访工作条例》第三十五条规定，如你对本处理意见不服");
        body_has(&doc, "自收到本处理意见书之日起30日内，向安和县人民政府请求复查。");
        assert_eq!(doc.date_text(), "二〇二五年五月二十日");
        assert_eq!(doc.signature, "安和县林业局");
    }

    #[test]
    fn review_and_re_review_decisions() {
        let mut w = World::new();
        w.assign();
        w.accept();
        w.reply();
        let county = w.unit("县人民政府");
        let city = w.unit("市人民政府");
        w.act(
            d(2025, 6, 10),
            Action::RequestReview { level: ReviewLevel::Review, on: d(2025, 6, 10), body: county },
        );
        w.missing(DocumentKind::ReviewDecision);
        w.act(
            d(2025, 7, 1),
            Action::DecideReview {
                level: ReviewLevel::Review,
                on: d(2025, 7, 1),
                outcome: ReviewOutcome::Uphold,
                reasons: "原处理意见事实清楚，适用政策正确".into(),
                redo_by: None,
            },
        );
        let doc = w.doc(DocumentKind::ReviewDecision);
        assert_eq!(doc.issuer, "安和县人民政府");
        assert_eq!(doc.title, "复查意见书");
        assert_eq!(doc.number, "安政复查〔2025〕1号");
        body_has(
            &doc,
            "你不服安和县林业局于2025年5月20日作出的处理意见，于2025年6月10日向本机关请求复查",
        );
        body_has(&doc, "经复查，原处理意见事实清楚，适用政策正确。");
        body_has(&doc, "本机关决定：维持安和县林业局作出的处理意见。");
        body_has(&doc, "自收到本复查意见书之日起30日内，向市人民政府请求复核。");
        assert_eq!(doc.date_text(), "二〇二五年七月一日");

        w.missing(DocumentKind::ReReviewDecision);
        w.act(
            d(2025, 7, 10),
            Action::RequestReview { level: ReviewLevel::ReReview, on: d(2025, 7, 10), body: city },
        );
        w.act(
            d(2025, 7, 31),
            Action::DecideReview {
                level: ReviewLevel::ReReview,
                on: d(2025, 7, 31),
                outcome: ReviewOutcome::Uphold,
                reasons: "复查意见正确".into(),
                redo_by: None,
            },
        );
        let doc = w.doc(DocumentKind::ReReviewDecision);
        assert_eq!(doc.title, "复核意见书");
        assert_eq!(doc.issuer, "市人民政府");
        assert_eq!(doc.number, "市政复核〔2025〕1号");
        body_has(&doc, "你不服安和县人民政府于2025年7月1日作出的复查意见");
        body_has(&doc, "本机关依照《信访工作条例》第三十六条第一款规定进行了复核");
        body_has(&doc, "本复核意见为最终意见。根据《信访工作条例》第三十六条第三款规定");
        body_has(&doc, "不再受理");
        assert_eq!(doc.date_text(), "二〇二五年七月三十一日");

        // The same matter again: 不再受理, by the petition office before routing.
        let mut intake = w.office.case(w.id).unwrap().intake().clone();
        intake.received_on = d(2025, 8, 4);
        intake.repeat_of = Some(w.id);
        let again = w
            .office
            .execute(Command::Register { intake }, at(d(2025, 8, 4)))
            .unwrap()
            .case()
            .unwrap();
        let mut w = World { office: w.office, id: again };
        let decline = Action::Decline {
            on: d(2025, 8, 5),
            kind: DeclineKind::NoLongerAccepted,
            reason: "你反映的事项已经复核终结".into(),
            redirect_to: String::new(),
        };
        w.act(d(2025, 8, 5), decline);
        let doc = w.doc(DocumentKind::Refusal);
        assert_eq!(doc.title, "不再受理告知书");
        assert_eq!(doc.issuer, "安和县人民政府信访局");
        assert_eq!(doc.number, "安信不再受告〔2025〕2号");
        body_has(
            &doc,
            "经审查，你反映的事项已经复核终结。根据《信访工作条例》第三十六条第三款规定",
        );
        body_has(&doc, "本机关决定不再受理。");
        assert!(!doc.body.iter().any(|p| p.contains("请你依法向")));
    }

    #[test]
    fn refusals_say_why_and_where_to_go() {
        let mut w = World::new();
        let town = w.unit("河口乡");
        let routing = Routing {
            on: d(2025, 3, 4),
            disposal: Disposal::Transfer,
            lead: town,
            co_units: vec![],
            assignment: None,
            explanation: String::new(),
        };
        w.act(d(2025, 3, 4), Action::Route { routing });
        w.missing(DocumentKind::Assignment);
        w.act(
            d(2025, 3, 10),
            Action::Decline {
                on: d(2025, 3, 10),
                kind: DeclineKind::NotAccepted,
                reason: "该事项已进入诉讼程序".into(),
                redirect_to: "人民法院".into(),
            },
        );
        let doc = w.doc(DocumentKind::Refusal);
        assert_eq!(doc.title, "不予受理告知书");
        assert_eq!(doc.issuer, "安和县河口乡人民政府");
        assert_eq!(doc.number, "河政不受告〔2025〕1号");
        body_has(
            &doc,
            "经审查，该事项已进入诉讼程序。根据《信访工作条例》第二十三条第三款规定，本机关决定不予受理。",
        );
        body_has(&doc, "请你依法向人民法院提出。");
        assert_eq!(doc.date_text(), "二〇二五年三月十日");
    }

    #[test]
    fn supervision_notice_to_the_unit() {
        let mut w = World::new();
        w.assign();
        w.accept();
        let unit = w.unit("县林业局");
        w.act(
            d(2025, 4, 20),
            Action::Supervise {
                on: d(2025, 4, 20),
                kind: SupervisionKind::Written,
                unit,
                note: "加快核实进度".into(),
                respond_by: Some(d(2025, 4, 25)),
            },
        );
        w.missing(DocumentKind::Supervision(2));
        let doc = w.doc(DocumentKind::Supervision(1));
        assert_eq!(doc.title, "督办函");
        assert_eq!(doc.issuer, "安和县人民政府信访局");
        assert_eq!(doc.addressee, "安和县林业局：");
        assert_eq!(doc.number, "安信督〔2025〕1-1号");
        body_has(&doc, "已于2025年3月4日交办你单位办理，应于2025年4月30日前办结并书面答复信访人。");
        body_has(&doc, "现予督办，要求如下：加快核实进度。");
        body_has(&doc, "请于2025年4月25日前将办理情况书面报送本机关。");
        assert_eq!(doc.date_text(), "二〇二五年四月二十日");
        assert!(available(&w.office, w.id).contains(&DocumentKind::Supervision(1)));
    }

    #[test]
    fn accusation_content_is_withheld_from_the_accused_unit() {
        let mut w = World::new();
        let unit = w.unit("县林业局");
        let mut intake = w.office.case(w.id).unwrap().intake().clone();
        intake.accused_unit = Some(unit);
        intake.purpose = Purpose::Accusation;
        w.act(d(2025, 3, 3), Action::Amend { intake });
        w.assign();
        let doc = w.doc(DocumentKind::Assignment);
        assert!(!doc.full_text().contains("补助资金"), "{:#?}", doc.body);
        body_has(&doc, "具体内容依规定不向被检举控告单位提供");
    }

    #[test]
    fn many_petitioners_are_addressed_together() {
        let mut w = World::new();
        let mut intake = w.office.case(w.id).unwrap().intake().clone();
        intake.channel = Channel::Visit;
        intake.head_count = 6;
        w.act(d(2025, 3, 3), Action::Amend { intake });
        w.assign();
        w.accept();
        assert_eq!(w.doc(DocumentKind::Acceptance).addressee, "刘某某等6人：");
    }
}
