//! The spellings an office's old ledgers use for its channels, categories,
//! units and townships (`城关镇政府` for 城关镇, `来访(集体)` for a
//! collective visit): what each remembered value means ([`ValueAliases`],
//! kept in [`crate::Settings`]), learnt from the clerk's choices when a
//! ledger is imported ([`crate::import::values`]).

use serde::{Deserialize, Serialize};

use crate::ids::{CategoryId, UnitId};
use crate::petition::Channel;

/// A column whose values name something the office keeps a list of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueField {
    /// 信访形式.
    Channel,
    /// 问题类别.
    Category,
    /// 责任单位.
    Unit,
    /// 乡镇（街道）.
    Township,
}

impl ValueField {
    /// Every value field, in display order.
    pub const ALL: [ValueField; 4] =
        [ValueField::Channel, ValueField::Category, ValueField::Unit, ValueField::Township];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ValueField::Channel => "信访形式",
            ValueField::Category => "问题类别",
            ValueField::Unit => "责任单位",
            ValueField::Township => "乡镇（街道）",
        }
    }

    /// Whether the clerk may create a new entry for the value.
    pub fn can_create(self) -> bool {
        !matches!(self, ValueField::Channel)
    }
}

/// What a value stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Target {
    /// A channel; `collective` for a visit by five or more (集体访).
    Channel {
        /// The channel.
        channel: Channel,
        /// A collective visit: the head count is at least 5.
        collective: bool,
    },
    /// A category.
    Category {
        /// The category.
        category: CategoryId,
    },
    /// A unit (for 责任单位) or a township (for 乡镇).
    Unit {
        /// The unit.
        unit: UnitId,
    },
}

/// A value the office remembers meaning a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The column.
    pub field: ValueField,
    /// The value as written (trimmed).
    pub value: String,
    /// What it means.
    pub target: Target,
}

/// The spellings an office's ledgers use, learnt from its imports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueAliases {
    /// Every remembered alias, the latest last.
    pub aliases: Vec<Alias>,
}

impl ValueAliases {
    /// What `value` of `field` means, if remembered.
    pub fn get(&self, field: ValueField, value: &str) -> Option<Target> {
        let value = value.trim();
        self.aliases.iter().rev().find(|a| a.field == field && a.value == value).map(|a| a.target)
    }

    /// Remembers (or replaces) what `value` of `field` means.
    pub fn set(&mut self, field: ValueField, value: &str, target: Target) {
        let value = value.trim().to_string();
        self.aliases.retain(|a| !(a.field == field && a.value == value));
        self.aliases.push(Alias { field, value, target });
    }
}
