//! 领导接访: the reception rota (rules, the days of a month, held or not),
//! the receptions held (record, correct, remove, link or register cases,
//! print the 领导接访登记表) and their counts for a period (seed 001:
//! sessions, people, cases, resolved). Also the forms' pure logic, shared
//! helpers of the work pages (names of people, lines, months) and the two
//! printed sheets (接访登记表, 排班表).

use chrono::Datelike;
use xinfang_core::cn_text::{date_cn, date_official};
use xinfang_core::ids::ReceptionId;
use yew::prelude::*;

use crate::context::use_app;
use crate::features::reception::counts::ReceptionCounts;
use crate::features::reception::form::ReceptionFormView;
use crate::features::reception::list::ReceptionList;
use crate::features::reception::model::{month_range, OpenForm, ReceptionForm};
use crate::features::reception::rota::RotaSection;
use crate::i18n::{dates, tr};
use crate::ui::sheet::sheet_missing;

/// 领导接访.
#[component]
pub fn ReceptionPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    let form = use_state(|| None::<OpenForm>);
    let serial = use_mut_ref(|| 0u32);
    let open = {
        let (form, serial) = (form.clone(), serial.clone());
        Callback::from(move |(editing, initial): (Option<ReceptionId>, ReceptionForm)| {
            *serial.borrow_mut() += 1;
            let serial = *serial.borrow();
            form.set(Some(OpenForm { editing, initial, serial }));
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("receptions"))
            {
                el.scroll_into_view();
            }
        })
    };
    let new = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.emit((None, ReceptionForm::new(crate::clock::today())))
        })
    };
    let close = {
        let form = form.clone();
        Callback::from(move |()| form.set(None))
    };
    let on_edit = {
        let (open, app) = (open.clone(), app.clone());
        Callback::from(move |id: ReceptionId| {
            let initial = app.work().reception.reception(id).map(|r| ReceptionForm::of(r));
            if let Some(initial) = initial {
                open.emit((Some(id), initial));
            }
        })
    };
    let on_record_day = {
        let open = open.clone();
        Callback::from(move |initial: ReceptionForm| open.emit((None, initial)))
    };
    html! {
        <section id="page-reception" class="work-page reception-page">
            <h1>{ tr(lang, "领导接访", "Leader receptions") }</h1>
            <RotaSection on_record={on_record_day} />
            <section id="receptions" class="work-section">
                <h2>{ tr(lang, "接访记录", "Receptions held") }</h2>
                if form.is_none() {
                    <button id="reception-new" type="button" onclick={new}>
                        { tr(lang, "登记接访", "Record a reception") }
                    </button>
                }
                if let Some(open) = (*form).clone() {
                    <ReceptionFormView key={open.serial} editing={open.editing}
                        initial={open.initial} on_close={close} />
                }
                <ReceptionList {on_edit} />
            </section>
            <ReceptionCounts />
        </section>
    }
}

// ------------------------------------------------------------ printed sheets

/// Props of [`ReceptionPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct ReceptionPrintProps {
    /// Which.
    pub id: ReceptionId,
}

/// 领导接访登记表: leader, date, place, people, matters, the cases by
/// number with their stage. No petitioner's data.
#[component]
pub fn ReceptionPrint(props: &ReceptionPrintProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let work = app.work();
    let Some(r) = work.reception.reception(props.id) else {
        return sheet_missing(lang, &props.id.to_string(), "接访记录", "reception");
    };
    // As the core shows it to the viewer (matters withheld with a linked
    // accusation against the viewing unit; its other units' cases left out).
    let r = crate::access::viewer(&app.prefs).reception(&office, r.data());
    let org = &office.settings().org;
    let leader = org.person(r.leader);
    let leader_text = match leader {
        Some(p) if !p.title().is_empty() => {
            format!("{}（{}{}）", p.name(), org.unit_name(p.unit()), p.title())
        }
        Some(p) => p.name().to_string(),
        None => r.leader.to_string(),
    };
    let issuer = org.petition_office().map_or_else(|| org.name().to_string(), |u| org.unit_name(u));
    let today = crate::clock::today();
    let row = |label: &str, value: Html| {
        html! { <tr><th scope="row">{ label.to_string() }</th><td>{ value }</td></tr> }
    };
    html! {
        <article id="doc-reception" class="official-doc work-doc" lang="zh-CN"
                 data-reception={props.id.get().to_string()}>
            <header class="doc-head">
                <div id="doc-issuer" class="doc-issuer">{ org.name().to_string() }</div>
                <h1 id="doc-title" class="doc-title">{ "领导接访登记表" }</h1>
                <p id="doc-number" class="doc-number">{ format!("编号：{}", props.id) }</p>
            </header>
            <div id="doc-body" class="doc-body">
                <table class="ledger-table form-table">
                    <tbody>
                        { row("接访领导", html! { <span id="doc-leader">{ leader_text }</span> }) }
                        { row("接访日期", html! { <span id="doc-date-held">{ date_cn(r.date) }</span> }) }
                        { row("接访地点", html! { { r.place.clone() } }) }
                        { row("接访方式", html! { { r.kind.label() } }) }
                        { row("接待人数", html! { <span id="doc-head-count">{ format!("{}人", r.head_count) }</span> }) }
                        { row("反映事项", html! {
                            if r.matters.is_empty() {
                                { "无" }
                            } else {
                                <ol id="doc-matters" class="doc-list">
                                    { for r.matters.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                                </ol>
                            }
                        }) }
                        { row("关联案件", html! {
                            if r.cases.is_empty() {
                                { "无" }
                            } else {
                                <table id="doc-cases" class="ledger-table inner">
                                    <thead><tr><th>{ "案件编号" }</th><th>{ "关联方式" }</th><th>{ "办理阶段" }</th></tr></thead>
                                    <tbody>
                                        { for r.cases.iter().map(|l| {
                                            let case = office.case(l.case);
                                            html! {
                                                <tr class="doc-case" data-case={l.case.get().to_string()}>
                                                    <td>{ case.map_or_else(|| l.case.to_string(), |c| c.number().to_string()) }</td>
                                                    <td>{ l.how.label() }</td>
                                                    <td class="doc-case-stage">{ case.map_or("—", |c| c.stage().label()) }</td>
                                                </tr>
                                            }
                                        }) }
                                    </tbody>
                                </table>
                            }
                        }) }
                        { row("领导签字", html! { <span class="doc-blank">{ "\u{3000}" }</span> }) }
                    </tbody>
                </table>
            </div>
            <div class="doc-signoff">
                <p id="doc-signature" class="doc-signature">{ issuer }</p>
                <p id="doc-date" class="doc-date">{ date_official(today) }</p>
            </div>
        </article>
    }
}

/// Props of [`RotaPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct RotaPrintProps {
    /// The month, `YYYYMM`.
    pub month: u32,
}

/// 领导接访排班表: the month's reception days, leaders and places.
#[component]
pub fn RotaPrint(props: &RotaPrintProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let office = app.office.get();
    let work = app.work();
    let Some((first, last)) = month_range(props.month) else {
        return sheet_missing(lang, &props.month.to_string(), "月份", "month");
    };
    let settings = office.settings();
    let org = &settings.org;
    let days = work.reception.scheduled(first, last, &settings.calendar);
    let issuer = org.petition_office().map_or_else(|| org.name().to_string(), |u| org.unit_name(u));
    let today = crate::clock::today();
    html! {
        <article id="doc-rota" class="official-doc work-doc" lang="zh-CN"
                 data-month={props.month.to_string()}>
            <header class="doc-head">
                <div id="doc-issuer" class="doc-issuer">{ org.name().to_string() }</div>
                <h1 id="doc-title" class="doc-title">{ "领导接访排班表" }</h1>
                <p id="doc-number" class="doc-number">
                    { format!("（{}年{}月）", first.year(), first.month()) }
                </p>
            </header>
            <div id="doc-body" class="doc-body">
                if days.is_empty() {
                    <p>{ "本月无排班。" }</p>
                } else {
                    <table class="ledger-table">
                        <thead>
                            <tr><th>{ "日期" }</th><th>{ "星期" }</th><th>{ "接访领导" }</th><th>{ "接访地点" }</th><th>{ "备注" }</th></tr>
                        </thead>
                        <tbody>
                            { for days.iter().map(|d| {
                                let note = work.reception.rule(d.rule).map(|r| r.name.clone()).unwrap_or_default();
                                html! {
                                    <tr class="doc-rota-day" data-date={dates::input_value(d.date)}>
                                        <td>{ date_cn(d.date) }</td>
                                        <td>{ dates::weekday_zh(d.date.weekday()) }</td>
                                        <td>{ org.person_name(d.leader) }</td>
                                        <td>{ d.place.clone() }</td>
                                        <td>{ note }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                }
                <p class="doc-note">{ "注：接访日遇法定节假日、休息日顺延至下一个工作日。" }</p>
            </div>
            <div class="doc-signoff">
                <p id="doc-signature" class="doc-signature">{ issuer }</p>
                <p id="doc-date" class="doc-date">{ date_official(today) }</p>
            </div>
        </article>
    }
}
