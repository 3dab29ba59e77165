//! Response parsing benchmarks (work in progress, issue 6).

fn main() {}
