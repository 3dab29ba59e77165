//! What the command's newer test files share: running the binary, and a scratch
//! directory under cargo's temp directory that leaves nothing behind.

// Each test file uses some of these.
#![allow(dead_code)]

#[path = "../../src/output/scratch.rs"]
pub mod scratch;

use scratch::Scratch;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `obs-codes ARGS` in the crate's directory (file arguments are absolute, or
/// `obs`).
pub fn obs_codes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the obs-codes binary runs")
}

/// A fresh directory `NAME` under `CARGO_TARGET_TMPDIR`, removed when dropped.
pub fn scratch(name: &str) -> Scratch {
    Scratch::new(Path::new(env!("CARGO_TARGET_TMPDIR")), name)
}

/// Standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A path the tests made, as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}
