//! One case (being built).

use xinfang_core::CaseId;
use yew::prelude::*;

/// Props of [`CasePage`].
#[derive(Debug, PartialEq, Properties)]
pub struct CasePageProps {
    /// The case shown.
    pub id: CaseId,
}

/// One case.
#[component]
pub fn CasePage(props: &CasePageProps) -> Html {
    html! { <section id="page-case"><h2>{ props.id.to_string() }</h2></section> }
}
