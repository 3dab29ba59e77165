//! Tokens as formatted Rust source (feature `format`).

use proc_macro2::TokenStream;

/// `attrs` with each multi-line `#[doc = "..."]` split into one attribute per line, so
/// the file shows `///` comments. (The macro joins them: one attribute per variant is
/// faster for rustc at thousands of rows.)
fn doc_lines(attrs: Vec<syn::Attribute>) -> Vec<syn::Attribute> {
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs {
        let text = match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                path,
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) if path.is_ident("doc") => text.value(),
            _ => {
                out.push(attr);
                continue;
            }
        };
        for line in text.split('\n') {
            out.push(syn::parse_quote!(#[doc = #line]));
        }
    }
    out
}

/// Lints that a macro's expansion never triggers in the caller's crate (clippy skips
/// code from external macros) but a generated file would: the shape of machine-written
/// tables (long methods, casts between the widths of packed integers, `+ 0` offsets), the
/// vendor's prose in the docs, and the hidden module's `use super::*` (the includer's
/// names, for its attributes and docs). The generated module allows them, so the file builds
/// under `#![deny(clippy::all, clippy::pedantic)]`; nothing in them is for a person to fix.
const GENERATED_CODE_LINTS: &str = "#[allow(\
    clippy::cast_lossless, \
    clippy::cast_possible_truncation, \
    clippy::doc_markdown, \
    clippy::identity_op, \
    clippy::inline_always, \
    clippy::manual_unwrap_or_default, \
    clippy::too_many_lines, \
    clippy::wildcard_imports\
)]";

/// The expansion as a formatted Rust file (prettyplease), `header` first as `//`
/// comment lines.
///
/// # Errors
///
/// When the tokens are not a Rust file; the generator's own expansion always is.
pub fn rust_file(header: &str, tokens: TokenStream) -> Result<String, syn::Error> {
    let mut file = syn::parse2::<syn::File>(tokens)?;
    let allow = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, GENERATED_CODE_LINTS)?;
    // The enum and its impls are in the expansion's hidden module: the allowances go
    // on the module, and the variants' docs are split there.
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        module.attrs.extend(allow.iter().cloned());
        for inner in module.content.iter_mut().flat_map(|(_, items)| items) {
            if let syn::Item::Enum(item) = inner {
                for variant in &mut item.variants {
                    variant.attrs = doc_lines(std::mem::take(&mut variant.attrs));
                }
            }
        }
    }
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
