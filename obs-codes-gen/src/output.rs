//! The one safe file writer: what `Generator::write` and the `obs-codes` command use to
//! replace an output file.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many links [`write_file`] follows before giving up (as the kernel's `ELOOP`).
const MAX_LINKS: usize = 40;

/// Why [`write_file`] wrote nothing.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// The target exists and is not a regular file.
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is: `a directory`, `a FIFO`, `a socket`, `a character device`, ...
        kind: &'static str,
    },
    /// The target is one of the inputs (the same file, through links or not).
    Input {
        /// The path given.
        path: PathBuf,
        /// The input it is.
        input: PathBuf,
    },
    /// The path names no file (`..`, `/`) or its links do not end.
    NotAFileName {
        /// The path given.
        path: PathBuf,
    },
    /// Reading the target's metadata, or writing, syncing or renaming the new file failed.
    Io {
        /// The path given.
        path: PathBuf,
        /// The cause.
        error: io::Error,
    },
}

/// `path`, escaped for a one-line message.
fn shown(path: &Path) -> String {
    path.display().to_string().escape_debug().to_string()
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::NotAFile { path, kind } => write!(
                f,
                "`{}` is {kind}, not a regular file: refusing to replace it",
                shown(path)
            ),
            WriteError::Input { path, input } => write!(
                f,
                "`{}` is the input `{}`: refusing to overwrite it",
                shown(path),
                shown(input)
            ),
            WriteError::NotAFileName { path } => {
                write!(f, "`{}` does not name a file", shown(path))
            }
            WriteError::Io { path, error } => {
                write!(f, "cannot write `{}`: {error}", shown(path))
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Replaces the file at `path` with `bytes`, atomically: a temporary file in the same
/// directory is written, synced and renamed over the target, so readers see the old
/// file or the new one, never a part.
///
/// - A symbolic link is written through: its final target is replaced, the link kept.
/// - An existing target keeps its permissions.
/// - The old content is never read, so a target that is not a regular file cannot
///   hang or exhaust the writer: a directory, FIFO, socket or device is refused.
/// - A target that is one of `inputs` (by file identity: device and inode, through
///   symbolic and hard links) is refused.
///
/// On refusal nothing is written; on any error no temporary file is left.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("obs-codes-gen-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let table = dir.join("table.csv");
/// std::fs::write(&table, "code,http_status,description\n").unwrap();
/// let error = obs_codes_gen::write_file(&table, b"// code", &[table.clone()]).unwrap_err();
/// assert!(error.to_string().ends_with("refusing to overwrite it"));
/// obs_codes_gen::write_file(&dir.join("out.rs"), b"// code", &[table]).unwrap();
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
///
/// # Errors
///
/// [`WriteError`]: the target is not a regular file, is an input, names no file, or
/// the new file cannot be written, synced or renamed.
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
    let io_error = |error| WriteError::Io {
        path: path.to_owned(),
        error,
    };
    let target = resolve(path)?;
    let existing = match fs::symlink_metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(io_error(error)),
    };
    if let Some(metadata) = &existing {
        if let Some(kind) = not_a_file(metadata.file_type()) {
            return Err(WriteError::NotAFile {
                path: path.to_owned(),
                kind,
            });
        }
        for input in inputs {
            if fs::metadata(input).is_ok_and(|other| same_file(metadata, &other, &target, input)) {
                return Err(WriteError::Input {
                    path: path.to_owned(),
                    input: input.clone(),
                });
            }
        }
    }
    let temporary = temporary_path(&target).ok_or_else(|| WriteError::NotAFileName {
        path: path.to_owned(),
    })?;
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            if let Some(metadata) = &existing {
                file.set_permissions(metadata.permissions())?;
            }
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, &target));
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(io_error(error));
    }
    sync_directory(&target);
    Ok(())
}

/// `path` with every symbolic link followed (the last target may not exist yet).
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let mut target = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&target).map_err(|error| WriteError::Io {
                    path: path.to_owned(),
                    error,
                })?;
                target = match target.parent() {
                    Some(parent) => parent.join(link),
                    None => link,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(WriteError::NotAFileName {
        path: path.to_owned(),
    })
}

/// What a file that is not a regular one is, in words.
fn not_a_file(file_type: fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// Whether two metadata name one file: device and inode on Unix, else the canonical paths.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two metadata name one file: device and inode on Unix, else the canonical paths.
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata, a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Makes the rename durable; failing to is not an error (some systems cannot open a
/// directory).
fn sync_directory(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let _ = fs::File::open(dir).and_then(|dir| dir.sync_all());
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// `.NAME.PID.N.tmp` in the directory of `path`, `N` unique in this process.
fn temporary_path(path: &Path) -> Option<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path.file_name()?.to_string_lossy();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    Some(path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id())))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::test_support::scratch;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    use std::process::Command;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn refused(path: &Path, inputs: &[PathBuf]) -> String {
        write_file(path, b"new", inputs).unwrap_err().to_string()
    }

    #[test]
    fn replaces_a_file_keeps_its_permissions_and_leaves_nothing_else() {
        let dir = scratch("output-file", b"table");
        let out = dir.join("out.rs");
        fs::write(&out, "old").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&out, b"new", &[dir.join("t.csv")]).unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o640
        );
        write_file(&dir.join("fresh.rs"), b"made", &[]).unwrap();
        assert_eq!(fs::read_to_string(dir.join("fresh.rs")).unwrap(), "made");
        assert_eq!(names(&dir), ["fresh.rs", "out.rs", "t.csv"]);
    }

    #[test]
    fn writes_through_a_link_to_a_regular_file_and_keeps_the_link() {
        let dir = scratch("output-link", b"table");
        fs::write(dir.join("real.rs"), "old").unwrap();
        std::os::unix::fs::symlink("real.rs", dir.join("link.rs")).unwrap();
        std::os::unix::fs::symlink("link.rs", dir.join("link2.rs")).unwrap();
        write_file(&dir.join("link2.rs"), b"new", &[]).unwrap();
        assert!(
            fs::symlink_metadata(dir.join("link.rs"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::symlink_metadata(dir.join("link2.rs"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(dir.join("real.rs")).unwrap(), "new");
        assert_eq!(names(&dir), ["link.rs", "link2.rs", "real.rs", "t.csv"]);
    }

    #[test]
    fn refuses_a_fifo_directly_or_through_a_link_without_opening_it() {
        let dir = scratch("output-fifo", b"table");
        let fifo = dir.join("pipe");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        std::os::unix::fs::symlink("pipe", dir.join("link.rs")).unwrap();
        let message = format!(
            "`{}` is a FIFO, not a regular file: refusing to replace it",
            fifo.display()
        );
        assert_eq!(refused(&fifo, &[]), message);
        let link = dir.join("link.rs");
        assert_eq!(
            refused(&link, &[]),
            format!(
                "`{}` is a FIFO, not a regular file: refusing to replace it",
                link.display()
            )
        );
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(names(&dir), ["link.rs", "pipe", "t.csv"]);
    }

    #[test]
    fn refuses_a_directory() {
        let dir = scratch("output-dir", b"table");
        fs::create_dir(dir.join("out.rs")).unwrap();
        let message = refused(&dir.join("out.rs"), &[]);
        assert!(
            message.ends_with("out.rs` is a directory, not a regular file: refusing to replace it"),
            "{message}"
        );
        assert_eq!(names(&dir.join("out.rs")), Vec::<String>::new());
        assert_eq!(names(&dir), ["out.rs", "t.csv"]);
    }

    #[test]
    fn refuses_a_device_node_when_root() {
        let dir = scratch("output-device", b"table");
        let node = dir.join("null");
        let made = Command::new("mknod")
            .arg(&node)
            .args(["c", "1", "3"])
            .output();
        if !made.is_ok_and(|output| output.status.success()) {
            eprintln!("skipped: mknod needs root (this test checks that a device node is refused)");
            return;
        }
        let message = refused(&node, &[]);
        assert!(
            message.ends_with(
                "null` is a character device, not a regular file: refusing to replace it"
            ),
            "{message}"
        );
        assert_eq!(names(&dir), ["null", "t.csv"]);
    }

    #[test]
    fn refuses_an_input_through_a_hard_link_or_a_symbolic_link() {
        let dir = scratch("output-input", b"table");
        let table = dir.join("t.csv");
        fs::hard_link(&table, dir.join("hard.rs")).unwrap();
        std::os::unix::fs::symlink("t.csv", dir.join("soft.rs")).unwrap();
        std::os::unix::fs::symlink("soft.rs", dir.join("input-link.csv")).unwrap();
        for (out, input) in [
            ("hard.rs", "t.csv"),
            ("soft.rs", "t.csv"),
            ("t.csv", "input-link.csv"),
        ] {
            let out = dir.join(out);
            let input = dir.join(input);
            assert_eq!(
                refused(&out, &[dir.join("other.csv"), input.clone()]),
                format!(
                    "`{}` is the input `{}`: refusing to overwrite it",
                    out.display(),
                    input.display()
                )
            );
        }
        assert_eq!(fs::read_to_string(&table).unwrap(), "table");
        assert_eq!(
            names(&dir),
            ["hard.rs", "input-link.csv", "soft.rs", "t.csv"]
        );
    }

    #[test]
    fn messages_escape_the_path() {
        let error = WriteError::NotAFileName {
            path: PathBuf::from("a\nb"),
        };
        assert_eq!(error.to_string(), "`a\\nb` does not name a file");
    }
}
