//! End-to-end suites of obs-codes; the tests live in `tests/tests/`.
