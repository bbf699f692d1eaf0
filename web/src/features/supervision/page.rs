//! 督办: every open reminder and supervision notice (催办/督办) across all
//! cases, grouped by the unit pressed, with the days left or overdue; the
//! per-unit counts (open, overdue, closed this year); filters by unit, kind
//! and due state; closed ones on request, each with its history.
//!
//! The data comes from [`crate::features::supervision::board`]: the items are memoised
//! per version of the record, the counts per (record, day) and the grouping
//! per (record, filters, day), so filtering the 3,000-case sandbox stays
//! quick. Issuing and closing happen on the case page (`#act-supervise`,
//! `#act-close-supervision`).
//!
//! The 三无 township status is not shown: the core's `work::three_none`
//! needs the backlog and irregular-visit ledgers, which the app does not
//! store yet.

use chrono::NaiveDateTime;
use xinfang_core::case::SupervisionKind;
use xinfang_core::{CaseId, UnitId};
use yew::prelude::*;

use crate::context::{go, use_app, AppHandle};
use crate::features::supervision::board::{
    due_text, items_for, select, unit_counts, units, Due, Filters, Item, StateFilter,
};
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use crate::route::Route;
use crate::{clock, route};

/// 督办.
#[component]
pub fn SupervisionPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();
    let filters = use_state(Filters::default);

    // The viewing unit's cases only (see `unit_view`).
    let view = crate::access::viewer(&app.prefs);
    let all =
        use_memo((app.office.clone(), view), |(office, view)| items_for(&office.get(), *view));
    let counts = {
        let all = all.clone();
        use_memo((app.office.clone(), today, view), move |(_, today, _)| unit_counts(&all, *today))
    };
    let groups = {
        let all = all.clone();
        use_memo((app.office.clone(), (*filters).clone(), today, view), move |(_, f, today, _)| {
            select(&all, f, *today)
        })
    };

    let update = {
        let filters = filters.clone();
        move |change: Box<dyn Fn(&mut Filters)>| {
            let mut next = (*filters).clone();
            change(&mut next);
            filters.set(next);
        }
    };
    let on_select = |apply: fn(&mut Filters, &str)| {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            update(Box::new(move |f| apply(f, &value)));
        })
    };
    let on_unit = on_select(|f, v| f.unit = v.parse().ok().map(UnitId::new));
    let on_kind = on_select(|f, v| f.kind = SupervisionKind::from_key(v));
    let on_state = on_select(|f, v| f.state = StateFilter::from_key(v));
    let on_closed = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            update(Box::new(move |f| f.show_closed = on));
        })
    };
    let pick_unit = |unit: UnitId| {
        let update = update.clone();
        Callback::from(move |_: MouseEvent| update(Box::new(move |f| f.unit = Some(unit))))
    };

    let office = app.office.get();
    let f = &*filters;
    let name = |unit: UnitId| office.settings().org.unit_name(unit);
    let shown: usize = groups.iter().map(|g| g.items.len()).sum();
    let mut unit_options = units(&all);
    if let Some(u) = f.unit.filter(|u| !unit_options.contains(u)) {
        unit_options.push(u);
    }
    let (open, overdue, closed) = counts
        .iter()
        .fold((0, 0, 0), |(a, b, c), u| (a + u.open, b + u.overdue, c + u.closed_this_year));

    html! {
        <section id="page-supervision" class="supervision">
            <h2 id="sv-title">{ tr(lang, "督办", "Supervision board") }</h2>
            <p class="sv-intro">{ tr(lang,
                "各案件未办结的催办、督办事项，按被督办单位分组。下发和办结督办在案件页办理。",
                "Open reminders and supervision notices of all cases, by the unit pressed. Notices are issued and closed on the case page.") }</p>

            <form class="case-filters sv-filters no-print"
                  onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>
                    <span>{ tr(lang, "被督办单位", "Unit pressed") }</span>
                    <select id="sv-unit" onchange={on_unit}>
                        <option value="" selected={f.unit.is_none()}>{ tr(lang, "全部", "All") }</option>
                        { for unit_options.iter().map(|u| html! {
                            <option value={u.get().to_string()} selected={f.unit == Some(*u)}>{ name(*u) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "督办方式", "Kind") }</span>
                    <select id="sv-kind" onchange={on_kind}>
                        <option value="" selected={f.kind.is_none()}>{ tr(lang, "全部", "All") }</option>
                        { for SupervisionKind::ALL.into_iter().map(|k| html! {
                            <option value={k.key()} selected={f.kind == Some(k)}>{ k.name(lang) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "期限状态", "Due") }</span>
                    <select id="sv-state" onchange={on_state}>
                        { for StateFilter::ALL.into_iter().map(|s| html! {
                            <option value={s.key()} selected={f.state == s}>{ s.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="filter-check">
                    <input id="sv-show-closed" type="checkbox" checked={f.show_closed} onchange={on_closed} />
                    <span>{ tr(lang, "显示已办结", "Show closed ones too") }</span>
                </label>
            </form>

            <div class="sv-layout">
            <section class="sv-counts" aria-labelledby="sv-counts-title">
                <h3 id="sv-counts-title">{ tr(lang, "各单位督办情况", "By unit") }</h3>
                <div class="table-scroll">
                    <table id="sv-units" class="sv-units">
                        <thead>
                            <tr>
                                <th scope="col">{ tr(lang, "被督办单位", "Unit pressed") }</th>
                                <th scope="col">{ tr(lang, "未办结", "Open") }</th>
                                <th scope="col">{ tr(lang, "已超期", "Overdue") }</th>
                                <th scope="col">{ tr(lang, "本年已办结", "Closed this year") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for counts.iter().map(|c| html! {
                                <tr data-unit={c.unit.get().to_string()} data-open={c.open.to_string()}
                                    data-overdue={c.overdue.to_string()}
                                    data-closed={c.closed_this_year.to_string()}
                                    class={classes!((f.unit == Some(c.unit)).then_some("chosen"))}>
                                    <th scope="row">
                                        <button type="button" class="sv-unit-pick" onclick={pick_unit(c.unit)}
                                                title={tr(lang, "只看该单位", "Show this unit only")}>
                                            { name(c.unit) }
                                        </button>
                                    </th>
                                    <td class="sv-open">{ c.open }</td>
                                    <td class={classes!("sv-overdue", (c.overdue > 0).then_some("overdue"))}>{ c.overdue }</td>
                                    <td class="sv-closed-year">{ c.closed_this_year }</td>
                                </tr>
                            }) }
                        </tbody>
                        <tfoot>
                            <tr id="sv-units-total">
                                <th scope="row">{ tr(lang, "合计", "Total") }</th>
                                <td>{ open }</td>
                                <td>{ overdue }</td>
                                <td>{ closed }</td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </section>

            <section class="sv-board" aria-labelledby="sv-board-title">
                <h3 id="sv-board-title">{ tr(lang, "督办事项", "Notices") }</h3>
                <p id="sv-total" data-count={shown.to_string()} aria-live="polite">
                    { match lang {
                        Lang::ZhCn => format!("共 {shown} 项"),
                        Lang::En => format!("{shown} shown"),
                    } }
                </p>
                { for groups.iter().map(|g| html! {
                    <section class="sv-group" data-unit={g.unit.get().to_string()} key={g.unit.get()}>
                        <h4>
                            { name(g.unit) }
                            <span class="sv-group-count">{ match lang {
                                Lang::ZhCn => format!("（{} 项，超期 {} 项）", g.items.len(), g.overdue),
                                Lang::En => format!(" ({}, {} overdue)", g.items.len(), g.overdue),
                            } }</span>
                        </h4>
                        <ul class="sv-list">
                            { for g.items.iter().map(|i| item_view(&app, lang, &all[*i], today)) }
                        </ul>
                    </section>
                }) }
                if shown == 0 {
                    <p id="sv-empty" class="empty">{ tr(lang, "没有符合条件的督办事项。", "No notice matches.") }</p>
                }
            </section>
            </div>
        </section>
    }
}

/// One notice: `.sv-item` with its case link, kind, dates, days left or
/// overdue, note, closing and history.
fn item_view(app: &AppHandle, lang: Lang, item: &Item, today: chrono::NaiveDate) -> Html {
    let due = item.due(today);
    let overdue = matches!(due, Due::Overdue(_));
    let closed = !item.is_open();
    let case: CaseId = item.case;
    let date = |d| dates::display(lang, d);
    let labelled = |label: &'static str, value: String, class: &'static str| {
        html! {
            <span class={classes!("sv-field", class)}>
                <span class="sv-label">{ label }</span>{ value }
            </span>
        }
    };
    let respond_by = item.respond_by.map_or_else(|| "—".to_string(), date);
    html! {
        <li class={classes!("sv-item", overdue.then_some("overdue"), closed.then_some("closed"))}
            id={format!("sv-item-{}-{}", case.get(), item.no)}
            data-case={case.get().to_string()} data-no={item.no.to_string()}
            data-unit={item.unit.get().to_string()}>
            <div class="sv-head">
                <a class="sv-case-link" href={route::to_hash(Route::Case(case))}
                   onclick={go(app, Route::Case(case))}>{ item.number.clone() }</a>
                <span class="sv-kind">{ item.kind.name(lang) }</span>
                <span class={classes!("sv-due", overdue.then_some("overdue"))}
                      data-by={item.respond_by.map(dates::input_value)}>
                    { due_text(due, lang) }
                </span>
            </div>
            <div class="sv-dates">
                { labelled(tr(lang, "下发：", "Issued: "), date(item.on), "sv-on") }
                { labelled(tr(lang, "反馈期限：", "Respond by: "), respond_by, "sv-respond-by") }
            </div>
            <p class="sv-note">{ item.note.clone() }</p>
            if let Some(c) = &item.closed {
                <p class="sv-closed" data-closed-on={dates::input_value(c.on)}>
                    { labelled(tr(lang, "办结：", "Closed: "), date(c.on), "sv-closed-on") }
                    <span class="sv-response">{ c.note.clone() }</span>
                </p>
            }
            <ol class="sv-history">
                <li class="sv-history-issued">
                    { match lang {
                        Lang::ZhCn => format!("{} 下发{}（第{}号）", date(item.on), item.kind.label(), item.no),
                        Lang::En => format!("{}: {} issued (no. {})", date(item.on), item.kind.name(lang), item.no),
                    } }
                    { recorded(lang, item.issued_at) }
                </li>
                if let Some(c) = &item.closed {
                    <li class="sv-history-closed">
                        { match lang {
                            Lang::ZhCn => format!("{} 办结：{}", date(c.on), c.note),
                            Lang::En => format!("{}: closed: {}", date(c.on), c.note),
                        } }
                        { recorded(lang, item.closed_at) }
                    </li>
                }
            </ol>
        </li>
    }
}

/// `（录入 2025-03-04 09:30）`: when the step was recorded.
fn recorded(lang: Lang, at: Option<NaiveDateTime>) -> Html {
    match at {
        Some(at) => html! {
            <span class="sv-recorded">{ match lang {
                Lang::ZhCn => format!("（录入 {}）", at.format("%Y-%m-%d %H:%M")),
                Lang::En => format!(" (recorded {})", at.format("%Y-%m-%d %H:%M")),
            } }</span>
        },
        None => html! {},
    }
}
