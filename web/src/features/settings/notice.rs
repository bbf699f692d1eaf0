//! 设置 · 录入放假通知: a new year's holidays entered as the State Council's
//! notice (国务院办公厅关于某年部分节假日安排的通知) states them, pasted or
//! typed line by line, read and checked against the weekdays by the core
//! ([`HolidayNotice::parse`]), previewed, then saved into the calendar
//! ([`xinfang_core::Calendar::apply_notice`]), replacing that year's entries.

use chrono::{Datelike, NaiveDate};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use xinfang_core::HolidayNotice;
use yew::prelude::*;

use crate::clock;
use crate::context::use_app;
use crate::features::settings::calendar::day_text;
use crate::features::settings::edit::{apply_notice, commit};
use crate::i18n::{tr, Lang};
use crate::ui::field::field_error;

/// The example a clerk sees in the empty box: two lines of the 2026 notice.
const EXAMPLE: &str = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n\
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。";

/// The notice section (`#settings-notice`).
#[component]
pub fn SettingsHolidayNotice() -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let cal = &office.settings().calendar;
    let this_year = clock::today().year();
    // The first year after the data the calendar holds: the one to enter.
    let first_missing = (*cal.years().end() + 1).max(this_year);
    let year = use_state(|| first_missing);
    let text = use_state(String::new);
    let saved = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let covered = cal.covers(*year);
    drop(office);

    let parsed = (!text.trim().is_empty()).then(|| HolidayNotice::parse(*year, &text));
    let on_year = {
        let (year, saved) = (year.clone(), saved.clone());
        Callback::from(move |e: Event| {
            if let Ok(y) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                year.set(y);
                saved.set(None);
            }
        })
    };
    let on_text = {
        let (text, saved) = (text.clone(), saved.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            saved.set(None);
        })
    };
    let on_save = {
        let (app, year, text, saved, error) =
            (app.clone(), year.clone(), text.clone(), saved.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let notice = match HolidayNotice::parse(*year, &text) {
                Ok(notice) => notice,
                Err(err) => {
                    error.set(Some(err.to_string()));
                    return;
                }
            };
            let next = apply_notice(app.office.get().settings(), &notice);
            if commit(&app, Ok(next), &error) {
                saved.set(Some(saved_text(app.lang(), &notice)));
                text.set(String::new());
            }
        })
    };

    let mut years: Vec<i32> = (this_year - 1..=this_year + 2).collect();
    if !years.contains(&first_missing) {
        years.push(first_missing);
    }
    let preview = match &parsed {
        Some(Ok(notice)) => html! {
            <ul id="holiday-notice-preview" class="calendar-summary">
                { for notice.holidays.iter().map(|h| html! {
                    <li class="notice-holiday" data-name={h.name.clone()}
                        data-from={h.from.to_string()} data-to={h.to.to_string()}>
                        { holiday_text(lang, &h.name, h.from, h.to, &h.workdays) }
                    </li>
                }) }
            </ul>
        },
        Some(Err(err)) => html! {
            <p id="holiday-notice-error" class="field-error" role="alert">{ err.to_string() }</p>
        },
        None => html! {},
    };
    let valid = matches!(parsed, Some(Ok(_)));

    html! {
        <section id="settings-notice" class="settings-section">
            <h3>{ tr(lang, "录入国务院放假通知", "Enter the State Council's holiday notice") }</h3>
            <p class="settings-intro">
                { tr(lang,
                    "每年底国务院办公厅公布下一年的节假日安排。把通知全文（或其中“一、元旦：……”等各行）粘贴到下面，系统逐行核对日期与星期，确认无误后保存；保存后该年期限不再标注“暂定”。",
                    "Each December the State Council publishes next year's holidays. Paste the whole notice (or its lines 元旦, 春节, …) below: each date is checked against its weekday; once saved, that year's deadlines are no longer provisional.") }
            </p>
            <form id="holiday-notice-form" class="settings-form" onsubmit={on_save}>
                <label>{ tr(lang, "年份", "Year") }
                    <select id="holiday-notice-year" onchange={on_year}>
                        { for years.iter().map(|y| html! {
                            <option value={y.to_string()} selected={*y == *year}>{ y.to_string() }</option>
                        }) }
                    </select>
                </label>
                if covered {
                    <p id="holiday-notice-replaces" class="field-warning" role="status">
                        { match lang {
                            Lang::ZhCn => format!("{}年已有节假日数据，保存后将以通知内容替换。", *year),
                            Lang::En => format!("{} already has holiday data: saving replaces it with the notice.", *year),
                        } }
                    </p>
                }
                <label for="holiday-notice-text">{ tr(lang, "通知正文", "The notice's lines") }</label>
                <textarea id="holiday-notice-text" rows="8" value={(*text).clone()}
                          placeholder={EXAMPLE} oninput={on_text} />
                { preview }
                <button id="holiday-notice-save" type="submit" disabled={!valid}>
                    { tr(lang, "核对无误，保存", "Checked: save") }
                </button>
                { field_error("holiday-notice-save-error", &error) }
                if let Some(message) = (*saved).clone() {
                    <p id="holiday-notice-saved" class="status" role="status">{ message }</p>
                }
            </form>
        </section>
    }
}

/// One holiday of the preview: “春节：2月15日（星期日）至2月23日（星期一），
/// 共9天；调休上班：2月14日（星期六）、2月28日（星期六）”.
fn holiday_text(
    lang: Lang,
    name: &str,
    from: NaiveDate,
    to: NaiveDate,
    workdays: &[NaiveDate],
) -> String {
    let days = (to - from).num_days() + 1;
    let work: Vec<String> = workdays.iter().map(|d| day_text(lang, *d)).collect();
    match lang {
        Lang::ZhCn => {
            let mut s =
                format!("{name}：{}至{}，共{days}天", day_text(lang, from), day_text(lang, to));
            if !work.is_empty() {
                s += &format!("；调休上班：{}", work.join("、"));
            }
            s
        }
        Lang::En => {
            let mut s =
                format!("{name}: {} to {}, {days} days", day_text(lang, from), day_text(lang, to));
            if !work.is_empty() {
                s += &format!("; make-up working days: {}", work.join(", "));
            }
            s
        }
    }
}

/// “已录入2027年节假日：放假31天，调休上班6天。”
fn saved_text(lang: Lang, notice: &HolidayNotice) -> String {
    let (off, work) = (notice.days_off().len(), notice.workdays().len());
    match lang {
        Lang::ZhCn => format!("已录入{}年节假日：放假{off}天，调休上班{work}天。", notice.year),
        Lang::En => format!(
            "Saved {}'s holidays: {off} days off, {work} make-up working days.",
            notice.year
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_names_the_days_as_the_notice_does() {
        let notice = HolidayNotice::parse(2026, EXAMPLE).unwrap();
        let spring = &notice.holidays[1];
        assert_eq!(
            holiday_text(Lang::ZhCn, &spring.name, spring.from, spring.to, &spring.workdays),
            "春节：2月15日（星期日）至2月23日（星期一），共9天；调休上班：2月14日（星期六）、2月28日（星期六）"
        );
        assert_eq!(saved_text(Lang::ZhCn, &notice), "已录入2026年节假日：放假12天，调休上班3天。");
    }
}
