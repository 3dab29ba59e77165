//! The table loader never panics: whatever the bytes, the outcome is a table or a list
//! of located problems; the docs and the plain text of a description agree on emphasis. Cases per property: `PROPTEST_CASES` (default 256).

use crate::problem::Problems;
use crate::source::{SourceText, decode};
use proptest::prelude::*;
use std::fmt::Write as _;

/// Runs every stage a file goes through; returns the problems' locations and messages.
fn load(bytes: Vec<u8>) -> (usize, Vec<(usize, usize, String)>) {
    let mut problems = Problems::default();
    // Lines end at LF, CR or CRLF (a CRLF counted twice only widens the bound).
    let line_count = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    let rows = match decode("t.csv", bytes, &mut problems) {
        Some(text) => {
            let source = SourceText {
                name: "t.csv".into(),
                text,
                tracked_path: None,
            };
            let table = crate::Table::parse(&source, &mut problems);
            crate::Catalog::check(&[table], &mut problems).entries.len()
        }
        None => 0,
    };
    let located = problems
        .iter_located()
        .map(|(line, column, message)| {
            assert!(
                line >= 1 && line <= line_count,
                "line {line} of {line_count}: {message}"
            );
            assert!(column >= 1, "{message}");
            (line, column, message)
        })
        .collect();
    (rows, located)
}

/// The rows of `text` as one source.
fn parse_rows(text: &str) -> Vec<crate::Row> {
    let source = SourceText {
        name: "t.csv".into(),
        text: text.to_owned(),
        tracked_path: None,
    };
    crate::Table::parse(&source, &mut Problems::default()).rows
}

/// CSV-shaped text: header-like and row-like lines built from table-ish pieces.
fn csv_like() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("code".to_owned()),
        Just("http_status".to_owned()),
        Just("description".to_owned()),
        Just("aliases".to_owned()),
        Just("retryable".to_owned()),
        Just("override".to_owned()),
        Just("variant".to_owned()),
        Just("404 Not Found".to_owned()),
        Just("N/A".to_owned()),
        Just("true".to_owned()),
        Just("\"".to_owned()),
        Just("\"a, \"\"b\"\"\"".to_owned()),
        Just("A|B".to_owned()),
        Just("#".to_owned()),
        "[A-Za-z0-9 ._\\-|\"\u{e9}\t\r]{0,12}",
    ];
    let line = prop::collection::vec(cell, 1..8).prop_map(|cells| cells.join(","));
    let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("")];
    prop::collection::vec((line, eol), 0..12).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(line, eol)| line + eol)
            .collect::<String>()
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let (rows, problems) = load(bytes);
        // Nothing is lost silently: a file with no rows always says why.
        prop_assert!(rows > 0 || !problems.is_empty());
    }

    #[test]
    fn csv_shaped_text_gives_rows_or_located_problems(text in csv_like()) {
        let (rows, problems) = load(text.clone().into_bytes());
        prop_assert!(rows > 0 || !problems.is_empty(), "{text:?}");
        if problems.is_empty() {
            // An accepted table written back and read again gives the same rows, cell
            // for cell: nothing the reader kept is lost or changed on the way.
            let rows = parse_rows(&text);
            let columns = crate::Column::used_by(&rows);
            let written = crate::to_csv(&columns, &rows);
            let again = parse_rows(&written);
            let cells = |rows: &[crate::Row]| -> Vec<Vec<String>> {
                rows.iter().map(|row| columns.iter().map(|&c| row.cell_text(c)).collect()).collect()
            };
            prop_assert_eq!(cells(&again), cells(&rows), "{:?} -> {:?}", text, written);
        }
    }

    #[test]
    fn valid_tables_round_trip(
        codes in prop::collection::btree_set("[A-Z][A-Za-z0-9]{0,20}", 1..40).prop_filter(
            "names the macro rejects on purpose (keywords, generated items)",
            |codes| !codes.iter().any(|c| c == "Self" || crate::catalog::RESERVED_VARIANTS.contains(&c.as_str())),
        )
    ) {
        let mut text = String::from("code,http_status,description\n");
        for code in &codes {
            writeln!(text, "{code},400 Bad Request,About {code}.").unwrap();
        }
        let (rows, problems) = load(text.into_bytes());
        prop_assert!(problems.is_empty(), "{problems:?}");
        prop_assert_eq!(rows, codes.len());
    }

    /// What rustdoc shows for the generated docs of a description is `plain_text` of
    /// it: the same emphasis, in every spelling, is dropped in both.
    #[test]
    fn rendered_docs_and_plain_text_agree_on_emphasis(
        // Code spans on one line, lines without code spans, and code spans over lines
        // that start with what could open a block.
        text in prop_oneof![
            "[ab *_.,!()\\\\`]{0,24}",
            "[ab *_.,!()\\\\\n]{0,24}",
            "[ab *_`\n#+>=1.-]{0,24}",
        ],
    ) {
        let rendered = crate::markdown::markdown(&text).join("\n");
        let shown = crate::test_support::shown_by_rustdoc(&rendered);
        // Whitespace and backticks are compared away (lines are unindented; code spans
        // trim, join lines and lose their fences): every other character must agree.
        let words = |s: &str| s.split_whitespace().collect::<String>().replace('`', "");
        prop_assert_eq!(words(&shown), words(&crate::markdown::plain_text(&text)), "{}", rendered);
    }
}
