//! 设置 · 内容分类: the category tree; add a category (usually a
//! second-level hotspot under a first-level category), deactivate or
//! reactivate (never delete).

use web_sys::HtmlSelectElement;
use xinfang_core::{CategoryId, CategoryTree};
use yew::prelude::*;

use crate::context::use_app;
use crate::features::settings::edit::{add_category, commit, set_category_active};
use crate::i18n::{tr, Lang};
use crate::ui::field::{clear_value, field_error, read_value};

/// The categories section (`#settings-categories`).
#[component]
pub fn SettingsCategories() -> Html {
    let app = use_app();
    let lang = app.lang();
    let parent = use_state(String::new);
    let error = use_state(|| None::<String>);
    let list_error = use_state(|| None::<String>);

    let on_add = {
        let (app, parent, error) = (app.clone(), parent.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parent_id = parent.parse::<u32>().ok().map(CategoryId::new);
            let name = read_value("category-name");
            let result = add_category(app.office.get().settings(), &name, parent_id);
            if commit(&app, result, &error) {
                clear_value("category-name");
            }
        })
    };
    let on_parent = {
        let s = parent.clone();
        Callback::from(move |e: Event| {
            s.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let toggle = {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |(id, active): (CategoryId, bool)| {
            let result = set_category_active(app.office.get().settings(), id, active);
            commit(&app, result, &error);
        })
    };

    let office = app.office.get();
    let tree = &office.settings().categories;
    let roots: Vec<(u32, String, bool)> =
        tree.roots().map(|c| (c.id().get(), c.name().to_string(), c.is_active())).collect();
    let list = html! {
        <ul id="category-list" class="category-tree">
            { for tree.roots().map(|c| node(lang, tree, c.id(), &toggle)) }
        </ul>
    };
    drop(office);

    html! {
        <section id="settings-categories" class="settings-section">
            <h3>{ tr(lang, "内容分类", "Content categories") }</h3>
            <form id="category-form" class="settings-form" onsubmit={on_add}>
                <label>{ tr(lang, "上级分类", "Under") }
                    <select id="category-parent" onchange={on_parent}>
                        <option value="" selected={parent.is_empty()}>{ tr(lang, "（一级分类）", "(first level)") }</option>
                        { for roots.iter().filter(|r| r.2).map(|(id, n, _)| {
                            let value = id.to_string();
                            let sel = value == *parent;
                            html! { <option {value} selected={sel}>{ n.clone() }</option> }
                        }) }
                    </select>
                </label>
                <label>{ tr(lang, "分类名称", "Name") }
                    <input id="category-name" type="text" />
                </label>
                <button id="category-add" type="submit">{ tr(lang, "新增分类", "Add category") }</button>
                { field_error("category-error", &error) }
            </form>
            { field_error("category-list-error", &list_error) }
            { list }
        </section>
    }
}

fn node(
    lang: Lang,
    tree: &CategoryTree,
    id: CategoryId,
    toggle: &Callback<(CategoryId, bool)>,
) -> Html {
    let Some(c) = tree.get(id) else { return html! {} };
    let active = c.is_active();
    let onclick = toggle.reform(move |_: MouseEvent| (id, !active));
    let children: Vec<CategoryId> = tree.children(id).map(|c| c.id()).collect();
    html! {
        <li class={classes!("category-row", (!active).then_some("inactive"))}
            data-category={id.get().to_string()} data-active={active.to_string()}>
            <span class="category-name">{ c.name().to_string() }</span>
            if !active { <span class="status">{ tr(lang, "已停用", "inactive") }</span> }
            <button type="button" class="link category-toggle" {onclick}>
                { if active { tr(lang, "停用", "Deactivate") } else { tr(lang, "启用", "Reactivate") } }
            </button>
            if !children.is_empty() {
                <ul>{ for children.into_iter().map(|k| node(lang, tree, k, toggle)) }</ul>
            }
        </li>
    }
}
