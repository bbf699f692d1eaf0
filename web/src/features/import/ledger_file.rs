//! Reading a chosen ledger file (.xlsx, .xls or .csv) into the core's
//! import [`Table`]: pure functions over the file's bytes, so they are
//! unit-tested natively and fuzzed (`tests/untrusted`).
//!
//! - **.xlsx** (a zip) is read with calamine's streaming cell reader, so a
//!   file claiming a huge sheet cannot make us allocate it: rows past
//!   [`MAX_ROWS`] and columns past [`MAX_COLUMNS`] are refused or dropped.
//!   Before that the archive is decompressed once, counting, and refused
//!   when it holds more than [`MAX_PARTS`] parts or expands to more than
//!   [`MAX_EXPANDED`] bytes: a crafted file of a few KB cannot make the
//!   reader (its shared strings, its XML) fill the page's memory.
//! - **.xls** (the old binary format) with calamine's whole-sheet reader.
//! - **.csv**: UTF-8 (with or without BOM), else GB18030 (a superset of the
//!   GBK that Chinese Excel saves CSV in), or UTF-16 with a BOM (Excel's
//!   “Unicode text”); comma, semicolon or tab separated, detected from the
//!   first line. Our own export's formula guard (a `'` before `=+-@`) is
//!   taken off again. A CSV is one sheet named as the file.
//!
//! The shapes county ledgers come in:
//!
//! - **Several sheets** (one per month or quarter, often after a summary
//!   sheet of formulas): [`ledger_sheets`] tells of every sheet whether it
//!   has a header row, how many data rows, its year ([`SheetInfo`];
//!   [`preselect`] picks the visible sheets with a header), and
//!   [`read_sheets`] reads the chosen ones into one table under the first
//!   one's header. A sheet laid out differently is put in by its headers
//!   (the same recognised field, else the same header text; a header only
//!   it has becomes a further column), never by position alone. Every row
//!   keeps where it came from ([`RowOrigin`]: sheet, row number, hidden),
//!   so an import error names `1月!第12行` ([`Loaded::place`]).
//! - **A title row** on top (`安和县信访局2025年信访事项登记台账`, merged
//!   across): the header row is the row among the first [`HEADER_SEARCH`]
//!   that names the most importable columns.
//! - **A header over two rows**: a merged group title (办理情况 over 受理
//!   时间 | 答复时间 | 办理结果; a merged cell is stored in its first cell
//!   only) is combined with the row below, the lower cell where it is not
//!   empty, else the upper, when the two together name more columns.
//! - **Hidden rows** (`<row hidden="1">` in an .xlsx; calamine does not
//!   tell, so the sheet's XML part is scanned, and in the same pass a cell
//!   reference beyond Excel's range, which calamine 0.38 overflows on, is
//!   refused): read like the others and marked in [`RowOrigin::hidden`];
//!   the page decides. An .xls or CSV has none known.
//! - **The year a sheet states**, for dates written without one (`3月16
//!   日`): from the sheet's name (`2025年1月`, `2025.1`), else from a title
//!   row above the header (`2025年…`), 1990 to 2100, into
//!   [`Table::years`]; `1月` or `二〇二五年` state none.
//! - **Cells**: dates come out as `YYYY-MM-DD`, whole numbers without
//!   `.0`, long numbers in full (an identity number typed into a number
//!   cell, shown by Excel as `3.40102199001011E+17`): see `number_text`
//!   for the digits Excel itself already lost.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime, Reader, SheetVisible, Xls, Xlsx};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use xinfang_core::import::{Table, MAX_ROWS};

use crate::i18n::{tr, Lang};

mod columns;
mod shape;
mod sheet_xml;

/// The largest file read, in bytes (20 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Columns past this one are ignored.
pub const MAX_COLUMNS: usize = 200;
/// The most an .xlsx may expand to, all its parts together (100 MB; a
/// 20,000-row ledger takes a few MB).
pub const MAX_EXPANDED: u64 = 100 * 1024 * 1024;
/// The most parts (files) an .xlsx archive may hold.
pub const MAX_PARTS: usize = 1_000;
/// How many rows from the top may hold the header row.
pub const HEADER_SEARCH: usize = 10;

/// Why a file could not be read. Nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// Not an Excel workbook nor a CSV text.
    NotSpreadsheet,
    /// A workbook the reader could not open (the reader's message).
    Unreadable(String),
    /// The sheet has no cells.
    Empty,
    /// No row among the first ones names a known column.
    NoHeader,
    /// One of several chosen sheets (named) has no header row.
    SheetNoHeader(String),
    /// More data rows than [`MAX_ROWS`].
    TooManyRows,
    /// An .xlsx archive that expands beyond [`MAX_EXPANDED`] or holds more
    /// than [`MAX_PARTS`] parts: no real ledger does; a crafted file does.
    TooExpanded,
}

impl ReadError {
    /// The message to show.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ReadError::TooLarge(n) => format!(
                "{}{:.1} MB{}",
                tr(lang, "文件过大（", "The file is too large ("),
                *n as f64 / 1_048_576.0,
                tr(lang, "），一次最多导入20 MB", "); at most 20 MB can be imported at once")
            ),
            ReadError::NotSpreadsheet => tr(
                lang,
                "这不是Excel（.xlsx/.xls）或CSV表格文件，未导入任何内容",
                "This is not an Excel (.xlsx/.xls) or CSV spreadsheet; nothing was imported",
            )
            .into(),
            ReadError::Unreadable(why) => format!(
                "{}{why}",
                tr(lang, "无法读取该Excel文件（可能已损坏）：", "The Excel file cannot be read (it may be damaged): ")
            ),
            ReadError::Empty => {
                tr(lang, "该工作表是空的", "The sheet is empty").into()
            }
            ReadError::NoHeader => tr(
                lang,
                "找不到表头：前10行中没有可识别的列名（如登记日期、信访人、反映问题）",
                "No header row: none of the first 10 rows names a known column (such as 登记日期, 信访人, 反映问题)",
            )
            .into(),
            ReadError::SheetNoHeader(sheet) => format!(
                "{}{sheet}{}",
                tr(lang, "工作表“", "Sheet “"),
                tr(lang,
                    "”找不到表头：前10行中没有可识别的列名（如登记日期、信访人、反映问题）；请不选该工作表",
                    "” has no header row: none of its first 10 rows names a known column (such as 登记日期, 信访人, 反映问题); leave it out")
            ),
            ReadError::TooExpanded => tr(
                lang,
                "该Excel文件解压后超过100 MB或含过多部件，不像正常的台账（可能是构造的恶意文件），未导入任何内容；请在Excel中另存为新文件或导出CSV后再试",
                "This Excel file expands to more than 100 MB or has too many parts, which no real ledger does (it may be a crafted file); nothing was imported. Save it anew in Excel or export a CSV and try again",
            )
            .into(),
            ReadError::TooManyRows => format!(
                "{}{MAX_ROWS}{}",
                tr(lang, "数据超过", "More than "),
                tr(lang, "行，请分批导入", " rows; please import in parts")
            ),
        }
    }
}

/// One sheet of a workbook as [`ledger_sheets`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    /// Its name (the file's name for a CSV).
    pub name: String,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// The spreadsheet's number of its (last) header row; `None` when no
    /// row among the first [`HEADER_SEARCH`] names a known column (a
    /// summary sheet) or the sheet could not be read.
    pub header_row: Option<usize>,
    /// How many columns its header names that the core recognises.
    pub recognised: usize,
    /// Its data rows below the header, blank rows not counted.
    pub rows: usize,
    /// How many of those are hidden rows.
    pub hidden_rows: usize,
    /// The year its name or title states.
    pub year: Option<i32>,
    /// Why it cannot be read, if so (no header, empty, too long…).
    pub problem: Option<ReadError>,
}

impl SheetInfo {
    /// It has a header row and can be read.
    pub fn has_header(&self) -> bool {
        self.header_row.is_some() && self.problem.is_none()
    }
}

/// The sheets to choose at first: every visible sheet with a header (a
/// summary or notes sheet has none), else every sheet with a header,
/// else the first (which [`read_sheets`] then refuses with its reason).
pub fn preselect(sheets: &[SheetInfo]) -> Vec<usize> {
    let pick = |visible_only: bool| -> Vec<usize> {
        (0..sheets.len())
            .filter(|i| sheets[*i].has_header() && !(visible_only && sheets[*i].hidden))
            .collect()
    };
    [pick(true), pick(false)].into_iter().find(|p| !p.is_empty()).unwrap_or_else(|| vec![0])
}

/// Where a row of the table was in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowOrigin {
    /// The sheet (index into [`Loaded::sheets`]).
    pub sheet: usize,
    /// The spreadsheet's 1-based row number in that sheet.
    pub row: usize,
    /// A hidden row (.xlsx only): read like any other, for the page to
    /// show or leave out.
    pub hidden: bool,
}

/// The chosen sheets of a file, read into one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The workbook's sheet names (one, the file's name, for a CSV).
    pub sheets: Vec<String>,
    /// The first sheet read: its header is the table's.
    pub sheet: usize,
    /// Every sheet read, in order (empty chosen sheets left out).
    pub chosen: Vec<usize>,
    /// The header row and the rows below it, every sheet's after the
    /// other's; `years` filled for every row.
    pub table: Table,
    /// The spreadsheet's number of the first sheet's (last) header row (1
    /// when it is the first row).
    pub header_row: usize,
    /// Where every row of `table.rows` came from (the same length).
    pub origins: Vec<RowOrigin>,
}

impl Loaded {
    /// Where the row an import error names came from: the core numbers
    /// rows as their index + 2 (the header being row 1).
    pub fn origin(&self, core_row: usize) -> Option<&RowOrigin> {
        self.origins.get(core_row.checked_sub(2)?)
    }

    /// The spreadsheet's row number of an import error's row (in its own
    /// sheet); 1 is the header's; 0 stays 0 (the whole table).
    pub fn sheet_row(&self, core_row: usize) -> usize {
        match (core_row, self.origin(core_row)) {
            (0, _) => 0,
            (_, Some(o)) => o.row,
            (1, None) => self.header_row,
            (r, None) => r + self.header_row - 1,
        }
    }

    /// An import error's row as the page names it: `第12行`, with its
    /// sheet when several were read (`1月!第12行`); the whole table for 0.
    pub fn place(&self, core_row: usize, lang: Lang) -> String {
        if core_row == 0 {
            return tr(lang, "整个表格", "The table").into();
        }
        let sheet = self.origin(core_row).map_or(self.sheet, |o| o.sheet);
        let row =
            format!("{}{}{}", tr(lang, "第", "Row "), self.sheet_row(core_row), tr(lang, "行", ""));
        match self.sheets.get(sheet) {
            Some(name) if self.chosen.len() > 1 => format!("{name}!{row}"),
            _ => row,
        }
    }

    /// How many rows of the table are hidden rows of their sheet.
    pub fn hidden_rows(&self) -> usize {
        self.origins.iter().filter(|o| o.hidden).count()
    }
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Xls,
    Csv,
}

fn kind(name: &str, bytes: &[u8]) -> Option<Kind> {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        Some(Kind::Xlsx)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Kind::Xls)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Some(Kind::Csv)
    } else {
        None
    }
}

/// Reads sheet `sheet` (the first if out of range) of a chosen file.
pub fn read(name: &str, bytes: &[u8], sheet: usize) -> Result<Loaded, ReadError> {
    read_sheets(name, bytes, &[sheet])
}

/// Every sheet of a chosen file: its name, header row, data rows and year
/// (see [`SheetInfo`]). A sheet that cannot be read says why in
/// [`SheetInfo::problem`]; only a file that cannot be opened is refused.
pub fn ledger_sheets(name: &str, bytes: &[u8]) -> Result<Vec<SheetInfo>, ReadError> {
    let mut book = open(name, bytes)?;
    let mut infos = Vec::with_capacity(book.names.len());
    for i in 0..book.names.len() {
        let sheet_name = book.names[i].clone();
        let mut info = SheetInfo {
            name: sheet_name.clone(),
            hidden: book.hidden.get(i).copied().unwrap_or(false),
            header_row: None,
            recognised: 0,
            rows: 0,
            hidden_rows: 0,
            year: shape::year_of_name(&sheet_name),
            problem: None,
        };
        match book.sheet(i).and_then(|s| shaped(&sheet_name, s)) {
            Ok(part) => {
                info.header_row = Some(part.header.last + 1);
                info.recognised = part.header.recognised;
                let data: Vec<&(usize, Vec<String>)> =
                    part.rows.iter().filter(|(_, r)| !blank(r)).collect();
                info.rows = data.len();
                info.hidden_rows =
                    data.iter().filter(|(at, _)| part.hidden.contains(&(*at as u32))).count();
                info.year = part.year;
            }
            Err(e) => info.problem = Some(e),
        }
        infos.push(info);
    }
    Ok(infos)
}

/// Reads the chosen sheets of a file (indices into its sheets; repeated
/// or out-of-range ones are passed over, none left reads the first) into
/// one table under the first one's header (see the module docs). With
/// several, an empty sheet is passed over and a sheet without a header
/// is refused by name ([`ReadError::SheetNoHeader`]).
pub fn read_sheets(name: &str, bytes: &[u8], sheets: &[usize]) -> Result<Loaded, ReadError> {
    let mut book = open(name, bytes)?;
    let mut chosen: Vec<usize> = Vec::new();
    for &i in sheets {
        if i < book.names.len() && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    if chosen.is_empty() {
        chosen.push(0);
    }
    let several = chosen.len() > 1;
    let mut read: Vec<usize> = Vec::new();
    let mut combined: Option<(columns::Combined, usize)> = None;
    let (mut rows, mut years, mut origins) = (Vec::new(), Vec::new(), Vec::new());
    for &i in &chosen {
        let sheet_name = book.names[i].clone();
        let part = match book.sheet(i).and_then(|s| shaped(&sheet_name, s)) {
            Ok(part) => part,
            Err(ReadError::Empty) if several => continue,
            Err(ReadError::NoHeader) if several => {
                return Err(ReadError::SheetNoHeader(sheet_name))
            }
            Err(e) => return Err(e),
        };
        if rows.len() + part.rows.len() > MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        let with_data: BTreeSet<usize> = part
            .rows
            .iter()
            .flat_map(|(_, r)| {
                r.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()).map(|(c, _)| c)
            })
            .collect();
        let to = match &mut combined {
            None => {
                combined = Some((
                    columns::Combined::new(part.header.cells, &with_data),
                    part.header.last + 1,
                ));
                None
            }
            Some((c, _)) => Some(c.place(&part.header.cells, &with_data)),
        };
        read.push(i);
        for (at, cells) in part.rows {
            origins.push(RowOrigin {
                sheet: i,
                row: at + 1,
                hidden: part.hidden.contains(&(at as u32)),
            });
            years.push(part.year);
            rows.push(match &to {
                None => cells,
                Some(to) => columns::arrange(cells, to),
            });
        }
    }
    let Some((combined, header_row)) = combined else { return Err(ReadError::Empty) };
    Ok(Loaded {
        sheets: book.names,
        sheet: read[0],
        chosen: read,
        table: Table { headers: combined.headers, rows, years },
        header_row,
        origins,
    })
}

/// Rows of cells as text, from the sheet's first row (index 0 = row 1).
type Grid = Vec<Vec<String>>;

/// A sheet's cells and its hidden rows (0-based).
#[derive(Debug, Default)]
struct Sheet {
    grid: Grid,
    hidden: BTreeSet<u32>,
}

/// A sheet's header and data rows.
#[derive(Debug)]
struct Part {
    header: shape::Header,
    /// The rows below the header through the last with a cell, each with
    /// its 0-based row index.
    rows: Vec<(usize, Vec<String>)>,
    /// The year the sheet's name or title states.
    year: Option<i32>,
    hidden: BTreeSet<u32>,
}

fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// Finds a sheet's header and its rows below (trailing blank rows do not
/// count) and the year it states.
fn shaped(name: &str, sheet: Sheet) -> Result<Part, ReadError> {
    let Sheet { mut grid, hidden } = sheet;
    if grid.iter().all(|r| blank(r)) {
        return Err(ReadError::Empty);
    }
    let header = shape::find_header(&grid, HEADER_SEARCH).ok_or(ReadError::NoHeader)?;
    let below = grid.split_off(header.last + 1);
    let used = below.iter().rposition(|r| !blank(r)).map_or(0, |i| i + 1);
    if used > MAX_ROWS {
        return Err(ReadError::TooManyRows);
    }
    let year = shape::year_of_name(name).or_else(|| shape::year_of_titles(&grid[..header.top]));
    let first = header.last + 1;
    let rows = below.into_iter().take(used).enumerate().map(|(i, r)| (first + i, r)).collect();
    Ok(Part { header, rows, year, hidden })
}

/// An opened file: its sheets' names, which are hidden, and the reader.
struct Workbook<'a> {
    names: Vec<String>,
    hidden: Vec<bool>,
    book: Book<'a>,
}

enum Book<'a> {
    Xlsx {
        book: Box<Xlsx<Cursor<&'a [u8]>>>,
        bytes: &'a [u8],
        /// The sheets' XML parts, for their hidden rows.
        parts: Option<Vec<Option<String>>>,
    },
    Xls(Box<Xls<Cursor<&'a [u8]>>>),
    /// A CSV file's one sheet, taken when read.
    Csv(Grid),
}

fn open<'a>(name: &str, bytes: &'a [u8]) -> Result<Workbook<'a>, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    let hidden_of = |sheets: &[calamine::Sheet]| -> Vec<bool> {
        sheets.iter().map(|s| s.visible != SheetVisible::Visible).collect()
    };
    let book = match kind(name, bytes).ok_or(ReadError::NotSpreadsheet)? {
        Kind::Xlsx => {
            check_archive(bytes)?;
            let book =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Unreadable(e.to_string()))?;
            let (names, hidden) = (book.sheet_names(), hidden_of(book.sheets_metadata()));
            let parts = sheet_xml::sheet_parts(bytes).filter(|p| p.len() == names.len());
            Workbook { names, hidden, book: Book::Xlsx { book: Box::new(book), bytes, parts } }
        }
        Kind::Xls => {
            let book: Xls<_> =
                Xls::new(Cursor::new(bytes)).map_err(|e| ReadError::Unreadable(e.to_string()))?;
            let (names, hidden) = (book.sheet_names(), hidden_of(book.sheets_metadata()));
            Workbook { names, hidden, book: Book::Xls(Box::new(book)) }
        }
        Kind::Csv => {
            let grid = read_csv(bytes)?;
            Workbook { names: vec![name.to_string()], hidden: vec![false], book: Book::Csv(grid) }
        }
    };
    if book.names.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(book)
}

impl Workbook<'_> {
    /// Sheet `i`'s cells (`i` in range).
    fn sheet(&mut self, i: usize) -> Result<Sheet, ReadError> {
        let name = &self.names[i];
        match &mut self.book {
            Book::Xlsx { book, bytes, parts } => {
                // Scanned first: calamine must not see a reference it
                // overflows on (see `sheet_xml`).
                let scan = match parts.as_ref().and_then(|p| p.get(i)).and_then(Option::as_ref) {
                    Some(part) => sheet_xml::scan_sheet(bytes, part, MAX_EXPANDED, MAX_SPAN),
                    None => sheet_xml::Scan::default(),
                };
                if scan.out_of_range {
                    return Err(ReadError::Unreadable(
                        "a cell reference beyond Excel's range".into(),
                    ));
                }
                Ok(Sheet { grid: read_xlsx(book, name)?, hidden: scan.hidden })
            }
            Book::Xls(book) => Ok(Sheet { grid: read_xls(book, name)?, hidden: BTreeSet::new() }),
            Book::Csv(grid) => Ok(Sheet { grid: std::mem::take(grid), hidden: BTreeSet::new() }),
        }
    }
}

fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_datetime() {
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        number_text(dt.as_f64())
    }
}

/// A number cell as text: whole numbers without `.0` and never in
/// exponent form, so an identity number or phone typed into a number cell
/// (Excel shows `3.40102199001011E+17`) reads as its digits. Below 2^53
/// every whole number is exact (15-digit identity numbers, 11-digit
/// phones); above it the shortest digits that give the same number back,
/// i.e. what Excel shows. An 18-digit identity number cannot come back
/// whole: Excel keeps 15 significant digits of what is typed into a
/// number cell (`340102199001011234` is stored as `340102199001011000`),
/// so the last digits are lost in the file itself; the core then refuses
/// the number (its check digit fails) and the row names it.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        format!("{}", f as i64)
    } else {
        // Rust writes an f64 in full, never as `3.4E17`.
        f.to_string()
    }
}

fn error_text(e: &CellErrorType) -> String {
    format!("{e}")
}

fn data_text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => date_text(dt),
        Data::Error(e) => error_text(e),
        Data::Empty => String::new(),
    }
}

fn data_ref_text(d: &DataRef<'_>) -> String {
    match d {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::Error(e) => error_text(e),
        DataRef::Empty => String::new(),
    }
}

/// Places cells (absolute row, column, text) in a grid from row 1 and
/// column A, refusing sheets longer than the limit.
fn grid_of(cells: BTreeMap<(u32, u32), String>) -> Grid {
    let mut grid: Grid = Vec::new();
    for ((r, c), text) in cells {
        let (r, c) = (r as usize, c as usize);
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let row = &mut grid[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    grid
}

/// The most rows a sheet may span: the data, the header search, a margin.
const MAX_SPAN: u32 = (MAX_ROWS + HEADER_SEARCH + 100) as u32;

/// Decompresses every part of an .xlsx archive once, discarding the
/// bytes, and refuses it when it holds too many parts or expands beyond
/// the budget (the sizes its directory declares are not trusted: the
/// bytes are counted).
fn check_archive(bytes: &[u8]) -> Result<(), ReadError> {
    use std::io::Read as _;
    let unreadable = |e: zip::result::ZipError| ReadError::Unreadable(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if archive.len() > MAX_PARTS {
        return Err(ReadError::TooExpanded);
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(unreadable)?;
        let left = MAX_EXPANDED - total;
        let mut budgeted = part.take(left + 1);
        let n = std::io::copy(&mut budgeted, &mut std::io::sink())
            .map_err(|e| ReadError::Unreadable(e.to_string()))?;
        total += n;
        if total > MAX_EXPANDED {
            return Err(ReadError::TooExpanded);
        }
    }
    Ok(())
}

/// A sheet of an .xlsx, by name, with calamine's streaming reader.
fn read_xlsx(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, ReadError> {
    let unreadable = |e: calamine::XlsxError| ReadError::Unreadable(e.to_string());
    let mut cells = BTreeMap::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        if r >= MAX_SPAN {
            return Err(ReadError::TooManyRows);
        }
        if (c as usize) >= MAX_COLUMNS {
            continue;
        }
        let text = data_ref_text(cell.get_value());
        if !text.is_empty() {
            cells.insert((r, c), text);
        }
    }
    Ok(grid_of(cells))
}

/// A sheet of an .xls, by name.
fn read_xls(book: &mut Xls<Cursor<&[u8]>>, name: &str) -> Result<Grid, ReadError> {
    let range = book.worksheet_range(name).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = BTreeMap::new();
    for (i, row) in range.rows().enumerate() {
        let r = r0 + i as u32;
        if r >= MAX_SPAN {
            return Err(ReadError::TooManyRows);
        }
        for (j, d) in row.iter().enumerate().take(MAX_COLUMNS) {
            let text = data_text(d);
            if !text.is_empty() {
                cells.insert((r, c0 + j as u32), text);
            }
        }
    }
    Ok(grid_of(cells))
}

/// Decodes a CSV file's bytes (see the module docs).
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(String::from).map_err(|_| ReadError::NotSpreadsheet);
    }
    for (bom, enc) in
        [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE)]
    {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, bad) = enc.decode_without_bom_handling(rest);
            return if bad { Err(ReadError::NotSpreadsheet) } else { Ok(text.into_owned()) };
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if bad {
        Err(ReadError::NotSpreadsheet)
    } else {
        Ok(text.into_owned())
    }
}

fn read_csv(bytes: &[u8]) -> Result<Grid, ReadError> {
    let text = decode(bytes)?;
    // Binary data decodes too; a text table has no control characters.
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')) {
        return Err(ReadError::NotSpreadsheet);
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.matches(char::from(*d)).count())
        .filter(|d| first.contains(char::from(*d)))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| ReadError::NotSpreadsheet)?;
        if grid.len() > MAX_SPAN as usize {
            return Err(ReadError::TooManyRows);
        }
        grid.push(record.iter().take(MAX_COLUMNS).map(unguard).collect());
    }
    Ok(grid)
}

/// Takes off the `'` our export puts before a cell a spreadsheet could
/// take for a formula.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::export::{ledger_csv, ledger_xlsx, Privacy};
    use xinfang_core::import::{plan, Field, Mapping, Options};
    use xinfang_core::{Office, Settings};

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 10, 10).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    /// An office with two cases, and its ledger as CSV and xlsx.
    fn ledgers() -> (Office, Vec<u8>, Vec<u8>) {
        let mut office = Office::new(Settings::sample_county());
        let table = Table {
            years: Vec::new(),
            headers: ["登记日期", "信访人", "信访形式", "反映问题", "问题类别", "责任单位"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                ["2025-03-16", "张某", "来访", "反映工资被拖欠", "拖欠工资", "县人社局"]
                    .map(String::from)
                    .to_vec(),
                ["2025-03-17", "李某", "来信", "=1+1 反映道路破损", "交通治理", ""]
                    .map(String::from)
                    .to_vec(),
            ],
        };
        let m = Mapping::recognise(&table.headers);
        plan(&office, &table, &m, &Options::default(), now()).unwrap().apply(&mut office).unwrap();
        let today = now().date();
        let csv = ledger_csv(&office, office.cases(), today, Privacy::Full);
        let xlsx = ledger_xlsx(&office, office.cases(), today, Privacy::Full).unwrap();
        (office, csv, xlsx)
    }

    #[test]
    fn reads_our_own_exports_back_the_same() {
        let (office, csv, xlsx) = ledgers();
        let a = read("台账.csv", &csv, 0).unwrap();
        let b = read("台账.xlsx", &xlsx, 0).unwrap();
        assert_eq!(a.table.headers, b.table.headers);
        assert_eq!(a.table.rows[0][1], "2025-03-16", "a date cell as text");
        assert_eq!(b.table.rows[0][1], "2025-03-16", "a date cell as text");
        assert_eq!(b.table.rows[0][6], "1", "a number without .0");
        assert_eq!(a.table.rows[1][7], "=1+1 反映道路破损", "the formula guard is taken off");
        assert_eq!(b.table.rows[1][7], "=1+1 反映道路破损");
        assert_eq!(b.sheets, vec!["信访台账".to_string()]);
        // Read into the same office: both rows are already there.
        let m = Mapping::recognise(&b.table.headers);
        let p = plan(&office, &b.table, &m, &Options::default(), now()).unwrap();
        assert_eq!(p.skipped.len(), 2);
    }

    #[test]
    fn decodes_gbk_utf8_and_utf16_csv() {
        let text = "登记日期,信访人,反映问题\r\n2025-03-16,张某,反映工资被拖欠\r\n";
        let (gbk, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        let read_gbk = read("a.csv", &gbk, 0).unwrap();
        assert_eq!(read_gbk.table.rows[0][1], "张某");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(read("a.csv", &bom, 0).unwrap().table, read_gbk.table);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.replace(',', "\t").encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read("a.txt", &utf16, 0).unwrap().table, read_gbk.table);
    }

    #[test]
    fn finds_the_header_below_a_title_row() {
        let text = "2024年信访台账,,\n,,\n序号,登记日期,信访人\n1,2025-03-16,张某\n,,\n";
        let l = read("a.csv", text.as_bytes(), 0).unwrap();
        assert_eq!(l.header_row, 3);
        assert_eq!(l.table.rows.len(), 1, "trailing blank rows dropped");
        assert_eq!(l.sheet_row(2), 4, "the first data row");
        assert_eq!(Mapping::recognise(&l.table.headers).column(Field::Names), Some(2));
    }

    #[test]
    fn refuses_what_is_no_ledger() {
        assert_eq!(read("a.pdf", b"%PDF-1.7 ...", 0), Err(ReadError::NotSpreadsheet));
        assert_eq!(read("a.csv", b"\x00\x01\x02binary", 0), Err(ReadError::NotSpreadsheet));
        assert_eq!(read("a.csv", b"", 0), Err(ReadError::Empty));
        assert_eq!(read("a.csv", "甲,乙\n1,2\n".as_bytes(), 0), Err(ReadError::NoHeader));
        assert!(matches!(read("a.xlsx", b"PK\x03\x04broken", 0), Err(ReadError::Unreadable(_))));
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read("a.csv", &big, 0), Err(ReadError::TooLarge(MAX_BYTES + 1)));
        let mut many = String::from("登记日期,信访人\n");
        for _ in 0..=MAX_ROWS {
            many.push_str("2025-03-16,张某\n");
        }
        assert_eq!(read("a.csv", many.as_bytes(), 0), Err(ReadError::TooManyRows));
        assert!(!ReadError::NotSpreadsheet.text(Lang::ZhCn).is_empty());
    }

    /// What writes a crafted part's content.
    type Writes<'a> = &'a dyn Fn(&mut dyn std::io::Write);

    /// Our own .xlsx export with parts replaced or added: a crafted file.
    fn crafted(parts: &[(&str, Writes<'_>)]) -> Vec<u8> {
        use std::io::{Read as _, Write as _};
        let (_, _, xlsx) = ledgers();
        let mut from = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        for i in 0..from.len() {
            let mut part = from.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            if parts.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            out.start_file(name, options).unwrap();
            out.write_all(&bytes).unwrap();
        }
        for (name, write) in parts {
            out.start_file(*name, options).unwrap();
            write(&mut out);
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_read() {
        // One shared string of 101 MB of “A”: a few hundred KB compressed.
        let bomb = crafted(&[("xl/sharedStrings.xml", &|w| {
            w.write_all(b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>").unwrap();
            let chunk = vec![b'A'; 1 << 20];
            for _ in 0..101 {
                w.write_all(&chunk).unwrap();
            }
            w.write_all(b"</t></si></sst>").unwrap();
        })]);
        assert!(bomb.len() < 1 << 20, "a bomb: {} bytes", bomb.len());
        assert_eq!(read("台账.xlsx", &bomb, 0), Err(ReadError::TooExpanded));
        let text = ReadError::TooExpanded.text(Lang::ZhCn);
        assert!(text.contains("100 MB") && text.contains("未导入"), "{text}");
    }

    #[test]
    fn an_archive_of_too_many_parts_is_refused() {
        let names: Vec<String> = (0..=MAX_PARTS).map(|i| format!("xl/media/p{i}.bin")).collect();
        let write = |w: &mut dyn std::io::Write| w.write_all(b"x").unwrap();
        let parts: Vec<(&str, Writes<'_>)> = names
            .iter()
            .map(|n| (n.as_str(), &write as &dyn Fn(&mut dyn std::io::Write)))
            .collect();
        assert_eq!(read("台账.xlsx", &crafted(&parts), 0), Err(ReadError::TooExpanded));
    }

    #[test]
    fn deep_wide_and_lying_xml_is_refused_or_read_never_a_crash() {
        // Nesting a million levels deep, a million cells past the columns
        // read, a shared-string index that points nowhere: each is read or
        // refused with a message; none may panic (a trap in the browser).
        let deep: &dyn Fn(&mut dyn std::io::Write) = &|w| {
            w.write_all(b"<worksheet><sheetData>").unwrap();
            for _ in 0..1_000_000 {
                w.write_all(b"<x>").unwrap();
            }
            w.write_all(b"</sheetData></worksheet>").unwrap();
        };
        let wide: &dyn Fn(&mut dyn std::io::Write) = &|w| {
            w.write_all(b"<worksheet><sheetData><row r=\"1\">").unwrap();
            for c in 0..1_000_000u32 {
                write!(w, "<c r=\"{}1\" t=\"n\"><v>1</v></c>", column(c + 300)).unwrap();
            }
            w.write_all(b"</row></sheetData></worksheet>").unwrap();
        };
        let lying: &dyn Fn(&mut dyn std::io::Write) = &|w| {
            w.write_all(b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>4294967295</v></c><c r=\"XFD1048576\" t=\"s\"><v>-1</v></c></row></sheetData></worksheet>").unwrap();
        };
        for sheet in [deep, wide, lying] {
            let file = crafted(&[("xl/worksheets/sheet1.xml", sheet)]);
            match read("台账.xlsx", &file, 0) {
                Ok(loaded) => assert!(loaded.table.rows.len() <= MAX_ROWS),
                Err(e) => assert!(!e.text(Lang::ZhCn).is_empty()),
            }
        }
    }

    // --- The shapes county ledgers come in -------------------------------

    /// A sheet to write: its name, whether hidden, its rows from row 1
    /// (`""` is no cell), the 0-based rows to hide, the merged ranges
    /// (first row, first column, last row, last column) whose text is
    /// the cell at their top left.
    struct Sheet<'a> {
        name: &'a str,
        hidden: bool,
        rows: Vec<Vec<&'a str>>,
        hide: Vec<u32>,
        merge: Vec<(u32, u16, u32, u16)>,
    }

    fn sheet<'a>(name: &'a str, rows: Vec<Vec<&'a str>>) -> Sheet<'a> {
        Sheet { name, hidden: false, rows, hide: Vec::new(), merge: Vec::new() }
    }

    /// An .xlsx as Excel saves it: a merged range keeps its text in the
    /// top-left cell only; `=…` cells are formulas.
    fn workbook(sheets: &[Sheet<'_>]) -> Vec<u8> {
        use rust_xlsxwriter::{Format, Formula, Workbook};
        let mut book = Workbook::new();
        for s in sheets {
            let ws = book.add_worksheet();
            ws.set_name(s.name).unwrap();
            for &(r0, c0, r1, c1) in &s.merge {
                let text = s.rows[r0 as usize][c0 as usize];
                ws.merge_range(r0, c0, r1, c1, text, &Format::new()).unwrap();
            }
            for (r, row) in s.rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    if text.is_empty() || s.merge.iter().any(|m| (m.0, m.1) == (r, c)) {
                        continue;
                    }
                    if let Some(f) = text.strip_prefix('=') {
                        ws.write_formula(r, c, Formula::new(f)).unwrap();
                    } else {
                        ws.write_string(r, c, *text).unwrap();
                    }
                }
            }
            for &r in &s.hide {
                ws.set_row_hidden(r).unwrap();
            }
            if s.hidden {
                ws.set_hidden(true);
            }
        }
        book.save_to_buffer().unwrap()
    }

    const HEADER: [&str; 6] = ["序号", "登记日期", "信访人", "信访形式", "反映问题", "问题类别"];

    /// A workbook of a summary sheet of formulas, then one sheet per
    /// month: 1月 (year in its name), 2月 (year in its title; the third
    /// row hidden), an empty sheet, 3月 laid out otherwise (columns
    /// moved, 来访日期 for 登记日期, a 身份证号 the others lack, no year),
    /// and a hidden sheet of lists.
    fn monthly() -> Vec<u8> {
        let summary = sheet(
            "汇总",
            vec![
                vec!["2025年信访情况汇总"],
                vec!["月份", "件数"],
                vec!["1月", "=COUNTA('2025年1月'!C:C)-1"],
                vec!["2月", "=COUNTA('2月'!C:C)-1"],
            ],
        );
        let jan = sheet(
            "2025年1月",
            vec![
                HEADER.to_vec(),
                vec!["1", "1月6日", "张某", "来访", "反映工资被拖欠", "拖欠工资"],
                vec!["2", "1月9日", "李某", "来信", "反映道路破损", "交通治理"],
            ],
        );
        let mut feb = sheet(
            "2月",
            vec![
                vec!["安和县信访局2025年2月信访登记台账"],
                HEADER.to_vec(),
                vec!["1", "2月3日", "王某", "来访", "反映征地补偿", "征地拆迁"],
                vec!["2", "2月4日", "赵某", "来访", "反映噪声扰民", "环境保护"],
                vec![],
                vec!["3", "2月8日", "钱某", "网上信访", "反映物业纠纷", "城乡建设"],
            ],
        );
        feb.merge.push((0, 0, 0, 5));
        feb.hide.push(3);
        let empty = sheet("Sheet3", vec![]);
        let mar = sheet(
            "3月",
            vec![
                vec!["信访人", "来访日期", "序号", "身份证号", "反映问题", "信访形式", "问题类别"],
                vec!["孙某", "3月2日", "1", "340102199001011237", "反映欠薪", "来访", "拖欠工资"],
            ],
        );
        let mut lists = sheet("字典", vec![vec!["信访形式", "问题类别"], vec!["来访", "拖欠工资"]]);
        lists.hidden = true;
        workbook(&[summary, jan, feb, empty, mar, lists])
    }

    #[test]
    fn every_sheet_is_told_and_the_ledger_sheets_preselected() {
        let infos = ledger_sheets("台账.xlsx", &monthly()).unwrap();
        let names: Vec<&str> = infos.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["汇总", "2025年1月", "2月", "Sheet3", "3月", "字典"]);
        type Told = (Option<usize>, usize, usize, Option<i32>, bool);
        let told: Vec<Told> =
            infos.iter().map(|i| (i.header_row, i.rows, i.hidden_rows, i.year, i.hidden)).collect();
        assert_eq!(
            told,
            [
                (None, 0, 0, None, false),
                (Some(1), 2, 0, Some(2025), false),
                (Some(2), 3, 1, Some(2025), false),
                (None, 0, 0, None, false),
                (Some(1), 1, 0, None, false),
                (Some(1), 1, 0, None, true),
            ]
        );
        assert_eq!(infos[0].problem, Some(ReadError::NoHeader), "the summary: no header");
        assert_eq!(infos[3].problem, Some(ReadError::Empty));
        assert!(infos[1].has_header() && !infos[0].has_header());
        // The hidden list sheet has a header too, but is not preselected.
        assert_eq!(preselect(&infos), vec![1, 2, 4]);
        assert_eq!(preselect(&infos[..1]), vec![0]);
        // A CSV is one sheet named as the file, its year from the name.
        let csv = "登记日期,信访人\n3月16日,张某\n".as_bytes();
        let infos = ledger_sheets("2024年台账.csv", csv).unwrap();
        assert_eq!(infos.len(), 1);
        assert_eq!((infos[0].header_row, infos[0].rows, infos[0].year), (Some(1), 1, Some(2024)));
        assert_eq!(ledger_sheets("a.pdf", b"%PDF"), Err(ReadError::NotSpreadsheet));
    }

    #[test]
    fn several_sheets_are_read_under_the_first_header_by_their_headers() {
        let file = monthly();
        let l = read_sheets("台账.xlsx", &file, &[1, 2, 3, 4, 2]).unwrap();
        assert_eq!((l.sheet, l.chosen.clone()), (1, vec![1, 2, 4]), "the empty sheet passed over");
        // 3月's 身份证号 is new: a further column, after the first's.
        let mut headers = HEADER.to_vec();
        headers.push("身份证号");
        assert_eq!(l.table.headers, headers);
        let rows: Vec<Vec<&str>> =
            l.table.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        assert_eq!(rows[0], ["1", "1月6日", "张某", "来访", "反映工资被拖欠", "拖欠工资"]);
        assert_eq!(rows[2], ["1", "2月3日", "王某", "来访", "反映征地补偿", "征地拆迁"]);
        assert!(rows[4].is_empty(), "a blank row inside a sheet stays (the core skips it)");
        assert_eq!(
            rows[6],
            ["1", "3月2日", "孙某", "来访", "反映欠薪", "拖欠工资", "340102199001011237"],
            "3月's columns under the headers they name"
        );
        let origins: Vec<(usize, usize, bool)> =
            l.origins.iter().map(|o| (o.sheet, o.row, o.hidden)).collect();
        assert_eq!(
            origins,
            [
                (1, 2, false),
                (1, 3, false),
                (2, 3, false),
                (2, 4, true),
                (2, 5, false),
                (2, 6, false),
                (4, 2, false)
            ]
        );
        assert_eq!(l.hidden_rows(), 1);
        assert_eq!(
            l.table.years,
            [Some(2025), Some(2025), Some(2025), Some(2025), Some(2025), Some(2025), None],
            "1月 by its name, 2月 by its title, 3月 states none"
        );
        // An import error's row, as the core numbers it (index + 2).
        assert_eq!(l.origin(5).map(|o| (o.sheet, o.row)), Some((2, 4)));
        assert_eq!(l.sheet_row(5), 4);
        assert_eq!(l.place(5, Lang::ZhCn), "2月!第4行");
        assert_eq!(l.place(8, Lang::En), "3月!Row 2");
        assert_eq!(l.place(1, Lang::ZhCn), "2025年1月!第1行", "the header");
        assert_eq!(l.place(0, Lang::ZhCn), "整个表格");
        // The core reads the combined table: every row where it belongs.
        let m = Mapping::recognise(&l.table.headers);
        assert_eq!(m.column(Field::IdNumbers), Some(6));
        assert_eq!(m.column(Field::ReceivedOn), Some(1));
    }

    #[test]
    fn a_sheet_without_header_among_several_is_refused_by_name() {
        let file = monthly();
        assert_eq!(
            read_sheets("台账.xlsx", &file, &[0, 1]),
            Err(ReadError::SheetNoHeader("汇总".into()))
        );
        assert!(matches!(
            read_sheets("台账.xlsx", &file, &[1, 0]),
            Err(ReadError::SheetNoHeader(_))
        ));
        assert!(ReadError::SheetNoHeader("汇总".into()).text(Lang::ZhCn).contains("“汇总”"));
        // One sheet alone: as before.
        assert_eq!(read("台账.xlsx", &file, 0), Err(ReadError::NoHeader));
        assert_eq!(read("台账.xlsx", &file, 3), Err(ReadError::Empty));
        assert_eq!(read_sheets("台账.xlsx", &file, &[3, 3]), Err(ReadError::Empty));
        // Out of range: the first sheet, as `read` always did.
        assert_eq!(read_sheets("台账.xlsx", &file, &[99]), Err(ReadError::NoHeader));
        let single = read("台账.xlsx", &file, 2).unwrap();
        assert_eq!((single.header_row, single.chosen.clone()), (2, vec![2]));
        assert_eq!(single.place(3, Lang::ZhCn), "第4行", "one sheet: no sheet name");
    }

    #[test]
    fn a_header_over_two_rows_is_one_header_under_a_merged_title() {
        let mut s = sheet(
            "登记台账",
            vec![
                vec!["安和县信访局2025年信访事项登记台账"],
                vec!["填报单位：安和县信访局"],
                vec![
                    "序号",
                    "登记日期",
                    "信访人",
                    "信访形式",
                    "反映问题",
                    "问题类别",
                    "办理情况",
                    "",
                    "",
                    "备注",
                ],
                vec!["", "", "", "", "", "", "受理时间", "答复时间", "办理结果", ""],
                vec![
                    "1",
                    "3月16日",
                    "张某",
                    "来访",
                    "反映工资被拖欠",
                    "拖欠工资",
                    "3月17日",
                    "2025-04-01",
                    "予以支持",
                    "",
                ],
            ],
        );
        s.merge = vec![(0, 0, 0, 9), (2, 6, 2, 8), (2, 0, 3, 0), (2, 1, 3, 1), (2, 9, 3, 9)];
        let l = read("台账.xlsx", &workbook(&[s]), 0).unwrap();
        assert_eq!(
            l.table.headers,
            [
                "序号",
                "登记日期",
                "信访人",
                "信访形式",
                "反映问题",
                "问题类别",
                "受理时间",
                "答复时间",
                "办理结果",
                "备注"
            ]
        );
        assert_eq!(l.header_row, 4);
        assert_eq!(l.table.rows.len(), 1);
        assert_eq!((l.origins[0].row, l.sheet_row(2)), (5, 5));
        assert_eq!(l.table.years, [Some(2025)], "the year from the merged title row");
        let m = Mapping::recognise(&l.table.headers);
        assert_eq!(m.column(Field::ReplyDate), Some(7));
        assert_eq!(m.column(Field::Result), Some(8));
        assert_eq!(m.column(Field::AcceptedOn), Some(6));
        assert_eq!(m.column(Field::Content), None, "备注 is kept as written with each case");
    }

    #[test]
    fn long_numbers_and_dates_in_their_own_cells_read_as_written() {
        use rust_xlsxwriter::{ExcelDateTime as Day, Format, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in ["登记日期", "信访人", "身份证号", "联系电话", "人数"].iter().enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let day = Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(1, 0, Day::from_ymd(2025, 3, 16).unwrap(), &day).unwrap();
        ws.write_string(1, 1, "张某").unwrap();
        ws.write_number(1, 2, 340_102_900_101_123.0).unwrap(); // a 15-digit number
        ws.write_number(1, 3, 13_800_138_000.0).unwrap();
        ws.write_number(1, 4, 3.0).unwrap();
        // 18 digits typed into a number cell: Excel keeps 15 significant.
        ws.write_number(2, 2, 3.401_021_990_010_11e17).unwrap();
        ws.write_number(2, 4, 2.5).unwrap();
        let l = read("a.xlsx", &book.save_to_buffer().unwrap(), 0).unwrap();
        assert_eq!(l.table.rows[0], ["2025-03-16", "张某", "340102900101123", "13800138000", "3"]);
        assert_eq!(l.table.rows[1][2], "340102199001011000", "digits, never 3.4E17");
        assert_eq!(l.table.rows[1][4], "2.5");
        assert_eq!(number_text(1e11), "100000000000");
        assert_eq!(number_text(9_007_199_254_740_992.0), "9007199254740992");
        assert_eq!(number_text(1.5e20), "150000000000000000000");
        assert_eq!(number_text(-0.5), "-0.5");
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    #[test]
    fn a_cell_reference_beyond_excel_is_refused_not_a_panic() {
        // calamine 0.38 adds up a reference's letters and digits in a u32
        // unchecked (tafia/calamine#709): a panic in a debug build, a
        // wrong cell in a release one. Refused before calamine sees it.
        for reference in ["ABCDEFGHIJ1", "A99999999999", "A1:ZZZZZZZZZ9"] {
            let sheet = format!(
                "<worksheet><dimension ref=\"{reference}\"/><sheetData><row r=\"1\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>登记日期</t></is></c></row></sheetData></worksheet>"
            );
            let write = |w: &mut dyn std::io::Write| w.write_all(sheet.as_bytes()).unwrap();
            let file = crafted(&[("xl/worksheets/sheet1.xml", &write)]);
            assert!(
                matches!(read("台账.xlsx", &file, 0), Err(ReadError::Unreadable(_))),
                "{reference}"
            );
            let infos = ledger_sheets("台账.xlsx", &file).unwrap();
            assert!(matches!(infos[0].problem, Some(ReadError::Unreadable(_))));
        }
    }

    /// `A`, `B`, … `AA`: a spreadsheet column's letters.
    fn column(mut c: u32) -> String {
        let mut letters = Vec::new();
        loop {
            letters.push(b'A' + (c % 26) as u8);
            if c < 26 {
                break;
            }
            c = c / 26 - 1;
        }
        letters.reverse();
        String::from_utf8(letters).unwrap()
    }
}
