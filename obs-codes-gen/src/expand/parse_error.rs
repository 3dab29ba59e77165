//! The error type that the generated `FromStr` returns, named after the enum.

use crate::template;
use proc_macro2::{Ident, Span, TokenStream};

/// How many bytes of a rejected input the `FromStr` error keeps (no allocator needed).
pub const PARSE_ERROR_PREFIX: usize = 64;

/// `struct {name}ParseError` (`error`) and its impls, one item each, visible as the
/// enum is.
pub fn tokens(name: &Ident, error: &Ident, vis: &TokenStream) -> Vec<TokenStream> {
    let span = Span::mixed_site();
    let doc = format!(
        " The error `{name}::from_str` returns for a string that is not a code: it names the rejected input."
    );
    let max = PARSE_ERROR_PREFIX;
    let error_name = error.to_string();
    let input_doc = format!(
        " The rejected input; only its first {max} bytes (cut at a character boundary) when it was longer."
    );
    vec![
        template::fill(
            span,
            r"
        #[doc = #doc]
        #[derive(
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq
        )]
        #vis struct #error {
            prefix: [::core::primitive::u8; #max],
            len: ::core::primitive::usize,
            truncated: ::core::primitive::bool,
        }
",
            &[
                ("doc", &doc),
                ("error", &error),
                ("max", &max),
                ("vis", &vis),
            ],
        ),
        template::fill(
            span,
            r#"
        // `is_truncated` and `input` are API for the caller, used or not.
        #[allow(dead_code)]
        impl #error {
            // Visible to the enum's `FromStr`, which may be outside the error's module.
            pub(super) fn new(input: &::core::primitive::str) -> Self {
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
"#,
            &[("error", &error), ("input_doc", &input_doc), ("max", &max)],
        ),
        template::fill(
            span,
            r#"
        #[automatically_derived]
        impl ::core::fmt::Debug for #error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#error_name)
                    .field("input", &self.input())
                    .field("truncated", &self.truncated)
                    .finish()
            }
        }
"#,
            &[("error", &error), ("error_name", &error_name)],
        ),
        template::fill(
            span,
            r#"
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
"#,
            &[("error", &error)],
        ),
        template::fill(
            span,
            r"
        #[automatically_derived]
        impl ::core::error::Error for #error {}
",
            &[("error", &error)],
        ),
    ]
}
