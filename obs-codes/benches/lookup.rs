//! Lookup benchmarks (work in progress, issue 5).

fn main() {}
