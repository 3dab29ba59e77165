//! `obs-codes explain` through its binary: every field of a code, suggestions for an
//! unknown one, the tables of `--table` (for `list` too), and hostile arguments:
//! escaped echoes, bounded work, answers in argument order.

mod common;

use common::{VENDOR, arg, obs_codes, scratch, stderr, stdout};
use std::fs;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn explain(args: &[&str]) -> Output {
    obs_codes(&[&["explain"], args].concat())
}

/// Both streams into one pipe, as a terminal shows them.
fn explain_merged(args: &[&str]) -> String {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" explain \"$@\" 2>&1")
        .arg(env!("CARGO_BIN_EXE_obs-codes"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let mut text = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = std::io::Read::read_to_string(&mut out, &mut text);
    }
    let _ = child.wait();
    text
}

/// `line` with the code count after "shows all " replaced by `N`.
fn without_count(line: &str) -> String {
    match line.split_once("shows all ") {
        Some((before, after)) => {
            let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
            format!("{before}shows all N{rest}")
        }
        None => line.to_owned(),
    }
}

#[test]
fn answers_come_in_argument_order() {
    let text = explain_merged(&["Nope", "NoSuchKey", "NoSuchKy", "SlowDown"]);
    // The count of codes is the bundled table's, whatever it is.
    let heads: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.is_empty())
        .map(without_count)
        .collect();
    assert_eq!(
        heads,
        [
            "error: unknown code `Nope`; no close match (`obs-codes list` shows all N codes)",
            "NoSuchKey (ObsErrorCode::NoSuchKey)",
            "error: unknown code `NoSuchKy`; did you mean NoSuchKey?",
            "SlowDown (ObsErrorCode::SlowDown)",
        ],
        "{text}"
    );
}

#[test]
fn nothing_from_an_argument_reaches_the_terminal_raw() {
    let run = explain(&["\u{1b}]0;owned\u{7}\u{1b}[2J", "Slow\u{202e}Down"]);
    assert_eq!(run.status.code(), Some(1));
    let errors: Vec<String> = stderr(&run).lines().map(without_count).collect();
    assert_eq!(
        errors.join("\n"),
        "error: unknown code `\\u{1b}]0;owned\\u{7}\\u{1b}[2J`; no close match (`obs-codes list` shows all N codes)\n\
         error: unknown code `Slow\\u{202e}Down`; did you mean SlowDown?"
    );
}

#[test]
fn long_arguments_are_cheap() {
    // 15 arguments of 120,000 characters took 7.4 s (release) when suggestions compared
    // whole strings.
    let long: Vec<String> = (0..15)
        .map(|i| format!("{}{i:03}", "NoSuchKey".repeat(13_333)))
        .collect();
    let args: Vec<&str> = long.iter().map(String::as_str).collect();
    let started = Instant::now();
    let run = explain(&args);
    let elapsed = started.elapsed();
    assert_eq!(run.status.code(), Some(1));
    let errors = stderr(&run);
    assert_eq!(errors.lines().count(), 15);
    assert!(
        errors
            .lines()
            .all(|line| line.contains("... (120000 characters)`; no close match")),
        "{}",
        errors.lines().next().unwrap_or_default()
    );
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn explain_prints_every_field() {
    let run = obs_codes(&["explain", "RequestTimeout", "KeyTooLongError"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        stdout(&run),
        "RequestTimeout (ObsErrorCode::RequestTimeout)\n\
         \x20 status       400 Bad Request\n\
         \x20 retryable    yes: transient, retry with back-off\n\
         \x20 aliases      none\n\
         \x20 description  The socket connection to the server has no read or write operations\n\
         \x20              within the timeout period.\n\
         \x20 solution     Check the network and try again, or contact technical support.\n\
         \x20 documented   obs_29_1601; obs_04_0115 (408 Request Timeout); en-us_topic_0125560440;\n\
         \x20              obs_21_2002 (408 Request Timeout)\n\
         \n\
         KeyTooLong (ObsErrorCode::KeyTooLong), matched by its alias KeyTooLongError\n\
         \x20 status       400 Bad Request\n\
         \x20 retryable    no\n\
         \x20 aliases      KeyTooLongError\n\
         \x20 description  The provided key is too long.\n\
         \x20 solution     Use a shorter key.\n\
         \x20 documented   obs_29_1601; obs_04_0115 (as KeyTooLongError); en-us_topic_0125560440;\n\
         \x20              obs_21_2002 (as KeyTooLongError)\n"
    );
    assert_eq!(stderr(&run), "");
}

#[test]
fn explain_suggests_close_codes_for_an_unknown_one() {
    let run = obs_codes(&["explain", "nosuchkey", "SlowDown", "NoSuchBuckt"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stdout(&run).starts_with("SlowDown (ObsErrorCode::SlowDown)\n"));
    let errors = stderr(&run);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].starts_with("error: unknown code `nosuchkey`; did you mean NoSuchKey"),
        "{errors}"
    );
    assert!(
        lines[1].starts_with("error: unknown code `NoSuchBuckt`; did you mean NoSuchBucket"),
        "{errors}"
    );
    let run = obs_codes(&["explain", "Zzzzzzzzzzzzzzzzzzzz"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        "error: unknown code `Zzzzzzzzzzzzzzzzzzzz`; no close match (`obs-codes list` shows all 132 codes)\n"
    );
}

#[test]
fn explain_and_list_read_the_tables_given() {
    let dir = scratch("tables-option");
    let vendor = dir.join("vendor.csv");
    fs::write(&vendor, VENDOR).expect("vendor");
    let vendor = arg(&vendor);
    let run = obs_codes(&[
        "explain",
        "--table",
        "obs",
        "--table",
        vendor,
        "QuotaExceeded",
        "SlowDown",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.starts_with(
            "GatewayQuotaExceeded (variant GatewayQuotaExceeded), matched by its alias QuotaExceeded\n\
             \x20 status       429 Too Many Requests\n\
             \x20 retryable    yes: throttled, retry with a longer back-off and send fewer requests\n\
             \x20              (status 429)\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nSlowDown (variant SlowDown)\n"), "{text}");
    let run = obs_codes(&["explain", "--table", vendor, "GatewayDwn", "SlowDown"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        format!(
            "error: unknown code `GatewayDwn`; did you mean GatewayDown?\n\
             error: unknown code `SlowDown`; no close match (`obs-codes list --table {vendor}` shows all 2 codes)\n"
        )
    );
    let run = obs_codes(&["list", "--table", vendor, "--format", "csv"]);
    assert_eq!(
        stdout(&run),
        "code,http_status,variant,aliases,description\n\
         GatewayQuotaExceeded,429 Too Many Requests,,QuotaExceeded,The gateway's quota is used up.\n\
         GatewayDown,N/A,Down,,The gateway is down.\n"
    );
    // A table with a problem is reported as `check` reports it.
    let run = obs_codes(&["list", "--table", "obs", "--table", "obs"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).starts_with("error: obs"), "{}", stderr(&run));
}
