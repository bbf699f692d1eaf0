//! 工作台 (being built).

use yew::prelude::*;

/// 工作台.
#[component]
pub fn DashboardPage() -> Html {
    html! { <section id="page-dashboard"><h2>{ "工作台" }</h2></section> }
}
