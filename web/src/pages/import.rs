//! Placeholder for the ledger import page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 导入台账 (not written yet).
#[component]
pub fn ImportPage() -> Html {
    let app = use_app();
    html! { <section id="page-import"><h1>{ tr(app.lang(), "导入台账", "Import a ledger") }</h1></section> }
}
