//! The `obs-codes` command: explain and list the bundled OBS error codes, import a
//! table from an upstream reStructuredText page, and diff two tables.
//!
//! Exit codes: 0 on success; 1 when `explain` meets an unknown code or `diff
//! --exit-code` finds differences; 2 when an input cannot be read or is invalid
//! (reported as `file:line:col: error: message`), an output cannot be written, or the
//! arguments are wrong.

mod diff;
mod explain;
mod fixes;
mod list;
mod located;
mod markup;
mod output;
mod page;
mod rst;
mod table;

use clap::{Parser, Subcommand};
use located::{Error, Problem, read_text};
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use table::{Columns, Entry};

/// Exit code for a negative answer: an unknown code, or differences with `--exit-code`.
const EXIT_NEGATIVE: u8 = 1;
/// Exit code for an error: invalid or unreadable input, unwritable output, bad usage.
const EXIT_ERROR: u8 = 2;

/// Huawei Cloud OBS error codes: explain and list the bundled table, regenerate tables
/// from the vendor's pages, and see what a regeneration changes.
#[derive(Debug, Parser)]
#[command(
    name = "obs-codes",
    version,
    after_help = "Exit codes:\n  \
                  0  success\n  \
                  1  an unknown code (explain), differences (diff --exit-code)\n  \
                  2  invalid or unreadable input (file:line:col: error: ...), unwritable output, bad arguments"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain codes: HTTP status, retryability, aliases, description.
    ///
    /// Codes are matched exactly (case-sensitive), aliases included. An unknown code is
    /// reported with the closest known codes, and the exit code is 1.
    Explain {
        /// Wire codes or aliases, e.g. NoSuchKey SlowDown.
        #[arg(value_name = "CODE", required = true)]
        codes: Vec<String>,
    },
    /// List the bundled codes, optionally filtered.
    List {
        /// Only codes with this HTTP status.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(100..=599))]
        status: Option<u16>,
        /// Only codes a client may retry.
        #[arg(long)]
        retryable: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = list::Format::Table)]
        format: list::Format,
    },
    /// Read the error-code table of an upstream page and write a CSV table.
    ///
    /// Reads the reStructuredText grid tables of PAGE (the SDK guides' three-column
    /// Error Code / Description / HTTP Status Code table, or the API reference's
    /// Status Code / Error Code / Error Message / Solution table) and writes a table in
    /// the macro's CSV format: `code,http_status`, then `retryable,aliases` when
    /// --fixes is given, `description`, and `solution` when the page has one. Nothing
    /// is written when the page or the fixes have a problem (exit code 2).
    #[command(
        after_long_help = "Regenerate the bundled table (from the workspace root):\n  \
                           obs-codes import tables/upstream/obs_29_1601.rst --fixes tables/obs-fixes.csv -o tables/obs.csv"
    )]
    Import {
        /// The upstream page (reStructuredText).
        #[arg(value_name = "PAGE.rst")]
        page: PathBuf,
        /// Deliberate differences from the page to re-apply: CSV with the header
        /// documented,code,aliases,retryable.
        #[arg(long, value_name = "FIXES.csv")]
        fixes: Option<PathBuf>,
        /// Write the table to FILE (replaced whole once complete, never left partial)
        /// instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Show the codes added, removed and changed from OLD to NEW.
    ///
    /// OLD and NEW are CSV tables in the macro's format, or upstream pages (`.rst`),
    /// which are imported first. A code is changed when its status, retry flag,
    /// description, solution or aliases differ.
    Diff {
        /// The table as it is (CSV, or a `.rst` page).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The table to compare with (CSV, or a `.rst` page).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// Fixes to re-apply to the page arguments, as for `import`.
        #[arg(long, value_name = "FIXES.csv")]
        fixes: Option<PathBuf>,
        /// Exit with 1 when the tables differ.
        #[arg(long)]
        exit_code: bool,
    },
}

/// What a command prints, and its exit code.
#[derive(Debug, Default)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: String,
    code: u8,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (outcome, error) = match run(cli.command) {
        Ok(outcome) => (outcome, None),
        Err(error) => (Outcome::default(), Some(error)),
    };
    let mut code = outcome.code;
    // Diagnostics (notes, warnings, unknown codes) first: they are about the input.
    let mut stderr = outcome.stderr;
    if let Some(error) = error {
        stderr.push_str(&format!("{error}\n"));
        code = EXIT_ERROR;
    }
    let _ = output::write_stream(io::stderr().lock(), stderr.as_bytes());
    if let Err(error) = output::write_stream(io::stdout().lock(), &outcome.stdout) {
        let message = format!("error: cannot write to standard output: {error}\n");
        let _ = output::write_stream(io::stderr().lock(), message.as_bytes());
        code = EXIT_ERROR;
    }
    ExitCode::from(code)
}

fn run(command: Command) -> Result<Outcome, Error> {
    match command {
        Command::Explain { codes } => {
            let explained = explain::explain(&codes);
            Ok(Outcome {
                stdout: explained.stdout.into_bytes(),
                stderr: explained.stderr,
                code: if explained.all_known {
                    0
                } else {
                    EXIT_NEGATIVE
                },
            })
        }
        Command::List {
            status,
            retryable,
            format,
        } => {
            let codes = list::codes(list::Filter { status, retryable });
            let text = list::render(&codes, format)
                .map_err(|e| Error::io(Path::new("standard output"), "write", e.into()))?;
            Ok(Outcome {
                stdout: text.into_bytes(),
                ..Outcome::default()
            })
        }
        Command::Import {
            page,
            fixes,
            output,
        } => import(&page, fixes.as_deref(), output.as_deref()),
        Command::Diff {
            old,
            new,
            fixes,
            exit_code,
        } => diff(&old, &new, fixes.as_deref(), exit_code),
    }
}

/// A table loaded for `import` or `diff`.
struct Loaded {
    entries: Vec<Entry>,
    columns: Columns,
    warnings: String,
}

fn import(page: &Path, fixes: Option<&Path>, output: Option<&Path>) -> Result<Outcome, Error> {
    let fixes = fixes.map(read_fixes).transpose()?;
    let loaded = load_page(page, fixes.as_deref())?;
    let bytes = table::write_csv(&loaded.entries, loaded.columns).map_err(|e| {
        Error::io(
            output.unwrap_or(Path::new("standard output")),
            "write",
            e.into(),
        )
    })?;
    let mut outcome = Outcome {
        stderr: loaded.warnings,
        ..Outcome::default()
    };
    match output {
        Some(path) => {
            output::write_file(path, &bytes)?;
            outcome.stderr.push_str(&format!(
                "wrote {} codes to {}\n",
                loaded.entries.len(),
                path.display()
            ));
        }
        None => outcome.stdout = bytes,
    }
    Ok(outcome)
}

fn diff(old: &Path, new: &Path, fixes: Option<&Path>, exit_code: bool) -> Result<Outcome, Error> {
    if fixes.is_some() && !is_page(old) && !is_page(new) {
        return Err(Error::Usage(
            "--fixes applies to an upstream page (.rst), and neither table is one".to_owned(),
        ));
    }
    let fixes = fixes.map(read_fixes).transpose()?;
    let load = |path: &Path| {
        if is_page(path) {
            load_page(path, fixes.as_deref())
        } else {
            load_csv(path)
        }
    };
    // Read both before failing, so that every problem is reported at once.
    let (before, after) = match (load(old), load(new)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(Error::Invalid(mut a)), Err(Error::Invalid(b))) => {
            a.extend(b);
            return Err(Error::Invalid(a));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let changes = diff::compare(&before.entries, &after.entries);
    let text = diff::render(
        &changes,
        (&old.display().to_string(), before.entries.len()),
        (&new.display().to_string(), after.entries.len()),
    );
    Ok(Outcome {
        stdout: text.into_bytes(),
        stderr: before.warnings + &after.warnings,
        code: if exit_code && !changes.is_empty() {
            EXIT_NEGATIVE
        } else {
            0
        },
    })
}

/// True when `path` names an upstream page rather than a CSV table.
fn is_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("rst"))
}

fn read_fixes(path: &Path) -> Result<Vec<fixes::Fix>, Error> {
    let text = read_text(path)?;
    Ok(fixes::read(&path.display().to_string(), &text)?)
}

fn load_csv(path: &Path) -> Result<Loaded, Error> {
    let text = read_text(path)?;
    let table = table::read_csv(&path.display().to_string(), &text)?;
    Ok(Loaded {
        entries: table.entries,
        columns: Columns::default(),
        warnings: String::new(),
    })
}

/// Imports a page, applying `fixes`. Codes with a space that no fix mentions get a
/// warning: authors of the vendor's pages break long names by hand.
fn load_page(path: &Path, fixes: Option<&[fixes::Fix]>) -> Result<Loaded, Error> {
    let text = read_text(path)?;
    let mut page = page::read(&path.display().to_string(), &text)?;
    if let Some(fixes) = fixes {
        fixes::apply(&mut page.entries, fixes)?;
    }
    let mut diagnostics: Vec<(&Problem, &str)> = page.notes.iter().map(|n| (n, "note")).collect();
    let unfixed_spaces: Vec<Problem> = page
        .entries
        .iter()
        .filter(|e| e.code.contains(char::is_whitespace))
        .filter(|e| !fixes.is_some_and(|f| fixes::mentions(f, &e.code)))
        .map(|e| {
            let message = format!(
                "code `{}` contains a space: if the page wrapped it, give its wire code in a fixes file (--fixes)",
                e.code
            );
            Problem::new(e.at.clone(), message)
        })
        .collect();
    diagnostics.extend(unfixed_spaces.iter().map(|w| (w, "warning")));
    diagnostics.sort_by_key(|(p, _)| (p.at.line, p.at.column));
    let warnings: String = diagnostics
        .iter()
        .map(|(p, kind)| p.render(kind) + "\n")
        .collect();
    Ok(Loaded {
        columns: Columns {
            retryable_and_aliases: fixes.is_some(),
            solution: page.has_solution,
        },
        entries: page.entries,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    /// A page whose table has a status spanning two rows, a list, literals, a role, a
    /// link and an escape: the seed that the property tests below mutate.
    const SEED_PAGE: &str = "Intro\n\n\
        +------+--------+-------------+\n\
        | Code | Status | Description |\n\
        +======+========+=============+\n\
        | A    | 400    | -  x ``y``  |\n\
        |      |        | -  z        |\n\
        +------+        +-------------+\n\
        | B\\   |        | `u <v>`_    |\n\
        +------+--------+-------------+\n";

    const SEED_CSV: &str = "# comment\ncode,http_status,retryable,aliases,description\n\
        A,400,,X|Y,\"quoted, \"\"text\"\"\n\nmore\"\nB,N/A,true,,plain\n";

    const SEED_FIXES: &str = "# c\ndocumented,code,aliases,retryable\nA B,AB,X|Y,true\n";

    #[test]
    fn the_seeds_are_valid() {
        let page = page::read("p.rst", SEED_PAGE).map_err(|p| format!("{p:?}"));
        let codes: Vec<(String, String)> = page
            .map(|p| p.entries.into_iter().map(|e| (e.code, e.status)).collect())
            .unwrap_or_default();
        assert_eq!(
            codes,
            [("A".into(), "400".into()), ("B".into(), "400".into())]
        );
        assert!(table::read_csv("t.csv", SEED_CSV).is_ok());
        assert!(fixes::read("f.csv", SEED_FIXES).is_ok());
    }

    /// `seed` with each edit applied: replace, insert or delete a character.
    fn mutate(seed: &str, edits: &[(usize, u8, char)]) -> String {
        let mut chars: Vec<char> = seed.chars().collect();
        for &(at, kind, c) in edits {
            let at = at % (chars.len() + 1);
            match kind % 3 {
                0 if at < chars.len() => chars[at] = c,
                1 => chars.insert(at, c),
                _ if at < chars.len() => {
                    chars.remove(at);
                }
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    fn markup_char() -> impl proptest::strategy::Strategy<Value = char> {
        proptest::sample::select("+-=| \n\t`:\\*_<>\",#.()aB1é".chars().collect::<Vec<_>>())
    }

    proptest::proptest! {
        #[test]
        fn pages_never_panic(
            edits in proptest::collection::vec((0usize..400, 0u8..3, markup_char()), 0..12)
        ) {
            let _ = page::read("p.rst", &mutate(SEED_PAGE, &edits));
        }

        #[test]
        fn tables_and_fixes_never_panic(
            edits in proptest::collection::vec((0usize..200, 0u8..3, markup_char()), 0..12)
        ) {
            let _ = table::read_csv("t.csv", &mutate(SEED_CSV, &edits));
            let _ = fixes::read("f.csv", &mutate(SEED_FIXES, &edits));
        }

        #[test]
        fn markup_never_panics(text in proptest::collection::vec(markup_char(), 0..80)) {
            let text: String = text.into_iter().collect();
            let lines: Vec<&str> = text.lines().collect();
            let _ = markup::cell_text(&lines, markup::Mode::Markdown);
            let _ = markup::inline(&text, markup::Mode::Plain);
            let _ = rst::tables("t.rst", &text);
        }

        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let _ = page::read("p.rst", &text);
            let _ = table::read_csv("t.csv", &text);
            let _ = explain::suggestions(&text);
        }
    }

    #[test]
    fn pages_are_told_by_their_extension() {
        assert!(is_page(Path::new("x/obs_29_1601.rst")));
        assert!(is_page(Path::new("PAGE.RST")));
        assert!(!is_page(Path::new("tables/obs.csv")));
    }
}
