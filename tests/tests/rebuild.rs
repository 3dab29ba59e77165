//! Editing a table rebuilds the crate that uses it: cargo sees the CSV as an input of
//! the compilation, through a path relative to the crate (no machine path is written
//! into the expansion; `obs-codes-macro`'s unit test
//! `the_expansion_does_not_depend_on_the_checkout_location` checks the tokens).

use obs_codes_tests::{cargo, fixtures_dir, fixtures_target_dir, run_ok, workspace_root};
use std::fs;
use std::path::Path;

const TABLE: &str = "code,http_status,description\nFirstCode,400,The first row.\n";

const MAIN: &str = r#"
obs_codes_macro::obs_errors!("tables/codes.csv");

fn main() {
    for code in ObsErrorCode::ALL {
        println!("{code}");
    }
}
"#;

/// A fresh copy of a one-table crate in the target directory, depending on the macro by
/// absolute path, with the fixtures' lock file so nothing new is resolved.
fn write_crate(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("tables")).unwrap();
    let macro_path = workspace_root().join("obs-codes-macro");
    let manifest = format!(
        "[package]\nname = \"fixture-rebuild\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nobs-codes-macro = {{ path = {:?} }}\n\n[workspace]\n",
        macro_path.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    fs::copy(fixtures_dir().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    fs::write(dir.join("src/main.rs"), MAIN).unwrap();
    fs::write(dir.join("tables/codes.csv"), TABLE).unwrap();
}

fn build_and_run(dir: &Path) -> String {
    run_ok(cargo(dir).args(["build", "--quiet"]));
    let binary = fixtures_target_dir()
        .join("debug")
        .join(format!("fixture-rebuild{}", std::env::consts::EXE_SUFFIX));
    let output = run_ok(&mut std::process::Command::new(binary));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn editing_the_table_rebuilds_the_crate() {
    let dir = obs_codes_tests::target_dir().join("rebuild-fixture");
    write_crate(&dir);
    assert_eq!(build_and_run(&dir), "FirstCode\n");

    // Only the table changes: no source file is touched.
    let mut table = TABLE.to_owned();
    table.push_str("AddedLater,503,A row added after the first build.\n");
    fs::write(dir.join("tables/codes.csv"), table).unwrap();
    assert_eq!(build_and_run(&dir), "FirstCode\nAddedLater\n");
}
