//! The note beside an indicator that some duties were not judged: cases
//! imported from an old ledger that does not date them
//! ([`xinfang_core::metrics::Indicator::unjudged`]), so a rate never hides
//! what it could not see.

use xinfang_core::metrics::Indicator;
use yew::prelude::*;

use crate::i18n::Lang;

/// `另有3件台账未载日期，未计入` (`.ind-unjudged`, `data-unjudged`), or nothing.
pub fn note(lang: Lang, i: &Indicator) -> Html {
    if i.unjudged == 0 {
        return html! {};
    }
    let n = i.unjudged;
    let text = match lang {
        Lang::ZhCn => format!("另有{n}件台账未载日期，未计入"),
        Lang::En => format!("{n} more from old ledgers without dates, not counted"),
    };
    html! {
        <span class="ind-unjudged" data-unjudged={n.to_string()}>{ text }</span>
    }
}
