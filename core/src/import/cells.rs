//! Reading the cells of a ledger row as clerks type them: full-width
//! digits, dates in every style (with or without the year, or an Excel
//! day number stored as text), channels, purposes, ratings, outcomes,
//! 是否办结, old 15-digit identity numbers, phones with dashes, brackets
//! or spaces, and `王德林等30人`.

use chrono::{Datelike, NaiveDate};

use crate::case::{ReplyOutcome, Satisfaction, Stage};
use crate::error::InputError;
use crate::petition::{Channel, IdNumber, Phone, Purpose};

/// Full-width letters, digits and punctuation (`２０２５`, `（`, `：`) as
/// their ASCII forms; the ideographic space as a space.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Splits a cell holding several values (`张三、李四`).
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    cell.split(['、', ',', '，', ';', '；', '\n', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Parses a date cell: `2025-03-16`, `2025/3/16`, `2025.3.16`,
/// `2025年3月16日`, `20250316`, an Excel day number (`45732`, also as
/// text), full-width digits; a time after the date is ignored. A date
/// without its year (`3月16日`, `3.16`, `3-16`) falls in `year` when
/// given.
pub fn parse_date_in(cell: &str, year: Option<i32>) -> Option<NaiveDate> {
    let s = half_width(cell);
    let s = s.trim();
    let s = s.split([' ', 'T']).next().unwrap_or("");
    let s = s.trim_end_matches(['日', '号']);
    if s.is_empty() {
        return None;
    }
    let ymd = |y: i32, m: &str, d: &str| {
        NaiveDate::from_ymd_opt(y, m.trim().parse().ok()?, d.trim().parse().ok()?)
    };
    if s.chars().all(|c| c.is_ascii_digit()) {
        return match s.len() {
            8 => ymd(s[..4].parse().ok()?, &s[4..6], &s[6..]),
            // An Excel day number (1900 system) from 1982 to 2173.
            5 => {
                let n: i64 = s.parse().ok()?;
                NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
            }
            _ => None,
        };
    }
    // An Excel day number Excel wrote with a fraction (a time of day).
    if let Some((whole, frac)) = s.split_once('.') {
        if whole.len() == 5 && whole.chars().all(|c| c.is_ascii_digit()) && frac.len() > 2 {
            return parse_date_in(whole, None);
        }
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y.parse().ok()?, m, d),
        [m, d] if m.len() <= 2 && d.len() <= 2 => ymd(year?, m, d),
        _ => None,
    }
}

/// [`parse_date_in`] without a year for year-less dates.
pub fn parse_date(cell: &str) -> Option<NaiveDate> {
    parse_date_in(cell, None)
}

/// Parses a channel as ledgers write it.
pub fn parse_channel(cell: &str) -> Option<Channel> {
    let s: String = half_width(cell).chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = Channel::ALL.into_iter().find(|c| c.to_string() == s || c.label() == s) {
        return Some(c);
    }
    let green = Channel::Letter { green_post: true };
    Some(match s.as_str() {
        "来信（绿色邮政）" | "来信(绿色邮政)" | "绿色邮政" => green,
        "信" | "写信" | "信件" | "来信件" => Channel::Letter { green_post: false },
        "访" | "走访" | "上访" | "来访件" => Channel::Visit,
        "电话" | "电" | "来电件" => Channel::Phone,
        "网上" | "网信" | "网络" | "网上投诉" | "网上来信" | "信访信息系统" => {
            Channel::Online
        }
        "书记信箱" | "县长信箱" | "市长信箱" => Channel::LeaderMailbox,
        "邮件" | "电邮" | "email" | "Email" | "E-mail" => Channel::Email,
        "上级交办" | "上级转送" | "上级转办" | "交办" | "转送" | "上级交转办" => {
            Channel::FromAbove
        }
        "12345" | "12345热线" | "热线" | "市长热线" | "12345政务服务热线" => {
            Channel::Hotline12345
        }
        _ => return None,
    })
}

/// Parses a purpose label.
pub(crate) fn parse_purpose(cell: &str) -> Option<Purpose> {
    let s = cell.trim();
    Purpose::ALL.into_iter().find(|p| p.label() == s).or(match s {
        "求决类" | "申诉求决类" => Some(Purpose::Request),
        "检举控告类" | "检举" | "控告" => Some(Purpose::Accusation),
        "建议意见类" | "意见" | "建议" => Some(Purpose::Suggestion),
        _ => None,
    })
}

/// Parses a satisfaction cell: `Ok(None)` for a status that is no rating.
pub(crate) fn parse_satisfaction(cell: &str) -> Result<Option<Satisfaction>, ()> {
    match cell.trim() {
        "满意" => Ok(Some(Satisfaction::Satisfied)),
        "基本满意" => Ok(Some(Satisfaction::Basically)),
        "不满意" => Ok(Some(Satisfaction::Dissatisfied)),
        "" | "未评价" | "超期未评价" | "—" | "-" | "无" | "未参评" | "/" => Ok(None),
        _ => Err(()),
    }
}

/// The outcome a result text names (`予以支持`, `解释说明`, `不予支持`),
/// and whether it was read from a clerk's plain words rather than the
/// 处理意见书's own: `问题已解决` is a request met, `信访人表示理解` an
/// explanation accepted, `反映不属实` a request not supported. Anything
/// else names no outcome.
pub(crate) fn parse_outcome(text: &str) -> Option<(ReplyOutcome, bool)> {
    let t = text.trim();
    if t.contains("不予支持") {
        Some((ReplyOutcome::Reject, false))
    } else if t.contains("解释说明") {
        Some((ReplyOutcome::Explain, false))
    } else if t.contains("予以支持") || t == "支持" {
        Some((ReplyOutcome::Support, false))
    } else if t.contains("不属实") || t.contains("诉求不合理") {
        Some((ReplyOutcome::Reject, true))
    } else if t.contains("表示理解") || t.contains("已解释") || t.contains("作出解释") {
        Some((ReplyOutcome::Explain, true))
    } else if t.contains("问题已解决") || t.contains("已落实") || t.contains("已兑现") {
        Some((ReplyOutcome::Support, true))
    } else {
        None
    }
}

/// Parses a 是否办结 cell: `Some(true)` concluded, `Some(false)` open,
/// `None` blank; `Err` for anything else.
pub(crate) fn parse_closed(cell: &str) -> Result<Option<bool>, ()> {
    match cell.trim() {
        "" | "—" | "-" | "/" => Ok(None),
        "是" | "已办结" | "办结" | "已结" | "结" | "已结案" | "结案" | "Y" | "y" | "√" => {
            Ok(Some(true))
        }
        "否" | "未办结" | "未结" | "在办" | "办理中" | "未结案" | "N" | "n" | "×" => {
            Ok(Some(false))
        }
        // A stage as our own ledger names it (当前状态).
        s => Stage::ALL
            .into_iter()
            .find(|st| st.label() == s)
            .map(|st| Some(st.is_concluded()))
            .ok_or(()),
    }
}

/// Parses an identity number, taking an old 15-digit number (issued
/// before 1999, GB 11643-1989) to its 18-digit form: `19` before the
/// year and the check digit computed. `Ok((number, upgraded))`.
pub(crate) fn parse_id(raw: &str) -> Result<(IdNumber, bool), InputError> {
    let s: String = half_width(raw).chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() == 15 && s.chars().all(|c| c.is_ascii_digit()) {
        const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let first = format!("{}19{}", &s[..6], &s[6..]);
        let sum: u32 = first.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = b"10X98765432"[(sum % 11) as usize] as char;
        return IdNumber::parse(&format!("{first}{check}")).map(|id| (id, true));
    }
    IdNumber::parse(&s).map(|id| (id, false))
}

/// Parses a phone as clerks write it: `138 3721 5566`, `138-3721-5566`,
/// `(0372)5512345`, `0372－5512345`, full-width digits.
pub(crate) fn parse_phone(raw: &str) -> Result<Phone, InputError> {
    let s: String = half_width(raw).chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let only_marks = s.chars().all(|c| c.is_ascii_digit() || "-()（）".contains(c));
    if only_marks && digits.len() == 11 && digits.starts_with('1') {
        return Phone::parse(&digits);
    }
    if only_marks {
        // A landline: the area code in brackets or before a dash.
        let (area, rest) = match s.strip_prefix('(').and_then(|r| r.split_once(')')) {
            Some((a, r)) => (a.to_string(), r.replace('-', "")),
            None => match s.split_once('-') {
                Some((a, r)) if a.starts_with('0') => (a.to_string(), r.replace('-', "")),
                _ => (String::new(), s.clone()),
            },
        };
        let candidate = if area.is_empty() { rest } else { format!("{area}-{rest}") };
        if let Ok(p) = Phone::parse(&candidate) {
            return Ok(p);
        }
    }
    Phone::parse(raw)
}

/// Whether a cell says "the same as the row above" (`同上`, `〃`).
pub(crate) fn is_ditto(cell: &str) -> bool {
    matches!(cell.trim(), "同上" | "\u{3003}" | "同前")
}

/// The head count a name cell states: `王德林等30人` → (`王德林`, 30).
pub(crate) fn names_and_count(cell: &str) -> (String, Option<u32>) {
    let s = half_width(cell);
    if let Some((name, rest)) = s.split_once('等') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let tail = &rest[digits.len()..];
        if let Ok(n) = digits.parse::<u32>() {
            if tail.trim() == "人" || tail.trim().is_empty() {
                return (name.trim().to_string(), Some(n));
            }
        }
    }
    (s.trim().to_string(), None)
}

/// Whether a date is in a plausible range for a ledger: not before 1990.
pub(crate) fn plausible(d: NaiveDate) -> bool {
    d.year() >= 1990
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn dates_in_every_style() {
        for s in [
            "2025-03-16",
            "2025/3/16",
            "2025.3.16",
            "2025年3月16日",
            "20250316",
            "45732",
            "２０２５年３月１６日",
            "2025-03-16 14:30",
            "45732.5833333",
        ] {
            assert_eq!(parse_date(s), Some(d(2025, 3, 16)), "{s}");
        }
        for s in ["", "2025-02-30", "16/3/2025", "昨天", "2025", "1e10", "99999999", " 2025-3-16x"]
        {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_date(" 2025-3-16 "), Some(d(2025, 3, 16)));
        assert_eq!(parse_date_in("3月16日", Some(2025)), Some(d(2025, 3, 16)));
        assert_eq!(parse_date_in("3.16", Some(2024)), Some(d(2024, 3, 16)));
        assert_eq!(parse_date("3月16日"), None, "no year known");
        assert_eq!(parse_date_in("2月30日", Some(2025)), None);
        assert_eq!(parse_date("同上"), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ids_phones_names_and_status() {
        // 15 digits: 410523 800101 123 → 41052319800101123 + check digit.
        let (id, upgraded) = parse_id("410523800101123").unwrap();
        assert!(upgraded);
        assert_eq!(&id.as_str()[..17], "41052319800101123");
        let (same, upgraded) = parse_id(id.as_str()).unwrap();
        assert_eq!((same, upgraded), (id.clone(), false));
        assert!(parse_id("41052380010112").is_err(), "14 digits");
        assert_eq!(parse_phone("138 3721 5566").unwrap().as_str(), "13837215566");
        assert_eq!(parse_phone("138-3721-5566").unwrap().as_str(), "13837215566");
        assert_eq!(parse_phone("１３８３７２１５５６６").unwrap().as_str(), "13837215566");
        assert_eq!(parse_phone("(0372)5512345").unwrap().as_str(), "0372-5512345");
        assert_eq!(parse_phone("0372-5512345").unwrap().as_str(), "0372-5512345");
        assert!(parse_phone("同上").is_err());
        assert!(is_ditto(" 同上 "));
        assert_eq!(names_and_count("王德林等30人"), ("王德林".into(), Some(30)));
        assert_eq!(names_and_count("王德林等"), ("王德林等".into(), None));
        assert_eq!(parse_closed("是"), Ok(Some(true)));
        assert_eq!(parse_closed("在办"), Ok(Some(false)));
        assert_eq!(parse_closed(""), Ok(None));
        assert!(parse_closed("也许").is_err());
        assert_eq!(half_width("ＡＢ１２（）："), "AB12():");
        assert_eq!(parse_channel("来信（绿色邮政）"), Some(Channel::Letter { green_post: true }));
        assert_eq!(parse_channel(" 来 访 "), Some(Channel::Visit));
        assert_eq!(parse_channel("12345"), Some(Channel::Hotline12345));
        assert_eq!(parse_channel("飞鸽传书"), None);
    }
}
