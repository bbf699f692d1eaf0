//! `#reception-counts`: the counts of the receptions held in a period, as
//! in seed 001 (“县级领导共接待群众来访48次，2700多人，解决了各类信访案件
//! 336件”): sessions, people received, distinct cases linked, of them
//! concluded, the resolved rate; and the same per leader.

use std::collections::BTreeSet;

use chrono::Datelike;
use xinfang_core::PersonId;
use yew::prelude::*;

use crate::context::use_app;
use crate::features::reception::model::{period_bounds, CountPeriod};
use crate::i18n::{dates, tr, Lang};

/// The counts section.
#[component]
pub fn ReceptionCounts() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let period = use_state_eq(CountPeriod::default);
    let from = use_state_eq(|| dates::input_value(today.with_day(1).unwrap_or(today)));
    let to = use_state_eq(|| dates::input_value(today));

    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            period.set(CountPeriod::from_key(&v));
        })
    };
    let date_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };

    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let bounds = period_bounds(*period, today, &from, &to);
    let body = match bounds {
        None => html! {
            <p id="counts-missing" class="field-error" role="alert">
                { tr(lang, "请填写起止日期。", "Enter both dates.") }
            </p>
        },
        Some((start, end)) => {
            let concluded = |id| office.is_concluded(id);
            let s = work.reception.summary(start, end, concluded);
            let rate = s.resolved_rate();
            let leaders: BTreeSet<PersonId> =
                work.reception.held_between(start, end).map(|r| r.leader).collect();
            let rows: Vec<Html> = leaders
                .into_iter()
                .map(|p| {
                    let l = work.reception.summary_where(start, end, |r| r.leader == p, concluded);
                    let r = l.resolved_rate();
                    html! {
                        <tr data-leader={p.get().to_string()} data-sessions={l.sessions.to_string()}
                            data-people={l.people.to_string()} data-cases={l.cases.to_string()}
                            data-resolved={l.resolved.to_string()}>
                            <td>{ org.person_name(p) }</td>
                            <td class="num">{ l.sessions }</td>
                            <td class="num">{ l.people }</td>
                            <td class="num">{ l.cases }</td>
                            <td class="num">{ l.resolved }</td>
                            <td class="num">{ r.percent_text() }</td>
                        </tr>
                    }
                })
                .collect();
            let sentence = match lang {
                Lang::ZhCn => format!(
                    "{}至{}，领导共接待群众来访{}次、{}人次，涉及信访案件{}件，已解决{}件，解决率{}。",
                    xinfang_core::cn_text::date_cn(start),
                    xinfang_core::cn_text::date_cn(end),
                    s.sessions,
                    s.people,
                    s.cases,
                    s.resolved,
                    rate.percent_text()
                ),
                Lang::En => format!(
                    "{start} to {end}: {} receptions, {} people received, {} cases, {} resolved ({}).",
                    s.sessions,
                    s.people,
                    s.cases,
                    s.resolved,
                    rate.percent_text()
                ),
            };
            let figure = |id: &str, zh: &str, en: &str, value: String, data: String| {
                html! {
                    <div class="count-figure">
                        <dt>{ tr(lang, zh, en).to_string() }</dt>
                        <dd id={id.to_string()} data-value={data}>{ value }</dd>
                    </div>
                }
            };
            html! {
                <>
                    <dl id="counts" class="count-figures" data-from={dates::input_value(start)} data-to={dates::input_value(end)}>
                        { figure("counts-sessions", "接访次数", "Receptions", s.sessions.to_string(), s.sessions.to_string()) }
                        { figure("counts-people", "接待人次", "People received", s.people.to_string(), s.people.to_string()) }
                        { figure("counts-cases", "涉及案件", "Cases", s.cases.to_string(), s.cases.to_string()) }
                        { figure("counts-resolved", "已解决", "Resolved", s.resolved.to_string(), s.resolved.to_string()) }
                        { figure("counts-rate", "解决率", "Resolved rate", rate.to_string(), rate.percent_text()) }
                    </dl>
                    <p id="counts-sentence">{ sentence }</p>
                    if !rows.is_empty() {
                        <div class="table-scroll">
                            <table id="counts-by-leader" class="work-table">
                                <thead>
                                    <tr>
                                        <th>{ tr(lang, "领导", "Leader") }</th>
                                        <th>{ tr(lang, "接访次数", "Receptions") }</th>
                                        <th>{ tr(lang, "接待人次", "People") }</th>
                                        <th>{ tr(lang, "涉及案件", "Cases") }</th>
                                        <th>{ tr(lang, "已解决", "Resolved") }</th>
                                        <th>{ tr(lang, "解决率", "Rate") }</th>
                                    </tr>
                                </thead>
                                <tbody>{ for rows }</tbody>
                            </table>
                        </div>
                    }
                    <p class="report-note">
                        { tr(lang, "案件按关联到接访记录的案件去重计数；“已解决”指已办结（已答复、已复查、已终结或不予受理）。",
                             "Cases are the distinct cases linked to the receptions; resolved means concluded (replied, reviewed, terminated or declined).") }
                    </p>
                </>
            }
        }
    };
    html! {
        <section id="reception-counts" class="work-section">
            <h2>{ tr(lang, "统计", "Counts") }</h2>
            <div class="work-controls no-print">
                <label for="counts-period">{ tr(lang, "期间", "Period") }</label>
                <select id="counts-period" onchange={on_period}>
                    <option value="month" selected={*period == CountPeriod::Month}>{ tr(lang, "本月", "This month") }</option>
                    <option value="year" selected={*period == CountPeriod::Year}>{ tr(lang, "本年", "This year") }</option>
                    <option value="custom" selected={*period == CountPeriod::Custom}>{ tr(lang, "自定义", "Custom") }</option>
                </select>
                if *period == CountPeriod::Custom {
                    <label for="counts-from">{ tr(lang, "自", "From") }</label>
                    <input id="counts-from" type="date" value={(*from).clone()} oninput={date_input(&from)} />
                    <label for="counts-to">{ tr(lang, "至", "To") }</label>
                    <input id="counts-to" type="date" value={(*to).clone()} oninput={date_input(&to)} />
                }
            </div>
            { body }
        </section>
    }
}
