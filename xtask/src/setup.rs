//! Installing what the build and the tests need, each only when missing:
//! the wasm32 target (rustup), binaryen's `wasm-opt` (npm, into `tools/`),
//! and Debian's Chromium and ChromeDriver (apt).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cmd::run;

/// The target the web app and the core's wasm tests are built for.
pub(crate) const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The binaryen release pinned in `tools/package.json`: Debian's binaryen
/// is too old to read current wasm-bindgen output.
pub(crate) const BINARYEN_VERSION: &str = "132.0.0";

/// Debian's Chromium, used headless by the end-to-end tests.
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// Debian's ChromeDriver, matching [`CHROMIUM`].
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The path of clippy's driver (`rustup which clippy-driver`), adding the
/// `clippy` component when it is missing.
pub(crate) fn clippy_driver() -> Result<PathBuf> {
    let which = || -> Option<PathBuf> {
        let out = Command::new("rustup").args(["which", "clippy-driver"]).output().ok()?;
        let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        (out.status.success() && path.is_file()).then_some(path)
    };
    if let Some(path) = which() {
        return Ok(path);
    }
    run(Command::new("rustup").args(["component", "add", "clippy"]))
        .context("cannot install clippy with rustup")?;
    which().context("`rustup which clippy-driver` finds no clippy driver after installing clippy")
}

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
pub(crate) fn wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("cannot run `rustup`: install Rust with rustup first (https://rustup.rs)")?;
    let installed = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("{WASM_TARGET}: installed");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Path to `tools/node_modules/.bin/wasm-opt`, after `npm ci` in `tools/`
/// when binaryen is missing or not the pinned version.
pub(crate) fn wasm_opt(root: &Path) -> Result<PathBuf> {
    let tools = root.join("tools");
    let wasm_opt = tools.join("node_modules").join(".bin").join("wasm-opt");
    let manifest = tools.join("node_modules").join("binaryen").join("package.json");
    if wasm_opt.exists() && installed_version(&manifest).as_deref() == Some(BINARYEN_VERSION) {
        println!("wasm-opt (binaryen {BINARYEN_VERSION}): installed in tools/");
        return Ok(wasm_opt);
    }
    // `npm ci` installs exactly what `tools/package-lock.json` records.
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&tools))
        .context("installing binaryen with npm failed: is Node.js with npm installed?")?;
    match installed_version(&manifest) {
        Some(version) if version == BINARYEN_VERSION && wasm_opt.exists() => Ok(wasm_opt),
        other => bail!(
            "after `npm ci`, tools/ has binaryen {other:?}, expected {BINARYEN_VERSION}: \
             check tools/package.json and tools/package-lock.json"
        ),
    }
}

/// The `version` field of an npm package manifest, if it can be read.
fn installed_version(manifest: &Path) -> Option<String> {
    let text = fs::read_to_string(manifest).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(json.get("version")?.as_str()?.to_owned())
}

/// `apt-get install chromium chromium-driver` unless both are there.
pub(crate) fn browser() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("Chromium and ChromeDriver: installed ({CHROMIUM}, {CHROMEDRIVER})");
        return Ok(());
    }
    let hint = "installing Chromium needs Debian's apt-get and root; otherwise install the \
                packages `chromium` and `chromium-driver` yourself";
    run(Command::new("apt-get").arg("update")).context(hint)?;
    run(Command::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .context(hint)?;
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        bail!("apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing");
    }
    Ok(())
}
