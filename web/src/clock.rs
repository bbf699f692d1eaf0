//! The browser's clock, read only here: the core takes `now` as a parameter.

use chrono::{NaiveDate, NaiveDateTime};

/// The local date and time of the browser, to the second.
pub fn now() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    let date = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default();
    date.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()).unwrap_or_default()
}

/// Today's local date.
pub fn today() -> NaiveDate {
    now().date()
}
