//! The longest text each free-text field of a command may hold, in
//! characters (`char`s, not bytes), and the check that refuses a longer one.
//!
//! Why: the record lives in the browser's localStorage (about 5 MB per
//! site, shared by the whole record), and its log is append-only and
//! hash-chained (全程留痕): a text once saved can never be given back. Three
//! cases with a pasted megabyte each filled the quota, and every later save
//! failed (issue 12). Each field therefore has a limit generous for the real
//! texts of a petition office (a long letter is a few thousand characters;
//! a 摘要 is one line) and small enough that no single save can take a
//! noticeable share of the quota.
//!
//! The limits apply when a command is decided ([`crate::Office::decide`]:
//! registration, case actions, work-ledger changes), in the checks every
//! import goes through, and to the texts of a merged record. They never apply
//! when a record is loaded or replayed: entries saved before the limits
//! existed may be longer, and they stay readable.
//!
//! Every record a command carries lists its texts with their limits
//! ([`Texts`]) by taking itself apart field by field, so a new text field
//! must be given a limit to compile. The tests are in
//! `access/tests/limits.rs`, driven by the access rule's fixture that fills
//! every free text.

use crate::error::InputError;

/// The limit of one field: its Chinese name (for the message) and the most
/// characters it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limit {
    /// The field's Chinese name, as a form labels it.
    pub field: &'static str,
    /// The most characters allowed.
    pub max: usize,
}

impl Limit {
    /// A limit.
    pub const fn new(field: &'static str, max: usize) -> Self {
        Limit { field, max }
    }

    /// Refuses a text longer than the limit, naming the field, the limit
    /// and the length given: “信访内容最多20000字，现为20312字”.
    pub fn check(self, text: &str) -> Result<(), InputError> {
        let len = length(text);
        if len > self.max {
            Err(InputError::TooLong { field: self.field, max: self.max, len })
        } else {
            Ok(())
        }
    }
}

/// A text's length as the limits count it: in characters.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

/// A value whose free texts have limits: it names each text with its limit.
pub trait Texts {
    /// Calls `each` with every free text of the value and its limit (an
    /// empty text too, so a test can see every field).
    fn texts(&self, each: &mut dyn FnMut(Limit, &str));

    /// The first text longer than its limit, refused.
    fn check_lengths(&self) -> Result<(), InputError> {
        let mut first = Ok(());
        self.texts(&mut |limit, text| {
            if first.is_ok() {
                first = limit.check(text);
            }
        });
        first
    }
}

impl<T: Texts> Texts for [T] {
    fn texts(&self, each: &mut dyn FnMut(Limit, &str)) {
        for t in self {
            t.texts(each);
        }
    }
}

impl<T: Texts> Texts for Option<T> {
    fn texts(&self, each: &mut dyn FnMut(Limit, &str)) {
        if let Some(t) = self {
            t.texts(each);
        }
    }
}

/// Each line of a list of one-line texts (requirements, measures,
/// matters) under the same limit.
pub fn each_line(limit: Limit, lines: &[String], each: &mut dyn FnMut(Limit, &str)) {
    for line in lines {
        each(limit, line);
    }
}

// ---------------------------------------------------------------------
// The case: registration (登记).

/// A person's name (信访人姓名): Chinese names are 2–4 characters, minority
/// and foreign names in transliteration up to a few dozen.
pub const PETITIONER_NAME: Limit = Limit::new("信访人姓名", 50);
/// A postal address (住址): province to room number is under 100
/// characters; twice that for a description of where to find someone.
pub const ADDRESS: Limit = Limit::new("住址", 200);
/// A village or community (村（社区）) name, with its group (组) at most.
pub const VILLAGE: Limit = Limit::new("村（社区）", 50);
/// The one-line summary (反映问题): shown in lists, the ledger and
/// documents' titles; a sentence, not a paragraph.
pub const SUMMARY: Limit = Limit::new("反映问题", 200);
/// The petition's content (信访内容): a long letter, transcribed (a dense
/// handwritten letter of ten pages is about 10,000 characters).
pub const CONTENT: Limit = Limit::new("信访内容", 20_000);

// ---------------------------------------------------------------------
// Routing and the 五定.

/// The routing note (转送说明): the rule's explanation plus the clerk's
/// additions, a paragraph or two.
pub const ROUTING_EXPLANATION: Limit = Limit::new("转送说明", 2_000);
/// The 五定's quality requirement (办案质量要求, 定标准): a paragraph or two.
pub const STANDARD: Limit = Limit::new("办案质量要求", 2_000);

// ---------------------------------------------------------------------
// The case's actions. A reason or a note is told to the petitioner or
// recorded for the file: a page of text at most.

/// 不予受理（不再受理）理由.
pub const DECLINE_REASON: Limit = Limit::new("不予受理理由", 2_000);
/// Where to go instead (告知去向): a body's name and address.
pub const REDIRECT_TO: Limit = Limit::new("告知去向", 200);
/// Why a matter goes to a statutory procedure (导入法定途径理由).
pub const DIRECTION_REASON: Limit = Limit::new("导入法定途径理由", 2_000);
/// The reason of an extension told to the petitioner (延期理由).
pub const EXTENSION_REASON: Limit = Limit::new("延期理由", 2_000);
/// A claim answered by a reply (诉求): one claim, restated.
pub const CLAIM: Limit = Limit::new("诉求", 2_000);
/// The legal basis of a reply item (依据): the articles cited, quoted.
pub const BASIS: Limit = Limit::new("依据", 2_000);
/// The 办结报告: the handling unit's report, several pages.
pub const REPORT: Limit = Limit::new("办结报告", 10_000);
/// Why the office sent the report back (退回理由).
pub const SEND_BACK_REASON: Limit = Limit::new("退回理由", 2_000);
/// The reasons of a 复查/复核 decision: the body of the 意见书.
pub const REVIEW_REASONS: Limit = Limit::new("复查（复核）理由", 10_000);
/// What a reminder or supervision notice requires (督办事项).
pub const SUPERVISION_NOTE: Limit = Limit::new("督办事项", 2_000);
/// The unit's response closing a supervision notice (反馈情况).
pub const SUPERVISION_RESPONSE: Limit = Limit::new("反馈情况", 2_000);
/// What the petitioner said at a follow-up (回访情况).
pub const FOLLOW_UP_NOTE: Limit = Limit::new("回访情况", 2_000);
/// Why the unit objects to a routed matter (异议理由).
pub const OBJECTION_REASON: Limit = Limit::new("异议理由", 2_000);
/// How the settlement was established (息诉罢访情况).
pub const SETTLEMENT_NOTE: Limit = Limit::new("息诉罢访情况", 2_000);
/// A case number from another office's record (merged): the office's
/// own numbers are about 15 characters.
pub const CASE_NUMBER: Limit = Limit::new("案件编号", 50);
/// Where an imported case's ledger row came from (file · sheet · row).
pub const LEDGER_SOURCE: Limit = Limit::new("台账来源", 300);
/// A column header of an old ledger.
pub const LEDGER_HEADER: Limit = Limit::new("台账列名", 100);
/// A cell of an old ledger as written (a long 反映问题 or 办理结果).
pub const LEDGER_CELL: Limit = Limit::new("台账内容", 20_000);

// ---------------------------------------------------------------------
// The work ledgers.

/// A place (接待地点, 会议地点, 排查地点): a hall's or a village's name.
pub const PLACE: Limit = Limit::new("地点", 100);
/// A rota rule's name for lists (排班名称).
pub const ROTA_NAME: Limit = Limit::new("排班名称", 100);
/// One matter raised at a reception (反映事项): one line.
pub const RECEPTION_MATTER: Limit = Limit::new("反映事项", 500);
/// A resolution plan (化解方案) of an ownership, hotspot or backlog entry.
pub const PLAN: Limit = Limit::new("化解方案", 5_000);
/// One resolution measure (化解措施), one line of the list.
pub const MEASURE: Limit = Limit::new("化解措施", 1_000);
/// A meeting record kept elsewhere, by its title or number (会议纪要).
pub const MEETING_DOCUMENT: Limit = Limit::new("会议纪要", 200);
/// A sensitive period's name (敏感时期), e.g. `全国两会`.
pub const SENSITIVE_PERIOD: Limit = Limit::new("敏感时期", 50);
/// Who screened (排查人员): a few names or a team's.
pub const SCREENED_BY: Limit = Limit::new("排查人员", 200);
/// A concentrated campaign's name (集中排查).
pub const CAMPAIGN: Limit = Limit::new("集中排查", 100);
/// A screening round's notes (备注).
pub const ROUND_NOTES: Limit = Limit::new("备注", 2_000);
/// A hotspot's issue (矛盾纠纷): one line, like a case's summary.
pub const ISSUE: Limit = Limit::new("矛盾纠纷", 200);
/// Who handed a backlog case down (交办来源).
pub const BACKLOG_SOURCE: Limit = Limit::new("交办来源", 100);
/// A meeting's title (纪要标题).
pub const MEETING_TITLE: Limit = Limit::new("纪要标题", 100);
/// Others who attended a meeting (列席人员).
pub const OTHER_ATTENDEES: Limit = Limit::new("列席人员", 500);
/// 会议认为 / 会议强调: a paragraph or a few each.
pub const MEETING_OPINION: Limit = Limit::new("会议认为", 5_000);
/// 会议强调.
pub const MEETING_EMPHASIS: Limit = Limit::new("会议强调", 5_000);
/// One requirement of a meeting (会议要求).
pub const MEETING_REQUIREMENT: Limit = Limit::new("会议要求", 1_000);
/// One decision of a meeting (决定事项).
pub const DECISION: Limit = Limit::new("决定事项", 1_000);
/// The issuing body at the foot of the minutes (印发单位).
pub const ISSUED_BY: Limit = Limit::new("印发单位", 100);
/// The minutes as the clerk edited them (纪要正文): a long document.
pub const MINUTES_TEXT: Limit = Limit::new("纪要正文", 30_000);

// ---------------------------------------------------------------------
// Settings.

/// A unit's name (单位名称), e.g. `安和县住房和城乡建设局`.
pub const UNIT_NAME: Limit = Limit::new("单位名称", 50);
/// A person's name in the organisation (人员姓名).
pub const PERSON_NAME: Limit = Limit::new("人员姓名", 50);
/// A person's title (职务).
pub const PERSON_TITLE: Limit = Limit::new("职务", 50);

/// Every limit, for tests and for a form that looks one up by name.
pub const ALL: [Limit; 48] = [
    PETITIONER_NAME,
    ADDRESS,
    VILLAGE,
    SUMMARY,
    CONTENT,
    ROUTING_EXPLANATION,
    STANDARD,
    DECLINE_REASON,
    REDIRECT_TO,
    DIRECTION_REASON,
    EXTENSION_REASON,
    CLAIM,
    BASIS,
    REPORT,
    SEND_BACK_REASON,
    REVIEW_REASONS,
    SUPERVISION_NOTE,
    SUPERVISION_RESPONSE,
    FOLLOW_UP_NOTE,
    OBJECTION_REASON,
    SETTLEMENT_NOTE,
    CASE_NUMBER,
    LEDGER_SOURCE,
    LEDGER_HEADER,
    LEDGER_CELL,
    PLACE,
    ROTA_NAME,
    RECEPTION_MATTER,
    PLAN,
    MEASURE,
    MEETING_DOCUMENT,
    SENSITIVE_PERIOD,
    SCREENED_BY,
    CAMPAIGN,
    ROUND_NOTES,
    ISSUE,
    BACKLOG_SOURCE,
    MEETING_TITLE,
    OTHER_ATTENDEES,
    MEETING_OPINION,
    MEETING_EMPHASIS,
    MEETING_REQUIREMENT,
    DECISION,
    ISSUED_BY,
    MINUTES_TEXT,
    UNIT_NAME,
    PERSON_NAME,
    PERSON_TITLE,
];

/// The limit of the field with this Chinese name (as [`Limit::field`]).
pub fn named(field: &str) -> Option<Limit> {
    ALL.into_iter().find(|l| l.field == field)
}
