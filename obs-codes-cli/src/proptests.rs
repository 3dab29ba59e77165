//! Property tests of the library: mutated pages, tables and fixes either read back as
//! what was read, or are rejected with problems located in the text; no text panics.

use crate::import::{self, fixes, rst, rst_to_markdown};
use crate::inputs;
use obs_codes_gen::Entry;
use obs_codes_gen::Problems;

/// A page whose table has a status spanning two rows, a list, literals, a role, a
/// link and escapes (one ends a list item): the seed that the property tests below
/// mutate.
const SEED_PAGE: &str = "Intro\n\n\
    +------+--------+-------------+\n\
    | Code | Status | Description |\n\
    +======+========+=============+\n\
    | A    | 400    | -  x ``y``  |\n\
    |      |        | -  z \\      |\n\
    +------+        +-------------+\n\
    | B\\   |        | `u <v>`_    |\n\
    +------+--------+-------------+\n";

const SEED_CSV: &str = "# comment\ncode,http_status,retryable,aliases,description,variant\n\
    A,400,,X|Y,\"quoted, \"\"text\"\"\n\nmore\",\nB,N/A,true,,plain,Bee\n";

const SEED_FIXES: &str = "# c\ndocumented,code,aliases,retryable\nA B,AB,X|Y,true\n";

/// Every line of `text` can be pointed at: lines end at LF, CR or CRLF.
fn line_count(text: &str) -> usize {
    obs_codes_gen::Location::line_column(text, text.len()).0
}

/// What a client sees of each code: the fields `from_code` callers read.
fn fields(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?} {} {:?} {:?}",
                e.code, e.variant, e.aliases, e.status, e.retryable, e.description, e.solution
            )
        })
        .collect()
}

#[test]
fn the_seeds_are_valid() {
    let mut problems = Problems::default();
    let imported = import::import_text("p.rst", SEED_PAGE, None, &mut problems);
    assert!(problems.is_empty(), "{:?}", problems.messages());
    let codes: Vec<(String, String)> = imported
        .map(|i| {
            i.catalog
                .entries
                .into_iter()
                .map(|e| (e.code, e.status.map(|s| s.to_string()).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        codes,
        [("A".into(), "400".into()), ("B".into(), "400".into())]
    );
    let obs_codes_gen::Loaded {
        catalog, problems, ..
    } = obs_codes_gen::load_bytes(&[("t.csv", SEED_CSV.as_bytes())]);
    assert!(problems.is_empty(), "{:?}", problems.messages());
    assert_eq!(catalog.entries.len(), 2);
    assert!(fixes::read("f.csv", SEED_FIXES, &mut Problems::default()).is_some());
}

/// `seed` with each edit applied: replace, insert or delete a character.
fn mutate(seed: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for &(at, kind, c) in edits {
        let at = at % (chars.len() + 1);
        match kind % 3 {
            0 if at < chars.len() => chars[at] = c,
            1 => chars.insert(at, c),
            _ if at < chars.len() => {
                chars.remove(at);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn markup_char() -> impl proptest::strategy::Strategy<Value = char> {
    proptest::sample::select("+-=| \n\r\t`:\\*_<>\",#.()aB1é".chars().collect::<Vec<_>>())
}

proptest::proptest! {
    #[test]
    fn imported_pages_read_back_or_are_located(
        edits in proptest::collection::vec((0usize..400, 0u8..3, markup_char()), 0..12)
    ) {
        let text = mutate(SEED_PAGE, &edits);
        let mut problems = Problems::default();
        if let Some(imported) = import::import_text("p.rst", &text, None, &mut problems) {
            proptest::prop_assert!(problems.is_empty(), "{:?}", problems.messages());
            // What import writes, the macro reads: the same codes.
            let obs_codes_gen::Loaded { catalog: again, problems, .. } =
                obs_codes_gen::load_bytes(&[("out.csv", imported.csv.as_bytes())]);
            proptest::prop_assert!(problems.is_empty(), "{:?}", problems.messages());
            proptest::prop_assert_eq!(fields(&again.entries), fields(&imported.catalog.entries));
        } else {
            // Every problem is located in the page, at a line it has.
            proptest::prop_assert!(!problems.is_empty());
            for problem in problems.iter() {
                let location = problem.location.as_ref();
                proptest::prop_assert!(
                    location.is_some_and(|l| l.source == "p.rst" && l.line >= 1 && l.line <= line_count(&text)),
                    "{problem}"
                );
            }
        }
    }

    #[test]
    fn accepted_tables_round_trip_and_problems_are_located(
        edits in proptest::collection::vec((0usize..200, 0u8..3, markup_char()), 0..12)
    ) {
        let text = mutate(SEED_CSV, &edits);
        let obs_codes_gen::Loaded { catalog, problems, .. } = obs_codes_gen::load_bytes(&[("t.csv", text.as_bytes())]);
        if problems.is_empty() {
            let rows = inputs::rows_of(&catalog);
            let written = obs_codes_gen::to_csv(&obs_codes_gen::Column::used_by(&rows), &rows);
            let obs_codes_gen::Loaded { catalog: again, problems, .. } = obs_codes_gen::load_bytes(&[("t.csv", written.as_bytes())]);
            proptest::prop_assert!(problems.is_empty(), "{:?}", problems.messages());
            proptest::prop_assert_eq!(fields(&again.entries), fields(&catalog.entries));
        } else {
            for (line, column, message) in problems.iter_located() {
                proptest::prop_assert!(line <= line_count(&text) && column >= 1, "{message}");
            }
        }
    }

    #[test]
    fn fixes_are_read_or_located(
        edits in proptest::collection::vec((0usize..200, 0u8..3, markup_char()), 0..12)
    ) {
        let text = mutate(SEED_FIXES, &edits);
        let mut problems = Problems::default();
        if let Some(fixes) = fixes::read("f.csv", &text, &mut problems) {
            proptest::prop_assert!(problems.is_empty());
            for fix in fixes {
                proptest::prop_assert!(fix.documented.at.line <= line_count(&text));
            }
        } else {
            proptest::prop_assert!(!problems.is_empty());
            for (line, column, message) in problems.iter_located() {
                proptest::prop_assert!(line <= line_count(&text) && column >= 1, "{message}");
            }
        }
    }

    #[test]
    fn markup_never_panics(text in proptest::collection::vec(markup_char(), 0..80)) {
        let text: String = text.into_iter().collect();
        let lines: Vec<&str> = text.lines().collect();
        let _ = rst_to_markdown::cell_text(&lines, rst_to_markdown::Mode::Markdown);
        let _ = rst_to_markdown::inline(&text, rst_to_markdown::Mode::Plain);
        let _ = rst::tables("t.rst", &text, &mut Problems::default());
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        let _ = import::import_text("p.rst", &text, None, &mut Problems::default());
        let _ = obs_codes_gen::load_bytes(&[("t.csv", text.as_bytes())]);
        let _ = fixes::read("f.csv", &text, &mut Problems::default());
    }
}

#[test]
fn pages_are_told_by_their_extension() {
    use std::path::Path;
    assert!(import::is_page(Path::new("x/obs_29_1601.rst")));
    assert!(import::is_page(Path::new("PAGE.RST")));
    assert!(!import::is_page(Path::new("tables/obs.csv")));
    assert!(!import::is_page(Path::new("obs")));
}
