//! 工作台: what is overdue, due today and due within a week (by responsible
//! unit), the cases at each stage (each a link to the filtered list), and
//! the key indicators against their targets for this month and the year
//! to date. Everything is derived once per version of the record (and
//! per day) in one memo.

use chrono::{Datelike, NaiveDate};
use xinfang_core::goals::IndicatorKind;
use xinfang_core::metrics::Indicator;
use xinfang_core::{Office, Period, Report, Scope, Stage};
use yew::prelude::*;

use crate::clock;
use crate::context::{go, use_app, AppHandle};
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use crate::route::Route;
use crate::ui::case_list_preset::{open_list, Preset};
use crate::ui::case_query::{group_thousands, item_count, Agenda, DueGroup, Index};

/// Items shown per unit in a due list; the rest are a link to the list.
const ITEMS_PER_UNIT: usize = 8;

/// What the dashboard shows, computed once per version of the record.
#[derive(Debug)]
struct Summary {
    stage_counts: [usize; Stage::ALL.len()],
    total: usize,
    overdue_count: usize,
    agenda: Agenda,
    month: Report,
    year: Option<Report>,
}

fn summarise(office: &Office, today: NaiveDate, view: crate::access::Viewer) -> Summary {
    // The viewing unit's cases only (see `unit_view`).
    let index = Index::build_for(office, today, view);
    let agenda = Agenda::build(office, &index);
    let month = Report::compute(office, Period::month_of(today), Scope::All, today);
    let year = NaiveDate::from_ymd_opt(today.year(), 1, 1)
        .and_then(|first| Period::range(first, today).ok())
        .map(|p| Report::compute(office, p, Scope::All, today));
    Summary {
        stage_counts: index.stage_counts(),
        total: index.entries().len(),
        overdue_count: index.overdue_count(),
        agenda,
        month,
        year,
    }
}

/// 工作台.
#[component]
pub fn DashboardPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();
    let view = crate::access::viewer(&app.prefs);
    let summary = use_memo((app.office.clone(), today, view), |(office, today, view)| {
        summarise(&office.get(), *today, *view)
    });

    let overdue_n = summary.overdue_count;
    let today_n = item_count(&summary.agenda.today);
    let week_n = item_count(&summary.agenda.week);

    html! {
        <section id="page-dashboard" class="dashboard">
            <h2 id="dashboard-title">{ tr(lang, "工作台", "Dashboard") }</h2>
            <p class="dash-date">
                { tr(lang, "今天是", "Today is ") }{ dates::display(lang, today) }
            </p>
            <p class="dash-summary" id="dash-summary">
                { tr(lang, "已超期 ", "Overdue: ") }
                <strong id="overdue-count" class={classes!((overdue_n > 0).then_some("overdue"))}>
                    { overdue_n }
                </strong>
                { tr(lang, " 件；今日到期 ", "; due today: ") }
                <strong id="due-today-count">{ today_n }</strong>
                { tr(lang, " 件；7日内到期 ", "; due within 7 days: ") }
                <strong id="due-week-count">{ week_n }</strong>
                { tr(lang, " 件。", ".") }
            </p>

            { stage_block(&app, lang, &summary) }

            <div class="dash-due">
                { due_block(&app, lang, "overdue", tr(lang, "已超期", "Overdue"), &summary.agenda.overdue, today) }
                { due_block(&app, lang, "due-today", tr(lang, "今日到期", "Due today"), &summary.agenda.today, today) }
                { due_block(&app, lang, "due-week", tr(lang, "7日内到期（明日起）", "Due within 7 days (from tomorrow)"), &summary.agenda.week, today) }
            </div>

            <crate::features::dashboard::work::DashboardWork />

            { indicator_block(lang, &summary.month, summary.year.as_ref()) }
        </section>
    }
}

/// The counts by stage, each a link to the list filtered to it.
fn stage_block(app: &AppHandle, lang: Lang, summary: &Summary) -> Html {
    let items = Stage::ALL.into_iter().zip(summary.stage_counts).map(|(stage, n)| {
        let onclick = {
            let app = app.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                open_list(&app, Preset { stage: Some(stage), ..Preset::default() });
            })
        };
        html! {
            <li>
                <a href="#/cases" class="stage-link" data-stage={stage.key()} {onclick}>
                    <span class="stage-name">{ stage.name(lang) }</span>
                    { " " }
                    <span class="stage-count">{ n }</span>
                </a>
            </li>
        }
    });
    html! {
        <section class="dash-block" aria-labelledby="stage-counts-title">
            <h3 id="stage-counts-title">{ tr(lang, "案件状态", "Cases by stage") }</h3>
            <ul id="stage-counts" class="stage-counts">{ for items }</ul>
            <p class="dash-total" id="dash-total">
                { tr(lang, "合计 ", "Total: ") }{ group_thousands(summary.total) }{ tr(lang, " 件", " cases") }
            </p>
        </section>
    }
}

/// One due list (`id`): groups by responsible unit, a few items each.
fn due_block(
    app: &AppHandle,
    lang: Lang,
    id: &'static str,
    title: &str,
    groups: &[DueGroup],
    today: NaiveDate,
) -> Html {
    let office = app.office.get();
    let org = &office.settings().org;
    let overdue = id == "overdue";
    let view = crate::access::viewer(&app.prefs);
    // An accusation withheld from the viewing unit shows the placeholder.
    let summary_of = |case: &xinfang_core::Case| view.summary(case, org).to_string();
    let body = if groups.is_empty() {
        html! { <p class="empty">{ tr(lang, "无", "None") }</p> }
    } else {
        html! { <>{ for groups.iter().map(|g| {
            let unit_name = g.unit.map_or_else(
                || tr(lang, "（未定单位）", "(no unit)").to_string(),
                |u| org.unit_name(u),
            );
            let items = g.items.iter().take(ITEMS_PER_UNIT).map(|(case_id, due)| {
                let Some(case) = office.case(*case_id) else { return html! {} };
                let when = if due.by < today {
                    match lang {
                        Lang::ZhCn => format!("已超期{}天", due.days_overdue(today)),
                        Lang::En => format!("{} days overdue", due.days_overdue(today)),
                    }
                } else {
                    dates::display(lang, due.by)
                };
                html! {
                    <li class="due-item" data-case={case_id.get().to_string()}>
                        <a href={crate::route::to_hash(Route::Case(*case_id))}
                           onclick={go(app, Route::Case(*case_id))}>{ case.number() }</a>
                        { " " }
                        <span class="due-summary">{ summary_of(case) }</span>
                        { " — " }
                        <span class="due-action">{ due.action.name(lang) }</span>
                        { " " }
                        <span class={classes!("due-when", overdue.then_some("overdue"))}>{ when }</span>
                        { crate::ui::provisional::mark(lang, due.provisional, None) }
                    </li>
                }
            });
            let more = g.items.len().saturating_sub(ITEMS_PER_UNIT);
            let more = (more > 0).then(|| {
                let preset = Preset {
                    unit: g.unit,
                    overdue,
                    sort: Some(crate::ui::case_query::Sort::DueSoonest),
                    ..Preset::default()
                };
                let app = app.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    open_list(&app, preset);
                });
                let text = match lang {
                    Lang::ZhCn => format!("另有 {more} 件，在案件查询中查看"),
                    Lang::En => format!("{more} more: see them in the case list"),
                };
                html! { <li class="due-more"><a href="#/cases" {onclick}>{ text }</a></li> }
            });
            html! {
                <div class="due-group" data-unit={g.unit.map(|u| u.get().to_string())}>
                    <h4>{ unit_name }{ format!("（{}）", g.items.len()) }</h4>
                    <ul>{ for items }{ for more }</ul>
                </div>
            }
        }) }</> }
    };
    html! {
        <section class="dash-block due-list" id={id}>
            <h3>{ title }{ format!("（{}）", item_count(groups)) }</h3>
            { body }
        </section>
    }
}

/// The indicators of this month and of the year to date against targets.
fn indicator_block(lang: Lang, month: &Report, year: Option<&Report>) -> Html {
    let month_label = match lang {
        Lang::ZhCn => month.period.label(),
        Lang::En => month.period.first().format("%B %Y").to_string(),
    };
    let rows = IndicatorKind::ALL.into_iter().map(|kind| {
        let m = month.indicator(kind);
        let y = year.map(|r| r.indicator(kind));
        let target = m.target.map_or_else(|| "—".to_string(), |t| t.to_string());
        html! {
            <tr data-indicator={kind.key()} class={status_class(m)}>
                <th scope="row" title={format!("{} ÷ {}", kind.numerator_label(), kind.denominator_label())}>
                    { kind.name(lang) }
                </th>
                <td class="ind-target">{ target }</td>
                { cell(lang, "month", m) }
                { y.map_or_else(|| html! { <td data-period="ytd">{ "—" }</td> }, |y| cell(lang, "ytd", y)) }
            </tr>
        }
    });
    html! {
        <section class="dash-block" aria-labelledby="indicators-title">
            <h3 id="indicators-title">{ tr(lang, "主要指标", "Key indicators") }</h3>
            <table id="indicators" class="indicators">
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "指标", "Indicator") }</th>
                        <th scope="col">{ tr(lang, "目标", "Target") }</th>
                        <th scope="col">{ tr(lang, "本月", "This month") }{ format!("（{month_label}）") }</th>
                        <th scope="col">{ tr(lang, "本年累计", "Year to date") }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="dash-note">
                { tr(lang,
                    "数值后为分子/分母；“达标”“未达标”按设置中的目标精确比较，无目标或无分母时显示“—”。",
                    "Each value is followed by numerator/denominator; met and missed compare exactly \
                     with the targets in the settings; “—” when there is no target or nothing to count.") }
            </p>
        </section>
    }
}

/// `met`, `missed`, or `no-target` (no goal, or nothing to judge).
fn status_class(i: &Indicator) -> &'static str {
    match i.met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "no-target",
    }
}

fn cell(lang: Lang, period: &'static str, i: &Indicator) -> Html {
    let status = match i.met {
        Some(true) => tr(lang, "达标", "met"),
        Some(false) => tr(lang, "未达标", "missed"),
        None => "—",
    };
    html! {
        <td data-period={period} class={classes!("ind-cell", status_class(i))}>
            <span class="ind-value">{ i.value_text() }</span>
            { " " }
            <span class="ind-frac">{ format!("{}/{}", i.numerator, i.denominator) }</span>
            { " " }
            <span class="ind-status">{ status }</span>
            { crate::ui::unjudged::note(lang, i) }
        </td>
    }
}
