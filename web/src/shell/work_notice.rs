//! The notice shown when the work ledgers stored beside the record could
//! not be read or written (`#work-problem`), with the way out for
//! unreadable ones: set them aside unchanged and start new ledgers.

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::tr;
use crate::persist::browser::BrowserKv;
use crate::persist::kv::prefix_of;
use crate::persist::work;
use crate::state::{Action, Notice};

/// The work ledgers' storage problem, if any.
#[component]
pub fn WorkNotice() -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(problem) = app.work_problem.clone() else {
        return html! {};
    };
    let set_aside = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let kv = BrowserKv;
            let prefix = prefix_of(app.space);
            match work::set_aside(&kv, prefix) {
                // What was entered here since (on empty ledgers) is kept
                // and saved as the new ledgers.
                Ok(key) => app.dispatch(Action::WorkCaughtUp {
                    space: app.space,
                    ledgers: Box::new(app.work.get().clone()),
                    rev: 0,
                    unsaved: app.work_unsaved.to_vec(),
                    problem: None,
                    notice: Some(Notice {
                        ok: true,
                        text: match app.lang() {
                            crate::i18n::Lang::ZhCn => {
                                format!("原工作台账已原样另存为“{key}”，现使用新的台账（保留本页新录入的内容）。")
                            }
                            _ => format!(
                                "The old work ledgers were kept unchanged as “{key}”; new \
                                 ledgers are in use (with what was entered on this page)."
                            ),
                        },
                    }),
                }),
                Err(detail) => app.dispatch(Action::WorkProblem {
                    space: app.space,
                    problem: work::WorkProblem::WriteFailed(detail),
                }),
            }
        })
    };
    html! {
        <div id="work-problem" class="notice notice-error storage-notice" role="alert">
            <p id="work-problem-text">{ problem.message(lang) }</p>
            if problem.pauses_saving() {
                <button id="work-set-aside" type="button" onclick={set_aside}>
                    { tr(lang, "原样另存旧台账，启用新台账", "Keep the old ledgers aside and start new ones") }
                </button>
            }
        </div>
    }
}
