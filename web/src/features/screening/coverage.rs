//! 排查覆盖: the coverage rate of the period (`#scr-overall`, the core's
//! `WorkLedgers::screening_coverage` against the target), then every
//! township (`tr.scr-scope[data-scope="u:5"]`) and its registered villages
//! (`[data-scope="v:5:东岗村"]`) with rounds done / due, the slots missed
//! (`li.scr-missed[data-from][data-to]`, highlighted) and the slot running
//! today (`.scr-current`, done or still owed).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_core::work::screening::{Cadence, Coverage, DueRound, ScreeningLedger, ScreeningScope};
use xinfang_core::work::Rate;
use xinfang_core::{Office, UnitId, WorkLedgers};
use yew::prelude::*;

use crate::context::use_app;
use crate::features::screening::forms::{cadence_en, scope_key};
use crate::i18n::{tr, Lang};

/// Props of [`CoverageSection`].
#[derive(Debug, PartialEq, Properties)]
pub struct CoverageProps {
    /// The first day counted.
    pub from: NaiveDate,
    /// The last day counted.
    pub to: NaiveDate,
}

/// One scope's line.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeLine {
    /// The scope.
    pub scope: ScreeningScope,
    /// Its name (`河口乡东岗村`).
    pub name: String,
    /// Its cadence.
    pub cadence: Cadence,
    /// Done / due and the slots missed.
    pub coverage: Coverage,
    /// The slots running today (regular and, on a sensitive day, the
    /// daily one), each with whether a round covers it already.
    pub current: Vec<(DueRound, bool)>,
}

/// A township with its villages.
#[derive(Debug, Clone, PartialEq)]
pub struct TownLines {
    /// The township.
    pub township: UnitId,
    /// The township's own line (`None` for an inactive township whose
    /// villages are still registered).
    pub unit: Option<ScopeLine>,
    /// Its registered villages.
    pub villages: Vec<ScopeLine>,
    /// The township and its villages together.
    pub total: Rate,
}

/// The slots of `scope` running on `today`, each with whether it is done.
pub fn current_slots(
    ledger: &ScreeningLedger,
    scope: &ScreeningScope,
    today: NaiveDate,
) -> Vec<(DueRound, bool)> {
    let cadence = ledger.cadence(scope.level());
    let (from, to) = cadence.slot_containing(today);
    let mut slots = vec![DueRound { from, to, cadence, sensitive: None }];
    if let Some(p) = ledger.sensitive_on(today) {
        if cadence != Cadence::Daily {
            let sensitive = Some(p.name().to_string());
            slots.push(DueRound { from: today, to: today, cadence: Cadence::Daily, sensitive });
        } else {
            slots[0].sensitive = Some(p.name().to_string());
        }
    }
    slots
        .into_iter()
        .map(|slot| {
            let done = ledger
                .rounds()
                .any(|r| r.scope == *scope && slot.from <= r.date && r.date <= slot.to);
            (slot, done)
        })
        .collect()
}

/// Every township (active ones, as the core counts) and every registered
/// village, grouped by township, for `from..=to`.
pub fn lines(
    office: &Office,
    work: &WorkLedgers,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Vec<TownLines> {
    let org = &office.settings().org;
    let ledger = &work.screening;
    let line = |scope: ScreeningScope| ScopeLine {
        name: scope.describe(org),
        cadence: ledger.cadence(scope.level()),
        coverage: ledger.coverage(&scope, from, to),
        current: current_slots(ledger, &scope, today),
        scope,
    };
    let mut villages: BTreeMap<UnitId, Vec<ScopeLine>> = BTreeMap::new();
    for v in ledger.villages() {
        villages.entry(v.township()).or_default().push(line(ScreeningScope::Village(v.clone())));
    }
    let mut out: Vec<TownLines> = org
        .townships()
        .map(|t| TownLines {
            township: t.id(),
            unit: Some(line(ScreeningScope::Unit(t.id()))),
            villages: villages.remove(&t.id()).unwrap_or_default(),
            total: Rate::default(),
        })
        .collect();
    out.extend(villages.into_iter().map(|(township, villages)| TownLines {
        township,
        unit: None,
        villages,
        total: Rate::default(),
    }));
    for town in &mut out {
        town.total = town.unit.iter().chain(&town.villages).map(|l| l.coverage.rate).sum();
    }
    out
}

/// A slot as `3月1日—3月15日`, a single day as `3月10日（全国两会）`.
pub fn slot_text(lang: Lang, slot: &DueRound) -> String {
    let day = |d: NaiveDate| match lang {
        Lang::ZhCn => d.format("%-m月%-d日").to_string(),
        Lang::En => d.format("%-d %b").to_string(),
    };
    let span = if slot.from == slot.to {
        day(slot.from)
    } else {
        format!("{}—{}", day(slot.from), day(slot.to))
    };
    match &slot.sensitive {
        Some(name) => match lang {
            Lang::ZhCn => format!("{span}（{name}）"),
            Lang::En => format!("{span} ({name})"),
        },
        None => span,
    }
}

/// How many missed slots a line lists before “… and N more”.
const MISSED_SHOWN: usize = 12;

/// 排查覆盖.
#[component]
pub fn CoverageSection(props: &CoverageProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let today = crate::clock::today();
    let (from, to) = (props.from, props.to);
    let data = use_memo((app.office.clone(), from, to, today), |(office, from, to, today)| {
        let office = office.get();
        let work = office.work();
        let overall = work.screening_coverage(&office.settings().org, *from, *to);
        (overall, lines(&office, work, *from, *to, *today))
    });
    let target = app.work().targets.screening_coverage;
    let (overall, towns) = (&data.0, &data.1);
    let met = overall.meets(target);
    let cadence = |c: Cadence| tr(lang, c.label(), cadence_en(c)).to_string();

    let scope_row = |l: &ScopeLine, village: bool| {
        let rate = l.coverage.rate;
        let missed = &l.coverage.missed;
        let more = missed.len().saturating_sub(MISSED_SHOWN);
        html! {
            <tr class={classes!("scr-scope", village.then_some("scr-village-row"),
                                (!missed.is_empty()).then_some("scr-behind"))}
                data-scope={scope_key(&l.scope)} data-done={rate.numerator.to_string()}
                data-due={rate.denominator.to_string()} data-missed={missed.len().to_string()}>
                <th scope="row" class="scr-name">{ l.name.clone() }</th>
                <td>{ cadence(l.cadence) }</td>
                <td class="num scr-done-due">{ format!("{}/{}", rate.numerator, rate.denominator) }</td>
                <td class="num scr-rate">{ rate.percent_text() }</td>
                <td class="scr-missed-cell">
                    if missed.is_empty() {
                        <span class="scr-none">{ tr(lang, "无", "none") }</span>
                    } else {
                        <ul class="scr-missed-list">
                            { for missed.iter().take(MISSED_SHOWN).map(|m| html! {
                                <li class="scr-missed overdue" data-from={m.from.to_string()}
                                    data-to={m.to.to_string()} data-cadence={crate::features::screening::forms::cadence_key(m.cadence)}>
                                    { slot_text(lang, m) }
                                </li>
                            }) }
                            if more > 0 {
                                <li class="scr-more">{ match lang {
                                    Lang::ZhCn => format!("……另{more}个"),
                                    Lang::En => format!("… and {more} more"),
                                } }</li>
                            }
                        </ul>
                    }
                </td>
                <td class="scr-current-cell">
                    { for l.current.iter().map(|(slot, done)| html! {
                        <span class={classes!("scr-current", if *done { "done" } else { "owed" })}
                              data-from={slot.from.to_string()} data-to={slot.to.to_string()}>
                            { slot_text(lang, slot) }
                            { if *done { tr(lang, "：已排查", ": done") } else { tr(lang, "：待排查", ": to do") } }
                        </span>
                    }) }
                </td>
            </tr>
        }
    };

    html! {
        <section id="scr-coverage" class="scr-section" aria-labelledby="scr-coverage-title">
            <h3 id="scr-coverage-title">{ tr(lang, "排查覆盖", "Coverage") }</h3>
            <p id="scr-overall" class={classes!("scr-overall", if met { "met" } else { "unmet" })}
               data-done={overall.numerator.to_string()} data-due={overall.denominator.to_string()}
               data-target={target.to_string()}>
                <span class="scr-label">{ tr(lang, "排查覆盖率", "Coverage rate") }</span>
                <strong id="scr-overall-rate">{ overall.percent_text() }</strong>
                <span>{ match lang {
                    Lang::ZhCn => format!("（已排查{}次 / 应排查{}次；目标{}%，{}）",
                        overall.numerator, overall.denominator, target,
                        if met { "已达标" } else { "未达标" }),
                    Lang::En => format!(" ({} of {} rounds due; target {}%, {})",
                        overall.numerator, overall.denominator, target,
                        if met { "met" } else { "not met" }),
                } }</span>
            </p>
            <p class="scr-hint">{ tr(lang,
                "每个排查周期内至少排查一次即为覆盖；敏感时期每日排查。红色为已过期仍未排查的周期。",
                "A slot is covered by at least one round in it; sensitive periods are screened daily. Red: slots past without a round.") }</p>
            <div class="table-scroll">
                <table id="scr-coverage-table" class="scr-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "排查单位", "Scope") }</th>
                            <th scope="col">{ tr(lang, "频次", "Cadence") }</th>
                            <th scope="col">{ tr(lang, "已排查/应排查", "Done/due") }</th>
                            <th scope="col">{ tr(lang, "覆盖率", "Rate") }</th>
                            <th scope="col">{ tr(lang, "未排查的周期", "Slots missed") }</th>
                            <th scope="col">{ tr(lang, "本期", "Current slot") }</th>
                        </tr>
                    </thead>
                    { for towns.iter().map(|t| html! {
                        <tbody class="scr-town" data-township={t.township.get().to_string()}
                               data-done={t.total.numerator.to_string()} data-due={t.total.denominator.to_string()}>
                            { for t.unit.iter().map(|l| scope_row(l, false)) }
                            { for t.villages.iter().map(|l| scope_row(l, true)) }
                        </tbody>
                    }) }
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::screening::{ScreeningRound, SensitivePeriod, Village};
    use xinfang_core::Organisation;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn lines_add_up_to_the_cores_rate() {
        let office = Office::new(xinfang_core::Settings::sample_county());
        let org: &Organisation = &office.settings().org;
        let town = org.townships().next().unwrap().id();
        let mut work = WorkLedgers::default();
        let village = Village::new(town, "东岗村").unwrap();
        work.screening.add_village(village.clone()).unwrap();
        let round = |scope, date| ScreeningRound {
            scope,
            date,
            by: "村两委".into(),
            issues_found: 0,
            campaign: String::new(),
            notes: String::new(),
        };
        work.screening
            .record_round(round(ScreeningScope::Village(village.clone()), d(3, 4)))
            .unwrap();
        work.screening.record_round(round(ScreeningScope::Unit(town), d(3, 20))).unwrap();
        let all = lines(&office, &work, d(3, 1), d(3, 31), d(3, 20));
        let total: Rate = all.iter().map(|t| t.total).sum();
        assert_eq!(total, work.screening_coverage(&office.settings().org, d(3, 1), d(3, 31)));
        let first = all.iter().find(|t| t.township == town).unwrap();
        assert_eq!(first.villages[0].coverage.rate, Rate::new(1, 5));
        // Today (03-20) the half month 03-16..03-31 is running and done.
        let unit = first.unit.as_ref().unwrap();
        assert_eq!(
            unit.current,
            vec![(
                DueRound {
                    from: d(3, 16),
                    to: d(3, 31),
                    cadence: Cadence::HalfMonthly,
                    sensitive: None
                },
                true
            )]
        );

        work.screening
            .add_sensitive_period(SensitivePeriod::new("全国两会", d(3, 19), d(3, 21)).unwrap());
        let slots = current_slots(&work.screening, &ScreeningScope::Village(village), d(3, 20));
        assert_eq!(slots.len(), 2);
        assert_eq!(slots[1].0.sensitive.as_deref(), Some("全国两会"));
        assert!(!slots[1].1);
        assert_eq!(slot_text(Lang::ZhCn, &slots[1].0), "3月20日（全国两会）");
        assert_eq!(slot_text(Lang::ZhCn, &slots[0].0), "3月17日—3月23日");
    }
}
