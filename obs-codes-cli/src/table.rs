//! Tables in the macro's CSV format: the rows, reading them back, and writing them.
//!
//! The format is the one `obs_errors!` reads: UTF-8 CSV, `#` comment lines, a header
//! whose names select the columns (case, spaces, `_` and `-` ignored). Reading uses the
//! `csv` crate; each field's line and column come from the record's byte position and
//! a scan of the record's own text, which also catches the unterminated quote that the
//! `csv` crate silently closes at the end of the input.

use crate::located::{LineIndex, Location, Problem};
use std::collections::HashMap;

/// Statuses that make a code retryable when its row leaves `retryable` empty: the rule
/// the macro applies (see the crate README).
pub const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The wire code.
    pub code: String,
    /// The status as written: `403 Forbidden`, `403` or `N/A`.
    pub status: String,
    /// The `retryable` cell: `None` when empty (the status rule applies).
    pub retryable: Option<bool>,
    /// Other wire spellings.
    pub aliases: Vec<String>,
    /// The description, markdown.
    pub description: String,
    /// What to do about the error, when the table says.
    pub solution: Option<String>,
    /// Where the row's code is.
    pub at: Location,
}

impl Entry {
    /// The numeric status, when the status cell has one.
    pub fn status_code(&self) -> Option<u16> {
        parse_status(&self.status).ok().flatten()
    }

    /// Whether a client may retry: the `retryable` cell, else the status rule.
    pub fn is_retryable(&self) -> bool {
        self.retryable.unwrap_or_else(|| {
            self.status_code()
                .is_some_and(|s| RETRYABLE_STATUSES.contains(&s))
        })
    }
}

/// Which optional columns a written table has, besides `code`, `http_status` and
/// `description`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// `retryable` and `aliases`, after `http_status`.
    pub retryable_and_aliases: bool,
    /// `solution`, last.
    pub solution: bool,
}

/// The numeric status of a status cell: `Ok(None)` for `N/A`; the shape the macro
/// accepts is three digits (100..=599), optionally followed by a space and a phrase.
pub fn parse_status(text: &str) -> Result<Option<u16>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("n/a") {
        return Ok(None);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text.get(digits..).unwrap_or_default();
    let code = text
        .get(..digits)
        .filter(|_| digits == 3 && (rest.is_empty() || rest.starts_with(' ')))
        .and_then(|d| d.parse::<u16>().ok());
    match code {
        Some(code) if (100..=599).contains(&code) => Ok(Some(code)),
        Some(code) => Err(format!("HTTP status {code} is outside 100..=599")),
        None => Err(format!(
            "`{text}` is not an HTTP status: write `404`, `404 Not Found` or `N/A`"
        )),
    }
}

/// A `retryable` cell: `true`, `false` or empty.
pub fn parse_flag(text: &str) -> Result<Option<bool>, String> {
    match text.trim() {
        "" => Ok(None),
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        other => Err(format!(
            "`{other}` is not a valid `retryable` value: write `true`, `false` or leave it empty"
        )),
    }
}

/// An `aliases` cell: `|`-separated names; `Err` points at the empty one.
pub fn parse_aliases(text: &str) -> Result<Vec<String>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    text.split('|')
        .map(|alias| {
            let alias = alias.trim();
            if alias.is_empty() {
                Err("empty alias: separate aliases with a single `|`".to_owned())
            } else {
                Ok(alias.to_owned())
            }
        })
        .collect()
}

/// A CSV field and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The decoded value.
    pub value: String,
    /// Where it starts in the file.
    pub at: Location,
}

/// A CSV record: its fields, and where it ends (for a missing field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The fields in order.
    pub fields: Vec<Field>,
    /// Just past the record's last character.
    pub end: Location,
}

impl Record {
    /// The problem with a record whose field count differs from the header's, located at
    /// its first extra field or, when fields are missing, at its end.
    pub fn width_problem(&self, expected: usize) -> Option<Problem> {
        if self.fields.len() == expected {
            return None;
        }
        let at = self
            .fields
            .get(expected)
            .map_or_else(|| self.end.clone(), |f| f.at.clone());
        Some(Problem::new(
            at,
            format!(
                "this record has {} fields but the header has {expected}",
                self.fields.len()
            ),
        ))
    }
}

/// Reads CSV text into records (comment lines starting with `#` and blank lines
/// skipped), every field located.
pub fn read_records(file: &str, text: &str) -> Result<Vec<Record>, Problem> {
    let index = LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut raw = csv::StringRecord::new();
    loop {
        let before = reader.position().byte();
        let more = reader.read_record(&mut raw).map_err(|error| {
            let offset = error.position().map_or(before, csv::Position::byte);
            let offset = usize::try_from(offset).unwrap_or(text.len());
            Problem::new(
                index.locate(file, text, offset),
                format!("unreadable CSV: {error}"),
            )
        })?;
        if !more {
            return Ok(records);
        }
        let start = skip_ignored_lines(text.as_bytes(), usize::try_from(before).unwrap_or(0));
        let (starts, end) = field_starts(text.as_bytes(), start).map_err(|open| {
            Problem::new(
                index.locate(file, text, open),
                "unterminated quoted field: the quote opened here is never closed",
            )
        })?;
        let fields = raw
            .iter()
            .enumerate()
            .map(|(i, value)| Field {
                value: value.to_owned(),
                at: index.locate(file, text, starts.get(i).copied().unwrap_or(start)),
            })
            .collect();
        records.push(Record {
            fields,
            end: index.locate(file, text, end),
        });
    }
}

/// Where the next record really starts: past blank lines and `#` comment lines, which
/// the `csv` crate's position does not skip.
fn skip_ignored_lines(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        match bytes.get(pos) {
            Some(b'\r' | b'\n') => pos += 1,
            Some(b'#') => match bytes
                .get(pos..)
                .and_then(|r| r.iter().position(|&b| b == b'\n'))
            {
                Some(newline) => pos += newline + 1,
                None => return bytes.len(),
            },
            _ => return pos,
        }
    }
}

/// The byte offsets where the fields of the record at `start` begin, and where the
/// record ends; `Err` is the offset of a quote that never closes.
fn field_starts(bytes: &[u8], start: usize) -> Result<(Vec<usize>, usize), usize> {
    let mut starts = Vec::new();
    let mut pos = start;
    loop {
        starts.push(pos);
        if bytes.get(pos) == Some(&b'"') {
            let open = pos;
            pos += 1;
            loop {
                match bytes.get(pos) {
                    None => return Err(open),
                    Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => pos += 2,
                    Some(b'"') => {
                        pos += 1;
                        break;
                    }
                    Some(_) => pos += 1,
                }
            }
        }
        loop {
            match bytes.get(pos) {
                Some(b',') => {
                    pos += 1;
                    break;
                }
                None | Some(b'\n' | b'\r') => return Ok((starts, pos)),
                Some(_) => pos += 1,
            }
        }
    }
}

/// The columns of a table in the macro's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Description,
    Status,
    Variant,
    Aliases,
    Retryable,
    Solution,
    Override,
}

/// Header names (normalized: lower case, no spaces, `_` or `-`) of each column, as the
/// macro accepts them.
const COLUMN_NAMES: [(Column, &[&str]); 8] = [
    (Column::Code, &["code", "errorcode"]),
    (Column::Description, &["description"]),
    (Column::Status, &["httpstatus", "httpstatuscode", "status"]),
    (Column::Variant, &["variant"]),
    (Column::Aliases, &["aliases"]),
    (Column::Retryable, &["retryable"]),
    (Column::Solution, &["solution"]),
    (Column::Override, &["override"]),
];

/// A header name as compared: lower case, without spaces, `_` and `-`.
pub fn normalize_header(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A table read from CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    /// The rows in file order.
    pub entries: Vec<Entry>,
}

/// Reads a table in the macro's format, reporting every problem found.
pub fn read_csv(file: &str, text: &str) -> Result<CsvTable, Vec<Problem>> {
    let records = read_records(file, text).map_err(|p| vec![p])?;
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![Problem::new(
            Location::new(file, 1, 1),
            "the table has no header row (such as `code,http_status,description`)",
        )]);
    };
    let mut problems = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    for field in &header.fields {
        let normalized = normalize_header(&field.value);
        let column = COLUMN_NAMES
            .iter()
            .find(|(_, names)| names.contains(&normalized.as_str()))
            .map(|(column, _)| *column);
        match column {
            Some(column) if columns.contains(&column) => problems.push(Problem::new(
                field.at.clone(),
                format!("column `{}` appears twice", field.value),
            )),
            Some(column) => columns.push(column),
            None => problems.push(Problem::new(
                field.at.clone(),
                format!(
                    "unknown column `{}`: the columns are code, http_status, description, variant, aliases, retryable, solution, override",
                    field.value
                ),
            )),
        }
    }
    let start = Location::new(file, 1, 1);
    let at = header.fields.first().map_or(start, |f| f.at.clone());
    for (required, name) in [
        (Column::Code, "code"),
        (Column::Status, "http_status"),
        (Column::Description, "description"),
    ] {
        if !columns.contains(&required) {
            problems.push(Problem::new(
                at.clone(),
                format!("the header has no `{name}` column"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut entries = Vec::new();
    for record in rows {
        if let Some(problem) = record.width_problem(columns.len()) {
            problems.push(problem);
            continue;
        }
        if let Some(entry) = read_row(record, &columns, &mut problems) {
            entries.push(entry);
        }
    }
    check_unique(&entries, &mut problems);
    if problems.is_empty() {
        Ok(CsvTable { entries })
    } else {
        problems.sort_by_key(|p| (p.at.line, p.at.column));
        Err(problems)
    }
}

fn read_row(record: &Record, columns: &[Column], problems: &mut Vec<Problem>) -> Option<Entry> {
    let cell = |wanted: Column| {
        columns
            .iter()
            .position(|&c| c == wanted)
            .and_then(|i| record.fields.get(i))
    };
    let before = problems.len();
    let code = cell(Column::Code)?;
    check_code(&code.value, &code.at, problems);
    let status = cell(Column::Status)?;
    if let Err(message) = parse_status(&status.value) {
        problems.push(Problem::new(status.at.clone(), message));
    }
    let description = cell(Column::Description)?;
    if description.value.trim().is_empty() {
        problems.push(Problem::new(
            description.at.clone(),
            format!("empty description for code `{}`", code.value),
        ));
    }
    let mut retryable = None;
    if let Some(flag) = cell(Column::Retryable) {
        match parse_flag(&flag.value) {
            Ok(value) => retryable = value,
            Err(message) => problems.push(Problem::new(flag.at.clone(), message)),
        }
    }
    let mut aliases = Vec::new();
    if let Some(list) = cell(Column::Aliases) {
        match parse_aliases(&list.value) {
            Ok(value) => aliases = value,
            Err(message) => problems.push(Problem::new(list.at.clone(), message)),
        }
    }
    let solution = cell(Column::Solution)
        .map(|s| s.value.trim().to_owned())
        .filter(|s| !s.is_empty());
    (problems.len() == before).then(|| Entry {
        code: code.value.clone(),
        status: status.value.trim().to_owned(),
        retryable,
        aliases,
        description: description.value.trim().to_owned(),
        solution,
        at: code.at.clone(),
    })
}

/// Reports a code the macro would refuse: empty, padded, or with control characters.
pub fn check_code(code: &str, at: &Location, problems: &mut Vec<Problem>) {
    let message = if code.is_empty() {
        "empty code".to_owned()
    } else if code.trim() != code {
        format!("code `{code}` has leading or trailing whitespace")
    } else if code.chars().any(char::is_control) {
        format!(
            "code `{}` contains a control character",
            code.escape_debug()
        )
    } else {
        return;
    };
    problems.push(Problem::new(at.clone(), message));
}

/// Reports every code or alias that names an earlier code or alias again.
pub fn check_unique(entries: &[Entry], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, &Entry> = HashMap::new();
    for entry in entries {
        let names = std::iter::once(&entry.code).chain(&entry.aliases);
        for name in names {
            if let Some(first) = seen.insert(name, entry) {
                let place = if first.at.file == entry.at.file {
                    format!("on line {}", first.at.line)
                } else {
                    format!("at {}", first.at)
                };
                problems.push(Problem::new(
                    entry.at.clone(),
                    format!(
                        "`{name}` appears twice: also {place} (as a code or alias of `{}`)",
                        first.code
                    ),
                ));
            }
        }
    }
}

/// Writes entries as CSV in the macro's format: header `code,http_status`, then
/// `retryable,aliases` if asked, `description`, then `solution` if asked; LF line
/// ends; a field is quoted only when it holds a comma, a quote, a line break or a `#`
/// (so that no record reads as a comment).
pub fn write_csv(entries: &[Entry], columns: Columns) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .comment(Some(b'#'))
        .from_writer(Vec::new());
    let mut header = vec!["code", "http_status"];
    if columns.retryable_and_aliases {
        header.extend(["retryable", "aliases"]);
    }
    header.push("description");
    if columns.solution {
        header.push("solution");
    }
    writer.write_record(&header)?;
    for entry in entries {
        let mut record = vec![entry.code.clone(), entry.status.clone()];
        if columns.retryable_and_aliases {
            let flag = entry
                .retryable
                .map_or("", |r| if r { "true" } else { "false" });
            record.push(flag.to_owned());
            record.push(entry.aliases.join("|"));
        }
        record.push(entry.description.clone());
        if columns.solution {
            record.push(entry.solution.clone().unwrap_or_default());
        }
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match read_csv("t.csv", text) {
            Ok(table) => panic!("expected problems, read {table:?}"),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    fn first_problem(text: &str) -> String {
        problems(text).into_iter().next().unwrap_or_default()
    }

    /// name, input, expected first message prefix.
    const BAD: &[(&str, &str, &str)] = &[
        ("empty", "", "t.csv:1:1: error: the table has no header row"),
        (
            "unterminated",
            "code,status,description\nA,400,\"open\n",
            "t.csv:2:7: error: unterminated quoted field",
        ),
        (
            "too many",
            "code,status,description\nA,400,x,y\n",
            "t.csv:2:9: error: this record has 4 fields but the header has 3",
        ),
        (
            "too few",
            "code,status,description\nA,400\n",
            "t.csv:2:6: error: this record has 2 fields but the header has 3",
        ),
        (
            "unknown column",
            "code,status,description,colour\nA,400,x,red\n",
            "t.csv:1:25: error: unknown column `colour`",
        ),
        (
            "missing column",
            "code,description\nA,x\n",
            "t.csv:1:1: error: the header has no `http_status` column",
        ),
        (
            "bad status after comments and a quoted field",
            "# one\n# two\n\ncode,status,description\n\"A, B\",Forbidden,x\n",
            "t.csv:5:8: error: `Forbidden` is not an HTTP status",
        ),
        (
            "status range",
            "code,status,description\nA,999 Odd,x\n",
            "t.csv:2:3: error: HTTP status 999 is outside 100..=599",
        ),
        (
            "retryable",
            "code,status,description,retryable\nA,400,x,yes\n",
            "t.csv:2:9: error: `yes` is not a valid `retryable` value",
        ),
        (
            "empty description",
            "code,status,description\nA,400, \n",
            "t.csv:2:7: error: empty description for code `A`",
        ),
        (
            "empty alias",
            "code,status,description,aliases\nA,400,x,B||C\n",
            "t.csv:2:9: error: empty alias",
        ),
        (
            "padded code",
            "code,status,description\n A,400,x\n",
            "t.csv:2:1: error: code ` A` has leading or trailing whitespace",
        ),
        (
            "twice",
            "code,status,description,aliases\nA,400,x,\nB,400,y,A\n",
            "t.csv:3:1: error: `A` appears twice: also on line 2",
        ),
    ];

    #[test]
    fn bad_tables_are_located() {
        for (name, input, expected) in BAD {
            let message = first_problem(input);
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }

    #[test]
    fn every_problem_is_reported() {
        let found = problems("code,status,description\nA,1,x\nB,2,y\nC,300,\n");
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn reads_every_column() {
        let text = "# c\r\nCode,HTTP Status Code,Description,Variant,Aliases,Retryable,Solution,Override\r\n\
             \"Quoted, code\",503 Service Unavailable,\"Two\n\nparagraphs \"\"quoted\"\"\",V,X | Y,false,Wait.,\r\n\
             B,N/A,b,,,,,\r\n";
        let table = read_csv("t.csv", text).map_err(|p| format!("{p:?}"));
        let Ok(table) = table else {
            panic!("{table:?}");
        };
        let a = &table.entries[0];
        assert_eq!(a.code, "Quoted, code");
        assert_eq!(a.at, Location::new("t.csv", 3, 1));
        assert_eq!(a.status_code(), Some(503));
        assert_eq!(a.description, "Two\n\nparagraphs \"quoted\"");
        assert_eq!(a.aliases, ["X", "Y"]);
        assert_eq!((a.retryable, a.is_retryable()), (Some(false), false));
        assert_eq!(a.solution.as_deref(), Some("Wait."));
        let b = &table.entries[1];
        assert_eq!(
            (b.at.line, b.status_code(), b.is_retryable()),
            (6, None, false)
        );
    }

    #[test]
    fn the_status_rule_decides_empty_flags() {
        let table = read_csv(
            "t.csv",
            "code,http_status,retryable,description\nA,503,,x\nB,400,,x\nC,400,true,x\n",
        );
        let flags: Vec<bool> = table
            .map(|t| t.entries.iter().map(Entry::is_retryable).collect())
            .unwrap_or_default();
        assert_eq!(flags, [true, false, true]);
    }

    #[test]
    fn writes_minimal_quoting_with_lf() {
        let entry = |code: &str, description: &str| Entry {
            code: code.into(),
            status: "400 Bad Request".into(),
            retryable: None,
            aliases: Vec::new(),
            description: description.into(),
            solution: None,
            at: Location::new("t", 1, 1),
        };
        let mut flagged = entry("B", "Say \"hi\".\n\nTwice");
        flagged.retryable = Some(true);
        flagged.aliases = vec!["C".into(), "D".into()];
        let rows = [entry("A", "Plain, with comma."), flagged, entry("#E", "x")];
        let columns = Columns {
            retryable_and_aliases: true,
            solution: false,
        };
        let bytes = write_csv(&rows, columns).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "code,http_status,retryable,aliases,description\n\
             A,400 Bad Request,,,\"Plain, with comma.\"\n\
             B,400 Bad Request,true,C|D,\"Say \"\"hi\"\".\n\nTwice\"\n\
             \"#E\",400 Bad Request,,,x\n"
        );
        let columns = Columns {
            retryable_and_aliases: false,
            solution: true,
        };
        let bytes = write_csv(&rows[..1], columns).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "code,http_status,description,solution\nA,400 Bad Request,\"Plain, with comma.\",\n"
        );
    }

    #[test]
    fn written_tables_read_back() {
        let text = "code,http_status,retryable,aliases,description,solution\n\
                    A,503,false,B|C,\"x, y\",Wait.\n";
        let table = read_csv("t.csv", text).unwrap_or_else(|p| panic!("{p:?}"));
        let columns = Columns {
            retryable_and_aliases: true,
            solution: true,
        };
        let bytes = write_csv(&table.entries, columns).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&bytes), text);
    }
}
