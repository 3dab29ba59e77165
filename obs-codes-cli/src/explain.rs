//! `obs-codes explain`: what a code means, and the closest codes for one that is unknown.

use obs_codes_gen::catalog::{Catalog, Entry, default_retryable};
use obs_codes_gen::markdown::plain_text;
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
    let mut explained = Explained {
        stdout: String::new(),
        stderr: String::new(),
        all_known: true,
    };
    for text in codes {
        match find(tables.catalog, text) {
            Some(entry) => {
                if !explained.stdout.is_empty() {
                    explained.stdout.push('\n');
                }
                describe(&mut explained.stdout, tables.enum_name, entry, text);
            }
            None => {
                explained.all_known = false;
                let _ = write!(explained.stderr, "error: unknown code `{text}`");
                let close = suggestions(tables.catalog, text);
                if close.is_empty() {
                    let _ = writeln!(
                        explained.stderr,
                        "; no close match (`{}` shows all {} codes)",
                        tables.list_command,
                        tables.catalog.entries.len()
                    );
                } else {
                    let _ = writeln!(explained.stderr, "; did you mean {}?", or_list(&close));
                }
            }
        }
    }
    explained
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
        let _ = write!(out, ", matched by its alias {asked}");
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
    field(out, "description", &plain_text(&entry.description));
    if let Some(solution) = &entry.solution {
        field(out, "solution", solution);
    }
}

fn status(entry: &Entry) -> String {
    entry
        .status
        .as_ref()
        .map_or_else(|| "none (N/A in the table)".to_owned(), ToString::to_string)
}

fn retryable(entry: &Entry) -> String {
    let by_status = default_retryable(entry.status.as_ref());
    let status = entry
        .status
        .as_ref()
        .map_or_else(String::new, |s| s.code.to_string());
    match (entry.retryable, by_status) {
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
pub fn suggestions<'a>(catalog: &'a Catalog, text: &str) -> Vec<&'a str> {
    let wanted = text.to_lowercase();
    let length = wanted.chars().count();
    let limit = (length / 3).max(2);
    let names = catalog.entries.iter().flat_map(|entry| {
        std::iter::once(entry.code.as_str()).chain(entry.aliases.iter().map(String::as_str))
    });
    let mut ranked: Vec<(usize, usize, &str)> = names
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
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("nosuchky", "nosuchkey"), 1);
        assert_eq!(edit_distance("same", "same"), 0);
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

    #[test]
    fn explains_known_codes_and_refuses_unknown_ones() {
        let asked = ["SlowDown".to_owned(), "NoSuchKy".to_owned()];
        let catalog = bundled();
        let tables = Tables {
            catalog: &catalog,
            enum_name: Some("ObsErrorCode"),
            list_command: "obs-codes list",
        };
        let explained = explain(tables, &asked);
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
