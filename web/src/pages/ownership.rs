//! Placeholder for the ownership page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 领导包案 (not written yet).
#[component]
pub fn OwnershipPage() -> Html {
    let app = use_app();
    html! { <section id="page-ownership"><h1>{ tr(app.lang(), "领导包案", "Leader-owned cases") }</h1></section> }
}

/// Props of [`OwnershipPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct OwnershipPrintProps {
    /// Which.
    pub id: xinfang_core::work::OwnershipId,
}

/// 领导包案责任表 (not written yet).
#[component]
pub fn OwnershipPrint(props: &OwnershipPrintProps) -> Html {
    let app = use_app();
    let _ = &props.id;
    html! { <section id="doc-ownership"><h1>{ tr(app.lang(), "领导包案责任表", "Ownership sheet") }</h1></section> }
}
