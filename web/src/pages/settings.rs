//! 设置 (being built).

use yew::prelude::*;

/// 设置.
#[component]
pub fn SettingsPage() -> Html {
    html! { <section id="page-settings"><h2>{ "设置" }</h2></section> }
}
