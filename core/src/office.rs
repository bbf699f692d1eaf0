//! The whole record of one petition office: its settings (organisation,
//! categories, routing rules, calendar, clock) and its cases, kept as a
//! hash-chained event log. Commands are decided here, where references to
//! units, people and other cases can be checked; the stored form is
//! versioned and migrated forward on load.

use crate::calendar::Calendar;
use crate::case::{Case, Intake, Stage};
use crate::category::CategoryTree;
use crate::clock::ClockRules;
use crate::ids::{CaseId, UnitId};
use crate::lifecycle::{Action, CaseError, Change, Env, Event};
use crate::log::{ChainError, EventLog};
use crate::metrics::Targets;
use crate::org::{Organisation, UnitKind};
use crate::routing::{RoutingInput, RoutingProposal, RoutingRules};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The version of the stored format written by this library.
pub const FORMAT_VERSION: u32 = 1;

/// The marker that tells our files from anything else.
pub const FORMAT_NAME: &str = "xinfang-office";

/// Everything an office configures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Units and people.
    pub org: Organisation,
    /// The content-category tree.
    pub categories: CategoryTree,
    /// Routing rules.
    pub routing: RoutingRules,
    /// The holiday calendar.
    pub calendar: Calendar,
    /// The statutory periods.
    pub clock: ClockRules,
    /// The prefix of case numbers (default `XF`).
    pub number_prefix: String,
    /// The goals of the indicators, the backlog threshold and the weights
    /// of the unit ranking (see [`crate::metrics`]). Data stored before it
    /// existed loads with the defaults of the county work plan.
    #[serde(default)]
    pub targets: Targets,
}

impl Settings {
    /// A fictional county with its townships, departments, default
    /// categories and routing rules, China's calendar and the statutory periods.
    pub fn sample_county() -> Self {
        let org = Organisation::sample_county();
        let categories = CategoryTree::default_tree();
        let routing = RoutingRules::sample_county(&categories, &org);
        Settings {
            org,
            categories,
            routing,
            calendar: Calendar::china(),
            clock: ClockRules::default(),
            number_prefix: "XF".into(),
            targets: Targets::default(),
        }
    }
}

/// A command to the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Register a new case (登记).
    Register {
        /// What was received.
        intake: Intake,
    },
    /// Act on an existing case.
    Act {
        /// The case.
        case: CaseId,
        /// What to do.
        action: Action,
    },
}

/// Why an earlier case may be the same matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RepeatReason {
    /// The same identity number.
    SameIdNumber,
    /// The same phone number.
    SamePhone,
    /// Similar summary and content (a score from 0 to 100).
    SimilarContent(u8),
}

impl RepeatReason {
    /// The Chinese explanation.
    pub fn label(self) -> String {
        match self {
            RepeatReason::SameIdNumber => "身份证号相同".into(),
            RepeatReason::SamePhone => "联系电话相同".into(),
            RepeatReason::SimilarContent(s) => format!("反映内容相似（{s}%）"),
        }
    }
}

/// An earlier case that may be the same matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PossibleRepeat {
    /// The earlier case.
    pub case: CaseId,
    /// Why.
    pub reason: RepeatReason,
}

/// Why a stored record could not be loaded. Nothing is changed when loading fails.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Not JSON at all.
    #[error("数据不是有效的JSON（第{line}行第{column}列）：可能已损坏或只写入了一半")]
    NotJson {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// JSON, but not ours.
    #[error("这不是本系统的数据文件")]
    Foreign,
    /// Written by a newer version of the software.
    #[error("数据格式版本为{found}，高于本软件支持的版本{supported}，请升级软件后再打开")]
    NewerVersion {
        /// The version found.
        found: u32,
        /// The newest this library reads.
        supported: u32,
    },
    /// Ours and of a known version, but a part does not fit.
    #[error("数据内容有误：{0}")]
    Corrupt(String),
    /// The event log's hash chain is broken.
    #[error("历史记录校验失败：{0}")]
    Chain(#[from] ChainError),
    /// An event refers to a case that was never registered.
    #[error("历史记录第{seq}条指向未登记的案件{case}")]
    Orphan {
        /// The entry.
        seq: u64,
        /// The case it names.
        case: CaseId,
    },
}

#[derive(Serialize)]
struct StoredRef<'a> {
    format: &'static str,
    format_version: u32,
    settings: &'a Settings,
    log: &'a EventLog,
}

#[derive(Deserialize)]
struct Stored {
    settings: Settings,
    log: EventLog,
}

/// One office's whole record.
///
/// ```
/// use chrono::NaiveDate;
/// use xinfang_core::{Channel, Command, Intake, Office, Petitioner, Purpose, Settings, Stage};
/// let mut office = Office::new(Settings::sample_county());
/// let category = office.settings().categories.find("拖欠工资").unwrap().id();
/// let now = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap().and_hms_opt(9, 30, 0).unwrap();
/// let intake = Intake {
///     received_on: now.date(),
///     channel: Channel::Visit,
///     petitioners: vec![Petitioner::named("王某某")],
///     head_count: 1,
///     category,
///     purpose: Purpose::Request,
///     township: office.settings().org.find_unit("河口乡").map(|u| u.id()),
///     village: "东岗村".into(),
///     summary: "反映某建筑公司拖欠务工人员工资".into(),
///     content: String::new(),
///     escalation: None,
///     accused_unit: None,
///     repeat_of: None,
/// };
/// let id = office.execute(Command::Register { intake }, now).unwrap();
/// let case = office.case(id).unwrap();
/// assert_eq!(case.stage(), Stage::Registered);
/// // The office must route it within 15 days: by 2025-03-18.
/// let due = office.next_due(case).unwrap();
/// assert_eq!(due.by, NaiveDate::from_ymd_opt(2025, 3, 18).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    settings: Settings,
    cases: BTreeMap<CaseId, Case>,
    log: EventLog,
    /// Cases registered per year, for numbering (derived from the log).
    registered_per_year: BTreeMap<i32, u32>,
}

impl Office {
    /// An office with no cases.
    pub fn new(settings: Settings) -> Self {
        Office {
            settings,
            cases: BTreeMap::new(),
            log: EventLog::new(),
            registered_per_year: BTreeMap::new(),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The settings, to edit. Units, people and categories are deactivated,
    /// never removed, so cases always keep their references.
    pub fn settings_mut(&mut self) -> &mut Settings {
        &mut self.settings
    }

    /// What deciding needs: the clock and the calendar.
    pub fn env(&self) -> Env<'_> {
        Env { rules: &self.settings.clock, calendar: &self.settings.calendar }
    }

    /// A case by id.
    pub fn case(&self, id: CaseId) -> Option<&Case> {
        self.cases.get(&id)
    }

    /// All cases, by id.
    pub fn cases(&self) -> impl DoubleEndedIterator<Item = &Case> + ExactSizeIterator + '_ {
        self.cases.values()
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// The events of one case, oldest first.
    pub fn history(&self, id: CaseId) -> impl Iterator<Item = &crate::log::Entry> + '_ {
        self.log.entries().iter().filter(move |e| e.event.case == id)
    }

    /// What a case owes next (see [`Case::next_due`]).
    pub fn next_due(&self, case: &Case) -> Option<crate::clock::Due> {
        case.next_due(&self.settings.clock, &self.settings.calendar)
    }

    /// The routing rules' proposal for an intake.
    pub fn propose_route(
        &self,
        intake: &Intake,
    ) -> Result<RoutingProposal, crate::routing::RoutingError> {
        let input = RoutingInput {
            category: intake.category,
            purpose: intake.purpose,
            township: intake.township,
        };
        self.settings.routing.route(&input, &self.settings.categories, &self.settings.org)
    }

    /// How many cases were registered in `year` (for numbering).
    pub(crate) fn registered_in(&self, year: i32) -> u32 {
        self.registered_per_year.get(&year).copied().unwrap_or(0)
    }

    /// The id the next registered case gets.
    fn next_case_id(&self) -> CaseId {
        self.cases.keys().next_back().map_or(CaseId::new(1), |id| id.next())
    }

    /// The case a chain of repeats goes back to that was concluded by 复核,
    /// if any: re-filings of it are not accepted (不再受理).
    pub fn terminated_matter(&self, intake: &Intake) -> Option<&Case> {
        let mut seen = BTreeSet::new();
        let mut next = intake.repeat_of;
        while let Some(id) = next {
            if !seen.insert(id) {
                break;
            }
            let case = self.cases.get(&id)?;
            if case.stage() == Stage::Terminated {
                return Some(case);
            }
            next = case.intake.repeat_of;
        }
        None
    }

    fn check_unit(&self, id: UnitId) -> Result<&crate::org::Unit, CaseError> {
        self.settings.org.unit(id).ok_or(CaseError::UnknownUnit(id))
    }

    fn check_intake(
        &self,
        intake: &Intake,
        own: Option<CaseId>,
        today: NaiveDate,
    ) -> Result<(), CaseError> {
        intake.validate(today)?;
        if !self.settings.categories.is_offered(intake.category) {
            let unchanged = own
                .and_then(|id| self.cases.get(&id))
                .is_some_and(|c| c.intake.category == intake.category);
            if !unchanged || self.settings.categories.get(intake.category).is_none() {
                return Err(CaseError::UnknownCategory(intake.category));
            }
        }
        if let Some(t) = intake.township {
            let unit = self.check_unit(t)?;
            if unit.kind() != UnitKind::Township {
                return Err(CaseError::NotATownship(unit.name().to_string()));
            }
        }
        if let Some(u) = intake.accused_unit {
            self.check_unit(u)?;
        }
        if let Some(earlier) = intake.repeat_of {
            let ok = self.cases.contains_key(&earlier) && own.is_none_or(|own| earlier < own);
            if !ok {
                return Err(CaseError::BadRepeatLink);
            }
        }
        Ok(())
    }

    fn check_action(
        &self,
        case: &Case,
        action: &Action,
        today: NaiveDate,
    ) -> Result<(), CaseError> {
        let org = &self.settings.org;
        let terminated = |case: &Case| match self.terminated_matter(&case.intake) {
            Some(t) => Err(CaseError::TerminatedMatter {
                number: t.number.clone(),
                on: t
                    .review(crate::case::ReviewLevel::ReReview)
                    .and_then(|r| r.decision.as_ref())
                    .map_or(t.intake.received_on, |d| d.on),
            }),
            None => Ok(()),
        };
        match action {
            Action::Amend { intake } => self.check_intake(intake, Some(case.id), today),
            Action::LinkRepeat { earlier } => {
                if !self.cases.contains_key(earlier) {
                    return Err(CaseError::UnknownCase(*earlier));
                }
                Ok(())
            }
            Action::Route { routing } => {
                terminated(case)?;
                for u in std::iter::once(&routing.lead).chain(&routing.co_units) {
                    self.check_unit(*u)?;
                }
                if let Some(a) = &routing.assignment {
                    let unit = self.check_unit(routing.lead)?;
                    for p in [a.leader(), a.handler()] {
                        let person = org.person(p).ok_or(CaseError::UnknownPerson(p))?;
                        if person.unit() != routing.lead {
                            return Err(CaseError::PersonNotInUnit {
                                person: person.name().to_string(),
                                unit: unit.name().to_string(),
                            });
                        }
                    }
                }
                Ok(())
            }
            Action::Accept { .. } => terminated(case),
            Action::Decline { kind: crate::case::DeclineKind::NoLongerAccepted, .. } => {
                if self.terminated_matter(&case.intake).is_none() {
                    return Err(CaseError::NotARefiling);
                }
                Ok(())
            }
            Action::Extend { approved_by, .. } => {
                org.person(*approved_by).ok_or(CaseError::UnknownPerson(*approved_by))?;
                Ok(())
            }
            Action::RequestReview { body, .. } => self.check_unit(*body).map(|_| ()),
            Action::Supervise { unit, .. } => self.check_unit(*unit).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Decides a command: the events it makes, or why it is refused.
    /// Nothing changes; see [`Office::execute`].
    pub fn decide(&self, command: &Command, now: NaiveDateTime) -> Result<Vec<Event>, CaseError> {
        let today = now.date();
        match command {
            Command::Register { intake } => {
                self.check_intake(intake, None, today)?;
                let id = self.next_case_id();
                let year = now.year();
                let seq = 1 + self.registered_per_year.get(&year).copied().unwrap_or(0);
                let number = format!("{}{year}-{seq:05}", self.settings.number_prefix);
                Ok(vec![Event {
                    case: id,
                    at: now,
                    change: Change::Registered { number, intake: intake.clone() },
                }])
            }
            Command::Act { case, action } => {
                let c = self.cases.get(case).ok_or(CaseError::UnknownCase(*case))?;
                self.check_action(c, action, today)?;
                let changes = c.decide(action, self.env(), now)?;
                Ok(changes
                    .into_iter()
                    .map(|change| Event { case: *case, at: now, change })
                    .collect())
            }
        }
    }

    /// Folds an event into the cases. Returns false (and changes nothing)
    /// for an event about a case that was never registered.
    fn fold(
        cases: &mut BTreeMap<CaseId, Case>,
        per_year: &mut BTreeMap<i32, u32>,
        event: &Event,
    ) -> bool {
        match &event.change {
            Change::Registered { number, intake } => {
                *per_year.entry(event.at.year()).or_insert(0) += 1;
                cases.insert(
                    event.case,
                    Case::registered(event.case, event.at, number.clone(), intake.clone()),
                );
                true
            }
            change => match cases.get_mut(&event.case) {
                Some(case) => {
                    case.apply(change);
                    true
                }
                None => false,
            },
        }
    }

    /// Applies a decided event: folds it into the cases and appends it to
    /// the log.
    pub fn apply(&mut self, event: Event) {
        if Self::fold(&mut self.cases, &mut self.registered_per_year, &event) {
            self.log.append(event);
        }
    }

    /// Decides and applies a command; returns the case it concerned.
    pub fn execute(&mut self, command: Command, now: NaiveDateTime) -> Result<CaseId, CaseError> {
        let events = self.decide(&command, now)?;
        let id = events.first().map(|e| e.case);
        for e in events {
            self.apply(e);
        }
        id.ok_or(CaseError::UnknownCase(CaseId::new(0)))
    }

    /// Rebuilds an office from its settings and log: verifies the chain,
    /// then folds every event.
    pub fn replay(settings: Settings, log: EventLog) -> Result<Office, LoadError> {
        log.verify()?;
        let mut cases = BTreeMap::new();
        let mut registered_per_year = BTreeMap::new();
        for entry in log.entries() {
            if !Self::fold(&mut cases, &mut registered_per_year, &entry.event) {
                return Err(LoadError::Orphan { seq: entry.seq, case: entry.event.case });
            }
        }
        Ok(Office { settings, cases, log, registered_per_year })
    }

    /// The stored form: `{"format": "xinfang-office", "format_version": 1,
    /// "settings": …, "log": […]}`.
    pub fn to_json(&self) -> String {
        let stored = StoredRef {
            format: FORMAT_NAME,
            format_version: FORMAT_VERSION,
            settings: &self.settings,
            log: &self.log,
        };
        // Our own plain data always serializes.
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads the stored form, migrating older versions forward; refuses
    /// newer versions, foreign files, corrupt data and broken chains.
    pub fn from_json(json: &str) -> Result<Office, LoadError> {
        let not_json =
            |e: serde_json::Error| LoadError::NotJson { line: e.line(), column: e.column() };
        let corrupt = |e: serde_json::Error| LoadError::Corrupt(e.to_string());
        // The header first (the rest is skipped, not built), so the current
        // version deserializes straight from the text; only older versions
        // go through a `Value` to be migrated.
        let header: Header = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                LoadError::Foreign
            } else {
                not_json(e)
            }
        })?;
        let version = header.version()?;
        let stored: Stored = if version == FORMAT_VERSION {
            serde_json::from_str(json).map_err(corrupt)?
        } else {
            let value = serde_json::from_str(json).map_err(not_json)?;
            serde_json::from_value(migrate(value, version)?).map_err(corrupt)?
        };
        Office::replay(stored.settings, stored.log)
    }

    /// Earlier cases that may be the same matter as `intake`: the same
    /// identity number or phone, or a similar summary. Best matches first,
    /// at most `limit`.
    pub fn possible_repeats(&self, intake: &Intake, limit: usize) -> Vec<PossibleRepeat> {
        let ids: BTreeSet<&str> = intake
            .petitioners
            .iter()
            .filter_map(|p| p.id_number.as_ref())
            .map(|i| i.as_str())
            .collect();
        let phones: BTreeSet<&str> = intake
            .petitioners
            .iter()
            .filter_map(|p| p.phone.as_ref())
            .map(|p| p.as_str())
            .collect();
        let grams = bigrams(&intake.summary);
        let mut out: Vec<PossibleRepeat> = Vec::new();
        for case in self.cases.values() {
            let same = |f: &dyn Fn(&crate::petition::Petitioner) -> Option<&str>,
                        set: &BTreeSet<&str>| {
                case.intake.petitioners.iter().filter_map(f).any(|v| set.contains(v))
            };
            let reason = if same(&|p| p.id_number.as_ref().map(|i| i.as_str()), &ids) {
                Some(RepeatReason::SameIdNumber)
            } else if same(&|p| p.phone.as_ref().map(|p| p.as_str()), &phones) {
                Some(RepeatReason::SamePhone)
            } else {
                let score = dice(&grams, &bigrams(&case.intake.summary));
                (score >= 50).then_some(RepeatReason::SimilarContent(score))
            };
            if let Some(reason) = reason {
                out.push(PossibleRepeat { case: case.id, reason });
            }
        }
        // Strongest reason first, then the most recent case.
        out.sort_by(|a, b| {
            let rank = |r: RepeatReason| match r {
                RepeatReason::SameIdNumber => 300,
                RepeatReason::SamePhone => 200,
                RepeatReason::SimilarContent(s) => u32::from(s),
            };
            rank(b.reason).cmp(&rank(a.reason)).then(b.case.cmp(&a.case))
        });
        out.truncate(limit);
        out
    }
}

/// The identifying fields of the stored form.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

impl Header {
    /// The version, when the file is ours and of a version this library reads.
    fn version(&self) -> Result<u32, LoadError> {
        if self.format.as_deref() != Some(FORMAT_NAME) {
            return Err(LoadError::Foreign);
        }
        let version = self
            .format_version
            .as_ref()
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| LoadError::Corrupt("缺少格式版本号".into()))?;
        if version > FORMAT_VERSION {
            return Err(LoadError::NewerVersion { found: version, supported: FORMAT_VERSION });
        }
        if version == 0 {
            return Err(LoadError::Corrupt("格式版本号不能为0".into()));
        }
        Ok(version)
    }
}

/// Brings an older stored form up to [`FORMAT_VERSION`], one version at a time.
fn migrate(mut value: serde_json::Value, from: u32) -> Result<serde_json::Value, LoadError> {
    // Each older version gets a step here, e.g. `if from <= 1 { upgrade_1_to_2(&mut value)? }`.
    // Version 1 is the first, so no stored form is older yet.
    debug_assert!(from < FORMAT_VERSION, "only older versions are migrated");
    if let Some(obj) = value.as_object_mut() {
        obj.insert("format_version".into(), FORMAT_VERSION.into());
    }
    Ok(value)
}

/// Character bigrams of a text, ignoring punctuation and spaces.
fn bigrams(text: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// The Dice coefficient of two bigram sets, as a percentage.
fn dice(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> u8 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let common = a.intersection(b).count();
    (200 * common / (a.len() + b.len())) as u8
}
