//! Compile-fail cases: every bad table or call is one precise compile error per problem.
//! The `.stderr` files are the spec of the messages (`TRYBUILD=overwrite` writes them).
//!
//! Each case names its table as `tables/NAME.csv`, relative to the crate trybuild
//! builds the cases in (`<target dir>/tests/trybuild/obs-codes-tests`), where `tables`
//! is a link to `tests/ui`: so the cases and their messages are the same wherever the
//! target directory is.

use std::path::Path;

#[test]
fn ui() {
    // `CARGO_TARGET_TMPDIR` is `<target dir>/tmp`, the target directory trybuild uses.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory");
    let project = target.join("tests/trybuild/obs-codes-tests");
    std::fs::create_dir_all(&project).expect("trybuild's project directory");
    let tables = project.join("tables");
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    if std::fs::read_link(&tables).ok().as_deref() != Some(cases.as_path()) {
        let _ = std::fs::remove_file(&tables);
        std::os::unix::fs::symlink(&cases, &tables).expect("link to the cases' tables");
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
