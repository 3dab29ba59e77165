//! `obs-codes list --format csv` writes the table as the generator reads it: what it
//! writes, read back, is the same table.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A directory of this test's own under cargo's target temp directory, removed when
/// dropped (the test passed or not).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("list-csv-{name}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn obs_codes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(args)
        .output()
        .expect("the obs-codes binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_bundled_table_round_trips_through_list_and_check() {
    let scratch = Scratch::new("bundled");
    let listed = obs_codes(&["list", "--format", "csv"]);
    assert_eq!(listed.status.code(), Some(0));
    let text = stdout(&listed);
    // Markdown kept: the description is the table's, not its plain text.
    assert!(
        text.contains(
            "BadDigest,400 Bad Request,,,The specified value of **Content-MD5** does not match"
        ),
        "{text}"
    );
    let copy = scratch.0.join("copy.csv");
    fs::write(&copy, &text).expect("copy written");
    let copy = copy.to_str().expect("UTF-8 path");
    let checked = obs_codes(&["check", copy]);
    assert_eq!(
        (checked.status.code(), stdout(&checked)),
        (Some(0), format!("{copy}: 107 codes, no problems\n")),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let again = obs_codes(&["list", "--table", copy, "--format", "csv"]);
    assert_eq!(stdout(&again), text);
    // Read back, the copy is the same table: nothing to report.
    let diff = obs_codes(&["diff", "obs", copy, "--exit-code"]);
    assert_eq!(diff.status.code(), Some(0), "{}", stdout(&diff));
}
