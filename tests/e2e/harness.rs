//! The end-to-end harness: a [`Browser`] is a static server for `dist/`, a
//! ChromeDriver on a free port and a fresh headless Chromium session with
//! its own profile, all stopped when it is dropped. Waits poll for a
//! condition until a timeout; nothing sleeps a fixed time.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use std::{env, fs};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use xinfang_tests::static_server::StaticServer;

/// How long a wait polls before the test fails.
const TIMEOUT: Duration = Duration::from_secs(15);

/// How often a wait polls.
const POLL: Duration = Duration::from_millis(50);

/// The built web app: `$XINFANG_DIST`, or `<workspace>/dist`. Fails the
/// test (never skips it) when it is not there.
pub(crate) fn dist_dir() -> PathBuf {
    let dist = match env::var_os("XINFANG_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("dist"),
    };
    assert!(
        dist.join("index.html").is_file(),
        "the built web app is missing: {} has no index.html. Run `cargo xtask test`: it builds \
         dist/ and then runs these tests (or `cargo xtask dist` to build dist/ only).",
        dist.display()
    );
    dist
}

/// A program the tests need: `$var`, or the Debian path `default`. Fails
/// the test when it is not there.
fn program(var: &str, default: &str) -> PathBuf {
    let path = env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default));
    assert!(
        path.is_file(),
        "{} is missing: run `cargo xtask test`, which installs Chromium and ChromeDriver \
         (Debian packages `chromium` and `chromium-driver`), or set {var}",
        path.display()
    );
    path
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

/// ChromeDriver in its own process group (so Chromium, which it starts,
/// goes with it) and the Chromium profile folder; both removed on drop.
struct Driver {
    child: Child,
    profile: PathBuf,
}

impl Driver {
    fn start() -> (Driver, u16) {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let profile = env::temp_dir().join(format!(
            "xinfang-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&profile);
        fs::create_dir_all(&profile).expect("create the Chromium profile folder");

        let chromedriver = program("XINFANG_CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = free_port();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", chromedriver.display()));
        let mut driver = Driver { child, profile };

        // Listening is not enough: wait until `/status` says it is ready.
        let deadline = Instant::now() + TIMEOUT;
        while !driver_ready(port) {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited at start ({status})");
            }
            assert!(Instant::now() < deadline, "chromedriver was not ready on port {port}");
            std::thread::sleep(POLL);
        }
        (driver, port)
    }
}

/// Whether the ChromeDriver on `port` answers `/status` with `"ready": true`.
/// (It wants HTTP/1.1 and keeps the connection open: read until the answer
/// is in, not until the end of the stream.)
fn driver_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /status HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        let text = String::from_utf8_lossy(&response).replace(' ', "");
        if text.contains("\"ready\":true") {
            return true;
        }
        if text.contains("\"ready\":false") {
            return false;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return false,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The process group's id is ChromeDriver's pid (`process_group(0)`).
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.profile);
    }
}

/// A fresh headless Chromium showing the app.
pub(crate) struct Browser {
    client: Client,
    url: String,
    // Dropped after `client`, in this order: the browser, then the server.
    _driver: Driver,
    _server: StaticServer,
}

impl Browser {
    /// Starts everything and opens the app, waiting until it has rendered.
    pub(crate) async fn open() -> Browser {
        Browser::start(None).await
    }

    /// [`Browser::open`], saving downloads in `downloads` when given.
    async fn start(downloads: Option<&Path>) -> Browser {
        let server = StaticServer::start(dist_dir(), "127.0.0.1:0").expect("start the server");
        // A port found free can be taken by another test before ChromeDriver
        // binds it, and a session start can fail under load: try again with
        // a fresh driver, a few times, before failing the test.
        let mut attempt = 1;
        let (client, driver) = loop {
            let (driver, port) = Driver::start();
            match Self::session(&driver, port, downloads).await {
                Ok(client) => break (client, driver),
                Err(err) if attempt < 3 => {
                    eprintln!("starting a Chromium session failed (attempt {attempt}): {err}");
                    attempt += 1;
                }
                Err(err) => panic!("cannot start a Chromium session: {err}"),
            }
        };

        let browser = Browser { client, url: server.url(), _driver: driver, _server: server };
        browser.client.goto(&browser.url).await.expect("open the app");
        browser.wait_for_app().await;
        browser
    }

    /// A new WebDriver session with headless Chromium on `driver`.
    /// With `downloads`, files are saved there without asking.
    async fn session(
        driver: &Driver,
        port: u16,
        downloads: Option<&Path>,
    ) -> Result<Client, fantoccini::error::NewSessionError> {
        let chromium = program("XINFANG_CHROMIUM", "/usr/bin/chromium");

        let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", driver.profile.display()),
            ],
        });
        if let Some(dir) = downloads {
            options["prefs"] = json!({
                "download.default_directory": dir.display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            });
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
    }

    /// Ends the browser session (the rest stops on drop).
    pub(crate) async fn close(self) {
        let Browser { client, _driver, _server, .. } = self;
        let _ = client.close().await;
    }

    /// Reloads the page and waits until the app has rendered again.
    pub(crate) async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for_app().await;
    }

    async fn wait_for_app(&self) {
        self.wait_for("the app to render its header", || async {
            self.text_of("#app-name").await.filter(|text| !text.is_empty())
        })
        .await;
    }

    /// The text of the first element matching `css`, if there is one.
    pub(crate) async fn text_of(&self, css: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.text().await.ok()
    }

    /// An attribute of the first element matching `css`.
    pub(crate) async fn attr_of(&self, css: &str, name: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.attr(name).await.ok()?
    }

    /// Whether an element matches `css`.
    pub(crate) async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Polls `check` until it gives a value; fails the test after
    /// [`TIMEOUT`].
    pub(crate) async fn wait_for<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(value) = check().await {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out after {TIMEOUT:?} waiting for {what}");
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the text of `css` is `expected`; fails with what it last
    /// saw otherwise.
    pub(crate) async fn wait_for_text(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let seen = self.text_of(css).await;
            if seen.as_deref() == Some(expected) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {TIMEOUT:?} waiting for {css} to read {expected:?}; it reads {seen:?}"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the text of `css` contains `part`.
    pub(crate) async fn wait_for_text_containing(&self, css: &str, part: &str) -> String {
        self.wait_for(&format!("{css} to contain {part:?}"), || async {
            self.text_of(css).await.filter(|text| text.contains(part))
        })
        .await
    }

    /// Waits until nothing matches `css`.
    pub(crate) async fn wait_for_absent(&self, css: &str) {
        self.wait_for(&format!("{css} to go away"), || async {
            (!self.exists(css).await).then_some(())
        })
        .await;
    }

    /// Waits for an element matching `css`.
    async fn find(&self, css: &str) -> Element {
        self.wait_for(&format!("{css} to appear"), || async {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await
    }

    /// Clicks the element matching `css`.
    pub(crate) async fn click(&self, css: &str) {
        let element = self.find(css).await;
        element.click().await.unwrap_or_else(|err| panic!("click {css}: {err}"));
    }

    /// Picks the option with `value` in the select matching `css`.
    pub(crate) async fn select(&self, css: &str, value: &str) {
        let element = self.find(css).await;
        element.select_by_value(value).await.unwrap_or_else(|err| panic!("select {css}: {err}"));
    }

    /// Types `text` into the (emptied) input matching `css`.
    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element.clear().await.unwrap_or_else(|err| panic!("clear {css}: {err}"));
        element.send_keys(text).await.unwrap_or_else(|err| panic!("type into {css}: {err}"));
    }

    /// Sets an input's value the way a date picker does (typing into a
    /// date field depends on the browser's locale) and fires its `input`
    /// and `change` events.
    pub(crate) async fn set_value(&self, css: &str, value: &str) {
        let script = "const [css, value] = arguments;
            const el = document.querySelector(css);
            el.value = value;
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client
            .execute(script, vec![json!(css), json!(value)])
            .await
            .unwrap_or_else(|err| panic!("set {css} to {value}: {err}"));
    }

    /// `localStorage.getItem(key)`.
    pub(crate) async fn local_storage(&self, key: &str) -> Option<String> {
        let res = self
            .client
            .execute("return localStorage.getItem(arguments[0]);", vec![json!(key)])
            .await
            .expect("read localStorage");
        match res {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// `localStorage.setItem(key, value)`.
    pub(crate) async fn set_local_storage(&self, key: &str, value: &str) {
        self.client
            .execute(
                "localStorage.setItem(arguments[0], arguments[1]);",
                vec![json!(key), json!(value)],
            )
            .await
            .expect("write localStorage");
    }

    /// The document's `<html lang>`.
    pub(crate) async fn document_lang(&self) -> Option<String> {
        self.attr_of("html", "lang").await
    }

    /// Opens `url` (e.g. a `file://` page) in this browser and waits until
    /// the app has rendered there.
    pub(crate) async fn open_url(&self, url: &str) {
        self.client.goto(url).await.expect("open the url");
        self.wait_for_app().await;
    }

    /// The URL the browser shows.
    pub(crate) async fn current_url(&self) -> String {
        self.client.current_url().await.expect("current url").to_string()
    }

    /// The computed CSS `property` of the first element matching `css`.
    pub(crate) async fn computed_style(&self, css: &str, property: &str) -> Option<String> {
        let res = self
            .client
            .execute(
                "const e = document.querySelector(arguments[0]);
                 return e ? getComputedStyle(e).getPropertyValue(arguments[1]) : null;",
                vec![json!(css), json!(property)],
            )
            .await
            .expect("read a computed style");
        res.as_str().map(str::to_owned)
    }

    /// The document's title.
    pub(crate) async fn title(&self) -> String {
        self.client.title().await.expect("title")
    }

    /// Runs `script` in the page with `args` (`arguments[0]`…) and returns
    /// what it returns.
    pub(crate) async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|err| panic!("run a script: {err}"))
    }

    /// How many elements match `css`.
    pub(crate) async fn count(&self, css: &str) -> usize {
        let n = self
            .script("return document.querySelectorAll(arguments[0]).length;", vec![json!(css)])
            .await;
        n.as_u64().unwrap_or(0) as usize
    }

    /// In the select matching `css`, picks the first option with a value
    /// when none is picked yet (firing `change`); returns the value picked.
    pub(crate) async fn select_any(&self, css: &str) -> String {
        self.find(css).await;
        let script = "const el = document.querySelector(arguments[0]);
            if (!el.value) {
                const opt = Array.from(el.options).find(o => o.value);
                if (opt) {
                    el.value = opt.value;
                    el.dispatchEvent(new Event('change', { bubbles: true }));
                }
            }
            return el.value;";
        let picked = self.script(script, vec![json!(css)]).await;
        picked.as_str().unwrap_or_default().to_string()
    }

    /// Shows the page at `hash` (`#/case/3`) the way a link does.
    pub(crate) async fn go_to_hash(&self, hash: &str) {
        self.script("location.hash = arguments[0];", vec![json!(hash)]).await;
    }

    /// Picks the option whose visible text is exactly `label` in the select
    /// matching `css`.
    pub(crate) async fn select_by_label(&self, css: &str, label: &str) {
        let element = self.find(css).await;
        element
            .select_by_label(label)
            .await
            .unwrap_or_else(|err| panic!("select {label:?} in {css}: {err}"));
    }

    /// The rendered text (`innerText`) of every element matching `css`, in
    /// document order.
    pub(crate) async fn texts_of(&self, css: &str) -> Vec<String> {
        let script =
            "return Array.from(document.querySelectorAll(arguments[0]), e => e.innerText);";
        let v = self.script(script, vec![json!(css)]).await;
        v.as_array()
            .map(|a| a.iter().map(|t| t.as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default()
    }

    /// The attribute `name` of every element matching `css` ("" when absent).
    pub(crate) async fn attrs_of(&self, css: &str, name: &str) -> Vec<String> {
        let script = "return Array.from(document.querySelectorAll(arguments[0]),
            e => e.getAttribute(arguments[1]) || '');";
        let v = self.script(script, vec![json!(css), json!(name)]).await;
        v.as_array()
            .map(|a| a.iter().map(|t| t.as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default()
    }

    /// The current `value` of the input or select matching `css`.
    pub(crate) async fn value_of(&self, css: &str) -> Option<String> {
        let script = "const e = document.querySelector(arguments[0]); return e ? e.value : null;";
        self.script(script, vec![json!(css)]).await.as_str().map(str::to_owned)
    }
}

/// Tabs of one browser (they share `localStorage`), and all of storage.
impl Browser {
    /// The handle of the current tab.
    pub(crate) async fn current_tab(&self) -> fantoccini::wd::WindowHandle {
        self.client.window().await.expect("the current window")
    }

    /// Opens the app in a new tab of the same browser, switches to it and
    /// waits for it to render; returns its handle.
    pub(crate) async fn open_tab(&self) -> fantoccini::wd::WindowHandle {
        let tab = self.client.new_window(true).await.expect("a new tab").handle;
        self.switch_to(&tab).await;
        self.client.goto(&self.url).await.expect("open the app in the new tab");
        self.wait_for_app().await;
        tab
    }

    /// Makes `tab` the one the next commands go to.
    pub(crate) async fn switch_to(&self, tab: &fantoccini::wd::WindowHandle) {
        self.client.switch_to_window(tab.clone()).await.expect("switch tabs");
    }

    /// Every `localStorage` key with its value.
    pub(crate) async fn local_storage_all(&self) -> std::collections::BTreeMap<String, String> {
        let script = "const o = {}; for (let i = 0; i < localStorage.length; i++) {
            const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;";
        let v = self.script(script, vec![]).await;
        v.as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Browsers whose downloads land in a folder (for the export tests).
impl Browser {
    /// Like [`Browser::open`], but files the page downloads are saved,
    /// without asking, in `dir` (Chromium's `download.default_directory`).
    pub(crate) async fn open_with_downloads(dir: &Path) -> Browser {
        fs::create_dir_all(dir).expect("create the download folder");
        Browser::start(Some(dir)).await
    }

    /// Waits until `dir` holds a finished file named `name` and returns its bytes.
    pub(crate) async fn wait_for_download(&self, dir: &Path, name: &str) -> Vec<u8> {
        let path = dir.join(name);
        self.wait_for(&format!("the download {name}"), || async {
            let partial = fs::read_dir(dir)
                .ok()?
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
            if partial {
                return None;
            }
            fs::read(&path).ok().filter(|b| !b.is_empty())
        })
        .await
    }
}

/// Choosing files in `<input type="file">` (for the backup tests).
impl Browser {
    /// Chooses the file at `path` (absolute) in the file input matching
    /// `css`, as a user picking it in the dialog does (fires `change`).
    pub(crate) async fn choose_file(&self, css: &str, path: &Path) {
        let element = self.find(css).await;
        let path = path.to_str().expect("a UTF-8 path");
        element.send_keys(path).await.unwrap_or_else(|err| panic!("choose a file in {css}: {err}"));
    }
}

/// The record as stored (the work ledgers are part of its log).
impl Browser {
    /// The record stored under `prefix` (`xinfang.office`, `xinfang.sandbox`),
    /// read with the app's own loader (chunks, packing, the chain, the
    /// sandbox's sample regenerated). `None` when nothing is stored; panics
    /// when what is stored does not load.
    pub(crate) async fn stored_record(&self, prefix: &str) -> Option<xinfang_core::Office> {
        let kv = xinfang_web::persist::kv::MemoryKv::default();
        let dot = format!("{prefix}.");
        for (k, v) in self.local_storage_all().await {
            if k.starts_with(&dot) {
                kv.map.borrow_mut().insert(k, v);
            }
        }
        let loaded = xinfang_web::persist::record::load(&kv, prefix)
            .unwrap_or_else(|e| panic!("the record under {prefix} does not load: {e:?}"));
        loaded.map(|r| r.office)
    }

    /// The stored work ledgers of the record under `prefix`, as the JSON
    /// `{"entries": n, "ledgers": {…}}` (`n`: the stored log's length).
    pub(crate) async fn stored_work(&self, prefix: &str) -> Option<Value> {
        let office = self.stored_record(prefix).await?;
        let ledgers = serde_json::to_value(office.work()).expect("ledgers serialize");
        Some(serde_json::json!({ "entries": office.log().len(), "ledgers": ledgers }))
    }
}

/// Pages that may open locked (the store's encryption: `#lock-screen`).
impl Browser {
    /// Reloads the page and waits until it shows the app or the lock screen.
    pub(crate) async fn reload_any(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_for_app_or_lock().await;
    }

    /// Opens the app in a new tab (switching to it) and waits until it
    /// shows the app or the lock screen; returns its handle.
    pub(crate) async fn open_tab_any(&self) -> fantoccini::wd::WindowHandle {
        let tab = self.client.new_window(true).await.expect("a new tab").handle;
        self.switch_to(&tab).await;
        self.client.goto(&self.url).await.expect("open the app in the new tab");
        self.wait_for_app_or_lock().await;
        tab
    }

    async fn wait_for_app_or_lock(&self) {
        self.wait_for("the app or the lock screen", || async {
            let app = self.text_of("#app-name").await.filter(|t| !t.is_empty()).is_some();
            (app || self.exists("#lock-screen").await).then_some(())
        })
        .await;
    }
}
