//! The one place that reads and writes the open record: opening it, saving
//! what changed (outside the reducer, after it), following other tabs'
//! saves and the lock, and setting an unreadable record aside. Everything
//! here dispatches storage results to the reducer; nothing else does.
//!
//! One save path: every change to the record — a case's or the work
//! ledgers' — is an unsaved command in the store; a save appends the log's
//! new entries (`persist::record::save`). When another tab saved first,
//! its record is loaded and this tab's unsaved commands are redone on it
//! (`Office::rebase`), then saved.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::clock;
use crate::context::AppHandle;
use crate::persist::browser::{self, now_ms, BrowserKv};
use crate::persist::kv::{prefix_of, stored_space, usage, Space};
use crate::persist::open::{open_real, open_sandbox, Opened};
use crate::persist::record::{self, SaveError, SaveRequest};
use crate::persist::{prefs, work};
use crate::shell::sandbox_bar::{SANDBOX_CASES_PER_YEAR, SANDBOX_SEED};
use crate::state::{CaughtUp, Msg, Store};

/// The record to open when the page starts: the sandbox if it was open
/// last (and is still there), else the real record.
///
/// First, a set-aside or restore a previous page left under way is
/// finished or undone (`record::journal`), and the user told.
pub(crate) fn open_initial() -> Opened {
    let kv = BrowserKv;
    let now = clock::now();
    let recovery = record::journal::recover(&kv);
    let mut opened = match stored_space(&kv) {
        Space::Sandbox => open_sandbox(&kv, None, SANDBOX_SEED, SANDBOX_CASES_PER_YEAR, now)
            .and_then(Result::ok)
            .unwrap_or_else(|| open_real(&kv, now)),
        Space::Real => open_real(&kv, now),
    };
    opened.recovery = recovery;
    opened
}

/// Keeps the store and the browser's storage in step: saves the record
/// when it changes, saves the preferences when they change, and follows
/// other tabs' saves and lock changes.
#[hook]
pub(crate) fn use_sync(store: &AppHandle) {
    // Save the open record when it changed (not merely on opening it,
    // unless opening itself changed it: old work ledgers taken in), unless
    // it could not be read.
    {
        let store = store.clone();
        use_effect_with((store.space, store.office.version), move |(_, version)| {
            if *version > 0 || !store.unsaved.is_empty() {
                persist(&store);
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
                    let head = record::key(prefix_of(app.space), "head");
                    if event.key().is_none_or(|k| k == head) {
                        sync(&app);
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
                    Ok(()) => store.dispatch(Msg::Saved),
                    Err(detail) => store.dispatch(Msg::SaveFailed(detail)),
                }
            }
        });
    }
}

/// Another tab changed the lock record: follow it, or (a passphrase this
/// tab cannot know) reload the page, which asks for it.
pub(crate) fn follow_lock() {
    let lock = crate::persist::crypt::read_lock(&BrowserKv).ok().flatten();
    if !browser::follow_lock(lock.as_ref()) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }
}

/// Saves the open record (see `persist::record::save`); when another tab
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
        Ok((saved, delta)) => {
            work::forget_adopted(&kv, prefix_of(space), &app.office.get());
            app.dispatch(Msg::Committed {
                space,
                saved,
                settings: app.settings_dirty,
                bytes: (app.usage.bytes as i64 + delta).max(0) as usize,
                save_ms: now_ms() - start,
            })
        }
        Err(SaveError::Conflict) => catch_up(app),
        Err(SaveError::Unreadable(problem)) => {
            app.dispatch(Msg::OfficeUnreadable { space, problem })
        }
        Err(SaveError::Write(detail)) => {
            app.dispatch(Msg::OfficeSaveFailed { space, detail, bytes: usage(&kv) })
        }
    }
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
            app.dispatch(Msg::OfficeUnreadable { space: app.space, problem });
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
                app.dispatch(Msg::Appended { space: app.space, appended });
                return;
            }
            Ok(None) => {}
            Err(problem) => {
                app.dispatch(Msg::OfficeUnreadable { space: app.space, problem });
                return;
            }
        }
    }
    catch_up(app);
}

/// Opens the open space again from storage.
pub(crate) fn reopen(app: &AppHandle) {
    let kv = BrowserKv;
    let now = clock::now();
    let opened = match app.space {
        Space::Real => Some(Ok(open_real(&kv, now))),
        Space::Sandbox => open_sandbox(&kv, None, SANDBOX_SEED, SANDBOX_CASES_PER_YEAR, now),
    };
    if let Some(Ok(opened)) = opened {
        app.dispatch(Msg::Opened(Box::new(opened)));
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
            app.dispatch(Msg::OfficeUnreadable { space, problem });
            return;
        }
    };
    let mut office = caught.office;
    if app.settings_dirty {
        *office.settings_mut() = app.office.get().settings().clone();
    }
    let redone = caught.unsaved.len();
    let mut saved = Some(caught.saved);
    let mut unsaved = caught.unsaved;
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
    app.dispatch(Msg::CaughtUp(Box::new(CaughtUp {
        space,
        office,
        saved,
        unsaved,
        sample: caught.sample,
        settings_dirty,
        refused: caught.refused,
        moved: caught.moved,
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
                sample: store.sample.as_deref(),
                ..SaveRequest::whole(prefix_of(space), &office)
            },
        )
    };
    match result {
        Ok(saved) => app.dispatch(Msg::Committed {
            space,
            saved,
            settings: true,
            bytes: usage(&kv),
            save_ms: 0.0,
        }),
        Err(SaveError::Write(detail)) => {
            app.dispatch(Msg::OfficeSaveFailed { space, detail, bytes: usage(&kv) })
        }
        Err(_) => {}
    }
}

/// Moves the unreadable record aside (unchanged) and saves in its place
/// what this tab holds: the record the page shows, with everything typed
/// since the warning (nothing of it is lost).
pub(crate) fn set_aside(app: &AppHandle) {
    let kv = BrowserKv;
    let space = app.space;
    if let Err(detail) = record::set_aside(&kv, prefix_of(space), crate::clock::now()) {
        app.dispatch(Msg::OfficeSaveFailed { space, detail, bytes: usage(&kv) });
        return;
    }
    let office = app.office.get().clone();
    let req = SaveRequest {
        sample: app.sample.as_deref(),
        ..SaveRequest::whole(prefix_of(space), &office)
    };
    match record::save(&kv, req) {
        Ok(saved) => {
            let opened = Opened::written(space, office, saved, usage(&kv));
            app.dispatch(Msg::Opened(Box::new(opened)));
        }
        // Kept in this tab, saved with the next change (the notice says so).
        Err(SaveError::Write(detail)) => {
            app.dispatch(Msg::OfficeSaveFailed { space, detail, bytes: usage(&kv) })
        }
        Err(_) => reopen(app),
    }
}
