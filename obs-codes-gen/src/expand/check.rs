//! The checks of the enum's declaration against its rows, before any token is
//! generated: a `#[repr(...)]` too narrow for the rows, and attributes that clash with
//! what the expansion writes itself (a derive of a trait it provides, `Default`,
//! `#[non_exhaustive]`), written directly or inside `#[cfg_attr(predicate, ...)]`.
//!
//! Each problem is spanned at the tokens it is about, and its attribute is left out of
//! the expansion, so that rustc adds no error of its own next to it.

use super::spec::{DERIVED, EnumSpec, attr_parts};
use crate::catalog::Catalog;
use crate::problem::Problems;
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

impl EnumSpec {
    /// Reports every attribute that does not fit the rows of `catalog` or clashes with
    /// the expansion into `problems`, and removes it, so that [`expand`](super::expand)
    /// emits only attributes that compile. Every front end calls this before
    /// expanding: the macro, the command and the build-script `Generator` report the
    /// same problems.
    ///
    /// ```
    /// use obs_codes_gen::{Catalog, EnumSpec, Problems};
    ///
    /// let mut spec = EnumSpec::new("Codes");
    /// spec.attrs.push(quote::quote!(#[derive(Debug, serde::Serialize)]));
    /// let mut problems = Problems::default();
    /// spec.check(&Catalog::default(), &mut problems);
    /// assert!(spec.attrs.is_empty());
    /// assert!(problems.messages()[0].starts_with("obs_errors! already derives `Debug`"));
    /// ```
    pub fn check(&mut self, catalog: &Catalog, problems: &mut Problems) {
        let rows = catalog.entries.len();
        self.attrs.retain(|attr| {
            let problem = repr_too_small(attr, rows)
                .map(|(at, message)| ([at, at], message))
                .or_else(|| {
                    let (name, rest) = attr_parts(attr)?;
                    let mut meta = vec![TokenTree::Ident(name)];
                    meta.extend(rest);
                    clash(&meta)
                });
            match problem {
                Some(([first, last], message)) => {
                    problems.in_call(first, last, message);
                    false
                }
                None => true,
            }
        });
    }
}

/// Every trait a user derive would clash with, in the order messages list them:
/// `Debug`, which the expansion writes out (its derive costs rustc seconds on a large
/// enum), then [`DERIVED`].
fn provided_traits() -> Vec<&'static str> {
    let mut traits = vec!["Debug"];
    for (_, name) in DERIVED {
        traits.push(name);
    }
    traits
}

/// A span from the first to the last token, and what to say.
type Clash = ([Span; 2], String);

/// The first clash in one attribute's contents (`name` and what follows it).
fn clash(meta: &[TokenTree]) -> Option<Clash> {
    let (first, last) = (meta.first()?, meta.last()?);
    let TokenTree::Ident(name) = first else {
        return None;
    };
    let args = match meta {
        [_, TokenTree::Group(args)] if args.delimiter() == Delimiter::Parenthesis => {
            Some(args.stream())
        }
        _ => None,
    };
    // A path such as `a::non_exhaustive` is not the attribute: only one segment is.
    let one_segment = !matches!(meta.get(1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
    if name == "non_exhaustive" && one_segment {
        return Some((
            [first.span(), last.span()],
            "the generated enum is already #[non_exhaustive]: remove this attribute".to_owned(),
        ));
    }
    let args = args?;
    if name == "cfg_attr" {
        // The predicate, then the attributes it adds.
        for meta in split_commas(args).iter().skip(1) {
            if let Some(found) = clash(meta) {
                return Some(found);
            }
        }
        return None;
    }
    if name != "derive" {
        return None;
    }
    for path in split_commas(args) {
        let (Some(first), Some(TokenTree::Ident(last_segment))) = (path.first(), path.last())
        else {
            continue;
        };
        let span = [first.span(), last_segment.span()];
        let derived = last_segment.to_string();
        let provided = provided_traits();
        if provided.contains(&derived.as_str()) {
            return Some((
                span,
                format!(
                    "obs_errors! already derives `{derived}` for the enum: remove it from this derive (the macro derives {})",
                    provided.join(", ")
                ),
            ));
        }
        if derived == "Default" {
            return Some((
                span,
                "obs_errors! cannot derive `Default`: the variants come from the table, so none can be marked #[default]; remove it and write `impl Default` by hand, naming the variant you want".to_owned(),
            ));
        }
    }
    None
}

/// The tokens between top-level commas.
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut pieces = Vec::new();
    let mut piece = Vec::new();
    for token in tokens {
        if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
            pieces.push(std::mem::take(&mut piece));
        } else {
            piece.push(token);
        }
    }
    pieces.push(piece);
    pieces
}

/// Integer reprs and how many variants each holds, counting from 0.
const REPR_CAPACITY: [(&str, u128); 10] = [
    ("u8", 1 << 8),
    ("i8", 1 << 7),
    ("u16", 1 << 16),
    ("i16", 1 << 15),
    ("u32", 1 << 32),
    ("i32", 1 << 31),
    ("u64", 1 << 64),
    ("i64", 1 << 63),
    ("u128", u128::MAX),
    ("i128", 1 << 127),
];

/// The first integer repr of [`REPR_CAPACITY`] that `wanted` accepts, with its capacity.
fn first_repr(wanted: &dyn Fn(&str, u128) -> bool) -> Option<(&'static str, u128)> {
    for (name, capacity) in REPR_CAPACITY {
        if wanted(name, capacity) {
            return Some((name, capacity));
        }
    }
    None
}

/// When `attr` is a `#[repr(...)]` naming an integer that cannot hold `rows`
/// discriminants (0 to `rows - 1`): where it is written, and what to say.
fn repr_too_small(attr: &TokenStream, rows: usize) -> Option<(Span, String)> {
    let (name, rest) = attr_parts(attr)?;
    if name != "repr" {
        return None;
    }
    let Some(TokenTree::Group(args)) = rest.into_iter().next() else {
        return None;
    };
    let rows = rows as u128;
    for token in args.stream() {
        let TokenTree::Ident(int) = token else {
            continue;
        };
        let ty = int.to_string();
        let Some((_, capacity)) = first_repr(&|name, _| name == ty) else {
            continue;
        };
        if rows <= capacity {
            continue;
        }
        let signed = ty.starts_with('i');
        let fits = match first_repr(&|name, cap| name.starts_with('i') == signed && rows <= cap) {
            Some((name, _)) => format!(": use `#[repr({name})]` or a wider integer"),
            None => String::new(),
        };
        return Some((
            int.span(),
            format!(
                "the table has {rows} rows, which do not fit `#[repr({ty})]`: the variants are numbered 0 to {}, and `{ty}` holds {capacity} of them{fits}",
                rows - 1
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::synthetic_codes;
    use quote::quote;

    /// The messages for `attrs` on an enum of `rows` rows, and the attributes kept.
    fn check(attrs: &[TokenStream], rows: usize) -> (Vec<String>, Vec<String>) {
        let table = crate::synthetic::table(&synthetic_codes(rows));
        let crate::Loaded {
            catalog,
            problems: load_problems,
            ..
        } = crate::load_bytes(&[("t.csv", table.as_bytes())]);
        assert!(load_problems.is_empty());
        let mut spec = EnumSpec {
            attrs: attrs.to_vec(),
            ..EnumSpec::new("E")
        };
        let mut problems = Problems::default();
        spec.check(&catalog, &mut problems);
        let kept = spec.attrs.iter().map(ToString::to_string).collect();
        (problems.messages(), kept)
    }

    #[test]
    fn a_repr_is_checked_against_the_rows() {
        for (repr, rows, fits) in [("i8", 128, true), ("i8", 129, false), ("u16", 300, true)] {
            let attr: TokenStream = format!("#[repr(C, {repr})]").parse().unwrap();
            let (messages, kept) = check(&[attr], rows);
            assert_eq!(messages.is_empty(), fits, "{repr} {rows}: {messages:?}");
            assert_eq!(kept.len(), usize::from(fits));
        }
        let (messages, _) = check(&[quote!(#[repr(i8)])], 200);
        assert_eq!(
            messages,
            [
                "the table has 200 rows, which do not fit `#[repr(i8)]`: the variants are numbered 0 to 199, and `i8` holds 128 of them: use `#[repr(i16)]` or a wider integer"
            ]
        );
    }

    #[test]
    fn attributes_that_clash_with_the_expansion_are_reported_and_left_out() {
        for (attr, expected) in [
            (quote!(#[derive(Debug)]), "already derives `Debug`"),
            (
                quote!(#[derive(serde::Serialize, ::core::hash::Hash)]),
                "already derives `Hash`",
            ),
            (quote!(#[derive(Default)]), "cannot derive `Default`"),
            (quote!(#[non_exhaustive]), "already #[non_exhaustive]"),
            (
                quote!(#[cfg_attr(all(), derive(serde::Serialize, Debug))]),
                "already derives `Debug`",
            ),
            (
                quote!(#[cfg_attr(test, cfg_attr(unix, non_exhaustive))]),
                "already #[non_exhaustive]",
            ),
        ] {
            let (messages, kept) = check(&[attr.clone(), quote!(#[doc = " Kept."])], 3);
            assert_eq!(messages.len(), 1, "{attr}: {messages:?}");
            assert!(messages[0].contains(expected), "{attr}: {messages:?}");
            assert_eq!(kept, ["# [doc = \" Kept.\"]"], "{attr}");
        }
    }

    #[test]
    fn other_attributes_pass_through() {
        let attrs = [
            quote!(#[derive(serde::Serialize)]),
            quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize), doc = "x")]),
            quote!(#[serde::non_exhaustive]),
            quote!(#[cfg_attr(non_exhaustive, doc = "the predicate is no attribute")]),
            quote!(#[repr(u8)]),
            quote!(#[derive()]),
        ];
        let (messages, kept) = check(&attrs, 3);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(kept.len(), attrs.len());
    }
}
