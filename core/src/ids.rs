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

/// Other modules with ids of their own (the work ledgers) use the same macro.
pub(crate) use id_type;

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
