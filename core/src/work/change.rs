//! Every change to the work ledgers as data ([`WorkChange`]), applied by
//! [`WorkLedgers::change`].
//!
//! The ledgers' own methods stay the way to change them in code; this enum
//! names each of those calls so a change can be kept, described and done
//! again. The office records every accepted change in its log
//! ([`crate::Command::Work`], a [`crate::event::WorkEvent`]) and rebuilds
//! the ledgers from it like the cases. A change redone on another copy of
//! the record ([`crate::Office::rebase`]) has the ids of records made by
//! earlier redone changes rewritten first ([`WorkChange::remap`]); one that
//! no longer applies (its record was removed meanwhile) is refused with the
//! ledger's message and named by [`WorkChange::describe`].
//!
//! Ledgers kept outside the log by earlier versions come in once, whole, as
//! [`WorkChange::Adopt`].
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::work::change::WorkChange;
//! use xinfang_core::ids::Added;
//! use xinfang_core::work::backlog::BacklogCase;
//! use xinfang_core::{CaseId, Organisation, WorkLedgers};
//!
//! let org = Organisation::sample_county();
//! let leader = org.people().find(|p| p.name() == "于振华").unwrap().id();
//! let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
//!
//! let entry = BacklogCase::new(CaseId::new(7), date(1, 6), leader, "逐户核实补偿款", date(3, 31));
//! let mut work = WorkLedgers::default();
//! let change = WorkChange::ListBacklog(entry);
//! assert_eq!(change.describe(), "列入积案台账");
//! let added = work.change(change.clone()).unwrap();
//! assert!(matches!(added, Some(Added::Backlog(_))));
//! // Listing the same case twice is refused with the ledger's message.
//! assert_eq!(work.change(change).unwrap_err().to_string(), "案件C7已列入积案台账");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::backlog::{BacklogCase, BacklogStatus};
use super::meeting::Meeting;
use super::ownership::{MeetingRecord, OwnershipDraft};
use super::reception::{CaseLink, Reception, RotaRule};
use super::screening::{
    Cadence, Hotspot, HotspotStatus, ScreeningLevel, ScreeningRound, SensitivePeriod, Village,
};
use super::three_none::IrregularVisits;
use super::{
    BacklogId, HotspotId, MeetingId, OwnershipId, ReceptionId, RotaRuleId, RoundId, WorkError,
    WorkLedgers, WorkTargets,
};
use crate::ids::{Added, RecordId};
use crate::ids::{CaseId, UnitId};
use crate::remap::{IdMap, LostId};
use std::cell::RefCell;
use std::convert::Infallible;

/// One change to the work ledgers: each variant is one of the ledgers'
/// checked methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", content = "with", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WorkChange {
    /// Adds a rule to the reception rota.
    AddRotaRule(RotaRule),
    /// Corrects a rota rule.
    UpdateRotaRule(RotaRuleId, RotaRule),
    /// Ends a rota rule on a day (kept for the past).
    EndRotaRule(RotaRuleId, NaiveDate),
    /// Removes a rota rule entered by mistake.
    RemoveRotaRule(RotaRuleId),
    /// Records a reception held.
    RecordReception(Reception),
    /// Corrects a reception.
    UpdateReception(ReceptionId, Reception),
    /// Removes a reception entered by mistake.
    RemoveReception(ReceptionId),
    /// Links a case to a reception (registered there, or taken over).
    LinkReceptionCase(ReceptionId, CaseLink),
    /// A leader takes a hard case (领导包案).
    Own(OwnershipDraft),
    /// Corrects or completes an ownership (the 五个一).
    UpdateOwnership(OwnershipId, OwnershipDraft),
    /// Removes an ownership entered by mistake.
    RemoveOwnership(OwnershipId),
    /// Sets how often a level screens.
    SetCadence(ScreeningLevel, Cadence),
    /// Adds a sensitive period (daily screening).
    AddSensitivePeriod(SensitivePeriod),
    /// Removes a sensitive period equal to this one.
    RemoveSensitivePeriod(SensitivePeriod),
    /// Registers a village (社区) to screen.
    AddVillage(Village),
    /// Removes a registered village.
    RemoveVillage(Village),
    /// Records a screening round.
    RecordRound(ScreeningRound),
    /// Corrects a screening round.
    UpdateRound(RoundId, ScreeningRound),
    /// Removes a round entered by mistake (unless a hotspot cites it).
    RemoveRound(RoundId),
    /// Puts a hotspot on the ledger.
    AddHotspot(Hotspot),
    /// Corrects a hotspot.
    UpdateHotspot(HotspotId, Hotspot),
    /// Moves a hotspot to another status.
    SetHotspotStatus(HotspotId, HotspotStatus),
    /// Records the case a hotspot became (or clears it).
    LinkHotspotCase(HotspotId, Option<CaseId>),
    /// Removes a hotspot entered by mistake.
    RemoveHotspot(HotspotId),
    /// Lists a case on the backlog ledger.
    ListBacklog(BacklogCase),
    /// Corrects a backlog entry.
    UpdateBacklog(BacklogId, BacklogCase),
    /// Moves a backlog entry to another status.
    SetBacklogStatus(BacklogId, BacklogStatus),
    /// Records (or clears) the petitioner's acceptance (息诉罢访).
    SetBacklogAccepted(BacklogId, Option<NaiveDate>),
    /// Removes a backlog entry made by mistake.
    RemoveBacklog(BacklogId),
    /// Records a meeting.
    AddMeeting(Meeting),
    /// Corrects a meeting (attendees, cases, decisions, minutes text).
    UpdateMeeting(MeetingId, Meeting),
    /// Marks decision `no` (from 1) of a meeting done on a day, or not done.
    SetDecisionDone(MeetingId, usize, Option<NaiveDate>),
    /// Removes a meeting entered by mistake (unless an ownership cites it).
    RemoveMeeting(MeetingId),
    /// Records the irregular visits of a township in a period.
    RecordIrregularVisits(IrregularVisits),
    /// Removes the count of a township for exactly these dates.
    RemoveIrregularVisits(UnitId, NaiveDate, NaiveDate),
    /// Replaces the work targets.
    SetTargets(WorkTargets),
    /// Takes in whole the ledgers an earlier version kept outside the log
    /// (the browser's separate snapshot, a version-1 backup). Only into
    /// empty ledgers; the office also refuses it once its log holds any
    /// work change ([`crate::CaseError::WorkAlreadyRecorded`]).
    Adopt(Box<WorkLedgers>),
}

impl WorkChange {
    /// What the change does, in Chinese, for messages (`登记接待记录`).
    pub fn describe(&self) -> &'static str {
        use WorkChange::{
            AddHotspot, AddMeeting, AddRotaRule, AddSensitivePeriod, AddVillage, Adopt,
            EndRotaRule, LinkHotspotCase, LinkReceptionCase, ListBacklog, Own,
            RecordIrregularVisits, RecordReception, RecordRound, RemoveBacklog, RemoveHotspot,
            RemoveIrregularVisits, RemoveMeeting, RemoveOwnership, RemoveReception, RemoveRotaRule,
            RemoveRound, RemoveSensitivePeriod, RemoveVillage, SetBacklogAccepted,
            SetBacklogStatus, SetCadence, SetDecisionDone, SetHotspotStatus, SetTargets,
            UpdateBacklog, UpdateHotspot, UpdateMeeting, UpdateOwnership, UpdateReception,
            UpdateRotaRule, UpdateRound,
        };
        match self {
            AddRotaRule(_) => "新增接待排班",
            UpdateRotaRule(..) => "修改接待排班",
            EndRotaRule(..) => "停止接待排班",
            RemoveRotaRule(_) => "删除接待排班",
            RecordReception(_) => "登记接待记录",
            UpdateReception(..) => "修改接待记录",
            RemoveReception(_) => "删除接待记录",
            LinkReceptionCase(..) => "关联接待案件",
            Own(_) => "登记领导包案",
            UpdateOwnership(..) => "修改领导包案",
            RemoveOwnership(_) => "删除领导包案",
            SetCadence(..) => "设置排查频次",
            AddSensitivePeriod(_) => "新增敏感时期",
            RemoveSensitivePeriod(_) => "删除敏感时期",
            AddVillage(_) => "新增排查村（社区）",
            RemoveVillage(_) => "删除排查村（社区）",
            RecordRound(_) => "登记排查记录",
            UpdateRound(..) => "修改排查记录",
            RemoveRound(_) => "删除排查记录",
            AddHotspot(_) => "登记矛盾纠纷",
            UpdateHotspot(..) => "修改矛盾纠纷",
            SetHotspotStatus(..) => "变更矛盾纠纷状态",
            LinkHotspotCase(..) => "关联矛盾纠纷案件",
            RemoveHotspot(_) => "删除矛盾纠纷",
            ListBacklog(_) => "列入积案台账",
            UpdateBacklog(..) => "修改积案台账",
            SetBacklogStatus(..) => "变更积案状态",
            SetBacklogAccepted(..) => "登记息诉罢访",
            RemoveBacklog(_) => "删除积案台账",
            AddMeeting(_) => "登记会议",
            UpdateMeeting(..) => "修改会议",
            SetDecisionDone(..) => "登记会议决定落实",
            RemoveMeeting(_) => "删除会议",
            RecordIrregularVisits(_) => "登记非正常上访",
            RemoveIrregularVisits(..) => "删除非正常上访记录",
            SetTargets(_) => "修改工作目标",
            Adopt(_) => "并入早先保存的工作台账",
        }
    }

    /// The change with the ids of cases and work records rewritten by
    /// `ids`: for redoing it on another copy of the record, where records
    /// made by earlier redone commands got other ids. Refused when it names
    /// one that could not be redone. A whole adopted snapshot keeps its own
    /// ids.
    pub fn remap(&self, ids: &IdMap) -> Result<WorkChange, LostId> {
        self.map_ids(&|case| ids.case(case), &|record| ids.added(record))
    }

    /// The cases and work records the change names (the one it changes
    /// and those its record refers to), in order; none for an adopted
    /// snapshot.
    pub fn names(&self) -> (Vec<CaseId>, Vec<Added>) {
        let (cases, records) = (RefCell::new(Vec::new()), RefCell::new(Vec::new()));
        let seen = self.map_ids::<Infallible>(
            &|case| {
                cases.borrow_mut().push(case);
                Ok(case)
            },
            &|record| {
                records.borrow_mut().push(record);
                Ok(record)
            },
        );
        debug_assert!(seen.is_ok());
        (cases.into_inner(), records.into_inner())
    }

    /// The change with every case id passed through `case` and every work
    /// record id through `record`. Every variant is named, so a new one
    /// that names a case or record must be added here to compile.
    fn map_ids<E>(
        &self,
        case: &dyn Fn(CaseId) -> Result<CaseId, E>,
        record: &dyn Fn(Added) -> Result<Added, E>,
    ) -> Result<WorkChange, E> {
        use WorkChange::{
            AddHotspot, AddMeeting, AddRotaRule, AddSensitivePeriod, AddVillage, Adopt,
            EndRotaRule, LinkHotspotCase, LinkReceptionCase, ListBacklog, Own,
            RecordIrregularVisits, RecordReception, RecordRound, RemoveBacklog, RemoveHotspot,
            RemoveIrregularVisits, RemoveMeeting, RemoveOwnership, RemoveReception, RemoveRotaRule,
            RemoveRound, RemoveSensitivePeriod, RemoveVillage, SetBacklogAccepted,
            SetBacklogStatus, SetCadence, SetDecisionDone, SetHotspotStatus, SetTargets,
            UpdateBacklog, UpdateHotspot, UpdateMeeting, UpdateOwnership, UpdateReception,
            UpdateRotaRule, UpdateRound,
        };
        fn id<I: RecordId, E>(id: I, record: &dyn Fn(Added) -> Result<Added, E>) -> Result<I, E> {
            record(id.added()).map(|a| I::from_added(a).unwrap_or(id))
        }
        let link = |l: CaseLink| Ok(CaseLink { case: case(l.case)?, ..l });
        let reception = |mut r: Reception| {
            r.cases = r.cases.into_iter().map(link).collect::<Result<_, E>>()?;
            Ok(r)
        };
        let ownership = |mut o: OwnershipDraft| {
            o.case = case(o.case)?;
            if let Some(MeetingRecord::Meeting(m)) = &mut o.meeting_record {
                *m = id(*m, record)?;
            }
            Ok(o)
        };
        let hotspot = |mut h: Hotspot| {
            h.round = h.round.map(|r| id(r, record)).transpose()?;
            h.case = h.case.map(case).transpose()?;
            Ok(h)
        };
        let backlog = |b: BacklogCase| Ok(BacklogCase { case: case(b.case)?, ..b });
        let meeting = |mut m: Meeting| {
            m.cases = m.cases.into_iter().map(case).collect::<Result<_, E>>()?;
            Ok(m)
        };
        Ok(match self.clone() {
            // No ids of cases or records.
            c @ (AddRotaRule(_)
            | SetCadence(..)
            | AddSensitivePeriod(_)
            | RemoveSensitivePeriod(_)
            | AddVillage(_)
            | RemoveVillage(_)
            | RecordRound(_)
            | RecordIrregularVisits(_)
            | RemoveIrregularVisits(..)
            | SetTargets(_)
            | Adopt(_)) => c,
            UpdateRotaRule(r, rule) => UpdateRotaRule(id(r, record)?, rule),
            EndRotaRule(r, until) => EndRotaRule(id(r, record)?, until),
            RemoveRotaRule(r) => RemoveRotaRule(id(r, record)?),
            RecordReception(r) => RecordReception(reception(r)?),
            UpdateReception(r, data) => UpdateReception(id(r, record)?, reception(data)?),
            RemoveReception(r) => RemoveReception(id(r, record)?),
            LinkReceptionCase(r, l) => LinkReceptionCase(id(r, record)?, link(l)?),
            Own(o) => Own(ownership(o)?),
            UpdateOwnership(r, o) => UpdateOwnership(id(r, record)?, ownership(o)?),
            RemoveOwnership(r) => RemoveOwnership(id(r, record)?),
            UpdateRound(r, round) => UpdateRound(id(r, record)?, round),
            RemoveRound(r) => RemoveRound(id(r, record)?),
            AddHotspot(h) => AddHotspot(hotspot(h)?),
            UpdateHotspot(r, h) => UpdateHotspot(id(r, record)?, hotspot(h)?),
            SetHotspotStatus(r, status) => SetHotspotStatus(id(r, record)?, status),
            LinkHotspotCase(r, c) => LinkHotspotCase(id(r, record)?, c.map(case).transpose()?),
            RemoveHotspot(r) => RemoveHotspot(id(r, record)?),
            ListBacklog(b) => ListBacklog(backlog(b)?),
            UpdateBacklog(r, b) => UpdateBacklog(id(r, record)?, backlog(b)?),
            SetBacklogStatus(r, status) => SetBacklogStatus(id(r, record)?, status),
            SetBacklogAccepted(r, on) => SetBacklogAccepted(id(r, record)?, on),
            RemoveBacklog(r) => RemoveBacklog(id(r, record)?),
            AddMeeting(m) => AddMeeting(meeting(m)?),
            UpdateMeeting(r, m) => UpdateMeeting(id(r, record)?, meeting(m)?),
            SetDecisionDone(r, no, on) => SetDecisionDone(id(r, record)?, no, on),
            RemoveMeeting(r) => RemoveMeeting(id(r, record)?),
        })
    }
}

impl WorkLedgers {
    /// Whether the ledgers hold this record.
    pub fn has(&self, record: Added) -> bool {
        match record {
            Added::RotaRule(id) => self.reception.rule(id).is_some(),
            Added::Reception(id) => self.reception.reception(id).is_some(),
            Added::Ownership(id) => self.ownership.get(id).is_some(),
            Added::Round(id) => self.screening.round(id).is_some(),
            Added::Hotspot(id) => self.screening.hotspot(id).is_some(),
            Added::Backlog(id) => self.backlog.get(id).is_some(),
            Added::Meeting(id) => self.meetings.get(id).is_some(),
        }
    }

    /// Applies one change through the ledger's checked method; on a
    /// refusal nothing changed. Returns the id a new record got.
    pub fn change(&mut self, change: WorkChange) -> Result<Option<Added>, WorkError> {
        use WorkChange::{
            AddHotspot, AddMeeting, AddRotaRule, AddSensitivePeriod, AddVillage, Adopt,
            EndRotaRule, LinkHotspotCase, LinkReceptionCase, ListBacklog, Own,
            RecordIrregularVisits, RecordReception, RecordRound, RemoveBacklog, RemoveHotspot,
            RemoveIrregularVisits, RemoveMeeting, RemoveOwnership, RemoveReception, RemoveRotaRule,
            RemoveRound, RemoveSensitivePeriod, RemoveVillage, SetBacklogAccepted,
            SetBacklogStatus, SetCadence, SetDecisionDone, SetHotspotStatus, SetTargets,
            UpdateBacklog, UpdateHotspot, UpdateMeeting, UpdateOwnership, UpdateReception,
            UpdateRotaRule, UpdateRound,
        };
        let none = |r: Result<(), WorkError>| r.map(|()| None);
        match change {
            AddRotaRule(rule) => self.reception.add_rule(rule).map(|id| Some(Added::RotaRule(id))),
            UpdateRotaRule(id, rule) => none(self.reception.update_rule(id, rule)),
            EndRotaRule(id, until) => none(self.reception.end_rule(id, until)),
            RemoveRotaRule(id) => none(self.reception.remove_rule(id)),
            RecordReception(r) => self.reception.record(r).map(|id| Some(Added::Reception(id))),
            UpdateReception(id, r) => none(self.reception.update(id, r)),
            RemoveReception(id) => none(self.reception.remove(id)),
            LinkReceptionCase(id, link) => {
                let mut reception = self
                    .reception
                    .reception(id)
                    .ok_or_else(|| WorkError::NotFound {
                        what: "接待记录", id: id.to_string()
                    })?
                    .data()
                    .clone();
                reception.cases.push(link);
                none(self.reception.update(id, reception))
            }
            Own(draft) => self.ownership.own(draft).map(|id| Some(Added::Ownership(id))),
            UpdateOwnership(id, draft) => none(self.ownership.update(id, draft)),
            RemoveOwnership(id) => none(self.ownership.remove(id)),
            SetCadence(level, cadence) => {
                self.screening.set_cadence(level, cadence);
                Ok(None)
            }
            AddSensitivePeriod(period) => {
                if self.screening.sensitive_periods().contains(&period) {
                    return Err(WorkError::Duplicate {
                        field: "敏感时期",
                        value: period.name().to_string(),
                    });
                }
                self.screening.add_sensitive_period(period);
                Ok(None)
            }
            RemoveSensitivePeriod(period) => {
                let at = self
                    .screening
                    .sensitive_periods()
                    .iter()
                    .position(|p| *p == period)
                    .ok_or_else(|| WorkError::NotFound {
                        what: "敏感时期",
                        id: period.name().to_string(),
                    })?;
                self.screening.remove_sensitive_period(at);
                Ok(None)
            }
            AddVillage(village) => none(self.screening.add_village(village)),
            RemoveVillage(village) => {
                if self.screening.remove_village(&village) {
                    Ok(None)
                } else {
                    Err(WorkError::NotFound {
                        what: "村（社区）", id: village.name().to_string()
                    })
                }
            }
            RecordRound(round) => {
                self.screening.record_round(round).map(|id| Some(Added::Round(id)))
            }
            UpdateRound(id, round) => none(self.screening.update_round(id, round)),
            RemoveRound(id) => none(self.screening.remove_round(id)),
            AddHotspot(h) => self.screening.add_hotspot(h).map(|id| Some(Added::Hotspot(id))),
            UpdateHotspot(id, h) => none(self.screening.update_hotspot(id, h)),
            SetHotspotStatus(id, status) => none(self.screening.set_hotspot_status(id, status)),
            LinkHotspotCase(id, case) => none(self.screening.link_case(id, case)),
            RemoveHotspot(id) => none(self.screening.remove_hotspot(id)),
            ListBacklog(entry) => self.backlog.list(entry).map(|id| Some(Added::Backlog(id))),
            UpdateBacklog(id, entry) => none(self.backlog.update(id, entry)),
            SetBacklogStatus(id, status) => none(self.backlog.set_status(id, status)),
            SetBacklogAccepted(id, on) => none(self.backlog.set_accepted(id, on)),
            RemoveBacklog(id) => none(self.backlog.remove(id)),
            AddMeeting(meeting) => self.meetings.add(meeting).map(|id| Some(Added::Meeting(id))),
            UpdateMeeting(id, meeting) => none(self.meetings.update(id, meeting)),
            SetDecisionDone(id, no, on) => none(self.meetings.set_decision_done(id, no, on)),
            RemoveMeeting(id) => none(self.remove_meeting(id)),
            RecordIrregularVisits(r) => {
                none(self.irregular_visits.record(r.township, r.from, r.to, r.count))
            }
            RemoveIrregularVisits(township, from, to) => {
                if self.irregular_visits.remove(township, from, to) {
                    Ok(None)
                } else {
                    Err(WorkError::NotFound {
                        what: "非正常上访记录", id: township.to_string()
                    })
                }
            }
            Adopt(ledgers) => {
                if *self != WorkLedgers::default() {
                    return Err(WorkError::NotEmpty);
                }
                *self = *ledgers;
                Ok(None)
            }
            SetTargets(targets) => {
                let pct = [
                    targets.screening_coverage,
                    targets.backlog_resolution,
                    targets.backlog_acceptance,
                    targets.three_none,
                ];
                if let Some(p) = pct.into_iter().find(|p| *p > 100) {
                    return Err(crate::error::InputError::OutOfRange {
                        field: "工作目标",
                        value: i64::from(p),
                        min: 0,
                        max: 100,
                    }
                    .into());
                }
                self.targets = targets;
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Organisation;
    use crate::work::reception::{CaseLinkKind, ReceptionKind};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_refused_change_changes_nothing_and_a_redone_one_gets_the_next_id() {
        let org = Organisation::sample_county();
        let leader = org.people().next().unwrap().id();
        let mut work = WorkLedgers::default();
        let mut r = Reception::new(leader, d(3, 17), "县群众服务大厅", ReceptionKind::RotaDay);
        r.head_count = 3;
        let first = work.change(WorkChange::RecordReception(r.clone())).unwrap();
        assert_eq!(first, Some(Added::Reception(ReceptionId::new(1))));
        let link = CaseLink { case: CaseId::new(4), how: CaseLinkKind::Created };
        work.change(WorkChange::LinkReceptionCase(ReceptionId::new(1), link)).unwrap();
        assert_eq!(work.reception.reception(ReceptionId::new(1)).unwrap().cases, vec![link]);

        // Linking the same case twice is refused and changes nothing.
        let before = work.clone();
        let twice = work.change(WorkChange::LinkReceptionCase(ReceptionId::new(1), link));
        assert!(matches!(twice, Err(WorkError::Duplicate { .. })), "{twice:?}");
        assert_eq!(work, before);

        // A change to a record removed meanwhile is refused with its name.
        work.change(WorkChange::RemoveReception(ReceptionId::new(1))).unwrap();
        let gone = work.change(WorkChange::LinkReceptionCase(ReceptionId::new(1), link));
        assert_eq!(gone.unwrap_err().to_string(), "找不到编号为JD1的接待记录");
        // Ids are never reused.
        let again = work.change(WorkChange::RecordReception(r)).unwrap();
        assert_eq!(again, Some(Added::Reception(ReceptionId::new(2))));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn periods_villages_and_targets() {
        let org = Organisation::sample_county();
        let township = org.townships().next().unwrap().id();
        let mut work = WorkLedgers::default();
        let period = SensitivePeriod::new("全国两会", d(3, 1), d(3, 15)).unwrap();
        work.change(WorkChange::AddSensitivePeriod(period.clone())).unwrap();
        assert!(work.change(WorkChange::AddSensitivePeriod(period.clone())).is_err());
        work.change(WorkChange::RemoveSensitivePeriod(period.clone())).unwrap();
        assert!(work.screening.sensitive_periods().is_empty());
        assert!(work.change(WorkChange::RemoveSensitivePeriod(period)).is_err());

        let village = Village::new(township, "东岗村").unwrap();
        work.change(WorkChange::AddVillage(village.clone())).unwrap();
        work.change(WorkChange::RemoveVillage(village.clone())).unwrap();
        assert!(work.change(WorkChange::RemoveVillage(village)).is_err());

        let visits = IrregularVisits { township, from: d(1, 1), to: d(1, 31), count: 2 };
        work.change(WorkChange::RecordIrregularVisits(visits)).unwrap();
        assert_eq!(work.irregular_visits.count(township, d(1, 1), d(12, 31)), 2);
        work.change(WorkChange::RemoveIrregularVisits(township, d(1, 1), d(1, 31))).unwrap();
        assert_eq!(work.irregular_visits.count(township, d(1, 1), d(12, 31)), 0);

        let bad = WorkTargets { three_none: 101, ..WorkTargets::default() };
        assert!(work.change(WorkChange::SetTargets(bad)).is_err());
        assert_eq!(work.targets, WorkTargets::default());
        let good = WorkTargets { three_none: 90, ..WorkTargets::default() };
        work.change(WorkChange::SetTargets(good)).unwrap();
        assert_eq!(work.targets.three_none, 90);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn changes_round_trip_through_json() {
        let org = Organisation::sample_county();
        let leader = org.people().next().unwrap().id();
        let changes = vec![
            WorkChange::RecordReception(Reception::new(
                leader,
                d(3, 17),
                "县群众服务大厅",
                ReceptionKind::RotaDay,
            )),
            WorkChange::SetDecisionDone(MeetingId::new(2), 1, Some(d(4, 1))),
            WorkChange::SetCadence(ScreeningLevel::Village, Cadence::Weekly),
        ];
        let json = serde_json::to_string(&changes).unwrap();
        assert_eq!(serde_json::from_str::<Vec<WorkChange>>(&json).unwrap(), changes);
    }
}
