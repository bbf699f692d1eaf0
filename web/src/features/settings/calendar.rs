//! 设置 · 节假日: a year's public holidays and make-up working days (调休
//!上班) as the calendar holds them; add a day off or a make-up working
//! day, or put a listed day back to the plain week.

use chrono::{Datelike, NaiveDate};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::clock;
use crate::context::use_app;
use crate::features::settings::edit::{adjust_day, commit, DayEdit};
use crate::i18n::{dates, tr, Lang};
use crate::ui::field::{field_error, read_value};

/// The calendar section (`#settings-calendar`).
#[component]
pub fn SettingsCalendar() -> Html {
    let app = use_app();
    let lang = app.lang();
    let year = use_state(|| clock::today().year());
    let kind = use_state(|| DayEdit::Off);
    let error = use_state(|| None::<String>);
    let list_error = use_state(|| None::<String>);

    let office = app.office.get();
    let cal = &office.settings().calendar;
    let (first, last) = (*cal.years().start(), *cal.years().end());
    let mut years: Vec<i32> = if first <= last { (first..=last).collect() } else { Vec::new() };
    for y in [clock::today().year(), clock::today().year() + 1, *year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable();
    let covered = cal.covers(*year);
    let off: Vec<(NaiveDate, String)> =
        cal.days_off_in(*year).map(|(d, n)| (d, n.to_string())).collect();
    let work: Vec<NaiveDate> = cal.workdays_in(*year).collect();
    drop(office);

    let on_year = {
        let year = year.clone();
        Callback::from(move |e: Event| {
            if let Ok(y) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                year.set(y);
            }
        })
    };
    let on_add = {
        let (app, kind, error) = (app.clone(), kind.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let day = dates::parse_input(&read_value("cal-date"));
            let name = read_value("cal-name");
            let result = adjust_day(app.lang(), app.office.get().settings(), day, *kind, &name);
            commit(&app, result, &error);
        })
    };
    let clear = |day: NaiveDate| {
        let (app, error) = (app.clone(), list_error.clone());
        Callback::from(move |_: MouseEvent| {
            let result =
                adjust_day(app.lang(), app.office.get().settings(), Some(day), DayEdit::Clear, "");
            commit(&app, result, &error);
        })
    };
    let on_kind = {
        let s = kind.clone();
        Callback::from(move |e: Event| {
            s.set(match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "work" => DayEdit::Work,
                "clear" => DayEdit::Clear,
                _ => DayEdit::Off,
            })
        })
    };

    let summary = holiday_ranges(&off);
    let remove_label = tr(lang, "恢复为平常", "Back to normal");

    html! {
        <section id="settings-calendar" class="settings-section">
            <h3>{ tr(lang, "节假日和调休", "Holidays and make-up working days") }</h3>
            <label>{ tr(lang, "年份", "Year") }
                <select id="calendar-year" onchange={on_year}>
                    { for years.iter().map(|y| html! {
                        <option value={y.to_string()} selected={*y == *year}>{ y.to_string() }</option>
                    }) }
                </select>
            </label>
            if !covered {
                <p id="calendar-uncovered" class="field-warning" role="status">
                    { tr(lang,
                        "本年度没有节假日数据，期限按普通周末计算，请补充该年的放假安排。",
                        "There is no holiday data for this year: periods count plain weekends only. Add the year's arrangement.") }
                </p>
            }
            <ul id="calendar-summary" class="calendar-summary">
                { for summary.iter().map(|(n, from, to, days)| html! {
                    <li class="holiday-range" data-name={n.clone()}>
                        { range_text(lang, n, *from, *to, *days) }
                    </li>
                }) }
            </ul>
            <div class="calendar-lists">
                <table id="calendar-holidays" class="settings-table">
                    <caption>{ tr(lang, "放假日", "Days off") }</caption>
                    <tbody>
                        { for off.iter().map(|(d, n)| html! {
                            <tr class="holiday-day" data-date={d.to_string()}>
                                <td>{ day_text(lang, *d) }</td>
                                <td>{ n.clone() }</td>
                                <td><button type="button" class="link cal-clear" onclick={clear(*d)}>{ remove_label }</button></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <table id="calendar-workdays" class="settings-table">
                    <caption>{ tr(lang, "调休上班日", "Make-up working days") }</caption>
                    <tbody>
                        { for work.iter().map(|d| html! {
                            <tr class="workday-day" data-date={d.to_string()}>
                                <td>{ day_text(lang, *d) }</td>
                                <td><button type="button" class="link cal-clear" onclick={clear(*d)}>{ remove_label }</button></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            { field_error("calendar-list-error", &list_error) }
            <form id="calendar-form" class="settings-form" onsubmit={on_add}>
                <h4>{ tr(lang, "调整某一天", "Adjust a day") }</h4>
                <label>{ tr(lang, "日期", "Date") }
                    <input id="cal-date" type="date" />
                </label>
                <label>{ tr(lang, "设为", "Make it") }
                    <select id="cal-kind" onchange={on_kind}>
                        <option value="off" selected={*kind == DayEdit::Off}>{ tr(lang, "放假", "A day off") }</option>
                        <option value="work" selected={*kind == DayEdit::Work}>{ tr(lang, "调休上班", "A make-up working day") }</option>
                        <option value="clear" selected={*kind == DayEdit::Clear}>{ tr(lang, "恢复为平常", "A plain day") }</option>
                    </select>
                </label>
                <label>{ tr(lang, "节假日名称", "Holiday name") }
                    <input id="cal-name" type="text" />
                </label>
                <button id="cal-add" type="submit">{ tr(lang, "保存", "Save") }</button>
                { field_error("cal-error", &error) }
            </form>
        </section>
    }
}

/// Consecutive days off with the same name: (name, first, last, days).
fn holiday_ranges(off: &[(NaiveDate, String)]) -> Vec<(String, NaiveDate, NaiveDate, u32)> {
    let mut out: Vec<(String, NaiveDate, NaiveDate, u32)> = Vec::new();
    for (d, n) in off {
        match out.last_mut() {
            Some(last) if last.0 == *n && last.2.succ_opt() == Some(*d) => {
                last.2 = *d;
                last.3 += 1;
            }
            _ => out.push((n.clone(), *d, *d, 1)),
        }
    }
    out
}

/// `2月14日（星期六）` / `Sat 14 Feb`.
pub(crate) fn day_text(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => format!("{}月{}日（{}）", d.month(), d.day(), dates::weekday_zh(d.weekday())),
        Lang::En => d.format("%a %-d %b").to_string(),
    }
}

fn range_text(lang: Lang, name: &str, from: NaiveDate, to: NaiveDate, days: u32) -> String {
    match lang {
        Lang::ZhCn if from == to => format!("{name}：{}月{}日（1天）", from.month(), from.day()),
        Lang::ZhCn => format!(
            "{name}：{}月{}日至{}月{}日（{days}天）",
            from.month(),
            from.day(),
            to.month(),
            to.day()
        ),
        Lang::En if from == to => format!("{name}: {}", from.format("%-d %b")),
        Lang::En => {
            format!("{name}: {} to {} ({days} days)", from.format("%-d %b"), to.format("%-d %b"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_2026() {
        let cal = xinfang_core::Calendar::china();
        let off: Vec<(NaiveDate, String)> =
            cal.days_off_in(2026).map(|(d, n)| (d, n.to_string())).collect();
        let texts: Vec<String> = holiday_ranges(&off)
            .iter()
            .map(|(n, a, b, d)| range_text(Lang::ZhCn, n, *a, *b, *d))
            .collect();
        assert!(texts.contains(&"国庆节：10月1日至10月7日（7天）".to_string()), "{texts:?}");
        assert!(texts.contains(&"春节：2月15日至2月23日（9天）".to_string()), "{texts:?}");
        let d = NaiveDate::from_ymd_opt(2026, 10, 10).unwrap();
        assert_eq!(day_text(Lang::ZhCn, d), "10月10日（星期六）");
    }
}
