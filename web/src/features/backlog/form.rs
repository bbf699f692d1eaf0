//! The backlog page's form (`#backlog-form`): list a case on the 积案台账
//! or correct an entry, with its draft ([`BacklogDraft`]) and the pure
//! rules that turn the draft into a core [`BacklogCase`].

use chrono::{Months, NaiveDate};
use xinfang_core::ids::BacklogId;
use xinfang_core::limits;
use xinfang_core::work::backlog::BacklogCase;
use xinfang_core::work::change::WorkChange;
use xinfang_core::{Case, CaseId, Office, PersonId, Role};
use yew::prelude::*;

use crate::ui::field::{maxlength, CharCount};

use crate::context::{change_work, use_app, would_apply};
use crate::i18n::{dates, tr, Bilingual};
use crate::ui::case_pick::{case_link, CasePick};

/// What the form holds (text as typed; ids as select values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogDraft {
    /// The entry being corrected, or `None` to list a new case.
    pub editing: Option<BacklogId>,
    /// The case picked.
    pub case: Option<CaseId>,
    /// `#backlog-listed-on`.
    pub listed_on: String,
    /// `#backlog-source`.
    pub source: String,
    /// `#backlog-leader`: a person id number, `""` for none.
    pub leader: String,
    /// `#backlog-plan`.
    pub plan: String,
    /// `#backlog-deadline`.
    pub deadline: String,
}

impl BacklogDraft {
    /// An empty form: listed today, deadline three months on.
    pub fn new(today: NaiveDate) -> Self {
        let deadline = today.checked_add_months(Months::new(3)).unwrap_or(today);
        BacklogDraft {
            editing: None,
            case: None,
            listed_on: dates::input_value(today),
            source: String::new(),
            leader: String::new(),
            plan: String::new(),
            deadline: dates::input_value(deadline),
        }
    }

    /// A new listing of `case`, with the leader of its 五定 (if it was
    /// assigned) as the leader in charge.
    pub fn for_case(case: &Case, today: NaiveDate) -> Self {
        let leader = case
            .routing()
            .and_then(|r| r.assignment.as_ref())
            .map(|a| a.leader().get().to_string())
            .unwrap_or_default();
        BacklogDraft { case: Some(case.id()), leader, ..BacklogDraft::new(today) }
    }

    /// The form filled from an entry, to correct it.
    pub fn from_entry(id: BacklogId, entry: &BacklogCase) -> Self {
        BacklogDraft {
            editing: Some(id),
            case: Some(entry.case),
            listed_on: dates::input_value(entry.listed_on),
            source: entry.source.clone(),
            leader: entry.leader.get().to_string(),
            plan: entry.plan.clone(),
            deadline: dates::input_value(entry.deadline),
        }
    }

    /// The entry the form describes, keeping the status and acceptance of
    /// `existing` (the entry corrected). What the core checks (an empty
    /// plan, dates out of order, a case listed twice) is left to it.
    pub fn entry(&self, existing: Option<&BacklogCase>) -> Result<BacklogCase, Bilingual> {
        let case = self.case.ok_or_else(|| {
            Bilingual::new(
                "请先按编号或从候选案件中选择案件。",
                "Pick a case first (by number or from the candidates).",
            )
        })?;
        let leader = self
            .leader
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(PersonId::new)
            .ok_or_else(|| {
            Bilingual::new("请选择包案领导。", "Choose the leader in charge.")
        })?;
        let listed_on = dates::parse_input(&self.listed_on).ok_or_else(|| {
            Bilingual::new("请填写列入台账日期。", "Enter the day it was listed.")
        })?;
        let deadline = dates::parse_input(&self.deadline)
            .ok_or_else(|| Bilingual::new("请填写化解时限。", "Enter the deadline."))?;
        let mut entry = BacklogCase::new(case, listed_on, leader, &self.plan, deadline);
        entry.source = self.source.clone();
        if let Some(old) = existing {
            entry.status = old.status;
            entry.accepted_on = old.accepted_on;
        }
        Ok(entry)
    }
}

/// The active leaders (包案领导) as `(id, "name（title or unit）")`.
pub fn leaders(office: &Office) -> Vec<(PersonId, String)> {
    let org = &office.settings().org;
    org.people()
        .filter(|p| p.is_active() && p.role() == Role::Leader)
        .map(|p| {
            let detail =
                if p.title().is_empty() { org.unit_name(p.unit()) } else { p.title().to_string() };
            (p.id(), format!("{}（{detail}）", p.name()))
        })
        .collect()
}

/// Props of [`BacklogForm`].
#[derive(Debug, PartialEq, Properties)]
pub struct BacklogFormProps {
    /// What the form holds.
    pub draft: BacklogDraft,
    /// Called with the changed draft.
    pub on_change: Callback<BacklogDraft>,
}

/// The form: the case (by number), date listed, source, leader, plan,
/// deadline; saving lists the case or corrects the entry.
#[component]
pub fn BacklogForm(props: &BacklogFormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let error = use_state_eq(|| None::<Bilingual>);
    let draft = props.draft.clone();

    let edit = |f: fn(&mut BacklogDraft, String)| {
        let (draft, on_change) = (draft.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = draft.clone();
            f(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            on_change.emit(next);
        })
    };
    let typed = |f: fn(&mut BacklogDraft, String)| {
        let (draft, on_change) = (draft.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = draft.clone();
            f(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            on_change.emit(next);
        })
    };
    let on_pick = {
        let (draft, on_change, error) = (draft.clone(), props.on_change.clone(), error.clone());
        Callback::from(move |case: CaseId| {
            error.set(None);
            on_change.emit(BacklogDraft { case: Some(case), ..draft.clone() });
        })
    };
    let on_cancel = {
        let (on_change, error) = (props.on_change.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            on_change.emit(BacklogDraft::new(crate::clock::today()));
        })
    };
    let on_submit = {
        let (app, draft, on_change, error) =
            (app.clone(), draft.clone(), props.on_change.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let change = {
                let work = app.work();
                let existing = draft.editing.and_then(|id| work.backlog.get(id)).map(|e| e.data());
                match (draft.entry(existing), draft.editing) {
                    (Err(msg), _) => {
                        error.set(Some(msg));
                        return;
                    }
                    (Ok(entry), Some(id)) => WorkChange::UpdateBacklog(id, entry),
                    (Ok(entry), None) => WorkChange::ListBacklog(entry),
                }
            };
            error.set(None);
            let ok = would_apply(&app.office.get(), &change, crate::clock::now());
            change_work(&app, change);
            if ok {
                on_change.emit(BacklogDraft::new(crate::clock::today()));
            }
        })
    };

    let office = app.office.get();
    let leader_options = leaders(&office);
    let chosen = draft.case.map(|id| {
        let summary =
            crate::ui::case_pick::summary_of(crate::access::viewer(&app.prefs), &office, id);
        html! {
            <span id="backlog-form-case" data-case={id.get().to_string()}>
                { case_link(&app, &office, id) }{ " " }<span class="muted">{ summary }</span>
            </span>
        }
    });
    let title = match draft.editing {
        Some(id) => match lang {
            crate::i18n::Lang::ZhCn => format!("修改积案{id}"),
            crate::i18n::Lang::En => format!("Correct backlog entry {id}"),
        },
        None => tr(lang, "列入积案台账", "List a case on the backlog").to_string(),
    };
    html! {
        <form id="backlog-form" class="backlog-form" onsubmit={on_submit} novalidate=true
              data-editing={draft.editing.map(|id| id.get().to_string()).unwrap_or_default()}>
            <h3 id="backlog-form-title">{ title }</h3>
            <div class="field">
                <CasePick id="backlog-case" label={AttrValue::from(tr(lang, "案件编号", "Case number"))}
                          button={AttrValue::from(tr(lang, "选定", "Pick"))} {on_pick} />
                <div class="backlog-chosen">
                    { tr(lang, "已选案件：", "Case: ") }
                    { chosen.unwrap_or_else(|| html! {
                        <span id="backlog-form-case" class="muted">{ tr(lang, "未选择", "none") }</span>
                    }) }
                </div>
            </div>
            <div class="field">
                <label for="backlog-listed-on">{ tr(lang, "列入日期", "Listed on") }</label>
                <input id="backlog-listed-on" type="date" value={draft.listed_on.clone()}
                       onchange={edit(|d, v| d.listed_on = v)} />
            </div>
            <div class="field">
                <label for="backlog-source">{ tr(lang, "交办来源", "Source") }</label>
                <input id="backlog-source" type="text" value={draft.source.clone()}
                       placeholder={tr(lang, "如 市信访局交办", "e.g. handed down by the city bureau")}
                       oninput={typed(|d, v| d.source = v)} maxlength={maxlength(limits::BACKLOG_SOURCE)} />
                <CharCount target="backlog-source" limit={limits::BACKLOG_SOURCE} />
            </div>
            <div class="field">
                <label for="backlog-leader">{ tr(lang, "包案领导", "Leader in charge") }</label>
                <select id="backlog-leader" onchange={edit(|d, v| d.leader = v)}>
                    <option value="" selected={draft.leader.is_empty()}>{ tr(lang, "请选择", "Choose") }</option>
                    { for leader_options.iter().map(|(id, name)| {
                        let value = id.get().to_string();
                        html! { <option value={value.clone()} selected={value == draft.leader}>{ name.clone() }</option> }
                    }) }
                </select>
            </div>
            <div class="field wide">
                <label for="backlog-plan">{ tr(lang, "化解方案", "Resolution plan") }</label>
                <textarea id="backlog-plan" rows="2" value={draft.plan.clone()}
                          oninput={typed(|d, v| d.plan = v)} maxlength={maxlength(limits::PLAN)} />
                <CharCount target="backlog-plan" limit={limits::PLAN} />
            </div>
            <div class="field">
                <label for="backlog-deadline">{ tr(lang, "化解时限", "Deadline") }</label>
                <input id="backlog-deadline" type="date" value={draft.deadline.clone()}
                       onchange={edit(|d, v| d.deadline = v)} />
            </div>
            if let Some(msg) = &*error {
                <p id="backlog-form-error" class="form-error" role="alert">{ msg.get(lang).to_string() }</p>
            }
            <div class="form-buttons">
                <button id="backlog-submit" type="submit">
                    { if draft.editing.is_some() { tr(lang, "保存修改", "Save") } else { tr(lang, "列入积案", "List") } }
                </button>
                if draft.editing.is_some() || draft.case.is_some() {
                    <button id="backlog-cancel" type="button" onclick={on_cancel}>{ tr(lang, "取消", "Cancel") }</button>
                }
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinfang_core::work::backlog::BacklogStatus;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_draft_becomes_an_entry() {
        let mut draft = BacklogDraft::new(d(2026, 11, 30));
        assert_eq!(draft.deadline, "2027-02-28");
        assert_eq!(draft.entry(None).unwrap_err().zh, "请先按编号或从候选案件中选择案件。");
        draft.case = Some(CaseId::new(4));
        assert_eq!(draft.entry(None).unwrap_err().zh, "请选择包案领导。");
        draft.leader = "3".into();
        draft.plan = "逐户核实".into();
        draft.source = "市信访局交办".into();
        let entry = draft.entry(None).unwrap();
        assert_eq!(entry.case, CaseId::new(4));
        assert_eq!(entry.leader, PersonId::new(3));
        assert_eq!(entry.listed_on, d(2026, 11, 30));
        assert_eq!(entry.status, BacklogStatus::Open);
        draft.deadline = String::new();
        assert_eq!(draft.entry(None).unwrap_err().en, "Enter the deadline.");
    }

    #[test]
    fn editing_keeps_the_status_and_acceptance() {
        let mut old = BacklogCase::new(
            CaseId::new(2),
            d(2026, 1, 5),
            PersonId::new(1),
            "方案",
            d(2026, 3, 31),
        );
        old.status = BacklogStatus::Resolved { on: d(2026, 3, 1) };
        old.accepted_on = Some(d(2026, 3, 9));
        let mut draft = BacklogDraft::from_entry(BacklogId::new(7), &old);
        assert_eq!(draft.editing, Some(BacklogId::new(7)));
        draft.plan = "新方案".into();
        let entry = draft.entry(Some(&old)).unwrap();
        assert_eq!(entry.plan, "新方案");
        assert_eq!(entry.status, old.status);
        assert_eq!(entry.accepted_on, old.accepted_on);
    }
}
