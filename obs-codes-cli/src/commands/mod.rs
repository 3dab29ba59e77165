//! The commands, one module each. Every command reads its inputs and answers with an
//! [`Outcome`]: what to print on which stream, in order, and the exit code. Nothing is
//! printed here: the binary prints the outcome.

pub mod check;
pub mod diff;
pub mod explain;
pub mod generate;
pub mod import;
pub mod list;

use crate::diagnostic::Error;
use crate::output::{write_file, write_stream};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Exit code for a negative answer: an unknown code, or differences with `--exit-code`.
pub const EXIT_NEGATIVE: u8 = 1;
/// Exit code for an error: invalid or unreadable input, unwritable output, bad usage.
pub const EXIT_ERROR: u8 = 2;

/// A standard stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output: the command's result.
    Stdout,
    /// Standard error: diagnostics, notes, what was written where.
    Stderr,
}

/// What a command prints, in order, and its exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Each piece of output, with its stream, in the order to write them.
    pub writes: Vec<(Stream, Vec<u8>)>,
    /// The exit code.
    pub code: u8,
}

impl Outcome {
    /// This outcome, then `bytes` on `stream` (nothing when empty).
    #[must_use]
    pub fn then(mut self, stream: Stream, bytes: impl Into<Vec<u8>>) -> Self {
        let bytes = bytes.into();
        if !bytes.is_empty() {
            self.writes.push((stream, bytes));
        }
        self
    }

    /// This outcome with exit code `code`.
    #[must_use]
    pub fn with_code(self, code: u8) -> Self {
        Outcome { code, ..self }
    }

    /// A failed command: `error` on standard error, exit code [`EXIT_ERROR`].
    #[must_use]
    pub fn failed(error: &Error) -> Self {
        Outcome::default()
            .then(Stream::Stderr, format!("{error}\n"))
            .with_code(EXIT_ERROR)
    }

    /// Everything written to `stream`, in order.
    #[must_use]
    pub fn bytes(&self, stream: Stream) -> Vec<u8> {
        self.writes
            .iter()
            .filter(|(s, _)| *s == stream)
            .flat_map(|(_, bytes)| bytes.iter().copied())
            .collect()
    }

    /// Writes every piece in order, each flushed before the next, so that on a terminal
    /// (or with `2>&1`) they interleave as the command produced them.
    ///
    /// # Errors
    ///
    /// Writing `stdout` fails, other than on a closed pipe; `stderr` is best effort.
    pub fn print(&self, mut stdout: impl Write, mut stderr: impl Write) -> io::Result<()> {
        for (stream, bytes) in &self.writes {
            match stream {
                Stream::Stdout => write_stream(&mut stdout, bytes)?,
                Stream::Stderr => {
                    let _ = write_stream(&mut stderr, bytes);
                }
            }
        }
        Ok(())
    }
}

/// `bytes` to `output` with the generator's safe writer (refusing any of `inputs`,
/// then `done` with the path on standard error), or to standard output.
///
/// # Errors
///
/// The output is refused or cannot be written.
pub fn write_or_print(
    bytes: Vec<u8>,
    output: Option<&Path>,
    done: Option<String>,
    inputs: &[PathBuf],
) -> Result<Outcome, Error> {
    match output {
        Some(path) => {
            write_file(path, &bytes, inputs)?;
            Ok(Outcome::default().then(
                Stream::Stderr,
                done.map(|d| format!("{d} to {}\n", crate::escape::path(path)))
                    .unwrap_or_default(),
            ))
        }
        None => Ok(Outcome::default().then(Stream::Stdout, bytes)),
    }
}
