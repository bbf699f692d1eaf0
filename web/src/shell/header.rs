//! The page header: the product name, 以单位身份查看 (`#view-as`: the
//! petition office's view of every case, or one active unit's workspace,
//! kept in the preferences, with `#view-as-banner` naming whose view it
//! is) and the language switch.

use xinfang_core::UnitId;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{t, tr, Key, Lang};
use crate::shell::lang_switch::LangSwitch;
use crate::state::Msg;

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
            <ViewAs />
            <LangSwitch {lang} on_select={props.on_lang.clone()} />
        </header>
    }
}

/// The view selector and, in a unit's view, the banner.
#[component]
fn ViewAs() -> Html {
    let app = use_app();
    let lang = app.lang();
    let view = app.prefs.view_as;
    let office = app.office.get();
    let org = &office.settings().org;
    let on_change = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            app.dispatch(Msg::SetViewAs(value.parse().ok().map(UnitId::new)));
        })
    };
    // Every active unit, and the chosen one even if it was deactivated
    // since (so the select shows what is in force).
    let options: Vec<Html> = org
        .units()
        .filter(|u| u.is_active() || Some(u.id()) == view)
        .map(|u| {
            html! {
                <option value={u.id().get().to_string()} selected={Some(u.id()) == view}>
                    { u.name().to_string() }
                </option>
            }
        })
        .collect();
    let missing = view.filter(|u| org.unit(*u).is_none());
    let banner = view.map(|u| {
        let name = org.unit(u).map_or_else(|| u.to_string(), |u| u.name().to_string());
        match lang {
            Lang::ZhCn => format!(
                "以“{name}”身份查看：只显示该单位办理的案件；对该单位（及其下属单位）的检举控告不显示内容。"
            ),
            Lang::En => format!(
                "Viewing as “{name}”: only the cases it handles; accusations against it (or units under it) show no content."
            ),
        }
    });
    html! {
        <div class="view-as">
            <label for="view-as">{ tr(lang, "以单位身份查看", "View as unit") }</label>
            <select id="view-as" onchange={on_change}>
                <option value="" selected={view.is_none()}>
                    { tr(lang, "信访部门（全部）", "Petition office (all)") }
                </option>
                { for options }
                if let Some(u) = missing {
                    <option value={u.get().to_string()} selected=true>{ u.to_string() }</option>
                }
            </select>
            if let Some(text) = banner {
                <p id="view-as-banner" class="view-as-banner" role="status"
                   data-unit={view.map(|u| u.get().to_string()).unwrap_or_default()}>
                    { text }
                </p>
                <p id="view-as-note" class="view-as-note muted">
                    { tr(lang, crate::access::HONEST_NOTE.0, crate::access::HONEST_NOTE.1) }
                </p>
            }
        </div>
    }
}
