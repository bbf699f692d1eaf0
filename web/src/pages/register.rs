//! 登记 (being built).

use yew::prelude::*;

/// 登记.
#[component]
pub fn RegisterPage() -> Html {
    html! { <section id="page-register"><h2>{ "登记" }</h2></section> }
}
