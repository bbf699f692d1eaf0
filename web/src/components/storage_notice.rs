//! The notice shown when the browser's storage could not be read or
//! written.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{storage_problem, t, Key, Lang};
use crate::storage::StorageProblem;

/// Props of [`StorageNotice`].
#[derive(Debug, PartialEq, Properties)]
pub struct StorageNoticeProps {
    /// The interface language.
    pub lang: Lang,
    /// The problem, if any (nothing is shown without one).
    pub problem: Option<Rc<StorageProblem>>,
    /// Called when the user gives up unreadable saved data.
    pub on_discard: Callback<()>,
}

/// The message (`id="storage-problem"`) and, when saved data could not be
/// read and a backup of it exists, the button to start saving again
/// (`id="storage-discard"`).
#[component]
pub fn StorageNotice(props: &StorageNoticeProps) -> Html {
    let Some(problem) = props.problem.as_deref() else {
        return Html::default();
    };
    let can_discard = matches!(problem, StorageProblem::Unreadable { backed_up: true, .. });
    html! {
        <section class="notice" id="storage-problem" role="alert">
            <p>{ storage_problem(props.lang, problem) }</p>
            if can_discard {
                <button
                    type="button"
                    id="storage-discard"
                    onclick={props.on_discard.reform(|_| ())}
                >
                    { t(props.lang, Key::DiscardSaved) }
                </button>
            }
        </section>
    }
}
