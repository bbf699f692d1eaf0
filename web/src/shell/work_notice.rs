//! The notice shown when work ledgers an earlier version stored beside the
//! record could not be taken into it (`#work-problem`): they are kept as
//! they are; the user may move them aside, unchanged, to silence it.

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{tr, Lang};
use crate::persist::browser::BrowserKv;
use crate::persist::kv::prefix_of;
use crate::persist::work::{self, WorkProblem};
use crate::state::{Msg, Notice};

/// The old work ledgers' problem, if any.
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
            let text = match work::set_aside(&kv, prefix_of(app.space)) {
                Ok(key) => {
                    match app.lang() {
                        Lang::ZhCn => format!("早期另存的工作台账已原样移至“{key}”。"),
                        Lang::En => {
                            format!("The separately stored work ledgers were kept unchanged as “{key}”.")
                        }
                    }
                }
                Err(detail) => {
                    return app.dispatch(Msg::Notify(Notice { ok: false, text: detail }))
                }
            };
            app.dispatch(Msg::WorkProblemCleared);
            app.dispatch(Msg::Notify(Notice { ok: true, text }));
        })
    };
    let can_move = !matches!(*problem, WorkProblem::Unavailable(_));
    html! {
        <div id="work-problem" class="notice notice-error storage-notice" role="alert">
            <p id="work-problem-text">{ problem.message(lang) }</p>
            if can_move {
                <button id="work-set-aside" type="button" onclick={set_aside}>
                    { tr(lang, "原样另存旧台账", "Keep the old ledgers aside") }
                </button>
            }
        </div>
    }
}
