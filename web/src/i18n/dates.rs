//! Dates as people read them: the Chinese official style used in 信访
//! documents (`2025年2月18日（星期二）`) and a plain English style.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::i18n::Lang;

/// `2025年2月18日（星期二）`: year, month and day without leading zeros,
/// the weekday in full-width parentheses.
pub fn official_zh(date: NaiveDate) -> String {
    format!("{}年{}月{}日（{}）", date.year(), date.month(), date.day(), weekday_zh(date.weekday()))
}

/// `Tuesday, 18 February 2025`.
pub fn english(date: NaiveDate) -> String {
    date.format("%A, %-d %B %Y").to_string()
}

/// The date in the style of `lang`.
pub fn display(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => official_zh(date),
        Lang::En => english(date),
    }
}

/// `星期一` … `星期日`.
pub fn weekday_zh(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// Parses the value of an `<input type="date">` (`YYYY-MM-DD`); `None` for
/// an empty or partial value.
pub fn parse_input(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// The value for an `<input type="date">`.
pub fn input_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn official_chinese_style() {
        assert_eq!(official_zh(date(2025, 2, 18)), "2025年2月18日（星期二）");
        assert_eq!(official_zh(date(2025, 2, 5)), "2025年2月5日（星期三）");
        assert_eq!(official_zh(date(2024, 12, 1)), "2024年12月1日（星期日）");
    }

    #[test]
    fn english_style() {
        assert_eq!(english(date(2025, 2, 18)), "Tuesday, 18 February 2025");
        assert_eq!(display(Lang::En, date(2025, 2, 5)), "Wednesday, 5 February 2025");
        assert_eq!(display(Lang::ZhCn, date(2025, 2, 5)), "2025年2月5日（星期三）");
    }

    #[test]
    fn date_input_values() {
        assert_eq!(parse_input("2024-12-20"), Some(date(2024, 12, 20)));
        assert_eq!(parse_input(""), None);
        assert_eq!(parse_input("2024-13-01"), None);
        assert_eq!(input_value(date(2025, 1, 5)), "2025-01-05");
    }
}
