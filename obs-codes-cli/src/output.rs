//! Writing results: whole files at once (the generator's writer), or standard streams.

use crate::diagnostic::Error;
use obs_codes_gen::WriteError;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(test)]
pub mod scratch;

/// Writes `bytes` to `path` with the generator's safe writer
/// ([`obs_codes_gen::write_file`]): atomically, through a symbolic link, keeping the
/// permissions, refusing a target that is not a regular file or that is one of `inputs`.
///
/// # Errors
///
/// The target is refused (a usage error naming why), or writing fails (an I/O error).
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
    obs_codes_gen::write_file(path, bytes, inputs).map_err(|error| match error {
        WriteError::Io { error, .. } => Error::io(path, "write", error),
        refused => Error::Usage(refused.to_string()),
    })
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
    use std::fs;

    #[test]
    fn a_refused_target_is_a_usage_error_naming_why() {
        let dir = temp_scratch("out-input");
        let table = dir.join("table.csv");
        let _ = fs::write(&table, "old");
        let message = write_file(&table, b"new", std::slice::from_ref(&table))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message,
            Some(format!(
                "error: `{0}` is the input `{0}`: refusing to overwrite it",
                table.display()
            ))
        );
        assert_eq!(fs::read_to_string(&table).ok().as_deref(), Some("old"));
    }

    #[test]
    fn a_missing_directory_is_an_io_error() {
        let path = Path::new("/nonexistent-obs-codes-dir/out.csv");
        let message = write_file(path, b"x", &[]).err().map(|e| e.to_string());
        assert!(
            message.as_deref().is_some_and(|m| m
                .starts_with("error: /nonexistent-obs-codes-dir/out.csv: cannot write the file:")),
            "{message:?}"
        );
    }
}
