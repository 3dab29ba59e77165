//! How long the generator takes: reading, checking and expanding a table, for the
//! bundled table (132 rows) and the synthetic one of 10,000 rows (the lookup
//! benchmark's), plus the fail-fast path on 10 MB of garbage.
//!
//! ```text
//! cargo bench -p obs-codes-gen --bench expand
//! ```
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use obs_codes_gen::{EnumSpec, Source, synthetic};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// A directory with the synthetic table and the garbage file, written once.
fn inputs() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("obs-codes-expand-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let codes = synthetic::codes(10_000, synthetic::SEED);
    std::fs::write(dir.join("synthetic.csv"), synthetic::table(&codes)).unwrap();
    let garbage: Vec<u8> = (0..10u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(dir.join("garbage.bin"), garbage).unwrap();
    dir
}

fn expansion(c: &mut Criterion) {
    let dir = inputs();
    let spec = EnumSpec::new("ObsErrorCode");
    let generate = |source: &str, base: &Path| {
        obs_codes_gen::generate(&spec, &[Source::from_arg(source)], base)
    };
    let mut group = c.benchmark_group("expand");
    group.sample_size(10);
    group.bench_function("bundled table (132 rows)", |b| {
        b.iter(|| black_box(generate("obs", Path::new("/"))));
    });
    group.bench_function("synthetic table (10,000 rows)", |b| {
        b.iter(|| black_box(generate("synthetic.csv", &dir)));
    });
    let codes = synthetic::codes(10_000, synthetic::SEED);
    let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
    group.bench_function("perfect hash alone (10,000 keys)", |b| {
        b.iter(|| black_box(synthetic::perfect_hash(&keys)));
    });
    group.bench_function("10 MB of garbage (one error)", |b| {
        b.iter(|| black_box(generate("garbage.bin", &dir)));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, expansion);
criterion_main!(benches);
