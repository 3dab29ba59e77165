//! reStructuredText grid tables: found in a page and split into cells.
//!
//! The cell scan is the one docutils' `GridTableParser` does: from each top-left corner
//! `+`, go right along the top border to a `+` from which a right border goes down to a
//! `+` from which a bottom border goes back left to the starting column and a left
//! border back up. Cells may span rows (a missing `+---+` segment under them) and
//! columns (a missing `|`), and a cell's rows may take several lines. Tabs are expanded
//! to 8-column stops first, as docutils does; columns in messages count characters
//! after that expansion.
//!
//! Borders line up by display width, as in docutils: an East Asian wide or fullwidth
//! character (`访`, `Ａ`) takes two columns of the grid, every other character one
//! (see the `width` module). The scan runs over a grid in which each wide character is followed
//! by a pad column; the pads are dropped from the cells' text and from the columns of
//! locations.

mod width;

use crate::diagnostic::{self, problem};
use obs_codes_gen::{Location, Problem, Problems};
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
    pub cells: Vec<GridCell>,
}

/// One cell of a grid table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
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

impl GridCell {
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

/// Every well-formed grid table of `text`, in page order. Each malformed table is
/// reported to `problems`, located where its structure breaks, and skipped.
pub fn tables(file: &str, text: &str, problems: &mut Problems) -> Vec<GridTable> {
    let lines: Vec<Line> = text.lines().map(Line::new).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        match top_border_indent(&line.grid) {
            Some(indent) => {
                let end = block_end(&lines, i, indent);
                let block = lines.get(i..end).unwrap_or_default();
                match parse(file, block, i + 1, indent) {
                    Ok(table) => found.push(table),
                    Err(problem) => {
                        problems.push(problem);
                    }
                }
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// A page line as a grid: tabs expanded, trailing blanks dropped, a pad column after
/// each wide character (docutils' order: `expandtabs`, `rstrip`, `pad_double_width`).
struct Line {
    /// One entry per grid column; [`PAD`] in the pad columns.
    grid: Vec<char>,
    /// The grid columns that are pads, ascending.
    pads: Vec<usize>,
}

/// What a pad column holds: nothing a border is made of.
const PAD: char = '\0';

impl Line {
    fn new(text: &str) -> Line {
        let mut expanded = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c == '\t' {
                expanded.push(' ');
                while expanded.len() % 8 != 0 {
                    expanded.push(' ');
                }
            } else {
                expanded.push(c);
            }
        }
        let mut line = Line {
            grid: Vec::with_capacity(expanded.len()),
            pads: Vec::new(),
        };
        for &c in trim_end(&expanded) {
            line.grid.push(c);
            if width::is_wide(c) {
                line.pads.push(line.grid.len());
                line.grid.push(PAD);
            }
        }
        line
    }

    /// The line from grid column `from` on.
    fn from(&self, from: usize) -> Line {
        Line {
            grid: self.grid.get(from..).unwrap_or_default().to_vec(),
            pads: self
                .pads
                .iter()
                .filter_map(|pad| pad.checked_sub(from))
                .collect(),
        }
    }

    /// How many pads lie before grid column `column`.
    fn pads_before(&self, column: usize) -> usize {
        self.pads.partition_point(|&pad| pad < column)
    }

    fn is_pad(&self, column: usize) -> bool {
        self.pads.binary_search(&column).is_ok()
    }
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
fn block_end(lines: &[Line], start: usize, indent: usize) -> usize {
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        let indented = line.grid.iter().take(indent).all(|&c| c == ' ');
        if !indented || !matches!(line.grid.get(indent), Some('+' | '|')) {
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
    /// The block's lines, indentation removed.
    lines: Vec<Line>,
    /// Last column index (the right border).
    right: usize,
    /// Last line index (the bottom border).
    bottom: usize,
    /// Per column, the line index of the bottom border of the last cell found there.
    done: Vec<usize>,
}

impl Scan<'_> {
    /// Where grid column `column` of block line `line` is, its column counted in
    /// characters (pads left out).
    fn at(&self, line: usize, column: usize) -> Location {
        let pads = self.lines.get(line).map_or(0, |l| l.pads_before(column));
        Location::at(
            self.file,
            self.first_line + line,
            self.indent + column - pads + 1,
        )
    }

    fn char(&self, line: usize, column: usize) -> char {
        self.lines
            .get(line)
            .and_then(|l| l.grid.get(column))
            .copied()
            .unwrap_or(' ')
    }

    /// The text between grid columns `left` and `right` (both excluded), pads dropped.
    fn text(&self, line: usize, left: usize, right: usize) -> String {
        let Some(l) = self.lines.get(line) else {
            return String::new();
        };
        (left + 1..right)
            .filter(|&c| !l.is_pad(c))
            .map(|c| self.char(line, c))
            .collect()
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
    block: &[Line],
    first_line: usize,
    indent: usize,
) -> Result<GridTable, Problem> {
    let lines: Vec<Line> = block.iter().map(|line| line.from(indent)).collect();
    let width = lines.first().map_or(0, |line| line.grid.len());
    let mut scan = Scan {
        file,
        first_line,
        indent,
        right: width.saturating_sub(1),
        bottom: lines.len().saturating_sub(1),
        done: vec![0; width],
        lines,
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
    let mut cells: Vec<GridCell> = boxes
        .iter()
        .map(|&(top, left, bottom, right)| {
            let row = index(&row_lines, top);
            let column = index(&column_chars, left);
            GridCell {
                row,
                row_span: index(&row_lines, bottom).saturating_sub(row),
                column,
                column_span: index(&column_chars, right).saturating_sub(column),
                lines: (top + 1..bottom)
                    .map(|line| CellLine {
                        text: scan.text(line, left, right),
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
    for (i, line) in scan.lines.iter().enumerate() {
        let length = line.grid.len();
        if length != width {
            let side = if length > width {
                "runs past"
            } else {
                "ends before"
            };
            let mut problem = problem(
                scan.at(i, length.min(width)),
                format!(
                    "grid table line {side} the right border (column {})",
                    scan.indent + width
                ),
            );
            if !line.pads.is_empty() {
                problem.hint = Some(
                    "borders line up by display width: an East Asian wide or fullwidth character takes two columns".to_owned(),
                );
            }
            return Err(problem);
        }
        if !matches!(line.grid.last(), Some('+' | '|')) {
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
    let last = scan.lines.last().map(|line| line.grid.as_slice());
    if !last.is_some_and(|line| is_border(line, '-')) || scan.bottom < 2 {
        return Err(problem(
            scan.at(scan.bottom, 0),
            "grid table is not closed: its last line is not a `+---+` border",
        ));
    }
    let mut header = None;
    for i in 0..scan.lines.len() {
        // Only border lines: a cell's text may hold `=`.
        let grid = scan.lines.get(i).map(|line| line.grid.as_slice());
        let border = grid.filter(|l| l.first() == Some(&'+'));
        let Some(first) = border.and_then(|l| l.iter().position(|&c| c == '=')) else {
            continue;
        };
        let whole = grid.is_some_and(|line| is_border(line, '='));
        if !whole || i == scan.bottom || header.is_some() {
            return Err(problem(
                scan.at(i, first),
                "malformed grid table: a `+===+` header separator must be a whole line, once, above the last row",
            ));
        }
        for c in scan.lines.get_mut(i).into_iter().flat_map(|l| &mut l.grid) {
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
    use std::fmt::Write as _;

    /// The tables of `text`, which must have no problem.
    fn read(text: &str) -> Vec<GridTable> {
        let mut problems = Problems::default();
        let found = tables("t.rst", text, &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        found
    }

    fn one(text: &str) -> GridTable {
        let mut found = read(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    /// The first problem of `text`.
    fn error(text: &str) -> String {
        let mut problems = Problems::default();
        let found = tables("t.rst", text, &mut problems);
        problems.iter().next().map_or_else(
            || panic!("expected an error, got {found:?}"),
            |problem| diagnostic::render("error", problem),
        )
    }

    /// (`row`, `row_span`, `column`, `column_span`, trimmed lines) of every cell.
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
        assert_eq!(t.at, Location::at("t.rst", 3, 1));
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
        assert_eq!(b.text_at(), Some(Location::at("t.rst", 9, 3)));
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
        assert_eq!(t.cells[3].lines[0].at, Location::at("t.rst", 4, 11));
    }

    #[test]
    fn several_tables_and_tabs() {
        let text = "+---+\n| a |\n+---+\n\n\t+---+\n\t| b |\n\t+---+\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].at, Location::at("t.rst", 5, 9));
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

    // The East Asian tables below are read by docutils 0.19 to the same cells.

    #[test]
    fn wide_characters_take_two_columns() {
        // `访问被拒绝` is 5 characters and 10 columns wide.
        let t = one("+-----+------------+-----+\n\
                     | AAA | 访问被拒绝 | 403 |\n\
                     +-----+------------+-----+\n");
        assert_eq!(
            shape(&t),
            [
                (0, 1, 0, 1, vec!["AAA".to_owned()]),
                (0, 1, 1, 1, vec!["访问被拒绝".into()]),
                (0, 1, 2, 1, vec!["403".into()]),
            ]
        );
        assert_eq!(t.cells[1].lines[0].text, " 访问被拒绝 ");
        // Locations count characters: `403` is the 17th character of the line (its
        // 22nd column on screen).
        assert_eq!(t.cells[2].text_at(), Some(Location::at("t.rst", 2, 17)));
        assert_eq!(t.cells[2].lines[0].at, Location::at("t.rst", 2, 16));
    }

    #[test]
    fn mixed_wide_fullwidth_and_narrow_text_with_a_header() {
        let t = one("  +-----------------+------------+--------+\n\
                     \x20 | Code            | 描述       | Status |\n\
                     \x20 +=================+============+========+\n\
                     \x20 | AccessDenied    | 访问被拒绝 | 403    |\n\
                     \x20 |                 | Access     |        |\n\
                     \x20 +-----------------+------------+--------+\n\
                     \x20 | Ｆｕｌｌ        | mixed 中文 | 404    |\n\
                     \x20 +-----------------+------------+--------+\n");
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 3));
        let texts: Vec<String> = t
            .cells
            .iter()
            .map(|cell| {
                let lines: Vec<&str> = cell.lines.iter().map(|l| l.text.trim()).collect();
                lines.join("/").trim_matches('/').to_owned()
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Code",
                "描述",
                "Status",
                "AccessDenied",
                "访问被拒绝/Access",
                "403",
                "Ｆｕｌｌ",
                "mixed 中文",
                "404"
            ]
        );
        // `404` follows 4 fullwidth and 2 wide characters: character 30, column 36.
        assert_eq!(t.cells[8].text_at(), Some(Location::at("t.rst", 7, 30)));
    }

    #[test]
    fn tabs_are_expanded_before_wide_characters_are_counted() {
        let t = one("+---+-----------+\n| a |\t访问    |\n+---+-----------+\n");
        assert_eq!(t.cells[1].lines[0].text.trim(), "访问");
    }

    #[test]
    fn combining_characters_take_a_column_as_in_docutils() {
        // docutils pads only wide and fullwidth characters: `e` + U+0301 is two columns
        // of the grid (and a table aligned as if it were one is malformed there too).
        let t = one("+-----+------+\n| AAA | e\u{301}xy |\n+-----+------+\n");
        assert_eq!(t.cells[1].lines[0].text, " e\u{301}xy ");
        let message = error("+-----+-----+\n| AAA | e\u{301}xy |\n+-----+-----+\n");
        assert!(message.contains("runs past the right border"), "{message}");
    }

    #[test]
    fn a_table_aligned_by_characters_is_located_with_a_hint() {
        // Counted in characters the borders line up; on screen they do not, and docutils
        // rejects the table too.
        let message = error(
            "+-----+-------+-----+\n\
                             | AAA | 访问被拒绝 | 403 |\n\
                             +-----+-------+-----+\n",
        );
        assert_eq!(
            message,
            "error: t.rst:2:17: grid table line runs past the right border (column 21)\n  \
             help: borders line up by display width: an East Asian wide or fullwidth character takes two columns"
        );
    }

    /// The characters table texts are made of: narrow, wide, fullwidth, combining, NUL.
    fn cell_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec!['a', '访', 'Ａ', '\u{301}', '\0', 'é', ' ']),
            0..6,
        )
        .prop_map(|chars| chars.into_iter().collect::<String>().trim().to_owned())
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// A table whose borders line up by display width reads back to its cells, and
        /// every cell line's location points at its text in the page.
        #[test]
        fn tables_aligned_by_display_width_read_back(
            rows in proptest::collection::vec(proptest::collection::vec(cell_text(), 3), 1..4)
        ) {
            let display = |text: &str| -> usize {
                text.chars().map(|c| if width::is_wide(c) { 2 } else { 1 }).sum()
            };
            let widths: Vec<usize> = (0..3)
                .map(|c| rows.iter().map(|row| display(&row[c])).max().unwrap_or(0) + 2)
                .collect();
            let border: String = widths.iter().fold("+".to_owned(), |line, w| {
                format!("{line}{}+", "-".repeat(*w))
            });
            let mut page = format!("{border}\n");
            for row in &rows {
                page.push('|');
                for (text, w) in row.iter().zip(&widths) {
                    write!(page, " {text}{} |", " ".repeat(w - 2 - display(text))).unwrap();
                }
                write!(page, "\n{border}\n").unwrap();
            }
            let t = one(&page);
            let texts: Vec<String> = t.cells.iter().map(|c| c.lines[0].text.trim().to_owned()).collect();
            let expected: Vec<String> = rows.concat();
            proptest::prop_assert_eq!(texts, expected);
            let lines: Vec<&str> = page.lines().collect();
            for cell in &t.cells {
                for line in &cell.lines {
                    let source: String = lines[line.at.line - 1].chars().skip(line.at.column - 1).collect();
                    proptest::prop_assert!(source.starts_with(&line.text), "{page}");
                }
            }
        }
    }

    #[test]
    fn text_without_tables_has_none() {
        assert_eq!(
            read("Title\n=====\n\n+ not a table\n|x|\n----\n"),
            Vec::new()
        );
    }

    #[test]
    fn every_malformed_table_is_reported_and_the_good_ones_kept() {
        let text = "+---+\n| a\n+---+\n\n+---+\n| b |\n+---+\n\n+---+\n| c\n+---+\n";
        let mut problems = Problems::default();
        let found = tables("t.rst", text, &mut problems);
        assert_eq!(found.len(), 1, "{found:?}");
        let lines: Vec<usize> = problems
            .iter()
            .filter_map(|p| p.location.as_ref().map(|l| l.line))
            .collect();
        assert_eq!(lines.len(), 2, "{:?}", problems.messages());
        assert!(lines[0] < 5 && lines[1] > 8, "{:?}", problems.messages());
    }
}
