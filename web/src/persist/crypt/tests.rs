//! Unit tests of the store's encryption, over `MemoryKv`.

use std::cell::{Cell, RefCell};

use chrono::NaiveDate;
use xinfang_core::WorkLedgers;

use super::*;

use crate::persist::kv::{is_quota_error, MemoryKv, REAL_PREFIX};
use crate::persist::pack::pack;
use crate::persist::record::{self, SaveRequest};
use crate::persist::sandbox::sample_office;

/// Cheap parameters: the tests derive many keys.
fn kdf() -> KdfParams {
    KdfParams { alg: String::new(), m_kib: 64, t: 1, p: 1 }
}

/// A deterministic source of distinct bytes (xorshift).
fn rng() -> impl FnMut(&mut [u8]) -> Result<(), String> {
    thread_local!(static SEED: Cell<u64> = const { Cell::new(0x9e37_79b9_7f4a_7c15) });
    let seed = SEED.with(|s| {
        s.set(s.get().wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1));
        s.get() | 1
    });
    let state = Cell::new(seed);
    move |buf: &mut [u8]| {
        for b in buf {
            let mut x = state.get();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            state.set(x);
            *b = (x >> 24) as u8;
        }
        Ok(())
    }
}

/// What `BrowserKv` is, over a map: seals and opens with a session.
struct SealedKv<'a> {
    inner: &'a MemoryKv,
    session: RefCell<Option<Session>>,
}

impl KeyValue for SealedKv<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        let Some(stored) = self.inner.get(key)? else { return Ok(None) };
        open_value(self.session.borrow().as_ref(), key, stored).map(Some)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let mut r = rng();
        let sealed = seal_value(self.session.borrow().as_ref(), key, value, &mut r)?;
        self.inner.set(key, sealed.as_deref().unwrap_or(value))
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
    fn get_raw(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get(key)
    }
    fn set_raw(&self, key: &str, value: &str) -> Result<(), String> {
        self.inner.set(key, value)
    }
}

/// A store that fills up after `left` more writes (a browser whose quota
/// turns out smaller than expected; the estimate passed).
struct FillsUp<'a> {
    inner: &'a MemoryKv,
    left: Cell<usize>,
}

impl KeyValue for FillsUp<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        if self.left.get() == 0 {
            return Err("QuotaExceededError: the quota has been exceeded.".into());
        }
        self.left.set(self.left.get() - 1);
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), String> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
}

const SUMMARY: &str = "加密测试：村道硬化款项未到位";
const BIG: usize = usize::MAX / 4;

/// A store holding a sample record (with settings, sealed chunks, an open
/// chunk), work ledgers, the preferences and the space.
fn filled() -> MemoryKv {
    let kv = MemoryKv::default();
    let day = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let office = sample_office(3, day, 60).unwrap();
    record::save(&kv, SaveRequest::whole(REAL_PREFIX, &office)).unwrap();
    let work = crate::persist::work::envelope_text(&WorkLedgers::default(), 1);
    kv.set("xinfang.office.work", &work).unwrap();
    kv.set("xinfang.office-aside-1.settings", &format!("{{\"summary\":\"{SUMMARY}\"}}")).unwrap();
    kv.set("xinfang", "{\"version\":1,\"settings\":{\"lang\":\"zh-CN\"}}").unwrap();
    kv.set("xinfang.space", "real").unwrap();
    kv
}

fn set_passphrase(kv: &MemoryKv, pass: &str) -> Session {
    let mut r = rng();
    let new = new_key(pass, &kdf(), &mut r).unwrap();
    let done = rewrite(Lang::ZhCn, kv, None, None, Some(new), BIG, &mut r).unwrap();
    assert_eq!(done.interrupted, None);
    done.session.unwrap()
}

fn lock_of(kv: &MemoryKv) -> Lock {
    read_lock(kv).unwrap().unwrap()
}

#[test]
fn record_keys_are_told_apart() {
    for k in [
        "xinfang.office.head",
        "xinfang.office.log.3",
        "xinfang.office.work",
        "xinfang.sandbox.head",
        "xinfang.office-aside-2.settings",
    ] {
        assert!(is_record_key(k), "{k}");
    }
    for k in
        ["xinfang", "xinfang.space", "xinfang.lock", "xinfang.backup", "xinfang.officer", "other"]
    {
        assert!(!is_record_key(k), "{k}");
    }
}

#[test]
fn a_value_round_trips_and_a_tampered_one_is_refused() {
    let mut r = rng();
    let key = new_key("correct horse", &kdf(), &mut r).unwrap().key;
    for plain in ["", "{\"a\":1}", &"案件".repeat(500), &pack(&"{\"x\":[1,2,3]}".repeat(200))] {
        let sealed = key.seal("xinfang.office.head", plain, &mut r).unwrap();
        assert!(sealed.starts_with(&format!("{SEALED}{}:", key.id())), "{sealed}");
        assert_eq!(key.open("xinfang.office.head", &sealed).unwrap(), plain);
        // Another storage key (a value moved) does not open.
        assert!(key.open("xinfang.office.settings", &sealed).is_err());
        // One unit changed anywhere in the body does not open.
        let mut chars: Vec<char> = sealed.chars().collect();
        let i = chars.len() - 3;
        chars[i] = char::from_u32(u32::from(chars[i]) ^ 1).unwrap();
        let tampered: String = chars.into_iter().collect();
        assert!(key.open("xinfang.office.head", &tampered).is_err());
    }
    // Packed text costs about 16/15 of its size, not the 8/5 of UTF-8.
    let packed = pack(&(0..3000).map(|i| format!("{{\"n\":{i}}}")).collect::<String>());
    let sealed = key.seal("k", &packed, &mut r).unwrap();
    let (a, b) = (packed.encode_utf16().count(), sealed.encode_utf16().count());
    assert!(b * 100 < a * 110 + 4000, "{a} -> {b}");
    // JSON is deflated before it is sealed.
    let json = "{\"event\":\"registered\",\"case\":12}".repeat(100);
    assert!(key.seal("k", &json, &mut r).unwrap().encode_utf16().count() < json.len() / 4);
}

#[test]
fn a_wrong_passphrase_is_refused_by_the_verifier() {
    let kv = filled();
    set_passphrase(&kv, "correct horse");
    let lock = lock_of(&kv);
    assert_eq!(unlock(&lock, "correct hors").unwrap_err(), UnlockError::Wrong);
    assert_eq!(unlock(&lock, "").unwrap_err(), UnlockError::Wrong);
    assert!(unlock(&lock, "correct horse").is_ok());
    // The lock record holds no passphrase and no key.
    let text = kv.get(LOCK_KEY).unwrap().unwrap();
    assert!(!text.contains("correct horse"));
    assert!(Lock::read("{\"format\":\"other\",\"version\":1,\"key\":null}").is_err());
    let newer = text.replacen("\"version\":1", "\"version\":9", 1);
    assert!(Lock::read(&newer).unwrap_err().contains("newer"));
    let huge = text.replacen("\"m_kib\":64", "\"m_kib\":99999999", 1);
    assert!(Lock::read(&huge).is_err(), "a lock made to hang the page is refused");
}

#[test]
fn a_damaged_lock_record_is_told_apart_from_a_wrong_passphrase() {
    let kv = filled();
    set_passphrase(&kv, "correct horse");
    let text = kv.get(LOCK_KEY).unwrap().unwrap();
    let lock = Lock::read(&text).unwrap();
    assert!(lock.check.as_deref().is_some_and(|c| c.len() == 64), "{text}");
    // One digit of the salt changed: without the check this would read as
    // a wrong passphrase; with it the record is damaged.
    let salt = lock.key.as_ref().unwrap().salt.clone();
    let first = salt.chars().next().unwrap();
    let other = if first == '0' { '1' } else { '0' };
    let damaged = text.replacen(&salt, &format!("{other}{}", &salt[1..]), 1);
    assert_ne!(damaged, text);
    assert!(Lock::read(&damaged).unwrap_err().contains("校验值不符"));
    // A lock record written before the check reads as before.
    let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
    old.as_object_mut().unwrap().remove("check");
    let old = Lock::read(&old.to_string()).unwrap();
    assert_eq!(old.check, None);
    assert!(unlock(&old, "correct horse").is_ok());
}

#[test]
fn the_record_is_sealed_and_plain_keys_stay_plain() {
    let kv = filled();
    let before = kv.snapshot();
    let session = set_passphrase(&kv, "correct horse");
    let after = kv.snapshot();
    for (k, v) in &after {
        if is_record_key(k) {
            assert!(v.starts_with(SEALED), "{k} sealed");
            assert!(!v.contains(SUMMARY) && !v.contains("format"), "{k}");
        } else if k != LOCK_KEY {
            assert_eq!(Some(v), before.get(k), "{k} untouched");
        }
    }
    // The loaders read it through the session as before.
    let sealed = SealedKv { inner: &kv, session: RefCell::new(Some(session)) };
    let loaded = record::load(&sealed, REAL_PREFIX).unwrap().unwrap();
    let plain = record::load(&filled(), REAL_PREFIX).unwrap().unwrap();
    assert_eq!(loaded.office.log().head(), plain.office.log().head());
    assert!(crate::persist::work::load(&sealed, REAL_PREFIX).unwrap().is_some());
    assert_eq!(
        sealed.get("xinfang.office-aside-1.settings").unwrap().unwrap(),
        before["xinfang.office-aside-1.settings"]
    );
    // A save through it is sealed too (a restore goes through it as well).
    let office = sample_office(4, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 30).unwrap();
    crate::persist::backup::replace(
        &sealed,
        REAL_PREFIX,
        &office,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    )
    .unwrap();
    for (k, v) in kv.snapshot() {
        assert!(!is_record_key(&k) || v.starts_with(SEALED), "{k} sealed after a restore");
    }
    let back = record::load(&sealed, REAL_PREFIX).unwrap().unwrap();
    assert_eq!(back.office.log().head(), office.log().head());
    // Without the session, nothing opens: the loaders report it.
    let locked = SealedKv { inner: &kv, session: RefCell::new(None) };
    assert!(record::load(&locked, REAL_PREFIX).is_err());
    // A plain value slipped into the encrypted store is refused.
    kv.set("xinfang.office.head", "{}").unwrap();
    assert!(sealed.get("xinfang.office.head").unwrap_err().contains("未加密"));
}

#[test]
fn change_and_remove_rewrite_every_value() {
    let kv = filled();
    let plain = kv.snapshot();
    let session = set_passphrase(&kv, "first passphrase");
    let lock = lock_of(&kv);
    let mut r = rng();
    let new = new_key("second passphrase", &kdf(), &mut r).unwrap();
    let new_id = new.slot.id.clone();
    let done =
        rewrite(Lang::ZhCn, &kv, Some(&lock), Some(&session), Some(new), BIG, &mut r).unwrap();
    assert_eq!(done.interrupted, None);
    let lock = lock_of(&kv);
    assert_eq!(lock.pending, None);
    assert_eq!(unlock(&lock, "first passphrase").unwrap_err(), UnlockError::Wrong);
    let session = unlock(&lock, "second passphrase").unwrap();
    for (k, v) in kv.snapshot() {
        if is_record_key(&k) {
            assert_eq!(sealed_parts(&v).unwrap().0, new_id, "{k}");
        }
    }
    // Removing it (the current passphrase verified by unlocking).
    let done = rewrite(Lang::ZhCn, &kv, Some(&lock), Some(&session), None, BIG, &mut r).unwrap();
    assert!(done.session.is_none() && done.interrupted.is_none());
    assert_eq!(kv.snapshot(), plain, "byte for byte as before");
    // Without the current key nothing is done.
    let session2 = set_passphrase(&kv, "third passphrase");
    drop(session2);
    let lock = lock_of(&kv);
    let before = kv.snapshot();
    assert!(rewrite(Lang::ZhCn, &kv, Some(&lock), None, None, BIG, &mut r).is_err());
    assert_eq!(kv.snapshot(), before);
}

#[test]
fn a_rewrite_that_would_not_fit_changes_nothing() {
    let kv = filled();
    let before = kv.snapshot();
    let mut r = rng();
    let new = new_key("correct horse", &kdf(), &mut r).unwrap();
    let quota = 100;
    let err = rewrite(Lang::ZhCn, &kv, None, None, Some(new), quota, &mut r).unwrap_err();
    assert!(err.contains("空间不足"), "{err}");
    assert_eq!(kv.snapshot(), before);
}

#[test]
fn an_interrupted_rewrite_stays_readable_and_is_finished_on_unlock() {
    for from_plain in [true, false] {
        let kv = filled();
        let plain = kv.snapshot();
        let (lock, session) = if from_plain {
            (None, None)
        } else {
            let s = set_passphrase(&kv, "old passphrase");
            (Some(lock_of(&kv)), Some(s))
        };
        // The browser's quota turns out smaller than expected: the writes
        // stop part-way, after the lock record and three values.
        let small = MemoryKv::default();
        *small.map.borrow_mut() = kv.snapshot();
        let full = FillsUp { inner: &small, left: Cell::new(4) };
        let mut r = rng();
        let new = new_key("new passphrase", &kdf(), &mut r).unwrap();
        let new_id = new.slot.id.clone();
        let done =
            rewrite(Lang::ZhCn, &full, lock.as_ref(), session.as_ref(), Some(new), BIG, &mut r)
                .unwrap();
        let detail = done.interrupted.expect("cut short");
        assert!(is_quota_error(&detail), "{detail}");
        let stored = small.snapshot();
        let ids: std::collections::BTreeSet<Option<String>> = stored
            .iter()
            .filter(|(k, _)| is_record_key(k))
            .map(|(_, v)| sealed_parts(v).map(|(id, _)| id.to_owned()))
            .collect();
        assert!(ids.len() > 1 && ids.contains(&Some(new_id.clone())), "part-way: {ids:?}");
        // Readable now with the tab's session, and after a reload with
        // either passphrase (the old one for a change).
        let pending = lock_of(&small);
        assert!(pending.pending.is_some());
        let mut passes = vec!["new passphrase"];
        if !from_plain {
            passes.push("old passphrase");
        }
        for pass in passes {
            let s = unlock(&pending, pass).unwrap();
            let view = SealedKv { inner: &small, session: RefCell::new(Some(s)) };
            let loaded = record::load(&view, REAL_PREFIX).unwrap().unwrap();
            assert!(loaded.office.cases().len() > 10);
            for k in plain.keys() {
                assert_eq!(view.get(k).unwrap().as_ref(), plain.get(k), "{pass}: {k}");
            }
        }
        assert_eq!(unlock(&pending, "some other one").unwrap_err(), UnlockError::Wrong);
        // Space freed: the next unlock (here with the old passphrase when
        // there is one) finishes the rewrite.
        let roomy = MemoryKv::default();
        *roomy.map.borrow_mut() = small.snapshot();
        let pass = if from_plain { "new passphrase" } else { "old passphrase" };
        let s = unlock(&pending, pass).unwrap();
        let done = finish(&roomy, &pending, s, &mut r).unwrap();
        assert_eq!(done.interrupted, None);
        let lock = lock_of(&roomy);
        assert_eq!(lock.pending, None);
        assert_eq!(lock.key.as_ref().unwrap().id, new_id);
        for (k, v) in roomy.snapshot() {
            if is_record_key(&k) {
                assert_eq!(sealed_parts(&v).map(|p| p.0.to_owned()), Some(new_id.clone()), "{k}");
            }
        }
        if !from_plain {
            assert_eq!(unlock(&lock, "old passphrase").unwrap_err(), UnlockError::Wrong);
        }
        let view = SealedKv { inner: &roomy, session: RefCell::new(done.session) };
        for k in plain.keys() {
            assert_eq!(view.get(k).unwrap().as_ref(), plain.get(k), "{k}");
        }
    }
}

#[test]
fn another_tabs_lock_is_followed_or_asks_again() {
    let kv = filled();
    let mut tab2 = set_passphrase(&kv, "first passphrase");
    let lock = lock_of(&kv);
    let tab1 = unlock(&lock, "first passphrase").unwrap();
    // Tab 1 changes the passphrase, cut short: tab 2 follows the pending
    // record (it unwraps the new key with its own).
    let small = MemoryKv::default();
    *small.map.borrow_mut() = kv.snapshot();
    let full = FillsUp { inner: &small, left: Cell::new(3) };
    let mut r = rng();
    let new = new_key("second passphrase", &kdf(), &mut r).unwrap();
    let done =
        rewrite(Lang::ZhCn, &full, Some(&lock), Some(&tab1), Some(new), BIG, &mut r).unwrap();
    assert!(done.interrupted.is_some());
    let pending = lock_of(&small);
    assert!(tab2.follow(Some(&pending)));
    let view = SealedKv { inner: &small, session: RefCell::new(Some(tab2.clone())) };
    assert!(record::load(&view, REAL_PREFIX).unwrap().is_some());
    // A passphrase set afresh elsewhere cannot be followed: unlock again.
    let other = filled();
    set_passphrase(&other, "unrelated passphrase");
    assert!(!tab2.clone().follow(Some(&lock_of(&other))));
    // Removed elsewhere: plain again.
    assert!(tab2.follow(None));
    assert!(!tab2.writes_sealed());
}

#[test]
fn new_passphrases_are_checked() {
    assert_eq!(check_new(Lang::ZhCn, "short", "short").unwrap_err().0, "new");
    assert_eq!(check_new(Lang::ZhCn, "long enough", "long enougH").unwrap_err().0, "confirm");
    assert!(check_new(Lang::ZhCn, "八个汉字的口令呀", "八个汉字的口令呀").is_ok());
}

#[test]
fn without_a_usable_lock_the_sealed_record_is_kept_aside_as_stored() {
    let kv = filled();
    set_passphrase(&kv, "correct horse");
    let before = kv.snapshot();
    let lock = kv.get(LOCK_KEY).unwrap().unwrap();
    // A tab without a key (the lock damaged, the passphrase never checked).
    let locked = SealedKv { inner: &kv, session: RefCell::new(None) };
    assert!(record::load(&locked, REAL_PREFIX).is_err(), "nothing opens without the key");
    let now = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(9, 30, 0).unwrap();
    let aside = record::free_aside(&kv, REAL_PREFIX);
    let asides = record::asides(&locked, REAL_PREFIX).len();
    start_over(&locked, now).unwrap();
    let after = kv.snapshot();
    // Every sealed value is kept, byte for byte, under the aside prefix;
    // the lock beside it; nothing left under the record's own keys.
    for (k, v) in before.iter().filter(|(k, _)| k.starts_with("xinfang.office.")) {
        let moved = format!("{aside}{}", &k["xinfang.office".len()..]);
        assert_eq!(after.get(&moved), Some(v), "{k} kept as stored");
        assert!(!after.contains_key(k), "{k} moved");
    }
    assert_eq!(after.get(&format!("{aside}.lock")), Some(&lock));
    assert!(!after.contains_key(LOCK_KEY));
    assert!(after.get(&format!("{aside}.aside")).is_some_and(|n| n.contains("2026-12-07T09:30")));
    // An empty record can start: nothing under the real prefix reads.
    assert!(record::load(&locked, REAL_PREFIX).unwrap().is_none());
    assert_eq!(record::asides(&locked, REAL_PREFIX).len(), asides + 1);
}

/// Setting or changing the passphrase with the `n`-th write failing (the
/// page dying there, or going on), for every `n`: after a reload the
/// store opens with the old passphrase or the new one (or plain, when a
/// first passphrase never got its lock written), the next unlock finishes
/// the rewrite, and every value reads as before.
#[test]
fn a_passphrase_change_survives_a_failure_at_every_write() {
    use crate::persist::record::tests::FailingKv;
    for from_plain in [true, false] {
        let base = filled();
        let plain = base.snapshot();
        if !from_plain {
            set_passphrase(&base, "old passphrase");
        }
        let start = base.snapshot();
        let rewrite_on = |kv: &dyn KeyValue| {
            let lock = read_lock(kv).unwrap();
            let session = lock.as_ref().map(|l| unlock(l, "old passphrase").unwrap());
            let mut r = rng();
            let new = new_key("new passphrase", &kdf(), &mut r).unwrap();
            rewrite(Lang::ZhCn, kv, lock.as_ref(), session.as_ref(), Some(new), BIG, &mut r)
        };
        let counting = FailingKv { inner: &base, n: usize::MAX, dies: false, writes: 0.into() };
        rewrite_on(&counting).unwrap();
        let total = counting.writes.get();
        assert!(total > 4, "{total} writes");
        for dies in [true, false] {
            for n in 1..=total {
                let kv = MemoryKv::default();
                *kv.map.borrow_mut() = start.clone();
                let failing = FailingKv { inner: &kv, n, dies, writes: 0.into() };
                let _ = rewrite_on(&failing);
                // The next page: unlock with whichever passphrase opens it.
                let session = match read_lock(&kv).unwrap() {
                    None => None,
                    Some(lock) => {
                        let s = unlock(&lock, "new passphrase")
                            .or_else(|_| unlock(&lock, "old passphrase"))
                            .unwrap_or_else(|e| panic!("{n} {dies} {from_plain}: {e:?}"));
                        let mut r = rng();
                        finish(&kv, &lock, s, &mut r).unwrap().session
                    }
                };
                let view = SealedKv { inner: &kv, session: RefCell::new(session) };
                for k in plain.keys() {
                    assert_eq!(view.get(k).unwrap().as_ref(), plain.get(k), "{n} {dies}: {k}");
                }
            }
        }
    }
}
