//! The backlog page's rates (`#backlog-rates`): 积案办结率 and 结服率 for a
//! period with their numerators and denominators, against the work
//! targets, and the small form that edits those two targets.

use xinfang_core::work::change::WorkChange;
use xinfang_core::work::{Rate, WorkTargets};
use yew::prelude::*;

use crate::context::{change_work, use_app};
use crate::forms::parse_percent;
use crate::i18n::{tr, Bilingual, Lang};
use crate::ui::period_picker::{
    period_label, year_choice, years, PeriodChoice, ReportPeriodPicker,
};

/// One rate's row: the value (`1/2（50.0%）`), the target and whether it is met.
pub fn rate_row(lang: Lang, id: &str, name: &str, rate: Rate, target: u32) -> Html {
    let met = rate.meets(target);
    let status = if rate.denominator == 0 {
        tr(lang, "无数据", "no data")
    } else if met {
        tr(lang, "达标", "met")
    } else {
        tr(lang, "未达标", "missed")
    };
    html! {
        <tr id={id.to_string()} class={classes!("rate-row", if met { "met" } else { "missed" })}
            data-num={rate.numerator.to_string()} data-den={rate.denominator.to_string()}
            data-met={met.to_string()}>
            <th scope="row">{ name.to_string() }</th>
            <td class="rate-value">{ rate.to_string() }</td>
            <td class="rate-target">{ format!("≥ {target}%") }</td>
            <td class="rate-status">{ status }</td>
        </tr>
    }
}

/// The rates for a picked period, and the targets form.
#[component]
pub fn BacklogRates() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let choice = use_state_eq(|| year_choice(today));
    let error = use_state_eq(|| None::<Bilingual>);
    let resolution_text = use_state_eq(|| None::<String>);
    let acceptance_text = use_state_eq(|| None::<String>);

    let on_period = {
        let choice = choice.clone();
        Callback::from(move |c: PeriodChoice| choice.set(c))
    };
    let work = app.work();
    let targets = work.targets;
    let period = choice.period();
    let body = match period {
        Ok(p) => {
            let rates = work.backlog.rates(p.first(), p.last());
            html! {
                <>
                <p id="backlog-rates-period" class="muted">{ period_label(lang, p) }</p>
                <table class="report-table backlog-rate-table">
                    <tbody>
                        { rate_row(lang, "backlog-rate-resolution", tr(lang, "积案办结率", "Resolution rate"),
                                   rates.resolution, targets.backlog_resolution) }
                        { rate_row(lang, "backlog-rate-acceptance", tr(lang, "结服率（息诉罢访）", "Acceptance rate"),
                                   rates.acceptance, targets.backlog_acceptance) }
                    </tbody>
                </table>
                <p class="muted rate-note">
                    { tr(lang,
                        "办结率 = 期内办结 / 期内在册积案（截至期末已列入、期初前未办结）；结服率 = 期末前息诉罢访 / 期内办结。",
                        "Resolution = concluded in the period / on the ledger during it; acceptance = accepted by its end / concluded.") }
                </p>
                </>
            }
        }
        Err(problem) => html! { <p class="form-error">{ problem.text(lang) }</p> },
    };
    let year_list = years(&app.office.get(), today);

    let input = |state: &UseStateHandle<Option<String>>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(Some(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
        })
    };
    let on_targets = {
        let (app, error) = (app.clone(), error.clone());
        let (res, acc) = (resolution_text.clone(), acceptance_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let current = app.work().targets;
            let parse = |typed: &Option<String>, now: u32| match typed {
                Some(t) => parse_percent(t),
                None => Ok(now),
            };
            let next = parse(&res, current.backlog_resolution).and_then(|r| {
                parse(&acc, current.backlog_acceptance).map(|a| WorkTargets {
                    backlog_resolution: r,
                    backlog_acceptance: a,
                    ..current
                })
            });
            match next {
                Ok(targets) => {
                    error.set(None);
                    res.set(None);
                    acc.set(None);
                    change_work(&app, WorkChange::SetTargets(targets));
                }
                Err(msg) => error.set(Some(msg)),
            }
        })
    };
    let res_value =
        (*resolution_text).clone().unwrap_or_else(|| targets.backlog_resolution.to_string());
    let acc_value =
        (*acceptance_text).clone().unwrap_or_else(|| targets.backlog_acceptance.to_string());
    html! {
        <section id="backlog-rates" class="case-section backlog-rates">
            <h3>{ tr(lang, "办结率与结服率", "Rates") }</h3>
            <ReportPeriodPicker {lang} choice={*choice} years={year_list} on_change={on_period} />
            { body }
            <form id="backlog-targets-form" class="inline-form target-form" onsubmit={on_targets} novalidate=true>
                <label for="target-backlog-resolution">{ tr(lang, "办结率目标（%）", "Resolution target (%)") }</label>
                <input id="target-backlog-resolution" type="number" min="0" max="100" value={res_value}
                       oninput={input(&resolution_text)} />
                <label for="target-backlog-acceptance">{ tr(lang, "结服率目标（%）", "Acceptance target (%)") }</label>
                <input id="target-backlog-acceptance" type="number" min="0" max="100" value={acc_value}
                       oninput={input(&acceptance_text)} />
                <button id="backlog-targets-submit" type="submit">{ tr(lang, "保存目标", "Save targets") }</button>
                if let Some(msg) = &*error {
                    <span id="backlog-targets-error" class="field-error" role="alert">{ msg.get(lang).to_string() }</span>
                }
            </form>
        </section>
    }
}
