//! How long the macro itself takes: reading, checking and expanding a table, for the
//! bundled table (107 rows) and a synthetic one of 10,000 rows, plus the fail-fast path
//! on 10 MB of garbage.
//!
//! ```text
//! cargo bench -p obs-codes-macro --bench expand
//! ```
//!
//! A proc-macro crate exports only its macros, so this bench compiles the pipeline's
//! modules itself (they work on `proc_macro2` values and need no compiler session).
#![allow(missing_docs, dead_code, unused_imports)]

#[path = "../src/diag.rs"]
mod diag;
#[path = "../src/docs.rs"]
mod docs;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/input.rs"]
mod input;
#[path = "../src/lookup.rs"]
mod lookup;
#[path = "../src/source.rs"]
mod source;
#[path = "../src/table.rs"]
mod table;
#[path = "../src/valid.rs"]
mod valid;
// `cargo bench` compiles with `cfg(test)`, so the modules' unit tests come along.
#[cfg(test)]
#[path = "../src/test_support.rs"]
mod test_support;

use criterion::{Criterion, criterion_group, criterion_main};
use quote::quote;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// A directory with the synthetic table and the garbage file, written once.
fn inputs() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("obs-codes-expand-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut table = String::from("code,http_status,description\n");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut seen = std::collections::HashSet::new();
    const WORDS: [&str; 16] = [
        "Access", "Bucket", "Invalid", "Object", "Key", "Policy", "Request", "Denied", "Missing",
        "Quota", "Exceeded", "Region", "Version", "Upload", "Lock", "State",
    ];
    while seen.len() < 10_000 {
        let mut code = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let target = 8 + (state % 33) as usize;
        while code.len() < target {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            code.push_str(WORDS[(state % 16) as usize]);
        }
        code.truncate(target);
        if seen.insert(code.clone()) {
            table.push_str(&format!("{code},400 Bad Request,About {code}.\n"));
        }
    }
    std::fs::write(dir.join("synthetic.csv"), table).unwrap();
    let garbage: Vec<u8> = (0..10u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(dir.join("garbage.bin"), garbage).unwrap();
    dir
}

fn expansion(c: &mut Criterion) {
    let dir = inputs();
    let mut group = c.benchmark_group("expand");
    group.sample_size(10);
    group.bench_function("bundled table (107 rows)", |b| {
        b.iter(|| black_box(expand::generate(quote!(), Path::new("/"))));
    });
    group.bench_function("synthetic table (10,000 rows)", |b| {
        b.iter(|| black_box(expand::generate(quote!("synthetic.csv"), &dir)));
    });
    let table = std::fs::read_to_string(dir.join("synthetic.csv")).unwrap();
    let codes: Vec<&[u8]> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::as_bytes)
        .collect();
    group.bench_function("perfect hash alone (10,000 keys)", |b| {
        b.iter(|| black_box(lookup::Lookup::build(&codes)));
    });
    group.bench_function("10 MB of garbage (one error)", |b| {
        b.iter(|| black_box(expand::generate(quote!("garbage.bin"), &dir)));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, expansion);
criterion_main!(benches);
