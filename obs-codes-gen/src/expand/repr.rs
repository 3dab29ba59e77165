//! The `#[repr(...)]` check: an integer too narrow for the rows.

use super::spec::attr_parts;
use proc_macro2::{Span, TokenStream, TokenTree};

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
pub(super) fn repr_too_small(attr: &TokenStream, rows: usize) -> Option<(Span, String)> {
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
