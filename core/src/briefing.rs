//! The quarterly briefing (情况通报) and the periodic analysis report
//! (after 《信访工作条例》(2022) 第四十一条, the annual report that replaced
//! 《信访条例》(2005) art. 39), composed as editable Chinese text from the
//! [`Report`] and [`Ranking`] of a period.
//!
//! Both documents are drafts for a clerk: every figure comes from the
//! recorded cases (numbers in Arabic digits with Chinese units, shares and
//! changes against the same period last year as in the county's own
//! reports), and the paragraphs that need judgement (下步工作, 意见建议)
//! are generic boilerplate to edit. Neither ever names a petitioner or
//! quotes a petition: cases are counted, and accusations (检举控告) are
//! only ever counted.
//!
//! ```
//! use chrono::NaiveDate;
//! use xinfang_core::briefing::Briefing;
//! use xinfang_core::{Office, Period, Settings};
//!
//! let office = Office::new(Settings::sample_county());
//! let q3 = Period::quarter(2025, 3).unwrap();
//! let b = Briefing::compose(&office, q3, NaiveDate::from_ymd_opt(2025, 10, 10).unwrap());
//! assert_eq!(b.title, "关于2025年第三季度全县信访工作情况的通报");
//! let text = b.to_text();
//! assert!(text.contains("2025年第三季度，全县未登记信访事项。"));
//! assert!(text.ends_with("二〇二五年十月十日\n"));
//! ```

use crate::case::{Case, Proceeding, SupervisionKind};
use crate::category::CategoryTree;
use crate::cn_text::date_official;
use crate::goals::IndicatorKind;
use crate::ids::{CategoryId, UnitId};
use crate::metrics::{
    CategoryLevel, Document, Indicator, Period, Ranking, Report, Scope, Share, Tally,
};
use crate::office::Office;
use crate::petition::{Channel, Purpose};
use chrono::{Months, NaiveDate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many categories the “main problems” sections list before `其他问题`.
const TOP_CATEGORIES: usize = 5;

/// Chinese ordinals of the numbered sections (一、二、…).
const ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// One numbered section of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading without its number, e.g. `信访总体情况`.
    pub heading: String,
    /// The paragraphs, each one line of text.
    pub paragraphs: Vec<String>,
}

/// The text of a document: title, optional addressee, numbered sections,
/// issuer and date line.
fn document_text(
    title: &str,
    addressee: &str,
    sections: &[Section],
    issuer: &str,
    issued_on: NaiveDate,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    out.push('\n');
    if !addressee.is_empty() {
        let _ = writeln!(out, "{addressee}：");
    }
    for (i, s) in sections.iter().enumerate() {
        let n = ORDINALS.get(i).copied().unwrap_or("十");
        let _ = writeln!(out, "{n}、{}", s.heading);
        for p in &s.paragraphs {
            let _ = writeln!(out, "　　{p}");
        }
    }
    out.push('\n');
    let _ = writeln!(out, "{issuer}");
    let _ = writeln!(out, "{}", date_official(issued_on));
    out
}

/// The quarterly (or monthly, yearly) briefing on petition work (情况通报).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    /// `关于2025年第三季度全县信访工作情况的通报`.
    pub title: String,
    /// To whom: `各乡镇人民政府、县直各部门`.
    pub addressee: String,
    /// 信访总体情况, 集体访和越级访情况, 办理情况, 反映的主要问题,
    /// 存在的问题, 下步工作, in this order.
    pub sections: Vec<Section>,
    /// The issuing body (the petition office, e.g. `县信访局`).
    pub issuer: String,
    /// The issuing date (the as-of day).
    pub issued_on: NaiveDate,
}

impl Briefing {
    /// Composes the briefing of an office's cases for a period, as of a day
    /// (nothing dated after it counts; it is also the issuing date).
    pub fn compose(office: &Office, period: Period, as_of: NaiveDate) -> Briefing {
        let settings = office.settings();
        let org = &settings.org;
        let report = Report::compute(office, period, Scope::All, as_of);
        let ranking = Ranking::compute(office, period, as_of);
        let area = area_word(org.name());
        let sections = vec![
            Section { heading: "信访总体情况".into(), paragraphs: overall(&report, &area) },
            Section {
                heading: "集体访和越级访情况".into(), paragraphs: collective(&report)
            },
            Section {
                heading: "办理情况".into(), paragraphs: handling(&report, &issuer(office))
            },
            Section {
                heading: "反映的主要问题".into(),
                paragraphs: main_problems(&report, &settings.categories),
            },
            Section {
                heading: "存在的问题".into(), paragraphs: shortfalls(&report, &ranking)
            },
            Section { heading: "下步工作".into(), paragraphs: vec![NEXT_STEPS.into()] },
        ];
        Briefing {
            title: format!("关于{}{area}信访工作情况的通报", period.label()),
            addressee: "各乡镇人民政府、县直各部门".into(),
            sections,
            issuer: issuer(office),
            issued_on: as_of,
        }
    }

    /// The whole text, ready to edit: title, addressee, numbered sections,
    /// issuer and the date in official style (`二〇二五年十月十日`).
    pub fn to_text(&self) -> String {
        document_text(&self.title, &self.addressee, &self.sections, &self.issuer, self.issued_on)
    }
}

/// The analysis report (第四十一条; 2005: art. 39): the main problems raised, where they
/// concentrate, their causes as the data show them, and suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisReport {
    /// `关于2025年第三季度全县信访情况的分析报告`.
    pub title: String,
    /// 基本情况, 反映的主要问题及分布, 原因分析, 意见建议, in this order.
    pub sections: Vec<Section>,
    /// The issuing body.
    pub issuer: String,
    /// The issuing date (the as-of day).
    pub issued_on: NaiveDate,
}

impl AnalysisReport {
    /// Composes the analysis of an office's cases received in a period, as
    /// of a day.
    pub fn compose(office: &Office, period: Period, as_of: NaiveDate) -> AnalysisReport {
        let settings = office.settings();
        let report = Report::compute(office, period, Scope::All, as_of);
        let area = area_word(settings.org.name());
        let stats = CategoryStats::collect(office, period, as_of);
        let mut basics = overall(&report, &area);
        basics.truncate(1);
        let sections = vec![
            Section { heading: "基本情况".into(), paragraphs: basics },
            Section {
                heading: "反映的主要问题及分布".into(),
                paragraphs: problem_analysis(office, &report, &stats),
            },
            Section {
                heading: "原因分析".into(),
                paragraphs: causes(&report, &stats, &settings.categories),
            },
            Section {
                heading: "意见建议".into(),
                paragraphs: SUGGESTIONS.map(String::from).to_vec(),
            },
        ];
        AnalysisReport {
            title: format!("关于{}{area}信访情况的分析报告", period.label()),
            sections,
            issuer: issuer(office),
            issued_on: as_of,
        }
    }

    /// The whole text, ready to edit.
    pub fn to_text(&self) -> String {
        document_text(&self.title, "", &self.sections, &self.issuer, self.issued_on)
    }
}

// ---------------------------------------------------------------------------
// Boilerplate

const NEXT_STEPS: &str = "下一步，各乡镇、各部门要进一步落实信访工作责任制，坚持“分级负责、归口办理”和“谁主管、谁负责”的原则，对本期反映集中的热点问题开展排查化解，加强初信初访办理，严格按期受理、按期办结，提高群众满意率；县信访局将继续加强督查督办，对未达标的单位跟踪问效，并将有关情况纳入年度考核。";

const SUGGESTIONS: [&str; 4] = [
    "（一）针对反映集中的问题，建议相关主管部门开展专项排查，研究解决政策性问题，从源头上减少信访。",
    "（二）针对重信重访和超期办理问题，建议压实责任单位办理责任，提高初信初访一次性化解率，对逾期未办结事项加强督办。",
    "（三）针对集体访和越级访，建议各乡镇、各部门加强矛盾纠纷排查预警，做到早发现、早化解。",
    "（四）建议将信访工作情况纳入目标考核，对工作不力的单位进行通报。",
];

// ---------------------------------------------------------------------------
// Sections

/// `全县` for a county, `全市`, `全区`…
fn area_word(org_name: &str) -> String {
    match org_name.chars().last() {
        Some(c @ ('县' | '市' | '区' | '旗')) => format!("全{c}"),
        _ => format!("{org_name}全域"),
    }
}

/// The petition office's name, or `信访工作机构`.
fn issuer(office: &Office) -> String {
    let org = &office.settings().org;
    org.petition_office().map_or_else(|| "信访工作机构".to_string(), |u| org.unit_name(u))
}

/// `同比上升25%（去年同期8件）`, `与去年同期持平`, `去年同期为0`.
fn change(t: Tally, unit: &str) -> String {
    let label = t.change_label();
    if t.last_year > 0 && t.change() != 0 {
        format!("{label}（去年同期{}{unit}）", t.last_year)
    } else {
        label
    }
}

fn overall(r: &Report, area: &str) -> Vec<String> {
    let c = &r.counts;
    let period = r.period.label();
    if c.cases.current == 0 {
        let last = if c.cases.last_year > 0 {
            format!("（去年同期{}件）", c.cases.last_year)
        } else {
            String::new()
        };
        return vec![format!("{period}，{area}未登记信访事项{last}。")];
    }
    let mut out = vec![format!(
        "{period}，{area}共登记群众信访事项{}件{}人次，件数{}，人次{}。",
        c.cases.current,
        c.persons.current,
        change(c.cases, "件"),
        change(c.persons, "人次"),
    )];
    let mut parts = Vec::new();
    for &(channel, t) in &c.by_channel {
        if t.current == 0 {
            continue;
        }
        match channel {
            Channel::Letter { .. } if c.green_post_letters.current > 0 => parts.push(format!(
                "来信{}件（其中绿色邮政{}件），{}",
                t.current,
                c.green_post_letters.current,
                t.change_label()
            )),
            Channel::Visit => parts.push(format!(
                "来访{}批{}人次，{}",
                t.current,
                c.visit_persons.current,
                t.change_label()
            )),
            _ => parts.push(format!("{}{}件，{}", channel.label(), t.current, t.change_label())),
        }
    }
    out.push(format!("按信访形式分：{}。", parts.join("；")));
    let purposes: Vec<String> = c
        .by_purpose
        .iter()
        .filter(|(_, t)| t.current > 0)
        .map(|(p, t)| format!("{}类{}件", p.label(), t.current))
        .collect();
    out.push(format!(
        "按信访目的分：{}。初信初访{}件，重信重访{}件。",
        purposes.join("，"),
        c.first.current,
        c.repeat.current
    ));
    out
}

fn collective(r: &Report) -> Vec<String> {
    let c = &r.counts;
    let mut out = Vec::new();
    if c.collective_batches.current == 0 {
        let last = if c.collective_batches.last_year > 0 {
            format!(
                "（去年同期{}批{}人次）",
                c.collective_batches.last_year, c.collective_persons.last_year
            )
        } else {
            String::new()
        };
        out.push(format!("本期未发生集体访{last}。"));
    } else {
        out.push(format!(
            "本期发生集体访{}批{}人次，批次{}，人次{}。",
            c.collective_batches.current,
            c.collective_persons.current,
            change(c.collective_batches, "批"),
            change(c.collective_persons, "人次"),
        ));
    }
    let esc = c.escalated_batches();
    if esc.current == 0 {
        let last = if esc.last_year > 0 {
            format!("（去年同期{}批）", esc.last_year)
        } else {
            String::new()
        };
        out.push(format!("本期未发生越级访{last}。"));
    } else {
        let persons: u64 = c.escalated.iter().map(|e| e.persons.current).sum();
        let levels: Vec<String> = c
            .escalated
            .iter()
            .filter(|e| e.batches.current > 0)
            .map(|e| format!("{}{}批{}人次", e.level.label(), e.batches.current, e.persons.current))
            .collect();
        out.push(format!(
            "发生越级访{}批{}人次（{}），批次{}。",
            esc.current,
            persons,
            levels.join("，"),
            change(esc, "批")
        ));
    }
    out
}

/// `及时受理率为100%（应作出受理决定4件，按期4件），达到目标要求`.
fn rate_sentence(i: &Indicator, none: &str) -> String {
    if i.denominator == 0 {
        return format!("{}：{none}", i.kind.label());
    }
    let goal = match (i.target, i.met) {
        (Some(t), Some(true)) => format!("，达到目标要求（目标{t}）"),
        (Some(t), Some(false)) => format!("，未达到目标要求（目标{t}）"),
        _ => String::new(),
    };
    format!(
        "{}为{}（{}{}件，{}{}件）{goal}",
        i.kind.label(),
        i.value_text(),
        i.kind.denominator_label().trim_end_matches("件数"),
        i.denominator,
        i.kind.numerator_label().trim_end_matches("件数"),
        i.numerator,
    )
}

fn handling(r: &Report, issuer: &str) -> Vec<String> {
    let c = &r.counts;
    let rates = [
        rate_sentence(r.indicator(IndicatorKind::TimelyAcceptance), "本期无应作出受理决定的事项"),
        rate_sentence(r.indicator(IndicatorKind::OnTimeReply), "本期无应答复的事项"),
        rate_sentence(r.indicator(IndicatorKind::Satisfaction), "本期无群众评价"),
    ];
    let mut out = vec![format!("本期{}。", rates.join("；"))];

    let notices = c.notices().current;
    let reminders = c.supervision_of(SupervisionKind::Reminder).current;
    let mut s = if notices == 0 && reminders == 0 {
        format!("本期{issuer}未发出督办、催办。")
    } else {
        let kinds: Vec<String> = c
            .supervision
            .iter()
            .filter(|(k, t)| k.is_notice() && t.current > 0)
            .map(|(k, t)| format!("{}{}件", k.label(), t.current))
            .collect();
        let detail =
            if kinds.is_empty() { String::new() } else { format!("（{}）", kinds.join("，")) };
        format!("本期{issuer}发出督办通知{notices}件{detail}，催办{reminders}件次。")
    };
    let docs: Vec<String> = Document::ALL
        .iter()
        .map(|&d| (d, c.document(d).current))
        .filter(|&(_, n)| n > 0)
        .map(|(d, n)| format!("《{}》{n}份", d.label()))
        .collect();
    if docs.is_empty() {
        s.push_str("本期未出具信访文书。");
    } else {
        let _ = write!(s, "各责任单位共出具{}。", docs.join("、"));
    }
    out.push(s);

    let overdue = r.overdue_total();
    let end = r.period.last().min(r.as_of);
    if overdue > 0 {
        let by: Vec<String> = r
            .overdue
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| format!("{}{n}件", a.label()))
            .collect();
        out.push(format!(
            "截至{}，尚有{overdue}件信访事项超期未办（{}）。",
            crate::cn_text::date_cn(end),
            by.join("，")
        ));
    } else {
        out.push(format!("截至{}，无超期未办的信访事项。", crate::cn_text::date_cn(end)));
    }
    out
}

/// `土地承包问题` (the name with 问题 unless it already ends so),
/// `其他问题` for the remaining line.
fn problem_name(share: &Share) -> String {
    match share.category {
        None => "其他问题".into(),
        Some(_) if share.name.ends_with("问题") => share.name.clone(),
        Some(_) => format!("{}问题", share.name),
    }
}

fn main_problems(r: &Report, tree: &CategoryTree) -> Vec<String> {
    let shares = r.category_shares(tree, CategoryLevel::Second, TOP_CATEGORIES);
    if shares.is_empty() {
        return vec!["本期无信访事项，无热点问题。".into()];
    }
    let lines: Vec<String> =
        shares.iter().map(|s| format!("{}{}件，占{}", problem_name(s), s.count, s.share)).collect();
    vec![format!("从反映的问题看，主要集中在：{}。", lines.join("；"))]
}

fn shortfalls(r: &Report, ranking: &Ranking) -> Vec<String> {
    let mut out = Vec::new();
    let missed: Vec<String> = r
        .missed()
        .map(|i| {
            let target = i.target.map(|t| t.to_string()).unwrap_or_default();
            format!("{}为{}（目标{target}）", i.kind.label(), i.value_text())
        })
        .collect();
    if !missed.is_empty() {
        out.push(format!("从全县看，{}，未达到目标要求。", missed.join("，")));
    }
    let mut units = Vec::new();
    for e in ranking.entries.iter().filter(|e| e.rank.is_some()) {
        let mut why: Vec<String> = [&e.timely_acceptance, &e.on_time_reply, &e.satisfaction]
            .into_iter()
            .filter(|i| i.met == Some(false))
            .map(|i| {
                format!("{}{}（{}/{}）", i.kind.label(), i.value_text(), i.numerator, i.denominator)
            })
            .collect();
        if e.overdue > 0 {
            why.push(format!("超期未办{}件", e.overdue));
        }
        if e.notices > 0 {
            why.push(format!("被督办{}次", e.notices));
        }
        if !why.is_empty() {
            units.push(format!("{}（{}）", e.name, why.join("，")));
        }
    }
    if units.is_empty() {
        if out.is_empty() {
            out.push("本期各责任单位各项指标均达到目标要求，无超期未办事项。".into());
        }
    } else {
        out.push(format!(
            "部分单位办理工作存在差距，未完成目标任务的有：{}。请上述单位认真查找原因，限期整改。",
            units.join("；")
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// The analysis

/// What the analysis needs per category group, from one pass over the
/// cases received in the period (by the as-of day) and in the same period
/// last year (by the same day last year).
#[derive(Debug, Default)]
struct Group {
    current: u64,
    last_year: u64,
    repeats: u64,
    collective: u64,
    accusations: u64,
    /// First replies judged: (late, judged).
    replies: (u64, u64),
    dissatisfied: u64,
    rated: u64,
    townships: BTreeMap<UnitId, u64>,
    units: BTreeMap<UnitId, u64>,
}

#[derive(Debug, Default)]
struct CategoryStats {
    groups: BTreeMap<CategoryId, Group>,
}

/// The second-level group of a category (a first-level one stays itself).
fn group_of(tree: &CategoryTree, id: CategoryId) -> CategoryId {
    let chain: Vec<CategoryId> = tree.ancestors(id).map(|c| c.id()).collect();
    match chain.len() {
        0 | 1 => id,
        n => chain[n - 2],
    }
}

impl CategoryStats {
    fn collect(office: &Office, period: Period, as_of: NaiveDate) -> CategoryStats {
        let s = office.settings();
        let last = period.previous_year();
        let as_of_last = as_of.checked_sub_months(Months::new(12)).unwrap_or(as_of);
        let mut stats = CategoryStats::default();
        for case in office.cases() {
            let intake = case.intake();
            let on = intake.received_on;
            let group = stats.groups.entry(group_of(&s.categories, intake.category)).or_default();
            if last.is_some_and(|p| p.contains(on)) && on <= as_of_last {
                group.last_year += 1;
            }
            if !period.contains(on) || on > as_of {
                continue;
            }
            group.current += 1;
            group.repeats += u64::from(intake.is_repeat());
            group.collective += u64::from(intake.is_collective());
            if intake.purpose == Purpose::Accusation {
                // Counted, never located or described.
                group.accusations += 1;
                continue;
            }
            if let Some(t) = intake.township {
                *group.townships.entry(t).or_default() += 1;
            }
            if let Some(r) = case.routing() {
                *group.units.entry(r.lead).or_default() += 1;
            }
            if let Some(late) = first_reply_late(case, office, as_of) {
                group.replies.0 += u64::from(late);
                group.replies.1 += 1;
            }
            if let Some(rating) = case.rating().filter(|r| r.on <= as_of) {
                group.rated += 1;
                group.dissatisfied += u64::from(!rating.level.is_positive());
            }
        }
        stats.groups.retain(|_, g| g.current > 0 || g.last_year > 0);
        stats
    }
}

/// Whether the first reply was late (`None` while not yet judged, and for
/// a round with no deadline: a suggestion or accusation, 第二十九条、第三十条).
fn first_reply_late(case: &Case, office: &Office, as_of: NaiveDate) -> Option<bool> {
    let s = office.settings();
    let first = case.proceedings().iter().find_map(|p| match p {
        Proceeding::Handling(h) => Some(h),
        Proceeding::Review(_) => None,
    })?;
    let due = case.reply_due(first, &s.clock, &s.calendar)?;
    match first.reply.as_ref().filter(|r| r.on <= as_of) {
        Some(r) => Some(r.on > due),
        None if as_of > due => Some(true),
        None => None,
    }
}

/// `河口乡（3件）、城关镇（2件）`: the places with the most cases, up to 3.
fn top_places(org: &crate::org::Organisation, places: &BTreeMap<UnitId, u64>) -> String {
    let mut v: Vec<(&UnitId, &u64)> = places.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(3)
        .map(|(u, n)| format!("{}（{n}件）", org.unit_name(**u)))
        .collect::<Vec<_>>()
        .join("、")
}

fn problem_analysis(office: &Office, r: &Report, stats: &CategoryStats) -> Vec<String> {
    let s = office.settings();
    let shares = r.category_shares(&s.categories, CategoryLevel::Second, TOP_CATEGORIES);
    if shares.is_empty() {
        return vec!["本期无信访事项，无集中反映的问题。".into()];
    }
    let mut out = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        let n = ORDINALS.get(i).copied().unwrap_or("十");
        let Some(id) = share.category else {
            out.push(format!("（{n}）其他问题。{}件，占{}。", share.count, share.share));
            continue;
        };
        let g = stats.groups.get(&id);
        let mut line =
            format!("（{n}）{}。{}件，占{}", problem_name(share), share.count, share.share);
        if let Some(g) = g {
            let t = Tally { current: g.current, last_year: g.last_year };
            let _ = write!(line, "，{}", change(t, "件"));
        }
        line.push('。');
        if let Some(g) = g {
            if !g.townships.is_empty() {
                let _ = write!(line, "主要发生在{}", top_places(&s.org, &g.townships));
                if !g.units.is_empty() {
                    let _ = write!(line, "，主要由{}办理", top_places(&s.org, &g.units));
                }
                line.push('。');
            } else if !g.units.is_empty() {
                let _ = write!(line, "主要由{}办理。", top_places(&s.org, &g.units));
            }
            if g.accusations > 0 {
                let _ = write!(line, "其中检举控告类{}件。", g.accusations);
            }
        }
        out.push(line);
    }
    out
}

fn causes(r: &Report, stats: &CategoryStats, tree: &CategoryTree) -> Vec<String> {
    let c = &r.counts;
    if c.cases.current == 0 {
        return vec!["本期无信访事项，不作原因分析。".into()];
    }
    let mut out = Vec::new();
    let share = |n: u64, d: u64| crate::goals::BasisPoints::ratio(n, d).map(|b| b.to_string());
    // The group with the most of something, and its share within the group.
    let worst = |part: fn(&Group) -> (u64, u64)| {
        stats
            .groups
            .iter()
            .map(|(id, g)| (id, part(g)))
            .filter(|(_, (n, _))| *n > 0)
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(a.0)))
            .map(|(id, (n, d))| {
                let name =
                    tree.get(*id).map_or_else(|| format!("未知分类{id}"), |c| c.name().to_string());
                format!("其中{name}问题{n}件，占该类的{}。", share(n, d).unwrap_or_default())
            })
            .unwrap_or_default()
    };
    // Repeats.
    if c.repeat.current > 0 {
        out.push(format!(
            "一是部分问题初次办理不到位。重信重访{}件，占信访总量的{}，{}。{}",
            c.repeat.current,
            share(c.repeat.current, c.cases.current).unwrap_or_default(),
            change(c.repeat, "件"),
            worst(|g| (g.repeats, g.current))
        ));
    } else {
        out.push("一是本期无重信重访，初信初访办理总体到位。".into());
    }
    // Late replies.
    let (late, judged) =
        stats.groups.values().fold((0, 0), |a, g| (a.0 + g.replies.0, a.1 + g.replies.1));
    if judged > 0 && late > 0 {
        out.push(format!(
            "二是部分事项办理不及时。本期登记的事项中已到答复期限的{judged}件，超期答复或逾期未答复{late}件，占{}。{}",
            share(late, judged).unwrap_or_default(),
            worst(|g| g.replies)
        ));
    } else if judged > 0 {
        out.push(format!("二是本期登记的事项中已到答复期限的{judged}件，均按期答复。"));
    } else {
        out.push("二是本期登记的事项尚未到答复期限，办理时效有待后续观察。".into());
    }
    // Collective visits.
    if c.collective_batches.current > 0 {
        out.push(format!(
            "三是群体性诉求较为突出。集体访{}批{}人次，占来访批次的{}。",
            c.collective_batches.current,
            c.collective_persons.current,
            share(c.collective_batches.current, c.visits.current).unwrap_or_default()
        ));
    }
    // Dissatisfaction.
    let (bad, rated) =
        stats.groups.values().fold((0, 0), |a, g| (a.0 + g.dissatisfied, a.1 + g.rated));
    if bad > 0 {
        out.push(format!(
            "{}是部分群众对办理结果不满意。已评价{rated}件中不满意{bad}件，占{}。",
            if c.collective_batches.current > 0 { "四" } else { "三" },
            share(bad, rated).unwrap_or_default()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn area_words() {
        assert_eq!(area_word("安和县"), "全县");
        assert_eq!(area_word("某市"), "全市");
        assert_eq!(area_word("某开发区"), "全区");
        assert_eq!(area_word("某某"), "某某全域");
    }
}
