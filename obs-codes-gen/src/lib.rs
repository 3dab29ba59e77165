//! The generator behind `obs_errors!` and the `obs-codes` command: everything about
//! the table format, in one place.
//!
//! # The pipeline
//!
//! Data flows one way, each stage a plain function over plain values and `proc_macro2`
//! tokens, so the macro, the command, build scripts and tests share them:
//!
//! 1. A [`Source`] (the bundled table or a CSV file) is read as a [`SourceText`].
//! 2. [`Table::parse`] makes it a [`Table`] of [`Row`]s, every [`Cell`] with its
//!    [`Location`] ([`Record::read_all`] is the CSV reader underneath).
//! 3. [`Catalog::check`] runs every per-row and cross-row check and keeps the rows that
//!    pass as the [`Entry`]s of a [`Catalog`].
//! 4. [`expand`] turns the catalog into tokens: the enum, its impls, its docs and the
//!    perfect hash behind `from_code`.
//!
//! [`load`] (files) and [`load_bytes`] (bytes in memory) run stages 1 to 3 and give a
//! [`Loaded`]; [`generate`] is what the macro expands to. Problems from every stage
//! gather in [`Problems`] and are reported together. [`to_csv`] writes rows back as a
//! table, [`plain_text`] is the text of a description or solution (and documents the
//! markdown dialect), [`closest`] finds "did you mean" suggestions.
//!
//! With the `format` feature, [`Generator`] is the build-script API: the tokens become
//! a formatted Rust file, written with [`write_file`], the one safe writer that the
//! command uses too.
//!
//! ```
//! use obs_codes_gen::{EnumSpec, Source};
//!
//! let loaded = obs_codes_gen::load(&[Source::from_arg("obs")], std::path::Path::new("."));
//! assert!(loaded.problems.is_empty());
//! assert_eq!(loaded.catalog.entries[0].code, "AccessDenied");
//! let tokens = obs_codes_gen::expand(&EnumSpec::new("ObsErrorCode"), &loaded);
//! assert!(tokens.to_string().contains("enum ObsErrorCode"));
//! ```

mod catalog;
mod expand;
#[cfg(feature = "format")]
mod format;
#[cfg(feature = "format")]
mod generator;
mod identifier;
mod index_order;
mod load;
mod markdown;
#[cfg(feature = "format")]
mod output;
mod packed;
mod perfect_hash;
mod problem;
mod source;
mod suggest;
// Benchmark data, for this crate's benchmarks and the workspace's bench crate: not
// part of the API, so not documented.
#[cfg(any(test, feature = "bench-internals"))]
#[doc(hidden)]
pub mod synthetic;
mod table;
mod template;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod test_support;

pub use catalog::{Catalog, Entry, is_invisible};
pub use expand::{DEFAULT_NAME, EnumSpec, Output, expand};
#[cfg(feature = "format")]
pub use generator::{GenerateError, Generated, Generator};
pub use load::{Loaded, generate, load, load_bytes};
pub use markdown::{code_span, plain_text};
#[cfg(feature = "format")]
pub use output::{WriteError, write_file};
pub use problem::{Location, Problem, Problems};
pub use source::{Source, SourceText};
pub use suggest::{SuggestionLimits, closest};
pub use table::{Cell, Column, HttpStatus, Record, Row, StatusError, Table};
pub use write::to_csv;
