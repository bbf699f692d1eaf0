//! 报表统计 (`#page-reports`): for a chosen period (month, quarter, year or
//! a custom range) and scope (the whole county or one unit), the indicators
//! against their targets with last year's figures, the counts with the
//! change on last year, the category shares, three charts (cases per month,
//! categories, channels), the monthly unit ranking (一月一通报), the
//! quarterly briefing and the art. 39 analysis as editable drafts with a
//! print view, and the exports (ledger, report, ranking; CSV and .xlsx).
//! The record's checkpoint code (`#report-checkpoint`) is shown and
//! printed with the report and on every printed document; printing
//! (`#report-print`, a document's print view) notes the point in the
//! record's list of past heads (`persist::heads`).
//!
//! Everything is computed by the core in `use_memo`s keyed on the record's
//! version, the period, the scope and the day, so a render of the page
//! with 3,000 cases recomputes nothing unless one of them changed.

use std::rc::Rc;

use xinfang_core::briefing::{AnalysisReport, Briefing};
use xinfang_core::{Period, Ranking, Scope, UnitId};
use yew::prelude::*;

use crate::clock;
use crate::context::use_app;
use crate::features::reports::charts::{categories_chart, channels_chart, trend_chart};
use crate::features::reports::counts::{categories_table, counts_table};
use crate::features::reports::data::{scope_units, years, ReportData};
use crate::features::reports::document::{print_sheet, ReportDocument};
use crate::features::reports::exports::ReportExports;
use crate::features::reports::indicators::indicators_table;
use crate::features::reports::ranking::ranking_table;
use crate::features::reports::svg::El;
use crate::i18n::{tr, Lang};
use crate::persist::browser::BrowserKv;
use crate::persist::heads::{self, What};
use crate::persist::kv::prefix_of;
use crate::state::{Msg, Notice};
use crate::ui::case_query::group_thousands;
use crate::ui::period_picker::{briefing_quarter, period_label, PeriodChoice, ReportPeriodPicker};
use xinfang_core::log::Checkpoint;

/// The `#report-scope` value of a scope: `all` or the unit's id.
pub fn scope_value(scope: Scope) -> String {
    match scope {
        Scope::Unit(u) | Scope::Township(u) => u.get().to_string(),
        Scope::All => "all".into(),
    }
}

/// The scope of a `#report-scope` value (the whole county for anything else).
pub fn scope_of(value: &str) -> Scope {
    value.parse::<u32>().ok().filter(|n| *n > 0).map_or(Scope::All, |n| Scope::Unit(UnitId::new(n)))
}

/// The generated briefing and analysis of a quarter.
#[derive(Debug, PartialEq)]
struct Drafts {
    quarter: Period,
    briefing: Rc<String>,
    analysis: Rc<String>,
}

/// Adds or removes `print-view` on `<body>` (hides the app's chrome).
fn set_print_view(on: bool) {
    let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body());
    if let Some(body) = body {
        let classes = body.class_list();
        let _ = if on { classes.add_1("print-view") } else { classes.remove_1("print-view") };
    }
}

fn print_window() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// “记录校验码：1234-9f3a2c7e（打印时记录共1,234条）”.
pub fn checkpoint_text(lang: Lang, point: Checkpoint) -> String {
    let n = group_thousands(point.entries as usize);
    match lang {
        Lang::ZhCn => format!("记录校验码：{}（打印时记录共{n}条）", point.code()),
        Lang::En => format!("Record checkpoint: {} ({n} entries when printed)", point.code()),
    }
}

/// Notes a printed report's point in the record's list (a failure is a
/// notice; the print goes ahead).
fn note_print(app: &crate::context::AppHandle, period: String) {
    if !app.notes_checkpoints() {
        return;
    }
    let what = What::Report { period };
    let noted = heads::note(&BrowserKv, prefix_of(app.space), app.checkpoint(), clock::now(), what);
    if let Err(problem) = noted {
        app.dispatch(Msg::Notify(Notice { ok: false, text: problem.message(app.lang()) }));
    }
}

/// 报表统计.
#[component]
pub fn ReportsPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();
    let choice = use_state(|| PeriodChoice::default_for(today));
    let scope = use_state(|| Scope::All);
    let printing = use_state(|| None::<String>);
    let briefing_edit = use_state(|| None::<(Period, String)>);
    let analysis_edit = use_state(|| None::<(Period, String)>);

    let period = choice.period();
    let data = use_memo(
        (app.office.clone(), period.ok(), *scope, today),
        |(office, period, scope, today)| {
            period.map(|p| Rc::new(ReportData::compute(&office.get(), p, *scope, *today)))
        },
    );
    let ranking = use_memo((app.office.clone(), period.ok(), today), |(office, period, today)| {
        period.map(|p| Rc::new(Ranking::compute(&office.get(), p, *today)))
    });
    let quarter = period.ok().map(|p| briefing_quarter(p, today));
    let drafts = use_memo((app.office.clone(), quarter, today), |(office, quarter, today)| {
        quarter.map(|q| {
            let office = office.get();
            Drafts {
                quarter: q,
                briefing: Rc::new(Briefing::compose(&office, q, *today).to_text()),
                analysis: Rc::new(AnalysisReport::compose(&office, q, *today).to_text()),
            }
        })
    });
    let choices = use_memo((app.office.clone(), today), |(office, today)| {
        let office = office.get();
        (scope_units(&office), years(&office, *today))
    });
    let (units, year_options) = (&choices.0, choices.1.clone());

    // The print view hides the chrome and opens the browser's print dialog
    // once it is on the page; leaving it (or the page) shows the chrome again.
    use_effect_with(printing.is_some(), |on| {
        set_print_view(*on);
        if *on {
            print_window();
        }
        || set_print_view(false)
    });

    if let Some(text) = printing.as_ref() {
        let close = {
            let printing = printing.clone();
            Callback::from(move |_: MouseEvent| printing.set(None))
        };
        let again = Callback::from(|_: MouseEvent| print_window());
        let checkpoint = checkpoint_text(lang, app.checkpoint());
        return html! {
            <section id="page-reports" class="reports printing">
                { print_sheet(lang, text, &checkpoint, again, close) }
            </section>
        };
    }

    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |c: PeriodChoice| choice.set(c))
    };
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            scope.set(scope_of(&value));
        })
    };
    let on_print = {
        let printing = printing.clone();
        let app = app.clone();
        let quarter = quarter.map(|q| period_label(lang, q)).unwrap_or_default();
        Callback::from(move |text: String| {
            note_print(&app, quarter.clone());
            printing.set(Some(text))
        })
    };
    let current_scope = scope_value(*scope);

    let body = match (period, data.as_ref(), ranking.as_ref()) {
        (Err(problem), _, _) => html! {
            <p id="report-period-error" class="field-error" role="alert">{ problem.text(lang) }</p>
        },
        (Ok(p), Some(data), Some(ranking)) => {
            let label = period_label(lang, p);
            let provisional = app
                .office
                .get()
                .settings()
                .calendar
                .is_provisional(p.first(), today.max(p.first()));
            let print_report = {
                let app = app.clone();
                let label = label.clone();
                Callback::from(move |_: MouseEvent| {
                    note_print(&app, label.clone());
                    print_window();
                })
            };
            let point = app.checkpoint();
            html! {
                <>
                    <p id="report-checkpoint" class="report-checkpoint"
                       data-code={point.code().to_string()}>
                        { checkpoint_text(lang, point) }
                    </p>
                    <p class="report-actions no-print">
                        <button id="report-print" type="button" onclick={print_report}>
                            { tr(lang, "打印本期报表", "Print this report") }
                        </button>
                    </p>
                    <p id="report-heading" class="report-heading">
                        <span id="report-period-label">{ label.clone() }</span>
                        { " · " }
                        <span id="report-scope-label">{ scope_label(lang, *scope, units) }</span>
                        { tr(lang, "（统计截至 ", " (as of ") }{ crate::i18n::dates::display(lang, today) }{ tr(lang, "）", ")") }
                    </p>
                    // Deadlines judged up to today over a year without
                    // holiday data were counted with plain weekends.
                    if provisional {
                        <p id="report-provisional" class="field-warning" role="status">
                            { crate::ui::provisional::mark(lang, true, None) }
                            { tr(lang,
                                "本期统计涉及尚未录入节假日安排的年份，其中的期限按普通周末计算，及时受理率、按期办结率和超期件数为暂定数，请在“设置 · 录入放假通知”中录入该年安排。",
                                "The period reaches a year whose holidays are not entered: its deadlines count plain weekends, so the on-time rates and overdue counts are provisional. Enter the year's notice in Settings.") }
                        </p>
                    }
                    { indicators_table(lang, data) }
                    { counts_table(lang, data) }
                    <section class="report-block report-charts" aria-labelledby="report-charts-title">
                        <h3 id="report-charts-title">{ tr(lang, "图表", "Charts") }</h3>
                        { figure(trend_chart(lang, data)) }
                        { figure(categories_chart(lang, data)) }
                        { figure(channels_chart(lang, data)) }
                    </section>
                    { categories_table(lang, &data.shares) }
                    { ranking_table(lang, ranking, &label) }
                    <ReportExports {lang} data={Rc::clone(data)}
                        ranking={Rc::clone(ranking)} {today} />
                </>
            }
        }
        _ => html! {},
    };
    let documents = match drafts.as_ref() {
        Some(d) => {
            let q = period_label(lang, d.quarter);
            html! {
                <>
                    <ReportDocument {lang} id="briefing" period={d.quarter} text={d.briefing.clone()}
                        edit={(*briefing_edit).clone()} on_edit={setter(&briefing_edit)}
                        heading={format!("{}{q}", tr(lang, "季度情况通报 · ", "Quarterly briefing · "))}
                        on_print={on_print.clone()} />
                    <ReportDocument {lang} id="analysis" period={d.quarter} text={d.analysis.clone()}
                        edit={(*analysis_edit).clone()} on_edit={setter(&analysis_edit)}
                        heading={format!("{}{q}", tr(lang, "信访情况分析报告（参照《信访工作条例》第四十一条） · ", "Analysis report (after art. 41 of the 2022 regulations) · "))}
                        {on_print} />
                </>
            }
        }
        None => html! {},
    };

    html! {
        <section id="page-reports" class="reports">
            <h2 id="reports-title">{ tr(lang, "报表统计", "Reports") }</h2>
            <div class="report-controls">
                <ReportPeriodPicker {lang} choice={*choice} years={year_options} on_change={on_choice} />
                <label class="report-scope">
                    { tr(lang, "统计范围", "Scope") }
                    <select id="report-scope" onchange={on_scope}>
                        <option value="all" selected={current_scope == "all"}>
                            { tr(lang, "全县", "Whole county") }
                        </option>
                        { for units.iter().map(|(id, name)| {
                            let v = id.get().to_string();
                            html! { <option value={v.clone()} selected={current_scope == v}>{ name.clone() }</option> }
                        }) }
                    </select>
                </label>
            </div>
            { body }
            { documents }
        </section>
    }
}

/// A chart with its title as a visible caption.
fn figure(chart: El) -> Html {
    let caption = chart.get("aria-label").unwrap_or_default().to_string();
    html! {
        <figure class="chart-figure">
            <figcaption aria-hidden="true">{ caption }</figcaption>
            { chart.to_html() }
        </figure>
    }
}

/// A callback that sets a state.
fn setter<T: 'static>(state: &UseStateHandle<T>) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |v: T| state.set(v))
}

fn scope_label(lang: Lang, scope: Scope, units: &[(UnitId, String)]) -> String {
    match scope {
        Scope::All => tr(lang, "全县", "Whole county").to_string(),
        Scope::Unit(u) | Scope::Township(u) => units
            .iter()
            .find(|(id, _)| *id == u)
            .map_or_else(|| u.get().to_string(), |(_, n)| n.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_values_round_trip() {
        assert_eq!(scope_of(&scope_value(Scope::All)), Scope::All);
        let u = Scope::Unit(UnitId::new(7));
        assert_eq!(scope_of(&scope_value(u)), u);
        assert_eq!(scope_of("0"), Scope::All);
        assert_eq!(scope_of("x"), Scope::All);
    }
}
