//! Fuzzes the page readers of `obs-codes import` with any UTF-8 text as a page: the
//! reader and the whole import of one page return rows or problems, never a panic or a
//! hang, and every row they keep has a code.
//!
//! ```text
//! cd obs-codes-cli
//! cargo +nightly fuzz run pages fuzz/corpus/pages ../tables/upstream -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use obs_codes_cli::import;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = import::page::read("page.rst", text, &mut obs_codes_gen::Problems::default());
    let _ = import::import_text("page.rst", text, None);
});
