//! Tokens as formatted Rust source (feature `format`).

use proc_macro2::TokenStream;

/// The expansion as a formatted Rust file (prettyplease), `header` first as `//`
/// comment lines.
///
/// # Errors
///
/// When the tokens are not a Rust file; the generator's own expansion always is.
pub fn rust_file(header: &str, tokens: TokenStream) -> Result<String, syn::Error> {
    let file = syn::parse2::<syn::File>(tokens)?;
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&prettyplease::unparse(&file));
    Ok(out)
}
