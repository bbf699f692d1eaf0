//! The root component: owns the one reducer, loads the saved settings once,
//! saves them when they change, and lays out the page.

use yew::prelude::*;

use crate::components::deadline_calculator::DeadlineCalculator;
use crate::components::header::Header;
use crate::components::storage_notice::StorageNotice;
use crate::i18n::{t, Key, Lang};
use crate::storage;
use crate::store::{Action, Store};

/// The whole page.
#[component]
pub fn App() -> Html {
    let store = use_reducer(|| Store::from_loaded(storage::load()));

    // Save when the settings change (not on the first render: loading the
    // page writes nothing), unless saving waits for the user.
    {
        let store = store.clone();
        use_effect_with(store.revision, move |revision| {
            if *revision > 0 && !store.saving_paused() {
                match storage::save(&store.settings) {
                    Ok(()) => store.dispatch(Action::Saved),
                    Err(detail) => store.dispatch(Action::SaveFailed(detail)),
                }
            }
        });
    }

    // Keep the document's language and title in step with the interface.
    use_effect_with(store.lang(), |lang| set_document_lang(*lang));

    let lang = store.lang();
    let on_lang = store.dispatcher().to_callback().reform(Action::SetLang);
    let on_discard = store.dispatcher().to_callback().reform(|()| Action::DiscardUnreadable);

    html! {
        <>
            <Header {lang} {on_lang} />
            <main class="page">
                <StorageNotice {lang} problem={store.problem.clone()} {on_discard} />
                <DeadlineCalculator {lang} />
            </main>
            <footer class="page-footer">{ t(lang, Key::Footer) }</footer>
        </>
    }
}

fn set_document_lang(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    document.set_title(t(lang, Key::AppName));
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
