//! The reports page's indicators against their targets (`#report-indicators`):
//! one row per indicator (`[data-indicator]`) with its value, numerator and
//! denominator, target, met or missed (the row's class) and the same
//! period last year's figure.

use xinfang_core::metrics::Indicator;
use xinfang_core::IndicatorKind;
use yew::prelude::*;

use super::data::ReportData;

use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};

/// `met`, `missed`, or `no-target` (no goal, or nothing to judge).
pub fn status_class(i: &Indicator) -> &'static str {
    match i.met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "no-target",
    }
}

/// `80%（4/5）` / `80% (4/5)`.
fn with_fraction(lang: Lang, i: &Indicator) -> String {
    match lang {
        Lang::ZhCn => format!("{}（{}/{}）", i.value_text(), i.numerator, i.denominator),
        Lang::En => format!("{} ({}/{})", i.value_text(), i.numerator, i.denominator),
    }
}

/// The indicator table.
pub fn indicators_table(lang: Lang, data: &ReportData) -> Html {
    let rows = IndicatorKind::ALL.into_iter().map(|kind| {
        let i = data.report.indicator(kind);
        let last = data.last_year.as_ref().map(|r| r.indicator(kind));
        let status = match i.met {
            Some(true) => tr(lang, "达标", "Met"),
            Some(false) => tr(lang, "未达标", "Missed"),
            None => "—",
        };
        let provisional = kind.is_provisional().then(|| {
            html! { <sup class="provisional" title={tr(lang, "口径待核实", "Provisional definition")}>{ "*" }</sup> }
        });
        html! {
            <tr data-indicator={kind.key()} class={classes!("indicator-row", status_class(i))}>
                <th scope="row" class="ind-name"
                    title={format!("{} ÷ {}", kind.numerator_label(), kind.denominator_label())}>
                    { kind.name(lang) }{ provisional }
                </th>
                <td class="ind-value">{ i.value_text() }</td>
                <td class="ind-fraction" data-numerator={i.numerator.to_string()}
                    data-denominator={i.denominator.to_string()}>
                    { format!("{}/{}", i.numerator, i.denominator) }
                    { crate::ui::unjudged::note(lang, i) }
                </td>
                <td class="ind-target">{ i.target.map_or_else(|| "—".to_string(), |t| t.to_string()) }</td>
                <td class="ind-status">{ status }</td>
                <td class="ind-last-year">{ last.map_or_else(|| "—".to_string(), |l| with_fraction(lang, l)) }</td>
            </tr>
        }
    });
    html! {
        <section class="report-block" aria-labelledby="report-indicators-title">
            <h3 id="report-indicators-title">{ tr(lang, "指标完成情况", "Indicators against targets") }</h3>
            <table id="report-indicators" class="report-table indicators">
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "指标", "Indicator") }</th>
                        <th scope="col">{ tr(lang, "本期", "This period") }</th>
                        <th scope="col">{ tr(lang, "分子/分母", "Numerator/denominator") }</th>
                        <th scope="col">{ tr(lang, "目标", "Target") }</th>
                        <th scope="col">{ tr(lang, "是否达标", "Status") }</th>
                        <th scope="col">{ tr(lang, "去年同期", "Same period last year") }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="report-note">
                { tr(lang,
                    "达标与否按设置中的目标精确比较；无目标或分母为0时显示“—”；*为口径待核实的指标。",
                    "Met or missed compares exactly with the targets in the settings; “—” when there is \
                     no target or nothing to count; * marks a provisional definition.") }
            </p>
        </section>
    }
}
