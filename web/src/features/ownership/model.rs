//! The ownership page's pure logic: the 五个一 parts' names and keys, the
//! ownership form and how meetings and records are named.

use crate::forms::lines;
use crate::forms::state::Editable;
use crate::i18n::{dates, tr, Bilingual, Lang};
use crate::ui::people::person_of;
use xinfang_core::cn_text::date_cn;
use xinfang_core::ids::MeetingId;
use xinfang_core::work::ownership::{MeetingRecord, OwnershipDraft, OwnershipPart};
use xinfang_core::work::WorkLedgers;
use xinfang_core::{CaseId, Organisation, PersonId};

/// The key of a part of the 五个一 (the core's serde name).
pub fn part_key(part: OwnershipPart) -> &'static str {
    match part {
        OwnershipPart::Leader => "leader",
        OwnershipPart::Team => "team",
        OwnershipPart::Plan => "plan",
        OwnershipPart::MeetingRecord => "meeting_record",
        OwnershipPart::Measures => "measures",
    }
}

/// A part of the 五个一 in the interface language.
pub fn part_name(lang: Lang, part: OwnershipPart) -> &'static str {
    tr(
        lang,
        part.label(),
        match part {
            OwnershipPart::Leader => "Leader",
            OwnershipPart::Team => "Work team",
            OwnershipPart::Plan => "Resolution plan",
            OwnershipPart::MeetingRecord => "Meeting record",
            OwnershipPart::Measures => "Measures",
        },
    )
}

/// A meeting as the form and the list name it: `HY3 2025年3月5日 协调会`.
pub fn meeting_label(work: &WorkLedgers, id: MeetingId) -> String {
    match work.meetings.get(id) {
        Some(m) => format!("{id} {} {}", date_cn(m.date), m.kind.short_label()),
        None => id.to_string(),
    }
}

/// A meeting record in words (Chinese, as the sheet prints it).
pub fn record_text(work: &WorkLedgers, org: &Organisation, record: &MeetingRecord) -> String {
    match record {
        MeetingRecord::Meeting(id) => match work.meetings.get(*id) {
            Some(m) => format!("{}（{}，{}）", m.minutes_title(org), date_cn(m.date), id),
            None => id.to_string(),
        },
        MeetingRecord::Document(title) => title.clone(),
    }
}

// ------------------------------------------------------------------ the form

/// The fields of the ownership form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnField {
    /// `YYYY-MM-DD`.
    Since,
    /// Leader's person id.
    Leader,
    /// The team member picked (not yet added).
    TeamPick,
    /// The plan.
    Plan,
    /// `none`, `meeting`, `document`.
    RecordKind,
    /// A meeting id number.
    RecordMeeting,
    /// A document's title or number.
    RecordDocument,
    /// Measures, one per line.
    Measures,
}

/// A change to the ownership form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnEdit {
    /// The case picked.
    Case(CaseId),
    /// A field's new text.
    Set(OwnField, String),
    /// Adds the picked member to the team.
    AddMember,
    /// Drops the member at this place.
    RemoveMember(usize),
}

/// The ownership form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnershipForm {
    /// The case.
    pub case: Option<CaseId>,
    /// `YYYY-MM-DD`.
    pub since: String,
    /// Leader's person id.
    pub leader: String,
    /// The team.
    pub team: Vec<PersonId>,
    /// The member picked.
    pub team_pick: String,
    /// The plan.
    pub plan: String,
    /// `none`, `meeting`, `document`.
    pub record_kind: String,
    /// Meeting id number.
    pub record_meeting: String,
    /// Document title.
    pub record_document: String,
    /// Measures, one per line.
    pub measures: String,
}

impl OwnershipForm {
    /// A blank form, owned from `today`.
    pub fn new(today: chrono::NaiveDate) -> Self {
        OwnershipForm {
            case: None,
            since: dates::input_value(today),
            leader: String::new(),
            team: Vec::new(),
            team_pick: String::new(),
            plan: String::new(),
            record_kind: "none".into(),
            record_meeting: String::new(),
            record_document: String::new(),
            measures: String::new(),
        }
    }

    /// The form of a recorded ownership.
    pub fn of(d: &OwnershipDraft) -> Self {
        let (kind, meeting, document) = match &d.meeting_record {
            None => ("none", String::new(), String::new()),
            Some(MeetingRecord::Meeting(id)) => ("meeting", id.get().to_string(), String::new()),
            Some(MeetingRecord::Document(t)) => ("document", String::new(), t.clone()),
        };
        OwnershipForm {
            case: Some(d.case),
            since: dates::input_value(d.since),
            leader: d.leader.map(|p| p.get().to_string()).unwrap_or_default(),
            team: d.team.clone(),
            team_pick: String::new(),
            plan: d.plan.clone(),
            record_kind: kind.into(),
            record_meeting: meeting,
            record_document: document,
            measures: d.measures.join("\n"),
        }
    }

    /// The team: the list, or the one picked when none was added.
    pub fn chosen_team(&self) -> Vec<PersonId> {
        if self.team.is_empty() {
            person_of(&self.team_pick).into_iter().collect()
        } else {
            self.team.clone()
        }
    }

    /// The draft (parts may be missing), or what the form finds wrong.
    pub fn to_draft(&self) -> Result<OwnershipDraft, Bilingual> {
        let case = self.case.ok_or_else(|| {
            Bilingual::new("请先按编号选择案件。", "Choose the case by its number first.")
        })?;
        let since = dates::parse_input(&self.since)
            .ok_or_else(|| Bilingual::new("请填写包案日期。", "Enter the date of ownership."))?;
        let meeting_record = match self.record_kind.as_str() {
            "meeting" => Some(MeetingRecord::Meeting(
                self.record_meeting
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map(MeetingId::new)
                    .ok_or_else(|| Bilingual::new("请选择会议。", "Choose the meeting."))?,
            )),
            "document" if !self.record_document.trim().is_empty() => {
                Some(MeetingRecord::Document(self.record_document.clone()))
            }
            _ => None,
        };
        Ok(OwnershipDraft {
            leader: person_of(&self.leader),
            team: self.chosen_team(),
            plan: self.plan.clone(),
            meeting_record,
            measures: lines(&self.measures),
            ..OwnershipDraft::new(case, since)
        })
    }
}

impl Editable for OwnershipForm {
    type Edit = OwnEdit;

    fn edit(&mut self, edit: OwnEdit) {
        match edit {
            OwnEdit::Case(c) => self.case = Some(c),
            OwnEdit::Set(field, v) => match field {
                OwnField::Since => self.since = v,
                OwnField::Leader => self.leader = v,
                OwnField::TeamPick => self.team_pick = v,
                OwnField::Plan => self.plan = v,
                OwnField::RecordKind => self.record_kind = v,
                OwnField::RecordMeeting => self.record_meeting = v,
                OwnField::RecordDocument => self.record_document = v,
                OwnField::Measures => self.measures = v,
            },
            OwnEdit::AddMember => {
                if let Some(p) = person_of(&self.team_pick) {
                    if !self.team.contains(&p) {
                        self.team.push(p);
                    }
                    self.team_pick.clear();
                }
            }
            OwnEdit::RemoveMember(i) => {
                if i < self.team.len() {
                    self.team.remove(i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_form_builds_drafts_and_names_what_is_missing() {
        let mut f = OwnershipForm::new(d(2025, 3, 3));
        assert_eq!(f.to_draft().unwrap_err().zh, "请先按编号选择案件。");
        f.edit(OwnEdit::Case(CaseId::new(7)));
        let draft = f.to_draft().unwrap();
        assert_eq!(draft.missing(), OwnershipPart::ALL);
        f.edit(OwnEdit::Set(OwnField::Leader, "1".into()));
        f.edit(OwnEdit::Set(OwnField::TeamPick, "2".into()));
        f.edit(OwnEdit::AddMember);
        f.edit(OwnEdit::Set(OwnField::TeamPick, "3".into()));
        f.edit(OwnEdit::AddMember);
        f.edit(OwnEdit::Set(OwnField::TeamPick, "2".into()));
        f.edit(OwnEdit::AddMember);
        assert_eq!(f.team, [PersonId::new(2), PersonId::new(3)]);
        f.edit(OwnEdit::Set(OwnField::Plan, "依法确权".into()));
        f.edit(OwnEdit::Set(OwnField::RecordKind, "document".into()));
        f.edit(OwnEdit::Set(OwnField::RecordDocument, "  ".into()));
        f.edit(OwnEdit::Set(OwnField::Measures, "现场调解\n\n困难救助".into()));
        let draft = f.to_draft().unwrap();
        assert_eq!(draft.missing(), [OwnershipPart::MeetingRecord]);
        f.edit(OwnEdit::Set(OwnField::RecordKind, "meeting".into()));
        assert_eq!(f.to_draft().unwrap_err().zh, "请选择会议。");
        f.edit(OwnEdit::Set(OwnField::RecordMeeting, "4".into()));
        let draft = f.to_draft().unwrap();
        assert!(draft.is_complete());
        assert_eq!(draft.meeting_record, Some(MeetingRecord::Meeting(MeetingId::new(4))));
        assert_eq!(draft.measures, ["现场调解", "困难救助"]);
        // Back and forth through the form keeps the draft.
        assert_eq!(OwnershipForm::of(&draft).to_draft().unwrap(), draft);
        f.edit(OwnEdit::RemoveMember(0));
        assert_eq!(f.to_draft().unwrap().team, [PersonId::new(3)]);
        let labels: Vec<&str> =
            OwnershipPart::ALL.iter().map(|p| part_name(Lang::ZhCn, *p)).collect();
        assert_eq!(labels, ["包案领导", "工作班子", "化解方案", "会议纪要", "化解措施"]);
    }
}
