//! The repeat hints of the registration form (`#repeat-hints`): earlier
//! cases that may be the same matter as the one being typed (same identity
//! number, same phone, similar summary), each with a button that links the
//! new registration to it as a repeat (重信重访).

use xinfang_core::{CaseId, Intake};
use yew::prelude::*;

use crate::context::use_app;
use crate::forms::repeat_reason_label;
use crate::i18n::{dates, tr};

/// How many hints are shown at most.
pub const HINTS: usize = 5;

/// Props of [`RepeatHints`].
#[derive(Debug, PartialEq, Properties)]
pub struct RepeatHintsProps {
    /// The registration as typed so far (best effort).
    pub draft: Option<Intake>,
    /// The earlier case the registration is linked to, if any.
    pub linked: Option<CaseId>,
    /// Link (Some) or unlink (None).
    pub on_link: Callback<Option<CaseId>>,
}

/// Possible repeats of the registration being typed.
#[component]
pub fn RepeatHints(props: &RepeatHintsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let version = app.office.version;
    // In a unit's view only its own cases are offered, and never an
    // accusation withheld from it (its summary would show).
    let view = crate::access::viewer(&app.prefs);
    let hints = {
        let office = app.office.clone();
        use_memo((props.draft.clone(), version, view), move |(draft, _, view)| {
            let office = office.get();
            let org = &office.settings().org;
            draft.as_ref().map_or_else(Vec::new, |d| {
                let mut hints = office.possible_repeats(d, HINTS);
                hints.retain(|h| {
                    office
                        .case(h.case)
                        .is_some_and(|c| view.access(c, org) == crate::access::Access::Full)
                });
                hints
            })
        })
    };
    let office = app.office.get();
    let linked = props.linked.map(|id| {
        let number = office.case(id).map_or_else(|| id.to_string(), |c| c.number().to_string());
        let clear = props.on_link.reform(|_: MouseEvent| None);
        html! {
            <p class="repeat-linked">
                { tr(lang, "本件为重复信访，前次信访件：", "Registered as a repeat of ") }
                <strong id="reg-repeat-of" data-case={id.get().to_string()}>{ number }</strong>
                { " " }
                <button id="reg-repeat-clear" type="button" onclick={clear}>
                    { tr(lang, "取消关联", "Unlink") }
                </button>
            </p>
        }
    });
    let items: Vec<Html> = hints
        .iter()
        .filter_map(|hint| {
            let case = office.case(hint.case)?;
            let id = hint.case;
            let is_linked = props.linked == Some(id);
            let link = props.on_link.reform(move |_: MouseEvent| Some(id));
            Some(html! {
                <li class={classes!("repeat-hint", is_linked.then_some("linked"))}
                    data-case={id.get().to_string()}>
                    <span class="repeat-number">{ case.number().to_string() }</span>
                    <span class="repeat-date">{ dates::display(lang, case.intake().received_on) }</span>
                    <span class="repeat-summary">{ case.intake().summary.clone() }</span>
                    <span class="repeat-reason">{ repeat_reason_label(lang, hint.reason) }</span>
                    <button type="button" class="repeat-link" onclick={link} disabled={is_linked}>
                        { if is_linked { tr(lang, "已关联", "Linked") } else { tr(lang, "关联为重复件", "Link as repeat") } }
                    </button>
                </li>
            })
        })
        .collect();
    html! {
        <aside id="repeat-hints" class="repeat-hints" aria-live="polite">
            <h3>{ tr(lang, "可能的重复信访", "Possible repeats") }</h3>
            { for linked }
            if items.is_empty() {
                <p class="muted" id="repeat-hints-none">
                    { tr(lang, "暂未发现可能的重复件（按身份证号、联系电话和反映问题比对）。",
                         "No possible repeat found yet (compared by ID number, phone and summary).") }
                </p>
            } else {
                <ul class="repeat-hint-list">{ for items }</ul>
            }
        </aside>
    }
}
