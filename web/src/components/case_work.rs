//! The work ledgers' records about one case, on its page (being written).

use xinfang_core::CaseId;
use yew::prelude::*;

/// Props of [`CaseWork`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseWorkProps {
    /// The case.
    pub id: CaseId,
}

/// Receptions, ownership, backlog entry, hotspots and meetings of a case.
#[component]
pub fn CaseWork(props: &CaseWorkProps) -> Html {
    let _ = props.id;
    html! {}
}
