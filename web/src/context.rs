//! How components reach the app state: the root provides the reducer
//! handle as a context; [`use_app`] reads it, [`execute`] sends a command
//! with the browser's clock.

use chrono::NaiveDateTime;
use xinfang_core::ids::Added;
use xinfang_core::work::change::WorkChange;
use xinfang_core::{CaseError, Command, Office};
use yew::prelude::*;

use crate::clock;
use crate::route::Route;
use crate::state::{Msg, Store};

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
    app.dispatch(Msg::Execute { command: Box::new(command), now: clock::now() });
}

/// A callback that shows `route`.
pub fn go(app: &AppHandle, route: Route) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        app.dispatch(Msg::Navigate(route));
    })
}

/// Applies a change to the open record's work ledgers (a `Command::Work`
/// at the browser's clock); a refusal shows the core's message as the
/// store's notice, a new record's id is in [`Store::last_added`]. Saving
/// follows (outside the reducer).
pub fn change_work(app: &AppHandle, change: WorkChange) {
    execute(app, Command::Work(change));
}

/// Sends a work change and says what it does — the record it adds, if any
/// — or why it is refused (the refusal also shows in the notice), so a
/// form knows whether to close and which record to show.
pub fn send_work(app: &AppHandle, change: WorkChange) -> Result<Option<Added>, CaseError> {
    let now = clock::now();
    let command = Command::Work(change);
    let outcome = app.office.get().would_do(&command, now).map(|done| done.added());
    app.dispatch(Msg::Execute { command: Box::new(command), now });
    outcome
}

/// Sends a work change and says whether it was accepted, so a form knows
/// to close (a refusal shows in the notice).
pub fn try_change(app: &AppHandle, change: WorkChange) -> bool {
    send_work(app, change).is_ok()
}

/// Whether `change` would be accepted by the record as it is at `now`
/// (nothing changes), so a form can close only when the change will go
/// through.
pub fn would_apply(office: &Office, change: &WorkChange, now: NaiveDateTime) -> bool {
    office.would_do(&Command::Work(change.clone()), now).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use xinfang_core::work::backlog::BacklogCase;
    use xinfang_core::{CaseId, Channel, Intake, PersonId, Petitioner, Purpose, Settings};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn would_apply_changes_nothing_and_follows_the_core() {
        let mut office = Office::new(Settings::sample_county());
        let s = office.settings().clone();
        let intake = Intake {
            received_on: d(2026, 1, 5),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("王某某")],
            head_count: 1,
            category: s.categories.find("拖欠工资").unwrap().id(),
            purpose: Purpose::Request,
            township: s.org.find_unit("河口乡").map(|u| u.id()),
            village: String::new(),
            summary: "拖欠工资".into(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let at = d(2026, 1, 5).and_hms_opt(9, 0, 0).unwrap();
        let case = office.execute(Command::Register { intake }, at).unwrap().case().unwrap();
        let leader = s.org.people().next().unwrap().id();
        let entry = BacklogCase::new(case, d(2026, 1, 5), leader, "方案", d(2026, 3, 1));
        let change = WorkChange::ListBacklog(entry.clone());
        assert!(would_apply(&office, &change, at));
        assert_eq!(office.work().backlog.iter().count(), 0, "nothing changed");
        office.execute(Command::Work(change.clone()), at).unwrap();
        assert!(!would_apply(&office, &change, at), "the same case twice");
        // A case the record does not hold is refused by the office.
        let other =
            BacklogCase::new(CaseId::new(99), d(2026, 1, 5), PersonId::new(1), "x", d(2026, 3, 1));
        assert!(!would_apply(&office, &WorkChange::ListBacklog(other), at));
    }
}
