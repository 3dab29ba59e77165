//! Every Rust block of the README is compiled by a test. The plain `rust` blocks are
//! doctests of `obs-codes` (its hidden `ReadmeDoctests` item includes the README); the
//! generated-file example, `build.rs` and `src/lib.rs`, cannot run there, so this test
//! takes the two files and the `Cargo.toml` lines exactly as the README writes them into
//! a scratch crate in the target directory and builds it under
//! `#![deny(warnings, missing_docs)]`.

use obs_codes_tests::{cargo, fixtures_dir, run_ok, target_dir, workspace_root};
use std::fs;
use std::path::Path;

/// A fenced block of the README: its info string (`rust,ignore`) and its lines.
struct Block {
    info: String,
    text: String,
}

impl Block {
    fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    text: String::new(),
                });
            }
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "the README ends inside a code block");
    blocks
}

/// The one block whose first line is `first_line`.
fn block<'a>(blocks: &'a [Block], info: &str, first_line: &str) -> &'a str {
    let found: Vec<&Block> = blocks
        .iter()
        .filter(|block| block.info == info && block.first_line() == first_line)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "the README should have one ```{info} block starting with `{first_line}`"
    );
    &found[0].text
}

/// The README's `Cargo.toml` lines with each `name = { version = "0.1", ... }` of this
/// workspace's crates pointing at the checkout instead (the one change made).
fn manifest(readme_toml: &str) -> String {
    let mut replaced = 0;
    let lines: Vec<String> = readme_toml
        .lines()
        .map(|line| {
            let Some((name, rest)) = line.split_once(" = { version = \"0.1\"") else {
                return line.to_owned();
            };
            replaced += 1;
            let path = workspace_root().join(name);
            format!("{name} = {{ path = {:?}{rest}", path.display().to_string())
        })
        .collect();
    assert_eq!(
        replaced, 2,
        "the README's Cargo.toml names obs-codes and obs-codes-gen"
    );
    format!(
        "[package]\nname = \"readme-generated-file\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{}\n\n[workspace]\n",
        lines.join("\n")
    )
}

fn write_crate(dir: &Path, blocks: &[Block]) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("tables")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        manifest(block(blocks, "toml", "# Cargo.toml")),
    )
    .unwrap();
    fs::copy(fixtures_dir().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    fs::write(
        dir.join("build.rs"),
        block(blocks, "rust,ignore", "// build.rs"),
    )
    .unwrap();
    let lib = block(blocks, "rust,ignore", "// src/lib.rs");
    fs::write(
        dir.join("src/lib.rs"),
        format!(
            "//! The README's generated-file example.\n#![deny(warnings, missing_docs)]\n{lib}"
        ),
    )
    .unwrap();
    // The table the README's build script names: the repository's gateway example.
    fs::copy(
        workspace_root().join("obs-codes/examples/gateway.csv"),
        dir.join("tables/gateway.csv"),
    )
    .unwrap();
}

#[test]
fn every_rust_block_is_a_doctest_or_the_generated_file_example() {
    let readme = fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let blocks = blocks(&readme);
    let mut doctests = 0;
    for block in blocks.iter().filter(|block| block.info.starts_with("rust")) {
        match block.info.as_str() {
            "rust" => doctests += 1,
            "rust,ignore" => assert!(
                ["// build.rs", "// src/lib.rs"].contains(&block.first_line()),
                "a Rust block no test compiles:\n{}",
                block.text
            ),
            other => panic!("```{other}: a README block is a doctest (`rust`) or built here"),
        }
    }
    assert!(doctests > 0, "the README has no runtime example");
    let include = fs::read_to_string(workspace_root().join("obs-codes/src/lib.rs")).unwrap();
    assert!(
        include.contains("#[cfg(all(doctest, feature = \"std\", feature = \"macros\"))]\n#[doc = include_str!(\"../../README.md\")]"),
        "obs-codes no longer runs the README's doctests"
    );
}

#[test]
fn the_generated_file_example_builds_as_written_without_a_warning() {
    let readme = fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let dir = target_dir().join("readme-generated-file");
    write_crate(&dir, &blocks(&readme));
    let output = run_ok(cargo(&dir).args(["build", "--quiet"]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
}
