//! 案件查询: the case list with filters (stage, responsible unit, category
//! with its children, channel, received from/to, overdue only), a text
//! search, four orders and pages of 50.
//!
//! The filter state lives in this component (it does not survive a reload).
//! Other pages open the list pre-filtered through `sessionStorage` (see
//! [`crate::ui::case_list_preset`]; the dashboard's stage links set
//! `xinfang.list-stage`). Responsive with 20,000 cases: the per-case index
//! is memoised per version of the record, the query per (record, filters,
//! order), and only the 50 rows shown are formatted.

use xinfang_core::{Case, CaseId, CategoryId, Office, UnitId, UnitKind};
use yew::prelude::*;

use crate::clock;
use crate::context::{go, use_app, AppHandle};
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use crate::route::Route;
use crate::state::Msg;
use crate::ui::case_list_preset::take_preset;
use crate::ui::case_query::{query, ChannelFilter, Filters, Index, Needle, Paging, Sort};
use xinfang_core::Stage;

/// 案件查询.
#[component]
pub fn CasesPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = clock::today();

    let initial = use_memo((), |()| take_preset());
    let filters = {
        let initial = initial.clone();
        use_state(move || initial.0.clone())
    };
    let sort = use_state(move || initial.1);
    let page = use_state(|| 0usize);

    // Only the cases of the unit whose view is shown (see `unit_view`).
    let view = crate::access::viewer(&app.prefs);
    let index = use_memo((app.office.clone(), today, view), |(office, today, view)| {
        Index::build_for(&office.get(), *today, *view)
    });
    let ids = {
        let index = index.clone();
        use_memo(
            (app.office.clone(), today, (*filters).clone(), *sort, view),
            move |(office, _, filters, sort, _)| query(&office.get(), &index, filters, *sort),
        )
    };
    let paging = Paging::new(ids.len(), *page);

    // Every change of a filter starts again at the first page.
    let update = {
        let filters = filters.clone();
        let page = page.clone();
        move |change: Box<dyn Fn(&mut Filters)>| {
            let mut next = (*filters).clone();
            change(&mut next);
            filters.set(next);
            page.set(0);
        }
    };
    let on_select = |apply: fn(&mut Filters, &str)| {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            update(Box::new(move |f| apply(f, &value)));
        })
    };
    let on_date = |apply: fn(&mut Filters, &str)| {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            update(Box::new(move |f| apply(f, &value)));
        })
    };
    let on_stage = on_select(|f, v| f.stage = Stage::from_key(v));
    let on_unit = on_select(|f, v| f.unit = v.parse().ok().map(UnitId::new));
    let on_category = on_select(|f, v| f.category = v.parse().ok().map(CategoryId::new));
    let on_channel = on_select(|f, v| f.channel = ChannelFilter::from_key(v));
    let on_from = on_date(|f, v| f.from = dates::parse_input(v));
    let on_to = on_date(|f, v| f.to = dates::parse_input(v));
    let on_overdue = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            update(Box::new(move |f| f.overdue_only = on));
        })
    };
    let on_search = {
        let update = update.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            update(Box::new(move |f| f.search = text.clone()));
        })
    };
    let on_sort = {
        let sort = sort.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            sort.set(Sort::from_key(&value).unwrap_or_default());
            page.set(0);
        })
    };
    let on_reset = {
        let filters = filters.clone();
        let sort = sort.clone();
        let page = page.clone();
        Callback::from(move |_: MouseEvent| {
            filters.set(Filters::default());
            sort.set(Sort::default());
            page.set(0);
        })
    };
    let on_prev = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(paging.page.saturating_sub(1)))
    };
    let on_next = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(paging.page + 1))
    };

    let office = app.office.get();
    let f = &*filters;
    let needle = Needle::new(&f.search);
    let rows = paging.slice(&ids).iter().filter_map(|id| {
        let case = office.case(*id)?;
        Some(row(&app, lang, &office, &index, case, needle.as_ref()))
    });
    let date_value = |d: Option<chrono::NaiveDate>| d.map(dates::input_value).unwrap_or_default();

    html! {
        <section id="page-cases" class="cases">
            <h2 id="cases-title">{ tr(lang, "案件查询", "Cases") }</h2>
            <form class="case-filters no-print" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="filter-search">
                    <span>{ tr(lang, "搜索", "Search") }</span>
                    <input id="search" type="search" value={f.search.clone()} oninput={on_search}
                        placeholder={tr(lang, "编号、姓名、反映问题、内容、村（社区）", "Number, name, summary, content, village")} />
                </label>
                <label>
                    <span>{ tr(lang, "状态", "Stage") }</span>
                    <select id="filter-stage" onchange={on_stage}>
                        <option value="" selected={f.stage.is_none()}>{ tr(lang, "全部", "All") }</option>
                        { for Stage::ALL.into_iter().map(|s| html! {
                            <option value={s.key()} selected={f.stage == Some(s)}>{ s.name(lang) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "责任单位", "Responsible unit") }</span>
                    { unit_select(lang, &office, f.unit, on_unit) }
                </label>
                <label>
                    <span>{ tr(lang, "内容分类", "Category") }</span>
                    { category_select(lang, &office, f.category, on_category) }
                </label>
                <label>
                    <span>{ tr(lang, "信访形式", "Channel") }</span>
                    <select id="filter-channel" onchange={on_channel}>
                        <option value="" selected={f.channel.is_none()}>{ tr(lang, "全部", "All") }</option>
                        { for ChannelFilter::ALL.into_iter().map(|c| html! {
                            <option value={c.key()} selected={f.channel == Some(c)}>{ c.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "登记日期自", "Received from") }</span>
                    <input id="filter-from" type="date" value={date_value(f.from)} onchange={on_from} />
                </label>
                <label>
                    <span>{ tr(lang, "至", "to") }</span>
                    <input id="filter-to" type="date" value={date_value(f.to)} onchange={on_to} />
                </label>
                <label class="filter-check">
                    <input id="filter-overdue" type="checkbox" checked={f.overdue_only} onchange={on_overdue} />
                    <span>{ tr(lang, "只看已超期", "Overdue only") }</span>
                </label>
                <label>
                    <span>{ tr(lang, "排序", "Order") }</span>
                    <select id="sort" onchange={on_sort}>
                        { for Sort::ALL.into_iter().map(|s| html! {
                            <option value={s.key()} selected={*sort == s}>{ s.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <button id="filter-reset" type="button" onclick={on_reset}
                        disabled={f.is_empty() && *sort == Sort::default()}>
                    { tr(lang, "清除条件", "Clear") }
                </button>
            </form>

            { pager(lang, paging, on_prev, on_next) }

            <div class="case-table-wrap">
                <table id="case-table" class="case-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "编号", "Number") }</th>
                            <th scope="col">{ tr(lang, "登记日期", "Received") }</th>
                            <th scope="col">{ tr(lang, "形式", "Channel") }</th>
                            <th scope="col">{ tr(lang, "信访人", "Petitioner") }</th>
                            <th scope="col">{ tr(lang, "身份证号/电话", "ID / phone") }</th>
                            <th scope="col">{ tr(lang, "内容分类", "Category") }</th>
                            <th scope="col">{ tr(lang, "反映问题", "Summary") }</th>
                            <th scope="col">{ tr(lang, "责任单位", "Responsible unit") }</th>
                            <th scope="col">{ tr(lang, "状态", "Stage") }</th>
                            <th scope="col">{ tr(lang, "下一期限", "Next due") }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if paging.total == 0 {
                    <p id="case-empty" class="empty">{ tr(lang, "没有符合条件的案件。", "No case matches.") }</p>
                }
            </div>
        </section>
    }
}

/// The page buttons and `#page-info`.
fn pager(
    lang: Lang,
    paging: Paging,
    on_prev: Callback<MouseEvent>,
    on_next: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="case-pager">
            <button id="page-prev" type="button" onclick={on_prev} disabled={!paging.has_prev()}>
                { tr(lang, "上一页", "Previous") }
            </button>
            <span id="page-info" aria-live="polite">{ paging.info(lang) }</span>
            <button id="page-next" type="button" onclick={on_next} disabled={!paging.has_next()}>
                { tr(lang, "下一页", "Next") }
            </button>
        </div>
    }
}

/// `#filter-unit`: every unit (active or not: old cases keep theirs), by kind.
fn unit_select(
    lang: Lang,
    office: &Office,
    selected: Option<UnitId>,
    onchange: Callback<Event>,
) -> Html {
    let org = &office.settings().org;
    let groups = UnitKind::ALL.into_iter().map(|kind| {
        let options = org.units().filter(|u| u.kind() == kind).map(|u| {
            html! {
                <option value={u.id().get().to_string()} selected={selected == Some(u.id())}>
                    { u.name() }
                </option>
            }
        });
        html! { <optgroup label={kind.name(lang)}>{ for options }</optgroup> }
    });
    html! {
        <select id="filter-unit" {onchange}>
            <option value="" selected={selected.is_none()}>{ tr(lang, "全部", "All") }</option>
            { for groups }
        </select>
    }
}

/// `#filter-category`: the tree, children indented under their parent.
fn category_select(
    lang: Lang,
    office: &Office,
    selected: Option<CategoryId>,
    onchange: Callback<Event>,
) -> Html {
    let tree = &office.settings().categories;
    let options = tree.iter().map(|c| {
        let depth = tree.ancestors(c.id()).count().saturating_sub(1);
        let label = format!("{}{}", "　".repeat(depth), c.name());
        html! {
            <option value={c.id().get().to_string()} selected={selected == Some(c.id())}>
                { label }
            </option>
        }
    });
    html! {
        <select id="filter-category" {onchange}>
            <option value="" selected={selected.is_none()}>{ tr(lang, "全部", "All") }</option>
            { for options }
        </select>
    }
}

/// One `tr.case-row`.
fn row(
    app: &AppHandle,
    lang: Lang,
    office: &Office,
    index: &Index,
    case: &Case,
    needle: Option<&Needle>,
) -> Html {
    let id: CaseId = case.id();
    let today = index.today();
    let entry = index.entry(id);
    // An accusation hidden from the viewing unit shows the placeholder.
    let hidden_case = entry.is_some_and(|e| e.hidden);
    let redacted = hidden_case.then(|| xinfang_core::access::redact_case(case));
    let case = redacted.as_ref().unwrap_or(case);
    let needle = needle.filter(|_| !hidden_case);
    let intake = case.intake();
    let settings = office.settings();
    let petitioner = intake.primary().map_or_else(String::new, |p| {
        let others = intake.head_count.max(intake.petitioners.len() as u32);
        match (others > 1, lang) {
            (false, _) => p.name.clone(),
            (true, Lang::ZhCn) => format!("{} 等{}人", p.name, others),
            (true, Lang::En) => format!("{} and {} others", p.name, others - 1),
        }
    });
    let identity = intake.primary().map_or_else(String::new, |p| {
        let parts: Vec<String> = p
            .id_number
            .iter()
            .map(|n| n.masked())
            .chain(p.phone.iter().map(|ph| ph.masked()))
            .collect();
        if parts.is_empty() {
            "—".into()
        } else {
            parts.join(" / ")
        }
    });
    let unit = entry.and_then(|e| e.unit).map(|u| settings.org.unit_name(u)).unwrap_or_default();
    let stage = entry.map_or_else(|| case.stage(), |e| e.stage);
    let due = entry.and_then(|e| e.due);
    let overdue = due.is_some_and(|d| d.is_overdue(today));
    let due_text = due.map_or_else(
        || "—".to_string(),
        |d| {
            let late = if overdue {
                match lang {
                    Lang::ZhCn => format!("（已超期{}天）", d.days_overdue(today)),
                    Lang::En => format!(" ({} days overdue)", d.days_overdue(today)),
                }
            } else {
                String::new()
            };
            format!("{} {}{late}", d.action.name(lang), dates::display(lang, d.by))
        },
    );
    let hidden = needle.and_then(|n| n.hidden_match(case, lang));
    let onclick = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Msg::Navigate(Route::Case(id))))
    };
    html! {
        <tr class={classes!("case-row", overdue.then_some("overdue-row"))}
            data-case={id.get().to_string()}
            data-received={dates::input_value(intake.received_on)}
            data-stage={stage.key()}
            {onclick}>
            <td class="number">
                <a href={crate::route::to_hash(Route::Case(id))} onclick={go(app, Route::Case(id))}>
                    { case.number() }
                </a>
            </td>
            <td class="received">{ dates::display(lang, intake.received_on) }</td>
            <td class="channel">{ intake.channel.name(lang) }</td>
            <td class="petitioner">{ petitioner }</td>
            <td class="identity">{ identity }</td>
            <td class="category">{ settings.categories.path(intake.category) }</td>
            <td class="summary">
                { intake.summary.clone() }
                if let Some(why) = hidden {
                    <div class="match-context">{ why }</div>
                }
            </td>
            <td class="unit">{ unit }</td>
            <td class="stage">{ stage.name(lang) }</td>
            <td class={classes!("due", overdue.then_some("overdue"))}>
                { due_text }
                { crate::ui::provisional::mark(lang, due.is_some_and(|d| d.provisional), None) }
            </td>
        </tr>
    }
}
