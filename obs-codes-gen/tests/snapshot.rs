//! The whole formatted expansion of a three-row table, compared with the committed
//! file, so that any change to the generated code shows in review. After a deliberate
//! change, rewrite the file and read its diff:
//!
//! ```text
//! OBS_CODES_BLESS=1 cargo test -p obs-codes-gen --features format --test snapshot
//! ```
#![cfg(feature = "format")]

use std::path::Path;

const TABLE: &str = "code,http_status,description,aliases,retryable,solution\n\
    NoSuchKey,404 Not Found,The specified key does not exist.,NoSuchObject,,Check the key.\n\
    SlowDown,503 Service Unavailable,Reduce your **request** rate.,,,\n\
    KMS.Disabled,N/A,The `KMS` key is disabled.,,false,\n";

#[test]
fn the_expansion_of_three_rows_is_as_committed() {
    let dir = std::env::temp_dir().join(format!("obs-codes-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::write(dir.join("three.csv"), TABLE).expect("the table");
    let generated = obs_codes_gen::Generator::new("ThreeCode")
        .doc("Three codes.")
        .source("three.csv")
        .base_dir(&dir)
        .generate();
    let _ = std::fs::remove_dir_all(&dir);
    let code = generated.expect("the table is valid").code;
    let snapshot =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/three_rows.expanded.rs");
    if std::env::var_os("OBS_CODES_BLESS").is_some() {
        std::fs::write(&snapshot, &code).expect("the snapshot is writable");
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        code == expected,
        "the expansion changed; rerun with OBS_CODES_BLESS=1 and review the diff of {}",
        snapshot.display()
    );
}
