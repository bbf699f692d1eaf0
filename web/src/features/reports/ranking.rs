//! The reports page's unit ranking (`#report-ranking`, 一月一通报): one row
//! per township and county department (`tr.ranking-row[data-unit]`) with
//! its rank, score, figures and the reasons for every point lost.

use xinfang_core::metrics::Indicator;
use xinfang_core::{Ranking, UnitKind};
use yew::prelude::*;

use crate::i18n::labels::Named;
use crate::i18n::{tr, Lang};

fn rate(i: &Indicator) -> String {
    format!("{}（{}/{}）", i.value_text(), i.numerator, i.denominator)
}

/// The ranking table. The reasons are the core's Chinese text.
pub fn ranking_table(lang: Lang, ranking: &Ranking, period_label: &str) -> Html {
    let rows = ranking.entries.iter().map(|e| {
        html! {
            <tr class={classes!("ranking-row", e.rank.is_none().then_some("unranked"))}
                data-unit={e.unit.get().to_string()} data-kind={match e.kind { UnitKind::Township => "township", _ => "department" }}>
                <td class="rank">{ e.rank.map_or_else(|| "—".to_string(), |r| r.to_string()) }</td>
                <th scope="row" class="unit-name">{ e.name.clone() }</th>
                <td class="unit-kind">{ e.kind.name(lang) }</td>
                <td class="score">{ e.score.map_or_else(|| "—".to_string(), |s| s.to_string()) }</td>
                <td class="received">{ e.received }</td>
                <td class="rate">{ rate(&e.timely_acceptance) }</td>
                <td class="rate">{ rate(&e.on_time_reply) }</td>
                <td class="rate">{ rate(&e.satisfaction) }</td>
                <td class="overdue">{ e.overdue }</td>
                <td class="notices">{ e.notices }</td>
                <td class="reasons" lang="zh-CN">
                    <ul>{ for e.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </td>
            </tr>
        }
    });
    html! {
        <section class="report-block" aria-labelledby="report-ranking-title">
            <h3 id="report-ranking-title">
                { tr(lang, "责任单位排名（一月一通报）", "Ranking of handling units") }
                { format!(" · {period_label}") }
            </h3>
            <div class="table-scroll">
                <table id="report-ranking" class="report-table ranking">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "名次", "Rank") }</th>
                            <th scope="col">{ tr(lang, "单位", "Unit") }</th>
                            <th scope="col">{ tr(lang, "类型", "Kind") }</th>
                            <th scope="col">{ tr(lang, "得分", "Score") }</th>
                            <th scope="col">{ tr(lang, "登记件数", "Cases") }</th>
                            <th scope="col">{ tr(lang, "及时受理率", "Timely acceptance") }</th>
                            <th scope="col">{ tr(lang, "按期办结率", "Replies on time") }</th>
                            <th scope="col">{ tr(lang, "群众满意率", "Satisfaction") }</th>
                            <th scope="col">{ tr(lang, "超期件数", "Overdue") }</th>
                            <th scope="col">{ tr(lang, "督办次数", "Notices") }</th>
                            <th scope="col">{ tr(lang, "扣分说明", "Reasons") }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
