//! `obs-codes list --format csv` writes the table as the generator reads it: what it
//! writes, read back, is the same table.

mod common;

use common::{arg, obs_codes, scratch, stderr, stdout};
use std::fs;

#[test]
fn the_bundled_table_round_trips_through_list_and_check() {
    let dir = scratch("list-csv-bundled");
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
    let copy = dir.join("copy.csv");
    fs::write(&copy, &text).expect("copy written");
    let copy = arg(&copy);
    let checked = obs_codes(&["check", copy]);
    let bundled = stdout(&obs_codes(&["check", "obs"]));
    assert_eq!(
        (checked.status.code(), stdout(&checked)),
        (Some(0), bundled.replacen("obs", copy, 1)),
        "{}",
        stderr(&checked)
    );
    let again = obs_codes(&["list", "--table", copy, "--format", "csv"]);
    assert_eq!(stdout(&again), text);
    // Read back, the copy is the same table: nothing to report.
    let diff = obs_codes(&["diff", "obs", copy, "--exit-code"]);
    assert_eq!(diff.status.code(), Some(0), "{}", stdout(&diff));
}
