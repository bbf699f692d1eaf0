//! `#reception-form`: record a reception held, or correct one (the same
//! form prefilled). A rota day of the date's month can fill in the leader,
//! date and place. The cases already linked are kept as they are.

use xinfang_core::ids::ReceptionId;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::reception::ReceptionKind;
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::{try_change, use_app};
use crate::features::reception::model::{
    kind_key, kind_name, month_of, month_range, ReceptionField, ReceptionForm,
};
use crate::forms::state::{FormMsg, FormState};
use crate::i18n::{dates, tr, Bilingual};
use crate::ui::people::{active_leaders, person_options};

/// Props of [`ReceptionFormView`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReceptionFormProps {
    /// The reception corrected, `None` for a new one.
    pub editing: Option<ReceptionId>,
    /// What the form starts with.
    pub initial: ReceptionForm,
    /// Closes the form (saved or cancelled).
    pub on_close: Callback<()>,
}

/// The reception form.
#[component]
pub fn ReceptionFormView(props: &ReceptionFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let initial = props.initial.clone();
    let state = use_reducer(move || FormState::new(initial));
    let error = use_state_eq(|| None::<Bilingual>);
    let set = |field: ReceptionField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            state.dispatch(FormMsg::Edit((field, v)))
        })
    };
    let set_text = |field: ReceptionField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            state.dispatch(FormMsg::Edit((field, v)))
        })
    };
    let choose = |field: ReceptionField| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            state.dispatch(FormMsg::Edit((field, v)))
        })
    };
    let pick_day = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut parts = v.splitn(3, '|');
            if let (Some(date), Some(leader), Some(place)) =
                (parts.next(), parts.next(), parts.next())
            {
                state.dispatch(FormMsg::Edit((ReceptionField::Date, date.to_string())));
                state.dispatch(FormMsg::Edit((ReceptionField::Leader, leader.to_string())));
                state.dispatch(FormMsg::Edit((ReceptionField::Place, place.to_string())));
                let kind = kind_key(ReceptionKind::RotaDay).to_string();
                state.dispatch(FormMsg::Edit((ReceptionField::Kind, kind)));
            }
        })
    };
    let submit = {
        let (app, state, error) = (app.clone(), state.clone(), error.clone());
        let (editing, close) = (props.editing, props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let cases = editing
                .and_then(|id| app.work().reception.reception(id).map(|r| r.cases.clone()))
                .unwrap_or_default();
            match state.draft.to_reception(cases) {
                Err(m) => error.set(Some(m)),
                Ok(reception) => {
                    error.set(None);
                    let change = match editing {
                        Some(id) => WorkChange::UpdateReception(id, reception),
                        None => WorkChange::RecordReception(reception),
                    };
                    if try_change(&app, change) {
                        close.emit(());
                    }
                }
            }
        })
    };
    let cancel = {
        let close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };

    let office = app.office.get();
    let work = app.work();
    let settings = office.settings();
    let org = &settings.org;
    let leaders = active_leaders(org);
    let f = &state.draft;
    let day = dates::parse_input(&f.date).unwrap_or_else(crate::clock::today);
    let (first, last) = month_range(month_of(day)).unwrap_or((day, day));
    let rota_days = work.reception.scheduled(first, last, &settings.calendar);
    let chosen_day = format!("{}|{}|{}", f.date, f.leader, f.place);
    let heading = match props.editing {
        Some(id) => match lang {
            crate::i18n::Lang::ZhCn => format!("修改接访记录{id}"),
            crate::i18n::Lang::En => format!("Correct reception {id}"),
        },
        None => tr(lang, "登记接访", "Record a reception").to_string(),
    };
    let editing = props.editing.map(|id| id.get().to_string());
    html! {
        <form id="reception-form" class="work-form no-print" data-editing={editing}
              onsubmit={submit} novalidate=true>
            <h3>{ heading }</h3>
            if !rota_days.is_empty() {
                <div class="field">
                    <label for="reception-rota-day">{ tr(lang, "对应排班日（可选）", "Rota day (optional)") }</label>
                    <select id="reception-rota-day" onchange={pick_day}>
                        <option value="" selected=true>{ tr(lang, "— 不对应排班 —", "— none —") }</option>
                        { for rota_days.iter().map(|s| {
                            let v = format!("{}|{}|{}", dates::input_value(s.date), s.leader.get(), s.place);
                            let label = format!("{} {} {}", dates::display(lang, s.date), org.person_name(s.leader), s.place);
                            html! { <option value={v.clone()} selected={v == chosen_day}>{ label }</option> }
                        }) }
                    </select>
                </div>
            }
            <div class="field">
                <label for="reception-leader">{ tr(lang, "接访领导", "Leader") }</label>
                <select id="reception-leader" onchange={choose(ReceptionField::Leader)}>
                    { person_options(org, &leaders, &f.leader, tr(lang, "— 选择领导 —", "— choose —")) }
                </select>
            </div>
            <div class="field inline-form">
                <label for="reception-date">{ tr(lang, "接访日期", "Date") }</label>
                <input id="reception-date" type="date" value={f.date.clone()} oninput={set(ReceptionField::Date)} />
                <label for="reception-kind">{ tr(lang, "接访方式", "Kind") }</label>
                <select id="reception-kind" onchange={choose(ReceptionField::Kind)}>
                    { for ReceptionKind::ALL.iter().map(|k| html! {
                        <option value={kind_key(*k)} selected={f.kind == kind_key(*k)}>{ kind_name(lang, *k) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="reception-place">{ tr(lang, "接访地点", "Place") }</label>
                <input id="reception-place" type="text" value={f.place.clone()} oninput={set(ReceptionField::Place)} maxlength={maxlength(limits::PLACE)} />
                <CharCount target="reception-place" limit={limits::PLACE} />
            </div>
            <div class="field">
                <label for="reception-head-count">{ tr(lang, "接待群众人数", "People received") }</label>
                <input id="reception-head-count" type="number" min="0" value={f.head_count.clone()}
                       oninput={set(ReceptionField::HeadCount)} />
            </div>
            <div class="field">
                <label for="reception-matters">{ tr(lang, "反映事项（每行一项）", "Matters raised (one per line)") }</label>
                <textarea id="reception-matters" rows="4" value={f.matters.clone()}
                          oninput={set_text(ReceptionField::Matters)} />
            </div>
            if let Some(m) = &*error {
                <p class="field-error" id="reception-form-error" role="alert">{ m.get(lang).to_string() }</p>
            }
            <div class="form-buttons">
                <button id="reception-submit" type="submit">{ tr(lang, "保存", "Save") }</button>
                <button id="reception-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </div>
        </form>
    }
}
