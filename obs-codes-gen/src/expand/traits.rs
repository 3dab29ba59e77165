//! The trait impls of the enum: `Debug`, `Display`, `FromStr`, `TryFrom<&str>`,
//! `AsRef<str>` and `Error`, each marked `#[automatically_derived]`.

use super::{Expansion, Receiver};
use crate::packed::{PackedWidth, packed};
use crate::template;
use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

impl Expansion<'_> {
    /// One item per trait, in a fixed order; `error` is the parse error's path.
    pub(super) fn trait_impls(&self, error: &TokenStream) -> [TokenStream; 6] {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let by_ref = |body| self.per_variant(Receiver::Ref, body);
        let display_body = by_ref(quote_spanned!(span=> f.write_str(self.as_str())));
        let debug_body = by_ref(self.debug_body());
        let as_ref_body = by_ref(quote_spanned!(span=> self.as_str()));
        let from_str_body = if self.catalog.entries.is_empty() {
            quote_spanned!(span=> ::core::result::Result::Err(#error::new(code)))
        } else {
            template::fill(
                span,
                r"
                match Self::from_code(code) {
                    ::core::option::Option::Some(found) => ::core::result::Result::Ok(found),
                    ::core::option::Option::None => ::core::result::Result::Err(#error::new(code)),
                }
                ",
                &[("error", &error)],
            )
        };
        [
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #debug_body
                    }
                }
                ",
                &[("name", &name), ("debug_body", &debug_body)],
            ),
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #display_body
                    }
                }
                ",
                &[("name", &name), ("display_body", &display_body)],
            ),
            // Associated types are named through their trait: `Self::Err` would be
            // ambiguous next to a variant named `Err`.
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::str::FromStr for #name {
                    type Err = #error;

                    fn from_str(
                        code: &::core::primitive::str,
                    ) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                        #from_str_body
                    }
                }
                ",
                &[
                    ("name", &name),
                    ("error", &error),
                    ("from_str_body", &from_str_body),
                ],
            ),
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl<'a> ::core::convert::TryFrom<&'a ::core::primitive::str> for #name {
                    type Error = #error;

                    fn try_from(
                        code: &'a ::core::primitive::str,
                    ) -> ::core::result::Result<
                        Self,
                        <Self as ::core::convert::TryFrom<&'a ::core::primitive::str>>::Error,
                    > {
                        <Self as ::core::str::FromStr>::from_str(code)
                    }
                }
                ",
                &[("name", &name), ("error", &error)],
            ),
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::convert::AsRef<::core::primitive::str> for #name {
                    fn as_ref(&self) -> &::core::primitive::str {
                        #as_ref_body
                    }
                }
                ",
                &[("name", &name), ("as_ref_body", &as_ref_body)],
            ),
            template::fill(
                span,
                r"
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::error::Error for #name {}
                ",
                &[("name", &name)],
            ),
        ]
    }

    /// `Debug::fmt`'s body: the variant's name, as the derive writes it. Not derived: for
    /// a fieldless enum the derive is a `match` with an arm per variant, which costs
    /// rustc 3 s of borrow checking at 10,000 variants, where this reads one string
    /// literal and a table of where each name starts.
    fn debug_body(&self) -> TokenStream {
        let span = Span::mixed_site();
        let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
        let mut names = String::new();
        let mut starts = vec![0u64];
        for entry in &self.catalog.entries {
            names.push_str(&entry.variant);
            starts.push(names.len() as u64);
        }
        let width = PackedWidth::for_max(names.len());
        let read_start = |index: TokenStream| width.read(&quote_spanned!(span=> starts), &index);
        let start = read_start(quote_spanned!(span=> index));
        let end = read_start(quote_spanned!(span=> (index + 1)));
        let starts = packed(&starts, width);
        template::fill(
            span,
            r"
            // The names side by side, and where each starts (plus where the last ends).
            // Locals, not `const` items: rustc's dead-code pass skips
            // `#[automatically_derived]` impls and would call such items unused.
            let names: &::core::primitive::str = #names;
            let starts: &[::core::primitive::u8] = #starts;
            let index = *self as #usize_ty;
            match names.get(#start as #usize_ty..#end as #usize_ty) {
                ::core::option::Option::Some(name) => f.write_str(name),
                ::core::option::Option::None => ::core::result::Result::Ok(()),
            }
            ",
            &[
                ("names", &names),
                ("starts", &starts),
                ("usize_ty", &usize_ty),
                ("start", &start),
                ("end", &end),
            ],
        )
    }
}
