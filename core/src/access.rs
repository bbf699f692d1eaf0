//! Who sees what: the petition office's full view or one unit's view
//! (以单位身份查看), and the one rule that keeps an accusation (检举控告)
//! from the unit it accuses (art. 30 of the 信访工作条例).
//!
//! A [`Viewer`] is asked every question a page asks about a case:
//!
//! - which cases it sees ([`Viewer::sees`]): the petition office every
//!   case; a unit the cases it handles (lead, co-unit, the unit of the
//!   五定, a handling or review body, a unit pressed by supervision);
//! - whether a case's content is withheld ([`Viewer::withholds`]): an
//!   accusation against the unit or a unit under it in the organisation;
//! - the case, its history entries, the work-ledger records naming it,
//!   its ledger (台账) row and its search text as the viewer may see them
//!   ([`Viewer::case`], [`Viewer::change`], [`Viewer::backlog`],
//!   [`Viewer::ownership`], [`Viewer::meeting`], [`Viewer::reception`],
//!   [`Viewer::hotspot`], [`Viewer::ledger_table`],
//!   [`Viewer::search_text`]). Every free text that can carry the
//!   accusation (summary, content, village, petitioners, routing note,
//!   五定 quality requirement, reasons, replies, notes, plans, decisions…)
//!   becomes [`PLACEHOLDER`]; identity numbers, phones and addresses are
//!   dropped. Dates, stages, units and numbers stay, so the unit can still
//!   do its part.
//!
//! Every record is taken apart field by field with no `..` and every
//! [`Change`] is matched with no wildcard: a field or kind of entry added
//! later does not compile here until it is classified (free text or not).
//!
//! This protects the petitioner from the accused; it watches no one. In a
//! page that holds the whole record (the static app) a unit's view is a
//! convenience, not a security boundary: real separation needs separate
//! accounts on an office server, which would answer with these same
//! projections.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::access::{Access, Viewer, PLACEHOLDER};
//! use xinfang_core::{Channel, Command, Intake, Office, Petitioner, Purpose, Settings};
//!
//! let mut office = Office::new(Settings::sample_county());
//! let org = &office.settings().org;
//! let township = org.find_unit("柳林镇").unwrap().id();
//! let intake = Intake {
//!     received_on: NaiveDate::from_ymd_opt(2025, 9, 26).unwrap(),
//!     channel: Channel::Visit,
//!     petitioners: vec![Petitioner::named("检举人")],
//!     head_count: 1,
//!     category: office.settings().categories.iter().next().unwrap().id(),
//!     purpose: Purpose::Accusation,
//!     township: Some(township),
//!     village: String::new(),
//!     summary: "举报镇干部虚报冒领".into(),
//!     content: String::new(),
//!     escalation: None,
//!     accused_unit: Some(township),
//!     repeat_of: None,
//! };
//! let now = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let id = office.execute(Command::Register { intake }, now).unwrap().case().unwrap();
//! let case = office.case(id).unwrap();
//! let org = &office.settings().org;
//!
//! // The office sees all of it; the accused township neither lists it
//! // (it does not handle it) nor, if it did, would read its content.
//! assert_eq!(Viewer::Office.access(case, org), Access::Full);
//! let accused = Viewer::Unit(township);
//! assert_eq!(accused.access(case, org), Access::Refused);
//! assert!(accused.withholds(case, org));
//! assert_eq!(accused.case(case, org).intake().summary, PLACEHOLDER);
//! assert_eq!(Viewer::Office.case(case, org).intake().summary, "举报镇干部虚报冒领");
//! ```

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::provenance::{LedgerClosure, LedgerEntry};
use crate::case::{
    Case, Decline, Direction, Extension, FollowUp, Handling, HandlingCause, Intake, Objection,
    Proceeding, Reply, ReplyItem, ReviewDecision, Routing, Settlement, Supervision,
    SupervisionClosure,
};
use crate::export::{ledger_table, Privacy, Table};
use crate::ids::{CaseId, UnitId};
use crate::lifecycle::Change;
use crate::office::Office;
use crate::org::Organisation;
use crate::petition::{Petitioner, Purpose};
use crate::work::backlog::BacklogCase;
use crate::work::meeting::{Decision, Meeting};
use crate::work::ownership::{MeetingRecord, OwnershipDraft};
use crate::work::reception::Reception;
use crate::work::screening::Hotspot;

/// What a viewer from whom an accusation is withheld sees in place of
/// every text that could carry it.
pub const PLACEHOLDER: &str = "（检举控告内容，不向被检举单位显示）";

/// What a unit's view says in place of a case it does not handle.
pub const REFUSED: &str = "本单位无权查看此案件";

/// Who is looking: the petition office (信访部门, every case in full) or
/// one unit (以单位身份查看).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// The petition office's own view: every case, every text.
    #[default]
    Office,
    /// One unit's view: the cases it handles, without the accusations
    /// against it or a unit under it.
    Unit(UnitId),
}

/// How much of one case a viewer may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// All of it.
    Full,
    /// Its dates, stage and units, not its content ([`PLACEHOLDER`]).
    Withheld,
    /// Nothing: the unit does not handle it ([`REFUSED`]).
    Refused,
}

/// Whether `unit` is `ancestor` or lies under it (following the parents;
/// the organisation refuses cycles, the walk is bounded anyway).
///
/// ```
/// use xinfang_core::access::is_within;
/// use xinfang_core::Settings;
/// let org = Settings::sample_county().org;
/// let township = org.townships().next().unwrap().id();
/// assert!(is_within(&org, township, township));
/// ```
pub fn is_within(org: &Organisation, unit: UnitId, ancestor: UnitId) -> bool {
    let mut at = Some(unit);
    for _ in 0..=org.units().count() {
        match at {
            Some(u) if u == ancestor => return true,
            Some(u) => at = org.unit(u).and_then(crate::org::Unit::parent),
            None => return false,
        }
    }
    false
}

/// Whether `unit` handles the case: its lead or a co-handling unit, the
/// unit of its 五定, a body that handled or reviewed it or owes its next
/// step, a unit pressed by its supervision; the petition office handles
/// every case.
fn handles(case: &Case, unit: UnitId, org: &Organisation) -> bool {
    if org.petition_office() == Some(unit) {
        return true;
    }
    if let Some(r) = case.routing() {
        if r.lead == unit
            || r.co_units.contains(&unit)
            || r.assignment.as_ref().is_some_and(|a| a.unit() == unit)
        {
            return true;
        }
    }
    case.responsible_body() == Some(unit)
        || case.proceedings().iter().any(|p| match p {
            Proceeding::Handling(h) => h.body == unit,
            Proceeding::Review(r) => r.body == unit,
        })
        || case.supervision().iter().any(|s| s.unit == unit)
}

impl Viewer {
    /// The viewer of an optional unit (`None`: the petition office).
    pub fn of(unit: Option<UnitId>) -> Viewer {
        unit.map_or(Viewer::Office, Viewer::Unit)
    }

    /// The unit, for a unit's view.
    pub fn unit(self) -> Option<UnitId> {
        match self {
            Viewer::Office => None,
            Viewer::Unit(u) => Some(u),
        }
    }

    /// How much of the case the viewer may see.
    pub fn access(self, case: &Case, org: &Organisation) -> Access {
        if !self.sees(case, org) {
            Access::Refused
        } else if self.withholds(case, org) {
            Access::Withheld
        } else {
            Access::Full
        }
    }

    /// Whether the viewer lists the case at all (the office: every case;
    /// a unit: the cases it handles).
    pub fn sees(self, case: &Case, org: &Organisation) -> bool {
        match self {
            Viewer::Office => true,
            Viewer::Unit(unit) => handles(case, unit, org),
        }
    }

    /// Whether the case's content is kept from the viewer: an accusation
    /// against the unit or a unit under it (art. 30).
    pub fn withholds(self, case: &Case, org: &Organisation) -> bool {
        match self {
            Viewer::Office => false,
            Viewer::Unit(unit) => {
                let intake = case.intake();
                intake.purpose == Purpose::Accusation
                    && intake.accused_unit.is_some_and(|accused| is_within(org, accused, unit))
            }
        }
    }

    /// [`Viewer::sees`] by id; a case the record does not hold is not seen.
    pub fn sees_id(self, office: &Office, id: CaseId) -> bool {
        office.case(id).is_some_and(|c| self.sees(c, &office.settings().org))
    }

    /// [`Viewer::withholds`] by id; a case the record does not hold is not
    /// withheld (there is nothing to withhold).
    pub fn withholds_id(self, office: &Office, id: CaseId) -> bool {
        office.case(id).is_some_and(|c| self.withholds(c, &office.settings().org))
    }

    /// The cases the viewer lists, in the office's order.
    pub fn cases(self, office: &Office) -> impl Iterator<Item = &Case> + '_ {
        let org = &office.settings().org;
        office.cases().filter(move |c| self.sees(c, org))
    }

    /// The case with this number (trimmed, any letter case) among those
    /// the viewer sees: a unit's case picker finds only its cases.
    pub fn find_by_number(self, office: &Office, number: &str) -> Option<CaseId> {
        let number = number.trim();
        self.cases(office).find(|c| c.number().eq_ignore_ascii_case(number)).map(Case::id)
    }

    /// The case as the viewer may see it: itself, or with its content
    /// replaced ([`redact_case`]). Whether the viewer lists it at all is
    /// [`Viewer::sees`].
    pub fn case<'a>(self, case: &'a Case, org: &Organisation) -> Cow<'a, Case> {
        if self.withholds(case, org) {
            Cow::Owned(redact_case(case))
        } else {
            Cow::Borrowed(case)
        }
    }

    /// The case's one-line summary as the viewer may see it.
    pub fn summary<'a>(self, case: &'a Case, org: &Organisation) -> &'a str {
        if self.withholds(case, org) {
            PLACEHOLDER
        } else {
            &case.intake().summary
        }
    }

    /// A history entry of the case as the viewer may see it
    /// ([`redact_change`]).
    pub fn change<'a>(
        self,
        case: &Case,
        change: &'a Change,
        org: &Organisation,
    ) -> Cow<'a, Change> {
        if self.withholds(case, org) {
            Cow::Owned(redact_change(change))
        } else {
            Cow::Borrowed(change)
        }
    }

    /// The texts a search may match in the case: for a withheld case its
    /// number only (so a search for the accusation's words finds nothing),
    /// else the number, summary, village, content and petitioners' names.
    pub fn search_text<'a>(self, case: &'a Case, org: &Organisation) -> Vec<&'a str> {
        if self.withholds(case, org) {
            return vec![case.number()];
        }
        let i = case.intake();
        let mut out = vec![case.number(), &i.summary, &i.village, &i.content];
        out.extend(i.petitioners.iter().map(|p| p.name.as_str()));
        out
    }

    /// The case ledger (台账) of the given cases as the viewer may see it:
    /// only the cases it sees, each row made from [`Viewer::case`].
    pub fn ledger_table<'a>(
        self,
        office: &Office,
        cases: impl Iterator<Item = &'a Case>,
        today: NaiveDate,
        privacy: Privacy,
    ) -> Table {
        let org = &office.settings().org;
        let shown: Vec<Cow<'a, Case>> =
            cases.filter(|c| self.sees(c, org)).map(|c| self.case(c, org)).collect();
        ledger_table(office, shown.iter().map(AsRef::as_ref), today, privacy)
    }

    /// A backlog-ledger entry (信访积案) as the viewer may see it: its
    /// source and plan withheld when its case is.
    pub fn backlog<'a>(self, office: &Office, entry: &'a BacklogCase) -> Cow<'a, BacklogCase> {
        if self.withholds_id(office, entry.case) {
            let mut e = entry.clone();
            let BacklogCase {
                case: _,
                listed_on: _,
                source,
                leader: _,
                plan,
                deadline: _,
                status: _,
                accepted_on: _,
            } = &mut e;
            blank(source);
            blank(plan);
            Cow::Owned(e)
        } else {
            Cow::Borrowed(entry)
        }
    }

    /// A 领导包案 record as the viewer may see it: its plan, meeting
    /// record and measures withheld when its case is.
    pub fn ownership<'a>(
        self,
        office: &Office,
        draft: &'a OwnershipDraft,
    ) -> Cow<'a, OwnershipDraft> {
        if self.withholds_id(office, draft.case) {
            let mut d = draft.clone();
            let OwnershipDraft {
                case: _,
                since: _,
                leader: _,
                team: _,
                plan,
                meeting_record,
                measures,
            } = &mut d;
            blank(plan);
            if let Some(MeetingRecord::Document(title)) = meeting_record {
                blank(title);
            }
            blank_all(measures);
            Cow::Owned(d)
        } else {
            Cow::Borrowed(draft)
        }
    }

    /// A meeting as the viewer may see it: the cases it does not see left
    /// out of its list, and every text of the meeting (title, others
    /// present, opinion, emphasis, requirements, decisions, the edited
    /// minutes) withheld when any case it studied is withheld from the
    /// viewer, since the minutes discuss them together.
    pub fn meeting<'a>(self, office: &Office, meeting: &'a Meeting) -> Cow<'a, Meeting> {
        let withheld = meeting.cases.iter().any(|&c| self.withholds_id(office, c));
        let unseen = meeting.cases.iter().any(|&c| !self.sees_id(office, c));
        if !withheld && !unseen {
            return Cow::Borrowed(meeting);
        }
        let mut m = meeting.clone();
        m.cases.retain(|&c| self.sees_id(office, c));
        if withheld {
            let Meeting {
                kind: _,
                date: _,
                place: _,
                title,
                chair: _,
                attendees: _,
                other_attendees,
                cases: _,
                opinion,
                emphasis,
                requirements,
                decisions,
                issued_by: _,
                minutes_text,
            } = &mut m;
            blank(title);
            blank(other_attendees);
            blank(opinion);
            blank(emphasis);
            blank_all(requirements);
            for Decision { text, unit: _, person: _, deadline: _, done_on: _ } in decisions {
                blank(text);
            }
            if let Some(text) = minutes_text {
                blank(text);
            }
        }
        Cow::Owned(m)
    }

    /// A reception record as the viewer may see it: the cases it does not
    /// see left out of its links, and the matters raised withheld when a
    /// linked case is withheld from the viewer.
    pub fn reception<'a>(self, office: &Office, reception: &'a Reception) -> Cow<'a, Reception> {
        let withheld = reception.cases.iter().any(|l| self.withholds_id(office, l.case));
        let unseen = reception.cases.iter().any(|l| !self.sees_id(office, l.case));
        if !withheld && !unseen {
            return Cow::Borrowed(reception);
        }
        let mut r = reception.clone();
        let Reception { leader: _, date: _, place: _, kind: _, head_count: _, matters, cases } =
            &mut r;
        cases.retain(|l| self.sees_id(office, l.case));
        if withheld {
            blank_all(matters);
        }
        Cow::Owned(r)
    }

    /// A hotspot (矛盾纠纷排查) as the viewer may see it: its issue, place
    /// and plan withheld when the case it became is.
    pub fn hotspot<'a>(self, office: &Office, hotspot: &'a Hotspot) -> Cow<'a, Hotspot> {
        match hotspot.case {
            Some(c) if self.withholds_id(office, c) => {
                let mut h = hotspot.clone();
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
                } = &mut h;
                blank(issue);
                blank(place);
                blank(plan);
                Cow::Owned(h)
            }
            _ => Cow::Borrowed(hotspot),
        }
    }
}

/// Replaces a text by [`PLACEHOLDER`] (an empty one stays empty: there
/// is nothing to hide, and it keeps saying "not given").
fn blank(s: &mut String) {
    if !s.is_empty() {
        PLACEHOLDER.clone_into(s);
    }
}

fn blank_all(v: &mut [String]) {
    v.iter_mut().for_each(blank);
}

/// The intake without its content: summary, content and village become
/// [`PLACEHOLDER`]; each petitioner's name too, with the identity number,
/// phone and address dropped. The dates, channel, category, purpose,
/// township and units stay.
pub fn redact_intake(intake: &Intake) -> Intake {
    let mut i = intake.clone();
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
    } = &mut i;
    PLACEHOLDER.clone_into(summary);
    blank(content);
    blank(village);
    for Petitioner { name, id_number, phone, address, representative: _ } in petitioners {
        PLACEHOLDER.clone_into(name);
        *id_number = None;
        *phone = None;
        address.clear();
    }
    i
}

fn redact_routing(r: &mut Routing) {
    let Routing { on: _, disposal: _, lead: _, co_units: _, assignment, explanation } = r;
    blank(explanation);
    if let Some(a) = assignment {
        let mut fixes = crate::assignment::FiveFixes::from(a.clone());
        fixes.standard = PLACEHOLDER.to_string();
        if let Ok(redacted) = fixes.complete() {
            *a = redacted;
        }
    }
}

fn redact_decline(d: &mut Decline) {
    let Decline { on: _, kind: _, body: _, reason, redirect_to } = d;
    blank(reason);
    blank(redirect_to);
}

/// A direction into a statutory procedure (第三十一条): its reason and the
/// body named may restate the matter.
fn redact_direction(d: &mut Direction) {
    let Direction { on: _, procedure: _, body: _, reason, redirect_to } = d;
    blank(reason);
    blank(redirect_to);
}

fn redact_extension(e: &mut Extension) {
    let Extension { on: _, days: _, reason, approved_by: _ } = e;
    blank(reason);
}

fn redact_reply(r: &mut Reply) {
    // The delivery (method and days) carries no text.
    let Reply { on: _, items, report, delivery: _ } = r;
    for ReplyItem { claim, outcome: _, basis } in items {
        blank(claim);
        blank(basis);
    }
    if let Some(report) = report {
        blank(report);
    }
}

fn redact_review_decision(d: &mut ReviewDecision) {
    let ReviewDecision { on: _, outcome: _, reasons, delivery: _ } = d;
    blank(reasons);
}

fn redact_supervision(s: &mut Supervision) {
    let Supervision { no: _, on: _, kind: _, unit: _, note, respond_by: _, closed } = s;
    blank(note);
    if let Some(c) = closed {
        redact_closure(c);
    }
}

fn redact_closure(c: &mut SupervisionClosure) {
    let SupervisionClosure { on: _, note } = c;
    blank(note);
}

fn redact_follow_up(f: &mut FollowUp) {
    let FollowUp { on: _, method: _, note } = f;
    blank(note);
}

fn redact_settlement(s: &mut Settlement) {
    let Settlement { on: _, note } = s;
    blank(note);
}

fn redact_handling(h: &mut Handling) {
    let Handling { body: _, started_on: _, cause, redo_by: _, extension, reply } = h;
    match cause {
        HandlingCause::SentBack { reason } => blank(reason),
        HandlingCause::Accepted | HandlingCause::Redo { .. } => {}
    }
    if let Some(e) = extension {
        redact_extension(e);
    }
    if let Some(r) = reply {
        redact_reply(r);
    }
}

/// The case without any text that could carry its content: the intake
/// ([`redact_intake`]), the routing note and the 五定's quality
/// requirement, the refusal's reason, every round's send-back reason,
/// extension reason and reply (claims, bases, report), review reasons,
/// supervision and closing notes, follow-up and settlement notes. Its id,
/// number, dates, stage, units and people stay.
pub fn redact_case(case: &Case) -> Case {
    let mut c = case.clone();
    let Case {
        id: _,
        number: _,
        registered_at: _,
        intake,
        routing,
        decline,
        proceedings,
        supervision,
        follow_ups,
        rating: _,
        settlement,
        origin: _,
        signed_on: _,
        objections,
        direction,
        ledger,
    } = &mut c;
    if let Some(l) = ledger {
        redact_ledger(l);
    }
    if let Some(d) = direction {
        redact_direction(d);
    }
    *intake = redact_intake(intake);
    if let Some(r) = routing {
        redact_routing(r);
    }
    if let Some(d) = decline {
        redact_decline(d);
    }
    for p in proceedings {
        match p {
            Proceeding::Handling(h) => redact_handling(h),
            Proceeding::Review(crate::case::Review {
                level: _,
                body: _,
                requested_on: _,
                hearing_days: _,
                hearings: _,
                decision,
            }) => {
                if let Some(d) = decision {
                    redact_review_decision(d);
                }
            }
        }
    }
    supervision.iter_mut().for_each(redact_supervision);
    follow_ups.iter_mut().for_each(redact_follow_up);
    if let Some(s) = settlement {
        redact_settlement(s);
    }
    objections.iter_mut().for_each(redact_objection);
    c
}

/// An old ledger's row restates the matter (反映问题, 住址, 备注, 办理结果):
/// every cell's text and the stated result go; the headers, the source
/// and the dates stay.
fn redact_ledger(l: &mut LedgerEntry) {
    let LedgerEntry { source: _, number: _, cells, routed_on_stated: _, closed } = l;
    cells.iter_mut().for_each(|c| blank(&mut c.text));
    if let Some(LedgerClosure { on: _, outcome: _, result, rating: _ }) = closed {
        blank(result);
    }
}

/// A unit's objection (异议, art. 23) may restate the matter: its reason goes.
fn redact_objection(o: &mut Objection) {
    let Objection { on: _, unit: _, reason, received_on: _ } = o;
    blank(reason);
}

/// A history entry without any text that could carry the case's content.
/// Every [`Change`] is named here with no wildcard, so a new kind of
/// entry does not compile until it is classified.
pub fn redact_change(change: &Change) -> Change {
    let mut c = change.clone();
    match &mut c {
        Change::Registered { number: _, intake, ledger } => {
            *intake = redact_intake(intake);
            if let Some(l) = ledger {
                redact_ledger(l);
            }
        }
        Change::Amended { intake } => *intake = redact_intake(intake),
        Change::Routed { routing } => redact_routing(routing),
        Change::Declined { decline } => redact_decline(decline),
        Change::Directed { direction } => redact_direction(direction),
        Change::Extended { extension } => redact_extension(extension),
        Change::Replied { reply } => redact_reply(reply),
        Change::SentBack { on: _, reason, redo_by: _ } => blank(reason),
        Change::ReviewDecided { level: _, decision, redo_by: _ } => {
            redact_review_decision(decision);
        }
        Change::Supervised { supervision } => redact_supervision(supervision),
        Change::SupervisionClosed { no: _, closure } => redact_closure(closure),
        Change::FollowedUp { follow_up } => redact_follow_up(follow_up),
        Change::Settled { settlement } => redact_settlement(settlement),
        Change::Objected { objection } => redact_objection(objection),
        // No free text: ids, dates, units, levels and ratings only.
        Change::LinkedAsRepeat { earlier: _ }
        | Change::Accepted { on: _, body: _ }
        | Change::ReviewRequested { level: _, on: _, body: _ }
        | Change::HearingRecorded { from: _, to: _ }
        | Change::Rated { rating: _ }
        | Change::Imported { source: _, number: _ }
        | Change::Delivered { document: _, delivery: _ }
        | Change::Signed { on: _ } => {}
    }
    c
}

#[cfg(test)]
mod tests;
