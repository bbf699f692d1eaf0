//! The value mapping of an import (`#import-values`): each distinct value
//! of a channel, category, unit or township column that the office does
//! not recognise, once, with its row count and a suggested match; a
//! select (`.import-value-choice`) to map it, create it or leave its rows
//! out, and a button taking every suggestion (`#import-accept-suggestions`).

use xinfang_core::import::values::{Choice, Choices, Target, Unknown, ValueField};
use xinfang_core::{Channel, Settings, UnitKind};
use yew::prelude::*;

use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};

/// Every target a value of `field` may be mapped to, with its name.
fn targets(field: ValueField, s: &Settings, lang: Lang) -> Vec<(Target, String)> {
    match field {
        ValueField::Channel => Channel::OPTIONS
            .iter()
            .copied()
            .map(|channel| {
                (Target::Channel { channel, collective: false }, channel.name(lang).to_string())
            })
            .chain(std::iter::once((
                Target::Channel { channel: Channel::Visit, collective: true },
                format!("{}{}", Channel::Visit.name(lang), tr(lang, "（集体访）", " (collective)")),
            )))
            .collect(),
        ValueField::Category => s
            .categories
            .offered()
            .map(|k| (Target::Category { category: k.id() }, s.categories.path(k.id())))
            .collect(),
        ValueField::Unit | ValueField::Township => s
            .org
            .units()
            .filter(|u| u.is_active())
            .filter(|u| field == ValueField::Unit || u.kind() == UnitKind::Township)
            .map(|u| (Target::Unit { unit: u.id() }, u.name().to_string()))
            .collect(),
    }
}

/// A choice as a select's value: `""`, `leave`, `create`, `t<index>`.
fn encode(choice: Option<&Choice>, options: &[(Target, String)]) -> String {
    match choice {
        None => String::new(),
        Some(Choice::Leave) => "leave".into(),
        Some(Choice::Create) => "create".into(),
        Some(Choice::Map { target }) => options
            .iter()
            .position(|(t, _)| t == target)
            .map_or_else(String::new, |i| format!("t{i}")),
    }
}

fn decode(value: &str, options: &[(Target, String)]) -> Option<Choice> {
    match value {
        "leave" => Some(Choice::Leave),
        "create" => Some(Choice::Create),
        v => {
            let i: usize = v.strip_prefix('t')?.parse().ok()?;
            options.get(i).map(|(target, _)| Choice::Map { target: *target })
        }
    }
}

fn field_name(lang: Lang, f: ValueField) -> &'static str {
    match f {
        ValueField::Channel => tr(lang, "信访形式", "Channel"),
        ValueField::Category => tr(lang, "问题类别", "Category"),
        ValueField::Unit => tr(lang, "责任单位", "Responsible unit"),
        ValueField::Township => tr(lang, "乡镇（街道）", "Township"),
    }
}

/// The panel; `on_choose` gets the new choices.
pub fn values_view(
    lang: Lang,
    settings: &Settings,
    unknowns: &[Unknown],
    choices: &Choices,
    on_choose: Callback<Choices>,
) -> Html {
    let with_suggestions = unknowns.iter().filter(|u| u.suggestion.is_some()).count();
    let accept_all = {
        let (unknowns, choices, on_choose) =
            (unknowns.to_vec(), choices.clone(), on_choose.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = choices.clone();
            for u in &unknowns {
                if let Some(target) = u.suggestion {
                    next.entry((u.field, u.value.clone())).or_insert(Choice::Map { target });
                }
            }
            on_choose.emit(next);
        })
    };
    let rows = unknowns.iter().enumerate().map(|(k, u)| {
        let options = targets(u.field, settings, lang);
        let key = (u.field, u.value.clone());
        let current = encode(choices.get(&key), &options);
        let onchange = {
            let (choices, on_choose, options, key) =
                (choices.clone(), on_choose.clone(), options.clone(), key.clone());
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                let mut next = choices.clone();
                match decode(&select.value(), &options) {
                    Some(c) => next.insert(key.clone(), c),
                    None => next.remove(&key),
                };
                on_choose.emit(next);
            })
        };
        let suggested = u.suggestion.and_then(|t| options.iter().position(|(o, _)| *o == t));
        let suggestion_text = u.suggestion.map(|t| t.name(settings));
        let rows_text = match lang {
            Lang::ZhCn => format!("{}行", u.rows.len()),
            Lang::En => format!("{} rows", u.rows.len()),
        };
        html! {
            <tr class="import-value" data-field={format!("{:?}", u.field).to_lowercase()}
                data-value={u.value.clone()} data-rows={u.rows.len().to_string()}>
                <td>{ field_name(lang, u.field) }</td>
                <td class="import-value-text">{ u.value.clone() }</td>
                <td>{ rows_text }</td>
                <td class="import-value-suggestion">{ suggestion_text.unwrap_or_else(|| "—".into()) }</td>
                <td>
                    <select id={format!("value-{k}")} class="import-value-choice"
                            aria-label={format!("{}“{}”", field_name(lang, u.field), u.value)}
                            onchange={onchange}>
                        <option value="" selected={current.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                        if let Some(i) = suggested {
                            <option value={format!("t{i}")} selected={current == format!("t{i}")}>
                                { format!("{}{}", tr(lang, "建议：", "Suggested: "), options[i].1) }
                            </option>
                        }
                        if u.field.can_create() {
                            <option value="create" selected={current == "create"}>
                                { format!("{}“{}”", tr(lang, "新建", "Create "), u.value) }
                            </option>
                        }
                        <option value="leave" selected={current == "leave"}>
                            { tr(lang, "这些行不导入", "Leave these rows out") }
                        </option>
                        <optgroup label={tr(lang, "对应为", "Means")}>
                        { for options.iter().enumerate().filter(|(i, _)| Some(*i) != suggested).map(|(i, (_, name))| html! {
                            <option value={format!("t{i}")} selected={current == format!("t{i}")}>{ name.clone() }</option>
                        }) }
                        </optgroup>
                    </select>
                </td>
            </tr>
        }
    });
    html! {
        <section id="import-values" class="import-values" aria-labelledby="import-values-title">
            <h2 id="import-values-title">
                { match lang {
                    Lang::ZhCn => format!("有{}个值本系统不认识：请逐一选择对应、新建或不导入（所选对应会记住，下次导入自动采用）", unknowns.len()),
                    Lang::En => format!("{} values are not known here: map, create or leave out each (mappings are remembered for the next file)", unknowns.len()),
                } }
            </h2>
            if with_suggestions > 0 {
                <p>
                    <button id="import-accept-suggestions" type="button" onclick={accept_all}>
                        { match lang {
                            Lang::ZhCn => format!("采用全部{with_suggestions}条建议"),
                            Lang::En => format!("Take all {with_suggestions} suggestions"),
                        } }
                    </button>
                </p>
            }
            <div class="table-scroll">
                <table class="import-values-table">
                    <thead><tr>
                        <th>{ tr(lang, "列", "Column") }</th>
                        <th>{ tr(lang, "表格中的值", "Value in the file") }</th>
                        <th>{ tr(lang, "行数", "Rows") }</th>
                        <th>{ tr(lang, "建议", "Suggestion") }</th>
                        <th>{ tr(lang, "处理", "Choice") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_survives_its_select_value() {
        let s = Settings::sample_county();
        for field in ValueField::ALL {
            let options = targets(field, &s, Lang::ZhCn);
            assert!(!options.is_empty());
            for choice in [Choice::Leave, Choice::Create, Choice::Map { target: options[1].0 }] {
                assert_eq!(decode(&encode(Some(&choice), &options), &options), Some(choice));
            }
            assert_eq!(decode("", &options), None);
        }
        let towns = targets(ValueField::Township, &s, Lang::ZhCn);
        assert!(towns.iter().any(|(_, n)| n == "城关镇"));
        assert!(!towns.iter().any(|(_, n)| n == "县人社局"));
    }
}
