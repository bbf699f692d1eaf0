//! The training sandbox switch: one click opens a separate record filled
//! with a year of deterministic sample cases, stored under its own keys
//! (`xinfang.sandbox.*`, see `office_store`) so it survives a reload and
//! never touches the real record; a banner marks it while open, with a
//! reset (after a confirmation) and the way back.

use xinfang_core::Office;
use yew::prelude::*;

use crate::clock;
use crate::context::{use_app, AppHandle};
use crate::i18n::{dates, tr};
use crate::persist::browser::BrowserKv;
use crate::persist::kv::{remember_space, Space, SANDBOX_PREFIX};
use crate::persist::open::{open_real, open_sandbox};
use crate::persist::record;
use crate::persist::sandbox::sample_office;
use crate::state::{Msg, Notice};

/// The seed of the training sample: every trainee gets the same cases.
pub const SANDBOX_SEED: u64 = 2026;

/// Cases per year in the training sample (a county's realistic volume).
pub const SANDBOX_CASES_PER_YEAR: u32 = 3_000;

/// The sandbox's record: a year of sample cases ending `today`.
pub fn sandbox_office(today: chrono::NaiveDate) -> Result<Office, String> {
    sample_office(SANDBOX_SEED, today, SANDBOX_CASES_PER_YEAR)
}

/// Whether the open record has changes this tab could not save: leaving
/// it would lose them, so the switch refuses and says why.
fn blocked_by_unsaved(app: &AppHandle) -> bool {
    if app.unsaved.is_empty() && !app.settings_dirty {
        return false;
    }
    let text = tr(
        app.lang(),
        "本页有尚未保存到本机的修改（存储空间已满），切换前请先释放空间，待修改保存后再切换。",
        "This page has changes not yet saved in this browser (storage is full); free some space \
         so they are saved before switching.",
    );
    app.dispatch(Msg::Notify(Notice { ok: false, text: text.to_owned() }));
    true
}

fn enter(app: &AppHandle) {
    if blocked_by_unsaved(app) {
        return;
    }
    let kv = BrowserKv;
    let opened =
        open_sandbox(&kv, Some(clock::today()), SANDBOX_SEED, SANDBOX_CASES_PER_YEAR, clock::now());
    match opened {
        Some(Ok(opened)) => {
            remember_space(&kv, Space::Sandbox);
            app.dispatch(Msg::Opened(Box::new(opened)));
        }
        Some(Err(text)) => app.dispatch(Msg::Notify(Notice { ok: false, text })),
        None => {}
    }
}

fn reset(app: &AppHandle) {
    let kv = BrowserKv;
    if let Err(text) = record::remove_record(&kv, SANDBOX_PREFIX) {
        app.dispatch(Msg::Notify(Notice { ok: false, text }));
        return;
    }
    match open_sandbox(
        &kv,
        Some(clock::today()),
        SANDBOX_SEED,
        SANDBOX_CASES_PER_YEAR,
        clock::now(),
    ) {
        Some(Ok(opened)) => {
            app.dispatch(Msg::Opened(Box::new(opened)));
            app.dispatch(Msg::Navigate(crate::route::Route::Dashboard));
            let text = tr(
                app.lang(),
                "培训沙盒已重置为新的样例数据。",
                "The sandbox was reset to fresh sample data.",
            );
            app.dispatch(Msg::Notify(Notice { ok: true, text: text.to_owned() }));
        }
        Some(Err(text)) => app.dispatch(Msg::Notify(Notice { ok: false, text })),
        None => {}
    }
}

fn leave(app: &AppHandle) {
    if blocked_by_unsaved(app) {
        return;
    }
    let kv = BrowserKv;
    remember_space(&kv, Space::Real);
    app.dispatch(Msg::Opened(Box::new(open_real(&kv, clock::now()))));
}

/// The button that opens the sandbox (`#sandbox-enter`), or, in the
/// sandbox, the banner (`#sandbox-banner`) with the reset
/// (`#sandbox-reset`, confirmed by `#sandbox-reset-confirm` or withdrawn by
/// `#sandbox-reset-cancel`) and the way back (`#sandbox-leave`).
#[component]
pub fn SandboxBar() -> Html {
    let app = use_app();
    let lang = app.lang();
    let confirming = use_state(|| false);
    match app.space {
        Space::Real => {
            let onclick = {
                let app = app.clone();
                Callback::from(move |_| enter(&app))
            };
            html! {
                <div class="sandbox-bar">
                    <button id="sandbox-enter" type="button" {onclick}>
                        { tr(lang, "进入培训沙盒（样例数据）", "Open the training sandbox (sample data)") }
                    </button>
                </div>
            }
        }
        Space::Sandbox => {
            let on_leave = {
                let app = app.clone();
                let confirming = confirming.clone();
                Callback::from(move |_| {
                    confirming.set(false);
                    leave(&app);
                })
            };
            let on_reset = {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(true))
            };
            let on_confirm = {
                let app = app.clone();
                let confirming = confirming.clone();
                Callback::from(move |_| {
                    confirming.set(false);
                    reset(&app);
                })
            };
            let on_cancel = {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(false))
            };
            let about = app.sample.as_deref().map(|s| {
                let day = dates::display(lang, s.filled_on);
                match lang {
                    crate::i18n::Lang::ZhCn => {
                        format!("（每年{}件样例案件，截至{day}）", s.cases_per_year)
                    }
                    crate::i18n::Lang::En => {
                        format!(" ({} sample cases a year, up to {day})", s.cases_per_year)
                    }
                }
            });
            html! {
                <div id="sandbox-banner" class="sandbox-banner" role="status">
                    <strong>{ tr(lang, "培训沙盒", "Training sandbox") }</strong>
                    <span>{ tr(lang, "：这里是样例数据，操作不影响正式数据。", ": sample data; nothing here touches the real record.") }</span>
                    <span id="sandbox-about">{ about.unwrap_or_default() }</span>
                    if *confirming {
                        <span class="sandbox-confirm">
                            { tr(lang, "确定重置？沙盒中的全部练习操作将被清除。", "Reset? Everything done in the sandbox is cleared.") }
                            <button id="sandbox-reset-confirm" type="button" onclick={on_confirm}>
                                { tr(lang, "确定重置", "Reset") }
                            </button>
                            <button id="sandbox-reset-cancel" type="button" onclick={on_cancel}>
                                { tr(lang, "取消", "Cancel") }
                            </button>
                        </span>
                    } else {
                        <button id="sandbox-reset" type="button" onclick={on_reset}>
                            { tr(lang, "重置沙盒", "Reset the sandbox") }
                        </button>
                    }
                    <button id="sandbox-leave" type="button" onclick={on_leave}>
                        { tr(lang, "返回正式数据", "Back to the real record") }
                    </button>
                </div>
            }
        }
    }
}
