//! The browser's `localStorage` as a [`KeyValue`] ([`BrowserKv`]),
//! encryption-aware through this tab's session key, and the page's clock
//! for timings.

use std::cell::RefCell;

use crate::persist::kv::KeyValue;

/// The browser's `localStorage`, encryption-aware: while a session key is
/// set ([`set_session`], after the lock screen), the values of the record
/// keys ([`crate::persist::crypt::is_record_key`]: everything under
/// `xinfang.office`, `xinfang.sandbox`, their `-aside-` copies and `.work`)
/// are sealed on `set` and opened on `get`, so every reader and writer
/// (the record, the work ledgers, backup, sandbox) is covered in this one
/// place; the preferences, `xinfang.space` and `xinfang.lock` stay plain.
/// A value that fails to open is an `Err` with the reason (the loaders then
/// report the record unreadable and keep it). [`KeyValue::get_raw`] and
/// [`usage`] see what is stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserKv;

thread_local! {
    /// The unlocked key(s) of this tab; never stored, gone with the page.
    static SESSION: RefCell<Option<crate::persist::crypt::Session>> = const { RefCell::new(None) };
}

/// Sets (or, with `None`, clears) this tab's session key.
pub fn set_session(session: Option<crate::persist::crypt::Session>) {
    SESSION.with(|s| *s.borrow_mut() = session);
}

/// Runs `f` with this tab's session key, if any.
pub fn with_session<R>(f: impl FnOnce(Option<&crate::persist::crypt::Session>) -> R) -> R {
    SESSION.with(|s| f(s.borrow().as_ref()))
}

/// Follows a lock record another tab wrote (`None`: removed): `false` when
/// this tab cannot read the store with its session any more (the page
/// must ask for the passphrase again).
pub fn follow_lock(lock: Option<&crate::persist::crypt::Lock>) -> bool {
    SESSION.with(|cell| {
        let mut session = cell.borrow_mut();
        match (session.as_mut(), lock) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(s), lock) => {
                let ok = s.follow(lock);
                if ok && lock.is_none() {
                    *session = None;
                }
                ok
            }
        }
    })
}

/// Whether the page must ask for the passphrase: a lock record is stored
/// and this tab holds no key.
pub fn needs_unlock() -> bool {
    let stored = BrowserKv.get_raw(crate::persist::crypt::LOCK_KEY).ok().flatten().is_some();
    stored && with_session(|s| s.is_none())
}

/// Whether this tab writes the record sealed (encryption is on).
pub fn encryption_on() -> bool {
    with_session(|s| s.is_some_and(crate::persist::crypt::Session::writes_sealed))
}

/// Fills `buf` from the browser's `crypto.getRandomValues`.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), String> {
    let crypto = web_sys::window().ok_or("no window")?.crypto().map_err(js_message)?;
    crypto.get_random_values_with_u8_array(buf).map(drop).map_err(js_message)
}

impl BrowserKv {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .ok_or("no window")?
            .local_storage()
            .map_err(js_message)?
            .ok_or_else(|| "localStorage is not available".to_owned())
    }
}

fn js_message(err: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        let name = String::from(e.name());
        let message = String::from(e.message());
        return format!("{name}: {message}");
    }
    err.as_string().unwrap_or_else(|| format!("{err:?}"))
}

impl KeyValue for BrowserKv {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        use crate::persist::crypt::{is_record_key, open_value, sealed_parts, LOCK_GONE, LOCK_KEY};
        let Some(stored) = self.get_raw(key)? else { return Ok(None) };
        // A sealed value, no key in this tab, and no lock record to get one
        // from: say that, not "unlock first" (there is nothing to unlock).
        let lock_gone = is_record_key(key)
            && sealed_parts(&stored).is_some()
            && with_session(|s| s.is_none())
            && self.get_raw(LOCK_KEY)?.is_none();
        if lock_gone {
            return Err(LOCK_GONE.into());
        }
        with_session(|s| open_value(s, key, stored)).map(Some)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let sealed = with_session(|s| {
            crate::persist::crypt::seal_value(s, key, value, &mut |buf: &mut [u8]| {
                random_bytes(buf)
            })
        })?;
        self.set_raw(key, sealed.as_deref().unwrap_or(value))
    }
    fn get_raw(&self, key: &str) -> Result<Option<String>, String> {
        Self::storage()?.get_item(key).map_err(js_message)
    }
    fn set_raw(&self, key: &str, value: &str) -> Result<(), String> {
        Self::storage()?.set_item(key, value).map_err(js_message)
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        Self::storage()?.remove_item(key).map_err(js_message)
    }
    fn keys(&self) -> Vec<String> {
        let Ok(storage) = Self::storage() else { return Vec::new() };
        let n = storage.length().unwrap_or(0);
        (0..n).filter_map(|i| storage.key(i).ok().flatten()).collect()
    }
}

/// Milliseconds from the page's clock (`performance.now()`), for the
/// load and save timings; 0 where there is none.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
