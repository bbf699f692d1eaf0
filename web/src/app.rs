//! The root component: owns the one reducer, provides it to the pages as a
//! context, keeps the address bar in step with the page, saves what
//! changed (outside the reducer), follows other tabs' saves, and lays out
//! the page.

mod sync;
mod work_print;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::work_print::WorkPrintPage;
use crate::context::{go, AppHandle};
use crate::features::case::page::CasePage;
use crate::features::case::print::PrintPage;
use crate::features::cases::page::CasesPage;
use crate::features::dashboard::page::DashboardPage;
use crate::features::deadlines::page::DeadlineCalculator;
use crate::features::register::page::RegisterPage;
use crate::features::reports::page::ReportsPage;
use crate::features::settings::page::SettingsPage;
use crate::features::supervision::page::SupervisionPage;
use crate::i18n::{t, tr, Key, Lang};
use crate::persist::browser::needs_unlock;
use crate::persist::kv::QUOTA_BYTES;
use crate::persist::prefs;
use crate::route;
use crate::route::Route;
use crate::shell::asides::Asides;
use crate::shell::backup::Backup;
use crate::shell::header::Header;
use crate::shell::lock_screen::LockScreen;
use crate::shell::sandbox_bar::SandboxBar;
use crate::shell::storage_notice::StorageNotice;
use crate::shell::work_notice::WorkNotice;
use crate::state::{Msg, Store};

/// The whole page: the lock screen while the store is encrypted and this
/// tab holds no key, then the app (which opens the record only then).
#[component]
pub fn App() -> Html {
    let unlocked = use_state(|| !needs_unlock());
    if !*unlocked {
        let on_open = Callback::from(move |()| unlocked.set(true));
        let lang = prefs::load().prefs.lang;
        set_document_lang(lang);
        return html! { <LockScreen {lang} {on_open} /> };
    }
    html! { <OfficeApp /> }
}

/// The app with the store open.
#[component]
fn OfficeApp() -> Html {
    let store = use_reducer(|| {
        let mut store = Store::opened(prefs::load(), sync::open_initial());
        store.route = current_hash().map_or(Route::Dashboard, |h| route::from_hash(&h));
        store
    });
    sync::use_sync(&store);

    // The address bar follows the page; the back button moves the page.
    // A `hashchange` that only reports the hash the app itself set last is
    // not a move: it can arrive after the page moved on (e.g. a case got
    // another id when another tab's save was caught up).
    let set_by_app = use_mut_ref(|| None::<String>);
    {
        let set_by_app = set_by_app.clone();
        use_effect_with(store.route, move |route| {
            let hash = route::to_hash(*route);
            if current_hash().as_deref() != Some(hash.as_str()) {
                if let Some(location) = web_sys::window().map(|w| w.location()) {
                    *set_by_app.borrow_mut() = Some(hash.clone());
                    let _ = location.set_hash(&hash);
                }
            }
        });
    }
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn()>::new(move || {
                if let Some(hash) = current_hash() {
                    if set_by_app.borrow().as_deref() == Some(hash.as_str()) {
                        return;
                    }
                    *set_by_app.borrow_mut() = None;
                    store.dispatch(Msg::Navigate(route::from_hash(&hash)));
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
    let on_lang = store.dispatcher().to_callback().reform(Msg::SetLang);
    let on_discard = store.dispatcher().to_callback().reform(|()| Msg::DiscardUnreadable);
    let on_set_aside = {
        let store = store.clone();
        Callback::from(move |()| sync::set_aside(&store))
    };
    let printing = matches!(store.route, Route::Print(..) | Route::WorkPrint(_));

    let page = match store.route {
        Route::Dashboard => html! { <DashboardPage /> },
        Route::Cases => html! { <CasesPage /> },
        Route::Register => html! { <RegisterPage /> },
        Route::Case(id) => html! { <CasePage {id} /> },
        Route::Print(id, doc) => html! { <PrintPage {id} {doc} /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Deadlines => html! { <DeadlineCalculator {lang} /> },
        Route::Reports => html! { <ReportsPage /> },
        Route::Supervision => html! { <SupervisionPage /> },
        Route::Reception => html! { <crate::features::reception::page::ReceptionPage /> },
        Route::Ownership => html! { <crate::features::ownership::page::OwnershipPage /> },
        Route::Screening => html! { <crate::features::screening::page::ScreeningPage /> },
        Route::Backlog => html! { <crate::features::backlog::page::BacklogPage /> },
        Route::ThreeNone => html! { <crate::features::three_none::page::ThreeNonePage /> },
        Route::Meetings => html! { <crate::features::meetings::page::MeetingsPage /> },
        Route::Meeting(id) => html! { <crate::features::meetings::meeting::MeetingPage {id} /> },
        Route::WorkPrint(doc) => html! { <WorkPrintPage {doc} /> },
        Route::Import => html! { <crate::features::import::page::ImportPage /> },
    };

    html! {
        <ContextProvider<AppHandle> context={store.clone()}>
            if !printing {
                <Header {lang} {on_lang} />
                <SandboxBar />
                <Nav />
            }
            <main class={classes!("page", printing.then_some("printing"))}>
                <StorageNotice {lang} problem={store.problem.clone()} {on_discard}
                    office_problem={store.office_problem.clone()} space={store.space}
                    read_only={store.read_only} {on_set_aside} />
                <WorkNotice />
                <crate::shell::chain_warning::ChainWarning />
                <NoticeBar />
                { page }
            </main>
            if !printing {
                <footer class="page-footer">
                    { tr(lang, "案件记录只保存在本机浏览器中，不上传任何数据。", "The case record is kept in this browser only; nothing is sent anywhere.") }
                    <StorageUsageView />
                    <Backup />
                    <Asides />
                    <a id="nav-import" class="footer-link" href={route::to_hash(Route::Import)}
                       onclick={go(&store, Route::Import)}>
                        { tr(lang, "导入Excel/CSV台账", "Import an Excel/CSV ledger") }
                    </a>
                </footer>
            }
        </ContextProvider<AppHandle>>
    }
}

/// How much of the browser's storage is used (`#storage-usage`, class
/// `warn` above 80 %), with the last load and save times as data
/// attributes for the benchmark.
#[component]
fn StorageUsageView() -> Html {
    let app = crate::context::use_app();
    let lang = app.lang();
    let usage = app.usage;
    let share = usage.bytes as f64 / QUOTA_BYTES as f64;
    let mb = usage.bytes as f64 / 1_048_576.0;
    let pct = (share * 100.0).round();
    html! {
        <span id="storage-usage" class={classes!("storage-usage", (share > 0.8).then_some("warn"))}
              data-bytes={usage.bytes.to_string()}
              data-load-ms={format!("{:.1}", usage.load_ms)}
              data-save-ms={format!("{:.1}", usage.save_ms)}
              data-unsaved={app.unsaved.len().to_string()}>
            { match lang {
                Lang::ZhCn => format!("本机存储已用 {mb:.1} MB（约占上限 10 MB 的 {pct}%）"),
                Lang::En => format!("Browser storage used: {mb:.1} MB (about {pct}% of the 10 MB limit)"),
            } }
        </span>
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
            || matches!((current, route), (Route::Case(_) | Route::Print(..), Route::Cases))
            || matches!((current, route), (Route::Meeting(_), Route::Meetings))
            || matches!(current, Route::WorkPrint(doc) if crate::app::work_print::back_route(doc) == route);
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
            { item("nav-supervision", Route::Supervision, "督办", "Supervision") }
            { item("nav-reception", Route::Reception, "领导接访", "Receptions") }
            { item("nav-ownership", Route::Ownership, "领导包案", "Leader cases") }
            { item("nav-screening", Route::Screening, "矛盾排查", "Screening") }
            { item("nav-backlog", Route::Backlog, "信访积案", "Backlog") }
            { item("nav-three-none", Route::ThreeNone, "三无", "Three-none") }
            { item("nav-meetings", Route::Meetings, "会议", "Meetings") }
            { item("nav-reports", Route::Reports, "报表统计", "Reports") }
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
    let dismiss = app.dispatcher().to_callback().reform(|_: MouseEvent| Msg::DismissNotice);
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
