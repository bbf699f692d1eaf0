//! The reports page's three charts, built by [`crate::features::reports::svg`] from the
//! figures of a [`ReportData`]: cases by month over the year with last
//! year's line (`#chart-trend`), category shares (`#chart-categories`) and
//! the channel mix (`#chart-channels`).

use chrono::Datelike;
use xinfang_core::Channel;

use super::data::ReportData;

use crate::features::reports::svg::{self, Caption, Datum, El, Part, Series};
use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};
use crate::ui::period_picker::month_short;

/// `#chart-trend`: one bar per month, last year's line over it.
pub fn trend_chart(lang: Lang, data: &ReportData) -> El {
    let bars: Vec<Datum> = data
        .trend
        .iter()
        .map(|(m, n)| Datum {
            label: month_short(lang, m.first().month()),
            value: *n,
            key: format!("{}-{:02}", m.first().year(), m.first().month()),
        })
        .collect();
    let desc = bars
        .iter()
        .map(|d| match lang {
            Lang::ZhCn => format!("{}{}件", d.label, d.value),
            Lang::En => format!("{} {}", d.label, d.value),
        })
        .collect::<Vec<_>>()
        .join(tr(lang, "，", ", "));
    let caption = Caption {
        id: "chart-trend".into(),
        title: tr(
            lang,
            "近12个月信访件数（柱）与去年同期（线）",
            "Cases per month, last 12 months (bars), and a year earlier (line)",
        )
        .into(),
        desc,
    };
    let line = Series {
        name: tr(lang, "去年同期", "A year earlier").into(),
        values: data.trend_last_year.clone(),
    };
    svg::bar_chart(&caption, &bars, Some(&line))
}

/// `#chart-categories`: the category shares as a donut.
pub fn categories_chart(lang: Lang, data: &ReportData) -> El {
    let parts: Vec<Part> = data
        .shares
        .iter()
        .map(|s| Part {
            label: match (lang, s.category) {
                (Lang::En, None) => "All others".into(),
                _ => s.name.clone(),
            },
            value: s.count,
            share_bp: s.share.get(),
        })
        .collect();
    let desc = parts
        .iter()
        .map(|p| format!("{} {}", p.label, svg::percent(p.share_bp)))
        .collect::<Vec<_>>()
        .join(tr(lang, "，", ", "));
    let caption = Caption {
        id: "chart-categories".into(),
        title: tr(lang, "反映问题分类占比", "Matters raised by category").into(),
        desc,
    };
    svg::donut_chart(&caption, &parts, tr(lang, "件", ""))
}

/// `#chart-channels`: the channel mix as a 100% stacked bar.
pub fn channels_chart(lang: Lang, data: &ReportData) -> El {
    let lines: Vec<(Channel, u64)> =
        data.report.counts.by_channel.iter().map(|(c, t)| (*c, t.current)).collect();
    let counts: Vec<u64> = lines.iter().map(|l| l.1).collect();
    let shares = svg::shares(&counts);
    let parts: Vec<Part> = lines
        .iter()
        .zip(shares)
        .map(|((c, n), bp)| Part { label: c.name(lang).into(), value: *n, share_bp: bp })
        .collect();
    let desc = parts
        .iter()
        .map(|p| format!("{} {}", p.label, p.value))
        .collect::<Vec<_>>()
        .join(tr(lang, "，", ", "));
    let caption = Caption {
        id: "chart-channels".into(),
        title: tr(lang, "信访形式构成", "Channel mix").into(),
        desc,
    };
    svg::stacked_bar(&caption, &parts, tr(lang, "件", ""))
}
