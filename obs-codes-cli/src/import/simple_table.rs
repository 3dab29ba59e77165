//! reStructuredText simple tables, as grid tables.
//!
//! ```text
//! ============  ================  ================
//! Error Code    Description       HTTP Status Code
//! ============  ================  ================
//! BadDigest     The value of      400 Bad Request
//!               **Content-MD5**.
//! ============  ================  ================
//! ```
//!
//! As in docutils: the first border's runs of `=` are the columns (the last one open to
//! the right); a border followed by a blank line or the page's end closes the table, a
//! border before it separates the header; a line whose first column holds text starts a
//! row, a line whose first column is blank continues it, and a blank line separates the
//! paragraphs of a row's cells. Text between columns is an error, and so are the
//! `-----` underlines of column spans, which this reader does not place.

use crate::import::rst::{CellLine, GridCell, GridTable};
use obs_codes_gen::{Location, Problems};

/// The columns of `line` (character ranges of its runs of `=`) when it is a border of
/// at least two columns.
fn border(line: &str) -> Option<Vec<(usize, usize)>> {
    runs(line, '=').filter(|runs| runs.len() >= 2)
}

/// The runs of `fill` in a line made only of `fill` and spaces.
fn runs(line: &str, fill: char) -> Option<Vec<(usize, usize)>> {
    let line = line.trim_end();
    if !line.chars().all(|c| c == fill || c == ' ') || !line.contains(fill) {
        return None;
    }
    let mut found = Vec::new();
    let mut start = None;
    // Only `fill` and spaces: bytes are characters.
    for (i, c) in line.char_indices() {
        match (c == fill, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        found.push((s, line.len()));
    }
    Some(found)
}

/// Every simple table of `text`, in page order; malformed ones reported and left out.
pub fn tables(file: &str, text: &str, problems: &mut Problems) -> Vec<GridTable> {
    let lines: Vec<&str> = text.lines().collect();
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let Some(columns) = border(line).filter(|_| i == 0 || blank(i - 1)) else {
            i += 1;
            continue;
        };
        let indent = columns.first().map_or(0, |c| c.0);
        // The closing border: the next border followed by a blank line or the end.
        let mut end = None;
        let mut j = i + 1;
        while let Some(next) = lines.get(j) {
            let outdented =
                !next.trim().is_empty() && next.len() - next.trim_start_matches(' ').len() < indent;
            if outdented {
                break;
            }
            if border(next).is_some() && blank(j + 1) {
                end = Some(j);
                break;
            }
            j += 1;
        }
        let Some(end) = end else {
            // No border before line `j` closes a table: none that starts before it does.
            i = j.max(i + 1);
            continue;
        };
        let block = lines.get(i..=end).unwrap_or_default();
        if let Some(table) = parse(file, i, block, &columns, problems) {
            found.push(table);
        }
        i = end + 1;
    }
    found
}

/// One table: `block` from its top border to its closing one, `first` the page index of
/// its first line.
fn parse(
    file: &str,
    first: usize,
    block: &[&str],
    columns: &[(usize, usize)],
    problems: &mut Problems,
) -> Option<GridTable> {
    let at = |line: usize, column: usize| Location::at(file, first + line + 1, column + 1);
    let inner = block
        .get(1..block.len().saturating_sub(1))
        .unwrap_or_default();
    let mut rows: Vec<Vec<Vec<CellLine>>> = Vec::new();
    let mut header_rows = None;
    for (n, line) in inner.iter().enumerate() {
        let n = n + 1;
        if border(line).is_some() {
            if header_rows.is_some() || rows.is_empty() {
                problems.at(
                    at(n, 0),
                    "a simple table has one `===` header separator, under its header rows",
                );
                return None;
            }
            header_rows = Some(rows.len());
            continue;
        }
        if line.trim().is_empty() {
            for cell in rows.last_mut().into_iter().flatten() {
                cell.push(CellLine {
                    text: String::new(),
                    at: at(n, 0),
                });
            }
            continue;
        }
        if runs(line, '-').is_some() {
            problems.at(
                at(n, line.len() - line.trim_start().len()),
                "column spans (`---` underlines) in a simple table are not read: write this table as a grid table",
            );
            return None;
        }
        let chars: Vec<char> = line.chars().collect();
        let texts = split(&chars, columns).map_err(|column| {
            problems.at(
                at(n, column),
                "text between the columns of a simple table: each column's text stays under its `===`",
            );
        });
        let texts = texts.ok()?;
        let starts_row = texts.first().is_some_and(|t| !t.trim().is_empty());
        if starts_row {
            rows.push(vec![Vec::new(); columns.len()]);
        }
        let Some(row) = rows.last_mut() else {
            problems.at(
                at(n, 0),
                "the first line of a simple table's row has text in its first column",
            );
            return None;
        };
        for ((cell, text), (start, _)) in row.iter_mut().zip(texts).zip(columns) {
            cell.push(CellLine {
                text,
                at: at(n, *start),
            });
        }
    }
    let mut cells = Vec::with_capacity(rows.len() * columns.len());
    for (row, row_cells) in rows.iter().enumerate() {
        for (column, lines) in row_cells.iter().enumerate() {
            cells.push(GridCell {
                row,
                row_span: 1,
                column,
                column_span: 1,
                lines: lines.clone(),
            });
        }
    }
    Some(GridTable {
        at: at(0, columns.first().map_or(0, |c| c.0)),
        header_rows: header_rows.unwrap_or(0),
        rows: rows.len(),
        columns: columns.len(),
        cells,
    })
}

/// Each column's text of a line, or the column of text outside every column.
fn split(chars: &[char], columns: &[(usize, usize)]) -> Result<Vec<String>, usize> {
    let text = |from: usize, to: usize| -> String {
        chars
            .get(from.min(chars.len())..to.min(chars.len()))
            .unwrap_or_default()
            .iter()
            .collect()
    };
    let outside = |from: usize, to: usize| {
        (from..to.min(chars.len())).find(|&c| chars.get(c).is_some_and(|ch| !ch.is_whitespace()))
    };
    let indent = columns.first().map_or(0, |c| c.0);
    if let Some(column) = outside(0, indent) {
        return Err(column);
    }
    let mut texts = Vec::with_capacity(columns.len());
    for (i, &(start, end)) in columns.iter().enumerate() {
        match columns.get(i + 1) {
            Some(&(next, _)) => {
                if let Some(column) = outside(end, next) {
                    return Err(column);
                }
                texts.push(text(start, end));
            }
            None => texts.push(text(start, chars.len())),
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::formats::reader_tests::{assert_located, read, texts};

    #[test]
    fn a_table_with_a_header_and_multi_line_rows() {
        let found = read(
            tables,
            "Title\n=====\n\n\
             \x20 ==========  =============  ===\n\
             \x20 Error Code  Description    HTTP Status Code\n\
             \x20 ==========  =============  ===\n\
             \x20 BadDigest   The value of   400 Bad Request\n\
             \x20             **MD5**.\n\
             \n\
             \x20             Second.\n\
             \x20 A           x              403\n\
             \x20 ==========  =============  ===\n\
             \n\
             after\n",
        )
        .unwrap_or_default();
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 3));
        assert_eq!(t.at, Location::at("p.rst", 4, 3));
        assert_eq!(
            texts(t),
            [
                "Error Code",
                "Description",
                "HTTP Status Code",
                "BadDigest",
                "The value of **MD5**.\n\nSecond.",
                "400 Bad Request",
                "A",
                "x",
                "403"
            ]
        );
        assert_eq!(t.cells[5].text_at(), Some(Location::at("p.rst", 7, 30)));
        assert_eq!(t.cells[4].lines[1].at, Location::at("p.rst", 8, 15));
    }

    /// name, page, expected message.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "text in a margin",
            "===  ===\na    b\nabcdefg\n===  ===\n",
            "p.rst:3:4: text between the columns of a simple table",
        ),
        (
            "two separators",
            "===  ===\na    b\n===  ===\nc    d\n===  ===\ne    f\n===  ===\n",
            "p.rst:5:1: a simple table has one `===` header separator",
        ),
        (
            "column spans",
            "===  ===\na    b\n--------\nc    d\n===  ===\n",
            "p.rst:3:1: column spans (`---` underlines) in a simple table are not read",
        ),
        (
            "continuation first",
            "===  ===\n     b\n===  ===\n",
            "p.rst:2:1: the first line of a simple table's row has text in its first column",
        ),
    ];

    #[test]
    fn malformed_tables_are_located() {
        assert_located(tables, BAD);
    }

    #[test]
    fn section_underlines_and_unclosed_borders_are_not_tables() {
        assert_eq!(
            read(tables, "Title\n=====\n\n===  ===\na    b\n"),
            Ok(Vec::new())
        );
    }

    proptest::proptest! {
        /// Arbitrary text gives tables or problems, never a panic.
        #[test]
        fn any_input_is_read_without_panicking(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "===", "---", "  ", " ", "\n", "a", "é", "访", "\t",
            ]), 0..80),
        ) {
            let mut problems = Problems::default();
            let _ = tables("p.rst", &parts.concat(), &mut problems);
        }
    }
}
