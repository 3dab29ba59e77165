//! `obs_errors!`: typed error-code enums from CSV tables, generated at compile time.
//!
//! A thin shim: [`input`](self) parses the call with syn; everything about the
//! tables (reading, checking, code generation) is the `obs-codes-gen` library's, which
//! the `obs-codes` command and build scripts share.
//!
//! Use it through the `obs-codes` crate, which re-exports the macro as
//! `obs_codes::obs_errors!`. Its guide documents the
//! [table format](https://docs.rs/obs-codes/latest/obs_codes/guide/table_format/index.html),
//! the [generated API](https://docs.rs/obs-codes/latest/obs_codes/guide/generated_api/index.html)
//! and [what a bad table reports](https://docs.rs/obs-codes/latest/obs_codes/guide/compile_errors/index.html).

mod input;

use proc_macro::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Numbers the calls of one compilation, so each expansion's hidden module has a name
/// of its own (the compiler loads the macro afresh for every crate it compiles).
static CALLS: AtomicUsize = AtomicUsize::new(0);

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
    match input::parse(input.into()) {
        Ok(mut call) => {
            call.spec.call_index = Some(CALLS.fetch_add(1, Ordering::Relaxed));
            obs_codes_gen::generate(
                &call.spec,
                &call.sources,
                std::path::Path::new(&manifest_dir),
            )
            .into()
        }
        Err(error) => error.to_compile_error().into(),
    }
}
