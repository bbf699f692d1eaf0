//! The head of the case page: number and stage, what was received (channel,
//! date, petitioners with masked numbers, category, purpose, place, summary
//! and content), the repeat links and where the case was routed.

use xinfang_core::{CaseId, Office};
use yew::prelude::*;

use crate::context::{go, use_app};
use crate::forms::category_path;
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::Route;

/// Props of [`CaseHeader`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseHeaderProps {
    /// The case.
    pub id: CaseId,
}

fn fact(id: &'static str, label: &str, value: Html) -> Html {
    html! {
        <div class="case-fact">
            <dt>{ label.to_string() }</dt>
            <dd {id}>{ value }</dd>
        </div>
    }
}

/// The cases registered later as repeats of `id`.
fn later_repeats(
    office: &Office,
    id: CaseId,
    viewer: crate::access::Viewer,
) -> Vec<(CaseId, String)> {
    viewer
        .cases(office)
        .filter(|c| c.intake().repeat_of == Some(id))
        .map(|c| (c.id(), c.number().to_string()))
        .collect()
}

/// Number, stage and everything recorded about the case.
#[component]
pub fn CaseHeader(props: &CaseHeaderProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let Some(case) = office.case(props.id) else {
        return html! {};
    };
    let s = office.settings();
    // An accusation against the viewing unit: the placeholder for its
    // summary, content and petitioners (see `unit_view`).
    let viewer = crate::access::viewer(&app.prefs);
    let hidden = viewer.withholds(case, &s.org);
    let case = viewer.case(case, &s.org);
    let case: &xinfang_core::Case = &case;
    let intake = case.intake();
    let stage = case.stage();
    let case_link = |id: CaseId, number: String, elem_id: Option<String>| {
        let target = Route::Case(id);
        html! {
            <a id={elem_id} class="case-link" href={route::to_hash(target)} onclick={go(&app, target)}
               data-case={id.get().to_string()}>{ number }</a>
        }
    };

    let petitioners: Vec<Html> = intake
        .petitioners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            html! {
                <tr class="petitioner" id={format!("case-petitioner-{i}")}>
                    <td class="petitioner-name">
                        { p.name.clone() }
                        if i == 0 && intake.petitioners.len() > 1 {
                            <span class="tag">{ tr(lang, "（第一信访人）", " (primary)") }</span>
                        }
                        if p.representative {
                            <span class="tag">{ tr(lang, "（代表）", " (representative)") }</span>
                        }
                    </td>
                    <td class="petitioner-id">
                        { p.id_number.as_ref().map_or_else(|| "—".to_string(), |n| n.masked()) }
                    </td>
                    <td class="petitioner-phone">
                        { p.phone.as_ref().map_or_else(|| "—".to_string(), |n| n.masked()) }
                    </td>
                    <td class="petitioner-address">{ p.address.clone() }</td>
                </tr>
            }
        })
        .collect();

    let place = {
        let township = intake.township.map(|u| s.org.unit_name(u));
        match (township, intake.village.trim()) {
            (Some(t), "") => t,
            (Some(t), v) => format!("{t} {v}"),
            (None, "") => "—".into(),
            (None, v) => v.to_string(),
        }
    };
    let head_count = if intake.is_collective() {
        match lang {
            Lang::ZhCn => format!("{} 人（集体访）", intake.head_count),
            Lang::En => format!("{} (collective visit)", intake.head_count),
        }
    } else {
        intake.head_count.to_string()
    };
    let repeat_of = intake.repeat_of.map(|earlier| {
        let number =
            office.case(earlier).map_or_else(|| earlier.to_string(), |c| c.number().into());
        html! {
            <p class="case-repeat">
                { tr(lang, "重复信访，前次信访件：", "Repeat of the earlier case ") }
                { case_link(earlier, number, Some("case-repeat-of".into())) }
            </p>
        }
    });
    let repeats = later_repeats(&office, case.id(), viewer);
    let later = (!repeats.is_empty()).then(|| {
        html! {
            <p class="case-repeat" id="case-repeats">
                { tr(lang, "此后的重复件：", "Later repeats: ") }
                { for repeats.into_iter().map(|(id, number)| html! {
                    <>{ case_link(id, number, None) }{ " " }</>
                }) }
            </p>
        }
    });

    let routing = case.routing().map(|r| {
        let co: Vec<String> = r.co_units.iter().map(|u| s.org.unit_name(*u)).collect();
        let person = |p| s.org.person(p).map_or_else(|| p.to_string(), |p| p.name().to_string());
        html! {
            <div id="case-routing" class="case-routing">
                <p>
                    <strong id="case-disposal">{ r.disposal.name(lang) }</strong>
                    { " " }
                    <span id="case-lead">{ s.org.unit_name(r.lead) }</span>
                    if !co.is_empty() {
                        { tr(lang, "；协办：", "; co-handling: ") }{ co.join(tr(lang, "、", ", ")) }
                    }
                    { tr(lang, "（", " (") }{ dates::display(lang, r.on) }{ tr(lang, "）", ")") }
                </p>
                if !r.explanation.is_empty() {
                    <p class="case-routing-why">{ r.explanation.clone() }</p>
                }
                if let Some(a) = &r.assignment {
                    <ul id="case-five-fixes" class="five-fixes">
                        <li>{ xinfang_core::Fix::Unit.name(lang) }{ "：" }{ s.org.unit_name(a.unit()) }</li>
                        <li>{ xinfang_core::Fix::Leader.name(lang) }{ "：" }{ person(a.leader()) }</li>
                        <li>{ xinfang_core::Fix::Handler.name(lang) }{ "：" }{ person(a.handler()) }</li>
                        <li>{ xinfang_core::Fix::Deadline.name(lang) }{ "：" }{ dates::display(lang, a.deadline()) }</li>
                        <li>{ xinfang_core::Fix::Standard.name(lang) }{ "：" }{ a.standard().to_string() }</li>
                    </ul>
                }
            </div>
        }
    });

    html! {
        <header class="case-header">
            <h2 class="case-title">
                <span id="case-number">{ case.number().to_string() }</span>
                { " " }
                <span id="case-stage" class={classes!("stage-badge", format!("stage-{}", stage.key()))}>
                    { stage.name(lang) }
                </span>
            </h2>
            <p id="case-summary" class="case-summary">{ intake.summary.clone() }</p>
            <dl class="case-facts" id="case-facts">
                { fact("case-channel", tr(lang, "信访形式", "Channel"), html!{ intake.channel.name(lang) }) }
                { fact("case-received-on", tr(lang, "收件日期", "Received"), html!{ dates::display(lang, intake.received_on) }) }
                { fact("case-head-count", tr(lang, "人数", "People"), html!{ head_count }) }
                { fact("case-category", tr(lang, "问题类别", "Category"), html!{ category_path(&s.categories, intake.category) }) }
                { fact("case-purpose", tr(lang, "信访目的", "Purpose"), html!{ intake.purpose.name(lang) }) }
                { fact("case-place", tr(lang, "问题发生地", "Place"), html!{ place }) }
                if let Some(e) = intake.escalation {
                    { fact("case-escalation", tr(lang, "越级情况", "Escalation"), html!{ e.name(lang) }) }
                }
                if let Some(u) = intake.accused_unit {
                    { fact("case-accused-unit", tr(lang, "被反映单位", "Accused unit"), html!{ s.org.unit_name(u) }) }
                }
            </dl>
            <table id="case-petitioners" class="case-petitioners">
                <thead>
                    <tr>
                        <th>{ tr(lang, "信访人", "Petitioner") }</th>
                        <th>{ tr(lang, "身份证号", "ID number") }</th>
                        <th>{ tr(lang, "联系电话", "Phone") }</th>
                        <th>{ tr(lang, "住址", "Address") }</th>
                    </tr>
                </thead>
                <tbody>{ for petitioners }</tbody>
            </table>
            if hidden {
                <p class="case-hidden" id="case-hidden" data-hidden="1">
                    { tr(lang, "本件为对本单位（或下属单位）的检举控告，内容及信访人信息不予显示。",
                         "An accusation against this unit (or a unit under it): its content and petitioners are not shown.") }
                </p>
            }
            if !intake.content.trim().is_empty() {
                <div class="case-content-block">
                    <h3>{ tr(lang, "信访内容", "Content") }</h3>
                    if intake.purpose == xinfang_core::Purpose::Accusation {
                        <p class="case-confidential" id="case-confidential">
                            { tr(lang, "检举控告内容：仅限本信访部门查看，不得透露给被反映单位。",
                                 "Accusation: for this office only; never shown to the accused unit.") }
                        </p>
                    }
                    <p id="case-content" class="case-content">{ intake.content.clone() }</p>
                </div>
            }
            { for repeat_of }
            { for later }
            { for routing }
        </header>
    }
}
