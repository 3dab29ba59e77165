//! Fuzzes the table loader with any bytes, as one source or, split at the first `\0`,
//! as two (so cross-source checks run too). Whatever the input, the outcome is a
//! catalog and located problems, every location inside its source; a panic, a hang or
//! a crash is a finding. Loading only: the expansion, which costs far more a run, has
//! its own target (`expand`).
//!
//! ```text
//! cd obs-codes-gen
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -s none load fuzz/corpus/load ../tests/ui -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let named: Vec<(&str, &[u8])> = match data.iter().position(|&b| b == 0) {
        Some(split) => vec![("a.csv", &data[..split]), ("b.csv", &data[split + 1..])],
        None => vec![("a.csv", data)],
    };
    // Line ends as csv-core counts them: LF, CR or CRLF (counted as two, an upper bound).
    // Counted once a source: counting again for each problem made a run cost the
    // number of problems times the input's length.
    let lines: Vec<(&str, usize)> = named
        .iter()
        .map(|(name, bytes)| {
            let ends = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
            (*name, ends + 1)
        })
        .collect();
    let obs_codes_gen::Loaded { problems, .. } = obs_codes_gen::load_bytes(&named);
    for problem in problems.iter() {
        let Some(location) = &problem.location else {
            continue;
        };
        let (_, lines) = lines
            .iter()
            .find(|(name, _)| *name == location.source)
            .expect("a problem names one of the sources");
        assert!(location.line <= *lines, "{problem} in {lines} lines");
        assert!(location.line == 0 || location.column >= 1, "{problem}");
    }
    assert!(problems.report().len() <= obs_codes_gen::Problems::MAX_REPORTED + 1);
});
