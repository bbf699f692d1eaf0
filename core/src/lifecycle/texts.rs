//! The free texts of a case's records, actions and changes with their
//! limits ([`crate::limits::Texts`]): every record is taken apart field by
//! field and every action and change matched with no wildcard, so a new
//! text field or a new kind must be given its limit to compile.

use super::{Action, Change};
use crate::case::provenance::{LedgerCell, LedgerClosure, LedgerEntry};
use crate::case::{
    Decline, Direction, Extension, FollowUp, Intake, Objection, Reply, ReplyItem, ReviewDecision,
    Routing, Settlement, Supervision, SupervisionClosure,
};
use crate::limits::{self, Limit, Texts};

type Each<'a> = &'a mut dyn FnMut(Limit, &str);

impl Texts for Intake {
    fn texts(&self, each: Each<'_>) {
        let Intake {
            received_on: _,
            channel: _,
            petitioners,
            head_count: _,
            category: _,
            purpose: _,
            township: _,
            village,
            summary,
            content,
            escalation: _,
            accused_unit: _,
            repeat_of: _,
        } = self;
        petitioners.texts(each);
        each(limits::VILLAGE, village);
        each(limits::SUMMARY, summary);
        each(limits::CONTENT, content);
    }
}

impl Texts for LedgerEntry {
    fn texts(&self, each: Each<'_>) {
        let LedgerEntry { source, number, cells, routed_on_stated: _, closed } = self;
        each(limits::LEDGER_SOURCE, source);
        each(limits::CASE_NUMBER, number);
        for LedgerCell { header, text } in cells {
            each(limits::LEDGER_HEADER, header);
            each(limits::LEDGER_CELL, text);
        }
        if let Some(LedgerClosure { on: _, outcome: _, result, rating: _ }) = closed {
            each(limits::LEDGER_CELL, result);
        }
    }
}

impl Texts for Routing {
    fn texts(&self, each: Each<'_>) {
        let Routing { on: _, disposal: _, lead: _, co_units: _, assignment, explanation } = self;
        assignment.texts(each);
        each(limits::ROUTING_EXPLANATION, explanation);
    }
}

impl Texts for ReplyItem {
    fn texts(&self, each: Each<'_>) {
        let ReplyItem { claim, outcome: _, basis } = self;
        each(limits::CLAIM, claim);
        each(limits::BASIS, basis);
    }
}

impl Texts for Reply {
    fn texts(&self, each: Each<'_>) {
        let Reply { on: _, items, report, delivery: _ } = self;
        items.texts(each);
        if let Some(report) = report {
            each(limits::REPORT, report);
        }
    }
}

impl Texts for Decline {
    fn texts(&self, each: Each<'_>) {
        let Decline { on: _, kind: _, body: _, reason, redirect_to } = self;
        each(limits::DECLINE_REASON, reason);
        each(limits::REDIRECT_TO, redirect_to);
    }
}

impl Texts for Direction {
    fn texts(&self, each: Each<'_>) {
        let Direction { on: _, procedure: _, body: _, reason, redirect_to } = self;
        each(limits::DIRECTION_REASON, reason);
        each(limits::REDIRECT_TO, redirect_to);
    }
}

impl Texts for Extension {
    fn texts(&self, each: Each<'_>) {
        let Extension { on: _, days: _, reason, approved_by: _ } = self;
        each(limits::EXTENSION_REASON, reason);
    }
}

impl Texts for ReviewDecision {
    fn texts(&self, each: Each<'_>) {
        let ReviewDecision { on: _, outcome: _, reasons, delivery: _ } = self;
        each(limits::REVIEW_REASONS, reasons);
    }
}

impl Texts for Supervision {
    fn texts(&self, each: Each<'_>) {
        let Supervision { no: _, on: _, kind: _, unit: _, note, respond_by: _, closed } = self;
        each(limits::SUPERVISION_NOTE, note);
        closed.texts(each);
    }
}

impl Texts for SupervisionClosure {
    fn texts(&self, each: Each<'_>) {
        let SupervisionClosure { on: _, note } = self;
        each(limits::SUPERVISION_RESPONSE, note);
    }
}

impl Texts for FollowUp {
    fn texts(&self, each: Each<'_>) {
        let FollowUp { on: _, method: _, note } = self;
        each(limits::FOLLOW_UP_NOTE, note);
    }
}

impl Texts for Settlement {
    fn texts(&self, each: Each<'_>) {
        let Settlement { on: _, note } = self;
        each(limits::SETTLEMENT_NOTE, note);
    }
}

impl Texts for Objection {
    fn texts(&self, each: Each<'_>) {
        let Objection { on: _, unit: _, reason, received_on: _ } = self;
        each(limits::OBJECTION_REASON, reason);
    }
}

impl Texts for Action {
    fn texts(&self, each: Each<'_>) {
        match self {
            Action::Amend { intake } => intake.texts(each),
            Action::Route { routing } => routing.texts(each),
            Action::Decline { on: _, kind: _, reason, redirect_to } => {
                each(limits::DECLINE_REASON, reason);
                each(limits::REDIRECT_TO, redirect_to);
            }
            Action::Direct { on: _, procedure: _, reason, redirect_to } => {
                each(limits::DIRECTION_REASON, reason);
                each(limits::REDIRECT_TO, redirect_to);
            }
            Action::Extend { on: _, days: _, reason, approved_by: _ } => {
                each(limits::EXTENSION_REASON, reason);
            }
            Action::Reply { on: _, items, report } => {
                items.texts(each);
                if let Some(report) = report {
                    each(limits::REPORT, report);
                }
            }
            Action::SendBack { on: _, reason, redo_by: _ } => {
                each(limits::SEND_BACK_REASON, reason);
            }
            Action::DecideReview { level: _, on: _, outcome: _, reasons, redo_by: _ } => {
                each(limits::REVIEW_REASONS, reasons);
            }
            Action::Supervise { on: _, kind: _, unit: _, note, respond_by: _ } => {
                each(limits::SUPERVISION_NOTE, note);
            }
            Action::CloseSupervision { no: _, on: _, note } => {
                each(limits::SUPERVISION_RESPONSE, note);
            }
            Action::FollowUp { on: _, method: _, note } => each(limits::FOLLOW_UP_NOTE, note),
            Action::Object { on: _, reason } => each(limits::OBJECTION_REASON, reason),
            Action::Settle { on: _, note } => each(limits::SETTLEMENT_NOTE, note),
            // No free text.
            Action::LinkRepeat { .. }
            | Action::Accept { .. }
            | Action::RequestReview { .. }
            | Action::RecordHearing { .. }
            | Action::Deliver { .. }
            | Action::Sign { .. }
            | Action::Rate { .. } => {}
        }
    }
}

/// A change's texts: what a merged record brings in
/// ([`crate::Office::plan_merge`]); a change this office decided was
/// checked as its action.
impl Texts for Change {
    fn texts(&self, each: Each<'_>) {
        match self {
            Change::Registered { number, intake, ledger } => {
                each(limits::CASE_NUMBER, number);
                intake.texts(each);
                if let Some(l) = ledger {
                    l.texts(each);
                }
            }
            Change::Amended { intake } => intake.texts(each),
            Change::Routed { routing } => routing.texts(each),
            Change::Declined { decline } => decline.texts(each),
            Change::Directed { direction } => direction.texts(each),
            Change::Extended { extension } => extension.texts(each),
            Change::Replied { reply } => reply.texts(each),
            Change::SentBack { on: _, reason, redo_by: _ } => {
                each(limits::SEND_BACK_REASON, reason);
            }
            Change::ReviewDecided { level: _, decision, redo_by: _ } => decision.texts(each),
            Change::Supervised { supervision } => supervision.texts(each),
            Change::SupervisionClosed { no: _, closure } => closure.texts(each),
            Change::FollowedUp { follow_up } => follow_up.texts(each),
            Change::Settled { settlement } => settlement.texts(each),
            Change::Objected { objection } => objection.texts(each),
            Change::Imported { source: _, number } => each(limits::CASE_NUMBER, number),
            // No free text.
            Change::LinkedAsRepeat { .. }
            | Change::Accepted { .. }
            | Change::ReviewRequested { .. }
            | Change::HearingRecorded { .. }
            | Change::Rated { .. }
            | Change::Delivered { .. }
            | Change::Signed { .. } => {}
        }
    }
}
