//! Shared pieces of the end-to-end suites in `tests/tests/`: where the workspace is, and
//! how to build the fixture crates with the same toolchain that runs the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (the parent of this crate).
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The fixture crates' own workspace, `tests/fixtures`.
#[must_use]
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests").join("fixtures")
}

/// The target directory cargo builds these tests in (`CARGO_TARGET_DIR`,
/// `build.target-dir` or `<workspace>/target`): a test binary runs from
/// `<target>/<profile>/deps/`.
#[must_use]
pub fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// One target directory for every fixture build, inside the one cargo uses, so that the
/// macro and its dependencies are compiled once and reused by every suite (and by the
/// next run).
#[must_use]
pub fn fixtures_target_dir() -> PathBuf {
    target_dir().join("fixtures")
}

/// `cargo` (the one running these tests) in `dir`, building into the shared fixture
/// target directory.
#[must_use]
pub fn cargo(dir: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", fixtures_target_dir())
        .env("CARGO_TERM_COLOR", "never")
        // Flags meant for the outer build must not leak into the fixtures'.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    command
}

/// Runs a command and returns its output, failing with everything it printed if it fails.
///
/// # Panics
/// When the command cannot start or exits unsuccessfully (this is a test helper).
pub fn run_ok(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
