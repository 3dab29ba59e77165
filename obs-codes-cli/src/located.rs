//! Places in input files, and the errors that point at them: `file:line:col: message`.

use std::fmt;
use std::path::Path;

/// A place in a file: 1-based line and column, the column counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// A location in `file`.
    pub fn new(file: &str, line: usize, column: usize) -> Self {
        Location {
            file: file.to_owned(),
            line,
            column,
        }
    }

    /// The same line, `columns` characters to the right.
    pub fn right(&self, columns: usize) -> Self {
        Location {
            column: self.column + columns,
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One thing wrong with an input, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub at: Location,
    /// What is wrong, in one line.
    pub message: String,
}

impl Problem {
    /// A problem at `at`.
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        Problem {
            at,
            message: message.into(),
        }
    }
}

impl Problem {
    /// The problem as a diagnostic of `kind`: `file:line:col: kind: message`.
    pub fn render(&self, kind: &str) -> String {
        format!("{}: {kind}: {}", self.at, self.message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("error"))
    }
}

/// Why a command failed (exit code 2).
#[derive(Debug)]
pub enum Error {
    /// The input is invalid; every problem found, in file order.
    Invalid(Vec<Problem>),
    /// A file could not be opened, read or written: there is no line to point at.
    Io {
        /// The file as the user named it.
        path: String,
        /// What was being done: `read`, `write`, ...
        action: &'static str,
        /// What the system said.
        source: std::io::Error,
    },
    /// The command line asks for something that cannot be done.
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.display().to_string(),
            action,
            source,
        }
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }
}

impl From<Vec<Problem>> for Error {
    fn from(problems: Vec<Problem>) -> Self {
        Error::Invalid(problems)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(problems) => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
            Error::Io {
                path,
                action,
                source,
            } => write!(f, "{path}: error: cannot {action} the file: {source}"),
            Error::Usage(message) => write!(f, "error: {message}"),
        }
    }
}

/// Line starts of a text, to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column (in characters) of byte `offset` of `text`.
    pub fn locate(&self, file: &str, text: &str, offset: usize) -> Location {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        Location::new(file, line, column)
    }
}

/// Reads a UTF-8 text file; invalid UTF-8 is reported where it starts. A leading byte
/// order mark is dropped.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::io(path, "read", source))?;
    let name = path.display().to_string();
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let before = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default());
            let at = LineIndex::new(&before).locate(&name, &before, before.len());
            Err(Problem::new(at, "the file is not valid UTF-8 from here").into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\ncdé f\n\nx";
        let index = LineIndex::new(text);
        let at = |offset| {
            let l = index.locate("t", text, offset);
            (l.line, l.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3));
        assert_eq!(at(3), (2, 1));
        // `é` is two bytes but one column.
        assert_eq!(at(text.find('f').unwrap_or_default()), (2, 5));
        assert_eq!(at(text.len()), (4, 2));
    }

    #[test]
    fn errors_print_as_file_line_column() {
        let error = Error::from(vec![
            Problem::new(Location::new("a.csv", 3, 7), "bad"),
            Problem::new(Location::new("a.csv", 4, 1), "worse"),
        ]);
        assert_eq!(
            error.to_string(),
            "a.csv:3:7: error: bad\na.csv:4:1: error: worse"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = std::env::temp_dir().join(format!("obs-codes-utf8-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("bad.csv");
        let written = std::fs::write(&path, b"code\nab\xff\n");
        assert!(written.is_ok());
        let message = read_text(&path).map_err(|e| e.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        let expected = format!("{}:2:3: error: the file is not valid UTF-8", path.display());
        assert!(
            message.as_ref().is_err_and(|m| m.starts_with(&expected)),
            "{message:?}"
        );
    }
}
