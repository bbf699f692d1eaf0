//! Parts of the printed sheets several features share.

use yew::prelude::*;

use crate::i18n::Lang;

/// A sheet's “not found” message.
pub fn sheet_missing(lang: Lang, id: &str, what_zh: &str, what_en: &str) -> Html {
    let text = match lang {
        Lang::ZhCn => format!("找不到编号为{id}的{what_zh}。"),
        Lang::En => format!("There is no {what_en} {id}."),
    };
    html! { <p id="doc-missing" class="doc-missing" role="status">{ text }</p> }
}
