//! # xinfang-core
//!
//! The domain of Chinese petition (信访, letters-and-visits) casework, as a
//! pure library: no I/O, no clock reads (time is always a parameter), no UI.
//! It compiles natively and to `wasm32-unknown-unknown`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod category;
pub mod error;
pub mod ids;
pub mod org;
pub mod petition;
pub mod routing;

pub use calendar::{Calendar, DayCount};
pub use error::InputError;
pub use ids::{CaseId, CategoryId, PersonId, RuleId, UnitId};
pub use petition::{Channel, Escalation, IdNumber, Petitioner, Phone, Purpose};
pub use category::{Category, CategoryError, CategoryTree};
pub use org::{OrgError, Organisation, Person, Role, Unit, UnitKind};
pub use routing::{
    Condition, Disposal, NewRule, RoutingError, RoutingInput, RoutingProposal, RoutingRules, Rule,
    Target,
};
