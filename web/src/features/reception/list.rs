//! `#reception-list`: the receptions held, newest first, filtered by
//! leader; on each: its cases as links, correct, print, remove, link an
//! existing case by number (taken over or registered there) and register a
//! new case from it (linked back when registered).

use xinfang_core::ids::Added;
use xinfang_core::ids::ReceptionId;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::reception::{CaseLink, CaseLinkKind};
use xinfang_core::UnitKind;
use yew::prelude::*;

use crate::context::{go, try_change, use_app};
use crate::features::reception::model::{kind_key, kind_name, link_key, link_name};
use crate::forms::IntakeForm;
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::state::{Msg, RegisterFrom, WorkSource};
use crate::ui::case_pick::{case_link, CasePick};
use crate::ui::people::{active_leaders, person_of, person_options};

/// How many receptions show at first (and more on each click).
const PAGE: usize = 30;

/// Props of [`ReceptionList`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReceptionListProps {
    /// Opens the form to correct a reception.
    pub on_edit: Callback<ReceptionId>,
}

/// The list of receptions.
#[component]
pub fn ReceptionList(props: &ReceptionListProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let leader = use_state_eq(String::new);
    let shown = use_state_eq(|| PAGE);
    let removing = use_state_eq(|| None::<ReceptionId>);

    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let filter = person_of(&leader);
    let mut all: Vec<_> =
        work.reception.receptions().filter(|r| filter.is_none_or(|p| r.leader == p)).collect();
    all.sort_by_key(|r| std::cmp::Reverse((r.date, r.id())));
    let total = all.len();
    let just_added = match app.last_added {
        Some(Added::Reception(id)) => Some(id),
        _ => None,
    };

    let items: Vec<Html> = all
        .iter()
        .take(*shown)
        .map(|r| {
            let id = r.id();
            // As the core shows it to the viewer: the matters of a reception
            // linked to an accusation withheld from the viewing unit are the
            // placeholder, and cases it does not handle are not linked.
            let viewer = crate::access::viewer(&app.prefs);
            let withheld = r.cases.iter().any(|l| viewer.withholds_id(&office, l.case));
            let shown_r = viewer.reception(&office, r.data());
            let n = id.get();
            let print = Route::WorkPrint(WorkDoc::Reception(id));
            let edit = {
                let on_edit = props.on_edit.clone();
                Callback::from(move |_: MouseEvent| on_edit.emit(id))
            };
            let ask_remove = {
                let removing = removing.clone();
                Callback::from(move |_: MouseEvent| removing.set(Some(id)))
            };
            let no_remove = {
                let removing = removing.clone();
                Callback::from(move |_: MouseEvent| removing.set(None))
            };
            let remove = {
                let (app, removing) = (app.clone(), removing.clone());
                Callback::from(move |_: MouseEvent| {
                    if try_change(&app, WorkChange::RemoveReception(id)) {
                        removing.set(None);
                    }
                })
            };
            html! {
                <li class={classes!("reception", (just_added == Some(id)).then_some("just-added"))}
                    data-reception={n.to_string()} data-date={dates::input_value(r.date)}
                    data-leader={r.leader.get().to_string()} data-kind={kind_key(r.kind)}
                    data-head-count={r.head_count.to_string()}>
                    <div class="reception-head">
                        <span class="reception-id">{ id.to_string() }</span>
                        <span class="reception-date">{ dates::display(lang, r.date) }</span>
                        <span class="reception-leader">{ org.person_name(r.leader) }</span>
                        <span class="reception-kind">{ kind_name(lang, r.kind) }</span>
                        <span class="reception-place">{ r.place.clone() }</span>
                        <span class="reception-head-count">
                            { match lang { Lang::ZhCn => format!("接待{}人", r.head_count), Lang::En => format!("{} received", r.head_count) } }
                        </span>
                    </div>
                    if !shown_r.matters.is_empty() {
                        <ul class="reception-matters">
                            { for shown_r.matters.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                        </ul>
                    }
                    <div class="reception-cases">
                        <span class="label">{ tr(lang, "关联案件：", "Cases: ") }</span>
                        if shown_r.cases.is_empty() {
                            <span class="muted">{ tr(lang, "无", "none") }</span>
                        }
                        { for shown_r.cases.iter().map(|l| html! {
                            <span class="reception-case" data-case={l.case.get().to_string()} data-how={link_key(l.how)}>
                                { case_link(&app, &office, l.case) }
                                <span class="link-how">{ format!("（{}）", link_name(lang, l.how)) }</span>
                            </span>
                        }) }
                    </div>
                    <div class="reception-acts no-print">
                        if !withheld {
                            <button id={format!("reception-edit-{n}")} type="button" onclick={edit}>{ tr(lang, "修改", "Correct") }</button>
                        }
                        <a id={format!("reception-print-{n}")} class="button" href={route::to_hash(print)} onclick={go(&app, print)}>
                            { tr(lang, "打印登记表", "Print") }
                        </a>
                        if *removing == Some(id) {
                            <span class="inline-form">
                                { tr(lang, "删除误录的接访记录？", "Remove this reception entered by mistake?") }
                                <button id={format!("reception-remove-confirm-{n}")} type="button" onclick={remove}>{ tr(lang, "确认删除", "Remove") }</button>
                                <button type="button" onclick={no_remove}>{ tr(lang, "取消", "Cancel") }</button>
                            </span>
                        } else {
                            <button id={format!("reception-remove-{n}")} type="button" onclick={ask_remove}>{ tr(lang, "删除", "Remove") }</button>
                        }
                    </div>
                    // Registering from it would prefill the matters: not
                    // offered when they are withheld from the viewing unit.
                    if !withheld {
                        <ReceptionLinkBar {id} />
                    }
                </li>
            }
        })
        .collect();
    let on_leader = {
        let (leader, shown) = (leader.clone(), shown.clone());
        Callback::from(move |e: Event| {
            leader.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
            shown.set(PAGE);
        })
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let leaders = active_leaders(org);
    let count_text = match lang {
        Lang::ZhCn => format!("共{total}次"),
        Lang::En => format!("{total} receptions"),
    };
    html! {
        <div class="reception-list-wrap">
            <div class="work-controls no-print">
                <label for="reception-filter-leader">{ tr(lang, "按领导筛选", "Leader") }</label>
                <select id="reception-filter-leader" onchange={on_leader}>
                    { person_options(org, &leaders, &leader, tr(lang, "全部领导", "All leaders")) }
                </select>
                <span id="reception-total" data-count={total.to_string()}>{ count_text }</span>
            </div>
            if items.is_empty() {
                <p id="reception-empty" class="muted">{ tr(lang, "尚无接访记录。", "No receptions recorded.") }</p>
            } else {
                <ul id="reception-list" class="work-list">{ for items }</ul>
            }
            if total > *shown {
                <button id="reception-more" type="button" class="no-print" onclick={more}>
                    { tr(lang, "显示更多", "Show more") }
                </button>
            }
        </div>
    }
}

/// Props of [`ReceptionLinkBar`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReceptionLinkBarProps {
    /// The reception.
    pub id: ReceptionId,
}

/// Linking a case to one reception: an existing one by number (as taken
/// over or registered there), or a new registration from it.
#[component]
pub fn ReceptionLinkBar(props: &ReceptionLinkBarProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let id = props.id;
    let n = id.get();
    let how = use_state_eq(|| CaseLinkKind::TakenOver);
    let on_pick = {
        let (app, how) = (app.clone(), how.clone());
        Callback::from(move |case| {
            try_change(&app, WorkChange::LinkReceptionCase(id, CaseLink { case, how: *how }));
        })
    };
    let on_how = {
        let how = how.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            how.set(if v == "created" { CaseLinkKind::Created } else { CaseLinkKind::TakenOver });
        })
    };
    let register = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let form = {
                let work = app.work();
                let office = app.office.get();
                let Some(r) = work.reception.reception(id) else { return };
                let org = &office.settings().org;
                let mut form = IntakeForm::new(r.date);
                form.channel = "visit".into();
                form.head_count = r.head_count.max(1).to_string();
                form.summary = r.matters.first().cloned().unwrap_or_default();
                form.content = r.matters.join("\n");
                let township = org
                    .person(r.leader)
                    .and_then(|p| org.unit(p.unit()))
                    .filter(|u| u.kind() == UnitKind::Township && u.is_active());
                if let Some(u) = township {
                    form.township = u.id().get().to_string();
                }
                form
            };
            let from = RegisterFrom { source: WorkSource::Reception(id), form };
            app.dispatch(Msg::RegisterFrom(Box::new(from)));
        })
    };
    html! {
        <div class="reception-link no-print">
            <CasePick id={format!("reception-case-{n}")} label={tr(lang, "关联已有案件", "Link a case").to_string()}
                      button={tr(lang, "关联", "Link").to_string()} {on_pick} />
            <select id={format!("reception-case-how-{n}")} onchange={on_how} aria-label={tr(lang, "关联方式", "How")}>
                <option value="taken_over" selected={*how == CaseLinkKind::TakenOver}>{ link_name(lang, CaseLinkKind::TakenOver) }</option>
                <option value="created" selected={*how == CaseLinkKind::Created}>{ link_name(lang, CaseLinkKind::Created) }</option>
            </select>
            <button id={format!("reception-register-{n}")} type="button" onclick={register}>
                { tr(lang, "登记新案件", "Register a new case") }
            </button>
        </div>
    }
}
