//! 报表统计 on the training sandbox (3,000 sample cases over the year
//! ending today): indicators whose percentages agree with their
//! numerators and denominators; a month's total below the year's and equal
//! to that month's bar in the year's trend chart; the three charts; every
//! township in the ranking; the quarterly briefing quoting the quarter's
//! total; an edited briefing in the print view; the ledger downloaded as
//! CSV and .xlsx with every case, masked; and the page in English.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::json;
use xinfang_core::goals::BasisPoints;
use xinfang_core::Settings;

use crate::dashboard::sandbox;
use crate::harness::Browser;

/// English month names.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Opens the reports page.
async fn open_reports(b: &Browser) {
    b.click("#nav-reports").await;
    b.wait_for("the reports page", || async {
        b.exists("#page-reports #report-indicators").await.then_some(())
    })
    .await;
}

/// The period's total as the page shows it, once the heading reads `label`.
async fn total_for(b: &Browser, label: &str) -> u64 {
    b.wait_for_text("#report-period-label", label).await;
    let text = b.text_of("#report-total").await.expect("#report-total");
    text.trim().parse().unwrap_or_else(|_| panic!("#report-total reads {text:?}"))
}

#[tokio::test]
async fn indicators_counts_charts_ranking_and_english() {
    let b = sandbox().await;
    open_reports(&b).await;

    // Every indicator's value is its numerator over its denominator.
    let keys = b.attrs_of("#report-indicators tr[data-indicator]", "data-indicator").await;
    assert_eq!(keys.len(), 13, "{keys:?}");
    let mut judged = 0;
    for key in &keys {
        let row = format!("#report-indicators tr[data-indicator='{key}']");
        let num: u64 = b
            .attr_of(&format!("{row} .ind-fraction"), "data-numerator")
            .await
            .unwrap()
            .parse()
            .unwrap();
        let den: u64 = b
            .attr_of(&format!("{row} .ind-fraction"), "data-denominator")
            .await
            .unwrap()
            .parse()
            .unwrap();
        let value = b.text_of(&format!("{row} .ind-value")).await.unwrap();
        let fraction = b.text_of(&format!("{row} .ind-fraction")).await.unwrap();
        assert_eq!(fraction, format!("{num}/{den}"), "{key}");
        let expected =
            BasisPoints::ratio(num, den).map_or_else(|| "—".to_string(), |v| v.to_string());
        assert_eq!(value, expected, "{key}: {num}/{den}");
        let class = b.attr_of(&row, "class").await.unwrap_or_default();
        assert!(["met", "missed", "no-target"].iter().any(|c| class.contains(c)), "{key}: {class}");
        if den > 0 {
            judged += 1;
        }
        assert!(!b.text_of(&format!("{row} .ind-last-year")).await.unwrap().is_empty());
    }
    assert!(judged >= 5, "a month of the sandbox judges most indicators: {judged}");

    // The year, then one of its months: fewer cases, and the month's total
    // is the height of its bar in the year's chart. The page opens on the
    // previous month (always inside the sample's year ending today).
    let year = b.value_of("#report-year").await.expect("the year picked");
    let month: u32 = b.value_of("#report-month").await.expect("the month picked").parse().unwrap();
    b.select("#report-period-kind", "year").await;
    let year_total = total_for(&b, &format!("{year}年")).await;
    assert_eq!(b.count("#chart-trend rect.bar").await, 12, "one bar per month");
    let bar_css = format!("#chart-trend rect.bar[data-key='{year}-{month:02}']");
    let month_bar = b.attr_of(&bar_css, "data-value").await.unwrap();
    let bars: u64 = b
        .attrs_of("#chart-trend rect.bar", "data-value")
        .await
        .iter()
        .map(|v| v.parse::<u64>().unwrap())
        .sum();
    assert_eq!(bars, year_total, "the months add up to the year");
    b.select("#report-period-kind", "month").await;
    let month_total = total_for(&b, &format!("{year}年{month}月")).await;
    assert!(month_total > 100, "a month of 3,000 cases a year: {month_total}");
    if month > 1 {
        assert!(month_total < year_total, "{month_total} < {year_total}");
    } else {
        assert!(month_total <= year_total, "{month_total} <= {year_total}");
    }
    assert_eq!(month_total.to_string(), month_bar);
    // The counts table's first line is the total, with last year's figure.
    assert_eq!(
        b.text_of("#report-counts [data-count='total'] .count-current").await.unwrap(),
        month_total.to_string()
    );

    // The three charts: titled images, labelled categories and channels.
    for id in ["chart-trend", "chart-categories", "chart-channels"] {
        let css = format!("svg#{id}");
        assert_eq!(b.attr_of(&css, "role").await.as_deref(), Some("img"), "{id}");
        assert!(!b.attr_of(&css, "aria-label").await.unwrap_or_default().is_empty(), "{id}");
        let title = b
            .script(
                "return document.querySelector(arguments[0] + ' > title').textContent;",
                vec![json!(css)],
            )
            .await;
        assert!(!title.as_str().unwrap_or_default().is_empty(), "{id} has a <title>");
    }
    assert_eq!(b.count("#chart-trend rect.bar").await, 12);
    let names = b.texts_of("#report-categories .category-name").await;
    assert!(names.len() >= 3, "{names:?}");
    let legend = b.script(
        "return Array.from(document.querySelectorAll('#chart-categories text.label'), t => t.textContent);",
        vec![],
    )
    .await;
    let legend: Vec<String> =
        legend.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(legend.len(), names.len());
    for (name, label) in names.iter().zip(&legend) {
        assert!(
            label.starts_with(name.as_str()) && label.contains('%'),
            "{label:?} labels {name:?}"
        );
    }
    assert!(b.count("#chart-categories circle.slice").await >= 3);
    assert!(b.count("#chart-channels rect.segment").await >= 3);

    // The ranking lists every township.
    let units = b.texts_of("#report-ranking tr.ranking-row .unit-name").await;
    let settings = Settings::sample_county();
    let townships: Vec<&str> = settings.org.townships().map(|u| u.name()).collect();
    assert!(!townships.is_empty());
    for t in &townships {
        assert!(units.iter().any(|u| u == t), "{t} missing from {units:?}");
    }
    let ranked = b.texts_of("#report-ranking tr.ranking-row .rank").await;
    assert_eq!(ranked.first().map(String::as_str), Some("1"));

    // One unit's scope: fewer cases.
    let unit = b.attrs_of("#report-scope option", "value").await[1].clone();
    b.select("#report-scope", &unit).await;
    b.wait_for("the unit's report", || async {
        let t: u64 = b.text_of("#report-total").await?.trim().parse().ok()?;
        (t < month_total).then_some(())
    })
    .await;

    // English.
    b.click("#lang-en").await;
    b.wait_for_text("#reports-title", "Reports").await;
    let english_month = MONTHS[(month - 1) as usize];
    b.wait_for_text("#report-period-label", &format!("{english_month} {year}")).await;
    b.wait_for_text("#report-indicators-title", "Indicators against targets").await;
    let trend = b.attr_of("svg#chart-trend", "aria-label").await.unwrap();
    assert!(trend.starts_with("Cases per month"), "{trend}");
    assert_eq!(b.text_of("#export-ledger-xlsx").await.as_deref(), Some("Ledger (Excel)"));
    b.close().await;
}

#[tokio::test]
async fn the_briefing_quotes_the_quarter_and_prints_as_edited() {
    let b = sandbox().await;
    open_reports(&b).await;
    // The quarter of the previous month (the page opens on that month).
    let year = b.value_of("#report-year").await.expect("the year picked");
    b.select("#report-period-kind", "quarter").await;
    let quarter: usize = b.value_of("#report-quarter").await.unwrap().parse().unwrap();
    let label = format!("{year}年第{}季度", ["一", "二", "三", "四"][quarter - 1]);
    let total = total_for(&b, &label).await;
    assert!(total > 0);
    let text = b
        .wait_for("the Q3 briefing", || async {
            b.value_of("#briefing-text").await.filter(|t| t.contains(&label))
        })
        .await;
    assert!(text.starts_with(&format!("关于{label}全县信访工作情况的通报")), "{text}");
    assert!(
        text.contains(&format!("共登记群众信访事项{total}件")),
        "the briefing quotes {total}: {text}"
    );
    let analysis = b.value_of("#analysis-text").await.unwrap();
    assert!(
        analysis.contains("分析报告") && analysis.contains(&format!("{total}件")),
        "{analysis}"
    );

    // Edit, then the print view shows the edit without the app's chrome.
    b.type_into("#briefing-text", "关于第三季度的通报（修改稿）\n各乡镇：本季度情况良好。").await;
    b.wait_for("the edit", || async {
        b.value_of("#briefing-text").await.filter(|t| t.contains("修改稿"))
    })
    .await;
    b.script("window.__printed = 0; window.print = () => { window.__printed += 1; };", vec![])
        .await;
    b.click("#briefing-print").await;
    b.wait_for_text_containing("#print-view-text", "各乡镇：本季度情况良好。").await;
    assert_eq!(
        b.text_of("#print-view-text h1").await.as_deref(),
        Some("关于第三季度的通报（修改稿）")
    );
    b.wait_for("the print dialog", || async {
        let n = b.script("return window.__printed;", vec![]).await;
        (n.as_u64() == Some(1)).then_some(())
    })
    .await;
    assert!(b.attr_of("body", "class").await.unwrap_or_default().contains("print-view"));
    assert_eq!(b.computed_style(".page-header", "display").await.as_deref(), Some("none"));
    assert_eq!(b.computed_style(".main-nav", "display").await.as_deref(), Some("none"));
    assert!(!b.exists("#report-indicators").await);

    // Back: the chrome and the edit are still there.
    b.click("#print-view-close").await;
    b.wait_for("the reports again", || async {
        b.exists("#report-indicators").await.then_some(())
    })
    .await;
    assert_ne!(b.computed_style(".page-header", "display").await.as_deref(), Some("none"));
    assert!(b.value_of("#briefing-text").await.unwrap().contains("修改稿"));
    // Restore brings the generated text back.
    b.click("#briefing-reset").await;
    b.wait_for("the generated text", || async {
        b.value_of("#briefing-text")
            .await
            .filter(|t| t.contains(&format!("共登记群众信访事项{total}件")))
    })
    .await;
    b.close().await;
}

/// Splits CSV text into records (quote-aware; CRLF between records).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => field.push(c),
        }
    }
    records
}

#[test]
fn csv_records_are_split_by_quotes() {
    let rows = csv_records("a,\"b,\"\"c\"\"\r\nd\",e\r\n1,2,3\r\n");
    assert_eq!(rows, [vec!["a", "b,\"c\"\r\nd", "e"], vec!["1", "2", "3"]]);
}

/// Whether `s` is an identity number masked as lists show it.
fn masked_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 18
        && b[..6].iter().all(u8::is_ascii_digit)
        && b[6..14].iter().all(|c| *c == b'*')
        && b[14..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X')
}

#[tokio::test]
async fn the_ledger_downloads_as_csv_and_xlsx_with_every_case_masked() {
    let dir = std::env::temp_dir().join(format!("xinfang-downloads-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let b = Browser::open_with_downloads(&dir).await;
    b.click("#sandbox-enter").await;
    b.wait_for_absent("#sandbox-enter").await;
    open_reports(&b).await;

    // A range covering the whole sample year (it ends today).
    b.select("#report-period-kind", "custom").await;
    let today = b.value_of("#report-to").await.expect("the range ends today by default");
    let year: i32 = today[..4].parse().unwrap();
    let from = format!("{}{}", year - 2, &today[4..]);
    b.set_value("#report-from", &from).await;
    b.wait_for_text_containing("#report-period-label", &format!("{}年", year - 2)).await;
    let total: usize = b.text_of("#report-total").await.unwrap().trim().parse().unwrap();
    assert_eq!(total, 3_000, "the range holds every sample case");

    let name = format!("信访台账_{from}_{today}");
    b.click("#export-ledger-csv").await;
    let csv = b.wait_for_download(&dir, &format!("{name}.csv")).await;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "the BOM first");
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    let rows = csv_records(&text);
    assert_eq!(rows[0][..5], ["编号", "登记日期", "信访人", "身份证号", "联系电话"]);
    assert_eq!(rows.len() - 1, total, "one row per case");
    let ids: Vec<&String> = rows[1..].iter().map(|r| &r[3]).filter(|s| !s.is_empty()).collect();
    assert!(ids.len() > 100, "many sample petitioners give an identity number: {}", ids.len());
    assert!(ids.iter().all(|s| masked_id(s)), "every identity number masked");
    let phones: Vec<&String> = rows[1..].iter().map(|r| &r[4]).filter(|s| !s.is_empty()).collect();
    assert!(phones.iter().all(|p| p.contains("****")), "every phone masked");

    b.click("#export-ledger-xlsx").await;
    let xlsx = b.wait_for_download(&dir, &format!("{name}.xlsx")).await;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("an xlsx workbook");
    let sheet = book.worksheet_range("信访台账").expect("the ledger sheet");
    let cells: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(cells.len() - 1, total, "the same rows as the CSV");
    assert_eq!(cells[0][0], Data::String("编号".into()));
    assert_eq!(cells[1][0], Data::String(rows[1][0].clone()), "the same first case");
    assert!(matches!(cells[1][1], Data::DateTime(_)), "登记日期 is a date: {:?}", cells[1][1]);
    let xlsx_ids = cells[1..].iter().filter_map(|r| match &r[3] {
        Data::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    });
    assert!(xlsx_ids.into_iter().all(|s| masked_id(&s)));

    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_ledger_has_full_numbers_only_when_the_clerk_chooses() {
    let dir = std::env::temp_dir().join(format!("xinfang-full-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let b = Browser::open_with_downloads(&dir).await;
    b.click("#sandbox-enter").await;
    b.wait_for_absent("#sandbox-enter").await;
    open_reports(&b).await;
    b.select("#report-period-kind", "year").await;
    b.click("#export-full").await;
    let title = b.attr_of("#export-ledger-xlsx", "title").await.expect("the file name");
    b.click("#export-ledger-xlsx").await;
    let xlsx = b.wait_for_download(&dir, &title).await;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("an xlsx workbook");
    let sheet = book.worksheet_range("信访台账").expect("the ledger sheet");
    let ids: Vec<String> = sheet
        .rows()
        .skip(1)
        .filter_map(|r| match &r[3] {
            Data::String(s) if !s.is_empty() => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(ids.len() > 50, "{}", ids.len());
    // Whole, valid numbers (a masked one never passes the check digit).
    for id in &ids {
        assert!(!masked_id(id), "{id}");
        assert!(xinfang_core::IdNumber::parse(id).is_ok(), "{id}");
    }
    // In a unit's view the choice is not offered.
    b.select_by_label("#view-as", "县人社局").await;
    b.wait_for_absent("#export-full").await;
    b.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
