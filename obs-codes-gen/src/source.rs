//! Reading a source's text: the bundled table, or a file next to the calling crate.

use crate::problem::{Location, Problems};
use proc_macro2::Span;
use std::path::{Component, Path, PathBuf};

/// Where rows come from: the bundled table or a CSV file.
#[derive(Debug, Clone)]
pub enum Source {
    /// The bundled OBS table (`obs` in a macro call or on the command line).
    Bundled(Span),
    /// A CSV file: the path as written, resolved against the base directory (the
    /// calling crate's `CARGO_MANIFEST_DIR` for the macro).
    File {
        /// The path as written; messages name the file by it.
        path: String,
        /// Where the call wrote it: compile errors about the file point here.
        span: Span,
    },
}

impl Source {
    /// The bundled OBS table (CSV), carried by this crate so that `obs_errors!()` needs
    /// no file.
    pub const BUNDLED_CSV: &str = BUNDLED;

    /// What messages, macro calls and the command call the bundled table: `obs`.
    pub const BUNDLED_NAME: &str = BUNDLED_NAME;

    /// The size of the largest file read as a table (64 MiB): a larger one is reported,
    /// not read, as reading it would only slow the build.
    pub const MAX_TABLE_BYTES: u64 = MAX_TABLE_BYTES;

    /// A source named as on the command line: `obs` is the bundled table, anything
    /// else a path.
    ///
    /// ```
    /// use obs_codes_gen::Source;
    ///
    /// assert!(matches!(Source::from_arg("obs"), Source::Bundled(_)));
    /// assert_eq!(Source::from_arg("tables/extra.csv").name(), "tables/extra.csv");
    /// ```
    #[must_use]
    pub fn from_arg(arg: &str) -> Self {
        if arg == BUNDLED_NAME {
            Source::Bundled(Span::call_site())
        } else {
            Source::File {
                path: arg.to_owned(),
                span: Span::call_site(),
            }
        }
    }

    /// The name messages use: the path as written, or `obs`.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Source::Bundled(_) => BUNDLED_NAME,
            Source::File { path, .. } => path,
        }
    }

    /// Where the call wrote this source.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Source::Bundled(span) | Source::File { span, .. } => *span,
        }
    }
}

/// [`Source::BUNDLED_CSV`].
pub(crate) const BUNDLED: &str = include_str!("../obs.csv");

/// [`Source::BUNDLED_NAME`].
pub(crate) const BUNDLED_NAME: &str = "obs";

/// [`Source::MAX_TABLE_BYTES`].
const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// A source's text, ready to parse with [`Table::parse`](crate::Table::parse).
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name messages use: the path as written, or `obs`.
    pub name: String,
    /// The text, BOM removed.
    pub text: String,
    /// For a file: the path as written, which the expansion includes so that cargo
    /// rebuilds when the file changes.
    pub tracked_path: Option<String>,
}

/// Reads a source, reporting why it cannot be read.
pub(crate) fn read(
    source: &Source,
    manifest_dir: &Path,
    problems: &mut Problems,
) -> Option<SourceText> {
    match source {
        Source::Bundled(_) => Some(SourceText {
            name: BUNDLED_NAME.to_owned(),
            text: strip_bom(BUNDLED).to_owned(),
            tracked_path: None,
        }),
        Source::File { path, .. } => read_file(path, manifest_dir, problems),
    }
}

fn read_file(written: &str, manifest_dir: &Path, problems: &mut Problems) -> Option<SourceText> {
    // Joined, not normalised by spelling: the file system resolves `..` after links,
    // as it does for the `include_bytes!` that tracks the file, so both name one file.
    let path = manifest_dir.join(written);
    let here = Location::file(written);
    let shown = display_path(&path);
    let meta = match std::fs::metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let message = if shown == written {
                "table not found".to_owned()
            } else {
                format!("table not found: tried {shown}")
            };
            let problem = problems.at(here, message);
            if written.contains('\\') && !cfg!(windows) {
                problem.hint("`/` separates directories here, not `\\`");
            } else if Path::new(written).is_absolute() {
                problem.hint("the path is absolute: check that the file exists");
            } else {
                let base = match display_path(manifest_dir) {
                    here if here == "." => "the current directory".to_owned(),
                    base => base,
                };
                problem.hint(format!(
                    "a relative path is resolved against the directory of the calling crate's Cargo.toml (CARGO_MANIFEST_DIR: {base})"
                ));
            }
            return None;
        }
        Err(e) => {
            problems.at(here, format!("cannot read the table {shown}: {e}"));
            return None;
        }
    };
    if meta.is_dir() {
        problems
            .at(here, format!("{shown} is a directory, not a CSV file"))
            .hint("name a .csv file inside it");
        return None;
    }
    if !meta.is_file() {
        // A FIFO would block the build, a device would never end.
        problems
            .at(here, format!("{shown} is not a regular file"))
            .hint("name a CSV file; pipes, sockets and devices are not read");
        return None;
    }
    let bytes = match read_at_most(&path, MAX_TABLE_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            problems.at(
                here,
                format!(
                    "the file is larger than {MAX_TABLE_BYTES} bytes, the most a table may have"
                ),
            );
            return None;
        }
        Err(e) => {
            problems.at(here, format!("cannot read the table {shown}: {e}"));
            return None;
        }
    };
    let text = decode(written, bytes, problems)?;
    Some(SourceText {
        name: written.to_owned(),
        text,
        tracked_path: Some(written.to_owned()),
    })
}

/// The file's bytes, or `None` when it has more than `limit`: the limit holds while
/// reading, whatever the metadata said.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A path as messages show it: relative to the current directory when inside it (the
/// compiler's working directory, which the paths of rustc's own messages are relative
/// to), else whole; links resolved when the path exists.
fn display_path(path: &Path) -> String {
    let resolved = path.canonicalize().unwrap_or_else(|_| normalize(path));
    let here = std::env::current_dir().and_then(|dir| dir.canonicalize());
    match here.as_ref().map(|here| resolved.strip_prefix(here)) {
        Ok(Ok(relative)) if relative.as_os_str().is_empty() => ".".to_owned(),
        Ok(Ok(relative)) => relative.display().to_string(),
        _ => resolved.display().to_string(),
    }
}

/// A file's bytes as table text: UTF-8, BOM removed, not blank.
pub(crate) fn decode(name: &str, bytes: Vec<u8>, problems: &mut Problems) -> Option<String> {
    if let Some(order) = utf16_order(&bytes) {
        problems
            .at(
                Location::at(name, 1, 1),
                format!("the table is UTF-16 ({order}), not UTF-8"),
            )
            .hint("save the file as UTF-8");
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(&bytes[..valid_up_to]);
            let (line, column) = line_column(&valid, valid.len());
            let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
            problems
                .at(
                    Location::at(name, line, column),
                    format!(
                        "the table is not valid UTF-8 (byte 0x{byte:02x} at offset {valid_up_to})"
                    ),
                )
                .hint("save the file as UTF-8");
            return None;
        }
    };
    let stripped = strip_bom(&text);
    if stripped.trim().is_empty() {
        problems
            .at(Location::at(name, 1, 1), "the table is empty")
            .hint("start with a header such as `code,http_status,description`");
        return None;
    }
    Some(stripped.to_owned())
}

/// `Some("little-endian")` or `Some("big-endian")` when `bytes` look like UTF-16: a
/// UTF-16 byte-order mark, or ASCII text with every other byte zero.
fn utf16_order(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(64) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = || sample.chunks_exact(2);
    if pairs().all(|pair| pair[0] != 0 && pair[1] == 0) {
        Some("little-endian")
    } else if pairs().all(|pair| pair[0] == 0 && pair[1] != 0) {
        Some("big-endian")
    } else {
        None
    }
}

/// Resolves `.` and `..` by spelling, for showing a path that does not exist (there is
/// nothing for the file system to resolve).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`Location::line_column`].
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(text, offset)
}

impl Location {
    /// The 1-based line and character column of byte `offset` in `text`, lines ending
    /// at LF, CR or CRLF as the table reader ends records.
    ///
    /// ```
    /// use obs_codes_gen::Location;
    ///
    /// assert_eq!(Location::line_column("ab\ncé d", 7), (2, 4));
    /// assert_eq!(Location::line_column("a\rb\r\nc", 5), (3, 1));
    /// ```
    #[must_use]
    pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
        line_column(text, offset)
    }
}

/// Where each line starts, so positions are found without rescanning the text. Lines
/// end at LF, CR or CRLF, as csv-core ends records.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The line starts of `text`.
    #[must_use]
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 1-based line and character column of byte `offset` in `text`.
    #[must_use]
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line.max(1) - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line.max(1), column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::scratch;

    fn lit(path: &str) -> Source {
        Source::from_arg(path)
    }

    #[test]
    fn bundled_table_needs_no_file() {
        let mut problems = Problems::default();
        let text = read(
            &Source::Bundled(proc_macro2::Span::call_site()),
            Path::new("/nowhere"),
            &mut problems,
        )
        .unwrap();
        assert_eq!(text.name, "obs");
        assert!(text.text.starts_with("code,"));
        assert!(problems.is_empty());
    }

    #[test]
    fn missing_file_names_the_path_tried_and_the_base() {
        let mut problems = Problems::default();
        assert!(read(&lit("no/such.csv"), Path::new("/base"), &mut problems).is_none());
        let message = &problems.messages()[0];
        assert!(
            message.starts_with("no/such.csv: table not found: tried /base/no/such.csv"),
            "{message}"
        );
        assert!(message.contains("(CARGO_MANIFEST_DIR: /base)"), "{message}");
        let mut problems = Problems::default();
        assert!(read(&lit("/no/such.csv"), Path::new("/base"), &mut problems).is_none());
        assert!(
            problems.messages()[0]
                .ends_with("help: the path is absolute: check that the file exists")
        );
        let mut problems = Problems::default();
        assert!(read(&lit("t\\a.csv"), Path::new("/base"), &mut problems).is_none());
        assert!(
            problems.messages()[0].ends_with("not `\\`"),
            "{:?}",
            problems.messages()
        );
    }

    #[test]
    fn only_regular_files_are_read_and_the_limit_holds_while_reading() {
        let mut problems = Problems::default();
        assert!(read(&lit("/dev/zero"), Path::new("/"), &mut problems).is_none());
        assert!(problems.messages()[0].starts_with("/dev/zero: /dev/zero is not a regular file"));
        let dir = scratch("limit", b"0123456789");
        // A FIFO is never opened: opening it would block until a writer came.
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("fifo.csv"))
            .status();
        if made.is_ok_and(|status| status.success()) {
            let mut problems = Problems::default();
            assert!(read(&lit("fifo.csv"), &dir, &mut problems).is_none());
            assert!(problems.messages()[0].contains("is not a regular file"));
        }
        assert_eq!(
            read_at_most(&dir.join("t.csv"), 10).unwrap().unwrap().len(),
            10
        );
        assert!(read_at_most(&dir.join("t.csv"), 9).unwrap().is_none());
    }

    #[test]
    fn dot_dot_is_resolved_by_the_file_system() {
        // `link/..` is the link's target's parent, not `dir`: read what the OS reads.
        let dir = scratch("dotdot", b"code,http_status,description\nOuter,400,d\n");
        std::fs::create_dir_all(dir.join("real/inner")).unwrap();
        std::fs::write(
            dir.join("real/t.csv"),
            "code,http_status,description\nReal,400,d\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(dir.join("real/inner"), dir.join("link")).unwrap();
        let mut problems = Problems::default();
        let text = read(&lit("link/../t.csv"), &dir, &mut problems).unwrap();
        assert!(text.text.contains("Real"), "{}", text.text);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = scratch("utf8", b"code\nab\xffc\n");
        let mut problems = Problems::default();
        assert!(read(&lit("t.csv"), &dir, &mut problems).is_none());
        assert!(
            problems.messages()[0]
                .starts_with("t.csv:2:3: the table is not valid UTF-8 (byte 0xff")
        );
    }

    #[test]
    fn bom_is_removed_and_empty_files_are_rejected() {
        let dir = scratch("bom", "\u{feff}code\n".as_bytes());
        let mut problems = Problems::default();
        assert_eq!(
            read(&lit("t.csv"), &dir, &mut problems).unwrap().text,
            "code\n"
        );
        let dir = scratch("empty", b"\xef\xbb\xbf \n");
        assert!(read(&lit("t.csv"), &dir, &mut problems).is_none());
        assert!(problems.messages()[0].starts_with("t.csv:1:1: the table is empty"));
    }

    #[test]
    fn utf16_is_named() {
        let text = "code,http_status\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, expected) in [
            ([&[0xFF, 0xFE][..], &le].concat(), "little-endian"),
            (le.clone(), "little-endian"),
            ([&[0xFE, 0xFF][..], &be].concat(), "big-endian"),
            (be, "big-endian"),
        ] {
            let mut problems = Problems::default();
            assert!(decode("t.csv", bytes, &mut problems).is_none());
            assert_eq!(
                problems.messages()[0],
                format!(
                    "t.csv:1:1: the table is UTF-16 ({expected}), not UTF-8\n  help: save the file as UTF-8"
                )
            );
        }
    }

    #[test]
    fn a_directory_is_not_a_table() {
        let dir = scratch("dir", b"");
        let mut problems = Problems::default();
        assert!(read(&lit("."), &dir, &mut problems).is_none());
        assert!(problems.messages()[0].contains("is a directory"));
    }

    #[test]
    fn paths_are_shown_resolved() {
        assert_eq!(
            normalize(Path::new("/a/b/../../c/./d.csv")),
            Path::new("/c/d.csv")
        );
        assert_eq!(normalize(Path::new("../x.csv")), Path::new("../x.csv"));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("", 0), (1, 1));
        // CR, LF and CRLF each end a line.
        assert_eq!(line_column("a\rb\r\nc\nd", 7), (4, 1));
    }
}
