//! CSV export of the case ledger (台账) and the report tables, for Excel:
//! UTF-8 with a byte-order mark (so Excel reads the Chinese correctly),
//! CRLF line ends, and every cell that a spreadsheet could take for a
//! formula neutralised with a leading `'` (OWASP “CSV injection”).
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::export::{ledger_csv, Privacy};
//! use xinfang_core::{Office, Settings};
//!
//! let office = Office::new(Settings::sample_county());
//! let today = NaiveDate::from_ymd_opt(2025, 10, 10).unwrap();
//! let bytes = ledger_csv(&office, office.cases(), today, Privacy::Masked);
//! assert!(bytes.starts_with(b"\xEF\xBB\xBF\xE7\xBC\x96\xE5\x8F\xB7,")); // BOM, 编号
//! assert!(bytes.ends_with(b"\r\n"));
//! ```

use crate::case::{Case, Stage};
use crate::metrics::{Indicator, Ranking, Report};
use crate::office::Office;
use chrono::NaiveDate;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The column headers of the ledger, in order.
pub const LEDGER_HEADERS: [&str; 19] = [
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

/// Whether the ledger shows identity numbers and phones in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// Masked as lists show them (`110105********002X`, `138****5678`).
    #[default]
    Masked,
    /// In full (for the office's own, access-controlled use).
    Full,
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

/// Writes rows as CSV after the BOM, every cell neutralised.
fn to_csv<R, C>(headers: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    // Writing to memory cannot fail.
    w.write_record(headers).expect("write to memory");
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| neutralise(c.as_ref())).collect();
        w.write_record(&cells).expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// `2025-09-26`: ISO dates, which Excel reads as dates and sorts.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The ledger (台账) of the given cases as of `today`, one row per case,
/// with [`LEDGER_HEADERS`]. The identity number and phone are those of the
/// primary petitioner, masked unless `privacy` is [`Privacy::Full`]. An
/// accusation's row carries its one-line summary only, never its content.
pub fn ledger_csv<'a>(
    office: &Office,
    cases: impl Iterator<Item = &'a Case>,
    today: NaiveDate,
    privacy: Privacy,
) -> Vec<u8> {
    let s = office.settings();
    let org = &s.org;
    let rows = cases.map(|case| {
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
        let result = match (stage, case.decline(), case.last_reply()) {
            (Stage::Declined, Some(d), _) => d.kind.label().to_string(),
            (_, _, Some(r)) => r.outcome().label().to_string(),
            _ => String::new(),
        };
        vec![
            case.number().to_string(),
            iso(intake.received_on),
            names.join("、"),
            id_number.unwrap_or_default(),
            phone.unwrap_or_default(),
            intake.channel.to_string(),
            intake.head_count.to_string(),
            intake.summary.clone(),
            s.categories.path(intake.category),
            intake.purpose.label().to_string(),
            intake.township.map(|t| org.unit_name(t)).unwrap_or_default(),
            case.routing().map(|r| org.unit_name(r.lead)).unwrap_or_default(),
            case.routing().map(|r| r.disposal.label().to_string()).unwrap_or_default(),
            stage.label().to_string(),
            due.as_ref().map(|d| iso(d.by)).unwrap_or_default(),
            if due.is_some_and(|d| d.is_overdue(today)) { "是" } else { "否" }.to_string(),
            case.last_reply().map(|r| iso(r.on)).unwrap_or_default(),
            result,
            case.rating_status(today, &s.clock, &s.calendar).label().to_string(),
        ]
    });
    to_csv(&LEDGER_HEADERS, rows)
}

/// The target and met columns of an indicator.
fn goal_cells(i: &Indicator) -> [String; 2] {
    let target = i.target.map(|t| t.to_string()).unwrap_or_default();
    let met = match i.met {
        Some(true) => "达标",
        Some(false) => "未达标",
        None => "—",
    };
    [target, met.to_string()]
}

/// The indicators of a report, one row each, with [`INDICATOR_HEADERS`].
/// A value without a denominator is `—`.
pub fn indicators_csv(report: &Report) -> Vec<u8> {
    let rows = report.indicators.iter().map(|i| {
        let [target, met] = goal_cells(i);
        vec![
            i.kind.label().to_string(),
            i.numerator.to_string(),
            i.denominator.to_string(),
            i.value_text(),
            target,
            met,
            i.kind.numerator_label().to_string(),
            i.kind.denominator_label().to_string(),
        ]
    });
    to_csv(&INDICATOR_HEADERS, rows)
}

/// The ranking of units, one row each, with [`RANKING_HEADERS`]; the rate
/// cells read `80%（4/5）`. Unranked units have empty rank and score.
pub fn ranking_csv(ranking: &Ranking) -> Vec<u8> {
    let rate = |i: &Indicator| format!("{}（{}/{}）", i.value_text(), i.numerator, i.denominator);
    let rows = ranking.entries.iter().map(|e| {
        vec![
            e.rank.map(|r| r.to_string()).unwrap_or_default(),
            e.name.clone(),
            e.kind.label().to_string(),
            e.score.map(|s| s.to_string()).unwrap_or_default(),
            e.received.to_string(),
            rate(&e.timely_acceptance),
            rate(&e.on_time_reply),
            rate(&e.satisfaction),
            e.overdue.to_string(),
            e.notices.to_string(),
            e.reminders.to_string(),
            e.reasons.join("；"),
        ]
    });
    to_csv(&RANKING_HEADERS, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Period, Scope};
    use crate::office::{Command, Settings};
    use crate::petition::{Channel, IdNumber, Petitioner, Phone, Purpose};
    use crate::{Intake, Office};
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
