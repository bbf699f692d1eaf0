//! Choosing several people in order (a work team, leaders taking turns):
//! a select of the people offered with an add button, and the list chosen
//! so far, each with a remove button. The form holding the list owns it;
//! this only draws it and reports the clicks.

use xinfang_core::PersonId;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;
use crate::ui::people::person_options;

/// Props of [`PeoplePick`].
#[derive(Debug, PartialEq, Properties)]
pub struct PeoplePickProps {
    /// The select's id (its label points at it).
    pub select_id: AttrValue,
    /// The add button's id.
    pub add_id: AttrValue,
    /// The list's id.
    pub list_id: AttrValue,
    /// The class of each remove button.
    pub remove_class: AttrValue,
    /// The label (already in the interface language).
    pub label: AttrValue,
    /// The select's empty option (already in the interface language).
    pub empty: AttrValue,
    /// The people offered, in order.
    pub offered: Vec<PersonId>,
    /// The select's value.
    pub pick: String,
    /// The people chosen, in order.
    pub chosen: Vec<PersonId>,
    /// Whether the order matters (a numbered list: turns).
    #[prop_or_default]
    pub ordered: bool,
    /// The select changed.
    pub on_pick: Callback<String>,
    /// Add the picked person.
    pub on_add: Callback<()>,
    /// Remove the person at this place in the list.
    pub on_remove: Callback<usize>,
}

/// The select, its add button and the list chosen.
#[component]
pub fn PeoplePick(props: &PeoplePickProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let org = &office.settings().org;
    let offered: Vec<_> = props.offered.iter().filter_map(|id| org.person(*id)).collect();
    let onchange = props
        .on_pick
        .reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
    let add = props.on_add.reform(|_: MouseEvent| ());
    let items = props.chosen.iter().enumerate().map(|(i, p)| {
        let remove = props.on_remove.reform(move |_: MouseEvent| i);
        html! {
            <li data-person={p.get().to_string()}>
                { org.person_name(*p) }
                <button type="button" class={props.remove_class.clone()} onclick={remove}>{ "×" }</button>
            </li>
        }
    });
    let list = if props.chosen.is_empty() {
        html! {}
    } else if props.ordered {
        html! { <ol id={props.list_id.clone()} class="chosen-people">{ for items }</ol> }
    } else {
        html! { <ul id={props.list_id.clone()} class="chosen-people">{ for items }</ul> }
    };
    html! {
        <div class="field">
            <label for={props.select_id.clone()}>{ props.label.clone() }</label>
            <span class="inline-form">
                <select id={props.select_id.clone()} {onchange}>
                    { person_options(org, &offered, &props.pick, &props.empty) }
                </select>
                <button id={props.add_id.clone()} type="button" onclick={add}>{ tr(lang, "添加", "Add") }</button>
            </span>
            { list }
        </div>
    }
}
