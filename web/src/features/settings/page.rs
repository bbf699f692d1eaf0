//! 设置: the office's settings — units and people, categories, routing
//! rules, indicator targets, the statutory clock and the holiday calendar;
//! and the record's checkpoints (记录校验, read only).
//!
//! Every edit is checked on a copy of the settings with the core's own
//! methods (so the same rules apply as everywhere else); only a valid copy
//! is dispatched as [`Action::UpdateSettings`], so a refused edit changes
//! nothing and shows its reason as a `.field-error`. The pure edit
//! functions below are unit-tested natively; the sections are components
//! (`components/settings_*.rs`).

use yew::prelude::*;

use crate::context::use_app;
use crate::features::settings::calendar::SettingsCalendar;
use crate::features::settings::categories::SettingsCategories;
use crate::features::settings::clock::SettingsClock;
use crate::features::settings::rules::SettingsRules;
use crate::features::settings::targets::SettingsTargets;
use crate::features::settings::units::SettingsUnits;
use crate::i18n::tr;

/// 设置.
#[component]
pub fn SettingsPage() -> Html {
    let app = use_app();
    let lang = app.lang();
    html! {
        <section id="page-settings" class="settings">
            <h2>{ tr(lang, "设置", "Settings") }</h2>
            <p class="settings-intro">
                { tr(lang,
                    "单位、人员和分类只停用不删除，已有案件的记录保持不变。修改后立即生效。",
                    "Units, people and categories are deactivated, never deleted, so existing cases keep their records. Changes take effect at once.") }
            </p>
            <nav class="settings-toc" aria-label={tr(lang, "设置目录", "Sections")}>
                <a href="#settings-units" onclick={jump("settings-units")}>{ tr(lang, "单位和人员", "Units and people") }</a>
                <a href="#settings-categories" onclick={jump("settings-categories")}>{ tr(lang, "内容分类", "Categories") }</a>
                <a href="#settings-rules" onclick={jump("settings-rules")}>{ tr(lang, "分办规则", "Routing rules") }</a>
                <a href="#settings-targets" onclick={jump("settings-targets")}>{ tr(lang, "考核目标", "Targets") }</a>
                <a href="#settings-clock" onclick={jump("settings-clock")}>{ tr(lang, "法定期限", "Statutory periods") }</a>
                <a href="#settings-calendar" onclick={jump("settings-calendar")}>{ tr(lang, "节假日", "Holiday calendar") }</a>
                <a href="#settings-notice" onclick={jump("settings-notice")}>{ tr(lang, "录入放假通知", "Holiday notice") }</a>
                <a href="#settings-checkpoints" onclick={jump("settings-checkpoints")}>{ tr(lang, "记录校验", "Checkpoints") }</a>
            </nav>
            <SettingsUnits />
            <SettingsCategories />
            <SettingsRules />
            <SettingsTargets />
            <SettingsClock />
            <SettingsCalendar />
            <crate::features::settings::notice::SettingsHolidayNotice />
            <crate::features::settings::checkpoints::SettingsCheckpoints />
            <crate::features::settings::encryption::SettingsEncryption />
        </section>
    }
}

/// Scrolls to a section without touching the address bar (the hash holds
/// the route).
fn jump(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let element =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
        if let Some(element) = element {
            element.scroll_into_view();
        }
    })
}
