//! An upstream page's error-code tables as table rows (the generator's [`Row`]s, every
//! cell located in the page).
//!
//! A page may hold several grid tables; the error-code ones are those whose header
//! names an error-code column. Both page families are read by header name, not by
//! position, with the generator's column names: the SDK guides' `Error Code |
//! Description | HTTP Status Code` and the API reference's `Status Code | Error Code |
//! Error Message | Solution`. Each code cell is one row; a status (or any) cell that
//! spans several code rows applies to each of them, and cells of one column within a
//! code's rows are joined as paragraphs.
//!
//! A code listed again with the same status (the API reference gives `AccessDenied`
//! twice, for two causes) is merged into its first row: descriptions and solutions
//! joined as paragraphs, and a note says so. With another status it is an error. The
//! rows are checked as a table by the generator afterwards (see `import`).

use crate::diagnostic::problem;
use crate::markup::{Mode, cell_text};
use crate::rst::{Cell, GridTable, tables};
use obs_codes_gen::Column;
use obs_codes_gen::{HttpStatus, Location, Problem, Row};
use std::collections::HashMap;

/// What a page column holds: the table columns a page has.
const PAGE_COLUMNS: [Column; 4] = [
    Column::Code,
    Column::Status,
    Column::Description,
    Column::Solution,
];

/// The rows of a page's error-code tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The rows, in page order.
    pub rows: Vec<Row>,
    /// True when a table has a solution column.
    pub has_solution: bool,
    /// Rows merged into an earlier row of the same code.
    pub notes: Vec<Problem>,
}

/// Reads the error-code tables of a page, reporting every problem found, in page order.
///
/// # Errors
///
/// A malformed grid table; otherwise every problem of the error-code tables (none
/// found is one too).
pub fn read(file: &str, text: &str) -> Result<Page, Vec<Problem>> {
    let grids = tables(file, text).map_err(|p| vec![p])?;
    let mut page = Page {
        rows: Vec::new(),
        has_solution: false,
        notes: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut found = 0;
    for grid in &grids {
        let Some(columns) = columns(grid, &mut problems) else {
            continue;
        };
        found += 1;
        page.has_solution |= columns.iter().any(|(c, _)| *c == Column::Solution);
        rows(grid, &columns, &mut page.rows, &mut problems);
    }
    if found == 0 && problems.is_empty() {
        let at = grids
            .first()
            .map_or_else(|| crate::diagnostic::at(file, 1, 1), |g| g.at.clone());
        let message = format!(
            "no error-code table: the page has {} grid table{}, none with an `Error Code` column",
            grids.len(),
            if grids.len() == 1 { "" } else { "s" }
        );
        problems.push(problem(at, message));
    }
    page.rows = merge_repeated(page.rows, &mut page.notes, &mut problems);
    if problems.is_empty() {
        Ok(page)
    } else {
        problems.sort_by_key(|p| p.location.as_ref().map(|l| (l.line, l.column)));
        Err(problems)
    }
}

/// The status as the row writes it, for messages.
fn status_text(row: &Row) -> String {
    row.cell_text(Column::Status)
}

/// Merges each row whose code an earlier row has, with the same status, into that row.
/// Linear in rows: earlier codes are found through an index, not a scan.
fn merge_repeated(
    rows: Vec<Row>,
    notes: &mut Vec<Problem>,
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    let mut merged: Vec<Row> = Vec::with_capacity(rows.len());
    let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for row in rows {
        let Some(first) = index.get(&row.code.value).and_then(|&i| merged.get_mut(i)) else {
            index.insert(row.code.value.clone(), merged.len());
            merged.push(row);
            continue;
        };
        let code = &row.code.value;
        if first.status != row.status {
            problems.push(problem(
                row.code.at.clone(),
                format!(
                    "`{code}` appears twice with different statuses: `{}` here, `{}` on line {}",
                    status_text(&row),
                    status_text(first),
                    first.code.at.line
                ),
            ));
            continue;
        }
        first.description = format!("{}\n\n{}", first.description, row.description);
        first.solution = match (first.solution.take(), row.solution) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };
        notes.push(problem(
            row.code.at.clone(),
            format!(
                "`{code}` appears again: its description and solution are joined to those of line {}",
                first.code.at.line
            ),
        ));
    }
    merged
}

/// The table column of each grid column that has one, when the table is an error-code
/// table (its header names an error-code column). Header problems of such a table are
/// reported, and it yields no rows.
fn columns(grid: &GridTable, problems: &mut Vec<Problem>) -> Option<Vec<(Column, usize)>> {
    // Without a `+===+` separator, the first row is taken as the header.
    let header_rows = grid.header_rows.max(1);
    let named: Vec<(&Cell, String, Option<Column>)> = grid
        .cells
        .iter()
        .filter(|c| c.row < header_rows)
        .map(|cell| {
            let name = cell_text(&cell.texts(), Mode::Plain).replace('\n', " ");
            let column = Column::from_header(&name).filter(|c| PAGE_COLUMNS.contains(c));
            (cell, name, column)
        })
        .collect();
    if !named
        .iter()
        .any(|(_, _, column)| *column == Some(Column::Code))
    {
        return None;
    }
    let before = problems.len();
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (cell, name, column) in &named {
        let at = cell.text_at().unwrap_or_else(|| grid.at.clone());
        match column {
            None => problems.push(problem(
                at,
                format!(
                    "unknown column `{name}` in an error-code table: the columns are Error Code, HTTP Status Code, Description (or Error Message) and Solution"
                ),
            )),
            Some(_) if cell.column_span > 1 => problems.push(problem(
                at,
                format!("the header cell `{name}` spans {} columns", cell.column_span),
            )),
            Some(column) if columns.iter().any(|(c, _)| c == column) => {
                problems.push(problem(at, format!("a second `{name}` column")));
            }
            Some(column) => columns.push((*column, cell.column)),
        }
    }
    for (column, name) in [
        (Column::Status, "HTTP Status Code"),
        (Column::Description, "Description (or Error Message)"),
    ] {
        if !columns.iter().any(|(c, _)| *c == column) {
            problems.push(problem(
                grid.at.clone(),
                format!("the error-code table has no `{name}` column"),
            ));
        }
    }
    (problems.len() == before).then_some(columns)
}

/// The rows of one error-code table.
fn rows(
    grid: &GridTable,
    columns: &[(Column, usize)],
    out: &mut Vec<Row>,
    problems: &mut Vec<Problem>,
) {
    let header_rows = grid.header_rows.max(1);
    let body: Vec<&Cell> = grid.cells.iter().filter(|c| c.row >= header_rows).collect();
    for cell in &body {
        let spans_columns = columns
            .iter()
            .filter(|(_, c)| cell.covers_column(*c))
            .count();
        if cell.column_span > 1 && spans_columns > 0 {
            let at = cell.text_at().unwrap_or_else(|| grid.at.clone());
            problems.push(problem(
                at,
                format!(
                    "this cell spans {} columns: each column of an error-code table needs its own cell",
                    cell.column_span
                ),
            ));
            return;
        }
    }
    // Per page column, the body cells of its grid column, top to bottom. Cells of one
    // grid column never share a grid row, so both their first and their last rows
    // ascend, and a code's cells are found by binary search: linear in rows overall.
    let column_cells = |wanted: Column| -> Vec<&Cell> {
        columns
            .iter()
            .find(|(c, _)| *c == wanted)
            .map(|&(_, column)| {
                body.iter()
                    .copied()
                    .filter(|c| c.covers_column(column))
                    .collect()
            })
            .unwrap_or_default()
    };
    let code_cells = column_cells(Column::Code);
    let by_column: Vec<(Column, Vec<&Cell>)> =
        [Column::Status, Column::Description, Column::Solution]
            .into_iter()
            .map(|column| (column, column_cells(column)))
            .collect();
    for code_cell in code_cells {
        let (first, end) = (code_cell.row, code_cell.row + code_cell.row_span);
        let at = code_cell.text_at().unwrap_or_else(|| grid.at.clone());
        // The cells of `column` within the code's rows, joined, and where the first starts.
        let text = |column: Column, mode: Mode| -> (String, Location) {
            let all: &[&Cell] = by_column
                .iter()
                .find(|(c, _)| *c == column)
                .map_or(&[], |(_, cells)| cells.as_slice());
            let from = all.partition_point(|c| c.row + c.row_span <= first);
            let cells: Vec<&Cell> = all
                .get(from..)
                .unwrap_or_default()
                .iter()
                .copied()
                .take_while(|c| c.overlaps_rows(first, end))
                .collect();
            let separator = if mode == Mode::Plain { " " } else { "\n\n" };
            let joined = cells
                .iter()
                .map(|c| cell_text(&c.texts(), mode))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(separator);
            let start = cells.first().and_then(|c| c.text_at());
            (joined, start.unwrap_or_else(|| at.clone()))
        };
        let code = cell_text(&code_cell.texts(), Mode::Plain).replace('\n', " ");
        let (status, status_at) = text(Column::Status, Mode::Plain);
        let (description, description_at) = text(Column::Description, Mode::Markdown);
        let (solution, _) = text(Column::Solution, Mode::Markdown);
        let before = problems.len();
        // The status grammar is the generator's: what a table accepts, a page gives.
        let status = HttpStatus::parse(&status).unwrap_or_else(|error| {
            problems.push(obs_codes_gen::Problem {
                location: Some(status_at),
                message: error.message,
                hint: Some(error.hint.to_owned()),
            });
            None
        });
        problems.extend(Row::empty_description(&code, &description, &description_at));
        if problems.len() == before {
            out.push(Row {
                status,
                description,
                solution: (!solution.is_empty()).then_some(solution),
                ..Row::new(obs_codes_gen::Cell { value: code, at })
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
                .map(|p| crate::diagnostic::render("error", p))
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
        let rows: Vec<(&str, String, &str)> = p
            .rows
            .iter()
            .map(|e| {
                (
                    e.code.value.as_str(),
                    status_text(e),
                    e.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "NoSuchKey",
                    "404 Not Found".into(),
                    "The key does not exist."
                ),
                ("Odd", "N/A".into(), "First paragraph.\n\nSecond, **bold**."),
            ]
        );
        assert_eq!(p.rows[1].code.at, crate::diagnostic::at("p.rst", 9, 3));
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
        let rows: Vec<(&str, String, &str, Option<&str>)> = p
            .rows
            .iter()
            .map(|e| {
                (
                    e.code.value.as_str(),
                    status_text(e),
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
                    "400 Bad Request".into(),
                    "- One.\n- Two, wrapped here.",
                    Some("Check it.")
                ),
                ("BadRequest", "400 Bad Request".into(), "Invalid.", None),
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
        let codes: Vec<&str> = p.rows.iter().map(|e| e.code.value.as_str()).collect();
        assert_eq!(codes, ["A", "B"]);
        assert_eq!(p.rows[0].description, "One cause.\n\nTwo cause.");
        assert_eq!(p.rows[0].solution.as_deref(), Some("Fix one.\n\nFix two."));
        let notes: Vec<String> = p
            .notes
            .iter()
            .map(|n| crate::diagnostic::render("note", n))
            .collect();
        assert_eq!(
            notes,
            [
                "note: p.rst:8:3: `A` appears again: its description and solution are joined to those of line 4"
            ]
        );
    }

    /// name, page, expected first message prefix.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "no table",
            "Just text.\n",
            "error: p.rst:1:1: no error-code table: the page has 0 grid tables",
        ),
        (
            "no code column",
            "+---+---+\n| A | B |\n+===+===+\n| x | y |\n+---+---+\n",
            "error: p.rst:1:1: no error-code table: the page has 1 grid table,",
        ),
        (
            "unknown column",
            "+------+--------+-------------+-----+\n\
             | Code | Status | Description | Fix |\n\
             +======+========+=============+=====+\n\
             | A    | 400    | x           | y   |\n\
             +------+--------+-------------+-----+\n",
            "error: p.rst:2:33: unknown column `Fix`",
        ),
        (
            "missing status",
            "+------+-------------+\n| Code | Description |\n+======+=============+\n| A    | x           |\n+------+-------------+\n",
            "error: p.rst:1:1: the error-code table has no `HTTP Status Code` column",
        ),
        (
            "bad status",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | Bad    | x           |\n\
             +------+--------+-------------+\n",
            "error: p.rst:4:10: `Bad` is not an HTTP status",
        ),
        (
            "empty description",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | 400    |             |\n\
             +------+--------+-------------+\n",
            "error: p.rst:4:18: empty description for code `A`",
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
            "error: p.rst:6:3: `A` appears twice with different statuses: `403` here, `400` on line 4",
        ),
        (
            "spanning columns",
            "+------+--------+-------------+\n\
             | Code | Status | Description |\n\
             +======+========+=============+\n\
             | A    | 400 and text         |\n\
             +------+----------------------+\n",
            "error: p.rst:4:10: this cell spans 2 columns",
        ),
        (
            "malformed",
            "+------+\n| Code |\n+======+\n| A    \n+------+\n",
            "error: p.rst:4:4: grid table line ends before the right border",
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
