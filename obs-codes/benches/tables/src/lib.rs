//! Tables and peer lookups for the `obs-codes` benchmarks and exactness tests.
//!
//! The build script writes everything from `tables/obs.csv` and a synthetic table of
//! 10,000 codes (generated, never committed): the keys, `obs_errors!` over the synthetic
//! table ([`SyntheticCode`]), `phf::Map`s, and for the bundled table strum `EnumString`
//! enums and a naive `match` (for the synthetic table only with the `slow-peers` feature).

use obs_codes_gen::synthetic;

pub use generated::*;

/// What the build script writes: generated code, so no lints apply to it.
#[allow(missing_docs, clippy::all, clippy::pedantic)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

/// `n` codes shaped like the synthetic table's, none of them in it (another seed).
#[must_use]
pub fn synthetic_misses(n: usize) -> Vec<String> {
    let known: std::collections::HashSet<&str> = SYNTHETIC_KEYS.iter().map(|(k, _)| *k).collect();
    synthetic::codes(n * 2, 0x9E37_79B9_7F4A_7C15)
        .into_iter()
        .filter(|code| !known.contains(code.as_str()))
        .take(n)
        .collect()
}

/// Misses shaped like the bundled codes: each code with one letter changed, cut short,
/// or lengthened, none of them a key.
#[must_use]
pub fn obs_misses() -> Vec<String> {
    let known: std::collections::HashSet<&str> = OBS_KEYS.iter().map(|(k, _)| *k).collect();
    let mut out = Vec::new();
    for (i, (key, _)) in OBS_KEYS.iter().enumerate() {
        let mut changed: Vec<char> = key.chars().collect();
        let at = i % changed.len();
        changed[at] = if changed[at] == 'x' { 'y' } else { 'x' };
        let candidates = [
            changed.into_iter().collect::<String>(),
            key[..key.len() - 1].to_owned(),
            format!("{key}s"),
        ];
        out.extend(
            candidates
                .into_iter()
                .filter(|c| !known.contains(c.as_str())),
        );
    }
    out
}
