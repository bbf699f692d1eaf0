//! Storage benchmark: prints figures, asserts nothing about speed.
//!
//! With the built app (`$XINFANG_DIST` or `dist/`) in headless Chromium, for
//! records of 100 and 20,000 sample cases written in the app's storage
//! format: the space they take, the app's own load time and the time of a
//! single save (one registration through the form), read from the
//! `data-load-ms`/`data-save-ms` attributes of `#storage-usage`. Baselines
//! from the same run: in the browser, reading every stored value
//! (`getItem` of each key, the floor for any localStorage format) and
//! `JSON.parse` of the core's whole-record JSON (100 cases; 20,000 cases'
//! 60 MB does not fit through WebDriver comfortably); natively,
//! `Office::from_json` of the whole record against `record::load`.
//! Also the wasm's size, raw and gzipped; and the 20,000-case record
//! encrypted with a passphrase (Argon2id + XChaCha20-Poly1305, the app's
//! default parameters): its size, the unlock, and its load against the
//! plain record's load measured in the same run.
//!
//! Run: `cargo xtask dist && cargo bench -p xinfang-tests --bench storage`.

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

use std::io::Write;
use std::time::Instant;

use chrono::NaiveDate;
use serde_json::{json, Value};
use xinfang_core::Office;
use xinfang_web::persist::kv::{self, MemoryKv, QUOTA_BYTES, REAL_PREFIX};
use xinfang_web::persist::record::{self, SaveRequest};
use xinfang_web::persist::sandbox;

use harness::Browser;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn wasm_size() {
    let path = harness::dist_dir().join("xinfang_web_bg.wasm");
    let raw = std::fs::read(&path).expect("the built wasm");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&raw).expect("gzip");
    let gzipped = gz.finish().expect("gzip").len();
    println!(
        "wasm {}: {} bytes raw, {} bytes gzipped ({:.0}%)",
        path.display(),
        raw.len(),
        gzipped,
        100.0 * gzipped as f64 / raw.len() as f64
    );
}

/// The stored form of `office` as the app writes it: key -> value.
fn stored(office: &Office) -> (MemoryKv, f64) {
    let kv = MemoryKv::default();
    let start = Instant::now();
    let req = SaveRequest {
        prefix: REAL_PREFIX,
        office,
        saved: None,
        settings_changed: true,
        sample: None,
    };
    record::save(&kv, req).expect("save");
    (kv, ms(start))
}

async fn number_attr(b: &Browser, name: &str) -> f64 {
    b.attr_of("#storage-usage", name).await.and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

async fn register_one(b: &Browser) {
    b.click("#nav-register").await;
    b.wait_for("the registration form", || async { b.exists("#reg-submit").await.then_some(()) })
        .await;
    b.type_into("#reg-name-0", "测试").await;
    b.select_by_label("#reg-category", "劳动和社会保障 / 拖欠工资").await;
    b.select_by_label("#reg-township", "河口乡").await;
    b.type_into("#reg-village", "东岗村").await;
    b.type_into("#reg-summary", "基准测试：登记一件").await;
    b.click("#reg-submit").await;
}

/// The time from typing a search word into the case list until its page
/// info changes, measured in the page (`performance.now()` and a
/// `MutationObserver`), so WebDriver's own latency is not counted.
async fn search_ms(b: &Browser, word: &str) -> f64 {
    b.go_to_hash("#/cases").await;
    b.wait_for("the case list", || async {
        b.text_of("#page-info").await.filter(|t| !t.is_empty())
    })
    .await;
    b.script(
        "window.__t1 = null;
         const info = document.querySelector('#page-info');
         new MutationObserver(() => { if (window.__t1 === null) window.__t1 = performance.now(); })
           .observe(info, { childList: true, subtree: true, characterData: true });
         const input = document.querySelector('#search');
         window.__t0 = performance.now();
         input.value = arguments[0];
         input.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(word)],
    )
    .await;
    b.wait_for("the list to narrow", || async {
        let v = b
            .script("return window.__t1 === null ? null : window.__t1 - window.__t0;", vec![])
            .await;
        v.as_f64()
    })
    .await
}

/// What one size measured in the browser.
struct Browsed {
    load_ms: f64,
    search_ms: f64,
}

async fn measure(cases: u32) -> Browsed {
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let start = Instant::now();
    let office = sandbox::sample_office(2026, today, cases).expect("sample");
    let generated = ms(start);
    let entries = office.log().len();
    let (kv, native_save) = stored(&office);
    let bytes = kv::usage(&kv);
    let values = kv.snapshot();

    // Native baselines.
    let whole = office.to_json();
    let start = Instant::now();
    let from_json = Office::from_json(&whole).expect("from_json");
    let native_from_json = ms(start);
    assert_eq!(from_json.log().head(), office.log().head());
    let start = Instant::now();
    let loaded = record::load(&kv, REAL_PREFIX).expect("load").expect("a record");
    let native_load = ms(start);
    assert_eq!(loaded.office.log().head(), office.log().head());

    println!(
        "\n{cases} cases ({entries} log entries; sample generated natively in {generated:.0} ms)"
    );
    println!(
        "  stored: {bytes} bytes in {} keys = {:.1}% of Chromium's {} MiB (core whole-record JSON: {} bytes as UTF-16)",
        values.len(),
        100.0 * bytes as f64 / QUOTA_BYTES as f64,
        QUOTA_BYTES >> 20,
        2 * whole.encode_utf16().count()
    );
    println!(
        "  native: save all {native_save:.0} ms; load {native_load:.0} ms vs Office::from_json {native_from_json:.0} ms (ratio {:.2})",
        native_load / native_from_json
    );

    let b = Browser::open().await;
    b.script(
        "const v = arguments[0]; localStorage.clear();
         for (const k of Object.keys(v)) localStorage.setItem(k, v[k]);",
        vec![json!(values)],
    )
    .await;
    b.reload().await;
    b.wait_for("the record to load", || async {
        let bytes = b.attr_of("#storage-usage", "data-bytes").await?;
        (bytes.parse::<usize>().ok()? > 0).then_some(())
    })
    .await;
    assert!(!b.exists("#office-problem").await, "the record loads without a problem");
    b.go_to_hash(&format!("#/case/{cases}")).await;
    b.wait_for("the last case", || async {
        b.text_of("#page-case #case-number").await.filter(|t| !t.is_empty())
    })
    .await;
    let load_ms = number_attr(&b, "data-load-ms").await;
    let search_ms = search_ms(&b, "工资").await;

    // Browser baselines: reading every value; JSON.parse of the whole record.
    let read = b
        .script(
            "const t = performance.now(); let n = 0;
             for (let i = 0; i < localStorage.length; i++) n += localStorage.getItem(localStorage.key(i)).length;
             return [performance.now() - t, n];",
            vec![],
        )
        .await;
    let read_ms = read[0].as_f64().unwrap_or(f64::NAN);
    let parse_ms = if whole.len() < 8 << 20 {
        let v: Value = b
            .script(
                "const s = arguments[0]; const t = performance.now(); JSON.parse(s);
                 return performance.now() - t;",
                vec![json!(whole)],
            )
            .await;
        v.as_f64()
    } else {
        None
    };

    register_one(&b).await;
    b.wait_for("the save", || async {
        let text = b.local_storage("xinfang.office.head").await?;
        let head: Value = serde_json::from_str(&text).ok()?;
        (head["entries"].as_u64()? as usize == entries + 1).then_some(())
    })
    .await;
    let save_ms = b
        .wait_for("the save time", || async {
            let v = number_attr(&b, "data-save-ms").await;
            (v > 0.0).then_some(v)
        })
        .await;
    b.close().await;

    if read_ms >= 0.1 {
        println!(
            "  browser: load {load_ms:.1} ms (reading every stored value: {read_ms:.1} ms, ratio {:.0})",
            load_ms / read_ms
        );
    } else {
        println!("  browser: load {load_ms:.1} ms (reading every stored value: < 0.1 ms)");
    }
    match parse_ms {
        Some(p) => println!(
            "  browser: JSON.parse of the core's whole-record JSON ({} bytes): {p:.1} ms (load / parse = {:.1})",
            whole.len(),
            load_ms / p
        ),
        None => println!(
            "  browser: JSON.parse of the whole record skipped ({} bytes; would not fit in localStorage anyway)",
            whole.len()
        ),
    }
    println!("  browser: one save after registering a case: {save_ms:.1} ms (native whole save {native_save:.0} ms, ratio {:.3})", save_ms / native_save);
    println!("  browser: case list, typing a search word until the list shows the result: {search_ms:.1} ms");
    Browsed { load_ms, search_ms }
}

/// A fill for salts, nonces and key ids (a bench needs no secrecy).
fn counter_rng() -> impl FnMut(&mut [u8]) -> Result<(), String> {
    let mut n: u64 = 0x5eed;
    move |buf: &mut [u8]| {
        for b in buf.iter_mut() {
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            *b = (n >> 56) as u8;
        }
        Ok(())
    }
}

/// The record of `cases` sample cases sealed with a passphrase: stored
/// size, unlocking (key derivation + opening the record) and load, in the
/// browser.
async fn measure_sealed(cases: u32, plain: &Browsed) {
    use xinfang_web::persist::crypt;
    let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let office = sandbox::sample_office(2026, today, cases).expect("sample");
    let (kv, _) = stored(&office);
    let plain_bytes = kv::usage(&kv);
    let mut rng = counter_rng();
    let start = Instant::now();
    let key = crypt::new_key("bench-passphrase", &crypt::DEFAULT_KDF, &mut rng).expect("a key");
    let derive = ms(start);
    let start = Instant::now();
    let lang = xinfang_web::i18n::Lang::ZhCn;
    let done = crypt::rewrite(lang, &kv, None, None, Some(key), QUOTA_BYTES * 2, &mut rng)
        .expect("sealed");
    assert!(done.interrupted.is_none());
    let seal = ms(start);
    let sealed_bytes = kv::usage(&kv);
    let values = kv.snapshot();

    let b = Browser::open().await;
    b.script(
        "const v = arguments[0]; localStorage.clear();
         for (const k of Object.keys(v)) localStorage.setItem(k, v[k]);",
        vec![json!(values)],
    )
    .await;
    b.reload_any().await;
    b.wait_for("the lock screen", || async { b.exists("#lock-screen").await.then_some(()) }).await;
    b.type_into("#lock-passphrase", "bench-passphrase").await;
    let start = Instant::now();
    b.click("#lock-open").await;
    b.wait_for("the record to load", || async {
        let bytes = b.attr_of("#storage-usage", "data-bytes").await?;
        (bytes.parse::<usize>().ok()? > 0).then_some(())
    })
    .await;
    let unlock_wall = ms(start);
    assert!(!b.exists("#office-problem").await, "the sealed record loads without a problem");
    let load_ms = number_attr(&b, "data-load-ms").await;
    b.close().await;
    println!(
        "
{cases} cases encrypted with a passphrase (Argon2id {} MiB, t={}; XChaCha20-Poly1305 per value)",
        crypt::DEFAULT_KDF.m_kib / 1024,
        crypt::DEFAULT_KDF.t
    );
    println!(
        "  stored: {sealed_bytes} bytes (plain {plain_bytes}, ratio {:.3}); natively: key derivation {derive:.0} ms, sealing every value {seal:.0} ms",
        sealed_bytes as f64 / plain_bytes as f64
    );
    println!(
        "  browser: from the click on 打开 to the record shown {unlock_wall:.0} ms; the record's load {load_ms:.1} ms against {:.1} ms plain in this run (ratio {:.2})",
        plain.load_ms,
        load_ms / plain.load_ms
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; there are no options.
    wasm_size();
    let small = measure(100).await;
    let large = measure(20_000).await;
    println!(
        "\n20,000 against 100 cases (200x the data): load {:.1}x, a search keystroke {:.1}x",
        large.load_ms / small.load_ms,
        large.search_ms / small.search_ms
    );
    measure_sealed(20_000, &large).await;
}
