//! Fuzzes the code generator: any bytes up to 2 KiB loaded as one table, and the
//! expansion of what was accepted, which never panics and is never empty. The cap keeps
//! a run cheap; the loader alone takes any size in the `load` target.
//!
//! ```text
//! cd obs-codes-gen
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -s none expand fuzz/corpus/expand ../tests/tables -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use obs_codes_gen::EnumSpec;

/// Inputs past this are skipped: an expansion costs about its table's size squared.
const MAX_INPUT_BYTES: usize = 2048;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT_BYTES {
        return;
    }
    let loaded = obs_codes_gen::load_bytes(&[("a.csv", data)]);
    let tokens = obs_codes_gen::expand(&EnumSpec::new("Fuzzed"), &loaded);
    assert!(!tokens.is_empty());
});
