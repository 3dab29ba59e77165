//! `obs_errors!`: typed error-code enums from CSV tables, generated at compile time.
//!
//! The pipeline runs one way, one module per stage, each a plain function over
//! `proc_macro2` values so that unit tests call it directly:
//! `input` (the call) -> `source` (the text) -> `table` (rows with positions) ->
//! `valid` (checked catalog) -> `expand` (tokens, built with `lookup` and `docs`).
//! Problems from every stage gather in `diag::Problems` and are reported together.
//!
//! Use it through the `obs-codes` crate, which re-exports the macro and documents the
//! table format and the generated API.

mod diag;
mod docs;
mod expand;
mod input;
mod lookup;
mod source;
mod table;
mod valid;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod test_support;

use proc_macro::TokenStream;

/// Generates an error-code enum from CSV tables.
///
/// - `obs_errors!()`: `pub enum ObsErrorCode` from the bundled OBS table.
/// - `obs_errors!("tables/codes.csv")`: `pub enum ObsErrorCode` from a table, resolved
///   against the calling crate's `CARGO_MANIFEST_DIR`.
/// - `obs_errors! { /// docs
///   #[attrs] pub enum Name { obs, "tables/extra.csv" } }`: a named enum from several
///   sources in order (`obs` is the bundled table); later rows may replace earlier
///   codes with `override` set to `true`.
///
/// See the `obs-codes` crate for the table format and the generated API.
#[proc_macro]
pub fn obs_errors(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    expand::generate(input.into(), std::path::Path::new(&manifest_dir)).into()
}
