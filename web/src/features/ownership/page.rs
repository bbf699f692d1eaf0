//! 领导包案: the hard cases owned by leaders with the 五个一 (leader, work
//! team, resolution plan, meeting record, resolution measures): the list
//! with what is missing named, the 五个一落实率 over the open cases, a
//! filter by leader, the form to own a case or complete it, removal, and
//! the printed 领导包案责任表. The form's pure logic is [`OwnershipForm`].

use xinfang_core::cn_text::{date_cn, date_official};
use xinfang_core::ids::Added;
use xinfang_core::ids::OwnershipId;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::ownership::{MeetingRecord, OwnershipPart};
use xinfang_core::PersonId;
use yew::prelude::*;

use crate::context::{go, try_change, use_app};
use crate::features::ownership::form::OwnershipFormView;
use crate::features::ownership::model::{
    meeting_label, part_key, part_name, record_text, OwnershipForm,
};
use crate::forms::category_path;
use crate::i18n::labels::Named;
use crate::i18n::{dates, tr, Lang};
use crate::route;
use crate::route::{Route, WorkDoc};
use crate::ui::case_pick::case_link;
use crate::ui::people::{active_leaders, person_of, person_options};
use crate::ui::sheet::sheet_missing;

/// The form as opened.
#[derive(Debug, Clone, PartialEq)]
struct OpenForm {
    editing: Option<OwnershipId>,
    initial: OwnershipForm,
    serial: u32,
}

/// 领导包案.
#[component]
pub fn OwnershipPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let leader = use_state_eq(String::new);
    let form = use_state(|| None::<OpenForm>);
    let serial = use_mut_ref(|| 0u32);
    let removing = use_state_eq(|| None::<OwnershipId>);
    let open = {
        let (form, serial) = (form.clone(), serial.clone());
        Callback::from(move |(editing, initial): (Option<OwnershipId>, OwnershipForm)| {
            *serial.borrow_mut() += 1;
            let serial = *serial.borrow();
            form.set(Some(OpenForm { editing, initial, serial }));
        })
    };
    let close = {
        let form = form.clone();
        Callback::from(move |()| form.set(None))
    };
    let new = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.emit((None, OwnershipForm::new(crate::clock::today())))
        })
    };
    let on_leader = {
        let leader = leader.clone();
        Callback::from(move |e: Event| {
            leader.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
        })
    };

    let office = app.office.get();
    let work = app.work();
    let settings = office.settings();
    let org = &settings.org;
    let concluded = |id| office.is_concluded(id);
    let rate = work.ownership.completeness(concluded);
    let filter = person_of(&leader);
    let just_added = match app.last_added {
        Some(Added::Ownership(id)) => Some(id),
        _ => None,
    };
    // In a unit's view only its cases, each record as the core shows it.
    let viewer = crate::access::viewer(&app.prefs);
    let entries: Vec<_> = work
        .ownership
        .iter()
        .filter(|e| filter.is_none_or(|p| e.leader == Some(p)) && viewer.sees_id(&office, e.case))
        .collect();
    let rows: Vec<Html> = entries
        .iter()
        .rev()
        .map(|e| {
            let id = e.id();
            let n = id.get();
            let missing = e.missing();
            let withheld = viewer.withholds_id(&office, e.case);
            let shown = viewer.ownership(&office, e.data());
            let done = concluded(e.case);
            let stage = office.case(e.case).map(|c| c.stage().name(lang)).unwrap_or("—");
            let edit = {
                let (open, initial) = (open.clone(), OwnershipForm::of(e.data()));
                Callback::from(move |_: MouseEvent| open.emit((Some(id), initial.clone())))
            };
            let print = Route::WorkPrint(WorkDoc::Ownership(id));
            let ask = {
                let removing = removing.clone();
                Callback::from(move |_: MouseEvent| removing.set(Some(id)))
            };
            let no = {
                let removing = removing.clone();
                Callback::from(move |_: MouseEvent| removing.set(None))
            };
            let remove = {
                let (app, removing) = (app.clone(), removing.clone());
                Callback::from(move |_: MouseEvent| {
                    if try_change(&app, WorkChange::RemoveOwnership(id)) {
                        removing.set(None);
                    }
                })
            };
            let team: Vec<String> = e.team.iter().map(|p| org.person_name(*p)).collect();
            html! {
                <tr class={classes!("ownership", if missing.is_empty() { "complete" } else { "incomplete" },
                                    (just_added == Some(id)).then_some("just-added"))}
                    data-ownership={n.to_string()} data-case={e.case.get().to_string()}
                    data-leader={e.leader.map(|p| p.get().to_string()).unwrap_or_default()}
                    data-complete={missing.is_empty().to_string()} data-concluded={done.to_string()}>
                    <td class="own-case">
                        { case_link(&app, &office, e.case) }
                        <span class="own-stage">{ format!("（{stage}）") }</span>
                    </td>
                    <td class="own-leader">{ e.leader.map(|p| org.person_name(p)).unwrap_or_default() }</td>
                    <td class="own-since">{ dates::input_value(e.since) }</td>
                    <td class="own-team">{ team.join("、") }</td>
                    <td class="own-plan">{ shown.plan.clone() }</td>
                    <td class="own-record">{ shown.meeting_record.as_ref().map(|r| match r {
                        MeetingRecord::Meeting(m) => meeting_label(&work, *m),
                        MeetingRecord::Document(t) => t.clone(),
                    }).unwrap_or_default() }</td>
                    <td class="own-measures">
                        if !shown.measures.is_empty() {
                            <ul>{ for shown.measures.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                        }
                    </td>
                    <td class="own-status">
                        if missing.is_empty() {
                            <span class="ok">{ tr(lang, "五个一齐全", "Complete") }</span>
                        } else {
                            <span class="missing-label">{ tr(lang, "缺：", "Missing: ") }</span>
                            { for missing.iter().map(|p| html! {
                                <span class="own-missing" data-part={part_key(*p)}>{ part_name(lang, *p) }</span>
                            }) }
                        }
                    </td>
                    <td class="own-acts no-print">
                        if !withheld {
                            <button id={format!("own-edit-{n}")} type="button" onclick={edit}>{ tr(lang, "修改", "Edit") }</button>
                        }
                        <a id={format!("own-print-{n}")} class="button" href={route::to_hash(print)} onclick={go(&app, print)}>{ tr(lang, "打印", "Print") }</a>
                        if *removing == Some(id) {
                            <button id={format!("own-remove-confirm-{n}")} type="button" onclick={remove}>{ tr(lang, "确认删除", "Remove") }</button>
                            <button type="button" onclick={no}>{ tr(lang, "取消", "Cancel") }</button>
                        } else {
                            <button id={format!("own-remove-{n}")} type="button" onclick={ask}>{ tr(lang, "删除", "Remove") }</button>
                        }
                    </td>
                </tr>
            }
        })
        .collect();
    let leaders = active_leaders(org);
    let rate_text = match lang {
        Lang::ZhCn => format!("五个一落实率（未办结包案案件）：{rate}"),
        Lang::En => format!("五个一 in place (cases not concluded): {rate}"),
    };
    html! {
        <section id="page-ownership" class="work-page ownership-page">
            <h1>{ tr(lang, "领导包案", "Leader-owned cases") }</h1>
            <p class="muted">{ tr(lang,
                "疑难信访案件落实“五个一”：一名包案领导、一个工作班子、一套化解方案、一份会议纪要、一套化解措施。",
                "Hard cases get the 五个一: a leader, a work team, a resolution plan, a meeting record and a set of resolution measures.") }</p>
            <p id="own-rate" data-numerator={rate.numerator.to_string()} data-denominator={rate.denominator.to_string()}
               data-percent={rate.percent_text()}>{ rate_text }</p>
            <div class="work-controls no-print">
                <label for="own-filter-leader">{ tr(lang, "按包案领导筛选", "Leader") }</label>
                <select id="own-filter-leader" onchange={on_leader}>
                    { person_options(org, &leaders, &leader, tr(lang, "全部领导", "All leaders")) }
                </select>
                <span id="own-total" data-count={entries.len().to_string()}>
                    { match lang { Lang::ZhCn => format!("共{}件", entries.len()), Lang::En => format!("{} cases", entries.len()) } }
                </span>
                if form.is_none() {
                    <button id="own-new" type="button" onclick={new}>{ tr(lang, "新增包案", "Own a case") }</button>
                }
            </div>
            if let Some(open) = (*form).clone() {
                <OwnershipFormView key={open.serial} editing={open.editing} initial={open.initial} on_close={close} />
            }
            if rows.is_empty() {
                <p id="own-empty" class="muted">{ tr(lang, "尚无包案记录。", "No leader-owned cases.") }</p>
            } else {
                <div class="table-scroll">
                    <table id="own-list" class="work-table">
                        <thead>
                            <tr>
                                <th>{ tr(lang, "案件", "Case") }</th>
                                <th>{ tr(lang, "包案领导", "Leader") }</th>
                                <th>{ tr(lang, "包案日期", "Since") }</th>
                                <th>{ tr(lang, "工作班子", "Team") }</th>
                                <th>{ tr(lang, "化解方案", "Plan") }</th>
                                <th>{ tr(lang, "会议纪要", "Meeting record") }</th>
                                <th>{ tr(lang, "化解措施", "Measures") }</th>
                                <th>{ tr(lang, "五个一", "五个一") }</th>
                                <th class="no-print"></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}

// ------------------------------------------------------------- printed sheet

/// Props of [`OwnershipPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct OwnershipPrintProps {
    /// Which.
    pub id: OwnershipId,
}

/// 领导包案责任表: the case (number, category, stage, received) and the
/// 五个一 table, each part with its content and whether it is in place.
#[component]
pub fn OwnershipPrint(props: &OwnershipPrintProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let work = app.work();
    let viewer = crate::access::viewer(&app.prefs);
    let Some(e) = work.ownership.get(props.id).filter(|e| viewer.sees_id(&office, e.case)) else {
        return sheet_missing(lang, &props.id.to_string(), "包案记录", "ownership");
    };
    let e = viewer.ownership(&office, e.data());
    let settings = office.settings();
    let org = &settings.org;
    let case = office.case(e.case);
    let missing = e.missing();
    let person_line = |p: PersonId| match org.person(p) {
        Some(x) if !x.title().is_empty() => {
            format!("{}（{}{}）", x.name(), org.unit_name(x.unit()), x.title())
        }
        _ => org.person_name(p),
    };
    let content = |part: OwnershipPart| -> Html {
        match part {
            OwnershipPart::Leader => html! { { e.leader.map(person_line).unwrap_or_default() } },
            OwnershipPart::Team => {
                let names: Vec<String> = e.team.iter().map(|p| person_line(*p)).collect();
                html! { { names.join("、") } }
            }
            OwnershipPart::Plan => html! { { e.plan.clone() } },
            OwnershipPart::MeetingRecord => html! {
                { e.meeting_record.as_ref().map(|r| record_text(&work, org, r)).unwrap_or_default() }
            },
            OwnershipPart::Measures => html! {
                <ol class="doc-list">{ for e.measures.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ol>
            },
        }
    };
    let issuer = org.petition_office().map_or_else(|| org.name().to_string(), |u| org.unit_name(u));
    let today = crate::clock::today();
    let numerals = ["一", "二", "三", "四", "五"];
    html! {
        <article id="doc-ownership" class="official-doc work-doc" lang="zh-CN"
                 data-ownership={props.id.get().to_string()} data-complete={missing.is_empty().to_string()}>
            <header class="doc-head">
                <div id="doc-issuer" class="doc-issuer">{ org.name().to_string() }</div>
                <h1 id="doc-title" class="doc-title">{ "领导包案责任表" }</h1>
                <p id="doc-number" class="doc-number">{ format!("编号：{}", props.id) }</p>
            </header>
            <div id="doc-body" class="doc-body">
                <table class="ledger-table form-table">
                    <tbody>
                        <tr><th scope="row">{ "案件编号" }</th>
                            <td id="doc-case">{ case.map_or_else(|| e.case.to_string(), |c| c.number().to_string()) }</td></tr>
                        <tr><th scope="row">{ "来访（信）日期" }</th>
                            <td>{ case.map(|c| date_cn(c.intake().received_on)).unwrap_or_default() }</td></tr>
                        <tr><th scope="row">{ "问题类别" }</th>
                            <td>{ case.map(|c| category_path(&settings.categories, c.intake().category)).unwrap_or_default() }</td></tr>
                        <tr><th scope="row">{ "办理阶段" }</th>
                            <td id="doc-stage">{ case.map_or("—", |c| c.stage().label()) }</td></tr>
                        <tr><th scope="row">{ "包案日期" }</th><td>{ date_cn(e.since) }</td></tr>
                    </tbody>
                </table>
                <h2 class="doc-subtitle">{ "“五个一”落实情况" }</h2>
                <table id="doc-five" class="ledger-table">
                    <thead><tr><th>{ "序号" }</th><th>{ "项目" }</th><th>{ "内容" }</th><th>{ "落实情况" }</th></tr></thead>
                    <tbody>
                        { for OwnershipPart::ALL.iter().enumerate().map(|(i, part)| {
                            let in_place = !missing.contains(part);
                            html! {
                                <tr class="doc-part" data-part={part_key(*part)} data-in-place={in_place.to_string()}>
                                    <td>{ numerals[i] }</td>
                                    <td>{ format!("一{}", part_one(*part)) }</td>
                                    <td class="doc-part-content">{ content(*part) }</td>
                                    <td class="doc-part-state">{ if in_place { "已落实" } else { "未落实" } }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class="doc-note">{ "包案领导对案件化解负总责，亲自研究案情、亲自提出解决方案，全程跟踪直至案结事了。" }</p>
            </div>
            <div class="doc-signoff">
                <p>{ "包案领导（签字）：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}" }</p>
                <p id="doc-signature" class="doc-signature">{ issuer }</p>
                <p id="doc-date" class="doc-date">{ date_official(today) }</p>
            </div>
        </article>
    }
}

/// `名包案领导`, `个工作班子`…: the 五个一 as the seeds word them after `一`.
fn part_one(part: OwnershipPart) -> &'static str {
    match part {
        OwnershipPart::Leader => "名包案领导",
        OwnershipPart::Team => "个工作班子",
        OwnershipPart::Plan => "套化解方案",
        OwnershipPart::MeetingRecord => "份会议纪要",
        OwnershipPart::Measures => "套化解措施",
    }
}
