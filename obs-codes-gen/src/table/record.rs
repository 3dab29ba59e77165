//! The CSV record reader: `csv-core`'s syntax, with where each field starts (which the
//! `csv` crate does not report) and the unterminated quote `csv-core` silently closes.

use super::Cell;
use crate::problem::{Location, Problems};
use crate::source::LineIndex;
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};

/// One CSV record, each field with its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The fields, in order.
    pub fields: Vec<Cell>,
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

/// [`Record::read_all`], with one reader a thread, reset for each text: building one
/// compiles its state table, which costs more than reading a short table. (A built
/// reader cannot be cloned instead: csv-core's `Clone` copies only part of the table.)
fn records(name: &str, text: &str, problems: &mut Problems) -> Vec<Record> {
    thread_local! {
        static READER: std::cell::Cell<Option<Reader>> = const { std::cell::Cell::new(None) };
    }
    let mut reader = READER
        .take()
        .unwrap_or_else(|| ReaderBuilder::new().comment(Some(b'#')).build());
    reader.reset();
    let records = read_records(&mut reader, name, text, problems);
    READER.set(Some(reader));
    records
}

/// The records of `text`, read by `reader` from its start state.
fn read_records(
    reader: &mut Reader,
    name: &str,
    text: &str,
    problems: &mut Problems,
) -> Vec<Record> {
    let bytes = text.as_bytes();
    let mut positions = Positions::new(text);
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
                let (line, column) = positions.line_column(text, start);
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
                    records.push(Record {
                        fields: std::mem::take(&mut fields),
                    });
                }
            }
            ReadFieldResult::End => return records,
        }
    }
}

/// Line and column of ascending offsets, each counted on from the last on the same line:
/// linear in a line however many fields it has (a header of 100,000 columns).
struct Positions {
    lines: LineIndex,
    /// The last offset asked for, and its line and column.
    last: (usize, usize, usize),
}

impl Positions {
    fn new(text: &str) -> Self {
        Positions {
            lines: LineIndex::new(text),
            last: (0, 1, 1),
        }
    }

    fn line_column(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let (last_offset, last_line, last_column) = self.last;
        let line = self.lines.line(offset);
        let column = match text.get(last_offset..offset) {
            Some(between) if line == last_line && offset >= last_offset => {
                last_column + between.chars().count()
            }
            _ => self.lines.line_column(text, offset).1,
        };
        self.last = (offset, line, column);
        (line, column)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn values(records: &[Record]) -> Vec<Vec<&str>> {
        records
            .iter()
            .map(|record| record.fields.iter().map(|f| f.value.as_str()).collect())
            .collect()
    }

    #[test]
    fn each_text_is_read_from_the_start_whatever_the_last_left() {
        let mut problems = Problems::default();
        // The same reader ends this text at an unterminated quote, then reads the next.
        let open = Record::read_all("u.csv", "x,y\nz,\"open\n", &mut problems);
        assert_eq!(values(&open), [["x", "y"]]);
        assert_eq!(problems.len(), 1);
        let next = Record::read_all("t.csv", "a,\"b\"\nc,d\n", &mut problems);
        assert_eq!(values(&next), [["a", "b"], ["c", "d"]]);
        assert_eq!(next[1].fields[1].at.to_string(), "t.csv:2:3");
        assert_eq!(problems.len(), 1);
    }
}
