//! # xinfang-core
//!
//! The domain of Chinese petition (信访, letters-and-visits) casework as a
//! pure library: cases and petitioners, channels and content categories,
//! the units and people who handle cases, routing and assignment
//! (分级负责·归口办理, 五定), the statutory clock with China's holiday
//! calendar, the proceedings chain (办理 → 复查 → 复核 → 终结) and
//! supervision.
//!
//! It does no I/O and reads no clock: every decision takes `now` as a
//! parameter, so it runs the same natively, in a browser (wasm32) and in
//! tests, and every result can be reproduced.
//!
//! ## How it fits together
//!
//! An [`Office`] holds the [`Settings`] (organisation, categories, routing
//! rules, calendar, statutory periods), the cases and the work ledgers
//! ([`WorkLedgers`]: receptions, 包案, screening, backlog, meetings, 三无).
//! Every change is a [`Command`] — registering a case, acting on one, or a
//! change to the work ledgers ([`Command::Work`]): [`Office::decide`]
//! checks it against the current state and returns the [`Event`]s it makes
//! ([`CaseEvent`]s or a [`WorkEvent`]) or a [`CaseError`] whose message a
//! clerk can read; [`Office::apply`] folds an event into the state and
//! appends it to the hash-chained [`EventLog`]. [`Office::execute`] does
//! both and says what it did ([`Done`]); [`Office::execute_all`] does a
//! batch, all or nothing; [`Office::rebase`] redoes commands made on
//! another copy of the record, with the ids they made rewritten
//! ([`rebase`]). The log is the history of everything the office did, and
//! the state is its fold. Deadlines are derived on demand:
//! [`Office::next_due`] says what a case owes, by when and from whom.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::{Action, Channel, Command, Intake, Office, Petitioner, Purpose, Settings};
//!
//! let mut office = Office::new(Settings::sample_county());
//! let s = office.settings();
//! let intake = Intake {
//!     received_on: NaiveDate::from_ymd_opt(2025, 9, 26).unwrap(),
//!     channel: Channel::Online,
//!     petitioners: vec![Petitioner::named("张某")],
//!     head_count: 1,
//!     category: s.categories.find("集中供热").unwrap().id(),
//!     purpose: Purpose::Request,
//!     township: s.org.find_unit("城关镇").map(|u| u.id()),
//!     village: "幸福小区".into(),
//!     summary: "小区冬季供暖温度不达标".into(),
//!     content: String::new(),
//!     escalation: None,
//!     accused_unit: None,
//!     repeat_of: None,
//! };
//! // The routing rules propose a unit and say why.
//! let proposal = office.propose_route(&intake).unwrap();
//! assert_eq!(office.settings().org.unit_name(proposal.lead), "县住建局");
//!
//! let now = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap().and_hms_opt(10, 0, 0).unwrap();
//! let id = office.execute(Command::Register { intake }, now).unwrap().case().unwrap();
//! // 15 days from Friday 26 September end on Saturday 11 October, a
//! // make-up working day (调休上班), so the deadline does not move.
//! let due = office.next_due(office.case(id).unwrap()).unwrap();
//! assert_eq!(due.by, NaiveDate::from_ymd_opt(2025, 10, 11).unwrap());
//!
//! // A step the stage does not allow is refused, with a reason.
//! let accept = Command::Act { case: id, action: Action::Accept { on: now.date() } };
//! let err = office.execute(accept, now).unwrap_err();
//! assert_eq!(err.to_string(), "案件当前为“待转送”，不能受理");
//! ```
//!
//! See `examples/walkthrough.rs` for a case taken through assignment,
//! extension, reply and review.
//!
//! ## Crate features
//!
//! None. Dependencies are chrono (without its clock), serde, serde_json,
//! sha2 (the log's hash chain), thiserror, csv and rust_xlsxwriter
//! (exports). Sample data (the seeded generator of the training sandbox)
//! is the `xinfang-sample` crate, on this crate's public API.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod access;
pub mod aliases;
pub mod assignment;
pub mod briefing;
pub mod calendar;
pub mod case;
pub mod category;
pub mod clock;
pub mod cn_text;
pub mod documents;
pub mod error;
pub mod event;
pub mod export;
pub mod goals;
pub mod ids;
pub mod import;
pub mod lifecycle;
pub mod limits;
pub mod log;
pub mod merge;
pub mod metrics;
pub mod office;
pub mod org;
pub mod petition;
/// What an office's old ledger states about an imported case (see [`case::provenance`]).
pub use case::provenance;
pub mod rebase;
pub mod remap;
pub mod routing;
pub mod settings;
pub mod statute;
pub mod work;

pub use assignment::{Assignment, FiveFixes, Fix};
pub use calendar::{Calendar, DayCount, Deadline, HolidayNotice, NoticeError};
pub use case::{Case, Intake, Stage};
pub use category::{Category, CategoryError, CategoryTree};
pub use clock::{ClockRules, Due, DueAction};
pub use error::InputError;
pub use event::{Event, WorkEvent};
pub use goals::{Goal, IndicatorKind, Targets};
pub use ids::{CaseId, CategoryId, PersonId, RuleId, UnitId};
pub use lifecycle::opening::{ActionKind, Opening};
pub use lifecycle::{Action, CaseError, CaseEvent, Change};
pub use log::{Checkpoint, EventLog, Hash};
pub use metrics::{Indicator, Period, Ranking, Report, Scope};
pub use office::{BatchError, Command, Done, LoadError, Office};
pub use org::{OrgError, Organisation, Person, Role, Unit, UnitKind};
pub use petition::{Channel, Escalation, IdNumber, Petitioner, Phone, Purpose};
pub use routing::{
    Condition, Disposal, NewRule, RoutingError, RoutingInput, RoutingProposal, RoutingRules, Rule,
    Target,
};
pub use settings::Settings;
pub use work::{WorkError, WorkLedgers};

/// The README's example, compiled and run as a doc test so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
