//! Chinese official writing of dates and numbers, one way everywhere: the
//! date of a document (公文成文日期, `二〇二五年三月十六日`), a date in running
//! text (`2025年3月16日`) and small numbers in Chinese (`十六`).

use chrono::{Datelike, NaiveDate};

/// `2025年3月16日`: year, month and day in Arabic numerals without leading zeros.
pub fn date_cn(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `二〇二五年三月十六日`: the date of an official document (公文成文日期),
/// the year digit by digit with 〇, the month and day as Chinese numbers.
pub fn date_official(date: NaiveDate) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let year: String = date
        .year()
        .to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect();
    format!("{year}年{}月{}日", chinese_number(date.month()), chinese_number(date.day()))
}

/// A number from 0 to 99 in Chinese (`十六`, `二十`, `三十一`); larger
/// numbers in Arabic numerals.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[(n - 10) as usize] }),
        20..=99 => {
            let ones = if n.is_multiple_of(10) { "" } else { DIGITS[(n % 10) as usize] };
            format!("{}十{ones}", DIGITS[(n / 10) as usize])
        }
        _ => n.to_string(),
    }
}
