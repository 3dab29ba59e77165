//! Stage 2: a source's text becomes a [`Table`] of rows, every cell with its position.
//!
//! CSV syntax comes from `csv-core`; this module tracks where each field starts, which
//! the `csv` crate does not report, and catches the unterminated quote that `csv-core`
//! silently closes at the end of the input.

mod column;
mod flags;
mod record;
mod row;
mod status;

pub use column::Column;
use column::header_columns;
pub use record::Record;
use row::parse_row;
pub use status::{HttpStatus, StatusError};

use crate::problem::{Location, Problems};
use crate::source::SourceText;

/// A cell's text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The decoded text (quotes removed, `""` unescaped).
    pub value: String,
    /// Where the field starts in the file.
    pub at: Location,
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

impl Table {
    /// Parses a source into rows, reporting every problem it finds: the CSV syntax, the
    /// header, and each cell on its own (checks across rows are [`Catalog::check`]'s).
    ///
    /// ```
    /// use obs_codes_gen::{Problems, SourceText, Table};
    ///
    /// let source = SourceText {
    ///     name: "t.csv".to_owned(),
    ///     text: "code,http_status,description\nNoSuchKey,404,No such key.\nBad,4O4,x\n".to_owned(),
    ///     tracked_path: None,
    /// };
    /// let mut problems = Problems::default();
    /// let table = Table::parse(&source, &mut problems);
    /// assert_eq!(table.rows[0].code.value, "NoSuchKey");
    /// // The bad row is kept, marked incomplete, and its problem located.
    /// assert!(!table.rows[1].complete);
    /// assert_eq!(problems.iter().next().unwrap().location.as_ref().unwrap().to_string(), "t.csv:3:5");
    /// ```
    ///
    /// [`Catalog::check`]: crate::Catalog::check
    #[must_use]
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Table {
        parse(source, problems)
    }
}

/// [`Table::parse`].
fn parse(source: &SourceText, problems: &mut Problems) -> Table {
    let mut table = Table {
        name: source.name.clone(),
        tracked_path: source.tracked_path.clone(),
        rows: Vec::new(),
    };
    let before = problems.len();
    let records = Record::read_all(&source.name, &source.text, problems);
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
            record.report_width(columns.len(), problems);
            continue;
        }
        if let Some(row) = parse_row(record, &columns, problems) {
            table.rows.push(row);
        }
    }
    table
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
