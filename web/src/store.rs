//! The app state: one [`Store`], changed only by [`Action`]s through the
//! pure reducer (`impl Reducible`). Saving is a side effect in `app`, keyed
//! on [`Store::revision`].

use std::rc::Rc;

use yew::Reducible;

use crate::i18n::Lang;
use crate::storage::{Loaded, Settings, StorageProblem};

/// The app-wide state. Cheap to clone: small settings and
/// the problem behind an `Rc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    /// What is saved.
    pub settings: Settings,
    /// A storage problem to show, if any.
    pub problem: Option<Rc<StorageProblem>>,
    /// Bumped whenever `settings` should be saved; 0 until the first change,
    /// so merely loading the page writes nothing.
    pub revision: u64,
}

/// What can happen to the [`Store`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The user picked an interface language.
    SetLang(Lang),
    /// Saving succeeded.
    Saved,
    /// Saving failed with the browser's message.
    SaveFailed(String),
    /// The user gave up saved data that could not be read: save again
    /// (over it).
    DiscardUnreadable,
}

impl Store {
    /// The state after loading.
    pub fn from_loaded(loaded: Loaded) -> Store {
        Store { settings: loaded.settings, problem: loaded.problem.map(Rc::new), revision: 0 }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Whether saving waits for the user (see [`StorageProblem::pauses_saving`]).
    pub fn saving_paused(&self) -> bool {
        self.problem.as_deref().is_some_and(StorageProblem::pauses_saving)
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLang(lang) if lang == self.settings.lang => self,
            Action::SetLang(lang) => Rc::new(Store {
                settings: Settings { lang },
                problem: self.problem.clone(),
                revision: self.revision + 1,
            }),
            Action::Saved => match self.problem.as_deref() {
                Some(StorageProblem::WriteFailed { .. }) => {
                    Rc::new(Store { problem: None, ..(*self).clone() })
                }
                _ => self,
            },
            Action::SaveFailed(detail) => Rc::new(Store {
                problem: Some(Rc::new(StorageProblem::WriteFailed { detail })),
                ..(*self).clone()
            }),
            Action::DiscardUnreadable if self.saving_paused() => Rc::new(Store {
                settings: self.settings.clone(),
                problem: None,
                revision: self.revision + 1,
            }),
            Action::DiscardUnreadable => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Unreadable;

    fn fresh() -> Rc<Store> {
        Rc::new(Store::from_loaded(Loaded { settings: Settings::default(), problem: None }))
    }

    fn unreadable() -> Rc<Store> {
        let problem = StorageProblem::Unreadable {
            reason: Unreadable::Invalid { detail: "x".into() },
            backed_up: true,
        };
        Rc::new(Store::from_loaded(Loaded {
            settings: Settings::default(),
            problem: Some(problem),
        }))
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
}
