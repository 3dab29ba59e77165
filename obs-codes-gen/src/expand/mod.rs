//! The checked catalog becomes tokens: the enum, its methods and trait impls.
//!
//! Every emitted token is spanned `mixed_site`, so `::core::...` paths follow this
//! crate's edition (a 2015-edition caller would otherwise resolve `::core` against its
//! own crate root) and local names cannot collide with the caller's. Paths are absolute,
//! primitive types are spelled `::core::primitive::*`, so user items named `Option`,
//! `Some`, `str`, `u8` or `core` change nothing.

mod check;
mod columns;
mod docs;
mod methods;
mod parse_error;
mod runtime;
mod spec;
mod traits;

pub use docs::variant_docs;
pub use spec::{DEFAULT_NAME, DERIVED, EnumSpec, Output};

use crate::catalog::Catalog;
use crate::load::Loaded;
use crate::problem::Origin;
use crate::source::Source;
use proc_macro2::{Delimiter, Group, Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote_spanned};

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
    let (sources, catalog, problems) = (&loaded.sources, &loaded.catalog, &loaded.problems);
    let mut tokens = Expansion { spec, catalog }.tokens();
    for (origin, message) in problems.report() {
        let (first, last) = match origin {
            Origin::Call(first, last) => (first, last),
            Origin::Table(name) => {
                let span = sources
                    .iter()
                    .find(|s| s.name() == name)
                    .map_or_else(Span::call_site, Source::span);
                (span, span)
            }
            Origin::Unknown => (Span::call_site(), Span::call_site()),
        };
        // The path at the first token and the braces at the last: rustc underlines
        // the call of `compile_error!` from one to the other.
        let mut message = Group::new(
            Delimiter::Brace,
            TokenTree::from(Literal::string(&message)).into(),
        );
        message.set_span(last);
        tokens.extend(quote_spanned!(first=> ::core::compile_error!));
        tokens.extend([TokenTree::Group(message)]);
    }
    tokens
}

struct Expansion<'a> {
    spec: &'a EnumSpec,
    catalog: &'a Catalog,
}

/// How a generated method takes `self`.
#[derive(Clone, Copy)]
enum Receiver {
    /// `self`: the enum is `Copy`, and its own methods take it by value.
    Value,
    /// `&self`, as the methods of `Debug`, `Display` and `AsRef` do.
    Ref,
}

impl Expansion<'_> {
    /// A method body that reads `self`: `body`, or for an empty enum (a broken table)
    /// a `match` with no arms. Such an enum has no value to call a method on; saying so
    /// keeps rustc from warning about unreachable code next to the real error.
    fn per_variant(&self, receiver: Receiver, body: TokenStream) -> TokenStream {
        if !self.catalog.entries.is_empty() {
            return body;
        }
        let span = Span::mixed_site();
        match receiver {
            Receiver::Value => quote_spanned!(span=> match self {}),
            Receiver::Ref => quote_spanned!(span=> match *self {}),
        }
    }

    fn tokens(&self) -> TokenStream {
        let span = Span::mixed_site();
        let name = &self.spec.name;
        let vis = &self.spec.vis;
        let mut attrs = TokenStream::new();
        for attr in &self.spec.attrs {
            attrs.extend(attr.clone());
        }
        let error = format_ident!("{}ParseError", name);
        let mut enum_docs = TokenStream::new();
        for doc in docs::enum_docs(self.catalog, self.spec.has_docs()) {
            enum_docs.extend(quote_spanned!(span=> #[doc = #doc]));
        }
        let mut variants = TokenStream::new();
        for (entry, variant) in self.catalog.entries.iter().zip(self.variants()) {
            // One attribute per variant, lines joined: thousands of rows would otherwise
            // mean tens of thousands of attributes for the compiler to process.
            let doc = variant_docs(entry).join("\n");
            variants.extend(quote_spanned!(span=> #[doc = #doc] #variant,));
        }
        let tracked_paths = if self.spec.output == Output::Macro {
            &self.catalog.tracked_paths[..]
        } else {
            &[]
        };
        // Inside the hidden module everything is `pub`; the re-export carries `vis`.
        let mut error_type = TokenStream::new();
        for item in parse_error::tokens(name, &error, &quote_spanned!(span=> pub)) {
            error_type.extend(item);
        }
        let mut derive_list = TokenStream::new();
        for (module, derived) in DERIVED {
            let (module, derived) = (Ident::new(module, span), Ident::new(derived, span));
            crate::template::push_separated(
                &mut derive_list,
                quote_spanned!(span=> ::core::#module::#derived),
            );
        }
        let mut cfgs = TokenStream::new();
        for cfg in self.spec.cfg_attrs() {
            cfgs.extend(cfg.clone());
        }
        let module = match self.spec.repeat_index {
            Some(index) => format_ident!("__obs_errors_{}_{}", name, index, span = span),
            None => format_ident!("__obs_errors_{}", name, span = span),
        };
        let module_path = match self.spec.output {
            Output::Macro => quote_spanned!(span=> #module),
            Output::File => quote_spanned!(span=> self::#module),
        };
        // The macro's impls name the parse error by its path, so that a user type of its
        // name (one error, at the re-export) does not become the type they implement
        // with. A generated file names it plainly: the path would be an
        // `unused_qualifications` warning in the includer's crate.
        let error_path = if self.spec.repeat_index.is_none() && self.spec.output == Output::Macro {
            quote_spanned!(span=> #module_path::#error)
        } else {
            quote_spanned!(span=> #error)
        };
        // Every item after the enum: where the enum is compiled out, so are they; where
        // it is deprecated, naming it here is no use of it to warn about.
        let mut items = vec![self.inherent_impl()];
        items.extend(self.trait_impls(&error_path));
        if let Some(runtime) = &self.spec.runtime {
            items.extend(self.runtime_impl(runtime));
        }
        for path in tracked_paths {
            items.push(tracked(path));
        }
        let enum_item = |vis: &TokenStream| {
            quote_spanned! {span=>
                #attrs
                #enum_docs
                #[derive(#derive_list)]
                #[non_exhaustive]
                #vis enum #name {
                    #variants
                }
            }
        };
        // The parse error always lives in a hidden module, re-exported under the
        // caller's visibility: a user type of its name then clashes once, at the
        // re-export, not once per impl. The enum too when its name was generated before
        // in this compilation: two calls in one module then clash once, at the
        // re-export. Otherwise the enum is written in place, where rustdoc documents
        // it as it would a hand-written enum (a re-export of a hidden item is left out
        // of the docs wherever its path is not public).
        if self.spec.repeat_index.is_some() {
            let enum_item = enum_item(&quote_spanned!(span=> pub));
            let mut all_items = TokenStream::new();
            for item in items {
                all_items.extend(item);
            }
            let items = all_items;
            return quote_spanned! {span=>
                #cfgs
                #[doc(hidden)]
                #[allow(non_snake_case, unreachable_pub)]
                mod #module {
                    // The caller's names, for what its attributes and docs refer to.
                    #[allow(unused_imports)]
                    use super::*;

                    #enum_item
                    #items
                    #error_type
                }

                #cfgs
                #[allow(unused_imports, deprecated)]
                #vis use #module_path::{#name, #error};
            };
        }
        let enum_item = enum_item(vis);
        let mut each_item = TokenStream::new();
        for item in items {
            each_item.extend(cfgs.clone());
            each_item.extend(item);
        }
        quote_spanned! {span=>
            #cfgs
            #[doc(hidden)]
            #[allow(non_snake_case, unreachable_pub)]
            mod #module {
                #error_type
            }

            #cfgs
            #[allow(unused_imports)]
            #vis use #module_path::#error;

            #enum_item
            #each_item
        }
    }
}

/// The item that makes a table an input of the build: editing it recompiles the crate.
fn tracked(path: &str) -> TokenStream {
    let span = Span::mixed_site();
    // Relative paths go through `env!` so that no machine path is written into the
    // expansion; an absolute path (a generated table) is already one.
    let file = if std::path::Path::new(path).is_absolute() {
        quote_spanned!(span=> #path)
    } else {
        quote_spanned!(span=> ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #path))
    };
    quote_spanned! {span=>
        // Makes the table an input of the build: editing it recompiles this crate.
        const _: &[::core::primitive::u8] = ::core::include_bytes!(#file);
    }
}

#[cfg(test)]
mod tests;
