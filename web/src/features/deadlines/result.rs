//! The calculator's result: the deadline in the official date style, where
//! counting starts, and why the end moved, if it did.

use xinfang_core::DayCount;
use yew::prelude::*;

use crate::features::deadlines::model::{self, Answer, Incomplete};
use crate::i18n::{dates, t, Key, Lang};

/// Props of [`DeadlineResult`].
#[derive(Debug, PartialEq, Properties)]
pub struct DeadlineResultProps {
    /// The interface language.
    pub lang: Lang,
    /// The answer, or why there is none yet.
    pub outcome: Result<Answer, Incomplete>,
}

/// `id="deadline-result"`; the date is in `#deadline-date` (with the ISO
/// date in `data-iso`), the notes in `#deadline-first-day`,
/// `#deadline-note` (the end moved) and `#deadline-working-note`.
#[component]
pub fn DeadlineResult(props: &DeadlineResultProps) -> Html {
    let lang = props.lang;
    let body = match &props.outcome {
        Ok(answer) => html! {
            <>
                <p class="deadline">
                    <strong id="deadline-date" data-iso={dates::input_value(answer.deadline)}>
                        { dates::display(lang, answer.deadline) }
                    </strong>
                </p>
                <p id="deadline-first-day">{ model::first_day(lang, answer.first_day) }</p>
                if let Some(nominal) = answer.moved_from {
                    <p class="note" id="deadline-note">{ model::moved_note(lang, nominal) }</p>
                }
                if answer.provisional {
                    <p class="note provisional-note" id="deadline-provisional">
                        { crate::ui::provisional::mark(lang, true, None) }
                        { crate::ui::provisional::note(lang) }
                    </p>
                }
                if answer.count == DayCount::Working {
                    <p class="note" id="deadline-working-note">{ t(lang, Key::WorkingNote) }</p>
                }
            </>
        },
        Err(Incomplete::NoStartDate) => html! {
            <p class="muted" id="deadline-missing">{ t(lang, Key::NeedStartDate) }</p>
        },
        Err(Incomplete::BadDays) => html! {
            <p class="error" id="deadline-missing">{ t(lang, Key::BadDays) }</p>
        },
    };
    html! {
        <section class="result" id="deadline-result" aria-live="polite">
            <h3 id="deadline-label">{ t(lang, Key::Deadline) }</h3>
            { body }
        </section>
    }
}
