//! Response parsing benchmarks: every sample body of `tests/fixtures/responses/`, read
//! as a client would (status, headers, body), plus a JSON body, a HEAD response and the
//! `200 OK` check.
//!
//! ```text
//! cargo bench -p obs-codes --bench parse
//! ```

// criterion_group! writes an undocumented `pub fn`.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use obs_codes::response::{DeleteErrors, is_error_body};
use obs_codes::{ObsError, ObsErrorCode};
use std::hint::black_box;

/// The samples, embedded so the benchmark needs no files at run time.
const SAMPLES: [(&str, &[u8]); 7] = [
    (
        "nosuchkey-api-ref.xml",
        include_bytes!("../tests/fixtures/responses/nosuchkey-api-ref.xml"),
    ),
    (
        "nosuchkey-opendal-fixture.xml",
        include_bytes!("../tests/fixtures/responses/nosuchkey-opendal-fixture.xml"),
    ),
    (
        "nosuchbucket-elided.xml",
        include_bytes!("../tests/fixtures/responses/nosuchbucket-elided.xml"),
    ),
    (
        "nosuchkey-cdata-entities.xml",
        include_bytes!("../tests/fixtures/responses/nosuchkey-cdata-entities.xml"),
    ),
    (
        "preconditionfailed-obs-headers.http",
        include_bytes!("../tests/fixtures/responses/preconditionfailed-obs-headers.http"),
    ),
    (
        "nosuchkey-amz-headers.http",
        include_bytes!("../tests/fixtures/responses/nosuchkey-amz-headers.http"),
    ),
    (
        "deleteresult-per-key-error.http",
        include_bytes!("../tests/fixtures/responses/deleteresult-per-key-error.http"),
    ),
];

/// Status, headers and body of a sample (`.xml` files are a body alone, status 404).
fn split(
    name: &str,
    bytes: &'static [u8],
) -> (u16, Vec<(&'static str, &'static str)>, &'static [u8]) {
    if std::path::Path::new(name)
        .extension()
        .is_none_or(|e| e != "http")
    {
        return (404, Vec::new(), bytes);
    }
    let text = std::str::from_utf8(bytes).expect("samples are UTF-8");
    let (head, body) = text
        .split_once("\n\n")
        .expect("headers end with an empty line");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(200);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
        .collect();
    (status, headers, body.as_bytes())
}

fn samples(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, bytes) in SAMPLES {
        let (status, headers, body) = split(name, bytes);
        if name.starts_with("deleteresult") {
            group.bench_function(format!("{name} ({} B body)", body.len()), |b| {
                b.iter(|| DeleteErrors::<ObsErrorCode>::from_body(black_box(body)));
            });
        } else {
            group.bench_function(format!("{name} ({} B body)", body.len()), |b| {
                b.iter(|| {
                    ObsError::<ObsErrorCode>::from_parts(
                        black_box(status),
                        black_box(&headers).iter().copied(),
                        black_box(body),
                    )
                });
            });
        }
    }
    group.finish();
}

fn other_shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    let json: &[u8] = br#"{"code":"SlowDown","message":"Reduce your request frequency.","request_id":"0000018A8C7D3E2F5A6B7C8D9E0F1A2B"}"#;
    group.bench_function(format!("json ({} B body)", json.len()), |b| {
        b.iter(|| ObsError::<ObsErrorCode>::from_body(black_box(503), black_box(json)));
    });
    let head = [
        ("Server", "OBS"),
        ("x-obs-request-id", "8DF400000163D3F2A89604C49ABEE55E"),
        (
            "x-obs-id-2",
            "32AAAQAAEAABAAAQAAEAABAAAQAAEAABCSQwxJ2I1VvxD/Xgwuw2G2RQax30gdXU",
        ),
        ("x-obs-error-code", "NoSuchKey"),
        ("x-obs-error-message", "The specified key does not exist."),
        ("Date", "WED, 01 Jul 2015 04:20:51 GMT"),
    ];
    group.bench_function("head (6 headers, no body)", |b| {
        b.iter(|| ObsError::<ObsErrorCode>::from_parts(black_box(404), black_box(head), b""));
    });
    let copy_ok: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CopyObjectResult xmlns="http://obs.region.example.com/doc/2015-06-30/"><LastModified>2015-07-01T04:11:15.000Z</LastModified><ETag>"3b46eaf02d3b6b1206078bb86a7b7013"</ETag></CopyObjectResult>"#;
    group.bench_function("is_error_body (200 OK copy result)", |b| {
        b.iter(|| is_error_body(black_box(copy_ok)));
    });
    group.finish();
}

criterion_group!(benches, samples, other_shapes);
criterion_main!(benches);
