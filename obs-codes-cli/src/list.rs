//! `obs-codes list`: the codes of the loaded tables as an aligned table, CSV or JSON.

use crate::inputs::rows_of;
use obs_codes_gen::Column;
use obs_codes_gen::plain_text;
use obs_codes_gen::{Catalog, Entry};
use std::fmt::Write;

/// How `list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal; descriptions shortened to their first sentence
    /// or 60 characters.
    #[default]
    Table,
    /// The table in the macro's CSV format, as the generator reads it: descriptions in
    /// their markdown, retry flags where the table gives them.
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
pub fn codes(catalog: &Catalog, filter: Filter) -> Catalog {
    let entries = catalog
        .entries
        .iter()
        .filter(|e| filter.status.is_none_or(|s| http_status(e) == Some(s)))
        .filter(|e| !filter.retryable || e.retryable)
        .cloned()
        .collect();
    Catalog {
        entries,
        ..catalog.clone()
    }
}

fn http_status(entry: &Entry) -> Option<u16> {
    entry.status.as_ref().map(|s| s.code)
}

/// The codes printed in `format`.
pub fn render(catalog: &Catalog, format: Format) -> String {
    match format {
        Format::Table => table(&catalog.entries),
        Format::Csv => csv(catalog),
        Format::Json => json(&catalog.entries),
    }
}

/// The columns `list --format csv` writes, in this order, when a row uses them.
const CSV_COLUMNS: [Column; 8] = [
    Column::Code,
    Column::Status,
    Column::Variant,
    Column::Retryable,
    Column::Aliases,
    Column::Description,
    Column::Solution,
    Column::Source,
];

/// The codes as a table the generator reads back to the same rows: every cell as the
/// table gave it (descriptions in markdown, a retry flag only where the table set one,
/// a variant only where it is not the code's), the required columns and those in use.
fn csv(catalog: &Catalog) -> String {
    let mut rows = rows_of(catalog);
    for (row, entry) in rows.iter_mut().zip(&catalog.entries) {
        row.retryable = entry.retryable_by_table.then_some(entry.retryable);
    }
    let in_use = obs_codes_gen::Column::used_by(&rows);
    let columns: Vec<Column> = CSV_COLUMNS
        .into_iter()
        .filter(|column| in_use.contains(column))
        .collect();
    obs_codes_gen::to_csv(&columns, &rows)
}

fn status(entry: &Entry) -> String {
    entry
        .status
        .as_ref()
        .map_or_else(|| "N/A".to_owned(), ToString::to_string)
}

/// The longest description shown in a table row, in characters.
const SHORT: usize = 60;

fn table(entries: &[Entry]) -> String {
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|entry| {
            let retry = if entry.retryable { "yes" } else { "no" };
            [
                entry.code.clone(),
                status(entry),
                retry.to_owned(),
                short(&plain_text(&entry.description)),
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

fn json(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "[]\n".to_owned();
    }
    let mut out = String::from("[\n");
    for (i, entry) in entries.iter().enumerate() {
        let optional_number =
            |n: Option<u16>| n.map_or_else(|| "null".to_owned(), |n| n.to_string());
        let optional_text = |t: Option<&str>| t.map_or_else(|| "null".to_owned(), json_string);
        let aliases: Vec<String> = entry.aliases.iter().map(|a| json_string(a)).collect();
        let reason = entry.status.as_ref().and_then(|s| s.reason.as_deref());
        let _ = write!(
            out,
            "  {{\"code\": {}, \"http_status\": {}, \"http_reason\": {}, \"retryable\": {}, \"aliases\": [{}], \"description\": {}, \"solution\": {}}}",
            json_string(&entry.code),
            optional_number(http_status(entry)),
            optional_text(reason),
            entry.retryable,
            aliases.join(", "),
            json_string(&plain_text(&entry.description)),
            optional_text(entry.solution.as_deref().map(plain_text).as_deref()),
        );
        out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
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

    fn bundled() -> Catalog {
        obs_codes_gen::load(
            &[obs_codes_gen::Source::from_arg("obs")],
            std::path::Path::new("."),
        )
        .catalog
    }

    #[test]
    fn the_bundled_codes_are_the_runtime_enums() {
        // What `list` shows for the bundled table, the compiled enum says.
        use obs_codes::ObsErrorCode;
        let catalog = bundled();
        assert_eq!(catalog.entries.len(), ObsErrorCode::COUNT);
        for (entry, code) in catalog.entries.iter().zip(ObsErrorCode::ALL) {
            let aliases: Vec<&str> = entry.aliases.iter().map(String::as_str).collect();
            assert_eq!(
                (
                    entry.code.as_str(),
                    format!("{code:?}"),
                    http_status(entry),
                    entry.status.as_ref().and_then(|s| s.reason.as_deref()),
                    entry.retryable,
                    aliases.as_slice(),
                    plain_text(&entry.description),
                    entry.solution.as_deref().map(plain_text),
                ),
                (
                    code.as_str(),
                    entry.variant.clone(),
                    code.http_status(),
                    code.http_reason(),
                    code.is_retryable(),
                    code.aliases(),
                    code.description().to_owned(),
                    code.solution().map(str::to_owned),
                )
            );
        }
    }

    #[test]
    fn csv_is_the_table_as_read() {
        // The bundled table, markdown and empty retry cells included, byte for byte.
        assert_eq!(
            render(&bundled(), Format::Csv),
            obs_codes_gen::Source::BUNDLED_CSV
        );
        let text = "code,http_status,variant,retryable,aliases,description,solution,source\n\
            A,503,,,,\"**Bold**, `code *x*` and\n\n- a list\",,\n\
            B-c,404 Not Found,Renamed,true,Bee|Bc,plain,Do this.,p1;p2\n";
        let mut problems = obs_codes_gen::Problems::default();
        let source = obs_codes_gen::SourceText {
            name: "t.csv".to_owned(),
            tracked_path: None,
            text: text.to_owned(),
        };
        let table = obs_codes_gen::Table::parse(&source, &mut problems);
        let catalog = obs_codes_gen::Catalog::check(&[table], &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        assert_eq!(render(&catalog, Format::Csv), text);
    }

    #[test]
    fn filters_combine() {
        let catalog = bundled();
        let all = codes(&catalog, Filter::default());
        assert_eq!(all.entries.len(), catalog.entries.len());
        let slow = codes(
            &catalog,
            Filter {
                status: Some(503),
                retryable: true,
            },
        );
        assert!(slow.entries.iter().any(|e| e.code == "SlowDown"));
        assert!(
            slow.entries
                .iter()
                .all(|e| http_status(e) == Some(503) && e.retryable)
        );
        let none = codes(
            &catalog,
            Filter {
                status: Some(418),
                retryable: false,
            },
        );
        assert!(none.entries.is_empty());
        assert_eq!(render(&none, Format::Json), "[]\n");
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
        let mut catalog = bundled();
        catalog
            .entries
            .retain(|e| e.code == "SlowDown" || e.code == "NoSuchKey");
        catalog.entries.reverse();
        let text = render(&catalog, Format::Table);
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
