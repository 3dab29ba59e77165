//! The generator behind `obs_errors!` and the `obs-codes` command: everything about
//! the table format, in one place.
//!
//! Data flows one way, one module per stage, each a plain function over plain values
//! and `proc_macro2` tokens, so the macro, the command, build scripts and tests share
//! them:
//!
//! [`source`] (a file or the bundled table, as text) -> [`table`] (rows, every cell
//! with its line and column) -> [`catalog`] (every per-row and cross-row check; the
//! checked entries) -> [`expand`](mod@expand) (the enum, its impls, its docs and the
//! perfect hash behind `from_code`, as tokens). Problems from every stage gather in
//! [`Problems`] and are reported together; [`markdown`] is the dialect of descriptions
//! and solutions (only `**strong**` emphasises, in the docs and in their plain text)
//! and [`write`](mod@write) writes a table back as CSV.
//!
//! With the `format` feature, the tokens become formatted Rust source and [`Generator`] is
//! the build-script API. The `bench-internals` feature adds `synthetic`, the benchmarks'
//! data; it is not part of the stable API.
//!
//! ```
//! use obs_codes_gen::{EnumSpec, Source};
//!
//! let loaded = obs_codes_gen::load(&[Source::from_arg("obs")], std::path::Path::new("."));
//! assert!(loaded.problems.is_empty());
//! assert_eq!(loaded.catalog.entries[0].code, "AccessDenied");
//! let tokens = obs_codes_gen::expand(
//!     &EnumSpec::new("ObsErrorCode"),
//!     &loaded.sources,
//!     &loaded.catalog,
//!     &loaded.problems,
//! );
//! assert!(tokens.to_string().contains("enum ObsErrorCode"));
//! ```

pub mod catalog;
pub mod expand;
#[cfg(feature = "format")]
pub(crate) mod format;
#[cfg(feature = "format")]
mod generator;
pub(crate) mod identifier;
pub mod markdown;
#[cfg(feature = "format")]
mod output;
mod packed;
pub(crate) mod perfect_hash;
pub mod problem;
pub mod source;
pub mod suggest;
#[cfg(any(test, feature = "bench-internals"))]
pub mod synthetic;
pub mod table;
mod template;
pub mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod test_support;

pub use catalog::{Catalog, Entry};
pub use expand::{EnumSpec, expand};
#[cfg(feature = "format")]
pub use generator::{GenerateError, Generated, Generator};
#[cfg(feature = "format")]
pub use output::{WriteError, write_file};
pub use problem::{Location, Problem, Problems};
pub use source::Source;
pub use table::{HttpStatus, Row, Table};

use std::path::Path;

/// The sources read, parsed and checked: the catalog of the rows that are fine, and
/// every problem found.
#[derive(Debug)]
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
#[must_use]
pub fn load(sources: &[Source], base: &Path) -> Loaded {
    let mut problems = Problems::default();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let tables: Vec<Option<Table>> = sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
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
                return None;
            }
            seen.push((identity, index));
            source::read(source, base, &mut problems).map(|text| table::parse(&text, &mut problems))
        })
        .collect();
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
        Source::Bundled(_) => source::BUNDLED_NAME.to_owned(),
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
/// enum's attributes ([`EnumSpec::check`]).
#[must_use]
pub fn generate(spec: &EnumSpec, sources: &[Source], base: &Path) -> proc_macro2::TokenStream {
    let mut loaded = load(sources, base);
    let mut spec = spec.clone();
    spec.check(&loaded.catalog, &mut loaded.problems);
    expand(&spec, &loaded.sources, &loaded.catalog, &loaded.problems)
}

/// [`load`] for sources already in memory, named as messages should name them: the
/// bytes go through the same decoding, parsing and checks as a file's. For tools and
/// fuzzing; nothing is read from disk.
#[must_use]
pub fn load_bytes(named: &[(&str, &[u8])]) -> (Catalog, Problems) {
    let mut problems = Problems::default();
    let tables: Vec<Option<Table>> = named
        .iter()
        .map(|(name, bytes)| {
            source::decode(name, bytes.to_vec(), &mut problems).map(|text| {
                let text = source::SourceText {
                    name: (*name).to_owned(),
                    text,
                    tracked_path: None,
                };
                table::parse(&text, &mut problems)
            })
        })
        .collect();
    let catalog = check_tables(&tables, &mut problems);
    (catalog, problems)
}

/// The catalog of the sources that could be read (`None` for one that could not: its
/// problem is reported, and overrides that may have been of its codes are left out).
fn check_tables(tables: &[Option<Table>], problems: &mut Problems) -> Catalog {
    let read: Vec<Table> = tables.iter().flatten().cloned().collect();
    let all_read = read.len() == tables.len();
    catalog::check_sources(&read, all_read, problems)
}
