//! The records kept aside (`#asides`, in the footer): each restore keeps
//! the record it replaced, and an unreadable record set aside stays too,
//! invisible and taking space. Listed here with the day and the size; the
//! clerk downloads one (as stored) and may then remove it, after a second
//! click to confirm.

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{tr, Lang};
use crate::persist::browser::BrowserKv;
use crate::persist::kv::{prefix_of, raw_dump};
use crate::persist::record::{asides, remove_aside, Aside};
use crate::ui::download;

/// Downloads every value stored under `<prefix>.`, as stored, as `file`;
/// says so when the browser refuses.
pub(crate) fn download_raw(prefix: &str, file: &str) {
    let dump = raw_dump(&BrowserKv, &format!("{prefix}."));
    if let Err(e) = download::save(dump.as_bytes(), file, "application/json") {
        if let Some(w) = web_sys::window() {
            let _ = w.alert_with_message(&format!("下载失败：{e}"));
        }
    }
}

fn size_text(bytes: usize) -> String {
    // localStorage holds UTF-16: two bytes a character.
    format!("{:.1} MB", (bytes * 2) as f64 / 1_048_576.0)
}

fn describe(lang: Lang, a: &Aside) -> String {
    let at = a.at.as_deref().map_or_else(
        || tr(lang, "日期不详", "date unknown").to_owned(),
        |at| at.replacen('T', " ", 1),
    );
    let entries = match (lang, a.entries) {
        (Lang::ZhCn, Some(n)) => format!("{n}条历史记录"),
        (Lang::En, Some(n)) => format!("{n} history entries"),
        (Lang::ZhCn, None) => "记录头无法读取".to_owned(),
        (Lang::En, None) => "its head does not read".to_owned(),
    };
    match lang {
        Lang::ZhCn => format!("{at}另存　{entries}　占用{}", size_text(a.bytes)),
        Lang::En => format!("set aside {at} · {entries} · {}", size_text(a.bytes)),
    }
}

/// The list of records kept aside, with download and remove.
#[component]
pub fn Asides() -> Html {
    let app = use_app();
    let lang = app.prefs.lang;
    let prefix = prefix_of(app.space);
    // Bumped after a removal, to read the list again.
    let version = use_state(|| 0u32);
    let confirming = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    // Read from storage only when another record is opened (a restore or a
    // set-aside reopens it) or one was removed here: not on every render,
    // for a record set aside can be megabytes.
    let list =
        use_memo((app.space, app.office.data_id(), *version), move |_| asides(&BrowserKv, prefix));
    if list.is_empty() {
        return Html::default();
    }
    let rows = list.iter().enumerate().map(|(i, a)| {
        let n = i + 1;
        let name = a.prefix.clone();
        let on_download = {
            let name = name.clone();
            Callback::from(move |_: MouseEvent| download_raw(&name, &format!("{name}.json")))
        };
        let asking = confirming.as_deref() == Some(name.as_str());
        let on_remove = {
            let (name, confirming, version, error) =
                (name.clone(), confirming.clone(), version.clone(), error.clone());
            Callback::from(move |_: MouseEvent| {
                if confirming.as_deref() != Some(name.as_str()) {
                    confirming.set(Some(name.clone()));
                    return;
                }
                match remove_aside(&BrowserKv, prefix, &name) {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(e)),
                }
                confirming.set(None);
                version.set(*version + 1);
            })
        };
        html! {
            <li class="aside-record" data-prefix={name.clone()}>
                <span class="aside-what">{ describe(lang, a) }</span>
                <button type="button" id={format!("aside-download-{n}")} onclick={on_download}>
                    { tr(lang, "下载", "Download") }
                </button>
                <button type="button" id={format!("aside-remove-{n}")} onclick={on_remove}>
                    { if asking { tr(lang, "确认删除（已下载保存）", "Confirm removal (downloaded)") }
                      else { tr(lang, "删除", "Remove") } }
                </button>
            </li>
        }
    });
    html! {
        <section id="asides" class="asides">
            <p>{ tr(lang,
                "另存一旁的记录（恢复备份时被替换的记录，或无法读取而另存的记录），占用本机存储空间；可下载保存后删除：",
                "Records kept aside (replaced by a restore, or set aside unreadable) take storage; download one, then remove it:") }</p>
            <ul>{ for rows }</ul>
            if let Some(e) = (*error).clone() {
                <p id="asides-error" class="field-error" role="alert">{ e }</p>
            }
        </section>
    }
}
