//! The registration and routing forms as plain data: what the clerk typed
//! ([`IntakeForm`], [`RouteForm`]), turned into the core's [`Intake`] and
//! [`Routing`] with a message per field that is wrong (the select values
//! and names of the core's enums come from [`crate::labels`]). No yew here:
//! everything is unit-tested natively.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_core::case::Routing;
use xinfang_core::office::RepeatReason;
use xinfang_core::{
    CaseId, CategoryId, CategoryTree, Channel, Disposal, Escalation, FiveFixes, Fix, IdNumber,
    InputError, Intake, Organisation, Person, PersonId, Petitioner, Phone, Purpose, Role,
    RoutingProposal, Settings, UnitId, UnitKind,
};

use crate::dates;
use crate::i18n::Lang;
use crate::labels::{lower, Named};

/// A message in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Msg {
    /// A message from its two texts.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg { zh: zh.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One message per field that is wrong.
pub type Errors<F> = BTreeMap<F, Msg>;

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
fn date_value(date: NaiveDate) -> String {
    dates::input_value(date)
}

fn unit_id(value: &str) -> Option<UnitId> {
    value.trim().parse::<u32>().ok().map(UnitId::new)
}

fn person_id(value: &str) -> Option<PersonId> {
    value.trim().parse::<u32>().ok().map(PersonId::new)
}

fn date_error(lang_zh: &str, lang_en: &str) -> Msg {
    Msg::new(format!("请填写有效的{lang_zh}"), format!("Enter a valid {lang_en}."))
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
                    Msg::new("收件日期不能晚于今天", "The received date cannot be in the future."),
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
            errors.insert(RegField::Channel, Msg::new("请选择信访形式", "Pick a channel."));
        }
        let mut petitioners = Vec::new();
        for (i, row) in self.petitioners.iter().enumerate() {
            if row.name.trim().is_empty() {
                errors.insert(
                    RegField::Name(i),
                    Msg::new("请填写信访人姓名", "Enter the petitioner's name."),
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
                            Msg::new(
                                err.to_string(),
                                "Invalid phone number: enter an 11-digit mobile number or a \
                                 landline with its area code.",
                            ),
                        );
                        None
                    }
                },
            };
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
                Msg::new("代表最多5人", "At most 5 representatives may be elected."),
            );
        }
        let named = petitioners.len().max(1);
        let head_count = match self.head_count.trim().parse::<u32>() {
            Ok(n) if (n as usize) >= named && n <= 100_000 => Some(n),
            _ => {
                errors.insert(
                    RegField::HeadCount,
                    Msg::new(
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
            errors.insert(RegField::Category, Msg::new("请选择问题类别", "Pick a category."));
        }
        let purpose = self.purpose();
        if purpose.is_none() {
            errors.insert(RegField::Purpose, Msg::new("请选择信访目的", "Pick a purpose."));
        }
        let township = match self.township.trim() {
            "" => None,
            raw => match unit_id(raw).and_then(|id| settings.org.unit(id)) {
                Some(u) if u.kind() == UnitKind::Township => Some(u.id()),
                _ => {
                    errors.insert(
                        RegField::Township,
                        Msg::new("请选择乡镇（街道）", "Pick a township."),
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
                            Msg::new("请选择被反映单位", "Pick the accused unit."),
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
                Msg::new("请填写反映问题（一句话概括）", "Enter a one-line summary."),
            );
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

/// The message for an identity number that failed GB 11643 validation.
fn id_number_error(err: &InputError) -> Msg {
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
    Msg::new(err.to_string(), en)
}

// ---------------------------------------------------------------- routing

/// A field of the routing form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouteField {
    /// `#route-disposal`.
    Disposal,
    /// `#route-lead`.
    Lead,
    /// `#route-on`.
    On,
    /// `#fix-leader`.
    Leader,
    /// `#fix-handler`.
    Handler,
    /// `#fix-deadline`.
    Deadline,
    /// `#fix-standard`.
    Standard,
}

impl RouteField {
    /// The id of the field's element.
    pub fn element_id(self) -> &'static str {
        match self {
            RouteField::Disposal => "route-disposal",
            RouteField::Lead => "route-lead",
            RouteField::On => "route-on",
            RouteField::Leader => "fix-leader",
            RouteField::Handler => "fix-handler",
            RouteField::Deadline => "fix-deadline",
            RouteField::Standard => "fix-standard",
        }
    }
}

/// Why a routing form cannot be sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteErrors {
    /// A message per field.
    pub fields: Errors<RouteField>,
    /// The 五定 still missing, for a 交办.
    pub missing: Vec<Fix>,
}

impl RouteErrors {
    /// The summary shown above the submit button.
    pub fn summary(&self) -> Msg {
        if self.missing.is_empty() {
            Msg::new("请更正标出的项目后再提交", "Correct the marked fields and send again.")
        } else {
            missing_fixes(&self.missing)
        }
    }
}

/// “交办须落实五定，尚缺：…”.
pub fn missing_fixes(missing: &[Fix]) -> Msg {
    let zh: Vec<&str> = missing.iter().map(|f| f.zh()).collect();
    let en: Vec<String> = missing.iter().map(|f| lower(f.en())).collect();
    Msg::new(
        format!("交办须落实“五定”，尚缺：{}", zh.join("、")),
        format!("An assignment needs all five fixes; missing: {}.", en.join(", ")),
    )
}

/// The routing form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteForm {
    /// `YYYY-MM-DD`.
    pub on: String,
    /// A disposal's [`Named::key`].
    pub disposal: String,
    /// The lead unit's id number.
    pub lead: String,
    /// Co-handling units.
    pub co_units: Vec<UnitId>,
    /// 包案领导 (person id number).
    pub leader: String,
    /// 办案责任人 (person id number).
    pub handler: String,
    /// 办结时限, `YYYY-MM-DD`.
    pub deadline: String,
    /// 办案质量要求.
    pub standard: String,
    /// The clerk's own note on why (optional).
    pub note: String,
    /// The proposal it started from, if there was one.
    pub proposal: Option<RoutingProposal>,
}

/// A change the clerk makes to the routing form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteEdit {
    /// Date.
    On(String),
    /// Disposal.
    Disposal(String),
    /// Lead unit (clears leader and handler, who belong to a unit).
    Lead(String),
    /// Add a co-handling unit.
    AddCoUnit(String),
    /// Remove a co-handling unit.
    RemoveCoUnit(UnitId),
    /// Leader.
    Leader(String),
    /// Handler.
    Handler(String),
    /// Deadline.
    Deadline(String),
    /// Standard.
    Standard(String),
    /// Note.
    Note(String),
}

impl RouteForm {
    /// The form preselected from the routing proposal, dated `today`.
    pub fn new(proposal: Option<RoutingProposal>, today: NaiveDate) -> RouteForm {
        RouteForm {
            on: date_value(today),
            disposal: Disposal::key(proposal.as_ref().map_or(Disposal::Transfer, |p| p.disposal))
                .into(),
            lead: proposal.as_ref().map_or(String::new(), |p| p.lead.get().to_string()),
            co_units: proposal.as_ref().map_or(Vec::new(), |p| p.co_units.clone()),
            leader: String::new(),
            handler: String::new(),
            deadline: String::new(),
            standard: String::new(),
            note: String::new(),
            proposal,
        }
    }

    /// Applies one change.
    pub fn edit(&mut self, edit: RouteEdit) {
        match edit {
            RouteEdit::On(v) => self.on = v,
            RouteEdit::Disposal(v) => self.disposal = v,
            RouteEdit::Lead(v) => {
                if v != self.lead {
                    self.lead = v;
                    self.leader.clear();
                    self.handler.clear();
                    if let Some(lead) = self.lead_unit() {
                        self.co_units.retain(|u| *u != lead);
                    }
                }
            }
            RouteEdit::AddCoUnit(v) => {
                if let Some(u) = unit_id(&v) {
                    if Some(u) != self.lead_unit() && !self.co_units.contains(&u) {
                        self.co_units.push(u);
                    }
                }
            }
            RouteEdit::RemoveCoUnit(u) => self.co_units.retain(|c| *c != u),
            RouteEdit::Leader(v) => self.leader = v,
            RouteEdit::Handler(v) => self.handler = v,
            RouteEdit::Deadline(v) => self.deadline = v,
            RouteEdit::Standard(v) => self.standard = v,
            RouteEdit::Note(v) => self.note = v,
        }
    }

    /// The chosen disposal.
    pub fn disposal(&self) -> Option<Disposal> {
        Disposal::from_key(&self.disposal)
    }

    /// The chosen lead unit.
    pub fn lead_unit(&self) -> Option<UnitId> {
        unit_id(&self.lead)
    }

    /// Whether the 五定 are asked (交办).
    pub fn is_assignment(&self) -> bool {
        self.disposal() == Some(Disposal::Assign)
    }

    /// The 五定 as far as they are filled in.
    pub fn five_fixes(&self) -> FiveFixes {
        FiveFixes {
            unit: self.lead_unit(),
            leader: person_id(&self.leader),
            handler: person_id(&self.handler),
            deadline: dates::parse_input(&self.deadline),
            standard: self.standard.clone(),
        }
    }

    /// The explanation recorded with the routing: the proposal's when the
    /// clerk kept its unit, otherwise the clerk's note (or a plain
    /// statement that the unit was chosen by hand), with the proposal's.
    pub fn explanation(&self, org: &Organisation) -> String {
        let note = self.note.trim();
        let lead = self.lead_unit();
        match &self.proposal {
            Some(p) if Some(p.lead) == lead && note.is_empty() => p.explanation.clone(),
            Some(p) => {
                let own = if note.is_empty() {
                    format!("经办人指定{}", lead.map_or(String::new(), |u| org.unit_name(u)))
                } else {
                    note.to_string()
                };
                format!("{own}（分办建议：{}）", p.explanation)
            }
            None if note.is_empty() => {
                format!("经办人指定{}", lead.map_or(String::new(), |u| org.unit_name(u)))
            }
            None => note.to_string(),
        }
    }

    /// The routing, or why it cannot be sent. People named in the 五定
    /// must belong to the lead unit.
    pub fn to_routing(&self, org: &Organisation, today: NaiveDate) -> Result<Routing, RouteErrors> {
        let mut errors = RouteErrors::default();
        let on = match dates::parse_input(&self.on) {
            Some(d) if d > today => {
                errors.fields.insert(
                    RouteField::On,
                    Msg::new("转送日期不能晚于今天", "The routing date cannot be in the future."),
                );
                None
            }
            Some(d) => Some(d),
            None => {
                errors.fields.insert(RouteField::On, date_error("转送日期", "routing date"));
                None
            }
        };
        let disposal = self.disposal();
        if disposal.is_none() {
            errors
                .fields
                .insert(RouteField::Disposal, Msg::new("请选择处理方式", "Pick how to route it."));
        }
        let lead = self.lead_unit().filter(|u| org.unit(*u).is_some_and(|u| u.is_active()));
        if lead.is_none() {
            errors
                .fields
                .insert(RouteField::Lead, Msg::new("请选择主办单位", "Pick the lead unit."));
        }
        let mut assignment = None;
        if disposal == Some(Disposal::Assign) {
            let fixes = self.five_fixes();
            for (field, person, fix) in [
                (RouteField::Leader, fixes.leader, Fix::Leader),
                (RouteField::Handler, fixes.handler, Fix::Handler),
            ] {
                match (person.and_then(|p| org.person(p)), lead) {
                    (None, _) => {
                        errors.fields.insert(
                            field,
                            Msg::new(
                                format!("请选择{}", fix.zh()),
                                format!("Pick the {}.", lower(fix.en())),
                            ),
                        );
                    }
                    (Some(p), Some(lead)) if p.unit() != lead => {
                        errors.fields.insert(
                            field,
                            Msg::new(
                                format!("{}不是{}的人员", p.name(), org.unit_name(lead)),
                                format!("{} is not of {}.", p.name(), org.unit_name(lead)),
                            ),
                        );
                    }
                    _ => {}
                }
            }
            match (fixes.deadline, on) {
                (None, _) => {
                    errors.fields.insert(
                        RouteField::Deadline,
                        Msg::new("请填写办结时限", "Enter the deadline."),
                    );
                }
                (Some(deadline), Some(on)) if deadline <= on => {
                    errors.fields.insert(
                        RouteField::Deadline,
                        Msg::new(
                            "办结时限应晚于交办日期",
                            "The deadline must be after the day of the assignment.",
                        ),
                    );
                }
                _ => {}
            }
            if fixes.standard.trim().is_empty() {
                errors.fields.insert(
                    RouteField::Standard,
                    Msg::new("请填写办案质量要求", "Enter the quality standard."),
                );
            }
            match fixes.complete() {
                Ok(a) => assignment = Some(a),
                Err(missing) => errors.missing = missing,
            }
        }
        match (on, disposal, lead) {
            (Some(on), Some(disposal), Some(lead))
                if errors.fields.is_empty() && errors.missing.is_empty() =>
            {
                Ok(Routing {
                    on,
                    disposal,
                    lead,
                    co_units: self.co_units.iter().copied().filter(|u| *u != lead).collect(),
                    assignment,
                    explanation: self.explanation(org),
                })
            }
            _ => Err(errors),
        }
    }
}

/// The people who may be named for a fix: the active leaders (包案领导) or
/// handlers (办案责任人, or clerks in the petition office) of `unit`.
pub fn people_for(org: &Organisation, unit: UnitId, fix: Fix) -> Vec<&Person> {
    let roles: &[Role] = match fix {
        Fix::Leader => &[Role::Leader],
        _ => &[Role::Handler, Role::Clerk],
    };
    org.people()
        .filter(|p| p.unit() == unit && p.is_active() && roles.contains(&p.role()))
        .collect()
}

impl crate::form_state::Editable for IntakeForm {
    type Edit = RegEdit;
    fn edit(&mut self, edit: RegEdit) {
        IntakeForm::edit(self, edit);
    }
}

impl crate::form_state::Editable for RouteForm {
    type Edit = RouteEdit;
    fn edit(&mut self, edit: RouteEdit) {
        RouteForm::edit(self, edit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> Settings {
        Settings::sample_county()
    }

    fn filled(s: &Settings) -> IntakeForm {
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

    fn routed_form(s: &Settings) -> (RouteForm, UnitId) {
        let mut f = filled(s);
        f.edit(RegEdit::Summary("拖欠工资".into()));
        let intake = f.to_intake(s, d(2025, 3, 3)).unwrap();
        let office = xinfang_core::Office::new(s.clone());
        let proposal = office.propose_route(&intake).unwrap();
        let lead = proposal.lead;
        (RouteForm::new(Some(proposal), d(2025, 3, 5)), lead)
    }

    #[test]
    fn a_transfer_needs_no_five_fixes() {
        let s = settings();
        let (mut f, lead) = routed_form(&s);
        f.edit(RouteEdit::Disposal("transfer".into()));
        let r = f.to_routing(&s.org, d(2025, 3, 5)).unwrap();
        assert_eq!((r.disposal, r.lead, r.assignment), (Disposal::Transfer, lead, None));
        assert_eq!(r.on, d(2025, 3, 5));
        assert_eq!(r.explanation, f.proposal.as_ref().unwrap().explanation);
    }

    #[test]
    fn an_assignment_lists_the_missing_fixes_and_then_completes() {
        let s = settings();
        let (mut f, lead) = routed_form(&s);
        f.edit(RouteEdit::Disposal("assign".into()));
        let err = f.to_routing(&s.org, d(2025, 3, 5)).unwrap_err();
        assert_eq!(err.missing, vec![Fix::Leader, Fix::Handler, Fix::Deadline, Fix::Standard]);
        assert!(err.summary().zh.contains("包案领导、办案责任人、办结时限、办案质量要求"));
        assert!(err.summary().en.contains("leader in charge"));
        let leader = people_for(&s.org, lead, Fix::Leader)[0].id();
        let handler = people_for(&s.org, lead, Fix::Handler)[0].id();
        f.edit(RouteEdit::Leader(leader.get().to_string()));
        f.edit(RouteEdit::Handler(handler.get().to_string()));
        f.edit(RouteEdit::Deadline("2025-03-05".into()));
        f.edit(RouteEdit::Standard("查清事实，依法答复".into()));
        let err = f.to_routing(&s.org, d(2025, 3, 5)).unwrap_err();
        assert!(err.missing.is_empty());
        assert!(err.fields.contains_key(&RouteField::Deadline), "a deadline on the same day");
        f.edit(RouteEdit::Deadline("2025-04-04".into()));
        let r = f.to_routing(&s.org, d(2025, 3, 5)).unwrap();
        let a = r.assignment.unwrap();
        assert_eq!((a.unit(), a.leader(), a.handler()), (lead, leader, handler));
        assert_eq!(a.deadline(), d(2025, 4, 4));
    }

    #[test]
    fn people_must_be_of_the_lead_unit() {
        let s = settings();
        let (mut f, lead) = routed_form(&s);
        f.edit(RouteEdit::Disposal("assign".into()));
        let other = s.org.find_unit("河口乡").unwrap().id();
        assert_ne!(other, lead);
        let stranger = people_for(&s.org, other, Fix::Leader)[0];
        f.edit(RouteEdit::Leader(stranger.id().get().to_string()));
        let err = f.to_routing(&s.org, d(2025, 3, 5)).unwrap_err();
        assert!(err.fields[&RouteField::Leader].zh.contains(stranger.name()));
        // Changing the lead unit clears the people and explains the choice.
        f.edit(RouteEdit::Lead(other.get().to_string()));
        assert_eq!(f.leader, "");
        assert!(f.explanation(&s.org).starts_with("经办人指定河口乡（分办建议："));
        f.edit(RouteEdit::Note("属地处理更便于化解".into()));
        assert!(f.explanation(&s.org).starts_with("属地处理更便于化解（分办建议："));
    }

    #[test]
    fn co_units_never_include_the_lead() {
        let s = settings();
        let (mut f, lead) = routed_form(&s);
        let other = s.org.find_unit("县住建局").unwrap().id();
        f.edit(RouteEdit::AddCoUnit(lead.get().to_string()));
        f.edit(RouteEdit::AddCoUnit(other.get().to_string()));
        f.edit(RouteEdit::AddCoUnit(other.get().to_string()));
        assert_eq!(f.co_units.iter().filter(|u| **u == other).count(), 1);
        assert!(!f.co_units.contains(&lead));
        f.edit(RouteEdit::Lead(other.get().to_string()));
        assert!(!f.co_units.contains(&other));
        f.edit(RouteEdit::RemoveCoUnit(other));
    }
}
