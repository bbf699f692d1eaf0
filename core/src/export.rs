//! Export of the case ledger (台账) and the report tables, as CSV and as
//! Excel workbooks (.xlsx).
//!
//! **CSV**: UTF-8 with a byte-order mark (so Excel reads the Chinese
//! correctly), CRLF line ends, and every cell that a spreadsheet could take
//! for a formula neutralised with a leading `'` (OWASP “CSV injection”).
//!
//! **xlsx** (written in memory with `rust_xlsxwriter`, no I/O): one
//! workbook per export with one sheet per table, a bold frozen header row
//! in Chinese, dates as real dates shown `yyyy-mm-dd`, counts and scores as
//! numbers, shares and rates as numbers with a percent format (a rate's
//! numerator and denominator and a target's `≥`/`≤` are part of the number
//! format, so the cell stays a number), and every text as a string cell:
//! a summary that starts with `=` is text, never a formula. Identity numbers
//! and phones are masked as in the CSV. The file's creation time is the
//! as-of day, so the same data give the same bytes.
//!
//! Both forms are made from the same [`Table`]s, so they always agree.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::export::{ledger_csv, ledger_xlsx, Privacy};
//! use xinfang_core::{Office, Settings};
//!
//! let office = Office::new(Settings::sample_county());
//! let today = NaiveDate::from_ymd_opt(2025, 10, 10).unwrap();
//! let bytes = ledger_csv(&office, office.cases(), today, Privacy::Masked);
//! assert!(bytes.starts_with(b"\xEF\xBB\xBF\xE7\xBC\x96\xE5\x8F\xB7,")); // BOM, 编号
//! assert!(bytes.ends_with(b"\r\n"));
//! let xlsx = ledger_xlsx(&office, office.cases(), today, Privacy::Masked).unwrap();
//! assert!(xlsx.starts_with(b"PK")); // a zip archive
//! ```

use crate::case::{Case, Stage};
use crate::category::CategoryTree;
use crate::goals::{BasisPoints, Goal, Points};
use crate::metrics::{CategoryLevel, Indicator, Ranking, Report, Share, Tally};
use crate::office::Office;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use thiserror::Error;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The column headers of the ledger, in order.
pub const LEDGER_HEADERS: [&str; 20] = [
    "编号",
    "登记日期",
    "信访人",
    "身份证号",
    "联系电话",
    "信访形式",
    "人数",
    "反映问题",
    "问题类别",
    "信访目的",
    "乡镇",
    "责任单位",
    "办理方式",
    "当前状态",
    "办理期限",
    "是否超期",
    "受理日期",
    "答复日期",
    "办理结果",
    "满意度",
];

/// The column headers of the indicator table.
pub const INDICATOR_HEADERS: [&str; 8] =
    ["指标", "分子", "分母", "数值", "目标", "是否达标", "分子口径", "分母口径"];

/// The column headers of the ranking table.
pub const RANKING_HEADERS: [&str; 12] = [
    "名次",
    "单位",
    "类型",
    "得分",
    "登记件数",
    "及时受理率",
    "按期办结率",
    "群众满意率",
    "超期件数",
    "督办次数",
    "催办次数",
    "扣分说明",
];

/// The column headers of the counts table (each count with the same
/// period last year).
pub const COUNT_HEADERS: [&str; 5] = ["项目", "本期", "去年同期", "增减", "同比"];

/// The column headers of the category shares table.
pub const SHARE_HEADERS: [&str; 3] = ["问题类别", "件数", "占比"];

/// How many categories the shares table lists before `其余各类`.
pub const SHARE_TOP: usize = 10;

/// Excel's longest text in a cell; longer text is cut (with `…`).
const MAX_CELL_CHARS: usize = 32_767;

/// Whether the ledger shows identity numbers and phones in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// Masked as lists show them (`110105********002X`, `138****5678`).
    #[default]
    Masked,
    /// In full (for the office's own, access-controlled use).
    Full,
}

/// Why an .xlsx file could not be made (e.g. more rows than a sheet holds).
#[derive(Debug, Error)]
#[error("无法生成Excel文件：{0}")]
pub struct XlsxExportError(String);

impl From<XlsxError> for XlsxExportError {
    fn from(e: XlsxError) -> Self {
        XlsxExportError(e.to_string())
    }
}

/// One cell of an exported table, typed so that CSV writes it as text and
/// xlsx as a date, number or percentage.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (user text included): a string cell; neutralised in CSV.
    Text(String),
    /// A count.
    Count(u64),
    /// A signed difference (`+3`, `-2`, `0`).
    Signed(i64),
    /// A score.
    Score(Points),
    /// A date: `2025-09-26` in CSV, a date shown `yyyy-mm-dd` in xlsx.
    Date(NaiveDate),
    /// A share; `—` without a value.
    Percent(Option<BasisPoints>),
    /// A signed change in basis points (may exceed 100%); `—` without one.
    Change(Option<i64>),
    /// A rate with its fraction: `80%（4/5）`; `—（0/0）` without a value.
    Rate {
        /// The value.
        value: Option<BasisPoints>,
        /// The numerator.
        numerator: u64,
        /// The denominator.
        denominator: u64,
    },
    /// A goal: `≥60%`, `≤20%`, `100%`; empty without one.
    Target(Option<Goal>),
    /// Nothing.
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as CSV shows it (before neutralising).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Signed(n) if *n > 0 => format!("+{n}"),
            Cell::Signed(n) => n.to_string(),
            Cell::Score(p) => p.to_string(),
            Cell::Date(d) => iso(*d),
            Cell::Percent(v) => v.map_or_else(|| "—".to_string(), |v| v.to_string()),
            Cell::Change(c) => c.map_or_else(|| "—".to_string(), signed_percent),
            Cell::Rate { value, numerator, denominator } => format!(
                "{}（{numerator}/{denominator}）",
                value.map_or_else(|| "—".to_string(), |v| v.to_string())
            ),
            Cell::Target(t) => t.map(|t| t.to_string()).unwrap_or_default(),
            Cell::Empty => String::new(),
        }
    }
}

/// A table to export: a sheet name, Chinese headers and typed rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The title (the sheet's name in xlsx, a title line in a combined CSV).
    pub title: String,
    /// The column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as the headers.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(title: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            title: title.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }
}

/// A cell a spreadsheet will not evaluate: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`.
///
/// ```
/// use xinfang_core::export::neutralise;
/// assert_eq!(neutralise("=1+1"), "'=1+1");
/// assert_eq!(neutralise("土地承包"), "土地承包");
/// ```
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes a header and rows as CSV (no BOM). The caller neutralises text.
fn csv_body<R, C>(headers: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail.
    let headers: Vec<String> = headers.iter().map(|h| neutralise(h)).collect();
    w.write_record(&headers).expect("write to memory");
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| c.as_ref().to_string()).collect();
        w.write_record(&cells).expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// A cell as CSV writes it: text neutralised; the numbers, dates and
/// percentages the export itself writes (`+3`, `-12.5%`) as they are, so a
/// spreadsheet reads them as numbers.
fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralise(s),
        other => other.to_text(),
    }
}

/// A table as CSV without the BOM.
fn table_csv_body(t: &Table) -> Vec<u8> {
    let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
    csv_body(&headers, t.rows.iter().map(|r| r.iter().map(csv_cell).collect::<Vec<_>>()))
}

/// A table as CSV: the BOM, the headers, the rows.
pub fn table_csv(t: &Table) -> Vec<u8> {
    let mut out = BOM.to_vec();
    out.extend(table_csv_body(t));
    out
}

/// Several tables in one CSV: the BOM, then each table's title on a line
/// of its own, its headers and rows, and an empty line between tables.
pub fn tables_csv(tables: &[Table]) -> Vec<u8> {
    let mut out = BOM.to_vec();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        out.extend(csv_body(&[t.title.as_str()], std::iter::empty::<Vec<String>>()));
        out.extend(table_csv_body(t));
    }
    out
}

/// `2025-09-26`: ISO dates, which Excel reads as dates and sorts.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Signed basis points as a percentage: `2500` → `+25%`, `-1250` → `-12.5%`.
fn signed_percent(bp: i64) -> String {
    let sign = match bp.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    let a = bp.unsigned_abs();
    let (whole, frac) = (a / 100, a % 100);
    if frac == 0 {
        format!("{sign}{whole}%")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}%", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}%")
    }
}

// ---------------------------------------------------------------------------
// The tables

/// The ledger (台账) of the given cases as of `today` as a [`Table`], one
/// row per case, with [`LEDGER_HEADERS`]. The identity number and phone
/// are those of the primary petitioner, masked unless `privacy` is
/// [`Privacy::Full`]. An accusation's row carries its one-line summary
/// only, never its content.
pub fn ledger_table<'a>(
    office: &Office,
    cases: impl Iterator<Item = &'a Case>,
    today: NaiveDate,
    privacy: Privacy,
) -> Table {
    let s = office.settings();
    let org = &s.org;
    let rows = cases
        .map(|case| {
            let intake = case.intake();
            let primary = intake.primary();
            let id_number = primary.and_then(|p| p.id_number.as_ref()).map(|n| match privacy {
                Privacy::Masked => n.masked(),
                Privacy::Full => n.as_str().to_string(),
            });
            let phone = primary.and_then(|p| p.phone.as_ref()).map(|n| match privacy {
                Privacy::Masked => n.masked(),
                Privacy::Full => n.as_str().to_string(),
            });
            let names: Vec<&str> = intake.petitioners.iter().map(|p| p.name.as_str()).collect();
            let due = office.next_due(case);
            let stage = case.stage();
            // Concluded by an old ledger's word: what it stated.
            let closure =
                case.ledger().and_then(|l| l.closed.as_ref()).filter(|_| stage == Stage::Archived);
            let result = match (stage, case.decline(), case.direction(), case.last_reply()) {
                (Stage::Declined, Some(d), _, _) => d.kind.label().to_string(),
                (Stage::Directed, _, Some(d), _) => {
                    format!("导入法定途径（{}）", d.procedure.label())
                }
                (_, _, _, Some(r)) => r.outcome().label().to_string(),
                _ => closure.map_or_else(String::new, |c| match (c.outcome, c.result.trim()) {
                    (Some(o), "") => o.label().to_string(),
                    (_, text) => text.to_string(),
                }),
            };
            let replied_on = case.last_reply().map(|r| r.on).or(closure.and_then(|c| c.on));
            let rating = match closure.and_then(|c| c.rating) {
                Some(level) => level.label().to_string(),
                None => case.rating_status(today, &s.clock, &s.calendar).label().to_string(),
            };
            vec![
                Cell::text(case.number()),
                Cell::Date(intake.received_on),
                Cell::text(names.join("、")),
                Cell::text(id_number.unwrap_or_default()),
                Cell::text(phone.unwrap_or_default()),
                Cell::text(intake.channel.to_string()),
                Cell::Count(u64::from(intake.head_count)),
                Cell::text(intake.summary.clone()),
                Cell::text(s.categories.path(intake.category)),
                Cell::text(intake.purpose.label()),
                Cell::text(intake.township.map(|t| org.unit_name(t)).unwrap_or_default()),
                Cell::text(case.routing().map(|r| org.unit_name(r.lead)).unwrap_or_default()),
                Cell::text(case.routing().map(|r| r.disposal.label()).unwrap_or_default()),
                Cell::text(stage.label()),
                Cell::opt_date(due.as_ref().map(|d| d.by)),
                Cell::text(if due.is_some_and(|d| d.is_overdue(today)) { "是" } else { "否" }),
                Cell::opt_date(case.accepted_on()),
                Cell::opt_date(replied_on),
                Cell::Text(result),
                Cell::Text(rating),
            ]
        })
        .collect();
    Table::new("信访台账", &LEDGER_HEADERS, rows)
}

/// The met column of an indicator.
fn met_text(i: &Indicator) -> &'static str {
    match i.met {
        Some(true) => "达标",
        Some(false) => "未达标",
        None => "—",
    }
}

/// The indicators of a report, one row each, with [`INDICATOR_HEADERS`].
pub fn indicators_table(report: &Report) -> Table {
    let rows = report
        .indicators
        .iter()
        .map(|i| {
            vec![
                Cell::text(i.kind.label()),
                Cell::Count(i.numerator),
                Cell::Count(i.denominator),
                Cell::Percent(i.value),
                Cell::Target(i.target),
                Cell::text(met_text(i)),
                Cell::text(i.kind.numerator_label()),
                Cell::text(i.kind.denominator_label()),
            ]
        })
        .collect();
    Table::new("指标", &INDICATOR_HEADERS, rows)
}

/// The lines of the counts table: what is counted, in Chinese, and its tally.
pub fn count_lines(report: &Report) -> Vec<(String, Tally)> {
    let c = &report.counts;
    let mut out =
        vec![("信访总量（件）".to_string(), c.cases), ("信访人次".to_string(), c.persons)];
    for &(channel, t) in &c.by_channel {
        let unit = if channel.is_visit() { "批次" } else { "件" };
        out.push((format!("{}（{unit}）", channel.label()), t));
    }
    out.push(("其中：绿色邮政来信（件）".into(), c.green_post_letters));
    out.push(("来访人次".into(), c.visit_persons));
    out.push(("集体访批次".into(), c.collective_batches));
    out.push(("集体访人次".into(), c.collective_persons));
    out.push(("越级访批次".into(), c.escalated_batches()));
    for e in &c.escalated {
        out.push((format!("其中：{}批次", e.level.label()), e.batches));
        out.push((format!("其中：{}人次", e.level.label()), e.persons));
    }
    out.push(("初信初访（件）".into(), c.first));
    out.push(("重信重访（件）".into(), c.repeat));
    for &(purpose, t) in &c.by_purpose {
        out.push((format!("{}类（件）", purpose.label()), t));
    }
    for &(kind, t) in &c.supervision {
        out.push((format!("{}（次）", kind.label()), t));
    }
    for &(doc, t) in &c.documents {
        out.push((format!("{}（份）", doc.label()), t));
    }
    out
}

/// The counts of a report with the same period last year, with
/// [`COUNT_HEADERS`] (see [`count_lines`]).
pub fn counts_table(report: &Report) -> Table {
    let rows = count_lines(report)
        .into_iter()
        .map(|(label, t)| {
            vec![
                Cell::Text(label),
                Cell::Count(t.current),
                Cell::Count(t.last_year),
                Cell::Signed(t.change()),
                Cell::Change(t.change_pct()),
            ]
        })
        .collect();
    Table::new("数量", &COUNT_HEADERS, rows)
}

/// The category shares (second level, the [`SHARE_TOP`] largest and the
/// rest), with [`SHARE_HEADERS`].
pub fn shares_table(report: &Report, tree: &CategoryTree) -> Table {
    let shares: Vec<Share> = report.category_shares(tree, CategoryLevel::Second, SHARE_TOP);
    let rows = shares
        .into_iter()
        .map(|s| vec![Cell::Text(s.name), Cell::Count(s.count), Cell::Percent(Some(s.share))])
        .collect();
    Table::new("问题类别", &SHARE_HEADERS, rows)
}

/// The ranking of units, one row each, with [`RANKING_HEADERS`]. Unranked
/// units have empty rank and score.
pub fn ranking_table(ranking: &Ranking) -> Table {
    let rate = |i: &Indicator| Cell::Rate {
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
    };
    let rows = ranking
        .entries
        .iter()
        .map(|e| {
            vec![
                e.rank.map_or(Cell::Empty, |r| Cell::Count(u64::from(r))),
                Cell::text(e.name.clone()),
                Cell::text(e.kind.label()),
                e.score.map_or(Cell::Empty, Cell::Score),
                Cell::Count(e.received),
                rate(&e.timely_acceptance),
                rate(&e.on_time_reply),
                rate(&e.satisfaction),
                Cell::Count(e.overdue),
                Cell::Count(e.notices),
                Cell::Count(e.reminders),
                Cell::text(e.reasons.join("；")),
            ]
        })
        .collect();
    Table::new("排名", &RANKING_HEADERS, rows)
}

/// The tables of a report: indicators, counts, category shares.
pub fn report_tables(report: &Report, tree: &CategoryTree) -> Vec<Table> {
    vec![indicators_table(report), counts_table(report), shares_table(report, tree)]
}

// ---------------------------------------------------------------------------
// CSV

/// The ledger (台账) as CSV: see [`ledger_table`].
pub fn ledger_csv<'a>(
    office: &Office,
    cases: impl Iterator<Item = &'a Case>,
    today: NaiveDate,
    privacy: Privacy,
) -> Vec<u8> {
    table_csv(&ledger_table(office, cases, today, privacy))
}

/// The indicators of a report as CSV, with [`INDICATOR_HEADERS`]. A value
/// without a denominator is `—`.
pub fn indicators_csv(report: &Report) -> Vec<u8> {
    table_csv(&indicators_table(report))
}

/// The counts of a report as CSV, with [`COUNT_HEADERS`].
pub fn counts_csv(report: &Report) -> Vec<u8> {
    table_csv(&counts_table(report))
}

/// The category shares of a report as CSV, with [`SHARE_HEADERS`].
pub fn shares_csv(report: &Report, tree: &CategoryTree) -> Vec<u8> {
    table_csv(&shares_table(report, tree))
}

/// The whole report (indicators, counts, category shares) in one CSV, each
/// table under its title line (see [`tables_csv`]).
pub fn report_csv(report: &Report, tree: &CategoryTree) -> Vec<u8> {
    tables_csv(&report_tables(report, tree))
}

/// The ranking of units as CSV, with [`RANKING_HEADERS`]; the rate cells
/// read `80%（4/5）`.
pub fn ranking_csv(ranking: &Ranking) -> Vec<u8> {
    table_csv(&ranking_table(ranking))
}

// ---------------------------------------------------------------------------
// xlsx

/// The number format of a share: as many decimals as it has (`0%`,
/// `0.0%`, `0.00%`), with `prefix` and `suffix` as literal text.
fn percent_format(bp: u64, prefix: &str, suffix: &str) -> String {
    let digits = if bp.is_multiple_of(100) {
        "0%"
    } else if bp.is_multiple_of(10) {
        "0.0%"
    } else {
        "0.00%"
    };
    let quote = |s: &str| if s.is_empty() { String::new() } else { format!("\"{s}\"") };
    format!("{}{digits}{}", quote(prefix), quote(suffix))
}

/// The display width of text in Excel's character units (CJK count twice).
fn text_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Text cut to what a cell holds.
fn cell_text(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// Writes one cell; returns its display width.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    date: &Format,
) -> Result<usize, XlsxError> {
    let dash = |ws: &mut Worksheet| ws.write_string(row, col, "—").map(|_| 1);
    match cell {
        Cell::Text(s) => {
            let s = cell_text(s);
            ws.write_string(row, col, &s)?;
            Ok(text_width(&s))
        }
        Cell::Count(n) => {
            ws.write_number(row, col, *n as f64)?;
            Ok(n.to_string().len())
        }
        Cell::Signed(n) => {
            ws.write_number_with_format(
                row,
                col,
                *n as f64,
                &Format::new().set_num_format("+0;-0;0"),
            )?;
            Ok(n.to_string().len() + 1)
        }
        Cell::Score(p) => {
            ws.write_number(row, col, p.hundredths() as f64 / 100.0)?;
            Ok(p.to_string().len())
        }
        Cell::Date(d) => {
            let (y, m, day) = (d.year(), d.month(), d.day());
            match u16::try_from(y)
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, m as u8, day as u8).ok())
            {
                Some(dt) => {
                    ws.write_datetime_with_format(row, col, &dt, date)?;
                }
                None => {
                    ws.write_string(row, col, iso(*d))?;
                }
            }
            Ok(10)
        }
        Cell::Percent(None) | Cell::Change(None) => dash(ws),
        Cell::Percent(Some(v)) => {
            let bp = u64::from(v.get());
            let f = Format::new().set_num_format(percent_format(bp, "", ""));
            ws.write_number_with_format(row, col, bp as f64 / 10_000.0, &f)?;
            Ok(cell.to_text().len())
        }
        Cell::Change(Some(bp)) => {
            let digits = percent_format(bp.unsigned_abs(), "", "");
            let f = Format::new().set_num_format(format!("+{digits};-{digits};0%"));
            ws.write_number_with_format(row, col, *bp as f64 / 10_000.0, &f)?;
            Ok(cell.to_text().len())
        }
        Cell::Rate { value, numerator, denominator } => {
            let fraction = format!("（{numerator}/{denominator}）");
            match value {
                Some(v) => {
                    let bp = u64::from(v.get());
                    let f = Format::new().set_num_format(percent_format(bp, "", &fraction));
                    ws.write_number_with_format(row, col, bp as f64 / 10_000.0, &f)?;
                }
                None => {
                    ws.write_string(row, col, format!("—{fraction}"))?;
                }
            }
            Ok(text_width(&cell.to_text()))
        }
        Cell::Target(None) | Cell::Empty => Ok(0),
        Cell::Target(Some(t)) => {
            let bp = u64::from(t.bound().get());
            let prefix = match t {
                Goal::AtLeast(BasisPoints::FULL) => "",
                Goal::AtLeast(_) => "≥",
                Goal::AtMost(_) => "≤",
            };
            let f = Format::new().set_num_format(percent_format(bp, prefix, ""));
            ws.write_number_with_format(row, col, bp as f64 / 10_000.0, &f)?;
            Ok(text_width(&cell.to_text()))
        }
    }
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String =
        title.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).collect();
    let clean: String = clean.chars().take(31).collect();
    if clean.is_empty() {
        "Sheet".into()
    } else {
        clean
    }
}

/// Writes one table on a new sheet: a bold frozen header row, then the rows;
/// columns as wide as their contents (within reason).
fn write_sheet(book: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(&table.title))?;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| text_width(h)).collect();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, cell_text(h), &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let w = write_cell(ws, r, c as u16, cell, &date)?;
            if let Some(max) = widths.get_mut(c) {
                *max = (*max).max(w);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A workbook with one sheet per table, titled `title`, created on `as_of`.
pub fn tables_xlsx(
    tables: &[Table],
    title: &str,
    as_of: NaiveDate,
) -> Result<Vec<u8>, XlsxExportError> {
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title(title);
    if let Some(dt) = u16::try_from(as_of.year())
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, as_of.month() as u8, as_of.day() as u8).ok())
    {
        props = props.set_creation_datetime(&dt);
    }
    book.set_properties(&props);
    for t in tables {
        write_sheet(&mut book, t)?;
    }
    Ok(book.save_to_buffer()?)
}

/// The ledger (台账) as an .xlsx workbook with one sheet `信访台账`: see
/// [`ledger_table`].
pub fn ledger_xlsx<'a>(
    office: &Office,
    cases: impl Iterator<Item = &'a Case>,
    today: NaiveDate,
    privacy: Privacy,
) -> Result<Vec<u8>, XlsxExportError> {
    tables_xlsx(&[ledger_table(office, cases, today, privacy)], "信访台账", today)
}

/// A report as an .xlsx workbook with the sheets `指标`, `数量` and
/// `问题类别` (see [`report_tables`]).
pub fn report_xlsx(report: &Report, tree: &CategoryTree) -> Result<Vec<u8>, XlsxExportError> {
    let title = format!("{}信访工作统计报表", report.period.label());
    tables_xlsx(&report_tables(report, tree), &title, report.as_of)
}

/// The indicators of a report alone as an .xlsx workbook (sheet `指标`).
pub fn indicators_xlsx(report: &Report) -> Result<Vec<u8>, XlsxExportError> {
    tables_xlsx(&[indicators_table(report)], "信访工作指标", report.as_of)
}

/// The ranking of units as an .xlsx workbook with one sheet `排名`; a rate
/// is a percentage whose format shows its fraction (`80%（4/5）`).
pub fn ranking_xlsx(ranking: &Ranking) -> Result<Vec<u8>, XlsxExportError> {
    let title = format!("{}责任单位信访工作排名", ranking.period.label());
    tables_xlsx(&[ranking_table(ranking)], &title, ranking.as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Period, Scope};
    use crate::office::Command;
    use crate::petition::{Channel, IdNumber, Petitioner, Phone, Purpose};
    use crate::settings::Settings;
    use crate::{Intake, Office};
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    /// One case with full personal data and hostile text in every free field.
    fn office() -> Office {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings();
        let mut p = Petitioner::named("=cmd|' /C calc'!A0");
        p.id_number = Some(IdNumber::parse("11010519491231002X").unwrap());
        p.phone = Some(Phone::parse("13812345678").unwrap());
        let intake = Intake {
            received_on: d(9, 1),
            channel: Channel::Letter { green_post: true },
            petitioners: vec![p, Petitioner::named("李某")],
            head_count: 2,
            category: s.categories.find("土地承包").unwrap().id(),
            purpose: Purpose::Accusation,
            township: s.org.find_unit("河口乡").map(|u| u.id()),
            village: String::new(),
            summary: "+SUM(1,2), \"quoted\"\r\n第二行".into(),
            content: "不应出现在台账中的检举内容".into(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let now = d(9, 1).and_hms_opt(9, 0, 0).unwrap();
        office.execute(Command::Register { intake }, now).unwrap();
        office
    }

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        assert!(bytes.starts_with(BOM), "BOM first");
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[BOM.len()..]);
        r.records().map(|rec| rec.unwrap().iter().map(String::from).collect()).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ledger_headers_bom_crlf_and_round_trip() {
        let office = office();
        let bytes = ledger_csv(&office, office.cases(), d(10, 10), Privacy::default());
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.contains(",满意度\r\n") && text.ends_with("\r\n"), "CRLF line ends");
        assert!(text.starts_with("\u{feff}编号,登记日期,信访人,身份证号,联系电话,"), "{text}");
        let rows = read(&bytes);
        assert_eq!(rows[0], LEDGER_HEADERS);
        assert_eq!(rows.len(), 2);
        let row = &rows[1];
        let col = |h: &str| &row[LEDGER_HEADERS.iter().position(|x| *x == h).unwrap()];
        assert_eq!(col("编号"), office.cases().next().unwrap().number());
        assert_eq!(col("登记日期"), "2025-09-01");
        assert_eq!(col("信访人"), "'=cmd|' /C calc'!A0、李某");
        assert_eq!(col("身份证号"), "110105********002X");
        assert_eq!(col("联系电话"), "138****5678");
        assert_eq!(col("信访形式"), "来信（绿色邮政）");
        assert_eq!(col("人数"), "2");
        assert_eq!(col("反映问题"), "'+SUM(1,2), \"quoted\"\r\n第二行");
        assert_eq!(
            *col("问题类别"),
            office.settings().categories.path(office.cases().next().unwrap().intake().category)
        );
        assert_eq!(col("信访目的"), "检举控告");
        assert_eq!(col("乡镇"), "河口乡");
        assert_eq!(col("当前状态"), "待转送");
        assert_eq!(col("是否超期"), "是");
        assert!(!text.contains("检举内容"), "content never exported");
        assert!(!text.contains("11010519491231002X") && !text.contains("13812345678"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn full_privacy_shows_the_numbers() {
        let office = office();
        let rows = read(&ledger_csv(&office, office.cases(), d(10, 10), Privacy::Full));
        assert_eq!(rows[1][3], "11010519491231002X");
        assert_eq!(rows[1][4], "13812345678");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn indicator_and_ranking_tables() {
        let office = office();
        let q3 = Period::quarter(2025, 3).unwrap();
        let report = crate::Report::compute(&office, q3, Scope::All, d(10, 10));
        let rows = read(&indicators_csv(&report));
        assert_eq!(rows[0], INDICATOR_HEADERS);
        assert_eq!(rows.len(), report.indicators.len() + 1);
        let timely = rows.iter().find(|r| r[0] == "及时受理率").unwrap();
        assert_eq!(timely[1..4], ["0", "0", "—"]);
        assert_eq!(timely[4], "100%");
        let ranking = crate::Ranking::compute(&office, q3, d(10, 10));
        let bytes = ranking_csv(&ranking);
        assert!(bytes.ends_with(b"\r\n"));
        let rows = read(&bytes);
        assert_eq!(rows[0], RANKING_HEADERS);
        assert_eq!(rows.len(), ranking.entries.len() + 1);
        assert!(rows.iter().any(|r| r[1] == "县人社局" && r[11] == "本期无信访事项"));
    }

    /// Every sheet of a workbook by name, read back with calamine.
    fn sheets(bytes: &[u8]) -> Vec<(String, calamine::Range<Data>)> {
        assert!(bytes.starts_with(b"PK"), "an xlsx is a zip archive");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
        let names = book.sheet_names();
        let mut out = Vec::new();
        for name in names {
            let formulas = book.worksheet_formula(&name).unwrap();
            assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas in {name}");
            out.push((name.clone(), book.worksheet_range(&name).unwrap()));
        }
        out
    }

    fn rows(range: &calamine::Range<Data>) -> Vec<Vec<Data>> {
        range.rows().map(|r| r.to_vec()).collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            other => panic!("expected text, got {other:?}"),
        }
    }

    /// Excel's serial number of a date (days since 1899-12-30).
    fn serial(date: NaiveDate) -> f64 {
        (date - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ledger_xlsx_has_headers_typed_cells_masking_and_text() {
        let office = office();
        let bytes = ledger_xlsx(&office, office.cases(), d(10, 10), Privacy::Masked).unwrap();
        let sheets = sheets(&bytes);
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].0, "信访台账");
        let rows = rows(&sheets[0].1);
        assert_eq!(rows.len(), 2);
        let headers: Vec<&str> = rows[0].iter().map(text).collect();
        assert_eq!(headers, LEDGER_HEADERS);
        let row = &rows[1];
        let col = |h: &str| &row[LEDGER_HEADERS.iter().position(|x| *x == h).unwrap()];
        assert_eq!(text(col("编号")), office.cases().next().unwrap().number());
        // A real date, shown yyyy-mm-dd.
        match col("登记日期") {
            Data::DateTime(dt) => assert_eq!(dt.as_f64(), serial(d(9, 1))),
            other => panic!("登记日期 is not a date: {other:?}"),
        }
        // User text stays text, exactly as typed: no `'`, never a formula.
        assert_eq!(text(col("信访人")), "=cmd|' /C calc'!A0、李某");
        assert_eq!(text(col("反映问题")), "+SUM(1,2), \"quoted\"\r\n第二行");
        assert_eq!(text(col("身份证号")), "110105********002X");
        assert_eq!(text(col("联系电话")), "138****5678");
        assert_eq!(col("人数"), &Data::Float(2.0));
        assert_eq!(text(col("是否超期")), "是");
        assert_eq!(col("答复日期"), &Data::Empty);
        // Nothing personal beyond the masks, no accusation content.
        let all: String = rows.iter().flatten().map(|c| format!("{c:?}")).collect();
        assert!(!all.contains("11010519491231002X") && !all.contains("13812345678"));
        assert!(!all.contains("检举内容"));
        // The same data give the same bytes (no clock in the file).
        let again = ledger_xlsx(&office, office.cases(), d(10, 10), Privacy::Masked).unwrap();
        assert_eq!(bytes, again);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_summary_starting_with_equals_stays_text() {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings();
        let intake = Intake {
            received_on: d(9, 2),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("王某")],
            head_count: 1,
            category: s.categories.find("土地承包").unwrap().id(),
            purpose: Purpose::Request,
            township: None,
            village: String::new(),
            summary: "=1+1".into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        office
            .execute(Command::Register { intake }, d(9, 2).and_hms_opt(9, 0, 0).unwrap())
            .unwrap();
        let bytes = ledger_xlsx(&office, office.cases(), d(10, 10), Privacy::Full).unwrap();
        let rows = rows(&sheets(&bytes)[0].1);
        let i = LEDGER_HEADERS.iter().position(|h| *h == "反映问题").unwrap();
        assert_eq!(rows[1][i], Data::String("=1+1".into()));
        // The CSV neutralises the same cell.
        let csv = read(&ledger_csv(&office, office.cases(), d(10, 10), Privacy::Full));
        assert_eq!(csv[1][i], "'=1+1");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn report_and_ranking_workbooks_match_their_csv() {
        let office = office();
        let q3 = Period::quarter(2025, 3).unwrap();
        let report = crate::Report::compute(&office, q3, Scope::All, d(10, 10));
        let tree = &office.settings().categories;
        let tables = sheets(&report_xlsx(&report, tree).unwrap());
        let names: Vec<&str> = tables.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["指标", "数量", "问题类别"]);

        let ind = rows(&tables[0].1);
        assert_eq!(ind[0].iter().map(text).collect::<Vec<_>>(), INDICATOR_HEADERS);
        assert_eq!(ind.len(), report.indicators.len() + 1);
        let green = ind.iter().find(|r| r[0] == Data::String("绿色邮政比率".into())).unwrap();
        // One green-post letter of one: 100%, a number; the target ≥40% a number too.
        assert_eq!(green[1..4], [Data::Float(1.0), Data::Float(1.0), Data::Float(1.0)]);
        assert_eq!(green[4], Data::Float(0.4));
        assert_eq!(green[5], Data::String("达标".into()));
        let timely = ind.iter().find(|r| r[0] == Data::String("及时受理率".into())).unwrap();
        assert_eq!(timely[3], Data::String("—".into()));

        let counts = rows(&tables[1].1);
        assert_eq!(counts[0].iter().map(text).collect::<Vec<_>>(), COUNT_HEADERS);
        assert_eq!(
            counts[1][..3],
            [Data::String("信访总量（件）".into()), Data::Float(1.0), Data::Float(0.0)]
        );
        assert_eq!(counts[1][4], Data::String("—".into()), "no change against 0");
        assert_eq!(counts.len(), count_lines(&report).len() + 1);

        let shares = rows(&tables[2].1);
        assert_eq!(shares[0].iter().map(text).collect::<Vec<_>>(), SHARE_HEADERS);
        assert_eq!(
            shares[1],
            [Data::String("土地承包".into()), Data::Float(1.0), Data::Float(1.0)]
        );

        let ranking = crate::Ranking::compute(&office, q3, d(10, 10));
        let book = sheets(&ranking_xlsx(&ranking).unwrap());
        assert_eq!(book[0].0, "排名");
        let rows = rows(&book[0].1);
        assert_eq!(rows[0].iter().map(text).collect::<Vec<_>>(), RANKING_HEADERS);
        assert_eq!(rows.len(), ranking.entries.len() + 1);
        let idle = rows.iter().find(|r| r[1] == Data::String("县人社局".into())).unwrap();
        assert_eq!(idle[0], Data::Empty, "unranked");
        assert_eq!(idle[5], Data::String("—（0/0）".into()));
        assert_eq!(idle[11], Data::String("本期无信访事项".into()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn report_csv_holds_the_three_tables() {
        let office = office();
        let q3 = Period::quarter(2025, 3).unwrap();
        let report = crate::Report::compute(&office, q3, Scope::All, d(10, 10));
        let bytes = report_csv(&report, &office.settings().categories);
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        let blocks: Vec<&str> = text.split("\r\n\r\n").collect();
        assert_eq!(blocks.len(), 3, "{text}");
        assert!(blocks[0].starts_with("指标\r\n指标,分子,分母,数值,目标,是否达标"));
        assert!(blocks[1]
            .starts_with("数量\r\n项目,本期,去年同期,增减,同比\r\n信访总量（件）,1,0,+1,—"));
        assert!(blocks[2].starts_with("问题类别\r\n问题类别,件数,占比\r\n土地承包,1,100%"));
        let counts = read(&counts_csv(&report));
        assert_eq!(counts[0], COUNT_HEADERS);
        assert_eq!(signed_percent(-1250), "-12.5%");
        assert_eq!(signed_percent(2500), "+25%");
        assert_eq!(signed_percent(0), "0%");
        assert_eq!(percent_format(6000, "≥", ""), "\"≥\"0%");
        assert_eq!(percent_format(3333, "", "（1/3）"), "0.00%\"（1/3）\"");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn hostile_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for good in ["", "1", "土地承包", "'already", " =x"] {
            assert_eq!(neutralise(good), good);
        }
    }
}
