//! Every user-visible string, in Chinese (the main language) and English.
//!
//! Fixed labels are looked up by [`Key`] in one table ([`t`]); messages with
//! values in them are small functions below it. The chosen [`Lang`] is part
//! of the saved settings (see `storage`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::deadline::Period;
use crate::storage::{StorageProblem, Unreadable, BACKUP_KEY, KEY};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, in the order of the switch.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag, for `<html lang>` (and the saved settings).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "中文",
            Lang::En => "English",
        }
    }

    /// A short stable id for element ids (`lang-zh`, `lang-en`).
    pub fn id(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh",
            Lang::En => "en",
        }
    }
}

/// A fixed label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// The product name.
    AppName,
    /// The line under the product name.
    AppTagline,
    /// The accessible label of the language switch.
    LangSwitch,
    /// The calculator's heading.
    CalcTitle,
    /// How the statutory clock counts.
    CalcIntro,
    /// The start date field.
    StartDate,
    /// The hint under the start date field.
    StartDateHint,
    /// The period field.
    Period,
    /// The custom number of days field.
    CustomDays,
    /// The counting mode group.
    DayCount,
    /// Calendar-day counting.
    CalendarDays,
    /// Working-day counting.
    WorkingDays,
    /// The result's label.
    Deadline,
    /// Shown while there is no start date.
    NeedStartDate,
    /// Shown for an invalid custom number of days.
    BadDays,
    /// How working days are counted.
    WorkingNote,
    /// The button that gives up unreadable saved data.
    DiscardSaved,
    /// The footer.
    Footer,
}

/// One of two inline labels: pages keep their own strings beside the
/// markup that uses them, `tr(lang, "登记", "Register")`.
pub fn tr<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// The label for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (zh, en) = entry(key);
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// The table: (Chinese, English).
fn entry(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::AppName => ("信访工作平台", "Petition Casework Platform"),
        Key::AppTagline => {
            ("信访事项登记、办理与期限管理", "Registering and handling petitions, on time")
        }
        Key::LangSwitch => ("界面语言", "Language"),
        Key::CalcTitle => ("期限计算器", "Deadline calculator"),
        Key::CalcIntro => (
            "依照《信访工作条例》和《民法典》第二百零一条、第二百零三条：事件当日不计入，\
             自次日起算；期限最后一日是法定节假日或休息日的，以其后第一个工作日为期限届满日。",
            "Under the Regulations on Petition Work and articles 201 and 203 of the Civil Code, \
             the day of the event does not count: counting starts the next day, and a period \
             whose last day is a public holiday or rest day ends on the next working day.",
        ),
        Key::StartDate => ("起算日期", "Start date"),
        Key::StartDateHint => (
            "收到信访事项、受理或作出答复的日期（当日不计入）",
            "The day the petition was received, accepted or answered (not counted)",
        ),
        Key::Period => ("期限", "Period"),
        Key::CustomDays => ("天数", "Number of days"),
        Key::DayCount => ("计算方式", "Counting"),
        Key::CalendarDays => ("自然日", "Calendar days"),
        Key::WorkingDays => ("工作日", "Working days"),
        Key::Deadline => ("期限届满日", "Deadline"),
        Key::NeedStartDate => ("请选择起算日期。", "Pick a start date."),
        Key::BadDays => {
            ("请输入 1 至 3650 之间的整数天数。", "Enter a whole number of days from 1 to 3650.")
        }
        Key::WorkingNote => (
            "按工作日计算：周末和法定节假日不计入，调休上班日计入。",
            "Counting working days: weekends and public holidays are skipped, make-up working \
             days count.",
        ),
        Key::DiscardSaved => (
            "放弃无法读取的数据，重新开始保存",
            "Give up the unreadable data and start saving again",
        ),
        Key::Footer => (
            "本页只在本机浏览器中保存界面语言设置，不上传任何数据。",
            "This page saves only the interface language, in this browser, and sends nothing \
             anywhere.",
        ),
    }
}

/// The label of a period in the select.
pub fn period(lang: Lang, period: Period) -> &'static str {
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

/// The message for a storage problem.
pub fn storage_problem(lang: Lang, problem: &StorageProblem) -> String {
    match (lang, problem) {
        (Lang::ZhCn, StorageProblem::Unreadable { reason, backed_up }) => {
            let why = match reason {
                Unreadable::Invalid { detail } => format!("格式无法识别：{detail}"),
                Unreadable::NewerVersion { found } => {
                    format!("由更新版本的本平台保存（数据版本 {found}）")
                }
            };
            let backup = if *backed_up {
                format!("，并已另存一份到“{BACKUP_KEY}”")
            } else {
                String::new()
            };
            format!(
                "本机保存的数据无法读取（{why}）。原始数据保持原样，仍在“{KEY}”中{backup}。\
                 在您作出选择之前，本页不会写入本机存储，对设置的更改只在本次打开期间有效。"
            )
        }
        (Lang::En, StorageProblem::Unreadable { reason, backed_up }) => {
            let why = match reason {
                Unreadable::Invalid { detail } => format!("it is not in a known format: {detail}"),
                Unreadable::NewerVersion { found } => {
                    format!("a newer version of this platform saved it (data version {found})")
                }
            };
            let backup = if *backed_up {
                format!(", and a copy is kept under “{BACKUP_KEY}”")
            } else {
                String::new()
            };
            format!(
                "The data saved in this browser cannot be read ({why}). It is left as it was, \
                 under “{KEY}”{backup}. Until you choose what to do, this page writes nothing to \
                 the browser's storage: changed settings last only until the page is closed."
            )
        }
        (Lang::ZhCn, StorageProblem::Unavailable { detail }) => format!(
            "无法读取浏览器的本机存储（{detail}）。本页不会写入本机存储，设置只在本次打开期间有效。"
        ),
        (Lang::En, StorageProblem::Unavailable { detail }) => format!(
            "The browser's storage cannot be read ({detail}). This page writes nothing to it: \
             settings last only until the page is closed."
        ),
        (Lang::ZhCn, StorageProblem::WriteFailed { detail }) => format!(
            "设置未能保存到本机存储（{detail}）。可能是存储空间已满或浏览器禁止保存；\
             设置只在本次打开期间有效。"
        ),
        (Lang::En, StorageProblem::WriteFailed { detail }) => format!(
            "The settings could not be saved in this browser ({detail}). Its storage may be \
             full or blocked; settings last only until the page is closed."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [Key; 18] = [
        Key::AppName,
        Key::AppTagline,
        Key::LangSwitch,
        Key::CalcTitle,
        Key::CalcIntro,
        Key::StartDate,
        Key::StartDateHint,
        Key::Period,
        Key::CustomDays,
        Key::DayCount,
        Key::CalendarDays,
        Key::WorkingDays,
        Key::Deadline,
        Key::NeedStartDate,
        Key::BadDays,
        Key::WorkingNote,
        Key::DiscardSaved,
        Key::Footer,
    ];

    #[test]
    fn every_label_exists_in_both_languages_and_differs() {
        for key in KEYS {
            let (zh, en) = (t(Lang::ZhCn, key), t(Lang::En, key));
            assert!(!zh.is_empty() && !en.is_empty(), "{key:?}");
            assert_ne!(zh, en, "{key:?}");
            assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{key:?}: {en}");
        }
    }

    #[test]
    fn product_name() {
        assert_eq!(t(Lang::ZhCn, Key::AppName), "信访工作平台");
    }

    #[test]
    fn lang_is_saved_by_its_tag() {
        assert_eq!(serde_json::to_string(&Lang::ZhCn).unwrap(), r#""zh-CN""#);
        assert_eq!(serde_json::from_str::<Lang>(r#""en""#).unwrap(), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.tag()));
        }
    }
}
