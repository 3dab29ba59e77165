//! The vendor's HTML pages (support.huaweicloud.com, as a browser saves them): every
//! table as a grid table, each cell's content written as the reStructuredText that the
//! T-Systems copies of the same page hold, so that the page reader and `markup` read
//! both forms alike.
//!
//! - Rows come from `<tr>` (a `<td>` or `<th>` outside one starts one); the rows of the
//!   first `<thead>` are the header. `rowspan` and `colspan` place cells as browsers do.
//! - In a cell, whitespace runs (no-break spaces included) are one space; `<p>`, `<div>`, headings and lists start
//!   paragraphs (a blank line); `<br>` starts a line of the same paragraph (the reader
//!   joins it with a space); `<li>` is an item line (`-  ` or `1. `).
//! - `<strong>`/`<b>` become `**...**`, `<em>`/`<i>` `*...*`, `<code>` a literal;
//!   entities are decoded by the tokenizer and text is escaped so that it reads back
//!   as written.
//! - `<script>`, `<style>` and the like are skipped; a table inside a cell is a table of
//!   its own; `<caption>` is not a cell.
//!
//! Locations are line and column (in characters) of the source: a cell line's is where
//! its first character is written.

use crate::import::rst::{CellLine, GridCell, GridTable};
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use obs_codes_gen::{Location, Problems};

/// The widest table read: HTML's own bound on `colspan`.
const MAX_COLUMNS: usize = 1000;

/// HTML's bound on `rowspan`.
const MAX_ROW_SPAN: usize = 65534;

/// Tables nested deeper than this are read as text of the enclosing cell.
const MAX_NESTING: usize = 32;

/// Elements that start and end paragraphs of a cell.
const BLOCKS: [&[u8]; 13] = [
    b"p",
    b"div",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"pre",
    b"blockquote",
    b"dl",
    b"dt",
    b"dd",
];

/// Elements whose content is not text of the page.
const SKIPPED: [&[u8]; 6] = [
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"svg",
    b"caption",
];

/// Every table of an HTML page, in page order (an outer table after the tables inside
/// it). A table wider than 1,000 columns (HTML's bound on `colspan`) is reported and
/// left out.
pub fn tables(file: &str, text: &str, problems: &mut Problems) -> Vec<GridTable> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut reader = Reader {
        locator: Locator::new(file, text),
        open: Vec::new(),
        found: Vec::new(),
        skip: None,
        ignored_depth: 0,
    };
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token;
        reader.token(token, problems);
    }
    while let Some(table) = reader.open.pop() {
        reader.finish(table, problems);
    }
    reader.found
}

struct Reader<'a> {
    locator: Locator<'a>,
    /// The tables being read, innermost last.
    open: Vec<Table>,
    found: Vec<GridTable>,
    /// The skipped element being read, until its end tag.
    skip: Option<Vec<u8>>,
    /// `<table>` tags beyond [`MAX_NESTING`] still open.
    ignored_depth: usize,
}

impl Reader<'_> {
    fn token(&mut self, token: Token<usize>, problems: &mut Problems) {
        if let Some(name) = &self.skip {
            if matches!(&token, Token::EndTag(end) if end.name.as_slice() == name.as_slice()) {
                self.skip = None;
            }
            return;
        }
        match token {
            Token::StartTag(tag) => self.start(&tag),
            Token::EndTag(tag) => self.end(&tag.name, problems),
            Token::String(text) => {
                let at = self.locator.first_text(text.span.start, text.span.end);
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.text(&String::from_utf8_lossy(&text.value), at);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    fn start(&mut self, tag: &StartTag<usize>) {
        let name = tag.name.as_slice();
        if SKIPPED.contains(&name) {
            if !tag.self_closing {
                self.skip = Some(name.to_vec());
            }
            return;
        }
        if name == b"table" {
            if self.open.len() >= MAX_NESTING {
                self.ignored_depth += 1;
            } else {
                if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.paragraph();
                }
                let at = self.locator.at(tag.span.start);
                self.open.push(Table::new(at));
            }
            return;
        }
        let at = self.locator.at(tag.span.start);
        let Some(table) = self.open.last_mut() else {
            return;
        };
        match name {
            b"thead" => table.section(true),
            b"tbody" | b"tfoot" => table.section(false),
            b"tr" => table.row(),
            b"td" | b"th" => table.cell(tag, at),
            _ => {
                if let Some(cell) = table.cell.as_mut() {
                    cell.start(name);
                }
            }
        }
    }

    fn end(&mut self, name: &[u8], problems: &mut Problems) {
        if name == b"table" {
            if self.ignored_depth > 0 {
                self.ignored_depth -= 1;
            } else if let Some(table) = self.open.pop() {
                self.finish(table, problems);
            }
            return;
        }
        let Some(table) = self.open.last_mut() else {
            return;
        };
        match name {
            b"thead" | b"tbody" | b"tfoot" => table.end_section(),
            b"tr" | b"td" | b"th" => table.close_cell(),
            _ => {
                if let Some(cell) = table.cell.as_mut() {
                    cell.end(name);
                }
            }
        }
    }

    fn finish(&mut self, mut table: Table, problems: &mut Problems) {
        table.close_cell();
        if table.too_wide {
            problems.at(
                table.at,
                format!("this table has more than {MAX_COLUMNS} columns"),
            );
            return;
        }
        let rows = table.rows;
        for cell in &mut table.cells {
            cell.row_span = cell.row_span.min(rows.saturating_sub(cell.row)).max(1);
        }
        if let Some(cell) = self.open.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.paragraph();
        }
        self.found.push(GridTable {
            at: table.at,
            header_rows: table.header_rows,
            rows,
            columns: table.occupied.len(),
            cells: table.cells,
        });
    }
}

/// Where a table is with respect to its header: the first `<thead>` before any body
/// row; later heads are body rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    Before,
    In,
    Done,
}

/// A table being read.
struct Table {
    at: Location,
    /// Rows started so far.
    rows: usize,
    header_rows: usize,
    head: Head,
    /// True while a `<tr>` is open (or a cell started one).
    in_row: bool,
    /// The column the next cell of the row starts at or after.
    next_column: usize,
    /// Per grid column, the first row no earlier cell covers.
    occupied: Vec<usize>,
    cells: Vec<GridCell>,
    cell: Option<CellText>,
    too_wide: bool,
}

impl Table {
    fn new(at: Location) -> Table {
        Table {
            at,
            rows: 0,
            header_rows: 0,
            head: Head::Before,
            in_row: false,
            next_column: 0,
            occupied: Vec::new(),
            cells: Vec::new(),
            cell: None,
            too_wide: false,
        }
    }

    fn section(&mut self, head: bool) {
        self.close_cell();
        self.in_row = false;
        if self.head != Head::Done {
            self.head = if head { Head::In } else { Head::Before };
        }
    }

    fn end_section(&mut self) {
        self.close_cell();
        self.in_row = false;
        if self.head == Head::In {
            self.head = Head::Done;
        }
    }

    fn row(&mut self) {
        self.close_cell();
        self.rows += 1;
        self.in_row = true;
        self.next_column = 0;
        if self.head == Head::In {
            self.header_rows = self.rows;
        } else {
            self.head = Head::Done;
        }
    }

    fn cell(&mut self, tag: &StartTag<usize>, at: Location) {
        self.close_cell();
        if !self.in_row {
            self.row();
        }
        let row = self.rows - 1;
        let span = |name: &[u8], max: usize| {
            tag.attributes
                .get(name)
                .and_then(|v| std::str::from_utf8(v).ok()?.trim().parse::<usize>().ok())
                .map_or(1, |n| if n == 0 { max } else { n.min(max) })
        };
        let column_span = span(b"colspan", MAX_COLUMNS);
        let row_span = span(b"rowspan", MAX_ROW_SPAN);
        let mut column = self.next_column;
        while self.occupied.get(column).is_some_and(|&free| free > row) {
            column += 1;
        }
        if column + column_span > MAX_COLUMNS {
            self.too_wide = true;
            return;
        }
        if self.occupied.len() < column + column_span {
            self.occupied.resize(column + column_span, 0);
        }
        for free in self.occupied.iter_mut().skip(column).take(column_span) {
            *free = row + row_span;
        }
        self.next_column = column + column_span;
        self.cell = Some(CellText::new(
            GridCell {
                row,
                row_span,
                column,
                column_span,
                lines: Vec::new(),
            },
            at,
        ));
    }

    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.cells.push(cell.finish());
        }
    }
}

/// A cell's content being written as reStructuredText lines.
struct CellText {
    cell: GridCell,
    /// Where the cell's tag is: the place of lines without text.
    at: Location,
    /// The line being written.
    line: String,
    line_at: Option<Location>,
    /// A space is due before the next character.
    space: bool,
    /// Open inline markup, innermost last: the marker and where it was written.
    inline: Vec<(&'static str, usize)>,
    /// Per open list, the next item's number (`None` for bullets).
    lists: Vec<Option<usize>>,
    /// Inside a `<code>`: text is written verbatim, as literals are.
    literal: usize,
}

impl CellText {
    fn new(cell: GridCell, at: Location) -> CellText {
        CellText {
            cell,
            at,
            line: String::new(),
            line_at: None,
            space: false,
            inline: Vec::new(),
            lists: Vec::new(),
            literal: 0,
        }
    }

    fn text(&mut self, text: &str, at: Option<Location>) {
        let mut at = at;
        for c in text.chars() {
            // A no-break space (`&nbsp;`) is a space, as in the T-Systems copies.
            if c.is_ascii_whitespace() || c == '\u{a0}' {
                self.space = true;
                continue;
            }
            self.put_space();
            if self.line_at.is_none() {
                self.line_at = Some(at.take().unwrap_or_else(|| self.at.clone()));
            }
            if self.literal == 0 && matches!(c, '\\' | '`') {
                self.line.push('\\');
            }
            self.line.push(c);
        }
    }

    fn put_space(&mut self) {
        if std::mem::take(&mut self.space) && !self.line.is_empty() {
            self.line.push(' ');
        }
    }

    fn start(&mut self, name: &[u8]) {
        match name {
            _ if BLOCKS.contains(&name) => self.block_boundary(),
            b"br" => {
                if self.lists.is_empty() {
                    self.end_line();
                } else {
                    self.space = true;
                }
            }
            b"ul" => self.list(None),
            b"ol" => self.list(Some(1)),
            b"li" => self.item(),
            b"strong" | b"b" => {
                self.open_inline("**");
            }
            b"em" | b"i" => {
                self.open_inline("*");
            }
            b"code" | b"tt" | b"kbd" | b"samp" => {
                self.literal += usize::from(self.open_inline("``"));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            _ if BLOCKS.contains(&name) => self.block_boundary(),
            b"ul" | b"ol" => {
                self.lists.pop();
                self.paragraph();
            }
            b"strong" | b"b" => {
                self.close_inline("**");
            }
            b"em" | b"i" => {
                self.close_inline("*");
            }
            b"code" | b"tt" | b"kbd" | b"samp" if self.close_inline("``") => {
                self.literal = self.literal.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// The start or end of a block: a paragraph ends, or, inside a list item (whose
    /// text is one line), a space.
    fn block_boundary(&mut self) {
        if self.lists.is_empty() {
            self.paragraph();
        } else {
            self.space = true;
        }
    }

    /// Opens `marker` unless it is already open (nested `<strong>` is one emphasis);
    /// true when it opened it.
    fn open_inline(&mut self, marker: &'static str) -> bool {
        if self.inline.iter().any(|(open, _)| *open == marker) {
            self.inline.push(("", 0));
            return false;
        }
        self.put_space();
        if self.line_at.is_none() {
            self.line_at = Some(self.at.clone());
        }
        self.line.push_str(marker);
        self.inline.push((marker, self.line.len()));
        true
    }

    /// Closes the innermost markup when it is `marker`; true when it was.
    fn close_inline(&mut self, marker: &'static str) -> bool {
        let Some(&(open, end)) = self.inline.last() else {
            return false;
        };
        if !(open == marker || open.is_empty()) {
            return false;
        }
        self.inline.pop();
        if open.is_empty() {
            return false;
        }
        if self.line.len() == end {
            // Nothing inside: drop the opening marker too.
            self.line.truncate(end - marker.len());
        } else {
            self.line.push_str(marker);
        }
        true
    }

    /// Closes open inline markup at the end of a line, reopening none: markup does not
    /// span lines of a cell here.
    fn close_all_inline(&mut self) {
        while let Some(&(open, _)) = self.inline.last() {
            if open.is_empty() {
                self.inline.pop();
            } else {
                self.close_inline(open);
            }
        }
        self.literal = 0;
    }

    fn end_line(&mut self) {
        self.close_all_inline();
        self.space = false;
        if self.line.is_empty() {
            return;
        }
        let at = self.line_at.take().unwrap_or_else(|| self.at.clone());
        self.cell.lines.push(CellLine {
            text: std::mem::take(&mut self.line),
            at,
        });
    }

    /// Ends the paragraph: the line, then a blank line unless one is there.
    fn paragraph(&mut self) {
        self.end_line();
        if self.cell.lines.last().is_some_and(|l| !l.text.is_empty()) {
            self.cell.lines.push(CellLine {
                text: String::new(),
                at: self.at.clone(),
            });
        }
    }

    fn list(&mut self, numbered: Option<usize>) {
        if self.lists.is_empty() {
            self.paragraph();
        }
        self.lists.push(numbered);
    }

    fn item(&mut self) {
        self.end_line();
        let marker = match self.lists.last_mut() {
            Some(Some(number)) => {
                let marker = format!("{number}. ");
                *number += 1;
                marker
            }
            _ => "-  ".to_owned(),
        };
        self.line.push_str(&marker);
    }

    fn finish(mut self) -> GridCell {
        self.end_line();
        while self.cell.lines.last().is_some_and(|l| l.text.is_empty()) {
            self.cell.lines.pop();
        }
        if self.cell.lines.is_empty() {
            self.cell.lines.push(CellLine {
                text: String::new(),
                at: self.at.clone(),
            });
        }
        self.cell
    }
}

/// Byte offsets of a text as line and column (in characters), for offsets that mostly
/// ascend: each lookup counts on from the previous one.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
    /// The last lookup: byte offset, line, column.
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    fn new(file: &'a str, text: &'a str) -> Locator<'a> {
        Locator {
            file,
            text,
            last: (0, 1, 1),
        }
    }

    fn at(&mut self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let (mut from, mut line, mut column) = self.last;
        if offset < from {
            (from, line, column) = (0, 1, 1);
        }
        for c in self.text.get(from..offset).unwrap_or_default().chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        self.last = (offset, line, column);
        Location::at(self.file, line, column)
    }

    /// Where the first non-blank character between `start` and `end` is written.
    fn first_text(&mut self, start: usize, end: usize) -> Option<Location> {
        let source = self.text.get(start..end)?;
        let blank = source.len() - source.trim_start().len();
        (blank < source.len()).then(|| self.at(start + blank))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rst_to_markdown::{Mode, cell_text};

    fn read(html: &str) -> Vec<GridTable> {
        let mut problems = Problems::default();
        let found = tables("p.html", html, &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        found
    }

    /// Each cell as (row, column, markdown).
    fn texts(table: &GridTable) -> Vec<(usize, usize, String)> {
        table
            .cells
            .iter()
            .map(|c| (c.row, c.column, cell_text(&c.texts(), Mode::Markdown)))
            .collect()
    }

    #[test]
    fn a_vendor_table_with_head_body_and_markup() {
        let found = read(
            "<html><body><nav><ul><li>Menu</li></ul></nav>\n\
             <table><thead><tr><th><p>Error Code</p></th><th><p>Description</p></th></tr></thead>\n\
             <tbody><tr><td><p>BadDigest</p></td>\n\
             <td><p>The value of <strong>Content-MD5</strong> &amp; more.</p><p>Second\n   line.</p></td></tr>\n\
             <tr><td>A</td><td>One<br>two &lt;x&gt; `tick` \\ back</td></tr></tbody></table></body></html>",
        );
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 2));
        assert_eq!(t.at, Location::at("p.html", 2, 1));
        assert_eq!(
            texts(t),
            [
                (0, 0, "Error Code".to_owned()),
                (0, 1, "Description".into()),
                (1, 0, "BadDigest".into()),
                (
                    1,
                    1,
                    "The value of **Content-MD5** & more.\n\nSecond line.".into()
                ),
                (2, 0, "A".into()),
                (2, 1, "One two <x> `tick` \\ back".into()),
            ]
        );
        // `BadDigest` starts at column 19 of line 3.
        assert_eq!(t.cells[2].text_at(), Some(Location::at("p.html", 3, 19)));
    }

    #[test]
    fn rowspan_and_colspan_place_cells_as_browsers_do() {
        let found = read(
            "<table><tr><td rowspan=\"2\">400</td><td>A</td><td>x</td></tr>\
             <tr><td>B</td><td>y</td></tr><tr><td colspan=3>wide</td></tr></table>",
        );
        let shape: Vec<(usize, usize, usize, usize)> = found[0]
            .cells
            .iter()
            .map(|c| (c.row, c.row_span, c.column, c.column_span))
            .collect();
        assert_eq!(
            shape,
            [
                (0, 2, 0, 1),
                (0, 1, 1, 1),
                (0, 1, 2, 1),
                (1, 1, 1, 1),
                (1, 1, 2, 1),
                (2, 1, 0, 3)
            ]
        );
        assert_eq!(found[0].header_rows, 0);
    }

    #[test]
    fn lists_code_and_empty_markup() {
        let found = read(
            "<table><tr><td><p>Causes:</p><ul><li><p>One,</p></li><li>two <code>a*b</code></li></ul>\
             <strong> </strong>end <em>it</em> <code><code>c</code></code> `q`</td></tr></table>",
        );
        assert_eq!(
            texts(&found[0])[0].2,
            "Causes:\n\n- One,\n- two `a*b`\n\nend *it* `c` `q`"
        );
    }

    #[test]
    fn scripts_captions_nested_tables_and_unclosed_tags() {
        let found = read(
            "<table><caption>Table 1</caption><tr><td>out<script>var a = '<td>';</script>\
             <table><tr><td>in</td></tr></table>after<td>next",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(texts(&found[0]), [(0, 0, "in".to_owned())]);
        assert_eq!(
            texts(&found[1]),
            [(0, 0, "out\n\nafter".to_owned()), (0, 1, "next".into())]
        );
    }

    #[test]
    fn too_wide_a_table_is_reported() {
        let mut problems = Problems::default();
        let html = format!(
            "\n<table><tr>{}</tr></table>",
            "<td colspan=600>x</td>".repeat(2)
        );
        assert!(tables("p.html", &html, &mut problems).is_empty());
        assert_eq!(
            problems.messages(),
            ["p.html:2:1: this table has more than 1000 columns"]
        );
    }

    proptest::proptest! {
        /// Arbitrary text, and tag soup made of the tags the reader knows, give tables or
        /// problems, never a panic.
        #[test]
        fn any_input_is_read_without_panicking(
            text in ".{0,200}",
            soup in proptest::collection::vec(proptest::sample::select(vec![
                "<table>", "</table>", "<tr>", "</tr>", "<td rowspan=0>", "<th colspan=999>",
                "</td>", "<thead>", "</thead>", "<p>", "</p>", "<br>", "<ul>", "<li>", "</ul>",
                "<ol>", "</ol>", "<strong>", "</strong>", "<code>", "</code>", "<em>", "x",
                "&amp;", "\n", "é", "<script>", "</script>", "<!--", "-->",
            ]), 0..60),
        ) {
            let mut problems = Problems::default();
            let _ = tables("p.html", &text, &mut problems);
            let _ = tables("p.html", &soup.concat(), &mut problems);
        }
    }
}
