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
        let cfgs = self.spec.cfg_attrs();
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
        let items = std::iter::once(self.inherent_impl())
            .chain(self.trait_impls(&error_path))
            .chain(runtime_impl.into_iter().flatten())
            .chain(tracked);
        let enum_item = |vis: &TokenStream| {
            quote_spanned! {span=>
                #(#attrs)*
                #(#[doc = #enum_docs])*
                #[derive(#(::core::#derive_modules::#derive_names),*)]
                #[non_exhaustive]
                #vis enum #name {
                    #(#variant_docs #variants,)*
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
            return quote_spanned! {span=>
                #(#cfgs)*
                #[doc(hidden)]
                #[allow(non_snake_case, unreachable_pub)]
                mod #module {
                    // The caller's names, for what its attributes and docs refer to.
                    #[allow(unused_imports)]
                    use super::*;

                    #enum_item
                    #(#items)*
                    #(#error_type)*
                }

                #(#cfgs)*
                #[allow(unused_imports, deprecated)]
                #vis use #module_path::{#name, #error};
            };
        }
        let enum_item = enum_item(vis);
        let items = items.map(|item| quote_spanned!(span=> #(#cfgs)* #item));
        quote_spanned! {span=>
            #(#cfgs)*
            #[doc(hidden)]
            #[allow(non_snake_case, unreachable_pub)]
            mod #module {
                #(#error_type)*
            }

            #(#cfgs)*
            #[allow(unused_imports)]
            #vis use #module_path::#error;

            #enum_item
            #(#items)*
        }
    }
}

#[cfg(test)]
mod tests;
