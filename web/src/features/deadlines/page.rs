//! The 期限计算器 (statutory deadline calculator): a start date, a period
//! and a counting mode in, the deadline out (computed by `xinfang-core`).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use xinfang_core::{Calendar, DayCount};
use yew::prelude::*;

use crate::features::deadlines::model::{self, Answer, Incomplete, Period, MAX_DAYS};
use crate::features::deadlines::result::DeadlineResult;
use crate::i18n::{dates, t, Key, Lang};

/// Props of [`DeadlineCalculator`].
#[derive(Debug, PartialEq, Properties)]
pub struct DeadlineCalculatorProps {
    /// The interface language.
    pub lang: Lang,
}

/// The calculator. Its inputs are form state local to it (not saved).
/// Element ids: `start-date`, `period` (option values `15`, `60`, `30`,
/// `custom`), `custom-days`, `count-calendar`, `count-working`.
#[component]
pub fn DeadlineCalculator(props: &DeadlineCalculatorProps) -> Html {
    let lang = props.lang;
    // The open record's calendar, so days added in 设置 count here too.
    let app = crate::context::use_app();
    let calendar: Calendar = app.office.get().settings().calendar.clone();
    let start = use_state_eq(String::new);
    let period = use_state_eq(|| Period::Handle60);
    let custom_days = use_state_eq(String::new);
    let count = use_state_eq(DayCount::default);

    let on_start = {
        let start = start.clone();
        Callback::from(move |event: Event| {
            start.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_start_input = on_start.reform(|event: InputEvent| Event::from(event));
    let on_period = {
        let period = period.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(picked) = Period::from_value(&value) {
                period.set(picked);
            }
        })
    };
    let on_custom_days = {
        let custom_days = custom_days.clone();
        Callback::from(move |event: InputEvent| {
            custom_days.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_count = |picked: DayCount| {
        let count = count.clone();
        Callback::from(move |_: Event| count.set(picked))
    };

    let outcome = compute(&calendar, &start, *period, &custom_days, *count);

    html! {
        <section class="calculator" aria-labelledby="calc-title">
            <h2 id="calc-title">{ t(lang, Key::CalcTitle) }</h2>
            <p class="intro" id="calc-intro">{ t(lang, Key::CalcIntro) }</p>
            <form class="calc-form" onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
                <div class="field">
                    <label for="start-date" id="start-date-label">{ t(lang, Key::StartDate) }</label>
                    <input
                        type="date"
                        id="start-date"
                        value={(*start).clone()}
                        onchange={on_start}
                        oninput={on_start_input}
                        aria-describedby="start-date-hint"
                    />
                    <p class="hint" id="start-date-hint">{ t(lang, Key::StartDateHint) }</p>
                </div>
                <div class="field">
                    <label for="period" id="period-label">{ t(lang, Key::Period) }</label>
                    <select id="period" onchange={on_period}>
                        for option in Period::ALL {
                            <option
                                key={option.value()}
                                value={option.value()}
                                selected={option == *period}
                            >
                                { model::period_label(lang, option) }
                            </option>
                        }
                    </select>
                </div>
                if *period == Period::Custom {
                    <div class="field">
                        <label for="custom-days" id="custom-days-label">{ t(lang, Key::CustomDays) }</label>
                        <input
                            type="number"
                            id="custom-days"
                            min="1"
                            max={MAX_DAYS.to_string()}
                            step="1"
                            inputmode="numeric"
                            value={(*custom_days).clone()}
                            oninput={on_custom_days}
                        />
                    </div>
                }
                <fieldset class="field">
                    <legend id="day-count-label">{ t(lang, Key::DayCount) }</legend>
                    <label class="choice">
                        <input
                            type="radio"
                            name="day-count"
                            id="count-calendar"
                            value="calendar"
                            checked={*count == DayCount::Calendar}
                            onchange={on_count(DayCount::Calendar)}
                        />
                        { t(lang, Key::CalendarDays) }
                    </label>
                    <label class="choice">
                        <input
                            type="radio"
                            name="day-count"
                            id="count-working"
                            value="working"
                            checked={*count == DayCount::Working}
                            onchange={on_count(DayCount::Working)}
                        />
                        { t(lang, Key::WorkingDays) }
                    </label>
                </fieldset>
            </form>
            <DeadlineResult {lang} {outcome} />
        </section>
    }
}

/// The calculator's answer for the current inputs.
fn compute(
    calendar: &Calendar,
    start: &str,
    period: Period,
    custom_days: &str,
    count: DayCount,
) -> Result<Answer, Incomplete> {
    let start = dates::parse_input(start).ok_or(Incomplete::NoStartDate)?;
    let days = match period.days() {
        Some(days) => days,
        None => model::parse_days(custom_days)?,
    };
    Ok(model::answer(calendar, start, days, count))
}
