//! A scratch directory for a test that leaves nothing behind. The unit tests use it
//! under the system's temp directory; the integration tests include this file
//! (`#[path]`) and use it under cargo's (`CARGO_TARGET_TMPDIR`).

use std::fs;
use std::path::{Path, PathBuf};

/// A fresh, empty directory for one test, removed with everything in it when dropped,
/// whether the test passed or not.
pub struct Scratch(PathBuf);

impl Scratch {
    /// The directory `base/name`, emptied first if an earlier run left it. Name it after
    /// the test and, under a shared temp directory, the process.
    ///
    /// # Panics
    ///
    /// When the directory cannot be created.
    pub fn new(base: &Path, name: &str) -> Self {
        let dir = base.join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
