//! Stage 4: the checked catalog becomes tokens.
//!
//! Every emitted token is spanned `mixed_site`, so `::core::...` paths follow this
//! crate's edition (a 2015-edition caller would otherwise resolve `::core` against its
//! own crate root) and local names cannot collide with the caller's. Paths are absolute,
//! primitive types are spelled `::core::primitive::*`, so user items named `Option`,
//! `Some`, `str`, `u8` or `core` change nothing.

use crate::diag::Problems;
use crate::docs;
use crate::input::{Input, Source};
use crate::lookup::{BYTE_MUL, BytePos, Hashed, Lookup};
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
        let variant_docs = self.catalog.entries.iter().map(|entry| {
            let lines = variant_docs(entry);
            quote_spanned!(span=> #(#[doc = #lines])*)
        });
        let count = self.catalog.entries.len();
        let methods = self.methods();
        let from_code = self.from_code();
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
            #[derive(
                ::core::fmt::Debug,
                ::core::clone::Clone,
                ::core::marker::Copy,
                ::core::cmp::PartialEq,
                ::core::cmp::Eq,
                ::core::hash::Hash,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord
            )]
            #[non_exhaustive]
            #vis enum #name {
                #(#variant_docs #variants,)*
            }

            impl #name {
                /// Every code, in table order.
                pub const ALL: &'static [Self] = &[#(Self::#variants),*];

                /// How many codes there are.
                pub const COUNT: ::core::primitive::usize = #count;

                #methods

                #from_code
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
        let codes = entries.iter().map(|e| e.code.as_str());
        let descriptions = entries.iter().map(|e| docs::plain_text(&e.description));
        let statuses = entries
            .iter()
            .map(|e| e.status.as_ref().map_or(0, |s| s.code));
        let reasons = entries.iter().map(|e| {
            e.status
                .as_ref()
                .and_then(|s| s.reason.clone())
                .unwrap_or_default()
        });
        let retryable = entries.iter().map(|e| e.retryable);
        let solutions = entries
            .iter()
            .map(|e| e.solution.clone().unwrap_or_default());
        let aliases = entries.iter().map(|e| {
            let list = &e.aliases;
            quote_spanned!(span=> &[#(#list),*])
        });

        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        // The wire codes are one table, shared by `as_str` and `from_code`.
        let as_str = if entries.is_empty() {
            quote_spanned!(span=> match self {})
        } else {
            quote_spanned!(span=> Self::__WIRE_CODES[self as ::core::primitive::usize])
        };
        let count = entries.len();
        let wire_codes = (!entries.is_empty()).then(|| {
            quote_spanned! {span=>
                const __WIRE_CODES: [#str_ty; #count] = [#(#codes),*];
            }
        });
        let description = self.indexed(quote_spanned!(span=> #str_ty), descriptions);
        let status = self.indexed(quote_spanned!(span=> ::core::primitive::u16), statuses);
        let reason = self.indexed(quote_spanned!(span=> #str_ty), reasons);
        let is_retryable = self.indexed(quote_spanned!(span=> ::core::primitive::bool), retryable);
        let solution = self.indexed(quote_spanned!(span=> #str_ty), solutions);
        let alias_list = self.indexed(quote_spanned!(span=> &'static [#str_ty]), aliases);
        let empty = entries.is_empty();
        // Bodies that wrap the looked-up value; an empty enum has no value to wrap.
        let optional = |value: &TokenStream, ty: TokenStream, is_none: TokenStream| {
            if empty {
                quote_spanned!(span=> match self {})
            } else {
                quote_spanned! {span=>
                    let value: #ty = #value;
                    if #is_none {
                        ::core::option::Option::None
                    } else {
                        ::core::option::Option::Some(value)
                    }
                }
            }
        };
        let u16_ty = quote_spanned!(span=> ::core::primitive::u16);
        let status = optional(&status, u16_ty, quote_spanned!(span=> value == 0));
        let is_empty = quote_spanned!(span=> value.is_empty());
        let reason = optional(&reason, str_ty.clone(), is_empty.clone());
        let solution = optional(&solution, str_ty.clone(), is_empty);

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
                #status
            }

            /// The status phrase as the table writes it (e.g. `Moved Temporarily`), if any.
            #[must_use]
            #[inline]
            pub const fn http_reason(self) -> ::core::option::Option<#str_ty> {
                #reason
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
                #alias_list
            }
        }
    }

    /// `VALUES[self as usize]` over a local const array; `match self {}` for an empty enum.
    fn indexed<T: quote::ToTokens>(
        &self,
        ty: TokenStream,
        values: impl Iterator<Item = T>,
    ) -> TokenStream {
        let span = Span::mixed_site();
        let count = self.catalog.entries.len();
        if count == 0 {
            return quote_spanned!(span=> match self {});
        }
        quote_spanned! {span=>
            {
                const VALUES: [#ty; #count] = [#(#values),*];
                VALUES[self as ::core::primitive::usize]
            }
        }
    }

    fn from_code(&self) -> TokenStream {
        let span = Span::mixed_site();
        let signature = quote_spanned! {span=>
            /// The code for a wire string, aliases included: exact and case-sensitive.
            ///
            /// Runs in constant time: a perfect hash over the length and a few bytes of
            /// the input picks the one candidate, then a single comparison confirms it.
            #[must_use]
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
        let mut keys: Vec<&[u8]> = entries.iter().map(|e| e.code.as_bytes()).collect();
        let mut alias_targets: Vec<(&str, usize)> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for alias in &entry.aliases {
                keys.push(alias.as_bytes());
                alias_targets.push((alias, index));
            }
        }
        let lookup = Lookup::build(&keys);
        let min = lookup.min_len;
        let max = lookup.max_len;
        let seed = Literal::u64_unsuffixed(lookup.seed);
        let byte_mul = Literal::u64_unsuffixed(BYTE_MUL);
        let slot_mask = lookup.slots.len() - 1;
        let bucket_shift = lookup.bucket_shift();
        let slot_shift = lookup.slot_shift();
        let bucket_count = lookup.displacements.len();
        let slot_count = lookup.slots.len();
        // The narrowest integer that holds every value: tables stay a few bytes a code.
        let narrowest = |max: usize| {
            if max <= usize::from(u16::MAX) {
                quote_spanned!(span=> ::core::primitive::u16)
            } else {
                quote_spanned!(span=> ::core::primitive::u32)
            }
        };
        let slot_ty = narrowest(keys.len());
        let displacement_ty = narrowest(slot_count - 1);
        let displacements = lookup
            .displacements
            .iter()
            .map(|&d| Literal::u32_unsuffixed(d));
        let slots = lookup.slots.iter().map(|&s| Literal::u32_unsuffixed(s));
        let u64_ty = quote_spanned!(span=> ::core::primitive::u64);
        let mix = match &lookup.hashed {
            Hashed::Positions(_) => {
                let words = lookup
                    .word_plan()
                    .into_iter()
                    .enumerate()
                    .map(|(index, word)| {
                        let length = (index == 0).then(|| quote_spanned!(span=> len as #u64_ty));
                        let parts = word.into_iter().map(|(pos, shift)| {
                            let byte = byte_at(pos, min);
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
        };
        let alias_count = alias_targets.len();
        let alias_strs = alias_targets.iter().map(|(alias, _)| *alias);
        let alias_indices = alias_targets.iter().map(|(_, index)| *index);
        let confirm_alias = if alias_targets.is_empty() {
            quote_spanned!(span=> ::core::option::Option::None)
        } else {
            quote_spanned! {span=>
                const ALIASES: [(&::core::primitive::str, ::core::primitive::usize); #alias_count] =
                    [#((#alias_strs, #alias_indices)),*];
                let (alias, index) = ALIASES[key - Self::COUNT];
                if alias.as_bytes() == bytes {
                    ::core::option::Option::Some(Self::ALL[index])
                } else {
                    ::core::option::Option::None
                }
            }
        };
        quote_spanned! {span=>
            #signature {
                const DISPLACEMENTS: [#displacement_ty; #bucket_count] = [#(#displacements),*];
                // Key index + 1 per slot (0: empty); codes first, then aliases.
                const SLOTS: [#slot_ty; #slot_count] = [#(#slots),*];
                let bytes = code.as_bytes();
                let len = bytes.len();
                if !(#min..=#max).contains(&len) {
                    return ::core::option::Option::None;
                }
                let mut h: #u64_ty = #seed;
                #mix
                // Top bits: the bucket; the bits below, displaced: the slot.
                let displacement = DISPLACEMENTS[(h >> #bucket_shift) as ::core::primitive::usize];
                let slot = ((h >> #slot_shift) as ::core::primitive::usize
                    ^ displacement as ::core::primitive::usize)
                    & #slot_mask;
                let key = SLOTS[slot] as ::core::primitive::usize;
                if key == 0 {
                    return ::core::option::Option::None;
                }
                let key = key - 1;
                if key < Self::COUNT {
                    return if Self::__WIRE_CODES[key].as_bytes() == bytes {
                        ::core::option::Option::Some(Self::ALL[key])
                    } else {
                        ::core::option::Option::None
                    };
                }
                #confirm_alias
            }
        }
    }
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
        // inherent, Display, FromStr, TryFrom, AsRef, Error; the error type's inherent,
        // Display and Error.
        assert_eq!(impls, 9);
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
        for expected in [
            "\" Use \\\\[x\\\\] \\\\& **y**.\"",
            "\" - HTTP status: none (`N/A`)\"",
            "\" - Wire code: `A<b>`\"",
            "\" - Also accepted: `A2`\"",
            "\" - Retryable: no\"",
            "\" - Defined by `t.csv:2`\"",
            "\" **Solution:** Do `z`.\"",
        ] {
            assert!(tokens.contains(expected), "{expected} in {tokens}");
        }
    }
}
