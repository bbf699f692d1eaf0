//! A printed document (being built).

use xinfang_core::CaseId;
use yew::prelude::*;

use crate::store::Document;

/// Props of [`PrintPage`].
#[derive(Debug, PartialEq, Properties)]
pub struct PrintPageProps {
    /// The case.
    pub id: CaseId,
    /// The document.
    pub doc: Document,
}

/// A printed document.
#[component]
pub fn PrintPage(props: &PrintPageProps) -> Html {
    html! { <section id="page-print"><h2>{ format!("{:?}", props.doc) }</h2></section> }
}
