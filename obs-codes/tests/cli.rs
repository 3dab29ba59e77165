//! The `obs-codes` command through its binary (work in progress, issue 7).
