//! What the command reports, in the compiler's form: `error: path:line:col: message`,
//! then `  help: ...` where a hint helps. Problems are the generator's
//! [`obs_codes_gen::Problem`], so a table's problem reads the same here as in a build.

use crate::escape;
use obs_codes_gen::{Location, Problem, Problems};
use std::fmt;
use std::path::Path;

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

/// `problem` as a diagnostic of `kind` (`error`, `warning`, `note`), in the compiler's
/// text (see [`escape::diagnostic`]).
pub fn render(kind: &str, problem: &Problem) -> String {
    escape::diagnostic(kind, problem)
}

/// Why a command failed (exit code 2).
#[derive(Debug)]
pub enum Error {
    /// The input is invalid: every problem found, each shown as an error.
    Invalid(Problems),
    /// A file could not be written: there is no line to point at. (An input that cannot
    /// be read is a problem located at the file.)
    Io {
        /// The file as the user named it, escaped.
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
            path: escape::path(path),
            action,
            source,
        }
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
        Error::Invalid(problems)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The problems a build shows (the same text, order and cap), as errors.
            Error::Invalid(problems) => {
                let mut messages = problems.messages();
                // Capped: the build shows the first problems, then its count of the rest.
                let summary = (messages.len() < problems.len()).then(|| messages.pop());
                let mut lines: Vec<String> = problems
                    .iter()
                    .take(messages.len())
                    .map(|problem| render("error", problem))
                    .collect();
                if let Some(Some(summary)) = summary {
                    lines.push(format!("error: {}", escape::as_rustc(&summary)));
                }
                f.write_str(&lines.join("\n"))
            }
            Error::Io {
                path,
                action,
                source,
            } => write!(f, "error: {path}: cannot {action} the file: {source}"),
            Error::Usage(message) => write!(f, "error: {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_as_the_compiler_prints_them() {
        let mut problems = Problems::default();
        problems
            .at(Location::at("a.csv", 3, 7), "bad")
            .hint("fix it");
        problems.at(Location::at("a.csv", 4, 1), "worse");
        assert_eq!(
            Error::from(problems).to_string(),
            "error: a.csv:3:7: bad\n  help: fix it\nerror: a.csv:4:1: worse"
        );
        assert_eq!(
            render(
                "warning",
                &problem(right(&Location::at("p.rst", 2, 3), 4), "odd")
            ),
            "warning: p.rst:2:7: odd"
        );
    }
}
