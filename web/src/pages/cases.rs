//! 案件查询 (being built).

use yew::prelude::*;

/// 案件查询.
#[component]
pub fn CasesPage() -> Html {
    html! { <section id="page-cases"><h2>{ "案件查询" }</h2></section> }
}
