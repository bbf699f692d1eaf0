//! Build automation for the xinfang workspace (the `cargo xtask` pattern:
//! `.cargo/config.toml` aliases `cargo xtask` to `cargo run -p xtask --`).
//!
//! - `cargo xtask serve [--port N]`: installs what is missing, builds the web
//!   app into `dist/` and serves it on `http://127.0.0.1:8080`.
//! - `cargo xtask test`: installs what is missing, then runs every check and
//!   test, one step at a time, stopping at the first failure.
//! - `cargo xtask dist`: installs what is missing and builds `dist/` only.
//!
//! Hidden: `cargo xtask wasm-test-runner FILE.wasm [ARGS]` is the wasm test
//! runner (wasm-bindgen's, as a library) that `cargo xtask test` sets as
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`.

mod cmd;
mod dist;
mod setup;

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use cmd::{cargo, Steps};
use xinfang_tests::static_server::StaticServer;

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  serve [--port N]  install what is missing, build dist/ and serve it
                    on http://127.0.0.1:8080 (or port N)
  test              install what is missing, then run every check and test
  dist [--out DIR] [--fast]
                    install what is missing and build dist/ only (into DIR;
                    --fast: no LTO and no wasm-opt, for trying changes)
";

/// The default port of `cargo xtask serve`.
const DEFAULT_PORT: u16 = 8080;

fn main() -> ExitCode {
    let mut args = env::args_os().skip(1);
    let command = args.next().map(|arg| arg.to_string_lossy().into_owned());
    let rest: Vec<OsString> = args.collect();
    let res = match command.as_deref() {
        Some("serve") => serve(&rest),
        Some("test") => test(&rest),
        Some("dist") => dist_only(&rest),
        Some("wasm-test-runner") => wasm_test_runner(rest),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(anyhow::anyhow!("no command given\n\n{USAGE}")),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the folder above this crate's.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").into()
}

fn serve(args: &[OsString]) -> Result<()> {
    let port = parse_port(args)?;
    let root = workspace_root();
    let mut steps = Steps::new(2);
    let wasm_opt = steps.run("install what is missing (wasm target, wasm-opt)", || {
        setup::wasm_target()?;
        setup::wasm_opt(&root)
    })?;
    let dist = steps.run("build dist/ (release)", || dist::build(&root, &wasm_opt))?;
    let server = StaticServer::start(&dist, ("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}: is it in use? Try --port"))?;
    println!("\nServing {} on {}  (Ctrl-C to stop)", dist.display(), server.url());
    server.wait();
    Ok(())
}

fn parse_port(args: &[OsString]) -> Result<u16> {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string_lossy().into_owned()).collect();
    match args.as_slice() {
        [] => Ok(DEFAULT_PORT),
        [flag, value] if flag == "--port" => parse_port_value(value),
        [flag] if flag.starts_with("--port=") => parse_port_value(&flag["--port=".len()..]),
        _ => bail!("unexpected arguments {args:?}\n\n{USAGE}"),
    }
}

fn parse_port_value(value: &str) -> Result<u16> {
    value.parse().with_context(|| format!("`{value}` is not a port number (1-65535)"))
}

fn dist_only(args: &[OsString]) -> Result<()> {
    let root = workspace_root();
    let mut out = root.join("dist");
    let mut profile = dist::Profile::Shipped;
    let mut args = args.iter().map(|arg| arg.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--fast" => profile = dist::Profile::Fast,
            "--out" => out = PathBuf::from(args.next().context("--out needs a folder")?),
            other => bail!("unexpected argument `{other}`\n\n{USAGE}"),
        }
    }
    let mut steps = Steps::new(2);
    let wasm_opt = steps.run("install what is missing (wasm target, wasm-opt)", || {
        setup::wasm_target()?;
        setup::wasm_opt(&root)
    })?;
    steps.run("build dist/ (release)", || {
        dist::build_into(&root, &wasm_opt, &out, profile).map(drop)
    })?;
    steps.finish();
    Ok(())
}

fn test(args: &[OsString]) -> Result<()> {
    if !args.is_empty() {
        bail!("`test` takes no arguments\n\n{USAGE}");
    }
    let root = workspace_root();
    let runner = wasm_runner_command()?;
    let mut steps = Steps::new(6);
    let mut count = cmd::TestCount::default();

    let wasm_opt =
        steps.run("install what is missing (wasm target, wasm-opt, Chromium)", || {
            setup::wasm_target()?;
            let wasm_opt = setup::wasm_opt(&root)?;
            setup::browser()?;
            Ok(wasm_opt)
        })?;
    steps.run("cargo fmt --all --check", || {
        cmd::run(cargo().current_dir(&root).args(["fmt", "--all", "--check"]))
    })?;
    // Clippy lints our crates while they compile for the tests (it is the
    // compiler of the workspace's own crates, `RUSTC_WORKSPACE_WRAPPER`),
    // so the workspace is compiled once, not once for `cargo clippy` and
    // again for `cargo test`: minutes of a cold CI run. Natively only:
    // every crate, the web app included, builds natively too.
    let clippy = setup::clippy_driver()?;
    steps.run(
        "cargo test --workspace --exclude xinfang-tests (native, with doc tests; clippy -D warnings)",
        || {
            // `xinfang-tests` holds the browser tests, which need dist/: they
            // run in the last step, so that together the two steps are exactly
            // `cargo test --workspace`.
            cmd::run_tests(
                linted(cargo().current_dir(&root), &clippy).args([
                    "test",
                    "--workspace",
                    "--exclude",
                    "xinfang-tests",
                ]),
                &mut count,
            )
        },
    )?;
    steps.run("cargo test -p xinfang-core --target wasm32-unknown-unknown (in Node)", || {
        cmd::run_tests(
            cargo()
                .current_dir(&root)
                .args(["test", "-p", "xinfang-core", "--target", setup::WASM_TARGET])
                .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner),
            &mut count,
        )
    })?;
    let dist = steps.run("build dist/ (release)", || dist::build(&root, &wasm_opt))?;
    steps.run("cargo test -p xinfang-tests (cross-crate and browser end-to-end tests)", || {
        // The storage benchmark is compiled (and linted) too, not run.
        cmd::run(linted(cargo().current_dir(&root), &clippy).args([
            "test",
            "-p",
            "xinfang-tests",
            "--benches",
            "--no-run",
        ]))?;
        cmd::run_tests(
            linted(cargo().current_dir(&root), &clippy)
                .args(["test", "-p", "xinfang-tests"])
                .env("XINFANG_DIST", &dist)
                .env("XINFANG_CHROMIUM", setup::CHROMIUM)
                .env("XINFANG_CHROMEDRIVER", setup::CHROMEDRIVER),
            &mut count,
        )
    })?;
    steps.finish();
    // The plain closing line, after every step: all tests of every run.
    println!("summary: {} passed, {} failed", count.passed, count.failed);
    Ok(())
}

/// `cmd` with clippy (`clippy`, its driver) as the compiler of the
/// workspace's own crates and every warning an error: what
/// `cargo clippy -- -D warnings` does, but while building for real.
/// Dependencies are built by plain rustc exactly as without it, so their
/// artifacts are shared with every other build.
fn linted<'a>(cmd: &'a mut std::process::Command, clippy: &Path) -> &'a mut std::process::Command {
    cmd.env("RUSTC_WORKSPACE_WRAPPER", clippy)
        .env("CLIPPY_ARGS", "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__")
}

/// `"<this executable> wasm-test-runner"`, the value for cargo's
/// `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER` (cargo splits it on spaces).
fn wasm_runner_command() -> Result<String> {
    let exe = env::current_exe().context("cannot find the xtask executable")?;
    let exe = exe.to_str().context("the xtask executable's path is not UTF-8")?;
    if exe.contains(char::is_whitespace) {
        bail!(
            "the xtask executable's path `{exe}` contains a space, which cargo's runner \
             setting cannot express: move the checkout (or CARGO_TARGET_DIR) to a path \
             without spaces"
        );
    }
    Ok(format!("{exe} wasm-test-runner"))
}

/// Runs a wasm test binary the way the `wasm-bindgen-test-runner` executable
/// would (in Node, unless the tests are configured for a browser).
fn wasm_test_runner(args: Vec<OsString>) -> Result<()> {
    let argv = std::iter::once(OsString::from("wasm-bindgen-test-runner")).chain(args);
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&str]) -> Vec<OsString> {
        items.iter().map(OsString::from).collect()
    }

    #[test]
    fn port_defaults_and_overrides() {
        assert_eq!(parse_port(&args(&[])).unwrap(), 8080);
        assert_eq!(parse_port(&args(&["--port", "9000"])).unwrap(), 9000);
        assert_eq!(parse_port(&args(&["--port=9001"])).unwrap(), 9001);
        assert!(parse_port(&args(&["--port", "http"])).is_err());
        assert!(parse_port(&args(&["--port", "70000"])).is_err());
        assert!(parse_port(&args(&["--verbose"])).is_err());
    }

    #[test]
    fn workspace_root_has_the_workspace_manifest() {
        let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
        assert!(manifest.contains("[workspace]"));
    }
}
