//! The 会议纪要 (minutes) of a meeting, as the meeting pages use them: the
//! quarter's figures from the metrics and the hotspot ledger
//! ([`quarter_figures`]), the core's text with the studied cases named by
//! number and category only ([`minutes_text`]), the edited text kept in the
//! meeting's own text fields ([`apply_minutes`]), and the parts of the
//! printed sheet ([`sheet_parts`], [`issue_number`]). Pure functions, tested
//! natively.

use chrono::NaiveDate;
use xinfang_core::ids::MeetingId;
use xinfang_core::work::meeting::{Meeting, MeetingLedger, QuarterFigures};
use xinfang_core::{Case, Office, Period, Report, Scope, WorkLedgers};

/// The most hotspot topics the minutes name.
const MAX_TOPICS: usize = 5;

/// What a section with nothing recorded reads (as the core writes it).
const TO_FILL: &str = "（待补充）";

/// The hotspots of the ledger that were open at some time from `from` to
/// `to` (found by `to`, not resolved before `from`), as topics: the
/// category's name, or the issue when it has no category; the most
/// frequent first (ties in ledger order), at most five.
pub fn hotspot_topics(
    office: &Office,
    work: &WorkLedgers,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<String> {
    let categories = &office.settings().categories;
    let mut topics: Vec<(String, usize)> = Vec::new();
    for h in work.screening.hotspots() {
        let open = h.found_on <= to && h.status.resolved_on().is_none_or(|on| on >= from);
        if !open {
            continue;
        }
        let topic = h
            .category
            .and_then(|c| categories.get(c))
            .map(|c| c.name().to_string())
            .unwrap_or_else(|| h.issue.trim().to_string());
        if topic.is_empty() {
            continue;
        }
        match topics.iter_mut().find(|(t, _)| *t == topic) {
            Some((_, n)) => *n += 1,
            None => topics.push((topic, 1)),
        }
    }
    // A stable sort keeps the ledger order among equal counts.
    topics.sort_by_key(|t| std::cmp::Reverse(t.1));
    topics.into_iter().take(MAX_TOPICS).map(|(t, _)| t).collect()
}

/// The quarter of a meeting on `date`: its figures up to the meeting day
/// (or `today`, if the meeting lies ahead) for the 会议通报 paragraph.
pub fn quarter_figures(
    office: &Office,
    work: &WorkLedgers,
    date: NaiveDate,
    today: NaiveDate,
) -> QuarterFigures {
    let quarter = Period::quarter_of(date);
    let as_of = date.min(today);
    let report = Report::compute(office, quarter, Scope::All, as_of);
    let c = &report.counts;
    let concluded = office
        .cases()
        .filter_map(Case::concluded_on)
        .filter(|on| quarter.first() <= *on && *on <= as_of)
        .count();
    QuarterFigures {
        period: quarter.label(),
        cases: c.cases.current as u32,
        cases_last_year: (c.cases.last_year > 0).then_some(c.cases.last_year as u32),
        visit_batches: c.visits.current as u32,
        visit_persons: c.visit_persons.current as u32,
        collective_batches: c.collective_batches.current as u32,
        collective_persons: c.collective_persons.current as u32,
        escalated: c.escalated_batches().current as u32,
        concluded: concluded as u32,
        hotspots: hotspot_topics(office, work, quarter.first(), as_of),
    }
}

/// The minutes of `meeting` as the core writes them from the data, dated
/// the meeting day (cases by number and category only).
pub fn minutes_text(
    office: &Office,
    meeting: &Meeting,
    figures: Option<&QuarterFigures>,
) -> String {
    meeting.minutes(office.settings(), |id| office.case(id), figures, meeting.date)
}

/// The minutes to show and print: the clerk's final text if there is one,
/// else the text generated from the data.
pub fn minutes_shown(
    office: &Office,
    meeting: &Meeting,
    figures: Option<&QuarterFigures>,
) -> String {
    meeting.minutes_text.clone().unwrap_or_else(|| minutes_text(office, meeting, figures))
}

/// The meeting after the clerk saved `text` as the minutes: the sections it
/// holds as fields are read back (see [`apply_minutes`]), and when the text
/// is more than those fields regenerate (an edited header, briefing or
/// decision), the whole text is kept as the final minutes.
pub fn save_minutes(
    office: &Office,
    meeting: &Meeting,
    default_title: &str,
    text: &str,
    figures: Option<&QuarterFigures>,
) -> Meeting {
    let mut kept = apply_minutes(meeting, default_title, text);
    kept.minutes_text = None;
    let again = minutes_text(office, &kept, figures);
    if differs(&again, text) {
        kept.minutes_text = Some(text.trim().to_string());
    }
    kept
}

/// The meeting with the parts of edited minutes that it holds as text:
/// the title (first line; the default title leaves it blank), 会议认为,
/// 会议强调, 会议要求 (one item per line, numbering removed) and the
/// issuing body (the line above the date at the foot). A section whose
/// heading is gone is left as it was; `（待补充）` reads as blank. The
/// header, the 会议通报 paragraph and the decisions come from the data.
pub fn apply_minutes(meeting: &Meeting, default_title: &str, text: &str) -> Meeting {
    let mut m = meeting.clone();
    let paragraphs = paragraphs(text);
    if let Some(first) = paragraphs.first().and_then(|p| p.first()) {
        m.title = if *first == default_title { String::new() } else { first.to_string() };
    }
    for p in &paragraphs {
        let head = p[0];
        if let Some(rest) = head.strip_prefix("会议认为") {
            m.opinion = unchanged(&meeting.opinion, section(rest, &p[1..]));
        } else if let Some(rest) = head.strip_prefix("会议强调") {
            m.emphasis = unchanged(&meeting.emphasis, section(rest, &p[1..]));
        } else if let Some(rest) = head.strip_prefix("会议要求") {
            let first = blank_if_to_fill(rest.trim_start_matches(['：', ':', '，', ',']).trim());
            let items = std::iter::once(first.as_str())
                .chain(p[1..].iter().copied())
                .map(strip_number)
                .filter(|r| !r.is_empty());
            let old: Vec<&str> =
                meeting.requirements.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
            m.requirements = items
                .enumerate()
                .map(|(i, r)| unchanged(old.get(i).copied().unwrap_or_default(), r.to_string()))
                .collect();
        }
    }
    // The foot: the issuing body's lines above the date, unless the last
    // paragraph is a section of its own.
    if let Some(last) = paragraphs.last().filter(|_| paragraphs.len() > 1) {
        let (date, above) = last.split_last().expect("paragraphs are not empty");
        if looks_like_date(date) && !above.iter().any(|l| l.starts_with("会议")) {
            m.issued_by = above.join("");
        }
    }
    m
}

/// The stored text when the minutes only added the full stop the core
/// writes after it (so saving unedited minutes changes nothing).
fn unchanged(old: &str, new: String) -> String {
    let old = old.trim();
    if !old.is_empty() && (new == old || new.strip_suffix('。') == Some(old)) {
        old.to_string()
    } else {
        new
    }
}

/// The text's paragraphs: runs of non-blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A section's text after its heading's `，`/`：`, with its further lines.
fn section(rest: &str, more: &[&str]) -> String {
    let first = rest.trim_start_matches(['，', ',', '：', ':']).trim();
    let joined = std::iter::once(first)
        .chain(more.iter().copied())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    blank_if_to_fill(&joined)
}

fn blank_if_to_fill(text: &str) -> String {
    if text.trim() == TO_FILL {
        String::new()
    } else {
        text.trim().to_string()
    }
}

/// `二、抓领导` → `抓领导`; `3、…`, `3.…` likewise; anything else as it is.
fn strip_number(line: &str) -> &str {
    let line = line.trim();
    let rest = line
        .trim_start_matches(|c: char| "一二三四五六七八九十零〇".contains(c) || c.is_ascii_digit());
    if rest.len() == line.len() {
        return line;
    }
    match rest.strip_prefix(['、', '.', '．']) {
        Some(after) => after.trim(),
        None => line,
    }
}

/// `二〇二五年三月十六日` or `2025年3月16日`.
fn looks_like_date(line: &str) -> bool {
    line.ends_with('日') && line.contains('年') && line.contains('月') && line.chars().count() <= 16
}

/// Whether two texts differ in more than spaces and line breaks.
pub fn differs(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) != squeeze(b)
}

/// The printed sheet's parts of a minutes text: the body paragraphs (one
/// per line, without the title, the `时间：…` line and the foot) and the
/// foot's lines (issuing body, date) when the text ends with one.
pub fn sheet_parts(text: &str) -> (Vec<String>, Vec<String>) {
    let paragraphs = paragraphs(text);
    let mut foot = Vec::new();
    let mut body_paragraphs = &paragraphs[..];
    if let Some((last, rest)) = paragraphs.split_last().filter(|_| paragraphs.len() > 1) {
        if last.last().is_some_and(|d| looks_like_date(d))
            && !last.iter().any(|l| l.starts_with("会议"))
        {
            foot = last.iter().map(|l| l.to_string()).collect();
            body_paragraphs = rest;
        }
    }
    let body = body_paragraphs
        .iter()
        .skip(1)
        .flatten()
        .filter(|l| !l.starts_with("时间："))
        .map(|l| l.to_string())
        .collect();
    (body, foot)
}

/// The issue number of the minutes (`第N期`): the meeting's place among
/// the meetings of its kind in its year, by date then id.
pub fn issue_number(ledger: &MeetingLedger, id: MeetingId) -> Option<usize> {
    use chrono::Datelike;
    let meeting = ledger.get(id)?;
    let mut same: Vec<_> = ledger
        .iter()
        .filter(|m| m.kind == meeting.kind && m.date.year() == meeting.date.year())
        .map(|m| (m.date, m.id()))
        .collect();
    same.sort();
    same.iter().position(|(_, i)| *i == id).map(|p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::meeting::{Decision, MeetingKind};
    use xinfang_core::{Organisation, Settings};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn meeting(org: &Organisation) -> Meeting {
        let chair = org.people().find(|p| p.name() == "于振华").unwrap().id();
        let unit = org.find_unit("县林业局").unwrap().id();
        let mut m = Meeting::new(MeetingKind::Joint, d(2025, 3, 16), "县委三楼会议室", chair);
        m.decisions = vec![Decision::new("拿出方案", Some(unit), None, Some(d(2025, 4, 30)))];
        m.requirements = vec!["抓热点".into()];
        m
    }

    #[test]
    fn edited_sections_are_kept_and_regenerate_the_same_text() {
        let office = Office::new(Settings::sample_county());
        let org = &office.settings().org;
        let m = meeting(org);
        let title = m.minutes_title(org);
        let text = minutes_text(&office, &m, None);
        assert!(text.contains("会议认为，（待补充）"), "{text}");
        let edited = text
            .replace("会议认为，（待补充）", "会议认为，形势总体平稳\n但热点集中。")
            .replace("一、抓热点。", "一、抓热点。\n二、抓领导，落实责任")
            .replace(&title, "关于退耕还林问题的联席会议纪要")
            .replace("二〇二五年三月十六日", "安和县信访工作联席会议办公室\n二〇二五年三月十六日");
        let kept = apply_minutes(&m, &title, &edited);
        assert_eq!(kept.opinion, "形势总体平稳\n但热点集中。");
        assert_eq!(kept.requirements, vec!["抓热点", "抓领导，落实责任"]);
        assert_eq!(kept.title, "关于退耕还林问题的联席会议纪要");
        assert_eq!(kept.issued_by, "安和县信访工作联席会议办公室");
        assert_eq!(kept.emphasis, "", "（待补充） stays blank");
        let again = minutes_text(&office, &kept, None);
        assert!(
            !differs(&again, &edited.replace("抓领导，落实责任", "抓领导，落实责任。")),
            "{again}"
        );
        // The default title leaves the field blank; an edit of the data's
        // parts is not kept (and is noticed).
        let same = apply_minutes(&m, &title, &text);
        assert_eq!(same, m);
        let data_edit = text.replace("拿出方案", "拿出详细方案");
        assert!(differs(
            &minutes_text(&office, &apply_minutes(&m, &title, &data_edit), None),
            &data_edit
        ));
    }

    #[test]
    fn numbering_and_dates() {
        assert_eq!(strip_number("二、抓领导"), "抓领导");
        assert_eq!(strip_number("12.检查"), "检查");
        assert_eq!(strip_number("十分重要"), "十分重要");
        assert!(looks_like_date("二〇二五年三月十六日"));
        assert!(!looks_like_date("会议决定：1、县林业局于2025年4月30日"));
    }

    #[test]
    fn sheet_parts_split_body_and_foot() {
        let office = Office::new(Settings::sample_county());
        let mut m = meeting(&office.settings().org);
        m.issued_by = "安和县信访工作联席会议办公室".into();
        let (body, foot) = sheet_parts(&minutes_text(&office, &m, None));
        assert!(body[0].starts_with("2025年3月16日，"), "{body:?}");
        assert!(body.iter().any(|l| l.starts_with("会议决定")));
        assert_eq!(foot, vec!["安和县信访工作联席会议办公室", "二〇二五年三月十六日"]);
    }

    #[test]
    fn issue_numbers_count_by_kind_and_year() {
        let org = Organisation::sample_county();
        let mut ledger = MeetingLedger::default();
        let a = ledger.add(meeting(&org)).unwrap();
        let mut later = meeting(&org);
        later.date = d(2025, 2, 1);
        let b = ledger.add(later).unwrap();
        let mut other = meeting(&org);
        other.kind = MeetingKind::Coordination;
        let c = ledger.add(other).unwrap();
        assert_eq!(issue_number(&ledger, b), Some(1));
        assert_eq!(issue_number(&ledger, a), Some(2));
        assert_eq!(issue_number(&ledger, c), Some(1));
    }
}
