//! What the command's test files share: the workspace's tables, running the binary
//! (from the workspace root, as the README's commands are written, or from a scratch
//! directory), a scratch directory under cargo's temp directory that leaves nothing
//! behind, and reading what the command prints.

// Each test file uses some of these.
#![allow(dead_code)]

#[path = "../../src/output/scratch.rs"]
pub mod scratch;

use scratch::Scratch;
use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The seed page: the vendor's SDK guide, 107 codes.
pub const SDK_PAGE: &str = "tables/upstream/obs_29_1601.rst";
/// The vendor's API reference page.
pub const API_PAGE: &str = "tables/upstream/obs_04_0115.rst";
/// The pages the bundled table is built from, in order.
pub const PAGES: [&str; 4] = [
    SDK_PAGE,
    API_PAGE,
    "tables/upstream/en-us_topic_0125560440.rst",
    "tables/upstream/obs_21_2002.rst",
];
/// The fixes applied to the pages' rows.
pub const FIXES: &str = "tables/obs-fixes.csv";
/// The curated rows no page lists.
pub const CURATED: &str = "tables/obs-single-api.csv";
/// The bundled table.
pub const BUNDLED: &str = "tables/obs.csv";

/// A vendor table next to the bundled one: its own code, an alias, a variant name.
pub const VENDOR: &str = "code,http_status,description,variant,aliases\n\
    GatewayQuotaExceeded,429 Too Many Requests,The gateway's quota is used up.,,QuotaExceeded\n\
    GatewayDown,N/A,The gateway is down.,Down,\n";

/// The workspace root: relative paths in commands are relative to it.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The text of `path`, relative to the workspace root.
pub fn read(path: &str) -> String {
    fs::read_to_string(workspace().join(path)).expect("readable file")
}

/// How long a command may run before it is taken to hang: far beyond what any
/// command needs on its inputs here, so that only a hang reaches it.
pub const HANG: Duration = Duration::from_secs(60);

/// Runs `obs-codes ARGS` in the workspace root, with nothing on standard input.
pub fn obs_codes(args: &[&str]) -> Output {
    obs_codes_in(&workspace(), args, b"")
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

/// Exit code 2 and standard error, for a command that must refuse.
pub fn refused(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    stderr(output)
}

/// A path the tests made, as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The names of the files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// CSV records (header first) as the generator's reader reads them.
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut problems = obs_codes_gen::Problems::default();
    let records = obs_codes_gen::Record::read_all("t.csv", text, &mut problems);
    assert!(problems.is_empty(), "{:?}", problems.messages());
    records
        .into_iter()
        .map(|r| r.fields.into_iter().map(|f| f.value).collect())
        .collect()
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
