//! The form of one action on a case (`#form-<name>`): its fields
//! (`#<name>-<field>`) as `crate::features::case::action_model` describes them, the reply's
//! claims as rows (`#reply-claim-0`…), errors per field (`.field-error`),
//! submit (`#<name>-submit`) and cancel (`#<name>-cancel`). A valid form is
//! sent to the core with `context::execute`; a refusal shows in the notice.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use xinfang_core::{CaseId, Command};
use yew::prelude::*;

use crate::clock;
use crate::context::{execute, use_app};
use crate::features::case::action_model::{
    self, Choice, Edit, Errors, Field, Form, Input, ItemPart, Kind,
};
use crate::i18n::{tr, Lang};
use crate::ui::field::{maxlength, CharCount};
use xinfang_core::limits;

/// The form being filled in, changed by [`Edit`]s (always on the latest
/// state, however fast the events come).
#[derive(Debug, Clone, PartialEq, Default)]
struct FormState(Form);

impl Reducible for FormState {
    type Action = Edit;

    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut form = self.0.clone();
        form.edit(edit);
        Rc::new(FormState(form))
    }
}

/// Props of [`ActionForm`].
#[derive(Debug, PartialEq, Properties)]
pub struct ActionFormProps {
    /// The case acted on.
    pub id: CaseId,
    /// The action.
    pub kind: Kind,
    /// The form's heading (the button's label).
    pub title: AttrValue,
    /// Closes the form without sending anything.
    pub on_cancel: Callback<()>,
}

/// One action's form.
#[component]
pub fn ActionForm(props: &ActionFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let (id, kind) = (props.id, props.kind);
    let form = {
        let app = app.clone();
        use_reducer(move || {
            let office = app.office.get();
            FormState(
                office
                    .case(id)
                    .map(|case| action_model::initial(kind, &office, case, clock::today()))
                    .unwrap_or_default(),
            )
        })
    };
    let errors = use_state_eq(Errors::new);

    let onsubmit = {
        let (app, form, errors) = (app.clone(), form.clone(), errors.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The record is read, then released before anything is sent.
            let result = {
                let office = app.office.get();
                let Some(case) = office.case(id) else { return };
                action_model::to_action(kind, &form.0, &office, case, app.lang())
            };
            match result {
                Ok(action) => {
                    errors.set(Errors::new());
                    execute(&app, Command::Act { case: id, action });
                }
                Err(found) => errors.set(found),
            }
        })
    };
    let oncancel = props.on_cancel.reform(|_: MouseEvent| ());

    let office = app.office.get();
    let Some(case) = office.case(id) else {
        return html! {};
    };
    let fields = action_model::fields(kind, &office, case, lang);
    drop(office);
    let name = kind.name();
    let error_of = |field: &str| -> Html {
        match errors.get(field) {
            Some(text) => html! {
                <p class="field-error" id={format!("{name}-{field}-error")} role="alert">{ text.clone() }</p>
            },
            None => html! {},
        }
    };
    let render = |f: &Field| render_field(kind, name, f, &form, error_of(f.name), lang);
    let (before, after): (Vec<&Field>, Vec<&Field>) = if kind == Kind::Reply {
        fields.iter().partition(|f| f.name == "on")
    } else {
        (fields.iter().collect(), Vec::new())
    };

    html! {
        <form id={format!("form-{name}")} class="action-form" novalidate=true {onsubmit}
              aria-labelledby={format!("form-{name}-title")}>
            <h4 id={format!("form-{name}-title")}>{ props.title.clone() }</h4>
            { for before.into_iter().map(render) }
            if kind == Kind::Reply {
                <ReplyItems form={form.clone()} errors={(*errors).clone()} {lang} />
            }
            { for after.into_iter().map(render) }
            { error_of("form") }
            <div class="form-buttons">
                <button type="submit" id={format!("{name}-submit")} class="primary">
                    { tr(lang, "提交", "Submit") }
                </button>
                <button type="button" id={format!("{name}-cancel")} onclick={oncancel}>
                    { tr(lang, "取消", "Cancel") }
                </button>
            </div>
        </form>
    }
}

/// A field with its label, input, hint and error.
fn render_field(
    form_kind: Kind,
    kind: &str,
    f: &Field,
    form: &UseReducerHandle<FormState>,
    error: Html,
    lang: Lang,
) -> Html {
    let id = format!("{kind}-{}", f.name);
    let field = f.name;
    let limit = action_model::limit(form_kind, field);
    let value = form.0.get(field).to_string();
    let set = |value: String| Edit::Set(field, value);
    let input = match &f.input {
        Input::Date | Input::Text | Input::Number => {
            let kind_attr = match f.input {
                Input::Date => "date",
                Input::Number => "number",
                _ => "text",
            };
            let oninput = form.dispatcher().to_callback().reform(move |e: InputEvent| {
                set(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            let onchange = form
                .dispatcher()
                .to_callback()
                .reform(move |e: Event| set(e.target_unchecked_into::<HtmlInputElement>().value()));
            match limit {
                Some(limit) => html! {
                    <>
                    <input id={id.clone()} type={kind_attr} value={value.clone()} {oninput} {onchange}
                          maxlength={maxlength(limit)} aria-required={f.required.to_string()} />
                    <CharCount target={id.clone()} {limit} value={AttrValue::from(value)} />
                    </>
                },
                None => html! {
                    <input id={id.clone()} type={kind_attr} {value} {oninput} {onchange}
                           aria-required={f.required.to_string()} />
                },
            }
        }
        Input::Area => {
            let oninput = form.dispatcher().to_callback().reform(move |e: InputEvent| {
                set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
            });
            let max = limit.map(maxlength);
            let count = limit.map(|limit| {
                html! { <CharCount target={id.clone()} {limit} value={AttrValue::from(value.clone())} /> }
            });
            html! {
                <>
                <textarea id={id.clone()} rows="3" {value} {oninput} maxlength={max}
                          aria-required={f.required.to_string()} />
                { for count }
                </>
            }
        }
        Input::Select(options) => {
            let onchange = form.dispatcher().to_callback().reform(move |e: Event| {
                set(e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            select(&id, options, &value, onchange, lang)
        }
    };
    html! {
        <div class="field">
            <label for={id.clone()}>
                { f.label }
                if f.required { <span class="required" aria-hidden="true">{ "*" }</span> }
            </label>
            { input }
            if let Some(hint) = f.hint { <p class="hint">{ hint }</p> }
            { error }
        </div>
    }
}

/// A select showing `value`, with an empty first option when nothing is chosen.
fn select(
    id: &str,
    options: &[Choice],
    value: &str,
    onchange: Callback<Event>,
    lang: Lang,
) -> Html {
    let chosen = options.iter().any(|c| c.value == value);
    html! {
        <select id={id.to_string()} {onchange}>
            if !chosen {
                <option value="" selected=true>{ tr(lang, "请选择", "Choose") }</option>
            }
            { for options.iter().map(|c| html! {
                <option value={c.value.clone()} selected={c.value == value}>{ c.label.clone() }</option>
            }) }
        </select>
    }
}

/// Props of [`ReplyItems`].
#[derive(Debug, PartialEq, Properties)]
struct ReplyItemsProps {
    form: UseReducerHandle<FormState>,
    errors: Errors,
    lang: Lang,
}

/// The claims of a reply, one row each: `#reply-claim-<i>`,
/// `#reply-outcome-<i>`, `#reply-basis-<i>`, `#reply-remove-item-<i>`, and
/// `#reply-add-item`.
#[component]
fn ReplyItems(props: &ReplyItemsProps) -> Html {
    let lang = props.lang;
    let form = &props.form;
    let error_of = |key: String| -> Html {
        match props.errors.get(&key) {
            Some(text) => html! {
                <p class="field-error" id={format!("reply-{key}-error")} role="alert">{ text.clone() }</p>
            },
            None => html! {},
        }
    };
    let outcomes = action_model::reply_outcome_choices(lang);
    let add = form.dispatcher().to_callback().reform(|_: MouseEvent| Edit::AddItem);
    html! {
        <fieldset class="reply-items" id="reply-items">
            <legend>{ tr(lang, "答复事项", "Claims answered") }</legend>
            { for form.0.items.iter().enumerate().map(|(i, item)| {
                let set = move |part: ItemPart| move |value: String| Edit::SetItem(i, part, value);
                let on_claim = form.dispatcher().to_callback().reform(move |e: InputEvent| {
                    set(ItemPart::Claim)(e.target_unchecked_into::<HtmlInputElement>().value())
                });
                let on_outcome = form.dispatcher().to_callback().reform(move |e: Event| {
                    set(ItemPart::Outcome)(e.target_unchecked_into::<HtmlSelectElement>().value())
                });
                let on_basis = form.dispatcher().to_callback().reform(move |e: InputEvent| {
                    set(ItemPart::Basis)(e.target_unchecked_into::<HtmlTextAreaElement>().value())
                });
                let remove = form.dispatcher().to_callback().reform(move |_: MouseEvent| Edit::RemoveItem(i));
                html! {
                    <div class="reply-item" id={format!("reply-item-{i}")} key={i}>
                        <div class="field">
                            <label for={format!("reply-claim-{i}")}>
                                { format!("{}{}", tr(lang, "诉求", "Claim "), i + 1) }
                                <span class="required" aria-hidden="true">{ "*" }</span>
                            </label>
                            <input id={format!("reply-claim-{i}")} type="text" value={item.claim.clone()}
                                  maxlength={maxlength(limits::CLAIM)}
                                   oninput={on_claim} aria-required="true" />
                            <CharCount target={format!("reply-claim-{i}")} limit={limits::CLAIM}
                                       value={AttrValue::from(item.claim.clone())} />
                            { error_of(format!("claim-{i}")) }
                        </div>
                        <div class="field">
                            <label for={format!("reply-outcome-{i}")}>{ tr(lang, "处理结果", "Outcome") }</label>
                            { select(&format!("reply-outcome-{i}"), &outcomes, &item.outcome, on_outcome, lang) }
                            { error_of(format!("outcome-{i}")) }
                        </div>
                        <div class="field">
                            <label for={format!("reply-basis-{i}")}>{ tr(lang, "事实和法律法规依据", "Facts and legal basis") }</label>
                            <textarea id={format!("reply-basis-{i}")} rows="2" value={item.basis.clone()}
                                     maxlength={maxlength(limits::BASIS)} oninput={on_basis} />
                            <CharCount target={format!("reply-basis-{i}")} limit={limits::BASIS}
                                       value={AttrValue::from(item.basis.clone())} />
                            { error_of(format!("basis-{i}")) }
                        </div>
                        <button type="button" id={format!("reply-remove-item-{i}")} onclick={remove}>
                            { tr(lang, "删除此项", "Remove") }
                        </button>
                    </div>
                }
            }) }
            { error_of("items".to_string()) }
            <button type="button" id="reply-add-item" onclick={add}>
                { tr(lang, "增加一项诉求", "Add a claim") }
            </button>
        </fieldset>
    }
}
