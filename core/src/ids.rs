//! Newtype identifiers: every entity is named by its own id type, never by a
//! bare integer or a position in a list.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            /// Wraps a raw number. Ids are handed out by their registry or
            /// ledger from a monotonic counter, so a number is never reused.
            pub const fn new(raw: u32) -> Self {
                Self(raw)
            }

            /// The raw number, e.g. for keys in storage.
            pub const fn get(self) -> u32 {
                self.0
            }

            /// The id after this one.
            pub const fn next(self) -> Self {
                Self(self.0 + 1)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }
    };
}

id_type!(
    /// A case (信访事项).
    CaseId,
    "C"
);
id_type!(
    /// A unit of the organisation: the petition office, a township, a county
    /// department, or a body above (county government, city bureau).
    UnitId,
    "U"
);
id_type!(
    /// A person of the organisation: a leader or a case handler.
    PersonId,
    "P"
);
id_type!(
    /// A node of the content-category tree (内容分类).
    CategoryId,
    "K"
);
id_type!(
    /// A routing rule.
    RuleId,
    "R"
);

// The work ledgers' records (see `crate::work`).

id_type!(
    /// A rule of the reception rota (接待排班规则).
    RotaRuleId,
    "PB"
);
id_type!(
    /// A recorded leader reception (接待记录).
    ReceptionId,
    "JD"
);
id_type!(
    /// A leader's ownership of a hard case (领导包案).
    OwnershipId,
    "BA"
);
id_type!(
    /// A screening round (排查记录).
    RoundId,
    "PC"
);
id_type!(
    /// An entry of the hotspot ledger (矛盾纠纷台账).
    HotspotId,
    "RD"
);
id_type!(
    /// An entry of the backlog ledger (积案台账).
    BacklogId,
    "JA"
);
id_type!(
    /// A meeting (联席会议、协调会、领导小组会议).
    MeetingId,
    "HY"
);

/// The id a change gave a new record: which kind of record, and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Added {
    /// A rota rule.
    RotaRule(RotaRuleId),
    /// A reception.
    Reception(ReceptionId),
    /// An ownership.
    Ownership(OwnershipId),
    /// A screening round.
    Round(RoundId),
    /// A hotspot.
    Hotspot(HotspotId),
    /// A backlog entry.
    Backlog(BacklogId),
    /// A meeting.
    Meeting(MeetingId),
}

impl Added {
    /// The kind of record in Chinese (`接待记录`).
    pub fn what(self) -> &'static str {
        match self {
            Added::RotaRule(_) => "接待排班规则",
            Added::Reception(_) => "接待记录",
            Added::Ownership(_) => "包案记录",
            Added::Round(_) => "排查记录",
            Added::Hotspot(_) => "矛盾纠纷",
            Added::Backlog(_) => "积案",
            Added::Meeting(_) => "会议",
        }
    }
}

impl Added {
    /// The id as shown (`JD5`).
    pub fn code(self) -> String {
        match self {
            Added::RotaRule(id) => id.to_string(),
            Added::Reception(id) => id.to_string(),
            Added::Ownership(id) => id.to_string(),
            Added::Round(id) => id.to_string(),
            Added::Hotspot(id) => id.to_string(),
            Added::Backlog(id) => id.to_string(),
            Added::Meeting(id) => id.to_string(),
        }
    }
}

impl fmt::Display for Added {
    /// `接待记录JD5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.what(), self.code())
    }
}

/// The id type of a kind of work record, as [`Added`] names it: lets an
/// [`IdMap`] translate any of them.
pub trait RecordId: Copy {
    /// The id as an [`Added`].
    fn added(self) -> Added;
    /// The id, when `added` names a record of this kind.
    fn from_added(added: Added) -> Option<Self>;
}

macro_rules! record_id {
    ($($id:ident => $kind:ident),* $(,)?) => {$(
        impl RecordId for $id {
            fn added(self) -> Added {
                Added::$kind(self)
            }
            fn from_added(added: Added) -> Option<Self> {
                match added {
                    Added::$kind(id) => Some(id),
                    _ => None,
                }
            }
        }
    )*};
}

record_id!(
    RotaRuleId => RotaRule,
    ReceptionId => Reception,
    OwnershipId => Ownership,
    RoundId => Round,
    HotspotId => Hotspot,
    BacklogId => Backlog,
    MeetingId => Meeting,
);
