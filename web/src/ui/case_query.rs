//! The case list's and the dashboard's queries as plain functions over an
//! [`Office`]: filters, text search, sorting, paging, and what is due.
//!
//! Built for 20,000 cases: what depends only on the record ([`Index`]: each
//! case's stage, responsible unit and next due date, which takes the
//! calendar) is computed once per version of the record; a query
//! ([`query`]) then walks the index and the cases once, without allocating
//! per case, and sorts the matches. Only the rows shown are formatted (by
//! the page).
//!
//! Words used here:
//! - the *responsible unit* of a case ([`responsible_unit`]): the body that
//!   owes its next step ([`Case::responsible_body`]), else the routing's lead
//!   unit, else (not routed, or refused by the office) the petition office;
//! - *overdue*: the case owes something ([`Office::next_due`]) whose last day
//!   is before today.

use chrono::{Days, NaiveDate};
use xinfang_core::{Case, CaseId, CategoryId, Channel, Due, Office, Stage, UnitId};

use crate::i18n::labels::Named;
use crate::i18n::Lang;

/// Rows per page of the case list.
pub const PAGE_SIZE: usize = 50;

/// Days after today that the dashboard's “due soon” list covers.
pub const WEEK_DAYS: u64 = 7;

/// The sessionStorage key by which the dashboard's stage links preset the
/// case list's stage filter (a stage's [`Named::key`]); the list reads it on mount
/// and removes it.
pub const PRESET_STAGE_KEY: &str = "xinfang.list-stage";

/// The sessionStorage key presetting the list's unit filter (a unit id number).
pub const PRESET_UNIT_KEY: &str = "xinfang.list-unit";

/// The sessionStorage key presetting the list's overdue filter (`"1"`).
pub const PRESET_OVERDUE_KEY: &str = "xinfang.list-overdue";

// ---------------------------------------------------------------------------
// Numbers

/// `2987` → `2,987`.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Filters

/// The channel filter: any letter, green-post letters only, or one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelFilter {
    /// 来信, whatever the postage.
    AnyLetter,
    /// 来信 by 绿色邮政.
    GreenPost,
    /// Exactly this channel (never a letter).
    Only(Channel),
}

impl ChannelFilter {
    /// Every choice, in the select's order.
    pub const ALL: [ChannelFilter; 10] = [
        ChannelFilter::AnyLetter,
        ChannelFilter::GreenPost,
        ChannelFilter::Only(Channel::Visit),
        ChannelFilter::Only(Channel::Phone),
        ChannelFilter::Only(Channel::Online),
        ChannelFilter::Only(Channel::LeaderMailbox),
        ChannelFilter::Only(Channel::Email),
        ChannelFilter::Only(Channel::Fax),
        ChannelFilter::Only(Channel::FromAbove),
        ChannelFilter::Only(Channel::Hotline12345),
    ];

    /// The option value: the channel's [`Named::key`], `letter` standing
    /// for any letter (so `letter_green` is the green-post ones only).
    pub fn key(self) -> &'static str {
        match self {
            ChannelFilter::AnyLetter => Channel::Letter { green_post: false }.key(),
            ChannelFilter::GreenPost => Channel::Letter { green_post: true }.key(),
            ChannelFilter::Only(c) => c.key(),
        }
    }

    /// The filter of an option value.
    pub fn from_key(key: &str) -> Option<ChannelFilter> {
        ChannelFilter::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The option's label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ChannelFilter::AnyLetter => crate::i18n::tr(lang, "来信（全部）", "Letter (all)"),
            ChannelFilter::GreenPost => Channel::Letter { green_post: true }.name(lang),
            ChannelFilter::Only(c) => c.name(lang),
        }
    }

    /// Whether a case that came by `channel` passes.
    pub fn matches(self, channel: Channel) -> bool {
        match self {
            ChannelFilter::AnyLetter => channel.is_letter(),
            ChannelFilter::GreenPost => channel == Channel::Letter { green_post: true },
            ChannelFilter::Only(c) => channel == c,
        }
    }
}

/// What the case list is narrowed to. The default passes every case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Only cases at this stage.
    pub stage: Option<Stage>,
    /// Only cases whose [`responsible_unit`] is this unit.
    pub unit: Option<UnitId>,
    /// Only cases filed under this category or below it.
    pub category: Option<CategoryId>,
    /// Only cases that came by this channel.
    pub channel: Option<ChannelFilter>,
    /// Only cases received on or after this day.
    pub from: Option<NaiveDate>,
    /// Only cases received on or before this day.
    pub to: Option<NaiveDate>,
    /// Only overdue cases.
    pub overdue_only: bool,
    /// Words that must all occur (see [`Needle`]).
    pub search: String,
}

impl Filters {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Latest received first (the default).
    #[default]
    Newest,
    /// Earliest received first.
    Oldest,
    /// Soonest next due date first (overdue ones first); cases owing
    /// nothing last.
    DueSoonest,
    /// By case number.
    Number,
}

impl Sort {
    /// Every order, in the select's order.
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::DueSoonest, Sort::Number];

    /// The option value.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::DueSoonest => "due",
            Sort::Number => "number",
        }
    }

    /// The order of an option value.
    pub fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The option's label.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Sort::Newest => ("最新登记在前", "Newest first"),
            Sort::Oldest => ("最早登记在前", "Oldest first"),
            Sort::DueSoonest => ("期限最近在前", "Due soonest first"),
            Sort::Number => ("按编号", "By case number"),
        };
        crate::i18n::tr(lang, zh, en)
    }
}

// ---------------------------------------------------------------------------
// Text search

/// A search prepared once per query: whitespace-separated terms that must
/// all occur in the case number, a petitioner's name, the summary, the
/// content or the village. Chinese is matched as a plain substring; Latin
/// letters (ASCII) ignore case. Identity numbers and phones are not searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// The term, ASCII letters lower-cased.
    text: String,
    /// Whether it has ASCII letters (then compared ignoring their case).
    fold: bool,
}

impl Term {
    fn occurs_in(&self, hay: &str) -> bool {
        if self.fold {
            contains_ignore_ascii_case(hay, self.text.as_bytes())
        } else {
            hay.contains(self.text.as_str())
        }
    }
}

/// Whether `needle` (ASCII letters lower-cased, non-empty) occurs in `hay`
/// ignoring the case of ASCII letters. Byte-wise, so no allocation; safe on
/// UTF-8 because ASCII bytes never occur inside a multi-byte character.
fn contains_ignore_ascii_case(hay: &str, needle: &[u8]) -> bool {
    let hay = hay.as_bytes();
    let Some(&first) = needle.first() else { return true };
    if needle.len() > hay.len() {
        return false;
    }
    hay.windows(needle.len())
        .any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(needle))
}

impl Needle {
    /// The needle of a search box's text; `None` when it has no term.
    pub fn new(search: &str) -> Option<Needle> {
        let terms: Vec<Term> = search
            .split_whitespace()
            .map(|t| Term {
                text: t.to_ascii_lowercase(),
                fold: t.bytes().any(|b| b.is_ascii_alphabetic()),
            })
            .collect();
        (!terms.is_empty()).then_some(Needle { terms })
    }

    /// Whether every term occurs in one of `fields`: the texts the core
    /// lets the viewer search in a case ([`crate::access::Viewer::search_text`]:
    /// the number only for an accusation withheld from the viewing unit).
    pub fn matches_in(&self, fields: &[&str]) -> bool {
        self.terms.iter().all(|t| fields.iter().any(|f| t.occurs_in(f)))
    }

    /// For a shown row: the first term that occurs only in a field the row
    /// does not show (the content, the village, a further petitioner's
    /// name), with that field's name and a short excerpt around it, so the
    /// row says why it matched.
    pub fn hidden_match(&self, case: &Case, lang: Lang) -> Option<String> {
        let intake = case.intake();
        let shown = [case.number(), intake.summary.as_str()];
        let primary = intake.primary().map_or("", |p| p.name.as_str());
        for term in &self.terms {
            if shown.iter().any(|f| term.occurs_in(f)) || term.occurs_in(primary) {
                continue;
            }
            let others = intake.petitioners.iter().skip(1).map(|p| p.name.as_str());
            if let Some(name) = others.into_iter().find(|n| term.occurs_in(n)) {
                return Some(format!(
                    "{}{name}",
                    crate::i18n::tr(lang, "信访人：", "Petitioner: ")
                ));
            }
            if term.occurs_in(&intake.village) {
                let label = crate::i18n::tr(lang, "村（社区）：", "Village: ");
                return Some(format!("{label}{}", intake.village));
            }
            if term.occurs_in(&intake.content) {
                let label = crate::i18n::tr(lang, "内容：", "Content: ");
                return Some(format!("{label}{}", excerpt(&intake.content, term)));
            }
        }
        None
    }
}

/// About 16 characters either side of the first occurrence of `term`.
fn excerpt(text: &str, term: &Term) -> String {
    const SIDE: usize = 16;
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let needle: Vec<char> = term.text.chars().collect();
    let at = if needle.is_empty() || needle.len() > lower.len() {
        0
    } else {
        (0..=lower.len() - needle.len())
            .find(|&i| lower[i..i + needle.len()] == needle[..])
            .unwrap_or(0)
    };
    let start = at.saturating_sub(SIDE);
    let end = (at + needle.len() + SIDE).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------
// The index

/// What the list and the dashboard need of one case, derived once per
/// version of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The case.
    pub id: CaseId,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Its stage.
    pub stage: Stage,
    /// Its [`responsible_unit`].
    pub unit: Option<UnitId>,
    /// Its category as filed.
    pub category: CategoryId,
    /// Its channel.
    pub channel: Channel,
    /// What it owes next, if anything.
    pub due: Option<Due>,
    /// Its position in case-number order.
    pub number_rank: u32,
    /// Whether the view the index was made for must not see its content
    /// (an accusation against the viewing unit, see [`crate::access`]):
    /// then only its number is searched and its rows show the placeholder.
    pub hidden: bool,
}

impl Entry {
    /// Whether it is late with what it owes on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|d| d.is_overdue(today))
    }
}

/// Every case's [`Entry`], in case-id order, with the day it was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    entries: Vec<Entry>,
    today: NaiveDate,
    viewer: crate::access::Viewer,
}

/// The responsible unit of a case: the body owing its next step, else the
/// routing's lead unit, else the petition office.
pub fn responsible_unit(office: &Office, case: &Case) -> Option<UnitId> {
    case.responsible_body()
        .or_else(|| case.routing().map(|r| r.lead))
        .or_else(|| office.settings().org.petition_office())
}

impl Index {
    /// The index of the record as it is, for `today`.
    pub fn build(office: &Office, today: NaiveDate) -> Index {
        Index::build_for(office, today, crate::access::Viewer::Office)
    }

    /// The index of the cases `viewer` lists (the core's
    /// [`crate::access::Viewer::sees`]), for `today`.
    pub fn build_for(office: &Office, today: NaiveDate, viewer: crate::access::Viewer) -> Index {
        let org = &office.settings().org;
        let petition_office = org.petition_office();
        let cases = || viewer.cases(office);
        let mut entries: Vec<Entry> = cases()
            .map(|case| Entry {
                id: case.id(),
                received_on: case.intake().received_on,
                stage: case.stage(),
                unit: case
                    .responsible_body()
                    .or_else(|| case.routing().map(|r| r.lead))
                    .or(petition_office),
                category: case.intake().category,
                channel: case.intake().channel,
                due: office.next_due(case),
                number_rank: 0,
                hidden: viewer.withholds(case, org),
            })
            .collect();
        let mut by_number: Vec<(&str, usize)> =
            cases().enumerate().map(|(i, c)| (c.number(), i)).collect();
        by_number.sort_unstable();
        for (rank, (_, i)) in by_number.into_iter().enumerate() {
            entries[i].number_rank = rank as u32;
        }
        Index { entries, today, viewer }
    }

    /// The day the index was made for.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Every entry, in case-id order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a case.
    pub fn entry(&self, id: CaseId) -> Option<&Entry> {
        self.entries.binary_search_by_key(&id, |e| e.id).ok().map(|i| &self.entries[i])
    }

    /// How many cases there are at each stage, in [`Stage::ALL`] order.
    pub fn stage_counts(&self) -> [usize; Stage::ALL.len()] {
        let mut counts = [0; Stage::ALL.len()];
        for e in &self.entries {
            counts[e.stage as usize] += 1;
        }
        counts
    }

    /// How many cases are overdue.
    pub fn overdue_count(&self) -> usize {
        self.entries.iter().filter(|e| e.is_overdue(self.today)).count()
    }
}

// ---------------------------------------------------------------------------
// The query

/// The cases passing `filters`, in `sort` order. `index` must be of the
/// same version of `office` (a case the index does not know is skipped).
pub fn query(office: &Office, index: &Index, filters: &Filters, sort: Sort) -> Vec<CaseId> {
    let today = index.today;
    let categories: Option<Vec<CategoryId>> = filters.category.map(|top| {
        let tree = &office.settings().categories;
        tree.iter().map(|c| c.id()).filter(|id| tree.is_within(*id, top)).collect()
    });
    let needle = Needle::new(&filters.search);
    let org = &office.settings().org;
    let passes = |e: &Entry| {
        filters.stage.is_none_or(|s| e.stage == s)
            && filters.unit.is_none_or(|u| e.unit == Some(u))
            && filters.channel.is_none_or(|c| c.matches(e.channel))
            && filters.from.is_none_or(|d| e.received_on >= d)
            && filters.to.is_none_or(|d| e.received_on <= d)
            && (!filters.overdue_only || e.is_overdue(today))
            && categories.as_ref().is_none_or(|ids| ids.contains(&e.category))
    };
    let mut found: Vec<&Entry> = Vec::new();
    let mut entries = index.entries.iter().peekable();
    for case in office.cases() {
        // Both are in id order: advance the index to this case.
        while entries.next_if(|e| e.id < case.id()).is_some() {}
        let Some(e) = entries.next_if(|e| e.id == case.id()) else { continue };
        // What the core lets the view search (a withheld case: its number).
        let found_by = |n: &Needle| n.matches_in(&index.viewer.search_text(case, org));
        if passes(e) && needle.as_ref().is_none_or(found_by) {
            found.push(e);
        }
    }
    match sort {
        Sort::Newest => found.sort_unstable_by_key(|e| std::cmp::Reverse((e.received_on, e.id))),
        Sort::Oldest => found.sort_unstable_by_key(|e| (e.received_on, e.id)),
        Sort::DueSoonest => {
            found.sort_unstable_by_key(|e| (e.due.is_none(), e.due.map(|d| d.by), e.id))
        }
        Sort::Number => found.sort_unstable_by_key(|e| e.number_rank),
    }
    found.into_iter().map(|e| e.id).collect()
}

/// A page of a list: which one (from 0), how many there are, and the slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The page shown, from 0, clamped to the pages there are.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// How many items there are.
    pub total: usize,
}

impl Paging {
    /// Page `requested` of `total` items, [`PAGE_SIZE`] a page.
    pub fn new(total: usize, requested: usize) -> Paging {
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        Paging { page: requested.min(pages - 1), pages, total }
    }

    /// The items of the page.
    pub fn slice<T>(self, items: &[T]) -> &[T] {
        let start = (self.page * PAGE_SIZE).min(items.len());
        let end = (start + PAGE_SIZE).min(items.len());
        &items[start..end]
    }

    /// Whether there is a page before this one.
    pub fn has_prev(self) -> bool {
        self.page > 0
    }

    /// Whether there is a page after this one.
    pub fn has_next(self) -> bool {
        self.page + 1 < self.pages
    }

    /// `第 1/60 页，共 2,987 件` / `Page 1 of 60, 2,987 cases`.
    pub fn info(self, lang: Lang) -> String {
        let total = group_thousands(self.total);
        match lang {
            Lang::ZhCn => format!("第 {}/{} 页，共 {total} 件", self.page + 1, self.pages),
            Lang::En => {
                let noun = if self.total == 1 { "case" } else { "cases" };
                format!("Page {} of {}, {total} {noun}", self.page + 1, self.pages)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The dashboard's agenda

/// What one unit owes in one of the dashboard's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueGroup {
    /// The unit (`None`: no unit, e.g. no petition office is set up).
    pub unit: Option<UnitId>,
    /// The cases and what they owe, earliest due first.
    pub items: Vec<(CaseId, Due)>,
}

/// What is due today, due within [`WEEK_DAYS`] after today, and overdue,
/// each grouped by responsible unit (in the organisation's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    /// Due today.
    pub today: Vec<DueGroup>,
    /// Due in the days after today up to [`WEEK_DAYS`].
    pub week: Vec<DueGroup>,
    /// Late.
    pub overdue: Vec<DueGroup>,
}

impl Agenda {
    /// The agenda of the index's day.
    pub fn build(office: &Office, index: &Index) -> Agenda {
        let today = index.today;
        let week_end = today.checked_add_days(Days::new(WEEK_DAYS)).unwrap_or(NaiveDate::MAX);
        let (mut due_today, mut week, mut overdue) = (Vec::new(), Vec::new(), Vec::new());
        for e in &index.entries {
            let Some(due) = e.due else { continue };
            let list = if due.by < today {
                &mut overdue
            } else if due.by == today {
                &mut due_today
            } else if due.by <= week_end {
                &mut week
            } else {
                continue;
            };
            list.push((e.unit, e.id, due));
        }
        let order: Vec<UnitId> = office.settings().org.units().map(|u| u.id()).collect();
        let group = |mut items: Vec<(Option<UnitId>, CaseId, Due)>| {
            let pos = |u: Option<UnitId>| {
                u.and_then(|u| order.iter().position(|o| *o == u)).unwrap_or(usize::MAX)
            };
            items.sort_by_key(|(u, id, due)| (pos(*u), u.map(UnitId::get), due.by, *id));
            let mut groups: Vec<DueGroup> = Vec::new();
            for (unit, id, due) in items {
                match groups.last_mut() {
                    Some(g) if g.unit == unit => g.items.push((id, due)),
                    _ => groups.push(DueGroup { unit, items: vec![(id, due)] }),
                }
            }
            groups
        };
        Agenda { today: group(due_today), week: group(week), overdue: group(overdue) }
    }
}

/// The number of items in groups.
pub fn item_count(groups: &[DueGroup]) -> usize {
    groups.iter().map(|g| g.items.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::Settings;
    use xinfang_sample::{generate, SampleConfig};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2025, 11, 20);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn sample() -> Office {
        let config = SampleConfig::year(11, today(), 400);
        generate(Settings::sample_county(), &config).expect("a sample")
    }

    /// The brute-force reading of the filters, case by case, straight from
    /// the core (no index).
    fn brute(office: &Office, f: &Filters) -> Vec<CaseId> {
        let tree = &office.settings().categories;
        let mut ids: Vec<CaseId> = office
            .cases()
            .filter(|c| {
                let i = c.intake();
                let text = |t: &str| {
                    let t = t.to_lowercase();
                    let hay = [&c.number().to_string(), &i.summary, &i.village, &i.content]
                        .into_iter()
                        .cloned()
                        .chain(i.petitioners.iter().map(|p| p.name.clone()))
                        .collect::<Vec<_>>();
                    hay.iter().any(|h| h.to_lowercase().contains(&t))
                };
                f.stage.is_none_or(|s| c.stage() == s)
                    && f.unit.is_none_or(|u| responsible_unit(office, c) == Some(u))
                    && f.category.is_none_or(|k| tree.is_within(i.category, k))
                    && f.channel.is_none_or(|ch| match ch {
                        ChannelFilter::AnyLetter => i.channel.is_letter(),
                        ChannelFilter::GreenPost => {
                            i.channel == Channel::Letter { green_post: true }
                        }
                        ChannelFilter::Only(x) => i.channel == x,
                    })
                    && f.from.is_none_or(|x| i.received_on >= x)
                    && f.to.is_none_or(|x| i.received_on <= x)
                    && (!f.overdue_only || office.next_due(c).is_some_and(|due| today() > due.by))
                    && f.search.split_whitespace().all(text)
            })
            .map(Case::id)
            .collect();
        ids.sort();
        ids
    }

    fn sorted(mut ids: Vec<CaseId>) -> Vec<CaseId> {
        ids.sort();
        ids
    }

    #[test]
    fn filters_agree_with_a_brute_force_recount() {
        let office = sample();
        let index = Index::build(&office, today());
        assert_eq!(index.entries().len(), office.cases().len());
        let org = &office.settings().org;
        let tree = &office.settings().categories;
        let first_level = tree.find("劳动和社会保障").or_else(|| tree.roots().nth(3)).unwrap();
        assert!(tree.children(first_level.id()).next().is_some(), "has children");
        let township = org.townships().next().unwrap().id();
        let word = "工资";
        let mut cases = vec![
            Filters::default(),
            Filters { overdue_only: true, ..Filters::default() },
            Filters { category: Some(first_level.id()), ..Filters::default() },
            Filters { channel: Some(ChannelFilter::AnyLetter), ..Filters::default() },
            Filters { channel: Some(ChannelFilter::GreenPost), ..Filters::default() },
            Filters { channel: Some(ChannelFilter::Only(Channel::Visit)), ..Filters::default() },
            Filters { unit: Some(township), ..Filters::default() },
            Filters { unit: org.petition_office(), ..Filters::default() },
            Filters { from: Some(d(2025, 6, 1)), to: Some(d(2025, 8, 31)), ..Filters::default() },
            Filters { search: word.into(), ..Filters::default() },
            Filters { search: "xf".into(), ..Filters::default() },
            Filters {
                search: format!("{word} 村"),
                overdue_only: true,
                channel: Some(ChannelFilter::AnyLetter),
                ..Filters::default()
            },
        ];
        for stage in Stage::ALL {
            cases.push(Filters { stage: Some(stage), ..Filters::default() });
        }
        let mut nonempty = 0;
        for f in &cases {
            let got = query(&office, &index, f, Sort::Newest);
            let want = brute(&office, f);
            assert_eq!(sorted(got.clone()), want, "{f:?}");
            if !got.is_empty() && got.len() < office.cases().len() {
                nonempty += 1;
            }
        }
        assert!(nonempty >= 15, "most filters narrow the list to something: {nonempty}");

        // The stage counts add up and equal the stage filters' counts.
        let counts = index.stage_counts();
        assert_eq!(counts.iter().sum::<usize>(), office.cases().len());
        for (stage, n) in Stage::ALL.into_iter().zip(counts) {
            let f = Filters { stage: Some(stage), ..Filters::default() };
            assert_eq!(brute(&office, &f).len(), n, "{stage:?}");
        }
        // The overdue count is the overdue filter's.
        let overdue = Filters { overdue_only: true, ..Filters::default() };
        assert_eq!(index.overdue_count(), brute(&office, &overdue).len());
        assert!(index.overdue_count() > 0, "the sample has late cases");
    }

    #[test]
    fn search_finds_a_case_number_and_ignores_latin_case() {
        let office = sample();
        let index = Index::build(&office, today());
        let case = office.cases().nth(17).unwrap();
        let f = Filters { search: case.number().to_string(), ..Filters::default() };
        assert_eq!(query(&office, &index, &f, Sort::Newest), vec![case.id()]);
        let lower = Filters { search: case.number().to_lowercase(), ..Filters::default() };
        assert_eq!(query(&office, &index, &lower, Sort::Newest), vec![case.id()]);
        let none = Filters { search: "不存在的字样zzz".into(), ..Filters::default() };
        assert!(query(&office, &index, &none, Sort::Newest).is_empty());
    }

    #[test]
    fn sorting_orders_the_matches() {
        let office = sample();
        let index = Index::build(&office, today());
        let all = Filters::default();
        let newest = query(&office, &index, &all, Sort::Newest);
        let oldest = query(&office, &index, &all, Sort::Oldest);
        assert_eq!(newest.iter().rev().copied().collect::<Vec<_>>(), oldest);
        let received = |id: &CaseId| office.case(*id).unwrap().intake().received_on;
        assert!(oldest.windows(2).all(|w| received(&w[0]) <= received(&w[1])));
        let min = office.cases().map(|c| c.intake().received_on).min().unwrap();
        assert_eq!(received(&oldest[0]), min);

        let due = query(&office, &index, &all, Sort::DueSoonest);
        let by = |id: &CaseId| office.next_due(office.case(*id).unwrap()).map(|d| d.by);
        let owing = due.iter().take_while(|id| by(id).is_some()).count();
        assert!(owing > 0 && owing < due.len());
        assert!(due[..owing].windows(2).all(|w| by(&w[0]) <= by(&w[1])));
        assert!(due[owing..].iter().all(|id| by(id).is_none()));

        let numbers = query(&office, &index, &all, Sort::Number);
        let number = |id: &CaseId| office.case(*id).unwrap().number().to_string();
        assert!(numbers.windows(2).all(|w| number(&w[0]) < number(&w[1])));
    }

    #[test]
    fn paging_and_page_info() {
        let p = Paging::new(2_987, 0);
        assert_eq!((p.page, p.pages), (0, 60));
        assert_eq!(p.info(Lang::ZhCn), "第 1/60 页，共 2,987 件");
        assert_eq!(p.info(Lang::En), "Page 1 of 60, 2,987 cases");
        assert!(!p.has_prev() && p.has_next());
        let last = Paging::new(2_987, 99);
        assert_eq!(last.page, 59);
        let items: Vec<usize> = (0..2_987).collect();
        assert_eq!(last.slice(&items).len(), 37);
        assert_eq!(Paging::new(2_987, 1).slice(&items)[0], 50);
        let empty = Paging::new(0, 3);
        assert_eq!((empty.page, empty.pages), (0, 1));
        assert_eq!(empty.info(Lang::ZhCn), "第 1/1 页，共 0 件");
        assert!(empty.slice(&items[..0]).is_empty());
        assert_eq!(group_thousands(20_000), "20,000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn filter_keys_are_the_register_forms_channel_keys() {
        let keys: Vec<&str> = ChannelFilter::ALL.iter().map(|f| f.key()).collect();
        let register: Vec<&str> = Channel::OPTIONS.iter().map(|c| c.key()).collect();
        assert_eq!(keys, register);
        assert_eq!(keys[..2], ["letter", "letter_green"]);
        for f in ChannelFilter::ALL {
            assert_eq!(ChannelFilter::from_key(f.key()), Some(f));
        }
        assert!(ChannelFilter::AnyLetter.matches(Channel::Letter { green_post: true }));
        assert!(!ChannelFilter::GreenPost.matches(Channel::Letter { green_post: false }));
        for s in Sort::ALL {
            assert_eq!(Sort::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn the_agenda_sorts_dues_into_today_week_and_overdue() {
        let office = sample();
        let index = Index::build(&office, today());
        let agenda = Agenda::build(&office, &index);
        assert_eq!(item_count(&agenda.overdue), index.overdue_count());
        let week_end = today() + Days::new(WEEK_DAYS);
        for (groups, ok) in [
            (&agenda.today, &(|by: NaiveDate| by == today()) as &dyn Fn(NaiveDate) -> bool),
            (&agenda.week, &|by| by > today() && by <= week_end),
            (&agenda.overdue, &|by| by < today()),
        ] {
            for g in groups {
                for (id, due) in &g.items {
                    assert!(ok(due.by), "{id} {due:?}");
                    let case = office.case(*id).unwrap();
                    assert_eq!(g.unit, responsible_unit(&office, case));
                }
            }
            let units: Vec<_> = groups.iter().map(|g| g.unit).collect();
            let mut dedup = units.clone();
            dedup.dedup();
            assert_eq!(units, dedup, "one group per unit");
        }
        let all_due =
            office.cases().filter(|c| office.next_due(c).is_some_and(|d| d.by <= week_end)).count();
        assert_eq!(
            item_count(&agenda.today) + item_count(&agenda.week) + item_count(&agenda.overdue),
            all_due
        );
    }

    #[test]
    fn hidden_matches_are_explained() {
        let office = sample();
        let case = office.cases().find(|c| c.intake().content.chars().count() > 40).unwrap();
        let content: Vec<char> = case.intake().content.chars().collect();
        let word: String = content[30..34].iter().collect();
        let needle = Needle::new(&word).unwrap();
        let org = &office.settings().org;
        assert!(needle.matches_in(&crate::access::Viewer::Office.search_text(case, org)));
        if !case.intake().summary.contains(&word) {
            let why = needle.hidden_match(case, Lang::ZhCn).expect("an excerpt");
            assert!(why.contains(&word), "{why}");
        }
        assert_eq!(Needle::new("   "), None);
    }

    /// A unit's index lists its cases only and finds a withheld accusation
    /// by its number only; the office's finds everything (the rule is the
    /// core's `Viewer`).
    #[test]
    fn a_units_index_lists_its_cases_and_searches_no_withheld_content() {
        use crate::access::Viewer;
        use xinfang_core::{Channel, Command, Intake, Petitioner, Purpose};
        let mut office = Office::new(Settings::sample_county());
        let org = &office.settings().org;
        let office_unit = org.petition_office().unwrap();
        let township = org.townships().next().unwrap().id();
        let category = office.settings().categories.iter().next().unwrap().id();
        let at = today().and_hms_opt(9, 0, 0).unwrap();
        let mut register = |accused| {
            let intake = Intake {
                received_on: today(),
                channel: Channel::Visit,
                petitioners: vec![Petitioner::named("举报人甲")],
                head_count: 1,
                category,
                purpose: Purpose::Accusation,
                township: Some(township),
                village: String::new(),
                summary: "举报事项".into(),
                content: "秘密内容甲乙丙".into(),
                escalation: None,
                accused_unit: Some(accused),
                repeat_of: None,
            };
            office.execute(Command::Register { intake }, at).unwrap().case().unwrap()
        };
        let against_office = register(office_unit);
        let against_township = register(township);
        let search = |s: &str| Filters { search: s.into(), ..Filters::default() };
        // The township handles neither: it lists none.
        let index = Index::build_for(&office, today(), Viewer::Unit(township));
        assert!(query(&office, &index, &Filters::default(), Sort::Number).is_empty());
        // The petition office's unit sees both; the one against it is
        // found by its number only.
        let index = Index::build_for(&office, today(), Viewer::Unit(office_unit));
        assert!(index.entry(against_office).unwrap().hidden);
        let found = query(&office, &index, &search("秘密内容"), Sort::Number);
        assert_eq!(found, vec![against_township]);
        let number = office.case(against_office).unwrap().number().to_string();
        assert_eq!(query(&office, &index, &search(&number), Sort::Number), vec![against_office]);
        // The office's own view finds both by their content.
        let index = Index::build(&office, today());
        assert_eq!(query(&office, &index, &search("秘密内容"), Sort::Number).len(), 2);
    }
}
