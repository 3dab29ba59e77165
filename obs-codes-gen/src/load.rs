//! The stages before the expansion, run in order: read every source, parse it, check
//! all of them together.

use crate::catalog::{self, Catalog};
use crate::expand::{EnumSpec, expand};
use crate::problem::{Location, Problems};
use crate::source::{self, Source, SourceText};
use crate::table::Table;
use proc_macro2::{Span, TokenStream};
use std::path::Path;

/// The sources read, parsed and checked: the catalog of the rows that are fine, and
/// every problem found. [`expand`] takes it whole.
#[derive(Debug)]
#[non_exhaustive]
pub struct Loaded {
    /// The sources, in order, as given.
    pub sources: Vec<Source>,
    /// Each source as parsed, in order; `None` where it could not be read.
    pub tables: Vec<Option<Table>>,
    /// The checked rows of every source.
    pub catalog: Catalog,
    /// Every problem, in the order found.
    pub problems: Problems,
}

/// Reads `sources` in order (files resolved against `base`), parses and checks them.
///
/// A source that cannot be read is reported and the others still give their rows (an
/// override of a code only that source would define is then left out silently, as it
/// cannot be checked). A source listed twice is one error; its second mention is
/// ignored.
///
/// ```
/// use obs_codes_gen::Source;
/// use std::path::Path;
///
/// let loaded = obs_codes_gen::load(&[Source::from_arg("obs"), Source::from_arg("missing.csv")], Path::new("."));
/// // The bundled table's rows are kept; the missing file is one located problem.
/// assert!(loaded.catalog.entries.iter().any(|entry| entry.code == "NoSuchKey"));
/// assert_eq!(loaded.problems.len(), 1);
/// assert!(loaded.tables[1].is_none());
/// ```
#[must_use]
pub fn load(sources: &[Source], base: &Path) -> Loaded {
    let mut problems = Problems::default();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut tables: Vec<Option<Table>> = Vec::with_capacity(sources.len());
    for (index, source) in sources.iter().enumerate() {
        let identity = source_identity(source, base);
        if let Some((_, first)) = seen.iter().find(|(id, _)| *id == identity) {
            problems
                .at(
                    Location::file(source.name()),
                    format!(
                        "source `{}` is listed twice (sources {} and {})",
                        source.name(),
                        first + 1,
                        index + 1
                    ),
                )
                .hint("list each source once");
            tables.push(None);
            continue;
        }
        seen.push((identity, index));
        let mut table = None;
        if let Some(text) = source::read(source, base, &mut problems) {
            table = Some(Table::parse(&text, &mut problems));
        }
        tables.push(table);
    }
    let catalog = check_tables(&tables, &mut problems);
    Loaded {
        sources: sources.to_vec(),
        tables,
        catalog,
        problems,
    }
}

/// What makes two sources the same: the bundled table, or the file a path names.
fn source_identity(source: &Source, base: &Path) -> String {
    match source {
        Source::Bundled(_) => Source::BUNDLED_NAME.to_owned(),
        Source::File { path, .. } => {
            let joined = base.join(path);
            joined
                .canonicalize()
                .unwrap_or(joined)
                .display()
                .to_string()
        }
    }
}

/// What the macro expands to: the enum from `sources` (resolved against `base`), with
/// one `compile_error!` per problem next to it, those of the tables and those of the
/// enum's attributes: [`load`], [`EnumSpec::check`], then [`expand`].
///
/// ```
/// use obs_codes_gen::{EnumSpec, Source};
///
/// let tokens = obs_codes_gen::generate(&EnumSpec::new("Codes"), &[Source::from_arg("nope.csv")], std::path::Path::new("."));
/// // The enum is still emitted (empty), beside the error.
/// let text = tokens.to_string();
/// assert!(text.contains("enum Codes"));
/// assert!(text.contains("compile_error"));
/// ```
#[must_use]
pub fn generate(spec: &EnumSpec, sources: &[Source], base: &Path) -> TokenStream {
    let (spec, loaded) = load_checked(spec.clone(), sources, base);
    expand(&spec, &loaded)
}

/// [`load`], then [`EnumSpec::check`] against the rows: the spec as it will be expanded
/// (attributes that cannot compile removed) and every problem, of the tables and of the
/// attributes. Every front end goes through here, so all report the same problems.
pub(crate) fn load_checked(
    mut spec: EnumSpec,
    sources: &[Source],
    base: &Path,
) -> (EnumSpec, Loaded) {
    let mut loaded = load(sources, base);
    spec.check(&loaded.catalog, &mut loaded.problems);
    (spec, loaded)
}

/// [`load`] for sources already in memory, named as messages should name them: the
/// bytes go through the same decoding, parsing and checks as a file's. For tools and
/// fuzzing; nothing is read from disk. Each source is a [`Source::File`] of its name
/// (with no span: messages point at the call site).
///
/// ```
/// let loaded = obs_codes_gen::load_bytes(&[
///     ("a.csv", b"code,http_status,description\nNoSuchKey,404,No such key.\n"),
///     ("b.csv", b"code,http_status,description\nNoSuchKey,404,Again.\n"),
/// ]);
/// assert_eq!(loaded.catalog.entries.len(), 1);
/// assert_eq!(loaded.problems.iter().next().unwrap().location.as_ref().unwrap().to_string(), "b.csv:2:1");
/// ```
#[must_use]
pub fn load_bytes(named: &[(&str, &[u8])]) -> Loaded {
    let mut problems = Problems::default();
    let mut tables: Vec<Option<Table>> = Vec::with_capacity(named.len());
    let mut sources = Vec::with_capacity(named.len());
    for (name, bytes) in named {
        let mut table = None;
        if let Some(text) = source::decode(name, bytes.to_vec(), &mut problems) {
            let text = SourceText {
                name: (*name).to_owned(),
                text,
                tracked_path: None,
            };
            table = Some(Table::parse(&text, &mut problems));
        }
        tables.push(table);
        sources.push(Source::File {
            path: (*name).to_owned(),
            span: Span::call_site(),
        });
    }
    let catalog = check_tables(&tables, &mut problems);
    Loaded {
        sources,
        tables,
        catalog,
        problems,
    }
}

/// The catalog of the sources that could be read (`None` for one that could not: its
/// problem is reported, and overrides that may have been of its codes are left out).
fn check_tables(tables: &[Option<Table>], problems: &mut Problems) -> Catalog {
    let mut read: Vec<Table> = Vec::with_capacity(tables.len());
    for table in tables.iter().flatten() {
        read.push(table.clone());
    }
    let all_read = read.len() == tables.len();
    catalog::check_sources(&read, all_read, problems)
}
