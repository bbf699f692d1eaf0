//! Building the web app into `dist/`: a release wasm build of `xinfang-web`,
//! the wasm-bindgen step (wasm-bindgen as a library, no CLI install),
//! `wasm-opt -Oz`, and the static files (`index.html`, `web/style.css`).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::cmd::{cargo, run, show};
use crate::setup;

/// The web app's package (and binary) name.
const WEB_PACKAGE: &str = "xinfang-web";

/// The stem of the generated files: `xinfang_web.js`, `xinfang_web_bg.wasm`
/// (the names `index.html` imports).
const OUT_NAME: &str = "xinfang_web";

/// How much effort the build spends on the shipped wasm's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// LTO, `opt-level = "z"`, one codegen unit and `wasm-opt -Oz`: what
    /// `serve` and `test` ship.
    Shipped,
    /// The plain release profile and no wasm-opt: a quicker build for
    /// trying changes (`cargo xtask dist --fast`).
    Fast,
}

/// Builds `<root>/dist/` from scratch, optimising with the `wasm_opt`
/// executable, and returns its path.
pub(crate) fn build(root: &Path, wasm_opt: &Path) -> Result<PathBuf> {
    build_into(root, wasm_opt, &root.join("dist"), Profile::Shipped)
}

/// Builds the web app into `dist` (emptied first) and returns its path.
pub(crate) fn build_into(
    root: &Path,
    wasm_opt: &Path,
    dist: &Path,
    profile: Profile,
) -> Result<PathBuf> {
    let wasm = cargo_build(root, profile)?;
    let dist = dist.to_path_buf();
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("cannot remove {}", dist.display()))?;
    }
    fs::create_dir_all(&dist)?;

    println!("wasm-bindgen {} -> dist/", wasm.display());
    Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        // Let `init()` find `xinfang_web_bg.wasm` next to the JS by itself
        // (the CLI's default; the library's default omits it).
        .omit_default_module_path(false)
        .out_name(OUT_NAME)
        .generate(&dist)
        .context("the wasm-bindgen step failed")?;

    let bg_wasm = dist.join(format!("{OUT_NAME}_bg.wasm"));
    if profile == Profile::Fast {
        return finish(root, dist);
    }
    let before = file_size(&bg_wasm)?;
    run(Command::new(wasm_opt).arg("-Oz").arg(&bg_wasm).arg("-o").arg(&bg_wasm))?;
    let after = file_size(&bg_wasm)?;
    println!("wasm-opt -Oz: {} -> {} bytes", before, after);
    finish(root, dist)
}

/// Copies the static files next to the generated ones and lists `dist`.
fn finish(root: &Path, dist: PathBuf) -> Result<PathBuf> {
    fs::copy(root.join("index.html"), dist.join("index.html")).context("copying index.html")?;
    fs::copy(root.join("web").join("style.css"), dist.join("style.css"))
        .context("copying web/style.css")?;
    single_file(&dist)?;

    println!("dist/ is ready: {}", dist.display());
    for entry in fs::read_dir(&dist)? {
        let entry = entry?;
        println!("  {:>9} bytes  {}", entry.metadata()?.len(), entry.file_name().to_string_lossy());
    }
    Ok(dist)
}

/// The name of the self-contained page in `dist/`.
pub(crate) const SINGLE_FILE: &str = "xinfang-offline.html";

/// Writes `dist/xinfang-offline.html`: the whole app in one file (style,
/// JS and the wasm as base64 inlined) for units without a web server. It
/// works when opened from disk (`file://`), where browsers refuse to fetch
/// a separate `.wasm` or module file.
fn single_file(dist: &Path) -> Result<()> {
    let js = fs::read_to_string(dist.join(format!("{OUT_NAME}.js")))?;
    let wasm = fs::read(dist.join(format!("{OUT_NAME}_bg.wasm")))?;
    let css = fs::read_to_string(dist.join("style.css"))?;
    let page = single_page(&js, &wasm, &css)?;
    fs::write(dist.join(SINGLE_FILE), page).context("writing the single-file page")?;
    Ok(())
}

/// The self-contained page for the generated `js` module, its `wasm` and `css`.
fn single_page(js: &str, wasm: &[u8], css: &str) -> Result<String> {
    use base64::Engine as _;
    // The module's default export is its init function; call it with the
    // bytes instead of letting it fetch the file next to it.
    let init =
        default_export(js).context("the generated JS has no default export (its init function)")?;
    if !init.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') {
        bail!("unexpected init function name `{init}` in the generated JS");
    }
    // Inside <script>/<style>, only a closing tag could end the element early.
    let js = js.replace("</script", "<\\/script");
    let css = css.replace("</style", "<\\/style");
    let wasm = base64::engine::general_purpose::STANDARD.encode(wasm);
    Ok(format!(
        r#"<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>信访工作平台</title>
    <link rel="icon" href="data:," />
    <style>
{css}
    </style>
    <script type="module">
{js}
const wasmBase64 = "{wasm}";
const wasmBytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
{init}({{ module_or_path: wasmBytes }});
    </script>
  </head>
  <body>
    <noscript>信访工作平台需要启用 JavaScript。 This page needs JavaScript.</noscript>
  </body>
</html>
"#
    ))
}

/// The name of a module's default export: `export default NAME;` or
/// `export { …, NAME as default };` (what wasm-bindgen writes).
fn default_export(js: &str) -> Option<String> {
    js.lines().find_map(|line| {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("export default ") {
            return Some(name.trim_end_matches(';').trim().to_owned());
        }
        let list = line.strip_prefix("export {")?.trim_end_matches(';').trim_end_matches('}');
        list.split(',').find_map(|item| {
            let (name, alias) = item.split_once(" as ")?;
            (alias.trim() == "default").then(|| name.trim().to_owned())
        })
    })
}

/// `cargo build --target wasm32-unknown-unknown -p xinfang-web --release`,
/// returning the path of the built `.wasm` as cargo reports it (so it is
/// right whatever `CARGO_TARGET_DIR` is).
fn cargo_build(root: &Path, profile: Profile) -> Result<PathBuf> {
    let mut cmd = cargo();
    cmd.current_dir(root).args([
        "build",
        "--target",
        setup::WASM_TARGET,
        "-p",
        WEB_PACKAGE,
        "--release",
        "--message-format=json-render-diagnostics",
    ]);
    if profile == Profile::Shipped {
        // Size over speed for the shipped wasm, without changing the
        // workspace's release profile for native code: ~40% smaller.
        cmd.args([
            "--config=profile.release.lto=true",
            "--config=profile.release.opt-level=\"z\"",
            "--config=profile.release.codegen-units=1",
        ]);
    }
    let shown = show(&cmd);
    println!("$ {shown}");
    let mut child =
        cmd.stdout(Stdio::piped()).spawn().with_context(|| format!("cannot start `{shown}`"))?;
    let stdout = child.stdout.take().context("cargo's stdout")?;
    let mut wasm = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(path) = bin_artifact(&line) {
            wasm = Some(path);
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    wasm.context("cargo built no xinfang-web binary: is `web/src/main.rs` there?")
}

/// The `.wasm` file of the web app's binary in one line of cargo's JSON
/// messages, if that line reports it.
fn bin_artifact(line: &str) -> Option<PathBuf> {
    let msg: serde_json::Value = serde_json::from_str(line).ok()?;
    if msg.get("reason")?.as_str()? != "compiler-artifact" {
        return None;
    }
    let target = msg.get("target")?;
    let is_bin = target.get("kind")?.as_array()?.iter().any(|kind| kind == "bin");
    if target.get("name")?.as_str()? != WEB_PACKAGE || !is_bin {
        return None;
    }
    let files = msg.get("filenames")?.as_array()?;
    files
        .iter()
        .filter_map(|file| file.as_str())
        .find(|file| file.ends_with(".wasm"))
        .map(PathBuf::from)
}

fn file_size(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_web_binary_in_cargo_messages() {
        let bin = r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"xinfang-web"},
            "filenames":["/t/wasm32-unknown-unknown/release/xinfang-web.wasm"]}"#
            .replace('\n', "");
        assert_eq!(
            bin_artifact(&bin),
            Some(PathBuf::from("/t/wasm32-unknown-unknown/release/xinfang-web.wasm"))
        );
        let lib = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"xinfang_web"},"filenames":["/t/libxinfang_web.rlib"]}"#;
        assert_eq!(bin_artifact(lib), None);
        assert_eq!(bin_artifact(r#"{"reason":"build-finished","success":true}"#), None);
        assert_eq!(bin_artifact("not json"), None);
    }

    #[test]
    fn the_single_page_inlines_everything_and_calls_init_with_the_bytes() {
        let js = "let wasm;\nasync function __wbg_init(m) {}\nexport { initSync };\nexport default __wbg_init;\nconst s = '</script>';\n";
        let page = single_page(js, &[0, 97, 115, 109], "body { color: red } </style>").unwrap();
        assert!(page.contains("const wasmBase64 = \"AGFzbQ==\";"));
        assert!(page.contains("__wbg_init({ module_or_path: wasmBytes });"));
        assert!(page.contains("body { color: red }"));
        assert_eq!(page.matches("</script>").count(), 1, "only the real closing tag");
        assert_eq!(page.matches("</style>").count(), 1, "only the real closing tag");
        assert!(single_page("export { x };", &[], "").is_err(), "no init function");
    }

    #[test]
    fn finds_the_default_export_in_both_forms() {
        assert_eq!(default_export("export default __wbg_init;").as_deref(), Some("__wbg_init"));
        assert_eq!(
            default_export("let a;\nexport { initSync, __wbg_init as default };\n").as_deref(),
            Some("__wbg_init")
        );
        assert_eq!(default_export("export { initSync };"), None);
    }
}
