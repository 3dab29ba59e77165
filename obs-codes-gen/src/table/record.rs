//! The CSV record reader: `csv-core`'s syntax, with where each field starts (which the
//! `csv` crate does not report) and the unterminated quote `csv-core` silently closes.

use super::Cell;
use crate::problem::{Location, Problems};
use crate::source::LineIndex;
use csv_core::{ReadFieldResult, ReaderBuilder};

/// One CSV record, each field with its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The fields, in order.
    pub fields: Vec<Cell>,
    /// Where the record ends (just past its last character), for "too few fields".
    pub end: Location,
}

impl Record {
    /// Splits `text` (named `name` in messages) into records, skipping `#` comment
    /// lines and blank lines; a syntax error (an unterminated quote) is reported.
    ///
    /// ```
    /// use obs_codes_gen::{Problems, Record};
    ///
    /// let mut problems = Problems::default();
    /// let records = Record::read_all("t.csv", "# note\ncode,description\n\"A, b\",x\n", &mut problems);
    /// assert!(problems.is_empty());
    /// assert_eq!(records[1].fields[0].value, "A, b");
    /// assert_eq!(records[1].fields[1].at.to_string(), "t.csv:3:8");
    /// ```
    #[must_use]
    pub fn read_all(name: &str, text: &str, problems: &mut Problems) -> Vec<Record> {
        records(name, text, problems)
    }
}

/// [`Record::read_all`].
fn records(name: &str, text: &str, problems: &mut Problems) -> Vec<Record> {
    let bytes = text.as_bytes();
    let lines = LineIndex::new(text);
    let mut reader = ReaderBuilder::new().comment(Some(b'#')).build();
    let mut out = vec![0u8; bytes.len() + 1];
    let mut records = Vec::new();
    let mut fields: Vec<Cell> = Vec::new();
    let mut value: Vec<u8> = Vec::new();
    let mut field_start: Option<usize> = None;
    let mut pos = 0;
    loop {
        let start = *field_start.get_or_insert_with(|| {
            if fields.is_empty() {
                // Comments are skipped here rather than by csv-core, which ends them at
                // `\n` only: a CR-only file would be one long comment.
                pos = skip_ignored_lines(bytes, pos);
            }
            pos
        });
        let (result, consumed, written) = reader.read_field(&bytes[pos..], &mut out);
        value.extend_from_slice(&out[..written]);
        pos += consumed;
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                let (line, column) = lines.line_column(text, start);
                if unterminated_quote(&bytes[start..pos]) {
                    problems
                        .at(
                            Location::at(name, line, column),
                            "unterminated quoted field: the quote opened here is never closed",
                        )
                        .hint("close the quote, and double any quote inside the field (\"\")");
                    return records;
                }
                fields.push(Cell {
                    // Input is UTF-8 and csv-core splits only at ASCII bytes.
                    value: String::from_utf8_lossy(&value).into_owned(),
                    at: Location::at(name, line, column),
                });
                value.clear();
                field_start = None;
                if record_end {
                    let end = trim_terminator(bytes, pos);
                    let (line, column) = lines.line_column(text, end);
                    records.push(Record {
                        fields: std::mem::take(&mut fields),
                        end: Location::at(name, line, column),
                    });
                }
            }
            ReadFieldResult::End => return records,
        }
    }
}

/// Where csv-core's next record really starts: past blank lines and comments.
fn skip_ignored_lines(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        match bytes.get(pos) {
            Some(b'\r' | b'\n') => pos += 1,
            Some(b'#') => match bytes[pos..].iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(line_end) => pos += line_end + 1,
                None => return bytes.len(),
            },
            _ => return pos,
        }
    }
}

fn trim_terminator(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && matches!(bytes[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    end
}

/// True when `raw` (a field as written) opens a quote that never closes.
fn unterminated_quote(raw: &[u8]) -> bool {
    if raw.first() != Some(&b'"') {
        return false;
    }
    let mut i = 1;
    while i < raw.len() {
        if raw[i] == b'"' {
            if raw.get(i + 1) == Some(&b'"') {
                i += 2;
                continue;
            }
            return false;
        }
        i += 1;
    }
    true
}
