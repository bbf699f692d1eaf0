//! Import of case ledgers (台账) kept in spreadsheets: a [`Table`] of text
//! cells (read from .xlsx or .csv by the caller; this module parses no
//! files), a column [`Mapping`] recognised from common Chinese headers and
//! from our own export's ([`crate::export::LEDGER_HEADERS`]), the clerk's
//! [`Options`] (value choices, rows left out, where each row came from),
//! and a [`Plan`] that turns every row into core [`Command`]s.
//!
//! **Every problem, then nothing or everything.** [`plan`] checks every
//! row and collects every [`RowError`] (row as the spreadsheet numbers it,
//! counting the header as row 1; the column's header; a [`ProblemKind`] to
//! group by; a Chinese message); it also runs the commands on a copy of
//! the office, so anything the core would refuse is reported too.
//! [`Plan::apply`] runs them again as one batch ([`Office::execute_all`]),
//! with the settings the import needs ([`Plan::settings`]): every row goes
//! in or none, and a refusal leaves the office untouched.
//!
//! **Rows that are no case.** Blank rows, total rows (`合计`), note rows
//! (`注：…`, one long text) and rows the clerk leaves out are set aside
//! with the reason ([`Plan::set_aside`]); a continuation line (only the
//! text columns filled) is joined to the row above ([`rows`]); a `同上`
//! cell repeats the cell above.
//!
//! **Values.** A channel, category, unit or township that is not the
//! office's own name is looked up in the office's remembered spellings
//! ([`values::ValueAliases`]) and the clerk's [`values::Choices`]; what is
//! still unknown is an error of kind [`ProblemKind::Unrecognised`], which
//! [`unknowns`] gathers into one line per distinct value with its rows and
//! a suggested match.
//!
//! **What a historical row records, and nothing more** ([`crate::provenance`]):
//! - registered with its received date, channel, petitioners (with their
//!   address), head count (`王德林等30人` states it), category, purpose,
//!   township (or the one its address names) and the text; numbered in the
//!   year it was received ([`Command::Import`]); every cell of the row
//!   that is not part of the intake is kept as written in its
//!   [`LedgerEntry`], with the ledger's own number;
//! - a 责任单位 becomes the routing: 转送 to that unit, or 直办 when it is
//!   the petition office itself, on the stated 转送/交办 date or else on
//!   the received day, noted as not stated (the routing and acceptance
//!   are then not judged, [`crate::Case::duty_unknown`]);
//! - a stated 受理时间 becomes the acceptance on that day;
//! - a stated acceptance, 答复时间 and a result naming the outcome
//!   (予以支持 / 解释说明 / 不予支持) become the written reply on that day,
//!   and a 满意度 the rating on it;
//! - a row the ledger states concluded (是否办结 是, a reply date, an
//!   outcome or a rating) without all of those is recorded as concluded
//!   by the ledger ([`crate::Stage::Archived`]): never overdue, its dates
//!   unjudged. A 办理时限 is never taken for a reply date.
//!
//! **Duplicates.** A row whose 编号 matches an existing case's number or
//! an imported case's ledger number, or whose received date, summary and
//! primary petitioner (identity number, else name) match an existing
//! case, is skipped and listed in [`Plan::skipped`], so importing the same
//! file twice adds nothing. A row repeated within the file is an error.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::import::{plan, Mapping, Options, Table};
//! use xinfang_core::{Office, Settings, Stage};
//!
//! let mut office = Office::new(Settings::sample_county());
//! let table = Table {
//!     years: Vec::new(),
//!     headers: ["登记日期", "信访人", "信访形式", "反映问题", "问题类别", "责任单位", "是否办结"]
//!         .map(String::from).to_vec(),
//!     rows: vec![
//!         ["2025/3/16", "张某、李某", "来访", "反映工资被拖欠", "拖欠工资", "县人社局", "是"]
//!             .map(String::from).to_vec(),
//!         ["2025年3月17日", "王某", "外星通讯", "", "不存在的类别", "", ""]
//!             .map(String::from).to_vec(),
//!         ["合计", "", "", "", "", "", ""].map(String::from).to_vec(),
//!     ],
//! };
//! let mapping = Mapping::recognise(&table.headers);
//! let now = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! // Every problem of every row, named by row and column:
//! let options = Options::default();
//! let errors = plan(&office, &table, &mapping, &options, now).unwrap_err();
//! assert!(errors.iter().all(|e| e.row == 3));
//! assert!(errors.iter().any(|e| e.column == "信访形式"));
//! assert!(errors.iter().any(|e| e.column == "问题类别"));
//! assert!(errors.iter().any(|e| e.column == "反映问题"));
//!
//! // Without the bad row, the plan goes in whole; the total row is set aside.
//! let mut table = table;
//! table.rows.remove(1);
//! let plan = plan(&office, &table, &mapping, &options, now).unwrap();
//! assert_eq!(plan.set_aside.len(), 1);
//! let ids = plan.apply(&mut office).unwrap();
//! let case = office.case(ids[0]).unwrap();
//! assert_eq!(case.number(), "XF2025-00001");
//! assert_eq!(case.intake().petitioners.len(), 2);
//! // Concluded by the ledger's word, without dates: never overdue.
//! assert_eq!(case.stage(), Stage::Archived);
//!
//! // The same file again adds nothing: the row is skipped as a duplicate.
//! let again = xinfang_core::import::plan(&office, &table, &mapping, &options, now).unwrap();
//! assert!(again.rows.is_empty());
//! assert_eq!(again.skipped.len(), 1);
//! ```

pub mod cells;
pub mod rows;
pub mod values;

use crate::case::provenance::{LedgerCell, LedgerClosure, LedgerEntry};
use crate::case::{Intake, ReplyItem, ReplyOutcome, Routing, Satisfaction};
use crate::ids::{CaseId, CategoryId, UnitId};
use crate::lifecycle::Action;
use crate::office::{Command, Done, Office};
use crate::org::UnitKind;
use crate::petition::{Petitioner, Purpose};
use crate::routing::Disposal;
use crate::settings::Settings;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use cells::{
    is_ditto, names_and_count, parse_closed, parse_date_in, parse_id, parse_outcome, parse_phone,
    parse_purpose, parse_satisfaction, plausible, split_list,
};
pub use cells::{parse_channel, parse_date};
use rows::{classify, RowKind};
use values::{Choice, Choices, Target, Unknown, ValueField};

/// The most data rows one import takes.
pub const MAX_ROWS: usize = 20_000;

/// The longest summary (反映问题) kept as the one-line summary, in
/// characters; the full text always goes into the content.
pub const SUMMARY_CHARS: usize = 100;

/// The line that kept a row's old case number in the content, in imports
/// made before the ledger row was kept ([`LedgerEntry::number`]).
const OLD_NUMBER: &str = "原编号：";

/// The fewest people a collective visit (集体访) has.
const COLLECTIVE: u32 = 5;

/// A sheet as text: the header row and the data rows. Dates may be
/// `2025-03-16`, `2025/3/16`, `2025.3.16`, `2025年3月16日`, `20250316`, an
/// Excel day number, or without the year where [`Table::years`] gives it;
/// a time after the date is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The first row's cells.
    pub headers: Vec<String>,
    /// The other rows (may be shorter or longer than the header).
    pub rows: Vec<Vec<String>>,
    /// For each row (by its index in `rows`), the year a date written
    /// without one (`3月16日`, `3.16`) falls in, when the sheet's name or
    /// title states it (`2025年3月`); empty, or shorter than `rows`, where
    /// none is known: such a date is then an error.
    pub years: Vec<Option<i32>>,
}

/// What a column can be imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 编号: the ledger's own number (duplicate check; kept with the case).
    Number,
    /// 登记日期 (required).
    ReceivedOn,
    /// 信访人: one or more names separated by 、 , ， ; ； (required);
    /// `王德林等30人` also states the head count.
    Names,
    /// 身份证号: in the names' order.
    IdNumbers,
    /// 联系电话: in the names' order.
    Phones,
    /// 住址: the primary petitioner's address; names the township when no
    /// column does.
    Address,
    /// 信访形式 (required).
    Channel,
    /// 人数 (default: the number of names, or the count `等N人` states).
    HeadCount,
    /// 反映问题 (required): the first line is the summary.
    Summary,
    /// 具体内容: added to the content.
    Content,
    /// 问题类别 (required): a name or a path such as `农村农业/土地承包`.
    Category,
    /// 信访目的 (default 求决).
    Purpose,
    /// 乡镇 (街道).
    Township,
    /// 村（社区）.
    Village,
    /// 责任单位.
    Unit,
    /// 转送/交办日期.
    RoutedOn,
    /// 受理时间.
    AcceptedOn,
    /// 办理时限 (kept as written; never taken for a reply date).
    Deadline,
    /// 答复日期.
    ReplyDate,
    /// 办理结果.
    Result,
    /// 是否办结.
    Closed,
    /// 满意度.
    Satisfaction,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 22] = [
        Field::Number,
        Field::ReceivedOn,
        Field::Names,
        Field::IdNumbers,
        Field::Phones,
        Field::Address,
        Field::Channel,
        Field::HeadCount,
        Field::Summary,
        Field::Content,
        Field::Category,
        Field::Purpose,
        Field::Township,
        Field::Village,
        Field::Unit,
        Field::RoutedOn,
        Field::AcceptedOn,
        Field::Deadline,
        Field::ReplyDate,
        Field::Result,
        Field::Closed,
        Field::Satisfaction,
    ];

    /// The fields a ledger must have.
    pub const REQUIRED: [Field; 5] =
        [Field::ReceivedOn, Field::Names, Field::Channel, Field::Summary, Field::Category];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        self.synonyms()[0]
    }

    /// The English name.
    pub fn english(self) -> &'static str {
        match self {
            Field::Number => "Case number",
            Field::ReceivedOn => "Received on",
            Field::Names => "Petitioners",
            Field::IdNumbers => "ID numbers",
            Field::Phones => "Phones",
            Field::Address => "Address",
            Field::Channel => "Channel",
            Field::HeadCount => "Head count",
            Field::Summary => "Summary",
            Field::Content => "Content",
            Field::Category => "Category",
            Field::Purpose => "Purpose",
            Field::Township => "Township",
            Field::Village => "Village",
            Field::Unit => "Responsible unit",
            Field::RoutedOn => "Routed on",
            Field::AcceptedOn => "Accepted on",
            Field::Deadline => "Deadline",
            Field::ReplyDate => "Replied on",
            Field::Result => "Result",
            Field::Closed => "Concluded",
            Field::Satisfaction => "Satisfaction",
        }
    }

    /// A stable name for forms (`received_on`, …).
    pub fn key(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::ReceivedOn => "received_on",
            Field::Names => "names",
            Field::IdNumbers => "id_numbers",
            Field::Phones => "phones",
            Field::Address => "address",
            Field::Channel => "channel",
            Field::HeadCount => "head_count",
            Field::Summary => "summary",
            Field::Content => "content",
            Field::Category => "category",
            Field::Purpose => "purpose",
            Field::Township => "township",
            Field::Village => "village",
            Field::Unit => "unit",
            Field::RoutedOn => "routed_on",
            Field::AcceptedOn => "accepted_on",
            Field::Deadline => "deadline",
            Field::ReplyDate => "reply_date",
            Field::Result => "result",
            Field::Closed => "closed",
            Field::Satisfaction => "satisfaction",
        }
    }

    /// The field with this [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The headers recognised for the field (after dropping spaces,
    /// bracketed notes and `*`), the label first.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Number => {
                &["编号", "案件编号", "信访编号", "登记编号", "案号", "序号编号", "信访件编号"]
            }
            Field::ReceivedOn => &[
                "登记日期",
                "来信来访日期",
                "来信日期",
                "来访日期",
                "信访日期",
                "收件日期",
                "登记时间",
                "来访时间",
                "来信时间",
                "日期",
            ],
            Field::Names => &["信访人", "姓名", "信访人姓名", "来访人", "来信人", "反映人"],
            Field::IdNumbers => &["身份证号", "身份证号码", "身份证", "公民身份号码"],
            Field::Phones => &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"],
            Field::Address => {
                &["住址", "地址", "家庭住址", "现住址", "户籍地址", "居住地", "通讯地址"]
            }
            Field::Channel => &["信访形式", "来源", "渠道", "信访渠道", "信访方式", "来源渠道"],
            Field::HeadCount => &["人数", "信访人数", "来访人数"],
            Field::Summary => &[
                "反映问题",
                "信访事项",
                "主要内容",
                "事由",
                "反映内容",
                "主要问题",
                "信访内容",
                "诉求",
                "反映的主要问题",
            ],
            Field::Content => &["具体内容", "详细内容", "内容摘要"],
            Field::Category => &["问题类别", "类别", "问题分类", "内容分类", "分类", "问题性质"],
            Field::Purpose => &["信访目的", "目的"],
            Field::Township => &["乡镇", "乡镇街道", "所属乡镇", "发生地", "属地"],
            Field::Village => &["村社区", "村", "村居", "社区"],
            Field::Unit => {
                &["责任单位", "承办单位", "办理单位", "主办单位", "交办单位", "转送单位"]
            }
            Field::RoutedOn => {
                &["转送日期", "交办日期", "转办日期", "交办时间", "转送时间", "转办时间"]
            }
            Field::AcceptedOn => &["受理时间", "受理日期"],
            Field::Deadline => &["办理时限", "办结时限", "办理期限", "时限"],
            Field::ReplyDate => {
                &["答复日期", "办结日期", "答复时间", "办结时间", "回复时间", "回复日期"]
            }
            Field::Result => {
                &["办理结果", "处理结果", "办理情况", "处理情况", "答复意见", "答复情况"]
            }
            Field::Closed => &[
                "是否办结",
                "办结情况",
                "是否结案",
                "办结状态",
                "是否办结销号",
                "办理状态",
                "当前状态",
            ],
            Field::Satisfaction => &["满意度", "评价", "满意度评价", "群众评价", "是否满意"],
        }
    }

    /// The column of values this field names, if any.
    pub fn value_field(self) -> Option<ValueField> {
        match self {
            Field::Channel => Some(ValueField::Channel),
            Field::Category => Some(ValueField::Category),
            Field::Unit => Some(ValueField::Unit),
            Field::Township => Some(ValueField::Township),
            _ => None,
        }
    }

    /// Whether the column's cells are kept as written with an imported
    /// case ([`LedgerEntry::cells`]): everything but what the intake
    /// already holds (the petitioners' names, numbers and addresses and
    /// the text), so personal data is kept once, where it is masked.
    fn kept_as_written(field: Option<Field>) -> bool {
        !matches!(
            field,
            Some(
                Field::Names
                    | Field::IdNumbers
                    | Field::Phones
                    | Field::Address
                    | Field::Summary
                    | Field::Content
            )
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Drops spaces, a bracketed note (`身份证号（18位）`) and `*` marks.
fn normalise_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in cells::half_width(h).chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '*' || c == '＊' || c == '/' => {}
            c => out.push(c),
        }
    }
    out
}

/// Which field each column is imported as (`None`: kept as written only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per header.
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// Recognises the headers: each field goes to the first column whose
    /// header is one of its [`synonyms`](Field::synonyms). A ledger whose
    /// only date column is 受理日期 (no 登记日期) has it read as the
    /// received date, as such ledgers mean.
    pub fn recognise(headers: &[String]) -> Mapping {
        let mut taken = BTreeSet::new();
        let mut columns: Vec<Option<Field>> = headers
            .iter()
            .map(|h| {
                let h = normalise_header(h);
                let field = Field::ALL.into_iter().find(|f| f.synonyms().contains(&h.as_str()))?;
                taken.insert(field).then_some(field)
            })
            .collect();
        if !taken.contains(&Field::ReceivedOn) {
            if let Some(c) = columns.iter_mut().find(|c| **c == Some(Field::AcceptedOn)) {
                *c = Some(Field::ReceivedOn);
            }
        }
        Mapping { columns }
    }

    /// How many columns are imported.
    pub fn recognised(&self) -> usize {
        self.columns.iter().flatten().count()
    }

    /// The column of a field (the first, if mapped twice).
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// The required fields no column is mapped to.
    pub fn missing(&self) -> Vec<Field> {
        Field::REQUIRED.into_iter().filter(|f| self.column(*f).is_none()).collect()
    }
}

/// What kind of problem a [`RowError`] is, to group them by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The sheet as a whole (no data, too many rows, a required column missing).
    Sheet,
    /// A required cell is empty.
    Empty,
    /// A date that is no date, in the future or before 1990, or out of order.
    Date,
    /// A channel, category, unit or township the office does not know.
    Unrecognised(ValueField),
    /// A wrong identity number.
    IdNumber,
    /// A wrong phone number.
    Phone,
    /// Another value that cannot be read (head count, purpose, 满意度, 是否办结).
    Value,
    /// The same row twice in the file.
    Duplicate,
    /// The core refuses the row's registration or a step.
    Refused,
}

impl ProblemKind {
    /// The group's name, in Chinese.
    pub fn label(self) -> String {
        match self {
            ProblemKind::Sheet => "表格问题".into(),
            ProblemKind::Empty => "必填项为空".into(),
            ProblemKind::Date => "日期有误".into(),
            ProblemKind::Unrecognised(f) => format!("无法识别的{}", f.label()),
            ProblemKind::IdNumber => "身份证号有误".into(),
            ProblemKind::Phone => "联系电话有误".into(),
            ProblemKind::Value => "无法识别的内容".into(),
            ProblemKind::Duplicate => "文件内重复".into(),
            ProblemKind::Refused => "不符合办理规则".into(),
        }
    }
}

/// A problem in one cell or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as the spreadsheet numbers it: the header is row 1, the
    /// first data row row 2; 0 for the whole sheet.
    pub row: usize,
    /// The column's header (empty for the whole row).
    pub column: String,
    /// What kind of problem it is.
    pub kind: ProblemKind,
    /// The cell as written, for [`ProblemKind::Unrecognised`] (else empty).
    pub value: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.column.is_empty()) {
            (0, _) => write!(f, "{}", self.message),
            (r, true) => write!(f, "第{r}行：{}", self.message),
            (r, false) => write!(f, "第{r}行“{}”：{}", self.column, self.message),
        }
    }
}

/// The distinct unrecognised values among `errors`, each once with its
/// rows and a suggested match from `settings`, in the order of the
/// fields, then by how many rows they are in.
pub fn unknowns(errors: &[RowError], settings: &Settings) -> Vec<Unknown> {
    let mut by: BTreeMap<(ValueField, String), Vec<usize>> = BTreeMap::new();
    for e in errors {
        if let ProblemKind::Unrecognised(field) = e.kind {
            by.entry((field, e.value.clone())).or_default().push(e.row);
        }
    }
    let mut out: Vec<Unknown> = by
        .into_iter()
        .map(|((field, value), rows)| Unknown {
            suggestion: values::suggest(field, &value, settings),
            field,
            value,
            rows,
        })
        .collect();
    out.sort_by(|a, b| a.field.cmp(&b.field).then(b.rows.len().cmp(&a.rows.len())));
    out
}

/// The errors grouped by kind and column, with their rows, in order of
/// kind: what the page lists as "身份证号有误 6处".
pub fn grouped(errors: &[RowError]) -> Vec<(ProblemKind, String, Vec<&RowError>)> {
    let mut by: BTreeMap<(ProblemKind, String), Vec<&RowError>> = BTreeMap::new();
    for e in errors {
        by.entry((e.kind, e.column.clone())).or_default().push(e);
    }
    by.into_iter().map(|((k, c), v)| (k, c, v)).collect()
}

/// What the clerk decided for this file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The file's name, for each case's [`LedgerEntry::source`].
    pub source: String,
    /// Where each row of the table is in the workbook (`3月 · 第12行`), by
    /// index in [`Table::rows`]; a row without one is `第N行`.
    pub origins: Vec<String>,
    /// Rows (by index in [`Table::rows`]) left out, e.g. hidden rows.
    pub leave_out: BTreeSet<usize>,
    /// What the unrecognised values mean.
    pub choices: Choices,
}

/// A reply (and rating) recorded for a historical row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoricalReply {
    /// The reply's date.
    pub replied_on: NaiveDate,
    /// The outcome the result names.
    pub outcome: ReplyOutcome,
    /// The result text (the reply's basis).
    pub text: String,
    /// The rating, recorded on the reply date.
    pub rating: Option<Satisfaction>,
}

/// One row as it will be registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    /// The spreadsheet's row number.
    pub row: usize,
    /// The registration.
    pub intake: Intake,
    /// What the ledger row states, kept with the case.
    pub ledger: LedgerEntry,
    /// The routing, when the row names a unit.
    pub routing: Option<Routing>,
    /// The acceptance, when the row states its day.
    pub accepted_on: Option<NaiveDate>,
    /// The reply (and rating), when the row states all a reply needs.
    pub reply: Option<HistoricalReply>,
    /// What the import did with the row's statements, in Chinese.
    pub notes: Vec<String>,
}

impl PlannedRow {
    /// The stage the case will be in, in Chinese.
    pub fn imported_as(&self) -> &'static str {
        match (&self.reply, &self.ledger.closed, self.accepted_on, &self.routing) {
            (Some(r), ..) if r.rating.is_some() => "已答复（已评价）",
            (Some(_), ..) => "已答复",
            (None, Some(_), ..) => "已办结（台账）",
            (None, None, Some(_), _) => "办理中",
            (None, None, None, Some(_)) => "待受理（已转送）",
            (None, None, None, None) => "待转送（登记）",
        }
    }

    /// The row's command: its registration with its dated steps.
    pub fn command(&self) -> Command {
        Command::Import {
            intake: self.intake.clone(),
            ledger: Box::new(self.ledger.clone()),
            steps: self.actions(),
        }
    }

    /// The actions after the registration, in order.
    pub fn actions(&self) -> Vec<Action> {
        let mut out = Vec::new();
        if let Some(routing) = &self.routing {
            out.push(Action::Route { routing: routing.clone() });
        }
        if let Some(on) = self.accepted_on {
            out.push(Action::Accept { on });
        }
        if let Some(r) = &self.reply {
            out.push(Action::Reply {
                on: r.replied_on,
                items: vec![ReplyItem {
                    claim: self.intake.summary.clone(),
                    outcome: r.outcome,
                    basis: r.text.clone(),
                }],
                report: None,
            });
            if let Some(level) = r.rating {
                out.push(Action::Rate { on: r.replied_on, level });
            }
        }
        out
    }
}

/// A row left out because the case is already in the office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The spreadsheet's row number.
    pub row: usize,
    /// The existing case's number.
    pub case_number: String,
    /// Why it is the same, in Chinese.
    pub reason: String,
}

/// A row that is no case, or that the clerk left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The spreadsheet's row number.
    pub row: usize,
    /// Why, in Chinese.
    pub reason: String,
}

/// Why a checked plan could not be applied (the office changed since):
/// nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError {
    /// The spreadsheet's row number (0: the settings).
    pub row: usize,
    /// The core's message.
    pub message: String,
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行未能导入：{}，全部未导入", self.row, self.message)
    }
}

/// A checked import: the rows to register, the rows skipped or set aside,
/// and the settings it goes in with.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The rows to register, in the file's order.
    pub rows: Vec<PlannedRow>,
    /// Rows already in the office.
    pub skipped: Vec<SkippedRow>,
    /// Rows that are no case (totals, notes, continuations joined to the
    /// row above) or that the clerk left out, with the reason.
    pub set_aside: Vec<SetAside>,
    /// The office's settings with the units and categories the clerk
    /// chose to create and the mappings remembered; `None` when the import
    /// changes no setting.
    pub settings: Option<Settings>,
    /// How many values were mapped by the office's remembered spellings or
    /// the clerk's choices.
    pub mapped_values: usize,
    /// The moment every command is decided at.
    pub now: NaiveDateTime,
}

impl Plan {
    /// Every row's commands in order for `office`, each with its row
    /// number: the cases get the ids the office hands out next.
    fn commands(&self) -> Vec<(usize, Command)> {
        self.rows.iter().map(|r| (r.row, r.command())).collect()
    }

    /// The commands in order, one per row.
    pub fn command_list(&self) -> Vec<Command> {
        self.rows.iter().map(PlannedRow::command).collect()
    }

    /// Runs every row's commands on a copy of `office`: the copy, the
    /// commands in order (with the case ids they will get) and the new
    /// cases' ids; or the first refusal.
    pub fn dry_run(
        &self,
        office: &Office,
    ) -> Result<(Office, Vec<Command>, Vec<CaseId>), ApplyError> {
        let mut copy = office.clone();
        let commands = self.command_list();
        let ids = self.apply(&mut copy)?;
        Ok((copy, commands, ids))
    }

    /// Imports every row or none, as one batch ([`Office::execute_all`]),
    /// with [`Plan::settings`] when the import changes them: on a refusal
    /// the office (settings included) is unchanged. Returns the new
    /// cases' ids.
    pub fn apply(&self, office: &mut Office) -> Result<Vec<CaseId>, ApplyError> {
        let before =
            self.settings.as_ref().map(|s| std::mem::replace(office.settings_mut(), s.clone()));
        let (rows, commands): (Vec<usize>, Vec<Command>) = self.commands().into_iter().unzip();
        let done = match office.execute_all(commands, self.now) {
            Ok(done) => done,
            Err(e) => {
                if let Some(before) = before {
                    *office.settings_mut() = before;
                }
                return Err(ApplyError {
                    row: rows.get(e.index).copied().unwrap_or_default(),
                    message: e.error.to_string(),
                });
            }
        };
        Ok(done
            .into_iter()
            .filter_map(|d| match d {
                Done::Registered(id) => Some(id),
                _ => None,
            })
            .collect())
    }
}

/// The values of a cell listing one per petitioner (identity numbers or
/// phones), parsed by position: a masked value (`*`) is left out with a
/// note, a wrong one is a problem, and so is a list longer than the
/// petitioners. Returns the values by position and the problems.
fn parse_each<T>(
    cell: &str,
    petitioners: usize,
    what: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    notes: &mut Vec<String>,
) -> (Vec<Option<T>>, Vec<String>) {
    let raws = split_list(cell);
    let mut problems = Vec::new();
    if raws.len() > petitioners.max(1) {
        problems.push(format!("{what}有{}个，多于信访人{petitioners}名", raws.len()));
    }
    let values = raws
        .iter()
        .map(|raw| {
            if raw.contains('*') {
                notes.push(format!("{what}{raw}已脱敏，未导入"));
                return None;
            }
            parse(raw).map_err(|e| problems.push(e)).ok()
        })
        .collect();
    (values, problems)
}

/// Finds by exact name, then by a unique name containing the text.
fn find_named<T: Copy>(
    text: &str,
    mut exact: impl Iterator<Item = (T, String)>,
    offered: impl Iterator<Item = (T, String)>,
) -> Result<T, String> {
    let text = text.trim();
    if let Some((id, _)) = exact.find(|(_, n)| n == text) {
        return Ok(id);
    }
    let hits: Vec<(T, String)> = offered.filter(|(_, n)| n.contains(text)).collect();
    match hits.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(format!("找不到“{text}”")),
        many => {
            let names: Vec<&str> = many.iter().take(5).map(|(_, n)| n.as_str()).collect();
            Err(format!("“{text}”不明确，可能是：{}", names.join("、")))
        }
    }
}

/// What a value cell resolves to.
enum Resolved {
    /// Found, and whether by a remembered spelling or a choice.
    Found(Target, bool),
    /// The clerk leaves its rows out.
    Leave,
    /// Not known: the message.
    Unknown(String),
}

/// Resolves a value of `field`: the clerk's choice, the office's own
/// name, a remembered spelling.
fn resolve(field: ValueField, raw: &str, s: &Settings, choices: &Choices) -> Resolved {
    let value = raw.trim();
    match choices.get(&(field, value.to_string())) {
        Some(Choice::Leave) => return Resolved::Leave,
        // A created entry's alias is in the import's settings.
        Some(Choice::Map { target }) => return Resolved::Found(*target, true),
        Some(Choice::Create) | None => {}
    }
    let own = match field {
        ValueField::Channel => parse_channel(value)
            .map(|channel| Target::Channel { channel, collective: false })
            .ok_or_else(|| format!("无法识别信访形式“{value}”")),
        ValueField::Category => {
            let tree = &s.categories;
            let by_path = tree.find_path(value).filter(|k| tree.is_offered(k.id())).map(|k| k.id());
            let last = value.rsplit('/').next().unwrap_or(value);
            by_path
                .map(Ok)
                .unwrap_or_else(|| {
                    let offered = || tree.offered().map(|k| (k.id(), k.name().to_string()));
                    find_named(last, offered(), offered())
                })
                .map(|category| Target::Category { category })
                .map_err(|why| format!("问题类别{why}（或已停用）"))
        }
        ValueField::Unit => {
            let all = || s.org.units().map(|u| (u.id(), u.name().to_string()));
            let active =
                || s.org.units().filter(|u| u.is_active()).map(|u| (u.id(), u.name().to_string()));
            find_named(value, all(), active())
                .map(|unit| Target::Unit { unit })
                .map_err(|why| format!("责任单位{why}"))
        }
        ValueField::Township => {
            let towns = || s.org.units().filter(|u| u.kind() == UnitKind::Township);
            find_named(
                value,
                towns().map(|u| (u.id(), u.name().to_string())),
                towns().filter(|u| u.is_active()).map(|u| (u.id(), u.name().to_string())),
            )
            .map(|unit| Target::Unit { unit })
            .map_err(|why| format!("乡镇（街道）{why}"))
        }
    };
    match own {
        Ok(t) => Resolved::Found(t, false),
        Err(why) => match s.aliases.get(field, value).filter(|t| t.fits(field, s)) {
            Some(t) => Resolved::Found(t, true),
            None => Resolved::Unknown(why),
        },
    }
}

/// The township an address names (`城关镇东关村3组` → 城关镇), and the
/// village or community after it (`东关村`).
fn township_of_address(address: &str, s: &Settings) -> Option<(UnitId, String)> {
    let towns = s.org.units().filter(|u| u.kind() == UnitKind::Township && u.is_active());
    let (unit, at) =
        towns.filter_map(|u| address.find(u.name()).map(|at| (u, at))).min_by_key(|(_, at)| *at)?;
    let rest = &address[at + unit.name().len()..];
    let village = ["村", "社区", "居委会"]
        .iter()
        .filter_map(|w| rest.find(w).map(|i| &rest[..i + w.len()]))
        .min_by_key(|v| v.len())
        .filter(|v| (2..=20).contains(&v.chars().count()))
        .unwrap_or("")
        .to_string();
    Some((unit.id(), village))
}

/// A cell kept as written with identity numbers and mobile numbers in it
/// masked as lists show them (`410523********1234`, `138****5566`): a
/// column the clerk keeps as written may hold them, and personal data is
/// only ever kept in full in the petitioners' own fields.
fn mask_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == 'X' || **c == 'x')
            .count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let word: String = chars[i..i + run].iter().collect();
        let digits_only = word.chars().all(|c| c.is_ascii_digit());
        out.push_str(&match run {
            15..=18 => format!("{}{}{}", &word[..6], "*".repeat(run - 10), &word[run - 4..]),
            11 if digits_only && word.starts_with('1') => {
                format!("{}****{}", &word[..3], &word[7..])
            }
            _ => word,
        });
        i += run;
    }
    out
}

/// The duplicate key of an intake: received date, summary, and the primary
/// petitioner's identity number or else name.
fn dup_key(intake: &Intake) -> (NaiveDate, String, String) {
    let who = intake.primary().map_or(String::new(), |p| {
        p.id_number.as_ref().map_or_else(|| p.name.trim().to_string(), |i| i.as_str().to_string())
    });
    (intake.received_on, intake.summary.trim().to_string(), who)
}

/// A logical row: a data row with its continuations joined.
struct Logical {
    /// Index in the table's rows.
    index: usize,
    cells: Vec<String>,
}

/// Sets aside blank, total, note and left-out rows, joins continuations
/// to the row above and fills `同上` cells from the row above.
fn logical_rows(
    table: &Table,
    mapping: &Mapping,
    options: &Options,
) -> (Vec<Logical>, Vec<SetAside>) {
    let mut out: Vec<Logical> = Vec::new();
    let mut aside = Vec::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let row = i + 2;
        let kind = classify(cells, mapping, !out.is_empty());
        if options.leave_out.contains(&i) && kind != RowKind::Blank {
            aside.push(SetAside { row, reason: "隐藏行，按选择不导入".into() });
            continue;
        }
        match kind {
            RowKind::Blank => {}
            RowKind::Total | RowKind::Note => {
                aside.push(SetAside { row, reason: kind.reason().into() })
            }
            RowKind::Continuation => {
                let above = out.last_mut().expect("classify needs a data row above");
                for (j, c) in cells.iter().enumerate() {
                    let c = c.trim();
                    if c.is_empty() {
                        continue;
                    }
                    if above.cells.len() <= j {
                        above.cells.resize(j + 1, String::new());
                    }
                    let cell = &mut above.cells[j];
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(c);
                }
                aside.push(SetAside {
                    row,
                    reason: format!("{}（第{}行）", kind.reason(), above.index + 2),
                });
            }
            RowKind::Data => {
                let mut cells = cells.clone();
                if let Some(above) = out.last() {
                    for (j, c) in cells.iter_mut().enumerate() {
                        if is_ditto(c) {
                            *c = above.cells.get(j).cloned().unwrap_or_default();
                        }
                    }
                }
                out.push(Logical { index: i, cells });
            }
        }
    }
    (out, aside)
}

/// Checks a table against the office and turns it into a [`Plan`], or
/// returns every problem of every row.
pub fn plan(
    office: &Office,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    now: NaiveDateTime,
) -> Result<Plan, Vec<RowError>> {
    let plan = check_rows(office, table, mapping, options, now)?;
    // Whatever else the core would refuse, on a copy: each row as a batch,
    // so a refused row leaves nothing of itself for the rows after it.
    let mut copy = office.clone();
    if let Some(s) = &plan.settings {
        *copy.settings_mut() = s.clone();
    }
    let mut refused = Vec::new();
    for r in &plan.rows {
        if let Err(e) = copy.execute(r.command(), now) {
            refused.push(RowError {
                row: r.row,
                column: String::new(),
                kind: ProblemKind::Refused,
                value: String::new(),
                message: e.to_string(),
            });
        }
    }
    if refused.is_empty() {
        Ok(plan)
    } else {
        Err(refused)
    }
}

/// The values of the table the office does not recognise under
/// `options` (see [`unknowns`]): the rows checked, without running them
/// on a copy of the office, so a large file's values are listed quickly.
pub fn unknown_values(
    office: &Office,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    now: NaiveDateTime,
) -> Vec<Unknown> {
    match check_rows(office, table, mapping, options, now) {
        Err(errors) => unknowns(&errors, office.settings()),
        Ok(_) => Vec::new(),
    }
}

/// Every check of [`plan`] but running the commands.
fn check_rows(
    office: &Office,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    now: NaiveDateTime,
) -> Result<Plan, Vec<RowError>> {
    let whole = |message: String| RowError {
        row: 0,
        column: String::new(),
        kind: ProblemKind::Sheet,
        value: String::new(),
        message,
    };
    let mut errors = Vec::new();
    if table.rows.len() > MAX_ROWS {
        errors.push(whole(format!(
            "表格有{}行，超过一次导入的上限{MAX_ROWS}行，请分批导入",
            table.rows.len()
        )));
    }
    for field in mapping.missing() {
        errors.push(RowError {
            row: 1,
            column: field.label().to_string(),
            kind: ProblemKind::Sheet,
            value: String::new(),
            message: format!("缺少必需的列“{}”：请在列对应中指定", field.label()),
        });
    }
    let (logical, set_aside) = logical_rows(table, mapping, options);
    if logical.is_empty() {
        errors.push(whole("表格中没有数据行".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // The settings the import goes in with: the clerk's creations and
    // mappings (remembered), or the office's own.
    let changed = if options.choices.is_empty() {
        None
    } else {
        Some(
            values::settings_with(office.settings(), &options.choices)
                .map_err(|m| vec![whole(m)])?,
        )
    };
    let s: &Settings = changed.as_ref().unwrap_or(office.settings());
    let today = now.date();
    // What the office already holds, for duplicates.
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    let mut keys: BTreeMap<(NaiveDate, String, String), String> = BTreeMap::new();
    for case in office.cases() {
        numbers.insert(case.number().to_string(), case.number().to_string());
        if let Some(l) = case.ledger().filter(|l| !l.number.is_empty()) {
            numbers.insert(l.number.clone(), case.number().to_string());
        }
        for line in case.intake().content.lines() {
            if let Some(old) = line.strip_prefix(OLD_NUMBER) {
                numbers.insert(old.trim().to_string(), case.number().to_string());
            }
        }
        keys.insert(dup_key(case.intake()), case.number().to_string());
    }
    let mut in_file_numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_file_keys: BTreeMap<(NaiveDate, String, String), usize> = BTreeMap::new();

    let header = |col: usize| table.headers.get(col).cloned().unwrap_or_default();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut set_aside = set_aside;
    let mut mapped_values = 0;
    for Logical { index, cells } in &logical {
        let row = index + 2;
        let year = table.years.get(*index).copied().flatten();
        let before = errors.len();
        let get = |f: Field| -> &str {
            mapping.column(f).and_then(|c| cells.get(c)).map_or("", |s| s.trim())
        };
        let mut err = |f: Field, kind: ProblemKind, message: String| {
            let column = mapping.column(f).map(header).unwrap_or_else(|| f.label().to_string());
            let value = if matches!(kind, ProblemKind::Unrecognised(_)) {
                get(f).to_string()
            } else {
                String::new()
            };
            errors.push(RowError { row, column, kind, value, message });
        };
        let mut notes = Vec::new();
        let mut leave = false;
        let mut resolved = |f: Field, err: &mut dyn FnMut(Field, ProblemKind, String)| {
            let field = f.value_field().expect("a value field");
            match get(f) {
                "" => None,
                raw => match resolve(field, raw, s, &options.choices) {
                    Resolved::Found(t, by_alias) => {
                        mapped_values += usize::from(by_alias);
                        Some(t)
                    }
                    Resolved::Leave => {
                        leave = true;
                        None
                    }
                    Resolved::Unknown(why) => {
                        err(f, ProblemKind::Unrecognised(field), why);
                        None
                    }
                },
            }
        };
        let date_of = |f: Field, err: &mut dyn FnMut(Field, ProblemKind, String)| match get(f) {
            "" => None,
            d => match parse_date_in(d, year) {
                Some(p) if !plausible(p) => {
                    err(f, ProblemKind::Date, format!("{}{p}早于1990年", f.label()));
                    None
                }
                // A deadline may lie ahead; what was done may not.
                Some(p) if p > today && f != Field::Deadline => {
                    err(f, ProblemKind::Date, format!("{}{p}晚于今天", f.label()));
                    None
                }
                Some(p) => Some(p),
                None => {
                    let hint = if year.is_none() && !d.contains(['年']) && d.chars().count() <= 6 {
                        "（没有年份，工作表名称或标题中也没有）"
                    } else {
                        "（应如2025-03-16）"
                    };
                    err(f, ProblemKind::Date, format!("“{d}”不是日期{hint}"));
                    None
                }
            },
        };

        let received_on = date_of(Field::ReceivedOn, &mut err);
        if get(Field::ReceivedOn).is_empty() {
            err(Field::ReceivedOn, ProblemKind::Empty, "登记日期不能为空".into());
        }

        let (names_cell, stated_count) = names_and_count(get(Field::Names));
        let names = split_list(&names_cell);
        if names.is_empty() {
            err(Field::Names, ProblemKind::Empty, "信访人不能为空".into());
        }
        let mut petitioners: Vec<Petitioner> =
            names.iter().map(|n| Petitioner::named(n.as_str())).collect();
        // An 18-digit number typed into a number cell keeps 15 significant
        // digits: Excel itself turned the last three into 000.
        let id_parse = |raw: &str| {
            parse_id(raw).map_err(|e| {
                let digits = raw.trim();
                if digits.len() == 18 && digits.ends_with("000") {
                    format!("{e}（末三位为000，可能是Excel把身份证号按数字保存丢了末几位：请将该列设为文本后补录）")
                } else {
                    e.to_string()
                }
            })
        };
        let (ids, problems) =
            parse_each(get(Field::IdNumbers), names.len(), "身份证号", id_parse, &mut notes);
        problems.into_iter().for_each(|m| err(Field::IdNumbers, ProblemKind::IdNumber, m));
        for (p, id) in petitioners.iter_mut().zip(ids) {
            if let Some((id, upgraded)) = id {
                if upgraded {
                    notes.push(format!("15位身份证号已升为18位{}", id.masked()));
                }
                p.id_number = Some(id);
            }
        }
        let phone_parse = |raw: &str| parse_phone(raw).map_err(|e| e.to_string());
        let (phones, problems) =
            parse_each(get(Field::Phones), names.len(), "联系电话", phone_parse, &mut notes);
        problems.into_iter().for_each(|m| err(Field::Phones, ProblemKind::Phone, m));
        for (p, phone) in petitioners.iter_mut().zip(phones) {
            if phone.is_some() {
                p.phone = phone;
            }
        }
        let address = get(Field::Address).to_string();
        if let Some(p) = petitioners.first_mut() {
            p.address = address.clone();
        }

        let channel = match get(Field::Channel) {
            "" => {
                err(Field::Channel, ProblemKind::Empty, "信访形式不能为空".into());
                None
            }
            _ => resolved(Field::Channel, &mut err),
        };
        let (channel, collective) = match channel {
            Some(Target::Channel { channel, collective }) => (Some(channel), collective),
            _ => (None, false),
        };

        let named = names.len().max(1) as u32;
        let head_count = match get(Field::HeadCount) {
            "" => Some(stated_count.unwrap_or(named).max(named)),
            h => {
                let h = cells::half_width(h);
                let digits = h.trim().trim_end_matches('人').trim_end_matches(".0").trim();
                match digits.parse::<u32>() {
                    Ok(n) if n >= named && n <= 100_000 => Some(n),
                    Ok(n) => {
                        err(
                            Field::HeadCount,
                            ProblemKind::Value,
                            format!("人数{n}应不少于信访人名数{named}且不超过100000"),
                        );
                        None
                    }
                    Err(_) => {
                        err(Field::HeadCount, ProblemKind::Value, format!("人数“{h}”不是整数"));
                        None
                    }
                }
            }
        };
        let head_count = head_count.map(|n| {
            if collective && n < COLLECTIVE {
                notes.push(format!("集体访未载人数，按{COLLECTIVE}人登记"));
                COLLECTIVE
            } else {
                n
            }
        });

        let full = get(Field::Summary).to_string();
        let first_line = full.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let summary: String = first_line.chars().take(SUMMARY_CHARS).collect();
        if summary.is_empty() {
            err(Field::Summary, ProblemKind::Empty, "反映问题不能为空".into());
        }
        let mut content = Vec::new();
        if full.trim() != summary {
            content.push(full.trim().to_string());
        }
        let content_cell = get(Field::Content);
        if !content_cell.is_empty() {
            content.push(content_cell.to_string());
        }

        let category: Option<CategoryId> = match get(Field::Category) {
            "" => {
                err(Field::Category, ProblemKind::Empty, "问题类别不能为空".into());
                None
            }
            _ => match resolved(Field::Category, &mut err) {
                Some(Target::Category { category }) => Some(category),
                _ => None,
            },
        };

        let purpose = match get(Field::Purpose) {
            "" => Purpose::Request,
            p => parse_purpose(p).unwrap_or_else(|| {
                err(
                    Field::Purpose,
                    ProblemKind::Value,
                    format!("无法识别信访目的“{p}”（应为求决、申诉、检举控告、意见建议或咨询）"),
                );
                Purpose::Request
            }),
        };

        let as_unit = |t: Option<Target>| match t {
            Some(Target::Unit { unit }) => Some(unit),
            _ => None,
        };
        let mut village = get(Field::Village).to_string();
        let township: Option<UnitId> = match get(Field::Township) {
            "" if mapping.column(Field::Township).is_none() && !address.is_empty() => {
                township_of_address(&address, s).map(|(unit, v)| {
                    if village.is_empty() {
                        village = v;
                    }
                    notes.push(format!("乡镇按住址记为{}", s.org.unit_name(unit)));
                    unit
                })
            }
            "" => None,
            _ => as_unit(resolved(Field::Township, &mut err)),
        };
        let unit: Option<UnitId> = as_unit(resolved(Field::Unit, &mut err));

        let number = get(Field::Number).to_string();
        let routed_on = date_of(Field::RoutedOn, &mut err);
        let accepted_on = date_of(Field::AcceptedOn, &mut err);
        let reply_date = date_of(Field::ReplyDate, &mut err);
        date_of(Field::Deadline, &mut err);
        let result = get(Field::Result).to_string();
        let rating = parse_satisfaction(get(Field::Satisfaction)).unwrap_or_else(|()| {
            err(
                Field::Satisfaction,
                ProblemKind::Value,
                format!(
                    "无法识别满意度“{}”（应为满意、基本满意或不满意）",
                    get(Field::Satisfaction)
                ),
            );
            None
        });
        let closed = parse_closed(get(Field::Closed)).unwrap_or_else(|()| {
            err(
                Field::Closed,
                ProblemKind::Value,
                format!("无法识别是否办结“{}”（应为是或否）", get(Field::Closed)),
            );
            None
        });
        if let Some(r) = received_on {
            for (f, d) in [
                (Field::RoutedOn, routed_on),
                (Field::AcceptedOn, accepted_on),
                (Field::ReplyDate, reply_date),
            ] {
                if let Some(d) = d.filter(|d| *d < r) {
                    err(f, ProblemKind::Date, format!("{}{d}早于登记日期{r}", f.label()));
                }
            }
        }
        if let (Some(a), Some(r)) = (accepted_on, reply_date) {
            if r < a {
                err(Field::ReplyDate, ProblemKind::Date, format!("答复日期{r}早于受理时间{a}"));
            }
        }

        if leave {
            set_aside.push(SetAside { row, reason: "含按选择不导入的值".into() });
            errors.truncate(before);
            continue;
        }
        if errors.len() > before {
            continue;
        }
        let (Some(received_on), Some(channel), Some(head_count), Some(category)) =
            (received_on, channel, head_count, category)
        else {
            continue;
        };

        // A dated acceptance with no 责任单位: the office that kept the
        // ledger handled it itself (直办), as its ledger reads.
        let unit = unit.or_else(|| {
            let office = s.org.petition_office().filter(|_| accepted_on.is_some())?;
            notes.push(format!(
                "台账未载责任单位而有受理时间：按{}直办记录",
                s.org.unit_name(office)
            ));
            Some(office)
        });
        let routing = unit.map(|lead| {
            let direct = s.org.unit(lead).is_some_and(|u| u.kind() == UnitKind::PetitionOffice);
            Routing {
                on: routed_on.unwrap_or(received_on),
                disposal: if direct { Disposal::Direct } else { Disposal::Transfer },
                lead,
                co_units: Vec::new(),
                assignment: None,
                explanation: "台账导入：按原台账记录的责任单位".into(),
            }
        });
        if routing.is_some() && routed_on.is_none() {
            notes.push("台账未载转送日期：按登记日期记录转送，转送和受理是否及时不作判断".into());
        }
        let outcome = parse_outcome(&result).map(|(outcome, from_words)| {
            if from_words {
                notes.push(format!("办理结果“{result}”按{}记录", outcome.label()));
            }
            outcome
        });
        // What the ledger says was done. A stated acceptance needs a routing.
        let accepted_on = accepted_on.filter(|_| routing.is_some());
        let reply = match (accepted_on, reply_date, outcome) {
            (Some(_), Some(on), Some(outcome)) => {
                Some(HistoricalReply { replied_on: on, outcome, text: result.clone(), rating })
            }
            _ => None,
        };
        let concluded = closed == Some(true)
            || (closed.is_none()
                && (reply_date.is_some() || outcome.is_some() || rating.is_some()));
        let closure = (reply.is_none() && concluded).then(|| {
            let missing: Vec<&str> = [
                (accepted_on.is_none(), "受理时间"),
                (reply_date.is_none(), "答复时间"),
                (outcome.is_none(), "答复结果（予以支持、解释说明或不予支持）"),
            ]
            .into_iter()
            .filter_map(|(m, what)| m.then_some(what))
            .collect();
            notes.push(format!(
                "台账记载已办结，但未载{}：记为已办结（台账），不计超期",
                missing.join("、")
            ));
            LedgerClosure { on: reply_date, outcome, result: result.clone(), rating }
        });
        if closed == Some(false) && (reply_date.is_some() || outcome.is_some()) && reply.is_none() {
            notes.push("台账记载未办结：答复情况保留原文".into());
        }

        let origin = options.origins.get(*index).cloned().unwrap_or_else(|| format!("第{row}行"));
        let source = if options.source.is_empty() {
            origin
        } else {
            format!("{} · {origin}", options.source)
        };
        let ledger = LedgerEntry {
            source,
            number: number.clone(),
            cells: table
                .headers
                .iter()
                .enumerate()
                .filter(|(c, _)| Field::kept_as_written(mapping.columns.get(*c).copied().flatten()))
                .filter_map(|(c, h)| {
                    let text = cells.get(c).map_or("", |t| t.trim());
                    (!text.is_empty()).then(|| LedgerCell {
                        header: h.trim().to_string(),
                        text: mask_numbers(text),
                    })
                })
                .collect(),
            routed_on_stated: routed_on.is_some(),
            closed: closure,
        };

        let intake = Intake {
            received_on,
            channel,
            petitioners,
            head_count,
            category,
            purpose,
            township,
            village,
            summary,
            content: content.join("\n"),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        if let Err(e) = intake.validate(today) {
            errors.push(RowError {
                row,
                column: String::new(),
                kind: ProblemKind::Refused,
                value: String::new(),
                message: e.to_string(),
            });
            continue;
        }

        // Duplicates: of an existing case (skipped) or of an earlier row (an error).
        let key = dup_key(&intake);
        let existing = (!number.is_empty())
            .then(|| numbers.get(&number).map(|n| (n.clone(), format!("编号{number}已导入"))))
            .flatten()
            .or_else(|| {
                keys.get(&key).map(|n| (n.clone(), "登记日期、反映问题和信访人相同".to_string()))
            });
        if let Some((case_number, reason)) = existing {
            skipped.push(SkippedRow { row, case_number, reason });
            continue;
        }
        let earlier = (!number.is_empty())
            .then(|| in_file_numbers.get(&number).copied())
            .flatten()
            .or_else(|| in_file_keys.get(&key).copied());
        if let Some(first) = earlier {
            errors.push(RowError {
                row,
                column: String::new(),
                kind: ProblemKind::Duplicate,
                value: String::new(),
                message: format!("与第{first}行重复"),
            });
            continue;
        }
        if !number.is_empty() {
            in_file_numbers.insert(number, row);
        }
        in_file_keys.insert(key, row);
        rows.push(PlannedRow { row, intake, ledger, routing, accepted_on, reply, notes });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Plan { rows, skipped, set_aside, settings: changed, mapped_values, now })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Stage;
    use crate::export::{ledger_csv, Privacy, LEDGER_HEADERS};
    use crate::settings::Settings;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 10, 10).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    /// A valid identity number from its first 17 digits.
    fn id17(first: &str) -> String {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = first.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
        format!("{first}{}", b"10X98765432"[(sum % 11) as usize] as char)
    }

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
            years: Vec::new(),
        }
    }

    const HEADERS: [&str; 12] = [
        "登记日期",
        "信访人",
        "身份证号",
        "联系电话",
        "信访形式",
        "人数",
        "反映问题",
        "问题类别",
        "责任单位",
        "办理时限",
        "办理结果",
        "满意度",
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn cells_kept_as_written_mask_identity_and_mobile_numbers() {
        assert_eq!(
            mask_numbers("证件410523198001011234，电话13837215566"),
            "证件410523********1234，电话138****5566"
        );
        assert_eq!(mask_numbers("41052319800101123X"), "410523********123X");
        assert_eq!(
            mask_numbers("2025年3月16日第12号，0372-5512345"),
            "2025年3月16日第12号，0372-5512345"
        );
        assert_eq!(mask_numbers("X光"), "X光");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn recognises_common_and_own_headers() {
        let headers: Vec<String> = [
            "来信来访日期",
            "姓名",
            "身份证号码（18位）",
            "手机",
            "来源",
            "事由",
            "类别",
            "承办单位",
            "处理结果",
            "评价",
            "不认识的列",
            "*人数",
        ]
        .map(String::from)
        .to_vec();
        let m = Mapping::recognise(&headers);
        assert_eq!(
            m.columns,
            vec![
                Some(Field::ReceivedOn),
                Some(Field::Names),
                Some(Field::IdNumbers),
                Some(Field::Phones),
                Some(Field::Channel),
                Some(Field::Summary),
                Some(Field::Category),
                Some(Field::Unit),
                Some(Field::Result),
                Some(Field::Satisfaction),
                None,
                Some(Field::HeadCount),
            ]
        );
        assert!(m.missing().is_empty());
        let own: Vec<String> = LEDGER_HEADERS.map(String::from).to_vec();
        let m = Mapping::recognise(&own);
        assert!(m.missing().is_empty());
        assert_eq!(m.column(Field::Number), Some(0));
        assert_eq!(m.column(Field::ReplyDate), Some(17));
        assert_eq!(m.column(Field::AcceptedOn), Some(16));
        assert_eq!(m.column(Field::Closed), Some(13), "当前状态");
        assert_eq!(m.column(Field::Deadline), Some(14), "办理期限");
        // A field goes to its first column only.
        let twice: Vec<String> = ["电话", "手机"].map(String::from).to_vec();
        assert_eq!(Mapping::recognise(&twice).columns, vec![Some(Field::Phones), None]);
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_problem_of_every_row_is_named_by_row_and_column() {
        let office = Office::new(Settings::sample_county());
        let good = id17("41010219800101001");
        let mut bad_id = good.clone();
        bad_id.pop();
        bad_id.push(if good.ends_with('0') { '1' } else { '0' });
        let t = table(
            &HEADERS,
            &[
                &[
                    "2025-03-01",
                    "张某",
                    &good,
                    "13800001111",
                    "来访",
                    "1",
                    "反映工资被拖欠",
                    "拖欠工资",
                    "县人社局",
                    "",
                    "",
                    "",
                ],
                &[
                    "2025-03-02",
                    "李某",
                    &bad_id,
                    "12345",
                    "来访",
                    "",
                    "反映道路破损",
                    "没有这个类别",
                    "",
                    "",
                    "",
                    "",
                ],
                &["", "", "", "", "飞鸽", "x", "", "", "不存在的局", "明天", "", "很好"],
                &["", "", "", "", "", "", "", "", "", "", "", ""],
            ],
        );
        let m = Mapping::recognise(&t.headers);
        let errors = plan(&office, &t, &m, &Options::default(), now()).unwrap_err();
        let at = |row: usize, col: &str| {
            errors.iter().filter(|e| e.row == row && e.column == col).count()
        };
        assert!(errors.iter().all(|e| e.row != 2), "row 2 is fine: {errors:?}");
        assert_eq!(at(3, "身份证号"), 1);
        assert!(errors.iter().any(|e| e.row == 3 && e.message.contains("校验码不符")));
        assert_eq!(at(3, "联系电话"), 1);
        assert_eq!(at(3, "问题类别"), 1);
        for col in [
            "登记日期",
            "信访人",
            "信访形式",
            "人数",
            "反映问题",
            "问题类别",
            "责任单位",
            "办理时限",
            "满意度",
        ] {
            assert_eq!(at(4, col), 1, "{col}: {errors:?}");
        }
        assert!(errors.iter().all(|e| e.row != 5), "a blank row is ignored");
        assert_eq!(errors[0].to_string(), format!("第3行“身份证号”：{}", errors[0].message));

        // A missing required column is named on the header row.
        let t = table(&["登记日期", "信访人"], &[&["2025-03-01", "张某"]]);
        let errors = plan(&office, &t, &Mapping::recognise(&t.headers), &Options::default(), now())
            .unwrap_err();
        assert!(errors.iter().all(|e| e.row == 1));
        assert_eq!(errors.len(), 3, "{errors:?}");
        // An empty sheet.
        let t = table(&HEADERS, &[]);
        let errors = plan(&office, &t, &Mapping::recognise(&t.headers), &Options::default(), now())
            .unwrap_err();
        assert_eq!(errors[0].message, "表格中没有数据行");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_historical_row_records_what_it_states_and_invents_nothing() {
        let mut office = Office::new(Settings::sample_county());
        let headers = [
            "编号",
            "登记日期",
            "信访人",
            "住址",
            "信访形式",
            "反映问题",
            "问题类别",
            "责任单位",
            "包案领导",
            "受理时间",
            "答复日期",
            "办理时限",
            "办理结果",
            "是否办结",
            "满意度",
        ];
        let t = table(
            &headers,
            &[
                // Acceptance, reply with its outcome and rating all dated: recorded.
                &[
                    "X-1",
                    "2025-03-01",
                    "张某、李某",
                    "城关镇东关村3组",
                    "来访",
                    "反映工资被拖欠\n共计三万元",
                    "拖欠工资",
                    "县人社局",
                    "于振华",
                    "2025-03-05",
                    "2025-04-10",
                    "",
                    "予以支持，已追回工资",
                    "是",
                    "满意",
                ],
                // Concluded per the ledger, no dates: archived, never overdue.
                &[
                    "X-2",
                    "2025-03-02",
                    "王某",
                    "",
                    "来信",
                    "反映道路破损",
                    "交通治理",
                    "县交通运输局",
                    "",
                    "",
                    "",
                    "2025-05-01",
                    "解释说明",
                    "是",
                    "超期未评价",
                ],
                // A rating says it was concluded; the office itself handled it.
                &[
                    "X-3",
                    "2025-03-03",
                    "赵某",
                    "",
                    "网上",
                    "反映噪音扰民",
                    "生态环境",
                    "县信访局",
                    "",
                    "",
                    "",
                    "2025-05-02",
                    "已协调处理",
                    "",
                    "基本满意",
                ],
                // No unit, nothing done: registered, its routing not judged.
                &[
                    "X-4",
                    "2025-03-04",
                    "钱某",
                    "",
                    "来电",
                    "咨询社保缴费",
                    "劳动和社会保障",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
                // Open, acceptance dated: the reply period runs from it.
                &[
                    "X-5",
                    "2025-03-06",
                    "孙某",
                    "",
                    "来信",
                    "反映低保待遇",
                    "其他",
                    "县民政局",
                    "",
                    "2025-03-10",
                    "",
                    "",
                    "",
                    "否",
                    "",
                ],
            ],
        );
        let m = Mapping::recognise(&t.headers);
        let p = plan(&office, &t, &m, &Options::default(), now()).unwrap();
        let as_: Vec<&str> = p.rows.iter().map(PlannedRow::imported_as).collect();
        assert_eq!(
            as_,
            ["已答复（已评价）", "已办结（台账）", "已办结（台账）", "待转送（登记）", "办理中"]
        );
        assert!(
            p.rows[1].notes.iter().any(|n| n.contains("未载受理时间、答复时间")),
            "{:?}",
            p.rows[1].notes
        );
        let ids = p.apply(&mut office).unwrap();
        let c = |i: usize| office.case(ids[i]).unwrap();
        let s = office.settings();
        let today = now().date();
        assert_eq!(c(0).number(), "XF2025-00001", "numbered in its received year");
        assert_eq!(c(0).stage(), Stage::Replied);
        assert_eq!(c(0).accepted_on(), NaiveDate::from_ymd_opt(2025, 3, 5));
        assert_eq!(c(0).intake().summary, "反映工资被拖欠");
        assert!(c(0).intake().content.contains("共计三万元"));
        assert_eq!(c(0).intake().township, s.org.find_unit("城关镇").map(|u| u.id()));
        assert_eq!(c(0).intake().village, "东关村");
        assert_eq!(c(0).intake().petitioners[0].address, "城关镇东关村3组");
        assert_eq!(c(0).rating().map(|r| r.level), Some(Satisfaction::Satisfied));
        assert_eq!(c(0).last_reply().unwrap().on, NaiveDate::from_ymd_opt(2025, 4, 10).unwrap());
        let ledger = c(0).ledger().unwrap();
        assert_eq!(ledger.number, "X-1");
        assert_eq!(ledger.cell(&["包案领导"]), Some("于振华"));
        assert_eq!(ledger.cell(&["是否办结"]), Some("是"));
        assert_eq!(ledger.cell(&["信访人"]), None, "personal data is kept once, in the intake");
        assert!(!ledger.routed_on_stated);

        assert_eq!(c(1).stage(), Stage::Archived);
        assert_eq!(c(1).concluded_on(), None);
        assert_eq!(
            c(1).ledger().unwrap().closed.as_ref().unwrap().outcome,
            Some(ReplyOutcome::Explain)
        );
        assert_eq!(c(2).stage(), Stage::Archived);
        assert_eq!(c(2).routing().unwrap().disposal, Disposal::Direct, "the office itself");
        assert_eq!(
            c(2).ledger().unwrap().closed.as_ref().unwrap().rating,
            Some(Satisfaction::Basically)
        );
        assert_eq!(c(3).stage(), Stage::Registered);
        assert_eq!(c(4).stage(), Stage::Handling);
        for i in 0..4 {
            assert!(!c(i).is_overdue(today, &s.clock, &s.calendar), "row {i}: nothing invented");
        }
        assert!(c(4).is_overdue(today, &s.clock, &s.calendar), "the ledger dates the acceptance");

        // The same file again: every row skipped, nothing added.
        let again = plan(&office, &t, &m, &Options::default(), now()).unwrap();
        assert!(again.rows.is_empty());
        assert_eq!(again.skipped.len(), 5);
        assert_eq!(again.skipped[0].case_number, c(0).number());
        // Without the old numbers, the date, summary and petitioner match.
        let mut no_numbers = t.clone();
        for r in &mut no_numbers.rows {
            r[0] = String::new();
        }
        let again = plan(&office, &no_numbers, &m, &Options::default(), now()).unwrap();
        assert_eq!(again.skipped.len(), 5);
        // A row repeated within the file is an error.
        let mut twice = table(&headers, &[]);
        twice.rows = vec![no_numbers.rows[3].clone(), no_numbers.rows[3].clone()];
        twice.rows[0][1] = "2025-06-01".into();
        twice.rows[1][1] = "2025-06-01".into();
        let errors = plan(&office, &twice, &m, &Options::default(), now()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].message.as_str()), (3, "与第2行重复"));
        assert_eq!(errors[0].kind, ProblemKind::Duplicate);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_plan_goes_in_whole_or_not_at_all() {
        let mut office = Office::new(Settings::sample_county());
        let t = table(
            &HEADERS,
            &[
                &[
                    "2025-03-01",
                    "张某",
                    "",
                    "",
                    "来访",
                    "",
                    "反映工资被拖欠",
                    "拖欠工资",
                    "",
                    "",
                    "",
                    "",
                ],
                &[
                    "2025-03-02",
                    "李某",
                    "",
                    "",
                    "来访",
                    "",
                    "反映道路破损",
                    "交通治理",
                    "",
                    "",
                    "",
                    "",
                ],
            ],
        );
        let p =
            plan(&office, &t, &Mapping::recognise(&t.headers), &Options::default(), now()).unwrap();
        // The office changes before the import is confirmed: the second
        // row's category is retired.
        let road = office.settings().categories.find("交通治理").unwrap().id();
        office.settings_mut().categories.set_active(road, false).unwrap();
        let before = office.clone();
        let err = p.apply(&mut office).unwrap_err();
        assert_eq!(err.row, 3);
        assert_eq!(office, before, "nothing imported");
        office.settings_mut().categories.set_active(road, true).unwrap();
        assert_eq!(p.apply(&mut office).unwrap().len(), 2);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn our_own_export_reads_back() {
        let mut source = Office::new(Settings::sample_county());
        let headers = [
            "登记日期",
            "信访人",
            "身份证号",
            "联系电话",
            "信访形式",
            "反映问题",
            "问题类别",
            "责任单位",
        ];
        let id = id17("41010219800101001");
        let t = table(
            &headers,
            &[
                &[
                    "2025-03-01",
                    "张某、李某",
                    &id,
                    "13800001111",
                    "来信（绿色邮政）",
                    "反映工资被拖欠",
                    "拖欠工资",
                    "县人社局",
                ],
                &["2025-03-02", "王某", "", "", "12345热线", "=1+1 反映道路破损", "交通治理", ""],
            ],
        );
        plan(&source, &t, &Mapping::recognise(&t.headers), &Options::default(), now())
            .unwrap()
            .apply(&mut source)
            .unwrap();
        for privacy in [Privacy::Full, Privacy::Masked] {
            let csv = ledger_csv(&source, source.cases(), now().date(), privacy);
            let mut reader = csv::ReaderBuilder::new().from_reader(&csv[BOM_LEN..]);
            let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| {
                    r.unwrap().iter().map(|c| c.trim_start_matches('\'').to_string()).collect()
                })
                .collect();
            let back = Table { headers, rows, years: Vec::new() };
            let mapping = Mapping::recognise(&back.headers);
            let mut target = Office::new(Settings::sample_county());
            let p = plan(&target, &back, &mapping, &Options::default(), now()).unwrap();
            p.apply(&mut target).unwrap();
            assert_eq!(target.cases().len(), 2);
            let (a, b) = (source.cases().next().unwrap(), target.cases().next().unwrap());
            assert_eq!(a.intake().channel, b.intake().channel);
            assert_eq!(a.intake().category, b.intake().category);
            assert_eq!(a.intake().summary, b.intake().summary);
            assert_eq!(a.routing().map(|r| r.lead), b.routing().map(|r| r.lead));
            let names = |c: &crate::case::Case| -> Vec<String> {
                c.intake().petitioners.iter().map(|p| p.name.clone()).collect()
            };
            assert_eq!(names(a), names(b));
            let full = privacy == Privacy::Full;
            assert_eq!(b.intake().petitioners[0].id_number.is_some(), full);
            // Read back into the office it came from: all skipped.
            let p = plan(&source, &back, &mapping, &Options::default(), now()).unwrap();
            assert_eq!((p.rows.len(), p.skipped.len()), (0, 2));
        }
    }

    const BOM_LEN: usize = 3;

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![
                Just(String::new()),
                "[0-9/年月日.-]{0,12}",
                "[张李某、,，]{0,6}",
                Just("来访".to_string()),
                Just("拖欠工资".to_string()),
                Just("县人社局".to_string()),
                Just("予以支持".to_string()),
                Just("满意".to_string()),
                Just("2025-03-01".to_string()),
                any::<String>(),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

            #[test]
            fn plan_never_panics_and_a_plan_goes_in_whole(
                headers in proptest::collection::vec(
                    prop_oneof![
                        proptest::sample::select(HEADERS.to_vec()).prop_map(String::from),
                        any::<String>()
                    ], 0..14),
                rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..16), 0..8),
            ) {
                let mut office = Office::new(Settings::sample_county());
                let t = Table { headers, rows, years: Vec::new() };
                let m = Mapping::recognise(&t.headers);
                if let Ok(p) = plan(&office, &t, &m, &Options::default(), now()) {
                    let ids = p.apply(&mut office).expect("a checked plan applies");
                    prop_assert_eq!(ids.len(), p.rows.len());
                    prop_assert_eq!(office.cases().len(), p.rows.len());
                }
            }
        }
    }
}
