//! Tables of integers emitted as one byte-string literal each: the compiler reads one
//! literal in no time, where thousands of integer literals cost it seconds.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote_spanned;

/// How many bytes one integer of a packed table takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackedWidth {
    /// `u8`.
    One,
    /// `u16`.
    Two,
    /// `u32`.
    Four,
}

impl PackedWidth {
    pub fn for_max(max: usize) -> Self {
        match width_for(max) {
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
    pub fn read(self, table: &TokenStream, index: &TokenStream) -> TokenStream {
        let span = Span::mixed_site();
        let width = self.bytes();
        let mut bytes = TokenStream::new();
        for i in 0..width {
            crate::template::push_separated(&mut bytes, quote_spanned!(span=> #table[at + #i]));
        }
        let int = match self {
            PackedWidth::One => quote_spanned!(span=> ::core::primitive::u8),
            PackedWidth::Two => quote_spanned!(span=> ::core::primitive::u16),
            PackedWidth::Four => quote_spanned!(span=> ::core::primitive::u32),
        };
        quote_spanned! {span=>
            {
                let at = #index * #width;
                #int::from_le_bytes([#bytes]) as ::core::primitive::u64
            }
        }
    }
}

/// How many bytes (1, 2 or 4) a little-endian integer up to `max` takes in the emitted
/// tables.
pub fn width_for(max: usize) -> usize {
    if u8::try_from(max).is_ok() {
        1
    } else if u16::try_from(max).is_ok() {
        2
    } else {
        4
    }
}

/// `values` as one byte-string literal of little-endian integers of `width` (each value
/// fits: the width was chosen for the largest).
pub fn packed(values: &[u64], width: PackedWidth) -> Literal {
    let mut bytes: Vec<u8> = Vec::with_capacity(values.len() * width.bytes());
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes()[..width.bytes()]);
    }
    Literal::byte_string(&bytes)
}

/// `value` as a hexadecimal literal in groups of four digits (`0x9E37_79B9_7F4A_7C15`),
/// as clippy's `unreadable_literal` wants it in a generated file.
pub fn hex_u64(value: u64) -> Literal {
    let digits = format!("{value:016X}");
    let text = format!(
        "0x{}_{}_{}_{}",
        &digits[..4],
        &digits[4..8],
        &digits[8..12],
        &digits[12..]
    );
    text.parse()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(value))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_literals_are_grouped() {
        assert_eq!(
            super::hex_u64(0x9E37_79B9_7F4A_7C15).to_string(),
            "0x9E37_79B9_7F4A_7C15"
        );
        assert_eq!(super::hex_u64(1).to_string(), "0x0000_0000_0000_0001");
    }
}
