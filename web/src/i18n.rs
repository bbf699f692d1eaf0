//! Every user-visible string, in Chinese (the main language) and English.
//!
//! Fixed labels are looked up by [`Key`] in one table ([`t`]); messages with
//! values in them are small functions below it. The chosen [`Lang`] is part
//! of the saved preferences (see `persist::prefs`).

pub mod dates;
pub mod labels;

use serde::{Deserialize, Serialize};

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

/// A message in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// A message from its two texts.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual { zh: zh.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
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
