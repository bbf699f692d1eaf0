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
//!   taken off again.
//!
//! Dates come out as `YYYY-MM-DD`, whole numbers without `.0`. The header
//! row is the row among the first [`HEADER_SEARCH`] that names the most
//! importable columns (a ledger often has a title row above it).

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime, Reader, Xls, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use xinfang_core::import::{Mapping, Table, MAX_ROWS};

use crate::i18n::{tr, Lang};

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

/// A sheet read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The workbook's sheet names (one, the file's name, for a CSV).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: usize,
    /// The header row and the rows below it.
    pub table: Table,
    /// The spreadsheet's number of the header row (1 when it is the first).
    pub header_row: usize,
}

impl Loaded {
    /// The spreadsheet's row number of an import error's row (which counts
    /// the header as row 1); 0 stays 0 (the whole sheet).
    pub fn sheet_row(&self, row: usize) -> usize {
        if row == 0 {
            0
        } else {
            row + self.header_row - 1
        }
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
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    let (sheets, sheet, grid) = match kind(name, bytes).ok_or(ReadError::NotSpreadsheet)? {
        Kind::Xlsx => read_xlsx(bytes, sheet)?,
        Kind::Xls => read_xls(bytes, sheet)?,
        Kind::Csv => (vec![name.to_string()], 0, read_csv(bytes)?),
    };
    let (header_row, table) = to_table(grid)?;
    Ok(Loaded { sheets, sheet, table, header_row })
}

/// Rows of cells as text, from the sheet's first row (index 0 = row 1).
type Grid = Vec<Vec<String>>;

fn to_table(mut grid: Grid) -> Result<(usize, Table), ReadError> {
    if grid.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(ReadError::Empty);
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.iter().enumerate().take(HEADER_SEARCH) {
        let n = Mapping::recognise(row).recognised();
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((i, n));
        }
    }
    let (at, _) = best.ok_or(ReadError::NoHeader)?;
    let rows = grid.split_off(at + 1);
    let headers = grid.pop().unwrap_or_default();
    // Trailing blank rows do not count.
    let used =
        rows.iter().rposition(|r| r.iter().any(|c| !c.trim().is_empty())).map_or(0, |i| i + 1);
    if used > MAX_ROWS {
        return Err(ReadError::TooManyRows);
    }
    let mut rows = rows;
    rows.truncate(used);
    Ok((at + 1, Table { headers, rows, years: Vec::new() }))
}

fn date_text(dt: &ExcelDateTime) -> String {
    if dt.is_datetime() {
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        number_text(dt.as_f64())
    }
}

fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
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

fn read_xlsx(bytes: &[u8], sheet: usize) -> Result<(Vec<String>, usize, Grid), ReadError> {
    let unreadable = |e: calamine::XlsxError| ReadError::Unreadable(e.to_string());
    check_archive(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ReadError::Empty);
    }
    let sheet = if sheet < names.len() { sheet } else { 0 };
    let mut cells = BTreeMap::new();
    {
        let mut reader = book.worksheet_cells_reader(&names[sheet]).map_err(unreadable)?;
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
    }
    Ok((names, sheet, grid_of(cells)))
}

fn read_xls(bytes: &[u8], sheet: usize) -> Result<(Vec<String>, usize, Grid), ReadError> {
    let unreadable = |e: calamine::XlsError| ReadError::Unreadable(e.to_string());
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ReadError::Empty);
    }
    let sheet = if sheet < names.len() { sheet } else { 0 };
    let range = book.worksheet_range(&names[sheet]).map_err(unreadable)?;
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
    Ok((names, sheet, grid_of(cells)))
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
    use xinfang_core::import::{plan, Field, Options};
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
