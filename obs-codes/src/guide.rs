//! The user guide: the table format, the generated API, your own tables, generated
//! files, compile errors, reading responses and retry advice. Each chapter is a module
//! with no items; its Rust examples run as doctests, but for the build-script parts,
//! which `obs-codes-gen`'s docs and the repository's tests compile.
//!
//! | chapter | what it covers |
//! |---|---|
//! | [`bundled_table`] | where [`ObsErrorCode`](crate::ObsErrorCode)'s 132 codes come from, and what is left out |
//! | [`table_format`] | the CSV columns, their spellings, the markdown of descriptions, overrides |
//! | [`generated_api`] | what every generated enum has, and where it compiles |
//! | [`own_tables`] | `obs_errors!` on tables of your own, alone or on top of OBS |
//! | [`generated_files`] | the same enum as a `.rs` file: `obs-codes generate`, a build script, `include!` |
//! | [`compile_errors`] | what a bad table looks like at compile time |
//! | [`reading_responses`] | [`ObsError`](crate::ObsError) from a status, headers and a body |
//! | [`retry_advice`] | retry classes, `Retry-After`, the server's clock, error kinds |

#[doc = include_str!("guide/bundled_table.md")]
pub mod bundled_table {}

// Documented without `macros` too; its examples call the macro.
#[cfg(any(doc, feature = "macros"))]
#[doc = include_str!("guide/table_format.md")]
pub mod table_format {}

#[doc = include_str!("guide/generated_api.md")]
pub mod generated_api {}

#[cfg(any(doc, feature = "macros"))]
#[doc = include_str!("guide/own_tables.md")]
pub mod own_tables {}

#[doc = include_str!("guide/generated_files.md")]
pub mod generated_files {}

#[doc = include_str!("guide/compile_errors.md")]
pub mod compile_errors {}

// Documented without `std` too; its examples need the response reader (and one the
// macro) to run.
#[cfg(any(doc, all(feature = "std", feature = "macros")))]
#[doc = include_str!("guide/reading_responses.md")]
pub mod reading_responses {}

#[cfg(any(doc, feature = "std"))]
#[doc = include_str!("guide/retry_advice.md")]
pub mod retry_advice {}
