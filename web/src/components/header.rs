//! The page header: the product name and the language switch.

use yew::prelude::*;

use crate::components::lang_switch::LangSwitch;
use crate::i18n::{t, Key, Lang};

/// Props of [`Header`].
#[derive(Debug, PartialEq, Properties)]
pub struct HeaderProps {
    /// The interface language.
    pub lang: Lang,
    /// Called with the language the user picks.
    pub on_lang: Callback<Lang>,
}

/// The page header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    html! {
        <header class="page-header">
            <div class="brand">
                <h1 id="app-name">{ t(lang, Key::AppName) }</h1>
                <p class="tagline" id="app-tagline">{ t(lang, Key::AppTagline) }</p>
            </div>
            <LangSwitch {lang} on_select={props.on_lang.clone()} />
        </header>
    }
}
