//! The checked catalog becomes tokens: the enum, its methods and trait impls.
//!
//! Every emitted token is spanned `mixed_site`, so `::core::...` paths follow this
//! crate's edition (a 2015-edition caller would otherwise resolve `::core` against its
//! own crate root) and local names cannot collide with the caller's. Paths are absolute,
//! primitive types are spelled `::core::primitive::*`, so user items named `Option`,
//! `Some`, `str`, `u8` or `core` change nothing.

mod docs;
mod parse_error;

pub use docs::variant_docs;

use crate::catalog::{Catalog, Entry};
use crate::load::Loaded;
use crate::markdown;
use crate::packed::{PackedWidth, packed};
use crate::perfect_hash;
use crate::source::Source;
use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote_spanned};

/// Traits the generated enum always derives, with the `core` module of each: the
/// expansion emits `::core::{module}::{name}`, and a user derive of one of them would
/// clash.
pub const DERIVED: [(&str, &str); 7] = [
    ("clone", "Clone"),
    ("marker", "Copy"),
    ("cmp", "PartialEq"),
    ("cmp", "Eq"),
    ("hash", "Hash"),
    ("cmp", "PartialOrd"),
    ("cmp", "Ord"),
];

/// Every trait a user derive would clash with, in the order messages list them:
/// `Debug`, which the expansion writes out (its derive costs rustc seconds on a large
/// enum), then the traits it derives (`Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`,
/// `PartialOrd`, `Ord`).
///
/// ```
/// let traits: Vec<&str> = obs_codes_gen::provided_traits().collect();
/// assert_eq!(traits[..3], ["Debug", "Clone", "Copy"]);
/// ```
pub fn provided_traits() -> impl Iterator<Item = &'static str> {
    std::iter::once("Debug").chain(DERIVED.iter().map(|(_, name)| *name))
}

/// The name the macro's short forms and the command give the enum.
pub const DEFAULT_NAME: &str = "ObsErrorCode";

/// Where generated code goes; what differs between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A macro's expansion: every source file is made an input of the build
    /// (`include_bytes!`), and the re-export names the hidden module by a path spanned
    /// with this crate's edition, which also works inside a function body.
    Macro,
    /// A file to `include!`: no `include_bytes!` (a build script prints
    /// `cargo::rerun-if-changed` instead), and the re-export says `self::`, which the
    /// includer's edition reads the same in any module.
    File,
}

/// Everything about the generated enum except its rows.
#[derive(Debug, Clone)]
pub struct EnumSpec {
    /// Outer attributes and doc comments, each a whole `#[...]`.
    pub attrs: Vec<TokenStream>,
    /// The enum's visibility (`pub`, `pub(crate)`, or nothing).
    pub vis: TokenStream,
    /// The enum's name; helper items are named after it.
    pub name: Ident,
    /// The path of the `obs-codes` crate, to implement its `ErrorCode` trait.
    pub runtime: Option<TokenStream>,
    /// Where the code goes: a macro's expansion or a generated file.
    pub output: Output,
    /// Tells apart the hidden modules of several enums of one name in one module (the
    /// macro numbers its calls), so that such a clash is reported once, at the
    /// re-exported names, and no generated name shows in the message.
    pub call_index: Option<usize>,
}

impl EnumSpec {
    /// `pub enum {name}` with no attributes, no runtime, sources tracked.
    #[must_use]
    pub fn new(name: &str) -> Self {
        EnumSpec {
            attrs: Vec::new(),
            vis: quote::quote!(pub),
            name: Ident::new(name, Span::call_site()),
            runtime: None,
            output: Output::Macro,
            call_index: None,
        }
    }

    /// True when one of the attributes is a doc comment or `#[doc = ...]`.
    fn has_docs(&self) -> bool {
        self.attrs
            .iter()
            .any(|attr| attr_name(attr).is_some_and(|name| name == "doc"))
    }

    /// The `#[cfg(...)]` attributes: every generated item gets them, so that the impls
    /// go where the enum goes.
    fn cfg_attrs(&self) -> Vec<&TokenStream> {
        self.attrs
            .iter()
            .filter(|attr| attr_name(attr).is_some_and(|name| name == "cfg"))
            .collect()
    }
}

/// The name of an attribute `#[name ...]`, and its bracketed group.
fn attr_name(attr: &TokenStream) -> Option<Ident> {
    attr_parts(attr).map(|(name, _)| name)
}

/// The name of an attribute `#[name ...]`, and the tokens after the name.
fn attr_parts(attr: &TokenStream) -> Option<(Ident, TokenStream)> {
    let mut tokens = attr.clone().into_iter();
    let _pound = tokens.next();
    let Some(TokenTree::Group(group)) = tokens.next() else {
        return None;
    };
    let mut inner = group.stream().into_iter();
    match inner.next() {
        Some(TokenTree::Ident(name)) => Some((name, inner.collect())),
        _ => None,
    }
}

/// The tokens for an enum: the enum and its impls from the loaded catalog, then one
/// `compile_error!` per problem, spanned at the source it is about.
///
/// ```
/// use obs_codes_gen::EnumSpec;
///
/// let loaded = obs_codes_gen::load_bytes(&[("t.csv", b"code,http_status,description\nNoSuchKey,404,No such key.\n")]);
/// let tokens = obs_codes_gen::expand(&EnumSpec::new("Codes"), &loaded).to_string();
/// assert!(tokens.contains("enum Codes"));
/// assert!(tokens.contains("NoSuchKey"));
/// assert!(!tokens.contains("compile_error"));
/// ```
#[must_use]
pub fn expand(spec: &EnumSpec, loaded: &Loaded) -> TokenStream {
    let catalog = &loaded.catalog;
    let mut tokens = Expansion { spec, catalog }.tokens();
    for (source, message) in loaded.problems.report() {
        let span = source
            .and_then(|name| loaded.sources.iter().find(|s| s.name() == name))
            .map_or_else(Span::call_site, Source::span);
        tokens.extend(quote_spanned!(span=> ::core::compile_error!{ #message }));
    }
    tokens
}

struct Expansion<'a> {
    spec: &'a EnumSpec,
    catalog: &'a Catalog,
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
    args.stream().into_iter().find_map(|token| {
        let TokenTree::Ident(int) = token else {
            return None;
        };
        let ty = int.to_string();
        let &(_, capacity) = REPR_CAPACITY.iter().find(|(name, _)| *name == ty)?;
        if rows <= capacity {
            return None;
        }
        let signed = ty.starts_with('i');
        let fits = REPR_CAPACITY
            .iter()
            .find(|(name, cap)| name.starts_with('i') == signed && rows <= *cap)
            .map_or_else(String::new, |(name, _)| {
                format!(": use `#[repr({name})]` or a wider integer")
            });
        Some((
            int.span(),
            format!(
                "the table has {rows} rows, which do not fit `#[repr({ty})]`: the variants are numbered 0 to {}, and `{ty}` holds {capacity} of them{fits}",
                rows - 1
            ),
        ))
    })
}

impl Expansion<'_> {
    fn tokens(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let vis = &self.spec.vis;
        let attrs = &self.spec.attrs;
        let error = format_ident!("{}ParseError", name);
        let enum_docs = docs::enum_docs(self.catalog, self.spec.has_docs());
        let variants: Vec<Ident> = self.variants();
        // One attribute per variant, lines joined: thousands of rows would otherwise
        // mean tens of thousands of attributes for the compiler to process.
        let variant_docs = self.catalog.entries.iter().map(|entry| {
            let doc = variant_docs(entry).join("\n");
            quote_spanned!(span=> #[doc = #doc])
        });
        // Unsuffixed, so that rustdoc shows `COUNT: usize = 3`, not `3usize`.
        let count = self.catalog.entries.len();
        let count_literal = proc_macro2::Literal::usize_unsuffixed(count);
        let methods = self.methods();
        // Codes first, in table order, then aliases, each standing for its variant.
        let entries = self.catalog.entries.iter().enumerate();
        let aliases = entries
            .clone()
            .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a, i)));
        let (keys, of_key): (Vec<&[u8]>, Vec<usize>) = (entries.map(|(i, e)| (&e.code, i)))
            .chain(aliases)
            .map(|(key, i)| (key.as_bytes(), i))
            .unzip();
        let from_code = perfect_hash::emit::from_code(&keys, &of_key);
        let tracked_paths = if self.spec.output == Output::Macro {
            &self.catalog.tracked_paths[..]
        } else {
            &[]
        };
        let tracked = tracked_paths.iter().map(|path| {
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
        // Inside the hidden module everything is `pub`; the re-export carries `vis`.
        let error_type = parse_error::tokens(name, &error, &quote_spanned!(span=> pub));
        let derive_modules = DERIVED.iter().map(|(module, _)| Ident::new(module, span));
        let derive_names = DERIVED.iter().map(|(_, name)| Ident::new(name, span));
        let runtime_impl = self
            .spec
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

        // A `#[repr]` too narrow for the rows is reported at the attribute, and left
        // out so that rustc does not add its own error at the macro call.
        let mut repr_errors = Vec::new();
        let attrs: Vec<&TokenStream> = attrs
            .iter()
            .filter(|attr| match repr_too_small(attr, count) {
                Some((at, message)) => {
                    repr_errors.push(quote_spanned!(at=> ::core::compile_error!{ #message }));
                    false
                }
                None => true,
            })
            .collect();
        // Every item after the enum: where the enum is compiled out, so are they; where
        // it is deprecated, naming it here is no use of it to warn about.
        let items = [
            quote_spanned! {span=>
                // A crate uses some of these methods, seldom all: like a library's API,
                // the unused ones are no dead code to warn about, in a private module too.
                #[allow(deprecated, dead_code)]
                impl #name {
                    /// Every code, in table order.
                    pub const ALL: &'static [Self] = &[#(#name::#variants),*];

                    /// How many codes there are.
                    pub const COUNT: ::core::primitive::usize = #count_literal;

                    #methods

                    #from_code
                }
            },
            quote_spanned! {span=>
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #debug_body
                    }
                }
            },
            quote_spanned! {span=>
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #display_body
                    }
                }
            },
            // Associated types are named through their trait: `Self::Err` would be
            // ambiguous next to a variant named `Err`.
            quote_spanned! {span=>
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
            },
            quote_spanned! {span=>
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
            },
            quote_spanned! {span=>
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::convert::AsRef<::core::primitive::str> for #name {
                    fn as_ref(&self) -> &::core::primitive::str {
                        #as_ref_body
                    }
                }
            },
            quote_spanned! {span=>
                #[automatically_derived]
                #[allow(deprecated)]
                impl ::core::error::Error for #name {}
            },
        ]
        .into_iter()
        .chain(error_type)
        .chain(runtime_impl)
        .chain(tracked);
        let cfgs = self.spec.cfg_attrs();
        let module = match self.spec.call_index {
            Some(index) => format_ident!("__obs_errors_{}_{}", name, index, span = span),
            None => format_ident!("__obs_errors_{}", name, span = span),
        };

        let module_path = match self.spec.output {
            Output::Macro => quote_spanned!(span=> #module),
            Output::File => quote_spanned!(span=> self::#module),
        };
        // The enum and everything around it live in a hidden module, re-exported under
        // the caller's visibility: a clash with another item of the same name (a second
        // call, a user type named like the parse error) is then one error at the
        // re-export, not one per generated impl.
        quote_spanned! {span=>
            #(#repr_errors)*

            #(#cfgs)*
            #[doc(hidden)]
            #[allow(non_snake_case, unreachable_pub)]
            mod #module {
                // The caller's names, for what its attributes and docs refer to.
                #[allow(unused_imports)]
                use super::*;

                #(#attrs)*
                #(#[doc = #enum_docs])*
                #[derive(#(::core::#derive_modules::#derive_names),*)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_docs #variants,)*
                }

                #(#items)*
            }

            #(#cfgs)*
            #[allow(unused_imports, deprecated)]
            #vis use #module_path::{#name, #error};
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
        let name = &self.spec.name;
        quote_spanned! {span=>
            // Serde impls (the wire string) when the runtime crate has its `serde`
            // feature; nothing otherwise.
            #runtime::__impl_serde_wire!(#name);

            #[automatically_derived]
            #[allow(deprecated)]
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
        let read_start = |index: TokenStream| width.read(&quote_spanned!(span=> starts), &index);
        let start = read_start(quote_spanned!(span=> index));
        let end = read_start(quote_spanned!(span=> (index + 1)));
        let starts = packed(&starts, width);
        quote_spanned! {span=>
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
        }
    }

    fn variants(&self) -> Vec<Ident> {
        self.catalog
            .entries
            .iter()
            .map(|entry| Ident::new(&entry.variant, Span::mixed_site()))
            .collect()
    }

    fn methods(&self) -> TokenStream {
        let span = Span::mixed_site();
        let entries = &self.catalog.entries;
        let count = entries.len();
        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
        let codes = entries.iter().map(|e| e.code.as_str());
        // Locals, not items of the impl, so that no generated name other than the
        // enum's and its parse error's can clash or show up in a message.
        let as_str = self.per_variant(quote_spanned! {span=>
            const CODES: [&::core::primitive::str; #count] = [#(#codes),*];
            CODES[self as #usize_ty]
        });
        let descriptions = entries.iter().map(|e| markdown::plain_text(&e.description));
        let description = self.per_variant(quote_spanned! {span=>
            const VALUES: [&::core::primitive::str; #count] = [#(#descriptions),*];
            VALUES[self as #usize_ty]
        });
        let http_status = self.http_status();
        let is_retryable = self.is_retryable();
        let http_reason = self.sparse(|e| e.status.as_ref().and_then(|s| s.reason.clone()));
        let solution = self.sparse(|e| e.solution.as_deref().map(markdown::plain_text));
        let aliases = self.aliases();

        quote_spanned! {span=>
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
    fn constant(&self, value: &TokenStream) -> TokenStream {
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
            return self.constant(&quote_spanned!(span=> ::core::option::Option::None));
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
            return self.constant(&quote_spanned!(span=> false));
        }
        if flags.iter().all(|&f| f == 1) {
            return self.constant(&quote_spanned!(span=> true));
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
    fn aliases(&self) -> TokenStream {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{scratch, synthetic_codes};
    use quote::quote;
    use std::fmt::Write as _;

    /// The default enum from `t.csv` in `dir`.
    fn generate_t(dir: &std::path::Path) -> TokenStream {
        crate::generate(
            &EnumSpec::new(DEFAULT_NAME),
            &[Source::from_arg("t.csv")],
            dir,
        )
    }

    fn expand_file(dir: &std::path::Path) -> (syn::File, String) {
        let tokens = generate_t(dir);
        let text = tokens.to_string();
        let file = syn::parse2::<syn::File>(tokens).expect("the expansion is valid Rust");
        (file, text)
    }

    /// The items of the expansion's hidden module.
    fn module_items(file: &syn::File) -> &[syn::Item] {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(m) => m.content.as_ref().map(|(_, items)| &items[..]),
                _ => None,
            })
            .expect("one module")
    }

    fn the_enum(file: &syn::File) -> &syn::ItemEnum {
        module_items(file)
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
        let impls = module_items(&file)
            .iter()
            .filter(|item| matches!(item, syn::Item::Impl(_)))
            .count();
        // inherent, Debug, Display, FromStr, TryFrom, AsRef, Error; the error type's
        // inherent, Debug, Display and Error.
        assert_eq!(impls, 11);
        assert!(module_items(&file).iter().any(
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
    fn the_enum_form_names_the_enum_and_keeps_attributes() {
        let dir = scratch("enum-form", TABLE.as_bytes());
        let spec = EnumSpec {
            attrs: vec![quote!(#[doc = " Ours."]), quote!(#[repr(u16)])],
            vis: quote!(pub(crate)),
            ..EnumSpec::new("Gateway")
        };
        let tokens = crate::generate(
            &spec,
            &[Source::from_arg("obs"), Source::from_arg("t.csv")],
            &dir,
        );
        let file = syn::parse2::<syn::File>(tokens).unwrap();
        let item = the_enum(&file);
        assert_eq!(item.ident, "Gateway");
        // The re-export carries the visibility.
        assert!(file.items.iter().any(|item| matches!(
            item,
            syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Restricted(_))
        )));
        assert!(item.attrs.iter().any(|a| a.path().is_ident("repr")));
        // 132 bundled codes, NoSuchKey is already one of them (a repeat, reported), SlowDown too.
        assert_eq!(item.variants.len(), 132);
    }

    /// The tokens for `table` (as `t.csv`) under `spec`.
    fn expand_with(spec: &EnumSpec, name: &str, table: &str) -> TokenStream {
        let dir = scratch(name, table.as_bytes());
        crate::generate(spec, &[Source::from_arg("t.csv")], &dir)
    }

    #[test]
    fn the_enums_cfg_goes_on_every_item() {
        let spec = EnumSpec {
            attrs: vec![quote!(#[cfg(feature = "codes")]), quote!(#[deprecated])],
            ..EnumSpec::new("Gated")
        };
        let tokens = expand_with(&spec, "cfg", TABLE);
        let file = syn::parse2::<syn::File>(tokens).unwrap();
        // The hidden module and the re-export; the module holds every other item.
        assert_eq!(file.items.len(), 2);
        for item in &file.items {
            let text = quote!(#item).to_string();
            assert!(text.starts_with("# [cfg (feature = \"codes\")]"), "{text}");
        }
    }

    #[test]
    fn a_repr_too_narrow_is_reported_at_the_attribute_and_left_out() {
        let codes: Vec<String> = (0..300).map(|i| format!("Code{i}")).collect();
        let table = crate::synthetic::table(&codes);
        let spec = EnumSpec {
            attrs: vec![quote!(#[repr(u8)])],
            ..EnumSpec::new("Narrow")
        };
        let text = expand_with(&spec, "repr", &table).to_string();
        assert_eq!(compile_errors(&text), 1, "{text}");
        assert!(text.contains(
            "the table has 300 rows, which do not fit `#[repr(u8)]`: the variants are numbered 0 to 299, and `u8` holds 256 of them: use `#[repr(u16)]` or a wider integer"
        ));
        assert!(!text.contains("repr (u8)"));
        for (repr, rows, fits) in [("i8", 128, true), ("i8", 129, false), ("u16", 300, true)] {
            let attr = format!("#[repr(C, {repr})]").parse().unwrap();
            assert_eq!(repr_too_small(&attr, rows).is_none(), fits, "{repr} {rows}");
        }
    }

    #[test]
    fn no_generated_private_name_is_an_item() {
        let (file, text) = expand_file(&scratch("private", TABLE.as_bytes()));
        // The one generated name is the hidden module's; the caller's module sees the
        // enum and its parse error, re-exported.
        assert_eq!(text.matches("__").count(), 2, "{text}");
        let top: Vec<String> = file
            .items
            .iter()
            .map(|item| match item {
                syn::Item::Mod(m) => format!("mod {}", m.ident),
                syn::Item::Use(u) => quote!(#u).to_string(),
                other => quote!(#other).to_string(),
            })
            .collect();
        assert_eq!(top[0], "mod __obs_errors_ObsErrorCode");
        assert!(
            top[1].ends_with(
                "pub use __obs_errors_ObsErrorCode :: { ObsErrorCode , ObsErrorCodeParseError } ;"
            ),
            "{}",
            top[1]
        );
        assert_eq!(top.len(), 2);
        let names: Vec<String> = module_items(&file)
            .iter()
            .filter_map(|item| match item {
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Const(c) => Some(c.ident.to_string()),
                syn::Item::Impl(_) | syn::Item::Use(_) => None,
                other => Some(quote!(#other).to_string()),
            })
            .collect();
        assert_eq!(names, ["ObsErrorCode", "ObsErrorCodeParseError", "_"]);
    }

    #[test]
    fn codes_that_defeat_the_hash_expand_to_a_binary_search() {
        // Long codes that differ only far inside, next to a short one: sorted.
        let mut table = "code,variant,http_status,description\n".to_owned();
        for i in 0..8 {
            writeln!(table, "{}{i}{},,400,x", "x".repeat(60), "y".repeat(60)).unwrap();
        }
        table.push_str("short,,400,x\n<V<V<V<V,,400,x\n\u{e9}\u{e9}\u{e9}\u{e9},Eeee,400,x\n");
        let (file, text) = expand_file(&scratch("sorted", table.as_bytes()));
        assert_eq!(compile_errors(&text), 0, "{text}");
        assert!(text.contains("binary search"));
        assert_eq!(the_enum(&file).variants.len(), 11);
    }

    #[test]
    fn ten_thousand_rows_expand() {
        let table = crate::synthetic::table(&synthetic_codes(10_000));
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
        let tokens = generate_t(&dir).to_string();
        // One doc attribute per variant, its lines joined (escaped in the token text).
        for expected in [
            "[doc = \" Use \\\\[x\\\\] \\\\& **y**.\\n",
            "\\n * HTTP status: none (`N/A`)\\n",
            "\\n * Wire code: `A<b>`\\n",
            "\\n * Also accepted: `A2`\\n",
            "\\n * Retryable: no (the default rule: no status)\\n",
            "\\n * Defined on line 2 of `t.csv`\\n",
            "\\n **Solution:** Do `z`.\"]",
        ] {
            assert!(tokens.contains(expected), "{expected} in {tokens}");
        }
    }
}
