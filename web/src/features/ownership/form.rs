//! `#own-form`: put a case under a leader's ownership, or complete and
//! correct one: the case by number, the date, the leader, the work team
//! (several), the plan, the meeting record (a meeting of the meetings
//! ledger, or a document by its title) and the measures, one per line.

use xinfang_core::ids::OwnershipId;
use xinfang_core::limits;
use xinfang_core::work::change::WorkChange;
use xinfang_core::CaseId;
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::ui::people_pick::PeoplePick;

use crate::context::{try_change, use_app};
use crate::features::ownership::model::{meeting_label, OwnEdit, OwnField, OwnershipForm};
use crate::forms::state::{FormMsg, FormState};
use crate::i18n::{tr, Bilingual};
use crate::ui::case_pick::{case_link, CasePick};
use crate::ui::people::{active_leaders, active_people, person_options};

/// Props of [`OwnershipFormView`].
#[derive(Debug, PartialEq, Properties)]
pub struct OwnershipFormProps {
    /// The ownership corrected, `None` for a new one.
    pub editing: Option<OwnershipId>,
    /// What the form starts with.
    pub initial: OwnershipForm,
    /// Closes the form.
    pub on_close: Callback<()>,
}

/// The ownership form.
#[component]
pub fn OwnershipFormView(props: &OwnershipFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let initial = props.initial.clone();
    let state = use_reducer(move || FormState::new(initial));
    let error = use_state_eq(|| None::<Bilingual>);
    let set = |field: OwnField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            state.dispatch(FormMsg::Edit(OwnEdit::Set(field, v)))
        })
    };
    let set_text = |field: OwnField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            state.dispatch(FormMsg::Edit(OwnEdit::Set(field, v)))
        })
    };
    let choose = |field: OwnField| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            state.dispatch(FormMsg::Edit(OwnEdit::Set(field, v)))
        })
    };
    let on_pick = {
        let state = state.clone();
        Callback::from(move |case: CaseId| state.dispatch(FormMsg::Edit(OwnEdit::Case(case))))
    };
    let pick_member = {
        let state = state.clone();
        Callback::from(move |v| state.dispatch(FormMsg::Edit(OwnEdit::Set(OwnField::TeamPick, v))))
    };
    let add_member = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(FormMsg::Edit(OwnEdit::AddMember)))
    };
    let remove_member = {
        let state = state.clone();
        Callback::from(move |i| state.dispatch(FormMsg::Edit(OwnEdit::RemoveMember(i))))
    };
    let submit = {
        let (app, state, error) = (app.clone(), state.clone(), error.clone());
        let (editing, close) = (props.editing, props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match state.draft.to_draft() {
                Err(m) => error.set(Some(m)),
                Ok(draft) => {
                    error.set(None);
                    let change = match editing {
                        Some(id) => WorkChange::UpdateOwnership(id, draft),
                        None => WorkChange::Own(draft),
                    };
                    if try_change(&app, change) {
                        close.emit(());
                    }
                }
            }
        })
    };
    let cancel = {
        let close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };

    let office = app.office.get();
    let work = app.work();
    let org = &office.settings().org;
    let leaders = active_leaders(org);
    let people = active_people(org);
    let f = &state.draft;
    let heading = match props.editing {
        Some(id) => format!("{}{id}", tr(lang, "修改包案记录", "Edit ownership ")),
        None => tr(lang, "新增领导包案", "Own a case").to_string(),
    };
    let picked = f.case.map(|c| {
        let summary =
            crate::ui::case_pick::summary_of(crate::access::viewer(&app.prefs), &office, c);
        html! {
            <span id="own-case-picked" data-case={c.get().to_string()}>
                { case_link(&app, &office, c) }{ " " }<span class="muted">{ summary }</span>
            </span>
        }
    });
    html! {
        <form id="own-form" class="work-form no-print" data-editing={props.editing.map(|i| i.get().to_string())}
              onsubmit={submit} novalidate=true>
            <h3>{ heading }</h3>
            <div class="field">
                <CasePick id="own-case" label={tr(lang, "案件编号", "Case number").to_string()}
                          button={tr(lang, "选定", "Choose").to_string()} {on_pick} />
                { picked.unwrap_or_default() }
            </div>
            <div class="field inline-form">
                <label for="own-since">{ tr(lang, "包案日期", "Owned since") }</label>
                <input id="own-since" type="date" value={f.since.clone()} oninput={set(OwnField::Since)} />
                <label for="own-leader">{ tr(lang, "包案领导", "Leader") }</label>
                <select id="own-leader" onchange={choose(OwnField::Leader)}>
                    { person_options(org, &leaders, &f.leader, tr(lang, "— 选择领导 —", "— choose —")) }
                </select>
            </div>
            <PeoplePick select_id="own-team-pick" add_id="own-team-add" list_id="own-team"
                        remove_class="own-team-remove" label={tr(lang, "工作班子成员", "Work team")}
                        empty={tr(lang, "— 选择人员 —", "— choose —")}
                        offered={people.iter().map(|p| p.id()).collect::<Vec<_>>()}
                        pick={f.team_pick.clone()} chosen={f.team.clone()}
                        on_pick={pick_member} on_add={add_member} on_remove={remove_member} />
            <div class="field">
                <label for="own-plan">{ tr(lang, "化解方案", "Resolution plan") }</label>
                <textarea id="own-plan" rows="3" value={f.plan.clone()} oninput={set_text(OwnField::Plan)} maxlength={maxlength(limits::PLAN)} />
                <CharCount target="own-plan" limit={limits::PLAN} />
            </div>
            <div class="field">
                <label for="own-record-kind">{ tr(lang, "会议纪要", "Meeting record") }</label>
                <span class="inline-form">
                    <select id="own-record-kind" onchange={choose(OwnField::RecordKind)}>
                        <option value="none" selected={f.record_kind == "none"}>{ tr(lang, "暂无", "None yet") }</option>
                        <option value="meeting" selected={f.record_kind == "meeting"}>{ tr(lang, "会议台账中的会议", "A meeting of the ledger") }</option>
                        <option value="document" selected={f.record_kind == "document"}>{ tr(lang, "其他纪要文件", "Another document") }</option>
                    </select>
                    if f.record_kind == "meeting" {
                        <select id="own-record-meeting" onchange={choose(OwnField::RecordMeeting)}>
                            <option value="" selected={f.record_meeting.is_empty()}>{ tr(lang, "— 选择会议 —", "— choose —") }</option>
                            { for work.meetings.iter().collect::<Vec<_>>().into_iter().rev().map(|m| {
                                let v = m.id().get().to_string();
                                html! { <option value={v.clone()} selected={v == f.record_meeting}>{ meeting_label(&work, m.id()) }</option> }
                            }) }
                        </select>
                    }
                    if f.record_kind == "document" {
                        <input id="own-record-document" type="text" value={f.record_document.clone()}
                               oninput={set(OwnField::RecordDocument)}
                               placeholder={tr(lang, "如 县信访联席办〔2025〕3号会议纪要", "title or number")} maxlength={maxlength(limits::MEETING_DOCUMENT)} />
                        <CharCount target="own-record-document" limit={limits::MEETING_DOCUMENT} />
                    }
                </span>
            </div>
            <div class="field">
                <label for="own-measures">{ tr(lang, "化解措施（每行一项）", "Measures (one per line)") }</label>
                <textarea id="own-measures" rows="3" value={f.measures.clone()} oninput={set_text(OwnField::Measures)} />
            </div>
            if let Some(m) = &*error {
                <p class="field-error" id="own-form-error" role="alert">{ m.get(lang).to_string() }</p>
            }
            <div class="form-buttons">
                <button id="own-submit" type="submit">{ tr(lang, "保存", "Save") }</button>
                <button id="own-cancel" type="button" onclick={cancel}>{ tr(lang, "取消", "Cancel") }</button>
            </div>
        </form>
    }
}
