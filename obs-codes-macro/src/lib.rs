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
use std::sync::Mutex;

/// The enum names generated so far in this compilation (the compiler loads the macro
/// afresh for every crate it compiles): a name seen before gets a numbered hidden
/// module (see `EnumSpec::repeat_index`), so that two calls in one module clash once.
static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

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
            call.spec.repeat_index = repeat_index(&call.spec.name.to_string());
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

/// How many enums of `name` this compilation generated before, if any; records it.
fn repeat_index(name: &str) -> Option<usize> {
    // A panic elsewhere cannot leave the list half-written: a poisoned lock is as good.
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let before = names.iter().filter(|seen| *seen == name).count();
    names.push(name.to_owned());
    (before > 0).then_some(before)
}
