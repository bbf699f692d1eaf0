//! The routing proposal for the registration being typed
//! (`#reg-route-preview`): where the rules would send it, and why.

use xinfang_core::Intake;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::labels::Named;
use crate::i18n::tr;

/// Props of [`RoutePreview`].
#[derive(Debug, PartialEq, Properties)]
pub struct RoutePreviewProps {
    /// The registration as typed, when a category is chosen.
    pub draft: Option<Intake>,
}

/// The proposal with its explanation.
#[component]
pub fn RoutePreview(props: &RoutePreviewProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let body = match &props.draft {
        None => html! {
            <p class="muted">{ tr(lang, "选择问题类别后显示分办建议。", "Pick a category to see where it would go.") }</p>
        },
        Some(draft) => match office.propose_route(draft) {
            Ok(p) => {
                let org = &office.settings().org;
                let co: Vec<String> = p.co_units.iter().map(|u| org.unit_name(*u)).collect();
                html! {
                    <>
                        <p class="route-proposal">
                            <strong id="reg-route-disposal">{ p.disposal.name(lang) }</strong>
                            { " " }
                            <strong id="reg-route-lead">{ org.unit_name(p.lead) }</strong>
                            if !co.is_empty() {
                                { tr(lang, "；协办：", "; co-handling: ") }{ co.join("、") }
                            }
                        </p>
                        <p id="reg-route-why" class="route-why">{ p.explanation.clone() }</p>
                    </>
                }
            }
            Err(err) => {
                html! { <p id="reg-route-why" class="route-no-proposal">{ err.to_string() }</p> }
            }
        },
    };
    html! {
        <aside id="reg-route-preview" class="route-preview" aria-live="polite">
            <h3>{ tr(lang, "分办建议", "Routing proposal") }</h3>
            { body }
        </aside>
    }
}
