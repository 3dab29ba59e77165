//! Fuzzes the page readers of `obs-codes import`, every format it reads: the first input
//! byte picks the page's name, and so its reader (`.html`; `.md` pipe tables; `.rst`
//! grid tables, `list-table` directives and simple tables, or HTML when the text starts
//! with a tag), and the rest, as UTF-8, is the page. The reader and the whole import of
//! the page return rows or problems, never a panic or a hang, and an imported table
//! loads again without a problem.
//!
//! ```text
//! cd obs-codes-cli
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -s none pages fuzz/corpus/pages -- -max_total_time=60
//! ```
//!
//! `scripts/fuzz.sh pages` seeds it from the repository's pages of every format, each
//! behind the byte that names its format.

#![no_main]

use libfuzzer_sys::fuzz_target;
use obs_codes_cli::import;

/// The page's name by its first byte, modulo their number: `0` HTML, `1` markdown, `2`
/// reStructuredText.
const NAMES: [&str; 3] = ["page.html", "page.md", "page.rst"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, page)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(page) else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    let mut problems = obs_codes_gen::Problems::default();
    // A page's rows may still lack a code (an HTML cell lost to a broken tag): the
    // import's check of the merged table reports it, which the import below asserts.
    if import::page::read(name, text, &mut problems).is_some() {
        assert!(problems.is_empty(), "rows with problems: {problems:?}");
    } else {
        assert!(!problems.is_empty(), "no rows and no problem");
    }
    let mut import_problems = obs_codes_gen::Problems::default();
    if let Some(imported) = import::import_text(name, text, None, &mut import_problems) {
        let loaded = obs_codes_gen::load_bytes(&[("imported.csv", imported.csv.as_bytes())]);
        assert!(
            loaded.problems.is_empty(),
            "{:?} imported as {:?}: {:?}",
            text,
            imported.csv,
            loaded.problems
        );
    }
});
