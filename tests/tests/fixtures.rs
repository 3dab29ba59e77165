//! The expansion compiles without a warning in every edition, with and without std,
//! under `deny(warnings, missing_docs, unused_qualifications)`, `forbid(unsafe_code)` and
//! clippy's `all` and `pedantic` groups; next to user items named like the paths it uses;
//! two enums in one module; one extending `obs` with an override and new rows. The
//! fixture binaries then check behaviour at run time.

use obs_codes_tests::{cargo, fixtures_dir, fixtures_target_dir, run_ok};

const EDITIONS: [&str; 4] = ["2015", "2018", "2021", "2024"];

#[test]
fn fixture_crates_pass_clippy_pedantic_and_run() {
    let dir = fixtures_dir();
    run_ok(cargo(&dir).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]));
    run_ok(cargo(&dir).args(["build", "--workspace", "--bins", "--quiet"]));
    for edition in EDITIONS {
        let binary = fixtures_target_dir().join("debug").join(format!(
            "fixture-edition-{edition}{}",
            std::env::consts::EXE_SUFFIX
        ));
        let output = run_ok(&mut std::process::Command::new(&binary));
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            format!("fixture-edition-{edition}: ok\n")
        );
    }
}
