//! `obs-codes explain`: what a code means, and the closest codes for one that is unknown.

use crate::table::RETRYABLE_STATUSES;
use obs_codes::ObsErrorCode;
use std::fmt::Write;

/// Width that descriptions are wrapped to, label column included.
const WIDTH: usize = 88;
/// The label column: `  description  `.
const LABEL: usize = 15;
/// At most this many suggestions for an unknown code.
const SUGGESTIONS: usize = 4;

/// What `explain` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The explanations of the known codes.
    pub stdout: String,
    /// One error, with suggestions, per unknown code.
    pub stderr: String,
    /// True when every code was known.
    pub all_known: bool,
}

/// Explains each of `codes` (wire codes or aliases, exact), in order.
pub fn explain(codes: &[String]) -> Explained {
    let mut explained = Explained {
        stdout: String::new(),
        stderr: String::new(),
        all_known: true,
    };
    for text in codes {
        match ObsErrorCode::from_code(text) {
            Some(code) => {
                if !explained.stdout.is_empty() {
                    explained.stdout.push('\n');
                }
                describe(&mut explained.stdout, code, text);
            }
            None => {
                explained.all_known = false;
                let _ = write!(explained.stderr, "error: unknown code `{text}`");
                let close = suggestions(text);
                if close.is_empty() {
                    let _ = writeln!(
                        explained.stderr,
                        "; no close match (`obs-codes list` shows all {} codes)",
                        ObsErrorCode::COUNT
                    );
                } else {
                    let _ = writeln!(explained.stderr, "; did you mean {}?", or_list(&close));
                }
            }
        }
    }
    explained
}

fn describe(out: &mut String, code: ObsErrorCode, asked: &str) {
    let _ = write!(out, "{code} (ObsErrorCode::{code:?})");
    if asked != code.as_str() {
        let _ = write!(out, ", matched by its alias {asked}");
    }
    out.push('\n');
    field(out, "status", &status(code));
    field(out, "retryable", &retryable(code));
    let aliases = if code.aliases().is_empty() {
        "none".to_owned()
    } else {
        code.aliases().join(", ")
    };
    field(out, "aliases", &aliases);
    field(out, "description", code.description());
    if let Some(solution) = code.solution() {
        field(out, "solution", solution);
    }
}

fn status(code: ObsErrorCode) -> String {
    match (code.http_status(), code.http_reason()) {
        (Some(status), Some(reason)) => format!("{status} {reason}"),
        (Some(status), None) => status.to_string(),
        (None, _) => "none (N/A in the table)".to_owned(),
    }
}

fn retryable(code: ObsErrorCode) -> String {
    let by_status = code
        .http_status()
        .is_some_and(|s| RETRYABLE_STATUSES.contains(&s));
    let status = code
        .http_status()
        .map_or_else(String::new, |s| s.to_string());
    match (code.is_retryable(), by_status) {
        (true, true) => format!("yes (status {status})"),
        (false, false) => "no".to_owned(),
        (true, false) => format!("yes (the table says so; status {status} alone is not retried)"),
        (false, true) => format!("no (the table says so; status {status} alone is retried)"),
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
/// by edit distance (case-insensitive), then codes that contain it; table order breaks
/// ties. Only reasonably close ones are offered.
pub fn suggestions(text: &str) -> Vec<&'static str> {
    let wanted = text.to_lowercase();
    let length = wanted.chars().count();
    let limit = (length / 3).max(2);
    let names = ObsErrorCode::ALL
        .iter()
        .flat_map(|code| std::iter::once(code.as_str()).chain(code.aliases().iter().copied()));
    let mut ranked: Vec<(usize, usize, &'static str)> = names
        .enumerate()
        .filter_map(|(order, name)| {
            let lower = name.to_lowercase();
            let distance = edit_distance(&wanted, &lower);
            let contains = length >= 4 && lower.contains(&wanted);
            let rank = if distance == 0 {
                0
            } else if distance <= limit {
                distance
            } else if contains {
                limit + 1
            } else {
                return None;
            };
            Some((rank, order, name))
        })
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, _, name)| name)
        .collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous
                .get(j)
                .map_or(usize::MAX, |d| d + usize::from(ca != *cb));
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.get(j).map_or(usize::MAX, |d| d + 1);
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitute.min(delete).min(insert);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
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

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("nosuchky", "nosuchkey"), 1);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn case_insensitive_match_comes_first() {
        assert_eq!(suggestions("nosuchkey").first(), Some(&"NoSuchKey"));
        assert_eq!(suggestions("NoSuchKy").first(), Some(&"NoSuchKey"));
        assert_eq!(suggestions("slowdown"), ["SlowDown"]);
    }

    #[test]
    fn aliases_and_substrings_are_suggested() {
        assert!(suggestions("keytoolongerr").contains(&"KeyTooLongError"));
        assert!(suggestions("Timeout").contains(&"RequestTimeout"));
        assert!(suggestions("qqqqqqqqqqqqqqqq").is_empty());
    }

    #[test]
    fn explains_known_codes_and_refuses_unknown_ones() {
        let asked = ["SlowDown".to_owned(), "NoSuchKy".to_owned()];
        let explained = explain(&asked);
        assert!(!explained.all_known);
        assert!(
            explained.stdout.starts_with(
                "SlowDown (ObsErrorCode::SlowDown)\n  status       503 Service Unavailable\n  retryable    yes (status 503)\n"
            ),
            "{}",
            explained.stdout
        );
        assert!(
            explained
                .stderr
                .starts_with("error: unknown code `NoSuchKy`; did you mean NoSuchKey"),
            "{}",
            explained.stderr
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
