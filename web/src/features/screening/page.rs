//! 矛盾纠纷排查: the screening page (`#page-screening`) over a period picked
//! at the top (this month, quarter or year so far, or a custom range):
//! 排查覆盖 (rounds done / due overall, per township and per village, the
//! missed slots), 排查记录 (record, filter, edit, remove rounds), 矛盾纠纷台账
//! (the hotspot ledger: add, edit, status, link or register a case, the
//! resolution rate, print) and 排查设置 (cadences, target, sensitive periods,
//! villages). Each section is a component of its own
//! (`components::screening_*`). The printed 矛盾纠纷排查化解台账
//! ([`HotspotsPrint`]) is an A4 landscape bordered table.

use chrono::NaiveDate;
use xinfang_core::cn_text::date_cn;
use xinfang_core::work::screening::HotspotStatus;
use yew::prelude::*;

use crate::context::use_app;
use crate::features::screening::cadences::SettingsSection;
use crate::features::screening::coverage::CoverageSection;
use crate::features::screening::forms::{period_range, PeriodKind};
use crate::features::screening::hotspots::HotspotsSection;
use crate::features::screening::rounds::RoundsSection;
use crate::i18n::{dates, tr};

/// 矛盾纠纷排查.
#[component]
pub fn ScreeningPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let kind = use_state_eq(|| PeriodKind::Month);
    let custom_from = use_state_eq(|| None::<NaiveDate>);
    let custom_to = use_state_eq(|| None::<NaiveDate>);
    let range = period_range(*kind, today, *custom_from, *custom_to);

    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(k) = PeriodKind::from_key(&v) {
                kind.set(k);
            }
        })
    };
    let on_date = |state: UseStateHandle<Option<NaiveDate>>| {
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            state.set(dates::parse_input(&v));
        })
    };
    let kind_label = |k: PeriodKind| match k {
        PeriodKind::Month => tr(lang, "本月", "This month"),
        PeriodKind::Quarter => tr(lang, "本季度", "This quarter"),
        PeriodKind::Year => tr(lang, "本年度", "This year"),
        PeriodKind::Custom => tr(lang, "自定义", "Custom"),
    };
    let range_text = match range {
        Some((from, to)) => {
            let (f, t) = (dates::display(lang, from), dates::display(lang, to));
            match lang {
                crate::i18n::Lang::ZhCn => format!("统计期间：{f} 至 {t}"),
                crate::i18n::Lang::En => format!("Counted from {f} to {t}"),
            }
        }
        None => tr(lang, "请选择自定义期间的起止日期。", "Choose both days of the range.").into(),
    };
    let value = |d: Option<NaiveDate>| d.map(dates::input_value).unwrap_or_default();

    html! {
        <section id="page-screening" class="screening">
            <h2>{ tr(lang, "矛盾纠纷排查", "Dispute screening") }</h2>
            <form class="scr-period no-print" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>
                    <span>{ tr(lang, "统计期间", "Period") }</span>
                    <select id="scr-period" onchange={on_kind}>
                        { for PeriodKind::ALL.into_iter().map(|k| html! {
                            <option value={k.key()} selected={*kind == k}>{ kind_label(k) }</option>
                        }) }
                    </select>
                </label>
                if *kind == PeriodKind::Custom {
                    <label>
                        <span>{ tr(lang, "自", "From") }</span>
                        <input id="scr-from" type="date" value={value(*custom_from)} onchange={on_date(custom_from.clone())} />
                    </label>
                    <label>
                        <span>{ tr(lang, "至", "To") }</span>
                        <input id="scr-to" type="date" value={value(*custom_to)} onchange={on_date(custom_to.clone())} />
                    </label>
                }
                <span id="scr-range" class="scr-range"
                      data-from={range.map(|r| r.0.to_string()).unwrap_or_default()}
                      data-to={range.map(|r| r.1.to_string()).unwrap_or_default()}>
                    { range_text }
                </span>
            </form>
            if let Some((from, to)) = range {
                <CoverageSection {from} {to} />
                <RoundsSection {from} {to} />
                <HotspotsSection {from} {to} />
            }
            <SettingsSection />
        </section>
    }
}

/// The status column of the printed ledger: `已化解（2025年3月28日）`,
/// `化解中（已超期）`.
pub fn status_cell(status: HotspotStatus, overdue: bool) -> String {
    match status {
        HotspotStatus::Resolved { on } => format!("已化解（{}）", date_cn(on)),
        s if overdue => format!("{}（已超期）", s.label()),
        s => s.label().to_string(),
    }
}

/// 矛盾纠纷排查化解台账: every hotspot, as an A4 landscape bordered table.
#[component]
pub fn HotspotsPrint() -> Html {
    let app = use_app();
    let today = crate::clock::today();
    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let categories = &office.settings().categories;
    let all: Vec<_> = work.screening.hotspots().collect();
    let count = |f: fn(HotspotStatus) -> bool| all.iter().filter(|h| f(h.status)).count();
    let resolved = count(|s| s.resolved_on().is_some());
    let resolving = count(|s| s == HotspotStatus::Resolving);
    let unresolved = count(|s| s == HotspotStatus::Unresolved);
    let overdue = all.iter().filter(|h| h.is_overdue(today)).count();
    let issuer = match org.petition_office() {
        Some(u) => org.unit_name(u),
        None => format!("{}信访部门", org.name()),
    };
    let viewer = crate::access::viewer(&app.prefs);
    let rows = all.iter().enumerate().map(|(i, h)| {
        let hid = h.id();
        let h = viewer.hotspot(&office, h.data());
        let category =
            h.category.filter(|c| categories.get(*c).is_some()).map(|c| categories.path(c));
        let leader = org.person(h.leader).map(|p| p.name().to_string()).unwrap_or_default();
        let case = h.case.map(|c| match office.case(c) {
            Some(case) => case.number().to_string(),
            None => c.to_string(),
        });
        let late = h.is_overdue(today);
        html! {
            <tr class={classes!("hs-print-row", late.then_some("overdue"))}
                data-hotspot={hid.get().to_string()}>
                <td>{ i + 1 }</td>
                <td>{ hid.to_string() }</td>
                <td>{ h.issue.clone() }</td>
                <td>{ h.place.clone() }</td>
                <td>{ category.unwrap_or_default() }</td>
                <td class="num">{ h.people_affected }</td>
                <td>{ leader }</td>
                <td>{ org.unit_name(h.unit) }</td>
                <td>{ h.plan.clone() }</td>
                <td>{ date_cn(h.found_on) }</td>
                <td>{ date_cn(h.deadline) }</td>
                <td>{ status_cell(h.status, late) }</td>
                <td>{ case.unwrap_or_default() }</td>
            </tr>
        }
    });
    html! {
        <article id="doc-hotspots" class="official-doc hotspots-doc" lang="zh-CN">
            <header class="doc-head">
                <div id="doc-issuer" class="doc-issuer">{ issuer }</div>
                <h1 id="doc-title" class="doc-title">{ "矛盾纠纷排查化解台账" }</h1>
                <p id="doc-number" class="doc-number">{ format!("（截至{}）", date_cn(today)) }</p>
            </header>
            <p id="hs-print-summary" class="hs-print-summary">{ format!(
                "共排查登记矛盾纠纷{}件，已化解{}件，化解中{}件，未化解{}件；其中超过化解时限未化解{}件。",
                all.len(), resolved, resolving, unresolved, overdue) }</p>
            <table id="doc-body" class="ledger-table hotspots-table">
                <thead>
                    <tr>
                        <th>{ "序号" }</th>
                        <th>{ "编号" }</th>
                        <th>{ "矛盾纠纷（问题）" }</th>
                        <th>{ "发生地点" }</th>
                        <th>{ "类别" }</th>
                        <th>{ "涉及人数" }</th>
                        <th>{ "责任领导" }</th>
                        <th>{ "责任单位" }</th>
                        <th>{ "化解方案" }</th>
                        <th>{ "排查发现日期" }</th>
                        <th>{ "化解时限" }</th>
                        <th>{ "化解情况" }</th>
                        <th>{ "关联案件" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows }
                    if all.is_empty() {
                        <tr><td colspan="13" class="empty">{ "（暂无登记）" }</td></tr>
                    }
                </tbody>
            </table>
            <div class="doc-signoff">
                <p id="doc-signature" class="doc-signature">{ format!("填报单位：{}", org.name()) }</p>
                <p id="doc-date" class="doc-date">{ format!("制表日期：{}", date_cn(today)) }</p>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cells() {
        let on = NaiveDate::from_ymd_opt(2025, 3, 28).unwrap();
        assert_eq!(status_cell(HotspotStatus::Resolved { on }, true), "已化解（2025年3月28日）");
        assert_eq!(status_cell(HotspotStatus::Resolving, true), "化解中（已超期）");
        assert_eq!(status_cell(HotspotStatus::Unresolved, false), "未化解");
    }
}
