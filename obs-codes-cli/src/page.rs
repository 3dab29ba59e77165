//! An upstream page's error-code tables as table rows.
//!
//! A page may hold several grid tables; the error-code ones are those whose header
//! names an error-code column. Both page families are read by header name, not by
//! position: the SDK guides' `Error Code | Description | HTTP Status Code` and the API
//! reference's `Status Code | Error Code | Error Message | Solution`. Each code cell is
//! one row; a status (or any) cell that spans several code rows applies to each of
//! them, and cells of one column within a code's rows are joined as paragraphs.
//!
//! A code listed again with the same status (the API reference gives `AccessDenied`
//! twice, for two causes) is merged into its first row: descriptions and solutions
//! joined as paragraphs, and a note says so. With another status it is an error.

use crate::located::{Location, Problem};
use crate::markup::{Mode, cell_text};
use crate::rst::{Cell, GridTable, tables};
use crate::table::{Entry, check_code, check_unique, normalize_header, parse_status};

/// What a page column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Code,
    Status,
    Description,
    Solution,
}

/// Header names (normalized as the macro does) of each role.
const ROLE_NAMES: [(Role, &[&str]); 4] = [
    (Role::Code, &["errorcode", "code"]),
    (
        Role::Status,
        &["httpstatuscode", "httpstatus", "statuscode", "status"],
    ),
    (
        Role::Description,
        &["description", "errormessage", "message"],
    ),
    (Role::Solution, &["solution"]),
];

/// The rows of a page's error-code tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The rows, in page order.
    pub entries: Vec<Entry>,
    /// True when a table has a solution column.
    pub has_solution: bool,
    /// Rows merged into an earlier row of the same code.
    pub notes: Vec<Problem>,
}

/// Reads the error-code tables of a page, reporting every problem found.
pub fn read(file: &str, text: &str) -> Result<Page, Vec<Problem>> {
    let grids = tables(file, text).map_err(|p| vec![p])?;
    let mut page = Page {
        entries: Vec::new(),
        has_solution: false,
        notes: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut found = 0;
    for grid in &grids {
        let Some(roles) = roles(grid, &mut problems) else {
            continue;
        };
        found += 1;
        page.has_solution |= roles.iter().any(|(role, _)| *role == Role::Solution);
        rows(grid, &roles, &mut page.entries, &mut problems);
    }
    if found == 0 && problems.is_empty() {
        let at = grids
            .first()
            .map_or_else(|| Location::new(file, 1, 1), |g| g.at.clone());
        let message = format!(
            "no error-code table: the page has {} grid table{}, none with an `Error Code` column",
            grids.len(),
            if grids.len() == 1 { "" } else { "s" }
        );
        problems.push(Problem::new(at, message));
    }
    page.entries = merge_repeated(page.entries, &mut page.notes, &mut problems);
    check_unique(&page.entries, &mut problems);
    if problems.is_empty() {
        Ok(page)
    } else {
        problems.sort_by_key(|p| (p.at.line, p.at.column));
        Err(problems)
    }
}

/// Merges each row whose code an earlier row has, with the same status, into that row.
fn merge_repeated(
    entries: Vec<Entry>,
    notes: &mut Vec<Problem>,
    problems: &mut Vec<Problem>,
) -> Vec<Entry> {
    let mut merged: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        let Some(first) = merged.iter_mut().find(|e| e.code == entry.code) else {
            merged.push(entry);
            continue;
        };
        if first.status != entry.status {
            problems.push(Problem::new(
                entry.at.clone(),
                format!(
                    "`{}` appears twice with different statuses: `{}` here, `{}` on line {}",
                    entry.code, entry.status, first.status, first.at.line
                ),
            ));
            continue;
        }
        first.description = format!("{}\n\n{}", first.description, entry.description);
        first.solution = match (first.solution.take(), entry.solution) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };
        notes.push(Problem::new(
            entry.at.clone(),
            format!(
                "`{}` appears again: its description and solution are joined to those of line {}",
                entry.code, first.at.line
            ),
        ));
    }
    merged
}

/// The role of each grid column that has one, when the table is an error-code table
/// (its header names an error-code column). Header problems of such a table are
/// reported, and it yields no rows.
fn roles(grid: &GridTable, problems: &mut Vec<Problem>) -> Option<Vec<(Role, usize)>> {
    // Without a `+===+` separator, the first row is taken as the header.
    let header_rows = grid.header_rows.max(1);
    let header_cells: Vec<&Cell> = grid.cells.iter().filter(|c| c.row < header_rows).collect();
    let named: Vec<(&Cell, String, Option<Role>)> = header_cells
        .iter()
        .map(|cell| {
            let name = cell_text(&cell.texts(), Mode::Plain).replace('\n', " ");
            let normalized = normalize_header(&name);
            let role = ROLE_NAMES
                .iter()
                .find(|(_, names)| names.contains(&normalized.as_str()))
                .map(|(role, _)| *role);
            (*cell, name, role)
        })
        .collect();
    if !named.iter().any(|(_, _, role)| *role == Some(Role::Code)) {
        return None;
    }
    let before = problems.len();
    let mut roles: Vec<(Role, usize)> = Vec::new();
    for (cell, name, role) in &named {
        let at = cell.text_at().unwrap_or_else(|| grid.at.clone());
        match role {
            None => problems.push(Problem::new(
                at,
                format!(
                    "unknown column `{name}` in an error-code table: the columns are Error Code, HTTP Status Code, Description (or Error Message) and Solution"
                ),
            )),
            Some(_) if cell.column_span > 1 => problems.push(Problem::new(
                at,
                format!("the header cell `{name}` spans {} columns", cell.column_span),
            )),
            Some(role) if roles.iter().any(|(r, _)| r == role) => problems.push(Problem::new(
                at,
                format!("a second `{name}` column"),
            )),
            Some(role) => roles.push((*role, cell.column)),
        }
    }
    for (role, name) in [
        (Role::Status, "HTTP Status Code"),
        (Role::Description, "Description (or Error Message)"),
    ] {
        if !roles.iter().any(|(r, _)| *r == role) {
            problems.push(Problem::new(
                grid.at.clone(),
                format!("the error-code table has no `{name}` column"),
            ));
        }
    }
    (problems.len() == before).then_some(roles)
}

/// The rows of one error-code table.
fn rows(
    grid: &GridTable,
    roles: &[(Role, usize)],
    entries: &mut Vec<Entry>,
    problems: &mut Vec<Problem>,
) {
    let header_rows = grid.header_rows.max(1);
    let body: Vec<&Cell> = grid.cells.iter().filter(|c| c.row >= header_rows).collect();
    for cell in &body {
        let spans_roles = roles.iter().filter(|(_, c)| cell.covers_column(*c)).count();
        if cell.column_span > 1 && spans_roles > 0 {
            let at = cell.text_at().unwrap_or_else(|| grid.at.clone());
            problems.push(Problem::new(
                at,
                format!(
                    "this cell spans {} columns: each column of an error-code table needs its own cell",
                    cell.column_span
                ),
            ));
            return;
        }
    }
    let column_of = |role: Role| roles.iter().find(|(r, _)| *r == role).map(|(_, c)| *c);
    let Some(code_column) = column_of(Role::Code) else {
        return;
    };
    for code_cell in body.iter().filter(|c| c.covers_column(code_column)) {
        let (first, end) = (code_cell.row, code_cell.row + code_cell.row_span);
        let at = code_cell.text_at().unwrap_or_else(|| grid.at.clone());
        // The cells of `role` within the code's rows, joined, and where the first starts.
        let text = |role: Role, mode: Mode| -> (String, Location) {
            let cells: Vec<&&Cell> = column_of(role)
                .map(|column| {
                    body.iter()
                        .filter(|c| c.covers_column(column) && c.overlaps_rows(first, end))
                        .collect()
                })
                .unwrap_or_default();
            let joiner = if mode == Mode::Plain { " " } else { "\n\n" };
            let joined = cells
                .iter()
                .map(|c| cell_text(&c.texts(), mode))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(joiner);
            let start = cells.first().and_then(|c| c.text_at());
            (joined, start.unwrap_or_else(|| at.clone()))
        };
        let code = cell_text(&code_cell.texts(), Mode::Plain).replace('\n', " ");
        let (status, status_at) = text(Role::Status, Mode::Plain);
        let (description, description_at) = text(Role::Description, Mode::Markdown);
        let (solution, _) = text(Role::Solution, Mode::Markdown);
        let before = problems.len();
        check_code(&code, &at, problems);
        if let Err(message) = parse_status(&status) {
            problems.push(Problem::new(status_at, message));
        }
        if description.is_empty() {
            problems.push(Problem::new(
                description_at,
                format!("empty description for code `{code}`"),
            ));
        }
        if problems.len() == before {
            entries.push(Entry {
                code,
                status,
                retryable: None,
                aliases: Vec::new(),
                description,
                solution: (!solution.is_empty()).then_some(solution),
                at,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        read("p.rst", text).unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn first_problem(text: &str) -> String {
        match read("p.rst", text) {
            Ok(page) => panic!("expected a problem, read {page:?}"),
            Err(problems) => problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }

    const THREE_COLUMNS: &str = "\
Intro.

+-----------+----------------------+-----------------+
| Error Code| Description          | HTTP Status Code|
+===========+======================+=================+
| NoSuchKey | The key does not     | 404 Not Found   |
|           | exist.               |                 |
+-----------+----------------------+-----------------+
| Odd       | First paragraph.     | N/A             |
|           |                      |                 |
|           | Second, **bold**.    |                 |
+-----------+----------------------+-----------------+
";

    #[test]
    fn three_column_page() {
        let p = page(THREE_COLUMNS);
        assert!(!p.has_solution);
        let rows: Vec<(&str, &str, &str)> = p
            .entries
            .iter()
            .map(|e| (e.code.as_str(), e.status.as_str(), e.description.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("NoSuchKey", "404 Not Found", "The key does not exist."),
                ("Odd", "N/A", "First paragraph.\n\nSecond, **bold**."),
            ]
        );
        assert_eq!(p.entries[1].at, Location::new("p.rst", 9, 3));
    }

    #[test]
    fn four_columns_with_a_status_spanning_rows_and_another_table() {
        let text = "\
.. table:: **Table 1** Elements

   +---------+-------------+
   | Element | Description |
   +=========+=============+
   | Code    | The code.   |
   +---------+-------------+

.. table:: **Table 2** Error codes

   +-----------------+-------------+------------------+-------------+
   | Status Code     | Error Code  | Error Message    | Solution    |
   +=================+=============+==================+=============+
   | 400 Bad Request | BadDigest   | -  One.          | Check it.   |
   |                 |             | -  Two, wrapped  |             |
   |                 |             |    here.         |             |
   |                 +-------------+------------------+-------------+
   |                 | BadRequest  | Invalid.         |             |
   +-----------------+-------------+------------------+-------------+
";
        let p = page(text);
        assert!(p.has_solution);
        let rows: Vec<(&str, &str, &str, Option<&str>)> = p
            .entries
            .iter()
            .map(|e| {
                (
                    e.code.as_str(),
                    e.status.as_str(),
                    e.description.as_str(),
                    e.solution.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "BadDigest",
                    "400 Bad Request",
                    "- One.\n- Two, wrapped here.",
                    Some("Check it.")
                ),
                ("BadRequest", "400 Bad Request", "Invalid.", None),
            ]
        );
    }

    #[test]
    fn a_repeated_code_is_merged_into_its_first_row() {
        let p = page(
            "+------+--------+-------------+----------+\n\
             | Code | Status | Description | Solution |\n\
             +======+========+=============+==========+\n\
             | A    | 403    | One cause.  | Fix one. |\n\
             +------+--------+-------------+----------+\n\
             | B    | 400    | Other.      |          |\n\
             +------+--------+-------------+----------+\n\
             | A    | 403    | Two cause.  | Fix two. |\n\
             +------+--------+-------------+----------+\n",
        );
        let codes: Vec<&str> = p.entries.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["A", "B"]);
        assert_eq!(p.entries[0].description, "One cause.\n\nTwo cause.");
        assert_eq!(
            p.entries[0].solution.as_deref(),
            Some("Fix one.\n\nFix two.")
        );
        let notes: Vec<String> = p.notes.iter().map(|n| n.render("note")).collect();
        assert_eq!(
            notes,
            [
                "p.rst:8:3: note: `A` appears again: its description and solution are joined to those of line 4"
            ]
        );
    }

    /// name, page, expected first message prefix.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "no table",
            "Just text.\n",
            "p.rst:1:1: error: no error-code table: the page has 0 grid tables",
        ),
        (
            "no code column",
            "+---+---+\n| A | B |\n+===+===+\n| x | y |\n+---+---+\n",
            "p.rst:1:1: error: no error-code table: the page has 1 grid table,",
        ),
        (
            "unknown column",
            "+------+--------+-------------+-----+\n\
             | Code | Status | Description | Fix |\n\
             +======+========+=============+=====+\n\
             | A    | 400    | x           | y   |\n\
             +------+--------+-------------+-----+\n",
            "p.rst:2:33: error: unknown column `Fix`",
        ),
        (
            "missing status",
            "+------+-------------+\n| Code | Description |\n+======+=============+\n| A    | x           |\n+------+-------------+\n",
            "p.rst:1:1: error: the error-code table has no `HTTP Status Code` column",
        ),
        (
            "bad status",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | Bad    | x           |\n\
             +------+--------+-------------+\n",
            "p.rst:4:10: error: `Bad` is not an HTTP status",
        ),
        (
            "empty code",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             |      | 400    | x           |\n\
             +------+--------+-------------+\n",
            "p.rst:4:2: error: empty code",
        ),
        (
            "empty description",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | 400    |             |\n\
             +------+--------+-------------+\n",
            "p.rst:4:18: error: empty description for code `A`",
        ),
        (
            "repeated with another status",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | 400    | x           |\n\
             +------+--------+-------------+\n\
             | A    | 403    | y           |\n\
             +------+--------+-------------+\n",
            "p.rst:6:3: error: `A` appears twice with different statuses: `403` here, `400` on line 4",
        ),
        (
            "spanning columns",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | 400 and text         |\n\
             +------+----------------------+\n",
            "p.rst:4:10: error: this cell spans 2 columns",
        ),
        (
            "malformed",
            "+------+\n| Code |\n+======+\n| A    \n+------+\n",
            "p.rst:4:4: error: grid table line ends before the right border",
        ),
    ];

    #[test]
    fn bad_pages_are_located() {
        for (name, input, expected) in BAD {
            let message = first_problem(input);
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }
}
