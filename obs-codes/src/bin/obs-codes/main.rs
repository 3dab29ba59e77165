//! The `obs-codes` command (work in progress, issue 7).

fn main() {}
