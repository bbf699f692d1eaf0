//! The language switch: one button per language, the current one pressed.

use yew::prelude::*;

use crate::i18n::{t, Key, Lang};

/// Props of [`LangSwitch`].
#[derive(Debug, PartialEq, Properties)]
pub struct LangSwitchProps {
    /// The interface language.
    pub lang: Lang,
    /// Called with the language the user picks.
    pub on_select: Callback<Lang>,
}

/// `中文 | English`; each button's id is `lang-zh` / `lang-en`.
#[component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    html! {
        <div class="lang-switch" role="group" aria-label={t(props.lang, Key::LangSwitch)}>
            for lang in Lang::ALL {
                <button
                    type="button"
                    key={lang.id()}
                    id={format!("lang-{}", lang.id())}
                    lang={lang.tag()}
                    aria-pressed={(lang == props.lang).to_string()}
                    onclick={props.on_select.reform(move |_| lang)}
                >
                    { lang.own_name() }
                </button>
            }
        </div>
    }
}
