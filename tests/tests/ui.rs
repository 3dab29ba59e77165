//! Compile-fail cases: every bad table or call is one precise compile error per problem.
//! The `.stderr` files are the spec of the messages (`TRYBUILD=overwrite` writes them).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
