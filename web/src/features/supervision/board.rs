//! The supervision board (督办) as data: every reminder and supervision
//! notice of every case ([`items`]), what is due when ([`Due`]), the
//! board's filters ([`Filters`]) and grouping by the unit pressed
//! ([`select`]), and the per-unit counts ([`unit_counts`]). Pure: the page
//! (`pages::supervision`) only formats what this gives.
//!
//! Days are calendar days (`respond_by − today`): a notice's respond-by day
//! is set by the office that issued it, not a statutory period.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use xinfang_core::case::{SupervisionClosure, SupervisionKind};
use xinfang_core::{CaseId, Change, Office, UnitId};

use crate::i18n::{tr, Lang};

/// How many days ahead “due soon” looks.
pub const SOON_DAYS: i64 = 7;

/// One reminder or supervision notice of a case, with when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The case.
    pub case: CaseId,
    /// The case's number (`XF2025-00017`).
    pub number: String,
    /// The notice's number within the case, from 1.
    pub no: u32,
    /// The unit pressed.
    pub unit: UnitId,
    /// How.
    pub kind: SupervisionKind,
    /// The day it was issued.
    pub on: NaiveDate,
    /// The day the unit must respond by, if set.
    pub respond_by: Option<NaiveDate>,
    /// What was required.
    pub note: String,
    /// When and how it was closed.
    pub closed: Option<SupervisionClosure>,
    /// When the issue was recorded (the log entry's time).
    pub issued_at: Option<NaiveDateTime>,
    /// When the closing was recorded.
    pub closed_at: Option<NaiveDateTime>,
}

/// Where an item stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Closed on this day.
    Closed(NaiveDate),
    /// Open, past its respond-by day by this many days (≥ 1).
    Overdue(i64),
    /// Open, this many days left (0: due today).
    Left(i64),
    /// Open, no respond-by day set.
    NoDate,
}

impl Item {
    /// Whether it is still open.
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    /// Where it stands on `today`.
    pub fn due(&self, today: NaiveDate) -> Due {
        if let Some(c) = &self.closed {
            return Due::Closed(c.on);
        }
        match self.respond_by {
            None => Due::NoDate,
            Some(by) if by < today => Due::Overdue((today - by).num_days()),
            Some(by) => Due::Left((by - today).num_days()),
        }
    }

    /// Whether it is open and past its respond-by day on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        matches!(self.due(today), Due::Overdue(_))
    }

    /// Whether it is open and due within [`SOON_DAYS`] (today included),
    /// not yet overdue.
    pub fn is_due_soon(&self, today: NaiveDate) -> bool {
        matches!(self.due(today), Due::Left(n) if n <= SOON_DAYS)
    }

    /// Whether it was closed in `today`'s year.
    pub fn closed_in_year_of(&self, today: NaiveDate) -> bool {
        self.closed.as_ref().is_some_and(|c| c.on.year() == today.year())
    }
}

/// Every reminder and supervision notice of the office, case by case, with
/// the times their issue and closing were recorded (one pass over the log).
pub fn items(office: &Office) -> Vec<Item> {
    items_for(office, crate::access::Viewer::Office)
}

/// The items of the cases `view` lists, each as the core shows the case
/// to it ([`crate::access::Viewer::case`]: the notes of an accusation
/// withheld from the viewing unit are the placeholder).
pub fn items_for(office: &Office, view: crate::access::Viewer) -> Vec<Item> {
    let org = &office.settings().org;
    let mut recorded: HashMap<(CaseId, u32), (Option<NaiveDateTime>, Option<NaiveDateTime>)> =
        HashMap::new();
    for e in office.log().entries().iter().filter_map(|entry| entry.event.as_case()) {
        match &e.change {
            Change::Supervised { supervision } => {
                recorded.entry((e.case, supervision.no)).or_default().0 = Some(e.at);
            }
            Change::SupervisionClosed { no, .. } => {
                recorded.entry((e.case, *no)).or_default().1 = Some(e.at);
            }
            _ => {}
        }
    }
    view.cases(office)
        .map(|case| view.case(case, org))
        .flat_map(|case| {
            let recorded = &recorded;
            let supervision = case.supervision().to_vec();
            let (id, number) = (case.id(), case.number().to_string());
            supervision.into_iter().map(move |s| {
                let (issued_at, closed_at) = recorded.get(&(id, s.no)).copied().unwrap_or_default();
                Item {
                    case: id,
                    number: number.clone(),
                    no: s.no,
                    unit: s.unit,
                    kind: s.kind,
                    on: s.on,
                    respond_by: s.respond_by,
                    note: s.note,
                    closed: s.closed,
                    issued_at,
                    closed_at,
                }
            })
        })
        .collect()
}

/// The due-state filter (`#sv-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    /// Everything.
    #[default]
    All,
    /// Open and past the respond-by day.
    Overdue,
    /// Open and due within [`SOON_DAYS`].
    DueSoon,
}

impl StateFilter {
    /// Every choice, in the select's order.
    pub const ALL: [StateFilter; 3] =
        [StateFilter::All, StateFilter::Overdue, StateFilter::DueSoon];

    /// The option value.
    pub fn key(self) -> &'static str {
        match self {
            StateFilter::All => "all",
            StateFilter::Overdue => "overdue",
            StateFilter::DueSoon => "due7",
        }
    }

    /// The choice of an option value; [`StateFilter::All`] for anything else.
    pub fn from_key(key: &str) -> StateFilter {
        StateFilter::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }

    /// The option's label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StateFilter::All => tr(lang, "全部", "All"),
            StateFilter::Overdue => tr(lang, "已超期", "Overdue"),
            StateFilter::DueSoon => tr(lang, "7日内到期", "Due within 7 days"),
        }
    }
}

/// Where an item stands, in words: `还剩3天`, `今日到期`, `已超期 2 天`,
/// `未定反馈期限`, `已办结`.
pub fn due_text(due: Due, lang: Lang) -> String {
    match (due, lang) {
        (Due::Closed(_), _) => tr(lang, "已办结", "Closed").into(),
        (Due::Overdue(n), Lang::ZhCn) => format!("已超期 {n} 天"),
        (Due::Overdue(1), Lang::En) => "Overdue by 1 day".into(),
        (Due::Overdue(n), Lang::En) => format!("Overdue by {n} days"),
        (Due::Left(0), _) => tr(lang, "今日到期", "Due today").into(),
        (Due::Left(n), Lang::ZhCn) => format!("还剩 {n} 天"),
        (Due::Left(1), Lang::En) => "1 day left".into(),
        (Due::Left(n), Lang::En) => format!("{n} days left"),
        (Due::NoDate, _) => tr(lang, "未定反馈期限", "No respond-by date").into(),
    }
}

/// The board's filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Only this unit pressed.
    pub unit: Option<UnitId>,
    /// Only this kind.
    pub kind: Option<SupervisionKind>,
    /// Only overdue or due-soon ones.
    pub state: StateFilter,
    /// Closed ones too (they pass only the state filter “all”).
    pub show_closed: bool,
}

impl Filters {
    /// Whether `item` is shown on `today`.
    pub fn admits(&self, item: &Item, today: NaiveDate) -> bool {
        if self.unit.is_some_and(|u| u != item.unit) || self.kind.is_some_and(|k| k != item.kind) {
            return false;
        }
        if !item.is_open() && !self.show_closed {
            return false;
        }
        match self.state {
            StateFilter::All => true,
            StateFilter::Overdue => item.is_overdue(today),
            StateFilter::DueSoon => item.is_due_soon(today),
        }
    }
}

/// The items shown for one unit: indices into the [`items`] list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The unit pressed.
    pub unit: UnitId,
    /// Its items, open ones first (the most urgent first), then closed ones
    /// (the latest closed first).
    pub items: Vec<usize>,
    /// How many of them are overdue.
    pub overdue: usize,
}

/// Orders items within a group: open before closed; open by respond-by
/// day (none last), then issue day; closed by closing day, latest first.
fn urgency(a: &Item, b: &Item) -> Ordering {
    let key = |i: &Item| {
        let closed_on = i.closed.as_ref().map(|c| c.on);
        // Closed ones ignore the respond-by day.
        let by = if closed_on.is_some() { None } else { i.respond_by };
        (closed_on.is_some(), by.is_none(), by, Reverse(closed_on), i.on, i.case, i.no)
    };
    key(a).cmp(&key(b))
}

/// The items `filters` admit on `today`, grouped by the unit pressed: the
/// units with the most overdue items first, then the most items, then by
/// unit id.
pub fn select(items: &[Item], filters: &Filters, today: NaiveDate) -> Vec<Group> {
    let mut by_unit: HashMap<UnitId, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if filters.admits(item, today) {
            by_unit.entry(item.unit).or_default().push(i);
        }
    }
    let mut groups: Vec<Group> = by_unit
        .into_iter()
        .map(|(unit, mut idx)| {
            idx.sort_by(|a, b| urgency(&items[*a], &items[*b]));
            let overdue = idx.iter().filter(|i| items[**i].is_overdue(today)).count();
            Group { unit, items: idx, overdue }
        })
        .collect();
    groups.sort_by_key(|g| (Reverse(g.overdue), Reverse(g.items.len()), g.unit));
    groups
}

/// The counts of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitCounts {
    /// The unit pressed.
    pub unit: UnitId,
    /// Open items.
    pub open: usize,
    /// Open items past their respond-by day.
    pub overdue: usize,
    /// Items closed in the current year.
    pub closed_this_year: usize,
}

/// The counts of every unit with an open item or one closed this year, by
/// open count (most first), then unit id. Filters do not apply.
pub fn unit_counts(items: &[Item], today: NaiveDate) -> Vec<UnitCounts> {
    let mut by_unit: HashMap<UnitId, UnitCounts> = HashMap::new();
    for item in items {
        let open = item.is_open();
        let closed = item.closed_in_year_of(today);
        if !open && !closed {
            continue;
        }
        let c = by_unit.entry(item.unit).or_insert(UnitCounts {
            unit: item.unit,
            open: 0,
            overdue: 0,
            closed_this_year: 0,
        });
        c.open += usize::from(open);
        c.overdue += usize::from(item.is_overdue(today));
        c.closed_this_year += usize::from(closed);
    }
    let mut counts: Vec<UnitCounts> = by_unit.into_values().collect();
    counts.sort_by_key(|c| (Reverse(c.open), Reverse(c.overdue), c.unit));
    counts
}

/// The units that appear in `items` (for the unit filter), by id.
pub fn units(items: &[Item]) -> Vec<UnitId> {
    let mut units: Vec<UnitId> = items.iter().map(|i| i.unit).collect();
    units.sort_unstable();
    units.dedup();
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::lifecycle::Action as CaseAction;
    use xinfang_core::{Command, Settings};
    use xinfang_sample::{generate, SampleConfig};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2025, 6, 30)
    }

    fn office() -> Office {
        generate(Settings::sample_county(), &SampleConfig::year(5, today(), 400)).unwrap()
    }

    #[test]
    fn every_notice_of_every_case_is_an_item_with_its_recording_times() {
        let office = office();
        let all = items(&office);
        let expected: usize = office.cases().map(|c| c.supervision().len()).sum();
        assert_eq!(all.len(), expected);
        assert!(all.iter().any(Item::is_open), "the sample leaves some open");
        assert!(all.iter().any(|i| !i.is_open()), "and closes most");
        for item in &all {
            let case = office.case(item.case).unwrap();
            let s = case.supervision().iter().find(|s| s.no == item.no).unwrap();
            assert_eq!((item.unit, item.kind, item.on), (s.unit, s.kind, s.on));
            assert_eq!(item.number, case.number());
            // The times come from the case's own history.
            let issued = office.history(item.case).find_map(|e| match &e.event.change {
                Change::Supervised { supervision } if supervision.no == item.no => Some(e.event.at),
                _ => None,
            });
            assert_eq!(item.issued_at, issued);
            assert!(item.issued_at.unwrap().date() >= item.on);
            assert_eq!(item.closed_at.is_some(), item.closed.is_some());
        }
    }

    #[test]
    fn due_states_and_their_words() {
        let item = Item {
            case: CaseId::new(1),
            number: "XF2025-00001".into(),
            no: 1,
            unit: UnitId::new(3),
            kind: SupervisionKind::Written,
            on: d(2025, 6, 20),
            respond_by: Some(d(2025, 6, 27)),
            note: "请报送办理进展".into(),
            closed: None,
            issued_at: None,
            closed_at: None,
        };
        assert_eq!(item.due(today()), Due::Overdue(3));
        assert!(item.is_overdue(today()) && !item.is_due_soon(today()));
        assert_eq!(due_text(item.due(today()), Lang::ZhCn), "已超期 3 天");
        assert_eq!(due_text(item.due(today()), Lang::En), "Overdue by 3 days");
        assert_eq!(item.due(d(2025, 6, 27)), Due::Left(0));
        assert_eq!(due_text(Due::Left(0), Lang::ZhCn), "今日到期");
        assert!(item.is_due_soon(d(2025, 6, 20)), "7 days left is due soon");
        assert!(!item.is_due_soon(d(2025, 6, 19)), "8 days is not");
        assert_eq!(due_text(Due::Left(2), Lang::ZhCn), "还剩 2 天");
        let undated = Item { respond_by: None, ..item.clone() };
        assert_eq!(undated.due(today()), Due::NoDate);
        assert!(!undated.is_overdue(today()));
        let closed = Item {
            closed: Some(SupervisionClosure { on: d(2025, 6, 28), note: "已反馈".into() }),
            ..item
        };
        assert_eq!(closed.due(today()), Due::Closed(d(2025, 6, 28)));
        assert!(!closed.is_overdue(today()), "a closed one is never overdue");
        assert!(closed.closed_in_year_of(today()));
        assert!(!closed.closed_in_year_of(d(2026, 1, 1)));
    }

    #[test]
    fn filters_and_groups_partition_the_open_items() {
        let office = office();
        let all = items(&office);
        let t = today();
        let open = all.iter().filter(|i| i.is_open()).count();
        let groups = select(&all, &Filters::default(), t);
        let shown: usize = groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(shown, open, "by default every open item, and only those");
        let counts = unit_counts(&all, t);
        assert_eq!(counts.iter().map(|c| c.open).sum::<usize>(), open);
        // Each group matches its unit's counts.
        for g in &groups {
            let c = counts.iter().find(|c| c.unit == g.unit).unwrap();
            assert_eq!((g.items.len(), g.overdue), (c.open, c.overdue));
            assert!(g.items.iter().all(|i| all[*i].unit == g.unit));
            // Open ones by respond-by day, undated last.
            let dates: Vec<_> = g.items.iter().map(|i| all[*i].respond_by).collect();
            let dated = dates.iter().take_while(|d| d.is_some()).count();
            assert!(dates[dated..].iter().all(Option::is_none));
            assert!(dates[..dated].windows(2).all(|w| w[0] <= w[1]));
        }
        assert!(groups.windows(2).all(|w| w[0].overdue >= w[1].overdue));

        let overdue = Filters { state: StateFilter::Overdue, ..Filters::default() };
        let groups = select(&all, &overdue, t);
        let n: usize = groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(n, counts.iter().map(|c| c.overdue).sum::<usize>());
        assert!(groups.iter().flat_map(|g| &g.items).all(|i| all[*i].is_overdue(t)));

        let soon = Filters { state: StateFilter::DueSoon, show_closed: true, ..Filters::default() };
        for i in select(&all, &soon, t).iter().flat_map(|g| &g.items) {
            let by = all[*i].respond_by.unwrap();
            assert!(all[*i].is_open() && by >= t && (by - t).num_days() <= SOON_DAYS);
        }

        // The unit and kind filters, and closed ones on request.
        let unit = counts[0].unit;
        let kind = SupervisionKind::Phone;
        let f =
            Filters { unit: Some(unit), kind: Some(kind), show_closed: true, ..Filters::default() };
        let groups = select(&all, &f, t);
        assert!(groups.len() <= 1);
        let expected = all.iter().filter(|i| i.unit == unit && i.kind == kind).count();
        assert_eq!(groups.iter().map(|g| g.items.len()).sum::<usize>(), expected);
        if let Some(g) = groups.first() {
            let open: Vec<bool> = g.items.iter().map(|i| all[*i].is_open()).collect();
            assert!(open.windows(2).all(|w| w[0] >= w[1]), "open ones first");
        }
        // Closed ones follow, the latest closed first.
        let closed = Filters { show_closed: true, ..Filters::default() };
        for g in select(&all, &closed, t) {
            let days: Vec<_> = g.items.iter().filter_map(|i| all[*i].closed.as_ref()).collect();
            assert!(days.windows(2).all(|w| w[0].on >= w[1].on), "{days:?}");
        }
    }

    #[test]
    fn closing_moves_an_item_from_open_to_closed_this_year() {
        let mut office = office();
        let t = today();
        let all = items(&office);
        let item = all.iter().find(|i| i.is_open()).unwrap().clone();
        let before = unit_counts(&all, t);
        let of = |counts: &[UnitCounts]| *counts.iter().find(|c| c.unit == item.unit).unwrap();
        let at = t.and_hms_opt(10, 0, 0).unwrap();
        let action = CaseAction::CloseSupervision { no: item.no, on: t, note: "已反馈".into() };
        office.execute(Command::Act { case: item.case, action }, at).unwrap();
        let all = items(&office);
        let after = of(&unit_counts(&all, t));
        let was = of(&before);
        assert_eq!(after.open, was.open - 1);
        assert_eq!(after.closed_this_year, was.closed_this_year + 1);
        let closed = all.iter().find(|i| i.case == item.case && i.no == item.no).unwrap();
        assert_eq!(closed.closed_at, Some(at));
        assert_eq!(closed.due(t), Due::Closed(t));
        let open_only = select(&all, &Filters::default(), t);
        assert!(!open_only.iter().flat_map(|g| &g.items).any(|i| all[*i] == *closed));
        let with_closed = Filters { show_closed: true, ..Filters::default() };
        assert!(select(&all, &with_closed, t)
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| all[*i] == *closed));
    }

    #[test]
    fn option_values_round_trip() {
        for s in StateFilter::ALL {
            assert_eq!(StateFilter::from_key(s.key()), s);
        }
        assert_eq!(StateFilter::from_key("x"), StateFilter::All);
    }
}
