//! 设置 · 考核目标: each indicator's target as a percentage (kept in basis
//! points), at least (≥) or at most (≤); an empty field removes the target.

use std::collections::HashMap;

use web_sys::HtmlSelectElement;
use xinfang_core::IndicatorKind;
use yew::prelude::*;

use crate::context::use_app;
use crate::features::settings::edit::{percent_field, set_target, target_text};
use crate::i18n::labels::Named;
use crate::i18n::tr;
use crate::state::Msg;
use crate::ui::field::read_value;

/// The targets section (`#settings-targets`).
#[component]
pub fn SettingsTargets() -> Html {
    let app = use_app();
    let lang = app.lang();
    // The direction picked per indicator, until saved; errors per indicator.
    let dirs = use_state(HashMap::<IndicatorKind, bool>::new);
    let errors = use_state(HashMap::<IndicatorKind, String>::new);

    let targets = app.office.get().settings().targets.clone();
    let rows = IndicatorKind::ALL.iter().map(|&kind| {
        let slug = kind.key();
        let current = targets.get(kind);
        let at_most = dirs.get(&kind).copied().unwrap_or_else(|| {
            current.map_or_else(|| default_at_most(kind), |g| !g.higher_is_better())
        });
        let value = current.map(|g| percent_field(g.bound())).unwrap_or_default();
        let on_dir = {
            let dirs = dirs.clone();
            Callback::from(move |e: Event| {
                let mut next = (*dirs).clone();
                next.insert(kind, e.target_unchecked_into::<HtmlSelectElement>().value() == "at_most");
                dirs.set(next);
            })
        };
        let on_save = {
            let (app, dirs, errors) = (app.clone(), dirs.clone(), errors.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let text = read_value(&format!("target-{slug}"));
                let result = set_target(app.lang(), app.office.get().settings(), kind, &text, at_most);
                let mut errs = (*errors).clone();
                match result {
                    Ok(next) => {
                        errs.remove(&kind);
                        let mut d = (*dirs).clone();
                        d.remove(&kind);
                        dirs.set(d);
                        app.dispatch(Msg::UpdateSettings(Box::new(next)));
                    }
                    Err(message) => {
                        errs.insert(kind, message);
                    }
                }
                errors.set(errs);
            })
        };
        let error = errors.get(&kind).cloned();
        html! {
            <tr class="target-row" data-indicator={slug}>
                <th scope="row">{ kind.name(lang) }</th>
                <td id={format!("target-current-{slug}")} class="target-current">{ target_text(current) }</td>
                <td>
                    <form class="target-form" onsubmit={on_save}>
                        <select id={format!("target-dir-{slug}")} onchange={on_dir}
                                aria-label={tr(lang, "方向", "Direction")}>
                            <option value="at_least" selected={!at_most}>{ "≥" }</option>
                            <option value="at_most" selected={at_most}>{ "≤" }</option>
                        </select>
                        <input id={format!("target-{slug}")} type="text" inputmode="decimal" size="6"
                               value={value}
                               aria-label={tr(lang, "目标（%）", "Target (%)")} />
                        <span>{ "%" }</span>
                        <button id={format!("target-save-{slug}")} type="submit">{ tr(lang, "保存", "Save") }</button>
                        if let Some(message) = error {
                            <p id={format!("target-error-{slug}")} class="field-error" role="alert">{ message }</p>
                        }
                    </form>
                </td>
            </tr>
        }
    });

    html! {
        <section id="settings-targets" class="settings-section">
            <h3>{ tr(lang, "考核目标", "Indicator targets") }</h3>
            <p class="settings-help">
                { tr(lang,
                    "以百分数填写，最多两位小数；留空表示不设目标。",
                    "Percentages with at most two decimals; leave empty for no target.") }
            </p>
            <table id="target-list" class="settings-table">
                <thead>
                    <tr>
                        <th>{ tr(lang, "指标", "Indicator") }</th>
                        <th>{ tr(lang, "现行目标", "Current target") }</th>
                        <th>{ tr(lang, "修改", "Change") }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// Rates where lower is better, for an indicator without a target yet.
fn default_at_most(kind: IndicatorKind) -> bool {
    matches!(
        kind,
        IndicatorKind::RepeatVisits
            | IndicatorKind::EscalatedRepeatVisits
            | IndicatorKind::RepeatLetters
    )
}
