//! 排查设置: the cadence of each level (`#scr-cadence-unit`,
//! `#scr-cadence-village`), the coverage target (`#scr-target`,
//! `#scr-target-save`), the sensitive periods (`li.scr-period` with
//! `.scr-period-remove`; add with `#scr-period-name`, `#scr-period-from`,
//! `#scr-period-to`, `#scr-period-add`) and the registered villages per
//! township (`li.scr-village[data-township][data-name]` with
//! `.scr-village-remove`; add with `#scr-village-township`,
//! `#scr-village-name`, `#scr-village-add`).

use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::screening::{Cadence, ScreeningLevel, SensitivePeriod, Village};
use xinfang_core::work::WorkTargets;
use xinfang_core::UnitId;
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::send_work;
use crate::context::use_app;
use crate::features::screening::forms::{cadence_en, cadence_key, parse_cadence};
use crate::i18n::{dates, tr, Bilingual, Lang};

/// The sensitive period typed, or why it cannot be one (the core checks
/// the name and the order of the days).
pub fn period_of(name: &str, from: &str, to: &str) -> Result<SensitivePeriod, Bilingual> {
    let from = dates::parse_input(from)
        .ok_or_else(|| Bilingual::new("请填写有效的开始日期", "Enter a valid first day."))?;
    let to = dates::parse_input(to)
        .ok_or_else(|| Bilingual::new("请填写有效的结束日期", "Enter a valid last day."))?;
    SensitivePeriod::new(name, from, to).map_err(|e| Bilingual::new(e.to_string(), e.to_string()))
}

/// 排查设置.
#[component]
pub fn SettingsSection() -> Html {
    let app = use_app();
    let lang = app.lang();
    let period_name = use_state_eq(String::new);
    let period_from = use_state_eq(String::new);
    let period_to = use_state_eq(String::new);
    let period_error = use_state_eq(|| None::<Bilingual>);
    let village_town = use_state_eq(String::new);
    let village_name = use_state_eq(String::new);
    let village_error = use_state_eq(|| None::<Bilingual>);
    let target_text = use_state_eq(|| None::<String>);

    let input = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let changed = |state: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            state.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let cadence_change = |level: ScreeningLevel| {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(c) = parse_cadence(&v) {
                let _ = send_work(&app, WorkChange::SetCadence(level, c));
            }
        })
    };
    let add_period = {
        let (app, name, from, to, error) = (
            app.clone(),
            period_name.clone(),
            period_from.clone(),
            period_to.clone(),
            period_error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match period_of(&name, &from, &to) {
                Ok(p) => {
                    error.set(None);
                    if send_work(&app, WorkChange::AddSensitivePeriod(p)).is_ok() {
                        name.set(String::new());
                        from.set(String::new());
                        to.set(String::new());
                    }
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let add_village = {
        let (app, town, name, error) =
            (app.clone(), village_town.clone(), village_name.clone(), village_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(t) = town.parse::<u32>() else {
                return error
                    .set(Some(Bilingual::new("请选择乡镇（街道）", "Choose the township.")));
            };
            match Village::new(UnitId::new(t), &name) {
                Ok(v) => {
                    error.set(None);
                    if send_work(&app, WorkChange::AddVillage(v)).is_ok() {
                        name.set(String::new());
                    }
                }
                Err(err) => error.set(Some(Bilingual::new(err.to_string(), err.to_string()))),
            }
        })
    };

    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let ledger = &work.screening;
    let targets = work.targets;
    let save_target = {
        let (app, text) = (app.clone(), target_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = text.as_deref().unwrap_or_default().trim().to_string();
            match typed.parse::<u32>() {
                Ok(p) => {
                    let next = WorkTargets { screening_coverage: p, ..targets };
                    if send_work(&app, WorkChange::SetTargets(next)).is_ok() {
                        text.set(None);
                    }
                }
                Err(_) => text.set(Some(String::new())),
            }
        })
    };
    let target_value =
        (*target_text).clone().unwrap_or_else(|| targets.screening_coverage.to_string());

    let cadence_select = |id: &'static str, level: ScreeningLevel| {
        let now = ledger.cadence(level);
        html! {
            <label>
                <span>{ match (lang, level) {
                    (Lang::ZhCn, l) => l.label().to_string(),
                    (Lang::En, ScreeningLevel::Unit) => "Townships, streets, departments".into(),
                    (Lang::En, ScreeningLevel::Village) => "Villages and communities".into(),
                } }</span>
                <select {id} onchange={cadence_change(level)}>
                    { for Cadence::ALL.into_iter().map(|c| html! {
                        <option value={cadence_key(c)} selected={c == now}>{ tr(lang, c.label(), cadence_en(c)) }</option>
                    }) }
                </select>
            </label>
        }
    };
    let periods = ledger.sensitive_periods().iter().map(|p| {
        let remove = {
            let (app, p) = (app.clone(), p.clone());
            Callback::from(move |_: MouseEvent| {
                let _ = send_work(&app, WorkChange::RemoveSensitivePeriod(p.clone()));
            })
        };
        html! {
            <li class="scr-period" data-name={p.name().to_string()} data-from={p.from().to_string()}
                data-to={p.to().to_string()}>
                <span class="scr-period-name">{ p.name().to_string() }</span>
                { format!(" {} — {} ", dates::display(lang, p.from()), dates::display(lang, p.to())) }
                <button type="button" class="scr-period-remove no-print" onclick={remove}>{ tr(lang, "删除", "Remove") }</button>
            </li>
        }
    });
    let mut towns: Vec<UnitId> = org.townships().map(|t| t.id()).collect();
    for v in ledger.villages() {
        if !towns.contains(&v.township()) {
            towns.push(v.township());
        }
    }
    let villages = towns.iter().map(|t| {
        let of_town: Vec<&Village> = ledger.villages().iter().filter(|v| v.township() == *t).collect();
        html! {
            <li class="scr-town-villages" data-township={t.get().to_string()}>
                <span class="scr-town-name">{ org.unit_name(*t) }</span>
                { "：" }
                if of_town.is_empty() {
                    <span class="scr-muted">{ tr(lang, "未登记村（社区）", "no villages registered") }</span>
                }
                <ul class="scr-village-list">
                    { for of_town.into_iter().map(|v| {
                        let remove = {
                            let (app, v) = (app.clone(), v.clone());
                            Callback::from(move |_: MouseEvent| {
                                let _ = send_work(&app, WorkChange::RemoveVillage(v.clone()));
                            })
                        };
                        html! {
                            <li class="scr-village" data-township={t.get().to_string()} data-name={v.name().to_string()}>
                                { v.name().to_string() }
                                <button type="button" class="scr-village-remove no-print" onclick={remove}
                                        title={tr(lang, "不再要求排查；已有记录保留", "Stop requiring rounds; past rounds stay")}>
                                    { "×" }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </li>
        }
    });

    html! {
        <section id="scr-settings" class="scr-section" aria-labelledby="scr-settings-title">
            <h3 id="scr-settings-title">{ tr(lang, "排查设置", "Screening settings") }</h3>
            <div class="scr-settings-grid">
                <div>
                    <h4>{ tr(lang, "排查频次", "Cadences") }</h4>
                    <form class="scr-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                        { cadence_select("scr-cadence-unit", ScreeningLevel::Unit) }
                        { cadence_select("scr-cadence-village", ScreeningLevel::Village) }
                    </form>
                    <p class="scr-muted">{ tr(lang, "敏感时期内各单位、各村（社区）每日排查。",
                        "During sensitive periods everyone screens daily.") }</p>
                    <form class="scr-form" onsubmit={save_target}>
                        <label>
                            <span>{ tr(lang, "排查覆盖率目标（%）", "Coverage target (%)") }</span>
                            <input id="scr-target" type="number" min="0" max="100" value={target_value}
                                   oninput={Callback::from(move |e: InputEvent| target_text.set(Some(
                                       e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))} />
                        </label>
                        <button id="scr-target-save" type="submit">{ tr(lang, "保存", "Save") }</button>
                    </form>
                </div>
                <div>
                    <h4>{ tr(lang, "敏感时期（日排查）", "Sensitive periods (daily rounds)") }</h4>
                    <ul id="scr-periods" class="scr-periods">
                        { for periods }
                        if ledger.sensitive_periods().is_empty() {
                            <li class="scr-muted">{ tr(lang, "暂无", "none") }</li>
                        }
                    </ul>
                    <form class="scr-form no-print" onsubmit={add_period}>
                        <label>
                            <span>{ tr(lang, "名称", "Name") }</span>
                            <input id="scr-period-name" type="text" value={(*period_name).clone()} oninput={input(period_name.clone())}
                                   placeholder={tr(lang, "如 全国两会", "e.g. NPC session")} maxlength={maxlength(limits::SENSITIVE_PERIOD)} />
                            <CharCount target="scr-period-name" limit={limits::SENSITIVE_PERIOD} />
                        </label>
                        <label>
                            <span>{ tr(lang, "开始", "From") }</span>
                            <input id="scr-period-from" type="date" value={(*period_from).clone()} onchange={changed(period_from.clone())} />
                        </label>
                        <label>
                            <span>{ tr(lang, "结束", "To") }</span>
                            <input id="scr-period-to" type="date" value={(*period_to).clone()} onchange={changed(period_to.clone())} />
                        </label>
                        <button id="scr-period-add" type="submit">{ tr(lang, "添加", "Add") }</button>
                        if let Some(m) = &*period_error {
                            <span id="scr-period-error" class="field-error" role="alert">{ m.get(lang).to_string() }</span>
                        }
                    </form>
                </div>
                <div>
                    <h4>{ tr(lang, "排查村（社区）", "Villages that screen") }</h4>
                    <ul id="scr-villages" class="scr-villages">{ for villages }</ul>
                    <form class="scr-form no-print" onsubmit={add_village}>
                        <label>
                            <span>{ tr(lang, "乡镇（街道）", "Township") }</span>
                            <select id="scr-village-township" onchange={changed(village_town.clone())}>
                                <option value="" selected={village_town.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                                { for org.townships().map(|t| {
                                    let value = t.id().get().to_string();
                                    let is = value == *village_town;
                                    html! { <option {value} selected={is}>{ t.name().to_string() }</option> }
                                }) }
                            </select>
                        </label>
                        <label>
                            <span>{ tr(lang, "村（社区）名称", "Village name") }</span>
                            <input id="scr-village-name" type="text" value={(*village_name).clone()} oninput={input(village_name.clone())} maxlength={maxlength(limits::VILLAGE)} />
                            <CharCount target="scr-village-name" limit={limits::VILLAGE} />
                        </label>
                        <button id="scr-village-add" type="submit">{ tr(lang, "添加", "Add") }</button>
                        if let Some(m) = &*village_error {
                            <span id="scr-village-error" class="field-error" role="alert">{ m.get(lang).to_string() }</span>
                        }
                    </form>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_typed() {
        assert_eq!(period_of("全国两会", "2025-03-03", "2025-03-11").unwrap().name(), "全国两会");
        assert_eq!(
            period_of("全国两会", "2025-03-11", "2025-03-03").unwrap_err().zh,
            "“结束日期”不能早于“开始日期”"
        );
        assert!(period_of("全国两会", "", "2025-03-03").is_err());
        assert_eq!(
            period_of(" ", "2025-03-03", "2025-03-11").unwrap_err().zh,
            "“敏感时期名称”不能为空"
        );
    }
}
