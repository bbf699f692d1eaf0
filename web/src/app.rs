//! The root component: owns the one reducer, provides it to the pages as a
//! context, keeps the address bar in step with the page, saves what
//! changed (outside the reducer), follows other tabs' saves, and lays out
//! the page.

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
use crate::persist::browser::{needs_unlock, now_ms, BrowserKv};
use crate::persist::kv::{prefix_of, stored_space, usage, Space, QUOTA_BYTES};
use crate::persist::open::{open_real, open_sandbox};
use crate::persist::record::{self, SaveError, SaveRequest};
use crate::persist::{browser, prefs, work};
use crate::route;
use crate::route::Route;
use crate::shell::backup::Backup;
use crate::shell::header::Header;
use crate::shell::lock_screen::LockScreen;
use crate::shell::sandbox_bar::{SandboxBar, SANDBOX_CASES_PER_YEAR, SANDBOX_SEED};
use crate::shell::storage_notice::StorageNotice;
use crate::shell::work_notice::WorkNotice;
use crate::state::{Action, CaughtUp, Store};

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

/// Another tab changed the lock record: follow it, or (a passphrase this
/// tab cannot know) reload the page, which asks for it.
fn follow_lock() {
    let lock = crate::persist::crypt::read_lock(&BrowserKv).ok().flatten();
    if !browser::follow_lock(lock.as_ref()) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }
}

/// The app with the store open.
#[component]
fn OfficeApp() -> Html {
    let store = use_reducer(|| {
        let kv = BrowserKv;
        let opened = match stored_space(&kv) {
            Space::Sandbox => open_sandbox(&kv, None, SANDBOX_SEED, SANDBOX_CASES_PER_YEAR)
                .and_then(Result::ok)
                .unwrap_or_else(|| open_real(&kv)),
            Space::Real => open_real(&kv),
        };
        let mut store = Store::opened(prefs::load(), opened);
        store.route = current_hash().map_or(Route::Dashboard, |h| route::from_hash(&h));
        store
    });

    // Save the open record when it changes (not on opening it: loading
    // writes nothing), unless it could not be read.
    {
        let store = store.clone();
        use_effect_with((store.space, store.office.version), move |(_, version)| {
            if *version > 0 {
                persist(&store);
            }
        });
    }

    // Save the work ledgers when they change, unless they could not be read.
    {
        let store = store.clone();
        use_effect_with((store.space, store.work.version), move |(_, version)| {
            if *version > 0 && !store.work_unsaved.is_empty() {
                persist_work(&store);
            }
        });
    }

    // Another tab saved: catch up (and redo this tab's unsaved commands).
    {
        let latest = use_mut_ref(|| store.clone());
        *latest.borrow_mut() = store.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(
                move |event: web_sys::StorageEvent| {
                    if event.key().is_none_or(|k| k == crate::persist::crypt::LOCK_KEY) {
                        follow_lock();
                    }
                    let app = latest.borrow().clone();
                    let prefix = prefix_of(app.space);
                    let head = record::key(prefix, "head");
                    let work = work::work_key(prefix);
                    if event.key().is_none_or(|k| k == head) {
                        sync(&app);
                    }
                    if event.key().is_none_or(|k| k == work) {
                        sync_work(&app);
                    }
                },
            );
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "storage",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Save the preferences when they change (not on the first render:
    // loading the page writes nothing), unless saving waits for the user.
    {
        let store = store.clone();
        use_effect_with(store.revision, move |revision| {
            if *revision > 0 && !store.saving_paused() {
                match prefs::save(&store.prefs) {
                    Ok(()) => store.dispatch(Action::Saved),
                    Err(detail) => store.dispatch(Action::SaveFailed(detail)),
                }
            }
        });
    }

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
    let on_set_aside = {
        let store = store.clone();
        Callback::from(move |()| set_aside(&store))
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
                    {on_set_aside} />
                <WorkNotice />
                <NoticeBar />
                { page }
            </main>
            if !printing {
                <footer class="page-footer">
                    { tr(lang, "案件记录只保存在本机浏览器中，不上传任何数据。", "The case record is kept in this browser only; nothing is sent anywhere.") }
                    <StorageUsageView />
                    <Backup />
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

/// Saves the open record (see `office_store::save`); when another tab
/// saved in between, catches up first and saves the result.
fn persist(app: &AppHandle) {
    if app.office_saving_paused() {
        return;
    }
    let kv = BrowserKv;
    let space = app.space;
    let start = now_ms();
    let result = {
        let office = app.office.get();
        record::save_counting(
            &kv,
            SaveRequest {
                prefix: prefix_of(space),
                office: &office,
                saved: app.saved,
                settings_changed: app.settings_dirty,
                sample: app.sample.as_deref(),
            },
        )
    };
    match result {
        Ok((saved, delta)) => app.dispatch(Action::Committed {
            space,
            saved,
            settings: app.settings_dirty,
            bytes: (app.usage.bytes as i64 + delta).max(0) as usize,
            save_ms: now_ms() - start,
        }),
        Err(SaveError::Conflict) => catch_up(app),
        Err(SaveError::Unreadable(problem)) => {
            app.dispatch(Action::OfficeUnreadable { space, problem })
        }
        Err(SaveError::Write(detail)) => {
            app.dispatch(Action::OfficeSaveFailed { space, detail, bytes: usage(&kv) })
        }
    }
}

/// Saves the work ledgers; when another tab saved them meanwhile, redoes
/// this tab's unsaved changes on what it stored first.
fn persist_work(app: &AppHandle) {
    if app.work_saving_paused() {
        return;
    }
    let kv = BrowserKv;
    let space = app.space;
    let prefix = prefix_of(space);
    let result = work::save(&kv, prefix, &app.work.get(), app.work_rev);
    match result {
        Ok(rev) => app.dispatch(Action::WorkCommitted {
            space,
            rev,
            changes: app.work_unsaved.len(),
            bytes: usage(&kv),
        }),
        Err(work::SaveError::Conflict) => sync_work(app),
        Err(work::SaveError::Unreadable(problem)) => {
            app.dispatch(Action::WorkProblem { space, problem })
        }
        Err(work::SaveError::Write(detail)) => app.dispatch(Action::WorkProblem {
            space,
            problem: work::WorkProblem::WriteFailed(detail),
        }),
    }
}

/// Another tab saved the work ledgers (or they are to be read again):
/// read them and redo this tab's unsaved changes on them.
fn sync_work(app: &AppHandle) {
    let kv = BrowserKv;
    let space = app.space;
    let prefix = prefix_of(space);
    match work::stored_rev(&kv, prefix) {
        Ok(rev) if rev == app.work_rev && !app.work_saving_paused() => return,
        _ => {}
    }
    let stored = match work::load(&kv, prefix) {
        Ok(stored) => stored.unwrap_or(work::StoredWork { ledgers: Default::default(), rev: 0 }),
        Err(problem) => {
            app.dispatch(Action::WorkProblem { space, problem });
            return;
        }
    };
    let rebased = work::rebase(stored.ledgers, &app.work_unsaved);
    let mut rev = stored.rev;
    let mut unsaved = rebased.redone.clone();
    let mut problem = None;
    if !unsaved.is_empty() {
        match work::save(&kv, prefix, &rebased.ledgers, rev) {
            Ok(now) => {
                rev = now;
                unsaved.clear();
            }
            Err(work::SaveError::Write(detail)) => {
                problem = Some(work::WorkProblem::WriteFailed(detail))
            }
            // Yet another save in between: the next change tries again.
            Err(_) => {}
        }
    }
    let notice = (!app.work_unsaved.is_empty()).then(|| crate::state::Notice {
        ok: rebased.refused.is_empty(),
        text: work::caught_up_message(app.lang(), rebased.redone.len(), &rebased.refused),
    });
    app.dispatch(Action::WorkCaughtUp {
        space,
        ledgers: Box::new(rebased.ledgers),
        rev,
        unsaved,
        problem,
        notice,
    });
}

/// Another tab's save reached storage: follow it unless this tab already has it.
fn sync(app: &AppHandle) {
    let kv = BrowserKv;
    let prefix = prefix_of(app.space);
    match record::read_head(&kv, prefix) {
        Ok(head) => {
            let stored = head.map(|h| record::Saved { entries: h.entries, head: h.head });
            if stored == app.saved && !app.office_saving_paused() {
                return;
            }
        }
        Err(problem) => {
            app.dispatch(Action::OfficeUnreadable { space: app.space, problem });
            return;
        }
    }
    if app.office_saving_paused() {
        // What could not be read was replaced: open it afresh.
        reopen(app);
        return;
    }
    if let (true, false, Some(saved)) = (app.unsaved.is_empty(), app.settings_dirty, app.saved) {
        // Nothing unsaved here: read only what the other tab appended.
        let found = record::appended(&kv, prefix, &app.office.get(), saved);
        match found {
            Ok(Some(appended)) => {
                let appended = Box::new(appended);
                app.dispatch(Action::Appended { space: app.space, appended });
                return;
            }
            Ok(None) => {}
            Err(problem) => {
                app.dispatch(Action::OfficeUnreadable { space: app.space, problem });
                return;
            }
        }
    }
    catch_up(app);
}

/// Opens the open space again from storage.
fn reopen(app: &AppHandle) {
    let kv = BrowserKv;
    let opened = match app.space {
        Space::Real => Some(Ok(open_real(&kv))),
        Space::Sandbox => open_sandbox(&kv, None, SANDBOX_SEED, SANDBOX_CASES_PER_YEAR),
    };
    if let Some(Ok(opened)) = opened {
        app.dispatch(Action::Opened(Box::new(opened)));
    }
}

/// Loads what another tab saved, redoes this tab's unsaved commands on it
/// and saves the result; nothing of either tab is lost, and a command
/// that no longer applies is named in the notice.
fn catch_up(app: &AppHandle) {
    let kv = BrowserKv;
    let space = app.space;
    let prefix = prefix_of(space);
    let caught = match record::catch_up(&kv, prefix, &app.unsaved) {
        Ok(Some(caught)) => caught,
        Ok(None) => {
            // The stored record is gone (another tab reset the sandbox):
            // save this one afresh.
            let mut next = (**app).clone();
            next.saved = None;
            save_fresh(app, &next);
            return;
        }
        Err(problem) => {
            app.dispatch(Action::OfficeUnreadable { space, problem });
            return;
        }
    };
    let mut office = caught.rebased.office;
    if app.settings_dirty {
        *office.settings_mut() = app.office.get().settings().clone();
    }
    let redone = caught.rebased.pending.len();
    let mut saved = Some(caught.saved);
    let mut unsaved = caught.rebased.pending;
    let mut settings_dirty = app.settings_dirty;
    let mut save_failed = None;
    if redone > 0 || settings_dirty {
        let req = SaveRequest {
            prefix,
            office: &office,
            saved,
            settings_changed: settings_dirty,
            sample: caught.sample.as_ref(),
        };
        match record::save(&kv, req) {
            Ok(now_saved) => {
                saved = Some(now_saved);
                unsaved.clear();
                settings_dirty = false;
            }
            Err(SaveError::Write(detail)) => save_failed = Some(detail),
            // Yet another save in between: the next change tries again.
            Err(_) => {}
        }
    }
    app.dispatch(Action::CaughtUp(Box::new(CaughtUp {
        space,
        office,
        saved,
        unsaved,
        sample: caught.sample,
        settings_dirty,
        refused: caught.rebased.refused,
        moved: caught.rebased.moved,
        redone,
        bytes: usage(&kv),
        save_failed,
    })));
}

fn save_fresh(app: &AppHandle, store: &Store) {
    let kv = BrowserKv;
    let space = store.space;
    let result = {
        let office = store.office.get();
        record::save(
            &kv,
            SaveRequest {
                prefix: prefix_of(space),
                office: &office,
                saved: None,
                settings_changed: true,
                sample: store.sample.as_deref(),
            },
        )
    };
    match result {
        Ok(saved) => app.dispatch(Action::Committed {
            space,
            saved,
            settings: true,
            bytes: usage(&kv),
            save_ms: 0.0,
        }),
        Err(SaveError::Write(detail)) => {
            app.dispatch(Action::OfficeSaveFailed { space, detail, bytes: usage(&kv) })
        }
        Err(_) => {}
    }
}

/// Moves the unreadable record aside (unchanged) and starts afresh.
fn set_aside(app: &AppHandle) {
    let kv = BrowserKv;
    match record::set_aside(&kv, prefix_of(app.space)) {
        Ok(_) => reopen(app),
        Err(detail) => {
            app.dispatch(Action::OfficeSaveFailed { space: app.space, detail, bytes: usage(&kv) })
        }
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
