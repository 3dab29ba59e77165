//! The long fixed parts of the expansion as Rust text with holes, turned into tokens
//! when the macro runs.
//!
//! `quote!` compiles every token of its body into a call, so a few hundred lines of
//! generated impls become tens of thousands of lines of machine code in this crate, and
//! their compilation was the largest single cost of building it (`docs/performance.md`).
//! A template is one string instead: it is parsed when the expansion runs, each of its
//! tokens spanned `span` as `quote_spanned!` would span them, and each hole `#name`
//! replaced by the tokens given for it, left with their own spans (as `quote_spanned!`
//! leaves interpolations).

use proc_macro2::{Group, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// `source` as tokens spanned `span`, with every `#name` replaced by the tokens of the
/// hole of that name.
///
/// The templates are this crate's own text, not input: one that does not parse is a bug
/// that the expansion tests catch, and it expands to a `compile_error!` naming the
/// template rather than panicking in a user's build.
pub(crate) fn fill(span: Span, source: &str, holes: &[(&str, &dyn ToTokens)]) -> TokenStream {
    if let Ok(parsed) = source.parse::<TokenStream>() {
        respan_and_fill(parsed, span, holes)
    } else {
        let message = format!("obs-codes-gen: a template does not parse: {source:.40}");
        quote::quote_spanned!(span=> ::core::compile_error!{ #message })
    }
}

/// Appends `item` to a comma-separated list, as `#(#items),*` would: one loop's worth of
/// code instead of a copy of `quote`'s repetition per iterator type.
pub(crate) fn push_separated(list: &mut TokenStream, item: TokenStream) {
    push_joined(list, ',', item);
}

/// Appends `item` to a list whose items `separator` (one punctuation character) joins.
pub(crate) fn push_joined(list: &mut TokenStream, separator: char, item: TokenStream) {
    if !list.is_empty() {
        list.extend([TokenTree::Punct(Punct::new(separator, Spacing::Alone))]);
    }
    list.extend(item);
}

fn respan_and_fill(
    stream: TokenStream,
    span: Span,
    holes: &[(&str, &dyn ToTokens)],
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut tokens = stream.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(ref pound) if pound.as_char() == '#' => {
                let hole = match tokens.peek() {
                    Some(TokenTree::Ident(name)) => holes.iter().find(|(hole, _)| name == hole),
                    _ => None,
                };
                if let Some((_, value)) = hole {
                    tokens.next();
                    value.to_tokens(&mut out);
                } else {
                    out.extend([respan(token, span)]);
                }
            }
            TokenTree::Group(group) => {
                let mut filled = Group::new(
                    group.delimiter(),
                    respan_and_fill(group.stream(), span, holes),
                );
                filled.set_span(span);
                out.extend([TokenTree::Group(filled)]);
            }
            other => out.extend([respan(other, span)]),
        }
    }
    out
}

fn respan(mut token: TokenTree, span: Span) -> TokenTree {
    token.set_span(span);
    token
}

#[cfg(test)]
mod tests {
    use super::fill;
    use proc_macro2::Span;
    use quote::quote;

    #[test]
    fn a_template_gives_the_tokens_quote_gives() {
        let name = quote!(Code);
        let max = 64_usize;
        let from_template = fill(
            Span::call_site(),
            "#[derive(::core::clone::Clone)] struct #name { prefix: [u8; #max], f: fn(&str) -> bool }",
            &[("name", &name), ("max", &max)],
        );
        let from_quote = quote! {
            #[derive(::core::clone::Clone)] struct Code { prefix: [u8; 64usize], f: fn(&str) -> bool }
        };
        assert_eq!(from_template.to_string(), from_quote.to_string());
    }

    #[test]
    fn a_template_that_does_not_parse_is_a_compile_error() {
        let tokens = fill(Span::call_site(), "impl { (", &[]);
        assert!(
            tokens.to_string().starts_with(":: core :: compile_error !"),
            "{tokens}"
        );
    }
}
