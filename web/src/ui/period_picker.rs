//! The reports page's period picker (`#report-period-kind`: month, quarter,
//! year or a custom range) and the pure rules behind it: the chosen
//! [`Period`], its label in either language, the quarter the briefing is
//! about, the 12 months of the trend chart and the export file names.

use chrono::{Datelike, Months, NaiveDate};
use xinfang_core::metrics::PeriodKind;
use xinfang_core::Period;
use yew::prelude::*;

use crate::i18n::{dates, tr, Lang};

/// The kind of period picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
    /// From one day to another.
    Custom,
}

impl Kind {
    /// Every kind, in the picker's order.
    pub const ALL: [Kind; 4] = [Kind::Month, Kind::Quarter, Kind::Year, Kind::Custom];

    /// The option value.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Month => "month",
            Kind::Quarter => "quarter",
            Kind::Year => "year",
            Kind::Custom => "custom",
        }
    }

    /// The kind of an option value.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Month => tr(lang, "月度", "Month"),
            Kind::Quarter => tr(lang, "季度", "Quarter"),
            Kind::Year => tr(lang, "年度", "Year"),
            Kind::Custom => tr(lang, "自定义", "Custom"),
        }
    }
}

/// What the picker holds; [`PeriodChoice::period`] makes the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodChoice {
    /// The kind.
    pub kind: Kind,
    /// The year (month, quarter, year).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The quarter, 1 to 4.
    pub quarter: u32,
    /// The first day of a custom range.
    pub from: Option<NaiveDate>,
    /// The last day of a custom range.
    pub to: Option<NaiveDate>,
}

/// Why the picked period is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// A custom range without both days.
    Incomplete,
    /// A custom range ending before it starts.
    Reversed,
    /// A year out of range.
    Invalid,
}

impl PeriodProblem {
    /// The message.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            PeriodProblem::Incomplete => {
                tr(lang, "请填写起止日期。", "Enter the first and the last day.")
            }
            PeriodProblem::Reversed => {
                tr(lang, "结束日期不能早于开始日期。", "The last day cannot be before the first.")
            }
            PeriodProblem::Invalid => tr(lang, "统计期间无效。", "That period is not valid."),
        }
    }
}

impl PeriodChoice {
    /// The previous complete month (the usual 一月一通报), with a custom
    /// range of the year so far ready.
    pub fn default_for(today: NaiveDate) -> PeriodChoice {
        let last_month = today.checked_sub_months(Months::new(1)).unwrap_or(today);
        PeriodChoice {
            kind: Kind::Month,
            year: last_month.year(),
            month: last_month.month(),
            quarter: last_month.month0() / 3 + 1,
            from: NaiveDate::from_ymd_opt(today.year(), 1, 1),
            to: Some(today),
        }
    }

    /// The period picked.
    pub fn period(&self) -> Result<Period, PeriodProblem> {
        let p = match self.kind {
            Kind::Month => Period::month(self.year, self.month),
            Kind::Quarter => Period::quarter(self.year, self.quarter),
            Kind::Year => Period::year(self.year),
            Kind::Custom => {
                let (Some(from), Some(to)) = (self.from, self.to) else {
                    return Err(PeriodProblem::Incomplete);
                };
                if from > to {
                    return Err(PeriodProblem::Reversed);
                }
                Period::range(from, to)
            }
        };
        p.map_err(|_| PeriodProblem::Invalid)
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1月` / `Jan`.
pub fn month_short(lang: Lang, month: u32) -> String {
    match lang {
        Lang::ZhCn => format!("{month}月"),
        Lang::En => MONTHS_EN[(month.clamp(1, 12) - 1) as usize][..3].to_string(),
    }
}

/// The period's name: the core's Chinese (`2026年第三季度`) or English
/// (`Q3 2026`, `November 2026`, `1 Jan 2026 – 15 Mar 2026`).
pub fn period_label(lang: Lang, p: Period) -> String {
    if lang == Lang::ZhCn {
        return p.label();
    }
    let first = p.first();
    match p.kind() {
        PeriodKind::Month => format!("{} {}", MONTHS_EN[first.month0() as usize], first.year()),
        PeriodKind::Quarter => format!("Q{} {}", first.month0() / 3 + 1, first.year()),
        PeriodKind::Year => first.year().to_string(),
        PeriodKind::Range => {
            let d = |d: NaiveDate| d.format("%-d %b %Y").to_string();
            format!("{} – {}", d(first), d(p.last()))
        }
    }
}

/// The quarter the briefing is about: the period itself for a quarter,
/// else the quarter containing the period's last day up to today.
pub fn briefing_quarter(p: Period, today: NaiveDate) -> Period {
    if p.kind() == PeriodKind::Quarter {
        return p;
    }
    let day = if p.first() > today { p.first() } else { p.last().min(today) };
    Period::quarter_of(day)
}

/// The 12 months of the trend chart: a year's own months; otherwise those
/// ending with the month holding the period's last day (or today, if
/// earlier and inside the period).
pub fn trend_months(p: Period, today: NaiveDate) -> Vec<Period> {
    let end = if p.kind() == PeriodKind::Year || !p.contains(today) { p.last() } else { today };
    (0..12u32)
        .rev()
        .map(|back| {
            let d = end.checked_sub_months(Months::new(back)).unwrap_or(end);
            Period::month_of(d)
        })
        .collect()
}

/// The period in a file name: `2026-11`, `2026-Q3`, `2026`,
/// `2026-01-01_2026-03-15`.
pub fn period_tag(p: Period) -> String {
    let first = p.first();
    match p.kind() {
        PeriodKind::Month => format!("{}-{:02}", first.year(), first.month()),
        PeriodKind::Quarter => format!("{}-Q{}", first.year(), first.month0() / 3 + 1),
        PeriodKind::Year => first.year().to_string(),
        PeriodKind::Range => {
            format!("{}_{}", first.format("%Y-%m-%d"), p.last().format("%Y-%m-%d"))
        }
    }
}

/// `信访台账_2026-11.xlsx`.
pub fn export_name(base: &str, p: Period, ext: &str) -> String {
    format!("{base}_{}.{ext}", period_tag(p))
}

/// Props of [`ReportPeriodPicker`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReportPeriodPickerProps {
    /// The interface language.
    pub lang: Lang,
    /// What is picked.
    pub choice: PeriodChoice,
    /// The years offered, oldest first.
    pub years: Vec<i32>,
    /// Called with the new choice.
    pub on_change: Callback<PeriodChoice>,
}

/// The period picker: kind, then year and month or quarter, or two days.
#[component]
pub fn ReportPeriodPicker(props: &ReportPeriodPickerProps) -> Html {
    let lang = props.lang;
    let c = props.choice;
    let update = |f: fn(&mut PeriodChoice, &str)| {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = c;
            f(&mut next, &value);
            on_change.emit(next);
        })
    };
    let on_kind = update(|c, v| c.kind = Kind::from_key(v).unwrap_or(c.kind));
    let on_year = update(|c, v| c.year = v.parse().unwrap_or(c.year));
    let on_month = update(|c, v| c.month = v.parse().unwrap_or(c.month));
    let on_quarter = update(|c, v| c.quarter = v.parse().unwrap_or(c.quarter));
    let on_from = update(|c, v| c.from = dates::parse_input(v));
    let on_to = update(|c, v| c.to = dates::parse_input(v));
    let quarter_names = [
        tr(lang, "第一季度", "Q1"),
        tr(lang, "第二季度", "Q2"),
        tr(lang, "第三季度", "Q3"),
        tr(lang, "第四季度", "Q4"),
    ];
    html! {
        <fieldset class="report-period" id="report-period">
            <legend>{ tr(lang, "统计期间", "Period") }</legend>
            <label>
                { tr(lang, "类型", "Kind") }
                <select id="report-period-kind" onchange={on_kind}>
                    { for Kind::ALL.iter().map(|k| html! {
                        <option value={k.key()} selected={*k == c.kind}>{ k.label(lang) }</option>
                    }) }
                </select>
            </label>
            if c.kind != Kind::Custom {
                <label>
                    { tr(lang, "年份", "Year") }
                    <select id="report-year" onchange={on_year}>
                        { for props.years.iter().map(|y| html! {
                            <option value={y.to_string()} selected={*y == c.year}>
                                { match lang { Lang::ZhCn => format!("{y}年"), Lang::En => y.to_string() } }
                            </option>
                        }) }
                    </select>
                </label>
            }
            if c.kind == Kind::Month {
                <label>
                    { tr(lang, "月份", "Month") }
                    <select id="report-month" onchange={on_month}>
                        { for (1..=12u32).map(|m| html! {
                            <option value={m.to_string()} selected={m == c.month}>
                                { match lang { Lang::ZhCn => format!("{m}月"), Lang::En => MONTHS_EN[(m - 1) as usize].to_string() } }
                            </option>
                        }) }
                    </select>
                </label>
            }
            if c.kind == Kind::Quarter {
                <label>
                    { tr(lang, "季度", "Quarter") }
                    <select id="report-quarter" onchange={on_quarter}>
                        { for (1..=4u32).map(|q| html! {
                            <option value={q.to_string()} selected={q == c.quarter}>
                                { quarter_names[(q - 1) as usize] }
                            </option>
                        }) }
                    </select>
                </label>
            }
            if c.kind == Kind::Custom {
                <label>
                    { tr(lang, "自", "From") }
                    <input id="report-from" type="date" onchange={on_from}
                        value={c.from.map(dates::input_value).unwrap_or_default()} />
                </label>
                <label>
                    { tr(lang, "至", "To") }
                    <input id="report-to" type="date" onchange={on_to}
                        value={c.to.map(dates::input_value).unwrap_or_default()} />
                </label>
            }
        </fieldset>
    }
}

/// The period picker's first choice: the year of `today`.
pub fn year_choice(today: NaiveDate) -> PeriodChoice {
    PeriodChoice { kind: Kind::Year, year: today.year(), ..PeriodChoice::default_for(today) }
}

/// The years a period picker offers: from the first case's year (at most
/// ten back) to this year.
pub fn years(office: &xinfang_core::Office, today: NaiveDate) -> Vec<i32> {
    let first = office
        .cases()
        .map(|c| c.intake().received_on.year())
        .min()
        .unwrap_or(today.year())
        .clamp(today.year() - 10, today.year() - 1);
    (first..=today.year()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_default_is_the_previous_month() {
        let c = PeriodChoice::default_for(day(2026, 12, 1));
        assert_eq!(c.period().unwrap(), Period::month(2026, 11).unwrap());
        let c = PeriodChoice::default_for(day(2026, 1, 15));
        assert_eq!(c.period().unwrap(), Period::month(2025, 12).unwrap());
        assert_eq!(c.quarter, 4);
    }

    #[test]
    fn each_kind_makes_its_period() {
        let mut c = PeriodChoice::default_for(day(2026, 12, 1));
        c.kind = Kind::Quarter;
        c.quarter = 3;
        assert_eq!(c.period().unwrap(), Period::quarter(2026, 3).unwrap());
        c.kind = Kind::Year;
        assert_eq!(c.period().unwrap(), Period::year(2026).unwrap());
        c.kind = Kind::Custom;
        assert_eq!(c.period().unwrap(), Period::range(day(2026, 1, 1), day(2026, 12, 1)).unwrap());
        c.to = Some(day(2025, 12, 31));
        assert_eq!(c.period(), Err(PeriodProblem::Reversed));
        c.to = None;
        assert_eq!(c.period(), Err(PeriodProblem::Incomplete));
        for k in Kind::ALL {
            assert_eq!(Kind::from_key(k.key()), Some(k));
        }
        assert_eq!(Kind::from_key("week"), None);
    }

    #[test]
    fn labels_tags_and_file_names() {
        let q3 = Period::quarter(2026, 3).unwrap();
        assert_eq!(period_label(Lang::ZhCn, q3), "2026年第三季度");
        assert_eq!(period_label(Lang::En, q3), "Q3 2026");
        let nov = Period::month(2026, 11).unwrap();
        assert_eq!(period_label(Lang::En, nov), "November 2026");
        assert_eq!(export_name("信访台账", nov, "xlsx"), "信访台账_2026-11.xlsx");
        assert_eq!(period_tag(q3), "2026-Q3");
        assert_eq!(period_tag(Period::year(2026).unwrap()), "2026");
        let r = Period::range(day(2026, 1, 1), day(2026, 3, 15)).unwrap();
        assert_eq!(period_tag(r), "2026-01-01_2026-03-15");
        assert_eq!(period_label(Lang::En, r), "1 Jan 2026 – 15 Mar 2026");
        assert_eq!(month_short(Lang::En, 9), "Sep");
        assert_eq!(month_short(Lang::ZhCn, 9), "9月");
    }

    #[test]
    fn the_briefing_quarter_and_the_trend_months() {
        let today = day(2026, 12, 1);
        let nov = Period::month(2026, 11).unwrap();
        assert_eq!(briefing_quarter(nov, today), Period::quarter(2026, 4).unwrap());
        let q2 = Period::quarter(2026, 2).unwrap();
        assert_eq!(briefing_quarter(q2, today), q2);
        let year = Period::year(2026).unwrap();
        assert_eq!(briefing_quarter(year, today), Period::quarter(2026, 4).unwrap());
        let months = trend_months(year, today);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], Period::month(2026, 1).unwrap());
        assert_eq!(months[11], Period::month(2026, 12).unwrap());
        let months = trend_months(Period::year(2026).unwrap(), day(2026, 6, 10));
        assert_eq!(months[11], Period::month(2026, 12).unwrap());
        let q2 = Period::quarter(2026, 2).unwrap();
        assert_eq!(trend_months(q2, day(2026, 5, 3))[11], Period::month(2026, 5).unwrap());
        let months = trend_months(nov, today);
        assert_eq!(months[0], Period::month(2025, 12).unwrap());
        assert_eq!(months[11], nov);
    }

    #[test]
    fn the_year_is_the_first_choice() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let p = year_choice(today).period().unwrap();
        assert_eq!(p.first(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(p.last(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let office = xinfang_core::Office::new(xinfang_core::Settings::sample_county());
        assert_eq!(years(&office, today), vec![2025, 2026]);
    }
}
