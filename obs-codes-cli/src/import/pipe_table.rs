//! Markdown pipe tables (what copying a table from the vendor's page into a markdown
//! editor gives), as grid tables whose cells hold the reStructuredText that the page
//! reader reads.
//!
//! A table is a header row, a delimiter row (`| --- | :---: |`) and the rows after it up
//! to a blank line or a line without `|`, as in GitHub-flavoured markdown: `\|` is a `|`
//! of the cell's text (code spans included), a row with fewer cells than the header gets empty ones, cells past
//! the header's are dropped. In a cell, `<br>` breaks the line (the reader joins the
//! lines of a cell with a space, as it joins the lines of a reStructuredText paragraph)
//! and `` `code` `` is a literal; `**strong**` and the rest are kept as written.

use crate::diagnostic;
use crate::import::rst::{CellLine, GridCell, GridTable};
use obs_codes_gen::Location;

/// Every pipe table of `text`, in page order.
pub fn tables(file: &str, text: &str) -> Vec<GridTable> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (Some(header), Some(delimiter)) = (lines.get(i), lines.get(i + 1)) else {
            break;
        };
        let columns = header.contains('|').then(|| delimiter_columns(delimiter));
        let header_cells = split(header);
        let Some(Some(columns)) = columns.filter(|c| *c == Some(header_cells.len())) else {
            i += 1;
            continue;
        };
        let mut rows = vec![(i, header_cells)];
        let mut end = i + 2;
        while let Some(line) = lines.get(end) {
            if line.trim().is_empty() || !line.contains('|') {
                break;
            }
            rows.push((end, split(line)));
            end += 1;
        }
        found.push(table(file, &rows, columns));
        i = end;
    }
    found
}

fn table(file: &str, rows: &[(usize, Vec<Split>)], columns: usize) -> GridTable {
    let mut cells = Vec::with_capacity(rows.len() * columns);
    for (row, (line, split)) in rows.iter().enumerate() {
        for column in 0..columns {
            let (text, start) = split
                .get(column)
                .map_or((String::new(), 0), |s| (s.text.clone(), s.column));
            let at = Location::at(file, line + 1, start + 1);
            cells.push(GridCell {
                row,
                row_span: 1,
                column,
                column_span: 1,
                lines: cell_lines(&text, &at),
            });
        }
    }
    GridTable {
        at: Location::at(file, rows.first().map_or(0, |(line, _)| *line) + 1, 1),
        header_rows: 1,
        rows: rows.len(),
        columns,
        cells,
    }
}

/// How many columns `line` declares when it is a delimiter row.
fn delimiter_columns(line: &str) -> Option<usize> {
    if !line.contains('-') {
        return None;
    }
    let cells = split(line);
    let is_delimiter = |text: &str| {
        let inner = text.strip_prefix(':').unwrap_or(text);
        let inner = inner.strip_suffix(':').unwrap_or(inner);
        !inner.is_empty() && inner.chars().all(|c| c == '-')
    };
    cells
        .iter()
        .all(|cell| is_delimiter(&cell.text))
        .then_some(cells.len())
}

/// One cell of a row: its text, trimmed, and the column (0-based, in characters) where
/// it starts.
struct Split {
    text: String,
    column: usize,
}

/// The cells of a row: split at each `|` not escaped, the outer pipes dropped.
fn split(line: &str) -> Vec<Split> {
    let chars: Vec<char> = line.chars().collect();
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            // Kept escaped: `\|` reads as `|` in the cell's reStructuredText too, and
            // columns stay those of the line.
            '\\' if chars.get(i + 1) == Some(&'|') => {
                current.push_str("\\|");
                i += 2;
                continue;
            }
            '|' => {
                cells.push(trimmed(&current, start));
                current.clear();
                start = i + 1;
            }
            _ => current.push(c),
        }
        i += 1;
    }
    cells.push(trimmed(&current, start));
    // A leading pipe leaves an empty first cell, a trailing one an empty last cell.
    if line.trim_start().starts_with('|') && !cells.is_empty() {
        cells.remove(0);
    }
    let ends_with_pipe = line.trim_end().ends_with('|') && !line.trim_end().ends_with("\\|");
    if ends_with_pipe && cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    cells
}

fn trimmed(text: &str, start: usize) -> Split {
    let blank = text.chars().take_while(|c| c.is_whitespace()).count();
    Split {
        text: text.trim().to_owned(),
        column: start + blank,
    }
}

/// A cell's markdown as reStructuredText lines: one per `<br>`, code spans as literals.
fn cell_lines(text: &str, at: &Location) -> Vec<CellLine> {
    let mut lines = Vec::new();
    // Characters before `from`, for the column of each line.
    let mut column = 0;
    let mut from = 0;
    let mut push = |part: &str, column: usize| {
        let blank = part.chars().take_while(|c| c.is_whitespace()).count();
        lines.push(CellLine {
            text: literals(part.trim()),
            at: diagnostic::right(at, column + blank),
        });
    };
    for (start, end) in breaks(text) {
        let part = text.get(from..start).unwrap_or_default();
        push(part, column);
        column += part.chars().count() + (end - start);
        from = end;
    }
    push(text.get(from..).unwrap_or_default(), column);
    lines
}

/// The byte ranges of the `<br>`, `<br/>` and `<br />` (any case) of `text`.
fn breaks(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.windows(3).position(|w| w.eq_ignore_ascii_case(b"<br")))
    {
        let start = i + at;
        let mut end = start + 3;
        while bytes.get(end) == Some(&b' ') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'/') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'>') {
            found.push((start, end + 1));
            i = end + 1;
        } else {
            i = start + 3;
        }
    }
    found
}

/// Markdown code spans (`` `x` ``, ``` ``x`` ```) as reStructuredText literals; other
/// backquotes escaped.
fn literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut unclosed = std::collections::HashSet::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '`' {
            out.push(c);
            i += 1;
            continue;
        }
        let run = chars
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == '`')
            .count();
        let content_start = i + run;
        // The closing run of the same length.
        let mut j = content_start;
        let mut close = None;
        while j < chars.len() && !unclosed.contains(&run) {
            let here = chars
                .get(j..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == '`')
                .count();
            if here == run {
                close = Some(j);
                break;
            }
            j += here.max(1);
        }
        let Some(close) = close else {
            // No later run of this length closes one either: scan for it once.
            unclosed.insert(run);
            out.push_str(&"\\`".repeat(run));
            i = content_start;
            continue;
        };
        let content: String = chars
            .get(content_start..close)
            .unwrap_or_default()
            .iter()
            .collect();
        // GitHub reads `\|` as `|` in a table's code spans too.
        let content = content.trim().replace("\\|", "|");
        if content.is_empty() {
            out.push_str(&"\\`".repeat(run * 2));
        } else {
            out.push_str("``");
            out.push_str(&content);
            out.push_str("``");
        }
        i = close + run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::formats::reader_tests::texts;

    #[test]
    fn a_copied_table_with_breaks_escapes_and_code() {
        let found = tables(
            "p.md",
            "Intro | not a table\n\n\
             | Error Code | Description | HTTP Status Code |\n\
             |:-----------|-------------|---:|\n\
             | BadDigest | The **Content-MD5** \\| x<br>second `a*b` | 400 Bad Request |\n\
             | Short |\n\
             \n\
             after\n",
        );
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!((t.header_rows, t.rows, t.columns), (1, 3, 3));
        assert_eq!(t.at, Location::at("p.md", 3, 1));
        assert_eq!(
            texts(t),
            [
                "Error Code",
                "Description",
                "HTTP Status Code",
                "BadDigest",
                "The **Content-MD5** | x second `a*b`",
                "400 Bad Request",
                "Short",
                "",
                ""
            ]
        );
        assert_eq!(t.cells[5].text_at(), Some(Location::at("p.md", 5, 58)));
        let second = &t.cells[4].lines[1];
        assert_eq!(second.at, Location::at("p.md", 5, 43));
    }

    #[test]
    fn without_outer_pipes_and_mismatched_delimiters() {
        let found = tables("p.md", "a | b\n--|--\n1 | 2\n\nx | y\n--|--|--\n");
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&found[0]), ["a", "b", "1", "2"]);
    }

    #[test]
    fn only_whole_break_tags_break_lines() {
        assert_eq!(breaks("<bra> x <BR />y<br/><br"), [(8, 14), (15, 20)]);
        let lines = cell_lines("a <br> <b>c</b>", &Location::at("p.md", 1, 10));
        let texts: Vec<(&str, usize)> = lines
            .iter()
            .map(|l| (l.text.as_str(), l.at.column))
            .collect();
        assert_eq!(texts, [("a", 10), ("<b>c</b>", 17)]);
    }

    #[test]
    fn backquotes_without_a_closing_run_are_text() {
        assert_eq!(literals("a ` b"), "a \\` b");
        assert_eq!(literals("``x ` y``"), "``x ` y``");
    }

    proptest::proptest! {
        /// Arbitrary text gives tables, never a panic.
        #[test]
        fn any_input_is_read_without_panicking(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "|", "-", ":", "\\", "`", "<br>", "<BR/", "\n", " ", "é", "a", "**",
            ]), 0..80),
        ) {
            let _ = tables("p.md", &parts.concat());
        }
    }
}
