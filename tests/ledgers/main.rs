//! The ledger generator (`gen.rs`) checked on its own output: a seed gives
//! the same bytes; the workbook opens and every row of the truth is where
//! it says, cell by cell, with its merges, formulas and hidden rows; the
//! wrong check digits are wrong and only they; every irregularity a shape
//! has shows up from 240 rows on; the GBK CSV holds what the workbook's
//! sheet shows; the dates written read back as the truth's; the truth's
//! units and categories are the sample county's.

mod gen;
mod import;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read as _};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use gen::{Cell, Column, Ledger, LedgerSpec, Mess, RowKind, Shape};

fn spec(seed: u64, rows: usize, shape: Shape) -> LedgerSpec {
    LedgerSpec { seed, year: 2025, rows, shape, corrected: false }
}

/// A cell as calamine reads it, as text (a date as `2025-03-16`, a whole
/// number without `.0`), as the app's reader turns it.
fn read_text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::Error(e) => format!("{e}"),
        Data::Empty => String::new(),
    }
}

/// GB 11643: the check character of an 18-digit identity number.
fn gb11643_valid(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17].iter().zip(weights).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let expected = [b'1', b'0', b'X', b'9', b'8', b'7', b'6', b'5', b'4', b'3', b'2'];
    b[17].to_ascii_uppercase() == expected[(sum % 11) as usize]
}

/// The rows of `<row>` elements a worksheet's XML marks hidden.
fn hidden_rows(xml: &str) -> BTreeSet<u32> {
    xml.split("<row ")
        .skip(1)
        .filter_map(|el| {
            let head = &el[..el.find('>')?];
            let r = head.split("r=\"").nth(1)?.split('"').next()?.parse().ok()?;
            head.contains("hidden=\"1\"").then_some(r)
        })
        .collect()
}

/// The rows a worksheet's XML holds.
fn rows_written(xml: &str) -> Vec<u32> {
    xml.split("<row ")
        .skip(1)
        .filter_map(|el| el.split("r=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect()
}

/// Every worksheet's XML in the workbook, in the workbook's order.
fn sheet_xml(bytes: &[u8], sheets: usize) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (1..=sheets)
        .map(|k| {
            let mut s = String::new();
            zip.by_name(&format!("xl/worksheets/sheet{k}.xml"))
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
        .collect()
}

/// A CSV text's rows (quotes as Excel writes them).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {
                assert_eq!(chars.next(), Some('\n'), "a row ends with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\n', false) => panic!("a bare LF outside quotes"),
            (c, _) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "the text ends with CRLF");
    rows
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_any_day_and_another_seed_others() {
    for shape in [Shape::County, Shape::Township] {
        let (a, truth_a) = gen::xlsx(&spec(7, 120, shape));
        let (b, truth_b) = gen::xlsx(&spec(7, 120, shape));
        assert!(a == b, "{shape:?}: the same workbook bytes");
        assert_eq!(truth_a, truth_b);
        let (c, _) = gen::xlsx(&spec(8, 120, shape));
        assert!(a != c, "{shape:?}: another seed, another workbook");
        // Not today's clock: the workbook says it was made after its year.
        let mut zip = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
        let mut core = String::new();
        zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
        assert!(core.contains(">2026-01-05T09:30:00Z<"), "{core}");
        let (x, _) = gen::gbk_csv(&spec(7, 120, shape));
        let (y, _) = gen::gbk_csv(&spec(7, 120, shape));
        assert!(x == y, "{shape:?}: the same CSV bytes");
    }
}

/// Opens the workbook and checks every truth row's cells, the merges, the
/// formulas and the hidden rows; returns the ledger.
fn check_workbook(spec: &LedgerSpec) -> Ledger {
    let (bytes, ledger) = gen::xlsx(spec);
    let mut book = open(&bytes);
    let names: Vec<String> = ledger.sheets.iter().map(|s| s.name.clone()).collect();
    assert_eq!(book.sheet_names(), names);
    let xml = sheet_xml(&bytes, names.len());
    for (k, sheet) in ledger.sheets.iter().enumerate() {
        let at = |r: u32| format!("{} {}!{r}", spec.seed, sheet.name);
        let range = book.worksheet_range(&sheet.name).unwrap();
        let (end_row, _) = range.end().unwrap_or((0, 0));
        let last = sheet.rows.iter().map(|r| r.row).max().unwrap_or(0);
        let last_filled = sheet
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .map(|r| r.row)
            .max()
            .unwrap_or(0);
        assert_eq!(end_row + 1, last_filled, "{}: the last row with a value", sheet.name);
        let numbered: Vec<u32> = sheet.rows.iter().map(|r| r.row).collect();
        assert_eq!(numbered, (1..=last).collect::<Vec<_>>(), "every row, in order");
        // Blank rows too are written (with their borders).
        assert_eq!(rows_written(&xml[k]), numbered, "{}: the rows written", sheet.name);
        for row in &sheet.rows {
            for c in 0..sheet.width().max(row.cells.len()) {
                let want = row.cells.get(c).map(Cell::read_text).unwrap_or_default();
                let got =
                    range.get_value((row.row - 1, c as u32)).map(read_text).unwrap_or_default();
                assert_eq!(got, want, "{} column {c}", at(row.row));
                if let Some(Cell::Date(..)) = row.cells.get(c) {
                    let d = range.get_value((row.row - 1, c as u32));
                    assert!(matches!(d, Some(Data::DateTime(_))), "{}: a date cell", at(row.row));
                }
            }
        }
        // Merges.
        let mut merges: Vec<(u32, u32, u32, u32)> = book
            .merge_cells_by_sheet_name(&sheet.name)
            .unwrap()
            .iter()
            .map(|d| (d.start.0 + 1, d.start.1, d.end.0 + 1, d.end.1))
            .collect();
        merges.sort_unstable();
        let mut want: Vec<(u32, u32, u32, u32)> = sheet
            .merges
            .iter()
            .map(|m| (m.first_row, u32::from(m.first_col), m.last_row, u32::from(m.last_col)))
            .collect();
        want.sort_unstable();
        assert_eq!(merges, want, "{}: merges", sheet.name);
        // Formulas.
        let formulas = book.worksheet_formula(&sheet.name).unwrap();
        let mut n = 0;
        for row in &sheet.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                let got = formulas.get_value((row.row - 1, c as u32)).cloned().unwrap_or_default();
                if let Cell::Formula { formula, .. } = cell {
                    n += 1;
                    assert_eq!(got, formula.trim_start_matches('='), "{}", at(row.row));
                } else {
                    assert_eq!(got, "", "{}: no formula", at(row.row));
                }
            }
        }
        if spec.shape == Shape::Township && k == 0 {
            assert_eq!(n, 12 * 4 + 4, "{}: the summary is formulas", sheet.name);
        }
        // Hidden rows.
        let hidden: BTreeSet<u32> = sheet.rows.iter().filter(|r| r.hidden).map(|r| r.row).collect();
        assert_eq!(hidden_rows(&xml[k]), hidden, "{}: hidden rows", sheet.name);
    }
    ledger
}

#[test]
fn every_truth_row_is_in_the_workbook_where_the_truth_says() {
    for seed in 0..2 {
        let county = check_workbook(&spec(seed, 240, Shape::County));
        assert_eq!(county.sheets.len(), 1);
        let sheet = &county.sheets[0];
        assert!(matches!(sheet.rows[0].kind, RowKind::Title));
        assert!(matches!(sheet.rows[1].kind, RowKind::Header));
        let tail: Vec<&RowKind> = sheet.rows.iter().rev().take(2).map(|r| &r.kind).collect();
        assert!(matches!(tail[..], [RowKind::Note, RowKind::Total]), "{tail:?}");
        assert_eq!(county.data_rows().len(), 240);

        let town = check_workbook(&spec(seed, 240, Shape::Township));
        let names: Vec<&str> = town.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names[1..],
            ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"]
        );
        assert_eq!(town.data_rows().len(), 240);
        // The summary's cached results are the month sheets' real counts.
        let summary = &town.sheets[0];
        for (k, month) in town.sheets[1..].iter().enumerate() {
            let line = summary.row(k as u32 + 3).unwrap();
            let rows: Vec<_> =
                town.data_rows().into_iter().filter(|r| r.sheet.name == month.name).collect();
            let heads: u32 = rows.iter().map(|r| r.data.head_count).sum();
            let closed = rows.iter().filter(|r| r.data.closed).count();
            let shown: Vec<String> = line.cells.iter().map(Cell::shown).collect();
            assert_eq!(
                shown,
                [
                    month.name.clone(),
                    rows.len().to_string(),
                    heads.to_string(),
                    closed.to_string(),
                    (rows.len() - closed).to_string()
                ]
            );
            // A continuation line follows the row it continues, and only the summary is filled.
            for (i, r) in month.rows.iter().enumerate() {
                if let RowKind::Continuation { of_row } = r.kind {
                    assert_eq!(of_row + 1, r.row);
                    let above = &month.rows[i - 1];
                    let RowKind::Data(d) = &above.kind else {
                        panic!("a continuation under a data row")
                    };
                    assert!(d.has(Mess::ContinuedBelow));
                    let summary_col = month.column(Column::Summary).unwrap();
                    let filled: Vec<usize> =
                        (0..r.cells.len()).filter(|c| !r.cells[*c].is_empty()).collect();
                    assert_eq!(filled, [summary_col]);
                    assert_eq!(
                        format!(
                            "{}{}",
                            above.cells[summary_col].shown(),
                            r.cells[summary_col].shown()
                        ),
                        d.summary
                    );
                }
            }
        }
    }
}

#[test]
fn the_wrong_check_digits_are_wrong_and_the_others_right() {
    for shape in [Shape::County, Shape::Township] {
        for seed in 0..4 {
            let (_, ledger) = gen::xlsx(&spec(seed, 240, shape));
            let mut wrong = 0;
            for r in ledger.data_rows() {
                let Some(id) = r.data.id_written.as_deref() else { continue };
                assert_eq!(r.text(Column::IdNumber), id);
                let is_wrong = r.data.has(Mess::WrongIdCheckDigit);
                match id.len() {
                    18 if !id.contains('*') => {
                        assert_eq!(
                            gb11643_valid(id),
                            !is_wrong,
                            "{shape:?} {seed} {}: {id}",
                            r.row.row
                        );
                        wrong += usize::from(is_wrong);
                    }
                    18 => assert!(r.data.has(Mess::MaskedId) && id[6..14] == *"********", "{id}"),
                    15 => {
                        assert!(r.data.has(Mess::OldId15) && id.bytes().all(|b| b.is_ascii_digit()))
                    }
                    _ => assert!(id == "同上" && r.data.has(Mess::SameAsAbove), "{id}"),
                }
            }
            assert_eq!(wrong, 6, "{shape:?} seed {seed}: 6 wrong check digits in 240 rows");
        }
    }
}

#[test]
fn every_irregularity_of_a_shape_appears_from_240_rows_on() {
    let mut seen = BTreeSet::new();
    for shape in [Shape::County, Shape::Township] {
        for (seed, rows) in [(1, 240), (2, 241), (3, 300), (4, 480)] {
            let (_, ledger) = gen::xlsx(&spec(seed, rows, shape));
            for mess in shape.messes() {
                let n = ledger.rows_with(*mess).len();
                assert!(n > 0, "{shape:?} {rows} rows (seed {seed}): no {mess:?}");
                seen.insert(*mess);
            }
            let wrong = ledger.rows_with(Mess::WrongIdCheckDigit).len();
            assert_eq!(wrong, (rows * 6 + 120) / 240, "scales with the rows");
            if shape == Shape::Township {
                let hidden = ledger.rows_with(Mess::HiddenRow).len();
                assert!((1..=3 * rows / 240 + 1).contains(&hidden), "{hidden} hidden rows");
            }
        }
    }
    assert_eq!(seen, Mess::ALL.into_iter().collect(), "every Mess is some shape's");
}

#[test]
fn the_gbk_csv_holds_the_county_sheet_as_excel_shows_it() {
    for seed in 0..2 {
        let spec = spec(seed, 240, Shape::County);
        let (csv, csv_truth) = gen::gbk_csv(&spec);
        let (xlsx, truth) = gen::xlsx(&spec);
        assert_eq!(csv_truth, truth, "the same sheet");
        assert!(!csv.starts_with(b"\xEF\xBB\xBF"), "no BOM");
        assert!(std::str::from_utf8(&csv).is_err(), "GBK, not UTF-8");
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&csv);
        assert!(!had_errors);
        let rows = parse_csv(&text);
        let sheet = &truth.sheets[0];
        let width = sheet.width();
        assert!(rows.iter().all(|r| r.len() == width), "every row {width} fields wide");
        assert_eq!(rows[0][0], format!("安和县信访局{}年信访事项登记台账", spec.year));
        assert!(rows[0][1..].iter().all(String::is_empty), "the title alone in its row");

        let mut book = open(&xlsx);
        let range = book.worksheet_range(&sheet.name).unwrap();
        assert_eq!(rows.len() as u32, range.end().unwrap().0 + 1, "as many rows");
        for (r, fields) in rows.iter().enumerate() {
            let truth_row = sheet.row(r as u32 + 1).unwrap();
            for (c, field) in fields.iter().enumerate() {
                let cell = range.get_value((r as u32, c as u32));
                let want = match (cell, truth_row.cells.get(c)) {
                    // A date cell as its format shows it.
                    (Some(Data::DateTime(dt)), Some(Cell::Date(d, format))) => {
                        let (y, m, day, ..) = dt.to_ymd_hms_milli();
                        assert_eq!(
                            NaiveDate::from_ymd_opt(y.into(), m.into(), day.into()),
                            Some(*d)
                        );
                        format.show(*d)
                    }
                    (Some(Data::DateTime(_)), other) => {
                        panic!("a date cell the truth has as {other:?}")
                    }
                    (Some(d), _) => read_text(d),
                    (None, _) => String::new(),
                };
                assert_eq!(*field, want, "row {} column {c}", r + 1);
            }
        }
    }
}

/// A date as written, read back: the year from the sheet's title when
/// the text has none; full-width digits taken as digits.
fn date_back(text: &str, title_year: i32) -> Option<NaiveDate> {
    let t: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            c => c,
        })
        .collect();
    if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
        let days: i64 = t.parse().ok()?;
        return NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_signed(chrono::Duration::days(days));
    }
    let parts: Vec<u32> = t
        .trim_end_matches('日')
        .split(['.', '年', '月', '-', '/'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [y, m, d] => NaiveDate::from_ymd_opt(y as i32, m, d),
        [m, d] => NaiveDate::from_ymd_opt(title_year, m, d),
        _ => None,
    }
}

#[test]
fn the_dates_written_read_back_as_the_truth_and_never_run_backwards() {
    for shape in [Shape::County, Shape::Township] {
        let (_, ledger) = gen::xlsx(&spec(11, 300, shape));
        for r in ledger.data_rows() {
            let title = r.sheet.rows[0].cells[0].shown();
            let year: i32 = title
                .split('年')
                .next()
                .unwrap()
                .chars()
                .rev()
                .take(4)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
                .parse()
                .unwrap();
            assert_eq!(year, ledger.year, "the title states the year: {title}");
            for (column, want) in [
                (Column::Received, Some(r.data.received)),
                (Column::Accepted, r.data.accepted),
                (Column::Replied, r.data.replied),
            ] {
                let got = match r.cell(column).unwrap() {
                    Cell::Date(d, _) => Some(*d),
                    Cell::Empty => None,
                    Cell::Text(t) => Some(date_back(t, year).unwrap_or_else(|| panic!("{t}"))),
                    other => panic!("{other:?}"),
                };
                assert_eq!(got, want, "{} row {} {column:?}", r.sheet.name, r.row.row);
                if let Cell::Text(t) = r.cell(column).unwrap() {
                    let yearless = !t.contains('年') && t.matches('.').count() == 1;
                    let yearless = yearless || (!t.contains('年') && t.contains('月'));
                    assert_eq!(yearless, r.sheet.yearless, "{t} in {}", r.sheet.name);
                }
            }
            let d = r.data;
            assert!(d.accepted.is_none_or(|a| a >= d.received));
            assert!(d.replied.is_none_or(|p| d.accepted.is_some_and(|a| p >= a)));
            assert_eq!(d.closed, d.replied.is_some());
            assert_eq!(r.text(Column::Closed), if d.closed { "是" } else { "否" });
            assert!(d.replied.is_some() || d.rating.is_none());
            assert!(d.received.year() == ledger.year);
            if let Some(month) = r.sheet.month {
                assert_eq!(d.received.month(), month, "a month sheet holds its month");
            }
        }
        // Rows in order of receipt.
        let days: Vec<NaiveDate> = ledger.data_rows().iter().map(|r| r.data.received).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
    }
}

use chrono::Datelike as _;

#[test]
fn the_truth_names_the_sample_countys_units_categories_and_townships() {
    let org = xinfang_core::org::Organisation::sample_county();
    let tree = xinfang_core::category::CategoryTree::default_tree();
    for shape in [Shape::County, Shape::Township] {
        let (_, ledger) = gen::xlsx(&spec(5, 400, shape));
        let mut unknown = BTreeSet::new();
        for r in ledger.data_rows() {
            let d = r.data;
            if let Some(u) = d.unit {
                assert!(org.find_unit(u).is_some(), "{u} is a unit of the sample county");
                assert!(!d.has(Mess::UnknownUnit));
            } else if !d.unit_written.is_empty() {
                assert!(d.has(Mess::UnknownUnit), "{}: unknown, so marked", d.unit_written);
                assert!(org.find_unit(&d.unit_written).is_none());
                unknown.insert(d.unit_written.clone());
            }
            assert!(tree.find(d.category).is_some(), "{} is a category", d.category);
            assert!(org.find_unit(d.township).is_some(), "{} is a township", d.township);
            assert_eq!(r.text(Column::Unit), d.unit_written);
            assert_eq!(r.text(Column::Category), d.category_written);
            assert_eq!(r.text(Column::Channel), d.channel_written);
            assert_eq!(d.collective, d.head_count >= 5);
            assert!(d.head_count as usize >= d.names.len());
            assert!(d.names_written.contains(&d.names[0]));
            if let Some(p) = &d.phone {
                assert!(p.len() == 11 && p.bytes().all(|b| b.is_ascii_digit()), "{p}");
            }
        }
        assert!(!unknown.is_empty(), "{shape:?}: some unit the county does not have");
    }
}

#[test]
fn the_vocabulary_is_the_clerks() {
    let (_, county) = gen::xlsx(&spec(3, 480, Shape::County));
    let channels = county.distinct_values(Column::Channel);
    for written in
        ["来访", "来信", "来访(集体)", "网上信访", "网信", "电话", "12345热线", "上级交办", "走访"]
    {
        assert!(channels.contains_key(written), "{written} in {channels:?}");
    }
    let group: usize = channels.iter().filter(|(k, _)| k.contains("集体")).map(|(_, n)| n).sum();
    assert!((480 * 8 / 100..=480 * 22 / 100).contains(&group), "{group} collective visits of 480");
    let units = county.distinct_values(Column::Unit);
    for written in ["县人社局", "人社局", "国资办"] {
        assert!(units.contains_key(written), "{written} in {units:?}");
    }
    assert!(units.keys().any(|u| u.ends_with("镇政府") || u.ends_with("镇人民政府")));
    let categories = county.distinct_values(Column::Category);
    for written in ["拖欠工资", "劳动社保"] {
        assert!(categories.contains_key(written), "{written} in {categories:?}");
    }
    // Past months mostly closed, December mostly open.
    let rows = county.data_rows();
    let share = |month: std::ops::RangeInclusive<u32>| {
        let of: Vec<_> = rows.iter().filter(|r| month.contains(&r.data.received.month())).collect();
        of.iter().filter(|r| r.data.closed).count() as f64 / of.len().max(1) as f64
    };
    assert!(share(1..=9) > 0.8, "{}", share(1..=9));
    assert!(share(12..=12) < 0.5, "{}", share(12..=12));
    let numbers: BTreeMap<bool, usize> = rows.iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r.data.number.is_some()).or_default() += 1;
        m
    });
    assert!(numbers[&true] > numbers.get(&false).copied().unwrap_or(0));
}

/// For a person to look at: `cargo test -p xinfang-tests --test ledgers --
/// --ignored write_samples` writes a county and a township workbook and the
/// county CSV to `$TMPDIR/xinfang-ledgers/`.
#[test]
#[ignore = "writes files for a person to open"]
fn write_samples() {
    let dir = std::env::temp_dir().join("xinfang-ledgers");
    std::fs::create_dir_all(&dir).unwrap();
    let (county, _) = gen::xlsx(&spec(1, 240, Shape::County));
    std::fs::write(dir.join("县台账.xlsx"), county).unwrap();
    let (town, _) = gen::xlsx(&spec(1, 240, Shape::Township));
    std::fs::write(dir.join("乡镇台账.xlsx"), town).unwrap();
    let (csv, _) = gen::gbk_csv(&spec(1, 240, Shape::County));
    std::fs::write(dir.join("县台账.csv"), csv).unwrap();
    println!("{}", dir.display());
    // The vocabulary: each spelling with what it means, over both shapes.
    let mut vocab: BTreeMap<(&str, String), BTreeSet<String>> = BTreeMap::new();
    for shape in [Shape::County, Shape::Township] {
        for seed in 0..4 {
            let (_, ledger) = gen::xlsx(&spec(seed, 480, shape));
            for r in ledger.data_rows() {
                let d = r.data;
                let mut add = |what, written: &str, meant: String| {
                    vocab.entry((what, written.to_string())).or_default().insert(meant);
                };
                add("channel", &d.channel_written, d.channel.label().to_string());
                add("unit", &d.unit_written, d.unit.unwrap_or("?").to_string());
                add("category", &d.category_written, d.category.to_string());
            }
        }
    }
    for ((what, written), meant) in vocab {
        println!("{what}\t{written}\t{}", meant.into_iter().collect::<Vec<_>>().join("/"));
    }
}
