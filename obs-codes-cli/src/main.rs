//! The `obs-codes` command: explain and list error codes, check tables and generate the
//! enum as the macro would, import a table from an upstream reStructuredText page, and
//! diff two tables.
//!
//! Every table it reads or writes goes through `obs-codes-gen`, the generator behind
//! the macro: the same reader, checks, messages and writer.
//!
//! Exit codes: 0 on success; 1 when `explain` meets an unknown code or `diff
//! --exit-code` finds differences; 2 when an input cannot be read or is invalid
//! (reported as `error: file:line:col: message`), an output cannot be written, or the
//! arguments are wrong.

use clap::{Parser, Subcommand};
use obs_codes_cli::commands::{EXIT_ERROR, Outcome, check, diff, explain, generate, import, list};
use obs_codes_cli::diagnostic::Error;
use obs_codes_cli::escape;
use obs_codes_cli::output::write_stream;
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Huawei Cloud OBS error codes: explain and list codes, check tables and generate the
/// enum the macro would, regenerate tables from the vendor's pages, and see what a
/// regeneration changes.
#[derive(Debug, Parser)]
#[command(
    name = "obs-codes",
    version,
    after_help = "Tables (SOURCE): `obs` is the bundled OBS table; anything else is a CSV file, \
                  relative to the current directory.\n\n\
                  Exit codes:\n  \
                  0  success\n  \
                  1  an unknown code (explain), differences (diff --exit-code)\n  \
                  2  invalid or unreadable input (error: file:line:col: ...), unwritable output, bad arguments"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// The doc comments are the `--help` text, where backticks would be printed as written.
#[allow(clippy::doc_markdown)]
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
        /// The tables to look in, in order, as in the macro (default: `obs`, the
        /// bundled table).
        #[arg(long = "table", value_name = "SOURCE", value_parser = Utf8Source)]
        tables: Vec<String>,
    },
    /// List the codes, optionally filtered.
    List {
        /// Only codes with this HTTP status (100 to 599), or `N/A` for codes without one.
        #[arg(long, value_name = "N", value_parser = list::StatusFilter::parse)]
        status: Option<list::StatusFilter>,
        /// Only codes a client may retry.
        #[arg(long)]
        retryable: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = list::Format::Table)]
        format: list::Format,
        /// The tables to list, in order, as in the macro (default: `obs`, the bundled
        /// table).
        #[arg(long = "table", value_name = "SOURCE", value_parser = Utf8Source)]
        tables: Vec<String>,
    },
    /// Check tables as the macro does: print its messages, exit 2 if they would not compile.
    ///
    /// Reads the sources in order, exactly as `obs_errors!` reads them, and prints the
    /// compiler's messages (`error: path:line:col: message`, then its help line), in
    /// the compiler's order. Paths are shown as written on the command line.
    Check {
        /// `obs` (the bundled table) or CSV files, in the order the macro lists them;
        /// `-` alone reads a table from standard input.
        #[arg(value_name = "SOURCE", required = true, value_parser = Utf8Source)]
        sources: Vec<String>,
    },
    /// Write the Rust code the macro would expand to, formatted.
    ///
    /// For a generated file instead of a proc-macro (build scripts, code review). Without
    /// --runtime the code needs only `core`; with `--runtime obs_codes` it also
    /// implements `obs_codes::ErrorCode`, as `obs_codes::obs_errors!` does. Nothing is
    /// written when a source has a problem (the messages are those of `check`).
    Generate {
        /// `obs` (the bundled table) or CSV files, in order, as in the macro.
        #[arg(value_name = "SOURCE", required = true, value_parser = Utf8Source)]
        sources: Vec<String>,
        /// The enum's name.
        #[arg(long, value_name = "ENUM", default_value = obs_codes_gen::DEFAULT_NAME)]
        name: String,
        /// The enum's visibility, as written in Rust (`pub`, `pub(crate)`, `""`).
        #[arg(long, value_name = "VIS", default_value = "pub")]
        vis: String,
        /// Also implement `ErrorCode` of the `obs-codes` crate at PATH (`obs_codes`).
        #[arg(long, value_name = "PATH")]
        runtime: Option<String>,
        /// The enum's doc comment (markdown), before the generated summary; repeat for
        /// more paragraphs' lines.
        #[arg(long, value_name = "TEXT")]
        doc: Vec<String>,
        /// Write the code to FILE (replaced whole once complete, never left partial)
        /// instead of standard output.
        #[arg(short, long, value_name = "FILE.rs")]
        output: Option<PathBuf>,
    },
    /// Read the error-code tables of upstream pages and write one CSV table.
    ///
    /// Reads the error-code tables of each PAGE: the vendor's HTML (`.html`), the
    /// reStructuredText of the T-Systems copies (`.rst`: grid tables, `list-table`,
    /// simple tables) or markdown pipe tables (`.md`); that is, the SDK guides'
    /// three-column Error Code / Description / HTTP Status Code table or the API
    /// reference's Status Code / Error Code / Error Message / Solution table. Writes a table in
    /// the macro's CSV format: `code,http_status`, then `retryable,aliases` when
    /// --fixes is given, `description`, `solution` when a page has one, and `source`
    /// (the pages that list each code).
    ///
    /// Rows: those of the first page in page order, then every code a later page adds,
    /// then the rows of --extra. The first page that has a code gives its status and
    /// description, the first page with a solution for it its solution. The rows are
    /// checked as the macro checks a table; nothing is written when a page, the fixes
    /// or the curated table have a problem (exit code 2).
    #[command(
        after_long_help = "Regenerate the bundled table (from the workspace root):\n  \
                           obs-codes import tables/upstream/obs_29_1601.rst tables/upstream/obs_04_0115.rst \\\n    \
                           tables/upstream/en-us_topic_0125560440.rst tables/upstream/obs_21_2002.rst \\\n    \
                           --fixes tables/obs-fixes.csv --extra tables/obs-single-api.csv -o tables/obs.csv"
    )]
    Import {
        /// The upstream pages (reStructuredText), in order: the first has priority.
        #[arg(value_name = "PAGE", required = true)]
        pages: Vec<PathBuf>,
        /// Deliberate differences from the pages to re-apply: CSV with the header
        /// documented,code,aliases,retryable and, optionally, http_status, source and
        /// excluded. Every fix must match a code.
        #[arg(long, value_name = "FIXES.csv")]
        fixes: Option<PathBuf>,
        /// Curated rows to append after the pages' codes: a table (code, http_status,
        /// description, source, ...) of codes no page lists.
        #[arg(long, value_name = "CURATED.csv")]
        extra: Option<PathBuf>,
        /// Report on standard error which page gave each code its status, description
        /// and solution, which pages list it, and the codes left out.
        #[arg(long)]
        explain_sources: bool,
        /// Write the table to FILE (replaced whole once complete, never left partial)
        /// instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Show the codes added, removed, moved and changed from OLD to NEW.
    ///
    /// OLD and NEW are tables (`obs`, or CSV files, checked as `check` does: a table
    /// that would not compile is an error) or upstream pages (`.rst`), which are
    /// imported first. Every column the macro reads is compared; changes that break
    /// users of the enum (a removed code or alias, a renamed variant, a code moved to
    /// or from an alias) are marked `(breaking)` and counted.
    Diff {
        /// The table as it is (`obs`, CSV, or a `.rst` page).
        #[arg(value_name = "OLD", value_parser = Utf8Source)]
        old: String,
        /// The table to compare with (`obs`, CSV, or a `.rst` page).
        #[arg(value_name = "NEW", value_parser = Utf8Source)]
        new: String,
        /// Fixes to re-apply to the page arguments, as for `import`; a page is imported
        /// alone, so the fixes for codes it does not list are skipped.
        #[arg(long, value_name = "FIXES.csv")]
        fixes: Option<PathBuf>,
        /// Exit with 1 when the tables differ.
        #[arg(long)]
        exit_code: bool,
    },
}

/// A table argument: UTF-8, as the macro names its tables (a string literal). One that
/// is not is refused naming the argument, its bytes shown escaped.
#[derive(Debug, Clone, Copy)]
struct Utf8Source;

impl clap::builder::TypedValueParser for Utf8Source {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        value.to_str().map(str::to_owned).ok_or_else(|| {
            let name = arg.map_or_else(|| "SOURCE".to_owned(), ToString::to_string);
            command.clone().error(
                clap::error::ErrorKind::InvalidUtf8,
                format!(
                    "{name}: `{}` is not UTF-8: tables are named in UTF-8, as in the macro",
                    escape::path(Path::new(value))
                ),
            )
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = run(cli.command).unwrap_or_else(|error| Outcome::failed(&error));
    if let Err(error) = outcome.print(io::stdout().lock(), io::stderr().lock()) {
        let message = format!("error: cannot write to standard output: {error}\n");
        let _ = write_stream(io::stderr().lock(), message.as_bytes());
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(outcome.code)
}

fn run(command: Command) -> Result<Outcome, Error> {
    match command {
        Command::Explain { codes, tables } => explain::run(&codes, &tables),
        Command::List {
            status,
            retryable,
            format,
            tables,
        } => list::run(&tables, list::Filter { status, retryable }, format),
        Command::Check { sources } => Ok(check::run(&sources)),
        Command::Generate {
            sources,
            name,
            vis,
            runtime,
            doc,
            output,
        } => generate::run(
            &sources,
            &generate::EnumOptions {
                name: &name,
                vis: &vis,
                runtime: runtime.as_deref(),
                doc: &doc,
            },
            output.as_deref(),
        ),
        Command::Import {
            pages,
            fixes,
            extra,
            explain_sources,
            output,
        } => import::run(
            &pages,
            import::Options {
                fixes: fixes.as_deref(),
                extra: extra.as_deref(),
                explain_sources,
            },
            output.as_deref(),
        ),
        Command::Diff {
            old,
            new,
            fixes,
            exit_code,
        } => diff::run(&old, &new, fixes.as_deref(), exit_code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
