//! 设置 · 分办规则: the routing rules in the order they are tried, each
//! explained in words; add a simple rule (a category to a unit or to the
//! locality), move rules up and down, put them in or out of force, and set
//! the disposal of the locality fallback.

use web_sys::HtmlSelectElement;
use xinfang_core::routing::Target;
use xinfang_core::{CategoryId, Disposal, RuleId, UnitId};
use yew::prelude::*;

use crate::context::use_app;
use crate::features::settings::edit::{
    add_rule, commit, describe_rule, move_rule, set_fallback, set_rule_active,
};
use crate::i18n::labels::Named;
use crate::i18n::tr;
use crate::state::Msg;
use crate::ui::field::{clear_value, field_error, read_value};

/// The routing rules section (`#settings-rules`).
#[component]
pub fn SettingsRules() -> Html {
    let app = use_app();
    let lang = app.lang();
    let category = use_state(String::new);
    let target = use_state(String::new);
    let disposal = use_state(|| Disposal::Transfer);
    let error = use_state(|| None::<String>);
    let list_error = use_state(|| None::<String>);

    let on_add = {
        let (app, category, target, disposal, error) =
            (app.clone(), category.clone(), target.clone(), disposal.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let lang = app.lang();
            let Some(cat) = category.parse::<u32>().ok().map(CategoryId::new) else {
                error.set(Some(tr(lang, "请选择问题类别", "Choose a category").to_string()));
                return;
            };
            let to = match target.as_str() {
                "locality" => Target::Locality,
                other => match other.parse::<u32>() {
                    Ok(u) => Target::Unit(UnitId::new(u)),
                    Err(_) => {
                        error.set(Some(
                            tr(lang, "请选择承办单位", "Choose the handling unit").to_string(),
                        ));
                        return;
                    }
                },
            };
            let name = read_value("rule-name");
            let result = add_rule(app.office.get().settings(), &name, cat, to, *disposal);
            if commit(&app, result, &error) {
                clear_value("rule-name");
            }
        })
    };
    let select = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: Event| {
            s.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_disposal = {
        let s = disposal.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(d) = Disposal::ALL.into_iter().find(|d| d.key() == v) {
                s.set(d);
            }
        })
    };
    let on_fallback = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(d) = Disposal::ALL.into_iter().find(|d| d.key() == v) {
                let next = set_fallback(app.office.get().settings(), d);
                app.dispatch(Msg::UpdateSettings(Box::new(next)));
            }
        })
    };
    let mover = |id: RuleId, up: bool| {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |_: MouseEvent| {
            let result = move_rule(app.office.get().settings(), id, up);
            commit(&app, result, &error);
        })
    };
    let toggler = |id: RuleId, active: bool| {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |_: MouseEvent| {
            let result = set_rule_active(app.office.get().settings(), id, active);
            commit(&app, result, &error);
        })
    };

    let office = app.office.get();
    let s = office.settings();
    let fallback = s.routing.fallback_disposal();
    let count = s.routing.rules().len();
    let rules = s.routing.rules().iter().enumerate().map(|(i, r)| {
        let active = r.is_active();
        html! {
            <li class={classes!("rule-row", (!active).then_some("inactive"))}
                data-rule={r.id().get().to_string()} data-active={active.to_string()}>
                <span class="rule-order">{ format!("{}.", i + 1) }</span>
                <span class="rule-name">{ r.name().to_string() }</span>
                <span class="rule-explanation">{ describe_rule(s, r) }</span>
                if !active { <span class="status">{ tr(lang, "已停用", "inactive") }</span> }
                <span class="rule-buttons">
                    <button type="button" class="rule-up" disabled={i == 0} onclick={mover(r.id(), true)}
                            title={tr(lang, "上移", "Move up")}>{ "↑" }</button>
                    <button type="button" class="rule-down" disabled={i + 1 == count} onclick={mover(r.id(), false)}
                            title={tr(lang, "下移", "Move down")}>{ "↓" }</button>
                    <button type="button" class="rule-toggle" onclick={toggler(r.id(), !active)}>
                        { if active { tr(lang, "停用", "Deactivate") } else { tr(lang, "启用", "Reactivate") } }
                    </button>
                </span>
            </li>
        }
    });
    let categories: Vec<(u32, String)> =
        s.categories.offered().map(|c| (c.id().get(), s.categories.path(c.id()))).collect();
    let units: Vec<(u32, String)> = s
        .org
        .units()
        .filter(|u| u.is_active())
        .map(|u| (u.id().get(), u.name().to_string()))
        .collect();
    let list = html! { <ol id="rule-list" class="rule-list">{ for rules }</ol> };
    drop(office);

    html! {
        <section id="settings-rules" class="settings-section">
            <h3>{ tr(lang, "分办规则", "Routing rules") }</h3>
            <p class="settings-help">
                { tr(lang,
                    "按顺序逐条匹配，第一条适用的规则给出分办建议；无规则适用时按属地管理交问题发生地乡镇办理。",
                    "Rules are tried in order and the first that applies proposes the unit; when none applies the matter goes to the township where it arose.") }
            </p>
            { field_error("rules-list-error", &list_error) }
            { list }
            <label class="rule-fallback">{ tr(lang, "属地兜底的办理方式", "Disposal of the locality fallback") }
                <select id="rule-fallback" onchange={on_fallback}>
                    { for Disposal::ALL.iter().map(|d| html! {
                        <option value={d.key()} selected={*d == fallback}>{ d.name(lang) }</option>
                    }) }
                </select>
            </label>
            <form id="rule-form" class="settings-form" onsubmit={on_add}>
                <h4>{ tr(lang, "新增规则（排在最后）", "Add a rule (tried last)") }</h4>
                <label>{ tr(lang, "规则名称", "Name") }
                    <input id="rule-name" type="text" />
                </label>
                <label>{ tr(lang, "问题类别", "Category") }
                    <select id="rule-category" onchange={select(&category)}>
                        <option value="" selected={category.is_empty()}>{ tr(lang, "（请选择）", "(choose)") }</option>
                        { for categories.iter().map(|(id, path)| {
                            let value = id.to_string();
                            let sel = value == *category;
                            html! { <option {value} selected={sel}>{ path.clone() }</option> }
                        }) }
                    </select>
                </label>
                <label>{ tr(lang, "承办单位", "Handling unit") }
                    <select id="rule-unit" onchange={select(&target)}>
                        <option value="" selected={target.is_empty()}>{ tr(lang, "（请选择）", "(choose)") }</option>
                        <option value="locality" selected={*target == "locality"}>
                            { tr(lang, "问题发生地乡镇（属地管理）", "The township where it arose") }
                        </option>
                        { for units.iter().map(|(id, n)| {
                            let value = id.to_string();
                            let sel = value == *target;
                            html! { <option {value} selected={sel}>{ n.clone() }</option> }
                        }) }
                    </select>
                </label>
                <label>{ tr(lang, "办理方式", "Disposal") }
                    <select id="rule-disposal" onchange={on_disposal}>
                        { for Disposal::ALL.iter().map(|d| html! {
                            <option value={d.key()} selected={*d == *disposal}>{ d.name(lang) }</option>
                        }) }
                    </select>
                </label>
                <button id="rule-add" type="submit">{ tr(lang, "新增规则", "Add rule") }</button>
                { field_error("rule-error", &error) }
            </form>
        </section>
    }
}
