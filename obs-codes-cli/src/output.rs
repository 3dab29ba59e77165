//! Writing results: whole files at once, or standard streams.

use crate::diagnostic::Error;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(test)]
pub mod scratch;

/// Writes `bytes` to `path` through a temporary file next to it, renamed over `path`
/// once complete: `path` is either untouched or entirely new, never partial. A symbolic
/// link is written through (its target is replaced, the link kept), and an existing
/// file keeps its permissions.
///
/// # Errors
///
/// `path` has no file name, or the temporary file cannot be created, written or
/// renamed over it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let temporary = temporary_path(&target)
        .ok_or_else(|| Error::Usage(format!("`{}` is not a file name", path.display())))?;
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            if let Ok(existing) = fs::metadata(&target) {
                file.set_permissions(existing.permissions())?;
            }
            file.sync_all()
        });
    if let Err(source) = written {
        let _ = fs::remove_file(&temporary);
        return Err(Error::io(path, "write", source));
    }
    fs::rename(&temporary, &target).map_err(|source| {
        let _ = fs::remove_file(&temporary);
        Error::io(path, "write", source)
    })
}

/// `.NAME.PID.tmp` in the directory of `path`.
fn temporary_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy();
    Some(path.with_file_name(format!(".{name}.{}.tmp", std::process::id())))
}

/// Writes `text` to a stream. A closed pipe (`obs-codes list | head`) is not an error:
/// the reader has what it wanted.
///
/// # Errors
///
/// Writing or flushing fails, other than on a closed pipe.
pub fn write_stream(mut stream: impl Write, text: &[u8]) -> io::Result<()> {
    match stream.write_all(text).and_then(|()| stream.flush()) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A directory of a unit test's own under the temp directory (`obs-codes-NAME-PID`),
/// removed when dropped.
#[cfg(test)]
pub fn temp_scratch(name: &str) -> scratch::Scratch {
    let name = format!("obs-codes-{name}-{}", std::process::id());
    scratch::Scratch::new(&std::env::temp_dir(), &name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_else() {
        let dir = temp_scratch("out");
        let path = dir.join("out.csv");
        let _ = fs::write(&path, "old");
        assert!(write_file(&path, b"new").is_ok());
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("new"));
        let names: Vec<String> = fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(names, ["out.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_link_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_scratch("link");
        let target = dir.join("table.csv");
        let link = dir.join("link.csv");
        let _ = fs::write(&target, "old");
        let _ = fs::set_permissions(&target, fs::Permissions::from_mode(0o640));
        let _ = std::os::unix::fs::symlink("table.csv", &link);
        let written = write_file(&link, b"new");
        let is_link = fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink());
        let contents = fs::read_to_string(&target).ok();
        let mode = fs::metadata(&target)
            .map(|m| m.permissions().mode() & 0o777)
            .ok();
        assert!(written.is_ok(), "{written:?}");
        assert!(is_link);
        assert_eq!(contents.as_deref(), Some("new"));
        assert_eq!(mode, Some(0o640));
    }

    #[test]
    fn a_missing_directory_is_an_io_error() {
        let path = Path::new("/nonexistent-obs-codes-dir/out.csv");
        let message = write_file(path, b"x").err().map(|e| e.to_string());
        assert!(
            message.as_deref().is_some_and(|m| m
                .starts_with("error: /nonexistent-obs-codes-dir/out.csv: cannot write the file:")),
            "{message:?}"
        );
    }
}
