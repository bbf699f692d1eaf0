//! “三无”乡镇 (`#page-three-none`): for a period (the year by default)
//! every active township with its three conditions — escalated visits
//! (from the cases), irregular visits (the office's recorded counts),
//! backlog cases open at the period's end — the cases behind each, whether
//! it meets 三无, the share against the target (editable), the record of
//! irregular visits, and the printed “三无”乡镇（街道）情况表
//! ([`ThreeNonePrint`]).

use chrono::{Datelike, NaiveDate};
use xinfang_core::cn_text::{date_cn, date_official};
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::three_none::{ThreeNoneReport, TownshipThreeNone};
use xinfang_core::work::WorkTargets;
use xinfang_core::{CaseId, Office, UnitId, WorkLedgers};
use yew::prelude::*;

use crate::context::{change_work, go, use_app, AppHandle};
use crate::features::three_none::irregular::IrregularVisitsSection;
use crate::forms::parse_percent;
use crate::i18n::{tr, Bilingual, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::ui::case_pick::case_link;
use crate::ui::period_picker::{
    period_label, year_choice, years, PeriodChoice, ReportPeriodPicker,
};

/// The cases of `township` registered in `from..=to` as escalated visits
/// (the cases behind the core's count).
pub fn escalated_cases(
    office: &Office,
    township: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<CaseId> {
    office
        .cases()
        .filter(|c| {
            let i = c.intake();
            i.township == Some(township)
                && i.escalation.is_some()
                && from <= i.received_on
                && i.received_on <= to
        })
        .map(|c| c.id())
        .collect()
}

/// The cases of `township` whose backlog entry is open on `on`.
pub fn open_backlog_cases(
    office: &Office,
    work: &WorkLedgers,
    township: UnitId,
    on: NaiveDate,
) -> Vec<CaseId> {
    work.backlog
        .open_on(on)
        .filter(|e| office.case(e.case).and_then(|c| c.intake().township) == Some(township))
        .map(|e| e.case)
        .collect()
}

/// How many case links a cell shows before “…”.
const LINKS: usize = 8;

fn case_links(app: &AppHandle, office: &Office, cases: &[CaseId], class: &'static str) -> Html {
    if cases.is_empty() {
        return html! {};
    }
    let more = cases.len().saturating_sub(LINKS);
    html! {
        <span class={classes!("tn-evidence", class)}>
            { for cases.iter().take(LINKS).map(|id| html! { <>{ case_link(app, office, *id) }{ " " }</> }) }
            if more > 0 { <span class="muted">{ format!("…+{more}") }</span> }
        </span>
    }
}

fn meets_text(lang: Lang, meets: bool) -> &'static str {
    if meets {
        tr(lang, "达标", "Yes")
    } else {
        tr(lang, "未达标", "No")
    }
}

/// The shortfalls in the interface language.
fn shortfalls(lang: Lang, t: &TownshipThreeNone) -> String {
    match lang {
        Lang::ZhCn => t.shortfalls().join("，"),
        Lang::En => {
            let mut out = Vec::new();
            if t.escalated > 0 {
                out.push(format!("{} escalated", t.escalated));
            }
            if t.irregular > 0 {
                out.push(format!("{} irregular", t.irregular));
            }
            if t.open_backlog > 0 {
                out.push(format!("{} open backlog", t.open_backlog));
            }
            out.join(", ")
        }
    }
}

/// “三无”乡镇.
#[component]
pub fn ThreeNonePage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let choice = use_state_eq(|| year_choice(today));
    let target_text = use_state_eq(|| None::<String>);
    let target_error = use_state_eq(|| None::<Bilingual>);
    let on_period = {
        let choice = choice.clone();
        Callback::from(move |c: PeriodChoice| choice.set(c))
    };
    let on_target_input = {
        let t = target_text.clone();
        Callback::from(move |e: InputEvent| {
            t.set(Some(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
        })
    };
    let on_target = {
        let (app, t, err) = (app.clone(), target_text.clone(), target_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(typed) = (*t).clone() else { return };
            match parse_percent(&typed) {
                Ok(p) => {
                    err.set(None);
                    t.set(None);
                    let current = app.work().targets;
                    change_work(
                        &app,
                        WorkChange::SetTargets(WorkTargets { three_none: p, ..current }),
                    );
                }
                Err(msg) => err.set(Some(msg)),
            }
        })
    };

    let office = app.office.get();
    let year_list = years(&office, today);
    let picker = html! {
        <ReportPeriodPicker {lang} choice={*choice} years={year_list} on_change={on_period} />
    };
    let period = match choice.period() {
        Ok(p) => p,
        Err(problem) => {
            return html! {
                <section id="page-three-none" class="work-page">
                    <h2>{ tr(lang, "“三无”乡镇（街道）", "Three-none townships") }</h2>
                    { picker }
                    <p class="form-error">{ problem.text(lang) }</p>
                </section>
            }
        }
    };
    let (from, to) = (period.first(), period.last());
    let work = app.work();
    let report = work.three_none(&office.settings().org, office.cases(), from, to);
    let org = &office.settings().org;
    let rows = report.townships.iter().map(|t| {
        let name = org.unit_name(t.township);
        let escalated = escalated_cases(&office, t.township, from, to);
        let backlog = open_backlog_cases(&office, &work, t.township, to);
        let meets = t.meets();
        html! {
            <tr class={classes!("tn-row", if meets { "met" } else { "missed" })}
                data-unit={t.township.get().to_string()} data-name={name.clone()}
                data-meets={meets.to_string()}>
                <th scope="row" class="tn-name">{ name }</th>
                <td class="tn-escalated">
                    <span class="tn-count">{ t.escalated }</span>{ " " }
                    { case_links(&app, &office, &escalated, "tn-escalated-cases") }
                </td>
                <td class="tn-irregular"><span class="tn-count">{ t.irregular }</span></td>
                <td class="tn-backlog">
                    <span class="tn-count">{ t.open_backlog }</span>{ " " }
                    { case_links(&app, &office, &backlog, "tn-backlog-cases") }
                    if !backlog.is_empty() {
                        <a class="tn-backlog-link" href={route::to_hash(Route::Backlog)} onclick={go(&app, Route::Backlog)}>
                            { tr(lang, "积案台账", "ledger") }
                        </a>
                    }
                </td>
                <td class="tn-status">
                    <strong>{ meets_text(lang, meets) }</strong>
                    if !meets { <span class="tn-shortfalls muted">{ format!("（{}）", shortfalls(lang, t)) }</span> }
                </td>
            </tr>
        }
    });
    let met = report.meets_target();
    let print = Route::WorkPrint(WorkDoc::ThreeNone(from.year()));
    let target_value = (*target_text).clone().unwrap_or_else(|| report.target.to_string());
    html! {
        <section id="page-three-none" class="work-page">
            <h2>{ tr(lang, "“三无”乡镇（街道）", "Three-none townships") }</h2>
            <p class="intro muted">
                { tr(lang,
                    "无去市到省进京上访、无非正常上访、无信访积案。越级访按期间内登记的案件统计；非正常上访按登记的次数；积案按期末未办结的台账。",
                    "No escalated visits, no irregular visits, no open backlog. Escalated visits are the cases registered in the period; irregular visits the counts recorded; the backlog open at the period's end.") }
            </p>
            { picker }
            <section id="three-none-summary" class="case-section">
                <h3 id="three-none-period">{ period_label(lang, period) }</h3>
                <table class="report-table">
                    <tbody>
                        <tr id="three-none-share" class={classes!("rate-row", if met { "met" } else { "missed" })}
                            data-num={report.rate.numerator.to_string()} data-den={report.rate.denominator.to_string()}
                            data-met={met.to_string()}>
                            <th scope="row">{ tr(lang, "“三无”乡镇比率", "Share meeting three-none") }</th>
                            <td class="rate-value">{ report.rate.to_string() }</td>
                            <td class="rate-target">{ format!("≥ {}%", report.target) }</td>
                            <td class="rate-status">{ if met { tr(lang, "达到目标", "target met") } else { tr(lang, "未达到目标", "target missed") } }</td>
                        </tr>
                    </tbody>
                </table>
                <form id="three-none-target-form" class="inline-form target-form" onsubmit={on_target} novalidate=true>
                    <label for="target-three-none">{ tr(lang, "目标（%）", "Target (%)") }</label>
                    <input id="target-three-none" type="number" min="0" max="100" value={target_value} oninput={on_target_input} />
                    <button id="three-none-target-submit" type="submit">{ tr(lang, "保存目标", "Save target") }</button>
                    if let Some(msg) = &*target_error {
                        <span id="three-none-target-error" class="field-error" role="alert">{ msg.get(lang).to_string() }</span>
                    }
                </form>
                <p>
                    <a id="three-none-print" class="button" href={route::to_hash(print)} onclick={go(&app, print)}>
                        { match lang {
                            Lang::ZhCn => format!("打印{}年度情况表", from.year()),
                            Lang::En => format!("Print the {} table", from.year()),
                        } }
                    </a>
                </p>
            </section>
            <div class="table-scroll">
                <table id="three-none-table" class="case-table three-none-table">
                    <thead>
                        <tr>
                            <th>{ tr(lang, "乡镇（街道）", "Township") }</th>
                            <th>{ tr(lang, "越级访（件）", "Escalated visits") }</th>
                            <th>{ tr(lang, "非正常上访（次）", "Irregular visits") }</th>
                            <th>{ tr(lang, "未办结积案（件）", "Open backlog") }</th>
                            <th>{ tr(lang, "是否“三无”", "Three-none") }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <IrregularVisitsSection key={format!("{from}-{to}")} {from} {to} />
        </section>
    }
}

/// Props of [`ThreeNonePrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct ThreeNonePrintProps {
    /// Which.
    pub year: i32,
}

/// The year's report for the sheet.
fn year_report(office: &Office, work: &WorkLedgers, year: i32) -> Option<ThreeNoneReport> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Some(work.three_none(&office.settings().org, office.cases(), from, to))
}

/// “三无”乡镇（街道）情况表 of a year: the counts per township (no cases,
/// no people), whether each meets it, and the share against the target.
#[component]
pub fn ThreeNonePrint(props: &ThreeNonePrintProps) -> Html {
    let app = use_app();
    let office = app.office.get();
    let work = app.work();
    let year = props.year;
    let Some(report) = year_report(&office, &work, year) else {
        return html! { <p id="doc-missing" class="doc-missing">{ "年份无效" }</p> };
    };
    let org = &office.settings().org;
    let rows = report.townships.iter().enumerate().map(|(n, t)| {
        html! {
            <tr data-unit={t.township.get().to_string()} data-meets={t.meets().to_string()}>
                <td>{ n + 1 }</td>
                <td>{ org.unit_name(t.township) }</td>
                <td>{ t.escalated }</td>
                <td>{ t.irregular }</td>
                <td>{ t.open_backlog }</td>
                <td>{ if t.meets() { "是" } else { "否" } }</td>
                <td>{ t.shortfalls().join("，") }</td>
            </tr>
        }
    });
    let summary = format!(
        "{year}年度，全{}{}个乡镇（街道）中实现“三无”的{}个，占{}，目标为{}%以上，{}。",
        if org.name().ends_with('县') { "县" } else { "" },
        report.rate.denominator,
        report.rate.numerator,
        report.rate.percent_text(),
        report.target,
        if report.meets_target() { "已达到目标" } else { "未达到目标" },
    );
    let today = crate::clock::today();
    html! {
        <article id="doc-three-none" class="official-doc ledger-doc" lang="zh-CN">
            <header class="doc-head">
                <div class="doc-issuer">{ org.name().to_string() }</div>
                <h1 id="doc-title" class="doc-title">{ "“三无”乡镇（街道）情况表" }</h1>
                <p class="doc-number">{ format!("（{year}年度）") }</p>
            </header>
            <div id="doc-body" class="doc-body">
                <table class="ledger-table">
                    <thead>
                        <tr>
                            <th>{ "序号" }</th><th>{ "乡镇（街道）" }</th><th>{ "越级访（件）" }</th>
                            <th>{ "非正常上访（次）" }</th><th>{ "未办结积案（件）" }</th>
                            <th>{ "是否实现“三无”" }</th><th>{ "备注" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <p id="three-none-doc-summary">{ summary }</p>
                <p class="doc-note">{ format!(
                    "注：越级访按{year}年登记的去市、到省、进京上访案件统计；非正常上访按登记的次数统计；积案按截至{}未办结的积案台账统计。",
                    date_cn(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)),
                ) }</p>
            </div>
            <div class="doc-signoff">
                <p class="doc-signature">{ org.name().to_string() }</p>
                <p class="doc-date">{ date_official(today) }</p>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_sample::SampleConfig;

    #[test]
    fn the_evidence_adds_up_to_the_cores_counts() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let config = SampleConfig::year(2026, today, 3_000);
        let office = xinfang_sample::generate(xinfang_core::Settings::sample_county(), &config)
            .expect("sample");
        let work = xinfang_sample::sample_work(&office, 2026, config.first_day, today);
        let (from, to) = (NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), today);
        let report = work.three_none(&office.settings().org, office.cases(), from, to);
        let mut escalated = 0;
        for t in &report.townships {
            let cases = escalated_cases(&office, t.township, from, to);
            assert_eq!(cases.len() as u32, t.escalated);
            escalated += cases.len();
            assert_eq!(
                open_backlog_cases(&office, &work, t.township, to).len() as u32,
                t.open_backlog
            );
        }
        assert!(escalated > 0, "the sample has escalated visits");
        let year = year_report(&office, &work, 2026).unwrap();
        assert_eq!(year.townships.len(), report.townships.len());
    }
}
