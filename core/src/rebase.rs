//! Redoing commands made on one copy of a record on top of another: the
//! web app's tab whose unsaved commands meet what another tab saved, or
//! any two copies kept in step. [`Office::rebase`] redoes each command in
//! order; records the commands made (cases and work records) get the next
//! ids of the copy they are redone on, and later commands naming them are
//! rewritten to those ids first ([`Command::remap`] with an [`IdMap`]). A
//! command that no longer applies is left out and described in Chinese
//! ([`Command::describe`]), and so is one that names a record whose
//! command was left out.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::rebase::Pending;
//! use xinfang_core::work::backlog::BacklogCase;
//! use xinfang_core::work::change::WorkChange;
//! use xinfang_core::{Command, Done, Intake, Office, Settings};
//!
//! let stored = Office::new(Settings::sample_county());
//! let (mut tab_a, mut tab_b) = (stored.clone(), stored);
//! let now = NaiveDate::from_ymd_opt(2025, 2, 10).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let s = tab_a.settings();
//! let (category, township) = (s.categories.find("拖欠工资").unwrap().id(), s.org.find_unit("河口乡").map(|u| u.id()));
//! let intake = |summary: &str| Intake {
//!     received_on: now.date(),
//!     channel: xinfang_core::Channel::Visit,
//!     petitioners: vec![xinfang_core::Petitioner::named("王某")],
//!     head_count: 1,
//!     category,
//!     purpose: xinfang_core::Purpose::Request,
//!     township,
//!     village: String::new(),
//!     summary: summary.into(),
//!     content: String::new(),
//!     escalation: None,
//!     accused_unit: None,
//!     repeat_of: None,
//! };
//! let leader = tab_a.settings().org.people().next().unwrap().id();
//!
//! // Tab A registers a case and lists it on the backlog ledger, unsaved.
//! let register = Command::Register { intake: intake("拖欠工资三个月") };
//! let done = tab_a.execute(register.clone(), now).unwrap();
//! let case = done.case().unwrap();
//! let entry = BacklogCase::new(case, now.date(), leader, "约谈企业负责人", now.date());
//! let list = Command::Work(WorkChange::ListBacklog(entry));
//! let listed = tab_a.execute(list.clone(), now).unwrap();
//! let pending = [Pending { command: register, at: now, done },
//!                Pending { command: list, at: now, done: listed }];
//!
//! // Tab B saved a case of its own first: A's case becomes the second.
//! tab_b.execute(Command::Register { intake: intake("工程款纠纷") }, now).unwrap();
//! let rebased = tab_b.rebase(&pending);
//! assert!(rebased.refused.is_empty());
//! let moved = rebased.moved.case(case).unwrap();
//! assert_eq!(moved.get(), 2);
//! assert_eq!(tab_b.work().backlog.iter().next().unwrap().case, moved);
//! ```

use std::fmt;

use chrono::NaiveDateTime;

use crate::case::Intake;
use crate::lifecycle::Action;
use crate::office::{Command, Done, Office};
use crate::remap::{IdMap, LostId};

impl IdMap {
    /// Notes what a command made on the first copy (`was`) and on the
    /// other (`now`, `None` when it was left out there). Only a
    /// registration or a new work record makes anything; other outcomes
    /// are ignored.
    pub fn note(&mut self, was: Done, now: Option<Done>) {
        match was {
            Done::Registered(a) => {
                let b = now.and_then(|d| match d {
                    Done::Registered(b) => Some(b),
                    _ => None,
                });
                self.cases.insert(a, b);
            }
            Done::Added(a) => {
                let b = now
                    .and_then(Done::added)
                    .filter(|b| std::mem::discriminant(b) == std::mem::discriminant(&a));
                self.records.insert(a, b);
            }
            Done::Acted(_) | Done::WorkChanged => {}
        }
    }
}

/// A command done on one copy of the record and not yet on the other:
/// what, when, and what it made or touched there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The command.
    pub command: Command,
    /// When it was given (recorded as the events' `at`).
    pub at: NaiveDateTime,
    /// Its outcome on the copy it was done on.
    pub done: Done,
}

/// A command [`Office::rebase`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Its position among the commands given.
    pub index: usize,
    /// What it was ([`Command::describe`]).
    pub what: String,
    /// Why it was left out: the core's message.
    pub why: String,
}

impl fmt::Display for Refused {
    /// `XF2025-00001 受理：案件当前为“已办结”，不能受理`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.what, self.why)
    }
}

/// What [`Office::rebase`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebased {
    /// The commands redone, as redone (ids rewritten) with their outcomes
    /// here, in order.
    pub redone: Vec<Pending>,
    /// The commands left out.
    pub refused: Vec<Refused>,
    /// The ids of what the commands made: which moved, which were lost.
    pub moved: IdMap,
}

impl Command {
    /// What the command does, in Chinese (`登记`, `受理`, `列入积案台账`).
    pub fn label(&self) -> &'static str {
        match self {
            Command::Register { .. } => "登记",
            Command::Import { .. } => "导入",
            Command::Act { action, .. } => action.label(),
            Command::Work(change) => change.describe(),
        }
    }

    /// The command for a message about it, in Chinese:
    /// `登记“拖欠工资三个月”`, `XF2025-00012 受理`, `列入积案台账`.
    pub fn describe(&self, office: &Office) -> String {
        match self {
            Command::Register { intake } => format!("登记“{}”", intake.summary),
            Command::Import { intake, .. } => format!("导入“{}”", intake.summary),
            Command::Act { case, action } => {
                let number =
                    office.case(*case).map_or_else(|| case.to_string(), |c| c.number().into());
                format!("{number} {}", action.label())
            }
            Command::Work(change) => change.describe().to_string(),
        }
    }

    /// The command with the ids of cases and work records rewritten by
    /// `ids` (see the [module](self)); refused when it names one whose
    /// command was left out.
    pub fn remap(&self, ids: &IdMap) -> Result<Command, LostId> {
        Ok(match self {
            Command::Register { intake } => {
                Command::Register { intake: remap_intake(intake, ids)? }
            }
            Command::Import { intake, ledger, steps } => Command::Import {
                intake: remap_intake(intake, ids)?,
                ledger: ledger.clone(),
                steps: steps.iter().map(|a| remap_action(a, ids)).collect::<Result<_, _>>()?,
            },
            Command::Act { case, action } => {
                Command::Act { case: ids.case(*case)?, action: remap_action(action, ids)? }
            }
            Command::Work(change) => Command::Work(change.remap(ids)?),
        })
    }
}

fn remap_intake(intake: &Intake, ids: &IdMap) -> Result<Intake, LostId> {
    let repeat_of = intake.repeat_of.map(|c| ids.case(c)).transpose()?;
    Ok(Intake { repeat_of, ..intake.clone() })
}

/// Every action is named, so a new one that names a case must be added
/// here to compile.
fn remap_action(action: &Action, ids: &IdMap) -> Result<Action, LostId> {
    use Action::{
        Accept, Amend, CloseSupervision, DecideReview, Decline, Deliver, Direct, Extend, FollowUp,
        LinkRepeat, Object, Rate, RecordHearing, Reply, RequestReview, Route, SendBack, Settle,
        Sign, Supervise,
    };
    Ok(match action {
        Amend { intake } => Amend { intake: remap_intake(intake, ids)? },
        LinkRepeat { earlier } => LinkRepeat { earlier: ids.case(*earlier)? },
        Route { .. }
        | Decline { .. }
        | Accept { .. }
        | Direct { .. }
        | Extend { .. }
        | Reply { .. }
        | SendBack { .. }
        | RequestReview { .. }
        | RecordHearing { .. }
        | DecideReview { .. }
        | Supervise { .. }
        | CloseSupervision { .. }
        | FollowUp { .. }
        | Rate { .. }
        | Deliver { .. }
        | Sign { .. }
        | Object { .. }
        | Settle { .. } => action.clone(),
    })
}

impl Office {
    /// Redoes `pending` (commands done on another copy of this record) on
    /// this record, in order, each at its own time: see the
    /// [module](crate::rebase). What still applies is applied here; what
    /// does not is left out and described.
    pub fn rebase(&mut self, pending: &[Pending]) -> Rebased {
        let mut ids = IdMap::new();
        let mut redone = Vec::with_capacity(pending.len());
        let mut refused = Vec::new();
        for (index, p) in pending.iter().enumerate() {
            let outcome = match p.command.remap(&ids) {
                Err(lost) => Err((p.command.label().to_string(), lost.to_string())),
                Ok(command) => match self.execute(command.clone(), p.at) {
                    Ok(done) => Ok(Pending { command, at: p.at, done }),
                    Err(e) => Err((command.describe(self), e.to_string())),
                },
            };
            match outcome {
                Ok(again) => {
                    ids.note(p.done, Some(again.done));
                    redone.push(again);
                }
                Err((what, why)) => {
                    ids.note(p.done, None);
                    refused.push(Refused { index, what, why });
                }
            }
        }
        Rebased { redone, refused, moved: ids }
    }
}
