//! Stage 1: the macro's arguments.
//!
//! Three forms are accepted:
//! - `obs_errors!()`: `pub enum ObsErrorCode` from the bundled table;
//! - `obs_errors!("path.csv")`: `pub enum ObsErrorCode` from one table;
//! - `obs_errors! { #[attrs] vis enum Name { obs, "a.csv", ... } }`.
//!
//! The `obs-codes` crate's wrapper prefixes any of them with `@runtime($crate)`, so that
//! the enum also implements that crate's `ErrorCode` trait.
//!
//! Only the call's syntax is checked here: what its attributes mean next to the rows
//! (a `#[repr]` too narrow, a derive the expansion provides) is the generator's check
//! stage, `EnumSpec::check`, which the command and build scripts share.

use obs_codes_gen::DEFAULT_NAME;
use obs_codes_gen::{EnumSpec, Source};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token, Visibility};

/// The parsed call: the enum to generate and where its rows come from.
pub struct Input {
    /// Name, visibility, attributes and runtime path of the enum.
    pub spec: EnumSpec,
    /// The sources, in order; never empty.
    pub sources: Vec<Source>,
}

/// Parses the macro's arguments.
pub fn parse(tokens: TokenStream) -> syn::Result<Input> {
    syn::parse2::<Input>(tokens)
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let runtime = parse_runtime(input)?;
        let mut parsed = Input::parse_call(input)?;
        parsed.spec.runtime = runtime;
        Ok(parsed)
    }
}

/// A source as the call writes it.
struct SourceArg(Source);

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
            return Ok(Input::short(file(&lit)));
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
        let sources = Punctuated::<SourceArg, Token![,]>::parse_terminated(&body)?;
        if sources.is_empty() {
            return Err(syn::Error::new(
                brace.span.join(),
                "the enum lists no tables: name at least one source, `obs` (the bundled table) or a string literal path",
            ));
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the enum"));
        }
        Ok(Input {
            spec: EnumSpec {
                attrs: attrs.iter().map(ToTokens::to_token_stream).collect(),
                vis: vis.to_token_stream(),
                name,
                runtime: None,
                output: obs_codes_gen::Output::Macro,
                repeat_index: None,
            },
            sources: sources.into_iter().map(|arg| arg.0).collect(),
        })
    }
}

impl Parse for SourceArg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            check_path(&lit)?;
            return Ok(SourceArg(file(&lit)));
        }
        if input.peek(Ident) {
            let ident: Ident = input.parse()?;
            if ident == "obs" {
                return Ok(SourceArg(Source::Bundled(ident.span())));
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
            spec: EnumSpec::new(DEFAULT_NAME),
            sources: vec![source],
        }
    }
}

fn file(lit: &LitStr) -> Source {
    Source::File {
        path: lit.value(),
        span: lit.span(),
    }
}

fn check_path(lit: &LitStr) -> syn::Result<()> {
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "unexpected suffix `{}` after the table path: write the path as a plain string literal",
                lit.suffix()
            ),
        ));
    }
    if lit.value().trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "the table path is empty: give a CSV file relative to the crate's Cargo.toml, e.g. \"tables/obs.csv\"",
        ));
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
        assert_eq!(input.spec.name, DEFAULT_NAME);
        assert!(matches!(input.sources[..], [Source::Bundled(_)]));
    }

    #[test]
    fn a_literal_is_one_table() {
        let input = parse(quote!("tables/x.csv")).unwrap();
        match &input.sources[..] {
            [Source::File { path, .. }] => assert_eq!(path, "tables/x.csv"),
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
        assert_eq!(input.spec.name, "GatewayCode");
        assert_eq!(input.spec.attrs.len(), 2);
        assert_eq!(input.spec.vis.to_string(), "pub (crate)");
        assert_eq!(input.sources.len(), 3);
        assert!(matches!(input.sources[0], Source::Bundled(_)));
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        assert!(err(quote!(42)).contains("expected a string literal"));
        assert!(err(quote!("a.csv" "b.csv")).contains("unexpected tokens after the table path"));
        assert!(err(quote!("")).contains("the table path is empty"));
        let suffixed: TokenStream = "\"t/a.csv\"suffix".parse().unwrap();
        assert!(err(suffixed).contains("unexpected suffix `suffix` after the table path"));
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
    }

    #[test]
    fn the_wrapper_names_the_runtime_crate() {
        let input = parse(quote!(@runtime(::obs_codes) "a.csv")).unwrap();
        assert_eq!(input.spec.runtime.unwrap().to_string(), ":: obs_codes");
        assert_eq!(input.sources.len(), 1);
        assert!(parse(quote!()).unwrap().spec.runtime.is_none());
    }
}
