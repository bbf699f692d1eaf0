//! Running commands and numbered, timed steps.

use std::env;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The cargo that runs this xtask (`$CARGO`), so nested builds use the same
/// toolchain; plain `cargo` when started some other way.
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `cmd` with inherited output; an error unless it exits with 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = show(cmd);
    println!("$ {shown}");
    let status = cmd.status().with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// A command as a person would type it (without its environment).
pub fn show(cmd: &Command) -> String {
    let mut res = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        res.push(' ');
        res.push_str(&arg.to_string_lossy());
    }
    res
}

/// Numbered steps, each announced with a header and timed.
#[derive(Debug)]
pub struct Steps {
    total: usize,
    done: usize,
    started: Instant,
}

impl Steps {
    /// Steps of a command that has `total` of them.
    pub fn new(total: usize) -> Steps {
        Steps { total, done: 0, started: Instant::now() }
    }

    /// Prints the header for the next step, runs it, and reports its time.
    pub fn run<T>(&mut self, title: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
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
    pub fn finish(&self) {
        let secs = self.started.elapsed().as_secs_f64();
        println!("\n==> all {} steps passed in {secs:.1} s", self.done);
    }
}
