//! Stage 4: the checked catalog becomes tokens.
//!
//! Every emitted token is spanned `mixed_site`, so `::core::...` paths follow this
//! crate's edition (a 2015-edition caller would otherwise resolve `::core` against its
//! own crate root) and local names cannot collide with the caller's. Paths are absolute,
//! primitive types are spelled `::core::primitive::*`, so user items named `Option`,
//! `Some`, `str`, `u8` or `core` change nothing.

use crate::diag::Problems;
use crate::docs;
use crate::input::{DERIVED, Input, Source};
use crate::lookup::{self, BYTE_MUL, BytePos, Hashed, Lookup, Records};
use crate::source::BUNDLED_NAME;
use crate::valid::{Catalog, Entry};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote_spanned};

/// How many bytes of a rejected input the `FromStr` error keeps (no allocator needed).
pub const PARSE_ERROR_PREFIX: usize = 64;

/// The tokens for a call: the enum and its impls, then one `compile_error!` per problem.
pub fn expand(input: &Input, catalog: &Catalog, problems: &Problems) -> TokenStream {
    let mut tokens = Expansion { input, catalog }.tokens();
    for (source, message) in problems.report() {
        let span = source
            .and_then(|name| source_span(input, name))
            .unwrap_or_else(Span::call_site);
        tokens.extend(quote_spanned!(span=> ::core::compile_error!{ #message }));
    }
    tokens
}

/// The literal (or `obs`) in the call that a problem's source name came from.
fn source_span(input: &Input, name: &str) -> Option<Span> {
    input.sources.iter().find_map(|source| match source {
        Source::File(lit) if lit.value() == name => Some(lit.span()),
        Source::Bundled(span) if name == BUNDLED_NAME => Some(*span),
        _ => None,
    })
}

struct Expansion<'a> {
    input: &'a Input,
    catalog: &'a Catalog,
}

impl Expansion<'_> {
    fn tokens(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.input.name;
        let vis = &self.input.vis;
        let attrs = &self.input.attrs;
        let error = format_ident!("{}ParseError", name);
        let enum_docs = self.enum_docs();
        let variants: Vec<Ident> = self.variants();
        // One attribute per variant, lines joined: thousands of rows would otherwise
        // mean tens of thousands of attributes for the compiler to process.
        let variant_docs = self.catalog.entries.iter().map(|entry| {
            let doc = variant_docs(entry).join("\n");
            quote_spanned!(span=> #[doc = #doc])
        });
        let count = self.catalog.entries.len();
        let methods = self.methods();
        let from_code = self.lookup_fn();
        let tracked = self.catalog.tracked_paths.iter().map(|path| {
            // Relative paths go through `env!` so that no machine path is written into
            // the expansion; an absolute path (a generated table) is already one.
            let file = if std::path::Path::new(path).is_absolute() {
                quote_spanned!(span=> #path)
            } else {
                quote_spanned!(span=> ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #path))
            };
            quote_spanned! {span=>
                // Makes the table an input of the build: editing it recompiles this crate.
                const _: &[::core::primitive::u8] = ::core::include_bytes!(#file);
            }
        });
        let error_type = parse_error_type(name, &error, vis);
        let derive_modules = DERIVED.iter().map(|(module, _)| Ident::new(module, span));
        let derive_names = DERIVED.iter().map(|(_, name)| Ident::new(name, span));
        let runtime_impl = self
            .input
            .runtime
            .as_ref()
            .map(|runtime| self.runtime_impl(runtime));
        // An empty enum (a broken table) has no value to call a method on: say so, rather
        // than let rustc warn about unreachable code next to the real error.
        let by_ref = |body: TokenStream| {
            if self.catalog.entries.is_empty() {
                quote_spanned!(span=> match *self {})
            } else {
                body
            }
        };
        let display_body = by_ref(quote_spanned!(span=> f.write_str(self.as_str())));
        let debug_body = by_ref(self.debug_body());
        let as_ref_body = by_ref(quote_spanned!(span=> self.as_str()));
        let from_str_body = if self.catalog.entries.is_empty() {
            quote_spanned!(span=> ::core::result::Result::Err(#error::new(code)))
        } else {
            quote_spanned! {span=>
                match Self::from_code(code) {
                    ::core::option::Option::Some(found) => ::core::result::Result::Ok(found),
                    ::core::option::Option::None => ::core::result::Result::Err(#error::new(code)),
                }
            }
        };

        quote_spanned! {span=>
            #(#attrs)*
            #(#[doc = #enum_docs])*
            #[derive(#(::core::#derive_modules::#derive_names),*)]
            #[non_exhaustive]
            #vis enum #name {
                #(#variant_docs #variants,)*
            }

            impl #name {
                /// Every code, in table order.
                pub const ALL: &'static [Self] = &[#(#name::#variants),*];

                /// How many codes there are.
                pub const COUNT: ::core::primitive::usize = #count;

                #methods

                #from_code
            }

            #[automatically_derived]
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #debug_body
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #display_body
                }
            }

            #[automatically_derived]
            impl ::core::str::FromStr for #name {
                type Err = #error;

                fn from_str(code: &::core::primitive::str) -> ::core::result::Result<Self, Self::Err> {
                    #from_str_body
                }
            }

            #[automatically_derived]
            impl<'a> ::core::convert::TryFrom<&'a ::core::primitive::str> for #name {
                type Error = #error;

                fn try_from(code: &'a ::core::primitive::str) -> ::core::result::Result<Self, Self::Error> {
                    <Self as ::core::str::FromStr>::from_str(code)
                }
            }

            #[automatically_derived]
            impl ::core::convert::AsRef<::core::primitive::str> for #name {
                fn as_ref(&self) -> &::core::primitive::str {
                    #as_ref_body
                }
            }

            #[automatically_derived]
            impl ::core::error::Error for #name {}

            #error_type

            #runtime_impl

            #(#tracked)*
        }
    }

    /// `impl obs_codes::ErrorCode`, forwarding to the inherent methods.
    fn runtime_impl(&self, runtime: &TokenStream) -> TokenStream {
        let span = Span::mixed_site();
        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        let forward = |call: TokenStream| {
            if self.catalog.entries.is_empty() {
                quote_spanned!(span=> match self {})
            } else {
                call
            }
        };
        let as_str = forward(quote_spanned!(span=> self.as_str()));
        let description = forward(quote_spanned!(span=> self.description()));
        let http_status = forward(quote_spanned!(span=> self.http_status()));
        let http_reason = forward(quote_spanned!(span=> self.http_reason()));
        let is_retryable = forward(quote_spanned!(span=> self.is_retryable()));
        let solution = forward(quote_spanned!(span=> self.solution()));
        let aliases = forward(quote_spanned!(span=> self.aliases()));
        let name = &self.input.name;
        quote_spanned! {span=>
            #[automatically_derived]
            impl #runtime::ErrorCode for #name {
                const ALL: &'static [Self] = Self::ALL;
                fn from_code(code: &::core::primitive::str) -> ::core::option::Option<Self> {
                    Self::from_code(code)
                }
                fn as_str(self) -> #str_ty {
                    #as_str
                }
                fn description(self) -> #str_ty {
                    #description
                }
                fn http_status(self) -> ::core::option::Option<::core::primitive::u16> {
                    #http_status
                }
                fn http_reason(self) -> ::core::option::Option<#str_ty> {
                    #http_reason
                }
                fn is_retryable(self) -> ::core::primitive::bool {
                    #is_retryable
                }
                fn solution(self) -> ::core::option::Option<#str_ty> {
                    #solution
                }
                fn aliases(self) -> &'static [#str_ty] {
                    #aliases
                }
            }
        }
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
        let read_start = |index: TokenStream| width.read(&quote_spanned!(span=> STARTS), &index);
        let start = read_start(quote_spanned!(span=> index));
        let end = read_start(quote_spanned!(span=> (index + 1)));
        let starts = packed(&starts, width);
        quote_spanned! {span=>
            // The names side by side, and where each starts (plus where the last ends).
            const NAMES: &::core::primitive::str = #names;
            const STARTS: &[::core::primitive::u8] = #starts;
            let index = *self as #usize_ty;
            match NAMES.get(#start as #usize_ty..#end as #usize_ty) {
                ::core::option::Option::Some(name) => f.write_str(name),
                ::core::option::Option::None => ::core::result::Result::Ok(()),
            }
        }
    }

    fn variants(&self) -> Vec<Ident> {
        self.catalog
            .entries
            .iter()
            .map(|entry| Ident::new(&entry.variant, Span::mixed_site()))
            .collect()
    }

    fn enum_docs(&self) -> Vec<String> {
        let sources: Vec<String> = self
            .catalog
            .sources
            .iter()
            .map(|name| {
                if name == BUNDLED_NAME {
                    "the bundled Huawei Cloud OBS table (`obs`)".to_owned()
                } else {
                    docs::code_span(name)
                }
            })
            .collect();
        let count = self.catalog.entries.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut lines = Vec::new();
        if !self.input.attrs.iter().any(|a| a.path().is_ident("doc")) {
            lines.push(" Server error codes, one variant per row of the table.".to_owned());
        }
        lines.push(String::new());
        lines.push(format!(
            " Generated by `obs_errors!` from {}: {count} code{plural}.",
            join_words(&sources)
        ));
        lines.push(String::new());
        lines.push(
            " `from_code` (or `str::parse`) reads a wire code, aliases included; `as_str`, \
             `http_status`, `http_reason`, `description`, `is_retryable` and `solution` \
             describe it; `ALL` lists every code in table order."
                .to_owned(),
        );
        lines
    }

    fn methods(&self) -> TokenStream {
        let span = Span::mixed_site();
        let entries = &self.catalog.entries;
        let count = entries.len();
        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
        let codes = entries.iter().map(|e| e.code.as_str());
        // The wire codes are one table, shared by `as_str` and `from_code`.
        let wire_codes = (count > 0).then(|| {
            quote_spanned! {span=>
                const __WIRE_CODES: [#str_ty; #count] = [#(#codes),*];
            }
        });
        let as_str = self.per_variant(quote_spanned!(span=> Self::__WIRE_CODES[self as #usize_ty]));
        let descriptions = entries.iter().map(|e| docs::plain_text(&e.description));
        let description = self.per_variant(quote_spanned! {span=>
            const VALUES: [#str_ty; #count] = [#(#descriptions),*];
            VALUES[self as #usize_ty]
        });
        let http_status = self.http_status();
        let is_retryable = self.is_retryable();
        let http_reason = self.sparse(|e| e.status.as_ref().and_then(|s| s.reason.clone()));
        let solution = self.sparse(|e| e.solution.clone());
        let aliases = self.aliases();

        quote_spanned! {span=>
            #wire_codes

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

            /// What to do about the error, if the table says.
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
        }
    }

    /// A method body that reads `self`; an empty enum has no value to read.
    fn per_variant(&self, body: TokenStream) -> TokenStream {
        if self.catalog.entries.is_empty() {
            quote_spanned!(Span::mixed_site()=> match self {})
        } else {
            body
        }
    }

    /// A body for a value that every variant has the same of.
    fn constant(&self, value: TokenStream) -> TokenStream {
        self.per_variant(quote_spanned!(Span::mixed_site()=> let _ = self; #value))
    }

    /// Statuses as one byte string (two bytes a code, little-endian; 0 = none): a
    /// single literal costs the compiler nothing, where 10,000 integers cost seconds.
    fn http_status(&self) -> TokenStream {
        let span = Span::mixed_site();
        let statuses: Vec<u16> = self
            .catalog
            .entries
            .iter()
            .map(|e| e.status.as_ref().map_or(0, |s| s.code))
            .collect();
        if statuses.iter().all(|&s| s == 0) {
            return self.constant(quote_spanned!(span=> ::core::option::Option::None));
        }
        let bytes: Vec<u8> = statuses.iter().flat_map(|s| s.to_le_bytes()).collect();
        let table = Literal::byte_string(&bytes);
        self.per_variant(quote_spanned! {span=>
            const STATUSES: &[::core::primitive::u8] = #table;
            let at = self as ::core::primitive::usize * 2;
            match ::core::primitive::u16::from_le_bytes([STATUSES[at], STATUSES[at + 1]]) {
                0 => ::core::option::Option::None,
                status => ::core::option::Option::Some(status),
            }
        })
    }

    /// Retry flags as one byte string, or a constant when every code agrees.
    fn is_retryable(&self) -> TokenStream {
        let span = Span::mixed_site();
        let flags: Vec<u8> = self
            .catalog
            .entries
            .iter()
            .map(|e| u8::from(e.retryable))
            .collect();
        if flags.iter().all(|&f| f == 0) {
            return self.constant(quote_spanned!(span=> false));
        }
        if flags.iter().all(|&f| f == 1) {
            return self.constant(quote_spanned!(span=> true));
        }
        let table = Literal::byte_string(&flags);
        self.per_variant(quote_spanned! {span=>
            const RETRYABLE: &[::core::primitive::u8] = #table;
            RETRYABLE[self as ::core::primitive::usize] != 0
        })
    }

    /// An optional text column: a `match` over the rows that have it when they are few
    /// (most tables give a solution or a phrase to some rows only), else an array.
    fn sparse(&self, value: impl Fn(&Entry) -> Option<String>) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.input.name;
        let values: Vec<Option<String>> = self.catalog.entries.iter().map(value).collect();
        let present = values.iter().filter(|v| v.is_some()).count();
        if present == 0 {
            return self.constant(quote_spanned!(span=> ::core::option::Option::None));
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
    fn aliases(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.input.name;
        let with_aliases: Vec<&Entry> = self
            .catalog
            .entries
            .iter()
            .filter(|e| !e.aliases.is_empty())
            .collect();
        if with_aliases.is_empty() {
            return self.constant(quote_spanned!(span=> &[]));
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

    fn lookup_fn(&self) -> TokenStream {
        let span = Span::mixed_site();
        let signature = quote_spanned! {span=>
            /// The code for a wire string, aliases included: exact and case-sensitive.
            ///
            /// Runs in constant time: a perfect hash over the length and a few bytes of
            /// the input picks the one candidate, then a single comparison confirms it.
            #[must_use]
            #[inline]
            pub fn from_code(code: &::core::primitive::str) -> ::core::option::Option<Self>
        };
        let entries = &self.catalog.entries;
        if entries.is_empty() {
            return quote_spanned! {span=>
                #signature {
                    let _ = code;
                    ::core::option::Option::None
                }
            };
        }
        // Codes first, in table order, then aliases, each standing for its variant.
        let mut keys: Vec<&[u8]> = entries.iter().map(|e| e.code.as_bytes()).collect();
        let mut variants: Vec<usize> = (0..entries.len()).collect();
        for (index, entry) in entries.iter().enumerate() {
            for alias in &entry.aliases {
                keys.push(alias.as_bytes());
                variants.push(index);
            }
        }
        let lookup = Lookup::build(&keys);
        let records = Records::build(&keys, &variants);
        let u64_ty = quote_spanned!(span=> ::core::primitive::u64);
        let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
        let (min, max) = (lookup.min_len, lookup.max_len);
        let seed = Literal::u64_unsuffixed(lookup.seed);
        let slot_mask = lookup.slots.len() - 1;
        let slot_shift = lookup.slot_shift();
        // The tables are byte strings of little-endian integers, as narrow as their
        // values allow: one literal each, which the compiler reads in no time, where
        // thousands of integer literals cost it seconds. Per bucket, a displacement; per
        // slot, where its key's record starts (an empty slot names key 0's record, which
        // no input that reaches it can equal: key 0 hashes to its own slot).
        let displacement_width = PackedWidth::for_max(lookup.slots.len() - 1);
        let displacements: Vec<u64> = lookup.displacements.iter().map(|&d| u64::from(d)).collect();
        let displacements = packed(&displacements, displacement_width);
        let start_of = |slot: u32| match slot {
            0 => records.starts[0],
            taken => records.starts[taken as usize - 1],
        };
        let starts: Vec<u64> = lookup
            .slots
            .iter()
            .map(|&slot| start_of(slot) as u64)
            .collect();
        let start_width = PackedWidth::for_max(records.bytes.len());
        let starts = packed(&starts, start_width);
        let bucket_shift = lookup.bucket_shift();
        let read_displacement = displacement_width.read(
            &quote_spanned!(span=> DISPLACEMENTS),
            &quote_spanned!(span=> (h >> #bucket_shift) as #usize_ty),
        );
        let read_start =
            start_width.read(&quote_spanned!(span=> STARTS), &quote_spanned!(span=> slot));
        let mix = hash_tokens(&lookup);
        let words = compares_by_words(min, max) || matches!(lookup.hashed, Hashed::Words(_));
        let word = words.then(word_fn);
        let window = records.window;
        let header = records.header();
        let records_len = records.bytes.len();
        let record_bytes = Literal::byte_string(&records.bytes);
        let field = |at: usize, width: usize| {
            let bytes = (at..at + width).map(|i| quote_spanned!(span=> record[#i]));
            let pad = (width..8).map(|_| quote_spanned!(span=> 0));
            quote_spanned!(span=> #u64_ty::from_le_bytes([#(#bytes,)* #(#pad),*]) as #usize_ty)
        };
        let variant = field(0, records.index_width);
        let key_len = field(records.index_width, records.len_width);
        let difference = difference_tokens(min, max, header);
        let filter_shift = lookup.filter_shift();
        let filter = Literal::byte_string(&lookup.filter);
        quote_spanned! {span=>
            #signature {
                const DISPLACEMENTS: &[::core::primitive::u8] = #displacements;
                const STARTS: &[::core::primitive::u8] = #starts;
                const RECORDS: &[::core::primitive::u8; #records_len] = #record_bytes;
                const FILTER: &[::core::primitive::u8] = #filter;
                #word
                let bytes = code.as_bytes();
                let len = bytes.len();
                if !(#min..=#max).contains(&len) {
                    return ::core::option::Option::None;
                }
                let mut h: #u64_ty = #seed;
                #mix
                // Most misses stop here, early: no key has this filter bit.
                let bit = (h >> #filter_shift) as #usize_ty;
                if FILTER[bit / 8] & (1 << (bit % 8)) == 0 {
                    return ::core::option::Option::None;
                }
                // Top bits: the bucket; the bits below, displaced: the slot.
                let displacement = #read_displacement as #usize_ty;
                let slot = ((h >> #slot_shift) as #usize_ty ^ displacement) & #slot_mask;
                let start = #read_start as #usize_ty;
                // A fixed window: the header and the longest key, so that reads at
                // offsets below the input's length need no further bounds checks.
                let record: &[::core::primitive::u8; #window] =
                    match ::core::convert::TryFrom::try_from(&RECORDS[start..start + #window]) {
                        ::core::result::Result::Ok(record) => record,
                        ::core::result::Result::Err(_) => return ::core::option::Option::None,
                    };
                if len != #key_len {
                    return ::core::option::Option::None;
                }
                if #difference == 0 {
                    ::core::option::Option::Some(Self::ALL[#variant])
                } else {
                    ::core::option::Option::None
                }
            }
        }
    }
}

/// The statements that leave the hash of `bytes` in `h`, as [`Lookup::hash`] computes it.
fn hash_tokens(lookup: &Lookup) -> TokenStream {
    let span = Span::mixed_site();
    let u64_ty = quote_spanned!(span=> ::core::primitive::u64);
    let byte_mul = Literal::u64_unsuffixed(BYTE_MUL);
    match &lookup.hashed {
        Hashed::Words(windows) => {
            let words = windows.iter().enumerate().map(|(i, &pos)| {
                let at = window_at(pos, lookup.min_len, lookup.max_len);
                let rotation = lookup.rotation(i);
                quote_spanned!(span=> word(bytes, #at).rotate_left(#rotation))
            });
            quote_spanned!(span=> h = (h ^ len as #u64_ty #(^ #words)*).wrapping_mul(#byte_mul);)
        }
        Hashed::Positions(_) => {
            let words = lookup
                .word_plan()
                .into_iter()
                .enumerate()
                .map(|(index, word)| {
                    let length = (index == 0).then(|| quote_spanned!(span=> len as #u64_ty));
                    let parts = word.into_iter().map(|(pos, shift)| {
                        let byte = byte_at(pos, lookup.min_len);
                        quote_spanned!(span=> #u64_ty::from(#byte) << #shift)
                    });
                    let parts = length.into_iter().chain(parts);
                    quote_spanned!(span=> h = (h ^ (#(#parts)|*)).wrapping_mul(#byte_mul);)
                });
            quote_spanned!(span=> #(#words)*)
        }
        Hashed::EveryByte => quote_spanned! {span=>
            h = (h ^ len as #u64_ty).wrapping_mul(#byte_mul);
            for &byte in bytes {
                h = (h ^ #u64_ty::from(byte)).wrapping_mul(#byte_mul);
            }
        },
    }
}

/// `fn word(s, at)`: the 8 bytes at `at` as a little-endian `u64` (one load).
fn word_fn() -> TokenStream {
    let span = Span::mixed_site();
    let u8_ty = quote_spanned!(span=> ::core::primitive::u8);
    quote_spanned! {span=>
        #[inline(always)]
        fn word(s: &[#u8_ty], at: ::core::primitive::usize) -> ::core::primitive::u64 {
            match <[#u8_ty; 8] as ::core::convert::TryFrom<&[#u8_ty]>>::try_from(&s[at..at + 8]) {
                ::core::result::Result::Ok(word) => ::core::primitive::u64::from_le_bytes(word),
                ::core::result::Result::Err(_) => 0,
            }
        }
    }
}

/// Keys at most this long are compared a word at a time; longer ones by `==`.
const WORD_COMPARE_MAX: usize = 64;

/// Whether keys of these lengths are compared a word at a time.
fn compares_by_words(min_len: usize, max_len: usize) -> bool {
    min_len >= 8 && max_len <= WORD_COMPARE_MAX
}

/// A `u64` expression that is 0 exactly when the input `bytes` (of length `len`, the
/// record's length) equals the key of `record`, which starts after `header` bytes. For keys of 8
/// to 64 bytes it reads a fixed number of 8-byte words at offsets clamped to the length
/// (the last ones overlap) and ORs their differences: no loop, no branch on the data and
/// no call, where `==` calls `memcmp`, which branches on the length.
fn difference_tokens(min_len: usize, max_len: usize, header: usize) -> TokenStream {
    let span = Span::mixed_site();
    if !compares_by_words(min_len, max_len) {
        return quote_spanned!(span=> (record[#header..#header + len] != *bytes) as ::core::primitive::u64);
    }
    let words = (0..max_len.div_ceil(8)).map(|i| {
        let at = window_at(BytePos::FromStart(i * 8), min_len, max_len);
        quote_spanned!(span=> { let at = #at; word(bytes, at) ^ word(record, #header + at) })
    });
    quote_spanned!(span=> (#(#words)|*))
}

/// The offset of the 8-byte window at `pos` in an input of `len` bytes (`min_len..=max_len`,
/// at least 8), moved back inside the input as [`BytePos::word`] does; what the length
/// range already decides needs no clamp.
fn window_at(pos: BytePos, min_len: usize, max_len: usize) -> TokenStream {
    let span = Span::mixed_site();
    match pos {
        BytePos::FromStart(i) if i + 8 <= min_len => quote_spanned!(span=> #i),
        BytePos::FromStart(i) if i + 8 >= max_len => quote_spanned!(span=> len - 8),
        BytePos::FromStart(i) => quote_spanned!(span=> if #i < len - 8 { #i } else { len - 8 }),
        BytePos::FromEnd(i) if i + 8 <= min_len => quote_spanned!(span=> len - 8 - #i),
        BytePos::FromEnd(i) if i + 8 >= max_len => quote_spanned!(span=> 0),
        BytePos::FromEnd(i) => quote_spanned!(span=> if #i < len - 8 { len - 8 - #i } else { 0 }),
    }
}

/// How many bytes one integer of a packed table takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PackedWidth {
    One,
    Two,
    Four,
}

impl PackedWidth {
    fn for_max(max: usize) -> Self {
        match lookup::width_for(max) {
            1 => PackedWidth::One,
            2 => PackedWidth::Two,
            _ => PackedWidth::Four,
        }
    }

    fn bytes(self) -> usize {
        match self {
            PackedWidth::One => 1,
            PackedWidth::Two => 2,
            PackedWidth::Four => 4,
        }
    }

    /// The `u64` at `index` of the packed `table` (bounds checked like any indexing).
    fn read(self, table: &TokenStream, index: &TokenStream) -> TokenStream {
        let span = Span::mixed_site();
        let width = self.bytes();
        let bytes = (0..width).map(|i| quote_spanned!(span=> #table[at + #i]));
        let int = match self {
            PackedWidth::One => quote_spanned!(span=> ::core::primitive::u8),
            PackedWidth::Two => quote_spanned!(span=> ::core::primitive::u16),
            PackedWidth::Four => quote_spanned!(span=> ::core::primitive::u32),
        };
        quote_spanned! {span=>
            {
                let at = #index * #width;
                #int::from_le_bytes([#(#bytes),*]) as ::core::primitive::u64
            }
        }
    }
}

/// `values` as one byte-string literal of little-endian integers of `width` (each value
/// fits: the width was chosen for the largest).
fn packed(values: &[u64], width: PackedWidth) -> Literal {
    let bytes: Vec<u8> = values
        .iter()
        .flat_map(|v| v.to_le_bytes().into_iter().take(width.bytes()))
        .collect();
    Literal::byte_string(&bytes)
}

/// The expression for one hashed byte, clamped like [`BytePos::byte`]: direct indexing
/// where the length check already proves it in bounds, else a branch-free clamp.
fn byte_at(pos: BytePos, min_len: usize) -> TokenStream {
    let span = Span::mixed_site();
    match pos {
        BytePos::FromStart(i) if i < min_len => quote_spanned!(span=> bytes[#i]),
        BytePos::FromEnd(i) if i < min_len => quote_spanned!(span=> bytes[len - 1 - #i]),
        BytePos::FromStart(i) => quote_spanned!(span=> bytes[if #i < len { #i } else { len - 1 }]),
        BytePos::FromEnd(i) => quote_spanned!(span=> bytes[(len - 1).saturating_sub(#i)]),
    }
}

fn parse_error_type(name: &Ident, error: &Ident, vis: &syn::Visibility) -> TokenStream {
    let span = Span::mixed_site();
    let doc = format!(
        " The error `{name}::from_str` returns for a string that is not a code: it names the rejected input."
    );
    let max = PARSE_ERROR_PREFIX;
    let input_doc = format!(
        " The rejected input; only its first {max} bytes (cut at a character boundary) when it was longer."
    );
    quote_spanned! {span=>
        #[doc = #doc]
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq
        )]
        #vis struct #error {
            prefix: [::core::primitive::u8; #max],
            len: ::core::primitive::usize,
            truncated: ::core::primitive::bool,
        }

        impl #error {
            fn new(input: &::core::primitive::str) -> Self {
                let mut len = if input.len() < #max { input.len() } else { #max };
                while !input.is_char_boundary(len) {
                    len -= 1;
                }
                let mut prefix = [0; #max];
                prefix[..len].copy_from_slice(&input.as_bytes()[..len]);
                Self {
                    prefix,
                    len,
                    truncated: len < input.len(),
                }
            }

            #[doc = #input_doc]
            #[must_use]
            pub fn input(&self) -> &::core::primitive::str {
                // The prefix is cut at a character boundary, so this never fails.
                match ::core::str::from_utf8(&self.prefix[..self.len]) {
                    ::core::result::Result::Ok(input) => input,
                    ::core::result::Result::Err(_) => "",
                }
            }

            /// True when the input was longer than what `input` keeps.
            #[must_use]
            pub fn is_truncated(&self) -> ::core::primitive::bool {
                self.truncated
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "unknown error code {:?}", self.input())?;
                if self.truncated {
                    ::core::write!(f, " (cut to its first {} bytes)", self.len)?;
                }
                ::core::result::Result::Ok(())
            }
        }

        #[automatically_derived]
        impl ::core::error::Error for #error {}
    }
}

/// The rustdoc of one variant: the description, then a summary of the row.
pub fn variant_docs(entry: &Entry) -> Vec<String> {
    let mut lines = docs::markdown(&entry.description);
    lines.push(String::new());
    let status = match &entry.status {
        Some(status) => match &status.reason {
            Some(reason) => format!("`{} {}`", status.code, reason.replace('`', "")),
            None => format!("`{}`", status.code),
        },
        None => "none (`N/A`)".to_owned(),
    };
    lines.push(format!("- HTTP status: {status}"));
    lines.push(format!("- Wire code: {}", docs::code_span(&entry.code)));
    if !entry.aliases.is_empty() {
        let aliases: Vec<String> = entry.aliases.iter().map(|a| docs::code_span(a)).collect();
        lines.push(format!("- Also accepted: {}", aliases.join(", ")));
    }
    lines.push(format!(
        "- Retryable: {}",
        if entry.retryable { "yes" } else { "no" }
    ));
    let source = match &entry.overridden_at {
        Some(by) => format!(
            "- Defined by {}, overridden by {}",
            docs::code_span(&entry.defined_at.short()),
            docs::code_span(&by.short())
        ),
        None => format!(
            "- Defined by {}",
            docs::code_span(&entry.defined_at.short())
        ),
    };
    lines.push(source);
    if let Some(solution) = &entry.solution {
        lines.push(String::new());
        let mut solution_lines = docs::markdown(solution);
        if let Some(first) = solution_lines.first_mut() {
            *first = format!("**Solution:** {first}");
        }
        lines.extend(solution_lines);
    }
    lines.into_iter().map(|line| format!(" {line}")).collect()
}

fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Tokens for a whole call, from the macro's arguments and the crate's directory.
pub fn generate(tokens: TokenStream, manifest_dir: &std::path::Path) -> TokenStream {
    let input = match crate::input::parse(tokens) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut problems = Problems::default();
    let texts: Vec<_> = input
        .sources
        .iter()
        .map(|source| crate::source::read(source, manifest_dir, &mut problems))
        .collect();
    let all_read = texts.iter().all(Option::is_some);
    let tables: Vec<_> = texts
        .iter()
        .flatten()
        .map(|text| crate::table::parse(text, &mut problems))
        .collect();
    // Cross-source checks need every source: without one, overrides would misfire.
    let catalog = if all_read {
        crate::valid::check(&tables, &mut problems)
    } else {
        Catalog::default()
    };
    expand(&input, &catalog, &problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{scratch, synthetic_codes};
    use quote::quote;

    fn expand_file(dir: &std::path::Path) -> (syn::File, String) {
        let tokens = generate(quote!("t.csv"), dir);
        let text = tokens.to_string();
        let file = syn::parse2::<syn::File>(tokens).expect("the expansion is valid Rust");
        (file, text)
    }

    fn the_enum(file: &syn::File) -> &syn::ItemEnum {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) => Some(e),
                _ => None,
            })
            .expect("one enum")
    }

    fn compile_errors(text: &str) -> usize {
        text.matches("compile_error").count()
    }

    const TABLE: &str = "code,http_status,description,aliases\n\
        NoSuchKey,404 Not Found,The key does not exist.,NoSuchObject\n\
        SlowDown,503,Reduce your **request** rate.,\n";

    #[test]
    fn expands_to_an_enum_its_impls_and_the_parse_error() {
        let (file, text) = expand_file(&scratch("expand", TABLE.as_bytes()));
        let item = the_enum(&file);
        assert_eq!(item.ident, "ObsErrorCode");
        let variants: Vec<String> = item.variants.iter().map(|v| v.ident.to_string()).collect();
        assert_eq!(variants, ["NoSuchKey", "SlowDown"]);
        assert!(
            item.variants
                .iter()
                .all(|v| v.attrs.iter().any(|a| a.path().is_ident("doc")))
        );
        let impls = file
            .items
            .iter()
            .filter(|item| matches!(item, syn::Item::Impl(_)))
            .count();
        // inherent, Debug, Display, FromStr, TryFrom, AsRef, Error; the error type's
        // inherent, Display and Error.
        assert_eq!(impls, 10);
        assert!(file.items.iter().any(
            |item| matches!(item, syn::Item::Struct(s) if s.ident == "ObsErrorCodeParseError")
        ));
        assert_eq!(compile_errors(&text), 0);
        // The table is an input of the build, through a path relative to the crate.
        assert!(text.contains("include_bytes"));
        assert!(text.contains("\"t.csv\""));
        assert!(
            text.contains("\"Reduce your request rate.\""),
            "plain description"
        );
    }

    #[test]
    fn the_expansion_does_not_depend_on_the_checkout_location() {
        let (_, here) = expand_file(&scratch("place-a", TABLE.as_bytes()));
        let (_, there) = expand_file(&scratch("place-b", TABLE.as_bytes()));
        assert_eq!(here, there);
        assert!(!here.contains(&*std::env::temp_dir().to_string_lossy()));
    }

    #[test]
    fn problems_become_compile_errors_next_to_the_good_rows() {
        let table =
            "code,http_status,description\nGood,400,Fine.\nBad,4x,Broken.\nWorse,,Broken.\n";
        let (file, text) = expand_file(&scratch("broken", table.as_bytes()));
        assert_eq!(compile_errors(&text), 2);
        assert!(text.contains("t.csv:3:5: `4x` is not an HTTP status"));
        assert_eq!(the_enum(&file).variants.len(), 1);
    }

    #[test]
    fn bad_input_is_one_error_without_an_enum() {
        let text = generate(quote!(1 + 1), std::path::Path::new("/")).to_string();
        assert_eq!(compile_errors(&text), 1);
        assert!(!text.contains("non_exhaustive"));
    }

    #[test]
    fn the_enum_form_names_the_enum_and_keeps_attributes() {
        let dir = scratch("enum-form", TABLE.as_bytes());
        let tokens = generate(
            quote! {
                /// Ours.
                #[repr(u16)]
                pub(crate) enum Gateway { obs, "t.csv" }
            },
            &dir,
        );
        let file = syn::parse2::<syn::File>(tokens).unwrap();
        let item = the_enum(&file);
        assert_eq!(item.ident, "Gateway");
        assert!(matches!(item.vis, syn::Visibility::Restricted(_)));
        assert!(item.attrs.iter().any(|a| a.path().is_ident("repr")));
        // 107 bundled codes, NoSuchKey is already one of them (a repeat, reported), SlowDown too.
        assert_eq!(item.variants.len(), 107);
    }

    #[test]
    fn ten_thousand_rows_expand() {
        let mut table = String::from("code,http_status,description\n");
        for code in synthetic_codes(10_000) {
            table.push_str(&format!("{code},400,About {code}.\n"));
        }
        let (file, text) = expand_file(&scratch("large", table.as_bytes()));
        assert_eq!(compile_errors(&text), 0);
        assert_eq!(the_enum(&file).variants.len(), 10_000);
    }

    #[test]
    fn ten_megabytes_of_garbage_fail_with_one_error() {
        let mut state: u32 = 0x9E37_79B9;
        let binary: Vec<u8> = (0..10 << 20)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        let (_, text) = expand_file(&scratch("garbage-binary", &binary));
        assert_eq!(compile_errors(&text), 1);
        assert!(text.contains("not valid UTF-8"));
        let words = "lorem, ipsum \"dolor\" sit\namet,\n".repeat(10 << 20 >> 5);
        let (_, text) = expand_file(&scratch("garbage-text", words.as_bytes()));
        assert_eq!(compile_errors(&text), 1, "{}", &text[..text.len().min(500)]);
        assert!(text.contains("not a table header"));
    }

    #[test]
    fn variant_docs_summarise_the_row() {
        let dir = scratch("docs", b"code,http_status,description,aliases,solution\nA<b>,N/A,Use [x] & **y**.,A2,Do `z`.\n");
        let tokens = generate(quote!("t.csv"), &dir).to_string();
        // One doc attribute per variant, its lines joined (escaped in the token text).
        for expected in [
            "[doc = \" Use \\\\[x\\\\] \\\\& **y**.\\n",
            "\\n - HTTP status: none (`N/A`)\\n",
            "\\n - Wire code: `A<b>`\\n",
            "\\n - Also accepted: `A2`\\n",
            "\\n - Retryable: no\\n",
            "\\n - Defined by `t.csv:2`\\n",
            "\\n **Solution:** Do `z`.\"]",
        ] {
            assert!(tokens.contains(expected), "{expected} in {tokens}");
        }
    }
}
