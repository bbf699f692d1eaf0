//! The deadline calculator's questions and answers: which statutory periods
//! it offers, how it reads a custom number of days, and what it asks
//! `xinfang_core::Calendar` (the counting rules live in the core).

use chrono::{Days, NaiveDate};
use xinfang_core::{Calendar, DayCount, Deadline};

use crate::i18n::{dates, Lang};

/// The largest custom period accepted (ten years).
pub const MAX_DAYS: u32 = 3650;

/// A period offered in the calculator: the statutory ones of
/// 《信访工作条例》, or a custom number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// 15 days: register and route (登记转送), or decide on acceptance and
    /// tell the petitioner (受理告知).
    Register15,
    /// 60 days: handle the matter and reply in writing (办理答复).
    Handle60,
    /// 30 days: an extension (延期), a review (复查) or a re-review (复核).
    Review30,
    /// Any number of days from 1 to [`MAX_DAYS`].
    Custom,
}

impl Period {
    /// Every period, in the order of the select.
    pub const ALL: [Period; 4] =
        [Period::Register15, Period::Handle60, Period::Review30, Period::Custom];

    /// The fixed length, or `None` for [`Period::Custom`].
    pub fn days(self) -> Option<u32> {
        match self {
            Period::Register15 => Some(15),
            Period::Handle60 => Some(60),
            Period::Review30 => Some(30),
            Period::Custom => None,
        }
    }

    /// The stable `value` of its `<option>` (used by the end-to-end tests).
    pub fn value(self) -> &'static str {
        match self {
            Period::Register15 => "15",
            Period::Handle60 => "60",
            Period::Review30 => "30",
            Period::Custom => "custom",
        }
    }

    /// The period whose `<option>` value is `value`.
    pub fn from_value(value: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|period| period.value() == value)
    }
}

/// Why the calculator cannot answer yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomplete {
    /// No (complete) start date.
    NoStartDate,
    /// The custom number of days is not a whole number from 1 to [`MAX_DAYS`].
    BadDays,
}

/// The deadline of a period, with what is needed to explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The first day counted: the day after the event.
    pub first_day: NaiveDate,
    /// The last day of the period (the deadline).
    pub deadline: NaiveDate,
    /// In calendar-day counting, the nominal last day when it was a holiday
    /// or rest day and the deadline moved to the next working day.
    pub moved_from: Option<NaiveDate>,
    /// How the days were counted.
    pub count: DayCount,
    /// Counted over a year without holiday data (plain weekends): it may
    /// move once that year's notice is entered.
    pub provisional: bool,
}

/// Reads a custom number of days.
pub fn parse_days(text: &str) -> Result<u32, Incomplete> {
    match text.trim().parse::<u32>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        _ => Err(Incomplete::BadDays),
    }
}

/// The deadline of `days` days counted after `start`, by `calendar`.
pub fn answer(calendar: &Calendar, start: NaiveDate, days: u32, count: DayCount) -> Answer {
    let Deadline { by: deadline, provisional } = calendar.deadline_checked(start, days, count);
    let first_day = start.checked_add_days(Days::new(1)).unwrap_or(start);
    let moved_from = match count {
        DayCount::Calendar => start
            .checked_add_days(Days::new(days.into()))
            .filter(|nominal| *nominal != deadline && !calendar.is_working_day(*nominal)),
        DayCount::Working => None,
    };
    Answer { first_day, deadline, moved_from, count, provisional }
}

/// The label of a period in the select.
pub fn period_label(lang: Lang, period: Period) -> &'static str {
    match (lang, period) {
        (Lang::ZhCn, Period::Register15) => "15天（登记转送 / 受理告知）",
        (Lang::ZhCn, Period::Handle60) => "60天（办理答复）",
        (Lang::ZhCn, Period::Review30) => "30天（延期 / 复查 / 复核）",
        (Lang::ZhCn, Period::Custom) => "自定义天数",
        (Lang::En, Period::Register15) => "15 days (register and route / decide on acceptance)",
        (Lang::En, Period::Handle60) => "60 days (handle and reply in writing)",
        (Lang::En, Period::Review30) => "30 days (extension / review / re-review)",
        (Lang::En, Period::Custom) => "Custom number of days",
    }
}

/// "Counting starts on …".
pub fn first_day(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => format!("自{}起算。", dates::official_zh(date)),
        Lang::En => format!("Counting starts on {}.", dates::english(date)),
    }
}

/// The note shown when the last day fell on a holiday or rest day.
pub fn moved_note(lang: Lang, nominal: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => format!(
            "期限最后一日{}是法定节假日或休息日，顺延至其后第一个工作日。",
            dates::official_zh(nominal)
        ),
        Lang::En => format!(
            "The last day, {}, is a public holiday or rest day: the deadline moves to the \
             next working day.",
            dates::english(nominal)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_option_values() {
        for period in Period::ALL {
            assert_eq!(Period::from_value(period.value()), Some(period));
        }
        assert_eq!(Period::from_value("7"), None);
        assert_eq!(Period::Handle60.days(), Some(60));
        assert_eq!(Period::Custom.days(), None);
    }

    #[test]
    fn custom_days_are_whole_numbers_in_range() {
        assert_eq!(parse_days(" 45 "), Ok(45));
        assert_eq!(parse_days("1"), Ok(1));
        assert_eq!(parse_days("3650"), Ok(3650));
        assert_eq!(parse_days("0"), Err(Incomplete::BadDays));
        assert_eq!(parse_days("3651"), Err(Incomplete::BadDays));
        assert_eq!(parse_days("-3"), Err(Incomplete::BadDays));
        assert_eq!(parse_days("1.5"), Err(Incomplete::BadDays));
        assert_eq!(parse_days(""), Err(Incomplete::BadDays));
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sixty_calendar_days_ending_on_a_working_day() {
        let res = answer(&Calendar::china(), date(2024, 12, 20), 60, DayCount::Calendar);
        assert_eq!(res.first_day, date(2024, 12, 21));
        assert_eq!(res.deadline, date(2025, 2, 18));
        assert_eq!(res.moved_from, None);
        assert!(!res.provisional);
    }

    #[test]
    fn a_period_into_a_year_without_holiday_data_is_provisional() {
        // The example: 15 days from 2026-12-17 end on 2027-01-01,
        // 元旦 in any year, but the calendar holds no 2027 notice yet.
        let res = answer(&Calendar::china(), date(2026, 12, 17), 15, DayCount::Calendar);
        assert_eq!(res.deadline, date(2027, 1, 1));
        assert!(res.provisional);
        assert!(!answer(&Calendar::china(), date(2026, 12, 1), 15, DayCount::Calendar).provisional);
    }

    #[test]
    fn a_period_ending_in_the_spring_festival_moves_to_the_next_working_day() {
        // 2024-12-01 + 60 days = 2025-01-30, inside the 2025 Spring Festival
        // holiday (1月28日至2月4日); the first working day after it is 2月5日.
        let res = answer(&Calendar::china(), date(2024, 12, 1), 60, DayCount::Calendar);
        assert_eq!(res.deadline, date(2025, 2, 5));
        assert_eq!(res.moved_from, Some(date(2025, 1, 30)));
    }

    #[test]
    fn working_days_skip_the_holiday_and_count_make_up_days() {
        // From Monday 2025-01-20: 21–24 Jan (4), Sunday 26 Jan is a make-up
        // working day (5), 27 Jan (6), 28 Jan–4 Feb is the holiday, 5–7 Feb
        // (9), Saturday 8 Feb is a make-up working day (10), 10–14 Feb (15).
        let res = answer(&Calendar::china(), date(2025, 1, 20), 15, DayCount::Working);
        assert_eq!(res.deadline, date(2025, 2, 14));
        assert_eq!(res.moved_from, None);
    }
}
