//! The holiday calendar and the statutory clock's day counting (民法典
//! arts. 201 and 203): periods start the day after the event, and a period
//! whose last day is not a working day ends on the next working day.

// INTERFACE STUB — implementation in progress by the calendar helper.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Calendar days (the regulations' default).
    #[default]
    Calendar,
    /// Working days (some local rules).
    Working,
}

/// China's public holidays and make-up working days (调休), per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {}

impl Calendar {
    /// The bundled calendar of China, 2005 through 2026.
    pub fn china() -> Self {
        todo!()
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        let _ = date;
        todo!()
    }

    /// The last day of a period of `days` days that starts after `start`.
    pub fn deadline(&self, start: NaiveDate, days: u32, count: DayCount) -> NaiveDate {
        let _ = (start, days, count);
        todo!()
    }
}
