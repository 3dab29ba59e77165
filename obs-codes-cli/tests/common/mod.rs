//! What the command's newer test files share: running the binary, and a scratch
//! directory under cargo's temp directory that leaves nothing behind.

// Each test file uses some of these.
#![allow(dead_code)]

#[path = "../../src/output/scratch.rs"]
pub mod scratch;

use scratch::Scratch;
use std::ffi::OsStr;
use std::io::{Read, Write as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a command may run before it is taken to hang: far beyond what any
/// command needs on its inputs here, so that only a hang reaches it.
pub const HANG: Duration = Duration::from_secs(60);

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

/// Runs `obs-codes ARGS` in `dir` with `stdin` as standard input, killed after [`HANG`].
/// The output is read while it runs, so that a full pipe cannot stall it.
///
/// # Panics
///
/// When the command does not finish in time: it hangs.
pub fn obs_codes_in<S: AsRef<OsStr>>(dir: &Path, args: &[S], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the obs-codes binary runs");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    if let Some(mut input) = child.stdin.take() {
        // A command that does not read its input closes the pipe: not an error here.
        let _ = input.write_all(stdin);
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the command's status") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "obs-codes {:?} hangs",
                args.iter().map(AsRef::as_ref).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("standard output read"),
        stderr: stderr.join().expect("standard error read"),
    }
}
