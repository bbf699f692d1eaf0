//! What the office's log records: every change the office makes, to a case
//! ([`CaseEvent`]) or to the work ledgers ([`WorkEvent`]), as one
//! [`Event`] in one hash-chained [`crate::EventLog`] (全程留痕).
//!
//! # Stored form
//!
//! An event is stored as one flat JSON object, the *envelope*, whose
//! fields say which kind it is:
//!
//! ```json
//! {"case":12,"at":"2025-03-03T09:30:00","change":{"change":"accepted",…}}
//! {"at":"2025-03-17T10:00:00","work":{"change":"record_reception","with":{…}}}
//! ```
//!
//! A case event is written exactly as version 1 of the stored form wrote
//! it, byte for byte, so every chain stored before work events existed
//! still verifies: the hash covers the event's JSON. Fields other than
//! `at` are left out when empty, so a field added later the same way (an
//! optional `by`, who acted) changes nothing in the entries without it,
//! and their hashes stay valid.
//!
//! Reading goes straight from the text into the envelope's fields and then
//! into the enum, without buffering each entry (no untagged or flattened
//! enum): a 20,000-case record loads as fast as before (see
//! `examples/load_time.rs`). An envelope that is neither kind, or both, is
//! refused as corrupt.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize, Serializer};

use crate::ids::CaseId;
use crate::lifecycle::{CaseEvent, Change};
use crate::work::change::WorkChange;

/// A change to the work ledgers, recorded at a moment: the
/// [`WorkChange`] as the ledgers accepted it. Replaying it gives the same
/// result, new records included: a ledger hands out ids in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkEvent {
    /// When it was recorded (the clerk's clock, passed in as `now`).
    pub at: NaiveDateTime,
    /// The change.
    pub work: WorkChange,
}

/// One entry's event in the office's log: a change to a case or to the
/// work ledgers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Envelope")]
pub enum Event {
    /// A case was registered or changed.
    Case(CaseEvent),
    /// The work ledgers changed.
    Work(WorkEvent),
}

impl Event {
    /// When it was recorded.
    pub fn at(&self) -> NaiveDateTime {
        match self {
            Event::Case(e) => e.at,
            Event::Work(e) => e.at,
        }
    }

    /// The case it changed, for a case event.
    pub fn case(&self) -> Option<CaseId> {
        self.as_case().map(|e| e.case)
    }

    /// The case event, if it is one.
    pub fn as_case(&self) -> Option<&CaseEvent> {
        match self {
            Event::Case(e) => Some(e),
            Event::Work(_) => None,
        }
    }

    /// The work event, if it is one.
    pub fn as_work(&self) -> Option<&WorkEvent> {
        match self {
            Event::Work(e) => Some(e),
            Event::Case(_) => None,
        }
    }
}

impl From<CaseEvent> for Event {
    fn from(e: CaseEvent) -> Self {
        Event::Case(e)
    }
}

impl From<WorkEvent> for Event {
    fn from(e: WorkEvent) -> Self {
        Event::Work(e)
    }
}

/// The stored form, read: every field a kind of event may have. A new
/// optional field goes here and in [`EnvelopeRef`], left out when empty.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    case: Option<CaseId>,
    at: NaiveDateTime,
    #[serde(default)]
    change: Option<Change>,
    #[serde(default)]
    work: Option<WorkChange>,
}

/// The stored form, written: borrowed, so hashing an entry copies nothing.
/// The field order is version 1's (`case`, `at`, `change`).
#[derive(Serialize)]
struct EnvelopeRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    case: Option<CaseId>,
    at: &'a NaiveDateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'a Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    work: Option<&'a WorkChange>,
}

impl TryFrom<Envelope> for Event {
    type Error = String;

    fn try_from(e: Envelope) -> Result<Self, String> {
        match (e.case, e.change, e.work) {
            (Some(case), Some(change), None) => {
                Ok(Event::Case(CaseEvent { case, at: e.at, change }))
            }
            (None, None, Some(work)) => Ok(Event::Work(WorkEvent { at: e.at, work })),
            _ => {
                Err("历史记录中的事件应为案件变更（case、change）或工作台账变更（work）之一".into())
            }
        }
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let envelope = match self {
            Event::Case(e) => {
                EnvelopeRef { case: Some(e.case), at: &e.at, change: Some(&e.change), work: None }
            }
            Event::Work(e) => {
                EnvelopeRef { case: None, at: &e.at, change: None, work: Some(&e.work) }
            }
        };
        envelope.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::backlog::BacklogCase;
    use crate::work::screening::{Cadence, ScreeningLevel};
    use crate::PersonId;
    use chrono::NaiveDate;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_case_event_is_written_as_version_1_wrote_it() {
        // 30 September 2025, the day before the National Day holiday.
        let on = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        let event = Event::Case(CaseEvent {
            case: CaseId::new(12),
            at: at(9, 30, 16),
            change: Change::Accepted { on, body: crate::UnitId::new(7) },
        });
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(
            json,
            r#"{"case":12,"at":"2025-09-30T16:00:00","change":{"change":"accepted","on":"2025-09-30","body":7}}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_work_event_has_no_case_and_round_trips() {
        let entry = BacklogCase::new(
            CaseId::new(3),
            NaiveDate::from_ymd_opt(2025, 1, 27).unwrap(),
            PersonId::new(2),
            "逐户核实补偿款",
            NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        );
        for work in [
            WorkChange::ListBacklog(entry),
            WorkChange::SetCadence(ScreeningLevel::Village, Cadence::Weekly),
        ] {
            let event = Event::Work(WorkEvent { at: at(1, 27, 9), work });
            let json = serde_json::to_string(&event).unwrap();
            assert!(json.starts_with(r#"{"at":"2025-01-27T09:00:00","work":{"change":"#), "{json}");
            assert!(!json.contains("\"case\":{") && !json.contains("\"case\":null"), "{json}");
            assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
            assert_eq!(event.at(), at(1, 27, 9));
            assert_eq!(event.case(), None);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_envelope_of_neither_or_both_kinds_is_refused() {
        let case = r#""case":1,"change":{"change":"accepted","on":"2025-02-05","body":7}"#;
        let work = r#""work":{"change":"set_cadence","with":["village","weekly"]}"#;
        let at = r#""at":"2025-02-05T10:00:00""#;
        assert!(serde_json::from_str::<Event>(&format!("{{{at},{case}}}")).is_ok());
        assert!(serde_json::from_str::<Event>(&format!("{{{at},{work}}}")).is_ok());
        for bad in [
            format!("{{{at}}}"),
            format!("{{{at},{case},{work}}}"),
            format!(r#"{{{at},"case":1}}"#),
            format!(r#"{{{at},"change":{{"change":"accepted","on":"2025-02-05","body":7}}}}"#),
            format!(r#"{{"case":1,{work}}}"#),
        ] {
            let err = serde_json::from_str::<Event>(&bad).unwrap_err();
            assert!(err.is_data(), "{bad}: {err}");
        }
    }
}
