//! The reports page's counts (`#report-counts`): totals by channel,
//! collective and escalated visits, first and repeat petitions, each with
//! the same period last year and the change; and the category shares
//! (`#report-categories`, the largest with their percentages).

use xinfang_core::metrics::{Share, Tally};
use xinfang_core::Channel;
use yew::prelude::*;

use super::data::ReportData;

use crate::features::reports::svg::percent;
use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};

/// The change against last year in `lang`: `同比上升25%` / `up 25% on last year`.
pub fn change_text(lang: Lang, t: Tally) -> String {
    match lang {
        Lang::ZhCn => t.change_label(),
        Lang::En => match t.change_pct() {
            None if t.current == 0 => "same as last year".into(),
            None => "none last year".into(),
            Some(_) if t.change() == 0 => "same as last year".into(),
            Some(p) => {
                let word = if p > 0 { "up" } else { "down" };
                format!(
                    "{word} {} on last year",
                    percent(p.unsigned_abs().min(u64::from(u32::MAX)) as u32)
                )
            }
        },
    }
}

/// `up`, `down` or `same` for styling.
fn change_class(t: Tally) -> &'static str {
    match t.change().signum() {
        1 => "up",
        -1 => "down",
        _ => "same",
    }
}

/// The lines of the counts table: key, label and tally.
pub fn count_rows(lang: Lang, data: &ReportData) -> Vec<(String, String, Tally)> {
    let c = &data.report.counts;
    let mut rows = vec![
        ("total".to_string(), tr(lang, "信访总量（件）", "Cases received").to_string(), c.cases),
        ("persons".into(), tr(lang, "信访人次", "Persons").into(), c.persons),
    ];
    for &(channel, t) in &c.by_channel {
        let label = match (lang, channel) {
            (Lang::ZhCn, Channel::Visit) => "来访（批次）".to_string(),
            (Lang::En, Channel::Visit) => "Visits (batches)".to_string(),
            _ => channel.name(lang).to_string(),
        };
        rows.push((format!("channel-{}", channel.key()), label, t));
    }
    rows.push((
        "green_post".into(),
        tr(lang, "其中：绿色邮政来信", "of which green-post letters").into(),
        c.green_post_letters,
    ));
    rows.push((
        "visit_persons".into(),
        tr(lang, "来访人次", "Persons on visits").into(),
        c.visit_persons,
    ));
    rows.push((
        "collective_batches".into(),
        tr(lang, "集体访（批次）", "Collective visits (batches)").into(),
        c.collective_batches,
    ));
    rows.push((
        "collective_persons".into(),
        tr(lang, "集体访（人次）", "Collective visits (persons)").into(),
        c.collective_persons,
    ));
    rows.push((
        "escalated".into(),
        tr(lang, "越级访（批次）", "Escalated visits (batches)").into(),
        c.escalated_batches(),
    ));
    rows.push(("first".into(), tr(lang, "初信初访", "First petitions").into(), c.first));
    rows.push(("repeat".into(), tr(lang, "重信重访", "Repeat petitions").into(), c.repeat));
    rows.push((
        "notices".into(),
        tr(lang, "督办（次）", "Supervision notices").into(),
        c.notices(),
    ));
    rows
}

/// The counts table.
pub fn counts_table(lang: Lang, data: &ReportData) -> Html {
    let rows = count_rows(lang, data).into_iter().map(|(key, label, t)| {
        html! {
            <tr data-count={key}>
                <th scope="row">{ label }</th>
                <td class="count-current">{ t.current }</td>
                <td class="count-last-year">{ t.last_year }</td>
                <td class={classes!("count-change", change_class(t))}>{ change_text(lang, t) }</td>
            </tr>
        }
    });
    let total = data.report.counts.cases;
    html! {
        <section class="report-block" aria-labelledby="report-counts-title">
            <h3 id="report-counts-title">{ tr(lang, "信访数量", "Counts") }</h3>
            <p class="report-total">
                { tr(lang, "本期共登记 ", "Received this period: ") }
                <strong id="report-total">{ total.current }</strong>
                { tr(lang, " 件，", " cases; ") }
                <span id="report-total-change">{ change_text(lang, total) }</span>
            </p>
            <table id="report-counts" class="report-table counts">
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "项目", "Item") }</th>
                        <th scope="col">{ tr(lang, "本期", "This period") }</th>
                        <th scope="col">{ tr(lang, "去年同期", "Last year") }</th>
                        <th scope="col">{ tr(lang, "同比", "Change") }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// The category shares table.
pub fn categories_table(lang: Lang, shares: &[Share]) -> Html {
    let rows = shares.iter().map(|s| {
        let name = match (lang, s.category) {
            (Lang::En, None) => "All others".to_string(),
            _ => s.name.clone(),
        };
        html! {
            <tr data-category={s.category.map_or_else(|| "rest".to_string(), |c| c.get().to_string())}>
                <th scope="row" class="category-name">{ name }</th>
                <td class="category-count">{ s.count }</td>
                <td class="category-share">{ s.share.to_string() }</td>
            </tr>
        }
    });
    html! {
        <section class="report-block" aria-labelledby="report-categories-title">
            <h3 id="report-categories-title">{ tr(lang, "反映问题分类", "Matters raised, by category") }</h3>
            if shares.is_empty() {
                <p class="empty">{ tr(lang, "本期无信访事项。", "No cases this period.") }</p>
            } else {
                <table id="report-categories" class="report-table categories">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "问题类别", "Category") }</th>
                            <th scope="col">{ tr(lang, "件数", "Cases") }</th>
                            <th scope="col">{ tr(lang, "占比", "Share") }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_in_both_languages() {
        let t = |current, last_year| Tally { current, last_year };
        assert_eq!(change_text(Lang::ZhCn, t(10, 8)), "同比上升25%");
        assert_eq!(change_text(Lang::En, t(10, 8)), "up 25% on last year");
        assert_eq!(change_text(Lang::En, t(6, 8)), "down 25% on last year");
        assert_eq!(change_text(Lang::En, t(0, 0)), "same as last year");
        assert_eq!(change_text(Lang::En, t(3, 0)), "none last year");
        assert_eq!(change_class(t(3, 0)), "up");
    }
}
