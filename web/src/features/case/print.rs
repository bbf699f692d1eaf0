//! A written document of a case laid out for printing on A4 (GB/T 9704
//! margins): issuing body, title, number, addressee, body, signing unit,
//! date in Chinese numerals and a seal placeholder. The document itself is
//! always Chinese (an official document); only the buttons and messages
//! follow the interface language.

use xinfang_core::CaseId;
use yew::prelude::*;

use crate::context::{go, use_app};
use crate::i18n::tr;
use crate::route;
use crate::route::Route;
use xinfang_core::documents::DocumentKind;
use xinfang_core::documents::{self, OfficialDocument};

/// Props of [`PrintPage`].
#[derive(Debug, PartialEq, Properties)]
pub struct PrintPageProps {
    /// The case.
    pub id: CaseId,
    /// The document.
    pub doc: DocumentKind,
}

/// A printed document.
#[component]
pub fn PrintPage(props: &PrintPageProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    // As the viewing unit may see it (see `unit_view`).
    let built = documents::build_for(
        &app.office.get(),
        props.id,
        props.doc,
        crate::access::viewer(&app.prefs),
    );
    let back_route = Route::Case(props.id);
    let back = html! {
        <a id="print-back" class="button" href={route::to_hash(back_route)}
           onclick={go(&app, back_route)}>
            { tr(lang, "返回案件", "Back to the case") }
        </a>
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let slug = route::to_hash(Route::Print(props.id, props.doc));
    let slug = slug.rsplit('/').next().unwrap_or_default().to_string();
    let case_no = props.id.get().to_string();
    match built {
        Ok(doc) => html! {
            <section id="page-print" data-case={case_no.clone()} data-doc={slug} data-date={doc.date.to_string()}>
                <div class="print-toolbar no-print">
                    { back }
                    <button id="print-button" type="button" onclick={print}>
                        { tr(lang, "打印", "Print") }
                    </button>
                    <span class="print-hint">
                        { tr(lang, "纸张：A4；公文正文为中文。", "Paper: A4; the document itself is in Chinese.") }
                    </span>
                </div>
                { sheet(&doc) }
            </section>
        },
        Err(why) => {
            let (zh, en) = (why.zh(), why.en());
            let message = tr(lang, &zh, &en).to_string();
            html! {
            <section id="page-print" data-case={case_no} data-doc={slug}>
                <div class="print-toolbar no-print">{ back }</div>
                <p id="doc-missing" class="doc-missing" role="status">
                    { message }
                </p>
            </section>
            }
        }
    }
}

/// The sheet of paper.
fn sheet(doc: &OfficialDocument) -> Html {
    html! {
        <article class="official-doc" lang="zh-CN">
            <header class="doc-head">
                <div id="doc-issuer" class="doc-issuer">{ doc.issuer.clone() }</div>
                <h1 id="doc-title" class="doc-title">{ doc.title.clone() }</h1>
                <p id="doc-number" class="doc-number">{ doc.number.clone() }</p>
            </header>
            <p id="doc-addressee" class="doc-addressee">{ doc.addressee.clone() }</p>
            <div id="doc-body" class="doc-body">
                { for doc.body.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
            </div>
            <div class="doc-signoff">
                <p id="doc-signature" class="doc-signature">{ doc.signature.clone() }</p>
                <p id="doc-date" class="doc-date">{ doc.date_text() }</p>
                <p class="doc-seal" aria-label="印章位置">{ "（印章）" }</p>
            </div>
        </article>
    }
}
