//! The tables a command works on, all read and checked by the generator: sources named
//! as in the macro (`obs`, or a CSV path).

use crate::diagnostic::Error;
use obs_codes_gen::Catalog;
use obs_codes_gen::{Loaded, Location, Problems, Row, Source};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The argument that stands for standard input, where a command reads one.
pub const STDIN: &str = "-";

/// How messages name standard input (as rustc does).
pub const STDIN_NAME: &str = "<stdin>";

/// What a file that is not a regular file is, for messages.
fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Where a problem of the input `path` is reported: the file, as written.
fn at_file(path: &Path) -> Location {
    Location::file(&path.to_string_lossy())
}

/// Reports that `path` is `kind` and not read.
fn refuse(path: &Path, kind: &str, problems: &mut Problems) {
    let message = if kind.starts_with("not ") {
        format!("the input is {kind}")
    } else {
        format!("the input is {kind}, not a regular file")
    };
    problems
        .at(at_file(path), message)
        .hint("name a file; directories, pipes, sockets and devices are not read");
}

/// Reports that `path` cannot be read, with what the system said.
fn unreadable(path: &Path, error: &io::Error, problems: &mut Problems) {
    problems.at(at_file(path), format!("cannot read the file: {error}"));
}

/// `reader`'s bytes; `None`, reported, when there are more than the bound or reading
/// fails.
fn read_bounded(path: &Path, reader: impl Read, problems: &mut Problems) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    if let Err(error) = reader
        .take(obs_codes_gen::Source::MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        unreadable(path, &error, problems);
        return None;
    }
    if bytes.len() as u64 > obs_codes_gen::Source::MAX_TABLE_BYTES {
        problems.at(
            at_file(path),
            format!(
                "the file is larger than {} bytes, the most an input may have",
                obs_codes_gen::Source::MAX_TABLE_BYTES
            ),
        );
        return None;
    }
    Some(bytes)
}

/// The bytes of an input: a regular file (through links), or standard input for `-`,
/// read under the bound tables have ([`obs_codes_gen::Source::MAX_TABLE_BYTES`]). A
/// FIFO, device, socket or directory is refused before it is read, so that nothing
/// waits on it. `None` when the input is not read: the file is missing, not a regular
/// file, larger than the bound, or unreadable, each reported to `problems` at the file.
pub fn read_bytes(path: &Path, problems: &mut Problems) -> Option<Vec<u8>> {
    if path.as_os_str() == STDIN {
        return read_bounded(Path::new(STDIN_NAME), io::stdin().lock(), problems);
    }
    let opened = fs::metadata(path).and_then(|metadata| {
        if !metadata.is_file() {
            return Ok(Err(metadata.file_type()));
        }
        let file = fs::File::open(path)?;
        // The file opened may not be the one looked at (it was replaced in between).
        let opened = file.metadata()?;
        Ok(if opened.is_file() {
            Ok(file)
        } else {
            Err(opened.file_type())
        })
    });
    match opened {
        Ok(Ok(file)) => read_bounded(path, file, problems),
        Ok(Err(file_type)) => {
            refuse(path, kind_of(file_type), problems);
            None
        }
        Err(error) => {
            unreadable(path, &error, problems);
            None
        }
    }
}

/// Reads a UTF-8 text input (a page, a fixes file; see [`read_bytes`]); invalid UTF-8
/// is reported where it starts. A leading byte order mark is dropped. `None` when the
/// input is not read, or is not valid UTF-8 (reported at its first bad byte).
pub fn read_text(path: &Path, problems: &mut Problems) -> Option<String> {
    let bytes = read_bytes(path, problems)?;
    match String::from_utf8(bytes) {
        Ok(text) => Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(error.as_bytes().get(..valid).unwrap_or_default());
            let (line, column) = obs_codes_gen::Location::line_column(&before, before.len());
            problems
                .at(
                    Location::at(&path.to_string_lossy(), line, column),
                    "the file is not valid UTF-8 from here",
                )
                .hint("save the file as UTF-8");
            None
        }
    }
}

/// Sources as the command line names them: `obs` is the bundled table, anything else a
/// path relative to the current directory, and messages name it as written.
///
/// # Errors
///
/// A usage error when an argument is empty.
pub fn sources(args: &[String]) -> Result<Vec<Source>, Error> {
    if args.iter().any(String::is_empty) {
        return Err(Error::Usage(
            "a table path is empty: name a CSV file, or `obs` for the bundled table".to_owned(),
        ));
    }
    Ok(args.iter().map(|arg| Source::from_arg(arg)).collect())
}

/// The bundled table, when no source is named.
pub fn or_bundled(args: &[String]) -> Vec<String> {
    if args.is_empty() {
        vec![obs_codes_gen::Source::BUNDLED_NAME.to_owned()]
    } else {
        args.to_vec()
    }
}

/// Reads and checks `args` as the macro does (the current directory standing for the
/// calling crate's): the loaded tables, or their problems as the build reports them.
///
/// # Errors
///
/// An empty argument (see [`sources`]), or every problem found in the tables.
pub fn load(args: &[String]) -> Result<Loaded, Error> {
    let loaded = obs_codes_gen::load(&sources(args)?, Path::new("."));
    if loaded.problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Error::Invalid(loaded.problems))
    }
}

/// Rows of a loaded table that one `Row` per catalog entry describes, for writing.
pub fn rows_of(catalog: &Catalog) -> Vec<Row> {
    catalog
        .entries
        .iter()
        .map(|entry| Row {
            variant: (entry.variant != obs_codes_gen::Entry::derive_variant(&entry.code)).then(
                || obs_codes_gen::Cell {
                    value: entry.variant.clone(),
                    at: entry.defined_at.clone(),
                },
            ),
            aliases: entry
                .aliases
                .iter()
                .map(|alias| obs_codes_gen::Cell {
                    value: alias.clone(),
                    at: entry.defined_at.clone(),
                })
                .collect(),
            status: entry.status.clone(),
            retryable: Some(entry.retryable),
            description: entry.description.clone(),
            solution: entry.solution.clone(),
            source: entry.source.clone(),
            ..Row::new(obs_codes_gen::Cell {
                value: entry.code.clone(),
                at: entry.defined_at.clone(),
            })
        })
        .collect()
}
