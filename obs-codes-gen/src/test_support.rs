//! Helpers shared by the unit tests of several stages.

use std::path::{Path, PathBuf};

/// A directory of this test's own, removed when dropped so that tests leave nothing in
/// the temp folder.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh directory holding `t.csv` with `bytes`, unique to this test process and `name`.
pub fn scratch(name: &str, bytes: &[u8]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("obs-codes-gen-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.csv"), bytes).unwrap();
    Scratch(dir)
}

/// `n` synthetic codes, as the benchmarks make them.
pub fn synthetic_codes(n: usize) -> Vec<String> {
    crate::synthetic::codes(n, crate::synthetic::SEED)
}
