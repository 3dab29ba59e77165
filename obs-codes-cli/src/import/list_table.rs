//! reStructuredText `list-table` directives, as grid tables.
//!
//! ```text
//! .. list-table:: Error codes
//!    :header-rows: 1
//!
//!    * - Error Code
//!      - Description
//!    * - AccessDenied
//!      - Access denied.
//! ```
//!
//! The content is a two-level bullet list (`*`, `-` or `+`): each item a row, each item of
//! its list a cell. A cell's lines are those indented past its marker, blank lines
//! included (paragraphs), as in docutils. `:header-rows:` gives the header; the other
//! options are read past. Every row must have as many cells as the first.

use crate::import::rst::{CellLine, GridCell, GridTable};
use obs_codes_gen::{Location, Problems};

/// One line of the content, without the indentation of its list: where its text is.
#[derive(Clone, Copy)]
struct Line<'a> {
    /// 0-based page line.
    number: usize,
    /// 0-based character column of `text`.
    column: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// The page column (0-based) of the line's first non-blank character.
    fn indent(&self) -> usize {
        self.column + self.spaces()
    }

    fn spaces(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The line from page column `to` on, or from its first non-blank character when
    /// that comes first (indentation being spaces, bytes are characters).
    fn shifted(self, to: usize) -> Line<'a> {
        let by = to.saturating_sub(self.column).min(self.spaces());
        Line {
            number: self.number,
            column: self.column + by,
            text: self.text.get(by..).unwrap_or_default(),
        }
    }

    /// After a bullet marker at its indentation: the item's text as a line, and the
    /// page column of its body.
    fn item(self) -> Option<(Line<'a>, usize)> {
        let rest = self.text.get(self.spaces()..)?;
        let after = rest.strip_prefix(['*', '-', '+'])?;
        if !(after.is_empty() || after.starts_with(' ')) {
            return None;
        }
        let spaces = after.len() - after.trim_start_matches(' ').len();
        let text = after.get(spaces..).unwrap_or_default();
        let column = self.indent() + 1 + spaces;
        let body = if text.is_empty() { column + 1 } else { column };
        let first = Line {
            number: self.number,
            column,
            text,
        };
        Some((first, body))
    }
}

/// Every `list-table` of `text`, in page order; malformed ones reported and left out.
pub fn tables(file: &str, text: &str, problems: &mut Problems) -> Vec<GridTable> {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(number, text)| Line {
            number,
            column: 0,
            text,
        })
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let indent = line.indent();
        let is_directive = line
            .text
            .get(indent..)
            .is_some_and(|t| t.starts_with(".. list-table::"));
        i += 1;
        if !is_directive {
            continue;
        }
        let start = i;
        while lines
            .get(i)
            .is_some_and(|l| l.is_blank() || l.indent() > indent)
        {
            i += 1;
        }
        let block = lines.get(start..i).unwrap_or_default();
        let at = Location::at(file, line.number + 1, indent + 1);
        if let Some(table) = directive(file, at, block, problems) {
            found.push(table);
        }
    }
    found
}

/// One directive's options and content.
fn directive(
    file: &str,
    at: Location,
    block: &[Line],
    problems: &mut Problems,
) -> Option<GridTable> {
    let located = |line: &Line| Location::at(file, line.number + 1, line.indent() + 1);
    let mut header_rows = 0;
    let mut content = block;
    while let Some((line, rest)) = content.split_first() {
        let option = line.text.trim();
        if !option.starts_with(':') {
            break;
        }
        if let Some(value) = option.strip_prefix(":header-rows:") {
            let Ok(rows) = value.trim().parse::<usize>() else {
                problems.at(
                    located(line),
                    format!(
                        "`:header-rows:` takes a number of rows, not `{}`",
                        value.trim()
                    ),
                );
                return None;
            };
            header_rows = rows;
        }
        content = rest;
    }
    let Some(row_indent) = content.iter().find(|l| !l.is_blank()).map(Line::indent) else {
        problems.at(at, "this list-table has no rows");
        return None;
    };
    let mut rows: Vec<(Line, Vec<Vec<Line>>)> = Vec::new();
    let mut rest = content;
    while let Some((line, after)) = rest.split_first() {
        rest = after;
        if line.is_blank() {
            continue;
        }
        let Some((first, _)) = (line.indent() == row_indent).then(|| line.item()).flatten() else {
            problems.at(
                located(line),
                "a list-table's content is a bullet list of rows, each a bullet list of cells",
            );
            return None;
        };
        let body_end = rest
            .iter()
            .position(|l| !l.is_blank() && l.indent() <= row_indent)
            .unwrap_or(rest.len());
        let mut body = vec![first];
        body.extend(rest.get(..body_end).unwrap_or_default().iter().copied());
        rest = rest.get(body_end..).unwrap_or_default();
        let cells = row_cells(&body).map_err(|line| {
            problems.at(
                located(&line),
                "each row of a list-table is a bullet list of cells (`- ...`)",
            );
        });
        rows.push((*line, cells.ok()?));
    }
    let columns = rows.first().map_or(0, |(_, cells)| cells.len());
    for (n, (line, cells)) in rows.iter().enumerate().skip(1) {
        if cells.len() != columns {
            problems.at(
                located(line),
                format!(
                    "row {} of this list-table has {} cells, the first row has {columns}",
                    n + 1,
                    cells.len()
                ),
            );
            return None;
        }
    }
    if header_rows >= rows.len() {
        problems.at(
            at,
            format!(
                "`:header-rows: {header_rows}` leaves no body row in a list-table of {} rows",
                rows.len()
            ),
        );
        return None;
    }
    let mut grid_cells = Vec::with_capacity(rows.len() * columns);
    for (row, (_, cells)) in rows.iter().enumerate() {
        for (column, lines) in cells.iter().enumerate() {
            grid_cells.push(GridCell {
                row,
                row_span: 1,
                column,
                column_span: 1,
                lines: lines
                    .iter()
                    .map(|l| CellLine {
                        text: l.text.to_owned(),
                        at: Location::at(file, l.number + 1, l.column + 1),
                    })
                    .collect(),
            });
        }
    }
    Some(GridTable {
        at,
        header_rows,
        rows: rows.len(),
        columns,
        cells: grid_cells,
    })
}

/// The cells of one row's body (its first line being the text after the row's marker),
/// or the line that is not part of a cell.
fn row_cells<'a>(body: &[Line<'a>]) -> Result<Vec<Vec<Line<'a>>>, Line<'a>> {
    let Some(cell_indent) = body.iter().find(|l| !l.is_blank()).map(Line::indent) else {
        return Ok(Vec::new());
    };
    let mut cells: Vec<Vec<Line>> = Vec::new();
    let mut body_indent = cell_indent + 2;
    for line in body {
        if line.is_blank() {
            if let Some(cell) = cells.last_mut() {
                cell.push(Line { text: "", ..*line });
            }
            continue;
        }
        if line.indent() == cell_indent {
            let (first, indent) = line.item().ok_or(*line)?;
            body_indent = indent;
            cells.push(vec![first]);
        } else if let Some(cell) = cells.last_mut().filter(|_| line.indent() > cell_indent) {
            cell.push(line.shifted(body_indent));
        } else {
            return Err(*line);
        }
    }
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::formats::reader_tests::{assert_located, read, texts};

    #[test]
    fn a_table_with_a_header_and_multi_paragraph_cells() {
        let found = read(
            tables,
            "Intro.\n\n\
             .. list-table:: **Table 1** Error codes\n   \
                :header-rows: 1\n   \
                :widths: 20 80\n\n   \
                * - Error Code\n     \
                  - Description\n   \
                * - BadDigest\n     \
                  - The value of **Content-MD5**\n       \
                    does not match.\n\n       \
                    Second.\n   \
                * -\n     \
                  -  -  One.\n        \
                     -  Two.\n\n\
             After.\n",
        )
        .unwrap_or_default();
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 2));
        assert_eq!(t.at, Location::at("p.rst", 3, 1));
        assert_eq!(
            texts(t),
            [
                "Error Code",
                "Description",
                "BadDigest",
                "The value of **Content-MD5** does not match.\n\nSecond.",
                "",
                "- One.\n- Two."
            ]
        );
        assert_eq!(t.cells[2].text_at(), Some(Location::at("p.rst", 9, 8)));
        assert_eq!(t.cells[3].lines[1].at, Location::at("p.rst", 11, 8));
    }

    /// name, page, expected messages.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "uneven rows",
            ".. list-table::\n\n   * - a\n     - b\n   * - c\n",
            "p.rst:5:4: row 2 of this list-table has 1 cells, the first row has 2",
        ),
        (
            "not a list",
            ".. list-table::\n\n   text\n",
            "p.rst:3:4: a list-table's content is a bullet list of rows",
        ),
        (
            "row without cells",
            ".. list-table::\n\n   * a\n",
            "p.rst:3:6: each row of a list-table is a bullet list of cells",
        ),
        (
            "header rows",
            ".. list-table::\n   :header-rows: x\n\n   * - a\n",
            "p.rst:2:4: `:header-rows:` takes a number of rows, not `x`",
        ),
        (
            "no body",
            "  .. list-table::\n     :header-rows: 1\n\n     * - a\n",
            "p.rst:1:3: `:header-rows: 1` leaves no body row in a list-table of 1 rows",
        ),
        (
            "empty",
            ".. list-table::\n\nText.\n",
            "p.rst:1:1: this list-table has no rows",
        ),
    ];

    #[test]
    fn malformed_tables_are_located() {
        assert_located(tables, BAD);
    }

    proptest::proptest! {
        /// Arbitrary directive content gives tables or problems, never a panic.
        #[test]
        fn any_input_is_read_without_panicking(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                ".. list-table::", ":header-rows: 2", "* ", "- ", "+", "\n", "  ", " ", "é", "a", "\t",
            ]), 0..60),
        ) {
            let mut problems = Problems::default();
            let _ = tables("p.rst", &parts.concat(), &mut problems);
        }
    }
}
