//! Placeholder for the case's actions (built by helper H4, whose version
//! replaces this file): renders nothing yet.

use xinfang_core::CaseId;
use yew::prelude::*;

/// Props of [`CaseActions`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseActionsProps {
    /// The case acted on.
    pub id: CaseId,
}

/// The actions the case's stage allows (placeholder: nothing yet).
#[component]
pub fn CaseActions(props: &CaseActionsProps) -> Html {
    let _ = props.id;
    html! {}
}
