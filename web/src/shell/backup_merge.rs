//! Merging a backup of another unit's record into the open one (a county
//! consolidating its townships' records): the user names the unit the
//! backup comes from, sees what merging would do (`Office::plan_merge`:
//! cases added, brought up to date, unchanged, or left as they are here
//! because they were acted on since), and confirms. The merged record is
//! saved as any change is (only the appended log), so a failed save leaves
//! the stored record as it was. The other record's work ledgers are not
//! merged.

use std::rc::Rc;

use xinfang_core::merge::MergePlan;
use xinfang_core::UnitId;
use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{tr, Lang};
use crate::persist::backup::Ready;
use crate::persist::browser::BrowserKv;
use crate::persist::kv::{prefix_of, usage};
use crate::persist::open::Opened;
use crate::persist::record::{self, SaveError, SaveRequest};
use crate::route::Route;
use crate::state::{Msg, Notice};

/// Props of [`MergeOption`].
#[derive(Debug, Properties)]
pub struct MergeOptionProps {
    /// The backup, read and checked.
    pub ready: Rc<Ready>,
    /// Called after a merge (to close the preview).
    pub on_done: Callback<MouseEvent>,
}

impl PartialEq for MergeOptionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ready, &other.ready) && self.on_done == other.on_done
    }
}

/// The plan as text.
pub fn describe(lang: Lang, plan: &MergePlan) -> String {
    let conflicts = plan.conflicts.join("、");
    match lang {
        Lang::ZhCn => {
            let mut text = format!(
                "将新增{}件案件，更新{}件已合并案件的后续办理情况；{}件已合并且没有变化。",
                plan.added.len(),
                plan.updated.len(),
                plan.unchanged
            );
            if !plan.conflicts.is_empty() {
                text.push_str(&format!(
                    "{}件已合并的案件在本记录中另有办理，保留本记录的情况、不作更新：{conflicts}。",
                    plan.conflicts.len()
                ));
            }
            if !plan.too_long.is_empty() {
                text.push_str(&format!(
                    "{}件案件含超过字数上限的内容，不予合并：{}。",
                    plan.too_long.len(),
                    plan.too_long.join("；")
                ));
            }
            text.push_str("备份中的工作台账不随合并导入。");
            text
        }
        Lang::En => {
            let mut text = format!(
                "{} cases will be added and {} merged cases brought up to date; {} merged cases \
                 are unchanged.",
                plan.added.len(),
                plan.updated.len(),
                plan.unchanged
            );
            if !plan.conflicts.is_empty() {
                text.push_str(&format!(
                    " {} merged cases were acted on here since and are kept as they are here: \
                     {conflicts}.",
                    plan.conflicts.len()
                ));
            }
            if !plan.too_long.is_empty() {
                text.push_str(&format!(
                    " {} cases hold a text longer than its limit and are left out: {}.",
                    plan.too_long.len(),
                    plan.too_long.join("; ")
                ));
            }
            text.push_str(" The backup's work ledgers are not merged.");
            text
        }
    }
}

/// `#backup-merge`: the source unit (`#merge-source`), `#merge-preview`,
/// then `#merge-plan` (with `data-added`, `data-updated`,
/// `data-unchanged`, `data-conflicts`) and `#merge-confirm`, or
/// `#merge-error`.
#[component]
pub fn MergeOption(props: &MergeOptionProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let source = use_state(|| None::<UnitId>);
    let plan = use_state(|| None::<Result<Rc<MergePlan>, String>>);

    let units: Vec<(UnitId, String)> = {
        let office = app.office.get();
        let org = &office.settings().org;
        let townships: Vec<_> = org.townships().map(|u| (u.id(), u.name().to_string())).collect();
        let others = org
            .units()
            .filter(|u| u.is_active() && !townships.iter().any(|(id, _)| *id == u.id()))
            .map(|u| (u.id(), u.name().to_string()));
        townships.iter().cloned().chain(others).collect()
    };
    let on_source = {
        let (source, plan) = (source.clone(), plan.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            source.set(value.parse().ok().map(UnitId::new));
            plan.set(None);
        })
    };
    let on_preview = {
        let (app, source, plan, ready) =
            (app.clone(), source.clone(), plan.clone(), props.ready.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(unit) = *source else {
                let text = tr(
                    app.lang(),
                    "请选择备份来自哪个单位",
                    "Choose the unit the backup comes from",
                );
                plan.set(Some(Err(text.to_owned())));
                return;
            };
            let contents = ready.contents.borrow();
            let Some(other) = contents.as_ref() else { return };
            let planned = app.office.get().plan_merge(other, unit, crate::clock::now());
            plan.set(Some(planned.map(Rc::new).map_err(|e| e.to_string())));
        })
    };
    let on_confirm = {
        let (app, plan, on_done) = (app.clone(), plan.clone(), props.on_done.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(Ok(planned)) = (*plan).clone() else { return };
            let fail = |zh: &str, en: &str| {
                plan.set(Some(Err(tr(app.lang(), zh, en).to_owned())));
            };
            if !app.unsaved.is_empty() || app.settings_dirty {
                return fail(
                    "本页有尚未保存到本机的修改（存储空间已满），请先释放空间，待修改保存后再合并",
                    "This page has changes not yet saved (storage is full); free some space first",
                );
            }
            let mut office = app.office.get().clone();
            if !office.merge((*planned).clone()) {
                return fail(
                    "记录已有变化，请重新预览合并",
                    "The record changed: preview the merge again",
                );
            }
            let kv = BrowserKv;
            let prefix = prefix_of(app.space);
            let req = SaveRequest {
                prefix,
                office: &office,
                saved: app.saved,
                settings_changed: false,
                sample: app.sample.as_deref(),
            };
            match record::save(&kv, req) {
                Ok(saved) => {
                    let text = match app.lang() {
                        Lang::ZhCn => format!(
                            "已合并：新增{}件，更新{}件。",
                            planned.added.len(),
                            planned.updated.len()
                        ),
                        Lang::En => format!(
                            "Merged: {} cases added, {} brought up to date.",
                            planned.added.len(),
                            planned.updated.len()
                        ),
                    };
                    let opened = Opened {
                        sample: app.sample.as_deref().cloned(),
                        ..Opened::written(app.space, office, saved, usage(&kv))
                    }
                    .checked(&kv);
                    app.dispatch(Msg::Opened(Box::new(opened)));
                    app.dispatch(Msg::Navigate(Route::Dashboard));
                    app.dispatch(Msg::Notify(Notice { ok: true, text }));
                    plan.set(None);
                    on_done.emit(e);
                }
                Err(SaveError::Write(detail)) => plan.set(Some(Err(match app.lang() {
                    Lang::ZhCn => format!("保存失败，记录未作改动（{detail}）"),
                    Lang::En => format!("Saving failed; the record was not changed ({detail})"),
                }))),
                Err(_) => fail(
                    "另一窗口刚保存了本记录，记录未作改动，请重新预览合并",
                    "Another window just saved this record; nothing changed: preview again",
                ),
            }
        })
    };

    let result = match &*plan {
        None => html! {},
        Some(Err(message)) => html! {
            <p id="merge-error" class="backup-error" role="alert">{ message.clone() }</p>
        },
        Some(Ok(p)) => html! {
            <div id="merge-plan" data-added={p.added.len().to_string()}
                 data-updated={p.updated.len().to_string()}
                 data-unchanged={p.unchanged.to_string()}
                 data-conflicts={p.conflicts.len().to_string()}>
                <p id="merge-summary">{ describe(lang, p) }</p>
                <button id="merge-confirm" type="button" onclick={on_confirm}
                        disabled={p.events() == 0}>
                    { tr(lang, "确认合并", "Merge") }
                </button>
            </div>
        },
    };
    html! {
        <div id="backup-merge" class="backup-merge">
            <p>{ tr(lang,
                "或者：把另一单位（如乡镇）的备份合并到当前记录，已合并过的案件不会重复。",
                "Or merge another unit's backup (e.g. a township's) into this record; cases merged before are not duplicated.") }</p>
            <label for="merge-source">{ tr(lang, "备份来自：", "The backup comes from: ") }</label>
            <select id="merge-source" onchange={on_source}>
                <option value="" selected={source.is_none()}>{ tr(lang, "请选择单位", "Choose a unit") }</option>
                { for units.iter().map(|(id, name)| html! {
                    <option value={id.get().to_string()} selected={*source == Some(*id)}>{ name.clone() }</option>
                }) }
            </select>
            <button id="merge-preview" type="button" onclick={on_preview}>
                { tr(lang, "预览合并", "Preview the merge") }
            </button>
            { result }
        </div>
    }
}
