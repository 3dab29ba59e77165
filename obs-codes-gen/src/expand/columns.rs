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
        let mut bytes: Vec<u8> = Vec::with_capacity(self.catalog.entries.len() * 2);
        for entry in &self.catalog.entries {
            let status = entry.status.as_ref().map_or(0, |s| s.code);
            bytes.extend_from_slice(&status.to_le_bytes());
        }
        if !bytes.iter().any(|&b| b != 0) {
            return self.constant(&quote_spanned!(span=> ::core::option::Option::None));
        }
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
        let mut flags: Vec<u8> = Vec::with_capacity(self.catalog.entries.len());
        for entry in &self.catalog.entries {
            flags.push(u8::from(entry.retryable));
        }
        if !flags.contains(&1) {
            return self.constant(&quote_spanned!(span=> false));
        }
        if !flags.contains(&0) {
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
        let mut values: Vec<Option<String>> = Vec::with_capacity(self.catalog.entries.len());
        let mut present = 0;
        for entry in &self.catalog.entries {
            let text = value(entry);
            present += usize::from(text.is_some());
            values.push(text);
        }
        if present == 0 {
            return self.constant(&quote_spanned!(span=> ::core::option::Option::None));
        }
        if present * 2 < values.len() {
            let mut arms = TokenStream::new();
            for (entry, value) in self.catalog.entries.iter().zip(&values) {
                if let Some(text) = value {
                    let variant = Ident::new(&entry.variant, span);
                    arms.extend(quote_spanned!(span=> #name::#variant => ::core::option::Option::Some(#text),));
                }
            }
            return quote_spanned! {span=>
                match self {
                    #arms
                    _ => ::core::option::Option::None,
                }
            };
        }
        let count = values.len();
        let mut texts = TokenStream::new();
        for value in &values {
            let text = value.as_deref().unwrap_or_default();
            template::push_separated(&mut texts, quote_spanned!(span=> #text));
        }
        quote_spanned! {span=>
            const VALUES: [&::core::primitive::str; #count] = [#texts];
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
        let mut arms = TokenStream::new();
        let mut with_aliases = 0;
        for entry in &self.catalog.entries {
            if entry.aliases.is_empty() {
                continue;
            }
            with_aliases += 1;
            let variant = Ident::new(&entry.variant, span);
            let mut aliases = TokenStream::new();
            for alias in &entry.aliases {
                template::push_separated(&mut aliases, quote_spanned!(span=> #alias));
            }
            arms.extend(quote_spanned!(span=> #name::#variant => &[#aliases],));
        }
        if with_aliases == 0 {
            return self.constant(&quote_spanned!(span=> &[]));
        }
        if with_aliases < self.catalog.entries.len() {
            arms.extend(quote_spanned!(span=> _ => &[],));
        }
        quote_spanned! {span=>
            match self {
                #arms
            }
        }
    }
}
