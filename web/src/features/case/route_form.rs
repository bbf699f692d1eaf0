//! The routing form of a registered case (`#route-form`): preselected from
//! the routing rules' proposal (lead unit, co-units, 转送/交办/直办, with the
//! explanation), changeable by the clerk; a 交办 asks for the 五定, with the
//! leader and handler chosen among the lead unit's people. Sends
//! `Action::Route`.

use xinfang_core::{Action, CaseId, Command, Disposal, Fix, UnitKind};
use yew::prelude::*;

use crate::context::{execute, use_app};
use crate::features::case::route_model::{
    missing_fixes, people_for, RouteEdit, RouteField, RouteForm as Draft,
};
use crate::forms::state::{FormMsg, FormState};
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Bilingual};
use crate::ui::field::{input_value, maxlength, select_value, CharCount};
use xinfang_core::limits;

/// Props of [`RouteForm`].
#[derive(Debug, PartialEq, Properties)]
pub struct RouteFormProps {
    /// The case to route (stage 待转送).
    pub id: CaseId,
}

/// Routing: where and how the case goes.
#[component]
pub fn RouteForm(props: &RouteFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let id = props.id;
    let (proposal, proposal_error) = {
        let office = app.office.get();
        match office.case(id).map(|c| office.propose_route(c.intake())) {
            Some(Ok(p)) => (Some(p), None),
            Some(Err(e)) => (None, Some(e.to_string())),
            None => (None, None),
        }
    };
    let state = {
        let proposal = proposal.clone();
        use_reducer(move || FormState::new(Draft::new(proposal, crate::clock::today())))
    };
    let today = crate::clock::today();
    let office = app.office.get();
    let org = &office.settings().org;
    let draft = &state.draft;
    let result = draft.to_routing(org, today);
    let errors = match (&result, state.tried) {
        (Err(e), true) => Some(e.clone()),
        _ => None,
    };
    let field_error = |field: RouteField| -> Html {
        match errors.as_ref().and_then(|e| e.fields.get(&field)) {
            Some(m) => html! {
                <span class="field-error" id={format!("{}-error", field.element_id())} role="alert">
                    { m.get(lang).to_string() }
                </span>
            },
            None => html! {},
        }
    };
    let edit_input = |f: fn(String) -> RouteEdit| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            state.dispatch(FormMsg::Edit(f(v)));
        })
    };
    let edit_change = |f: fn(String) -> RouteEdit, select: bool| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = if select { select_value(&e) } else { input_value(&e) };
            state.dispatch(FormMsg::Edit(f(v)));
        })
    };
    let onsubmit = {
        let state = state.clone();
        let app = app.clone();
        let result = result.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match &result {
                Ok(routing) => execute(
                    &app,
                    Command::Act { case: id, action: Action::Route { routing: routing.clone() } },
                ),
                Err(_) => state.dispatch(FormMsg::Tried),
            }
        })
    };

    let lead = draft.lead_unit();
    let unit_options = |current: Option<xinfang_core::UnitId>, exclude: &[xinfang_core::UnitId]| {
        let groups = [
            (UnitKind::PetitionOffice, tr(lang, "信访部门", "Petition office")),
            (UnitKind::Township, tr(lang, "乡镇（街道）", "Townships")),
            (UnitKind::Department, tr(lang, "县直部门", "County departments")),
        ];
        groups
            .into_iter()
            .map(|(kind, label)| {
                let options: Vec<Html> = org
                    .units_of_kind(kind)
                    .filter(|u| !exclude.contains(&u.id()))
                    .map(|u| {
                        html! {
                            <option value={u.id().get().to_string()} selected={current == Some(u.id())}>
                                { u.name().to_string() }
                            </option>
                        }
                    })
                    .collect();
                html! { <optgroup label={label.to_string()}>{ for options }</optgroup> }
            })
            .collect::<Html>()
    };
    let people_options = |fix: Fix, current: &str| -> Html {
        let people = lead.map(|u| people_for(org, u, fix)).unwrap_or_default();
        html! {
            <>
                <option value="" selected={current.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                { for people.into_iter().map(|p| {
                    let value = p.id().get().to_string();
                    let selected = value == current;
                    html! {
                        <option {value} {selected}>
                            { format!("{}（{}）", p.name(), p.title()) }
                        </option>
                    }
                }) }
            </>
        }
    };
    let co_units: Vec<Html> = draft
        .co_units
        .iter()
        .map(|u| {
            let remove = {
                let state = state.clone();
                let u = *u;
                Callback::from(move |_: MouseEvent| state.dispatch(FormMsg::Edit(RouteEdit::RemoveCoUnit(u))))
            };
            html! {
                <li class="route-co-unit" data-unit={u.get().to_string()}>
                    { org.unit_name(*u) }
                    <button type="button" class="route-co-remove" onclick={remove}
                            aria-label={tr(lang, "移除协办单位", "Remove co-handling unit")}>{ "×" }</button>
                </li>
            }
        })
        .collect();
    let add_co = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let v = select.value();
            if !v.is_empty() {
                state.dispatch(FormMsg::Edit(RouteEdit::AddCoUnit(v)));
            }
            select.set_value("");
        })
    };
    let mut exclude = draft.co_units.clone();
    exclude.extend(lead);

    let explanation = match (&proposal, &proposal_error) {
        (Some(p), _) => html! {
            <>
                <strong class="route-proposal">
                    { tr(lang, "分办建议：", "Proposal: ") }
                    { p.disposal.name(lang) }{ " " }{ org.unit_name(p.lead) }
                    if !p.co_units.is_empty() {
                        { tr(lang, "；协办：", "; co-handling: ") }
                        { p.co_units.iter().map(|u| org.unit_name(*u)).collect::<Vec<_>>().join("、") }
                    }
                </strong>
                { " " }
                <span class="route-why">{ p.explanation.clone() }</span>
            </>
        },
        (None, Some(err)) => html! { <span class="route-no-proposal">{ err.clone() }</span> },
        (None, None) => html! {},
    };

    let missing: Vec<Fix> =
        if draft.is_assignment() { draft.five_fixes().missing() } else { vec![] };
    let summary: Option<Bilingual> = errors.as_ref().map(|e| e.summary());

    html! {
        <section class="case-section route-section" aria-labelledby="route-title">
            <h3 id="route-title">{ tr(lang, "转送 / 交办 / 直办", "Route the case") }</h3>
            <p id="route-explanation" class="route-explanation">{ explanation }</p>
            <form id="route-form" class="route-form" {onsubmit} novalidate=true>
                <div class="field">
                    <label for="route-disposal">{ tr(lang, "处理方式", "How") }</label>
                    <select id="route-disposal" onchange={edit_change(RouteEdit::Disposal, true)}>
                        { for Disposal::ALL.into_iter().map(|d| html! {
                            <option value={d.key()} selected={draft.disposal() == Some(d)}>
                                { d.name(lang) }
                            </option>
                        }) }
                    </select>
                    { field_error(RouteField::Disposal) }
                </div>
                <div class="field">
                    <label for="route-lead">{ tr(lang, "主办单位", "Lead unit") }</label>
                    <select id="route-lead" onchange={edit_change(RouteEdit::Lead, true)}>
                        <option value="" selected={lead.is_none()}>{ tr(lang, "请选择", "Choose") }</option>
                        { unit_options(lead, &[]) }
                    </select>
                    { field_error(RouteField::Lead) }
                </div>
                <div class="field">
                    <label for="route-co-add">{ tr(lang, "协办单位", "Co-handling units") }</label>
                    <ul id="route-co-units" class="route-co-units">{ for co_units }</ul>
                    <select id="route-co-add" onchange={add_co}>
                        <option value="" selected=true>{ tr(lang, "添加协办单位…", "Add a co-handling unit…") }</option>
                        { unit_options(None, &exclude) }
                    </select>
                </div>
                <div class="field">
                    <label for="route-on">{ tr(lang, "转送日期", "Date") }</label>
                    <input id="route-on" type="date" value={draft.on.clone()} max={dates::input_value(today)}
                           oninput={edit_input(RouteEdit::On)} />
                    { field_error(RouteField::On) }
                </div>
                <div class="field">
                    <label for="route-note">{ tr(lang, "说明（改变分办建议时填写）", "Note (when changing the proposal)") }</label>
                    <input id="route-note" type="text" value={draft.note.clone()}
                          maxlength={maxlength(limits::ROUTING_EXPLANATION)}
                           oninput={edit_input(RouteEdit::Note)} />
                    <CharCount target="route-note" limit={limits::ROUTING_EXPLANATION}
                               value={AttrValue::from(draft.note.clone())} />
                    { field_error(RouteField::Note) }
                </div>
                if draft.is_assignment() {
                    <fieldset id="route-five-fixes" class="five-fixes-form">
                        <legend>{ tr(lang, "交办“五定”", "The five fixes of the assignment") }</legend>
                        <div class="field">
                            <span class="label">{ tr(lang, "责任单位", "Responsible unit") }</span>
                            <span id="fix-unit">{ lead.map(|u| org.unit_name(u)).unwrap_or_default() }</span>
                        </div>
                        <div class="field">
                            <label for="fix-leader">{ tr(lang, "包案领导", "Leader in charge") }</label>
                            <select id="fix-leader" onchange={edit_change(RouteEdit::Leader, true)}>
                                { people_options(Fix::Leader, &draft.leader) }
                            </select>
                            { field_error(RouteField::Leader) }
                        </div>
                        <div class="field">
                            <label for="fix-handler">{ tr(lang, "办案责任人", "Case handler") }</label>
                            <select id="fix-handler" onchange={edit_change(RouteEdit::Handler, true)}>
                                { people_options(Fix::Handler, &draft.handler) }
                            </select>
                            { field_error(RouteField::Handler) }
                        </div>
                        <div class="field">
                            <label for="fix-deadline">{ tr(lang, "办结时限", "Deadline") }</label>
                            <input id="fix-deadline" type="date" value={draft.deadline.clone()}
                                   oninput={edit_input(RouteEdit::Deadline)} />
                            { field_error(RouteField::Deadline) }
                        </div>
                        <div class="field">
                            <label for="fix-standard">{ tr(lang, "办案质量要求", "Quality standard") }</label>
                            <input id="fix-standard" type="text" value={draft.standard.clone()}
                                   placeholder={tr(lang, "如：查清事实，依法答复，群众满意", "e.g. establish the facts, answer lawfully")}
                                  maxlength={maxlength(limits::STANDARD)}
                                   oninput={edit_input(RouteEdit::Standard)} />
                            <CharCount target="fix-standard" limit={limits::STANDARD}
                                       value={AttrValue::from(draft.standard.clone())} />
                            { field_error(RouteField::Standard) }
                        </div>
                        if !missing.is_empty() {
                            <p id="route-fixes-missing" class="fixes-missing">
                                { missing_fixes(&missing).get(lang).to_string() }
                            </p>
                        }
                    </fieldset>
                }
                if let Some(summary) = summary {
                    <p id="route-error" class="form-error" role="alert">{ summary.get(lang).to_string() }</p>
                }
                <button id="route-submit" type="submit" class="primary">
                    { match draft.disposal() {
                        Some(Disposal::Assign) => tr(lang, "交办", "Assign"),
                        Some(Disposal::Direct) => tr(lang, "直办", "Handle directly"),
                        _ => tr(lang, "转送", "Transfer"),
                    } }
                </button>
            </form>
        </section>
    }
}
