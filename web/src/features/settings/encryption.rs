//! 数据加密 (`#settings-encryption`): set a passphrase for the data in this
//! browser (`#enc-new`, `#enc-confirm`, `#enc-set`), change it or remove it
//! (both ask the current one, `#enc-current`; `#enc-change`, `#enc-remove`),
//! and finish a change that was cut short (`#enc-finish`). Every record
//! value is rewritten (`crypt::rewrite`, which never leaves the store
//! unreadable); the outcome is `#enc-message` or `#enc-error`, a wrong
//! field's reason a `.field-error` beside it.

use std::time::Duration;

use yew::prelude::*;

use crate::context::use_app;
use crate::i18n::{tr, Lang};
use crate::persist::browser::{now_ms, random_bytes, set_session, with_session, BrowserKv};
use crate::persist::crypt::{self, NewKey, Rewritten, UnlockError};
use crate::persist::kv::QUOTA_BYTES;
use crate::state::{Msg, Notice};

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Set,
    Change,
    Remove,
    Finish,
}

/// The section's outcome and field errors.
#[derive(Debug, Clone, Default, PartialEq)]
struct View {
    busy: bool,
    current: Option<String>,
    new: Option<String>,
    confirm: Option<String>,
    error: Option<String>,
    message: Option<String>,
    kdf_ms: Option<f64>,
}

fn value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default()
}

fn clear(nodes: &[&NodeRef]) {
    for node in nodes {
        if let Some(i) = node.cast::<web_sys::HtmlInputElement>() {
            i.set_value("");
        }
    }
}

/// Runs `op` (deriving keys takes about a second each); the view's next state.
fn run(lang: Lang, op: Op, current: &str, new: &str, confirm: &str) -> View {
    let mut view = View::default();
    if matches!(op, Op::Set | Op::Change) {
        if let Err((field, msg)) = crypt::check_new(lang, new, confirm) {
            match field {
                "new" => view.new = Some(msg),
                _ => view.confirm = Some(msg),
            }
            return view;
        }
    }
    let kv = BrowserKv;
    let mut rng = |buf: &mut [u8]| random_bytes(buf);
    let lock = match crypt::read_lock(&kv) {
        Ok(lock) => lock,
        Err(detail) => {
            view.error = Some(detail);
            return view;
        }
    };
    let start = now_ms();
    // The current passphrase, checked against the lock record.
    let session = match (&lock, op) {
        (Some(lock), Op::Change | Op::Remove) => match crypt::unlock(lock, current) {
            Ok(session) => Some(session),
            Err(UnlockError::Wrong) => {
                view.current =
                    Some(tr(lang, "当前口令不正确", "The current passphrase is wrong").into());
                view.kdf_ms = Some(now_ms() - start);
                return view;
            }
            Err(UnlockError::Damaged(d)) => {
                view.error = Some(d);
                return view;
            }
        },
        _ => None,
    };
    let outcome: Result<Rewritten, String> = match (op, &lock) {
        (Op::Finish, Some(lock)) => match with_session(|s| s.cloned()) {
            Some(session) => crypt::finish(&kv, lock, session, &mut rng),
            None => Err("no session".into()),
        },
        (Op::Set, None) | (Op::Change, Some(_)) => {
            crypt::new_key(new, &crypt::DEFAULT_KDF, &mut rng).and_then(|key: NewKey| {
                view.kdf_ms = Some(now_ms() - start);
                crypt::rewrite(
                    lang,
                    &kv,
                    lock.as_ref(),
                    session.as_ref(),
                    Some(key),
                    QUOTA_BYTES,
                    &mut rng,
                )
            })
        }
        (Op::Remove, Some(_)) => {
            view.kdf_ms = Some(now_ms() - start);
            crypt::rewrite(lang, &kv, lock.as_ref(), session.as_ref(), None, QUOTA_BYTES, &mut rng)
        }
        _ => Err(tr(
            lang,
            "加密状态已在其他标签页中改变，请刷新页面",
            "Encryption was changed in another tab: reload the page",
        )
        .into()),
    };
    match outcome {
        Ok(done) => {
            set_session(done.session);
            view.message = Some(match (&done.interrupted, op) {
                (Some(d), _) => match lang {
                    Lang::ZhCn => format!("数据重写未能全部完成（{d}）。数据仍可用新旧口令读取；释放存储空间后点击“完成重写”，或下次解锁时自动完成。"),
                    Lang::En => format!("The rewrite did not finish ({d}). The data stays readable with either passphrase; free some space and press “Finish”, or it finishes at the next unlock."),
                },
                (None, Op::Set) => tr(lang, "已设置口令，本机数据已加密保存。", "Passphrase set: the data in this browser is stored encrypted.").into(),
                (None, Op::Change) => tr(lang, "口令已更换，数据已用新口令重新加密。", "Passphrase changed: the data is encrypted with the new one.").into(),
                (None, Op::Remove) => tr(lang, "已取消加密，本机数据恢复为不加密保存。", "Encryption removed: the data in this browser is stored plain again.").into(),
                (None, Op::Finish) => tr(lang, "数据重写已完成。", "The rewrite is finished.").into(),
            });
        }
        Err(detail) => view.error = Some(detail),
    }
    view
}

/// `#settings-encryption`.
#[component]
pub fn SettingsEncryption() -> Html {
    let app = use_app();
    let lang = app.lang();
    let view = use_state(View::default);
    let (current, new, confirm) = (use_node_ref(), use_node_ref(), use_node_ref());
    let lock = crypt::read_lock(&BrowserKv).ok().flatten();
    let on = lock.is_some();
    let pending = lock.as_ref().is_some_and(|l| l.pending.is_some());

    let start = |op: Op| {
        let (view, app) = (view.clone(), app.clone());
        let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            if view.busy {
                return;
            }
            let (c, n, f) = (value(&current), value(&new), value(&confirm));
            view.set(View { busy: true, ..View::default() });
            let (view, app) = (view.clone(), app.clone());
            let fields = (current.clone(), new.clone(), confirm.clone());
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(Duration::from_millis(30)).await;
                let next = run(lang, op, &c, &n, &f);
                if next.message.is_some() {
                    clear(&[&fields.0, &fields.1, &fields.2]);
                    // The backup's warning and the storage figure follow.
                    let text = next.message.clone().unwrap_or_default();
                    app.dispatch(Msg::Notify(Notice { ok: true, text }));
                }
                view.set(next);
            });
        })
    };
    let field_error = |id: &'static str, error: &Option<String>| match error {
        Some(text) => html! { <span id={id} class="field-error">{ text.clone() }</span> },
        None => html! {},
    };
    let v = (*view).clone();

    html! {
        <section id="settings-encryption" class="settings-section settings-encryption"
                 data-encrypted={on.to_string()} data-pending={pending.to_string()}
                 data-busy={v.busy.to_string()}
                 data-kdf-ms={v.kdf_ms.map(|ms| format!("{ms:.0}"))}>
            <h3>{ tr(lang, "数据加密", "Encryption") }</h3>
            <p class="enc-explain">
                { tr(lang,
                    "可为本机保存的案件记录和工作台账设置口令，加密保存（XChaCha20-Poly1305，口令经 Argon2id 派生密钥）。每次打开页面都需输入口令。请牢记口令：没有口令，任何人——包括技术支持人员——都无法读取这些数据，口令也无法找回。口令本身不会被保存。",
                    "You can set a passphrase so that the case record and work ledgers in this browser are stored encrypted (XChaCha20-Poly1305, the key derived by Argon2id). The page asks for it each time it opens. Keep it safe: without it nobody, support staff included, can read this data, and it cannot be recovered. The passphrase itself is never stored.") }
            </p>
            <p id="enc-state" class="enc-state">
                { if on { tr(lang, "状态：已加密", "Status: encrypted") } else { tr(lang, "状态：未加密", "Status: not encrypted") } }
            </p>
            if pending {
                <p id="enc-pending" class="enc-pending" role="alert">
                    { tr(lang, "上次更换口令时数据重写未完成（数据仍可读取）。", "The last rewrite did not finish (the data stays readable).") }
                    <button id="enc-finish" type="button" onclick={start(Op::Finish)} disabled={v.busy}>
                        { tr(lang, "完成重写", "Finish") }
                    </button>
                </p>
            }
            <div class="enc-fields">
                if on {
                    <label>{ tr(lang, "当前口令", "Current passphrase") }
                        <input id="enc-current" ref={current.clone()} type="password" autocomplete="current-password" />
                    </label>
                    { field_error("enc-current-error", &v.current) }
                }
                <label>{ if on { tr(lang, "新口令", "New passphrase") } else { tr(lang, "口令", "Passphrase") } }
                    <input id="enc-new" ref={new.clone()} type="password" autocomplete="new-password" />
                </label>
                { field_error("enc-new-error", &v.new) }
                <label>{ tr(lang, "再次输入", "Repeat it") }
                    <input id="enc-confirm" ref={confirm.clone()} type="password" autocomplete="new-password" />
                </label>
                { field_error("enc-confirm-error", &v.confirm) }
            </div>
            <div class="enc-buttons">
                if on {
                    <button id="enc-change" type="button" onclick={start(Op::Change)} disabled={v.busy}>
                        { tr(lang, "更换口令", "Change the passphrase") }
                    </button>
                    <button id="enc-remove" type="button" onclick={start(Op::Remove)} disabled={v.busy}>
                        { tr(lang, "取消加密（需当前口令）", "Remove encryption (asks the current one)") }
                    </button>
                } else {
                    <button id="enc-set" type="button" onclick={start(Op::Set)} disabled={v.busy}>
                        { tr(lang, "设置口令并加密", "Set the passphrase and encrypt") }
                    </button>
                }
            </div>
            if v.busy {
                <p id="enc-busy">{ tr(lang, "正在处理（派生密钥、重写数据）……", "Working (deriving the key, rewriting the data)…") }</p>
            }
            if let Some(text) = v.message.clone() {
                <p id="enc-message" class="enc-message" role="status">{ text }</p>
            }
            if let Some(text) = v.error.clone() {
                <p id="enc-error" class="field-error" role="alert">{ text }</p>
            }
        </section>
    }
}
