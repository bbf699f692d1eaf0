//! 设置 · 单位和人员: the units with their people; add a unit of a kind,
//! add a person to a unit with a role, deactivate or reactivate (never
//! delete).

use xinfang_core::limits;
use xinfang_core::{PersonId, Role, UnitId, UnitKind};
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::use_app;
use crate::features::settings::edit::{
    add_person, add_unit, commit, set_person_active, set_unit_active,
};
use crate::i18n::labels::Named;
use crate::i18n::tr;
use crate::ui::field::{clear_value, field_error, read_value, select_value};

/// The units and people section (`#settings-units`).
#[component]
pub fn SettingsUnits() -> Html {
    let app = use_app();
    let lang = app.lang();
    let unit_kind = use_state(|| UnitKind::Department);
    let unit_parent = use_state(String::new);
    let unit_error = use_state(|| None::<String>);
    let person_unit = use_state(String::new);
    let person_role = use_state(|| Role::Handler);
    let person_error = use_state(|| None::<String>);
    let list_error = use_state(|| None::<String>);

    let office = app.office.get();
    let settings = office.settings();
    let org = &settings.org;
    let active_units: Vec<(u32, String)> = org
        .units()
        .filter(|u| u.is_active())
        .map(|u| (u.id().get(), u.name().to_string()))
        .collect();

    let on_add_unit = {
        let (app, kind, parent, error) =
            (app.clone(), unit_kind.clone(), unit_parent.clone(), unit_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parent_id = parent.parse::<u32>().ok().map(UnitId::new);
            let name = read_value("unit-name");
            let result = add_unit(app.office.get().settings(), &name, *kind, parent_id);
            if commit(&app, result, &error) {
                clear_value("unit-name");
            }
        })
    };
    let on_add_person = {
        let (app, unit, role, error) =
            (app.clone(), person_unit.clone(), person_role.clone(), person_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(unit_id) = unit.parse::<u32>().ok().map(UnitId::new) else {
                error.set(Some(tr(app.lang(), "请选择所属单位", "Choose the unit").to_string()));
                return;
            };
            let (name, title) = (read_value("person-name"), read_value("person-title"));
            let result = add_person(app.office.get().settings(), &name, unit_id, *role, &title);
            if commit(&app, result, &error) {
                clear_value("person-name");
                clear_value("person-title");
            }
        })
    };
    let toggle_unit = |id: UnitId, active: bool| {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |_: MouseEvent| {
            let result = set_unit_active(app.office.get().settings(), id, active);
            commit(&app, result, &error);
        })
    };
    let toggle_person = |id: PersonId, active: bool| {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |_: MouseEvent| {
            let result = set_person_active(app.office.get().settings(), id, active);
            commit(&app, result, &error);
        })
    };

    let on_unit_kind = {
        let s = unit_kind.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if let Some(k) = UnitKind::ALL.into_iter().find(|k| k.key() == v) {
                s.set(k);
            }
        })
    };
    let on_unit_parent = {
        let s = unit_parent.clone();
        Callback::from(move |e: Event| s.set(select_value(&e)))
    };
    let on_person_unit = {
        let s = person_unit.clone();
        Callback::from(move |e: Event| s.set(select_value(&e)))
    };
    let on_person_role = {
        let s = person_role.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if let Some(r) = Role::ALL.into_iter().find(|r| r.key() == v) {
                s.set(r);
            }
        })
    };

    let unit_options = |selected: &str| {
        active_units
            .iter()
            .map(|(id, name)| {
                let value = id.to_string();
                let sel = value == selected;
                html! { <option {value} selected={sel}>{ name.clone() }</option> }
            })
            .collect::<Html>()
    };

    let rows = org.units().map(|u| {
        let people: Vec<_> = org.people().filter(|p| p.unit() == u.id()).collect();
        let parent = u.parent().map(|p| org.unit_name(p)).unwrap_or_else(|| "—".into());
        let active = u.is_active();
        html! {
            <tr class={classes!("unit-row", (!active).then_some("inactive"))}
                data-unit={u.id().get().to_string()} data-active={active.to_string()}>
                <td class="unit-name">{ u.name().to_string() }</td>
                <td>{ u.kind().name(lang) }</td>
                <td>{ parent }</td>
                <td class="unit-people">
                    <ul class="people">
                        { for people.iter().map(|p| {
                            let pactive = p.is_active();
                            let title = if p.title().is_empty() { String::new() } else { format!("，{}", p.title()) };
                            html! {
                                <li class={classes!("person-row", (!pactive).then_some("inactive"))}
                                    data-person={p.id().get().to_string()} data-active={pactive.to_string()}>
                                    <span class="person-name">{ p.name().to_string() }</span>
                                    <span class="person-role">{ format!("（{}{title}）", p.role().name(lang)) }</span>
                                    if !pactive { <span class="status">{ tr(lang, "已停用", "inactive") }</span> }
                                    <button type="button" class="link person-toggle"
                                            onclick={toggle_person(p.id(), !pactive)}>
                                        { if pactive { tr(lang, "停用", "Deactivate") } else { tr(lang, "启用", "Reactivate") } }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </td>
                <td>
                    if !active { <span class="status">{ tr(lang, "已停用", "inactive") }</span> }
                    <button type="button" class="unit-toggle" onclick={toggle_unit(u.id(), !active)}>
                        { if active { tr(lang, "停用", "Deactivate") } else { tr(lang, "启用", "Reactivate") } }
                    </button>
                </td>
            </tr>
        }
    });

    html! {
        <section id="settings-units" class="settings-section">
            <h3>{ tr(lang, "单位和人员", "Units and people") }</h3>
            <div class="settings-forms">
                <form id="unit-form" class="settings-form" onsubmit={on_add_unit}>
                    <h4>{ tr(lang, "新增单位", "Add a unit") }</h4>
                    <label>{ tr(lang, "单位名称", "Name") }
                        <input id="unit-name" type="text" maxlength={maxlength(limits::UNIT_NAME)} />
                        <CharCount target="unit-name" limit={limits::UNIT_NAME} />
                    </label>
                    <label>{ tr(lang, "类型", "Kind") }
                        <select id="unit-kind" onchange={on_unit_kind}>
                            { for UnitKind::ALL.iter().map(|k| html! {
                                <option value={k.key()} selected={*k == *unit_kind}>
                                    { k.name(lang) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label>{ tr(lang, "上级单位（复查机关）", "Body above (hears reviews)") }
                        <select id="unit-parent" onchange={on_unit_parent}>
                            <option value="" selected={unit_parent.is_empty()}>{ tr(lang, "（无）", "(none)") }</option>
                            { unit_options(&unit_parent) }
                        </select>
                    </label>
                    <button id="unit-add" type="submit">{ tr(lang, "新增单位", "Add unit") }</button>
                    { field_error("unit-error", &unit_error) }
                </form>
                <form id="person-form" class="settings-form" onsubmit={on_add_person}>
                    <h4>{ tr(lang, "新增人员", "Add a person") }</h4>
                    <label>{ tr(lang, "姓名", "Name") }
                        <input id="person-name" type="text" maxlength={maxlength(limits::PERSON_NAME)} />
                        <CharCount target="person-name" limit={limits::PERSON_NAME} />
                    </label>
                    <label>{ tr(lang, "所属单位", "Unit") }
                        <select id="person-unit" onchange={on_person_unit}>
                            <option value="" selected={person_unit.is_empty()}>{ tr(lang, "（请选择）", "(choose)") }</option>
                            { unit_options(&person_unit) }
                        </select>
                    </label>
                    <label>{ tr(lang, "角色", "Role") }
                        <select id="person-role" onchange={on_person_role}>
                            { for Role::ALL.iter().map(|r| html! {
                                <option value={r.key()} selected={*r == *person_role}>{ r.name(lang) }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ tr(lang, "职务", "Title") }
                        <input id="person-title" type="text" maxlength={maxlength(limits::PERSON_TITLE)} />
                        <CharCount target="person-title" limit={limits::PERSON_TITLE} />
                    </label>
                    <button id="person-add" type="submit">{ tr(lang, "新增人员", "Add person") }</button>
                    { field_error("person-error", &person_error) }
                </form>
            </div>
            { field_error("units-list-error", &list_error) }
            <table id="unit-list" class="settings-table">
                <thead>
                    <tr>
                        <th>{ tr(lang, "单位", "Unit") }</th>
                        <th>{ tr(lang, "类型", "Kind") }</th>
                        <th>{ tr(lang, "上级单位", "Body above") }</th>
                        <th>{ tr(lang, "人员", "People") }</th>
                        <th>{ tr(lang, "状态", "Status") }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
