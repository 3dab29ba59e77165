//! Which reader a page needs, and its tables read by it: the vendor's HTML, the
//! reStructuredText of the T-Systems copies (grid tables, `list-table` directives,
//! simple tables) or markdown pipe tables. Every reader gives grid tables whose cells
//! hold reStructuredText, so the page's rows are read one way whatever its form.

use crate::import::rst::GridTable;
use crate::import::{html, list_table, pipe_table, rst, simple_table};
use obs_codes_gen::Problems;
use std::path::Path;

/// What `import` reads and where such pages come from, for messages about anything else.
pub const READS: &str = "`import` reads the vendor's error-code pages: HTML as a browser saves them from support.huaweicloud.com (`.html`), reStructuredText as in the T-Systems copies of the docs (`.rst`: grid tables, `list-table` directives, simple tables), and markdown pipe tables as copying a table from the vendor's page gives them (`.md`)";

/// The file name extensions of pages (any case).
pub const PAGE_EXTENSIONS: [&str; 7] = ["html", "htm", "xhtml", "rst", "txt", "md", "markdown"];

/// The form of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML, as the vendor publishes its pages.
    Html,
    /// reStructuredText, as the T-Systems copies hold them; pipe tables when the page
    /// has no reStructuredText table.
    Rst,
    /// Markdown pipe tables.
    Markdown,
}

/// A page's form: by its name's extension, otherwise HTML when its text starts with a
/// tag.
#[must_use]
pub fn format(file: &str, text: &str) -> Format {
    let extension = Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        _ if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<') =>
        {
            Format::Html
        }
        _ => Format::Rst,
    }
}

/// The tables of a page, in page order, read as its [`format()`] says; malformed tables
/// reported.
pub fn tables(file: &str, text: &str, problems: &mut Problems) -> Vec<GridTable> {
    match format(file, text) {
        Format::Html => html::tables(file, text, problems),
        Format::Markdown => pipe_table::tables(file, text),
        Format::Rst => {
            let before = problems.len();
            let mut found = rst::tables(file, text, problems);
            found.extend(list_table::tables(file, text, problems));
            found.extend(simple_table::tables(file, text, problems));
            if found.is_empty() && problems.len() == before {
                found = pipe_table::tables(file, text);
            }
            found.sort_by_key(|table| (table.at.line, table.at.column));
            found
        }
    }
}

/// What the readers' unit tests share: a reader run on a page, its cells' text.
#[cfg(test)]
pub(crate) mod reader_tests {
    use super::{GridTable, Problems};
    use crate::import::rst_to_markdown::{Mode, cell_text};

    /// A reader of `p.rst`'s tables.
    pub(crate) type Reader = fn(&str, &str, &mut Problems) -> Vec<GridTable>;

    /// The tables `reader` finds in `text`, or the messages of its problems.
    pub(crate) fn read(reader: Reader, text: &str) -> Result<Vec<GridTable>, Vec<String>> {
        let mut problems = Problems::default();
        let found = reader("p.rst", text, &mut problems);
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(problems.messages())
        }
    }

    /// Each cell's text as markdown, top to bottom, then left to right.
    pub(crate) fn texts(table: &GridTable) -> Vec<String> {
        table
            .cells
            .iter()
            .map(|c| cell_text(&c.texts(), Mode::Markdown))
            .collect()
    }

    /// Each (name, page, message prefix) of `cases` gives one problem, that message.
    pub(crate) fn assert_located(reader: Reader, cases: &[(&str, &str, &str)]) {
        for (name, page, expected) in cases {
            let messages = read(reader, page).err().unwrap_or_default();
            assert!(
                messages.len() == 1 && messages[0].starts_with(expected),
                "{name}: {messages:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_told_by_the_name_then_by_the_text() {
        let cases = [
            ("p.HTML", "text", Format::Html),
            ("p.htm", "", Format::Html),
            ("p.md", "<table>", Format::Markdown),
            ("p.rst", "\u{feff}\n <!DOCTYPE html>", Format::Html),
            ("p.rst", "Title\n=====\n", Format::Rst),
            ("p", "| a | b |", Format::Rst),
        ];
        for (file, text, expected) in cases {
            assert_eq!(format(file, text), expected, "{file}");
        }
        assert!(crate::import::is_page(Path::new("dir/x.Md")));
        assert!(!crate::import::is_page(Path::new("tables/obs.csv")));
    }

    #[test]
    fn an_rst_page_gives_its_tables_of_every_kind_in_page_order() {
        let text = "===  ===\na    b\n===  ===\n\n\
                    +---+\n| c |\n+---+\n\n\
                    .. list-table::\n\n   * - d\n";
        let mut problems = Problems::default();
        let found = tables("p.rst", text, &mut problems);
        let lines: Vec<usize> = found.iter().map(|t| t.at.line).collect();
        assert_eq!(lines, [1, 5, 9]);
        assert!(problems.is_empty());
    }

    #[test]
    fn pipe_tables_are_read_from_a_text_page_without_rst_tables() {
        let mut problems = Problems::default();
        let found = tables("p.txt", "| a | b |\n|---|---|\n| c | d |\n", &mut problems);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rows, 2);
    }

    /// The test pages of `tests/data/pages/`: one page in every form.
    const PAGES: [(&str, &str); 5] = [
        (
            "grid.rst",
            include_str!("../../tests/data/pages/grid/api-errors.rst"),
        ),
        (
            "page.html",
            include_str!("../../tests/data/pages/html/api-errors.html"),
        ),
        (
            "list.rst",
            include_str!("../../tests/data/pages/list-table/api-errors.rst"),
        ),
        (
            "simple.rst",
            include_str!("../../tests/data/pages/simple/api-errors.rst"),
        ),
        (
            "pipe.md",
            include_str!("../../tests/data/pages/pipe/api-errors.md"),
        ),
    ];

    proptest::proptest! {
        /// Each form of the page, edited anywhere, gives rows or problems located in the
        /// page: never a panic.
        #[test]
        fn edited_pages_give_rows_or_located_problems(
            page in 0..PAGES.len(),
            edits in proptest::collection::vec(
                (proptest::num::usize::ANY, 0u8..3, proptest::sample::select(
                    "<>/&;|-=*`:\\ \n\tpa#".chars().collect::<Vec<_>>(),
                )),
                0..16,
            ),
        ) {
            let (name, seed) = PAGES[page];
            let mut chars: Vec<char> = seed.chars().collect();
            for (at, kind, c) in edits {
                let at = at % (chars.len() + 1);
                match kind {
                    0 if at < chars.len() => chars[at] = c,
                    1 => chars.insert(at, c),
                    _ if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => {}
                }
            }
            let text: String = chars.into_iter().collect();
            let mut problems = Problems::default();
            let read = crate::import::page::read(name, &text, &mut problems);
            proptest::prop_assert_eq!(read.is_some(), problems.is_empty());
            let lines = text.lines().count().max(1);
            for problem in problems.iter() {
                let line = problem.location.as_ref().map_or(1, |l| l.line);
                proptest::prop_assert!((1..=lines).contains(&line), "{problem}");
            }
        }
    }
}
