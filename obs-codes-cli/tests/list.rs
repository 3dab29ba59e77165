//! `obs-codes list` through its binary: filters and formats; `--format csv` writes the
//! table as the generator reads it (what it writes, read back, is the same table, with
//! the status and retry flags the compiled enum has).

mod common;

use common::{BUNDLED, arg, csv_records, obs_codes, scratch, stderr, stdout};
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

#[test]
fn list_filters_and_formats() {
    let run = obs_codes(&["list"]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    assert_eq!(text.lines().count(), 133);
    assert!(text.starts_with("CODE "));
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("AccessDenied "))
    );

    let run = obs_codes(&["list", "--status", "503", "--retryable"]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert!(
        codes.contains(&"SlowDown") && codes.contains(&"ServiceUnavailable"),
        "{text}"
    );
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(" 503 Service Unavailable ") && l.contains(" yes "))
    );

    let run = obs_codes(&["list", "--retryable", "--format", "csv"]);
    let records = csv_records(&stdout(&run));
    assert_eq!(
        records[0],
        [
            "code",
            "http_status",
            "retryable",
            "description",
            "solution",
            "source"
        ]
    );
    // Retry flags as the table gives them: set, or left to the status.
    assert!(records.len() > 1 && records[1..].iter().all(|r| r[2] != "false"));

    let run = obs_codes(&["list", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    let codes = json.as_array().expect("an array");
    assert_eq!(codes.len(), 132);
    let method = codes
        .iter()
        .find(|c| c["code"] == "MethodNotAllowed")
        .expect("MethodNotAllowed listed");
    assert_eq!(method["http_status"], 405);
    assert_eq!(method["http_reason"], "Method Not Allowed");
    assert_eq!(method["retryable"], false);
    assert_eq!(method["solution"], "The method is not allowed.");
    assert_eq!(
        method["description"],
        "The specified method is not allowed against the requested resource.\n\nThe message \"Specified method is not supported.\" is returned."
    );
    let key = codes
        .iter()
        .find(|c| c["code"] == "KeyTooLong")
        .expect("KeyTooLong");
    assert_eq!(key["aliases"], serde_json::json!(["KeyTooLongError"]));
    let addressing = codes
        .iter()
        .find(|c| c["code"] == "InvalidAddressingHeader")
        .expect("InvalidAddressingHeader");
    assert_eq!(addressing["http_status"], serde_json::Value::Null);

    let run = obs_codes(&["list", "--status", "418", "--format", "json"]);
    assert_eq!(
        (run.status.code(), stdout(&run).as_str()),
        (Some(0), "[]\n")
    );
}

#[test]
fn the_cli_retry_rule_is_the_macros() {
    // `list --format csv` writes what the compiled enum says, retry flags explicit; the
    // bundled table leaves most flags to the status rule. No status or retry flag may
    // differ.
    let dir = scratch("retry-rule");
    let listed = dir.join("listed.csv");
    let run = obs_codes(&["list", "--format", "csv"]);
    fs::write(&listed, &run.stdout).expect("listed written");
    let run = obs_codes(&["diff", BUNDLED, arg(&listed)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(text.contains("\n0 added, 0 removed, "), "{text}");
    let field = |l: &str| l.starts_with("      status:") || l.starts_with("      retryable:");
    assert!(!text.lines().any(field), "{text}");
}
