//! The reports page's export buttons: the ledger (台账) of the cases
//! received in the period and scope, the report tables and the ranking,
//! each as CSV or .xlsx (`#export-ledger-csv` … `#export-ranking-xlsx`),
//! saved as `信访台账_2026-11.xlsx` and the like. Identity numbers and
//! phones are masked; the files are made on click, not on every render.

use std::rc::Rc;

use chrono::NaiveDate;
use xinfang_core::export::{self, Privacy};
use xinfang_core::{Office, Period, Ranking, Report, Scope};
use yew::prelude::*;

use super::data::ReportData;

use crate::context::{use_app, AppHandle};
use crate::i18n::{tr, Lang};
use crate::state::{Msg, Notice};
use crate::ui::download;
use crate::ui::period_picker::export_name;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The ledger.
    Ledger,
    /// The report's tables.
    Report,
    /// The unit ranking.
    Ranking,
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a BOM.
    Csv,
    /// Excel.
    Xlsx,
}

impl What {
    fn key(self) -> &'static str {
        match self {
            What::Ledger => "ledger",
            What::Report => "report",
            What::Ranking => "ranking",
        }
    }

    /// The file's base name.
    pub fn base(self) -> &'static str {
        match self {
            What::Ledger => "信访台账",
            What::Report => "信访统计报表",
            What::Ranking => "责任单位排名",
        }
    }
}

/// The ledger's cases: those in `scope` received in `period` (by `today`)
/// that `view` lists, each row as the core shows the case to it
/// ([`crate::access::Viewer::ledger_table`]: an accusation withheld from
/// the viewing unit has the placeholder for its names and summary).
/// Identity numbers and phones are masked unless the clerk chose `full`
/// (never in a unit's view).
pub fn ledger_bytes(
    office: &Office,
    period: Period,
    scope: Scope,
    today: NaiveDate,
    format: Format,
    view: crate::access::Viewer,
    full: bool,
) -> Result<Vec<u8>, String> {
    let cases = office.cases().filter(|c| {
        let on = c.intake().received_on;
        period.contains(on) && on <= today && scope.includes(c)
    });
    let office_view = view == crate::access::Viewer::Office;
    let privacy = if full && office_view { Privacy::Full } else { Privacy::Masked };
    let table = view.ledger_table(office, cases, today, privacy);
    match format {
        Format::Csv => Ok(export::table_csv(&table)),
        Format::Xlsx => {
            let title = table.title.clone();
            export::tables_xlsx(&[table], &title, today).map_err(|e| e.to_string())
        }
    }
}

/// Props of [`ReportExports`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReportExportsProps {
    /// The interface language.
    pub lang: Lang,
    /// The figures shown.
    pub data: Rc<ReportData>,
    /// The ranking shown.
    pub ranking: Rc<Ranking>,
    /// Today (the ledger's as-of day).
    pub today: NaiveDate,
}

fn export(
    app: &AppHandle,
    what: What,
    format: Format,
    report: &Report,
    ranking: &Ranking,
    today: NaiveDate,
    full: bool,
) {
    let office = app.office.get();
    let tree = &office.settings().categories;
    let bytes = match (what, format) {
        (What::Ledger, f) => {
            let view = crate::access::viewer(&app.prefs);
            ledger_bytes(&office, report.period, report.scope, today, f, view, full)
        }
        (What::Report, Format::Csv) => Ok(export::report_csv(report, tree)),
        (What::Report, Format::Xlsx) => {
            export::report_xlsx(report, tree).map_err(|e| e.to_string())
        }
        (What::Ranking, Format::Csv) => Ok(export::ranking_csv(ranking)),
        (What::Ranking, Format::Xlsx) => export::ranking_xlsx(ranking).map_err(|e| e.to_string()),
    };
    drop(office);
    let (ext, mime) = match format {
        Format::Csv => ("csv", download::CSV),
        Format::Xlsx => ("xlsx", download::XLSX),
    };
    let name = export_name(what.base(), report.period, ext);
    let saved = bytes.and_then(|b| download::save(&b, &name, mime));
    if let Err(why) = saved {
        let text = format!("{}{why}", tr(app.lang(), "导出失败：", "The export failed: "));
        app.dispatch(Msg::Notify(Notice { ok: false, text }));
    }
}

/// The six export buttons.
#[component]
pub fn ReportExports(props: &ReportExportsProps) -> Html {
    let app = use_app();
    let lang = props.lang;
    // Full identity numbers and phones in the ledger: the clerk's explicit
    // choice for each export session, never in a unit's view.
    let full = use_state_eq(|| false);
    let in_unit_view = app.prefs.view_as.is_some();
    let on_full = {
        let full = full.clone();
        Callback::from(move |e: Event| {
            full.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())
        })
    };
    let button = |what: What, format: Format, zh: &'static str, en: &'static str| {
        let onclick = {
            let app = app.clone();
            let data = props.data.clone();
            let ranking = props.ranking.clone();
            let today = props.today;
            let full = *full;
            Callback::from(move |_: MouseEvent| {
                export(&app, what, format, &data.report, &ranking, today, full)
            })
        };
        let ext = match format {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        };
        html! {
            <button id={format!("export-{}-{ext}", what.key())} type="button" {onclick}
                title={export_name(what.base(), props.data.report.period, ext)}>
                { tr(lang, zh, en) }
            </button>
        }
    };
    html! {
        <section class="report-block report-exports" aria-labelledby="report-exports-title">
            <h3 id="report-exports-title">{ tr(lang, "导出", "Export") }</h3>
            <p class="report-note">
                { tr(lang,
                    "台账为本期、本范围内登记的信访事项；身份证号和电话默认脱敏。CSV 可用 Excel 打开。",
                    "The ledger lists the cases received in this period and scope; identity numbers and \
                     phones are masked unless chosen otherwise. CSV files open in Excel.") }
            </p>
            if !in_unit_view {
                <label class="export-full">
                    <input id="export-full" type="checkbox" checked={*full} onchange={on_full} />
                    { tr(lang,
                        "台账导出完整的身份证号和电话（仅供本单位内部使用，文件须妥善保管；建议用Excel格式，CSV在Excel中打开时长号码会被改写）",
                        "Export full identity numbers and phones in the ledger (for this office's own use only; keep the file safe; prefer Excel: opened in Excel, a CSV's long numbers are rewritten)") }
                </label>
            }
            <div class="export-buttons">
                { button(What::Ledger, Format::Csv, "台账 CSV", "Ledger (CSV)") }
                { button(What::Ledger, Format::Xlsx, "台账 Excel", "Ledger (Excel)") }
                { button(What::Report, Format::Csv, "报表 CSV", "Report (CSV)") }
                { button(What::Report, Format::Xlsx, "报表 Excel", "Report (Excel)") }
                { button(What::Ranking, Format::Csv, "排名 CSV", "Ranking (CSV)") }
                { button(What::Ranking, Format::Xlsx, "排名 Excel", "Ranking (Excel)") }
            </div>
        </section>
    }
}
