//! The whole record of one petition office: its settings (organisation,
//! categories, routing rules, calendar, clock), its cases and its work
//! ledgers, kept as one hash-chained event log. Commands are decided here,
//! where references to units, people and other cases can be checked; one
//! command or a batch of them ([`Office::execute_all`], all or nothing).
//! The stored form is versioned and migrated forward on load.

use crate::case::provenance::LedgerEntry;
use crate::case::{Case, Intake, Stage};
use crate::event::{Event, WorkEvent};
use crate::ids::Added;
use crate::ids::{CaseId, UnitId};
use crate::lifecycle::opening::{ActionKind, Opening};
use crate::lifecycle::{Action, CaseError, CaseEvent, Change, Env};
use crate::limits::Texts as _;
use crate::log::{CaseEntry, ChainError, EventLog};
use crate::org::UnitKind;
use crate::routing::{RoutingInput, RoutingProposal};
use crate::settings::Settings;
use crate::work::change::WorkChange;
use crate::work::{WorkError, WorkLedgers};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The version of the stored format written by this library. Version 2:
/// the log also holds the work ledgers' changes (version 1 held case
/// events only, and reads unchanged). Version 3: case changes for 送达,
/// 签收 and 异议 (versions 1 and 2 read unchanged).
pub const FORMAT_VERSION: u32 = 3;

/// The marker that tells our files from anything else.
pub const FORMAT_NAME: &str = "xinfang-office";

/// A command to the office: about a case, or a change to the work ledgers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Register a new case (登记).
    Register {
        /// What was received.
        intake: Intake,
    },
    /// Register a case recorded in an old ledger (台账), with what the
    /// ledger row states ([`crate::provenance`]) and the steps it dates
    /// (routing, acceptance, reply, rating), all decided in order or none;
    /// numbered in the year it was received, so a 2025 row becomes
    /// `XF2025-…`. Built by [`crate::import::Plan`].
    Import {
        /// What was received.
        intake: Intake,
        /// The ledger row.
        ledger: Box<LedgerEntry>,
        /// The dated steps, in order, decided on the new case.
        #[serde(default)]
        steps: Vec<Action>,
    },
    /// Act on an existing case.
    Act {
        /// The case.
        case: CaseId,
        /// What to do.
        action: Action,
    },
    /// Change the work ledgers (receptions, 包案, screening, backlog,
    /// meetings, 三无), decided by the ledgers' own checks.
    Work(WorkChange),
}

/// What an executed command did: the case or the work record it made or
/// touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Done {
    /// A case was registered, with this id.
    Registered(CaseId),
    /// This case was acted on.
    Acted(CaseId),
    /// A work record was added, with this id.
    Added(Added),
    /// The work ledgers changed without a new record.
    WorkChanged,
}

impl Done {
    /// The case registered or acted on.
    pub fn case(self) -> Option<CaseId> {
        match self {
            Done::Registered(id) | Done::Acted(id) => Some(id),
            Done::Added(_) | Done::WorkChanged => None,
        }
    }

    /// The new work record.
    pub fn added(self) -> Option<Added> {
        match self {
            Done::Added(added) => Some(added),
            _ => None,
        }
    }
}

/// Why [`Office::execute_all`] did nothing: the first command refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("第{}项未能办理，本批全部未执行：{error}", .index + 1)]
pub struct BatchError {
    /// Its position in the batch, from 0.
    pub index: usize,
    /// Why it was refused.
    pub error: CaseError,
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
    /// A work event the ledgers refuse when it is redone.
    #[error("数据内容有误：历史记录第{seq}条的工作台账变更无法重做（{why}）")]
    BadWork {
        /// The entry.
        seq: u64,
        /// The ledgers' message.
        why: String,
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
/// let id = office.execute(Command::Register { intake }, now).unwrap().case().unwrap();
/// let case = office.case(id).unwrap();
/// assert_eq!(case.stage(), Stage::Registered);
/// // The office must route it within 15 days: by 2025-03-18.
/// let due = office.next_due(case).unwrap();
/// assert_eq!(due.by, NaiveDate::from_ymd_opt(2025, 3, 18).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    settings: Settings,
    log: EventLog,
    /// The fold of the log.
    state: State,
}

/// What the log folds into.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    cases: BTreeMap<CaseId, Case>,
    work: WorkLedgers,
    /// Cases registered per year, for numbering.
    registered_per_year: BTreeMap<i32, u32>,
    /// How many work events the log holds.
    work_events: usize,
}

/// Why an event does not fold into the state.
enum Unfit {
    Orphan(CaseId),
    Work(CaseError),
}

impl State {
    /// Applies a work change as the office allows it: the ledgers' checks,
    /// and adopting outside ledgers only before any work event.
    fn change_work(&mut self, change: WorkChange) -> Result<Option<Added>, CaseError> {
        if matches!(change, WorkChange::Adopt(_)) && self.work_events > 0 {
            return Err(CaseError::WorkAlreadyRecorded);
        }
        let added = self.work.change(change)?;
        self.work_events += 1;
        Ok(added)
    }

    /// Folds an event in; an event that does not fit changes nothing.
    fn fold(&mut self, event: &Event) -> Result<(), Unfit> {
        match event {
            Event::Case(CaseEvent {
                case,
                at,
                change: Change::Registered { number, intake, ledger },
            }) => {
                let year = crate::lifecycle::numbering_year(*at, intake, ledger.as_deref());
                *self.registered_per_year.entry(year).or_insert(0) += 1;
                self.cases.insert(
                    *case,
                    Case::registered(*case, *at, number.clone(), intake.clone(), ledger.clone()),
                );
                Ok(())
            }
            Event::Case(CaseEvent { case, change, .. }) => match self.cases.get_mut(case) {
                Some(c) => {
                    c.apply(change);
                    Ok(())
                }
                None => Err(Unfit::Orphan(*case)),
            },
            Event::Work(WorkEvent { work, .. }) => {
                self.change_work(work.clone()).map(|_| ()).map_err(Unfit::Work)
            }
        }
    }
}

impl Office {
    /// An office with no cases and empty work ledgers.
    pub fn new(settings: Settings) -> Self {
        Office { settings, log: EventLog::new(), state: State::default() }
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
        self.state.cases.get(&id)
    }

    /// Whether the case is concluded (办结): replied, reviewed, terminated or
    /// declined ([`Stage::is_concluded`]); unknown cases are not. It reads
    /// the cases as they are now; the ledgers' summaries take it as their
    /// “resolved” predicate (`|id| office.is_concluded(id)`).
    pub fn is_concluded(&self, id: CaseId) -> bool {
        self.case(id).is_some_and(|c| c.stage().is_concluded())
    }

    /// All cases, by id.
    pub fn cases(&self) -> impl DoubleEndedIterator<Item = &Case> + ExactSizeIterator + Clone + '_ {
        self.state.cases.values()
    }

    /// The work ledgers, as the log's work events made them.
    pub fn work(&self) -> &WorkLedgers {
        &self.state.work
    }

    /// The event log: case and work events, in the order they happened.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// The events of one case, oldest first, with their place in the log.
    pub fn history(&self, id: CaseId) -> impl Iterator<Item = CaseEntry<'_>> + '_ {
        self.log.entries().iter().filter_map(move |e| match &e.event {
            Event::Case(event) if event.case == id => Some(CaseEntry { seq: e.seq, event }),
            _ => None,
        })
    }

    /// What a case owes next (see [`Case::next_due`]).
    pub fn next_due(&self, case: &Case) -> Option<crate::clock::Due> {
        case.next_due(&self.settings.clock, &self.settings.calendar)
    }

    /// The body to propose for the next review of a case (复查, 第三十五条;
    /// 复核, 第三十六条): the one above the body whose decision is under
    /// review (the handling unit, or the 复查 body). `None` when nothing may
    /// be asked for now or that body has no active parent.
    pub fn propose_review_body(&self, case: &Case) -> Option<UnitId> {
        let window = case.review_window(&self.settings.clock, &self.settings.calendar)?;
        let below = match window.level {
            crate::case::ReviewLevel::Review => case.last_handling()?.body,
            crate::case::ReviewLevel::ReReview => {
                case.review(crate::case::ReviewLevel::Review)?.body
            }
        };
        let org = &self.settings.org;
        org.review_body(below).filter(|u| org.unit(*u).is_some_and(|u| u.is_active()))
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
        self.state.registered_per_year.get(&year).copied().unwrap_or(0)
    }

    /// The id the next registered case gets: commands of one batch
    /// ([`Office::execute_all`]) can name a case an earlier one registers.
    pub fn next_case_id(&self) -> CaseId {
        self.state.cases.keys().next_back().map_or(CaseId::new(1), |id| id.next())
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
            let case = self.state.cases.get(&id)?;
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
                .and_then(|id| self.state.cases.get(&id))
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
            let ok = self.state.cases.contains_key(&earlier) && own.is_none_or(|own| earlier < own);
            if !ok {
                return Err(CaseError::BadRepeatLink);
            }
        }
        Ok(())
    }

    /// Refuses to take up again a matter concluded by 复核 (art. 36:
    /// 不再受理 for the same facts and reasons).
    fn refuse_terminated(&self, case: &Case) -> Result<(), CaseError> {
        match self.terminated_matter(&case.intake) {
            Some(t) => Err(CaseError::TerminatedMatter {
                number: t.number.clone(),
                on: t
                    .review(crate::case::ReviewLevel::ReReview)
                    .and_then(|r| r.decision.as_ref())
                    .map_or(t.intake.received_on, |d| d.on),
            }),
            None => Ok(()),
        }
    }

    /// Whether case `id` allows an action of `kind` now, and within which
    /// days ([`Case::opening`]), with the office's own rule on top: a
    /// matter concluded by 复核 is neither routed nor accepted again.
    pub fn opening(&self, id: CaseId, kind: ActionKind) -> Result<Opening, CaseError> {
        let case = self.state.cases.get(&id).ok_or(CaseError::UnknownCase(id))?;
        let opening = case.opening(kind, self.env())?;
        if matches!(kind, ActionKind::Route | ActionKind::Accept) {
            self.refuse_terminated(case)?;
        }
        Ok(opening)
    }

    /// The actions case `id` allows at `now`, in [`ActionKind::ALL`] order:
    /// the question a case page asks before offering a button (nothing is
    /// tried). Empty for an unknown case.
    pub fn allowed_actions(&self, id: CaseId, now: NaiveDateTime) -> Vec<Opening> {
        ActionKind::ALL
            .into_iter()
            .filter_map(|kind| self.opening(id, kind).ok())
            .filter(|o| o.open_on(now.date()))
            .collect()
    }

    fn check_action(
        &self,
        case: &Case,
        action: &Action,
        today: NaiveDate,
    ) -> Result<(), CaseError> {
        let org = &self.settings.org;
        let terminated = |case: &Case| self.refuse_terminated(case);
        match action {
            Action::Amend { intake } => self.check_intake(intake, Some(case.id), today),
            Action::LinkRepeat { earlier } => {
                if !self.state.cases.contains_key(earlier) {
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
                let person =
                    org.person(*approved_by).ok_or(CaseError::UnknownPerson(*approved_by))?;
                // 第三十四条: approved by the head (负责人) of the handling body.
                if let Some(body) = case.current_handling().map(|h| h.body) {
                    if person.unit() != body || person.role() != crate::org::Role::Leader {
                        return Err(CaseError::ExtensionApprover {
                            person: person.name().to_string(),
                            unit: org.unit_name(body),
                        });
                    }
                }
                Ok(())
            }
            Action::RequestReview { body, .. } => self.check_unit(*body).map(|_| ()),
            Action::Supervise { unit, .. } => self.check_unit(*unit).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Refuses a work change that names a case or a work record this
    /// record does not hold: the ledgers cannot tell, the office can (and
    /// a change redone elsewhere must not land on another record's).
    fn check_names(&self, change: &WorkChange) -> Result<(), CaseError> {
        let (cases, records) = change.names();
        if let Some(case) = cases.into_iter().find(|c| !self.state.cases.contains_key(c)) {
            return Err(CaseError::UnknownCase(case));
        }
        if let Some(record) = records.into_iter().find(|r| !self.state.work.has(*r)) {
            let missing = WorkError::NotFound { what: record.what(), id: record.code() };
            return Err(missing.into());
        }
        Ok(())
    }

    /// Decides a command: the events it makes, or why it is refused.
    /// Nothing changes; see [`Office::execute`].
    pub fn decide(&self, command: &Command, now: NaiveDateTime) -> Result<Vec<Event>, CaseError> {
        self.decide_done(command, now).map(|(events, _)| events)
    }

    /// What executing a command would do (the case it registers or acts
    /// on, the work record it adds), or why it is refused; nothing changes.
    /// A form uses it to know, before sending, whether it may close.
    pub fn would_do(&self, command: &Command, now: NaiveDateTime) -> Result<Done, CaseError> {
        self.decide_done(command, now).map(|(_, done)| done)
    }

    /// Decides a registration: checks the intake and numbers the case in
    /// this year, or, for a case from an old ledger, in the year received,
    /// then decides the ledger's dated `steps` in order on the new case
    /// (before the ledger's stated conclusion, which ends it, applies).
    fn decide_registration(
        &self,
        intake: &Intake,
        ledger: Option<Box<LedgerEntry>>,
        steps: &[Action],
        now: NaiveDateTime,
    ) -> Result<(Vec<Event>, Done), CaseError> {
        let today = now.date();
        self.check_intake(intake, None, today)?;
        if let Some(l) = &ledger {
            l.check_lengths()?;
        }
        let id = self.next_case_id();
        let year = crate::lifecycle::numbering_year(now, intake, ledger.as_deref());
        let seq = 1 + self.registered_in(year);
        let number = format!("{}{year}-{seq:05}", self.settings.number_prefix);
        let open = ledger.as_ref().map(|l| Box::new(LedgerEntry { closed: None, ..(**l).clone() }));
        let mut case = Case::registered(id, now, number.clone(), intake.clone(), open);
        let change = Change::Registered { number, intake: intake.clone(), ledger };
        let mut events = vec![Event::Case(CaseEvent { case: id, at: now, change })];
        for step in steps {
            self.check_action(&case, step, today)?;
            for change in case.decide(step, self.env(), now)? {
                case.apply(&change);
                events.push(Event::Case(CaseEvent { case: id, at: now, change }));
            }
        }
        Ok((events, Done::Registered(id)))
    }

    /// Decides a command: its events and what executing it does.
    fn decide_done(
        &self,
        command: &Command,
        now: NaiveDateTime,
    ) -> Result<(Vec<Event>, Done), CaseError> {
        let today = now.date();
        match command {
            Command::Register { intake } => self.decide_registration(intake, None, &[], now),
            Command::Import { intake, ledger, steps } => {
                self.decide_registration(intake, Some(ledger.clone()), steps, now)
            }
            Command::Act { case, action } => {
                let c = self.state.cases.get(case).ok_or(CaseError::UnknownCase(*case))?;
                self.check_action(c, action, today)?;
                let changes = c.decide(action, self.env(), now)?;
                let events = changes
                    .into_iter()
                    .map(|change| Event::Case(CaseEvent { case: *case, at: now, change }))
                    .collect();
                Ok((events, Done::Acted(*case)))
            }
            Command::Work(change) => {
                // Only here, never in the ledgers' own checks, which
                // replaying a stored change runs too (crate::limits).
                crate::limits::Texts::check_lengths(change)?;
                self.check_names(change)?;
                // On a copy of the ledgers: deciding changes nothing.
                let mut trial = State {
                    work: self.state.work.clone(),
                    work_events: self.state.work_events,
                    ..State::default()
                };
                let added = trial.change_work(change.clone())?;
                let event = Event::Work(WorkEvent { at: now, work: change.clone() });
                Ok((vec![event], added.map_or(Done::WorkChanged, Done::Added)))
            }
        }
    }

    /// Applies a decided event: folds it into the cases or the work
    /// ledgers and appends it to the log. An event that does not fit (about
    /// a case never registered, or a work change the ledgers refuse) is
    /// left out: nothing changes.
    pub fn apply(&mut self, event: Event) {
        if self.state.fold(&event).is_ok() {
            self.log.append(event);
        }
    }

    /// Decides and applies a command; says what it did (the case
    /// registered or acted on, the work record added).
    pub fn execute(&mut self, command: Command, now: NaiveDateTime) -> Result<Done, CaseError> {
        let (events, done) = self.decide_done(&command, now)?;
        for e in events {
            self.apply(e);
        }
        Ok(done)
    }

    /// Executes every command in order, all at `now`, or none: on the
    /// first refusal everything is as before and the error names the
    /// command. A command may name a case an earlier one registers (its id
    /// is [`Office::next_case_id`] at that point) or a work record an
    /// earlier one adds.
    pub fn execute_all(
        &mut self,
        commands: impl IntoIterator<Item = Command>,
        now: NaiveDateTime,
    ) -> Result<Vec<Done>, BatchError> {
        // The log only grows: undoing is cutting it back; the state is
        // restored from a copy (smaller than the log).
        let (state, len) = (self.state.clone(), self.log.len());
        let mut done = Vec::new();
        for (index, command) in commands.into_iter().enumerate() {
            match self.execute(command, now) {
                Ok(d) => done.push(d),
                Err(error) => {
                    self.state = state;
                    self.log.truncate(len);
                    return Err(BatchError { index, error });
                }
            }
        }
        Ok(done)
    }

    /// Rebuilds an office from its settings and log: verifies the chain,
    /// then folds every event. An event that does not fit is reported.
    pub fn replay(settings: Settings, log: EventLog) -> Result<Office, LoadError> {
        log.verify()?;
        let mut state = State::default();
        for entry in log.entries() {
            match state.fold(&entry.event) {
                Ok(()) => {}
                Err(Unfit::Orphan(case)) => return Err(LoadError::Orphan { seq: entry.seq, case }),
                Err(Unfit::Work(e)) => {
                    return Err(LoadError::BadWork { seq: entry.seq, why: e.to_string() })
                }
            }
        }
        Ok(Office { settings, log, state })
    }

    /// The stored form: `{"format": "xinfang-office", "format_version": 2,
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
        for case in self.state.cases.values() {
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
    debug_assert!(from < FORMAT_VERSION, "only older versions are migrated");
    if from < 2 {
        upgrade_1_to_2(&value)?;
    }
    // Version 2 → 3: version 3 adds case changes (送达 `delivered`, 签收
    // `signed`, 异议 `objected`) and optional fields left out when empty;
    // every version-2 entry is read and written as it was, so its hash
    // stays. Replies without a delivery count from their day of issue,
    // marked [`crate::case::WindowStart::ReceiptUnknown`].
    if let Some(obj) = value.as_object_mut() {
        obj.insert("format_version".into(), FORMAT_VERSION.into());
    }
    Ok(value)
}

/// Version 1 → 2. Version 2's log also holds work events
/// (`{"at", "work"}`, see [`crate::event`]); a version-1 log holds case
/// events only, written exactly as version 2 writes them, so its entries
/// and hashes are kept as they are. The work ledgers version 1 kept
/// outside the record come in separately, as one
/// [`WorkChange::Adopt`]. A version-1 file whose log holds a work event
/// was not written by version 1: refused.
fn upgrade_1_to_2(value: &serde_json::Value) -> Result<(), LoadError> {
    let entries = value.get("log").and_then(|l| l.as_array());
    let work = entries.into_iter().flatten().find(|e| e.pointer("/event/work").is_some());
    if let Some(entry) = work {
        let seq = entry.get("seq").and_then(|s| s.as_u64()).unwrap_or_default();
        return Err(LoadError::Corrupt(format!(
            "格式版本1的历史记录第{seq}条为工作台账变更，而版本1不在历史记录中保存工作台账"
        )));
    }
    Ok(())
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
