//! 登记: register a petition. Every field of the core's `Intake`; each
//! wrong field gets its message beside it (`.field-error`) and nothing is
//! sent; while the clerk types, possible repeats (`#repeat-hints`) and the
//! routing proposal (`#reg-route-preview`) are shown. Sending dispatches
//! `Command::Register`; the app then opens the new case.

use std::rc::Rc;

use xinfang_core::{Channel, Command, Escalation, UnitKind};
use yew::prelude::*;

use crate::context::{execute, use_app};
use crate::features::register::hints::RepeatHints;
use crate::features::register::route_preview::RoutePreview;
use crate::forms::state::{FormMsg, FormState};
use crate::forms::{category_path, IntakeForm, RegEdit, RegField};
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr};
use crate::state::{Msg, WorkSource};
use crate::ui::field::{input_value, maxlength, select_value, CharCount};
use xinfang_core::limits;

/// 登记.
#[component]
pub fn RegisterPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let prefilled = app.register_from.as_ref().map(|from| from.form.clone());
    let state =
        use_reducer(move || FormState::new(prefilled.unwrap_or_else(|| IntakeForm::new(today))));
    let from_banner = match app.register_from.as_ref().map(|f| f.source) {
        Some(source) => {
            let (zh, en) = match source {
                WorkSource::Reception(id) => (
                    format!("本件来自领导接访记录{id}，登记后将关联到该接访记录。"),
                    format!("From reception {id}: the new case will be linked to it."),
                ),
                WorkSource::Hotspot(id) => (
                    format!("本件来自矛盾纠纷台账{id}，登记后将关联到该矛盾纠纷。"),
                    format!("From hotspot {id}: the new case will be linked to it."),
                ),
            };
            let clear =
                app.dispatcher().to_callback().reform(|_: MouseEvent| Msg::ClearRegisterFrom);
            html! {
                <p id="reg-from" class="reg-from" role="status">
                    { tr(lang, &zh, &en).to_string() }
                    <button id="reg-from-clear" type="button" onclick={clear}>
                        { tr(lang, "不关联", "Do not link") }
                    </button>
                </p>
            }
        }
        None => html! {},
    };

    let office = app.office.get();
    let settings = office.settings();
    let form = &state.draft;
    let result = form.to_intake(settings, today);
    let errors = match (&result, state.tried) {
        (Err(errors), true) => errors.clone(),
        _ => Default::default(),
    };
    let draft = form.draft(settings, today);
    let route_draft = form.category(&settings.categories).and(draft.clone());

    let error = |field: RegField| -> Html {
        match errors.get(&field) {
            Some(m) => html! {
                <span class="field-error" id={format!("{}-error", field.element_id())} role="alert">
                    { m.get(lang).to_string() }
                </span>
            },
            None => html! {},
        }
    };
    let on_input = |f: Rc<dyn Fn(String) -> RegEdit>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(FormMsg::Edit(f(input_value(&e)))))
    };
    let on_select = |f: fn(String) -> RegEdit| {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(FormMsg::Edit(f(select_value(&e)))))
    };
    let text = |f: fn(String) -> RegEdit| on_input(Rc::new(f));
    let on_link = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(FormMsg::Edit(RegEdit::RepeatOf(id))))
    };
    let add_petitioner = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(FormMsg::Edit(RegEdit::AddPetitioner)))
    };
    let onsubmit = {
        let state = state.clone();
        let app = app.clone();
        let result = result.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match &result {
                Ok(intake) => execute(&app, Command::Register { intake: intake.clone() }),
                Err(_) => state.dispatch(FormMsg::Tried),
            }
        })
    };

    let rows: Vec<Html> = form
        .petitioners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let remove = {
                let state = state.clone();
                Callback::from(move |_: MouseEvent| {
                    state.dispatch(FormMsg::Edit(RegEdit::RemovePetitioner(i)))
                })
            };
            let rep = {
                let state = state.clone();
                Callback::from(move |e: Event| {
                    let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                    state.dispatch(FormMsg::Edit(RegEdit::Representative(i, checked)))
                })
            };
            html! {
                <fieldset class="petitioner-row" id={format!("reg-petitioner-{i}")}>
                    <legend>
                        { match lang {
                            crate::i18n::Lang::ZhCn => format!("信访人 {}", i + 1),
                            crate::i18n::Lang::En => format!("Petitioner {}", i + 1),
                        } }
                        if i == 0 { { tr(lang, "（第一信访人）", " (primary)") } }
                    </legend>
                    <div class="field">
                        <label for={format!("reg-name-{i}")}>{ tr(lang, "姓名", "Name") }</label>
                        <input id={format!("reg-name-{i}")} type="text" value={p.name.clone()}
                              maxlength={maxlength(limits::PETITIONER_NAME)}
                               oninput={on_input(Rc::new(move |v| RegEdit::Name(i, v)))} />
                        <CharCount target={format!("reg-name-{i}")} limit={limits::PETITIONER_NAME}
                                   value={AttrValue::from(p.name.clone())} />
                        { error(RegField::Name(i)) }
                    </div>
                    <div class="field">
                        <label for={format!("reg-id-{i}")}>{ tr(lang, "身份证号", "ID number") }</label>
                        <input id={format!("reg-id-{i}")} type="text" value={p.id_number.clone()}
                               maxlength="18" autocomplete="off"
                               oninput={on_input(Rc::new(move |v| RegEdit::IdNumber(i, v)))} />
                        { error(RegField::IdNumber(i)) }
                    </div>
                    <div class="field">
                        <label for={format!("reg-phone-{i}")}>{ tr(lang, "联系电话", "Phone") }</label>
                        <input id={format!("reg-phone-{i}")} type="tel" value={p.phone.clone()}
                               autocomplete="off"
                               oninput={on_input(Rc::new(move |v| RegEdit::Phone(i, v)))} />
                        { error(RegField::Phone(i)) }
                    </div>
                    <div class="field">
                        <label for={format!("reg-address-{i}")}>{ tr(lang, "住址", "Address") }</label>
                        <input id={format!("reg-address-{i}")} type="text" value={p.address.clone()}
                              maxlength={maxlength(limits::ADDRESS)}
                               oninput={on_input(Rc::new(move |v| RegEdit::Address(i, v)))} />
                        <CharCount target={format!("reg-address-{i}")} limit={limits::ADDRESS}
                                   value={AttrValue::from(p.address.clone())} />
                        { error(RegField::Address(i)) }
                    </div>
                    <div class="field checkbox">
                        <input id={format!("reg-rep-{i}")} type="checkbox" checked={p.representative}
                               onchange={rep} />
                        <label for={format!("reg-rep-{i}")}>
                            { tr(lang, "推选代表（集体访）", "Elected representative (collective visit)") }
                        </label>
                    </div>
                    if form.petitioners.len() > 1 {
                        <button type="button" class="reg-remove-petitioner"
                                id={format!("reg-remove-petitioner-{i}")} onclick={remove}>
                            { tr(lang, "删除此信访人", "Remove this petitioner") }
                        </button>
                    }
                </fieldset>
            }
        })
        .collect();

    let categories: Vec<Html> = settings
        .categories
        .offered()
        .map(|c| {
            let value = c.id().get().to_string();
            let is = value == form.category;
            html! { <option {value} selected={is}>{ category_path(&settings.categories, c.id()) }</option> }
        })
        .collect();
    let townships: Vec<Html> = settings
        .org
        .townships()
        .map(|u| {
            let value = u.id().get().to_string();
            let is = value == form.township;
            html! { <option {value} selected={is}>{ u.name().to_string() }</option> }
        })
        .collect();
    let accused: Vec<Html> = [UnitKind::Township, UnitKind::Department, UnitKind::PetitionOffice]
        .into_iter()
        .flat_map(|k| settings.org.units_of_kind(k))
        .map(|u| {
            let value = u.id().get().to_string();
            let is = value == form.accused_unit;
            html! { <option {value} selected={is}>{ u.name().to_string() }</option> }
        })
        .collect();

    html! {
        <section id="page-register" class="register-page">
            <h2>{ tr(lang, "登记", "Register a petition") }</h2>
            { from_banner }
            <div class="register-layout">
            <form id="reg-form" class="register-form" {onsubmit} novalidate=true>
                <div class="field">
                    <label for="reg-received-on">{ tr(lang, "收件日期", "Received on") }</label>
                    <input id="reg-received-on" type="date" value={form.received_on.clone()}
                           max={dates::input_value(today)} oninput={text(RegEdit::ReceivedOn)} />
                    { error(RegField::ReceivedOn) }
                </div>
                <div class="field">
                    <label for="reg-channel">{ tr(lang, "信访形式", "Channel") }</label>
                    <select id="reg-channel" onchange={on_select(RegEdit::Channel)}>
                        { for Channel::OPTIONS.iter().map(|c| html! {
                            <option value={c.key()} selected={c.key() == form.channel}>{ c.name(lang) }</option>
                        }) }
                    </select>
                    { error(RegField::Channel) }
                </div>
                if form.asks_escalation() {
                    <div class="field">
                        <label for="reg-escalation">{ tr(lang, "越级情况", "Escalation (越级)") }</label>
                        <select id="reg-escalation" onchange={on_select(RegEdit::Escalation)}>
                            <option value="" selected={form.escalation.is_empty()}>
                                { tr(lang, "未越级", "None") }
                            </option>
                            { for Escalation::OPTIONS.iter().map(|e| html! {
                                <option value={e.key()} selected={e.key() == form.escalation}>
                                    { e.name(lang) }
                                </option>
                            }) }
                        </select>
                        { error(RegField::Escalation) }
                    </div>
                }
                { for rows }
                <button id="reg-add-petitioner" type="button" onclick={add_petitioner}>
                    { tr(lang, "增加信访人", "Add a petitioner") }
                </button>
                <div class="field">
                    <label for="reg-head-count">{ tr(lang, "人数", "Number of people") }</label>
                    <input id="reg-head-count" type="number" min="1" value={form.head_count.clone()}
                           oninput={text(RegEdit::HeadCount)} />
                    { error(RegField::HeadCount) }
                </div>
                <div class="field">
                    <label for="reg-category">{ tr(lang, "问题类别", "Category") }</label>
                    <select id="reg-category" onchange={on_select(RegEdit::Category)}>
                        <option value="" selected={form.category.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                        { for categories }
                    </select>
                    { error(RegField::Category) }
                </div>
                <div class="field">
                    <label for="reg-purpose">{ tr(lang, "信访目的", "Purpose") }</label>
                    <select id="reg-purpose" onchange={on_select(RegEdit::Purpose)}>
                        { for xinfang_core::Purpose::ALL.into_iter().map(|p| html! {
                            <option value={p.key()} selected={p.key() == form.purpose}>
                                { p.name(lang) }
                            </option>
                        }) }
                    </select>
                    { error(RegField::Purpose) }
                </div>
                if form.asks_accused_unit() {
                    <div class="field">
                        <label for="reg-accused-unit">{ tr(lang, "被反映单位", "Accused unit") }</label>
                        <select id="reg-accused-unit" onchange={on_select(RegEdit::AccusedUnit)}>
                            <option value="" selected={form.accused_unit.is_empty()}>
                                { tr(lang, "不涉及具体单位", "No particular unit") }
                            </option>
                            { for accused }
                        </select>
                        <p class="hint">
                            { tr(lang, "检举控告内容不向被反映单位透露。",
                                 "The content of an accusation is never shown to the accused unit.") }
                        </p>
                        { error(RegField::AccusedUnit) }
                    </div>
                }
                <div class="field">
                    <label for="reg-township">{ tr(lang, "问题发生地（乡镇/街道）", "Township") }</label>
                    <select id="reg-township" onchange={on_select(RegEdit::Township)}>
                        <option value="" selected={form.township.is_empty()}>
                            { tr(lang, "不涉及乡镇", "None") }
                        </option>
                        { for townships }
                    </select>
                    { error(RegField::Township) }
                </div>
                <div class="field">
                    <label for="reg-village">{ tr(lang, "村（社区）", "Village or community") }</label>
                    <input id="reg-village" type="text" value={form.village.clone()}
                          maxlength={maxlength(limits::VILLAGE)}
                           oninput={text(RegEdit::Village)} />
                    <CharCount target="reg-village" limit={limits::VILLAGE}
                               value={AttrValue::from(form.village.clone())} />
                    { error(RegField::Village) }
                </div>
                <div class="field wide">
                    <label for="reg-summary">{ tr(lang, "反映问题（一句话）", "Summary (one line)") }</label>
                    <input id="reg-summary" type="text" value={form.summary.clone()}
                          maxlength={maxlength(limits::SUMMARY)}
                           oninput={text(RegEdit::Summary)} />
                    <CharCount target="reg-summary" limit={limits::SUMMARY}
                               value={AttrValue::from(form.summary.clone())} />
                    { error(RegField::Summary) }
                </div>
                <div class="field wide">
                    <label for="reg-content">{ tr(lang, "信访内容", "Content") }</label>
                    <textarea id="reg-content" rows="6" value={form.content.clone()}
                             maxlength={maxlength(limits::CONTENT)}
                              oninput={{
                                  let state = state.clone();
                                  Callback::from(move |e: InputEvent| {
                                      let v = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
                                      state.dispatch(FormMsg::Edit(RegEdit::Content(v)));
                                  })
                              }} />
                    <CharCount target="reg-content" limit={limits::CONTENT}
                               value={AttrValue::from(form.content.clone())} />
                    { error(RegField::Content) }
                </div>
                if state.tried && result.is_err() {
                    <p id="reg-error" class="form-error" role="alert">
                        { tr(lang, "请更正标出的项目后再提交。", "Correct the marked fields and send again.") }
                    </p>
                }
                <button id="reg-submit" type="submit" class="primary">{ tr(lang, "登记", "Register") }</button>
            </form>
            <div class="register-side">
                <RepeatHints draft={draft} linked={form.repeat_of} {on_link} />
                <RoutePreview draft={route_draft} />
            </div>
            </div>
        </section>
    }
}
