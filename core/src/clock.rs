//! The statutory clock: the periods of each stage (configurable, defaults
//! from the 2005 and 2022 regulations) and what a case owes next, by when.

use crate::calendar::{Calendar, DayCount};
use crate::error::InputError;
use crate::ids::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The length of every statutory period, in days counted as `count` says.
///
/// The defaults are the regulations' (see `domain.md`): 15 days to register
/// and route, 15 to decide acceptance, 60 to reply (plus one extension of at
/// most 30), 30 to ask for a review and 30 to decide it, the same for the
/// re-review; the 30-day rating window is a local rule and configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRules {
    /// Calendar or working days.
    pub count: DayCount,
    /// The petition office registers and routes (转送/交办) or tells the
    /// petitioner where to go, counted from receipt.
    pub route_days: u32,
    /// The receiving body decides whether to accept, from its receipt.
    pub accept_days: u32,
    /// Handling and written reply, from acceptance.
    pub reply_days: u32,
    /// The longest single extension of the reply period.
    pub max_extension_days: u32,
    /// The petitioner may ask for 复查/复核 within this many days of the
    /// reply or review decision.
    pub request_review_days: u32,
    /// The review body decides 复查/复核 within this many days of the request.
    pub review_days: u32,
    /// The petitioner may rate the handling within this many days of the reply.
    pub rating_window_days: u32,
}

impl Default for ClockRules {
    fn default() -> Self {
        ClockRules {
            count: DayCount::Calendar,
            route_days: 15,
            accept_days: 15,
            reply_days: 60,
            max_extension_days: 30,
            request_review_days: 30,
            review_days: 30,
            rating_window_days: 30,
        }
    }
}

impl ClockRules {
    /// Checks that every period is between 1 and 365 days.
    pub fn validate(&self) -> Result<(), InputError> {
        let fields = [
            ("登记转送期限", self.route_days),
            ("受理告知期限", self.accept_days),
            ("办理答复期限", self.reply_days),
            ("最长延期", self.max_extension_days),
            ("申请复查/复核期限", self.request_review_days),
            ("复查/复核期限", self.review_days),
            ("满意度评价期限", self.rating_window_days),
        ];
        for (field, value) in fields {
            if !(1..=365).contains(&value) {
                return Err(InputError::OutOfRange {
                    field,
                    value: value.into(),
                    min: 1,
                    max: 365,
                });
            }
        }
        Ok(())
    }

    /// The last day of a period of `days` starting after `start`.
    pub fn period_end(&self, calendar: &Calendar, start: NaiveDate, days: u32) -> NaiveDate {
        calendar.deadline(start, days, self.count)
    }
}

/// Something a case owes, with the body that owes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueAction {
    /// The petition office must route the case or tell the petitioner where to go.
    Route,
    /// The receiving body must decide acceptance and notify in writing.
    DecideAcceptance,
    /// The handling body must reply in writing (处理意见书).
    Reply,
    /// The 复查 body must decide.
    DecideReview,
    /// The 复核 body must decide.
    DecideReReview,
}

impl DueAction {
    /// The Chinese name of the obligation.
    pub fn label(self) -> &'static str {
        match self {
            DueAction::Route => "登记转送",
            DueAction::DecideAcceptance => "受理告知",
            DueAction::Reply => "办理答复",
            DueAction::DecideReview => "复查决定",
            DueAction::DecideReReview => "复核决定",
        }
    }
}

impl fmt::Display for DueAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a case owes next and by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// The obligation.
    pub action: DueAction,
    /// The last day on which it is on time.
    pub by: NaiveDate,
    /// The body that owes it (`None` for the petition office before routing).
    pub body: Option<UnitId>,
    /// Its period crosses a year without holiday data: counted with plain
    /// weeks, it may move once the year's notice is entered
    /// ([`crate::Calendar::is_provisional`], [`crate::Deadline::PROVISIONAL_NOTE`]).
    #[serde(default)]
    pub provisional: bool,
}

impl Due {
    /// Whether the obligation is late on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        today > self.by
    }

    /// Calendar days late on `today` (0 when on time).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.by).num_days().max(0)
    }

    /// Calendar days left on `today`, counting the last day (0 when late).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.by - today).num_days().max(-1) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn due_counts_days_left_and_late() {
        let due =
            Due { action: DueAction::Reply, by: d(2025, 3, 10), body: None, provisional: false };
        // On the last day one day is left and nothing is late.
        assert_eq!((due.days_left(d(2025, 3, 10)), due.days_overdue(d(2025, 3, 10))), (1, 0));
        assert!(!due.is_overdue(d(2025, 3, 10)));
        assert_eq!((due.days_left(d(2025, 3, 1)), due.days_overdue(d(2025, 3, 1))), (10, 0));
        assert_eq!((due.days_left(d(2025, 3, 13)), due.days_overdue(d(2025, 3, 13))), (0, 3));
        assert!(due.is_overdue(d(2025, 3, 11)));
        assert_eq!(DueAction::DecideReReview.to_string(), "复核决定");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rules_are_validated() {
        assert!(ClockRules::default().validate().is_ok());
        let bad = ClockRules { reply_days: 0, ..ClockRules::default() };
        assert_eq!(bad.validate().unwrap_err().to_string(), "“办理答复期限”应在1到365之间，现为0");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn defaults_are_the_regulations() {
        let r = ClockRules::default();
        assert_eq!(
            (
                r.route_days,
                r.accept_days,
                r.reply_days,
                r.max_extension_days,
                r.request_review_days,
                r.review_days
            ),
            (15, 15, 60, 30, 30, 30)
        );
        assert_eq!(r.count, DayCount::Calendar);
    }
}
