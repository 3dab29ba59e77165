//! `from_code` against what a user would pick instead, on the bundled table (132 codes +
//! 6 aliases) and on a synthetic 10,000-code table: hits, misses of the same shape, and
//! an 80/20 mix, in batches of 8192 lookups (divide the time by 8192 for one lookup).
//!
//! ```text
//! cargo bench -p obs-codes --bench lookup
//! cargo bench -p obs-codes --bench lookup --features obs-codes-bench-tables/slow-peers   # + match and strum at 10,000 (minutes of LLVM)
//! ```

// criterion_group! writes an undocumented `pub fn`.
#![allow(missing_docs)]

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use obs_codes::ObsErrorCode;
use obs_codes_bench_tables as tables;
use std::collections::HashMap;
use std::hint::black_box;

/// Lookups per measured iteration.
const BATCH: usize = 8192;

/// `BATCH` inputs: `hit_percent` of them drawn from `hits`, the rest from `misses`, in a
/// fixed pseudo-random order (the same on every run).
fn batch<'a>(hits: &[&'a str], misses: &[&'a str], hit_percent: u64) -> Vec<&'a str> {
    let mut state: u64 = 0x853C_49E6_748F_EA9B;
    (0..BATCH)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let pick = usize::try_from(state >> 33).unwrap_or(0);
            if state % 100 < hit_percent {
                hits[pick % hits.len()]
            } else {
                misses[pick % misses.len()]
            }
        })
        .collect()
}

/// Copies of `picks`, side by side in `buffer` (their concatenation), in lookup order.
///
/// Inputs are read the way a client hands codes over: fresh strings, one after the
/// other in memory (the body it just parsed). Never the table's own key strings: a map
/// holding those very pointers would compare against memory the input read has just
/// brought into cache, and at 10,000 codes random reads across the key strings would
/// time the input's cache misses rather than the lookup.
fn copies<'a>(buffer: &'a str, picks: &[&str]) -> Vec<&'a str> {
    let mut at = 0;
    picks
        .iter()
        .map(|pick| {
            let copy = &buffer[at..at + pick.len()];
            at += pick.len();
            copy
        })
        .collect()
}

/// The peers that every table has, built from its key list.
struct Peers {
    std_map: HashMap<&'static str, u16>,
    fold_map: HashMap<&'static str, u16, foldhash::fast::RandomState>,
    sorted: Vec<(&'static str, u16)>,
}

impl Peers {
    fn new(keys: &'static [(&'static str, u16)]) -> Self {
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        Peers {
            std_map: keys.iter().copied().collect(),
            fold_map: keys.iter().copied().collect(),
            sorted,
        }
    }

    fn binary_search(&self, code: &str) -> Option<u16> {
        self.sorted
            .binary_search_by(|(key, _)| (*key).cmp(code))
            .ok()
            .map(|i| self.sorted[i].1)
    }
}

/// Measures `lookup` over each input of `inputs`.
macro_rules! method {
    ($group:expr, $name:expr, $mix:expr, $inputs:expr, $lookup:expr) => {
        $group.bench_with_input(BenchmarkId::new($name, $mix), $inputs, |b, inputs| {
            b.iter(|| {
                for code in inputs {
                    black_box($lookup(black_box(*code)));
                }
            });
        });
    };
}

const MIXES: [(&str, u64); 3] = [("hits", 100), ("misses", 0), ("mix80", 80)];

/// One table's group: `from_code`, the peers every table has, and `extra` peers.
fn table<T>(
    c: &mut Criterion,
    name: &str,
    keys: &'static [(&'static str, u16)],
    misses: &[String],
    from_code: impl Fn(&str) -> Option<T>,
    extra: impl Fn(&mut BenchmarkGroup<'_, WallTime>, &str, &Vec<&str>),
) {
    let hits: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
    let peers = Peers::new(keys);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(BATCH as u64));
    for (mix, hit_percent) in MIXES {
        let picks = batch(&hits, &misses, hit_percent);
        let buffer = picks.concat();
        let inputs = &copies(&buffer, &picks);
        method!(group, "obs-codes from_code", mix, inputs, &from_code);
        // What the loop itself costs (reading the input, `black_box` in and out): part
        // of every method's time, and the floor under any speed-up.
        method!(group, "loop alone", mix, inputs, |s: &str| Some(s.len()));
        extra(&mut group, mix, inputs);
        method!(group, "HashMap std", mix, inputs, |s: &str| peers
            .std_map
            .get(s)
            .copied());
        method!(group, "HashMap foldhash", mix, inputs, |s: &str| peers
            .fold_map
            .get(s)
            .copied());
        method!(group, "binary search", mix, inputs, |s: &str| peers
            .binary_search(s));
    }
    group.finish();
}

fn bundled(c: &mut Criterion) {
    // The peers that need the table at compile time are called directly here.
    table(
        c,
        "lookup-bundled",
        tables::OBS_KEYS,
        &tables::obs_misses(),
        ObsErrorCode::from_code,
        |group, mix, inputs| {
            method!(group, "match", mix, inputs, tables::obs_match);
            method!(group, "strum", mix, inputs, |s: &str| s
                .parse::<tables::StrumObs>()
                .ok());
            method!(group, "strum use_phf", mix, inputs, |s: &str| s
                .parse::<tables::StrumObsPhf>()
                .ok());
            method!(group, "phf::Map", mix, inputs, |s: &str| tables::OBS_PHF
                .get(s)
                .copied());
        },
    );
}

fn synthetic(c: &mut Criterion) {
    let misses = tables::synthetic_misses(tables::SYNTHETIC_KEYS.len());
    table(
        c,
        "lookup-10000",
        tables::SYNTHETIC_KEYS,
        &misses,
        tables::SyntheticCode::from_code,
        |group, mix, inputs| {
            method!(group, "phf::Map", mix, inputs, |s: &str| {
                tables::SYNTHETIC_PHF.get(s).copied()
            });
            // Through a function pointer: at this scale they cost far more than a call.
            for (name, lookup) in tables::SYNTHETIC_SLOW_PEERS {
                method!(group, *name, mix, inputs, lookup);
            }
        },
    );
}

criterion_group!(benches, bundled, synthetic);
criterion_main!(benches);
