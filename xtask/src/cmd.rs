//! Running commands and numbered, timed steps.

use std::env;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The cargo that runs this xtask (`$CARGO`), so nested builds use the same
/// toolchain; plain `cargo` when started some other way.
pub(crate) fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `cmd` with inherited output; an error unless it exits with 0.
pub(crate) fn run(cmd: &mut Command) -> Result<()> {
    let shown = show(cmd);
    println!("$ {shown}");
    let status = cmd.status().with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Tests counted from the `test result:` lines of cargo's test harness
/// and of wasm-bindgen's runner.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TestCount {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl TestCount {
    /// Adds the counts of one `test result: ok. 12 passed; 0 failed; …` line.
    pub(crate) fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(n)) = (words.next(), words.next()) else { continue };
            let Ok(n) = n.parse::<u64>() else { continue };
            match label {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                _ => {}
            }
        }
    }
}

/// Like [`run`], but echoes the command's standard output line by line and
/// adds its test results to `count`.
pub(crate) fn run_tests(cmd: &mut Command, count: &mut TestCount) -> Result<()> {
    let shown = show(cmd);
    println!("$ {shown}");
    let mut child =
        cmd.stdout(Stdio::piped()).spawn().with_context(|| format!("cannot start `{shown}`"))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.with_context(|| format!("reading the output of `{shown}`"))?;
            println!("{line}");
            count.add_line(&line);
        }
    }
    let status = child.wait().with_context(|| format!("waiting for `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// A command as a person would type it (without its environment).
pub(crate) fn show(cmd: &Command) -> String {
    let mut res = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        res.push(' ');
        res.push_str(&arg.to_string_lossy());
    }
    res
}

/// Numbered steps, each announced with a header and timed.
#[derive(Debug)]
pub(crate) struct Steps {
    total: usize,
    done: usize,
    started: Instant,
}

impl Steps {
    /// Steps of a command that has `total` of them.
    pub(crate) fn new(total: usize) -> Steps {
        Steps { total, done: 0, started: Instant::now() }
    }

    /// Prints the header for the next step, runs it, and reports its time.
    pub(crate) fn run<T>(&mut self, title: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
        self.done += 1;
        println!("\n==> [{}/{}] {title}", self.done, self.total);
        let started = Instant::now();
        let res =
            step().with_context(|| format!("step {}/{} failed: {title}", self.done, self.total));
        let secs = started.elapsed().as_secs_f64();
        match &res {
            Ok(_) => println!("--> ok: {title} ({secs:.1} s)"),
            Err(_) => println!("--> FAILED: {title} ({secs:.1} s)"),
        }
        res
    }

    /// Prints the closing line.
    pub(crate) fn finish(&self) {
        let secs = self.started.elapsed().as_secs_f64();
        println!("\n==> all {} steps passed in {secs:.1} s", self.done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_wasm_runner_result_lines() {
        let mut count = TestCount::default();
        count.add_line(
            "test result: ok. 120 passed; 0 failed; 0 ignored; 0 filtered out; finished in 6.96s",
        );
        count.add_line(
            "test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out",
        );
        count.add_line("running 12 tests");
        count.add_line("test passed_things ... ok");
        assert_eq!(count, TestCount { passed: 123, failed: 2 });
    }
}
