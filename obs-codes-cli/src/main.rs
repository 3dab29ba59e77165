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
use obs_codes_cli::diagnostic::{Error, read_text};
use obs_codes_cli::{diff, explain, fixes, inputs, list, merge, output};
use obs_codes_gen::{Generator, Loaded};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code for a negative answer: an unknown code, or differences with `--exit-code`.
const EXIT_NEGATIVE: u8 = 1;
/// Exit code for an error: invalid or unreadable input, unwritable output, bad usage.
const EXIT_ERROR: u8 = 2;

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
        #[arg(long = "table", value_name = "SOURCE")]
        tables: Vec<String>,
    },
    /// List the codes, optionally filtered.
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
        /// The tables to list, in order, as in the macro (default: `obs`, the bundled
        /// table).
        #[arg(long = "table", value_name = "SOURCE")]
        tables: Vec<String>,
    },
    /// Check tables as the macro does: print its messages, exit 2 if they would not compile.
    ///
    /// Reads the sources in order, exactly as `obs_errors!` reads them, and prints the
    /// compiler's messages (`error: path:line:col: message`, then its help line), in
    /// the compiler's order. Paths are shown as written on the command line.
    Check {
        /// `obs` (the bundled table) or CSV files, in the order the macro lists them.
        #[arg(value_name = "SOURCE", required = true)]
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
        #[arg(value_name = "SOURCE", required = true)]
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
    /// Reads the reStructuredText grid tables of each PAGE (the SDK guides' three-column
    /// Error Code / Description / HTTP Status Code table, or the API reference's
    /// Status Code / Error Code / Error Message / Solution table) and writes a table in
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
        #[arg(value_name = "PAGE.rst", required = true)]
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
        #[arg(value_name = "OLD")]
        old: String,
        /// The table to compare with (`obs`, CSV, or a `.rst` page).
        #[arg(value_name = "NEW")]
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
        let _ = writeln!(stderr, "{error}");
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
        Command::Explain { codes, tables } => explain(&codes, &tables),
        Command::List {
            status,
            retryable,
            format,
            tables,
        } => {
            let loaded = inputs::load(&inputs::or_bundled(&tables))?;
            let codes = list::codes(&loaded.catalog, list::Filter { status, retryable });
            Ok(Outcome {
                stdout: list::render(&codes, format).into_bytes(),
                ..Outcome::default()
            })
        }
        Command::Check { sources } => Ok(check(&sources)),
        Command::Generate {
            sources,
            name,
            vis,
            runtime,
            doc,
            output,
        } => generate(
            &sources,
            &EnumOptions {
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
        } => import(
            &pages,
            Options {
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
        } => diff(&old, &new, fixes.as_deref(), exit_code),
    }
}

fn explain(codes: &[String], tables: &[String]) -> Result<Outcome, Error> {
    let sources = inputs::or_bundled(tables);
    let loaded = inputs::load(&sources)?;
    let bundled_only = sources == [obs_codes_gen::Source::BUNDLED_NAME];
    let list_command = if bundled_only {
        "obs-codes list".to_owned()
    } else {
        let options: Vec<String> = sources.iter().map(|s| format!("--table {s}")).collect();
        format!("obs-codes list {}", options.join(" "))
    };
    let explained = explain::explain(
        explain::Tables {
            catalog: &loaded.catalog,
            enum_name: bundled_only.then_some(obs_codes_gen::DEFAULT_NAME),
            list_command: &list_command,
        },
        codes,
    );
    // Each answer to its stream in argument order, so that output follows the arguments.
    explained
        .print(io::stdout().lock(), io::stderr().lock())
        .map_err(|error| Error::Usage(format!("cannot write to standard output: {error}")))?;
    Ok(Outcome {
        code: if explained.all_known {
            0
        } else {
            EXIT_NEGATIVE
        },
        ..Outcome::default()
    })
}

/// `check`: the compiler's messages on standard error; a count of the codes when the
/// tables would compile.
fn check(sources: &[String]) -> Outcome {
    match inputs::load(sources) {
        Ok(loaded) => Outcome {
            stdout: format!(
                "{}: {} codes, no problems\n",
                sources.join(", "),
                loaded.catalog.entries.len()
            )
            .into_bytes(),
            ..Outcome::default()
        },
        Err(error) => Outcome {
            stderr: format!("{error}\n"),
            code: EXIT_ERROR,
            ..Outcome::default()
        },
    }
}

/// The options of `generate` that shape the enum.
struct EnumOptions<'a> {
    name: &'a str,
    vis: &'a str,
    runtime: Option<&'a str>,
    doc: &'a [String],
}

/// `text` as one shell word in single quotes.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn generate(
    sources: &[String],
    options: &EnumOptions<'_>,
    output: Option<&Path>,
) -> Result<Outcome, Error> {
    let &EnumOptions {
        name,
        vis,
        runtime,
        doc,
    } = options;
    // Checked first, so that problems read exactly as `check` prints them.
    inputs::load(sources)?;
    let mut command = vec!["obs-codes generate".to_owned()];
    command.extend(sources.iter().cloned());
    if name != obs_codes_gen::DEFAULT_NAME {
        command.push(format!("--name {name}"));
    }
    if vis != "pub" {
        command.push(format!("--vis {}", shell_quoted(vis)));
    }
    if let Some(runtime) = runtime {
        command.push(format!("--runtime {runtime}"));
    }
    for text in doc {
        command.push(format!("--doc {}", shell_quoted(text)));
    }
    let header = format!(
        "@generated by `{}`: do not edit; run it again to regenerate.\nThe enum `{name}` from {}, as `obs_errors!` expands it.",
        command.join(" "),
        sources.join(", ")
    );
    let mut generator = Generator::new(name).vis(vis).base_dir(".").header(&header);
    for source in sources {
        generator = generator.source(source);
    }
    if let Some(runtime) = runtime {
        generator = generator.runtime(runtime);
    }
    for line in doc.iter().flat_map(|text| text.lines()) {
        generator = generator.doc(line);
    }
    let generated = generator
        .generate()
        .map_err(|error| Error::Usage(error.to_string()))?;
    write_out(generated.code.into_bytes(), output, None, &generated.inputs)
}

/// `bytes` to `output` (atomically, refusing any of `inputs`, with `done` on standard
/// error), or to standard output.
fn write_out(
    bytes: Vec<u8>,
    output: Option<&Path>,
    done: Option<String>,
    inputs: &[PathBuf],
) -> Result<Outcome, Error> {
    match output {
        Some(path) => {
            output::write_file(path, &bytes, inputs)?;
            Ok(Outcome {
                stderr: done
                    .map(|d| format!("{d} to {}\n", path.display()))
                    .unwrap_or_default(),
                ..Outcome::default()
            })
        }
        None => Ok(Outcome {
            stdout: bytes,
            ..Outcome::default()
        }),
    }
}

/// The fixes of `--fixes`, read.
fn read_fixes(path: &Path) -> Result<Vec<fixes::Fix>, Error> {
    let text = read_text(path)?;
    Ok(fixes::read(&path.display().to_string(), &text)?)
}

/// The options of `import` besides its pages and output.
#[derive(Clone, Copy)]
struct Options<'a> {
    fixes: Option<&'a Path>,
    extra: Option<&'a Path>,
    explain_sources: bool,
}

fn import(
    pages: &[PathBuf],
    options: Options<'_>,
    output: Option<&Path>,
) -> Result<Outcome, Error> {
    for page in pages {
        if !is_page(&page.to_string_lossy()) {
            return Err(Error::Usage(format!(
                "`import` reads an upstream page in reStructuredText (a `.rst` file), and `{}` is not one; to check a CSV table, run `obs-codes check {}`",
                page.display(),
                page.display()
            )));
        }
    }
    let fixes = options.fixes.map(read_fixes).transpose()?;
    let imported = inputs::import(inputs::Request {
        pages,
        fixes: fixes.as_deref(),
        curated: options.extra,
        strictness: merge::Fixes::Every,
    })?;
    let done = format!("wrote {} codes", imported.catalog.entries.len());
    let mut inputs = pages.to_vec();
    inputs.extend(
        options
            .fixes
            .into_iter()
            .chain(options.extra)
            .map(Path::to_path_buf),
    );
    let mut outcome = write_out(imported.csv.into_bytes(), output, Some(done), &inputs)?;
    let sources = if options.explain_sources {
        imported.sources
    } else {
        String::new()
    };
    outcome.stderr = imported.warnings + &sources + &outcome.stderr;
    Ok(outcome)
}

/// One side of a diff: its codes, and the warnings of importing it.
struct Side {
    codes: Vec<diff::Code>,
    warnings: String,
}

/// A table's codes, each with its row's `override` cell.
fn codes_of(loaded: &Loaded) -> Vec<diff::Code> {
    let overrides: std::collections::HashSet<&str> = loaded
        .tables
        .iter()
        .flatten()
        .flat_map(|t| &t.rows)
        .filter(|r| r.is_override)
        .map(|r| r.code.value.as_str())
        .collect();
    loaded
        .catalog
        .entries
        .iter()
        .map(|entry| diff::Code {
            is_override: overrides.contains(entry.code.as_str()),
            entry: entry.clone(),
        })
        .collect()
}

fn diff(old: &str, new: &str, fixes: Option<&Path>, exit_code: bool) -> Result<Outcome, Error> {
    if fixes.is_some() && !is_page(old) && !is_page(new) {
        return Err(Error::Usage(
            "--fixes applies to an upstream page (.rst), and neither table is one".to_owned(),
        ));
    }
    let fixes = fixes.map(read_fixes).transpose()?;
    let load = |arg: &str| -> Result<Side, Error> {
        if is_page(arg) {
            let pages = [PathBuf::from(arg)];
            let imported = inputs::import(inputs::Request {
                pages: &pages,
                fixes: fixes.as_deref(),
                curated: None,
                strictness: merge::Fixes::Present,
            })?;
            let codes = imported
                .catalog
                .entries
                .into_iter()
                .map(|entry| diff::Code {
                    entry,
                    is_override: false,
                })
                .collect();
            Ok(Side {
                codes,
                warnings: imported.warnings,
            })
        } else {
            let loaded = inputs::load(&[arg.to_owned()])?;
            Ok(Side {
                codes: codes_of(&loaded),
                warnings: String::new(),
            })
        }
    };
    // Read both before failing, so that every problem is reported at once.
    let (before, after) = match (load(old), load(new)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(a), Err(b)) => return Err(a.join(b)),
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let changes = diff::compare(&before.codes, &after.codes);
    let text = diff::render(
        &changes,
        (old, before.codes.len()),
        (new, after.codes.len()),
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

/// True when `arg` names an upstream page rather than a table.
fn is_page(arg: &str) -> bool {
    Path::new(arg)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("rst"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use obs_codes_cli::{markup, rst};
    use obs_codes_gen::Entry;

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

    const SEED_CSV: &str = "# comment\ncode,http_status,retryable,aliases,description,variant\n\
        A,400,,X|Y,\"quoted, \"\"text\"\"\n\nmore\",\nB,N/A,true,,plain,Bee\n";

    const SEED_FIXES: &str = "# c\ndocumented,code,aliases,retryable\nA B,AB,X|Y,true\n";

    /// Every line of `text` can be pointed at: lines end at LF, CR or CRLF.
    fn line_count(text: &str) -> usize {
        obs_codes_gen::Location::line_column(text, text.len()).0
    }

    /// The line of every `error: NAME:LINE:COL:` diagnostic in `lines`.
    fn reported_lines(name: &str, lines: &[String]) -> Vec<usize> {
        let prefix = format!("error: {name}:");
        lines
            .iter()
            .filter_map(|l| l.strip_prefix(&prefix))
            .filter_map(|rest| rest.split(':').next()?.parse().ok())
            .collect()
    }

    /// What a client sees of each code: the fields `from_code` callers read.
    fn fields(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                format!(
                    "{} {} {:?} {:?} {} {:?} {:?}",
                    e.code, e.variant, e.aliases, e.status, e.retryable, e.description, e.solution
                )
            })
            .collect()
    }

    #[test]
    fn the_seeds_are_valid() {
        let imported = inputs::import_text("p.rst", SEED_PAGE, None).map_err(|e| e.to_string());
        let codes: Vec<(String, String)> = imported
            .map(|i| {
                i.catalog
                    .entries
                    .into_iter()
                    .map(|e| (e.code, e.status.map(|s| s.to_string()).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            codes,
            [("A".into(), "400".into()), ("B".into(), "400".into())]
        );
        let obs_codes_gen::Loaded {
            catalog, problems, ..
        } = obs_codes_gen::load_bytes(&[("t.csv", SEED_CSV.as_bytes())]);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        assert_eq!(catalog.entries.len(), 2);
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
        proptest::sample::select("+-=| \n\r\t`:\\*_<>\",#.()aB1é".chars().collect::<Vec<_>>())
    }

    proptest::proptest! {
        #[test]
        fn imported_pages_read_back_or_are_located(
            edits in proptest::collection::vec((0usize..400, 0u8..3, markup_char()), 0..12)
        ) {
            let text = mutate(SEED_PAGE, &edits);
            match inputs::import_text("p.rst", &text, None) {
                Ok(imported) => {
                    // What import writes, the macro reads: the same codes.
                    let obs_codes_gen::Loaded {
            catalog: again, problems, ..
        } =
                        obs_codes_gen::load_bytes(&[("out.csv", imported.csv.as_bytes())]);
                    proptest::prop_assert!(problems.is_empty(), "{:?}", problems.messages());
                    proptest::prop_assert_eq!(fields(&again.entries), fields(&imported.catalog.entries));
                }
                Err(Error::Invalid(lines)) => {
                    let reported = reported_lines("p.rst", &lines);
                    proptest::prop_assert!(!reported.is_empty(), "{lines:?}");
                    for line in reported {
                        proptest::prop_assert!(line >= 1 && line <= line_count(&text), "{lines:?}");
                    }
                }
                Err(other) => proptest::prop_assert!(false, "{other}"),
            }
        }

        #[test]
        fn accepted_tables_round_trip_and_problems_are_located(
            edits in proptest::collection::vec((0usize..200, 0u8..3, markup_char()), 0..12)
        ) {
            let text = mutate(SEED_CSV, &edits);
            let obs_codes_gen::Loaded {
            catalog, problems, ..
        } = obs_codes_gen::load_bytes(&[("t.csv", text.as_bytes())]);
            if problems.is_empty() {
                let rows = inputs::rows_of(&catalog);
                let written = obs_codes_gen::to_csv(&obs_codes_gen::Column::used_by(&rows), &rows);
                let obs_codes_gen::Loaded {
            catalog: again, problems, ..
        } = obs_codes_gen::load_bytes(&[("t.csv", written.as_bytes())]);
                proptest::prop_assert!(problems.is_empty(), "{:?}", problems.messages());
                proptest::prop_assert_eq!(fields(&again.entries), fields(&catalog.entries));
            } else {
                for (line, column, message) in problems.iter_located() {
                    proptest::prop_assert!(line <= line_count(&text) && column >= 1, "{message}");
                }
            }
        }

        #[test]
        fn fixes_are_read_or_located(
            edits in proptest::collection::vec((0usize..200, 0u8..3, markup_char()), 0..12)
        ) {
            let text = mutate(SEED_FIXES, &edits);
            match fixes::read("f.csv", &text) {
                Ok(fixes) => {
                    for fix in fixes {
                        proptest::prop_assert!(fix.documented.at.line <= line_count(&text));
                    }
                }
                Err(problems) => {
                    proptest::prop_assert!(!problems.is_empty());
                    for (line, column, message) in problems.iter_located() {
                        proptest::prop_assert!(line <= line_count(&text) && column >= 1, "{message}");
                    }
                }
            }
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
            let _ = inputs::import_text("p.rst", &text, None);
            let _ = obs_codes_gen::load_bytes(&[("t.csv", text.as_bytes())]);
            let _ = fixes::read("f.csv", &text);
        }
    }

    #[test]
    fn pages_are_told_by_their_extension() {
        assert!(is_page("x/obs_29_1601.rst"));
        assert!(is_page("PAGE.RST"));
        assert!(!is_page("tables/obs.csv"));
        assert!(!is_page("obs"));
    }
}
