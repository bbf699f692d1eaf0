//! Form models as plain data, below the components: the registration form
//! ([`IntakeForm`]) turned into the core's [`Intake`] with a message per
//! field that is wrong, the field helpers other forms share, and the form
//! reducer ([`state`]). The select values (the select values
//! and names of the core's enums come from [`crate::i18n::labels`]). No yew here:
//! everything is unit-tested natively.

pub mod state;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_core::limits::{self, Limit};
use xinfang_core::office::RepeatReason;
use xinfang_core::{
    CaseId, CategoryId, CategoryTree, Channel, Escalation, IdNumber, InputError, Intake, PersonId,
    Petitioner, Phone, Purpose, Settings, UnitId, UnitKind,
};

use crate::forms::state::Editable;
use crate::i18n::labels::Named;
use crate::i18n::{dates, Bilingual, Lang};

/// One message per field that is wrong.
pub type Errors<F> = BTreeMap<F, Bilingual>;

// ---------------------------------------------------------------- names

/// Why an earlier case may be the same matter, in `lang`.
pub fn repeat_reason_label(lang: Lang, reason: RepeatReason) -> String {
    match (lang, reason) {
        (Lang::ZhCn, r) => r.label(),
        (Lang::En, RepeatReason::SameIdNumber) => "same ID number".into(),
        (Lang::En, RepeatReason::SamePhone) => "same phone number".into(),
        (Lang::En, RepeatReason::SimilarContent(s)) => format!("similar content ({s}%)"),
    }
}

/// A category's full path as the forms show it: `劳动和社会保障 / 拖欠工资`.
pub fn category_path(tree: &CategoryTree, id: CategoryId) -> String {
    tree.path(id).replace('/', " / ")
}

/// A date's `<input type="date">` value.
pub(crate) fn date_value(date: NaiveDate) -> String {
    dates::input_value(date)
}

pub(crate) fn unit_id(value: &str) -> Option<UnitId> {
    value.trim().parse::<u32>().ok().map(UnitId::new)
}

pub(crate) fn person_id(value: &str) -> Option<PersonId> {
    value.trim().parse::<u32>().ok().map(PersonId::new)
}

pub(crate) fn date_error(lang_zh: &str, lang_en: &str) -> Bilingual {
    Bilingual::new(format!("请填写有效的{lang_zh}"), format!("Enter a valid {lang_en}."))
}

// ----------------------------------------------------------- registration

/// A field of the registration form (the element ids of `register.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegField {
    /// `#reg-received-on`.
    ReceivedOn,
    /// `#reg-channel`.
    Channel,
    /// `#reg-name-N`.
    Name(usize),
    /// `#reg-id-N`.
    IdNumber(usize),
    /// `#reg-phone-N`.
    Phone(usize),
    /// `#reg-head-count`.
    HeadCount,
    /// `#reg-category`.
    Category,
    /// `#reg-purpose`.
    Purpose,
    /// `#reg-township`.
    Township,
    /// `#reg-escalation`.
    Escalation,
    /// `#reg-accused-unit`.
    AccusedUnit,
    /// `#reg-summary`.
    Summary,
    /// `#reg-address-N`.
    Address(usize),
    /// `#reg-village`.
    Village,
    /// `#reg-content`.
    Content,
}

impl RegField {
    /// The id of the field's element.
    pub fn element_id(self) -> String {
        match self {
            RegField::ReceivedOn => "reg-received-on".into(),
            RegField::Channel => "reg-channel".into(),
            RegField::Name(i) => format!("reg-name-{i}"),
            RegField::IdNumber(i) => format!("reg-id-{i}"),
            RegField::Phone(i) => format!("reg-phone-{i}"),
            RegField::HeadCount => "reg-head-count".into(),
            RegField::Category => "reg-category".into(),
            RegField::Purpose => "reg-purpose".into(),
            RegField::Township => "reg-township".into(),
            RegField::Escalation => "reg-escalation".into(),
            RegField::AccusedUnit => "reg-accused-unit".into(),
            RegField::Summary => "reg-summary".into(),
            RegField::Address(i) => format!("reg-address-{i}"),
            RegField::Village => "reg-village".into(),
            RegField::Content => "reg-content".into(),
        }
    }
}

/// One petitioner's row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetitionerForm {
    /// 姓名.
    pub name: String,
    /// 身份证号.
    pub id_number: String,
    /// 联系电话.
    pub phone: String,
    /// 住址.
    pub address: String,
    /// 代表.
    pub representative: bool,
}

/// The registration form as typed: every value is the text of its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeForm {
    /// `YYYY-MM-DD`.
    pub received_on: String,
    /// A value of [`CHANNELS`].
    pub channel: String,
    /// The number of people.
    pub head_count: String,
    /// One row per petitioner, the primary first; never empty.
    pub petitioners: Vec<PetitionerForm>,
    /// A category id number, `""` for none chosen.
    pub category: String,
    /// A [`purpose_value`].
    pub purpose: String,
    /// A township's unit id number, `""` for none.
    pub township: String,
    /// Village or community.
    pub village: String,
    /// One line.
    pub summary: String,
    /// The full text.
    pub content: String,
    /// An [`escalation_value`], `""` for none (visits only).
    pub escalation: String,
    /// The accused unit's id number, `""` for none (accusations only).
    pub accused_unit: String,
    /// The earlier case this repeats, linked from a hint.
    pub repeat_of: Option<CaseId>,
}

/// A change the clerk makes to the registration form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegEdit {
    /// Received date.
    ReceivedOn(String),
    /// Channel.
    Channel(String),
    /// Head count.
    HeadCount(String),
    /// A petitioner's name.
    Name(usize, String),
    /// A petitioner's identity number.
    IdNumber(usize, String),
    /// A petitioner's phone.
    Phone(usize, String),
    /// A petitioner's address.
    Address(usize, String),
    /// Whether a petitioner is a representative.
    Representative(usize, bool),
    /// Another petitioner row.
    AddPetitioner,
    /// Drop a petitioner row (never the last one).
    RemovePetitioner(usize),
    /// Category.
    Category(String),
    /// Purpose.
    Purpose(String),
    /// Township.
    Township(String),
    /// Village.
    Village(String),
    /// Summary.
    Summary(String),
    /// Content.
    Content(String),
    /// Escalation.
    Escalation(String),
    /// Accused unit.
    AccusedUnit(String),
    /// Link or unlink the earlier case.
    RepeatOf(Option<CaseId>),
}

impl IntakeForm {
    /// An empty form received `today`, by visit, one petitioner, a request.
    pub fn new(today: NaiveDate) -> IntakeForm {
        IntakeForm {
            received_on: date_value(today),
            channel: "visit".into(),
            head_count: "1".into(),
            petitioners: vec![PetitionerForm::default()],
            category: String::new(),
            purpose: "request".into(),
            township: String::new(),
            village: String::new(),
            summary: String::new(),
            content: String::new(),
            escalation: String::new(),
            accused_unit: String::new(),
            repeat_of: None,
        }
    }

    /// Applies one change.
    pub fn edit(&mut self, edit: RegEdit) {
        match edit {
            RegEdit::ReceivedOn(v) => self.received_on = v,
            RegEdit::Channel(v) => self.channel = v,
            RegEdit::HeadCount(v) => self.head_count = v,
            RegEdit::Name(i, v) => self.with_row(i, |p| p.name = v),
            RegEdit::IdNumber(i, v) => self.with_row(i, |p| p.id_number = v),
            RegEdit::Phone(i, v) => self.with_row(i, |p| p.phone = v),
            RegEdit::Address(i, v) => self.with_row(i, |p| p.address = v),
            RegEdit::Representative(i, v) => self.with_row(i, |p| p.representative = v),
            RegEdit::AddPetitioner => {
                self.petitioners.push(PetitionerForm::default());
                let n = self.petitioners.len();
                if self.head_count.trim().parse::<usize>().map_or(true, |c| c < n) {
                    self.head_count = n.to_string();
                }
            }
            RegEdit::RemovePetitioner(i) => {
                if self.petitioners.len() > 1 && i < self.petitioners.len() {
                    self.petitioners.remove(i);
                }
            }
            RegEdit::Category(v) => self.category = v,
            RegEdit::Purpose(v) => self.purpose = v,
            RegEdit::Township(v) => self.township = v,
            RegEdit::Village(v) => self.village = v,
            RegEdit::Summary(v) => self.summary = v,
            RegEdit::Content(v) => self.content = v,
            RegEdit::Escalation(v) => self.escalation = v,
            RegEdit::AccusedUnit(v) => self.accused_unit = v,
            RegEdit::RepeatOf(v) => self.repeat_of = v,
        }
    }

    fn with_row(&mut self, i: usize, f: impl FnOnce(&mut PetitionerForm)) {
        if let Some(p) = self.petitioners.get_mut(i) {
            f(p);
        }
    }

    /// The chosen channel (a visit when the value is unknown).
    pub fn channel(&self) -> Option<Channel> {
        Channel::from_key(&self.channel)
    }

    /// The chosen purpose.
    pub fn purpose(&self) -> Option<Purpose> {
        Purpose::from_key(&self.purpose)
    }

    /// Whether the escalation field applies (visits only).
    pub fn asks_escalation(&self) -> bool {
        self.channel().is_some_and(Channel::is_visit)
    }

    /// Whether the accused-unit field applies (accusations only).
    pub fn asks_accused_unit(&self) -> bool {
        self.purpose() == Some(Purpose::Accusation)
    }

    /// The chosen category, when it is one that may be chosen.
    pub fn category(&self, tree: &CategoryTree) -> Option<CategoryId> {
        let id = CategoryId::new(self.category.trim().parse().ok()?);
        tree.is_offered(id).then_some(id)
    }

    /// The registration, or a message for every field that is wrong.
    /// `today` bounds the received date.
    pub fn to_intake(
        &self,
        settings: &Settings,
        today: NaiveDate,
    ) -> Result<Intake, Errors<RegField>> {
        let mut errors = Errors::new();
        let received_on = match dates::parse_input(&self.received_on) {
            Some(d) if d > today => {
                errors.insert(
                    RegField::ReceivedOn,
                    Bilingual::new(
                        "收件日期不能晚于今天",
                        "The received date cannot be in the future.",
                    ),
                );
                None
            }
            Some(d) => Some(d),
            None => {
                errors.insert(RegField::ReceivedOn, date_error("收件日期", "received date"));
                None
            }
        };
        let channel = self.channel();
        if channel.is_none() {
            errors.insert(RegField::Channel, Bilingual::new("请选择信访形式", "Pick a channel."));
        }
        let mut petitioners = Vec::new();
        for (i, row) in self.petitioners.iter().enumerate() {
            if row.name.trim().is_empty() {
                errors.insert(
                    RegField::Name(i),
                    Bilingual::new("请填写信访人姓名", "Enter the petitioner's name."),
                );
            }
            let id_number = match row.id_number.trim() {
                "" => None,
                raw => match IdNumber::parse(raw) {
                    Ok(id) => Some(id),
                    Err(err) => {
                        errors.insert(RegField::IdNumber(i), id_number_error(&err));
                        None
                    }
                },
            };
            let phone = match row.phone.trim() {
                "" => None,
                raw => match Phone::parse(raw) {
                    Ok(p) => Some(p),
                    Err(err) => {
                        errors.insert(
                            RegField::Phone(i),
                            Bilingual::new(
                                err.to_string(),
                                "Invalid phone number: enter an 11-digit mobile number or a \
                                 landline with its area code.",
                            ),
                        );
                        None
                    }
                },
            };
            if let Some(e) = too_long(limits::PETITIONER_NAME, row.name.trim()) {
                errors.insert(RegField::Name(i), e);
            }
            if let Some(e) = too_long(limits::ADDRESS, row.address.trim()) {
                errors.insert(RegField::Address(i), e);
            }
            petitioners.push(Petitioner {
                name: row.name.trim().to_string(),
                id_number,
                phone,
                address: row.address.trim().to_string(),
                representative: row.representative,
            });
        }
        let reps = petitioners.iter().filter(|p| p.representative).count();
        if reps > 5 {
            errors.insert(
                RegField::Name(0),
                Bilingual::new("代表最多5人", "At most 5 representatives may be elected."),
            );
        }
        let named = petitioners.len().max(1);
        let head_count = match self.head_count.trim().parse::<u32>() {
            Ok(n) if (n as usize) >= named && n <= 100_000 => Some(n),
            _ => {
                errors.insert(
                    RegField::HeadCount,
                    Bilingual::new(
                        format!("人数应为{named}到100000之间的整数（不少于登记的信访人数）"),
                        format!(
                            "Enter a whole number from {named} to 100000 (at least the number \
                             of petitioners listed)."
                        ),
                    ),
                );
                None
            }
        };
        let category = self.category(&settings.categories);
        if category.is_none() {
            errors.insert(RegField::Category, Bilingual::new("请选择问题类别", "Pick a category."));
        }
        let purpose = self.purpose();
        if purpose.is_none() {
            errors.insert(RegField::Purpose, Bilingual::new("请选择信访目的", "Pick a purpose."));
        }
        let township = match self.township.trim() {
            "" => None,
            raw => match unit_id(raw).and_then(|id| settings.org.unit(id)) {
                Some(u) if u.kind() == UnitKind::Township => Some(u.id()),
                _ => {
                    errors.insert(
                        RegField::Township,
                        Bilingual::new("请选择乡镇（街道）", "Pick a township."),
                    );
                    None
                }
            },
        };
        let escalation =
            if self.asks_escalation() { Escalation::from_key(&self.escalation) } else { None };
        let accused_unit = if self.asks_accused_unit() {
            match self.accused_unit.trim() {
                "" => None,
                raw => match unit_id(raw).and_then(|id| settings.org.unit(id)) {
                    Some(u) => Some(u.id()),
                    None => {
                        errors.insert(
                            RegField::AccusedUnit,
                            Bilingual::new("请选择被反映单位", "Pick the accused unit."),
                        );
                        None
                    }
                },
            }
        } else {
            None
        };
        if self.summary.trim().is_empty() {
            errors.insert(
                RegField::Summary,
                Bilingual::new("请填写反映问题（一句话概括）", "Enter a one-line summary."),
            );
        }
        // A value set by a script or kept from an earlier version is not
        // held by `maxlength`: refused here beside its field (and by the core).
        let texts = [
            (RegField::Summary, limits::SUMMARY, &self.summary),
            (RegField::Village, limits::VILLAGE, &self.village),
            (RegField::Content, limits::CONTENT, &self.content),
        ];
        for (field, limit, text) in texts {
            if let Some(e) = too_long(limit, text.trim()) {
                errors.insert(field, e);
            }
        }
        match (received_on, channel, head_count, category, purpose) {
            (Some(received_on), Some(channel), Some(head_count), Some(category), Some(purpose))
                if errors.is_empty() =>
            {
                Ok(Intake {
                    received_on,
                    channel,
                    petitioners,
                    head_count,
                    category,
                    purpose,
                    township,
                    village: self.village.trim().to_string(),
                    summary: self.summary.trim().to_string(),
                    content: self.content.trim().to_string(),
                    escalation,
                    accused_unit,
                    repeat_of: self.repeat_of,
                })
            }
            _ => Err(errors),
        }
    }

    /// A best-effort registration from a half-filled form, for the repeat
    /// hints and the routing preview: what is valid is kept, what is not
    /// is left out (invalid numbers) or defaulted (today, a visit, the
    /// first offered category). `None` when no category can be chosen.
    pub fn draft(&self, settings: &Settings, today: NaiveDate) -> Option<Intake> {
        let category = self
            .category(&settings.categories)
            .or_else(|| settings.categories.offered().next().map(|c| c.id()))?;
        let petitioners: Vec<Petitioner> = self
            .petitioners
            .iter()
            .map(|row| Petitioner {
                name: row.name.trim().to_string(),
                id_number: IdNumber::parse(&row.id_number).ok(),
                phone: Phone::parse(&row.phone).ok(),
                address: String::new(),
                representative: row.representative,
            })
            .collect();
        let township = unit_id(&self.township)
            .and_then(|id| settings.org.unit(id))
            .filter(|u| u.kind() == UnitKind::Township)
            .map(|u| u.id());
        Some(Intake {
            received_on: dates::parse_input(&self.received_on).unwrap_or(today),
            channel: self.channel().unwrap_or(Channel::Visit),
            head_count: (petitioners.len() as u32).max(1),
            petitioners,
            category,
            purpose: self.purpose().unwrap_or(Purpose::Request),
            township,
            village: self.village.trim().to_string(),
            summary: self.summary.trim().to_string(),
            content: String::new(),
            escalation: None,
            accused_unit: None,
            repeat_of: self.repeat_of,
        })
    }
}

/// The refusal of a text past its field's limit (the core's message, and
/// its English), shown beside the field: `maxlength` stops typing and
/// pasting, not a value set by a script.
pub fn too_long(limit: Limit, text: &str) -> Option<Bilingual> {
    limit.check(text).err().map(|e| {
        let (max, len) = (limit.max, limits::length(text));
        Bilingual::new(e.to_string(), format!("At most {max} characters; this has {len}."))
    })
}

/// The message for an identity number that failed GB 11643 validation.
fn id_number_error(err: &InputError) -> Bilingual {
    let en = match err {
        InputError::IdNumber { why, .. } => match *why {
            "应为18位" => "Invalid ID number: it must have 18 characters.",
            "前17位应为数字" => "Invalid ID number: the first 17 characters must be digits.",
            "出生日期无效" => "Invalid ID number: the date of birth in it is not a date.",
            "校验码不符" => "Invalid ID number: the check digit does not match.",
            _ => "Invalid ID number.",
        },
        _ => "Invalid ID number.",
    };
    Bilingual::new(err.to_string(), en)
}

impl Editable for IntakeForm {
    type Edit = RegEdit;
    fn edit(&mut self, edit: RegEdit) {
        IntakeForm::edit(self, edit);
    }
}

/// The non-blank lines of a textarea, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// A percentage typed in a target field: a whole number from 0 to 100.
pub fn parse_percent(text: &str) -> Result<u32, Bilingual> {
    text.trim().trim_end_matches(['%', '％']).parse::<u32>().ok().filter(|p| *p <= 100).ok_or_else(
        || {
            Bilingual::new(
                "目标应为0到100之间的整数。",
                "A target is a whole number from 0 to 100.",
            )
        },
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn settings() -> Settings {
        Settings::sample_county()
    }

    pub(crate) fn filled(s: &Settings) -> IntakeForm {
        let mut f = IntakeForm::new(d(2025, 3, 3));
        f.edit(RegEdit::Name(0, "王某某".into()));
        f.edit(RegEdit::Category(s.categories.find("拖欠工资").unwrap().id().get().to_string()));
        f.edit(RegEdit::Township(s.org.find_unit("河口乡").unwrap().id().get().to_string()));
        f.edit(RegEdit::Summary(" 反映某公司拖欠工资 ".into()));
        f
    }

    #[test]
    fn a_new_form_starts_on_valid_select_values() {
        let f = IntakeForm::new(d(2025, 3, 3));
        assert_eq!(f.channel(), Channel::from_key(&f.channel));
        assert!(f.channel().is_some() && f.purpose().is_some());
    }

    #[test]
    fn a_filled_form_gives_the_intake() {
        let s = settings();
        let mut f = filled(&s);
        f.edit(RegEdit::IdNumber(0, "11010519491231002x".into()));
        f.edit(RegEdit::Phone(0, "138 1234 5678".into()));
        f.edit(RegEdit::Channel("letter_green".into()));
        f.edit(RegEdit::RepeatOf(Some(CaseId::new(4))));
        let intake = f.to_intake(&s, d(2025, 3, 3)).unwrap();
        assert_eq!(intake.received_on, d(2025, 3, 3));
        assert_eq!(intake.channel, Channel::Letter { green_post: true });
        assert_eq!(intake.petitioners[0].name, "王某某");
        assert_eq!(
            intake.petitioners[0].id_number.as_ref().unwrap().as_str(),
            "11010519491231002X"
        );
        assert_eq!(intake.petitioners[0].phone.as_ref().unwrap().as_str(), "13812345678");
        assert_eq!(intake.summary, "反映某公司拖欠工资");
        assert_eq!(intake.township, s.org.find_unit("河口乡").map(|u| u.id()));
        assert_eq!(intake.repeat_of, Some(CaseId::new(4)));
        assert_eq!(intake.escalation, None);
        // The core accepts what the form gives.
        assert!(intake.validate(d(2025, 3, 3)).is_ok());
    }

    #[test]
    fn every_wrong_field_gets_its_own_message() {
        let s = settings();
        let mut f = IntakeForm::new(d(2025, 3, 3));
        f.edit(RegEdit::ReceivedOn("2025-03-04".into()));
        f.edit(RegEdit::IdNumber(0, "110105194912310021".into()));
        f.edit(RegEdit::Phone(0, "12345".into()));
        f.edit(RegEdit::HeadCount("0".into()));
        let errors = f.to_intake(&s, d(2025, 3, 3)).unwrap_err();
        let fields: Vec<RegField> = errors.keys().copied().collect();
        assert_eq!(
            fields,
            vec![
                RegField::ReceivedOn,
                RegField::Name(0),
                RegField::IdNumber(0),
                RegField::Phone(0),
                RegField::HeadCount,
                RegField::Category,
                RegField::Summary,
            ]
        );
        let id = &errors[&RegField::IdNumber(0)];
        assert!(id.zh.contains("校验码不符"), "{}", id.zh);
        assert!(id.en.contains("check digit"), "{}", id.en);
        assert_eq!(RegField::IdNumber(0).element_id(), "reg-id-0");
    }

    #[test]
    fn rows_escalation_and_accused_unit() {
        let s = settings();
        let mut f = filled(&s);
        f.edit(RegEdit::AddPetitioner);
        assert_eq!(f.head_count, "2", "the head count follows the rows");
        let errors = f.to_intake(&s, d(2025, 3, 3)).unwrap_err();
        assert!(errors.contains_key(&RegField::Name(1)));
        f.edit(RegEdit::Name(1, "李某".into()));
        f.edit(RegEdit::Escalation("capital".into()));
        f.edit(RegEdit::Purpose("accusation".into()));
        let unit = s.org.find_unit("县人社局").unwrap().id();
        f.edit(RegEdit::AccusedUnit(unit.get().to_string()));
        let intake = f.to_intake(&s, d(2025, 3, 3)).unwrap();
        assert_eq!(intake.petitioners.len(), 2);
        assert_eq!(intake.escalation, Some(Escalation::Capital));
        assert_eq!(intake.accused_unit, Some(unit));
        // Escalation only for visits, the accused unit only for accusations.
        f.edit(RegEdit::Channel("online".into()));
        f.edit(RegEdit::Purpose("request".into()));
        let intake = f.to_intake(&s, d(2025, 3, 3)).unwrap();
        assert_eq!((intake.escalation, intake.accused_unit), (None, None));
        f.edit(RegEdit::RemovePetitioner(1));
        f.edit(RegEdit::RemovePetitioner(0));
        assert_eq!(f.petitioners.len(), 1, "the last row stays");
    }

    #[test]
    fn a_draft_keeps_what_is_valid() {
        let s = settings();
        let mut f = IntakeForm::new(d(2025, 3, 3));
        f.edit(RegEdit::IdNumber(0, "11010519491231002X".into()));
        f.edit(RegEdit::Phone(0, "123".into()));
        let draft = f.draft(&s, d(2025, 3, 3)).unwrap();
        assert_eq!(draft.petitioners[0].id_number.as_ref().unwrap().as_str(), "11010519491231002X");
        assert_eq!(draft.petitioners[0].phone, None);
        assert_eq!(draft.category, s.categories.offered().next().unwrap().id());
        assert_eq!(f.category(&s.categories), None);
    }

    #[test]
    fn category_paths_use_spaced_slashes() {
        let s = settings();
        let id = s.categories.find("拖欠工资").unwrap().id();
        assert_eq!(category_path(&s.categories, id), "劳动和社会保障 / 拖欠工资");
    }

    #[test]
    fn percentages_typed_in_the_targets() {
        assert_eq!(parse_percent(" 70 "), Ok(70));
        assert_eq!(parse_percent("100%"), Ok(100));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("七十").is_err());
        assert!(parse_percent("").is_err());
    }
}
