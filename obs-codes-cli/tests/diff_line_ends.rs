//! `obs-codes diff` of tables whose lines end in CR alone: fast, and every problem on
//! its real line (CR-only files were one line, and the diff quadratic: 1.5 s for 20,000
//! rows, every problem at line 1).

mod common;

use common::{arg, obs_codes, scratch, stderr, stdout};
use std::fs;
use std::time::{Duration, Instant};

/// A table of `rows` codes, lines ended by `end`; the rows `bad` have a bad status.
fn table(rows: usize, end: &str, bad: &[usize]) -> String {
    let mut lines = vec!["code,http_status,description".to_owned()];
    lines.extend((0..rows).map(|i| {
        let status = if bad.contains(&i) { "4O4" } else { "404" };
        format!("Code{i},{status},Description {i}.")
    }));
    let mut text = lines.join(end);
    text.push_str(end);
    text
}

#[test]
fn diff_of_cr_only_tables_is_fast_and_locates_problems() {
    let dir = scratch("diff-line-ends");
    let old = dir.join("old.csv");
    let new = dir.join("new.csv");
    fs::write(&old, table(20_000, "\r", &[])).expect("old table");
    let mut changed = table(20_000, "\r", &[]);
    changed = changed.replace("Code19999,404,", "Code19999,500,");
    fs::write(&new, changed).expect("new table");
    let (old, new) = (arg(&old), arg(&new));

    let started = Instant::now();
    let run = obs_codes(&["diff", old, new]);
    let elapsed = started.elapsed();
    let text = stdout(&run);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        text.ends_with("0 added, 0 removed, 0 moved, 1 changed, 19999 unchanged; 0 breaking\n"),
        "{text}"
    );
    assert!(
        text.contains("  ~ Code19999\n      status: 404 -> 500"),
        "{text}"
    );
    // Linear: a debug build takes well under a second for both tables.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");

    // Bad rows 15,001 and 20,000 (lines 15,002 and 20,001): at their lines.
    let bad = dir.join("bad.csv");
    fs::write(&bad, table(20_000, "\r", &[15_000, 19_999])).expect("bad table");
    let bad = arg(&bad);
    let run = obs_codes(&["diff", bad, new]);
    assert_eq!(run.status.code(), Some(2));
    let errors = stderr(&run);
    let located: Vec<&str> = errors
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(
        located,
        [
            format!("error: {bad}:15002:11: `4O4` is not an HTTP status"),
            format!("error: {bad}:20001:11: `4O4` is not an HTTP status"),
        ],
        "{errors}"
    );
}

#[test]
fn cr_crlf_and_lf_count_lines_alike() {
    let dir = scratch("diff-mixed-ends");
    let mut text = String::from("code,http_status,description\r\nA,404,a\rB,404,b\nC,4O4,c\r");
    text.push_str("D,404,d\n");
    let path = dir.join("mixed.csv");
    fs::write(&path, text).expect("mixed table");
    let path = arg(&path);
    let run = obs_codes(&["diff", path, "obs"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).starts_with(&format!("error: {path}:4:3: `4O4` is not an HTTP status")),
        "{}",
        stderr(&run)
    );
}
