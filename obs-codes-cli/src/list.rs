//! `obs-codes list`: the bundled codes as an aligned table, CSV or JSON.

use crate::located::Location;
use crate::table::{Columns, Entry, write_csv};
use obs_codes::ObsErrorCode;
use std::fmt::Write;

/// How `list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal; descriptions shortened to their first sentence
    /// or 60 characters.
    #[default]
    Table,
    /// A table in the macro's CSV format (explicit retry flags, plain-text descriptions).
    Csv,
    /// A JSON array, one object per code.
    Json,
}

/// Which codes `list` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    /// Only codes with this HTTP status.
    pub status: Option<u16>,
    /// Only retryable codes.
    pub retryable: bool,
}

/// The codes that pass `filter`, in table order.
pub fn codes(filter: Filter) -> Vec<ObsErrorCode> {
    ObsErrorCode::ALL
        .iter()
        .copied()
        .filter(|code| filter.status.is_none_or(|s| code.http_status() == Some(s)))
        .filter(|code| !filter.retryable || code.is_retryable())
        .collect()
}

/// The codes printed in `format`.
pub fn render(codes: &[ObsErrorCode], format: Format) -> Result<String, csv::Error> {
    match format {
        Format::Table => Ok(table(codes)),
        Format::Csv => {
            let entries: Vec<Entry> = codes.iter().map(|&code| entry(code)).collect();
            let columns = Columns {
                retryable_and_aliases: true,
                solution: true,
            };
            let bytes = write_csv(&entries, columns)?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        Format::Json => Ok(json(codes)),
    }
}

fn status(code: ObsErrorCode) -> String {
    match (code.http_status(), code.http_reason()) {
        (Some(status), Some(reason)) => format!("{status} {reason}"),
        (Some(status), None) => status.to_string(),
        (None, _) => "N/A".to_owned(),
    }
}

fn entry(code: ObsErrorCode) -> Entry {
    Entry {
        code: code.as_str().to_owned(),
        status: status(code),
        retryable: Some(code.is_retryable()),
        aliases: code.aliases().iter().map(|&a| a.to_owned()).collect(),
        description: code.description().to_owned(),
        solution: code.solution().map(str::to_owned),
        at: Location::new("(bundled table)", 1, 1),
    }
}

/// The longest description shown in a table row, in characters.
const SHORT: usize = 60;

fn table(codes: &[ObsErrorCode]) -> String {
    let rows: Vec<[String; 4]> = codes
        .iter()
        .map(|&code| {
            let retry = if code.is_retryable() { "yes" } else { "no" };
            [
                code.as_str().to_owned(),
                status(code),
                retry.to_owned(),
                short(code.description()),
            ]
        })
        .collect();
    let header = ["CODE", "STATUS", "RETRY", "DESCRIPTION"].map(str::to_owned);
    let widths: Vec<usize> = (0..3)
        .map(|i| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|row| row.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (cell, width) in row.iter().zip(&widths) {
            let _ = write!(out, "{cell:<width$}  ");
        }
        let _ = writeln!(out, "{}", row.get(3).map_or("", String::as_str));
    }
    out
}

/// The first sentence of the first paragraph, cut to [`SHORT`] characters.
fn short(description: &str) -> String {
    let first = description.split("\n\n").next().unwrap_or_default();
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = first
        .find(". ")
        .and_then(|end| first.get(..=end))
        .unwrap_or(&first);
    if sentence.chars().count() <= SHORT {
        return sentence.to_owned();
    }
    let mut cut: String = sentence.chars().take(SHORT - 3).collect();
    cut.truncate(cut.trim_end().len());
    cut.push_str("...");
    cut
}

fn json(codes: &[ObsErrorCode]) -> String {
    if codes.is_empty() {
        return "[]\n".to_owned();
    }
    let mut out = String::from("[\n");
    for (i, &code) in codes.iter().enumerate() {
        let optional_number =
            |n: Option<u16>| n.map_or_else(|| "null".to_owned(), |n| n.to_string());
        let optional_text = |t: Option<&str>| t.map_or_else(|| "null".to_owned(), json_string);
        let aliases: Vec<String> = code.aliases().iter().map(|a| json_string(a)).collect();
        let _ = write!(
            out,
            "  {{\"code\": {}, \"http_status\": {}, \"http_reason\": {}, \"retryable\": {}, \"aliases\": [{}], \"description\": {}, \"solution\": {}}}",
            json_string(code.as_str()),
            optional_number(code.http_status()),
            optional_text(code.http_reason()),
            code.is_retryable(),
            aliases.join(", "),
            json_string(code.description()),
            optional_text(code.solution()),
        );
        out.push_str(if i + 1 < codes.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

/// `text` as a JSON string literal (RFC 8259 escapes).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("plain"), "\"plain\"");
        assert_eq!(
            json_string("a \"q\" \\ \n\t\u{1}é"),
            "\"a \\\"q\\\" \\\\ \\n\\t\\u0001é\""
        );
    }

    #[test]
    fn filters_combine() {
        let all = codes(Filter::default());
        assert_eq!(all.len(), ObsErrorCode::COUNT);
        let slow = codes(Filter {
            status: Some(503),
            retryable: true,
        });
        assert!(slow.contains(&ObsErrorCode::SlowDown));
        assert!(
            slow.iter()
                .all(|c| c.http_status() == Some(503) && c.is_retryable())
        );
        let none = codes(Filter {
            status: Some(418),
            retryable: false,
        });
        assert!(none.is_empty());
        assert_eq!(render(&none, Format::Json).ok().as_deref(), Some("[]\n"));
    }

    #[test]
    fn short_descriptions() {
        assert_eq!(short("One. Two."), "One.");
        assert_eq!(
            short("Para one\nwrapped.\n\nPara two."),
            "Para one wrapped."
        );
        let long = "word ".repeat(20);
        let cut = short(&long);
        assert!(
            cut.ends_with("...") && cut.chars().count() <= SHORT,
            "{cut}"
        );
    }

    #[test]
    fn table_columns_align() {
        let text = render(
            &[ObsErrorCode::SlowDown, ObsErrorCode::NoSuchKey],
            Format::Table,
        )
        .unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        let at = |line: &str, word: &str| line.find(word);
        assert_eq!(
            at(lines[0], "STATUS"),
            at(lines[1], "503 Service Unavailable")
        );
        assert_eq!(at(lines[0], "STATUS"), at(lines[2], "404 Not Found"));
        assert_eq!(at(lines[0], "RETRY"), at(lines[1], "yes"));
        assert_eq!(
            at(lines[0], "DESCRIPTION"),
            at(lines[2], "The specified key")
        );
        assert!(
            lines[1].starts_with("SlowDown   503 Service Unavailable"),
            "{text}"
        );
    }
}
