//! What the reports page shows, computed in one place (and once per
//! version of the record, period and scope, by the page's `use_memo`):
//! the core's [`Report`] of the period, the same period last year's (for
//! the indicators' last-year figures), the cases per month for the trend
//! chart, and the scope choices. Pure: tested natively.

use chrono::{Datelike, Months, NaiveDate};
use xinfang_core::metrics::{CategoryLevel, Share};
use xinfang_core::{Case, Office, Period, Report, Scope, UnitId, UnitKind};

use crate::ui::period_picker::trend_months;

/// How many categories the shares list and chart show before `其余各类`.
pub const TOP_CATEGORIES: usize = 8;

/// The figures of one period and scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// The report.
    pub report: Report,
    /// The report of the same period last year, as of the same day last year.
    pub last_year: Option<Report>,
    /// Cases received per month over the 12 months of the trend, oldest first.
    pub trend: Vec<(Period, u64)>,
    /// The same months a year earlier.
    pub trend_last_year: Vec<u64>,
    /// The category shares (second level, top [`TOP_CATEGORIES`] and the rest).
    pub shares: Vec<Share>,
}

/// The day a year before (29 February → 28 February).
pub fn year_before(d: NaiveDate) -> NaiveDate {
    d.checked_sub_months(Months::new(12)).unwrap_or(d)
}

impl ReportData {
    /// Computes everything for `period` and `scope` as of `today`.
    pub fn compute(office: &Office, period: Period, scope: Scope, today: NaiveDate) -> ReportData {
        let report = Report::compute(office, period, scope, today);
        let last_year =
            period.previous_year().map(|p| Report::compute(office, p, scope, year_before(today)));
        let months = trend_months(period, today);
        let (trend, trend_last_year) = monthly_counts(office.cases(), scope, &months, today);
        let shares = report.category_shares(
            &office.settings().categories,
            CategoryLevel::Second,
            TOP_CATEGORIES,
        );
        ReportData {
            report,
            last_year,
            trend: months.into_iter().zip(trend).collect(),
            trend_last_year,
            shares,
        }
    }
}

/// Cases in `scope` received in each of `months` (by `as_of`), and in each
/// of the same months a year earlier; one pass over the cases.
pub fn monthly_counts<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    scope: Scope,
    months: &[Period],
    as_of: NaiveDate,
) -> (Vec<u64>, Vec<u64>) {
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let mut now = vec![0u64; months.len()];
    let mut before = vec![0u64; months.len()];
    let Some(first) = months.first().map(|p| index(p.first())) else {
        return (now, before);
    };
    let len = months.len() as i64;
    let as_of_last_year = year_before(as_of);
    for case in cases {
        let received = case.intake().received_on;
        if received > as_of || !scope.includes(case) {
            continue;
        }
        let i = index(received) - first;
        if (0..len).contains(&i) {
            now[i as usize] += 1;
        } else if (-12..len - 12).contains(&i) && received <= as_of_last_year {
            before[(i + 12) as usize] += 1;
        }
    }
    (now, before)
}

/// The units a report can be scoped to: active townships, then active
/// county departments, in creation order, with their names.
pub fn scope_units(office: &Office) -> Vec<(UnitId, String)> {
    let org = &office.settings().org;
    [UnitKind::Township, UnitKind::Department]
        .into_iter()
        .flat_map(|k| org.units_of_kind(k).map(|u| (u.id(), u.name().to_string())))
        .collect()
}

/// The years the picker offers: from the first case's (at most 10 back)
/// to this year.
pub fn years(office: &Office, today: NaiveDate) -> Vec<i32> {
    let first = office.cases().map(|c| c.intake().received_on.year()).min().unwrap_or(today.year());
    (first.max(today.year() - 10).min(today.year())..=today.year()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::Settings;
    use xinfang_sample::{generate, SampleConfig};

    fn office(today: NaiveDate) -> Office {
        generate(Settings::sample_county(), &SampleConfig::year(7, today, 240)).unwrap()
    }

    #[test]
    fn the_trend_agrees_with_the_monthly_reports() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let office = office(today);
        let year = Period::year(2026).unwrap();
        let data = ReportData::compute(&office, year, Scope::All, today);
        assert_eq!(data.trend.len(), 12);
        assert_eq!(data.trend[0].0, Period::month(2026, 1).unwrap());
        for (month, n) in &data.trend {
            let r = Report::compute(&office, *month, Scope::All, today);
            assert_eq!(r.counts.cases.current, *n, "{month}");
        }
        // The months of the year add up to the year's total.
        let sum: u64 = data.trend.iter().map(|(_, n)| n).sum();
        assert_eq!(sum, data.report.counts.cases.current);
        // Last year's line: the sample starts in June 2025.
        let last: u64 = data.trend_last_year.iter().sum();
        let r = Report::compute(&office, year, Scope::All, today);
        assert_eq!(last, r.counts.cases.last_year);
        assert!(data.trend_last_year[..5].iter().all(|n| *n == 0));

        // A unit's scope counts only its cases.
        let (unit, _) = scope_units(&office)[0].clone();
        let scoped = ReportData::compute(&office, year, Scope::Unit(unit), today);
        let sum: u64 = scoped.trend.iter().map(|(_, n)| n).sum();
        assert_eq!(sum, scoped.report.counts.cases.current);
        assert!(sum < data.report.counts.cases.current);
        let last = scoped.last_year.unwrap();
        assert_eq!(last.period, Period::year(2025).unwrap());
    }

    #[test]
    fn scope_units_and_years() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let office = office(today);
        let units = scope_units(&office);
        let townships = office.settings().org.townships().count();
        assert!(units.len() > townships && townships > 0);
        assert_eq!(years(&office, today), [2025, 2026]);
        assert_eq!(years(&Office::new(Settings::sample_county()), today), [2026]);
    }
}
