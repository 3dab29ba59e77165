//! How long `obs-codes import` takes to read a page: a three-column grid table (the SDK
//! guides' `Error Code | Description | HTTP Status Code`) of 10,000 and 100,000 rows,
//! read into rows (`page::read`) and through the whole import (rows checked as a
//! table, written as CSV and read back). Both must grow linearly with the rows.
//!
//! ```text
//! cargo bench -p obs-codes-cli --bench import
//! ```
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use obs_codes_cli::import::{self, page};
use obs_codes_gen::Problems;
use std::fmt::Write as _;
use std::hint::black_box;

/// A page with one grid table of `rows` codes, each row one line.
fn grid_page(rows: usize) -> String {
    let border = "+--------------+----------------------------------+-----------------+\n";
    let mut text = String::from("Error codes\n===========\n\n");
    text.push_str(border);
    text.push_str("| Error Code   | Description                      | HTTP Status Code|\n");
    text.push_str("+==============+==================================+=================+\n");
    for i in 0..rows {
        let _ = writeln!(
            text,
            "| Code{i:<8} | The description of code {i:<7} | 404 Not Found   |"
        );
        text.push_str(border);
    }
    text
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for rows in [10_000, 100_000] {
        let text = grid_page(rows);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("page::read", rows), &text, |b, text| {
            b.iter(|| {
                black_box(
                    page::read("page.rst", text, &mut Problems::default()).map(|p| p.rows.len()),
                )
            });
        });
        group.bench_with_input(BenchmarkId::new("import", rows), &text, |b, text| {
            b.iter(|| {
                let imported =
                    import::import_text("page.rst", text, None, &mut Problems::default());
                black_box(imported.map(|i| i.csv.len()))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
