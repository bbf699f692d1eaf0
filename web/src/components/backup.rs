//! Backup and restore of the open record (`#backup`): the download is the
//! core's stored form (`Office::to_json`, format `xinfang-office` with its
//! `format_version`) as one file; a restore reads such a file, checks it
//! completely with `Office::from_json` before anything changes, shows what
//! it holds and replaces the open record (real or sandbox) only after a
//! confirmation. The replaced record is kept: it is moved aside, unchanged,
//! under `<prefix>-aside-<n>.*` (the same mechanism as `#office-set-aside`),
//! and moved back if saving the restored record fails, so nothing is ever
//! half replaced.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::Deserialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use xinfang_core::Office;
use yew::prelude::*;

use crate::clock;
use crate::context::{use_app, AppHandle};
use crate::i18n::{tr, Lang};
use crate::office_store::{self, BrowserKv, KeyValue, SaveError, SaveRequest, Saved};
use crate::store::{Action, Notice, Opened, Route, Space};

/// The MIME type of a backup file.
pub const JSON: &str = "application/json;charset=utf-8";

/// The backup's file name: `信访备份_2026-12-01.json`, or
/// `信访沙盒备份_2026-12-01.json` for the sandbox.
pub fn file_name(space: Space, today: NaiveDate) -> String {
    let stem = match space {
        Space::Real => "信访备份",
        Space::Sandbox => "信访沙盒备份",
    };
    format!("{stem}_{}.json", today.format("%Y-%m-%d"))
}

/// What a backup file holds, shown before it is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Cases.
    pub cases: usize,
    /// Log entries.
    pub entries: usize,
    /// The earliest and the latest day a case was received, if any.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// The file's `format_version`.
    pub format_version: u32,
}

/// The summary of a record read from a file of `format_version`.
pub fn preview(office: &Office, format_version: u32) -> Preview {
    let days = office.cases().map(|c| c.intake().received_on);
    let range = days.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    });
    Preview { cases: office.cases().len(), entries: office.log().len(), range, format_version }
}

impl Preview {
    /// The summary as text.
    pub fn describe(&self, lang: Lang) -> String {
        let range = self.range.map(|(a, b)| {
            let f = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
            (f(a), f(b))
        });
        match lang {
            Lang::ZhCn => {
                let range = range.map_or("无".to_owned(), |(a, b)| format!("{a}至{b}"));
                format!(
                    "共{}件案件（{}条历史记录），受理日期{range}，文件格式版本{}",
                    self.cases, self.entries, self.format_version
                )
            }
            Lang::En => {
                let range = range.map_or("none".to_owned(), |(a, b)| format!("{a} to {b}"));
                format!(
                    "{} cases ({} history entries), received {range}, file format version {}",
                    self.cases, self.entries, self.format_version
                )
            }
        }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    format_version: u32,
}

/// Reads a backup file: the record (checked whole by the core: foreign
/// files, newer versions, corrupt JSON and broken chains are refused with
/// the core's Chinese message) and its summary.
pub fn read(text: &str) -> Result<(Office, Preview), String> {
    let office = Office::from_json(text).map_err(|e| e.to_string())?;
    let version = serde_json::from_str::<VersionOnly>(text)
        .map(|v| v.format_version)
        .unwrap_or(xinfang_core::office::FORMAT_VERSION);
    let summary = preview(&office, version);
    Ok((office, summary))
}

/// The first free `<prefix>-aside-<n>` (as `office_store::set_aside` picks).
fn free_aside(kv: &dyn KeyValue, prefix: &str) -> String {
    let all: BTreeSet<String> = kv.keys().into_iter().collect();
    (1..)
        .map(|n| format!("{prefix}-aside-{n}"))
        .find(|p| !all.iter().any(|k| k.starts_with(&format!("{p}."))))
        .unwrap_or_default()
}

/// Moves every key of the record under `from` to `to`, head last (copy,
/// then remove, a key at a time).
fn move_record(kv: &dyn KeyValue, from: &str, to: &str) -> Result<(), String> {
    let head = office_store::key(from, "head");
    let keys = office_store::record_keys(kv, from);
    let (heads, rest): (Vec<_>, Vec<_>) = keys.into_iter().partition(|k| *k == head);
    for k in rest.into_iter().chain(heads) {
        let value = kv.get(&k)?.unwrap_or_default();
        kv.set(&format!("{to}{}", &k[from.len()..]), &value)?;
        kv.remove(&k)?;
    }
    Ok(())
}

/// Where the replaced record went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// What of the restored record is committed.
    pub saved: Saved,
    /// The prefix the previous record was moved to (`None` when there was
    /// none).
    pub aside: Option<String>,
}

/// Replaces the record under `prefix` by `office`, whole: the stored record
/// is moved aside first, then `office` is saved; if either step fails, what
/// was written is removed and the previous record moved back, so the store
/// is as before and the error is returned.
pub fn replace(kv: &dyn KeyValue, prefix: &str, office: &Office) -> Result<Replaced, String> {
    let had = !office_store::record_keys(kv, prefix).is_empty();
    let aside = free_aside(kv, prefix);
    let undo = |kv: &dyn KeyValue| {
        // Best effort, each step freeing space for the next.
        let _ = office_store::remove_record(kv, prefix);
        let _ = move_record(kv, &aside, prefix);
    };
    if had {
        match office_store::set_aside(kv, prefix) {
            Ok(p) if p == aside => {}
            Ok(p) => {
                let _ = move_record(kv, &p, prefix);
                return Err(format!("unexpected aside prefix {p}"));
            }
            Err(e) => {
                // Only old keys are under either prefix: move them back.
                let _ = move_record(kv, &aside, prefix);
                return Err(e);
            }
        }
    }
    let req = SaveRequest { prefix, office, saved: None, settings_changed: true, sample: None };
    match office_store::save(kv, req) {
        Ok(saved) => Ok(Replaced { saved, aside: had.then_some(aside) }),
        Err(e) => {
            undo(kv);
            Err(match e {
                SaveError::Write(d) => d,
                SaveError::Conflict => "conflict".into(),
                SaveError::Unreadable(p) => p.message(Lang::ZhCn),
            })
        }
    }
}

/// A file read and checked, waiting for the confirmation.
struct Ready {
    office: RefCell<Option<Office>>,
    preview: Preview,
}

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

fn download(app: &AppHandle) {
    let name = file_name(app.space, clock::today());
    let json = app.office.get().to_json();
    if let Err(detail) = crate::download::save(json.as_bytes(), &name, JSON) {
        let text = format!("{}{detail}", tr(app.lang(), "下载失败：", "The download failed: "));
        app.dispatch(Action::Notify(Notice { ok: false, text }));
    }
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
    let space = app.space;

    let on_download = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| download(&app))
    };
    let on_file = {
        let phase = phase.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            phase.set(Phase::Reading);
            let phase = phase.clone();
            let done = Callback::from(move |text: Result<String, String>| {
                let next = match text.and_then(|t| read(&t)) {
                    Ok((office, preview)) => {
                        Phase::Ready(Rc::new(Ready { office: RefCell::new(Some(office)), preview }))
                    }
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
            let Some(office) = ready.office.borrow_mut().take() else { return };
            let kv = BrowserKv;
            let prefix = office_store::prefix_of(app.space);
            match replace(&kv, prefix, &office) {
                Ok(replaced) => {
                    let opened = Opened {
                        space: app.space,
                        office,
                        saved: Some(replaced.saved),
                        sample: None,
                        problem: None,
                        load_ms: 0.0,
                        bytes: office_store::usage(&kv),
                        work: crate::work_store::open(&kv, office_store::prefix_of(app.space)),
                    };
                    app.dispatch(Action::Opened(Box::new(opened)));
                    app.dispatch(Action::Navigate(Route::Dashboard));
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
                    app.dispatch(Action::Notify(Notice { ok: true, text }));
                    phase.set(Phase::Idle);
                }
                Err(detail) => {
                    // Put the checked record back so the user may retry.
                    *ready.office.borrow_mut() = Some(office);
                    let detail = if office_store::is_quota_error(&detail) {
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
                     data-format-version={p.format_version.to_string()}
                     data-space={match space { Space::Real => "real", Space::Sandbox => "sandbox" }}>
                    <p id="backup-summary">{ p.describe(lang) }</p>
                    <p id="backup-target">{ warn }</p>
                    <button id="backup-confirm" type="button" onclick={on_confirm}>
                        { tr(lang, "确认恢复", "Restore") }
                    </button>
                    <button id="backup-cancel" type="button" onclick={on_cancel}>
                        { tr(lang, "取消", "Cancel") }
                    </button>
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
            <label class="backup-restore">
                { tr(lang, "从备份恢复：", "Restore from a backup: ") }
                <input id="backup-restore" type="file" accept=".json" onchange={on_file} />
            </label>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office_store::{MemoryKv, REAL_PREFIX};
    use xinfang_core::Settings;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn sample(cases: u32) -> Office {
        office_store::sample_office(7, day(2026, 6, 30), cases).unwrap()
    }

    #[test]
    fn file_names_say_which_record_and_when() {
        assert_eq!(file_name(Space::Real, day(2026, 12, 1)), "信访备份_2026-12-01.json");
        assert_eq!(file_name(Space::Sandbox, day(2026, 2, 3)), "信访沙盒备份_2026-02-03.json");
    }

    #[test]
    fn the_preview_counts_cases_and_spans_their_dates() {
        let office = sample(200);
        let (back, p) = read(&office.to_json()).unwrap();
        assert_eq!(back.log().head(), office.log().head());
        assert_eq!(p.cases, office.cases().len());
        assert!(p.cases > 100, "{p:?}");
        assert_eq!(p.entries, office.log().len());
        assert_eq!(p.format_version, xinfang_core::office::FORMAT_VERSION);
        let (first, last) = p.range.unwrap();
        assert!(office.cases().all(|c| (first..=last).contains(&c.intake().received_on)));
        assert!(office.cases().any(|c| c.intake().received_on == first));
        assert!(office.cases().any(|c| c.intake().received_on == last));
        assert!(last <= day(2026, 6, 30) && first < last);
        let zh = p.describe(Lang::ZhCn);
        assert!(zh.contains(&format!("共{}件案件", p.cases)), "{zh}");
        assert!(p.describe(Lang::En).contains("file format version 1"));
        let empty = preview(&Office::new(Settings::sample_county()), 1);
        assert_eq!((empty.cases, empty.range), (0, None));
    }

    #[test]
    fn foreign_corrupt_and_newer_files_are_refused_in_chinese() {
        let json = sample(20).to_json();
        for bad in [
            "{\"hello\":1}".to_owned(),
            json[..json.len() / 2].to_owned(),
            json.replacen("\"format_version\":1", "\"format_version\":99", 1),
        ] {
            let err = read(&bad).expect_err("refused");
            assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{err}");
        }
    }

    #[test]
    fn replacing_keeps_the_previous_record_aside() {
        let kv = MemoryKv::default();
        let old = sample(30);
        let req = SaveRequest {
            prefix: REAL_PREFIX,
            office: &old,
            saved: None,
            settings_changed: true,
            sample: None,
        };
        office_store::save(&kv, req).unwrap();
        let before = kv.snapshot();
        let new = sample(60);
        let r = replace(&kv, REAL_PREFIX, &new).unwrap();
        assert_eq!(r.aside.as_deref(), Some("xinfang.office-aside-1"));
        let loaded = office_store::load(&kv, REAL_PREFIX).unwrap().unwrap();
        assert_eq!(loaded.office.log().head(), new.log().head());
        let kept = office_store::load(&kv, "xinfang.office-aside-1").unwrap().unwrap();
        assert_eq!(kept.office.log().head(), old.log().head());
        for (k, v) in &before {
            let moved = k.replacen(REAL_PREFIX, "xinfang.office-aside-1", 1);
            assert_eq!(kv.snapshot().get(&moved), Some(v), "{k} kept byte for byte");
        }
        // Into an empty store: nothing to set aside.
        let empty = MemoryKv::default();
        assert_eq!(replace(&empty, REAL_PREFIX, &new).unwrap().aside, None);
    }

    #[test]
    fn a_full_store_leaves_the_previous_record_as_it_was() {
        let old = sample(30);
        let kv = MemoryKv::default();
        let req = SaveRequest {
            prefix: REAL_PREFIX,
            office: &old,
            saved: None,
            settings_changed: true,
            sample: None,
        };
        office_store::save(&kv, req).unwrap();
        let before = kv.snapshot();
        let used = office_store::usage(&kv);
        let kv = MemoryKv { quota: Some(used * 2), ..MemoryKv::default() };
        *kv.map.borrow_mut() = before.clone();
        let big = sample(600);
        let err = replace(&kv, REAL_PREFIX, &big).unwrap_err();
        assert!(office_store::is_quota_error(&err), "{err}");
        assert_eq!(kv.snapshot(), before, "nothing partial");
    }
}
