//! `impl obs_codes::ErrorCode`, when the caller names the runtime crate.

use super::{Expansion, Receiver};
use crate::template;
use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

impl Expansion<'_> {
    /// `impl obs_codes::ErrorCode`, forwarding to the inherent methods.
    pub(super) fn runtime_impl(&self, runtime: &TokenStream) -> [TokenStream; 2] {
        let span = Span::mixed_site();
        let str_ty = quote_spanned!(span=> &'static ::core::primitive::str);
        let forward = |call| self.per_variant(Receiver::Value, call);
        let as_str = forward(quote_spanned!(span=> self.as_str()));
        let description = forward(quote_spanned!(span=> self.description()));
        let http_status = forward(quote_spanned!(span=> self.http_status()));
        let http_reason = forward(quote_spanned!(span=> self.http_reason()));
        let is_retryable = forward(quote_spanned!(span=> self.is_retryable()));
        let solution = forward(quote_spanned!(span=> self.solution()));
        let aliases = forward(quote_spanned!(span=> self.aliases()));
        let name = &self.spec.name;
        // Serde impls (the wire string) when the runtime crate has its `serde` feature;
        // nothing otherwise.
        let serde = quote_spanned!(span=> #runtime::__impl_serde_wire!(#name););
        let error_code = template::fill(
            span,
            r"
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
            ",
            &[
                ("runtime", &runtime),
                ("name", &name),
                ("str_ty", &str_ty),
                ("as_str", &as_str),
                ("description", &description),
                ("http_status", &http_status),
                ("http_reason", &http_reason),
                ("is_retryable", &is_retryable),
                ("solution", &solution),
                ("aliases", &aliases),
            ],
        );
        [serde, error_code]
    }
}
