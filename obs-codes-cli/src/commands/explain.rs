//! `obs-codes explain`: what a code means, and the closest codes for one that is unknown.
//!
//! Results come in argument order, each written to its stream and flushed before the
//! next: an explanation to standard output, an unknown code's error to standard error.
//! On a terminal (or with `2>&1`) they interleave as the arguments do; redirected apart,
//! each stream holds its own results in argument order. Anything printed back from an argument has its control
//! and invisible format characters escaped (`\u{1b}`) and is cut to [`SHOWN`]
//! characters, and the work per argument is bounded (see [`obs_codes_gen::closest`]).

use crate::commands::{EXIT_NEGATIVE, Outcome, Stream};
use crate::diagnostic::Error;
use crate::escape;
use crate::inputs;
use obs_codes::RetryClass;
use obs_codes_gen::{Catalog, Entry, SuggestionLimits, plain_text};
use std::fmt::Write as _;

/// Width that descriptions are wrapped to, label column included.
const WIDTH: usize = 88;
/// The label column: `  description  `.
const LABEL: usize = 15;
/// At most this many suggestions for an unknown code.
const SUGGESTIONS: usize = 4;
/// At most this many characters of an argument are printed back.
pub const SHOWN: usize = 64;

/// The result for one argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The explanation of a known code, for standard output.
    Explained(String),
    /// The error about an unknown code, with suggestions, for standard error.
    Unknown(String),
}

/// What `explain` prints: one answer per argument, in argument order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The answers, one per argument.
    pub answers: Vec<Answer>,
    /// True when every code was known.
    pub all_known: bool,
}

impl Explained {
    /// The answers in order, each on its stream: explanations on standard output (a
    /// blank line between two), errors on standard error; exit code 1 when a code is
    /// unknown.
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        let mut outcome = Outcome::default();
        let mut first = true;
        for answer in &self.answers {
            outcome = match answer {
                Answer::Explained(text) => {
                    let separator = if first { "" } else { "\n" };
                    first = false;
                    outcome.then(Stream::Stdout, format!("{separator}{text}"))
                }
                Answer::Unknown(text) => outcome.then(Stream::Stderr, text.as_str()),
            };
        }
        outcome.with_code(if self.all_known { 0 } else { EXIT_NEGATIVE })
    }

    /// What [`outcome`](Self::outcome) writes to standard output.
    #[cfg(test)]
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.outcome().bytes(Stream::Stdout)).into_owned()
    }

    /// What [`outcome`](Self::outcome) writes to standard error.
    #[cfg(test)]
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.outcome().bytes(Stream::Stderr)).into_owned()
    }
}

/// Explains each of `codes` in `tables` (the bundled table when none).
///
/// # Errors
///
/// A table cannot be read or has problems.
pub fn run(codes: &[String], tables: &[String]) -> Result<Outcome, Error> {
    let sources = inputs::or_bundled(tables);
    let loaded = inputs::load(&sources)?;
    let bundled_only = sources == [obs_codes_gen::Source::BUNDLED_NAME];
    let list_command = if bundled_only {
        "obs-codes list".to_owned()
    } else {
        let options: Vec<String> = sources.iter().map(|s| format!("--table {s}")).collect();
        format!("obs-codes list {}", options.join(" "))
    };
    let explained = explain(
        Tables {
            catalog: &loaded.catalog,
            enum_name: bundled_only.then_some(obs_codes_gen::DEFAULT_NAME),
            list_command: &list_command,
        },
        codes,
    );
    Ok(explained.outcome())
}

/// The tables being explained, and how to name them.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    /// The checked codes.
    pub catalog: &'a Catalog,
    /// The enum's name where it is known (the bundled table's `ObsErrorCode`).
    pub enum_name: Option<&'a str>,
    /// The command that lists every code, for the message about an unknown one.
    pub list_command: &'a str,
}

/// The entry whose code or alias is `text`, exactly.
pub fn find<'a>(catalog: &'a Catalog, text: &str) -> Option<&'a Entry> {
    catalog
        .entries
        .iter()
        .find(|e| e.code == text || e.aliases.iter().any(|a| a == text))
}

/// Explains each of `codes` (wire codes or aliases, exact), in order.
pub fn explain(tables: Tables<'_>, codes: &[String]) -> Explained {
    let mut all_known = true;
    let answers = codes
        .iter()
        .map(|text| {
            if let Some(entry) = find(tables.catalog, text) {
                let mut out = String::new();
                describe(&mut out, tables.enum_name, entry, text);
                Answer::Explained(out)
            } else {
                all_known = false;
                Answer::Unknown(unknown(tables, text))
            }
        })
        .collect();
    Explained { answers, all_known }
}

/// The error line for `text`, which no code or alias matches.
fn unknown(tables: Tables<'_>, text: &str) -> String {
    let mut out = format!("error: unknown code `{}`", printable(text));
    let close = suggestions(tables.catalog, text);
    if close.is_empty() {
        let _ = writeln!(
            out,
            "; no close match (`{}` shows all {} codes)",
            tables.list_command,
            tables.catalog.entries.len()
        );
    } else {
        let _ = writeln!(out, "; did you mean {}?", or_list(&close));
    }
    out
}

/// `text` as it is printed back: control and invisible format characters escaped
/// (`\u{1b}`), cut after [`SHOWN`] characters with its length said.
pub fn printable(text: &str) -> String {
    let mut out = escape::text(&text.chars().take(SHOWN).collect::<String>());
    let length = text.chars().count();
    if length > SHOWN {
        let _ = write!(out, "... ({length} characters)");
    }
    out
}

fn describe(out: &mut String, enum_name: Option<&str>, entry: &Entry, asked: &str) {
    let variant = &entry.variant;
    match enum_name {
        Some(name) => {
            let _ = write!(out, "{} ({name}::{variant})", entry.code);
        }
        None => {
            let _ = write!(out, "{} (variant {variant})", entry.code);
        }
    }
    if asked != entry.code {
        let _ = write!(out, ", matched by its alias {}", printable(asked));
    }
    out.push('\n');
    field(out, "status", &status(entry));
    field(out, "retryable", &retryable(entry));
    let aliases = if entry.aliases.is_empty() {
        "none".to_owned()
    } else {
        entry.aliases.join(", ")
    };
    field(out, "aliases", &aliases);
    field(
        out,
        "description",
        &escape::lines(&plain_text(&entry.description)),
    );
    if let Some(solution) = &entry.solution {
        field(out, "solution", &escape::lines(&plain_text(solution)));
    }
    if let Some(source) = &entry.source {
        field(out, "documented", &escape::text(source));
    }
}

fn status(entry: &Entry) -> String {
    entry
        .status
        .as_ref()
        .map_or_else(|| "none (N/A in the table)".to_owned(), ToString::to_string)
}

/// The entry's retry class as [`RetryClass::classify`] gives it for this code: the
/// class of a code the runtime names ([`RetryClass::for_wire_code`]), else the table's
/// flag (retryable: transient). Then why, where the table and the status disagree.
fn retryable(entry: &Entry) -> String {
    let named = RetryClass::for_wire_code(&entry.code);
    let class = RetryClass::for_table_code(
        &entry.code,
        entry.retryable,
        entry.status.as_ref().map(|status| status.code),
    );
    let mut line = advice(class).to_owned();
    let yes_no = |retryable: bool| if retryable { "yes" } else { "no" };
    if named.is_some() {
        if class.is_retryable() != entry.retryable {
            let _ = write!(
                line,
                " (the runtime's retry classes name this code; the table's flag says {})",
                yes_no(entry.retryable)
            );
        }
        return line;
    }
    match &entry.status {
        Some(status) => {
            let by_status = RetryClass::for_status(status.code).is_retryable();
            match (entry.retryable, by_status) {
                (true, true) => {
                    let _ = write!(line, " (status {})", status.code);
                }
                (false, false) => {}
                (true, false) => {
                    let _ = write!(
                        line,
                        " (the table says so; status {} alone is not retried)",
                        status.code
                    );
                }
                (false, true) => {
                    let _ = write!(
                        line,
                        " (the table says so; status {} alone is retried)",
                        status.code
                    );
                }
            }
        }
        None if entry.retryable => line.push_str(" (the table says so)"),
        None => {}
    }
    line
}

/// What a client does about each retry class, worded once.
fn advice(class: RetryClass) -> &'static str {
    match class {
        RetryClass::Transient => "yes: transient, retry with back-off",
        RetryClass::Throttled => {
            "yes: throttled, retry with a longer back-off and send fewer requests"
        }
        RetryClass::ClockSkew => "no: clock skew, fix the clock and sign again, then retry",
        other if other.is_retryable() => "yes",
        _ => "no",
    }
}

/// A labelled field, the value wrapped, paragraphs kept apart.
fn field(out: &mut String, label: &str, value: &str) {
    let _ = write!(out, "  {label:<width$}", width = LABEL - 2);
    for (i, line) in wrap(value, WIDTH - LABEL).iter().enumerate() {
        if i > 0 && !line.is_empty() {
            out.push_str(&" ".repeat(LABEL));
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// Words of each paragraph (or line) of `text` filled to `width`; an empty line between
/// paragraphs.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        for source_line in paragraph.lines() {
            let mut line = String::new();
            for word in source_line.split_whitespace() {
                if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The known codes and aliases closest to `text`: a case-insensitive match first, then
/// by edit distance (case-insensitive, at most a third of its length), then codes that
/// contain it; table order breaks ties. The bounded distance makes this cheap whatever
/// the length of `text`: no name is compared with a text much longer than itself.
pub fn suggestions<'a>(catalog: &'a Catalog, text: &str) -> Vec<&'a str> {
    let names = catalog.entries.iter().flat_map(|entry| {
        std::iter::once(entry.code.as_str()).chain(entry.aliases.iter().map(String::as_str))
    });
    let limits = SuggestionLimits {
        distance: (text.chars().count() / 3).max(2),
        contained_from: Some(4),
        count: SUGGESTIONS,
    };
    obs_codes_gen::closest(text, names, limits)
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Catalog {
        let loaded = obs_codes_gen::load(
            &[obs_codes_gen::Source::from_arg("obs")],
            std::path::Path::new("."),
        );
        assert!(loaded.problems.is_empty());
        loaded.catalog
    }

    fn suggestions(text: &str) -> Vec<String> {
        super::suggestions(&bundled(), text)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn case_insensitive_match_comes_first() {
        assert_eq!(
            suggestions("nosuchkey").first(),
            Some(&"NoSuchKey".to_owned())
        );
        assert_eq!(
            suggestions("NoSuchKy").first(),
            Some(&"NoSuchKey".to_owned())
        );
        assert_eq!(suggestions("slowdown"), ["SlowDown"]);
    }

    #[test]
    fn aliases_and_substrings_are_suggested() {
        assert!(suggestions("keytoolongerr").contains(&"KeyTooLongError".to_owned()));
        assert!(suggestions("Timeout").contains(&"RequestTimeout".to_owned()));
        assert!(suggestions("qqqqqqqqqqqqqqqq").is_empty());
    }

    fn tables(catalog: &Catalog) -> Tables<'_> {
        Tables {
            catalog,
            enum_name: Some("ObsErrorCode"),
            list_command: "obs-codes list",
        }
    }

    #[test]
    fn explains_known_codes_and_refuses_unknown_ones() {
        let asked = ["SlowDown".to_owned(), "NoSuchKy".to_owned()];
        let catalog = bundled();
        let explained = explain(tables(&catalog), &asked);
        assert!(!explained.all_known);
        assert!(
            explained.stdout().starts_with(
                "SlowDown (ObsErrorCode::SlowDown)\n  status       503 Service Unavailable\n  retryable    yes: throttled, retry with a longer back-off and send fewer requests\n"
            ),
            "{}",
            explained.stdout()
        );
        assert!(
            explained
                .stderr()
                .starts_with("error: unknown code `NoSuchKy`; did you mean NoSuchKey"),
            "{}",
            explained.stderr()
        );
    }

    #[test]
    fn solutions_are_plain_text_like_descriptions() {
        let catalog = bundled();
        let asked = ["InvalidLocationConstraint".to_owned()];
        let out = explain(tables(&catalog), &asked).stdout();
        assert!(
            out.contains("  solution     Correct the Location in the bucket creation request.\n"),
            "{out}"
        );
        assert!(!out.contains("**"), "{out}");
    }

    #[test]
    fn answers_follow_the_arguments() {
        let asked = ["Nope1", "SlowDown", "Nope2", "NoSuchKey"].map(str::to_owned);
        let catalog = bundled();
        let explained = explain(tables(&catalog), &asked);
        let kinds: Vec<String> = explained
            .answers
            .iter()
            .map(|answer| match answer {
                Answer::Explained(text) => {
                    format!("explained {}", text.split(' ').next().unwrap_or(""))
                }
                Answer::Unknown(text) => {
                    format!("unknown {}", text.split('`').nth(1).unwrap_or(""))
                }
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "unknown Nope1",
                "explained SlowDown",
                "unknown Nope2",
                "explained NoSuchKey"
            ]
        );
        // Written in that order to one stream (a terminal showing both).
        let both: Vec<u8> = explained
            .outcome()
            .writes
            .into_iter()
            .flat_map(|(_, bytes)| bytes)
            .collect();
        let text = String::from_utf8_lossy(&both).into_owned();
        let order: Vec<usize> = ["`Nope1`", "SlowDown (", "`Nope2`", "NoSuchKey ("]
            .iter()
            .filter_map(|word| text.find(word))
            .collect();
        assert_eq!(order.len(), 4, "{text}");
        assert!(order.is_sorted(), "{text}");
        assert!(text.contains("send fewer requests\n  aliases      none\n  description  Too frequent requests. Reduce your request frequency.\n  solution     Too frequent requests. Reduce your request frequency.\n  documented   obs_29_1601; obs_04_0115; en-us_topic_0125560440; obs_21_2002\nerror: unknown code `Nope2`"), "{text}");
        // Explanations are still separated by one blank line on standard output.
        assert!(
            explained.stdout().contains("obs_21_2002\n\nNoSuchKey ("),
            "{}",
            explained.stdout()
        );
    }

    #[test]
    fn arguments_are_printed_back_escaped_and_cut() {
        let catalog = bundled();
        let asked = [
            "\u{1b}[31mRed\u{1b}[0m".to_owned(),
            "No\u{200b}SuchKey".to_owned(),
            "a\tb\rc\u{202e}d".to_owned(),
            "x".repeat(1000),
        ];
        let explained = explain(tables(&catalog), &asked);
        let errors = explained.stderr();
        let lines: Vec<&str> = errors.lines().collect();
        assert!(
            lines[0].starts_with("error: unknown code `\\u{1b}[31mRed\\u{1b}[0m`"),
            "{errors}"
        );
        assert!(
            lines[1]
                .starts_with("error: unknown code `No\\u{200b}SuchKey`; did you mean NoSuchKey"),
            "{errors}"
        );
        assert!(
            lines[2].starts_with("error: unknown code `a\\u{9}b\\u{d}c\\u{202e}d`"),
            "{errors}"
        );
        assert!(
            lines[3].starts_with(&format!(
                "error: unknown code `{}... (1000 characters)`; no close match",
                "x".repeat(SHOWN)
            )),
            "{errors}"
        );
        assert!(!errors.contains(['\u{1b}', '\t', '\r', '\u{200b}', '\u{202e}']));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn long_arguments_are_answered_in_order_without_suggestions() {
        // Whole-string distances once made 15 such arguments cost seconds; the search
        // now skips names whose length rules them out (its speed is not timed here).
        let catalog = bundled();
        let mut asked: Vec<String> = (0..15)
            .map(|i| format!("{i}{}", "NoSuchKey".repeat(13_333)))
            .collect();
        asked.push("a".repeat(120_000));
        let explained = explain(tables(&catalog), &asked);
        assert_eq!(explained.answers.len(), 16);
        let names = ["NoSuchKey", "NoSuchBucket"];
        let limits = obs_codes_gen::SuggestionLimits {
            distance: 2,
            contained_from: Some(4),
            count: 4,
        };
        assert!(obs_codes_gen::closest(&asked[15], names, limits).is_empty());
    }

    #[test]
    fn retry_advice_is_the_runtimes_class() {
        use obs_codes::ObsErrorCode;
        let catalog = bundled();
        let line = |code: &str| find(&catalog, code).map(retryable).unwrap_or_default();
        assert_eq!(line("SlowDown"), advice(RetryClass::Throttled));
        assert!(line("SlowDown").starts_with("yes: throttled"));
        assert!(line("RequestTimeTooSkewed").starts_with("no: clock skew, fix the clock"));
        assert_eq!(line("InternalError"), advice(RetryClass::Transient));
        assert_eq!(line("NoSuchKey"), "no");
        // Every bundled code: the line's yes or no is what the runtime's class says.
        for code in ObsErrorCode::ALL {
            let class = RetryClass::classify(Some(&obs_codes::Code::from(*code)), None);
            let said = line(code.as_str());
            assert!(said.starts_with(advice(class)), "{code:?}: {said}");
        }
        // A table's flag against a code the runtime names: the class wins, and says so.
        let mut entry = find(&catalog, "SlowDown")
            .cloned()
            .expect("bundled SlowDown");
        entry.retryable = false;
        assert_eq!(
            retryable(&entry),
            format!(
                "{} (the runtime's retry classes name this code; the table's flag says no)",
                advice(RetryClass::Throttled)
            )
        );
        // No status: the table alone.
        let mut entry = find(&catalog, "NoSuchKey")
            .cloned()
            .expect("bundled NoSuchKey");
        entry.status = None;
        entry.retryable = true;
        assert_eq!(
            retryable(&entry),
            "yes: transient, retry with back-off (the table says so)"
        );
    }

    #[test]
    fn wraps_words_and_keeps_paragraphs() {
        assert_eq!(wrap("aaa bbb ccc\n\nddd", 7), ["aaa bbb", "ccc", "", "ddd"]);
        assert_eq!(wrap("", 7), [""]);
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["a"]), "a");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b or c");
    }
}
