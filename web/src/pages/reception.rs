//! Placeholder for the reception page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 领导接访 (not written yet).
#[component]
pub fn ReceptionPage() -> Html {
    let app = use_app();
    html! { <section id="page-reception"><h1>{ tr(app.lang(), "领导接访", "Leader receptions") }</h1></section> }
}

/// Props of [`ReceptionPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReceptionPrintProps {
    /// Which.
    pub id: xinfang_core::work::ReceptionId,
}

/// 领导接访登记表 (not written yet).
#[component]
pub fn ReceptionPrint(props: &ReceptionPrintProps) -> Html {
    let app = use_app();
    let _ = &props.id;
    html! { <section id="doc-reception"><h1>{ tr(app.lang(), "领导接访登记表", "Reception record") }</h1></section> }
}

/// Props of [`RotaPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct RotaPrintProps {
    /// Which.
    pub month: u32,
}

/// 领导接访排班表 (not written yet).
#[component]
pub fn RotaPrint(props: &RotaPrintProps) -> Html {
    let app = use_app();
    let _ = &props.month;
    html! { <section id="doc-rota"><h1>{ tr(app.lang(), "领导接访排班表", "Reception rota") }</h1></section> }
}
