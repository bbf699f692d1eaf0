//! The lock screen (`#lock-screen`): shown instead of the app while the
//! store is encrypted (`xinfang.lock` exists) and this tab holds no key.
//! The passphrase (`#lock-passphrase`, `#lock-open`) is checked against the
//! lock record's verifier before anything is read; a wrong one shows
//! `#lock-error` and changes nothing; the right one sets the session key
//! (finishing a passphrase change that was cut short) and opens the app.
//!
//! A lock record that cannot be used (unreadable, or failing its own
//! checksum: a changed salt is damage, not a wrong passphrase) is told as
//! such, with the way out (`#lock-way-out`): download everything as stored
//! (`#lock-download-raw`), then keep the encrypted records and the damaged
//! lock aside, unchanged, and start an empty record (`#lock-start-over`),
//! into which a backup file can be restored.

use std::time::Duration;

use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::persist::browser::{now_ms, random_bytes, set_session, BrowserKv};
use crate::persist::crypt::{self, UnlockError};
use crate::shell::asides::download_raw;

/// Props of [`LockScreen`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LockScreenProps {
    /// The interface language (from the preferences, which stay plain).
    pub lang: Lang,
    /// Called once the store is unlocked.
    pub on_open: Callback<()>,
}

/// `#lock-screen`.
#[component]
pub fn LockScreen(props: &LockScreenProps) -> Html {
    let lang = props.lang;
    let input = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let kdf_ms = use_state(|| None::<f64>);
    let damage = use_state(|| false);

    let onsubmit = {
        let (input, busy, error, kdf_ms, damage) =
            (input.clone(), busy.clone(), error.clone(), kdf_ms.clone(), damage.clone());
        let on_open = props.on_open.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(field) = input.cast::<web_sys::HtmlInputElement>() else { return };
            if *busy {
                return;
            }
            let pass = field.value();
            busy.set(true);
            error.set(None);
            let (busy, error, kdf_ms, on_open, damage) =
                (busy.clone(), error.clone(), kdf_ms.clone(), on_open.clone(), damage.clone());
            yew::platform::spawn_local(async move {
                // Let the page show that it is working (deriving takes ~1 s).
                yew::platform::time::sleep(Duration::from_millis(30)).await;
                let kv = BrowserKv;
                let lock = match crypt::read_lock(&kv) {
                    Ok(Some(lock)) => lock,
                    Ok(None) => {
                        // Removed by another tab meanwhile: nothing to unlock.
                        on_open.emit(());
                        return;
                    }
                    Err(detail) => {
                        error.set(Some(damaged(lang, &detail)));
                        damage.set(true);
                        busy.set(false);
                        return;
                    }
                };
                let start = now_ms();
                let result = crypt::unlock(&lock, &pass);
                kdf_ms.set(Some(now_ms() - start));
                field.set_value("");
                match result {
                    Ok(session) => {
                        let mut rng = |buf: &mut [u8]| random_bytes(buf);
                        let session = match crypt::finish(&kv, &lock, session.clone(), &mut rng) {
                            Ok(done) => done.session,
                            Err(_) => Some(session),
                        };
                        set_session(session);
                        on_open.emit(());
                    }
                    Err(UnlockError::Wrong) => {
                        let text = tr(
                            lang,
                            "口令不正确，数据未被读取或改动。请重新输入。",
                            "Wrong passphrase: nothing was read or changed. Try again.",
                        );
                        error.set(Some(text.to_owned()));
                        busy.set(false);
                    }
                    Err(UnlockError::Damaged(detail)) => {
                        error.set(Some(damaged(lang, &detail)));
                        damage.set(true);
                        busy.set(false);
                    }
                }
            });
        })
    };

    let on_download = Callback::from(|_: MouseEvent| {
        download_raw("xinfang", "信访本机原始数据（含加密锁记录）.json");
    });
    let on_start_over = {
        let (error, on_open) = (error.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| {
            match crypt::start_over(&BrowserKv, crate::clock::now()) {
                Ok(()) => on_open.emit(()),
                Err(e) => error.set(Some(match lang {
                    Lang::ZhCn => format!("未能另存：{e}。数据保持原样。"),
                    Lang::En => format!("Could not keep it aside: {e}. Nothing was changed."),
                })),
            }
        })
    };

    html! {
        <section id="lock-screen" class="lock-screen"
                 data-busy={busy.to_string()}
                 data-kdf-ms={kdf_ms.map(|ms| format!("{ms:.0}"))}>
            <h1>{ tr(lang, "信访工作平台 · 本机数据已加密", "Petition office · the data in this browser is encrypted") }</h1>
            <p class="lock-explain">
                { tr(lang,
                    "请输入口令解锁。没有口令，任何人——包括技术支持人员——都无法读取这些数据，口令也无法找回。",
                    "Enter the passphrase to unlock. Without it nobody, support staff included, can read this data, and the passphrase cannot be recovered.") }
            </p>
            <form class="lock-form" {onsubmit}>
                <label for="lock-passphrase">{ tr(lang, "口令", "Passphrase") }</label>
                <input id="lock-passphrase" ref={input} type="password" autocomplete="current-password"
                       disabled={*busy} />
                <button id="lock-open" type="submit" disabled={*busy}>
                    { if *busy { tr(lang, "正在验证……", "Checking…") } else { tr(lang, "解锁", "Unlock") } }
                </button>
            </form>
            if let Some(text) = (*error).clone() {
                <p id="lock-error" class="field-error" role="alert">{ text }</p>
            }
            if *damage {
                <div id="lock-way-out" class="lock-way-out">
                    <p>{ tr(lang,
                        "锁记录损坏时，口令无法验证，已加密的记录也无法解密。请先下载原始数据妥善保存（锁记录找回或修复后可由技术人员恢复）；然后可将加密的记录和损坏的锁记录原样另存一旁，从空记录开始，再用备份文件恢复。",
                        "With the lock record damaged no passphrase can be checked and the encrypted records cannot be opened. Download the raw data first and keep it (a technician can restore it once the lock record is recovered); then keep the encrypted records and the damaged lock aside, unchanged, start an empty record and restore a backup file into it.") }</p>
                    <button type="button" id="lock-download-raw" onclick={on_download}>
                        { tr(lang, "下载原始数据（原样保存）", "Download the raw data (as stored)") }
                    </button>
                    <button type="button" id="lock-start-over" onclick={on_start_over}>
                        { tr(lang, "原样另存一旁，从空记录开始", "Keep it all aside, unchanged, and start an empty record") }
                    </button>
                </div>
            }
        </section>
    }
}

fn damaged(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::ZhCn => format!("加密记录（xinfang.lock）无法读取：{detail}。数据保持原样、未被改动。"),
        Lang::En => format!(
            "The encryption record (xinfang.lock) cannot be read: {detail}. The data is left as it was."
        ),
    }
}
