//! The routing form (转送/交办/直办 with the 五定) as plain data, turned into
//! the core's [`Routing`] with a message per field that is wrong.

use crate::forms::too_long;
use chrono::NaiveDate;
use xinfang_core::case::Routing;
use xinfang_core::limits;
use xinfang_core::{Disposal, FiveFixes, Fix, Organisation, Person, Role, RoutingProposal, UnitId};

use crate::forms::{date_error, date_value, person_id, unit_id, Errors};
use crate::i18n::labels::{lower, Named};
use crate::i18n::{dates, Bilingual};

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
    /// `#route-note`.
    Note,
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
            RouteField::Note => "route-note",
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
    pub fn summary(&self) -> Bilingual {
        if self.missing.is_empty() {
            Bilingual::new("请更正标出的项目后再提交", "Correct the marked fields and send again.")
        } else {
            missing_fixes(&self.missing)
        }
    }
}

/// “交办须落实五定，尚缺：…”.
pub fn missing_fixes(missing: &[Fix]) -> Bilingual {
    let zh: Vec<&str> = missing.iter().map(|f| f.zh()).collect();
    let en: Vec<String> = missing.iter().map(|f| lower(f.en())).collect();
    Bilingual::new(
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
                    Bilingual::new(
                        "转送日期不能晚于今天",
                        "The routing date cannot be in the future.",
                    ),
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
            errors.fields.insert(
                RouteField::Disposal,
                Bilingual::new("请选择处理方式", "Pick how to route it."),
            );
        }
        let lead = self.lead_unit().filter(|u| org.unit(*u).is_some_and(|u| u.is_active()));
        if lead.is_none() {
            errors
                .fields
                .insert(RouteField::Lead, Bilingual::new("请选择主办单位", "Pick the lead unit."));
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
                            Bilingual::new(
                                format!("请选择{}", fix.zh()),
                                format!("Pick the {}.", lower(fix.en())),
                            ),
                        );
                    }
                    (Some(p), Some(lead)) if p.unit() != lead => {
                        errors.fields.insert(
                            field,
                            Bilingual::new(
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
                        Bilingual::new("请填写办结时限", "Enter the deadline."),
                    );
                }
                (Some(deadline), Some(on)) if deadline <= on => {
                    errors.fields.insert(
                        RouteField::Deadline,
                        Bilingual::new(
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
                    Bilingual::new("请填写办案质量要求", "Enter the quality standard."),
                );
            }
            if let Some(e) = too_long(limits::STANDARD, fixes.standard.trim()) {
                errors.fields.insert(RouteField::Standard, e);
            }
            match fixes.complete() {
                Ok(a) => assignment = Some(a),
                Err(missing) => errors.missing = missing,
            }
        }
        // The note as recorded (with the proposal's explanation after it).
        if let Some(e) = too_long(limits::ROUTING_EXPLANATION, &self.explanation(org)) {
            errors.fields.insert(RouteField::Note, e);
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

impl crate::forms::state::Editable for RouteForm {
    type Edit = RouteEdit;
    fn edit(&mut self, edit: RouteEdit) {
        RouteForm::edit(self, edit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::tests::{d, filled, settings};
    use crate::forms::RegEdit;
    use xinfang_core::Settings;

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
