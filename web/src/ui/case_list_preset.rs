//! How another page opens the case list already filtered: it leaves a few
//! `sessionStorage` keys ([`crate::ui::case_query::PRESET_STAGE_KEY`] and its
//! siblings) and navigates to `#/cases`; the list takes them (reads and
//! removes them) when it mounts. They live only in this tab and never
//! survive a reload of the list, so the plain list is unfiltered.

use xinfang_core::{Stage, UnitId};

use crate::context::AppHandle;
use crate::i18n::labels::Named;
use crate::route::Route;
use crate::state::Msg;
use crate::ui::case_query::{Filters, Sort, PRESET_OVERDUE_KEY, PRESET_STAGE_KEY, PRESET_UNIT_KEY};

/// The sessionStorage key presetting the list's order (a [`Sort::key`]).
pub const PRESET_SORT_KEY: &str = "xinfang.list-sort";

/// What the list should open with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Preset {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this responsible unit.
    pub unit: Option<UnitId>,
    /// Only overdue cases.
    pub overdue: bool,
    /// In this order.
    pub sort: Option<Sort>,
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Opens the case list with `preset` applied.
pub fn open_list(app: &AppHandle, preset: Preset) {
    if let Some(s) = session() {
        let put = |key: &str, value: Option<String>| match value {
            Some(v) => {
                let _ = s.set_item(key, &v);
            }
            None => {
                let _ = s.remove_item(key);
            }
        };
        put(PRESET_STAGE_KEY, preset.stage.map(|st| st.key().to_string()));
        put(PRESET_UNIT_KEY, preset.unit.map(|u| u.get().to_string()));
        put(PRESET_OVERDUE_KEY, preset.overdue.then(|| "1".to_string()));
        put(PRESET_SORT_KEY, preset.sort.map(|so| so.key().to_string()));
    }
    app.dispatch(Msg::Navigate(Route::Cases));
}

/// Takes the preset left for the list (removing it) as filters and an order.
pub fn take_preset() -> (Filters, Sort) {
    let mut filters = Filters::default();
    let mut sort = Sort::default();
    let Some(s) = session() else { return (filters, sort) };
    let take = |key: &str| {
        let value = s.get_item(key).ok().flatten();
        let _ = s.remove_item(key);
        value
    };
    filters.stage = take(PRESET_STAGE_KEY).and_then(|k| Stage::from_key(&k));
    filters.unit = take(PRESET_UNIT_KEY).and_then(|u| u.parse().ok()).map(UnitId::new);
    filters.overdue_only = take(PRESET_OVERDUE_KEY).as_deref() == Some("1");
    if let Some(so) = take(PRESET_SORT_KEY).and_then(|k| Sort::from_key(&k)) {
        sort = so;
    }
    (filters, sort)
}
