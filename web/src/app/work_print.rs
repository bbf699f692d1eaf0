//! A document of the work ledgers laid out for printing on A4: the toolbar
//! (back, print) and the sheet, which each ledger's page module draws
//! (接访登记表, 排班表, 包案责任表, 排查台账, 积案台账, 三无情况表,
//! 会议纪要). The sheets are Chinese (official documents); the buttons
//! follow the interface language.

use yew::prelude::*;

use crate::context::{go, use_app};
use crate::i18n::tr;
use crate::route;
use crate::route::{Route, WorkDoc};

/// Props of [`WorkPrintPage`].
#[derive(Debug, PartialEq, Properties)]
pub(crate) struct WorkPrintPageProps {
    /// The document.
    pub(crate) doc: WorkDoc,
}

/// The page each document goes back to.
pub(crate) fn back_route(doc: WorkDoc) -> Route {
    match doc {
        WorkDoc::Reception(_) | WorkDoc::Rota(_) => Route::Reception,
        WorkDoc::Ownership(_) => Route::Ownership,
        WorkDoc::Hotspots => Route::Screening,
        WorkDoc::Backlog => Route::Backlog,
        WorkDoc::ThreeNone(_) => Route::ThreeNone,
        WorkDoc::Minutes(id) => Route::Meeting(id),
    }
}

/// A printed document of the work ledgers (`#page-work-print`, with
/// `data-doc` = its path, e.g. `minutes/3`).
#[component]
pub(crate) fn WorkPrintPage(props: &WorkPrintPageProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let back_to = back_route(props.doc);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let path = route::to_hash(Route::WorkPrint(props.doc));
    let path = path.trim_start_matches("#/print/").to_string();
    let sheet = match props.doc {
        WorkDoc::Reception(id) => {
            html! { <crate::features::reception::page::ReceptionPrint {id} /> }
        }
        WorkDoc::Rota(month) => html! { <crate::features::reception::page::RotaPrint {month} /> },
        WorkDoc::Ownership(id) => {
            html! { <crate::features::ownership::page::OwnershipPrint {id} /> }
        }
        WorkDoc::Hotspots => html! { <crate::features::screening::page::HotspotsPrint /> },
        WorkDoc::Backlog => html! { <crate::features::backlog::page::BacklogPrint /> },
        WorkDoc::ThreeNone(year) => {
            html! { <crate::features::three_none::page::ThreeNonePrint {year} /> }
        }
        WorkDoc::Minutes(id) => html! { <crate::features::meetings::meeting::MinutesPrint {id} /> },
    };
    html! {
        <section id="page-work-print" data-doc={path}>
            <div class="print-toolbar no-print">
                <a id="print-back" class="button" href={route::to_hash(back_to)}
                   onclick={go(&app, back_to)}>
                    { tr(lang, "返回", "Back") }
                </a>
                <button id="print-button" type="button" onclick={print}>
                    { tr(lang, "打印", "Print") }
                </button>
                <span class="print-hint">
                    { tr(lang, "纸张：A4；文书正文为中文。", "Paper: A4; the document itself is in Chinese.") }
                </span>
            </div>
            { sheet }
        </section>
    }
}
