//! The work ledgers' records about one case, on its page (`#case-work`):
//! the receptions that linked it, its 领导包案, its backlog entry, the
//! hotspots that became it and the meetings that discussed it, each linked
//! to its page. Read-only; shown only when something refers to the case.

use xinfang_core::work::reception::CaseLinkKind;
use xinfang_core::{CaseId, Office, WorkLedgers};
use yew::prelude::*;

use crate::i18n::labels::{backlog_status_key, backlog_status_label};

use crate::context::{go, use_app};
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::Route;

/// Props of [`CaseWork`].
#[derive(Debug, PartialEq, Properties)]
pub struct CaseWorkProps {
    /// The case.
    pub id: CaseId,
}

/// Whether any ledger refers to `case`.
pub fn refers_to(work: &WorkLedgers, case: CaseId) -> bool {
    work.reception.receptions().any(|r| r.cases.iter().any(|l| l.case == case))
        || work.ownership.for_case(case).is_some()
        || work.backlog.for_case(case).is_some()
        || work.screening.hotspots().any(|h| h.case == Some(case))
        || work.meetings.iter().any(|m| m.cases.contains(&case))
}

fn person(office: &Office, id: xinfang_core::PersonId) -> String {
    office.settings().org.person(id).map(|p| p.name().to_string()).unwrap_or_else(|| id.to_string())
}

/// Receptions, ownership, backlog entry, hotspots and meetings of a case.
#[component]
pub fn CaseWork(props: &CaseWorkProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let id = props.id;
    let work = app.work();
    if !refers_to(&work, id) {
        return html! {};
    }
    let office = app.office.get();
    let link = |route: Route, text: &str| {
        html! { <a href={route::to_hash(route)} onclick={go(&app, route)}>{ text.to_string() }</a> }
    };
    let zh = lang == Lang::ZhCn;

    let receptions = work
        .reception
        .receptions()
        .filter_map(|r| r.cases.iter().find(|l| l.case == id).map(|l| (r, l.how)))
        .map(|(r, how)| {
            let how = match (zh, how) {
                (true, h) => h.label(),
                (false, CaseLinkKind::Created) => "registered there",
                (false, _) => "taken over",
            };
            html! {
                <li class="case-work-reception" data-id={r.id().get().to_string()}>
                    { link(Route::Reception, tr(lang, "领导接访", "Leader reception")) }{ "：" }
                    { dates::display(lang, r.date) }{ "，" }{ person(&office, r.leader) }
                    { format!("（{how}）") }
                </li>
            }
        });
    let ownership = work.ownership.for_case(id).map(|o| {
        let leader = o.leader.map(|p| person(&office, p)).unwrap_or_else(|| "—".into());
        let complete = if o.is_complete() {
            tr(lang, "五个一已齐全", "五个一 complete")
        } else {
            tr(lang, "五个一尚不齐全", "五个一 incomplete")
        };
        html! {
            <li id="case-work-ownership" data-complete={o.is_complete().to_string()}>
                { link(Route::Ownership, tr(lang, "领导包案", "Leader ownership")) }{ "：" }
                { leader }{ "，" }{ complete }
            </li>
        }
    });
    let backlog = work.backlog.for_case(id).map(|e| {
        let status = match e.status.concluded_on() {
            Some(on) => format!("{}（{}）", backlog_status_label(lang, e.status), dates::display(lang, on)),
            None => backlog_status_label(lang, e.status).to_string(),
        };
        let accepted = e.accepted_on.map(|on| match lang {
            Lang::ZhCn => format!("，息诉罢访于{}", dates::display(lang, on)),
            Lang::En => format!(", accepted on {}", dates::display(lang, on)),
        });
        html! {
            <li id="case-work-backlog" data-id={e.id().get().to_string()}
                data-status={backlog_status_key(e.status)}>
                { link(Route::Backlog, tr(lang, "信访积案", "Backlog")) }{ "：" }
                { status }{ "，" }{ tr(lang, "化解时限", "deadline ") }{ dates::display(lang, e.deadline) }
                { "，" }{ tr(lang, "包案领导", "leader ") }{ person(&office, e.leader) }
                { accepted.unwrap_or_default() }
            </li>
        }
    });
    let viewer = crate::access::viewer(&app.prefs);
    let hotspots = work.screening.hotspots().filter(|h| h.case == Some(id)).map(|h| {
        let hid = h.id();
        let h = viewer.hotspot(&office, h.data());
        html! {
            <li class="case-work-hotspot" data-id={hid.get().to_string()}>
                { link(Route::Screening, tr(lang, "矛盾纠纷", "Hotspot")) }{ "：" }{ h.issue.clone() }
                { format!("（{}）", h.status.label()) }
            </li>
        }
    });
    let meetings = work.meetings.iter().filter(|m| m.cases.contains(&id)).map(|m| {
        let route = Route::Meeting(m.id());
        html! {
            <li class="case-work-meeting" data-id={m.id().get().to_string()}>
                { link(route, m.kind.label()) }{ "：" }{ dates::display(lang, m.date) }
            </li>
        }
    });
    html! {
        <section id="case-work" class="case-section case-work" aria-labelledby="case-work-title">
            <h3 id="case-work-title">{ tr(lang, "相关工作记录", "Work records") }</h3>
            <ul class="case-work-list">
                { for receptions }
                { for ownership }
                { for backlog }
                { for hotspots }
                { for meetings }
            </ul>
        </section>
    }
}
