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

/// The refusal of `path`, which is `kind`: located at the file, as a table's problem is.
fn refused(path: &Path, kind: &str) -> Error {
    let name = path.to_string_lossy();
    let mut problems = Problems::default();
    let message = if kind.starts_with("not ") {
        format!("the input is {kind}")
    } else {
        format!("the input is {kind}, not a regular file")
    };
    problems
        .at(Location::file(&name), message)
        .hint("name a file; directories, pipes, sockets and devices are not read");
    Error::Invalid(problems)
}

/// `reader`'s bytes, or the too-large error when there are more than the bound.
fn read_bounded(path: &Path, reader: impl Read) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(obs_codes_gen::Source::MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::io(path, "read", source))?;
    if bytes.len() as u64 > obs_codes_gen::Source::MAX_TABLE_BYTES {
        let mut problems = Problems::default();
        problems.at(
            Location::file(&path.to_string_lossy()),
            format!(
                "the file is larger than {} bytes, the most an input may have",
                obs_codes_gen::Source::MAX_TABLE_BYTES
            ),
        );
        return Err(Error::Invalid(problems));
    }
    Ok(bytes)
}

/// The bytes of an input: a regular file (through links), or standard input for `-`,
/// read under the bound tables have ([`obs_codes_gen::Source::MAX_TABLE_BYTES`]). A FIFO, device, socket or
/// directory is refused before it is read, so that nothing waits on it.
///
/// # Errors
///
/// The file is missing, not a regular file, larger than the bound, or unreadable.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    if path.as_os_str() == STDIN {
        return read_bounded(Path::new(STDIN_NAME), io::stdin().lock());
    }
    let metadata = fs::metadata(path).map_err(|source| Error::io(path, "read", source))?;
    if !metadata.is_file() {
        return Err(refused(path, kind_of(metadata.file_type())));
    }
    let file = fs::File::open(path).map_err(|source| Error::io(path, "read", source))?;
    // The file opened may not be the one looked at (it was replaced in between).
    let opened = file
        .metadata()
        .map_err(|source| Error::io(path, "read", source))?;
    if !opened.is_file() {
        return Err(refused(path, kind_of(opened.file_type())));
    }
    read_bounded(path, file)
}

/// Reads a UTF-8 text input (a page, a fixes file; see [`read_bytes`]); invalid UTF-8
/// is reported where it starts. A leading byte order mark is dropped.
///
/// # Errors
///
/// As [`read_bytes`], or the text is not valid UTF-8 (located at the first bad byte).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = read_bytes(path)?;
    let name = path.to_string_lossy();
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(error.as_bytes().get(..valid).unwrap_or_default());
            let (line, column) = obs_codes_gen::Location::line_column(&before, before.len());
            let mut problems = Problems::default();
            problems
                .at(
                    Location::at(&name, line, column),
                    "the file is not valid UTF-8 from here",
                )
                .hint("save the file as UTF-8");
            Err(problems.into())
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
