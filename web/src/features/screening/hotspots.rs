//! 矛盾纠纷台账: the hotspot ledger. Add or edit (`#hs-form`: `#hs-issue`,
//! `#hs-place`, `#hs-category`, `#hs-people`, `#hs-leader`, `#hs-unit`,
//! `#hs-plan`, `#hs-found-on`, `#hs-deadline`, `#hs-round`, `#hs-submit`);
//! the list (`tr.hs-row[data-hotspot][data-status]`, class `overdue` with
//! `.hs-overdue-mark` when past its deadline unresolved) filtered by status
//! (`#hs-filter`) and by when found (`#hs-when`); the panel of one hotspot
//! (`#hs-panel`, opened by `.hs-manage`): status (`#hs-set-unresolved`,
//! `#hs-set-resolving`, `#hs-resolved-on` + `#hs-resolve`), link a case by
//! number (`#hs-case` CasePick) or unlink (`#hs-unlink`), 「转为案件」
//! (`#hs-register`: the registration form prefilled, the new case linked
//! back), edit (`#hs-edit`), remove (`#hs-remove`, `#hs-remove-confirm`);
//! the period's resolution rate (`#hs-resolution`) and the printed ledger
//! (`#hs-print`).

use chrono::{Days, NaiveDate};
use xinfang_core::ids::Added;
use xinfang_core::ids::HotspotId;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::screening::HotspotStatus;
use xinfang_core::{Role, UnitKind};
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::send_work;
use crate::context::{go, use_app};
use crate::features::screening::forms::{status_en, status_key, HotspotForm};
use crate::forms::{category_path, IntakeForm};
use crate::i18n::{dates, tr, Bilingual, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::state::{Msg, RegisterFrom, WorkSource};
use crate::ui::case_pick::{case_link, CasePick};

/// Props of [`HotspotsSection`].
#[derive(Debug, PartialEq, Properties)]
pub struct HotspotsProps {
    /// The first day of the period (the resolution rate, `#hs-when`).
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

/// The status filter: `""` all, a [`status_key`], or `overdue`.
pub fn status_passes(filter: &str, status: HotspotStatus, overdue: bool) -> bool {
    match filter {
        "" => true,
        "overdue" => overdue,
        key => status_key(status) == key,
    }
}

/// The registration form prefilled from a hotspot: received today by
/// visit, the township when the unit responsible is one, the issue as the
/// summary, the place and plan in the content, the category and the
/// people affected as the head count.
pub fn intake_from(
    today: NaiveDate,
    id: HotspotId,
    h: &xinfang_core::work::screening::Hotspot,
    township: bool,
) -> IntakeForm {
    let mut form = IntakeForm::new(today);
    form.channel = "visit".into();
    if township {
        form.township = h.unit.get().to_string();
    }
    form.summary = h.issue.clone();
    form.content = format!(
        "矛盾纠纷排查发现（台账编号{id}，{}）：{}。发生地点：{}；涉及{}人。",
        xinfang_core::cn_text::date_cn(h.found_on),
        h.issue,
        h.place,
        h.people_affected
    );
    form.category = h.category.map(|c| c.get().to_string()).unwrap_or_default();
    form.head_count = h.people_affected.max(1).to_string();
    form
}

/// 矛盾纠纷台账.
#[component]
pub fn HotspotsSection(props: &HotspotsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let (from, to) = (props.from, props.to);
    let form = use_state(|| HotspotForm::new(today));
    let editing = use_state_eq(|| None::<HotspotId>);
    let error = use_state_eq(|| None::<Bilingual>);
    let saved = use_state_eq(|| None::<String>);
    let filter = use_state_eq(String::new);
    let when = use_state_eq(|| "all".to_string());
    let selected = use_state_eq(|| None::<HotspotId>);
    let resolved_on = use_state_eq(|| dates::input_value(today));
    let confirm = use_state_eq(|| false);

    let text = |set: fn(&mut HotspotForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = (*form).clone();
            set(&mut next, v);
            form.set(next);
        })
    };
    let changed = |set: fn(&mut HotspotForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = (*form).clone();
            set(&mut next, v);
            form.set(next);
        })
    };
    let on_plan = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            form.set(HotspotForm { plan: v, ..(*form).clone() });
        })
    };
    let onsubmit = {
        let (app, form, editing, error, saved, selected) = (
            app.clone(),
            form.clone(),
            editing.clone(),
            error.clone(),
            saved.clone(),
            selected.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let before = (*editing)
                .and_then(|id| app.work().screening.hotspot(id).map(|h| h.data().clone()));
            let hotspot = match form.to_hotspot(before.as_ref()) {
                Ok(h) => h,
                Err(m) => return error.set(Some(m)),
            };
            error.set(None);
            let change = match *editing {
                Some(id) => WorkChange::UpdateHotspot(id, hotspot),
                None => WorkChange::AddHotspot(hotspot),
            };
            match send_work(&app, change) {
                Ok(added) => {
                    let id = match added {
                        Some(Added::Hotspot(id)) => Some(id),
                        _ => *editing,
                    };
                    saved.set(id.map(|i| i.to_string()));
                    selected.set(id);
                    form.set(HotspotForm::new(today));
                    editing.set(None);
                }
                Err(_) => saved.set(None),
            }
        })
    };
    let cancel = {
        let (form, editing, error) = (form.clone(), editing.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            form.set(HotspotForm::new(today));
            editing.set(None);
            error.set(None);
        })
    };
    let on_select = |state: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
        })
    };

    let office = app.office.get();
    let work = app.work();
    let settings = office.settings();
    let org = &settings.org;
    let ledger = &work.screening;
    let resolution = ledger.hotspot_resolution(from, to);
    let open = ledger.hotspots().filter(|h| h.status.resolved_on().is_none()).count();
    let overdue_count = ledger.overdue_hotspots(today).count();
    let mut list: Vec<_> = ledger
        .hotspots()
        .filter(|h| *when == "all" || (from <= h.found_on && h.found_on <= to))
        .filter(|h| status_passes(&filter, h.status, h.is_overdue(today)))
        .collect();
    list.sort_by(|a, b| b.found_on.cmp(&a.found_on).then(b.id().cmp(&a.id())));

    // The form's choices.
    let categories = settings.categories.offered().map(|c| {
        let value = c.id().get().to_string();
        let is = value == form.category;
        html! { <option {value} selected={is}>{ category_path(&settings.categories, c.id()) }</option> }
    });
    let mut people: Vec<_> = org.people().filter(|p| p.is_active()).collect();
    people.sort_by_key(|p| p.role() != Role::Leader);
    let leaders = people.iter().map(|p| {
        let value = p.id().get().to_string();
        let is = value == form.leader;
        let label = match p.title() {
            "" => format!("{}（{}）", p.name(), org.unit_name(p.unit())),
            t => format!("{}（{}{}）", p.name(), org.unit_name(p.unit()), t),
        };
        html! { <option {value} selected={is}>{ label }</option> }
    });
    let units = org.units().filter(|u| u.is_active()).map(|u| {
        let value = u.id().get().to_string();
        let is = value == form.unit;
        html! { <option {value} selected={is}>{ u.name().to_string() }</option> }
    });
    let found = dates::parse_input(&form.found_on);
    let near = |d: NaiveDate| match found {
        Some(f) => d <= f && f.checked_sub_days(Days::new(62)).is_none_or(|start| start <= d),
        None => true,
    };
    let mut rounds: Vec<_> = ledger
        .rounds()
        .filter(|r| near(r.date) || r.id().get().to_string() == form.round)
        .collect();
    rounds.sort_by(|a, b| b.date.cmp(&a.date).then(b.id().cmp(&a.id())));
    let round_options = rounds.iter().take(200).map(|r| {
        let value = r.id().get().to_string();
        let is = value == form.round;
        let label = format!(
            "{} {} {}",
            r.id(),
            xinfang_core::cn_text::date_cn(r.date),
            r.scope.describe(org)
        );
        html! { <option {value} selected={is}>{ label }</option> }
    });

    let status_name = |s: HotspotStatus| tr(lang, s.label(), status_en(s)).to_string();
    let viewer = crate::access::viewer(&app.prefs);
    let rows = list.iter().map(|h| {
        let id = h.id();
        // As the core shows it: the issue, place and plan of a hotspot that
        // became an accusation against the viewing unit are withheld.
        let h = viewer.hotspot(&office, h.data());
        let late = h.is_overdue(today);
        let manage = {
            let (selected, confirm) = (selected.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                selected.set(Some(id));
                confirm.set(false);
            })
        };
        let category = h.category.filter(|c| settings.categories.get(*c).is_some());
        html! {
            <tr class={classes!("hs-row", late.then_some("overdue"), (*selected == Some(id)).then_some("chosen"))}
                data-hotspot={id.get().to_string()} data-status={status_key(h.status)}
                data-found={h.found_on.to_string()}>
                <td>{ id.to_string() }</td>
                <td class="hs-issue">{ h.issue.clone() }</td>
                <td class="hs-place">{ h.place.clone() }</td>
                <td>{ category.map(|c| category_path(&settings.categories, c)).unwrap_or_default() }</td>
                <td class="num hs-people">{ h.people_affected }</td>
                <td class="hs-leader">{ org.person(h.leader).map(|p| p.name().to_string()).unwrap_or_default() }
                    <br /><span class="scr-muted">{ org.unit_name(h.unit) }</span></td>
                <td>{ dates::display(lang, h.found_on) }</td>
                <td class="hs-deadline">{ dates::display(lang, h.deadline) }
                    if late { <span class="hs-overdue-mark overdue">{ tr(lang, "已超期", "overdue") }</span> }
                </td>
                <td class="hs-status">{ status_name(h.status) }
                    if let Some(on) = h.status.resolved_on() {
                        <br /><span class="scr-muted hs-resolved-date">{ dates::display(lang, on) }</span>
                    }
                </td>
                <td class="hs-case">{ for h.case.map(|c| case_link(&app, &office, c)) }</td>
                <td class="no-print"><button type="button" class="hs-manage" onclick={manage}>{ tr(lang, "办理", "Manage") }</button></td>
            </tr>
        }
    });

    // The panel of the selected hotspot.
    let panel = (*selected).and_then(|id| ledger.hotspot(id)).map(|h| {
        let id = h.id();
        let set_status = |status: HotspotStatus| {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = send_work(&app, WorkChange::SetHotspotStatus(id, status));
            })
        };
        let resolve = {
            let (app, resolved_on) = (app.clone(), resolved_on.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(on) = dates::parse_input(&resolved_on) {
                    let _ = send_work(&app, WorkChange::SetHotspotStatus(id, HotspotStatus::Resolved { on }));
                }
            })
        };
        let on_resolved = {
            let resolved_on = resolved_on.clone();
            Callback::from(move |e: Event| {
                resolved_on.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
            })
        };
        let pick = {
            let app = app.clone();
            Callback::from(move |case| {
                let _ = send_work(&app, WorkChange::LinkHotspotCase(id, Some(case)));
            })
        };
        let unlink = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = send_work(&app, WorkChange::LinkHotspotCase(id, None));
            })
        };
        let township = org.unit(h.unit).is_some_and(|u| u.kind() == UnitKind::Township);
        let intake = intake_from(today, id, h, township);
        let register = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Msg::RegisterFrom(Box::new(RegisterFrom {
                    source: WorkSource::Hotspot(id),
                    form: intake.clone(),
                })))
            })
        };
        let edit = {
            let (form, editing, error, saved) =
                (form.clone(), editing.clone(), error.clone(), saved.clone());
            let data = HotspotForm::of(h);
            Callback::from(move |_: MouseEvent| {
                form.set(data.clone());
                editing.set(Some(id));
                error.set(None);
                saved.set(None);
            })
        };
        let ask = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(true))
        };
        let remove = {
            let (app, selected, confirm) = (app.clone(), selected.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                confirm.set(false);
                if send_work(&app, WorkChange::RemoveHotspot(id)).is_ok() {
                    selected.set(None);
                }
            })
        };
        let close = {
            let selected = selected.clone();
            Callback::from(move |_: MouseEvent| selected.set(None))
        };
        html! {
            <div id="hs-panel" class="scr-panel no-print" data-hotspot={id.get().to_string()}
                 data-status={status_key(h.status)}>
                <h4>{ format!("{id} {}", viewer.hotspot(&office, h.data()).issue) }</h4>
                <p class="scr-muted">{ match lang {
                    Lang::ZhCn => format!("当前状态：{}；化解时限：{}", h.status.label(), dates::display(lang, h.deadline)),
                    Lang::En => format!("Status: {}; deadline {}", status_en(h.status), dates::display(lang, h.deadline)),
                } }</p>
                <div class="scr-panel-row">
                    <span class="scr-label">{ tr(lang, "化解状态", "Status") }</span>
                    <button id="hs-set-unresolved" type="button" onclick={set_status(HotspotStatus::Unresolved)}
                            disabled={h.status == HotspotStatus::Unresolved}>{ tr(lang, "未化解", "Unresolved") }</button>
                    <button id="hs-set-resolving" type="button" onclick={set_status(HotspotStatus::Resolving)}
                            disabled={h.status == HotspotStatus::Resolving}>{ tr(lang, "化解中", "Being resolved") }</button>
                    <label>
                        <span>{ tr(lang, "化解日期", "Resolved on") }</span>
                        <input id="hs-resolved-on" type="date" value={(*resolved_on).clone()} onchange={on_resolved} />
                    </label>
                    <button id="hs-resolve" type="button" onclick={resolve}>{ tr(lang, "登记已化解", "Mark resolved") }</button>
                </div>
                <div class="scr-panel-row">
                    <span class="scr-label">{ tr(lang, "关联案件", "Case") }</span>
                    if let Some(case) = h.case {
                        <span id="hs-linked">{ case_link(&app, &office, case) }</span>
                        <button id="hs-unlink" type="button" onclick={unlink}>{ tr(lang, "取消关联", "Unlink") }</button>
                    } else {
                        <CasePick id="hs-case" label={tr(lang, "案件编号", "Case number")}
                                  button={tr(lang, "关联已有案件", "Link")} on_pick={pick} />
                        <button id="hs-register" type="button" onclick={register}>{ tr(lang, "转为案件", "Register as a case") }</button>
                    }
                </div>
                <div class="scr-panel-row">
                    // The form would show the texts withheld from the viewing unit.
                    if h.case.is_none_or(|c| !viewer.withholds_id(&office, c)) {
                        <button id="hs-edit" type="button" onclick={edit}>{ tr(lang, "编辑", "Edit") }</button>
                    }
                    if *confirm {
                        <button id="hs-remove-confirm" type="button" onclick={remove}>{ tr(lang, "确认删除", "Really remove") }</button>
                    } else {
                        <button id="hs-remove" type="button" onclick={ask}>{ tr(lang, "删除", "Remove") }</button>
                    }
                    <button id="hs-panel-close" type="button" onclick={close}>{ tr(lang, "关闭", "Close") }</button>
                </div>
            </div>
        }
    });

    let filters = [
        ("", tr(lang, "全部状态", "Every status")),
        ("unresolved", tr(lang, "未化解", "Unresolved")),
        ("resolving", tr(lang, "化解中", "Being resolved")),
        ("resolved", tr(lang, "已化解", "Resolved")),
        ("overdue", tr(lang, "已超期", "Overdue")),
    ];
    let print = Route::WorkPrint(WorkDoc::Hotspots);

    html! {
        <section id="scr-hotspots" class="scr-section" aria-labelledby="scr-hotspots-title">
            <h3 id="scr-hotspots-title">{ tr(lang, "矛盾纠纷台账", "Hotspot ledger") }</h3>
            <p id="hs-resolution" data-resolved={resolution.numerator.to_string()}
               data-found={resolution.denominator.to_string()} data-open={open.to_string()}
               data-overdue={overdue_count.to_string()}>
                { match lang {
                    Lang::ZhCn => format!("本期排查发现矛盾纠纷{}件，至期末已化解{}件，化解率{}。全部台账未化解{}件，其中超期{}件。",
                        resolution.denominator, resolution.numerator, resolution.percent_text(), open, overdue_count),
                    Lang::En => format!("{} found this period, {} resolved by its end ({}). On the whole ledger {} open, {} overdue.",
                        resolution.denominator, resolution.numerator, resolution.percent_text(), open, overdue_count),
                } }
                <a id="hs-print" class="button no-print" href={route::to_hash(print)} onclick={go(&app, print)}>
                    { tr(lang, "打印台账", "Print the ledger") }
                </a>
            </p>
            <form id="hs-form" class="scr-form no-print" {onsubmit}
                  data-editing={(*editing).map(|id| id.get().to_string()).unwrap_or_default()}>
                <h4>{ match *editing {
                    Some(id) => match lang { Lang::ZhCn => format!("修改矛盾纠纷{id}"), Lang::En => format!("Edit hotspot {id}") },
                    None => tr(lang, "登记矛盾纠纷", "Add a hotspot").to_string(),
                } }</h4>
                <label class="wide">
                    <span>{ tr(lang, "矛盾纠纷（问题）", "Issue") }</span>
                    <input id="hs-issue" type="text" value={form.issue.clone()} oninput={text(|f, v| f.issue = v)} maxlength={maxlength(limits::ISSUE)} />
                    <CharCount target="hs-issue" limit={limits::ISSUE} />
                </label>
                <label>
                    <span>{ tr(lang, "发生地点", "Place") }</span>
                    <input id="hs-place" type="text" value={form.place.clone()} oninput={text(|f, v| f.place = v)} maxlength={maxlength(limits::PLACE)} />
                    <CharCount target="hs-place" limit={limits::PLACE} />
                </label>
                <label>
                    <span>{ tr(lang, "类别", "Category") }</span>
                    <select id="hs-category" onchange={changed(|f, v| f.category = v)}>
                        <option value="" selected={form.category.is_empty()}>{ tr(lang, "未选择", "None") }</option>
                        { for categories }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "涉及人数", "People affected") }</span>
                    <input id="hs-people" type="number" min="0" value={form.people.clone()} oninput={text(|f, v| f.people = v)} />
                </label>
                <label>
                    <span>{ tr(lang, "责任领导", "Leader responsible") }</span>
                    <select id="hs-leader" onchange={changed(|f, v| f.leader = v)}>
                        <option value="" selected={form.leader.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                        { for leaders }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "责任单位", "Unit responsible") }</span>
                    <select id="hs-unit" onchange={changed(|f, v| f.unit = v)}>
                        <option value="" selected={form.unit.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                        { for units }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "排查发现日期", "Found on") }</span>
                    <input id="hs-found-on" type="date" value={form.found_on.clone()} onchange={changed(|f, v| f.found_on = v)} />
                </label>
                <label>
                    <span>{ tr(lang, "化解时限", "Deadline") }</span>
                    <input id="hs-deadline" type="date" value={form.deadline.clone()} onchange={changed(|f, v| f.deadline = v)} />
                </label>
                <label>
                    <span>{ tr(lang, "发现于排查记录（可选）", "Found in round (optional)") }</span>
                    <select id="hs-round" onchange={changed(|f, v| f.round = v)}>
                        <option value="" selected={form.round.is_empty()}>{ tr(lang, "无", "None") }</option>
                        { for round_options }
                    </select>
                </label>
                <label class="wide">
                    <span>{ tr(lang, "化解方案", "Resolution plan") }</span>
                    <textarea id="hs-plan" rows="2" value={form.plan.clone()} oninput={on_plan} maxlength={maxlength(limits::PLAN)} />
                    <CharCount target="hs-plan" limit={limits::PLAN} />
                </label>
                <div class="form-buttons">
                    <button id="hs-submit" type="submit">{
                        if editing.is_some() { tr(lang, "保存修改", "Save") } else { tr(lang, "登记", "Add") }
                    }</button>
                    if editing.is_some() {
                        <button id="hs-cancel" type="button" onclick={cancel}>{ tr(lang, "取消修改", "Cancel") }</button>
                    }
                </div>
                if let Some(m) = &*error {
                    <span id="hs-error" class="field-error" role="alert">{ m.get(lang).to_string() }</span>
                }
                if let Some(id) = &*saved {
                    <span id="hs-saved" class="scr-saved" role="status" data-hotspot={id.clone()}>
                        { match lang { Lang::ZhCn => format!("已保存矛盾纠纷{id}。"), Lang::En => format!("Hotspot {id} saved.") } }
                    </span>
                }
            </form>
            { for panel }
            <div class="scr-filters no-print">
                <label>
                    <span>{ tr(lang, "状态", "Status") }</span>
                    <select id="hs-filter" onchange={on_select(filter.clone())}>
                        { for filters.iter().map(|(k, label)| html! {
                            <option value={*k} selected={*filter == *k}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ tr(lang, "发现时间", "Found") }</span>
                    <select id="hs-when" onchange={on_select(when.clone())}>
                        <option value="all" selected={*when == "all"}>{ tr(lang, "全部", "Any time") }</option>
                        <option value="period" selected={*when == "period"}>{ tr(lang, "本统计期间", "In the period") }</option>
                    </select>
                </label>
                <span id="hs-count" data-count={list.len().to_string()}>{ match lang {
                    Lang::ZhCn => format!("共{}件", list.len()),
                    Lang::En => format!("{} hotspots", list.len()),
                } }</span>
            </div>
            <div class="table-scroll">
                <table id="hs-list" class="scr-table">
                    <thead>
                        <tr>
                            <th>{ tr(lang, "编号", "No.") }</th>
                            <th>{ tr(lang, "矛盾纠纷（问题）", "Issue") }</th>
                            <th>{ tr(lang, "发生地点", "Place") }</th>
                            <th>{ tr(lang, "类别", "Category") }</th>
                            <th>{ tr(lang, "涉及人数", "People") }</th>
                            <th>{ tr(lang, "责任领导/单位", "Leader / unit") }</th>
                            <th>{ tr(lang, "发现日期", "Found") }</th>
                            <th>{ tr(lang, "化解时限", "Deadline") }</th>
                            <th>{ tr(lang, "状态", "Status") }</th>
                            <th>{ tr(lang, "关联案件", "Case") }</th>
                            <th class="no-print"></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::screening::Hotspot;
    use xinfang_core::{CategoryId, PersonId, UnitId};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn status_filter() {
        let on = d(3, 1);
        assert!(status_passes("", HotspotStatus::Resolving, false));
        assert!(status_passes("resolved", HotspotStatus::Resolved { on }, false));
        assert!(!status_passes("resolved", HotspotStatus::Resolving, true));
        assert!(status_passes("overdue", HotspotStatus::Resolving, true));
        assert!(!status_passes("overdue", HotspotStatus::Unresolved, false));
    }

    #[test]
    fn the_registration_is_prefilled_from_the_hotspot() {
        let mut h = Hotspot::new(
            "小区供暖温度不达标",
            "幸福小区",
            120,
            PersonId::new(1),
            UnitId::new(5),
            "更换管网",
            d(3, 3),
            d(4, 30),
        );
        h.category = Some(CategoryId::new(12));
        let form = intake_from(d(3, 10), HotspotId::new(4), &h, true);
        assert_eq!((form.channel.as_str(), form.township.as_str()), ("visit", "5"));
        assert_eq!(form.summary, "小区供暖温度不达标");
        assert_eq!((form.category.as_str(), form.head_count.as_str()), ("12", "120"));
        assert!(
            form.content.contains("RD4") && form.content.contains("幸福小区"),
            "{}",
            form.content
        );
        assert_eq!(form.received_on, "2025-03-10");
        h.people_affected = 0;
        let form = intake_from(d(3, 10), HotspotId::new(4), &h, false);
        assert_eq!((form.township.as_str(), form.head_count.as_str()), ("", "1"));
    }
}
