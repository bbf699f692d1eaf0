//! 导入台账 (`#/import`): an Excel ledger with two bad rows is refused with
//! the row and column of each problem, the corrected file is previewed and
//! imported whole (the cases listed, searchable, kept after a reload), the
//! same file again adds nothing; a GBK-encoded CSV imports its Chinese; a
//! file that is no spreadsheet is refused with localStorage unchanged; a
//! crafted .xlsx (a zip bomb of a few hundred KB) is refused with a message,
//! the page still working; a generated county ledger is mapped value by
//! value, its real errors found, the corrected file imported in one pass
//! without phantom lateness; a township's workbook of month sheets is
//! chosen sheet by sheet, its hidden rows left out on request.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::dashboard::list_total;
use crate::harness::Browser;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xinfang-import-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// A valid identity number from its first 17 digits (GB 11643).
fn id_number(first: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{first}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

/// The same number with a wrong check digit.
fn wrong_check(id: &str) -> String {
    let mut s = id[..17].to_string();
    s.push(if id.ends_with('0') { '1' } else { '0' });
    s
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
    "答复日期",
    "办理结果",
    "满意度",
];

/// Six ledger rows (day of March 2025, then the other cells); `bad` puts
/// a wrong check digit in the second row and an unknown category in the
/// fifth.
fn rows(bad: bool) -> Vec<(u32, [String; 11])> {
    let s = |x: &str| x.to_string();
    let good_id = id_number("41010219800101001");
    let id = if bad { wrong_check(&good_id) } else { good_id.clone() };
    let category = if bad { "外星事务" } else { "集中供热" };
    vec![
        (
            3,
            [
                s("张某"),
                id_number("41010219750505002"),
                s("13800001111"),
                s("来访"),
                s("1"),
                s("导入测试：反映工资被拖欠"),
                s("拖欠工资"),
                s("县人社局"),
                s("2025-05-10"),
                s("予以支持，已追回工资"),
                s("满意"),
            ],
        ),
        (
            4,
            [
                s("李某、王某"),
                id,
                s(""),
                s("来信"),
                s("2"),
                s("导入测试：反映道路破损"),
                s("交通治理"),
                s("县交通运输局"),
                s(""),
                s(""),
                s(""),
            ],
        ),
        (
            5,
            [
                s("赵某"),
                s(""),
                s("0371-6123456"),
                s("网上信访"),
                s(""),
                s("导入测试：反映噪音扰民"),
                s("生态环境"),
                s(""),
                s(""),
                s("已协调处理"),
                s(""),
            ],
        ),
        (
            6,
            [
                s("钱某"),
                s(""),
                s(""),
                s("12345热线"),
                s(""),
                s("导入测试：反映土地承包纠纷"),
                s("土地承包"),
                s("城关镇"),
                s("2025-05-20"),
                s("解释说明"),
                s("基本满意"),
            ],
        ),
        (
            7,
            [
                s("孙某"),
                s(""),
                s(""),
                s("来电"),
                s(""),
                s("导入测试：反映供暖温度不达标"),
                s(category),
                s("县住建局"),
                s(""),
                s(""),
                s(""),
            ],
        ),
        (
            8,
            [
                s("周某"),
                s(""),
                s(""),
                s("来访"),
                s("6"),
                s("导入测试：反映征地补偿"),
                s("征地拆迁"),
                s(""),
                s(""),
                s(""),
                s(""),
            ],
        ),
    ]
}

/// The ledger as an .xlsx: the dates as real date cells, the head count
/// as a number, the rest as text.
fn xlsx(path: &Path, bad: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2025年台账").expect("a sheet name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("a header");
    }
    for (r, (day, cells)) in rows(bad).into_iter().enumerate() {
        let r = r as u32 + 1;
        let when = ExcelDateTime::from_ymd(2025, 3, day as u8).expect("a date");
        sheet.write_datetime_with_format(r, 0, &when, &date).expect("a date cell");
        for (c, text) in cells.iter().enumerate() {
            let c = c as u16 + 1;
            match text.parse::<f64>() {
                Ok(n) if c == 5 => sheet.write_number(r, c, n).map(|_| ()),
                _ if text.is_empty() => Ok(()),
                _ => sheet.write_string(r, c, text).map(|_| ()),
            }
            .expect("a cell");
        }
    }
    // A second sheet, so the sheet choice is offered.
    book.add_worksheet().set_name("说明").expect("a sheet name");
    book.save(path).expect("write the workbook");
}

async fn open_import(b: &Browser) {
    b.click("#nav-import").await;
    b.wait_for_text("#page-import h1", "导入台账").await;
}

#[tokio::test]
async fn an_excel_ledger_with_errors_is_refused_then_imported_whole_and_only_once() {
    let dir = folder("xlsx");
    let (bad, good) = (dir.join("台账-有误.xlsx"), dir.join("台账.xlsx"));
    xlsx(&bad, true);
    xlsx(&good, false);
    let b = Browser::open().await;
    open_import(&b).await;
    let before = b.local_storage_all().await;

    b.choose_file("#import-file", &bad).await;
    b.wait_for("the row errors", || async { b.exists("#import-errors").await.then_some(()) }).await;
    // The headers are recognised.
    for (i, key) in [
        "received_on",
        "names",
        "id_numbers",
        "phones",
        "channel",
        "head_count",
        "summary",
        "category",
        "unit",
        "reply_date",
        "result",
        "satisfaction",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(b.value_of(&format!("#map-{i}")).await.as_deref(), Some(*key), "column {i}");
    }
    // Two sheets: the empty one cannot be chosen.
    assert!(b.exists("#import-sheets").await, "two sheets: a choice");
    assert_eq!(b.attr_of("#import-sheet-1", "disabled").await.as_deref(), Some("true"));
    // The unknown category is offered for mapping once, with its row count.
    b.wait_for("the values panel", || async { b.exists("#import-values").await.then_some(()) })
        .await;
    assert_eq!(b.attrs_of(".import-value", "data-value").await, ["外星事务"]);
    assert_eq!(b.attrs_of(".import-value", "data-rows").await, ["1"]);
    // Exactly the two bad cells, grouped by kind, by the sheet's row and the column's header.
    let places: Vec<(String, String)> = b
        .attrs_of(".import-error", "data-row")
        .await
        .into_iter()
        .zip(b.attrs_of(".import-error", "data-column").await)
        .collect();
    assert_eq!(
        places,
        vec![("6".to_string(), "问题类别".to_string()), ("3".to_string(), "身份证号".to_string())]
    );
    let groups = b.attrs_of(".import-group", "data-kind").await;
    assert_eq!(groups, ["unrecognised-category", "idnumber"]);
    let messages = b.texts_of(".import-error").await;
    assert!(messages[0].contains("外星事务"), "{messages:?}");
    assert!(messages[1].contains("校验码不符"), "{messages:?}");
    assert_eq!(b.attr_of("#import-confirm", "disabled").await.as_deref(), Some("true"));
    assert!(!b.exists("#import-preview").await);
    // Leaving the unknown category's rows out leaves the wrong number alone.
    b.select(".import-value-choice", "leave").await;
    b.wait_for("one problem left", || async {
        (b.attr_of("#import-errors", "data-count").await.as_deref() == Some("1")).then_some(())
    })
    .await;
    assert_eq!(b.attr_of("#import-confirm", "disabled").await.as_deref(), Some("true"));
    assert_eq!(b.local_storage_all().await, before, "nothing imported");

    // The corrected file: the preview, then the import.
    b.choose_file("#import-file", &good).await;
    b.wait_for_absent("#import-errors").await;
    assert!(!b.exists("#import-values").await, "every value known");
    assert_eq!(b.attr_of("#import-count", "data-count").await.as_deref(), Some("6"));
    assert_eq!(b.count("#import-preview .import-row").await, 6);
    let first = b.texts_of(".import-row:first-child td").await;
    assert!(first[1].starts_with("2025年3月3日"), "the date cell read as a date: {first:?}");
    // The ledger gives a reply day and outcome but no acceptance day.
    assert_eq!(first[7], "已办结（台账）", "{first:?}");
    assert!(first[8].contains("未载受理时间"), "{first:?}");
    let third = b.texts_of(".import-row:nth-child(3) td").await;
    assert_eq!(third[7], "待转送（登记）", "{third:?}");
    b.wait_for_text("#import-confirm", "导入6件").await;
    b.click("#import-confirm").await;
    b.wait_for_text_containing("#import-done", "已导入6件").await;

    b.click("#import-to-cases").await;
    assert_eq!(list_total(&b).await, 6);
    b.type_into("#search", "反映供暖温度不达标").await;
    b.wait_for_text_containing("#page-info", "共 1 件").await;

    // Kept after a reload.
    b.wait_for("the save", || async {
        b.local_storage("xinfang.office.head").await.filter(|h| h.contains("\"entries\""))
    })
    .await;
    b.reload().await;
    b.go_to_hash("#/cases").await;
    assert_eq!(list_total(&b).await, 6);

    // The same file again adds nothing: every row is skipped.
    open_import(&b).await;
    b.choose_file("#import-file", &good).await;
    b.wait_for("the skipped rows", || async { b.attr_of("#import-skipped", "data-count").await })
        .await;
    assert_eq!(b.attr_of("#import-skipped", "data-count").await.as_deref(), Some("6"));
    assert_eq!(b.attr_of("#import-count", "data-count").await.as_deref(), Some("0"));
    assert_eq!(b.attr_of("#import-confirm", "disabled").await.as_deref(), Some("true"));
    b.go_to_hash("#/cases").await;
    assert_eq!(list_total(&b).await, 6);
    b.close().await;
}

#[tokio::test]
async fn a_gbk_csv_imports_its_chinese_and_other_files_are_refused() {
    let dir = folder("csv");
    let text = "登记日期,信访人,信访形式,反映问题,问题类别,责任单位\r\n\
                2025年4月1日,欧阳某,来访,反映农村饮水困难,农村农业,县农业农村局\r\n\
                2025/4/2,诸葛某、上官某,来信,反映村务不公开,村务公开,\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let csv = dir.join("台账.csv");
    std::fs::write(&csv, &gbk).expect("write the CSV");
    let pdf = dir.join("说明.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n").expect("write");

    let b = Browser::open().await;
    open_import(&b).await;
    let before = b.local_storage_all().await;
    b.choose_file("#import-file", &pdf).await;
    b.wait_for_text_containing("#import-read-error", "不是Excel").await;
    assert!(!b.exists("#import-mapping").await);
    assert!(!b.exists("#import-confirm").await);
    assert_eq!(b.local_storage_all().await, before, "localStorage unchanged");

    b.choose_file("#import-file", &csv).await;
    b.wait_for("the preview or the errors", || async {
        (b.exists("#import-preview").await || b.exists("#import-errors").await).then_some(())
    })
    .await;
    assert_eq!(b.texts_of(".import-error").await, Vec::<String>::new());
    assert!(!b.exists("#import-read-error").await);
    assert_eq!(b.attr_of("#import-count", "data-count").await.as_deref(), Some("2"));
    let names = b.texts_of(".import-row td:nth-child(3)").await;
    assert_eq!(names, vec!["欧阳某".to_string(), "诸葛某、上官某".to_string()]);
    b.click("#import-confirm").await;
    b.wait_for_text_containing("#import-done", "已导入2件").await;
    b.click("#import-to-cases").await;
    assert_eq!(list_total(&b).await, 2);
    b.type_into("#search", "村务不公开").await;
    b.wait_for_text_containing("#page-info", "共 1 件").await;
    let row = b.text_of("#case-table tbody tr").await.unwrap_or_default();
    assert!(row.contains("诸葛某"), "{row}");
    b.close().await;
}

/// A real ledger .xlsx whose shared strings expand to 101 MB: a few hundred
/// KB on disk (a zip bomb).
fn bomb(path: &Path, from: &Path) {
    use std::io::{Read as _, Write as _};
    let bytes = std::fs::read(from).expect("the ledger");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an archive");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part");
        let name = part.name().expect("a name").to_string();
        if name == "xl/sharedStrings.xml" {
            continue;
        }
        let mut content = Vec::new();
        part.read_to_end(&mut content).expect("read a part");
        out.start_file(name, options).expect("a part");
        out.write_all(&content).expect("write a part");
    }
    out.start_file("xl/sharedStrings.xml", options).expect("the strings");
    out.write_all(b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>").expect("write");
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..101 {
        out.write_all(&chunk).expect("write");
    }
    out.write_all(b"</t></si></sst>").expect("write");
    let file = out.finish().expect("the archive").into_inner();
    assert!(file.len() < 1 << 20, "a bomb, {} bytes", file.len());
    std::fs::write(path, file).expect("write the bomb");
}

#[tokio::test]
async fn a_crafted_excel_file_is_refused_with_a_message_and_the_page_keeps_working() {
    let dir = folder("bomb");
    let (good, crafted) = (dir.join("台账.xlsx"), dir.join("台账-构造.xlsx"));
    xlsx(&good, false);
    bomb(&crafted, &good);

    let b = Browser::open().await;
    open_import(&b).await;
    let before = b.local_storage_all().await;
    b.choose_file("#import-file", &crafted).await;
    b.wait_for_text_containing("#import-read-error", "超过100 MB").await;
    assert!(!b.exists("#import-confirm").await);
    assert_eq!(b.local_storage_all().await, before, "localStorage unchanged");
    // The page did not trap: the real ledger still reads.
    b.choose_file("#import-file", &good).await;
    b.wait_for("the preview", || async { b.exists("#import-preview").await.then_some(()) }).await;
    assert!(!b.exists("#import-read-error").await);
    b.close().await;
}

/// A county's 240-row ledger as its clerks keep it (a merged title, three
/// date styles, collective visits, units spelt their way, six wrong
/// identity numbers, a total and a note row), imported as a new user
/// would: the values mapped (the suggestions taken, the rest chosen by
/// what the clerk means, an unknown unit created), the six real errors
/// found at their rows, the corrected file imported in one pass; then no
/// phantom overdue case on the dashboard, the year's indicators saying
/// how many they could not judge, an archived case showing its ledger
/// row, and the same file again skipped whole with its mappings remembered.
/// Picks, in the select `arguments[0]`, the option naming `arguments[1]`
/// itself or as the last part of a category path, as a clerk reading the
/// list would; false when there is none.
const PICK_BY_NAME: &str = "const s = document.querySelector(arguments[0]); const name = arguments[1];\
    const o = [...s.options].find(o => o.value.startsWith('t') && (o.text === name || o.text.endsWith('/' + name)));\
    if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return true;";

#[tokio::test]
async fn a_county_ledger_is_mapped_corrected_and_imported_without_phantom_lateness() {
    use crate::gen::{LedgerSpec, Mess, Shape};
    let dir = folder("county");
    let spec =
        |corrected| LedgerSpec { seed: 21, year: 2025, rows: 240, shape: Shape::County, corrected };
    let (bytes, truth) = crate::gen::xlsx(&spec(false));
    let (fixed, fixed_truth) = crate::gen::xlsx(&spec(true));
    let (first, second) =
        (dir.join("2025年信访台账.xlsx"), dir.join("2025年信访台账（已改正）.xlsx"));
    std::fs::write(&first, bytes).expect("write");
    std::fs::write(&second, fixed).expect("write");
    let b = Browser::open().await;
    open_import(&b).await;
    b.choose_file("#import-file", &first).await;
    b.wait_for("the values panel", || async { b.exists("#import-values").await.then_some(()) })
        .await;
    // 来访(集体) once, with the rows it is in.
    let values = b.attrs_of(".import-value", "data-value").await;
    let rows = b.attrs_of(".import-value", "data-rows").await;
    let written = truth.distinct_values(crate::gen::Column::Channel);
    for (v, n) in values.iter().zip(&rows) {
        if let Some(count) = written.get(v) {
            assert_eq!(n, &count.to_string(), "{v}");
        }
    }
    assert_eq!(
        values.len(),
        values.iter().collect::<std::collections::BTreeSet<_>>().len(),
        "each once"
    );
    // Take every suggestion, then choose the rest as the clerk means them.
    map_as_meant(&b, &truth).await;
    // Left: the six wrong identity numbers, at their rows, and nothing else.
    b.wait_for("only the identity numbers", || async {
        let kinds = b.attrs_of(".import-group", "data-kind").await;
        (kinds == ["idnumber"]).then_some(())
    })
    .await;
    let wrong: std::collections::BTreeSet<String> =
        b.attrs_of(".import-error", "data-row").await.into_iter().collect();
    let meant: std::collections::BTreeSet<String> =
        truth.rows_with(Mess::WrongIdCheckDigit).iter().map(|r| r.row.row.to_string()).collect();
    assert_eq!(wrong, meant);
    assert_eq!(meant.len(), 6);

    // The corrected file keeps the mapping: one pass.
    b.choose_file("#import-file", &second).await;
    b.wait_for_absent("#import-errors").await;
    let cases = fixed_truth.data_rows().len();
    assert_eq!(b.attr_of("#import-count", "data-count").await, Some(cases.to_string()));
    assert_eq!(
        b.attr_of("#import-summary", "data-set-aside").await.as_deref(),
        Some("2"),
        "the total and the note"
    );
    let archived: usize =
        b.attr_of("#import-summary", "data-archived").await.unwrap().parse().unwrap();
    assert!(archived > 0);
    b.click("#import-confirm").await;
    b.wait_for_text_containing("#import-done", &format!("已导入{cases}件")).await;

    // No phantom lateness: nothing overdue (the ledger dates no open acceptance it lacks).
    b.click("#nav-dashboard").await;
    let overdue: usize = b
        .wait_for("the overdue count", || async { b.text_of("#overdue-count").await })
        .await
        .trim()
        .parse()
        .unwrap();
    let open_and_dated = fixed_truth
        .data_rows()
        .iter()
        .filter(|r| !r.data.closed && r.data.accepted.is_some() && r.data.replied.is_none())
        .count();
    assert!(
        overdue <= open_and_dated,
        "{overdue} overdue, {open_and_dated} open with a dated acceptance"
    );

    // The year's indicators say how many they could not judge.
    b.go_to_hash("#/reports").await;
    b.select("#report-period-kind", "year").await;
    b.select("#report-year", "2025").await;
    b.wait_for_text_containing("#report-period-label", "2025年").await;
    let unjudged: usize = b
        .attr_of("[data-indicator='on_time_reply'] .ind-unjudged", "data-unjudged")
        .await
        .expect("按期办结率 says what it left out")
        .parse()
        .unwrap();
    assert_eq!(unjudged, archived);

    // An archived case shows its ledger row and is concluded.
    b.go_to_hash("#/cases").await;
    assert_eq!(list_total(&b).await, cases);
    let data = fixed_truth.data_rows();
    let first_line =
        |d: &crate::gen::DataTruth| d.summary.lines().next().unwrap_or("").trim().to_string();
    let row = data
        .iter()
        .find(|r| {
            let d = r.data;
            let unique = data.iter().filter(|o| first_line(o.data) == first_line(d)).count() == 1;
            d.closed
                && unique
                && (d.accepted.is_none() || d.replied.is_none() || d.outcome.is_none())
        })
        .expect("an archived row with a summary of its own");
    b.type_into("#search", &first_line(row.data)).await;
    let all = format!("共 {cases} 件");
    b.wait_for("the search", || async {
        b.text_of("#page-info").await.filter(|t| t.contains("共") && !t.contains(&all))
    })
    .await;
    b.click("tr.case-row:first-child td.stage").await;
    b.wait_for("the ledger row", || async { b.exists("#case-ledger").await.then_some(()) }).await;
    assert_eq!(b.attr_of("#page-case", "data-stage").await.as_deref(), Some("archived"));
    assert!(b
        .text_of("#case-ledger-source")
        .await
        .unwrap()
        .contains("2025年信访台账（已改正）.xlsx"));
    assert!(b.exists("#case-ledger-closed").await);

    // Kept after a reload; the same file again: every row skipped, no value to map.
    b.wait_for("the save", || async {
        b.local_storage("xinfang.office.head").await.filter(|h| h.contains("\"entries\""))
    })
    .await;
    b.reload().await;
    open_import(&b).await;
    b.choose_file("#import-file", &second).await;
    b.wait_for("the skipped rows", || async { b.attr_of("#import-skipped", "data-count").await })
        .await;
    assert_eq!(b.attr_of("#import-skipped", "data-count").await, Some(cases.to_string()));
    assert!(!b.exists("#import-values").await, "the mappings were remembered");
    b.close().await;
}

/// Takes every suggestion of the values panel, then chooses each value
/// left as the ledger's clerk meant it (the truth): a unit the county does
/// not have is created.
async fn map_as_meant(b: &Browser, truth: &crate::gen::Ledger) {
    let meant = |field: &str, written: &str| -> Option<Option<String>> {
        truth.data_rows().into_iter().find_map(|r| match field {
            "unit" if r.data.unit_written.trim() == written => Some(r.data.unit.map(String::from)),
            "category" if r.data.category_written.trim() == written => {
                Some(Some(r.data.category.to_string()))
            }
            _ => None,
        })
    };
    b.click("#import-accept-suggestions").await;
    b.wait_for("the suggestions taken", || async {
        let chosen = b
            .script(
                "return [...document.querySelectorAll('.import-value-choice')].filter(s => s.value).length",
                vec![],
            )
            .await;
        (chosen.as_u64().unwrap_or(0) > 0).then_some(())
    })
    .await;
    for k in 0..b.count(".import-value").await {
        let css = format!("#value-{k}");
        if b.value_of(&css).await.is_some_and(|v| !v.is_empty()) {
            continue;
        }
        let row = format!(".import-value:nth-child({})", k + 1);
        let field = b.attr_of(&row, "data-field").await.unwrap();
        let value = b.attr_of(&row, "data-value").await.unwrap();
        match meant(&field, &value) {
            Some(None) => b.select(&css, "create").await,
            Some(Some(name)) => {
                let found =
                    b.script(PICK_BY_NAME, vec![css.clone().into(), name.clone().into()]).await;
                assert_eq!(found, serde_json::Value::Bool(true), "{field} “{value}” → {name}");
            }
            None => panic!("{field} “{value}” has no suggestion the test can follow"),
        }
    }
}

/// A township's workbook (a summary sheet of formulas, one sheet per
/// month, headers over two rows, hidden rows, continuation lines, dates
/// without a year in some months): the month sheets chosen and the
/// summary not offered, a month left out and back, the hidden rows left
/// out on request, and the rest imported in one pass.
#[tokio::test]
async fn a_township_workbook_of_month_sheets_is_chosen_sheet_by_sheet_and_imported() {
    use crate::gen::{LedgerSpec, Mess, RowKind, Shape};
    let dir = folder("township");
    let spec =
        LedgerSpec { seed: 33, year: 2025, rows: 240, shape: Shape::Township, corrected: true };
    let (bytes, truth) = crate::gen::xlsx(&spec);
    let file = dir.join("城关镇2025年信访台账.xlsx");
    std::fs::write(&file, bytes).expect("write");
    let months: Vec<&crate::gen::SheetTruth> = truth
        .sheets
        .iter()
        .filter(|s| s.rows.iter().any(|r| matches!(r.kind, RowKind::Data(_))))
        .collect();
    let data_in = |name: &str| truth.data_rows().iter().filter(|r| r.sheet.name == name).count();

    let b = Browser::open().await;
    open_import(&b).await;
    b.choose_file("#import-file", &file).await;
    b.wait_for("the sheets", || async { b.exists("#import-sheets").await.then_some(()) }).await;
    // The summary sheet has no header: offered, not chosen, not choosable.
    assert_eq!(b.attr_of("#import-sheet-0", "disabled").await.as_deref(), Some("true"));
    let checked = b
        .script("return [...document.querySelectorAll('#import-sheets input')].filter(i => i.checked).length", vec![])
        .await;
    assert_eq!(checked.as_u64(), Some(months.len() as u64), "every month sheet chosen");
    map_as_meant(&b, &truth).await;
    b.wait_for_absent("#import-errors").await;

    assert_eq!(import_count(&b).await, Some(truth.data_rows().len()));
    // Continuation lines are joined to the row above, not imported.
    let aside: usize =
        b.attr_of("#import-summary", "data-set-aside").await.unwrap().parse().unwrap();
    assert!(aside >= truth.rows_with(Mess::ContinuedBelow).len(), "{aside}");

    // A month left out, and taken back.
    let (k, month) = truth
        .sheets
        .iter()
        .enumerate()
        .find(|(_, s)| data_in(&s.name) > 0)
        .map(|(k, s)| (k, s.name.clone()))
        .unwrap();
    b.click(&format!("#import-sheet-{k}")).await;
    let without = truth.data_rows().len() - data_in(&month);
    b.wait_for("the month left out", || async {
        (import_count(&b).await == Some(without)).then_some(())
    })
    .await;
    b.click(&format!("#import-sheet-{k}")).await;
    b.wait_for("the month back", || async {
        (import_count(&b).await == Some(truth.data_rows().len())).then_some(())
    })
    .await;

    // Hidden rows are read, and left out on request.
    let hidden = truth.rows_with(Mess::HiddenRow).len();
    assert!(hidden > 0);
    b.click("#import-leave-hidden").await;
    let visible = truth.data_rows().len() - hidden;
    b.wait_for("the hidden rows left out", || async {
        (import_count(&b).await == Some(visible)).then_some(())
    })
    .await;
    let aside_now: usize =
        b.attr_of("#import-summary", "data-set-aside").await.unwrap().parse().unwrap();
    assert!(aside_now >= aside + hidden, "{aside_now} vs {aside} + {hidden}");

    b.click("#import-confirm").await;
    b.wait_for_text_containing("#import-done", &format!("已导入{visible}件")).await;
    b.click("#import-to-cases").await;
    assert_eq!(list_total(&b).await, visible);
    b.close().await;
}

/// The number of cases the import preview offers.
async fn import_count(b: &Browser) -> Option<usize> {
    b.attr_of("#import-count", "data-count").await.and_then(|n| n.parse::<usize>().ok())
}
