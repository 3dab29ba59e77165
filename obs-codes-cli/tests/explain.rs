//! `obs-codes explain` under hostile arguments, through the binary: escaped echoes,
//! bounded work, answers in argument order.

mod common;

use common::{obs_codes, stderr};
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
