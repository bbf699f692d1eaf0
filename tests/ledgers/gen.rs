//! Messy, realistic petition ledgers (信访台账) of the sample county 安和县,
//! written as its clerks keep them in Excel, with the truth of every row.
//!
//! A [`LedgerSpec`] (seed, year, rows, [`Shape`]) gives the same workbook
//! byte for byte every time. [`xlsx`] writes the workbook and [`gbk_csv`]
//! what Chinese Excel writes saving its data sheet as “CSV (逗号分隔)”;
//! both return the [`Ledger`]: for every row written, its sheet, its row
//! number as the spreadsheet counts it, what it is ([`RowKind`]), the
//! cells written ([`Cell`]) and, for a petition, what was meant
//! ([`DataTruth`]): the unit and category a clerk's spelling stands for,
//! the dates written, and the deliberate irregularities ([`Mess`]).
//!
//! Nothing here is shaped to suit an importer: the vocabulary is the
//! clerks' (人社局, 城关镇政府, 劳动社保, 网信, 来访(集体), 国资办 …),
//! dates come in the styles a sheet really mixes, and a township's
//! workbook has its summary of formulas, its month sheets, two-row
//! headers, hidden rows and continuation lines.
//!
//! It depends only on the tests crate's dev-dependencies (rust_xlsxwriter,
//! encoding_rs, chrono, rand_chacha), so the browser tests use it too:
//! `#[path = "../ledgers/gen.rs"] mod gen;`.

// Each test target that includes this file uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError,
};

// ---------------------------------------------------------------- the API

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LedgerSpec {
    /// The same seed gives the same bytes.
    pub(crate) seed: u64,
    /// The ledger's year (2000–2099): petitions received in it, the data
    /// as of 31 December.
    pub(crate) year: i32,
    /// How many petitions (data rows; continuation lines not counted).
    pub(crate) rows: usize,
    /// Whose ledger.
    pub(crate) shape: Shape,
    /// The clerk has corrected the wrong identity numbers (the same
    /// ledger otherwise): what a second try at the import reads.
    pub(crate) corrected: bool,
}

/// Whose ledger, and so its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Shape {
    /// One sheet: merged title row, Chinese headers in one row, three date styles, a total row and a note row at the end.
    County,
    /// A township's workbook: first sheet a summary of formulas, then one sheet per month (`1月`…), headers over two rows (merged group title 办理情况 above 受理时间/答复时间/办理结果), hidden rows, continuation lines, dates without a year in some sheets.
    Township,
}

impl Shape {
    /// The irregularities a ledger of this shape has (each at least once
    /// from 240 rows on).
    pub(crate) fn messes(self) -> &'static [Mess] {
        match self {
            Shape::County => &[
                Mess::WrongIdCheckDigit,
                Mess::OldId15,
                Mess::MaskedId,
                Mess::DottedDate,
                Mess::ChineseDate,
                Mess::SerialAsText,
                Mess::FullWidthDigits,
                Mess::SameAsAbove,
                Mess::LineBreak,
                Mess::UnknownUnit,
                Mess::PhoneAsNumber,
            ],
            Shape::Township => &[
                Mess::WrongIdCheckDigit,
                Mess::OldId15,
                Mess::MaskedId,
                Mess::DottedDate,
                Mess::ChineseDate,
                Mess::NoYearDate,
                Mess::FullWidthDigits,
                Mess::SameAsAbove,
                Mess::LineBreak,
                Mess::UnknownUnit,
                Mess::PhoneAsNumber,
                Mess::HiddenRow,
                Mess::ContinuedBelow,
            ],
        }
    }
}

/// A deliberate irregularity in one cell (or row) of a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Mess {
    /// An 18-digit identity number whose check digit (GB 11643) is wrong:
    /// the only outright error.
    WrongIdCheckDigit,
    /// A 15-digit identity number of the old cards (`410523580312123`).
    OldId15,
    /// An identity number masked by whoever passed it on (`410523********1234`).
    MaskedId,
    /// A date typed as text with dots: `2025.3.16`.
    DottedDate,
    /// A date typed as text in Chinese: `2025年3月16日`.
    ChineseDate,
    /// A date pasted as its Excel day number, stored as text: `45732`.
    SerialAsText,
    /// A date without its year (`3月16日`, `3.16`): the sheet's title states it.
    NoYearDate,
    /// Full-width digits (`２０２５年３月１６日`, `１３８３７２１５５６６`).
    FullWidthDigits,
    /// `同上`: the same as the row above (the phone, sometimes the identity number).
    SameAsAbove,
    /// A line break inside the cell (反映问题).
    LineBreak,
    /// A responsible unit the county does not have (国资办, 县法院, a village committee).
    UnknownUnit,
    /// A mobile number typed into a General cell: a number, not text.
    PhoneAsNumber,
    /// The row is hidden.
    HiddenRow,
    /// The 反映问题 text goes on in the row below (a [`RowKind::Continuation`]).
    ContinuedBelow,
}

impl Mess {
    /// Every irregularity.
    pub(crate) const ALL: [Mess; 14] = [
        Mess::WrongIdCheckDigit,
        Mess::OldId15,
        Mess::MaskedId,
        Mess::DottedDate,
        Mess::ChineseDate,
        Mess::SerialAsText,
        Mess::NoYearDate,
        Mess::FullWidthDigits,
        Mess::SameAsAbove,
        Mess::LineBreak,
        Mess::UnknownUnit,
        Mess::PhoneAsNumber,
        Mess::HiddenRow,
        Mess::ContinuedBelow,
    ];
}

/// What a sheet column holds (its header's wording varies by shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Column {
    /// 序号.
    Seq,
    /// 编号: the office's own numbering (`安信〔2025〕12号`, `2025-012`).
    Number,
    /// 登记日期 / 来访日期 / 日期.
    Received,
    /// 信访人 / 姓名.
    Names,
    /// 性别 (township ledgers).
    Sex,
    /// 身份证号.
    IdNumber,
    /// 联系电话 / 联系方式.
    Phone,
    /// 住址 / 家庭住址.
    Address,
    /// 人数.
    HeadCount,
    /// 信访形式 / 信访方式.
    Channel,
    /// 问题类别 / 类别.
    Category,
    /// 反映问题.
    Summary,
    /// 责任单位.
    Unit,
    /// 包案领导.
    Leader,
    /// 受理时间.
    Accepted,
    /// 答复时间 / 办结时间.
    Replied,
    /// 办理结果.
    Result,
    /// 是否办结.
    Closed,
    /// 满意度.
    Rating,
    /// 备注.
    Remark,
}

/// What a channel as written means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Channel {
    /// 来信.
    Letter,
    /// 来访 (alone or in a group), 走访.
    Visit,
    /// 来电.
    Phone,
    /// 网上信访.
    Online,
    /// 上级交办转送.
    FromAbove,
    /// 12345热线.
    Hotline12345,
}

impl Channel {
    /// The core's label (`xinfang_core::Channel::label`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            Channel::Letter => "来信",
            Channel::Visit => "来访",
            Channel::Phone => "来电",
            Channel::Online => "网上信访",
            Channel::FromAbove => "上级交办转送",
            Channel::Hotline12345 => "12345热线",
        }
    }
}

/// What a 办理结果 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Outcome {
    /// 予以支持.
    Support,
    /// 解释说明.
    Explain,
    /// 不予支持.
    Reject,
}

/// What a 满意度 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    Basically,
    /// 不满意.
    Dissatisfied,
}

/// How a date cell is formatted (what Excel shows and saves in a CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DateFormat {
    /// `yyyy/m/d`: 2025/3/16 (what Chinese Excel makes of a typed date).
    Slash,
    /// `yyyy-mm-dd`: 2025-03-16.
    Iso,
    /// `yyyy"年"m"月"d"日"`: 2025年3月16日, a real date that looks like text.
    Chinese,
}

impl DateFormat {
    /// The Excel number format.
    pub(crate) fn code(self) -> &'static str {
        match self {
            DateFormat::Slash => "yyyy/m/d",
            DateFormat::Iso => "yyyy-mm-dd",
            DateFormat::Chinese => "yyyy\"年\"m\"月\"d\"日\"",
        }
    }

    /// The date as Excel shows it.
    pub(crate) fn show(self, d: NaiveDate) -> String {
        let (y, m, day) = (d.year(), d.month(), d.day());
        match self {
            DateFormat::Slash => format!("{y}/{m}/{day}"),
            DateFormat::Iso => format!("{y}-{m:02}-{day:02}"),
            DateFormat::Chinese => format!("{y}年{m}月{day}日"),
        }
    }
}

/// One cell as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing (in a table row: a blank cell with borders).
    Empty,
    /// A text cell.
    Text(String),
    /// A number cell.
    Number(f64),
    /// A date cell (an Excel day number with a date format).
    Date(NaiveDate, DateFormat),
    /// A formula with its cached result.
    Formula {
        /// The formula, with its `=`.
        formula: String,
        /// The cached result as Excel shows it.
        result: String,
    },
}

impl Cell {
    /// What Excel shows, and writes when saving as CSV: a date in its
    /// format, a formula's result.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(f) => number_text(*f),
            Cell::Date(d, f) => f.show(*d),
            Cell::Formula { result, .. } => result.clone(),
        }
    }

    /// What a reader of the .xlsx gets as text: a date cell as
    /// `2025-03-16`, a number without `.0`, a formula's cached result.
    pub(crate) fn read_text(&self) -> String {
        match self {
            Cell::Date(d, _) => d.format("%Y-%m-%d").to_string(),
            other => other.shown(),
        }
    }

    /// Whether nothing is written.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A merged range, rows as the spreadsheet numbers them, columns from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    /// First row (1-based).
    pub(crate) first_row: u32,
    /// First column (0-based).
    pub(crate) first_col: u16,
    /// Last row (1-based).
    pub(crate) last_row: u32,
    /// Last column (0-based).
    pub(crate) last_col: u16,
}

/// A generated ledger's truth.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ledger {
    /// Whose ledger.
    pub(crate) shape: Shape,
    /// Its year.
    pub(crate) year: i32,
    /// The township whose workbook it is ([`Shape::Township`]).
    pub(crate) township: Option<&'static str>,
    /// The sheets in the workbook's order (for a CSV: the one saved).
    pub(crate) sheets: Vec<SheetTruth>,
}

/// One sheet's truth.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SheetTruth {
    /// The sheet's name (`Sheet1`, `汇总`, `3月` …).
    pub(crate) name: String,
    /// What each column holds (by column index from 0); empty on the
    /// township's summary sheet.
    pub(crate) columns: Vec<Column>,
    /// Every row written, in order (blank rows inside the table included).
    pub(crate) rows: Vec<RowTruth>,
    /// The merged ranges.
    pub(crate) merges: Vec<Merge>,
    /// The month of a township's month sheet.
    pub(crate) month: Option<u32>,
    /// Whether the sheet writes dates without their year (its title row
    /// `2025年3月信访登记` states it).
    pub(crate) yearless: bool,
}

impl SheetTruth {
    /// The column index of a column.
    pub(crate) fn column(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// The row the spreadsheet numbers `row` (1-based).
    pub(crate) fn row(&self, row: u32) -> Option<&RowTruth> {
        // Rows are numbered from 1 without gaps: look there first.
        let at = (row as usize).checked_sub(1).and_then(|i| self.rows.get(i));
        at.filter(|r| r.row == row).or_else(|| self.rows.iter().find(|r| r.row == row))
    }

    /// How many columns wide the sheet's used range is.
    pub(crate) fn width(&self) -> usize {
        let cells = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let merged = self.merges.iter().map(|m| usize::from(m.last_col) + 1).max().unwrap_or(0);
        cells.max(merged)
    }
}

/// One written row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowTruth {
    /// The row as the spreadsheet numbers it (1 = the first).
    pub(crate) row: u32,
    /// What it is.
    pub(crate) kind: RowKind,
    /// The cells from column A on (trailing ones may be left out).
    pub(crate) cells: Vec<Cell>,
    /// Whether the row is hidden.
    pub(crate) hidden: bool,
}

/// What a row is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RowKind {
    /// A (merged) title.
    Title,
    /// A header row (a township's header spans two).
    Header,
    /// A petition.
    Data(Box<DataTruth>),
    /// Only the 反映问题 cell, going on with the text of the data row `of_row`.
    Continuation {
        /// The data row it continues.
        of_row: u32,
    },
    /// 合计, or a summary sheet's line of formulas.
    Total,
    /// A long merged note under the table.
    Note,
    /// A blank row inside the table (borders only).
    Blank,
}

/// What a data row says and means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DataTruth {
    /// 序号 as written.
    pub(crate) seq: u32,
    /// 编号 as written (county ledgers; not every row is numbered).
    pub(crate) number: Option<String>,
    /// The day received.
    pub(crate) received: NaiveDate,
    /// 信访人 as written (`王德林等30人`, `张三、李四`).
    pub(crate) names_written: String,
    /// The names it gives (`王德林` for `王德林等30人`).
    pub(crate) names: Vec<String>,
    /// 人数.
    pub(crate) head_count: u32,
    /// Five or more people: a collective petition.
    pub(crate) collective: bool,
    /// 身份证号 as written (None: blank).
    pub(crate) id_written: Option<String>,
    /// The phone meant, ASCII digits only (`13837215566`, `03725512345`):
    /// for `同上` the row above's.
    pub(crate) phone: Option<String>,
    /// 住址 as written.
    pub(crate) address: String,
    /// The township (official name) the petitioner lives in.
    pub(crate) township: &'static str,
    /// 信访形式 as written.
    pub(crate) channel_written: String,
    /// What it means.
    pub(crate) channel: Channel,
    /// 问题类别 as written.
    pub(crate) category_written: String,
    /// The category meant: a name in `CategoryTree::default_tree`.
    pub(crate) category: &'static str,
    /// 反映问题 in full (over a continuation line too), line breaks kept.
    pub(crate) summary: String,
    /// 责任单位 as written (empty: blank).
    pub(crate) unit_written: String,
    /// The unit meant, by its official name in `Organisation::sample_county`;
    /// None when blank or genuinely unknown to the county ([`Mess::UnknownUnit`]).
    pub(crate) unit: Option<&'static str>,
    /// 包案领导 as written.
    pub(crate) leader: Option<String>,
    /// 受理时间 written (None: blank).
    pub(crate) accepted: Option<NaiveDate>,
    /// 答复时间 written (None: blank).
    pub(crate) replied: Option<NaiveDate>,
    /// 是否办结 (是/否).
    pub(crate) closed: bool,
    /// 办理结果 as written.
    pub(crate) result_written: String,
    /// What the result means (None: blank, pending, or no outcome).
    pub(crate) outcome: Option<Outcome>,
    /// 满意度 as written.
    pub(crate) rating_written: String,
    /// What it means (None: blank, 未评价).
    pub(crate) rating: Option<Rating>,
    /// 备注 as written.
    pub(crate) remark: String,
    /// The deliberate irregularities, each with its column.
    pub(crate) messes: Vec<(Mess, Column)>,
}

impl DataTruth {
    /// Whether the row has this irregularity (in any column).
    pub(crate) fn has(&self, mess: Mess) -> bool {
        self.messes.iter().any(|(m, _)| *m == mess)
    }
}

/// A data row found in a [`Ledger`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataRow<'a> {
    /// Its sheet.
    pub(crate) sheet: &'a SheetTruth,
    /// The row.
    pub(crate) row: &'a RowTruth,
    /// What it says and means.
    pub(crate) data: &'a DataTruth,
}

impl<'a> DataRow<'a> {
    /// The cell of a column (None: the sheet has no such column).
    pub(crate) fn cell(&self, column: Column) -> Option<&'a Cell> {
        let c = self.sheet.column(column)?;
        Some(self.row.cells.get(c).unwrap_or(&Cell::Empty))
    }

    /// The cell's text as Excel shows it ("" when absent).
    pub(crate) fn text(&self, column: Column) -> String {
        self.cell(column).map(Cell::shown).unwrap_or_default()
    }
}

impl Ledger {
    /// Every data row, in order.
    pub(crate) fn data_rows(&self) -> Vec<DataRow<'_>> {
        self.sheets
            .iter()
            .flat_map(|sheet| {
                sheet.rows.iter().filter_map(move |row| match &row.kind {
                    RowKind::Data(data) => Some(DataRow { sheet, row, data }),
                    _ => None,
                })
            })
            .collect()
    }

    /// The data rows with this irregularity.
    pub(crate) fn rows_with(&self, mess: Mess) -> Vec<DataRow<'_>> {
        self.data_rows().into_iter().filter(|r| r.data.has(mess)).collect()
    }

    /// The distinct texts (as shown) of a column over the data rows, with
    /// how many rows have each ("" for blank).
    pub(crate) fn distinct_values(&self, column: Column) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for r in self.data_rows() {
            if r.sheet.column(column).is_some() {
                *out.entry(r.text(column)).or_insert(0) += 1;
            }
        }
        out
    }

    /// The sheet of this name.
    pub(crate) fn sheet(&self, name: &str) -> Option<&SheetTruth> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// The workbook's bytes and its truth.
pub(crate) fn xlsx(spec: &LedgerSpec) -> (Vec<u8>, Ledger) {
    let ledger = build(spec);
    let bytes = write_xlsx(&ledger).expect("the generated workbook is valid");
    (bytes, ledger)
}

/// One sheet as Chinese Excel saves it as “CSV (逗号分隔)”: GBK, no BOM,
/// CRLF, every row as wide as the used range, a date as it is shown, a
/// formula as its result. A county ledger's sheet; for a township's
/// workbook, the `1月` sheet. The truth holds that one sheet.
pub(crate) fn gbk_csv(spec: &LedgerSpec) -> (Vec<u8>, Ledger) {
    let mut ledger = build(spec);
    let keep = match spec.shape {
        Shape::County => 0,
        Shape::Township => 1,
    };
    let sheet = ledger.sheets.swap_remove(keep);
    ledger.sheets = vec![sheet];
    let text = csv_text(&ledger.sheets[0]);
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "every generated character is in GBK");
    (bytes.into_owned(), ledger)
}

/// The CSV text of a sheet, as Excel writes it.
fn csv_text(sheet: &SheetTruth) -> String {
    let width = sheet.width();
    let last = sheet.rows.iter().map(|r| r.row).max().unwrap_or(0);
    let mut out = String::new();
    for n in 1..=last {
        let row = sheet.row(n);
        let fields: Vec<String> = (0..width)
            .map(|c| {
                let text = row.and_then(|r| r.cells.get(c)).map(Cell::shown).unwrap_or_default();
                if text.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", text.replace('"', "\"\""))
                } else {
                    text
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

// ------------------------------------------------------------ the dice

/// A seeded, portable random stream.
struct Dice(ChaCha8Rng);

impl Dice {
    fn new(seed: u64) -> Self {
        Dice(ChaCha8Rng::seed_from_u64(seed))
    }

    /// 0..n (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }

    /// lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total as usize) as u32;
        for (x, w) in xs {
            if r < *w {
                return *x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    /// Puts the items in a random order.
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for k in (1..xs.len()).rev() {
            let j = self.below(k + 1);
            xs.swap(k, j);
        }
    }

    /// `k` distinct items of `from` (fewer if it is shorter), in order.
    fn sample(&mut self, from: &[usize], k: usize) -> Vec<usize> {
        let mut pool = from.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool.sort_unstable();
        pool
    }
}

/// How many rows of `rows` get something that `per_240` of 240 rows get
/// (at least one).
fn quota(rows: usize, per_240: usize) -> usize {
    ((rows * per_240 + 120) / 240).max(1)
}

// ------------------------------------------------------- the county

/// A township of the sample county: official name, short name, villages
/// and communities, the leader in `Organisation::sample_county`.
struct Town {
    name: &'static str,
    short: &'static str,
    places: &'static [&'static str],
    leader: &'static str,
}

impl Town {
    /// 镇, 乡 or 街道.
    fn kind(&self) -> &'static str {
        if self.name.ends_with("街道") {
            "街道"
        } else if self.name.ends_with('乡') {
            "乡"
        } else {
            "镇"
        }
    }
}

const TOWNS: [Town; 12] = [
    Town {
        name: "城关镇",
        short: "城关",
        places: &["东关村", "西关村", "南关村", "北关村", "建设路社区", "人民路社区"],
        leader: "赵文斌",
    },
    Town {
        name: "东城街道",
        short: "东城",
        places: &["东风社区", "朝阳社区", "孙庄村", "刘营村"],
        leader: "钱志刚",
    },
    Town {
        name: "西城街道",
        short: "西城",
        places: &["西湖社区", "文化路社区", "王楼村", "杜店村"],
        leader: "吴海燕",
    },
    Town {
        name: "河口乡",
        short: "河口",
        places: &["河口村", "李庄村", "前营村", "后营村", "张湾村"],
        leader: "冯德明",
    },
    Town {
        name: "柳林镇",
        short: "柳林",
        places: &["柳林村", "大柳树村", "郭庄村", "三里桥村"],
        leader: "褚国华",
    },
    Town {
        name: "石桥镇",
        short: "石桥",
        places: &["石桥村", "北街村", "南街村", "贾寨村", "冯庄村"],
        leader: "沈长青",
    },
    Town {
        name: "杨庄乡",
        short: "杨庄",
        places: &["杨庄村", "小杨庄村", "韩堂村", "赵岗村"],
        leader: "杨树林",
    },
    Town {
        name: "马集镇",
        short: "马集",
        places: &["马集村", "东马村", "西马村", "白庙村", "罗岗村"],
        leader: "秦志远",
    },
    Town {
        name: "清水镇",
        short: "清水",
        places: &["清水村", "沙河村", "吕店村", "丁庄村"],
        leader: "何建平",
    },
    Town {
        name: "白沙乡",
        short: "白沙",
        places: &["白沙村", "黄土岗村", "宋楼村", "高庙村"],
        leader: "施国强",
    },
    Town {
        name: "龙泉镇",
        short: "龙泉",
        places: &["龙泉村", "泉口村", "上河村", "下河村", "石门村"],
        leader: "曹振华",
    },
    Town {
        name: "高桥乡",
        short: "高桥",
        places: &["高桥村", "曹庄村", "邢湾村", "魏楼村"],
        leader: "华玉兰",
    },
];

/// Ways of writing one name, with how often each is used.
type Spellings = &'static [(&'static str, u32)];

/// The county departments the ledgers name: official name, leader (as in
/// `Organisation::sample_county`), and how clerks spell it, with weights.
const DEPARTMENTS: [(&str, &str, Spellings); 19] = [
    ("县人社局", "彭建华", &[("县人社局", 5), ("人社局", 3), ("县人力资源和社会保障局", 2)]),
    ("县自然资源局", "鲁志强", &[("县自然资源局", 5), ("自然资源局", 3), ("县国土局", 1)]),
    ("县住建局", "昌明辉", &[("县住建局", 5), ("住建局", 3), ("县住房和城乡建设局", 1)]),
    ("县交通运输局", "唐志勇", &[("县交通运输局", 4), ("交通局", 4), ("县交通局", 2)]),
    ("县林业局", "花永林", &[("县林业局", 5), ("林业局", 3)]),
    ("县公安局", "云海涛", &[("县公安局", 5), ("公安局", 2)]),
    ("县司法局", "潘玉梅", &[("县司法局", 5), ("司法局", 2)]),
    ("县农业农村局", "苗春生", &[("县农业农村局", 4), ("农业农村局", 2), ("县农业局", 1)]),
    ("县教育局", "俞秀英", &[("县教育局", 5), ("教育局", 3), ("县教体局", 1)]),
    ("县卫健局", "袁丽华", &[("县卫健局", 4), ("县卫健委", 2), ("卫健局", 2)]),
    ("县民政局", "鲍红霞", &[("县民政局", 5), ("民政局", 3)]),
    ("县生态环境局", "廉国伟", &[("县生态环境局", 3), ("环保局", 3), ("县环保局", 2)]),
    ("县退役军人事务局", "薛振国", &[("县退役军人事务局", 4), ("退役军人局", 2)]),
    ("县市场监管局", "贺春华", &[("县市场监管局", 4), ("市场监管局", 2), ("县市场监督管理局", 1)]),
    ("县城市管理局", "汤建设", &[("县城市管理局", 3), ("城管局", 4), ("县城管局", 2)]),
    ("县医保局", "殷秀兰", &[("县医保局", 4), ("医保局", 2)]),
    ("县财政局", "奚国庆", &[("县财政局", 4), ("财政局", 2)]),
    ("县委政法委", "窦永刚", &[("县委政法委", 4), ("政法委", 2)]),
    ("县信访局", "毕建华", &[("县信访局", 3), ("信访局", 1)]),
];

/// Who a unit is, before it is spelt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum U {
    /// A county department by its official name.
    Dept(&'static str),
    /// The petitioner's township.
    Town,
    /// The petitioner's village committee (unknown to the county).
    Village,
    /// A body the county's organisation does not have, as written.
    Unknown(&'static str),
}

/// A kind of matter petitioners raise: how clerks classify it (written,
/// meant, weight), who handles it, and summaries for one person and for
/// a group (`{n}` is the head count); a rural matter is raised by
/// villagers, not by a town community's residents.
struct Matter {
    rural: bool,
    cats: &'static [(&'static str, &'static str, u32)],
    units: &'static [(U, u32)],
    one: &'static [&'static str],
    group: &'static [&'static str],
    weight: u32,
}

const MATTERS: [Matter; 25] = [
    Matter {
        rural: false,
        cats: &[("拖欠工资", "拖欠工资", 5), ("劳动社保", "劳动和社会保障", 2), ("欠薪", "拖欠工资", 1), ("农民工工资", "拖欠工资", 1)],
        units: &[(U::Dept("县人社局"), 8), (U::Town, 2)],
        one: &[
            "反映在{company}承建的{project}工地务工，被拖欠工资{money}元，多次讨要未果，请求帮助追讨。",
            "反映其在{company}打工期间的工资{money}元至今未结清，老板拒接电话。",
        ],
        group: &[
            "反映{company}承建的{project}项目拖欠{n}名农民工工资共计{wan}万元，要求尽快支付。",
            "代表{n}名工友反映{company}拖欠去年下半年工资，要求春节前兑现。",
        ],
        weight: 14,
    },
    Matter {
        rural: true,
        cats: &[("土地征用", "土地征用", 4), ("征地拆迁补偿", "征地拆迁", 2), ("征地", "土地征用", 2)],
        units: &[(U::Dept("县自然资源局"), 5), (U::Town, 4)],
        one: &[
            "反映{village}{group}组集体土地被{project}征用，征地补偿款至今未足额发放到户。",
            "反映其承包地{mu}亩被征用后，青苗补偿费未兑现。",
        ],
        group: &["代表{village}{n}户村民反映{project}征地补偿标准偏低，要求提高补偿。"],
        weight: 9,
    },
    Matter {
        rural: false,
        cats: &[("征地拆迁", "征地拆迁", 3), ("征地拆迁补偿", "征地拆迁", 3), ("拆迁", "征地拆迁", 2)],
        units: &[(U::Dept("县住建局"), 4), (U::Town, 5)],
        one: &[
            "反映其房屋因{project}被拆迁，安置房至今未交付，过渡费已停发{months}个月。",
            "对拆迁评估价格有异议，认为补偿标准过低，要求重新评估。",
        ],
        group: &["代表{village}{n}户拆迁户反映安置房迟迟未开工建设，要求给个说法。"],
        weight: 8,
    },
    Matter {
        rural: true,
        cats: &[("土地承包", "土地承包", 4), ("土地纠纷", "土地承包", 2), ("农村农业", "农村农业", 1)],
        units: &[(U::Town, 7), (U::Village, 2), (U::Dept("县农业农村局"), 2)],
        one: &[
            "反映与同组村民{name}因承包地地界发生纠纷，村委会调解未果。",
            "反映村组调整土地时未给其家庭分配承包地。",
        ],
        group: &[],
        weight: 7,
    },
    Matter {
        rural: true,
        cats: &[("退耕还林", "退耕还林", 5), ("林业", "农村农业", 1)],
        units: &[(U::Dept("县林业局"), 8), (U::Town, 2)],
        one: &[
            "反映其家{mu}亩退耕还林补助款自{year0}年以来未发放。",
            "反映村干部截留退耕还林补助资金。",
        ],
        group: &["代表{village}{n}户村民反映退耕还林补助未兑现到户。"],
        weight: 4,
    },
    Matter {
        rural: true,
        cats: &[("村务公开", "村务公开", 3), ("村务", "村务公开", 2), ("村干部问题", "村务公开", 1)],
        units: &[(U::Town, 9), (U::Village, 1)],
        one: &[
            "反映{village}村委会长期不公开集体账目，怀疑村干部侵占集体土地租金。",
            "反映{village}村支书{name}在低保评定中优亲厚友。",
        ],
        group: &["{village}{n}名村民联名反映村集体机动地承包费去向不明，要求公开账目。"],
        weight: 5,
    },
    Matter {
        rural: false,
        cats: &[("涉法涉诉", "涉法涉诉", 5), ("涉诉", "涉法涉诉", 2), ("政法", "政法", 1)],
        units: &[(U::Unknown("县法院"), 5), (U::Dept("县委政法委"), 3), (U::Dept("县公安局"), 1)],
        one: &[
            "对县法院{year0}年作出的民事判决不服，要求再审。",
            "反映其胜诉案件执行多年未果，被执行人{name}有财产拒不履行。",
        ],
        group: &[],
        weight: 5,
    },
    Matter {
        rural: true,
        cats: &[("交通治理", "交通治理", 3), ("交通", "交通运输", 2), ("道路", "交通治理", 1)],
        units: &[(U::Dept("县交通运输局"), 7), (U::Town, 3)],
        one: &[
            "反映{village}至{road}的村道路面破损严重，雨天积水，群众出行困难，要求维修。",
            "反映{road}沿线大货车超载，道路被压坏，扬尘严重。",
        ],
        group: &["代表{village}{n}名群众反映修路占地补偿未到位。"],
        weight: 5,
    },
    Matter {
        rural: false,
        cats: &[("集中供热", "集中供热", 4), ("供暖", "集中供热", 2)],
        units: &[(U::Dept("县住建局"), 5), (U::Dept("县城市管理局"), 3)],
        one: &[
            "反映{estate}小区入冬以来暖气不热，室温不足十度，要求热力公司整改。",
            "反映已缴纳取暖费，但所在单元至今未通暖。",
        ],
        group: &["代表{estate}小区{n}户业主反映供暖温度不达标。"],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("企业改制", "企业改制", 5), ("改制", "企业改制", 1)],
        units: &[(U::Unknown("国资办"), 6), (U::Dept("县财政局"), 2), (U::Dept("县人社局"), 2)],
        one: &[
            "系原{factory}职工，反映企业改制时身份置换金未兑付。",
            "反映原{factory}改制后未为其补缴养老保险。",
        ],
        group: &["原{factory}{n}名职工反映企业改制安置费未足额发放。"],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("下岗职工安置", "下岗职工安置", 3), ("劳动社保", "劳动和社会保障", 2), ("社保", "劳动和社会保障", 1)],
        units: &[(U::Dept("县人社局"), 7), (U::Dept("县医保局"), 1)],
        one: &[
            "系原{factory}下岗职工，反映养老保险缴费年限认定有误。",
            "反映下岗后社保断缴，要求补缴。",
        ],
        group: &[],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("退役军人待遇", "退役军人待遇", 3), ("复员退伍", "退役军人待遇", 2), ("退役军人", "退役军人事务", 1)],
        units: &[(U::Dept("县退役军人事务局"), 9)],
        one: &[
            "系{army}年入伍的退伍军人，反映优抚补助未落实。",
            "系参战退役人员，要求落实生活补助待遇。",
        ],
        group: &["{n}名退役士兵反映安置待遇问题，要求落实政策。"],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("民政", "民政", 3), ("低保", "民政", 3), ("社会救助", "民政", 1)],
        units: &[(U::Dept("县民政局"), 5), (U::Town, 5)],
        one: &[
            "反映家庭困难，申请低保未获批准，认为评定不公。",
            "反映其父亲常年卧病在床，申请临时救助无果。",
        ],
        group: &[],
        weight: 6,
    },
    Matter {
        rural: true,
        cats: &[("环保", "生态环境", 4), ("生态环境", "生态环境", 3), ("环境污染", "生态环境", 1)],
        units: &[(U::Dept("县生态环境局"), 8), (U::Town, 2)],
        one: &[
            "反映{village}附近{factory}夜间排放刺鼻气体，影响群众生活。",
            "反映{village}旁养殖场粪污直排河道，臭味严重。",
        ],
        group: &["代表{village}{n}名村民反映砂石厂粉尘污染，要求关停。"],
        weight: 6,
    },
    Matter {
        rural: false,
        cats: &[("城镇建设", "城镇建设", 3), ("城建", "城乡建设", 2), ("住房", "城乡建设", 1)],
        units: &[(U::Dept("县住建局"), 8), (U::Dept("县自然资源局"), 1)],
        one: &[
            "反映{estate}小区开发商逾期交房，房产证至今未办理。",
            "反映{estate}小区物业服务差，电梯经常故障。",
        ],
        group: &["代表{estate}小区{n}户业主反映开发商延期交房，要求赔偿违约金。"],
        weight: 7,
    },
    Matter {
        rural: false,
        cats: &[("卫生健康", "卫生健康", 3), ("医疗纠纷", "卫生健康", 2), ("医疗", "卫生健康", 1)],
        units: &[(U::Dept("县卫健局"), 8)],
        one: &[
            "反映其母亲在县人民医院手术后出现并发症，认为医院存在过错，要求赔偿。",
            "反映{village}卫生室乡村医生养老待遇未落实。",
        ],
        group: &[],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("民办教师", "民办教师", 3), ("清退代课教师", "清退代课教师", 2), ("教育", "教育文体", 2)],
        units: &[(U::Dept("县教育局"), 9)],
        one: &["系原民办教师，反映教龄补贴未按政策发放。", "系被清退的代课教师，要求解决养老保险问题。"],
        group: &["{n}名原代课教师反映清退后生活困难，要求落实补助。"],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("人事待遇", "人事待遇", 3), ("组织人事", "组织人事", 1)],
        units: &[(U::Dept("县人社局"), 4)],
        one: &["反映其在乡镇工作期间的职称待遇未兑现。", "反映其退休后工资待遇核定有误。"],
        group: &[],
        weight: 3,
    },
    Matter {
        rural: false,
        cats: &[("劳资纠纷", "劳资纠纷", 3), ("工伤", "劳资纠纷", 1), ("劳动社保", "劳动和社会保障", 1)],
        units: &[(U::Dept("县人社局"), 8)],
        one: &[
            "反映在{company}务工期间受伤，工伤待遇至今未落实。",
            "反映{company}无故解除劳动合同，未支付经济补偿。",
        ],
        group: &[],
        weight: 4,
    },
    Matter {
        rural: true,
        cats: &[("国土资源", "国土资源", 3), ("宅基地", "国土资源", 2), ("土地", "国土资源", 1)],
        units: &[(U::Town, 6), (U::Dept("县自然资源局"), 4)],
        one: &["反映邻居{name}建房占用其宅基地，多次协商无果。", "反映{village}有人在基本农田上违法建房。"],
        group: &[],
        weight: 5,
    },
    Matter {
        rural: false,
        cats: &[("政法", "政法", 2), ("治安", "政法", 2), ("公安", "政法", 1)],
        units: &[(U::Dept("县公安局"), 9)],
        one: &[
            "反映被同村{name}殴打致伤，派出所处理不公，要求严惩。",
            "反映其被电信诈骗{money}元，要求公安机关尽快追回。",
        ],
        group: &[],
        weight: 4,
    },
    Matter {
        rural: false,
        cats: &[("城乡建设", "城乡建设", 2), ("城市管理", "城乡建设", 2), ("噪音扰民", "城乡建设", 1)],
        units: &[(U::Dept("县城市管理局"), 8)],
        one: &["反映{street}夜市占道经营，噪音扰民至深夜。", "反映{estate}小区门口垃圾长期无人清运。"],
        group: &[],
        weight: 4,
    },
    Matter {
        rural: true,
        cats: &[("其他", "其他", 3), ("供电", "其他", 1)],
        units: &[(U::Unknown("县供电公司"), 7), (U::Town, 2)],
        one: &["反映{village}电压长期不稳，夏季频繁停电。"],
        group: &["代表{village}{n}户村民反映农网改造后电费偏高。"],
        weight: 2,
    },
    Matter {
        rural: false,
        cats: &[("医保", "劳动和社会保障", 2), ("劳动社保", "劳动和社会保障", 1)],
        units: &[(U::Dept("县医保局"), 8)],
        one: &["反映住院费用报销比例偏低，报销手续繁琐。", "反映已缴纳城乡居民医保，系统却显示未参保。"],
        group: &[],
        weight: 3,
    },
    Matter {
        rural: false,
        cats: &[("经济管理", "经济管理", 2), ("消费维权", "经济管理", 1)],
        units: &[(U::Dept("县市场监管局"), 8)],
        one: &["反映在{street}某超市购买到过期食品，商家拒不赔偿。", "反映{street}一家美容店办卡后关门跑路。"],
        group: &["代表{n}名会员反映健身房预付卡退费问题。"],
        weight: 3,
    },
];

/// Sentences clerks add after the matter (`{year0}`: an earlier year).
const FOLLOW_UPS: [&str; 8] = [
    "此前已多次向村、镇反映，问题一直未解决。",
    "请求上级部门帮助解决。",
    "信访人情绪较为激动。",
    "要求尽快给予书面答复。",
    "信访人称如不解决将到市里上访。",
    "附相关证明材料复印件。",
    "该问题{year0}年曾反映过。",
    "家中老人常年生病，生活困难。",
];

const COMPANIES: [&str; 6] = [
    "宏达建筑公司",
    "鑫源建设有限公司",
    "安和县城建公司",
    "华通路桥公司",
    "某劳务公司",
    "金诚置业",
];
const PROJECTS: [&str; 6] =
    ["城区改造", "县城南环路", "产业集聚区", "高铁站片区", "安置小区", "污水处理厂"];
const FACTORIES: [&str; 6] = ["县棉纺厂", "县化肥厂", "县酒厂", "县机械厂", "县造纸厂", "县食品厂"];
const ESTATES: [&str; 6] = ["锦绣花园", "金水湾", "阳光城", "东方名苑", "翰林苑", "幸福家园"];
const ROADS: [&str; 4] = ["省道S304", "县道X012", "乡道Y021", "国道G107"];
const STREETS: [&str; 4] = ["人民路", "解放路", "建设路", "文化路"];

const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭',
    '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
    '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈',
    '姚', '卢', '姜', '崔', '范', '金', '石', '贾', '方', '白', '孟', '秦', '侯', '史', '郝', '段',
];
const MALE_FIRST: &[char] = &[
    '建', '国', '德', '永', '志', '春', '金', '明', '振', '海', '宝', '长', '新', '俊', '学', '庆',
    '文', '宏', '家', '东', '保', '红', '卫', '少',
];
const MALE_SECOND: &[char] = &[
    '林', '国', '军', '强', '华', '生', '福', '民', '平', '亮', '伟', '峰', '涛', '山', '成', '杰',
    '武', '忠', '喜', '全', '超', '勇', '刚', '明',
];
const FEMALE_FIRST: &[char] = &[
    '秀', '桂', '玉', '春', '红', '丽', '海', '淑', '翠', '凤', '晓', '美', '小', '月', '彩', '素',
];
const FEMALE_SECOND: &[char] = &[
    '英', '兰', '梅', '芳', '霞', '燕', '华', '珍', '琴', '荣', '娟', '萍', '云', '芬', '莲', '香',
];

/// Area codes on the identity numbers: the county's, and its neighbours'.
const REGIONS: [(&str, u32); 4] = [("410523", 14), ("410522", 2), ("410526", 1), ("410502", 1)];
const MOBILE_PREFIXES: [&str; 16] = [
    "138", "139", "137", "135", "136", "150", "151", "152", "158", "159", "182", "183", "187",
    "188", "155", "186",
];

/// The GB 11643 check character of the first 17 digits.
fn check_char(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0xFF10 + (c as u32 - '0' as u32)).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn chinese_numeral(n: i64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => n.to_string(),
    }
}

// --------------------------------------------------------- the records

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
}

/// How an identity number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdStyle {
    Blank,
    Valid,
    WrongCheck,
    Old15,
    Masked,
    SameAsAbove,
}

/// How a phone is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhoneStyle {
    Plain,
    Spaced,
    Dashed,
    AsNumber,
    FullWidth,
    SameAsAbove,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateStyle {
    Cell,
    Dotted,
    Chinese,
    Serial,
    FullWidth,
    /// `3月16日`.
    NoYear,
    /// `3.16`.
    NoYearDotted,
}

/// A petitioner (or the lead of a group).
#[derive(Debug, Clone)]
struct Person {
    name: String,
    sex: Sex,
    born: NaiveDate,
    region: &'static str,
    serial: u32,
    id_style: IdStyle,
    /// The phone digits; a landline starts with 0.
    phone: Option<String>,
    phone_style: PhoneStyle,
    town: usize,
    place: &'static str,
    address: String,
}

impl Person {
    /// The 18-digit number.
    fn id18(&self) -> String {
        let first = format!("{}{}{:03}", self.region, self.born.format("%Y%m%d"), self.serial);
        let check = check_char(&first);
        format!("{first}{check}")
    }

    /// The identity number as written.
    fn id_written(&self, dice: &mut Dice) -> Option<String> {
        let id = self.id18();
        match self.id_style {
            IdStyle::Blank => None,
            IdStyle::Valid => Some(id),
            IdStyle::WrongCheck => {
                let right = id.chars().last().unwrap_or('0');
                let others: Vec<char> = "0123456789X".chars().filter(|c| *c != right).collect();
                Some(format!("{}{}", &id[..17], dice.pick(&others)))
            }
            IdStyle::Old15 => {
                Some(format!("{}{}{:03}", self.region, self.born.format("%y%m%d"), self.serial))
            }
            IdStyle::Masked => Some(format!("{}********{}", self.region, &id[14..])),
            IdStyle::SameAsAbove => Some("同上".to_string()),
        }
    }

    /// The phone as written.
    fn phone_written(&self) -> Option<Cell> {
        let p = self.phone.as_ref()?;
        Some(match self.phone_style {
            PhoneStyle::SameAsAbove => Cell::Text("同上".into()),
            _ if p.starts_with('0') => {
                let (area, local) = p.split_at(4);
                if self.phone_style == PhoneStyle::Spaced {
                    Cell::Text(format!("({area}){local}"))
                } else {
                    Cell::Text(format!("{area}-{local}"))
                }
            }
            PhoneStyle::Plain => Cell::Text(p.clone()),
            PhoneStyle::Spaced => Cell::Text(format!("{} {} {}", &p[..3], &p[3..7], &p[7..])),
            PhoneStyle::Dashed => Cell::Text(format!("{}-{}-{}", &p[..3], &p[3..7], &p[7..])),
            PhoneStyle::AsNumber => Cell::Number(p.parse::<f64>().unwrap_or_default()),
            PhoneStyle::FullWidth => Cell::Text(full_width(p)),
        })
    }
}

/// One petition before it is laid out.
#[derive(Debug, Clone)]
struct Rec {
    received: NaiveDate,
    /// Raised by villagers (see [`Matter`]).
    rural: bool,
    sheet: usize,
    person: Person,
    names: Vec<String>,
    names_written: String,
    head_count: u32,
    channel_written: String,
    channel: Channel,
    category_written: &'static str,
    category: &'static str,
    sentences: Vec<String>,
    line_break: bool,
    unit_written: String,
    unit: Option<&'static str>,
    unknown_unit: bool,
    leader: Option<String>,
    accepted: Option<NaiveDate>,
    replied: Option<NaiveDate>,
    result_written: String,
    outcome: Option<Outcome>,
    rating_written: &'static str,
    rating: Option<Rating>,
    remark: &'static str,
    number: Option<String>,
    received_style: DateStyle,
    accepted_style: DateStyle,
    replied_style: DateStyle,
    continued: bool,
    hidden: bool,
}

/// A random name of this sex.
fn name(dice: &mut Dice, sex: Sex) -> String {
    // Common surnames come up more often.
    let s = dice.below(SURNAMES.len()).min(dice.below(SURNAMES.len()));
    let (first, second) = match sex {
        Sex::Male => (MALE_FIRST, MALE_SECOND),
        Sex::Female => (FEMALE_FIRST, FEMALE_SECOND),
    };
    let mut n = SURNAMES[s].to_string();
    if dice.percent(20) {
        n.push(dice.pick(second));
    } else {
        n.push(dice.pick(first));
        n.push(dice.pick(second));
    }
    n
}

/// A person living in `town` (an index of [`TOWNS`]).
fn person(dice: &mut Dice, year: i32, town: usize, township_ledger: bool, rural: bool) -> Person {
    let sex = if dice.percent(62) { Sex::Male } else { Sex::Female };
    let born_year = year - dice.between(22, 84) as i32;
    let born = NaiveDate::from_ymd_opt(born_year, 1, 1).unwrap_or_default()
        + Duration::days(dice.between(0, 364));
    let odd = dice.between(0, 49) as u32 * 2 + 1;
    let serial = match sex {
        Sex::Male => odd,
        Sex::Female => odd - 1,
    } + dice.between(0, 4) as u32 * 100;
    let t = &TOWNS[town];
    let villages: Vec<&'static str> =
        t.places.iter().copied().filter(|p| !p.ends_with("社区")).collect();
    let place =
        if rural && !villages.is_empty() { dice.pick(&villages) } else { dice.pick(t.places) };
    let spot = if place.ends_with("社区") {
        if dice.percent(60) {
            format!(
                "{place}{}{}号楼{}单元",
                dice.pick(&ESTATES),
                dice.between(1, 18),
                dice.between(1, 4)
            )
        } else {
            format!("{}{}号", place, dice.between(1, 120))
        }
    } else {
        match dice.below(10) {
            0..=4 => format!("{place}{}组", dice.between(1, 9)),
            5..=6 => format!("{place}{}组", chinese_numeral(dice.between(1, 12))),
            7 => format!("{place}第{}村民组", chinese_numeral(dice.between(1, 9))),
            _ => place.to_string(),
        }
    };
    let address = if township_ledger {
        spot
    } else {
        match dice.below(20) {
            0..=1 => format!("安和县{}{spot}", t.name),
            2 => spot,
            _ => format!("{}{spot}", t.name),
        }
    };
    let phone = if dice.percent(12) {
        Some(format!("0372{}{:06}", dice.between(2, 8), dice.between(0, 999_999)))
    } else {
        Some(format!("{}{:08}", dice.pick(&MOBILE_PREFIXES), dice.between(0, 99_999_999)))
    };
    let phone_style = dice.weighted(&[
        (PhoneStyle::Plain, 55),
        (PhoneStyle::Spaced, 20),
        (PhoneStyle::Dashed, 20),
    ]);
    Person {
        name: name(dice, sex),
        sex,
        born,
        region: dice.weighted(&REGIONS),
        serial,
        id_style: IdStyle::Valid,
        phone,
        phone_style,
        town,
        place,
        address,
    }
}

/// Fills a summary template's placeholders.
fn fill(dice: &mut Dice, template: &str, year: i32, place: &str, head_count: u32) -> String {
    let mut s = template.to_string();
    let values: [(&str, String); 14] = [
        ("{village}", place.to_string()),
        ("{group}", dice.between(1, 9).to_string()),
        ("{company}", dice.pick(&COMPANIES).to_string()),
        ("{project}", dice.pick(&PROJECTS).to_string()),
        ("{money}", (dice.between(30, 800) * 100).to_string()),
        ("{wan}", dice.between(5, 300).to_string()),
        ("{n}", head_count.to_string()),
        ("{mu}", dice.between(1, 12).to_string()),
        ("{year0}", (year - dice.between(1, 8) as i32).to_string()),
        ("{months}", dice.between(3, 18).to_string()),
        ("{factory}", dice.pick(&FACTORIES).to_string()),
        ("{estate}", dice.pick(&ESTATES).to_string()),
        ("{road}", dice.pick(&ROADS).to_string()),
        ("{street}", dice.pick(&STREETS).to_string()),
    ];
    for (key, value) in values {
        s = s.replace(key, &value);
    }
    if s.contains("{army}") {
        s = s.replace("{army}", &dice.between(1976, 2012).to_string());
    }
    if s.contains("{name}") {
        let sex = if dice.percent(70) { Sex::Male } else { Sex::Female };
        s = s.replace("{name}", &name(dice, sex));
    }
    s
}

/// Spells a unit as a clerk of this shape writes it: the text, the
/// official name meant, whether the county does not know it.
fn spell_unit(
    dice: &mut Dice,
    u: U,
    shape: Shape,
    town: &Town,
    place: &str,
) -> (String, Option<&'static str>, bool) {
    let town_ledger = shape == Shape::Township;
    match u {
        U::Dept(official) => {
            if town_ledger && dice.percent(50) {
                let local = match official {
                    "县司法局" => {
                        Some(dice.pick(&["司法所", "镇司法所"]).replace('镇', town.kind()))
                    }
                    "县公安局" => Some(format!("{}派出所", town.short)),
                    "县自然资源局" => Some(dice.pick(&["国土所", "自然资源所"]).to_string()),
                    _ => None,
                };
                if let Some(local) = local {
                    return (local, Some(official), false);
                }
            }
            let spellings = DEPARTMENTS
                .iter()
                .find(|(o, _, _)| *o == official)
                .map(|(_, _, s)| *s)
                .unwrap_or(&[]);
            let written = if spellings.is_empty() { official } else { dice.weighted(spellings) };
            (written.to_string(), Some(official), false)
        }
        U::Village if town_ledger => {
            let suffix = if place.ends_with("社区") {
                dice.pick(&["居委会", "两委"])
            } else {
                dice.pick(&["委会", "委", "两委"])
            };
            (format!("{place}{suffix}"), None, true)
        }
        U::Town | U::Village => {
            let kind = town.kind();
            let written = if town_ledger {
                match dice.below(6) {
                    0..=2 => format!("{kind}综治办"),
                    3 => format!("{kind}政府"),
                    4 => "综治中心".to_string(),
                    _ => format!("{kind}信访办"),
                }
            } else if kind == "街道" {
                match dice.below(6) {
                    0..=1 => town.name.to_string(),
                    2..=3 => format!("{}街道办", town.short),
                    4 => format!("{}办事处", town.name),
                    _ => format!("{}办事处", town.short),
                }
            } else {
                match dice.below(8) {
                    0..=2 => town.name.to_string(),
                    3..=5 => format!("{}政府", town.name),
                    _ => format!("{}人民政府", town.name),
                }
            };
            (written, Some(town.name), false)
        }
        U::Unknown(written) => (written.to_string(), None, true),
    }
}

/// `n` received days in the year, in order: mostly working days.
fn received_days(dice: &mut Dice, year: i32, n: usize) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let days = (last - first).num_days();
    let mut out: Vec<NaiveDate> = (0..n)
        .map(|_| {
            let mut d = first + Duration::days(dice.between(1, days - 1));
            if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && dice.percent(85) {
                let to_monday = 7 - i64::from(d.weekday().num_days_from_monday());
                if d + Duration::days(to_monday) < last {
                    d += Duration::days(to_monday);
                }
            }
            d
        })
        .collect();
    out.sort_unstable();
    out
}

/// The records of a ledger, in order of receipt, before the quotas.
fn records(dice: &mut Dice, spec: &LedgerSpec, home: usize, forced_unknown: &[usize]) -> Vec<Rec> {
    let shape = spec.shape;
    let year = spec.year;
    let cutoff = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let days = received_days(dice, year, spec.rows);
    // A new clerk may switch the numbering style during the year.
    let switch_at =
        if dice.percent(50) { spec.rows * dice.between(40, 70) as usize / 100 } else { usize::MAX };
    let mut numbered = 0;
    // A township's other leader, as its clerks write him: 郭书记, 崔镇长.
    let town_boss = {
        let surname = name(dice, Sex::Male).chars().next().unwrap_or('王');
        let head = match TOWNS[home].kind() {
            "乡" => "乡长",
            "街道" => "主任",
            _ => "镇长",
        };
        format!("{surname}{}", if dice.percent(50) { "书记" } else { head })
    };
    let mut out = Vec::with_capacity(spec.rows);
    for (i, received) in days.into_iter().enumerate() {
        let town = match shape {
            Shape::Township => home,
            Shape::County => dice.weighted(&[
                (0, 8),
                (1, 4),
                (2, 4),
                (3, 3),
                (4, 3),
                (5, 3),
                (6, 2),
                (7, 3),
                (8, 2),
                (9, 2),
                (10, 2),
                (11, 2),
            ]),
        };
        // The matter: a forced row takes one handled by a body the county lacks.
        let forced = forced_unknown.binary_search(&i).is_ok();
        let matter_weights: Vec<(usize, u32)> = MATTERS
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                !forced
                    || m.units.iter().any(|(u, _)| {
                        matches!(u, U::Unknown(_)) || (*u == U::Village && shape == Shape::Township)
                    })
            })
            .map(|(k, m)| (k, m.weight))
            .collect();
        let matter = &MATTERS[dice.weighted(&matter_weights)];
        let mut p = person(dice, year, town, shape == Shape::Township, matter.rural);
        let t = &TOWNS[town];

        // The channel and the head count.
        let group_visit = !matter.group.is_empty() && dice.percent(24);
        let (channel_written, channel) = if group_visit {
            match shape {
                Shape::County => {
                    (dice.weighted(&[("来访(集体)", 8), ("来访（集体）", 2)]), Channel::Visit)
                }
                Shape::Township => (dice.weighted(&[("集体访", 7), ("来访", 3)]), Channel::Visit),
            }
        } else {
            match shape {
                Shape::County => dice.weighted(&[
                    (("来访", Channel::Visit), 30),
                    (("来信", Channel::Letter), 15),
                    (("网上信访", Channel::Online), 9),
                    (("网信", Channel::Online), 5),
                    (("电话", Channel::Phone), 5),
                    (("12345热线", Channel::Hotline12345), 8),
                    (("上级交办", Channel::FromAbove), 8),
                    (("走访", Channel::Visit), 4),
                ]),
                Shape::Township => dice.weighted(&[
                    (("来访", Channel::Visit), 50),
                    (("来电", Channel::Phone), 10),
                    (("电话", Channel::Phone), 5),
                    (("县信访局交办", Channel::FromAbove), 8),
                    (("上级交办", Channel::FromAbove), 4),
                    (("网上信访", Channel::Online), 6),
                    (("12345", Channel::Hotline12345), 8),
                    (("来信", Channel::Letter), 5),
                ]),
            }
        };
        let joint_letter =
            channel == Channel::Letter && !matter.group.is_empty() && dice.percent(10);
        let group = group_visit || joint_letter;
        let head_count = if group {
            if dice.percent(70) {
                dice.between(5, 15) as u32
            } else {
                dice.between(16, 60) as u32
            }
        } else if dice.percent(12) {
            2
        } else {
            1
        };
        let mut names = vec![p.name.clone()];
        let names_written = if group {
            if dice.percent(65) {
                format!("{}等{}人", p.name, head_count)
            } else {
                for _ in 0..dice.between(1, 2) {
                    let sex = if dice.percent(70) { Sex::Male } else { Sex::Female };
                    names.push(name(dice, sex));
                }
                names.join("、")
            }
        } else if head_count == 2 && dice.percent(60) {
            let sex = if p.sex == Sex::Male { Sex::Female } else { Sex::Male };
            names.push(name(dice, sex));
            names.join("、")
        } else {
            p.name.clone()
        };

        // Who gives an identity number and a phone, by channel.
        let (id_p, phone_p) = match channel {
            Channel::Visit => (if group { 90 } else { 80 }, 88),
            Channel::Letter => (30, 50),
            Channel::Online => (55, 95),
            Channel::Phone => (15, 92),
            Channel::Hotline12345 => (10, 96),
            Channel::FromAbove => (45, 60),
        };
        if !dice.percent(id_p) {
            p.id_style = IdStyle::Blank;
        }
        if !dice.percent(phone_p) {
            p.phone = None;
        }

        // Category, summary, unit.
        let (category_written, category) = {
            let cats: Vec<((&str, &str), u32)> =
                matter.cats.iter().map(|(w, m, n)| ((*w, *m), *n)).collect();
            dice.weighted(&cats)
        };
        let template = if group { dice.pick(matter.group) } else { dice.pick(matter.one) };
        let mut sentences = vec![fill(dice, template, year, p.place, head_count)];
        for _ in 0..dice.weighted(&[(0, 50), (1, 35), (2, 15)]) {
            let follow = dice.pick(&FOLLOW_UPS);
            let extra = fill(dice, follow, year, p.place, head_count);
            if !sentences.contains(&extra) {
                sentences.push(extra);
            }
        }
        let u = if forced {
            let unknown: Vec<(U, u32)> = matter
                .units
                .iter()
                .copied()
                .filter(|(u, _)| {
                    matches!(u, U::Unknown(_)) || (*u == U::Village && shape == Shape::Township)
                })
                .collect();
            Some(dice.weighted(&unknown))
        } else if dice.percent(4) {
            Some(U::Dept("县信访局"))
        } else if dice.percent(5) {
            None
        } else {
            Some(dice.weighted(matter.units))
        };
        let (unit_written, unit, unknown_unit) = match u {
            Some(u) => spell_unit(dice, u, shape, t, p.place),
            None => (String::new(), None, false),
        };

        // The leader in charge.
        let leader = if shape == Shape::Township {
            match dice.below(10) {
                0..=3 => Some(t.leader.to_string()),
                4..=6 => Some(town_boss.clone()),
                _ => None,
            }
        } else if group {
            Some(dice.weighted(&[("于振华", 7), ("毕建华", 3)]).to_string())
        } else if dice.percent(50) {
            let by_unit = unit.and_then(|o| {
                if TOWNS.iter().any(|t| t.name == o) {
                    TOWNS.iter().find(|t| t.name == o).map(|t| t.leader)
                } else {
                    DEPARTMENTS.iter().find(|(n, _, _)| *n == o).map(|(_, l, _)| *l)
                }
            });
            match (by_unit, unit_written.as_str()) {
                (Some(l), _) => Some(l.to_string()),
                (None, "国资办") => Some("周国庆".to_string()),
                _ => None,
            }
        } else {
            None
        };

        // The proceedings as of 31 December.
        let accepted = (unit.is_some() || unknown_unit || dice.percent(60))
            .then(|| {
                received
                    + Duration::days(dice.weighted(&[
                        (0, 50),
                        (1, 20),
                        (2, 12),
                        (3, 10),
                        (5, 5),
                        (7, 3),
                    ]))
            })
            .filter(|d| *d <= cutoff);
        let stuck = dice.percent(5);
        let replied = accepted
            .map(|a| {
                let days =
                    if dice.percent(80) { dice.between(5, 35) } else { dice.between(36, 58) };
                a + Duration::days(days)
            })
            .filter(|d| *d <= cutoff && !stuck);
        let (result_written, outcome) = if replied.is_some() {
            let standard: [((&str, Option<Outcome>), u32); 10] = [
                (("予以支持", Some(Outcome::Support)), 28),
                (("解释说明", Some(Outcome::Explain)), 30),
                (("不予支持", Some(Outcome::Reject)), 10),
                (("予以支持，已督促落实", Some(Outcome::Support)), 5),
                (("已答复信访人，信访人表示理解", Some(Outcome::Explain)), 7),
                (("问题已解决", Some(Outcome::Support)), 5),
                (("经核查反映情况不属实，已书面答复", Some(Outcome::Reject)), 4),
                (("已告知其通过诉讼途径解决", None), 3),
                (("已现场答复", None), 3),
                (("", None), 5),
            ];
            let (w, o) = dice.weighted(&standard);
            (w.to_string(), o)
        } else {
            let pending =
                [("", 60), ("正在办理", 15), ("已转责任单位办理", 15), ("调查核实中", 10)];
            (dice.weighted(&pending).to_string(), None)
        };
        let (rating_written, rating) = if replied.is_some() {
            dice.weighted(&[
                (("满意", Some(Rating::Satisfied)), 45),
                (("基本满意", Some(Rating::Basically)), 22),
                (("不满意", Some(Rating::Dissatisfied)), 8),
                (("未评价", None), 10),
                (("", None), 15),
            ])
        } else {
            ("", None)
        };
        let remark = match shape {
            Shape::County => {
                if joint_letter {
                    "联名信"
                } else {
                    dice.weighted(&[
                        ("", 80),
                        ("重复访", 4),
                        ("越级访", 1),
                        ("县领导接访日", 2),
                        ("二次来访", 3),
                        ("已录入信访信息系统", 4),
                        ("转市信访局", 1),
                        ("书记信箱转", 1),
                    ])
                }
            }
            Shape::Township => dice.weighted(&[
                ("", 85),
                ("村里已调解", 4),
                ("已上报县信访局", 4),
                ("重点人员", 2),
                ("包村干部跟进", 3),
            ]),
        };
        let number = if shape == Shape::County
            && !(matches!(channel, Channel::Phone | Channel::Hotline12345) && dice.percent(50))
        {
            numbered += 1;
            Some(if i < switch_at {
                format!("安信〔{year}〕{numbered}号")
            } else {
                format!("{year}-{numbered:03}")
            })
        } else {
            None
        };
        out.push(Rec {
            received,
            rural: matter.rural,
            sheet: match shape {
                Shape::County => 0,
                Shape::Township => received.month() as usize,
            },
            person: p,
            names,
            names_written,
            head_count,
            channel_written: channel_written.to_string(),
            channel,
            category_written,
            category,
            sentences,
            line_break: false,
            unit_written,
            unit,
            unknown_unit,
            leader,
            accepted,
            replied,
            result_written,
            outcome,
            rating_written,
            rating,
            remark,
            number,
            received_style: DateStyle::Cell,
            accepted_style: DateStyle::Cell,
            replied_style: DateStyle::Cell,
            continued: false,
            hidden: false,
        });
    }
    out
}

/// Lays the irregularities on the records, each on its share of rows.
fn apply_quotas(dice: &mut Dice, shape: Shape, recs: &mut [Rec], yearless: &[usize]) {
    let n = recs.len();
    let all: Vec<usize> = (0..n).collect();
    let is_yearless = |r: &Rec| yearless.contains(&r.sheet);

    if shape == Shape::Township {
        // Continuation lines: a long summary goes on in the row below.
        for i in dice.sample(&all, quota(n, 8)) {
            recs[i].continued = true;
            if recs[i].sentences.len() < 2 {
                recs[i].sentences.push(FOLLOW_UPS[0].to_string());
            }
        }
        let open: Vec<usize> = all.iter().copied().filter(|i| !recs[*i].continued).collect();
        let hidden = quota(n, 2 + dice.below(2));
        for i in dice.sample(&open, hidden) {
            recs[i].hidden = true;
        }
    }

    // 同上: the same person as the row above (same sheet, same township)
    // comes again with another matter.
    let above: Vec<usize> = (1..n)
        .filter(|i| {
            let (prev, this) = (&recs[i - 1], &recs[*i]);
            prev.sheet == this.sheet
                && !prev.continued
                && prev.person.phone.is_some()
                && prev.person.town == this.person.town
                && !(this.rural && prev.person.place.ends_with("社区"))
                && prev.head_count < 5
                && this.head_count < 5
        })
        .collect();
    for i in dice.sample(&above, quota(n, 5)) {
        let prev = recs[i - 1].clone();
        let same_id = dice.percent(50);
        let r = &mut recs[i];
        let place = r.person.place;
        for s in &mut r.sentences {
            *s = s.replace(place, prev.person.place);
        }
        r.unit_written = r.unit_written.replace(place, prev.person.place);
        r.person = prev.person.clone();
        r.person.phone_style = PhoneStyle::SameAsAbove;
        r.person.id_style = match prev.person.id_style {
            IdStyle::Blank => IdStyle::Blank,
            _ if same_id => IdStyle::SameAsAbove,
            _ => IdStyle::Blank,
        };
        r.names = prev.names.clone();
        r.names_written = prev.names_written.clone();
        r.head_count = prev.head_count;
    }

    // Identity numbers: wrong check digits, old 15-digit ones, masked ones.
    let with_id: Vec<usize> =
        all.iter().copied().filter(|i| recs[*i].person.id_style == IdStyle::Valid).collect();
    let (wrong, old, masked) = (quota(n, 6), quota(n, 4), quota(n, 6));
    let mut picked = dice.sample(&with_id, wrong + old + masked);
    dice.shuffle(&mut picked);
    for (slot, i) in picked.into_iter().enumerate() {
        let style = if slot < wrong {
            IdStyle::WrongCheck
        } else if slot < wrong + old {
            IdStyle::Old15
        } else {
            IdStyle::Masked
        };
        let r = &mut recs[i];
        r.person.id_style = style;
        if style == IdStyle::Old15 {
            // The old cards belong to people born before 1980.
            let y = r.person.born.year().min(1979);
            r.person.born = r.person.born.with_year(y).unwrap_or(r.person.born);
        }
    }

    // Received dates: the styles a sheet mixes.
    let dated: Vec<usize> = all.iter().copied().filter(|i| !is_yearless(&recs[*i])).collect();
    let (serial, wide, dotted, chinese) = match shape {
        Shape::County => (quota(n, 4), quota(n, 3), n * 20 / 100, n * 15 / 100),
        Shape::Township => (0, quota(n, 3), n * 12 / 100, n * 8 / 100),
    };
    let mut picked = dice.sample(&dated, serial + wide + dotted + chinese);
    dice.shuffle(&mut picked);
    for (slot, i) in picked.into_iter().enumerate() {
        recs[i].received_style = if slot < serial {
            DateStyle::Serial
        } else if slot < serial + wide {
            DateStyle::FullWidth
        } else if slot < serial + wide + dotted {
            DateStyle::Dotted
        } else {
            DateStyle::Chinese
        };
    }
    for r in recs.iter_mut() {
        if is_yearless(r) {
            r.received_style =
                if dice.percent(80) { DateStyle::NoYear } else { DateStyle::NoYearDotted };
        }
        // The later dates mostly follow the row's own style.
        for which in 0..2 {
            let style = match r.received_style {
                s @ (DateStyle::Dotted
                | DateStyle::Chinese
                | DateStyle::NoYear
                | DateStyle::NoYearDotted)
                    if dice.percent(75) =>
                {
                    s
                }
                DateStyle::NoYear | DateStyle::NoYearDotted => DateStyle::NoYear,
                _ => DateStyle::Cell,
            };
            if which == 0 {
                r.accepted_style = style;
            } else {
                r.replied_style = style;
            }
        }
    }

    // Phones: a few in full-width digits, some typed as numbers.
    let mobiles = |recs: &[Rec]| -> Vec<usize> {
        (0..recs.len())
            .filter(|i| {
                let p = &recs[*i].person;
                p.phone.as_ref().is_some_and(|d| !d.starts_with('0'))
                    && p.phone_style == PhoneStyle::Plain
            })
            .collect()
    };
    for i in dice.sample(&mobiles(recs), quota(n, 2)) {
        recs[i].person.phone_style = PhoneStyle::FullWidth;
    }
    for i in dice.sample(&mobiles(recs), quota(n, 12)) {
        recs[i].person.phone_style = PhoneStyle::AsNumber;
    }

    // Line breaks inside 反映问题.
    let plain: Vec<usize> = all.iter().copied().filter(|i| !recs[*i].continued).collect();
    for i in dice.sample(&plain, quota(n, 20)) {
        if recs[i].sentences.len() < 2 {
            let extra = FOLLOW_UPS[1].to_string();
            recs[i].sentences.push(extra);
        }
        recs[i].line_break = true;
    }
}

/// A date cell in a style, and the irregularity it is.
fn date_cell(d: NaiveDate, style: DateStyle, format: DateFormat) -> (Cell, Option<Mess>) {
    let (y, m, day) = (d.year(), d.month(), d.day());
    match style {
        DateStyle::Cell => (Cell::Date(d, format), None),
        DateStyle::Dotted => (Cell::Text(format!("{y}.{m}.{day}")), Some(Mess::DottedDate)),
        DateStyle::Chinese => (Cell::Text(format!("{y}年{m}月{day}日")), Some(Mess::ChineseDate)),
        DateStyle::Serial => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            (Cell::Text((d - base).num_days().to_string()), Some(Mess::SerialAsText))
        }
        DateStyle::FullWidth => {
            (Cell::Text(full_width(&format!("{y}年{m}月{day}日"))), Some(Mess::FullWidthDigits))
        }
        DateStyle::NoYear => (Cell::Text(format!("{m}月{day}日")), Some(Mess::NoYearDate)),
        DateStyle::NoYearDotted => (Cell::Text(format!("{m}.{day}")), Some(Mess::NoYearDate)),
    }
}

/// The cells of a record for these columns, the truth, and the text of a
/// continuation line (when the summary goes on below).
fn lay_out(
    dice: &mut Dice,
    r: &Rec,
    seq: u32,
    columns: &[Column],
    format: DateFormat,
) -> (Vec<Cell>, DataTruth, Option<String>) {
    let mut messes = Vec::new();
    let mut summary = if r.line_break {
        format!("{}\n{}", r.sentences[0], r.sentences[1..].concat())
    } else {
        r.sentences.concat()
    };
    let mut rest = None;
    if r.continued {
        // Split after a comma or full stop near the middle.
        let chars: Vec<char> = summary.chars().collect();
        let mid = chars.len() / 2;
        let at = (1..chars.len())
            .filter(|k| matches!(chars[k - 1], '，' | '。'))
            .min_by_key(|k| k.abs_diff(mid))
            .unwrap_or(mid);
        let first: String = chars[..at].iter().collect();
        let second: String = chars[at..].iter().collect();
        summary = format!("{first}{second}");
        rest = Some((first, second));
    }
    let id_written = r.person.id_written(dice);
    let mut cells = Vec::with_capacity(columns.len());
    for &c in columns {
        let cell = match c {
            Column::Seq => Cell::Number(f64::from(seq)),
            Column::Number => r.number.clone().map_or(Cell::Empty, Cell::Text),
            Column::Received => {
                let (cell, mess) = date_cell(r.received, r.received_style, format);
                messes.extend(mess.map(|m| (m, c)));
                cell
            }
            Column::Names => Cell::Text(r.names_written.clone()),
            Column::Sex => Cell::Text(
                match r.person.sex {
                    Sex::Male => "男",
                    Sex::Female => "女",
                }
                .into(),
            ),
            Column::IdNumber => {
                let mess = match r.person.id_style {
                    IdStyle::WrongCheck => Some(Mess::WrongIdCheckDigit),
                    IdStyle::Old15 => Some(Mess::OldId15),
                    IdStyle::Masked => Some(Mess::MaskedId),
                    IdStyle::SameAsAbove => Some(Mess::SameAsAbove),
                    IdStyle::Blank | IdStyle::Valid => None,
                };
                messes.extend(mess.map(|m| (m, c)));
                id_written.clone().map_or(Cell::Empty, Cell::Text)
            }
            Column::Phone => {
                let mess = match r.person.phone_style {
                    _ if r.person.phone.is_none() => None,
                    PhoneStyle::SameAsAbove => Some(Mess::SameAsAbove),
                    PhoneStyle::FullWidth => Some(Mess::FullWidthDigits),
                    PhoneStyle::AsNumber => Some(Mess::PhoneAsNumber),
                    PhoneStyle::Plain | PhoneStyle::Spaced | PhoneStyle::Dashed => None,
                };
                messes.extend(mess.map(|m| (m, c)));
                r.person.phone_written().unwrap_or(Cell::Empty)
            }
            Column::Address => Cell::Text(r.person.address.clone()),
            Column::HeadCount => Cell::Number(f64::from(r.head_count)),
            Column::Channel => Cell::Text(r.channel_written.clone()),
            Column::Category => Cell::Text(r.category_written.to_string()),
            Column::Summary => {
                if r.line_break {
                    messes.push((Mess::LineBreak, c));
                }
                if r.continued {
                    messes.push((Mess::ContinuedBelow, c));
                }
                Cell::Text(rest.as_ref().map_or_else(|| summary.clone(), |(a, _)| a.clone()))
            }
            Column::Unit => {
                if r.unknown_unit {
                    messes.push((Mess::UnknownUnit, c));
                }
                if r.unit_written.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(r.unit_written.clone())
                }
            }
            Column::Leader => r.leader.clone().map_or(Cell::Empty, Cell::Text),
            Column::Accepted | Column::Replied => {
                let (date, style) = if c == Column::Accepted {
                    (r.accepted, r.accepted_style)
                } else {
                    (r.replied, r.replied_style)
                };
                match date {
                    Some(d) => {
                        let (cell, mess) = date_cell(d, style, format);
                        messes.extend(mess.map(|m| (m, c)));
                        cell
                    }
                    None => Cell::Empty,
                }
            }
            Column::Result => {
                if r.result_written.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(r.result_written.clone())
                }
            }
            Column::Closed => Cell::Text(if r.replied.is_some() { "是" } else { "否" }.into()),
            Column::Rating => {
                if r.rating_written.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(r.rating_written.into())
                }
            }
            Column::Remark => {
                if r.remark.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(r.remark.into())
                }
            }
        };
        cells.push(cell);
    }
    if r.hidden {
        messes.push((Mess::HiddenRow, Column::Seq));
    }
    let truth = DataTruth {
        seq,
        number: r.number.clone(),
        received: r.received,
        names_written: r.names_written.clone(),
        names: r.names.clone(),
        head_count: r.head_count,
        collective: r.head_count >= 5,
        id_written,
        phone: r.person.phone.clone(),
        address: r.person.address.clone(),
        township: TOWNS[r.person.town].name,
        channel_written: r.channel_written.clone(),
        channel: r.channel,
        category_written: r.category_written.to_string(),
        category: r.category,
        summary,
        unit_written: r.unit_written.clone(),
        unit: r.unit,
        leader: r.leader.clone(),
        accepted: r.accepted,
        replied: r.replied,
        closed: r.replied.is_some(),
        result_written: r.result_written.clone(),
        outcome: r.outcome,
        rating_written: r.rating_written.to_string(),
        rating: r.rating,
        remark: r.remark.to_string(),
        messes,
    };
    (cells, truth, rest.map(|(_, b)| b))
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// The spreadsheet letters of a column index (0 = A).
fn letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The whole truth of a spec.
fn build(spec: &LedgerSpec) -> Ledger {
    assert!((2000..=2099).contains(&spec.year), "a ledger's year is 2000–2099");
    let mut dice = Dice::new(spec.seed);
    let home = dice.weighted(&[(0usize, 3), (3, 2), (4, 1), (5, 1), (7, 1), (9, 1), (11, 1)]);
    let all: Vec<usize> = (0..spec.rows).collect();
    let forced_unknown = dice.sample(&all, quota(spec.rows, 4));
    let format =
        dice.weighted(&[(DateFormat::Slash, 6), (DateFormat::Iso, 2), (DateFormat::Chinese, 2)]);
    let mut recs = records(&mut dice, spec, home, &forced_unknown);
    let yearless = match spec.shape {
        Shape::County => Vec::new(),
        Shape::Township => {
            let mut months: Vec<usize> = recs.iter().map(|r| r.sheet).collect();
            months.dedup();
            let k = 3 + dice.below(2);
            dice.sample(&months, k)
        }
    };
    apply_quotas(&mut dice, spec.shape, &mut recs, &yearless);
    let sheets = match spec.shape {
        Shape::County => vec![county_sheet(&mut dice, spec, &recs, format)],
        Shape::Township => township_sheets(&mut dice, spec, &recs, &yearless, home),
    };
    let mut ledger = Ledger {
        shape: spec.shape,
        year: spec.year,
        township: (spec.shape == Shape::Township).then_some(TOWNS[home].name),
        sheets,
    };
    if spec.corrected {
        correct_ids(&mut ledger);
    }
    ledger
}

/// Gives every wrong check digit its right one, in the cell and the truth.
fn correct_ids(ledger: &mut Ledger) {
    for sheet in &mut ledger.sheets {
        let at = sheet.columns.iter().position(|c| *c == Column::IdNumber);
        for row in &mut sheet.rows {
            let RowKind::Data(truth) = &mut row.kind else { continue };
            let Some(k) = truth.messes.iter().position(|(m, _)| *m == Mess::WrongIdCheckDigit)
            else {
                continue;
            };
            truth.messes.remove(k);
            let Some(wrong) = truth.id_written.clone() else { continue };
            let right = format!("{}{}", &wrong[..17], check_char(&wrong[..17]));
            truth.id_written = Some(right.clone());
            if let Some(cell) = at.and_then(|c| row.cells.get_mut(c)) {
                *cell = Cell::Text(right);
            }
        }
    }
}

fn county_sheet(
    dice: &mut Dice,
    spec: &LedgerSpec,
    recs: &[Rec],
    format: DateFormat,
) -> SheetTruth {
    let year = spec.year;
    let received_header = if dice.percent(70) { "登记日期" } else { "来访日期" };
    let replied_header = if dice.percent(70) { "答复时间" } else { "办结时间" };
    let layout: [(Column, &str); 19] = [
        (Column::Seq, "序号"),
        (Column::Number, "编号"),
        (Column::Received, received_header),
        (Column::Names, "信访人"),
        (Column::IdNumber, "身份证号"),
        (Column::Phone, "联系电话"),
        (Column::Address, "住址"),
        (Column::HeadCount, "人数"),
        (Column::Channel, "信访形式"),
        (Column::Category, "问题类别"),
        (Column::Summary, "反映问题"),
        (Column::Unit, "责任单位"),
        (Column::Leader, "包案领导"),
        (Column::Accepted, "受理时间"),
        (Column::Replied, replied_header),
        (Column::Result, "办理结果"),
        (Column::Closed, "是否办结"),
        (Column::Rating, "满意度"),
        (Column::Remark, "备注"),
    ];
    let columns: Vec<Column> = layout.iter().map(|(c, _)| *c).collect();
    let width = columns.len() as u16;
    let mut rows = vec![
        RowTruth {
            row: 1,
            kind: RowKind::Title,
            cells: vec![text(&format!("安和县信访局{year}年信访事项登记台账"))],
            hidden: false,
        },
        RowTruth {
            row: 2,
            kind: RowKind::Header,
            cells: layout.iter().map(|(_, h)| text(h)).collect(),
            hidden: false,
        },
    ];
    let mut merges = vec![Merge { first_row: 1, first_col: 0, last_row: 1, last_col: width - 1 }];
    let mut n = 3;
    for (k, r) in recs.iter().enumerate() {
        let (cells, truth, _) = lay_out(dice, r, k as u32 + 1, &columns, format);
        rows.push(RowTruth { row: n, kind: RowKind::Data(Box::new(truth)), cells, hidden: false });
        n += 1;
    }
    let last_data = n - 1;
    if dice.percent(50) {
        rows.push(RowTruth {
            row: n,
            kind: RowKind::Blank,
            cells: vec![Cell::Empty; columns.len()],
            hidden: false,
        });
        n += 1;
    }
    let col = |c: Column| columns.iter().position(|x| *x == c).unwrap_or(0);
    let mut total = vec![Cell::Empty; columns.len()];
    total[0] = text("合计");
    let count = recs.len();
    let heads: u32 = recs.iter().map(|r| r.head_count).sum();
    let (names_col, heads_col) = (col(Column::Names), col(Column::HeadCount));
    if dice.percent(70) {
        total[names_col] = Cell::Formula {
            formula: format!("=COUNTA({0}3:{0}{last_data})", letters(names_col)),
            result: count.to_string(),
        };
        total[heads_col] = Cell::Formula {
            formula: format!("=SUM({0}3:{0}{last_data})", letters(heads_col)),
            result: heads.to_string(),
        };
    } else {
        total[names_col] = Cell::Number(count as f64);
        total[heads_col] = Cell::Number(f64::from(heads));
    }
    rows.push(RowTruth { row: n, kind: RowKind::Total, cells: total, hidden: false });
    n += 1;
    rows.push(RowTruth {
        row: n,
        kind: RowKind::Note,
        cells: vec![text(&format!("注：本台账由县信访局办信科登记，数据截至{year}年12月31日。"))],
        hidden: false,
    });
    merges.push(Merge { first_row: n, first_col: 0, last_row: n, last_col: width - 1 });
    SheetTruth {
        name: if dice.percent(60) { "Sheet1".to_string() } else { format!("{year}年台账") },
        columns,
        rows,
        merges,
        month: None,
        yearless: false,
    }
}

fn township_sheets(
    dice: &mut Dice,
    spec: &LedgerSpec,
    recs: &[Rec],
    yearless: &[usize],
    home: usize,
) -> Vec<SheetTruth> {
    let year = spec.year;
    let town = TOWNS[home].name;
    let format = if dice.percent(70) { DateFormat::Slash } else { DateFormat::Chinese };
    let received_header = if dice.percent(60) { "来访日期" } else { "日期" };
    let category_header = if dice.percent(60) { "问题类别" } else { "类别" };
    let layout: [(Column, &str); 19] = [
        (Column::Seq, "序号"),
        (Column::Received, received_header),
        (Column::Names, "姓名"),
        (Column::Sex, "性别"),
        (Column::IdNumber, "身份证号码"),
        (Column::Phone, "联系方式"),
        (Column::Address, "家庭住址"),
        (Column::HeadCount, "人数"),
        (Column::Channel, "信访方式"),
        (Column::Summary, "反映问题"),
        (Column::Category, category_header),
        (Column::Unit, "责任单位"),
        (Column::Leader, "包案领导"),
        (Column::Accepted, "受理时间"),
        (Column::Replied, "答复时间"),
        (Column::Result, "办理结果"),
        (Column::Closed, "是否办结"),
        (Column::Rating, "满意度"),
        (Column::Remark, "备注"),
    ];
    let columns: Vec<Column> = layout.iter().map(|(c, _)| *c).collect();
    let width = columns.len();
    let group = columns.iter().position(|c| *c == Column::Accepted).unwrap_or(0);
    let col = |c: Column| columns.iter().position(|x| *x == c).unwrap_or(0);

    let mut months = Vec::new();
    for month in 1..=12u32 {
        let mut merges =
            vec![Merge { first_row: 1, first_col: 0, last_row: 1, last_col: width as u16 - 1 }];
        let mut top = Vec::with_capacity(width);
        let mut bottom = Vec::with_capacity(width);
        for (k, (_, h)) in layout.iter().enumerate() {
            if (group..group + 3).contains(&k) {
                top.push(if k == group { text("办理情况") } else { Cell::Empty });
                bottom.push(text(h));
            } else {
                top.push(text(h));
                bottom.push(Cell::Empty);
                merges.push(Merge {
                    first_row: 2,
                    first_col: k as u16,
                    last_row: 3,
                    last_col: k as u16,
                });
            }
        }
        merges.push(Merge {
            first_row: 2,
            first_col: group as u16,
            last_row: 2,
            last_col: group as u16 + 2,
        });
        let mut rows = vec![
            RowTruth {
                row: 1,
                kind: RowKind::Title,
                cells: vec![text(&format!("{town}{year}年{month}月信访登记"))],
                hidden: false,
            },
            RowTruth { row: 2, kind: RowKind::Header, cells: top, hidden: false },
            RowTruth { row: 3, kind: RowKind::Header, cells: bottom, hidden: false },
        ];
        let mut n = 4;
        let mut seq = 0;
        for r in recs.iter().filter(|r| r.sheet == month as usize) {
            seq += 1;
            let (cells, truth, rest) = lay_out(dice, r, seq, &columns, format);
            rows.push(RowTruth {
                row: n,
                kind: RowKind::Data(Box::new(truth)),
                cells,
                hidden: r.hidden,
            });
            n += 1;
            if let Some(rest) = rest {
                let mut cells = vec![Cell::Empty; width];
                cells[col(Column::Summary)] = Cell::Text(rest);
                rows.push(RowTruth {
                    row: n,
                    kind: RowKind::Continuation { of_row: n - 1 },
                    cells,
                    hidden: false,
                });
                n += 1;
            }
        }
        // Rows bordered in advance, left empty.
        for _ in 0..dice.below(4) {
            rows.push(RowTruth {
                row: n,
                kind: RowKind::Blank,
                cells: vec![Cell::Empty; width],
                hidden: false,
            });
            n += 1;
        }
        months.push(SheetTruth {
            name: format!("{month}月"),
            columns: columns.clone(),
            rows,
            merges,
            month: Some(month),
            yearless: yearless.contains(&(month as usize)),
        });
    }

    // The summary sheet: formulas over the month sheets, with the results
    // Excel computed.
    let (names, heads, closed) = (col(Column::Names), col(Column::HeadCount), col(Column::Closed));
    let cells_in = |s: &SheetTruth, c: usize| -> Vec<Cell> {
        s.rows.iter().map(|r| r.cells.get(c).cloned().unwrap_or(Cell::Empty)).collect()
    };
    let mut rows = vec![
        RowTruth {
            row: 1,
            kind: RowKind::Title,
            cells: vec![text(&format!("{town}{year}年信访工作统计表"))],
            hidden: false,
        },
        RowTruth {
            row: 2,
            kind: RowKind::Header,
            cells: ["月份", "登记件数", "人次", "已办结", "未办结"].map(text).to_vec(),
            hidden: false,
        },
    ];
    let mut totals = [0usize; 4];
    for (k, s) in months.iter().enumerate() {
        let row = k as u32 + 3;
        let filled = cells_in(s, names).iter().filter(|c| !c.is_empty()).count();
        let headers = s
            .rows
            .iter()
            .filter(|r| matches!(r.kind, RowKind::Header | RowKind::Title))
            .filter(|r| r.cells.get(names).is_some_and(|c| !c.is_empty()))
            .count();
        let count = filled - headers;
        let sum: f64 =
            cells_in(s, heads).iter().map(|c| if let Cell::Number(f) = c { *f } else { 0.0 }).sum();
        let done = cells_in(s, closed).iter().filter(|c| c.shown() == "是").count();
        let name = &s.name;
        let cells = vec![
            text(name),
            Cell::Formula {
                formula: format!("=COUNTA('{name}'!{0}:{0})-{headers}", letters(names)),
                result: count.to_string(),
            },
            Cell::Formula {
                formula: format!("=SUM('{name}'!{0}:{0})", letters(heads)),
                result: number_text(sum),
            },
            Cell::Formula {
                formula: format!("=COUNTIF('{name}'!{0}:{0},\"是\")", letters(closed)),
                result: done.to_string(),
            },
            Cell::Formula {
                formula: format!("=B{row}-D{row}"),
                result: (count - done).to_string(),
            },
        ];
        totals[0] += count;
        totals[1] += sum as usize;
        totals[2] += done;
        totals[3] += count - done;
        rows.push(RowTruth { row, kind: RowKind::Total, cells, hidden: false });
    }
    let mut cells = vec![text("合计")];
    for (k, t) in totals.iter().enumerate() {
        let c = letters(k + 1);
        cells.push(Cell::Formula { formula: format!("=SUM({c}3:{c}14)"), result: t.to_string() });
    }
    rows.push(RowTruth { row: 15, kind: RowKind::Total, cells, hidden: false });
    let summary = SheetTruth {
        name: dice.pick(&["汇总", "统计"]).to_string(),
        columns: Vec::new(),
        rows,
        merges: vec![Merge { first_row: 1, first_col: 0, last_row: 1, last_col: 4 }],
        month: None,
        yearless: false,
    };
    let mut sheets = vec![summary];
    sheets.extend(months);
    sheets
}

// --------------------------------------------------------- the writer

/// How wide a column is shown.
fn column_width(c: Option<Column>) -> f64 {
    match c {
        Some(Column::Summary) => 42.0,
        Some(Column::Address) => 24.0,
        Some(Column::IdNumber) => 21.0,
        Some(Column::Number | Column::Names | Column::Unit | Column::Result) => 16.0,
        Some(Column::Phone | Column::Received | Column::Accepted | Column::Replied) => 13.0,
        Some(Column::Seq | Column::Sex | Column::HeadCount) => 6.0,
        _ => 10.0,
    }
}

fn write_xlsx(ledger: &Ledger) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let made = ExcelDateTime::from_ymd(ledger.year as u16 + 1, 1, 5)?.and_hms(9, 30, 0)?;
    let author = match ledger.township {
        Some(t) => format!("{t}信访办"),
        None => "县信访局办信科".to_string(),
    };
    wb.set_properties(&DocProperties::new().set_author(&author).set_creation_datetime(&made));
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let body = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let wrapped = body.clone().set_text_wrap();
    let note = Format::new().set_align(FormatAlign::Left).set_text_wrap();
    for sheet in &ledger.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for c in 0..sheet.width() {
            ws.set_column_width(c as u16, column_width(sheet.columns.get(c).copied()))?;
        }
        let merged = |row: u32, col: u16| {
            sheet.merges.iter().any(|m| {
                (m.first_row..=m.last_row).contains(&row)
                    && (m.first_col..=m.last_col).contains(&col)
            })
        };
        for m in &sheet.merges {
            let kind = sheet.row(m.first_row).map(|r| &r.kind);
            let f = match kind {
                Some(RowKind::Title) => &title,
                Some(RowKind::Note) => &note,
                _ => &header,
            };
            let text = sheet
                .row(m.first_row)
                .and_then(|r| r.cells.get(usize::from(m.first_col)))
                .map(Cell::shown)
                .unwrap_or_default();
            ws.merge_range(m.first_row - 1, m.first_col, m.last_row - 1, m.last_col, &text, f)?;
        }
        for r in &sheet.rows {
            let row = r.row - 1;
            if r.kind == RowKind::Title {
                ws.set_row_height(row, 30)?;
            } else if r.kind == RowKind::Note {
                ws.set_row_height(row, 36)?;
            }
            if r.hidden {
                ws.set_row_hidden(row)?;
            }
            for (c, cell) in r.cells.iter().enumerate() {
                let col = c as u16;
                if merged(r.row, col) {
                    continue;
                }
                let f = match r.kind {
                    RowKind::Header => &header,
                    RowKind::Title => &title,
                    RowKind::Note => &note,
                    _ if sheet.columns.get(c) == Some(&Column::Summary) => &wrapped,
                    _ => &body,
                };
                match cell {
                    Cell::Empty => ws.write_blank(row, col, f)?,
                    Cell::Text(s) => ws.write_string_with_format(row, col, s, f)?,
                    Cell::Number(x) => ws.write_number_with_format(row, col, *x, f)?,
                    Cell::Date(d, df) => {
                        let when = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        let f = f.clone().set_num_format(df.code());
                        ws.write_datetime_with_format(row, col, &when, &f)?
                    }
                    Cell::Formula { formula, result } => ws.write_formula_with_format(
                        row,
                        col,
                        Formula::new(formula).set_result(result),
                        f,
                    )?,
                };
            }
        }
    }
    wb.save_to_buffer()
}
