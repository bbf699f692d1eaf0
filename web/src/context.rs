//! How components reach the app state: the root provides the reducer
//! handle as a context; [`use_app`] reads it, [`execute`] sends a command
//! with the browser's clock.

use xinfang_core::work::change::WorkChange;
use xinfang_core::Command;
use yew::prelude::*;

use crate::clock;
use crate::store::{Action, Route, Store};

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
