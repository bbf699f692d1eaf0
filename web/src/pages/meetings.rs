//! Placeholder for the meetings page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// 会议 (not written yet).
#[component]
pub fn MeetingsPage() -> Html {
    let app = use_app();
    html! { <section id="page-meetings"><h1>{ tr(app.lang(), "会议", "Meetings") }</h1></section> }
}
