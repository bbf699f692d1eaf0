//! The dashboard's view of the work beside the cases (`#dash-work`): what
//! needs doing today — reception days not yet recorded this month, overdue
//! hotspots, backlog cases and meeting decisions — and this year's
//! screening coverage and 三无 share against their targets, each a link to
//! its page.

use chrono::{Datelike, NaiveDate};
use xinfang_core::{Office, WorkLedgers};
use yew::prelude::*;

use crate::context::{go, use_app};
use crate::i18n::{tr, Lang};
use crate::route;
use crate::route::Route;

/// The figures of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkAgenda {
    /// Scheduled reception days of this month up to today with no reception recorded.
    pub unheld: usize,
    /// Hotspots past their deadline and not resolved.
    pub overdue_hotspots: usize,
    /// Backlog cases past their deadline and not concluded.
    pub overdue_backlog: usize,
    /// Meeting decisions past their deadline and not done.
    pub overdue_decisions: usize,
    /// 排查覆盖率 from 1 January to today: (done, due, meets the target).
    pub coverage: (u32, u32, bool, String),
    /// 三无 share from 1 January to today: (meeting, townships, meets the target).
    pub three_none: (u32, u32, bool, String),
}

/// The figures on `today`.
pub fn agenda(office: &Office, work: &WorkLedgers, today: NaiveDate) -> WorkAgenda {
    let month_start = today.with_day(1).unwrap_or(today);
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let calendar = &office.settings().calendar;
    let coverage = work.screening_coverage(&office.settings().org, year_start, today);
    let three_none = work.three_none(&office.settings().org, office.cases(), year_start, today);
    WorkAgenda {
        unheld: work.reception.unheld(month_start, today, calendar).len(),
        overdue_hotspots: work.screening.overdue_hotspots(today).count(),
        overdue_backlog: work.backlog.overdue(today).count(),
        overdue_decisions: work.meetings.overdue_decisions(today).len(),
        coverage: (
            coverage.numerator,
            coverage.denominator,
            coverage.meets(work.targets.screening_coverage),
            coverage.percent_text(),
        ),
        three_none: (
            three_none.rate.numerator,
            three_none.rate.denominator,
            three_none.meets_target(),
            three_none.rate.percent_text(),
        ),
    }
}

/// `#dash-work`.
#[component]
pub fn DashboardWork() -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let figures = use_memo((app.office.clone(), today), |(office, today)| {
        let office = office.get();
        agenda(&office, office.work(), *today)
    });
    let count = |id: &'static str, route: Route, n: usize, zh: &'static str, en: &'static str| {
        html! {
            <li>
                <a href={route::to_hash(route)} onclick={go(&app, route)}>
                    { tr(lang, zh, en) }
                    { " " }
                    <strong {id} class={classes!((n > 0).then_some("overdue"))}>{ n }</strong>
                </a>
            </li>
        }
    };
    let rate = |id: &'static str,
                route: Route,
                r: &(u32, u32, bool, String),
                zh: &'static str,
                en: &'static str| {
        let (num, den, meets, pct) = r;
        let verdict = match (lang, meets) {
            (Lang::ZhCn, true) => "达标",
            (Lang::ZhCn, false) => "未达标",
            (_, true) => "on target",
            (_, false) => "below target",
        };
        html! {
            <li>
                <a href={route::to_hash(route)} onclick={go(&app, route)}>
                    { tr(lang, zh, en) }
                    { " " }
                    <strong {id} data-num={num.to_string()} data-den={den.to_string()}
                            class={classes!((!meets).then_some("overdue"))}>
                        { format!("{pct}（{num}/{den}）") }
                    </strong>
                    { format!(" {verdict}") }
                </a>
            </li>
        }
    };
    html! {
        <section class="dash-block" id="dash-work" aria-labelledby="dash-work-title">
            <h3 id="dash-work-title">{ tr(lang, "接访、排查、积案与会议", "Receptions, screening, backlog and meetings") }</h3>
            <ul class="dash-work-list">
                { count("dash-unheld", Route::Reception, figures.unheld, "本月已到接访日但未登记接访记录", "Reception days this month with no record") }
                { count("dash-hotspots-overdue", Route::Screening, figures.overdue_hotspots, "逾期未化解的矛盾纠纷", "Hotspots past their deadline") }
                { count("dash-backlog-overdue", Route::Backlog, figures.overdue_backlog, "逾期未办结的积案", "Backlog cases past their deadline") }
                { count("dash-decisions-overdue", Route::Meetings, figures.overdue_decisions, "逾期未落实的会议决定", "Meeting decisions past their deadline") }
                { rate("dash-coverage", Route::Screening, &figures.coverage, "今年排查覆盖率", "Screening coverage this year") }
                { rate("dash-three-none", Route::ThreeNone, &figures.three_none, "今年“三无”乡镇比率", "Three-none townships this year") }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::backlog::BacklogCase;
    use xinfang_core::work::change::WorkChange;
    use xinfang_core::{CaseId, Settings};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn an_overdue_backlog_case_is_counted_and_an_empty_year_meets_its_targets() {
        let office = Office::new(Settings::sample_county());
        let mut work = WorkLedgers::default();
        let empty = agenda(&office, &work, d(6, 30));
        assert_eq!((empty.overdue_backlog, empty.overdue_hotspots, empty.unheld), (0, 0, 0));
        // Every township meets 三无 with nothing against it.
        let (meeting, townships, meets, _) = empty.three_none;
        assert!(townships > 0 && meeting == townships && meets, "{:?}", empty.three_none);
        let leader = office.settings().org.people().next().unwrap().id();
        let entry = BacklogCase::new(CaseId::new(3), d(1, 5), leader, "包案化解", d(3, 31));
        work.change(WorkChange::ListBacklog(entry)).unwrap();
        let after = agenda(&office, &work, d(6, 30));
        assert_eq!(after.overdue_backlog, 1);
        assert_eq!(agenda(&office, &work, d(3, 31)).overdue_backlog, 0, "due today is not late");
    }
}
