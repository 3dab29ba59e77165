//! `obs-codes diff` through its binary: each kind of change, breaking changes and the
//! exit codes, pages against tables, bad tables located; and tables whose lines end in
//! CR alone: fast, and every problem on its real line (CR-only files were one line, and
//! the diff quadratic: 1.5 s for 20,000 rows, every problem at line 1).

mod common;

use common::{BUNDLED, FIXES, SDK_PAGE, arg, obs_codes, refused, scratch, stderr, stdout};
use std::fs;
use std::time::{Duration, Instant};

/// The bundled table before the other pages were merged in: `obs_29_1601`'s 107 codes.
const BUNDLED_107: &str = "obs-codes-cli/tests/data/obs-107.csv";

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
    let message = refused(&run);
    let errors = message;
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
    let message = refused(&run);
    assert!(
        message.starts_with(&format!("error: {path}:4:3: `4O4` is not an HTTP status")),
        "{message}"
    );
}

#[test]
fn the_complete_table_only_adds_to_the_107_codes_of_the_seed_page() {
    let run = obs_codes(&["diff", BUNDLED_107, BUNDLED]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.ends_with("\n25 added, 0 removed, 0 moved, 107 changed, 0 unchanged; 0 breaking\n"),
        "{text}"
    );
    // What changes in the 107 rows: a solution and a source where there was none, and
    // four new aliases; nothing else.
    let changed = text.split("\nchanged (107):\n").nth(1).unwrap_or_default();
    let fields: std::collections::BTreeSet<&str> = changed
        .lines()
        .filter_map(|l| l.strip_prefix("      ")?.split(':').next())
        .filter(|f| !f.starts_with(' ') && !f.starts_with('+') && !f.starts_with('-'))
        .collect();
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        ["aliases", "solution", "source"],
        "{text}"
    );
    let aliases: Vec<&str> = changed
        .lines()
        .filter(|l| l.starts_with("      aliases: "))
        .collect();
    assert_eq!(
        aliases,
        [
            "      aliases: (none) -> MalformedXMLError",
            "      aliases: (none) -> NotSuchBucketPolicy",
            "      aliases: (none) -> InvalidTag",
        ],
        "{text}"
    );
}

#[test]
fn diff_on_a_crafted_pair() {
    let dir = scratch("diff");
    let old = dir.join("old.csv");
    let new = dir.join("new.csv");
    fs::write(
        &old,
        "code,http_status,retryable,aliases,description\n\
         Same,404 Not Found,,,Unchanged.\n\
         Gone,400 Bad Request,,,Removed upstream.\n\
         Status,400 Bad Request,,,The status moves.\n\
         Flag,400 Bad Request,,,The flag flips.\n\
         Text,403 Forbidden,,,Old words.\n",
    )
    .expect("old written");
    fs::write(
        &new,
        "# A table with another column order and a solution column.\n\
         description,code,http_status,retryable,solution\n\
         Unchanged.,Same,404 Not Found,,\n\
         The status moves.,Status,408 Request Timeout,,\n\
         The flag flips.,Flag,400 Bad Request,true,\n\
         \"New words,\n\non two paragraphs.\",Text,403 Forbidden,,\n\
         Added upstream.,New,503 Service Unavailable,,Wait.\n",
    )
    .expect("new written");
    let run = obs_codes(&["diff", arg(&old), arg(&new)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        stdout(&run),
        format!(
            "--- {} (5 codes)\n+++ {} (5 codes)\n\
             \nadded (1):\n  + New: 503 Service Unavailable, retryable\n      Added upstream.\n\
             \nremoved (1):\n  - Gone: 400 Bad Request, not retryable (breaking)\n      Removed upstream.\n\
             \nchanged (3):\n  ~ Status\n      status: 400 Bad Request -> 408 Request Timeout\n      retryable: no -> yes\n\
             \x20 ~ Flag\n      retryable: no -> yes\n\
             \x20 ~ Text\n      description:\n        - Old words.\n        + New words,\n        +\n        + on two paragraphs.\n\
             \n1 added, 1 removed, 0 moved, 3 changed, 1 unchanged; 1 breaking\n",
            old.display(),
            new.display()
        )
    );
    let run = obs_codes(&["diff", arg(&old), arg(&new), "--exit-code"]);
    assert_eq!(run.status.code(), Some(1));
    let run = obs_codes(&["diff", arg(&old), arg(&old), "--exit-code"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        stdout(&run)
            .ends_with("\n0 added, 0 removed, 0 moved, 0 changed, 5 unchanged; 0 breaking\n")
    );
}

#[test]
fn diff_against_the_page_shows_what_a_regeneration_does() {
    // One page, with the fixes of all: those for codes of other pages are skipped, and
    // the codes only other pages (or the curated table) give show up as removed.
    let run = obs_codes(&["diff", BUNDLED, SDK_PAGE, "--fixes", FIXES]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains(
            "\nremoved (25):\n  - InvalidContentLength: 400 Bad Request, not retryable (breaking)"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\n0 added, 25 removed, 0 moved, 107 changed, 0 unchanged; 25 breaking\n"),
        "{text}"
    );
    // Without the fixes, they show up as the changes a bare import would make.
    let run = obs_codes(&["diff", BUNDLED, SDK_PAGE]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    assert!(
        text.contains(
            "\nadded (3):\n  + IllegalVersioningConfiguration Exception: 400 Bad Request"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "\n  - IllegalVersioningConfigurationException: 400 Bad Request, not retryable (breaking)"
        ),
        "{text}"
    );
    assert!(
        text.contains("      aliases: KeyTooLongError -> (none) (breaking)\n"),
        "{text}"
    );
    assert!(
        text.contains("  ~ OperationAborted\n      retryable: yes -> no\n      solution:"),
        "{text}"
    );
}

#[test]
fn diff_reports_bad_tables_with_their_location() {
    let dir = scratch("diff-bad");
    let old = dir.join("old.csv");
    fs::write(
        &old,
        "code,http_status,description\nA,400,x\nB,400,y,extra\n",
    )
    .expect("old");
    let run = obs_codes(&["diff", arg(&old), BUNDLED]);
    let message = refused(&run);
    assert_eq!(
        message,
        format!(
            "error: {}:3:9: this record has 4 fields but the header has 3\n  help: quote fields that contain commas: \"like, this\"\n",
            old.display()
        )
    );
    assert!(run.stdout.is_empty());
    fs::write(&old, "code,http_status,description\nA,400,\"never closed\n").expect("old");
    let run = obs_codes(&["diff", arg(&old), BUNDLED]);
    let message = refused(&run);
    assert!(message.starts_with(&format!(
        "error: {}:2:7: unterminated quoted field",
        old.display()
    )));
    let run = obs_codes(&["diff", BUNDLED, BUNDLED, "--fixes", FIXES]);
    let message = refused(&run);
    assert!(message.starts_with("error: --fixes applies to an upstream page"));
}

#[test]
fn diff_marks_breaking_changes_and_exits_1_on_a_variant_rename() {
    let dir = scratch("diff-breaking");
    let old = dir.join("old.csv");
    let new = dir.join("new.csv");
    fs::write(
        &old,
        "code,http_status,description,variant\nA,400,x,\nB,400,y,\n",
    )
    .expect("old");
    fs::write(
        &new,
        "code,http_status,description,variant\nA,400,x,Renamed\nB,400,y,\n",
    )
    .expect("new");
    let run = obs_codes(&["diff", arg(&old), arg(&new), "--exit-code"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains("  ~ A\n      variant: A -> Renamed (breaking)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\n0 added, 0 removed, 0 moved, 1 changed, 1 unchanged; 1 breaking\n"),
        "{text}"
    );

    // A code that becomes an alias is a move, not a removal and an addition.
    fs::write(&new, "code,http_status,description,aliases\nA,400,x,B\n").expect("new");
    let run = obs_codes(&["diff", arg(&old), arg(&new)]);
    let text = stdout(&run);
    assert!(
        text.contains("\nmoved (1):\n  > B: now an alias of A (variant B removed) (breaking)\n"),
        "{text}"
    );
    assert!(!text.contains("removed ("), "{text}");

    // Both inputs are checked as the macro checks them: every problem, then exit 2.
    fs::write(&old, "code,http_status,description\nSelf,400,x\n").expect("old");
    fs::write(&new, "code,http_status,description\nA,400,\n").expect("new");
    let run = obs_codes(&["diff", arg(&old), arg(&new), "--exit-code"]);
    let message = refused(&run);
    let errors = message;
    assert!(
        errors.starts_with(&format!(
            "error: {}:2:1: the variant derived from code `Self`",
            old.display()
        )),
        "{errors}"
    );
    assert!(
        errors.contains(&format!(
            "\nerror: {}:2:7: empty description for code `A`",
            new.display()
        )),
        "{errors}"
    );
    assert!(run.stdout.is_empty());
}
