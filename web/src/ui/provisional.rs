//! The （暂定） mark next to a deadline counted over a year whose holidays
//! are not entered yet ([`Deadline::PROVISIONAL_NOTE`]): one look wherever a
//! deadline shows (case page, case list, dashboard, calculator, reports).

use xinfang_core::calendar::Deadline;
use yew::prelude::*;

use crate::i18n::{tr, Lang};

/// The note's English text (the Chinese is the core's).
const NOTE_EN: &str = "Provisional: the period crosses a year whose holidays are not entered yet; \
counted with plain weekends, it may move once the State Council's notice is entered in Settings";

/// The explanation shown on hover or in full.
pub fn note(lang: Lang) -> &'static str {
    tr(lang, Deadline::PROVISIONAL_NOTE, NOTE_EN)
}

/// `<span class="provisional-mark">（暂定）</span>` with the note as its title,
/// when `provisional`; nothing otherwise. `id` names it for tests and links.
pub fn mark(lang: Lang, provisional: bool, id: Option<&'static str>) -> Html {
    if !provisional {
        return html! {};
    }
    html! {
        <span {id} class="provisional-mark" title={note(lang)}>
            { tr(lang, "（暂定）", " (provisional)") }
        </span>
    }
}
