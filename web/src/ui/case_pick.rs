//! Naming a case by its number in the work ledgers' forms ([`CasePick`]),
//! and showing a linked case as a link to its page ([`case_link`]).

use xinfang_core::{CaseId, Office};

use crate::access::Viewer;
use yew::prelude::*;

use crate::context::{go, AppHandle};
use crate::i18n::tr;
use crate::route;
use crate::route::Route;

/// Props of [`CasePick`].
#[derive(Debug, PartialEq, Properties)]
pub struct CasePickProps {
    /// The input's id; the button is `<id>-add`, the message `<id>-error`.
    pub id: AttrValue,
    /// The label (already in the interface language).
    pub label: AttrValue,
    /// The button's text (already in the interface language).
    pub button: AttrValue,
    /// Called with the case found.
    pub on_pick: Callback<CaseId>,
}

/// A case-number input with a button: an unknown number gets a message
/// beside the field; a known one is passed on and the field cleared.
#[component]
pub fn CasePick(props: &CasePickProps) -> Html {
    let app = crate::context::use_app();
    let lang = app.lang();
    let typed = use_state_eq(String::new);
    let error = use_state_eq(|| None::<String>);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let pick = {
        let (typed, error, app) = (typed.clone(), error.clone(), app.clone());
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let number = typed.trim().to_string();
            let found =
                find_by_number(crate::access::viewer(&app.prefs), &app.office.get(), &number);
            match found {
                Some(id) => {
                    error.set(None);
                    typed.set(String::new());
                    on_pick.emit(id);
                }
                None if number.is_empty() => error.set(Some(
                    tr(app.lang(), "请输入案件编号。", "Enter a case number.").to_string(),
                )),
                None => error.set(Some(match app.lang() {
                    crate::i18n::Lang::ZhCn => format!("没有编号为“{number}”的案件。"),
                    crate::i18n::Lang::En => format!("There is no case numbered “{number}”."),
                })),
            }
        })
    };
    let id = props.id.to_string();
    html! {
        <span class="case-pick">
            <label for={id.clone()}>{ props.label.clone() }</label>
            <input id={id.clone()} type="text" value={(*typed).clone()} {oninput}
                   placeholder={tr(lang, "如 XF2026-00017", "e.g. XF2026-00017")} autocomplete="off" />
            <button id={format!("{id}-add")} type="button" onclick={pick}>{ props.button.clone() }</button>
            if let Some(message) = &*error {
                <span class="field-error" id={format!("{id}-error")} role="alert">{ message.clone() }</span>
            }
        </span>
    }
}

/// A linked case as a link to its page (`a.case-link[data-case]`), showing
/// its number; a case the record does not hold shows its id, struck out.
pub fn case_link(app: &AppHandle, office: &Office, id: CaseId) -> Html {
    match office.case(id) {
        Some(case) => html! {
            <a class="case-link" data-case={id.get().to_string()}
               href={route::to_hash(Route::Case(id))} onclick={go(app, Route::Case(id))}>
                { case.number().to_string() }
            </a>
        },
        None => {
            html! { <del class="case-link missing" data-case={id.get().to_string()}>{ id.to_string() }</del> }
        }
    }
}

/// Finds the case with this number (trimmed, any letter case) among the
/// cases `viewer` sees: in a unit's view a case it does not handle is not
/// found (the core's [`Viewer::find_by_number`]).
pub fn find_by_number(viewer: Viewer, office: &Office, number: &str) -> Option<CaseId> {
    viewer.find_by_number(office, number)
}

/// The one-line summary of a picked case as `viewer` may see it (the
/// placeholder for an accusation withheld from it), empty for a case the
/// record does not hold.
pub fn summary_of(viewer: Viewer, office: &Office, id: CaseId) -> String {
    office
        .case(id)
        .map(|c| viewer.summary(c, &office.settings().org).to_string())
        .unwrap_or_default()
}
