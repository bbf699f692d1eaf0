//! The backup and restore dialog (`#backup`); the file format and the
//! restore itself are in `persist::backup`. The download is one
//! file ([`BACKUP_FORMAT`] version [`BACKUP_VERSION`]) holding the core's
//! stored form of the cases (`office`: `Office::to_json`, format
//! `xinfang-office` with its `format_version`) and the work ledgers
//! (`work`); a restore reads such a file (or a bare `xinfang-office` file,
//! as backups before the work ledgers were), checks it completely —
//! `Office::from_json` and the ledgers' loader — before anything changes,
//! shows what it holds and replaces the open record (real or sandbox) only
//! after a confirmation. The replaced record is kept: it is moved aside, unchanged,
//! under `<prefix>-aside-<n>.*` (the same mechanism as `#office-set-aside`),
//! and moved back if saving the restored record fails, so nothing is ever
//! half replaced.
//!
//! A download writes the record's checkpoint into the file's header, notes
//! it in the record's list of past heads (`persist::heads`) and shows its
//! code (`#backup-checkpoint`), so the office can write it on the disk's
//! label or the hand-over sheet.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::clock;
use crate::context::{use_app, AppHandle};
use crate::i18n::{tr, Lang};
use crate::persist::backup::{self, file_name, Ready, JSON};
use crate::persist::browser::{encryption_on, BrowserKv};
use crate::persist::heads::{self, What};
use crate::persist::kv::{is_quota_error, prefix_of, raw_dump, usage, Space};
use crate::persist::open::Opened;
use crate::route::Route;
use crate::state::{Msg, Notice, OfficeProblem};
use xinfang_core::log::Checkpoint;

use crate::persist::backup::replace;

#[derive(Clone)]
enum Phase {
    Idle,
    Reading,
    Ready(Rc<Ready>),
    Failed(String),
}

fn file_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::ZhCn => format!("无法恢复：{detail}。当前记录未作任何改动。"),
        Lang::En => format!("Cannot restore: {detail}. The open record was not changed."),
    }
}

fn space_name(lang: Lang, space: Space) -> &'static str {
    match space {
        Space::Real => tr(lang, "正式数据", "the real record"),
        Space::Sandbox => tr(lang, "培训沙盒", "the training sandbox"),
    }
}

/// Downloads the backup; returns the checkpoint its header carries.
fn download(app: &AppHandle) -> Option<Checkpoint> {
    let name = file_name(app.space, clock::today());
    // A record that could not be read whole: the file holds the original,
    // as stored, beside what the tab shows.
    let damaged = matches!(app.office_problem.as_deref(), Some(OfficeProblem::Unreadable(_)))
        .then(|| raw_dump(&BrowserKv, &format!("{}.", prefix_of(app.space))));
    let (json, point) = {
        let office = app.office.get();
        (backup::write(&office, damaged.as_deref()), office.log().checkpoint())
    };
    if let Err(detail) = crate::ui::download::save(json.as_bytes(), &name, JSON) {
        let text = format!("{}{detail}", tr(app.lang(), "下载失败：", "The download failed: "));
        app.dispatch(Msg::Notify(Notice { ok: false, text }));
        return None;
    }
    // The list gets a point the stored record reaches: the file's, unless
    // changes are still unsaved (then the committed part, which the
    // file's history passes through too).
    if !app.notes_checkpoints() {
        return Some(point);
    }
    let committed = app.checkpoint();
    let noted = if committed.entries == point.entries { point } else { committed };
    let kv = BrowserKv;
    if let Err(problem) = heads::note(&kv, prefix_of(app.space), noted, clock::now(), What::Backup)
    {
        app.dispatch(Msg::Notify(Notice { ok: false, text: problem.message(app.lang()) }));
    }
    Some(point)
}

/// Reads the chosen file's text and hands it (or the browser's error) on.
fn read_file(input: &web_sys::HtmlInputElement, done: Callback<Result<String, String>>) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let ok = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |text: JsValue| {
            done.emit(text.as_string().ok_or_else(|| "not text".to_owned()));
        })
    };
    let err =
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| done.emit(Err(format!("{e:?}"))));
    let _ = file.text().then2(&ok, &err);
    // Called once by the browser, after this returns: two small closures
    // per file chosen are left to the page.
    ok.forget();
    err.forget();
    // The same file can be chosen again.
    input.set_value("");
}

/// `#backup`: `#backup-download`, `#backup-restore` (a file input), then
/// `#backup-preview` with `#backup-confirm` / `#backup-cancel`, or
/// `#backup-error`.
#[component]
pub fn Backup() -> Html {
    let app = use_app();
    let lang = app.lang();
    let phase = use_state(|| Phase::Idle);
    let exported = use_state(|| None::<Checkpoint>);
    let space = app.space;

    let on_download = {
        let app = app.clone();
        let exported = exported.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(point) = download(&app) {
                exported.set(Some(point));
            }
        })
    };
    let on_file = {
        let phase = phase.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            phase.set(Phase::Reading);
            let phase = phase.clone();
            let done = Callback::from(move |text: Result<String, String>| {
                let next = match text.and_then(|t| backup::read(&t, clock::now())) {
                    Ok(c) => Phase::Ready(Rc::new(Ready {
                        contents: RefCell::new(Some(c.office)),
                        preview: c.preview,
                    })),
                    Err(e) => Phase::Failed(e),
                };
                phase.set(next);
            });
            read_file(&input, done);
        })
    };
    let on_cancel = {
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| phase.set(Phase::Idle))
    };
    let on_confirm = {
        let app = app.clone();
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| {
            let Phase::Ready(ready) = &*phase else { return };
            if !app.unsaved.is_empty() || app.settings_dirty {
                let detail = tr(
                    app.lang(),
                    "本页有尚未保存到本机的修改（存储空间已满），请先释放空间，待修改保存后再恢复",
                    "this page has changes not yet saved in this browser (storage is full); free \
                     some space so they are saved before restoring",
                );
                phase.set(Phase::Failed(detail.to_owned()));
                return;
            }
            let Some(office) = ready.contents.borrow_mut().take() else { return };
            let kv = BrowserKv;
            let prefix = prefix_of(app.space);
            match replace(&kv, prefix, &office, crate::clock::now()) {
                Ok(replaced) => {
                    let opened =
                        Opened::written(app.space, office, replaced.saved, usage(&kv)).checked(&kv);
                    app.dispatch(Msg::Opened(Box::new(opened)));
                    app.dispatch(Msg::Navigate(Route::Dashboard));
                    let kept = replaced.aside.map(|p| match app.lang() {
                        Lang::ZhCn => format!("原记录已另存于本机（{p}）。"),
                        Lang::En => format!(" The previous record is kept in this browser ({p})."),
                    });
                    let text = format!(
                        "{}{}",
                        tr(
                            app.lang(),
                            "已从备份恢复记录。",
                            "The record was restored from the backup."
                        ),
                        kept.unwrap_or_default()
                    );
                    app.dispatch(Msg::Notify(Notice { ok: true, text }));
                    phase.set(Phase::Idle);
                }
                Err(detail) => {
                    // Put the checked record back so the user may retry.
                    *ready.contents.borrow_mut() = Some(office);
                    let detail = if is_quota_error(&detail) {
                        format!(
                            "{}（{detail}）",
                            tr(app.lang(), "本机存储空间不足", "browser storage is full")
                        )
                    } else {
                        detail
                    };
                    phase.set(Phase::Failed(detail));
                }
            }
        })
    };

    let body = match &*phase {
        Phase::Idle => html! {},
        Phase::Reading => html! {
            <p id="backup-reading">{ tr(lang, "正在读取并校验文件……", "Reading and checking the file…") }</p>
        },
        Phase::Failed(detail) => html! {
            <p id="backup-error" class="backup-error" role="alert">{ file_error(lang, detail) }</p>
        },
        Phase::Ready(ready) => {
            let p = &ready.preview;
            let target = space_name(lang, space);
            let warn = match lang {
                Lang::ZhCn => format!(
                    "确认后将以此备份替换当前打开的{target}；被替换的记录会原样另存于本机，不会丢失。"
                ),
                Lang::En => format!(
                    "Confirming replaces {target}, which is open now, by this backup; the replaced \
                     record is kept unchanged in this browser."
                ),
            };
            html! {
                <div id="backup-preview" class="backup-preview"
                     data-cases={p.cases.to_string()}
                     data-work={p.work.to_string()}
                     data-format-version={p.format_version.to_string()}
                     data-space={match space { Space::Real => "real", Space::Sandbox => "sandbox" }}>
                    <p id="backup-summary">{ p.describe(lang) }</p>
                    <p id="backup-target">{ warn }</p>
                    <button id="backup-confirm" type="button" onclick={on_confirm}>
                        { tr(lang, "确认恢复", "Restore") }
                    </button>
                    <button id="backup-cancel" type="button" onclick={on_cancel.clone()}>
                        { tr(lang, "取消", "Cancel") }
                    </button>
                    <crate::shell::backup_merge::MergeOption ready={ready.clone()} on_done={on_cancel.clone()} />
                </div>
            }
        }
    };

    html! {
        <section id="backup" class="backup">
            <button id="backup-download" type="button" onclick={on_download}
                    data-file-name={file_name(space, clock::today())}>
                { tr(lang, "下载备份", "Download a backup") }
            </button>
            if encryption_on() {
                <span id="backup-plain-warning" class="backup-plain-warning">{ tr(lang, "注意：下载的备份文件不加密，请妥善保管。", "Note: the downloaded backup file is not encrypted; keep it safe.") }</span>
            }
            if let Some(point) = *exported {
                <span id="backup-checkpoint" class="backup-checkpoint"
                      data-code={point.code().to_string()}>
                    { tr(lang, "已下载备份，记录校验码：", "Backup downloaded; checkpoint code: ") }
                    <code>{ point.code().to_string() }</code>
                    { tr(lang, "（请记在备份盘标签或交接单上）", " (write it on the disk's label or the hand-over sheet)") }
                </span>
            }
            <label class="backup-restore">
                { tr(lang, "从备份恢复：", "Restore from a backup: ") }
                <input id="backup-restore" type="file" accept=".json" onchange={on_file} />
            </label>
            { body }
        </section>
    }
}
