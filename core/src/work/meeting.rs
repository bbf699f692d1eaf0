//! Joint meetings, coordination meetings and leading-group meetings
//! (联席会议、协调会、领导小组会议): who met, which cases they studied, what
//! they decided (each decision with an owner, a deadline and whether it is
//! done), and the minutes (会议纪要) as editable Chinese text.
//!
//! # The minutes
//!
//! [`Meeting::minutes`] writes the layout of the seeds' 会议纪要:
//!
//! ```text
//! 安和县信访工作联席会议纪要
//!
//! 时间：2025年3月16日　地点：…　主持：…　参加：…
//!
//! 2025年3月16日，…在…主持召开信访工作联席会议。现将会议内容纪要如下：
//!
//! 会议通报了…（the period's figures, the cases studied）
//!
//! 会议认为，…
//!
//! 会议强调，…
//!
//! 会议要求：
//! 一、…
//!
//! 会议决定：
//! 1、…（责任单位：…；责任人：…；完成时限：…）
//!
//! （落款单位）
//! 二〇二五年三月十六日
//! ```
//!
//! The figures of the period come in as a small [`QuarterFigures`] the
//! caller fills (from the metrics), so this module does not compute them.
//! A section with nothing recorded reads `（待补充）`, to be edited. Cases
//! are named by number and content category (`XF2025-00017（城乡建设类）`),
//! never by their summary, which a clerk may have written with a
//! petitioner's name: the minutes circulate among units. Accusations
//! (检举控告) read `检举控告类，内容略`.
//!
//! The clerk may edit the generated text as a whole; the final text is
//! kept in [`Meeting::minutes_text`] and printed as it is, until it is
//! generated afresh from the data.

use super::{
    date_cn, date_official, in_order, no_duplicates, required, trim, trim_list, within, Entry,
    Ledger, MeetingId, Record, WorkError,
};
use crate::case::Case;
use crate::ids::{CaseId, PersonId, UnitId};
use crate::org::{Organisation, UnitKind};
use crate::petition::Purpose;
use crate::settings::Settings;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// What kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// 信访工作联席会议: studies hard and major cases across units.
    Joint,
    /// 信访工作协调会: brings the units of one or more cases together.
    Coordination,
    /// 信访工作领导小组会议: the leading group's periodic meeting.
    LeadingGroup,
}

impl MeetingKind {
    /// Every kind, in display order.
    pub const ALL: [MeetingKind; 3] =
        [MeetingKind::Joint, MeetingKind::Coordination, MeetingKind::LeadingGroup];

    /// The full name, as in a title: `信访工作联席会议`.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Joint => "信访工作联席会议",
            MeetingKind::Coordination => "信访工作协调会",
            MeetingKind::LeadingGroup => "信访工作领导小组会议",
        }
    }

    /// The short name for lists: `联席会议`.
    pub fn short_label(self) -> &'static str {
        match self {
            MeetingKind::Joint => "联席会议",
            MeetingKind::Coordination => "协调会",
            MeetingKind::LeadingGroup => "领导小组会议",
        }
    }
}

/// A decision of a meeting (会议决定事项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// What was decided.
    pub text: String,
    /// The unit responsible (责任单位).
    #[serde(default)]
    pub unit: Option<UnitId>,
    /// The person responsible (责任人).
    #[serde(default)]
    pub person: Option<PersonId>,
    /// The deadline (完成时限), when set.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// The day it was done (落实), once done.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

impl Decision {
    /// A decision not yet done.
    pub fn new(
        text: &str,
        unit: Option<UnitId>,
        person: Option<PersonId>,
        deadline: Option<NaiveDate>,
    ) -> Self {
        Decision { text: text.into(), unit, person, deadline, done_on: None }
    }

    /// Whether it is done.
    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }

    /// Not done and past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.deadline.is_some_and(|d| d < today)
    }

    fn check(&mut self, meeting_date: NaiveDate) -> Result<(), WorkError> {
        required(&mut self.text, "决定事项")?;
        if self.unit.is_none() && self.person.is_none() {
            return Err(WorkError::DecisionWithoutOwner { text: self.text.clone() });
        }
        if let Some(deadline) = self.deadline {
            in_order(meeting_date, deadline, "会议日期", "完成时限")?;
        }
        if let Some(done) = self.done_on {
            in_order(meeting_date, done, "会议日期", "完成日期")?;
        }
        Ok(())
    }
}

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// What kind.
    pub kind: MeetingKind,
    /// The day.
    pub date: NaiveDate,
    /// Where.
    pub place: String,
    /// The minutes' title; blank for `{county}{kind}纪要`.
    #[serde(default)]
    pub title: String,
    /// Who chaired (主持).
    pub chair: PersonId,
    /// The people of the organisation who attended.
    #[serde(default)]
    pub attendees: Vec<PersonId>,
    /// Others who attended, free text (e.g. `各乡镇党委书记`).
    #[serde(default)]
    pub other_attendees: String,
    /// The cases studied.
    #[serde(default)]
    pub cases: Vec<CaseId>,
    /// 会议认为: the meeting's assessment.
    #[serde(default)]
    pub opinion: String,
    /// 会议强调: what it stressed.
    #[serde(default)]
    pub emphasis: String,
    /// 会议要求: the requirements, one per item; blank items are dropped.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// 会议决定: the decisions, numbered from 1 in this order.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The issuing body at the foot of the minutes (e.g.
    /// `安和县信访工作联席会议办公室`); may be empty.
    #[serde(default)]
    pub issued_by: String,
    /// The minutes as the clerk finally edited them, printed as they are;
    /// `None` while the minutes are the text [`Meeting::minutes`] writes
    /// from the data. Blank text reads as `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_text: Option<String>,
}

impl Meeting {
    /// A meeting with nothing recorded yet but its kind, day, place and chair.
    pub fn new(kind: MeetingKind, date: NaiveDate, place: &str, chair: PersonId) -> Self {
        Meeting {
            kind,
            date,
            place: place.into(),
            title: String::new(),
            chair,
            attendees: Vec::new(),
            other_attendees: String::new(),
            cases: Vec::new(),
            opinion: String::new(),
            emphasis: String::new(),
            requirements: Vec::new(),
            decisions: Vec::new(),
            issued_by: String::new(),
            minutes_text: None,
        }
    }

    /// The title of the minutes: [`Meeting::title`], or
    /// `{organisation}{kind}纪要` (e.g. `安和县信访工作联席会议纪要`).
    pub fn minutes_title(&self, org: &Organisation) -> String {
        if self.title.trim().is_empty() {
            format!("{}{}纪要", org.name(), self.kind.label())
        } else {
            self.title.trim().to_string()
        }
    }

    /// The minutes (会议纪要) as editable text in the seeds' layout (see the
    /// module docs). `figures` are the period's figures for the 会议通报
    /// paragraph; `issued_on` is the document's date, written
    /// `二〇二五年三月十六日`. `settings` name the people, units and
    /// categories; `case` finds the cases the meeting studied (by
    /// [`Office::case`](crate::office::Office::case)).
    pub fn minutes<'a>(
        &self,
        settings: &Settings,
        case: impl Fn(CaseId) -> Option<&'a Case>,
        figures: Option<&QuarterFigures>,
        issued_on: NaiveDate,
    ) -> String {
        let org = &settings.org;
        let chair = official_style(org, self.chair);
        let mut attendees: Vec<String> =
            self.attendees.iter().map(|p| official_style(org, *p)).collect();
        if !self.other_attendees.trim().is_empty() {
            attendees.push(self.other_attendees.trim().to_string());
        }
        let attendees =
            if attendees.is_empty() { TO_FILL.to_string() } else { attendees.join("、") };
        let date = date_cn(self.date);
        let place = self.place.trim();

        let mut out = String::new();
        let _ = writeln!(out, "{}\n", self.minutes_title(org));
        let _ = writeln!(out, "时间：{date}　地点：{place}　主持：{chair}　参加：{attendees}\n");
        let _ = writeln!(
            out,
            "{date}，{chair}在{place}主持召开{}。现将会议内容纪要如下：\n",
            self.kind.label()
        );

        let mut briefing = figures.map(|f| f.briefing(org.name())).unwrap_or_default();
        if !self.cases.is_empty() {
            let items: Vec<String> =
                self.cases.iter().map(|c| case_label(settings, case(*c), *c)).collect();
            let studied =
                format!("逐案研究了{}件信访事项：{}。", self.cases.len(), items.join("；"));
            let lead = if briefing.is_empty() { "会议通报并" } else { "会议" };
            briefing.push_str(lead);
            briefing.push_str(&studied);
        }
        if briefing.is_empty() {
            briefing = format!("会议通报了{TO_FILL}");
        }
        let _ = writeln!(out, "{briefing}\n");
        let _ = writeln!(out, "会议认为，{}\n", sentence(&self.opinion));
        let _ = writeln!(out, "会议强调，{}\n", sentence(&self.emphasis));

        let requirements: Vec<&str> =
            self.requirements.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
        if requirements.is_empty() {
            let _ = writeln!(out, "会议要求：{TO_FILL}\n");
        } else {
            let _ = writeln!(out, "会议要求：");
            for (i, r) in requirements.iter().enumerate() {
                let _ = writeln!(out, "{}、{}", super::chinese_number(i as u32 + 1), sentence(r));
            }
            out.push('\n');
        }

        if self.decisions.is_empty() {
            let _ = writeln!(out, "会议决定：{TO_FILL}\n");
        } else {
            let _ = writeln!(out, "会议决定：");
            for (i, d) in self.decisions.iter().enumerate() {
                let _ = writeln!(out, "{}、{}", i + 1, decision_line(org, d));
            }
            out.push('\n');
        }

        if !self.issued_by.trim().is_empty() {
            let _ = writeln!(out, "{}", self.issued_by.trim());
        }
        let _ = writeln!(out, "{}", date_official(issued_on));
        out
    }
}

impl Record for Meeting {
    const WHAT: &'static str = "会议";

    fn check(&mut self) -> Result<(), WorkError> {
        required(&mut self.place, "会议地点")?;
        for text in [
            &mut self.title,
            &mut self.other_attendees,
            &mut self.opinion,
            &mut self.emphasis,
            &mut self.issued_by,
        ] {
            trim(text);
        }
        if let Some(text) = &mut self.minutes_text {
            trim(text);
        }
        if self.minutes_text.as_ref().is_some_and(String::is_empty) {
            self.minutes_text = None;
        }
        no_duplicates(&self.attendees, "参会人员")?;
        no_duplicates(&self.cases, "研究案件")?;
        trim_list(&mut self.requirements);
        for d in &mut self.decisions {
            d.check(self.date)?;
        }
        Ok(())
    }
}

/// What a section with nothing recorded reads.
const TO_FILL: &str = "（待补充）";

/// A text as a sentence: trimmed and ending in a full stop (unless it
/// already ends in punctuation); `（待补充）` when blank.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return TO_FILL.into();
    }
    let ends = text.chars().last().is_some_and(|c| "。！？；：…”）".contains(c));
    if ends {
        text.to_string()
    } else {
        format!("{text}。")
    }
}

/// `县林业局副局长花永林`: a person with unit and title; for a body above
/// (县人民政府…) the title alone says where (`副县长于振华`).
fn official_style(org: &Organisation, id: PersonId) -> String {
    let Some(p) = org.person(id) else { return format!("未知人员{id}") };
    let unit = org.unit(p.unit());
    let unit_name = match unit {
        Some(u) if u.kind() != UnitKind::Higher => u.name(),
        _ => "",
    };
    format!("{unit_name}{}{}", p.title(), p.name())
}

/// `XF2025-00017（城乡建设类）`: the number and the content category,
/// never the summary (which may name the petitioner); an accusation reads
/// `检举控告类，内容略`.
fn case_label(settings: &Settings, case: Option<&Case>, id: CaseId) -> String {
    match case {
        None => id.to_string(),
        Some(c) if c.intake().purpose == Purpose::Accusation => {
            format!("{}（检举控告类，内容略）", c.number())
        }
        Some(c) => {
            let categories = &settings.categories;
            let category = categories.get(c.intake().category).map_or("其他", |c| c.name());
            format!("{}（{category}类）", c.number())
        }
    }
}

/// `…（责任单位：县林业局；责任人：花永林；完成时限：2025年4月30日）。`
fn decision_line(org: &Organisation, d: &Decision) -> String {
    let text = d.text.trim().trim_end_matches(['。', '；', '.']);
    let mut owners = Vec::new();
    if let Some(u) = d.unit {
        owners.push(format!("责任单位：{}", org.unit_name(u)));
    }
    if let Some(p) = d.person {
        let who = match (d.unit, org.person(p)) {
            (Some(_), Some(person)) => person.name().to_string(),
            _ => official_style(org, p),
        };
        owners.push(format!("责任人：{who}"));
    }
    if let Some(by) = d.deadline {
        owners.push(format!("完成时限：{}", date_cn(by)));
    }
    format!("{text}（{}）。", owners.join("；"))
}

/// The figures of a period for the 会议通报 paragraph, filled by the caller
/// (e.g. from the metrics). Zero counts read as “未发生”.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuarterFigures {
    /// The period, e.g. `2025年第一季度`.
    pub period: String,
    /// Petitions registered (信访总量, 件).
    pub cases: u32,
    /// The same period last year, when known.
    pub cases_last_year: Option<u32>,
    /// Visits (来访), in batches (批).
    pub visit_batches: u32,
    /// Visits, in persons (人次).
    pub visit_persons: u32,
    /// Collective visits (集体访), in batches.
    pub collective_batches: u32,
    /// Collective visits, in persons.
    pub collective_persons: u32,
    /// Escalated visits (越级访).
    pub escalated: u32,
    /// Cases concluded (办结) in the period.
    pub concluded: u32,
    /// The hotspots to name (e.g. `村务公开`, `退耕还林`).
    pub hotspots: Vec<String>,
}

impl QuarterFigures {
    /// `会议通报了安和县2025年第一季度信访工作情况：…。`
    pub fn briefing(&self, organisation: &str) -> String {
        let mut s = format!(
            "会议通报了{organisation}{}信访工作情况：共登记群众信访事项{}件",
            self.period.trim(),
            self.cases
        );
        if let Some(last) = self.cases_last_year {
            s.push_str(&year_on_year(self.cases, last));
        }
        let _ = write!(s, "；其中来访{}批{}人次，", self.visit_batches, self.visit_persons);
        if self.collective_batches == 0 {
            s.push_str("未发生集体访，");
        } else {
            let _ =
                write!(s, "集体访{}批{}人次，", self.collective_batches, self.collective_persons);
        }
        if self.escalated == 0 {
            s.push_str("未发生越级访");
        } else {
            let _ = write!(s, "越级访{}件", self.escalated);
        }
        let _ = write!(s, "；已办结{}件。", self.concluded);
        let hotspots: Vec<&str> =
            self.hotspots.iter().map(|h| h.trim()).filter(|h| !h.is_empty()).collect();
        if !hotspots.is_empty() {
            let _ = write!(
                s,
                "会议分析了信访形势，梳理了{}等群众关心的热点问题。",
                hotspots.join("、")
            );
        }
        s
    }
}

/// `，比去年同期（110件）上升16.4%`.
fn year_on_year(now: u32, last: u32) -> String {
    if last == 0 {
        return "（去年同期为0件）".into();
    }
    if now == last {
        return format!("，与去年同期（{last}件）持平");
    }
    let (word, diff) = if now > last { ("上升", now - last) } else { ("下降", last - now) };
    let l = u64::from(last);
    let tenths = (u64::from(diff) * 2000 + l) / (2 * l);
    format!("，比去年同期（{last}件）{word}{}.{}%", tenths / 10, tenths % 10)
}

/// A decision with the meeting it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRef<'a> {
    /// The meeting.
    pub meeting: MeetingId,
    /// The decision's number in the meeting, from 1.
    pub no: usize,
    /// The decision.
    pub decision: &'a Decision,
}

/// The counts of meetings in a period (seed 001: “召开信访协调会议23次…
/// 化解各类信访案件124件”).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeetingSummary {
    /// Meetings held.
    pub meetings: u32,
    /// Distinct cases studied.
    pub cases: u32,
    /// Of those, the cases concluded, per the caller's predicate.
    pub resolved: u32,
}

/// The meetings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MeetingLedger {
    entries: Ledger<MeetingId, Meeting>,
}

impl MeetingLedger {
    /// Records a meeting.
    pub fn add(&mut self, meeting: Meeting) -> Result<MeetingId, WorkError> {
        self.entries.add(meeting)
    }

    /// Replaces a meeting's record (e.g. adding its decisions).
    pub fn update(&mut self, id: MeetingId, meeting: Meeting) -> Result<(), WorkError> {
        self.entries.replace(id, meeting)
    }

    /// Removes a meeting entered by mistake. [`super::WorkLedgers::remove_meeting`]
    /// also refuses when a case ownership cites the meeting.
    pub fn remove(&mut self, id: MeetingId) -> Result<(), WorkError> {
        self.entries.remove(id).map(|_| ())
    }

    /// A meeting.
    pub fn get(&self, id: MeetingId) -> Option<&Entry<MeetingId, Meeting>> {
        self.entries.get(id)
    }

    /// Every meeting, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<MeetingId, Meeting>> + '_ {
        self.entries.iter()
    }

    /// Marks decision `no` (from 1) of a meeting done on `on`, or not done
    /// with `None`.
    pub fn set_decision_done(
        &mut self,
        id: MeetingId,
        no: usize,
        on: Option<NaiveDate>,
    ) -> Result<(), WorkError> {
        self.entries.modify(id, |m| {
            let d = no
                .checked_sub(1)
                .and_then(|i| m.decisions.get_mut(i))
                .ok_or(WorkError::NoSuchDecision { no })?;
            d.done_on = on;
            Ok(())
        })
    }

    /// Every decision not yet done, by meeting then number.
    pub fn open_decisions(&self) -> Vec<DecisionRef<'_>> {
        self.decisions().filter(|r| !r.decision.is_done()).collect()
    }

    /// The decisions not done and past their deadline on `today`.
    pub fn overdue_decisions(&self, today: NaiveDate) -> Vec<DecisionRef<'_>> {
        self.decisions().filter(|r| r.decision.is_overdue(today)).collect()
    }

    fn decisions(&self) -> impl Iterator<Item = DecisionRef<'_>> + '_ {
        self.entries.iter().flat_map(|m| {
            m.decisions.iter().enumerate().map(move |(i, decision)| DecisionRef {
                meeting: m.id(),
                no: i + 1,
                decision,
            })
        })
    }

    /// The counts of the meetings of `kind` (or of every kind) held from
    /// `from` to `to`; `concluded` says whether a studied case is concluded.
    pub fn summary(
        &self,
        kind: Option<MeetingKind>,
        from: NaiveDate,
        to: NaiveDate,
        concluded: impl Fn(CaseId) -> bool,
    ) -> MeetingSummary {
        let held: Vec<_> = self
            .entries
            .iter()
            .filter(|m| within(m.date, from, to) && kind.is_none_or(|k| m.kind == k))
            .collect();
        let cases: BTreeSet<CaseId> = held.iter().flat_map(|m| m.cases.iter().copied()).collect();
        MeetingSummary {
            meetings: held.len() as u32,
            cases: cases.len() as u32,
            resolved: cases.into_iter().filter(|c| concluded(*c)).count() as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Intake;
    use crate::office::{Command, Office};
    use crate::petition::{Channel, Petitioner};
    use crate::settings::Settings;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(office: &Office, name: &str) -> PersonId {
        office.settings().org.people().find(|p| p.name() == name).unwrap().id()
    }

    fn unit(office: &Office, name: &str) -> UnitId {
        office.settings().org.find_unit(name).unwrap().id()
    }

    fn register(office: &mut Office, summary: &str, purpose: Purpose) -> CaseId {
        let s = office.settings();
        let intake = Intake {
            received_on: d(2025, 2, 10),
            channel: Channel::Visit,
            petitioners: vec![Petitioner::named("王某某")],
            head_count: 1,
            category: s.categories.find("退耕还林").unwrap().id(),
            purpose,
            township: Some(unit(office, "河口乡")),
            village: "东岗村".into(),
            summary: summary.into(),
            content: "详细内容".into(),
            escalation: None,
            accused_unit: None,
            repeat_of: None,
        };
        let now = d(2025, 2, 10).and_hms_opt(9, 0, 0).unwrap();
        office.execute(Command::Register { intake }, now).unwrap().case().unwrap()
    }

    fn sample_meeting(office: &mut Office) -> Meeting {
        let a = register(office, "反映退耕还林补助资金未足额发放", Purpose::Request);
        let b = register(office, "检举某站长挪用补助资金", Purpose::Accusation);
        let mut m = Meeting::new(
            MeetingKind::Joint,
            d(2025, 3, 16),
            "县委三楼会议室",
            person(office, "于振华"),
        );
        m.attendees = vec![person(office, "毕建华"), person(office, "花永林")];
        m.other_attendees = "各乡镇分管领导".into();
        m.cases = vec![a, b];
        m.opinion = "一季度全县信访总量有所上升，退耕还林类问题较为集中".into();
        m.emphasis = "各级各部门要坚持事要解决，按分级负责、归口办理原则做好工作。".into();
        m.requirements = vec!["抓热点，维护群众利益".into(), " ".into(), "抓领导，落实责任".into()];
        m.decisions = vec![
            Decision::new(
                "县林业局迅速拿出退耕还林补助核查工作方案，报县信访工作领导小组。",
                Some(unit(office, "县林业局")),
                Some(person(office, "花永林")),
                Some(d(2025, 4, 30)),
            ),
            Decision::new(
                "6月中旬对全县信访工作进行半年检查",
                Some(unit(office, "县信访局")),
                None,
                None,
            ),
        ];
        m.issued_by = "安和县信访工作联席会议办公室".into();
        m
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn minutes_have_every_section_and_the_decisions() {
        let mut office = Office::new(Settings::sample_county());
        let mut ledger = MeetingLedger::default();
        let meeting = sample_meeting(&mut office);
        let id = ledger.add(meeting).unwrap();
        let figures = QuarterFigures {
            period: "2025年第一季度".into(),
            cases: 128,
            cases_last_year: Some(110),
            visit_batches: 45,
            visit_persons: 62,
            collective_batches: 3,
            collective_persons: 27,
            escalated: 2,
            concluded: 96,
            hotspots: vec!["村务公开".into(), "退耕还林".into(), "企业改制".into()],
        };
        let text = ledger.get(id).unwrap().minutes(
            office.settings(),
            |id| office.case(id),
            Some(&figures),
            d(2025, 3, 18),
        );
        let expected = "\
安和县信访工作联席会议纪要

时间：2025年3月16日　地点：县委三楼会议室　主持：副县长（分管信访）于振华　参加：县信访局局长毕建华、县林业局副局长花永林、各乡镇分管领导

2025年3月16日，副县长（分管信访）于振华在县委三楼会议室主持召开信访工作联席会议。现将会议内容纪要如下：

会议通报了安和县2025年第一季度信访工作情况：共登记群众信访事项128件，比去年同期（110件）上升16.4%；其中来访45批62人次，集体访3批27人次，越级访2件；已办结96件。会议分析了信访形势，梳理了村务公开、退耕还林、企业改制等群众关心的热点问题。会议逐案研究了2件信访事项：XF2025-00001（退耕还林类）；XF2025-00002（检举控告类，内容略）。

会议认为，一季度全县信访总量有所上升，退耕还林类问题较为集中。

会议强调，各级各部门要坚持事要解决，按分级负责、归口办理原则做好工作。

会议要求：
一、抓热点，维护群众利益。
二、抓领导，落实责任。

会议决定：
1、县林业局迅速拿出退耕还林补助核查工作方案，报县信访工作领导小组（责任单位：县林业局；责任人：花永林；完成时限：2025年4月30日）。
2、6月中旬对全县信访工作进行半年检查（责任单位：县信访局）。

安和县信访工作联席会议办公室
二〇二五年三月十八日
";
        assert_eq!(text, expected);
        assert!(!text.contains("挪用"), "an accusation's content stays out of the minutes");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn minutes_with_nothing_recorded_show_what_to_fill() {
        let office = Office::new(Settings::sample_county());
        let chair = person(&office, "毕建华");
        let mut m = Meeting::new(MeetingKind::Coordination, d(2025, 7, 2), "县信访局会议室", chair);
        m.title = "关于东岗村土地承包纠纷的协调会纪要".into();
        let text = m.minutes(office.settings(), |id| office.case(id), None, d(2025, 7, 2));
        assert!(text.starts_with("关于东岗村土地承包纠纷的协调会纪要\n\n"), "{text}");
        for line in [
            "时间：2025年7月2日　地点：县信访局会议室　主持：县信访局局长毕建华　参加：（待补充）",
            "主持召开信访工作协调会。现将会议内容纪要如下：",
            "会议通报了（待补充）",
            "会议认为，（待补充）",
            "会议强调，（待补充）",
            "会议要求：（待补充）",
            "会议决定：（待补充）",
        ] {
            assert!(text.contains(line), "missing {line}:\n{text}");
        }
        assert!(text.ends_with("\n二〇二五年七月二日\n"), "{text}");

        // Cases without figures: the paragraph still opens “会议通报”.
        let mut office = office;
        let case = register(&mut office, "反映补助未发放", Purpose::Request);
        m.cases = vec![case, CaseId::new(99)];
        let text = m.minutes(office.settings(), |id| office.case(id), None, d(2025, 7, 2));
        assert!(
            text.contains("会议通报并逐案研究了2件信访事项：XF2025-00001（退耕还林类）；C99。"),
            "{text}"
        );
        assert!(
            !text.contains("反映补助未发放"),
            "a summary may name people: never in the minutes"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_clerks_final_text_is_kept_trimmed_and_blank_reads_as_none() {
        let org = Organisation::sample_county();
        let chair = org.people().next().unwrap().id();
        let mut ledger = MeetingLedger::default();
        let mut m = Meeting::new(MeetingKind::Coordination, d(2025, 7, 2), "县信访局会议室", chair);
        m.minutes_text = Some("  会议纪要定稿\n".into());
        let id = ledger.add(m.clone()).unwrap();
        assert_eq!(ledger.get(id).unwrap().minutes_text.as_deref(), Some("会议纪要定稿"));
        m.minutes_text = Some(" \n ".into());
        ledger.update(id, m).unwrap();
        assert_eq!(ledger.get(id).unwrap().minutes_text, None);
        // Older stored meetings (without the field) still load.
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(!json.contains("minutes_text"));
        assert_eq!(serde_json::from_str::<MeetingLedger>(&json).unwrap(), ledger);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn year_on_year_wording() {
        assert_eq!(year_on_year(128, 110), "，比去年同期（110件）上升16.4%");
        assert_eq!(year_on_year(90, 120), "，比去年同期（120件）下降25.0%");
        assert_eq!(year_on_year(7, 7), "，与去年同期（7件）持平");
        assert_eq!(year_on_year(3, 0), "（去年同期为0件）");
        let quiet =
            QuarterFigures {
                period: "第二季度".into(), cases: 10, ..QuarterFigures::default()
            };
        assert_eq!(
            quiet.briefing("河口乡"),
            "会议通报了河口乡第二季度信访工作情况：共登记群众信访事项10件；其中来访0批0人次，未发生集体访，未发生越级访；已办结0件。"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn decisions_are_followed_up() {
        let mut office = Office::new(Settings::sample_county());
        let mut ledger = MeetingLedger::default();
        let id = ledger.add(sample_meeting(&mut office)).unwrap();
        assert_eq!(ledger.open_decisions().len(), 2);
        let overdue = ledger.overdue_decisions(d(2025, 5, 6));
        assert_eq!(overdue.len(), 1);
        assert_eq!((overdue[0].meeting, overdue[0].no), (id, 1));
        ledger.set_decision_done(id, 1, Some(d(2025, 4, 28))).unwrap();
        assert!(ledger.overdue_decisions(d(2025, 5, 6)).is_empty());
        assert_eq!(ledger.open_decisions()[0].no, 2);
        assert_eq!(
            ledger.set_decision_done(id, 3, None).unwrap_err().to_string(),
            "该会议没有第3项决定"
        );
        assert!(matches!(
            ledger.set_decision_done(id, 0, None),
            Err(WorkError::NoSuchDecision { no: 0 })
        ));
        let err = ledger.set_decision_done(id, 2, Some(d(2025, 3, 1))).unwrap_err();
        assert_eq!(err.to_string(), "“完成日期”不能早于“会议日期”");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn meetings_are_validated() {
        let mut office = Office::new(Settings::sample_county());
        let mut ledger = MeetingLedger::default();
        let good = sample_meeting(&mut office);
        let mut m = good.clone();
        m.decisions.push(Decision::new("加强研究", None, None, None));
        assert_eq!(
            ledger.add(m).unwrap_err().to_string(),
            "会议决定“加强研究”须明确责任单位或责任人"
        );
        let mut m = good.clone();
        m.decisions[0].deadline = Some(d(2025, 3, 1));
        assert_eq!(ledger.add(m).unwrap_err().to_string(), "“完成时限”不能早于“会议日期”");
        let mut m = good.clone();
        m.cases.push(m.cases[0]);
        assert_eq!(ledger.add(m).unwrap_err().to_string(), "“研究案件”中有重复项：C1");
        let mut m = good.clone();
        m.place = " ".into();
        assert_eq!(ledger.add(m).unwrap_err().to_string(), "“会议地点”不能为空");
        let id = ledger.add(good).unwrap();
        assert_eq!(ledger.get(id).unwrap().requirements.len(), 2, "the blank item is dropped");
        assert_eq!(MeetingKind::Coordination.short_label(), "协调会");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn counts_for_a_period() {
        let mut office = Office::new(Settings::sample_county());
        let mut ledger = MeetingLedger::default();
        let joint = sample_meeting(&mut office);
        let cases = joint.cases.clone();
        ledger.add(joint.clone()).unwrap();
        let mut second =
            Meeting::new(MeetingKind::Coordination, d(2025, 4, 2), "县信访局", joint.chair);
        second.cases = vec![cases[0]];
        ledger.add(second).unwrap();
        let concluded = |c: CaseId| c == cases[0];
        let all = ledger.summary(None, d(2025, 1, 1), d(2025, 12, 31), concluded);
        assert_eq!(all, MeetingSummary { meetings: 2, cases: 2, resolved: 1 });
        let coordination = ledger.summary(
            Some(MeetingKind::Coordination),
            d(2025, 1, 1),
            d(2025, 12, 31),
            concluded,
        );
        assert_eq!(coordination, MeetingSummary { meetings: 1, cases: 1, resolved: 1 });
        let q1 = ledger.summary(None, d(2025, 1, 1), d(2025, 3, 31), concluded);
        assert_eq!(q1.meetings, 1);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn serde_round_trip() {
        let mut office = Office::new(Settings::sample_county());
        let mut ledger = MeetingLedger::default();
        ledger.add(sample_meeting(&mut office)).unwrap();
        let json = serde_json::to_string(&ledger).unwrap();
        assert!(json.contains(r#""kind":"joint""#), "{json}");
        assert_eq!(serde_json::from_str::<MeetingLedger>(&json).unwrap(), ledger);
    }
}
