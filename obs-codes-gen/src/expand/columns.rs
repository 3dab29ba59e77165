//! Method bodies, one per column: each encodes its column the way that costs the
//! compiler least for that column's shape (byte strings, arrays, sparse matches).

use super::{Expansion, Receiver};
use crate::catalog::Entry;
use crate::template;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote_spanned;

impl Expansion<'_> {
    /// A body for a value that every variant has the same of.
    pub(super) fn constant(&self, value: &TokenStream) -> TokenStream {
        self.per_variant(
            Receiver::Value,
            quote_spanned!(Span::mixed_site()=> let _ = self; #value),
        )
    }

    /// Statuses as one byte string (two bytes a code, little-endian; 0 = none): a
    /// single literal costs the compiler nothing, where 10,000 integers cost seconds.
    pub(super) fn http_status(&self) -> TokenStream {
        let span = Span::mixed_site();
        let statuses: Vec<u16> = self
            .catalog
            .entries
            .iter()
            .map(|e| e.status.as_ref().map_or(0, |s| s.code))
            .collect();
        if statuses.iter().all(|&s| s == 0) {
            return self.constant(&quote_spanned!(span=> ::core::option::Option::None));
        }
        let bytes: Vec<u8> = statuses.iter().flat_map(|s| s.to_le_bytes()).collect();
        let table = Literal::byte_string(&bytes);
        self.per_variant(
            Receiver::Value,
            template::fill(
                span,
                r"
                const STATUSES: &[::core::primitive::u8] = #table;
                let at = self as ::core::primitive::usize * 2;
                match ::core::primitive::u16::from_le_bytes([STATUSES[at], STATUSES[at + 1]]) {
                    0 => ::core::option::Option::None,
                    status => ::core::option::Option::Some(status),
                }
                ",
                &[("table", &table)],
            ),
        )
    }

    /// Retry flags as one byte string, or a constant when every code agrees.
    pub(super) fn is_retryable(&self) -> TokenStream {
        let span = Span::mixed_site();
        let flags: Vec<u8> = self
            .catalog
            .entries
            .iter()
            .map(|e| u8::from(e.retryable))
            .collect();
        if flags.iter().all(|&f| f == 0) {
            return self.constant(&quote_spanned!(span=> false));
        }
        if flags.iter().all(|&f| f == 1) {
            return self.constant(&quote_spanned!(span=> true));
        }
        let table = Literal::byte_string(&flags);
        self.per_variant(
            Receiver::Value,
            template::fill(
                span,
                r"
                const RETRYABLE: &[::core::primitive::u8] = #table;
                RETRYABLE[self as ::core::primitive::usize] != 0
                ",
                &[("table", &table)],
            ),
        )
    }

    /// An optional text column: a `match` over the rows that have it when they are few
    /// (most tables give a solution or a phrase to some rows only), else an array.
    /// `value` is a function pointer, not a generic parameter: one copy of this code
    /// serves every column.
    pub(super) fn sparse(&self, value: fn(&Entry) -> Option<String>) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let values: Vec<Option<String>> = self.catalog.entries.iter().map(value).collect();
        let present = values.iter().filter(|v| v.is_some()).count();
        if present == 0 {
            return self.constant(&quote_spanned!(span=> ::core::option::Option::None));
        }
        if present * 2 < values.len() {
            let arms = self.catalog.entries.iter().zip(&values).filter_map(|(entry, value)| {
                let variant = Ident::new(&entry.variant, span);
                value.as_ref().map(|text| quote_spanned!(span=> #name::#variant => ::core::option::Option::Some(#text),))
            });
            return quote_spanned! {span=>
                match self {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            };
        }
        let count = values.len();
        let texts = values.iter().map(|v| v.as_deref().unwrap_or_default());
        quote_spanned! {span=>
            const VALUES: [&::core::primitive::str; #count] = [#(#texts),*];
            let value = VALUES[self as ::core::primitive::usize];
            if value.is_empty() {
                ::core::option::Option::None
            } else {
                ::core::option::Option::Some(value)
            }
        }
    }

    /// Aliases: a `match` over the rows that have any (few do).
    pub(super) fn aliases(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let with_aliases: Vec<&Entry> = self
            .catalog
            .entries
            .iter()
            .filter(|e| !e.aliases.is_empty())
            .collect();
        if with_aliases.is_empty() {
            return self.constant(&quote_spanned!(span=> &[]));
        }
        let arms = with_aliases.iter().map(|entry| {
            let variant = Ident::new(&entry.variant, span);
            let aliases = &entry.aliases;
            quote_spanned!(span=> #name::#variant => &[#(#aliases),*],)
        });
        let fallback = (with_aliases.len() < self.catalog.entries.len())
            .then(|| quote_spanned!(span=> _ => &[],));
        quote_spanned! {span=>
            match self {
                #(#arms)*
                #fallback
            }
        }
    }
}
