//! Placeholder for the three_none page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// “三无”乡镇 (not written yet).
#[component]
pub fn ThreeNonePage() -> Html {
    let app = use_app();
    html! { <section id="page-three-none"><h1>{ tr(app.lang(), "“三无”乡镇", "Three-none townships") }</h1></section> }
}

/// Props of [`ThreeNonePrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct ThreeNonePrintProps {
    /// Which.
    pub year: i32,
}

/// “三无”乡镇（街道）情况表 (not written yet).
#[component]
pub fn ThreeNonePrint(props: &ThreeNonePrintProps) -> Html {
    let app = use_app();
    let _ = &props.year;
    html! { <section id="doc-three-none"><h1>{ tr(app.lang(), "“三无”乡镇（街道）情况表", "Three-none table") }</h1></section> }
}
