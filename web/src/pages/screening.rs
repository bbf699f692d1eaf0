//! Placeholder for the screening page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 矛盾纠纷排查 (not written yet).
#[component]
pub fn ScreeningPage() -> Html {
    let app = use_app();
    html! { <section id="page-screening"><h1>{ tr(app.lang(), "矛盾纠纷排查", "Dispute screening") }</h1></section> }
}

/// 矛盾纠纷排查化解台账 (not written yet).
#[component]
pub fn HotspotsPrint() -> Html {
    let app = use_app();
    html! { <section id="doc-hotspots"><h1>{ tr(app.lang(), "矛盾纠纷排查化解台账", "Hotspot ledger") }</h1></section> }
}
