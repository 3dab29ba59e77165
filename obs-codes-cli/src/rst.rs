//! reStructuredText grid tables: found in a page and split into cells.
//!
//! The cell scan is the one docutils' `GridTableParser` does: from each top-left corner
//! `+`, go right along the top border to a `+` from which a right border goes down to a
//! `+` from which a bottom border goes back left to the starting column and a left
//! border back up. Cells may span rows (a missing `+---+` segment under them) and
//! columns (a missing `|`), and a cell's rows may take several lines. Tabs are expanded
//! to 8-column stops first, as docutils does; columns in messages count characters
//! after that expansion.

use crate::diagnostic::{self, problem};
use obs_codes_gen::{Location, Problem};
use std::collections::BTreeSet;

/// One grid table of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridTable {
    /// The table's top-left corner.
    pub at: Location,
    /// How many grid rows lie above the `+===+` header separator (0 without one).
    pub header_rows: usize,
    /// How many grid rows the table has, header rows included.
    pub rows: usize,
    /// How many grid columns the table has.
    pub columns: usize,
    /// The cells, top to bottom, then left to right.
    pub cells: Vec<Cell>,
}

/// One cell of a grid table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The first grid row the cell covers.
    pub row: usize,
    /// How many grid rows it covers.
    pub row_span: usize,
    /// The first grid column it covers.
    pub column: usize,
    /// How many grid columns it covers.
    pub column_span: usize,
    /// Its lines between the borders, padding kept, each with where it starts.
    pub lines: Vec<CellLine>,
}

impl Cell {
    /// True when the cell covers grid column `column`.
    pub fn covers_column(&self, column: usize) -> bool {
        (self.column..self.column + self.column_span).contains(&column)
    }

    /// True when the cell shares a grid row with rows `first..end`.
    pub fn overlaps_rows(&self, first: usize, end: usize) -> bool {
        self.row < end && first < self.row + self.row_span
    }

    /// The cell's text lines.
    pub fn texts(&self) -> Vec<&str> {
        self.lines.iter().map(|line| line.text.as_str()).collect()
    }

    /// Where the cell's text starts (its first non-blank character), or where the cell
    /// starts when it is empty.
    pub fn text_at(&self) -> Option<Location> {
        let first = self.lines.first()?;
        let found = self.lines.iter().find_map(|line| {
            let blank = line.text.chars().take_while(|c| c.is_whitespace()).count();
            (blank < line.text.chars().count()).then(|| diagnostic::right(&line.at, blank))
        });
        Some(found.unwrap_or_else(|| first.at.clone()))
    }
}

/// One line of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellLine {
    /// The characters between the cell's left and right borders.
    pub text: String,
    /// Where the first of them is.
    pub at: Location,
}

/// Every grid table of `text`, in page order. A malformed table is an error located
/// where its structure breaks.
pub fn tables(file: &str, text: &str) -> Result<Vec<GridTable>, Problem> {
    let lines: Vec<Vec<char>> = text.lines().map(expand_tabs).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        match top_border_indent(line) {
            Some(indent) => {
                let end = block_end(&lines, i, indent);
                let block = lines.get(i..end).unwrap_or_default();
                found.push(parse(file, block, i + 1, indent)?);
                i = end;
            }
            None => i += 1,
        }
    }
    Ok(found)
}

fn expand_tabs(line: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(line.len());
    for c in line.chars() {
        if c == '\t' {
            out.push(' ');
            while out.len() % 8 != 0 {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The indentation of `line` when it is a grid table's top border (`+---+--+`).
fn top_border_indent(line: &[char]) -> Option<usize> {
    let indent = line.iter().take_while(|&&c| c == ' ').count();
    let border = trim_end(line.get(indent..)?);
    let shaped = border.len() >= 3
        && border.first() == Some(&'+')
        && border.last() == Some(&'+')
        && border.get(1) == Some(&'-')
        && border.iter().all(|&c| c == '+' || c == '-');
    shaped.then_some(indent)
}

fn trim_end(line: &[char]) -> &[char] {
    let end = line.len() - line.iter().rev().take_while(|c| c.is_whitespace()).count();
    line.get(..end).unwrap_or_default()
}

/// The index just past the table that starts at `start`: the lines that keep its
/// indentation and start with `+` or `|`.
fn block_end(lines: &[Vec<char>], start: usize, indent: usize) -> usize {
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        let indented = line.iter().take(indent).all(|&c| c == ' ');
        if !indented || !matches!(line.get(indent), Some('+' | '|')) {
            break;
        }
        end += 1;
    }
    end
}

/// A table block, its lines stripped of the indentation, being scanned.
struct Scan<'a> {
    file: &'a str,
    /// 1-based page line of the block's first line.
    first_line: usize,
    indent: usize,
    grid: Vec<Vec<char>>,
    /// Last column index (the right border).
    right: usize,
    /// Last line index (the bottom border).
    bottom: usize,
    /// Per column, the line index of the bottom border of the last cell found there.
    done: Vec<usize>,
}

impl Scan<'_> {
    fn at(&self, line: usize, column: usize) -> Location {
        diagnostic::at(self.file, self.first_line + line, self.indent + column + 1)
    }

    fn char(&self, line: usize, column: usize) -> char {
        self.grid
            .get(line)
            .and_then(|l| l.get(column))
            .copied()
            .unwrap_or(' ')
    }

    /// The bottom-right corner of the cell whose top-left corner is (`top`, `left`).
    fn scan_cell(&self, top: usize, left: usize) -> Option<(usize, usize)> {
        if self.char(top, left) != '+' {
            return None;
        }
        for column in left + 1..=self.right {
            match self.char(top, column) {
                '+' => {
                    if let Some(bottom) = self.scan_down(top, left, column) {
                        return Some((bottom, column));
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for line in top + 1..=self.bottom {
            match self.char(line, right) {
                '+' => {
                    if self.closes(top, left, line, right) {
                        return Some(line);
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    /// True when the bottom border goes left from (`bottom`, `right`) to `left` and the
    /// left border goes up from there to `top`.
    fn closes(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        let bottom_border = (left + 1..right).all(|c| matches!(self.char(bottom, c), '+' | '-'));
        let left_border = (top + 1..bottom).all(|l| matches!(self.char(l, left), '+' | '|'));
        bottom_border && left_border && self.char(bottom, left) == '+'
    }
}

/// Parses one table block (its lines, indentation included).
fn parse(
    file: &str,
    block: &[Vec<char>],
    first_line: usize,
    indent: usize,
) -> Result<GridTable, Problem> {
    let grid: Vec<Vec<char>> = block
        .iter()
        .map(|line| trim_end(line.get(indent..).unwrap_or_default()).to_vec())
        .collect();
    let width = grid.first().map_or(0, Vec::len);
    let mut scan = Scan {
        file,
        first_line,
        indent,
        right: width.saturating_sub(1),
        bottom: grid.len().saturating_sub(1),
        done: vec![0; width],
        grid,
    };
    let header = check_shape(&mut scan)?;

    let mut corners = BTreeSet::from([(0, 0)]);
    let mut boxes = Vec::new();
    let mut stuck: Option<(usize, usize)> = None;
    while let Some((top, left)) = corners.pop_first() {
        if top >= scan.bottom || left >= scan.right {
            continue;
        }
        if scan.done.get(left).is_some_and(|&done| top < done) {
            continue;
        }
        let Some((bottom, right)) = scan.scan_cell(top, left) else {
            stuck.get_or_insert((top, left));
            continue;
        };
        for column in left..right {
            match scan.done.get_mut(column) {
                Some(done) if *done == top => *done = bottom,
                _ => {
                    return Err(problem(
                        scan.at(top, column),
                        "malformed grid table: this cell overlaps another one",
                    ));
                }
            }
        }
        boxes.push((top, left, bottom, right));
        corners.insert((top, right));
        corners.insert((bottom, left));
    }
    if let Some(column) = (0..scan.right).find(|&c| scan.done.get(c) != Some(&scan.bottom)) {
        let (line, column) = stuck.unwrap_or((scan.done.get(column).copied().unwrap_or(0), column));
        return Err(problem(
            scan.at(line, column),
            "malformed grid table: no cell closes from this corner; check that the `+`, `-` and `|` of its borders line up",
        ));
    }

    let row_lines: Vec<usize> = boxes
        .iter()
        .flat_map(|&(top, _, bottom, _)| [top, bottom])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let column_chars: Vec<usize> = boxes
        .iter()
        .flat_map(|&(_, left, _, right)| [left, right])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index = |seps: &[usize], at: usize| seps.binary_search(&at).unwrap_or(0);
    let header_rows = match header {
        None => 0,
        Some(line) => match row_lines.binary_search(&line) {
            Ok(rows) => rows,
            Err(_) => {
                return Err(problem(
                    scan.at(line, 0),
                    "malformed grid table: a cell spans the header separator",
                ));
            }
        },
    };
    let mut cells: Vec<Cell> = boxes
        .iter()
        .map(|&(top, left, bottom, right)| {
            let row = index(&row_lines, top);
            let column = index(&column_chars, left);
            Cell {
                row,
                row_span: index(&row_lines, bottom).saturating_sub(row),
                column,
                column_span: index(&column_chars, right).saturating_sub(column),
                lines: (top + 1..bottom)
                    .map(|line| CellLine {
                        text: (left + 1..right).map(|c| scan.char(line, c)).collect(),
                        at: scan.at(line, left + 1),
                    })
                    .collect(),
            }
        })
        .collect();
    cells.sort_by_key(|cell| (cell.row, cell.column));
    Ok(GridTable {
        at: scan.at(0, 0),
        header_rows,
        rows: row_lines.len().saturating_sub(1),
        columns: column_chars.len().saturating_sub(1),
        cells,
    })
}

/// Checks the frame (equal widths, right border, closing bottom border) and finds the
/// `+===+` header separator, which it turns into an ordinary border for the scan.
fn check_shape(scan: &mut Scan<'_>) -> Result<Option<usize>, Problem> {
    let width = scan.right + 1;
    for (i, line) in scan.grid.iter().enumerate() {
        if line.len() != width {
            let message = if line.len() > width {
                format!(
                    "grid table line runs past the right border (column {})",
                    scan.indent + width
                )
            } else {
                format!(
                    "grid table line ends before the right border (column {})",
                    scan.indent + width
                )
            };
            return Err(problem(scan.at(i, line.len().min(width)), message));
        }
        if !matches!(line.last(), Some('+' | '|')) {
            return Err(problem(
                scan.at(i, scan.right),
                "grid table line does not end with a border (`|` or `+`)",
            ));
        }
    }
    let is_border = |line: &[char], fill: char| {
        line.len() >= 2
            && line.first() == Some(&'+')
            && line.iter().all(|&c| c == '+' || c == fill)
            && line.contains(&fill)
    };
    if !scan.grid.last().is_some_and(|line| is_border(line, '-')) || scan.bottom < 2 {
        return Err(problem(
            scan.at(scan.bottom, 0),
            "grid table is not closed: its last line is not a `+---+` border",
        ));
    }
    let mut header = None;
    for i in 0..scan.grid.len() {
        // Only border lines: a cell's text may hold `=`.
        let border = scan.grid.get(i).filter(|l| l.first() == Some(&'+'));
        let Some(first) = border.and_then(|l| l.iter().position(|&c| c == '=')) else {
            continue;
        };
        let whole = scan.grid.get(i).is_some_and(|line| is_border(line, '='));
        if !whole || i == scan.bottom || header.is_some() {
            return Err(problem(
                scan.at(i, first),
                "malformed grid table: a `+===+` header separator must be a whole line, once, above the last row",
            ));
        }
        for c in scan.grid.get_mut(i).into_iter().flatten() {
            if *c == '=' {
                *c = '-';
            }
        }
        header = Some(i);
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> GridTable {
        match tables("t.rst", text) {
            Ok(mut found) if found.len() == 1 => found.remove(0),
            other => panic!("expected one table, got {other:?}"),
        }
    }

    fn error(text: &str) -> String {
        match tables("t.rst", text) {
            Err(problem) => diagnostic::render("error", &problem),
            Ok(found) => panic!("expected an error, got {found:?}"),
        }
    }

    /// (row, row_span, column, column_span, trimmed lines) of every cell.
    fn shape(table: &GridTable) -> Vec<(usize, usize, usize, usize, Vec<String>)> {
        table
            .cells
            .iter()
            .map(|c| {
                let lines = c.lines.iter().map(|l| l.text.trim().to_owned()).collect();
                (c.row, c.row_span, c.column, c.column_span, lines)
            })
            .collect()
    }

    #[test]
    fn simple_table_with_header_and_multi_line_row() {
        let t = one("intro\n\n\
            +------+-------+\n\
            | Code | Text  |\n\
            +======+=======+\n\
            | A    | one   |\n\
            |      | two   |\n\
            +------+-------+\n\
            | B    | three |\n\
            +------+-------+\n\
            after\n");
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 2));
        assert_eq!(t.at, diagnostic::at("t.rst", 3, 1));
        assert_eq!(
            shape(&t),
            [
                (0, 1, 0, 1, vec!["Code".to_owned()]),
                (0, 1, 1, 1, vec!["Text".into()]),
                (1, 1, 0, 1, vec!["A".into(), String::new()]),
                (1, 1, 1, 1, vec!["one".into(), "two".into()]),
                (2, 1, 0, 1, vec!["B".into()]),
                (2, 1, 1, 1, vec!["three".into()]),
            ]
        );
        let b = &t.cells[4];
        assert_eq!(b.text_at(), Some(diagnostic::at("t.rst", 9, 3)));
    }

    #[test]
    fn spans_rows_and_columns() {
        // `400` spans two rows (no border under it); the last row spans both columns.
        let t = one("   +-----+---+---+\n\
                     \x20  | 400 | A | x |\n\
                     \x20  |     +---+---+\n\
                     \x20  |     | B | y |\n\
                     \x20  +-----+---+---+\n\
                     \x20  | 500 | wide  |\n\
                     \x20  +-----+-------+\n");
        assert_eq!((t.header_rows, t.rows, t.columns), (0, 3, 3));
        assert_eq!(
            shape(&t),
            [
                (
                    0,
                    2,
                    0,
                    1,
                    vec!["400".to_owned(), String::new(), String::new()]
                ),
                (0, 1, 1, 1, vec!["A".into()]),
                (0, 1, 2, 1, vec!["x".into()]),
                (1, 1, 1, 1, vec!["B".into()]),
                (1, 1, 2, 1, vec!["y".into()]),
                (2, 1, 0, 1, vec!["500".into()]),
                (2, 1, 1, 2, vec!["wide".into()]),
            ]
        );
        // Columns count from the page's first column, indentation included.
        assert_eq!(t.cells[3].lines[0].at, diagnostic::at("t.rst", 4, 11));
    }

    #[test]
    fn several_tables_and_tabs() {
        let text = "+---+\n| a |\n+---+\n\n\t+---+\n\t| b |\n\t+---+\n";
        let found = tables("t.rst", text).unwrap_or_default();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].at, diagnostic::at("t.rst", 5, 9));
        assert_eq!(found[1].cells[0].lines[0].text, " b ");
    }

    /// name, input, expected message (in the manner of csv-core's `parses_to!`).
    const MALFORMED: &[(&str, &str, &str)] = &[
        (
            "short line",
            "+---+---+\n| a | b |\n| c | d\n+---+---+\n",
            "error: t.rst:3:8: grid table line ends before the right border (column 9)",
        ),
        (
            "long line",
            "+---+\n| a |  x\n+---+\n",
            "error: t.rst:2:6: grid table line runs past the right border (column 5)",
        ),
        (
            "no right border",
            "+---+\n| a  \n+---+\n",
            "error: t.rst:2:4: grid table line ends before the right border (column 5)",
        ),
        (
            "not closed",
            "+---+\n| a |\n| b |\n\ntext\n",
            "error: t.rst:3:1: grid table is not closed",
        ),
        (
            "broken inner border",
            "+---+---+\n| a | b |\n+---+   |\n| c   d |\n+---+---+\n",
            "error: t.rst:1:5: malformed grid table: no cell closes from this corner",
        ),
        (
            "broken bottom border",
            "+---+---+\n| a | b |\n+---+- -+\n",
            "error: t.rst:3:1: grid table is not closed",
        ),
        (
            "two header separators",
            "+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+\n",
            "error: t.rst:5:2: malformed grid table: a `+===+` header separator must be",
        ),
    ];

    #[test]
    fn malformed_tables_are_located() {
        for (name, input, expected) in MALFORMED {
            let message = error(input);
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }

    #[test]
    fn an_equals_sign_in_a_cell_is_text() {
        let t = one("+-------+\n| a = b |\n+=======+\n| c     |\n+-------+\n");
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.cells[0].lines[0].text, " a = b ");
    }

    #[test]
    fn text_without_tables_has_none() {
        let found = tables("t.rst", "Title\n=====\n\n+ not a table\n|x|\n----\n");
        assert_eq!(found, Ok(Vec::new()));
    }
}
