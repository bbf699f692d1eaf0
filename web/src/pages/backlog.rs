//! Placeholder for the backlog page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 信访积案 (not written yet).
#[component]
pub fn BacklogPage() -> Html {
    let app = use_app();
    html! { <section id="page-backlog"><h1>{ tr(app.lang(), "信访积案", "Backlog cases") }</h1></section> }
}

/// 信访积案化解台账 (not written yet).
#[component]
pub fn BacklogPrint() -> Html {
    let app = use_app();
    html! { <section id="doc-backlog"><h1>{ tr(app.lang(), "信访积案化解台账", "Backlog ledger") }</h1></section> }
}
