//! The free texts of the work ledgers' records and changes with their
//! limits ([`crate::limits::Texts`]): records taken apart field by field
//! (the two with private fields through their accessors) and every
//! [`WorkChange`] matched with no wildcard, so a new text field or a new
//! change must be given its limit to compile.

use super::backlog::BacklogCase;
use super::change::WorkChange;
use super::meeting::{Decision, Meeting};
use super::ownership::{MeetingRecord, OwnershipDraft};
use super::reception::{Reception, RotaRule};
use super::screening::{Hotspot, ScreeningRound, ScreeningScope, SensitivePeriod, Village};
use crate::limits::{self, each_line, Limit, Texts};

type Each<'a> = &'a mut dyn FnMut(Limit, &str);

impl Texts for RotaRule {
    fn texts(&self, each: Each<'_>) {
        let RotaRule { leaders: _, place, pattern: _, from: _, until: _, name } = self;
        each(limits::PLACE, place);
        each(limits::ROTA_NAME, name);
    }
}

impl Texts for Reception {
    fn texts(&self, each: Each<'_>) {
        let Reception { leader: _, date: _, place, kind: _, head_count: _, matters, cases: _ } =
            self;
        each(limits::PLACE, place);
        each_line(limits::RECEPTION_MATTER, matters, each);
    }
}

impl Texts for OwnershipDraft {
    fn texts(&self, each: Each<'_>) {
        let OwnershipDraft {
            case: _,
            since: _,
            leader: _,
            team: _,
            plan,
            meeting_record,
            measures,
        } = self;
        each(limits::PLAN, plan);
        match meeting_record {
            Some(MeetingRecord::Document(document)) => each(limits::MEETING_DOCUMENT, document),
            Some(MeetingRecord::Meeting(_)) | None => {}
        }
        each_line(limits::MEASURE, measures, each);
    }
}

impl Texts for SensitivePeriod {
    fn texts(&self, each: Each<'_>) {
        each(limits::SENSITIVE_PERIOD, self.name());
    }
}

impl Texts for Village {
    fn texts(&self, each: Each<'_>) {
        each(limits::VILLAGE, self.name());
    }
}

impl Texts for ScreeningRound {
    fn texts(&self, each: Each<'_>) {
        let ScreeningRound { scope, date: _, by, issues_found: _, campaign, notes } = self;
        match scope {
            ScreeningScope::Village(village) => village.texts(each),
            ScreeningScope::Unit(_) => {}
        }
        each(limits::SCREENED_BY, by);
        each(limits::CAMPAIGN, campaign);
        each(limits::ROUND_NOTES, notes);
    }
}

impl Texts for Hotspot {
    fn texts(&self, each: Each<'_>) {
        let Hotspot {
            issue,
            place,
            category: _,
            people_affected: _,
            leader: _,
            unit: _,
            plan,
            deadline: _,
            found_on: _,
            round: _,
            status: _,
            case: _,
        } = self;
        each(limits::ISSUE, issue);
        each(limits::PLACE, place);
        each(limits::PLAN, plan);
    }
}

impl Texts for BacklogCase {
    fn texts(&self, each: Each<'_>) {
        let BacklogCase {
            case: _,
            listed_on: _,
            source,
            leader: _,
            plan,
            deadline: _,
            status: _,
            accepted_on: _,
        } = self;
        each(limits::BACKLOG_SOURCE, source);
        each(limits::PLAN, plan);
    }
}

impl Texts for Decision {
    fn texts(&self, each: Each<'_>) {
        let Decision { text, unit: _, person: _, deadline: _, done_on: _ } = self;
        each(limits::DECISION, text);
    }
}

impl Texts for Meeting {
    fn texts(&self, each: Each<'_>) {
        let Meeting {
            kind: _,
            date: _,
            place,
            title,
            chair: _,
            attendees: _,
            other_attendees,
            cases: _,
            opinion,
            emphasis,
            requirements,
            decisions,
            issued_by,
            minutes_text,
        } = self;
        each(limits::PLACE, place);
        each(limits::MEETING_TITLE, title);
        each(limits::OTHER_ATTENDEES, other_attendees);
        each(limits::MEETING_OPINION, opinion);
        each(limits::MEETING_EMPHASIS, emphasis);
        each_line(limits::MEETING_REQUIREMENT, requirements, each);
        decisions.texts(each);
        each(limits::ISSUED_BY, issued_by);
        if let Some(text) = minutes_text {
            each(limits::MINUTES_TEXT, text);
        }
    }
}

/// The texts a change brings into the log. A removal names a record the
/// ledgers hold by its own text (a sensitive period, a village): it adds
/// nothing, and a record saved before the limits must stay removable, so
/// its text is not checked. An adopted snapshot is what an earlier
/// version saved: kept as it was, like any stored record.
impl Texts for WorkChange {
    fn texts(&self, each: Each<'_>) {
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
            AddRotaRule(rule) | UpdateRotaRule(_, rule) => rule.texts(each),
            RecordReception(r) | UpdateReception(_, r) => r.texts(each),
            Own(draft) | UpdateOwnership(_, draft) => draft.texts(each),
            AddSensitivePeriod(period) => period.texts(each),
            AddVillage(village) => village.texts(each),
            RecordRound(round) | UpdateRound(_, round) => round.texts(each),
            AddHotspot(h) | UpdateHotspot(_, h) => h.texts(each),
            ListBacklog(entry) | UpdateBacklog(_, entry) => entry.texts(each),
            AddMeeting(meeting) | UpdateMeeting(_, meeting) => meeting.texts(each),
            // Names a stored record by its text, or is a stored snapshot.
            RemoveSensitivePeriod(_) | RemoveVillage(_) | Adopt(_) => {}
            // No free text.
            EndRotaRule(..)
            | RemoveRotaRule(_)
            | RemoveReception(_)
            | LinkReceptionCase(..)
            | RemoveOwnership(_)
            | SetCadence(..)
            | RemoveRound(_)
            | SetHotspotStatus(..)
            | LinkHotspotCase(..)
            | RemoveHotspot(_)
            | SetBacklogStatus(..)
            | SetBacklogAccepted(..)
            | RemoveBacklog(_)
            | SetDecisionDone(..)
            | RemoveMeeting(_)
            | RecordIrregularVisits(_)
            | RemoveIrregularVisits(..)
            | SetTargets(_) => {}
        }
    }
}
