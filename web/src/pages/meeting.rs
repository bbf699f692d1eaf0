//! Placeholder for the meeting page (being written).

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;

/// Props of [`MeetingPage`].
#[derive(Debug, PartialEq, Properties)]
pub struct MeetingPageProps {
    /// Which.
    pub id: xinfang_core::work::MeetingId,
}

/// 会议 (not written yet).
#[component]
pub fn MeetingPage(props: &MeetingPageProps) -> Html {
    let app = use_app();
    let _ = &props.id;
    html! { <section id="page-meeting"><h1>{ tr(app.lang(), "会议", "Meeting") }</h1></section> }
}

/// Props of [`MinutesPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct MinutesPrintProps {
    /// Which.
    pub id: xinfang_core::work::MeetingId,
}

/// 会议纪要 (not written yet).
#[component]
pub fn MinutesPrint(props: &MinutesPrintProps) -> Html {
    let app = use_app();
    let _ = &props.id;
    html! { <section id="doc-minutes"><h1>{ tr(app.lang(), "会议纪要", "Minutes") }</h1></section> }
}
