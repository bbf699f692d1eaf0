//! 会议 (`#page-meeting`): one meeting to edit (kind, day, place, chair,
//! attendees, cases studied, the meeting's own text and its decisions with
//! owners and deadlines), its decisions marked done, its removal, and its
//! 会议纪要: generated from the data (the quarter's figures, the hotspots,
//! the decisions), edited in a textarea and kept in the meeting's text
//! fields, printed as [`MinutesPrint`].
//!
//! The form edits a draft held in a `RefCell` (so a click reads what was
//! typed last); the draft starts again from the ledger whenever the stored
//! meeting changes (after a save, or a decision marked done).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use xinfang_core::cn_text::{date_cn, date_official};
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::work::meeting::{Decision, Meeting, MeetingKind, QuarterFigures};
use xinfang_core::{CaseId, Office, Organisation, PersonId, UnitId, UnitKind};
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use super::page::{chairs, kind_label, kind_of, kind_value};

use crate::context::{change_work, go, use_app, AppHandle};
use crate::features::meetings::minutes::{
    issue_number, minutes_shown, quarter_figures, save_minutes, sheet_parts,
};
use crate::i18n::{dates, tr};
use crate::route::{Route, WorkDoc};
use crate::state::Msg;
use crate::ui::case_pick::{case_link, CasePick};
use crate::ui::field::{area_value, input_value, select_value};
use crate::ui::people::person_with_post;
use crate::{clock, route};

/// Props of [`MeetingPage`].
#[derive(Debug, PartialEq, Properties)]
pub struct MeetingPageProps {
    /// Which.
    pub id: xinfang_core::ids::MeetingId,
}

/// `县林业局副局长花永林` (a body above: the title alone), as the minutes
/// name people.
pub fn official_name(org: &Organisation, id: PersonId) -> String {
    let Some(p) = org.person(id) else { return id.to_string() };
    let unit = match org.unit(p.unit()) {
        Some(u) if u.kind() != UnitKind::Higher => u.name(),
        _ => "",
    };
    format!("{unit}{}{}", p.title(), p.name())
}

/// The quarter's figures for a meeting on `date`, recomputed only when the
/// record, the ledgers, the day or today change.
#[hook]
fn use_figures(app: &AppHandle, date: Option<NaiveDate>) -> Rc<Option<QuarterFigures>> {
    let today = clock::today();
    use_memo((app.office.clone(), date, today), |(office, date, today)| {
        let office = office.get();
        date.map(|d| quarter_figures(&office, office.work(), d, *today))
    })
}

type Draft = Rc<RefCell<Option<Meeting>>>;

/// Changes the draft and redraws.
fn edit(draft: &Draft, redraw: &UseForceUpdateHandle, f: impl FnOnce(&mut Meeting)) {
    if let Some(m) = draft.borrow_mut().as_mut() {
        f(m);
    }
    redraw.force_update();
}

/// 会议: one meeting.
#[component]
pub fn MeetingPage(props: &MeetingPageProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let id = props.id;
    let today = clock::today();
    let redraw = use_force_update();
    let draft: Draft = use_mut_ref(|| None);
    let base: Rc<RefCell<Option<Meeting>>> = use_mut_ref(|| None);
    let minutes_edit: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    let done_dates: Rc<RefCell<BTreeMap<usize, String>>> = use_mut_ref(BTreeMap::new);
    let confirm_remove = use_state(|| false);
    let removing = use_mut_ref(|| false);

    let stored: Option<Meeting> = app.work().meetings.get(id).map(|e| e.data().clone());
    if *base.borrow() != stored {
        *draft.borrow_mut() = stored.clone();
        *base.borrow_mut() = stored.clone();
    }
    let figures = use_figures(&app, stored.as_ref().map(|m| m.date));

    // Removed: back to the list.
    {
        let (app2, removing) = (app.clone(), removing.clone());
        use_effect_with(stored.is_none(), move |gone| {
            if *gone && std::mem::take(&mut *removing.borrow_mut()) {
                app2.dispatch(Msg::Navigate(Route::Meetings));
            }
        });
    }

    let Some(stored) = stored else {
        return html! {
            <section id="page-meeting">
                <h1>{ tr(lang, "会议", "Meeting") }</h1>
                <p id="meeting-missing">{ tr(lang, "没有这次会议的记录。", "There is no record of this meeting.") }</p>
                <a id="meeting-back" href={route::to_hash(Route::Meetings)} onclick={go(&app, Route::Meetings)}>
                    { tr(lang, "返回会议列表", "Back to the meetings") }
                </a>
            </section>
        };
    };
    let office = app.office.get();
    let org = &office.settings().org;
    // A meeting that studied an accusation withheld from the viewing unit
    // is not shown to it at all (its texts would be the placeholder, and
    // an edit would write the placeholder back).
    let viewer = crate::access::viewer(&app.prefs);
    if stored.cases.iter().any(|&c| viewer.withholds_id(&office, c)) {
        return html! {
            <section id="page-meeting">
                <h1>{ tr(lang, "会议", "Meeting") }</h1>
                <p id="meeting-withheld" class="form-error" role="alert">
                    { tr(lang, "这次会议研究了对本单位（或其下属单位）的检举控告事项，会议内容不向本单位显示。",
                        "This meeting studied an accusation against this unit (or a unit under it): its content is not shown to it.") }
                </p>
            </section>
        };
    }
    let m = draft.borrow().clone().unwrap_or_else(|| stored.clone());

    // ---- the form's callbacks
    let text_cb = |f: fn(&mut Meeting, String)| {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            edit(&draft, &redraw, |m| f(m, v))
        })
    };
    let area_cb = |f: fn(&mut Meeting, String)| {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |e: InputEvent| {
            let v = area_value(&e);
            edit(&draft, &redraw, |m| f(m, v))
        })
    };
    let on_kind = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let kind = kind_of(&select_value(&e));
            edit(&draft, &redraw, |m| m.kind = kind.unwrap_or(m.kind))
        })
    };
    let on_date = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let date = dates::parse_input(&input_value(&e));
            edit(&draft, &redraw, |m| m.date = date.unwrap_or(m.date))
        })
    };
    let on_chair = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let chair = select_value(&e).parse::<u32>().ok().map(PersonId::new);
            edit(&draft, &redraw, |m| m.chair = chair.unwrap_or(m.chair))
        })
    };
    let attendee_pick = use_mut_ref(String::new);
    let on_attendee_pick = {
        let attendee_pick = attendee_pick.clone();
        Callback::from(move |e: Event| *attendee_pick.borrow_mut() = select_value(&e))
    };
    let add_attendee = {
        let (draft, redraw, attendee_pick) = (draft.clone(), redraw.clone(), attendee_pick.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(p) = attendee_pick.borrow().parse::<u32>().ok().map(PersonId::new) else {
                return;
            };
            attendee_pick.borrow_mut().clear();
            edit(&draft, &redraw, |m| {
                if !m.attendees.contains(&p) {
                    m.attendees.push(p)
                }
            })
        })
    };
    let on_case = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |c: CaseId| {
            edit(&draft, &redraw, |m| {
                if !m.cases.contains(&c) {
                    m.cases.push(c)
                }
            })
        })
    };
    let add_decision = {
        let (draft, redraw) = (draft.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            edit(&draft, &redraw, |m| m.decisions.push(Decision::new("", None, None, None)))
        })
    };
    let save = {
        let (app, draft) = (app.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(m) = draft.borrow().clone() {
                change_work(&app, WorkChange::UpdateMeeting(id, m));
            }
        })
    };

    let active_people: Vec<PersonId> =
        org.people().filter(|p| p.is_active()).map(|p| p.id()).collect();
    let active_units: Vec<UnitId> = org.units().filter(|u| u.is_active()).map(|u| u.id()).collect();
    let mut chair_options = chairs(org);
    if !chair_options.contains(&m.chair) {
        chair_options.insert(0, m.chair);
    }

    let attendees = m.attendees.iter().map(|p| {
        let p = *p;
        let (draft, redraw) = (draft.clone(), redraw.clone());
        let remove = Callback::from(move |_: MouseEvent| {
            edit(&draft, &redraw, |m| m.attendees.retain(|a| *a != p))
        });
        html! {
            <li class="m-attendee" data-person={p.get().to_string()}>
                { person_with_post(org, p) }
                <button type="button" class="m-attendee-remove" onclick={remove}>{ tr(lang, "移除", "Remove") }</button>
            </li>
        }
    });
    let categories = &office.settings().categories;
    let cases = m.cases.iter().map(|c| {
        let c = *c;
        let (draft, redraw) = (draft.clone(), redraw.clone());
        let remove = Callback::from(move |_: MouseEvent| {
            edit(&draft, &redraw, |m| m.cases.retain(|x| *x != c))
        });
        let category = office
            .case(c)
            .and_then(|case| categories.get(case.intake().category))
            .map(|cat| cat.name().to_string())
            .unwrap_or_default();
        html! {
            <li class="m-case" data-case={c.get().to_string()}>
                { case_link(&app, &office, c) }
                <span class="m-case-category">{ format!(" {category}") }</span>
                <button type="button" class="m-case-remove" onclick={remove}>{ tr(lang, "移除", "Remove") }</button>
            </li>
        }
    });

    let decision_rows = m.decisions.iter().enumerate().map(|(i, d)| {
        let cb = |f: fn(&mut Decision, String)| {
            let (draft, redraw) = (draft.clone(), redraw.clone());
            Callback::from(move |v: String| {
                edit(&draft, &redraw, |m| {
                    if let Some(d) = m.decisions.get_mut(i) {
                        f(d, v)
                    }
                })
            })
        };
        let on_text = cb(|d, v| d.text = v).reform(|e: InputEvent| {
            e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
        });
        let on_unit = cb(|d, v| d.unit = v.parse::<u32>().ok().map(UnitId::new))
            .reform(|e: Event| select_value(&e));
        let on_person = cb(|d, v| d.person = v.parse::<u32>().ok().map(PersonId::new))
            .reform(|e: Event| select_value(&e));
        let on_deadline =
            cb(|d, v| d.deadline = dates::parse_input(&v)).reform(|e: Event| input_value(&e));
        let (draft2, redraw2) = (draft.clone(), redraw.clone());
        let remove = Callback::from(move |_: MouseEvent| {
            edit(&draft2, &redraw2, |m| {
                if i < m.decisions.len() {
                    m.decisions.remove(i);
                }
            })
        });
        let (draft3, redraw3) = (draft.clone(), redraw.clone());
        let up = Callback::from(move |_: MouseEvent| {
            edit(&draft3, &redraw3, |m| {
                if i > 0 && i < m.decisions.len() {
                    m.decisions.swap(i - 1, i);
                }
            })
        });
        html! {
            <tr class="m-decision" data-index={i.to_string()}>
                <td>{ i + 1 }</td>
                <td><input id={format!("dec-text-{i}")} type="text" value={d.text.clone()} oninput={on_text}
                           aria-label={tr(lang, "决定事项", "Decision")} maxlength={maxlength(limits::DECISION)} />
                <CharCount target={format!("dec-text-{i}")} limit={limits::DECISION} /></td>
                <td><select id={format!("dec-unit-{i}")} onchange={on_unit} aria-label={tr(lang, "责任单位", "Unit")}>
                    <option value="" selected={d.unit.is_none()}>{ "—" }</option>
                    { for active_units.iter().chain(d.unit.iter().filter(|u| !active_units.contains(u))).map(|u| html! {
                        <option value={u.get().to_string()} selected={d.unit == Some(*u)}>{ org.unit_name(*u) }</option>
                    }) }
                </select></td>
                <td><select id={format!("dec-person-{i}")} onchange={on_person} aria-label={tr(lang, "责任人", "Person")}>
                    <option value="" selected={d.person.is_none()}>{ "—" }</option>
                    { for active_people.iter().chain(d.person.iter().filter(|p| !active_people.contains(p))).map(|p| html! {
                        <option value={p.get().to_string()} selected={d.person == Some(*p)}>{ person_with_post(org, *p) }</option>
                    }) }
                </select></td>
                <td><input id={format!("dec-deadline-{i}")} type="date" onchange={on_deadline}
                           value={d.deadline.map(dates::input_value).unwrap_or_default()}
                           aria-label={tr(lang, "完成时限", "Deadline")} /></td>
                <td>
                    if i > 0 {
                        <button type="button" id={format!("dec-up-{i}")} onclick={up}>{ "↑" }</button>
                    }
                    <button type="button" id={format!("dec-remove-{i}")} onclick={remove}>{ tr(lang, "删除", "Delete") }</button>
                </td>
            </tr>
        }
    });

    // ---- follow-up of the stored decisions
    let done = stored.decisions.iter().filter(|d| d.is_done()).count();
    let followup = stored.decisions.iter().enumerate().map(|(i, d)| {
        let no = i + 1;
        let late = d.is_overdue(today);
        let body = match d.done_on {
            Some(on) => {
                let app = app.clone();
                let undo = Callback::from(move |_: MouseEvent| {
                    change_work(&app, WorkChange::SetDecisionDone(id, no, None))
                });
                html! {
                    <>
                        <span class="followup-state done">{ format!("{}{}", tr(lang, "已落实：", "Done on "), dates::display(lang, on)) }</span>
                        <button type="button" id={format!("undo-{no}")} onclick={undo}>{ tr(lang, "撤销", "Undo") }</button>
                    </>
                }
            }
            None => {
                let value = done_dates.borrow().get(&no).cloned().unwrap_or_else(|| dates::input_value(today));
                let done_dates2 = done_dates.clone();
                let on_date = Callback::from(move |e: Event| {
                    done_dates2.borrow_mut().insert(no, input_value(&e));
                });
                let (app, done_dates) = (app.clone(), done_dates.clone());
                let mark = Callback::from(move |_: MouseEvent| {
                    let on = done_dates.borrow().get(&no).and_then(|v| dates::parse_input(v)).unwrap_or(today);
                    change_work(&app, WorkChange::SetDecisionDone(id, no, Some(on)))
                });
                html! {
                    <>
                        <span class={classes!("followup-state", late.then_some("overdue"))}>
                            { if late { tr(lang, "已超期，未落实", "Overdue, not done") } else { tr(lang, "未落实", "Not done") } }
                        </span>
                        <input type="date" id={format!("done-on-{no}")} {value} onchange={on_date}
                               aria-label={tr(lang, "落实日期", "Done on")} />
                        <button type="button" id={format!("done-{no}")} onclick={mark}>{ tr(lang, "标记落实", "Mark done") }</button>
                    </>
                }
            }
        };
        html! {
            <li class={classes!("followup", late.then_some("overdue"))} data-no={no.to_string()}>
                <span class="followup-text">{ format!("{no}. {}", d.text) }</span>
                <span class="followup-owner">{ format!("（{}", super::page::owners(org, d)) }
                    { d.deadline.map(|by| format!("；{}{}", tr(lang, "时限 ", "due "), date_cn(by))).unwrap_or_default() }{ "）" }</span>
                { body }
            </li>
        }
    });

    // ---- the minutes
    let default_title = format!("{}{}纪要", org.name(), stored.kind.label());
    let shown = minutes_shown(&office, &stored, figures.as_ref().as_ref());
    let minutes_value = minutes_edit.borrow().clone().unwrap_or_else(|| shown.clone());
    let is_final = stored.minutes_text.is_some();
    let on_minutes = {
        let minutes_edit = minutes_edit.clone();
        Callback::from(move |e: InputEvent| *minutes_edit.borrow_mut() = Some(area_value(&e)))
    };
    // The text generated afresh from the data replaces an edited final text.
    let regenerate = {
        let (app, minutes_edit, redraw, stored) =
            (app.clone(), minutes_edit.clone(), redraw.clone(), stored.clone());
        Callback::from(move |_: MouseEvent| {
            *minutes_edit.borrow_mut() = None;
            if stored.minutes_text.is_some() {
                let fresh = Meeting { minutes_text: None, ..stored.clone() };
                change_work(&app, WorkChange::UpdateMeeting(id, fresh));
            }
            redraw.force_update();
        })
    };
    let on_save_minutes = {
        let (app, minutes_edit, stored) = (app.clone(), minutes_edit.clone(), stored.clone());
        let figures = figures.clone();
        let default_title = default_title.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = minutes_edit.borrow().clone() else { return };
            let kept = save_minutes(
                &app.office.get(),
                &stored,
                &default_title,
                &text,
                figures.as_ref().as_ref(),
            );
            if kept != stored {
                change_work(&app, WorkChange::UpdateMeeting(id, kept));
            }
            *minutes_edit.borrow_mut() = None;
        })
    };
    let quarter = figures.as_ref().as_ref().map(|f| f.period.clone()).unwrap_or_default();
    let print_route = Route::WorkPrint(WorkDoc::Minutes(id));

    let remove = {
        let confirm_remove = confirm_remove.clone();
        Callback::from(move |_: MouseEvent| confirm_remove.set(true))
    };
    let remove_confirmed = {
        let (app, removing, confirm_remove) =
            (app.clone(), removing.clone(), confirm_remove.clone());
        Callback::from(move |_: MouseEvent| {
            *removing.borrow_mut() = true;
            confirm_remove.set(false);
            change_work(&app, WorkChange::RemoveMeeting(id));
        })
    };

    html! {
        <section id="page-meeting" data-meeting={id.get().to_string()}>
            <a id="meeting-back" href={route::to_hash(Route::Meetings)} onclick={go(&app, Route::Meetings)}>
                { tr(lang, "← 会议列表", "← Meetings") }
            </a>
            <h1 id="meeting-title">
                { format!("{} {}", kind_label(lang, stored.kind), dates::display(lang, stored.date)) }
            </h1>
            <p id="meeting-id" class="meeting-id">{ id.to_string() }</p>

            <form id="meeting-form" class="work-form meeting-form" onsubmit={save}>
                <h2>{ tr(lang, "会议信息", "The meeting") }</h2>
                <div class="form-row">
                    <label for="m-kind">{ tr(lang, "会议类型", "Kind") }</label>
                    <select id="m-kind" onchange={on_kind}>
                        { for MeetingKind::ALL.iter().map(|k| html! {
                            <option value={kind_value(*k)} selected={m.kind == *k}>{ kind_label(lang, *k) }</option>
                        }) }
                    </select>
                    <label for="m-date">{ tr(lang, "会议日期", "Date") }</label>
                    <input id="m-date" type="date" value={dates::input_value(m.date)} onchange={on_date} />
                    <label for="m-place">{ tr(lang, "会议地点", "Place") }</label>
                    <input id="m-place" type="text" value={m.place.clone()} oninput={text_cb(|m, v| m.place = v)} maxlength={maxlength(limits::PLACE)} />
                    <CharCount target="m-place" limit={limits::PLACE} />
                    <label for="m-chair">{ tr(lang, "主持人", "Chair") }</label>
                    <select id="m-chair" onchange={on_chair}>
                        { for chair_options.iter().map(|p| html! {
                            <option value={p.get().to_string()} selected={m.chair == *p}>{ person_with_post(org, *p) }</option>
                        }) }
                    </select>
                </div>
                <div class="form-row">
                    <label for="m-title">{ tr(lang, "纪要标题（留空为默认）", "Minutes title (blank: default)") }</label>
                    <input id="m-title" type="text" value={m.title.clone()} placeholder={default_title.clone()}
                           oninput={text_cb(|m, v| m.title = v)} maxlength={maxlength(limits::MEETING_TITLE)} />
                    <CharCount target="m-title" limit={limits::MEETING_TITLE} />
                </div>
                <fieldset id="m-attendees">
                    <legend>{ tr(lang, "参会人员（出席）", "Attendees (present)") }</legend>
                    <ul class="m-attendee-list">{ for attendees }</ul>
                    <select id="m-attendee-pick" onchange={on_attendee_pick} aria-label={tr(lang, "选择参会人员", "Choose an attendee")}>
                        <option value="" selected=true>{ tr(lang, "— 选择人员 —", "— choose —") }</option>
                        { for active_people.iter().filter(|p| !m.attendees.contains(p) && **p != m.chair).map(|p| html! {
                            <option value={p.get().to_string()}>{ person_with_post(org, *p) }</option>
                        }) }
                    </select>
                    <button type="button" id="m-attendee-add" onclick={add_attendee}>{ tr(lang, "添加", "Add") }</button>
                    <label for="m-other-attendees">{ tr(lang, "列席及其他参会单位（文字）", "Also attending (text)") }</label>
                    <input id="m-other-attendees" type="text" value={m.other_attendees.clone()}
                           placeholder={tr(lang, "如：各乡镇分管领导", "e.g. the townships' leaders in charge")}
                           oninput={text_cb(|m, v| m.other_attendees = v)} maxlength={maxlength(limits::OTHER_ATTENDEES)} />
                    <CharCount target="m-other-attendees" limit={limits::OTHER_ATTENDEES} />
                </fieldset>
                <fieldset id="m-cases">
                    <legend>{ tr(lang, "研究案件", "Cases studied") }</legend>
                    <ul class="m-case-list">{ for cases }</ul>
                    <CasePick id="m-case" label={tr(lang, "案件编号", "Case number")}
                              button={tr(lang, "加入", "Add")} on_pick={on_case} />
                </fieldset>
                <label for="m-opinion">{ tr(lang, "会议认为", "The meeting's assessment") }</label>
                <textarea id="m-opinion" rows="3" value={m.opinion.clone()} oninput={area_cb(|m, v| m.opinion = v)} maxlength={maxlength(limits::MEETING_OPINION)} />
                <CharCount target="m-opinion" limit={limits::MEETING_OPINION} />
                <label for="m-emphasis">{ tr(lang, "会议强调", "What it stressed") }</label>
                <textarea id="m-emphasis" rows="3" value={m.emphasis.clone()} oninput={area_cb(|m, v| m.emphasis = v)} maxlength={maxlength(limits::MEETING_EMPHASIS)} />
                <CharCount target="m-emphasis" limit={limits::MEETING_EMPHASIS} />
                <label for="m-requirements">{ tr(lang, "会议要求（每行一项）", "Requirements (one per line)") }</label>
                <textarea id="m-requirements" rows="4" value={m.requirements.join("\n")}
                          oninput={area_cb(|m, v| m.requirements = v.lines().map(str::to_string).collect())} />
                <fieldset id="m-decisions">
                    <legend>{ tr(lang, "会议决定", "Decisions") }</legend>
                    <table class="ledger-table decisions-table">
                        <thead><tr>
                            <th>{ "#" }</th>
                            <th>{ tr(lang, "决定事项", "Decision") }</th>
                            <th>{ tr(lang, "责任单位", "Unit") }</th>
                            <th>{ tr(lang, "责任人", "Person") }</th>
                            <th>{ tr(lang, "完成时限", "Deadline") }</th>
                            <th></th>
                        </tr></thead>
                        <tbody>{ for decision_rows }</tbody>
                    </table>
                    <button type="button" id="dec-add" onclick={add_decision}>{ tr(lang, "添加决定事项", "Add a decision") }</button>
                </fieldset>
                <label for="m-issued-by">{ tr(lang, "落款单位", "Issued by") }</label>
                <input id="m-issued-by" type="text" value={m.issued_by.clone()}
                       placeholder={tr(lang, "如：安和县信访工作联席会议办公室", "e.g. the joint meeting's office")}
                       oninput={text_cb(|m, v| m.issued_by = v)} maxlength={maxlength(limits::ISSUED_BY)} />
                <CharCount target="m-issued-by" limit={limits::ISSUED_BY} />
                <button id="m-save" type="submit">{ tr(lang, "保存会议", "Save the meeting") }</button>
            </form>

            <section id="meeting-followup" class="meeting-followup">
                <h2>{ tr(lang, "决定落实情况", "Follow-up of the decisions") }</h2>
                <p>{ tr(lang, "已落实", "Done: ") }<strong id="meeting-done-count">{ format!("{done}/{}", stored.decisions.len()) }</strong></p>
                <ul>{ for followup }</ul>
            </section>

            <section id="minutes" class="minutes">
                <h2>{ tr(lang, "会议纪要", "Minutes") }</h2>
                <p class="minutes-basis">
                    { tr(lang, "依据：已保存的会议信息、", "From: the saved meeting, the figures of ") }
                    <span id="minutes-quarter">{ quarter }</span>
                    { tr(lang, "信访数据（截至会议日期）和矛盾纠纷台账。", " (up to the meeting day) and the hotspot ledger.") }
                </p>
                <div class="minutes-tools">
                    <button type="button" id="minutes-generate" onclick={regenerate}>{ tr(lang, "重新生成", "Regenerate") }</button>
                    <button type="button" id="minutes-save" onclick={on_save_minutes}>{ tr(lang, "保存纪要", "Save the minutes") }</button>
                    <a id="minutes-print" class="button" href={route::to_hash(print_route)} onclick={go(&app, print_route)}>
                        { tr(lang, "打印纪要", "Print the minutes") }
                    </a>
                </div>
                if is_final {
                    <p id="minutes-final" class="minutes-final" role="status">
                        { tr(lang,
                            "纪要已按编辑后的全文定稿保存，打印即为此文本；会议数据再有变化时，可点“重新生成”按数据重写（定稿文本将被替换）。",
                            "The minutes are kept as edited, in full, and print as they are; if the meeting's data change, “Regenerate” rewrites them from the data (replacing the edited text).") }
                    </p>
                }
                <textarea id="minutes-text" rows="24" value={minutes_value} oninput={on_minutes} maxlength={maxlength(limits::MINUTES_TEXT)} />
                <CharCount target="minutes-text" limit={limits::MINUTES_TEXT} />
            </section>

            <section id="meeting-danger" class="meeting-danger">
                if *confirm_remove {
                    <span>{ tr(lang, "确定删除这次会议的记录？", "Remove this meeting's record?") }</span>
                    <button type="button" id="meeting-remove-confirm" onclick={remove_confirmed}>{ tr(lang, "确认删除", "Remove") }</button>
                } else {
                    <button type="button" id="meeting-remove" onclick={remove}>{ tr(lang, "删除会议（误录）", "Remove (entered by mistake)") }</button>
                }
            </section>
        </section>
    }
}

/// Props of [`MinutesPrint`].
#[derive(Debug, PartialEq, Properties)]
pub struct MinutesPrintProps {
    /// Which.
    pub id: xinfang_core::ids::MeetingId,
}

/// 会议纪要 as an official document: title, issue number, masthead,
/// body, the people present (出席) and attending (列席), issuer and date.
#[component]
pub fn MinutesPrint(props: &MinutesPrintProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let stored: Option<(Meeting, Option<usize>)> = {
        let work = app.work();
        work.meetings
            .get(props.id)
            .map(|e| (e.data().clone(), issue_number(&work.meetings, props.id)))
    };
    let figures = use_figures(&app, stored.as_ref().map(|(m, _)| m.date));
    let Some((meeting, number)) = stored else {
        return html! {
            <p id="doc-missing" class="doc-missing">{ tr(lang, "没有这次会议的记录。", "There is no record of this meeting.") }</p>
        };
    };
    let office: std::cell::Ref<'_, Office> = app.office.get();
    let org = &office.settings().org;
    let viewer = crate::access::viewer(&app.prefs);
    if meeting.cases.iter().any(|&c| viewer.withholds_id(&office, c)) {
        return html! {
            <section id="doc-withheld">
                <h1>{ tr(lang, "会议", "Meeting") }</h1>
                <p id="meeting-withheld" class="form-error" role="alert">
                    { tr(lang, "这次会议研究了对本单位（或其下属单位）的检举控告事项，会议内容不向本单位显示。",
                        "This meeting studied an accusation against this unit (or a unit under it): its content is not shown to it.") }
                </p>
            </section>
        };
    }
    let text = minutes_shown(&office, &meeting, figures.as_ref().as_ref());
    let (body, foot) = sheet_parts(&text);
    let issuer = if meeting.issued_by.is_empty() {
        org.name().to_string()
    } else {
        meeting.issued_by.clone()
    };
    let present: Vec<String> = std::iter::once(meeting.chair)
        .chain(meeting.attendees.iter().copied())
        .map(|p| official_name(org, p))
        .collect();
    let foot_date = foot.last().cloned().unwrap_or_else(|| date_official(meeting.date));
    let foot_issuer: Vec<String> =
        foot.iter().take(foot.len().saturating_sub(1)).cloned().collect();
    html! {
        <article id="doc-minutes" class="official-doc minutes-doc" lang="zh-CN">
            <header class="doc-head">
                <h1 id="doc-title" class="doc-title minutes-title">{ meeting.minutes_title(org) }</h1>
                <p id="doc-number" class="doc-number">
                    { number.map(|n| format!("第{n}期")).unwrap_or_default() }
                </p>
                <p class="minutes-masthead">
                    <span id="minutes-issuer">{ issuer }</span>
                    <span id="minutes-date">{ date_cn(meeting.date) }</span>
                </p>
            </header>
            <div id="doc-body" class="doc-body">
                { for body.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
            </div>
            <div id="minutes-attendees" class="minutes-attendees">
                <p>{ "参加会议人员：" }</p>
                <p id="minutes-present">{ format!("出席：{}", present.join("、")) }</p>
                if !meeting.other_attendees.is_empty() {
                    <p id="minutes-invited">{ format!("列席：{}", meeting.other_attendees) }</p>
                }
            </div>
            <div class="doc-signoff">
                { for foot_issuer.iter().map(|l| html! { <p id="doc-signature" class="doc-signature">{ l.clone() }</p> }) }
                <p id="doc-date" class="doc-date">{ foot_date }</p>
            </div>
        </article>
    }
}
