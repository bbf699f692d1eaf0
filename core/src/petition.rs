//! What a petition is made of before anyone acts on it: the channel it came
//! by, its purpose, how far it escalated, and who brought it.

use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The channel (信访形式) a petition arrived by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Channel {
    /// 来信. `green_post` is true when it came free of postage by 绿色邮政.
    Letter {
        /// Came by 绿色邮政.
        green_post: bool,
    },
    /// 来访: in person.
    Visit,
    /// 来电.
    Phone,
    /// 网上信访.
    Online,
    /// 领导信箱.
    LeaderMailbox,
    /// 电子邮件.
    Email,
    /// 传真.
    Fax,
    /// 上级交办/转送: handed down from a body above.
    FromAbove,
    /// 12345 hotline.
    Hotline12345,
}

impl Channel {
    /// Every channel, letters once (without green post), in display order.
    pub const ALL: [Channel; 9] = [
        Channel::Letter { green_post: false },
        Channel::Visit,
        Channel::Phone,
        Channel::Online,
        Channel::LeaderMailbox,
        Channel::Email,
        Channel::Fax,
        Channel::FromAbove,
        Channel::Hotline12345,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Letter { .. } => "来信",
            Channel::Visit => "来访",
            Channel::Phone => "来电",
            Channel::Online => "网上信访",
            Channel::LeaderMailbox => "领导信箱",
            Channel::Email => "电子邮件",
            Channel::Fax => "传真",
            Channel::FromAbove => "上级交办转送",
            Channel::Hotline12345 => "12345热线",
        }
    }

    /// Whether this is a letter (of any postage).
    pub fn is_letter(self) -> bool {
        matches!(self, Channel::Letter { .. })
    }

    /// Whether this is an in-person visit.
    pub fn is_visit(self) -> bool {
        matches!(self, Channel::Visit)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())?;
        if let Channel::Letter { green_post: true } = self {
            f.write_str("（绿色邮政）")?;
        }
        Ok(())
    }
}

/// The purpose (信访目的) of a petition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 求决: asks for something to be done.
    Request,
    /// 申诉: appeals against a decision.
    Appeal,
    /// 检举控告: accuses a unit or official. Its content is kept from the
    /// accused unit.
    Accusation,
    /// 意见建议.
    Suggestion,
    /// 咨询.
    Enquiry,
}

impl Purpose {
    /// Every purpose, in display order.
    pub const ALL: [Purpose; 5] = [
        Purpose::Request,
        Purpose::Appeal,
        Purpose::Accusation,
        Purpose::Suggestion,
        Purpose::Enquiry,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Request => "求决",
            Purpose::Appeal => "申诉",
            Purpose::Accusation => "检举控告",
            Purpose::Suggestion => "意见建议",
            Purpose::Enquiry => "咨询",
        }
    }

    /// The class of the 2022 regulation: 建议意见类 / 检举控告类 / 申诉求决类.
    pub fn class_2022(self) -> &'static str {
        match self {
            Purpose::Suggestion | Purpose::Enquiry => "建议意见类",
            Purpose::Accusation => "检举控告类",
            Purpose::Request | Purpose::Appeal => "申诉求决类",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How far above the competent level a visit went (越级访).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Escalation {
    /// 去市.
    City,
    /// 到省.
    Province,
    /// 进京.
    Capital,
}

impl Escalation {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Escalation::City => "去市",
            Escalation::Province => "到省",
            Escalation::Capital => "进京",
        }
    }
}

impl fmt::Display for Escalation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A resident identity number (公民身份号码, GB 11643-1999): 18 characters,
/// the last a check digit (0-9 or X). Constructed only when valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Validates the format, the birth date and the ISO 7064 MOD 11-2 check digit.
    ///
    /// ```
    /// use xinfang_core::IdNumber;
    /// assert!(IdNumber::parse("11010519491231002X").is_ok());
    /// assert!(IdNumber::parse("110105194912310021").is_err());
    /// ```
    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let s = raw.trim().to_ascii_uppercase();
        let bad = |why: &'static str| InputError::IdNumber { value: raw.to_string(), why };
        if s.chars().count() != 18 {
            return Err(bad("应为18位"));
        }
        let bytes = s.as_bytes();
        if !bytes[..17].iter().all(u8::is_ascii_digit) {
            return Err(bad("前17位应为数字"));
        }
        let (y, m, d) = (
            s[6..10].parse::<i32>().unwrap_or(0),
            s[10..12].parse::<u32>().unwrap_or(0),
            s[12..14].parse::<u32>().unwrap_or(0),
        );
        if y < 1880 || chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
            return Err(bad("出生日期无效"));
        }
        const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const CHECK: &[u8; 11] = b"10X98765432";
        let sum: u32 = bytes[..17].iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        if bytes[17] != CHECK[(sum % 11) as usize] {
            return Err(bad("校验码不符"));
        }
        Ok(IdNumber(s))
    }

    /// The full number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as lists show it: the first 6 and last 4 characters kept,
    /// e.g. `110105********002X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

impl TryFrom<String> for IdNumber {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IdNumber::parse(&s)
    }
}

impl From<IdNumber> for String {
    fn from(id: IdNumber) -> String {
        id.0
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number: an 11-digit mobile number starting with 1, or a landline
/// of 7 to 12 digits with an optional area code and hyphen (e.g. `0371-12345678`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Validates the number.
    ///
    /// ```
    /// use xinfang_core::Phone;
    /// assert_eq!(Phone::parse("13812345678").unwrap().masked(), "138****5678");
    /// assert!(Phone::parse("12345").is_err());
    /// ```
    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let s: String = raw.trim().chars().filter(|c| *c != ' ').collect();
        let digits: String = s.chars().filter(|c| *c != '-').collect();
        let ok_chars =
            s.chars().all(|c| c.is_ascii_digit() || c == '-') && s.matches('-').count() <= 1;
        let mobile = digits.len() == 11 && digits.starts_with('1') && !s.contains('-');
        let landline = (7..=12).contains(&digits.len()) && !digits.starts_with('1');
        if ok_chars && (mobile || landline) {
            Ok(Phone(s))
        } else {
            Err(InputError::Phone { value: raw.to_string() })
        }
    }

    /// The full number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as lists show it: the middle digits hidden.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let n = chars.len();
        let keep_tail = 4.min(n);
        let keep_head = 3.min(n - keep_tail);
        let mut out: String = chars[..keep_head].iter().collect();
        out.push_str(&"*".repeat(n - keep_head - keep_tail));
        out.extend(&chars[n - keep_tail..]);
        out
    }
}

impl TryFrom<String> for Phone {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A petitioner (信访人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Petitioner {
    /// Name, never empty.
    pub name: String,
    /// Identity number, when given.
    pub id_number: Option<IdNumber>,
    /// Phone, when given.
    pub phone: Option<Phone>,
    /// Address, free text (may be empty).
    #[serde(default)]
    pub address: String,
    /// Elected representative (代表) of a visit by many.
    #[serde(default)]
    pub representative: bool,
}

impl crate::limits::Texts for Petitioner {
    fn texts(&self, each: &mut dyn FnMut(crate::limits::Limit, &str)) {
        use crate::limits::{ADDRESS, PETITIONER_NAME};
        let Petitioner { name, id_number: _, phone: _, address, representative: _ } = self;
        each(PETITIONER_NAME, name);
        each(ADDRESS, address);
    }
}

impl Petitioner {
    /// A petitioner known by name only.
    pub fn named(name: impl Into<String>) -> Self {
        Petitioner {
            name: name.into(),
            id_number: None,
            phone: None,
            address: String::new(),
            representative: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn id_number_check_digit() {
        // The example from GB 11643-1999 itself.
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("11010519491231002x").is_ok(), "lower-case x accepted");
        let err = IdNumber::parse("110105194912310021").unwrap_err();
        assert!(err.to_string().contains("校验码"), "{err}");
        assert!(IdNumber::parse("11010519491331002X")
            .unwrap_err()
            .to_string()
            .contains("出生日期"));
        assert!(IdNumber::parse("1101051949").unwrap_err().to_string().contains("18位"));
        assert_eq!(IdNumber::parse("11010519491231002X").unwrap().masked(), "110105********002X");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn phone_numbers() {
        assert!(Phone::parse("13812345678").is_ok());
        assert!(Phone::parse("0371-12345678").is_ok());
        assert!(Phone::parse("63091234").is_ok());
        assert!(Phone::parse("1381234567").is_err(), "10-digit mobile");
        assert!(Phone::parse("abc").is_err());
        assert!(Phone::parse("03-71-123").is_err());
        assert_eq!(Phone::parse("0371-12345678").unwrap().masked(), "037******5678");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_rejects_invalid_numbers() {
        let bad: Result<IdNumber, _> = serde_json::from_str("\"110105194912310021\"");
        assert!(bad.is_err());
        let good: IdNumber = serde_json::from_str("\"11010519491231002X\"").unwrap();
        assert_eq!(good.as_str(), "11010519491231002X");
    }
}
