//! A build script that generates its enum with `obs_codes_gen::Generator`, as the README
//! shows, reports a bad table the way the compiler does: each problem as
//! `path:line:col: message` and its help, through `cargo::error=` lines, and the build
//! fails without a panic or a backtrace.

use obs_codes_tests::{cargo, fixtures_dir, workspace_root};
use std::fs;
use std::path::Path;

const TABLE: &str = "code,http_status,description\nGood,400,Fine.\nBad,4x,Not a status.\n";

const BUILD: &str = r#"
fn main() {
    let generated = obs_codes_gen::Generator::new("GatewayCode")
        .source("tables/bad.csv")
        .write_to_out_dir("gateway_code.rs");
    match generated {
        Ok(generated) => {
            for path in generated.inputs {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
        Err(error) => {
            error.emit_cargo_errors();
            std::process::exit(1);
        }
    }
}
"#;

/// A fresh copy of a crate with a bad table in the target directory, its build script
/// depending on the generator by absolute path, with the fixtures' lock file.
fn write_crate(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("tables")).unwrap();
    let gen_path = workspace_root().join("obs-codes-gen");
    let manifest = format!(
        "[package]\nname = \"fixture-bad-table\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [build-dependencies]\nobs-codes-gen = {{ path = {:?}, features = [\"format\"] }}\n\n[workspace]\n",
        gen_path.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    fs::copy(fixtures_dir().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    fs::write(dir.join("build.rs"), BUILD).unwrap();
    fs::write(
        dir.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/gateway_code.rs\"));\n",
    )
    .unwrap();
    fs::write(dir.join("tables/bad.csv"), TABLE).unwrap();
}

#[test]
fn a_bad_table_fails_the_build_with_the_compilers_messages_and_no_panic() {
    let dir = obs_codes_tests::target_dir().join("bad-table-fixture");
    write_crate(&dir);
    let output = cargo(&dir)
        .args(["build", "--quiet"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build succeeded:\n{stderr}");
    assert!(
        stderr.contains(
            "error: fixture-bad-table@0.0.0: tables/bad.csv:3:5: `4x` is not an HTTP status\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("error: fixture-bad-table@0.0.0:   help: write a three-digit status (`404`)"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Cargo's own note on build scripts names backtraces; a panic would print one.
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
}
