//! The training sandbox switch: one click opens a separate record filled
//! with a year of deterministic sample cases; a banner marks it while open.

use xinfang_core::sample::{generate, SampleConfig};
use xinfang_core::{Office, Settings as OfficeSettings};
use yew::prelude::*;

use crate::clock;
use crate::context::use_app;
use crate::i18n::tr;
use crate::store::{Action, Notice, Space};

/// The seed of the training sample: every trainee gets the same cases.
pub const SANDBOX_SEED: u64 = 2026;

/// Cases per year in the training sample (a county's realistic volume).
pub const SANDBOX_CASES_PER_YEAR: u32 = 3_000;

/// The sandbox's record: a year of sample cases ending `today`.
pub fn sandbox_office(today: chrono::NaiveDate) -> Result<Office, String> {
    let config = SampleConfig::year(SANDBOX_SEED, today, SANDBOX_CASES_PER_YEAR);
    generate(OfficeSettings::sample_county(), &config).map_err(|e| e.to_string())
}

/// The button that opens the sandbox (`#sandbox-enter`), or, in the
/// sandbox, the banner (`#sandbox-banner`) with the way back (`#sandbox-leave`).
#[component]
pub fn SandboxBar() -> Html {
    let app = use_app();
    let lang = app.lang();
    match app.space {
        Space::Real => {
            let onclick = {
                let app = app.clone();
                Callback::from(move |_| match sandbox_office(clock::today()) {
                    Ok(office) => app.dispatch(Action::Loaded {
                        space: Space::Sandbox,
                        office: Box::new(office),
                        stored: 0,
                    }),
                    Err(text) => app.dispatch(Action::Notify(Notice { ok: false, text })),
                })
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
            let onclick = {
                let app = app.clone();
                Callback::from(move |_| {
                    app.dispatch(Action::Loaded {
                        space: Space::Real,
                        office: Box::new(Office::new(OfficeSettings::sample_county())),
                        stored: 0,
                    })
                })
            };
            html! {
                <div id="sandbox-banner" class="sandbox-banner" role="status">
                    <strong>{ tr(lang, "培训沙盒", "Training sandbox") }</strong>
                    <span>{ tr(lang, "：这里是样例数据，操作不影响正式数据。", ": sample data; nothing here touches the real record.") }</span>
                    <button id="sandbox-leave" type="button" {onclick}>
                        { tr(lang, "返回正式数据", "Back to the real record") }
                    </button>
                </div>
            }
        }
    }
}
