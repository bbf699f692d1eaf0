//! The actions on a case after routing (受理, 不予受理, 延期, 答复, 退回重办,
//! 复查/复核, 听证, 督办, 回访, 评价, 息诉罢访): a button `#act-<name>` for
//! each action the core allows now (see `crate::features::case::action_model::available`), and
//! the form of the one opened. The case page embeds it under
//! `<section id="case-actions">`.

use xinfang_core::CaseId;
use yew::prelude::*;

use crate::clock;
use crate::context::use_app;
use crate::features::case::action_form::ActionForm;
use crate::features::case::action_model::{self, Kind};
use crate::i18n::tr;

/// Props of [`CaseActions`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseActionsProps {
    /// The case acted on.
    pub id: CaseId,
}

/// The actions the case allows now, and the open form.
#[component]
pub fn CaseActions(props: &CaseActionsProps) -> Html {
    let app = use_app();
    let open = use_state_eq(|| None::<Kind>);
    // Any change of the record (a successful action) or of the case shown
    // closes the form; a refusal leaves it open to be corrected.
    {
        let open = open.clone();
        use_effect_with((props.id, app.office.version, app.space), move |_| open.set(None));
    }

    let lang = app.lang();
    let id = props.id;
    let offers = {
        let office = app.office.get();
        if office.case(id).is_none() {
            return html! {};
        }
        action_model::available(&office, id, clock::now())
    };

    let buttons = offers.iter().map(|offer| {
        let kind = offer.kind;
        let active = *open == Some(kind);
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(if active { None } else { Some(kind) }))
        };
        html! {
            <button type="button" id={format!("act-{}", kind.name())}
                    class={classes!("action-button", active.then_some("active"))}
                    aria-expanded={active.to_string()} {onclick}>
                { offer.label(lang) }
            </button>
        }
    });
    let form = (*open).and_then(|kind| offers.iter().find(|o| o.kind == kind)).map(|offer| {
        let on_cancel = {
            let open = open.clone();
            Callback::from(move |()| open.set(None))
        };
        html! {
            <ActionForm key={offer.kind.name()} {id} kind={offer.kind}
                        title={AttrValue::from(offer.label(lang))} {on_cancel} />
        }
    });

    html! {
        <div class="case-actions">
            <h3 id="case-actions-title">{ tr(lang, "办理操作", "Actions") }</h3>
            if offers.is_empty() {
                <p id="actions-none" class="muted">
                    { tr(lang, "当前阶段没有可办理的操作。", "Nothing to do on this case at its stage.") }
                </p>
            } else {
                <div class="action-buttons" role="group" aria-labelledby="case-actions-title">
                    { for buttons }
                </div>
            }
            { for form }
        </div>
    }
}
