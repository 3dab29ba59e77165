//! The inherent impl: `ALL`, `COUNT`, the column methods and `from_code`.

use super::{Expansion, Receiver};
use crate::markdown;
use crate::perfect_hash;
use crate::template;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote_spanned;

impl Expansion<'_> {
    /// `impl {name} { ALL, COUNT, methods, from_code }`.
    pub(super) fn inherent_impl(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let mut all = TokenStream::new();
        for variant in self.variants() {
            template::push_separated(&mut all, quote_spanned!(span=> #name::#variant));
        }
        // Unsuffixed, so that rustdoc shows `COUNT: usize = 3`, not `3usize`.
        let count = self.catalog.entries.len();
        let count_literal = proc_macro2::Literal::usize_unsuffixed(count);
        let methods = self.methods();
        // Codes first, in table order, then aliases, each standing for its variant.
        let mut keys: Vec<&[u8]> = Vec::with_capacity(count);
        let mut of_key: Vec<usize> = Vec::with_capacity(count);
        for (i, entry) in self.catalog.entries.iter().enumerate() {
            keys.push(entry.code.as_bytes());
            of_key.push(i);
        }
        for (i, entry) in self.catalog.entries.iter().enumerate() {
            for alias in &entry.aliases {
                keys.push(alias.as_bytes());
                of_key.push(i);
            }
        }
        let from_code = perfect_hash::emit::from_code(&keys, &of_key);
        quote_spanned! {span=>
            // A crate uses some of these methods, seldom all: like a library's API,
            // the unused ones are no dead code to warn about, in a private module too.
            #[allow(deprecated, dead_code)]
            impl #name {
                /// Every code, in table order.
                pub const ALL: &'static [Self] = &[#all];

                /// How many codes there are.
                pub const COUNT: ::core::primitive::usize = #count_literal;

                #methods

                #from_code
            }
        }
    }

    pub(super) fn variants(&self) -> Vec<Ident> {
        let mut variants = Vec::with_capacity(self.catalog.entries.len());
        for entry in &self.catalog.entries {
            variants.push(Ident::new(&entry.variant, Span::mixed_site()));
        }
        variants
    }

    fn methods(&self) -> TokenStream {
        let span = Span::mixed_site();
        let entries = &self.catalog.entries;
        let count = entries.len();
        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
        let mut codes = TokenStream::new();
        let mut descriptions = TokenStream::new();
        for entry in entries {
            let code = entry.code.as_str();
            template::push_separated(&mut codes, quote_spanned!(span=> #code));
            let description = markdown::plain_text(&entry.description);
            template::push_separated(&mut descriptions, quote_spanned!(span=> #description));
        }
        // Locals, not items of the impl, so that no generated name other than the
        // enum's and its parse error's can clash or show up in a message.
        let as_str = self.per_variant(
            Receiver::Value,
            quote_spanned! {span=>
                const CODES: [&::core::primitive::str; #count] = [#codes];
                CODES[self as #usize_ty]
            },
        );
        let description = self.per_variant(
            Receiver::Value,
            quote_spanned! {span=>
                const VALUES: [&::core::primitive::str; #count] = [#descriptions];
                VALUES[self as #usize_ty]
            },
        );
        let http_status = self.http_status();
        let is_retryable = self.is_retryable();
        let http_reason = self.sparse(|e| e.status.as_ref().and_then(|s| s.reason.clone()));
        let solution = self.sparse(|e| e.solution.as_deref().map(markdown::plain_text));
        let aliases = self.aliases();

        template::fill(
            span,
            r"
            /// The wire code: the exact string the server sends.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> #str_ty {
                #as_str
            }

            /// The description as plain text (markdown emphasis removed).
            #[must_use]
            #[inline]
            pub const fn description(self) -> #str_ty {
                #description
            }

            /// The HTTP status the server answers with, if the table gives one.
            #[must_use]
            #[inline]
            pub const fn http_status(self) -> ::core::option::Option<::core::primitive::u16> {
                #http_status
            }

            /// The status phrase as the table writes it (e.g. `Moved Temporarily`), if any.
            #[must_use]
            #[inline]
            pub const fn http_reason(self) -> ::core::option::Option<#str_ty> {
                #http_reason
            }

            /// Whether a client may retry the request that failed with this code.
            #[must_use]
            #[inline]
            pub const fn is_retryable(self) -> ::core::primitive::bool {
                #is_retryable
            }

            /// What to do about the error as plain text, like `description`, if the table says.
            #[must_use]
            #[inline]
            pub const fn solution(self) -> ::core::option::Option<#str_ty> {
                #solution
            }

            /// Other wire spellings that `from_code` accepts for this code.
            #[must_use]
            #[inline]
            pub const fn aliases(self) -> &'static [#str_ty] {
                #aliases
            }
            ",
            &[
                ("str_ty", &str_ty),
                ("as_str", &as_str),
                ("description", &description),
                ("http_status", &http_status),
                ("http_reason", &http_reason),
                ("is_retryable", &is_retryable),
                ("solution", &solution),
                ("aliases", &aliases),
            ],
        )
    }
}
