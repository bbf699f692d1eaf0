//! Everything an office configures: its organisation, content categories,
//! routing rules, holiday calendar, statutory periods, case-number prefix
//! and the goals of its indicators ([`Settings`]), kept with the record.

use crate::aliases::ValueAliases;
use crate::calendar::Calendar;
use crate::category::CategoryTree;
use crate::clock::ClockRules;
use crate::goals::Targets;
use crate::org::Organisation;
use crate::routing::RoutingRules;
use serde::{Deserialize, Serialize};

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
    /// The spellings of channels, categories and units the office's old
    /// ledgers use, learnt from its imports ([`crate::aliases`]).
    #[serde(default)]
    pub aliases: ValueAliases,
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
            aliases: ValueAliases::default(),
        }
    }
}
