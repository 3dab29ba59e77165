//! Stage 2: a source's text becomes a [`Table`] of rows, every cell with its position.
//!
//! CSV syntax comes from `csv-core`; this module tracks where each field starts, which
//! the `csv` crate does not report, and catches the unterminated quote that `csv-core`
//! silently closes at the end of the input.

use crate::problem::{Location, Problem, Problems};
use crate::source::{LineIndex, SourceText};
use crate::suggest::{self, Limits};
use csv_core::{ReadFieldResult, ReaderBuilder};

/// A cell's text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The decoded text (quotes removed, `""` unescaped).
    pub value: String,
    /// Where the field starts in the file.
    pub at: Location,
}

/// A status as the table writes it: `403`, `403 Forbidden`; `N/A` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpStatus {
    /// The numeric status, 100..=599.
    pub code: u16,
    /// The phrase after the number, as written.
    pub reason: Option<String>,
}

/// One data row, parsed but not yet checked against the other rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The wire code, verbatim.
    pub code: Cell,
    /// An explicit variant name, when the `variant` cell is not empty.
    pub variant: Option<Cell>,
    /// Other wire spellings.
    pub aliases: Vec<Cell>,
    /// The HTTP status; `None` for `N/A`.
    pub status: Option<HttpStatus>,
    /// The `retryable` cell; `None` when empty (the status rule applies).
    pub retryable: Option<bool>,
    /// The description, markdown allowed.
    pub description: String,
    /// What the user should do, when the table says.
    pub solution: Option<String>,
    /// True when the row replaces a code of an earlier source.
    pub is_override: bool,
    /// Where the row comes from (page names, `;`-separated), when the table says.
    pub source: Option<String>,
    /// False when one of the row's cells has a problem (reported): the row still goes
    /// through every check, so each of its problems is reported in the same build, but
    /// it generates nothing.
    pub complete: bool,
}

impl Row {
    /// A row of `code` alone: no variant, aliases, status (`N/A`), retry flag,
    /// description, solution or source, not an override, complete. Build rows from it
    /// with struct update syntax, so that code building rows keeps compiling when a
    /// column is added.
    #[must_use]
    pub fn new(code: Cell) -> Row {
        Row {
            code,
            variant: None,
            aliases: Vec::new(),
            status: None,
            retryable: None,
            description: String::new(),
            solution: None,
            is_override: false,
            source: None,
            complete: true,
        }
    }
}

/// A parsed source.
#[derive(Debug, Clone)]
pub struct Table {
    /// The name messages use (the path as written, or `obs`).
    pub name: String,
    /// The path the expansion includes to track rebuilds, for files.
    pub tracked_path: Option<String>,
    /// The rows that parsed, in file order.
    pub rows: Vec<Row>,
}

/// The columns a table may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `code`, `Error Code`: the wire code. Required.
    Code,
    /// `description`, `Error Message`. Required.
    Description,
    /// `http_status`, `HTTP Status Code`, `Status Code`, `status`. Required.
    Status,
    /// `variant`: the Rust name.
    Variant,
    /// `aliases`: other wire spellings, `|`-separated.
    Aliases,
    /// `retryable`: `true`, `false` or empty.
    Retryable,
    /// `solution`: what to do about the error.
    Solution,
    /// `override`: replaces a code of an earlier source.
    Override,
    /// `source`: where the row comes from (the pages that document the code).
    Source,
}

impl Column {
    /// Every column with the header names that select it (normalized: lower case, no
    /// spaces, `_` or `-`).
    pub const NAMES: [(Column, &'static [&'static str]); 9] = [
        (Column::Code, &["code", "errorcode"]),
        (Column::Description, &["description", "errormessage"]),
        (
            Column::Status,
            &["httpstatus", "httpstatuscode", "status", "statuscode"],
        ),
        (Column::Variant, &["variant"]),
        (Column::Aliases, &["aliases"]),
        (Column::Retryable, &["retryable"]),
        (Column::Solution, &["solution"]),
        (Column::Override, &["override"]),
        (Column::Source, &["source"]),
    ];

    /// The name a message uses for the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Description => "description",
            Column::Status => "http_status",
            Column::Variant => "variant",
            Column::Aliases => "aliases",
            Column::Retryable => "retryable",
            Column::Solution => "solution",
            Column::Override => "override",
            Column::Source => "source",
        }
    }

    /// True for the columns every table must have.
    #[must_use]
    pub fn is_required(self) -> bool {
        matches!(self, Column::Code | Column::Description | Column::Status)
    }

    /// The column a header cell names, if any.
    #[must_use]
    pub fn from_header(header: &str) -> Option<Column> {
        let normalized = normalize_header(header);
        Column::NAMES
            .iter()
            .find(|(_, names)| names.contains(&normalized.as_str()))
            .map(|(column, _)| *column)
    }

    /// The column name a misspelt header most likely meant: one or two edits away
    /// from an accepted name (`http_staus`), else `None`.
    #[must_use]
    pub fn closest(header: &str) -> Option<&'static str> {
        let normalized = normalize_header(header);
        // Long cells are no header typo; the bound keeps the distance cheap.
        if normalized.len() > 40 {
            return None;
        }
        let names = Column::NAMES
            .iter()
            .flat_map(|(_, names)| names.iter().copied());
        let limits = Limits {
            distance: 2,
            contained_from: None,
            count: 1,
        };
        let closest = suggest::closest(&normalized, names, limits);
        closest
            .first()
            .and_then(|name| Column::from_header(name))
            .map(Column::name)
    }
}

/// A header cell as compared with the accepted names: lower case, no spaces, `_` or `-`.
fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parses a source into rows, reporting every problem it finds.
pub fn parse(source: &SourceText, problems: &mut Problems) -> Table {
    let mut table = Table {
        name: source.name.clone(),
        tracked_path: source.tracked_path.clone(),
        rows: Vec::new(),
    };
    let before = problems.len();
    let records = records(&source.name, &source.text, problems);
    let syntax_ok = problems.len() == before;
    let Some((header, data)) = records.split_first() else {
        // A syntax error already says why no record was read.
        if syntax_ok {
            problems
                .at(
                    Location::at(&source.name, 1, 1),
                    "the table has no header row",
                )
                .hint("start with a header such as `code,http_status,description`");
        }
        return table;
    };
    let Some(columns) = header_columns(header, problems) else {
        return table;
    };
    if data.is_empty() && syntax_ok {
        problems.at(header.fields[0].at.clone(), "the header has no data rows");
        return table;
    }
    for record in data {
        if record.fields.len() != columns.len() {
            report_width(record, columns.len(), problems);
            continue;
        }
        if let Some(row) = parse_row(record, &columns, problems) {
            table.rows.push(row);
        }
    }
    table
}

/// One CSV record, each field with its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The fields, in order.
    pub fields: Vec<Cell>,
    /// Where the record ends (just past its last character), for "too few fields".
    pub end: Location,
}

/// Splits `text` into records, skipping `#` comment lines and blank lines.
pub fn records(name: &str, text: &str, problems: &mut Problems) -> Vec<Record> {
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

fn header_columns(header: &Record, problems: &mut Problems) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = header
        .fields
        .iter()
        .map(|cell| Column::from_header(&cell.value))
        .collect();
    let first = header.fields[0].at.clone();
    if columns.iter().all(Option::is_none) {
        // Nothing matches: this is not a table (or not this kind); one error says so.
        problems
            .at(
                first,
                "the first record is not a table header: no known column name in it",
            )
            .hint(accepted_columns());
        return None;
    }
    let mut ok = true;
    for (i, (cell, column)) in header.fields.iter().zip(&columns).enumerate() {
        match column {
            None => {
                let problem =
                    problems.at(cell.at.clone(), format!("unknown column `{}`", cell.value));
                match Column::closest(&cell.value) {
                    Some(name) => problem.hint(format!("did you mean `{name}`?")),
                    None => problem.hint(accepted_columns()),
                }
                ok = false;
            }
            Some(column) => {
                if let Some(earlier) = columns[..i].iter().position(|c| c == &Some(*column)) {
                    let first = &header.fields[earlier];
                    problems
                        .at(
                            cell.at.clone(),
                            format!(
                                "column `{}` appears twice (first as `{}`, field {} at {}:{})",
                                column.name(),
                                first.value,
                                earlier + 1,
                                first.at.line,
                                first.at.column
                            ),
                        )
                        .hint("keep one of the two columns");
                    ok = false;
                }
            }
        }
    }
    // A misspelt required column is reported once, at the misspelling.
    let misspelt: Vec<&str> = header
        .fields
        .iter()
        .zip(&columns)
        .filter(|(_, column)| column.is_none())
        .filter_map(|(cell, _)| Column::closest(&cell.value))
        .collect();
    for (column, _) in Column::NAMES {
        if column.is_required()
            && !columns.contains(&Some(column))
            && !misspelt.contains(&column.name())
        {
            problems
                .at(
                    first.clone(),
                    format!("the header has no `{}` column", column.name()),
                )
                .hint(accepted_columns());
            ok = false;
        }
    }
    ok.then_some(columns)
}

fn accepted_columns() -> String {
    "accepted columns (case, spaces, `_` and `-` ignored): code (or Error Code), description (or Error Message), http_status (or HTTP Status Code, Status Code, status) are required; variant, aliases, retryable, solution, override, source are optional".to_owned()
}

/// Reports that `record` does not have the `expected` number of fields: at its first
/// extra field, or at its end when fields are missing. The one message for every CSV
/// file the generator's reader reads (tables, and the command's fixes files).
pub fn report_width(record: &Record, expected: usize, problems: &mut Problems) {
    let found = record.fields.len();
    let location = if found > expected {
        record.fields[expected].at.clone()
    } else {
        record.end.clone()
    };
    problems
        .at(
            location,
            format!(
                "this record has {found} field{} but the header has {expected}",
                if found == 1 { "" } else { "s" }
            ),
        )
        .hint("quote fields that contain commas: \"like, this\"");
}

fn parse_row(record: &Record, columns: &[Option<Column>], problems: &mut Problems) -> Option<Row> {
    let cell = |wanted: Column| -> Option<&Cell> {
        columns
            .iter()
            .position(|c| *c == Some(wanted))
            .map(|i| &record.fields[i])
    };
    let non_empty = |wanted: Column| cell(wanted).filter(|c| !c.value.trim().is_empty());
    let problems_before = problems.len();

    // The three required columns exist: `header_columns` checked.
    let code = cell(Column::Code)?.clone();
    let status_cell = cell(Column::Status)?;
    let description_cell = cell(Column::Description)?;

    let status = parse_status(status_cell, problems);
    let description = description_cell.value.trim().to_owned();
    if let Some(empty) = empty_description(&code.value, &description, &description_cell.at) {
        let added = problems.at(description_cell.at.clone(), empty.message);
        if let Some(hint) = empty.hint {
            added.hint(hint);
        }
    }
    let retryable =
        cell(Column::Retryable).and_then(|c| parse_flag(c, Column::Retryable, problems));
    let is_override = cell(Column::Override)
        .and_then(|c| parse_flag(c, Column::Override, problems))
        .unwrap_or(false);
    let aliases = cell(Column::Aliases).map_or_else(Vec::new, |c| split_aliases(c, problems));
    let row = Row {
        code,
        variant: non_empty(Column::Variant).cloned(),
        aliases,
        status: status.unwrap_or(None),
        retryable,
        description,
        solution: non_empty(Column::Solution).map(|c| c.value.trim().to_owned()),
        is_override,
        source: non_empty(Column::Source).map(|c| c.value.trim().to_owned()),
        complete: true,
    };
    let complete = problems.len() == problems_before;
    Some(Row { complete, ..row })
}

/// The problem of an empty description (after trimming) for `code`, located at `at`:
/// every row needs one. The one check for tables and for the rows the command imports
/// from a page.
#[must_use]
pub fn empty_description(code: &str, description: &str, at: &Location) -> Option<Problem> {
    description.trim().is_empty().then(|| Problem {
        location: Some(at.clone()),
        message: format!("empty description for code `{code}`"),
        hint: Some("describe what the error means; markdown is allowed".to_owned()),
    })
}

/// `Err(())` when the cell is malformed (reported); `Ok(None)` for `N/A`.
fn parse_status(cell: &Cell, problems: &mut Problems) -> Result<Option<HttpStatus>, ()> {
    HttpStatus::parse(&cell.value).map_err(|error| {
        problems.at(cell.at.clone(), error.message).hint(error.hint);
    })
}

/// Why a status cell is not a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusError {
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: &'static str,
}

const STATUS_HINT: &str = "write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none";

impl HttpStatus {
    /// Reads a status cell: `404`, `404 Not Found` (100..=599, with a phrase of that
    /// status), or `N/A` (`Ok(None)`). The one definition of the status grammar.
    ///
    /// # Errors
    ///
    /// An empty cell, a cell of another shape, or a status outside 100..=599.
    pub fn parse(text: &str) -> Result<Option<HttpStatus>, StatusError> {
        let error = |message: String, hint| Err(StatusError { message, hint });
        if text.trim() != text {
            // As for codes: a cell is compared as written, so spaces are a mistake.
            return error(
                format!("HTTP status `{text}` has leading or trailing whitespace"),
                "remove the spaces around the status",
            );
        }
        if text.eq_ignore_ascii_case("n/a") {
            return Ok(None);
        }
        if text.is_empty() {
            return error("empty HTTP status".to_owned(), STATUS_HINT);
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &text[digits..];
        let code = text
            .get(..digits)
            .filter(|_| digits == 3 && (rest.is_empty() || rest.starts_with(' ')))
            .and_then(|d| d.parse::<u16>().ok());
        let Some(code) = code else {
            return error(format!("`{text}` is not an HTTP status"), STATUS_HINT);
        };
        if !(100..=599).contains(&code) {
            return error(
                format!("HTTP status {code} is outside 100..=599"),
                "use a real HTTP status, or `N/A` for none",
            );
        }
        let reason = rest.trim();
        // A phrase of another status (`404 Forbidden`) contradicts the number; a phrase
        // of the vendor's own (`503 Busy`) is kept as written.
        let other_owner = REASON_PHRASES.iter().find(|(owner, phrases)| {
            *owner != code && phrases.iter().any(|p| p.eq_ignore_ascii_case(reason))
        });
        let own = reason_phrases(code)
            .is_some_and(|phrases| phrases.iter().any(|p| p.eq_ignore_ascii_case(reason)));
        if let (Some((owner, _)), false) = (other_owner, own) {
            return error(
                format!("`{text}`: `{reason}` is the reason phrase of {owner}, not of {code}"),
                "write the status alone (`404`), or with its own phrase (`404 Not Found`)",
            );
        }
        Ok(Some(HttpStatus {
            code,
            reason: (!reason.is_empty()).then(|| reason.to_owned()),
        }))
    }
}

/// The phrases a status may carry: the standard ones (RFC 9110 and the IANA registry,
/// older spellings included) and those the vendor's pages use (`307 Moved Temporarily`,
/// `416 Client Requested Range Not Satisfiable`). A status not listed takes any phrase.
pub const REASON_PHRASES: &[(u16, &[&str])] = &[
    (100, &["Continue"]),
    (101, &["Switching Protocols"]),
    (102, &["Processing"]),
    (103, &["Early Hints"]),
    (200, &["OK"]),
    (201, &["Created"]),
    (202, &["Accepted"]),
    (203, &["Non-Authoritative Information"]),
    (204, &["No Content"]),
    (205, &["Reset Content"]),
    (206, &["Partial Content"]),
    (207, &["Multi-Status"]),
    (208, &["Already Reported"]),
    (226, &["IM Used"]),
    (300, &["Multiple Choices"]),
    (301, &["Moved Permanently"]),
    (302, &["Found", "Moved Temporarily"]),
    (303, &["See Other"]),
    (304, &["Not Modified"]),
    (305, &["Use Proxy"]),
    (307, &["Temporary Redirect", "Moved Temporarily"]),
    (308, &["Permanent Redirect"]),
    (400, &["Bad Request"]),
    (401, &["Unauthorized"]),
    (402, &["Payment Required"]),
    (403, &["Forbidden"]),
    (404, &["Not Found"]),
    (405, &["Method Not Allowed"]),
    (406, &["Not Acceptable"]),
    (407, &["Proxy Authentication Required"]),
    (408, &["Request Timeout", "Request Time-out"]),
    (409, &["Conflict"]),
    (410, &["Gone"]),
    (411, &["Length Required"]),
    (412, &["Precondition Failed"]),
    (
        413,
        &[
            "Content Too Large",
            "Payload Too Large",
            "Request Entity Too Large",
        ],
    ),
    (
        414,
        &[
            "URI Too Long",
            "Request-URI Too Long",
            "Request-URI Too Large",
        ],
    ),
    (415, &["Unsupported Media Type"]),
    (
        416,
        &[
            "Range Not Satisfiable",
            "Requested Range Not Satisfiable",
            "Client Requested Range Not Satisfiable",
        ],
    ),
    (417, &["Expectation Failed"]),
    (421, &["Misdirected Request"]),
    (422, &["Unprocessable Content", "Unprocessable Entity"]),
    (423, &["Locked"]),
    (424, &["Failed Dependency"]),
    (425, &["Too Early"]),
    (426, &["Upgrade Required"]),
    (428, &["Precondition Required"]),
    (429, &["Too Many Requests"]),
    (431, &["Request Header Fields Too Large"]),
    (451, &["Unavailable For Legal Reasons"]),
    (500, &["Internal Server Error"]),
    (501, &["Not Implemented"]),
    (502, &["Bad Gateway"]),
    (503, &["Service Unavailable"]),
    (504, &["Gateway Timeout", "Gateway Time-out"]),
    (505, &["HTTP Version Not Supported"]),
    (506, &["Variant Also Negotiates"]),
    (507, &["Insufficient Storage"]),
    (508, &["Loop Detected"]),
    (510, &["Not Extended"]),
    (511, &["Network Authentication Required"]),
];

/// The phrases `code` may carry, when it has known ones.
fn reason_phrases(code: u16) -> Option<&'static [&'static str]> {
    REASON_PHRASES
        .iter()
        .find(|(status, _)| *status == code)
        .map(|(_, phrases)| *phrases)
}

impl std::fmt::Display for HttpStatus {
    /// As a table writes it: `404 Not Found`, or `404` without a phrase.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            Some(reason) => write!(f, "{} {reason}", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

/// A `true`/`false` cell of `column` (`retryable`, `override`): `None` when empty, or
/// when the value is neither (reported at the cell, with a hint).
pub fn parse_flag(cell: &Cell, column: Column, problems: &mut Problems) -> Option<bool> {
    match cell.value.trim() {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        other => {
            problems
                .at(
                    cell.at.clone(),
                    format!("`{other}` is not a valid `{}` value", column.name()),
                )
                .hint("write `true`, `false`, or leave the cell empty");
            None
        }
    }
}

/// An `aliases` cell split at `|`, each alias trimmed and located; an empty alias is
/// reported where it is. The one definition of the alias list, for tables and for the
/// files that set aliases (the command's fixes file).
pub fn split_aliases(cell: &Cell, problems: &mut Problems) -> Vec<Cell> {
    if cell.value.trim().is_empty() {
        return Vec::new();
    }
    let mut aliases = Vec::new();
    let mut offset = 0;
    for part in cell.value.split('|') {
        let leading = part.len() - part.trim_start().len();
        // Columns inside a quoted field are approximate; they are exact for plain ones.
        let column = cell.at.column + cell.value[..offset + leading].chars().count();
        let at = Location {
            column,
            ..cell.at.clone()
        };
        let alias = part.trim();
        if alias.is_empty() {
            problems.at(at, "empty alias").hint(
                "separate aliases with a single `|`, e.g. `KeyTooLongError|KeyTooLongException`",
            );
        } else {
            aliases.push(Cell {
                value: alias.to_owned(),
                at,
            });
        }
        offset += part.len() + 1;
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Table, Vec<String>) {
        let mut problems = Problems::default();
        let source = SourceText {
            name: "t.csv".into(),
            text: text.into(),
            tracked_path: None,
        };
        let table = parse(&source, &mut problems);
        (table, problems.messages())
    }

    fn first_problem(text: &str) -> String {
        let (_, messages) = table(text);
        messages.into_iter().next().unwrap_or_default()
    }

    /// name, input, expected first message prefix (in the manner of csv-core's `parses_to!`).
    const BAD: &[(&str, &str, &str)] = &[
        (
            "unterminated",
            "code,status,description\nA,400,\"open\n",
            "t.csv:2:7: unterminated quoted field",
        ),
        (
            "too many",
            "code,status,description\nA,400,x,y\n",
            "t.csv:2:9: this record has 4 fields but the header has 3",
        ),
        (
            "too few",
            "code,status,description\nA,400\n",
            "t.csv:2:6: this record has 2 fields but the header has 3",
        ),
        (
            "unknown column",
            "code,status,description,colour\nA,400,x,red\n",
            "t.csv:1:25: unknown column `colour`",
        ),
        (
            "twice",
            "code,status,Error Code,description\nA,400,B,x\n",
            "t.csv:1:13: column `code` appears twice (first as `code`, field 1 at 1:1)",
        ),
        (
            "missing",
            "code,description\nA,x\n",
            "t.csv:1:1: the header has no `http_status` column",
        ),
        (
            "no rows",
            "# c\ncode,status,description\n",
            "t.csv:2:1: the header has no data rows",
        ),
        (
            "not a header",
            "hello,world\n",
            "t.csv:1:1: the first record is not a table header",
        ),
        (
            "status word",
            "code,status,description\nA,Forbidden,x\n",
            "t.csv:2:3: `Forbidden` is not an HTTP status",
        ),
        (
            "status range",
            "code,status,description\nA,999 Odd,x\n",
            "t.csv:2:3: HTTP status 999 is outside 100..=599",
        ),
        (
            "status short",
            "code,status,description\nA,40,x\n",
            "t.csv:2:3: `40` is not an HTTP status",
        ),
        (
            "retryable",
            "code,status,description,retryable\nA,400,x,yes\n",
            "t.csv:2:9: `yes` is not a valid `retryable` value",
        ),
        (
            "description",
            "code,status,description\nA,400, \n",
            "t.csv:2:7: empty description for code `A`",
        ),
        (
            "empty alias",
            "code,status,description,aliases\nA,400,x,B||C\n",
            "t.csv:2:11: empty alias",
        ),
    ];

    #[test]
    fn bad_tables_are_located() {
        for (name, input, expected) in BAD {
            let message = first_problem(input);
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }

    /// name, input, expected first message prefix: the messages a person can act on.
    const STATUS_AND_HEADER: &[(&str, &str, &str)] = &[
        (
            "another status's phrase",
            "code,status,description\nA,404 Forbidden,x\n",
            "t.csv:2:3: `404 Forbidden`: `Forbidden` is the reason phrase of 403, not of 404",
        ),
        (
            "status with spaces",
            "code,status,description\nA, 404,x\n",
            "t.csv:2:3: HTTP status ` 404` has leading or trailing whitespace",
        ),
        (
            "header typo",
            "code,http_staus,description\nA,404,x\n",
            "t.csv:1:6: unknown column `http_staus`\n  help: did you mean `http_status`?",
        ),
        (
            "CR-only line ends",
            "# comment\rcode,status,description\rA,4x,x\r",
            "t.csv:3:3: `4x` is not an HTTP status",
        ),
    ];

    #[test]
    fn messages_say_what_to_do() {
        for (name, input, expected) in STATUS_AND_HEADER {
            let message = first_problem(input);
            assert!(message.starts_with(expected), "{name}: {message}");
        }
        for fine in [
            "307 Moved Temporarily",
            "416 Client Requested Range Not Satisfiable",
            "503 Busy",
            "520 Origin Error",
            "404 not found",
        ] {
            assert!(HttpStatus::parse(fine).is_ok(), "{fine}");
        }
        let (t, problems) = table("Error Code,Status Code,Error Message\nA,404,x\n");
        assert!(
            problems.is_empty(),
            "the API reference's own headers: {problems:?}"
        );
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn parses_every_column() {
        let (t, problems) = table(
            "\u{0023} comment\r\nCode,HTTP Status Code,Description,Variant,Aliases,Retryable,Solution,Override\r\n\
             \"Quoted, code\",503 Service Unavailable,\"Two\n\nparagraphs \"\"quoted\"\"\",MyName,X | Y,true,Wait.,false\r\n\
             B,N/A,b,,,,,\r\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t.rows.len(), 2);
        let a = &t.rows[0];
        assert_eq!(a.code.value, "Quoted, code");
        assert_eq!((a.code.at.line, a.code.at.column), (3, 1));
        assert_eq!(
            a.status,
            Some(HttpStatus {
                code: 503,
                reason: Some("Service Unavailable".into())
            })
        );
        assert_eq!(a.description, "Two\n\nparagraphs \"quoted\"");
        assert_eq!(a.variant.as_ref().unwrap().value, "MyName");
        let aliases: Vec<_> = a.aliases.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(aliases, ["X", "Y"]);
        assert_eq!(
            (a.retryable, a.solution.as_deref(), a.is_override),
            (Some(true), Some("Wait."), false)
        );
        let b = &t.rows[1];
        assert_eq!(
            (
                b.code.at.line,
                b.status.clone(),
                b.retryable,
                b.variant.clone()
            ),
            (6, None, None, None)
        );
    }

    #[test]
    fn all_problems_of_a_table_are_reported() {
        let (t, problems) = table("code,status,description\nA,1,x\nB,2,y\nC,300,z\n");
        assert_eq!(problems.len(), 2);
        // Rows with a bad cell are kept for the other checks, marked incomplete.
        let complete: Vec<bool> = t.rows.iter().map(|row| row.complete).collect();
        assert_eq!(complete, [false, false, true]);
    }

    #[test]
    fn last_record_without_newline_is_read() {
        let (t, problems) = table("code,status,description\nA,400,x");
        assert!(problems.is_empty());
        assert_eq!(t.rows[0].description, "x");
    }

    #[test]
    fn header_names_are_normalized() {
        assert_eq!(
            Column::from_header(" HTTP-Status_Code"),
            Some(Column::Status)
        );
        assert_eq!(Column::from_header("Error Code"), Some(Column::Code));
        assert_eq!(Column::from_header("codes"), None);
    }
}
