//! Import of case ledgers (台账) kept in spreadsheets: a [`Table`] of text
//! cells (read from .xlsx or .csv by the caller; this module parses no
//! files), a column [`Mapping`] recognised from common Chinese headers and
//! from our own export's ([`crate::export::LEDGER_HEADERS`]), and a
//! [`Plan`] that turns every row into core [`Command`]s.
//!
//! **Every problem, then nothing or everything.** [`plan`] checks every
//! row and collects every [`RowError`] (row as the spreadsheet numbers it,
//! counting the header as row 1; the column's header; a Chinese message);
//! it also runs the commands on a copy of the office, so anything the core
//! would refuse is reported too. [`Plan::apply`] runs them again as one
//! batch ([`Office::execute_all`]): every row goes in or none, and a
//! refusal leaves the office untouched.
//!
//! **What a historical row records.** Each row is registered (登记) with
//! its received date, channel, petitioners, head count, category, purpose,
//! township, summary (the first line of 反映问题) and the full text as
//! content. Only what the row states is recorded as a step:
//! - a 责任单位 becomes the routing on the received day: 转送 to that
//!   unit, or 直办 when it is the petition office itself (a 交办 needs the
//!   五定, which a ledger does not hold);
//! - a 办理结果 that names the outcome (予以支持 / 解释说明 / 不予支持)
//!   with a reply date (the 答复日期/办结日期 column) becomes acceptance on
//!   the routing day and the written reply on that date; a 满意度 of
//!   满意/基本满意/不满意 then becomes the rating on the reply date. A
//!   办理时限 is never taken as the reply date: the indicators would count
//!   a reply on time that the ledger does not show;
//! - anything else (a free-text result, a rating without a reply, the old
//!   case number, a deadline) is kept in the content, and the row's
//!   [`PlannedRow::notes`] say so.
//!
//! Imported cases get this office's numbers (the old number is kept in the
//! content as `原编号：…`) and the import time as their recording time.
//!
//! **Duplicates.** A row whose 编号 matches an existing case's number (or
//! the `原编号` of an imported one), or whose received date, summary and
//! primary petitioner (identity number, else name) match an existing case,
//! is skipped and listed in [`Plan::skipped`], so importing the same file
//! twice adds nothing. A row repeated within the file is an error.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::import::{plan, Mapping, Table};
//! use xinfang_core::{Office, Settings, Stage};
//!
//! let mut office = Office::new(Settings::sample_county());
//! let table = Table {
//!     years: Vec::new(),
//!     headers: ["登记日期", "信访人", "信访形式", "反映问题", "问题类别", "责任单位"]
//!         .map(String::from).to_vec(),
//!     rows: vec![
//!         ["2025/3/16", "张某、李某", "来访", "反映工资被拖欠", "拖欠工资", "县人社局"]
//!             .map(String::from).to_vec(),
//!         ["2025年3月17日", "王某", "外星通讯", "", "不存在的类别", ""]
//!             .map(String::from).to_vec(),
//!     ],
//! };
//! let mapping = Mapping::recognise(&table.headers);
//! let now = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! // Every problem of every row, named by row and column:
//! let errors = plan(&office, &table, &mapping, now).unwrap_err();
//! assert!(errors.iter().all(|e| e.row == 3));
//! assert!(errors.iter().any(|e| e.column == "信访形式"));
//! assert!(errors.iter().any(|e| e.column == "问题类别"));
//! assert!(errors.iter().any(|e| e.column == "反映问题"));
//!
//! // Without the bad row, the plan goes in whole.
//! let table = Table { rows: table.rows[..1].to_vec(), ..table };
//! let plan = plan(&office, &table, &mapping, now).unwrap();
//! let ids = plan.apply(&mut office).unwrap();
//! let case = office.case(ids[0]).unwrap();
//! assert_eq!(case.intake().petitioners.len(), 2);
//! assert_eq!(case.stage(), Stage::Routed);
//!
//! // The same file again adds nothing: the row is skipped as a duplicate.
//! let again = xinfang_core::import::plan(&office, &table, &mapping, now).unwrap();
//! assert!(again.rows.is_empty());
//! assert_eq!(again.skipped.len(), 1);
//! ```

use crate::case::{Intake, ReplyItem, ReplyOutcome, Routing, Satisfaction};
use crate::error::InputError;
use crate::ids::{CaseId, CategoryId, UnitId};
use crate::lifecycle::Action;
use crate::office::{Command, Done, Office};
use crate::org::UnitKind;
use crate::petition::{Channel, IdNumber, Petitioner, Phone, Purpose};
use crate::routing::Disposal;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The most data rows one import takes.
pub const MAX_ROWS: usize = 20_000;

/// The longest summary (反映问题) kept as the one-line summary, in
/// characters; the full text always goes into the content.
pub const SUMMARY_CHARS: usize = 100;

/// The line that keeps a row's old case number in the content.
const OLD_NUMBER: &str = "原编号：";

/// A sheet as text: the header row and the data rows. Dates may be
/// `2025-03-16`, `2025/3/16`, `2025.3.16`, `2025年3月16日`, `20250316` or an
/// Excel day number; a time after the date is ignored.
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
    /// 编号: the old case number (duplicate check; kept in the content).
    Number,
    /// 登记日期 (required).
    ReceivedOn,
    /// 信访人: one or more names separated by 、 , ， ; ； (required).
    Names,
    /// 身份证号: in the names' order.
    IdNumbers,
    /// 联系电话: in the names' order.
    Phones,
    /// 信访形式 (required).
    Channel,
    /// 人数 (default: the number of names).
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
    /// 办理时限.
    Deadline,
    /// 答复日期.
    ReplyDate,
    /// 办理结果.
    Result,
    /// 满意度.
    Satisfaction,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 18] = [
        Field::Number,
        Field::ReceivedOn,
        Field::Names,
        Field::IdNumbers,
        Field::Phones,
        Field::Channel,
        Field::HeadCount,
        Field::Summary,
        Field::Content,
        Field::Category,
        Field::Purpose,
        Field::Township,
        Field::Village,
        Field::Unit,
        Field::Deadline,
        Field::ReplyDate,
        Field::Result,
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
            Field::Channel => "Channel",
            Field::HeadCount => "Head count",
            Field::Summary => "Summary",
            Field::Content => "Content",
            Field::Category => "Category",
            Field::Purpose => "Purpose",
            Field::Township => "Township",
            Field::Village => "Village",
            Field::Unit => "Responsible unit",
            Field::Deadline => "Deadline",
            Field::ReplyDate => "Replied on",
            Field::Result => "Result",
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
            Field::Channel => "channel",
            Field::HeadCount => "head_count",
            Field::Summary => "summary",
            Field::Content => "content",
            Field::Category => "category",
            Field::Purpose => "purpose",
            Field::Township => "township",
            Field::Village => "village",
            Field::Unit => "unit",
            Field::Deadline => "deadline",
            Field::ReplyDate => "reply_date",
            Field::Result => "result",
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
            Field::Number => &["编号", "案件编号", "信访编号", "登记编号", "案号", "序号编号"],
            Field::ReceivedOn => &[
                "登记日期",
                "来信来访日期",
                "来信日期",
                "来访日期",
                "信访日期",
                "受理日期",
                "收件日期",
                "登记时间",
                "日期",
            ],
            Field::Names => &["信访人", "姓名", "信访人姓名", "来访人", "来信人", "反映人"],
            Field::IdNumbers => &["身份证号", "身份证号码", "身份证", "公民身份号码"],
            Field::Phones => &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"],
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
            ],
            Field::Content => &["具体内容", "详细内容", "内容摘要", "备注"],
            Field::Category => &["问题类别", "类别", "问题分类", "内容分类", "分类"],
            Field::Purpose => &["信访目的", "目的"],
            Field::Township => &["乡镇", "乡镇街道", "所属乡镇", "发生地"],
            Field::Village => &["村社区", "村", "村居", "社区"],
            Field::Unit => &["责任单位", "承办单位", "办理单位", "主办单位", "交办单位"],
            Field::Deadline => &["办理时限", "办结时限", "办理期限", "时限"],
            Field::ReplyDate => &["答复日期", "办结日期", "答复时间"],
            Field::Result => &["办理结果", "处理结果", "办理情况", "处理情况", "答复意见"],
            Field::Satisfaction => &["满意度", "评价", "满意度评价", "群众评价"],
        }
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
    for c in h.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '*' || c == '＊' || c == '/' => {}
            c => out.push(c),
        }
    }
    out
}

/// Which field each column is imported as (`None`: not imported).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per header.
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// Recognises the headers: each field goes to the first column whose
    /// header is one of its [`synonyms`](Field::synonyms).
    pub fn recognise(headers: &[String]) -> Mapping {
        let mut taken = BTreeSet::new();
        let columns = headers
            .iter()
            .map(|h| {
                let h = normalise_header(h);
                let field = Field::ALL.into_iter().find(|f| f.synonyms().contains(&h.as_str()))?;
                taken.insert(field).then_some(field)
            })
            .collect();
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

/// A problem in one cell or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as the spreadsheet numbers it: the header is row 1, the
    /// first data row row 2; 0 for the whole sheet.
    pub row: usize,
    /// The column's header (empty for the whole row).
    pub column: String,
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

/// A reply recorded for a historical row (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoricalReply {
    /// Accepted on the routing day.
    pub accepted_on: NaiveDate,
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
    /// The routing on the received day, when the row names a unit.
    pub routing: Option<Routing>,
    /// The reply (and rating), when the row states them.
    pub reply: Option<HistoricalReply>,
    /// What was kept in the content instead of being recorded, in Chinese.
    pub notes: Vec<String>,
}

impl PlannedRow {
    /// The stage the case will be in, in Chinese (已评价 when rated).
    pub fn imported_as(&self) -> &'static str {
        match (&self.routing, &self.reply) {
            (_, Some(r)) if r.rating.is_some() => "已答复（已评价）",
            (_, Some(_)) => "已答复",
            (Some(_), None) => "待受理（已转送）",
            (None, None) => "待转送（登记）",
        }
    }

    /// The row's commands: its registration, then its steps on the case
    /// it registers, which gets the id `case`.
    pub fn commands(&self, case: CaseId) -> Vec<Command> {
        let register = Command::Register { intake: self.intake.clone() };
        let steps = self.actions().into_iter().map(|action| Command::Act { case, action });
        std::iter::once(register).chain(steps).collect()
    }

    /// The actions after the registration, in order.
    pub fn actions(&self) -> Vec<Action> {
        let mut out = Vec::new();
        if let Some(routing) = &self.routing {
            out.push(Action::Route { routing: routing.clone() });
        }
        if let Some(r) = &self.reply {
            out.push(Action::Accept { on: r.accepted_on });
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

/// Why a checked plan could not be applied (the office changed since):
/// nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError {
    /// The spreadsheet's row number.
    pub row: usize,
    /// The core's message.
    pub message: String,
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行未能导入：{}，全部未导入", self.row, self.message)
    }
}

/// A checked import: the rows to register and the rows skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The rows to register, in the file's order.
    pub rows: Vec<PlannedRow>,
    /// Rows already in the office.
    pub skipped: Vec<SkippedRow>,
    /// The moment every command is decided at.
    pub now: NaiveDateTime,
}

impl Plan {
    /// Every row's commands in order for `office`, each with its row
    /// number: the cases get the ids the office hands out next.
    fn commands(&self, office: &Office) -> Vec<(usize, Command)> {
        let mut case = office.next_case_id();
        let mut out = Vec::new();
        for row in &self.rows {
            out.extend(row.commands(case).into_iter().map(|c| (row.row, c)));
            case = case.next();
        }
        out
    }

    /// Runs every row's commands on a copy of `office`: the copy, the
    /// commands in order (with the case ids they will get) and the new
    /// cases' ids; or the first refusal.
    pub fn dry_run(
        &self,
        office: &Office,
    ) -> Result<(Office, Vec<Command>, Vec<CaseId>), ApplyError> {
        let mut copy = office.clone();
        let commands = self.commands(office).into_iter().map(|(_, c)| c).collect();
        let ids = self.apply(&mut copy)?;
        Ok((copy, commands, ids))
    }

    /// Imports every row or none, as one batch ([`Office::execute_all`]):
    /// on a refusal the office is unchanged. Returns the new cases' ids.
    pub fn apply(&self, office: &mut Office) -> Result<Vec<CaseId>, ApplyError> {
        let (rows, commands): (Vec<usize>, Vec<Command>) =
            self.commands(office).into_iter().unzip();
        let done = office.execute_all(commands, self.now).map_err(|e| ApplyError {
            row: rows.get(e.index).copied().unwrap_or_default(),
            message: e.error.to_string(),
        })?;
        Ok(done
            .into_iter()
            .filter_map(|d| match d {
                Done::Registered(id) => Some(id),
                _ => None,
            })
            .collect())
    }
}

/// Splits a cell holding several values (`张三、李四`).
/// The values of a cell listing one per petitioner (identity numbers or
/// phones), parsed by position: a masked value (`*`) is left out with a
/// note, a wrong one is a problem, and so is a list longer than the
/// petitioners. Returns the values by position and the problems.
fn parse_each<T>(
    cell: &str,
    petitioners: usize,
    what: &str,
    parse: impl Fn(&str) -> Result<T, InputError>,
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
            parse(raw).map_err(|e| problems.push(e.to_string())).ok()
        })
        .collect();
    (values, problems)
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(['、', ',', '，', ';', '；', '\n', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Parses a date cell (see [`Table`]).
pub fn parse_date(cell: &str) -> Option<NaiveDate> {
    let s = cell.trim();
    let s = s.split([' ', 'T']).next().unwrap_or("");
    let s = s.trim_end_matches(['日', '号']);
    if s.is_empty() {
        return None;
    }
    let ymd = |y: &str, m: &str, d: &str| {
        NaiveDate::from_ymd_opt(
            y.trim().parse().ok()?,
            m.trim().parse().ok()?,
            d.trim().parse().ok()?,
        )
    };
    if s.chars().all(|c| c.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(&s[..4], &s[4..6], &s[6..]),
            // An Excel day number (1900 system) from 1982 to 2173.
            5 => {
                let n: i64 = s.parse().ok()?;
                NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
            }
            _ => None,
        };
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y, m, d),
        _ => None,
    }
}

/// Parses a channel as ledgers write it.
pub fn parse_channel(cell: &str) -> Option<Channel> {
    let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = Channel::ALL.into_iter().find(|c| c.to_string() == s || c.label() == s) {
        return Some(c);
    }
    let green = Channel::Letter { green_post: true };
    Some(match s.as_str() {
        "来信（绿色邮政）" | "来信(绿色邮政)" | "绿色邮政" => green,
        "信" | "写信" | "信件" | "来信件" => Channel::Letter { green_post: false },
        "访" | "走访" | "上访" | "来访件" | "集体访" => Channel::Visit,
        "电话" | "电" | "来电件" => Channel::Phone,
        "网上" | "网信" | "网络" | "网上投诉" | "网上来信" | "信访信息系统" => {
            Channel::Online
        }
        "书记信箱" | "县长信箱" | "市长信箱" => Channel::LeaderMailbox,
        "邮件" | "电邮" | "email" | "Email" | "E-mail" => Channel::Email,
        "上级交办" | "上级转送" | "上级转办" | "交办" | "转送" | "上级交转办" => {
            Channel::FromAbove
        }
        "12345" | "12345热线" | "热线" | "市长热线" | "12345政务服务热线" => {
            Channel::Hotline12345
        }
        _ => return None,
    })
}

/// Parses a purpose label.
fn parse_purpose(cell: &str) -> Option<Purpose> {
    let s = cell.trim();
    Purpose::ALL.into_iter().find(|p| p.label() == s).or(match s {
        "求决类" | "申诉求决类" => Some(Purpose::Request),
        "检举控告类" | "检举" | "控告" => Some(Purpose::Accusation),
        "建议意见类" | "意见" | "建议" => Some(Purpose::Suggestion),
        _ => None,
    })
}

/// Parses a satisfaction cell: `Ok(None)` for a status that is no rating.
fn parse_satisfaction(cell: &str) -> Result<Option<Satisfaction>, ()> {
    match cell.trim() {
        "满意" => Ok(Some(Satisfaction::Satisfied)),
        "基本满意" => Ok(Some(Satisfaction::Basically)),
        "不满意" => Ok(Some(Satisfaction::Dissatisfied)),
        "" | "未评价" | "超期未评价" | "—" | "-" | "无" | "未参评" => Ok(None),
        _ => Err(()),
    }
}

/// The outcome a result text names, if it names one.
fn parse_outcome(text: &str) -> Option<ReplyOutcome> {
    if text.contains("不予支持") {
        Some(ReplyOutcome::Reject)
    } else if text.contains("解释说明") {
        Some(ReplyOutcome::Explain)
    } else if text.contains("予以支持") || text.trim() == "支持" {
        Some(ReplyOutcome::Support)
    } else {
        None
    }
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

/// The duplicate key of an intake: received date, summary, and the primary
/// petitioner's identity number or else name.
fn dup_key(intake: &Intake) -> (NaiveDate, String, String) {
    let who = intake.primary().map_or(String::new(), |p| {
        p.id_number.as_ref().map_or_else(|| p.name.trim().to_string(), |i| i.as_str().to_string())
    });
    (intake.received_on, intake.summary.trim().to_string(), who)
}

/// Checks a table against the office and turns it into a [`Plan`], or
/// returns every problem of every row.
pub fn plan(
    office: &Office,
    table: &Table,
    mapping: &Mapping,
    now: NaiveDateTime,
) -> Result<Plan, Vec<RowError>> {
    let whole = |message: String| RowError { row: 0, column: String::new(), message };
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
            message: format!("缺少必需的列“{}”：请在列对应中指定", field.label()),
        });
    }
    let blank = |r: &Vec<String>| r.iter().all(|c| c.trim().is_empty());
    if table.rows.iter().all(blank) {
        errors.push(whole("表格中没有数据行".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let s = office.settings();
    let today = now.date();
    // What the office already holds, for duplicates.
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    let mut keys: BTreeMap<(NaiveDate, String, String), String> = BTreeMap::new();
    for case in office.cases() {
        numbers.insert(case.number().to_string(), case.number().to_string());
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
    for (i, cells) in table.rows.iter().enumerate() {
        if blank(cells) {
            continue;
        }
        let row = i + 2;
        let before = errors.len();
        let get = |f: Field| -> &str {
            mapping.column(f).and_then(|c| cells.get(c)).map_or("", |s| s.trim())
        };
        let mut err = |f: Field, message: String| {
            let column = mapping.column(f).map(header).unwrap_or_else(|| f.label().to_string());
            errors.push(RowError { row, column, message });
        };
        let mut notes = Vec::new();
        let mut extra = Vec::new();

        let received_on = match get(Field::ReceivedOn) {
            "" => {
                err(Field::ReceivedOn, "登记日期不能为空".into());
                None
            }
            d => match parse_date(d) {
                Some(d) if d > today => {
                    err(Field::ReceivedOn, format!("登记日期{d}晚于今天"));
                    None
                }
                Some(d) if d.year() < 1990 => {
                    err(Field::ReceivedOn, format!("登记日期{d}早于1990年"));
                    None
                }
                Some(d) => Some(d),
                None => {
                    err(Field::ReceivedOn, format!("“{d}”不是日期（应如2025-03-16）"));
                    None
                }
            },
        };

        let names = split_list(get(Field::Names));
        if names.is_empty() {
            err(Field::Names, "信访人不能为空".into());
        }
        let mut petitioners: Vec<Petitioner> =
            names.iter().map(|n| Petitioner::named(n.as_str())).collect();
        let (ids, problems) =
            parse_each(get(Field::IdNumbers), names.len(), "身份证号", IdNumber::parse, &mut notes);
        problems.into_iter().for_each(|m| err(Field::IdNumbers, m));
        for (p, id) in petitioners.iter_mut().zip(ids) {
            if id.is_some() {
                p.id_number = id;
            }
        }
        let (phones, problems) =
            parse_each(get(Field::Phones), names.len(), "联系电话", Phone::parse, &mut notes);
        problems.into_iter().for_each(|m| err(Field::Phones, m));
        for (p, phone) in petitioners.iter_mut().zip(phones) {
            if phone.is_some() {
                p.phone = phone;
            }
        }

        let channel = match get(Field::Channel) {
            "" => {
                err(Field::Channel, "信访形式不能为空".into());
                None
            }
            c => {
                let parsed = parse_channel(c);
                if parsed.is_none() {
                    err(
                        Field::Channel,
                        format!(
                            "无法识别信访形式“{c}”（应为来信、来访、来电、网上信访、领导信箱、电子邮件、传真、上级交办转送或12345热线）"
                        ),
                    );
                }
                parsed
            }
        };

        let head_count = match get(Field::HeadCount) {
            "" => Some(names.len().max(1) as u32),
            h => {
                let digits = h.trim_end_matches('人').trim_end_matches(".0").trim();
                match digits.parse::<u32>() {
                    Ok(n) if n >= names.len().max(1) as u32 && n <= 100_000 => Some(n),
                    Ok(n) => {
                        err(
                            Field::HeadCount,
                            format!(
                                "人数{n}应不少于信访人名数{}且不超过100000",
                                names.len().max(1)
                            ),
                        );
                        None
                    }
                    Err(_) => {
                        err(Field::HeadCount, format!("人数“{h}”不是整数"));
                        None
                    }
                }
            }
        };

        let full = get(Field::Summary).to_string();
        let first_line = full.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let summary: String = first_line.chars().take(SUMMARY_CHARS).collect();
        if summary.is_empty() {
            err(Field::Summary, "反映问题不能为空".into());
        }
        if full.trim() != summary {
            extra.push(full.trim().to_string());
        }
        let content_cell = get(Field::Content);
        if !content_cell.is_empty() {
            extra.push(content_cell.to_string());
        }

        let category: Option<CategoryId> = match get(Field::Category) {
            "" => {
                err(Field::Category, "问题类别不能为空".into());
                None
            }
            c => {
                let tree = &s.categories;
                let by_path = tree.find_path(c).filter(|k| tree.is_offered(k.id())).map(|k| k.id());
                let last = c.rsplit('/').next().unwrap_or(c);
                let found = by_path.map(Ok).unwrap_or_else(|| {
                    let offered = || tree.offered().map(|k| (k.id(), k.name().to_string()));
                    find_named(last, offered(), offered())
                });
                match found {
                    Ok(id) => Some(id),
                    Err(why) => {
                        err(Field::Category, format!("问题类别{why}（或已停用）"));
                        None
                    }
                }
            }
        };

        let purpose = match get(Field::Purpose) {
            "" => Purpose::Request,
            p => parse_purpose(p).unwrap_or_else(|| {
                err(
                    Field::Purpose,
                    format!("无法识别信访目的“{p}”（应为求决、申诉、检举控告、意见建议或咨询）"),
                );
                Purpose::Request
            }),
        };

        let units_all = || s.org.units().map(|u| (u.id(), u.name().to_string()));
        let units_active =
            || s.org.units().filter(|u| u.is_active()).map(|u| (u.id(), u.name().to_string()));
        let township: Option<UnitId> = match get(Field::Township) {
            "" => None,
            t => {
                let towns = || s.org.units().filter(|u| u.kind() == UnitKind::Township);
                let found = find_named(
                    t,
                    towns().map(|u| (u.id(), u.name().to_string())),
                    towns().filter(|u| u.is_active()).map(|u| (u.id(), u.name().to_string())),
                );
                match found {
                    Ok(id) => Some(id),
                    Err(why) => {
                        err(Field::Township, format!("乡镇（街道）{why}"));
                        None
                    }
                }
            }
        };
        let unit: Option<UnitId> = match get(Field::Unit) {
            "" => None,
            u => match find_named(u, units_all(), units_active()) {
                Ok(id) => Some(id),
                Err(why) => {
                    err(Field::Unit, format!("责任单位{why}"));
                    None
                }
            },
        };

        let number = get(Field::Number).to_string();
        if !number.is_empty() {
            extra.push(format!("{OLD_NUMBER}{number}"));
        }

        // The deadline, reply date, result and rating.
        let date_of = |f: Field, err: &mut dyn FnMut(Field, String)| match get(f) {
            "" => None,
            d => {
                let parsed = parse_date(d);
                if parsed.is_none() {
                    err(f, format!("“{d}”不是日期（应如2025-03-16）"));
                }
                parsed
            }
        };
        let deadline = date_of(Field::Deadline, &mut err);
        let reply_date = date_of(Field::ReplyDate, &mut err);
        let result = get(Field::Result).to_string();
        let rating = match parse_satisfaction(get(Field::Satisfaction)) {
            Ok(r) => r,
            Err(()) => {
                err(
                    Field::Satisfaction,
                    format!(
                        "无法识别满意度“{}”（应为满意、基本满意或不满意）",
                        get(Field::Satisfaction)
                    ),
                );
                None
            }
        };
        if let (Some(d), Some(r)) = (reply_date, received_on) {
            if d < r {
                err(Field::ReplyDate, format!("答复日期{d}早于登记日期{r}"));
            } else if d > today {
                err(Field::ReplyDate, format!("答复日期{d}晚于今天"));
            }
        }

        if errors.len() > before {
            continue;
        }
        let (Some(received_on), Some(channel), Some(head_count), Some(category)) =
            (received_on, channel, head_count, category)
        else {
            continue;
        };

        let routing = unit.map(|lead| {
            let direct = s.org.unit(lead).is_some_and(|u| u.kind() == UnitKind::PetitionOffice);
            Routing {
                on: received_on,
                disposal: if direct { Disposal::Direct } else { Disposal::Transfer },
                lead,
                co_units: Vec::new(),
                assignment: None,
                explanation: "台账导入：按原台账记录的责任单位".into(),
            }
        });
        let outcome = parse_outcome(&result);
        // The reply's date only as the ledger states it (a deadline is not
        // a reply date: assuming one would make the reply look on time).
        let replied_on = reply_date;
        let reply = match (&routing, outcome, replied_on) {
            (Some(r), Some(outcome), Some(on)) if !result.is_empty() => Some(HistoricalReply {
                accepted_on: r.on,
                replied_on: on,
                outcome,
                text: result.clone(),
                rating,
            }),
            _ => None,
        };
        if let Some(r) = &reply {
            notes.push(format!("受理日期按转送日期{}记录", r.accepted_on));
        } else {
            if !result.is_empty() {
                extra.push(format!("办理结果：{result}"));
                let state = if routing.is_some() { "已转送" } else { "登记" };
                notes.push(format!("办理结果已记入内容，案件以{state}状态导入"));
            }
            if let Some(level) = rating {
                extra.push(format!("满意度：{}", level.label()));
                notes.push("满意度已记入内容（未记录答复，不能评价）".into());
            }
            if let Some(d) = reply_date {
                extra.push(format!("答复日期：{d}"));
            }
        }
        if let Some(d) = deadline {
            extra.push(format!("办理时限：{d}"));
        }
        if get(Field::Purpose).is_empty() && mapping.column(Field::Purpose).is_some() {
            notes.push("信访目的未填，按求决登记".into());
        }

        let intake = Intake {
            received_on,
            channel,
            petitioners,
            head_count,
            category,
            purpose,
            township,
            village: get(Field::Village).to_string(),
            summary,
            content: extra.join("\n"),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        if let Err(e) = intake.validate(today) {
            errors.push(RowError { row, column: String::new(), message: e.to_string() });
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
                message: format!("与第{first}行重复"),
            });
            continue;
        }
        if !number.is_empty() {
            in_file_numbers.insert(number, row);
        }
        in_file_keys.insert(key, row);
        rows.push(PlannedRow { row, intake, routing, reply, notes });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Whatever else the core would refuse, on a copy: each row as a batch,
    // so a refused row leaves nothing of itself for the rows after it.
    let plan = Plan { rows, skipped, now };
    let mut copy = office.clone();
    let mut refused = Vec::new();
    for r in &plan.rows {
        let commands = r.commands(copy.next_case_id());
        if let Err(e) = copy.execute_all(commands, now) {
            refused.push(RowError {
                row: r.row,
                column: String::new(),
                message: e.error.to_string(),
            });
        }
    }
    if refused.is_empty() {
        Ok(plan)
    } else {
        Err(refused)
    }
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
        assert_eq!(m.column(Field::ReplyDate), Some(16));
        assert_eq!(m.column(Field::Deadline), Some(14), "办理期限");
        // A field goes to its first column only.
        let twice: Vec<String> = ["电话", "手机"].map(String::from).to_vec();
        assert_eq!(Mapping::recognise(&twice).columns, vec![Some(Field::Phones), None]);
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn parses_the_date_forms_of_ledgers() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 16);
        for s in [
            "2025-03-16",
            "2025/3/16",
            "2025.3.16",
            "2025年3月16日",
            "20250316",
            "2025-03-16 00:00:00",
            " 2025-3-16 ",
            "45732",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for s in ["", "2025-02-30", "16/3/2025", "昨天", "2025", "1e10", "99999999"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_channel("来信（绿色邮政）"), Some(Channel::Letter { green_post: true }));
        assert_eq!(parse_channel(" 来 访 "), Some(Channel::Visit));
        assert_eq!(parse_channel("12345"), Some(Channel::Hotline12345));
        assert_eq!(parse_channel("飞鸽传书"), None);
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
        let errors = plan(&office, &t, &m, now()).unwrap_err();
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
        let errors = plan(&office, &t, &Mapping::recognise(&t.headers), now()).unwrap_err();
        assert!(errors.iter().all(|e| e.row == 1));
        assert_eq!(errors.len(), 3, "{errors:?}");
        // An empty sheet.
        let t = table(&HEADERS, &[]);
        let errors = plan(&office, &t, &Mapping::recognise(&t.headers), now()).unwrap_err();
        assert_eq!(errors[0].message, "表格中没有数据行");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_historical_row_records_what_it_states_and_keeps_the_rest_in_the_content() {
        let mut office = Office::new(Settings::sample_county());
        let headers = [
            "编号",
            "登记日期",
            "信访人",
            "信访形式",
            "反映问题",
            "问题类别",
            "责任单位",
            "答复日期",
            "办理时限",
            "办理结果",
            "满意度",
        ];
        let t = table(
            &headers,
            &[
                // Stated reply and rating: recorded.
                &[
                    "X-1",
                    "2025-03-01",
                    "张某、李某",
                    "来访",
                    "反映工资被拖欠\n共计三万元",
                    "拖欠工资",
                    "县人社局",
                    "2025-04-10",
                    "",
                    "予以支持，已追回工资",
                    "满意",
                ],
                // A passed deadline stands for the reply date.
                &[
                    "X-2",
                    "2025-03-02",
                    "王某",
                    "来信",
                    "反映道路破损",
                    "交通治理",
                    "县交通运输局",
                    "",
                    "2025-05-01",
                    "解释说明",
                    "超期未评价",
                ],
                // A free-text result: kept in the content.
                &[
                    "X-3",
                    "2025-03-03",
                    "赵某",
                    "网上",
                    "反映噪音扰民",
                    "生态环境",
                    "县信访局",
                    "",
                    "2025-05-02",
                    "已协调处理",
                    "基本满意",
                ],
                // No unit: registered only.
                &[
                    "X-4",
                    "2025-03-04",
                    "钱某",
                    "来电",
                    "咨询社保缴费",
                    "劳动和社会保障",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            ],
        );
        let m = Mapping::recognise(&t.headers);
        let p = plan(&office, &t, &m, now()).unwrap();
        assert_eq!(p.rows[0].imported_as(), "已答复（已评价）");
        // A deadline is not a reply date: the result goes into the content.
        assert_eq!(p.rows[1].imported_as(), "待受理（已转送）");
        assert!(p.rows[1].notes.contains(&"办理结果已记入内容，案件以已转送状态导入".to_string()));
        assert_eq!(p.rows[2].imported_as(), "待受理（已转送）");
        assert!(p.rows[2].notes.contains(&"办理结果已记入内容，案件以已转送状态导入".to_string()));
        assert_eq!(p.rows[3].imported_as(), "待转送（登记）");
        let ids = p.apply(&mut office).unwrap();
        let c = |i: usize| office.case(ids[i]).unwrap();
        assert_eq!(c(0).stage(), Stage::Replied);
        assert_eq!(c(0).intake().summary, "反映工资被拖欠");
        assert!(c(0).intake().content.contains("共计三万元"));
        assert!(c(0).intake().content.contains("原编号：X-1"));
        assert_eq!(c(0).rating().map(|r| r.level), Some(Satisfaction::Satisfied));
        assert_eq!(c(0).last_reply().unwrap().on, NaiveDate::from_ymd_opt(2025, 4, 10).unwrap());
        assert_eq!(c(0).intake().head_count, 2);
        assert_eq!(c(1).stage(), Stage::Routed);
        assert!(c(1).intake().content.contains("办理时限："));
        assert_eq!(c(2).stage(), Stage::Routed);
        assert_eq!(c(2).routing().unwrap().disposal, Disposal::Direct, "the office itself");
        assert!(c(2).intake().content.contains("办理结果：已协调处理"));
        assert!(c(2).intake().content.contains("满意度：基本满意"));
        assert_eq!(c(3).stage(), Stage::Registered);

        // The same file again: every row skipped, nothing added.
        let again = plan(&office, &t, &m, now()).unwrap();
        assert!(again.rows.is_empty());
        assert_eq!(again.skipped.len(), 4);
        assert_eq!(again.skipped[0].case_number, c(0).number());
        // Without the old numbers, the date, summary and petitioner match.
        let mut no_numbers = t.clone();
        for r in &mut no_numbers.rows {
            r[0] = String::new();
        }
        let again = plan(&office, &no_numbers, &m, now()).unwrap();
        assert_eq!(again.skipped.len(), 4);
        // A row repeated within the file is an error.
        let mut twice = table(&headers, &[]);
        twice.rows = vec![no_numbers.rows[3].clone(), no_numbers.rows[3].clone()];
        twice.rows[0][1] = "2025-06-01".into();
        twice.rows[1][1] = "2025-06-01".into();
        let errors = plan(&office, &twice, &m, now()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].message.as_str()), (3, "与第2行重复"));
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
        let p = plan(&office, &t, &Mapping::recognise(&t.headers), now()).unwrap();
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
        plan(&source, &t, &Mapping::recognise(&t.headers), now())
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
            let p = plan(&target, &back, &mapping, now()).unwrap();
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
            let p = plan(&source, &back, &mapping, now()).unwrap();
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
                if let Ok(p) = plan(&office, &t, &m, now()) {
                    let ids = p.apply(&mut office).expect("a checked plan applies");
                    prop_assert_eq!(ids.len(), p.rows.len());
                    prop_assert_eq!(office.cases().len(), p.rows.len());
                }
            }
        }
    }
}
