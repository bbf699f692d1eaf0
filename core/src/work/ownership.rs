//! Leader case ownership (领导包案) with the 五个一: for a hard case, one
//! leader in charge, one work team, one resolution plan, one meeting record
//! and one set of resolution measures.
//!
//! Like the 五定 of an assignment ([`crate::assignment`]), there is a draft
//! that a form fills in over time ([`OwnershipDraft`], what the ledger holds,
//! with [`OwnershipDraft::missing`]) and a complete form that exists only
//! when all five are in place ([`CaseOwnership`]). The fifth item is a set of
//! *resolution* measures (化解措施): seed 002's “稳控措施” (measures to
//! control the petitioner) is deliberately not modelled.

use super::{
    no_duplicates, trim, trim_list, Entry, Ledger, MeetingId, OwnershipId, Rate, Record, WorkError,
};
use crate::ids::{CaseId, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the 五个一.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnershipPart {
    /// 一名包案领导.
    Leader,
    /// 一个工作班子.
    Team,
    /// 一套化解方案.
    Plan,
    /// 一份会议纪要.
    MeetingRecord,
    /// 一套化解措施.
    Measures,
}

impl OwnershipPart {
    /// The five, in their usual order.
    pub const ALL: [OwnershipPart; 5] = [
        OwnershipPart::Leader,
        OwnershipPart::Team,
        OwnershipPart::Plan,
        OwnershipPart::MeetingRecord,
        OwnershipPart::Measures,
    ];

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            OwnershipPart::Leader => "包案领导",
            OwnershipPart::Team => "工作班子",
            OwnershipPart::Plan => "化解方案",
            OwnershipPart::MeetingRecord => "会议纪要",
            OwnershipPart::Measures => "化解措施",
        }
    }
}

impl fmt::Display for OwnershipPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the meeting record of a case ownership is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "ref", rename_all = "snake_case")]
pub enum MeetingRecord {
    /// A meeting in the meeting ledger, whose minutes this is.
    Meeting(MeetingId),
    /// A document kept elsewhere, by its title or number (e.g.
    /// `县信访联席办〔2025〕3号会议纪要`); blank counts as missing.
    Document(String),
}

/// A case ownership as it is being filled in: the ledger's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnershipDraft {
    /// The hard case.
    pub case: CaseId,
    /// The day it was put under a leader's ownership (包案之日).
    pub since: NaiveDate,
    /// 包案领导.
    #[serde(default)]
    pub leader: Option<PersonId>,
    /// The work team's members (工作班子); the leader may be listed too.
    #[serde(default)]
    pub team: Vec<PersonId>,
    /// The resolution plan (化解方案), free text; blank counts as missing.
    #[serde(default)]
    pub plan: String,
    /// The meeting record (会议纪要) that studied the case.
    #[serde(default)]
    pub meeting_record: Option<MeetingRecord>,
    /// The resolution measures (化解措施), one per line; blank lines are dropped.
    #[serde(default)]
    pub measures: Vec<String>,
}

impl OwnershipDraft {
    /// A draft for `case` with nothing fixed yet.
    pub fn new(case: CaseId, since: NaiveDate) -> Self {
        OwnershipDraft {
            case,
            since,
            leader: None,
            team: Vec::new(),
            plan: String::new(),
            meeting_record: None,
            measures: Vec::new(),
        }
    }

    /// The parts still missing, in the order of the 五个一.
    pub fn missing(&self) -> Vec<OwnershipPart> {
        let record_missing = match &self.meeting_record {
            None => true,
            Some(MeetingRecord::Document(title)) => title.trim().is_empty(),
            Some(MeetingRecord::Meeting(_)) => false,
        };
        let missing = [
            self.leader.is_none(),
            self.team.is_empty(),
            self.plan.trim().is_empty(),
            record_missing,
            self.measures.iter().all(|m| m.trim().is_empty()),
        ];
        OwnershipPart::ALL.into_iter().zip(missing).filter(|(_, m)| *m).map(|(p, _)| p).collect()
    }

    /// Whether all five are in place.
    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// The complete form, or the list of what is missing.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft, OwnershipPart};
    /// use xinfang_core::{CaseId, PersonId};
    /// let since = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    /// let mut draft = OwnershipDraft::new(CaseId::new(17), since);
    /// draft.leader = Some(PersonId::new(1));
    /// assert_eq!(
    ///     draft.complete().unwrap_err(),
    ///     [OwnershipPart::Team, OwnershipPart::Plan, OwnershipPart::MeetingRecord, OwnershipPart::Measures]
    /// );
    /// draft.team = vec![PersonId::new(2), PersonId::new(3)];
    /// draft.plan = "核实承包合同，依法确权".into();
    /// draft.meeting_record = Some(MeetingRecord::Document("县联席办〔2025〕3号纪要".into()));
    /// draft.measures = vec!["组织双方现场调解".into()];
    /// assert_eq!(draft.complete().unwrap().leader(), PersonId::new(1));
    /// ```
    pub fn complete(&self) -> Result<CaseOwnership, Vec<OwnershipPart>> {
        let missing = self.missing();
        match (self.leader, &self.meeting_record) {
            (Some(leader), Some(record)) if missing.is_empty() => Ok(CaseOwnership {
                case: self.case,
                since: self.since,
                leader,
                team: self.team.clone(),
                plan: self.plan.trim().to_string(),
                meeting_record: record.clone(),
                measures: self
                    .measures
                    .iter()
                    .map(|m| m.trim())
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect(),
            }),
            _ => Err(missing),
        }
    }
}

impl Record for OwnershipDraft {
    const WHAT: &'static str = "包案记录";
    const LEDGER: &'static str = "领导包案台账";

    fn check(&mut self) -> Result<(), WorkError> {
        no_duplicates(&self.team, "工作班子成员")?;
        trim(&mut self.plan);
        trim_list(&mut self.measures);
        if let Some(MeetingRecord::Document(title)) = &mut self.meeting_record {
            trim(title);
        }
        Ok(())
    }

    fn unique_case(&self) -> Option<CaseId> {
        Some(self.case)
    }
}

/// A case ownership with all of the 五个一 in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseOwnership {
    case: CaseId,
    since: NaiveDate,
    leader: PersonId,
    team: Vec<PersonId>,
    plan: String,
    meeting_record: MeetingRecord,
    measures: Vec<String>,
}

impl CaseOwnership {
    /// The hard case.
    pub fn case(&self) -> CaseId {
        self.case
    }
    /// The day it was put under the leader's ownership.
    pub fn since(&self) -> NaiveDate {
        self.since
    }
    /// 一名包案领导.
    pub fn leader(&self) -> PersonId {
        self.leader
    }
    /// 一个工作班子 (never empty).
    pub fn team(&self) -> &[PersonId] {
        &self.team
    }
    /// 一套化解方案.
    pub fn plan(&self) -> &str {
        &self.plan
    }
    /// 一份会议纪要.
    pub fn meeting_record(&self) -> &MeetingRecord {
        &self.meeting_record
    }
    /// 一套化解措施 (never empty).
    pub fn measures(&self) -> &[String] {
        &self.measures
    }
}

/// The ledger of leader case ownerships: one per case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OwnershipLedger {
    entries: Ledger<OwnershipId, OwnershipDraft>,
}

impl OwnershipLedger {
    /// Puts a case under a leader's ownership (the draft may still lack parts).
    pub fn own(&mut self, draft: OwnershipDraft) -> Result<OwnershipId, WorkError> {
        self.entries.add(draft)
    }

    /// Replaces the draft (filling in the 五个一 as they are fixed).
    pub fn update(&mut self, id: OwnershipId, draft: OwnershipDraft) -> Result<(), WorkError> {
        self.entries.replace(id, draft)
    }

    /// Removes an ownership entered by mistake.
    pub fn remove(&mut self, id: OwnershipId) -> Result<(), WorkError> {
        self.entries.remove(id).map(|_| ())
    }

    /// An ownership.
    pub fn get(&self, id: OwnershipId) -> Option<&Entry<OwnershipId, OwnershipDraft>> {
        self.entries.get(id)
    }

    /// The ownership of a case, if it has one.
    pub fn for_case(&self, case: CaseId) -> Option<&Entry<OwnershipId, OwnershipDraft>> {
        self.entries.iter().find(|e| e.case == case)
    }

    /// Every ownership, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<OwnershipId, OwnershipDraft>> + '_ {
        self.entries.iter()
    }

    /// The ownerships of one leader.
    pub fn of_leader(
        &self,
        leader: PersonId,
    ) -> impl Iterator<Item = &Entry<OwnershipId, OwnershipDraft>> + '_ {
        self.entries.iter().filter(move |e| e.leader == Some(leader))
    }

    /// 五个一落实率 over the ownerships of cases not yet concluded: those
    /// with all five in place / all of them.
    pub fn completeness(&self, concluded: impl Fn(CaseId) -> bool) -> Rate {
        let open: Vec<_> = self.entries.iter().filter(|e| !concluded(e.case)).collect();
        let complete = open.iter().filter(|e| e.is_complete()).count();
        Rate::new(complete as u32, open.len() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn full(case: u32) -> OwnershipDraft {
        OwnershipDraft {
            leader: Some(PersonId::new(1)),
            team: vec![PersonId::new(2), PersonId::new(3)],
            plan: "查清承包合同履行情况，依法依政策提出处理意见".into(),
            meeting_record: Some(MeetingRecord::Meeting(MeetingId::new(1))),
            measures: vec!["组织双方现场调解".into(), "落实困难救助".into()],
            ..OwnershipDraft::new(CaseId::new(case), d(2025, 3, 3))
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn missing_parts_are_listed_in_order() {
        let draft = OwnershipDraft::new(CaseId::new(1), d(2025, 3, 3));
        assert_eq!(draft.missing(), OwnershipPart::ALL);
        let labels: Vec<&str> = draft.missing().iter().map(|p| p.label()).collect();
        assert_eq!(labels, ["包案领导", "工作班子", "化解方案", "会议纪要", "化解措施"]);
        let mut blank = full(1);
        blank.plan = "  ".into();
        blank.meeting_record = Some(MeetingRecord::Document(" ".into()));
        blank.measures = vec![" ".into()];
        assert_eq!(
            blank.missing(),
            [OwnershipPart::Plan, OwnershipPart::MeetingRecord, OwnershipPart::Measures]
        );
        let complete = full(1).complete().unwrap();
        assert_eq!(complete.team(), [PersonId::new(2), PersonId::new(3)]);
        assert_eq!(complete.measures().len(), 2);
        assert_eq!(complete.meeting_record(), &MeetingRecord::Meeting(MeetingId::new(1)));
        assert_eq!((complete.case(), complete.since()), (CaseId::new(1), d(2025, 3, 3)));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn one_ownership_per_case_and_completeness() {
        let mut ledger = OwnershipLedger::default();
        let a = ledger.own(full(1)).unwrap();
        let err = ledger.own(full(1)).unwrap_err();
        assert_eq!(err.to_string(), "案件C1已列入领导包案台账");
        let mut partial = OwnershipDraft::new(CaseId::new(2), d(2025, 3, 5));
        partial.leader = Some(PersonId::new(1));
        let b = ledger.own(partial.clone()).unwrap();
        ledger.own(full(3)).unwrap();
        // Case 3 is concluded: the rate counts the open ownerships 1 and 2.
        let concluded = |c: CaseId| c == CaseId::new(3);
        assert_eq!(ledger.completeness(concluded), Rate::new(1, 2));
        partial.team = vec![PersonId::new(4), PersonId::new(4)];
        assert_eq!(
            ledger.update(b, partial).unwrap_err().to_string(),
            "“工作班子成员”中有重复项：P4"
        );
        assert_eq!(ledger.of_leader(PersonId::new(1)).count(), 3);
        assert_eq!(ledger.for_case(CaseId::new(1)).unwrap().id(), a);
        // Moving ownership 2 onto case 1 is refused too.
        let moved =
            OwnershipDraft { case: CaseId::new(1), ..ledger.get(b).unwrap().data().clone() };
        assert!(matches!(ledger.update(b, moved), Err(WorkError::CaseListed { .. })));
        ledger.remove(a).unwrap();
        assert!(ledger.own(full(1)).is_ok(), "after removal the case may be owned again");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let mut ledger = OwnershipLedger::default();
        ledger.own(full(1)).unwrap();
        let mut doc = full(2);
        doc.meeting_record = Some(MeetingRecord::Document("县联席办〔2025〕3号".into()));
        ledger.own(doc).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.contains(r#""meeting_record":{"kind":"meeting","ref":1}"#), "{json}");
        assert_eq!(serde_json::from_str::<OwnershipLedger>(&json).unwrap(), ledger);
        let twice = json.replace(r#""case":2"#, r#""case":1"#);
        assert!(serde_json::from_str::<OwnershipLedger>(&twice).is_err());
    }
}
