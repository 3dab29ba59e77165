//! What a client of `obs-codes` with its default features builds and sees
//! (`tests/fixtures/client`, a workspace of its own so that no other fixture's `macros`
//! feature unifies into it): a dependency tree without a proc-macro, and, calling
//! `obs_codes::obs_errors!` without the `macros` feature, one error that names it.

use obs_codes_tests::{cargo, fixtures_dir, run_ok};
use std::path::PathBuf;

/// The crates a client must not build: the macro and everything only it needs.
const MACRO_CRATES: [&str; 5] = [
    "obs-codes-macro",
    "obs-codes-gen",
    "syn",
    "quote",
    "proc-macro2",
];

/// Far above the expected message's size: a bigger file is not the expected message.
const MAX_EXPECTED_BYTES: u64 = 64 << 10;

fn client_dir() -> PathBuf {
    fixtures_dir().join("client")
}

/// `cargo tree` of the client fixture (normal and build dependencies, one package a
/// line, `(proc-macro)` after a proc-macro crate), with `extra` arguments.
fn dependency_tree(extra: &[&str]) -> Vec<String> {
    let output = run_ok(
        cargo(&client_dir())
            .args([
                "tree",
                "--quiet",
                "-p",
                "fixture-client",
                "-e",
                "normal,build",
            ])
            .args(["--prefix", "none"])
            .args(extra),
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The macro crates (or any proc-macro) on the lines of a tree.
fn macro_lines(tree: &[String]) -> Vec<&String> {
    tree.iter()
        .filter(|line| {
            let name = line.split(' ').next().unwrap_or_default();
            MACRO_CRATES.contains(&name) || line.contains("(proc-macro)")
        })
        .collect()
}

#[test]
fn a_client_with_default_features_builds_no_proc_macro() {
    let tree = dependency_tree(&[]);
    let names: Vec<&str> = tree
        .iter()
        .filter_map(|line| line.split(' ').next())
        .collect();
    assert!(names.contains(&"obs-codes"), "{tree:#?}");
    assert!(names.contains(&"quick-xml"), "{tree:#?}");
    assert_eq!(macro_lines(&tree), Vec::<&String>::new(), "{tree:#?}");

    // The same check sees the macro when the feature is on.
    let with_macros = dependency_tree(&["--features", "obs-codes/macros"]);
    let seen = macro_lines(&with_macros);
    assert!(
        seen.iter()
            .any(|line| line.starts_with("obs-codes-macro ") && line.contains("(proc-macro)")),
        "{with_macros:#?}"
    );

    // And the client builds, under `deny(warnings)`.
    run_ok(cargo(&client_dir()).args(["build", "--quiet", "-p", "fixture-client"]));
}

#[test]
fn calling_the_macro_without_the_feature_is_one_error_naming_it() {
    let output = cargo(&client_dir())
        .args(["build", "--quiet", "-p", "fixture-no-macros"])
        .output()
        .expect("cargo runs");
    assert!(
        !output.status.success(),
        "the call without `macros` compiled"
    );
    let expected_path = client_dir().join("no-macros/expected.stderr");
    let metadata = std::fs::symlink_metadata(&expected_path).expect("the expected message");
    assert!(metadata.is_file() && metadata.len() <= MAX_EXPECTED_BYTES);
    let expected = std::fs::read_to_string(&expected_path).expect("the expected message");
    assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
}
