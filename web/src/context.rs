//! How components reach the app state: the root provides the reducer
//! handle as a context; [`use_app`] reads it, [`execute`] sends a command
//! with the browser's clock.

use xinfang_core::work::change::WorkChange;
use xinfang_core::Command;
use yew::prelude::*;

use crate::clock;
use crate::route::Route;
use crate::state::{Action, Store};

/// The app state and its dispatcher, as the root provides them.
pub type AppHandle = UseReducerHandle<Store>;

/// The app state; panics outside the root component (a programming error).
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components render inside App, which provides the store")
}

/// Decides and applies `command` at the browser's current time; the
/// outcome shows as the store's notice (or, for a registration, the new case).
pub fn execute(app: &AppHandle, command: Command) {
    app.dispatch(Action::Execute { command: Box::new(command), now: clock::now() });
}

/// A callback that shows `route`.
pub fn go(app: &AppHandle, route: Route) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        app.dispatch(Action::Navigate(route));
    })
}

/// Applies a change to the open record's work ledgers; a refusal shows
/// the core's message as the store's notice, a new record's id is in
/// [`Store::last_added`]. Saving follows (outside the reducer).
pub fn change_work(app: &AppHandle, change: WorkChange) {
    app.dispatch(Action::Work(Box::new(change)));
}

/// Applies a change to the work ledgers (a refusal shows in the notice)
/// and says whether it was accepted, so a form knows to close.
pub fn try_change(app: &AppHandle, change: WorkChange) -> bool {
    let ok = would_apply(&app.work.get(), &change);
    change_work(app, change);
    ok
}

/// Whether `change` would be accepted by the ledgers as they are: tried on
/// a copy, so a form can close only when the change went through (the
/// refusal itself is shown by the store's notice).
pub fn would_apply(work: &xinfang_core::WorkLedgers, change: &WorkChange) -> bool {
    work.clone().change(change.clone()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use xinfang_core::work::backlog::BacklogCase;
    use xinfang_core::{CaseId, PersonId, WorkLedgers};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn would_apply_tries_on_a_copy() {
        let mut work = WorkLedgers::default();
        let entry = BacklogCase::new(
            CaseId::new(1),
            d(2026, 1, 5),
            PersonId::new(1),
            "方案",
            d(2026, 3, 1),
        );
        let change = WorkChange::ListBacklog(entry);
        assert!(would_apply(&work, &change));
        assert_eq!(work.backlog.iter().count(), 0);
        work.change(change.clone()).unwrap();
        assert!(!would_apply(&work, &change), "the same case twice");
    }
}
