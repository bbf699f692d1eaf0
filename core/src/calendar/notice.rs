//! A year's holiday arrangements as the State Council's notice states them
//! (国务院办公厅关于某年部分节假日安排的通知), read from the notice's own
//! lines and checked against the weekdays, so that entering a new year is
//! a copy and paste.
//!
//! Each line of the notice names a holiday, its days off as a range, and
//! the make-up working days:
//!
//! ```text
//! 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
//! 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//! ```
//!
//! [`HolidayNotice::parse`] reads such lines (numbering, lunar dates and
//! other words are skipped, and so are the notice's own lines — its
//! number, salutation, preamble, closing and date — so it can be pasted
//! whole); every weekday written in the notice must be
//! the date's real weekday, a range must end after it starts, “共N天”
//! must be its length, and a make-up working day must be a Saturday or
//! Sunday. [`super::Calendar::apply_notice`] then replaces the year's
//! entries with the notice's.

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;
use thiserror::Error;

/// One holiday of a notice: its name and its days off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeHoliday {
    /// The holiday's name, e.g. “春节”.
    pub name: String,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off.
    pub to: NaiveDate,
    /// The make-up working days (调休上班) the notice lists for it.
    pub workdays: Vec<NaiveDate>,
}

/// A year's notice, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayNotice {
    /// The year the notice is for.
    pub year: i32,
    /// Its holidays, in the notice's order.
    pub holidays: Vec<NoticeHoliday>,
}

/// Why a notice was not accepted; every message names the line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum NoticeError {
    /// Nothing that looks like a holiday line.
    #[error(
        "通知中没有找到节假日安排：每行应写作“春节：2月15日至23日放假调休，共9天。2月14日上班。”"
    )]
    Empty,
    /// A line without a name before “：”.
    #[error("第{line}行缺少节日名称（应以“元旦：”“春节：”等开头）")]
    NoName {
        /// The line, from 1.
        line: usize,
    },
    /// A line without a range of days off.
    #[error("第{line}行（{name}）没有写明放假日期")]
    NoDaysOff {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
    },
    /// A month and day that do not exist.
    #[error("第{line}行（{name}）：{year}年没有{month}月{day}日")]
    NoSuchDate {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The year.
        year: i32,
        /// The month.
        month: u32,
        /// The day.
        day: u32,
    },
    /// The weekday written is not the date's.
    #[error("第{line}行（{name}）：{date}是{real}，通知写作{written}")]
    WrongWeekday {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The date.
        date: NaiveDate,
        /// Its real weekday.
        real: WeekdayName,
        /// The weekday written.
        written: WeekdayName,
    },
    /// The range ends before it starts.
    #[error("第{line}行（{name}）：放假结束日{to}早于开始日{from}")]
    Backwards {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
    /// “共N天” differs from the range.
    #[error("第{line}行（{name}）：{from}至{to}共{days}天，通知写作共{written}天")]
    WrongTotal {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
        /// The real count.
        days: i64,
        /// The count written.
        written: i64,
    },
    /// A make-up working day on a weekday.
    #[error("第{line}行（{name}）：调休上班日{date}是{real}，本来就是工作日（调休上班日应为周六或周日）")]
    WorkdayNotWeekend {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The date.
        date: NaiveDate,
        /// Its weekday.
        real: WeekdayName,
    },
    /// A day both off and worked, or off for two holidays.
    #[error("{date}在通知中出现两次（{first}、{second}）")]
    Twice {
        /// The date.
        date: NaiveDate,
        /// The first holiday naming it.
        first: String,
        /// The second.
        second: String,
    },
    /// A date outside the notice's year (and not next to it).
    #[error("第{line}行（{name}）：{date}不在{year}年")]
    OtherYear {
        /// The line, from 1.
        line: usize,
        /// The holiday.
        name: String,
        /// The date.
        date: NaiveDate,
        /// The notice's year.
        year: i32,
    },
}

/// A weekday, shown in Chinese (“周六”).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekdayName(pub Weekday);

impl fmt::Display for WeekdayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.0 {
            Weekday::Mon => "周一",
            Weekday::Tue => "周二",
            Weekday::Wed => "周三",
            Weekday::Thu => "周四",
            Weekday::Fri => "周五",
            Weekday::Sat => "周六",
            Weekday::Sun => "周日",
        };
        f.write_str(name)
    }
}

/// What a line says, token by token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Year(i32),
    Month(u32),
    Day(u32),
    Weekday(Weekday),
    To,
    Total(i64),
}

fn weekday_of(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    })
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            digits.push(c);
            i += 1;
            continue;
        }
        let taken = std::mem::take(&mut digits);
        let number = taken.parse::<i64>().ok();
        match (c, number) {
            ('年', Some(n)) => out.push(Token::Year(i32::try_from(n).unwrap_or(0))),
            ('月', Some(n)) => out.push(Token::Month(u32::try_from(n).unwrap_or(0))),
            ('日' | '号', Some(n)) => out.push(Token::Day(u32::try_from(n).unwrap_or(0))),
            ('天', Some(n)) => {
                let before = i.checked_sub(taken.chars().count() + 1).map(|j| chars[j]);
                if before == Some('共') {
                    out.push(Token::Total(n));
                }
            }
            ('至' | '~' | '～' | '—' | '-', _) => out.push(Token::To),
            ('周', _) => {
                if let Some(w) = chars.get(i + 1).and_then(|c| weekday_of(*c)) {
                    out.push(Token::Weekday(w));
                    i += 1;
                }
            }
            ('星', _) if chars.get(i + 1) == Some(&'期') => {
                if let Some(w) = chars.get(i + 2).and_then(|c| weekday_of(*c)) {
                    out.push(Token::Weekday(w));
                    i += 2;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A date as written: year, month, day and the weekday written after it.
struct Written {
    date: NaiveDate,
    weekday: Option<Weekday>,
}

impl HolidayNotice {
    /// Reads a notice's holiday lines for `year` and checks them.
    pub fn parse(year: i32, text: &str) -> Result<HolidayNotice, NoticeError> {
        let mut holidays = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let raw = raw.trim();
            if raw.is_empty() || !raw.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let Some((head, rest)) = raw.split_once('：').or_else(|| raw.split_once(':')) else {
                // The notice's own words (its number, preamble, closing and
                // date) are passed over; a line that gives days off or
                // make-up days is a holiday without its name.
                let arranges = ["放假", "上班", "休息"].iter().any(|w| raw.contains(w));
                let dated = tokens(raw).iter().any(|t| matches!(t, Token::Month(_)));
                if arranges && dated {
                    return Err(NoticeError::NoName { line });
                }
                continue;
            };
            let name = strip_numbering(head);
            if name.is_empty() {
                return Err(NoticeError::NoName { line });
            }
            let mut off: Option<(NaiveDate, NaiveDate, Option<i64>)> = None;
            let mut workdays = Vec::new();
            for sentence in rest.split(['。', '；', ';']) {
                let tokens = tokens(sentence);
                if sentence.contains("上班") {
                    let dates = dates(&tokens, year, line, &name)?;
                    for w in dates {
                        workdays.push(w.date);
                    }
                } else if sentence.contains("放假") || sentence.contains("休息") {
                    let dates = dates(&tokens, year, line, &name)?;
                    let total = tokens.iter().find_map(|t| match t {
                        Token::Total(n) => Some(*n),
                        _ => None,
                    });
                    let ranged = tokens.contains(&Token::To);
                    match (dates.first(), dates.get(1)) {
                        (Some(a), Some(b)) if ranged => off = Some((a.date, b.date, total)),
                        (Some(a), _) => off = Some((a.date, a.date, total)),
                        (None, _) => {}
                    }
                }
            }
            let Some((from, to, total)) = off else {
                return Err(NoticeError::NoDaysOff { line, name });
            };
            if to < from {
                return Err(NoticeError::Backwards { line, name, from, to });
            }
            let days = (to - from).num_days() + 1;
            if let Some(written) = total.filter(|t| *t != days) {
                return Err(NoticeError::WrongTotal { line, name, from, to, days, written });
            }
            for date in [from, to].into_iter().chain(workdays.iter().copied()) {
                if (date.year() - year).abs() > 1
                    || (date.year() != year && !near_new_year(date, year))
                {
                    return Err(NoticeError::OtherYear { line, name, date, year });
                }
            }
            for date in &workdays {
                if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(NoticeError::WorkdayNotWeekend {
                        line,
                        name,
                        date: *date,
                        real: WeekdayName(date.weekday()),
                    });
                }
            }
            holidays.push(NoticeHoliday { name, from, to, workdays });
        }
        if holidays.is_empty() {
            return Err(NoticeError::Empty);
        }
        let notice = HolidayNotice { year, holidays };
        notice.check_overlaps()?;
        Ok(notice)
    }

    fn check_overlaps(&self) -> Result<(), NoticeError> {
        let mut seen: std::collections::BTreeMap<NaiveDate, &str> = Default::default();
        for h in &self.holidays {
            let off = h.from.iter_days().take_while(|d| *d <= h.to);
            for date in off.chain(h.workdays.iter().copied()) {
                if let Some(first) = seen.insert(date, &h.name) {
                    return Err(NoticeError::Twice {
                        date,
                        first: first.to_string(),
                        second: h.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The days off, with their holiday's name, in date order.
    pub fn days_off(&self) -> Vec<(NaiveDate, &str)> {
        let mut out: Vec<(NaiveDate, &str)> = self
            .holidays
            .iter()
            .flat_map(|h| {
                h.from
                    .iter_days()
                    .take_while(move |d| *d <= h.to)
                    .map(move |d| (d, h.name.as_str()))
            })
            .collect();
        out.sort_by_key(|(d, _)| *d);
        out
    }

    /// The make-up working days, in date order.
    pub fn workdays(&self) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> =
            self.holidays.iter().flat_map(|h| h.workdays.iter().copied()).collect();
        out.sort();
        out
    }
}

/// A late-December or early-January date next to the notice's year (元旦
/// make-up days may fall in the old year).
fn near_new_year(date: NaiveDate, year: i32) -> bool {
    (date.year() == year - 1 && date.month() == 12)
        || (date.year() == year + 1 && date.month() == 1)
}

/// “一、春节” → “春节”.
fn strip_numbering(head: &str) -> String {
    let head = head.trim();
    let head = head.rsplit(['、', '.', '．']).next().unwrap_or(head);
    head.trim().to_string()
}

/// The dates of a sentence: a day without a month takes the month before
/// it, a month without a year the notice's year; each weekday written after
/// a date is checked against it.
fn dates(
    tokens: &[Token],
    year: i32,
    line: usize,
    name: &str,
) -> Result<Vec<Written>, NoticeError> {
    let mut out: Vec<Written> = Vec::new();
    let (mut y, mut m) = (year, None);
    for t in tokens {
        match *t {
            Token::Year(n) => y = n,
            Token::Month(n) => m = Some(n),
            Token::Day(day) => {
                let Some(month) = m else { continue };
                let date = NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| {
                    NoticeError::NoSuchDate { line, name: name.to_string(), year: y, month, day }
                })?;
                out.push(Written { date, weekday: None });
            }
            Token::Weekday(w) => {
                if let Some(last) = out.last_mut() {
                    if last.weekday.is_none() {
                        last.weekday = Some(w);
                        if last.date.weekday() != w {
                            return Err(NoticeError::WrongWeekday {
                                line,
                                name: name.to_string(),
                                date: last.date,
                                real: WeekdayName(last.date.weekday()),
                                written: WeekdayName(w),
                            });
                        }
                    }
                }
            }
            Token::To | Token::Total(_) => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const NOTICE_2026: &str = "\
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。";

    /// Every weekday as a notice may write it, 周X and 星期X, right and
    /// wrong: each is read (a wrong one refused, naming both days) and a
    /// right one passes, whatever words follow it.
    #[wasm_bindgen_test(unsupported = test)]
    fn every_weekday_written_either_way_is_checked() {
        // 2026-05-04 is a Monday; the week runs to Sunday 05-10.
        let written = [
            ('一', Weekday::Mon),
            ('二', Weekday::Tue),
            ('三', Weekday::Wed),
            ('四', Weekday::Thu),
            ('五', Weekday::Fri),
            ('六', Weekday::Sat),
            ('日', Weekday::Sun),
            ('天', Weekday::Sun),
        ];
        for (c, weekday) in written {
            let day = d(2026, 5, 4) + chrono::Days::new(u64::from(weekday.num_days_from_monday()));
            let other = if weekday == Weekday::Mon { d(2026, 5, 5) } else { d(2026, 5, 4) };
            for form in ["周", "星期"] {
                // The range and its total come after the weekday: they are read too.
                let line = |date: NaiveDate| {
                    let next = date.succ_opt().unwrap();
                    format!(
                        "测试节：{}月{}日（{form}{c}）至{}月{}日放假，共2天。",
                        date.month(),
                        date.day(),
                        next.month(),
                        next.day()
                    )
                };
                let ok = HolidayNotice::parse(2026, &line(day))
                    .unwrap_or_else(|e| panic!("{form}{c} on {day}: {e}"));
                let next = day.succ_opt().unwrap();
                assert_eq!((ok.holidays[0].from, ok.holidays[0].to), (day, next), "{form}{c}");
                match HolidayNotice::parse(2026, &line(other)) {
                    Err(NoticeError::WrongWeekday { date, real, written, .. }) => {
                        assert_eq!((date, written.0), (other, weekday), "{form}{c}");
                        assert_ne!(real.0, weekday);
                    }
                    other_result => panic!("{form}{c} on a wrong day: {other_result:?}"),
                }
            }
        }
        // 星 without 期 is no weekday (星一二 reads neither 一 nor 二), and
        // 星期 needs its day.
        let loose = HolidayNotice::parse(2026, "测试节：5月4日（星一二）放假，共1天。").unwrap();
        assert_eq!(loose.holidays[0].from, d(2026, 5, 4));
        let bare = HolidayNotice::parse(2026, "测试节：5月4日（星期）至5日放假，共2天。").unwrap();
        assert_eq!((bare.holidays[0].from, bare.holidays[0].to), (d(2026, 5, 4), d(2026, 5, 5)));
    }

    /// The notice pasted whole, as published: its salutation, preamble and
    /// closing words are passed over, its holidays read.
    #[wasm_bindgen_test(unsupported = test)]
    fn the_notice_pasted_whole_reads_its_holidays_only() {
        let whole = format!(
            "国务院办公厅关于2026年部分节假日安排的通知\n\
             国办发明电〔2025〕7号\n\
             各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
             经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。\n\
             {NOTICE_2026}\n\
             节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。\n\
             国务院办公厅\n\
             2025年11月4日"
        );
        let notice = HolidayNotice::parse(2026, &whole).unwrap();
        assert_eq!(notice, HolidayNotice::parse(2026, NOTICE_2026).unwrap());
        // Two dates without 至 are no range: the first is the day off.
        let single =
            HolidayNotice::parse(2026, "测试节：5月4日（周一）放假，5月6日（周三）照常，共1天。");
        let single = single.unwrap();
        assert_eq!(
            (single.holidays[0].from, single.holidays[0].to),
            (d(2026, 5, 4), d(2026, 5, 4))
        );
        // A line naming days without a holiday's name is still refused.
        let nameless = format!("{NOTICE_2026}\n5月9日（周六）上班。");
        assert_eq!(HolidayNotice::parse(2026, &nameless), Err(NoticeError::NoName { line: 8 }));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_2026_notice_matches_the_bundled_calendar() {
        let notice = HolidayNotice::parse(2026, NOTICE_2026).unwrap();
        assert_eq!(notice.holidays.len(), 7);
        assert_eq!(notice.holidays[1].name, "春节");
        assert_eq!(
            (notice.holidays[1].from, notice.holidays[1].to),
            (d(2026, 2, 15), d(2026, 2, 23))
        );
        let china = crate::Calendar::china();
        let off: Vec<NaiveDate> = notice.days_off().into_iter().map(|(d, _)| d).collect();
        let bundled: Vec<NaiveDate> = china.days_off_in(2026).map(|(d, _)| d).collect();
        assert_eq!(bundled, off);
        assert_eq!(notice.workdays(), china.workdays_in(2026).collect::<Vec<_>>());
        let mut cal = crate::Calendar::weekends_only();
        cal.apply_notice(&notice);
        for date in d(2026, 1, 1).iter_days().take(365) {
            assert_eq!(cal.is_working_day(date), china.is_working_day(date), "{date}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn mistakes_are_named_with_their_line() {
        let cases: [(&str, &str); 7] = [
            ("春节：2月15日（周六）至23日放假，共9天。", "第1行（春节）：2026-02-15是周日，通知写作周六"),
            ("春节：2月23日至15日放假。", "第1行（春节）：放假结束日2026-02-15早于开始日2026-02-23"),
            ("春节：2月15日至23日放假调休，共8天。", "第1行（春节）：2026-02-15至2026-02-23共9天，通知写作共8天"),
            ("劳动节：5月1日至5日放假。5月6日上班。", "第1行（劳动节）：调休上班日2026-05-06是周三，本来就是工作日（调休上班日应为周六或周日）"),
            ("\n端午节：2月30日放假。", "第2行（端午节）：2026年没有2月30日"),
            ("5月1日至5日放假", "第1行缺少节日名称（应以“元旦：”“春节：”等开头）"),
            ("劳动节：5月1日至5日放假。\n端午节：5月5日放假。", "2026-05-05在通知中出现两次（劳动节、端午节）"),
        ];
        for (text, message) in cases {
            let err = HolidayNotice::parse(2026, text).unwrap_err();
            assert_eq!(err.to_string(), message, "{text}");
        }
        assert_eq!(HolidayNotice::parse(2026, "").unwrap_err(), NoticeError::Empty);
        assert!(matches!(
            HolidayNotice::parse(2026, "国庆节：10月1日至7日。").unwrap_err(),
            NoticeError::NoDaysOff { line: 1, .. }
        ));
        // 元旦's make-up day may fall in the old year.
        let n =
            HolidayNotice::parse(2027, "元旦：1月1日至3日放假调休，共3天。2026年12月27日上班。");
        assert!(n.is_ok(), "{n:?}");
        let far = HolidayNotice::parse(2027, "元旦：2025年1月1日放假。").unwrap_err();
        assert!(matches!(far, NoticeError::OtherYear { .. }), "{far:?}");
        // Next to the new year means the old year's December or the next
        // year's January, nothing else.
        let other_year = |text: &str| {
            matches!(HolidayNotice::parse(2027, text), Err(NoticeError::OtherYear { .. }))
        };
        assert!(other_year("元旦：1月1日至3日放假调休，共3天。2026年11月28日上班。"));
        assert!(!other_year("测试节：2028年1月1日放假，共1天。"));
        assert!(HolidayNotice::parse(2027, "测试节：2028年1月1日放假，共1天。").is_ok());
        assert!(other_year("测试节：2028年2月5日放假，共1天。"));
        assert!(other_year("测试节：2026年1月3日放假，共1天。"));
    }
}
