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
    // Every generated item gets the allowances (the enum and its impls are written in
    // place, the parse error in a hidden module), and the variants' docs are split
    // wherever the enum is.
    for item in &mut file.items {
        let attrs = match item {
            syn::Item::Mod(module) => {
                for inner in module.content.iter_mut().flat_map(|(_, items)| items) {
                    split_variant_docs(inner);
                }
                &mut module.attrs
            }
            syn::Item::Enum(item) => &mut item.attrs,
            syn::Item::Impl(item) => &mut item.attrs,
            syn::Item::Const(item) => &mut item.attrs,
            _ => continue,
        };
        attrs.extend(allow.iter().cloned());
        split_variant_docs(item);
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

/// One `#[doc]` attribute per line on each variant of `item`, if it is an enum.
fn split_variant_docs(item: &mut syn::Item) {
    if let syn::Item::Enum(item) = item {
        for variant in &mut item.variants {
            variant.attrs = doc_lines(std::mem::take(&mut variant.attrs));
        }
    }
}
