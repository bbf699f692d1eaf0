//! The app state: one [`Store`], changed only by [`Action`]s through the
//! pure reducer (`impl Reducible`). Saving is a side effect in `app`, keyed
//! on [`Store::revision`] (the preferences) and [`SharedOffice::version`]
//! (the office's record).

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use chrono::NaiveDateTime;
use xinfang_core::{CaseId, Command, Office, Settings as OfficeSettings};
use yew::Reducible;

use crate::i18n::Lang;
use crate::storage::{Loaded, Settings, StorageProblem};

/// Which record the app works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Space {
    /// The office's real record.
    #[default]
    Real,
    /// The training sandbox: sample data in a store of its own.
    Sandbox,
}

/// The page shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// 工作台: due, overdue, counts, indicators.
    #[default]
    Dashboard,
    /// 案件查询: the list with filters, search and sorting.
    Cases,
    /// 登记: register a new case.
    Register,
    /// One case: its state, the actions it allows, its timeline.
    Case(CaseId),
    /// A written document of a case, laid out for printing.
    Print(CaseId, Document),
    /// 设置: units and people, categories, routing rules, targets, calendar.
    Settings,
    /// 期限计算器.
    Deadlines,
}

/// The written documents the app prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// 受理告知书.
    Acceptance,
    /// 不予受理告知书 (also 不再受理告知书).
    Refusal,
    /// 延长办理期限告知书.
    Extension,
    /// 处理意见书.
    Reply,
    /// 复查意见书.
    ReviewDecision,
    /// 复核意见书.
    ReReviewDecision,
    /// 交办函.
    Assignment,
    /// 督办函 (the supervision notice with this number within the case).
    Supervision(u32),
}

/// The office's record, shared between renders and mutated only by the
/// reducer. Cloning a store of 20,000 cases on every action would cost more
/// than the action itself, so the record lives behind an `Rc<RefCell>` and
/// `version` tells renders (and the save effect) that it changed.
#[derive(Debug, Clone)]
pub struct SharedOffice {
    office: Rc<RefCell<Office>>,
    /// Bumped on every change of the record (events or settings).
    pub version: u64,
}

impl SharedOffice {
    /// Wraps a loaded record.
    pub fn new(office: Office) -> Self {
        SharedOffice { office: Rc::new(RefCell::new(office)), version: 0 }
    }

    /// The record, to read. Do not hold it across a dispatch.
    pub fn get(&self) -> Ref<'_, Office> {
        self.office.borrow()
    }
}

impl PartialEq for SharedOffice {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.office, &other.office) && self.version == other.version
    }
}

/// A message after an action: what was done, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Whether the action succeeded.
    pub ok: bool,
    /// The message, in the interface language where the app wrote it
    /// (the core's refusals are in Chinese).
    pub text: String,
}

/// The app-wide state. Cheap to clone: small values and `Rc`s.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// The preferences that are saved (the interface language).
    pub settings: Settings,
    /// A storage problem to show, if any.
    pub problem: Option<Rc<StorageProblem>>,
    /// Bumped whenever `settings` should be saved; 0 until the first change,
    /// so merely loading the page writes nothing.
    pub revision: u64,
    /// Which record is open.
    pub space: Space,
    /// The open record.
    pub office: SharedOffice,
    /// How many log entries of the open record are known to be stored.
    pub saved_entries: usize,
    /// The page shown.
    pub route: Route,
    /// The message of the last action, if any.
    pub notice: Option<Notice>,
}

/// What can happen to the [`Store`].
#[derive(Debug, Clone)]
pub enum Action {
    /// The user picked an interface language.
    SetLang(Lang),
    /// Saving the preferences succeeded.
    Saved,
    /// Saving failed with the browser's message.
    SaveFailed(String),
    /// The user gave up saved data that could not be read: save again
    /// (over it).
    DiscardUnreadable,
    /// Show another page.
    Navigate(Route),
    /// Decide and apply a command to the open record at `now`; on success
    /// a registration opens the new case.
    Execute {
        /// What to do.
        command: Box<Command>,
        /// The browser's clock when the user asked.
        now: NaiveDateTime,
    },
    /// Replace the open record's settings (units, people, categories,
    /// rules, targets, calendar), already validated by the settings page.
    UpdateSettings(Box<OfficeSettings>),
    /// A record was loaded (at start, on switching space, after another
    /// tab saved): it replaces the open one. `stored` entries of it are in
    /// storage.
    Loaded {
        /// Which record.
        space: Space,
        /// The record.
        office: Box<Office>,
        /// How many of its log entries are stored.
        stored: usize,
    },
    /// The open record's log is stored up to `entries`.
    OfficeSaved {
        /// Entries stored.
        entries: usize,
    },
    /// Show a message (e.g. from storage: a failed save, another tab).
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}

impl Store {
    /// The state after loading the preferences and a record.
    pub fn new(loaded: Loaded, space: Space, office: Office, stored: usize) -> Store {
        Store {
            settings: loaded.settings,
            problem: loaded.problem.map(Rc::new),
            revision: 0,
            space,
            office: SharedOffice::new(office),
            saved_entries: stored,
            route: Route::default(),
            notice: None,
        }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Whether saving waits for the user (see [`StorageProblem::pauses_saving`]).
    pub fn saving_paused(&self) -> bool {
        self.problem.as_deref().is_some_and(StorageProblem::pauses_saving)
    }

    fn with(&self, f: impl FnOnce(&mut Store)) -> Rc<Store> {
        let mut next = self.clone();
        f(&mut next);
        Rc::new(next)
    }

    fn execute(&self, command: &Command, now: NaiveDateTime) -> Rc<Store> {
        let decided = self.office.get().decide(command, now);
        match decided {
            Ok(events) => {
                let case = events.first().map(|e| e.case);
                {
                    let mut office = self.office.office.borrow_mut();
                    for event in events {
                        office.apply(event);
                    }
                }
                self.with(|s| {
                    s.office.version += 1;
                    s.notice = None;
                    if let (Command::Register { .. }, Some(case)) = (command, case) {
                        s.route = Route::Case(case);
                    }
                })
            }
            Err(err) => self.with(|s| s.notice = Some(Notice { ok: false, text: err.to_string() })),
        }
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLang(lang) if lang == self.settings.lang => self,
            Action::SetLang(lang) => self.with(|s| {
                s.settings = Settings { lang };
                s.revision += 1;
            }),
            Action::Saved => match self.problem.as_deref() {
                Some(StorageProblem::WriteFailed { .. }) => self.with(|s| s.problem = None),
                _ => self,
            },
            Action::SaveFailed(detail) => self.with(|s| {
                s.problem = Some(Rc::new(StorageProblem::WriteFailed { detail }));
            }),
            Action::DiscardUnreadable if self.saving_paused() => self.with(|s| {
                s.problem = None;
                s.revision += 1;
            }),
            Action::DiscardUnreadable => self,
            Action::Navigate(route) if route == self.route => self,
            Action::Navigate(route) => self.with(|s| {
                s.route = route;
                s.notice = None;
            }),
            Action::Execute { command, now } => self.execute(&command, now),
            Action::UpdateSettings(settings) => {
                *self.office.office.borrow_mut().settings_mut() = *settings;
                self.with(|s| s.office.version += 1)
            }
            Action::Loaded { space, office, stored } => self.with(|s| {
                let switched = s.space != space;
                s.space = space;
                s.office = SharedOffice::new(*office);
                s.saved_entries = stored;
                if switched {
                    s.route = Route::Dashboard;
                }
            }),
            Action::OfficeSaved { entries } => {
                if entries == self.saved_entries {
                    self
                } else {
                    self.with(|s| s.saved_entries = entries)
                }
            }
            Action::Notify(notice) => self.with(|s| s.notice = Some(notice)),
            Action::DismissNotice if self.notice.is_none() => self,
            Action::DismissNotice => self.with(|s| s.notice = None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Unreadable;
    use chrono::NaiveDate;
    use xinfang_core::{Channel, Intake, Petitioner, Purpose};

    fn fresh() -> Rc<Store> {
        let loaded = Loaded { settings: Settings::default(), problem: None };
        Rc::new(Store::new(loaded, Space::Real, Office::new(OfficeSettings::sample_county()), 0))
    }

    fn unreadable() -> Rc<Store> {
        let problem = StorageProblem::Unreadable {
            reason: Unreadable::Invalid { detail: "x".into() },
            backed_up: true,
        };
        let loaded = Loaded { settings: Settings::default(), problem: Some(problem) };
        Rc::new(Store::new(loaded, Space::Real, Office::new(OfficeSettings::sample_county()), 0))
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(9, 30, 0).unwrap()
    }

    fn register(store: &Store, summary: &str) -> Command {
        let office = store.office.get();
        let category = office.settings().categories.find("拖欠工资").unwrap().id();
        Command::Register {
            intake: Intake {
                received_on: now().date(),
                channel: Channel::Visit,
                petitioners: vec![Petitioner::named("王某某")],
                head_count: 1,
                category,
                purpose: Purpose::Request,
                township: office.settings().org.find_unit("河口乡").map(|u| u.id()),
                village: "东岗村".into(),
                summary: summary.into(),
                content: String::new(),
                escalation: None,
                accused_unit: None,
                repeat_of: None,
            },
        }
    }

    #[test]
    fn changing_the_language_asks_for_a_save() {
        let store = fresh().reduce(Action::SetLang(Lang::En));
        assert_eq!(store.lang(), Lang::En);
        assert_eq!(store.revision, 1);
    }

    #[test]
    fn no_op_actions_return_the_same_state() {
        let store = fresh();
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Action::SetLang(Lang::ZhCn))));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Action::Saved)));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Action::DiscardUnreadable)));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Action::Navigate(Route::Dashboard))));
        assert!(Rc::ptr_eq(&store, &store.clone().reduce(Action::DismissNotice)));
    }

    #[test]
    fn a_failed_save_is_shown_until_a_save_succeeds() {
        let store = fresh().reduce(Action::SaveFailed("QuotaExceededError".into()));
        assert!(matches!(store.problem.as_deref(), Some(StorageProblem::WriteFailed { .. })));
        assert!(!store.saving_paused());
        let store = store.reduce(Action::Saved);
        assert_eq!(store.problem, None);
    }

    #[test]
    fn unreadable_data_pauses_saving_until_discarded() {
        let store = unreadable().reduce(Action::SetLang(Lang::En));
        assert!(store.saving_paused());
        assert_eq!(store.lang(), Lang::En);
        let store = store.reduce(Action::DiscardUnreadable);
        assert!(!store.saving_paused());
        assert_eq!(store.problem, None);
        assert_eq!(store.revision, 2);
        assert_eq!(store.lang(), Lang::En);
    }

    #[test]
    fn registering_a_case_changes_the_record_and_opens_the_case() {
        let store = fresh();
        let command = register(&store, "反映某公司拖欠工资");
        let after =
            store.clone().reduce(Action::Execute { command: Box::new(command), now: now() });
        assert_eq!(after.office.version, 1);
        assert_ne!(after.office, store.office, "renders see the change");
        assert_eq!(after.office.get().cases().len(), 1);
        let id = after.office.get().cases().next().unwrap().id();
        assert_eq!(after.route, Route::Case(id));
        assert_eq!(after.notice, None);
    }

    #[test]
    fn a_refused_command_changes_nothing_and_says_why() {
        let store = fresh();
        let command = register(&store, "");
        let after =
            store.clone().reduce(Action::Execute { command: Box::new(command), now: now() });
        assert_eq!(after.office.version, 0);
        assert_eq!(after.office.get().cases().len(), 0);
        let notice = after.notice.clone().expect("a message");
        assert!(!notice.ok);
        assert!(!notice.text.is_empty());
        assert_eq!(after.route, Route::Dashboard);
    }

    #[test]
    fn switching_space_replaces_the_record_and_goes_home() {
        let store = fresh().reduce(Action::Navigate(Route::Cases));
        let office = Office::new(OfficeSettings::sample_county());
        let after = store.reduce(Action::Loaded {
            space: Space::Sandbox,
            office: Box::new(office),
            stored: 0,
        });
        assert_eq!(after.space, Space::Sandbox);
        assert_eq!(after.route, Route::Dashboard);
    }
}
