//! Stage 1: the macro's arguments.
//!
//! Three forms are accepted:
//! - `obs_errors!()`: `pub enum ObsErrorCode` from the bundled table;
//! - `obs_errors!("path.csv")`: `pub enum ObsErrorCode` from one table;
//! - `obs_errors! { #[attrs] vis enum Name { obs, "a.csv", ... } }`.
//!
//! The `obs-codes` crate's wrapper prefixes any of them with `@runtime($crate)`, so that
//! the enum also implements that crate's `ErrorCode` trait.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token, Visibility};

/// Traits the generated enum always derives, with the `core` module of each: `expand`
/// emits `::core::{module}::{name}`, and a user derive of one of them would clash.
pub const DERIVED: [(&str, &str); 7] = [
    ("clone", "Clone"),
    ("marker", "Copy"),
    ("cmp", "PartialEq"),
    ("cmp", "Eq"),
    ("hash", "Hash"),
    ("cmp", "PartialOrd"),
    ("cmp", "Ord"),
];

/// Every trait a user derive would clash with, in the order the error message lists
/// them: `Debug`, which `expand` writes out (its derive costs rustc seconds on a large
/// enum), then [`DERIVED`].
pub fn provided() -> impl Iterator<Item = &'static str> {
    std::iter::once("Debug").chain(DERIVED.iter().map(|(_, name)| *name))
}

/// The name the short forms give the enum.
pub const DEFAULT_NAME: &str = "ObsErrorCode";

/// Where the rows of the enum come from.
pub enum Source {
    /// The bundled OBS table (the identifier `obs`, or the empty call).
    Bundled(Span),
    /// A CSV file, as written in the call, resolved against `CARGO_MANIFEST_DIR`.
    File(LitStr),
}

/// The parsed call.
pub struct Input {
    /// Outer attributes and doc comments for the enum (the short forms have none).
    pub attrs: Vec<Attribute>,
    /// The enum's visibility.
    pub vis: Visibility,
    /// The enum's name.
    pub name: Ident,
    /// The sources, in order; never empty.
    pub sources: Vec<Source>,
    /// The path of the `obs-codes` crate when called through its wrapper.
    pub runtime: Option<TokenStream>,
}

/// Parses the macro's arguments.
pub fn parse(tokens: TokenStream) -> syn::Result<Input> {
    syn::parse2::<Input>(tokens)
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let runtime = parse_runtime(input)?;
        let mut parsed = Input::parse_call(input)?;
        parsed.runtime = runtime;
        Ok(parsed)
    }
}

/// `@runtime(path)`, which only the `obs-codes` wrapper writes.
fn parse_runtime(input: ParseStream<'_>) -> syn::Result<Option<TokenStream>> {
    if !input.peek(Token![@]) {
        return Ok(None);
    }
    input.parse::<Token![@]>()?;
    let keyword: Ident = input.parse()?;
    if keyword != "runtime" {
        return Err(syn::Error::new(keyword.span(), "expected `@runtime(path)`"));
    }
    let path;
    syn::parenthesized!(path in input);
    Ok(Some(path.parse()?))
}

impl Input {
    fn parse_call(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Ok(Input::short(Source::Bundled(Span::call_site())));
        }
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            if !input.is_empty() {
                return Err(input.error(
                    "unexpected tokens after the table path: obs_errors! takes one string literal, e.g. obs_errors!(\"tables/obs.csv\")",
                ));
            }
            check_path(&lit)?;
            return Ok(Input::short(Source::File(lit)));
        }
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if !input.peek(Token![enum]) {
            return Err(input.error(
                "expected a string literal path to a CSV table, e.g. obs_errors!(\"tables/obs.csv\"), or an enum: obs_errors! { pub enum Name { obs, \"tables/extra.csv\" } }",
            ));
        }
        input.parse::<Token![enum]>()?;
        let name: Ident = input.parse()?;
        if input.peek(Token![<]) {
            return Err(input.error("the generated enum cannot have generic parameters"));
        }
        let body;
        let brace = syn::braced!(body in input);
        let sources = Punctuated::<Source, Token![,]>::parse_terminated(&body)?;
        if sources.is_empty() {
            return Err(syn::Error::new(
                brace.span.join(),
                "the enum lists no tables: name at least one source, `obs` (the bundled table) or a string literal path",
            ));
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the enum"));
        }
        check_attrs(&attrs)?;
        Ok(Input {
            attrs,
            vis,
            name,
            sources: sources.into_iter().collect(),
            runtime: None,
        })
    }
}

impl Parse for Source {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            check_path(&lit)?;
            return Ok(Source::File(lit));
        }
        if input.peek(Ident) {
            let ident: Ident = input.parse()?;
            if ident == "obs" {
                return Ok(Source::Bundled(ident.span()));
            }
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "unknown source `{ident}`: write `obs` for the bundled table or a string literal path to a CSV file"
                ),
            ));
        }
        Err(input.error(
            "expected a source: `obs` for the bundled table or a string literal path to a CSV file",
        ))
    }
}

impl Input {
    fn short(source: Source) -> Self {
        Input {
            attrs: Vec::new(),
            vis: Visibility::Public(<Token![pub]>::default()),
            name: Ident::new(DEFAULT_NAME, Span::call_site()),
            sources: vec![source],
            runtime: None,
        }
    }
}

fn check_path(lit: &LitStr) -> syn::Result<()> {
    if lit.value().trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "the table path is empty: give a CSV file relative to the crate's Cargo.toml, e.g. \"tables/obs.csv\"",
        ));
    }
    Ok(())
}

/// Rejects attributes that would clash with what the macro emits itself.
fn check_attrs(attrs: &[Attribute]) -> syn::Result<()> {
    for attr in attrs {
        if attr.path().is_ident("non_exhaustive") {
            return Err(syn::Error::new_spanned(
                attr,
                "the generated enum is already #[non_exhaustive]: remove this attribute",
            ));
        }
        if !attr.path().is_ident("derive") {
            continue;
        }
        let paths = attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)?;
        for path in paths {
            let Some(last) = path.segments.last() else {
                continue;
            };
            if provided().any(|trait_name| last.ident == trait_name) {
                return Err(syn::Error::new_spanned(
                    &path,
                    format!(
                        "obs_errors! already derives `{}` for the enum: remove it from this derive (the macro derives {})",
                        last.ident,
                        provided().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn err(tokens: TokenStream) -> String {
        match parse(tokens) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn empty_call_is_the_bundled_table() {
        let input = parse(quote!()).unwrap();
        assert_eq!(input.name, DEFAULT_NAME);
        assert!(matches!(input.sources[..], [Source::Bundled(_)]));
    }

    #[test]
    fn a_literal_is_one_table() {
        let input = parse(quote!("tables/x.csv")).unwrap();
        match &input.sources[..] {
            [Source::File(lit)] => assert_eq!(lit.value(), "tables/x.csv"),
            _ => panic!("one file source expected"),
        }
    }

    #[test]
    fn the_enum_form_keeps_attributes_visibility_and_order() {
        let input = parse(quote! {
            /// Docs.
            #[repr(u16)]
            pub(crate) enum GatewayCode { obs, "a.csv", "b.csv", }
        })
        .unwrap();
        assert_eq!(input.name, "GatewayCode");
        assert_eq!(input.attrs.len(), 2);
        assert!(matches!(input.vis, Visibility::Restricted(_)));
        assert_eq!(input.sources.len(), 3);
        assert!(matches!(input.sources[0], Source::Bundled(_)));
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        assert!(err(quote!(42)).contains("expected a string literal"));
        assert!(err(quote!("a.csv" "b.csv")).contains("unexpected tokens after the table path"));
        assert!(err(quote!("")).contains("the table path is empty"));
        assert!(
            err(quote!(
                enum E {}
            ))
            .contains("lists no tables")
        );
        assert!(
            err(quote!(
                enum E {
                    s3,
                }
            ))
            .contains("unknown source `s3`")
        );
        assert!(
            err(quote!(
                #[derive(Debug)]
                enum E {
                    obs,
                }
            ))
            .contains("already derives `Debug`")
        );
        assert!(
            err(quote!(
                #[non_exhaustive]
                enum E {
                    obs,
                }
            ))
            .contains("already #[non_exhaustive]")
        );
    }

    #[test]
    fn the_wrapper_names_the_runtime_crate() {
        let input = parse(quote!(@runtime(::obs_codes) "a.csv")).unwrap();
        assert_eq!(input.runtime.unwrap().to_string(), ":: obs_codes");
        assert_eq!(input.sources.len(), 1);
        assert!(parse(quote!()).unwrap().runtime.is_none());
    }

    #[test]
    fn other_derives_pass_through() {
        let input = parse(quote!(
            #[derive(serde::Serialize)]
            enum E {
                obs,
            }
        ))
        .unwrap();
        assert_eq!(input.attrs.len(), 1);
    }
}
