//! What the command reports, in the compiler's form: `error: path:line:col: message`,
//! then `  help: ...` where a hint helps. Problems are the generator's
//! [`obs_codes_gen::Problem`], so a table's problem reads the same here as in a build.

use obs_codes_gen::{Location, Problem, Problems};
use std::fmt;
use std::path::Path;

/// A place in `file`: 1-based line and character column.
pub fn at(file: &str, line: usize, column: usize) -> Location {
    Location {
        source: file.to_owned(),
        line,
        column,
    }
}

/// The same line as `location`, `columns` characters to the right.
pub fn right(location: &Location, columns: usize) -> Location {
    Location {
        column: location.column + columns,
        ..location.clone()
    }
}

/// A problem at `location`, without a hint.
pub fn problem(location: Location, message: impl Into<String>) -> Problem {
    Problem {
        location: Some(location),
        message: message.into(),
        hint: None,
    }
}

/// `problem` as a diagnostic of `kind` (`error`, `warning`, `note`).
pub fn render(kind: &str, problem: &Problem) -> String {
    format!("{kind}: {problem}")
}

/// The lines `obs-codes check` prints for `problems`: each of the messages a build
/// shows ([`Problems::messages`]: the same text, order and cap), as an error.
pub fn error_lines(problems: &Problems) -> Vec<String> {
    problems
        .messages()
        .into_iter()
        .map(|message| format!("error: {message}"))
        .collect()
}

/// Why a command failed (exit code 2).
#[derive(Debug)]
pub enum Error {
    /// The input is invalid: every diagnostic, rendered, in the order to show them.
    Invalid(Vec<String>),
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

    /// The problems of an input, as errors.
    pub fn problems(problems: &Problems) -> Self {
        Error::Invalid(error_lines(problems))
    }

    /// Both errors, for commands that read several inputs before failing: problems of
    /// both inputs are reported together; otherwise the first error wins.
    #[must_use]
    pub fn join(self, other: Error) -> Self {
        match (self, other) {
            (Error::Invalid(mut a), Error::Invalid(b)) => {
                a.extend(b);
                Error::Invalid(a)
            }
            (first, _) => first,
        }
    }
}

impl From<Problems> for Error {
    fn from(problems: Problems) -> Self {
        Error::problems(&problems)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(lines) => f.write_str(&lines.join("\n")),
            Error::Io {
                path,
                action,
                source,
            } => write!(f, "error: {path}: cannot {action} the file: {source}"),
            Error::Usage(message) => write!(f, "error: {message}"),
        }
    }
}

/// Reads a UTF-8 text file (a page or a fixes file); invalid UTF-8 is reported where
/// it starts. A leading byte order mark is dropped.
///
/// # Errors
///
/// The file cannot be read, or is not valid UTF-8 (located at the first bad byte).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::io(path, "read", source))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(error.as_bytes().get(..valid).unwrap_or_default());
            let (line, column) = obs_codes_gen::Location::line_column(&before, before.len());
            let name = path.display().to_string();
            let mut problems = Problems::default();
            problems
                .at(
                    at(&name, line, column),
                    "the file is not valid UTF-8 from here",
                )
                .hint("save the file as UTF-8");
            Err(problems.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_as_the_compiler_prints_them() {
        let mut problems = Problems::default();
        problems.at(at("a.csv", 3, 7), "bad").hint("fix it");
        problems.at(at("a.csv", 4, 1), "worse");
        assert_eq!(
            Error::from(problems).to_string(),
            "error: a.csv:3:7: bad\n  help: fix it\nerror: a.csv:4:1: worse"
        );
        assert_eq!(
            render("warning", &problem(right(&at("p.rst", 2, 3), 4), "odd")),
            "warning: p.rst:2:7: odd"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = crate::output::temp_scratch("utf8");
        let path = dir.join("bad.csv");
        let written = std::fs::write(&path, b"code\nab\xff\n");
        assert!(written.is_ok());
        let message = read_text(&path).map_err(|e| e.to_string());
        let expected = format!(
            "error: {}:2:3: the file is not valid UTF-8 from here",
            path.display()
        );
        assert!(
            message.as_ref().is_err_and(|m| m.starts_with(&expected)),
            "{message:?}"
        );
    }
}
