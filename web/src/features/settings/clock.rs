//! 设置 · 法定期限: the statutory periods (15 days to route, 15 to decide
//! acceptance, 60 to reply, one extension of at most 30, 30 to ask for and
//! 30 to decide a review, the rating window) and how days are counted;
//! editable, checked by the core (1 to 365 days each).

use web_sys::HtmlSelectElement;
use xinfang_core::calendar::DayCount;
use xinfang_core::ClockRules;
use yew::prelude::*;

use crate::context::use_app;
use crate::features::settings::edit::{commit, day_count_value, parse_days, set_clock};
use crate::i18n::{tr, Lang};
use crate::ui::field::{field_error, read_value};

/// The fields of [`ClockRules`] shown, in order: id, Chinese name (as the
/// core names it), English name, what the period runs from.
const FIELDS: [(&str, &str, &str, &str, &str); 7] = [
    ("route", "登记转送期限", "Register and route", "自收到信访事项之日起", "from receipt"),
    (
        "accept",
        "受理告知期限",
        "Decide on acceptance",
        "自收到转送、交办之日起",
        "from receipt by the body",
    ),
    ("reply", "办理答复期限", "Handle and reply", "自受理之日起", "from acceptance"),
    (
        "extension",
        "最长延期",
        "Longest extension",
        "经负责人批准，限一次",
        "approved by the head, once",
    ),
    (
        "request",
        "申请复查/复核期限",
        "Ask for a review",
        "自收到书面答复之日起",
        "from the written answer",
    ),
    ("review", "复查/复核期限", "Decide a review", "自收到请求之日起", "from the request"),
    ("rating", "满意度评价期限", "Rating window", "自答复之日起", "from the reply"),
];

fn get(rules: &ClockRules, field: &str) -> u32 {
    match field {
        "route" => rules.route_days,
        "accept" => rules.accept_days,
        "reply" => rules.reply_days,
        "extension" => rules.max_extension_days,
        "request" => rules.request_review_days,
        "review" => rules.review_days,
        _ => rules.rating_window_days,
    }
}

fn set(rules: &mut ClockRules, field: &str, days: u32) {
    match field {
        "route" => rules.route_days = days,
        "accept" => rules.accept_days = days,
        "reply" => rules.reply_days = days,
        "extension" => rules.max_extension_days = days,
        "request" => rules.request_review_days = days,
        "review" => rules.review_days = days,
        _ => rules.rating_window_days = days,
    }
}

/// The clock section (`#settings-clock`).
#[component]
pub fn SettingsClock() -> Html {
    let app = use_app();
    let lang = app.lang();
    let rules = app.office.get().settings().clock;
    let count = use_state(|| None::<DayCount>);
    let error = use_state(|| None::<String>);
    let values: Vec<String> = FIELDS.iter().map(|f| get(&rules, f.0).to_string()).collect();
    let shown_count = count.unwrap_or(rules.count);

    let on_save = {
        let (app, count, error) = (app.clone(), count.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let lang = app.lang();
            let mut next = app.office.get().settings().clock;
            next.count = count.unwrap_or(next.count);
            for field in FIELDS.iter() {
                let text = read_value(&format!("clock-{}", field.0));
                match parse_days(lang, tr(lang, field.1, field.2), &text) {
                    Ok(days) => set(&mut next, field.0, days),
                    Err(message) => {
                        error.set(Some(message));
                        return;
                    }
                }
            }
            let result = set_clock(app.office.get().settings(), next);
            if commit(&app, result, &error) {
                count.set(None);
            }
        })
    };
    let on_count = {
        let count = count.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            count.set(Some(if v == "working" { DayCount::Working } else { DayCount::Calendar }));
        })
    };

    let rows = FIELDS.iter().enumerate().map(|(i, field)| {
        html! {
            <tr class="clock-row" data-field={field.0}>
                <th scope="row">{ tr(lang, field.1, field.2) }</th>
                <td id={format!("clock-current-{}", field.0)}>{ days_text(lang, get(&rules, field.0), rules.count) }</td>
                <td class="muted">{ tr(lang, field.3, field.4) }</td>
                <td>
                    <input id={format!("clock-{}", field.0)} type="number" min="1" max="365"
                           value={values[i].clone()} />
                </td>
            </tr>
        }
    });

    html! {
        <section id="settings-clock" class="settings-section">
            <h3>{ tr(lang, "法定期限", "Statutory periods") }</h3>
            <p class="settings-help">
                { tr(lang,
                    "期限自事件发生的次日起算；期限最后一日为法定节假日或休息日的，顺延至其后第一个工作日。默认值依《信访工作条例》。",
                    "Periods start the day after the event; a period ending on a holiday or rest day ends on the next working day. The defaults are those of the 2022 regulations.") }
            </p>
            <form id="clock-form" class="settings-form" onsubmit={on_save}>
                <table id="clock-periods" class="settings-table">
                    <thead>
                        <tr>
                            <th>{ tr(lang, "期限", "Period") }</th>
                            <th>{ tr(lang, "现行", "Current") }</th>
                            <th>{ tr(lang, "起算", "Counted") }</th>
                            <th>{ tr(lang, "修改（天）", "Change (days)") }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <label>{ tr(lang, "计算方式", "Days counted as") }
                    <select id="clock-count" onchange={on_count}>
                        { for [DayCount::Calendar, DayCount::Working].iter().map(|c| html! {
                            <option value={day_count_value(*c)} selected={*c == shown_count}>{ count_label(lang, *c) }</option>
                        }) }
                    </select>
                </label>
                <button id="clock-save" type="submit">{ tr(lang, "保存期限", "Save periods") }</button>
                { field_error("clock-error", &error) }
            </form>
        </section>
    }
}

fn count_label(lang: Lang, count: DayCount) -> &'static str {
    match count {
        DayCount::Calendar => tr(lang, "自然日", "Calendar days"),
        DayCount::Working => tr(lang, "工作日", "Working days"),
    }
}

fn days_text(lang: Lang, days: u32, count: DayCount) -> String {
    match (lang, count) {
        (Lang::ZhCn, DayCount::Calendar) => format!("{days}日"),
        (Lang::ZhCn, DayCount::Working) => format!("{days}个工作日"),
        (Lang::En, DayCount::Calendar) => format!("{days} days"),
        (Lang::En, DayCount::Working) => format!("{days} working days"),
    }
}
