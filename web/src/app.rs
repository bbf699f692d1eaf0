//! The root component: owns the one reducer, provides it to the pages as a
//! context, keeps the address bar in step with the page, saves what
//! changed (outside the reducer), and lays out the page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use xinfang_core::{Office, Settings as OfficeSettings};
use yew::prelude::*;

use crate::components::deadline_calculator::DeadlineCalculator;
use crate::components::header::Header;
use crate::components::sandbox_bar::SandboxBar;
use crate::components::storage_notice::StorageNotice;
use crate::context::{go, AppHandle};
use crate::i18n::{t, tr, Key, Lang};
use crate::pages::case::CasePage;
use crate::pages::cases::CasesPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::print::PrintPage;
use crate::pages::register::RegisterPage;
use crate::pages::settings::SettingsPage;
use crate::route;
use crate::storage;
use crate::store::{Action, Route, Space, Store};

/// The whole page.
#[component]
pub fn App() -> Html {
    let store = use_reducer(|| {
        let mut store = Store::new(
            storage::load(),
            Space::Real,
            Office::new(OfficeSettings::sample_county()),
            0,
        );
        store.route = current_hash().map_or(Route::Dashboard, |h| route::from_hash(&h));
        store
    });

    // Save the preferences when they change (not on the first render:
    // loading the page writes nothing), unless saving waits for the user.
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

    // The address bar follows the page; the back button moves the page.
    use_effect_with(store.route, |route| {
        let hash = route::to_hash(*route);
        if current_hash().as_deref() != Some(hash.as_str()) {
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let _ = location.set_hash(&hash);
            }
        }
    });
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn()>::new(move || {
                if let Some(hash) = current_hash() {
                    store.dispatch(Action::Navigate(route::from_hash(&hash)));
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Keep the document's language and title in step with the interface.
    use_effect_with(store.lang(), |lang| set_document_lang(*lang));

    let lang = store.lang();
    let on_lang = store.dispatcher().to_callback().reform(Action::SetLang);
    let on_discard = store.dispatcher().to_callback().reform(|()| Action::DiscardUnreadable);
    let printing = matches!(store.route, Route::Print(..));

    let page = match store.route {
        Route::Dashboard => html! { <DashboardPage /> },
        Route::Cases => html! { <CasesPage /> },
        Route::Register => html! { <RegisterPage /> },
        Route::Case(id) => html! { <CasePage {id} /> },
        Route::Print(id, doc) => html! { <PrintPage {id} {doc} /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Deadlines => html! { <DeadlineCalculator {lang} /> },
    };

    html! {
        <ContextProvider<AppHandle> context={store.clone()}>
            if !printing {
                <Header {lang} {on_lang} />
                <SandboxBar />
                <Nav />
            }
            <main class={classes!("page", printing.then_some("printing"))}>
                <StorageNotice {lang} problem={store.problem.clone()} {on_discard} />
                <NoticeBar />
                { page }
            </main>
            if !printing {
                <footer class="page-footer">{ t(lang, Key::Footer) }</footer>
            }
        </ContextProvider<AppHandle>>
    }
}

/// The main navigation.
#[component]
fn Nav() -> Html {
    let app = crate::context::use_app();
    let lang = app.lang();
    let current = app.route;
    let item = |id: &'static str, route: Route, zh: &'static str, en: &'static str| {
        let active = current == route
            || matches!((current, route), (Route::Case(_) | Route::Print(..), Route::Cases));
        html! {
            <a {id} href={route::to_hash(route)} onclick={go(&app, route)}
               class={classes!("nav-item", active.then_some("active"))}
               aria-current={active.then_some("page")}>
                { tr(lang, zh, en) }
            </a>
        }
    };
    html! {
        <nav class="main-nav" aria-label={tr(lang, "主导航", "Main")}>
            { item("nav-dashboard", Route::Dashboard, "工作台", "Dashboard") }
            { item("nav-register", Route::Register, "登记", "Register") }
            { item("nav-cases", Route::Cases, "案件查询", "Cases") }
            { item("nav-settings", Route::Settings, "设置", "Settings") }
            { item("nav-deadlines", Route::Deadlines, "期限计算器", "Deadlines") }
        </nav>
    }
}

/// The message of the last action.
#[component]
fn NoticeBar() -> Html {
    let app = crate::context::use_app();
    let Some(notice) = app.notice.clone() else {
        return html! {};
    };
    let lang = app.lang();
    let dismiss = app.dispatcher().to_callback().reform(|_: MouseEvent| Action::DismissNotice);
    html! {
        <div id="notice" role={if notice.ok { "status" } else { "alert" }}
             class={classes!("notice", if notice.ok { "notice-ok" } else { "notice-error" })}>
            <span id="notice-text">{ notice.text }</span>
            <button id="notice-dismiss" type="button" onclick={dismiss}>
                { tr(lang, "知道了", "Dismiss") }
            </button>
        </div>
    }
}

fn current_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
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
