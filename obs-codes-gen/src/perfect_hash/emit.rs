//! The `from_code` function that the expansion emits: the tokens that compute, for an
//! input, what `Plan::find` and `Records::find` (test-only references) compute at
//! expansion time.

use super::{BYTE_MUL, BytePos, Hashed, Lookup, Plan, Records, Sorted};
use crate::packed::{PackedWidth, hex_u64, packed};
use crate::template;
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote_spanned;

/// `pub fn from_code(&str) -> Option<Self>` that maps `keys[i]` to variant
/// `variants[i]` (by index in declaration order) and every other string to `None`.
/// The keys must be distinct; `keys` and `variants` have the same length.
pub fn from_code(keys: &[&[u8]], variants: &[usize]) -> TokenStream {
    let span = Span::mixed_site();
    let signature = |cost: &str| {
        template::fill(
            span,
            r"
            /// The code for a wire string, aliases included: exact and case-sensitive.
            ///
            #[doc = #cost]
            #[must_use]
            #[inline]
            pub fn from_code(code: &::core::primitive::str) -> ::core::option::Option<Self>
            ",
            &[("cost", &cost)],
        )
    };
    if keys.is_empty() {
        let signature = signature(" There is no code: every string is `None`.");
        return template::fill(
            span,
            r"
            #signature {
                let _ = code;
                ::core::option::Option::None
            }
            ",
            &[("signature", &signature)],
        );
    }
    let records = Records::build(keys, variants);
    let (cost, body) = match Plan::build(keys) {
        Plan::Hash(lookup) => (
            " Runs in constant time: a perfect hash over the length and a few bytes of \
             the input picks the one candidate, then a single comparison confirms it.",
            hashed_body(&lookup, &records),
        ),
        Plan::Sorted(sorted) => (
            " A binary search over the codes by length, then bytes: these codes defeat \
             the perfect hash, or only hashing every byte of long codes would tell them \
             apart.",
            sorted_body(&sorted, &records),
        ),
    };
    let signature = signature(cost);
    quote_spanned!(span=> #signature { #body })
}

/// The statements that read `bytes` (of length `len`) and return early when the length
/// is outside `min..=max`, after the record table.
fn prologue(records: &Records, min: usize, max: usize) -> TokenStream {
    let span = Span::mixed_site();
    let records_len = records.bytes.len();
    let record_bytes = Literal::byte_string(&records.bytes);
    template::fill(
        span,
        r"
        const RECORDS: &[::core::primitive::u8; #records_len] = #record_bytes;
        let bytes = code.as_bytes();
        let len = bytes.len();
        if !(#min..=#max).contains(&len) {
            return ::core::option::Option::None;
        }
        ",
        &[
            ("records_len", &records_len),
            ("record_bytes", &record_bytes),
            ("min", &min),
            ("max", &max),
        ],
    )
}

/// `(variant, key length)`: the expressions for the header fields of `record`, a
/// `record: &[u8; _]` or `&[u8]` that starts at a record.
fn record_fields(records: &Records) -> (TokenStream, TokenStream) {
    let span = Span::mixed_site();
    let field = |at: usize, width: usize| {
        let mut bytes = TokenStream::new();
        for i in at..at + width {
            bytes.extend(quote_spanned!(span=> record[#i],));
        }
        let mut pad = TokenStream::new();
        for _ in width..8 {
            template::push_separated(&mut pad, quote_spanned!(span=> 0));
        }
        quote_spanned!(span=> ::core::primitive::u64::from_le_bytes([#bytes #pad]) as ::core::primitive::usize)
    };
    (
        field(0, records.index_width),
        field(records.index_width, records.len_width),
    )
}

/// The body of `from_code` for a perfect hash: hash, filter, one slot, one comparison.
fn hashed_body(lookup: &Lookup, records: &Records) -> TokenStream {
    let span = Span::mixed_site();
    let u64_ty = quote_spanned!(span=> ::core::primitive::u64);
    let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
    let (min, max) = (lookup.min_len, lookup.max_len);
    let seed = hex_u64(lookup.seed);
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
    let read_start = start_width.read(&quote_spanned!(span=> STARTS), &quote_spanned!(span=> slot));
    let mix = hash_tokens(lookup);
    let words = compares_by_words(min, max) || matches!(lookup.hashed, Hashed::Words(_));
    let word = words.then(word_fn);
    let window = records.window;
    let header = records.header();
    let (variant, key_len) = record_fields(records);
    let difference = difference_tokens(min, max, header);
    let filter_shift = lookup.filter_shift();
    let filter = Literal::byte_string(&lookup.filter);
    let prologue = prologue(records, min, max);
    template::fill(
        span,
        r"
        const DISPLACEMENTS: &[::core::primitive::u8] = #displacements;
        const STARTS: &[::core::primitive::u8] = #starts;
        const FILTER: &[::core::primitive::u8] = #filter;
        #word
        #prologue
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
            match <&[::core::primitive::u8; #window] as ::core::convert::TryFrom<&[::core::primitive::u8]>>::try_from(&RECORDS[start..start + #window]) {
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
        ",
        &[
            ("displacements", &displacements),
            ("starts", &starts),
            ("filter", &filter),
            ("word", &word),
            ("prologue", &prologue),
            ("u64_ty", &u64_ty),
            ("seed", &seed),
            ("mix", &mix),
            ("filter_shift", &filter_shift),
            ("usize_ty", &usize_ty),
            ("read_displacement", &read_displacement),
            ("slot_shift", &slot_shift),
            ("slot_mask", &slot_mask),
            ("read_start", &read_start),
            ("window", &window),
            ("key_len", &key_len),
            ("difference", &difference),
            ("variant", &variant),
        ],
    )
}

/// The body of `from_code` for sorted keys: a binary search by length, then bytes, as
/// `Sorted::find` does it.
fn sorted_body(sorted: &Sorted, records: &Records) -> TokenStream {
    let span = Span::mixed_site();
    let usize_ty = quote_spanned!(span=> ::core::primitive::usize);
    let starts: Vec<u64> = sorted
        .order
        .iter()
        .map(|&key| records.starts[key] as u64)
        .collect();
    let count = starts.len();
    let start_width = PackedWidth::for_max(records.bytes.len());
    let starts = packed(&starts, start_width);
    let read_start = start_width.read(
        &quote_spanned!(span=> STARTS),
        &quote_spanned!(span=> middle),
    );
    let header = records.header();
    let (variant, key_len) = record_fields(records);
    let prologue = prologue(records, sorted.min_len, sorted.max_len);
    template::fill(
        span,
        r"
        // Where each key's record starts, the keys in order of length, then bytes.
        const STARTS: &[::core::primitive::u8] = #starts;
        #prologue
        let mut low: #usize_ty = 0;
        let mut high: #usize_ty = #count;
        while low < high {
            let middle = low + (high - low) / 2;
            let record = &RECORDS[#read_start as #usize_ty..];
            let key_len = #key_len;
            let key = &record[#header..#header + key_len];
            match ::core::cmp::Ord::cmp(&(key_len, key), &(len, bytes)) {
                ::core::cmp::Ordering::Less => low = middle + 1,
                ::core::cmp::Ordering::Greater => high = middle,
                ::core::cmp::Ordering::Equal => {
                    return ::core::option::Option::Some(Self::ALL[#variant]);
                }
            }
        }
        ::core::option::Option::None
        ",
        &[
            ("starts", &starts),
            ("prologue", &prologue),
            ("usize_ty", &usize_ty),
            ("count", &count),
            ("read_start", &read_start),
            ("key_len", &key_len),
            ("header", &header),
            ("variant", &variant),
        ],
    )
}

/// The statements that leave the hash of `bytes` in `h`, as [`Lookup::hash`] computes it.
fn hash_tokens(lookup: &Lookup) -> TokenStream {
    let span = Span::mixed_site();
    let u64_ty = quote_spanned!(span=> ::core::primitive::u64);
    let byte_mul = hex_u64(BYTE_MUL);
    // Spelled out: `u64::from` needs `From` in scope, which `#[no_implicit_prelude]`
    // takes away.
    let from_u8 = template::fill(
        span,
        r"
            <#u64_ty as ::core::convert::From<::core::primitive::u8>>::from
            ",
        &[("u64_ty", &u64_ty)],
    );
    match &lookup.hashed {
        Hashed::Words(windows) => {
            let mut words = TokenStream::new();
            for (i, &pos) in windows.iter().enumerate() {
                let at = window_at(pos, lookup.min_len, lookup.max_len);
                let rotation = lookup.rotation(i);
                words.extend(quote_spanned!(span=> ^ word(bytes, #at).rotate_left(#rotation)));
            }
            quote_spanned!(span=> h = (h ^ len as #u64_ty #words).wrapping_mul(#byte_mul);)
        }
        Hashed::Positions(_) => {
            let mut words = TokenStream::new();
            for (index, word) in lookup.word_plan().into_iter().enumerate() {
                let mut parts = TokenStream::new();
                if index == 0 {
                    parts.extend(quote_spanned!(span=> len as #u64_ty));
                }
                for (pos, shift) in word {
                    let byte = byte_at(pos, lookup.min_len);
                    template::push_joined(
                        &mut parts,
                        '|',
                        quote_spanned!(span=> #from_u8(#byte) << #shift),
                    );
                }
                words.extend(quote_spanned!(span=> h = (h ^ (#parts)).wrapping_mul(#byte_mul);));
            }
            words
        }
        Hashed::EveryByte => template::fill(
            span,
            r"
            h = (h ^ len as #u64_ty).wrapping_mul(#byte_mul);
            for &byte in bytes {
                h = (h ^ #from_u8(byte)).wrapping_mul(#byte_mul);
            }
            ",
            &[
                ("u64_ty", &u64_ty),
                ("byte_mul", &byte_mul),
                ("from_u8", &from_u8),
            ],
        ),
    }
}

/// `fn word(s, at)`: the 8 bytes at `at` as a little-endian `u64` (one load).
fn word_fn() -> TokenStream {
    let span = Span::mixed_site();
    let u8_ty = quote_spanned!(span=> ::core::primitive::u8);
    template::fill(
        span,
        r"
        #[inline(always)]
        fn word(s: &[#u8_ty], at: ::core::primitive::usize) -> ::core::primitive::u64 {
            match <[#u8_ty; 8] as ::core::convert::TryFrom<&[#u8_ty]>>::try_from(&s[at..at + 8]) {
                ::core::result::Result::Ok(word) => ::core::primitive::u64::from_le_bytes(word),
                ::core::result::Result::Err(_) => 0,
            }
        }
        ",
        &[("u8_ty", &u8_ty)],
    )
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
        return template::fill(
            span,
            r"
            (record[#header..#header + len] != *bytes) as ::core::primitive::u64
            ",
            &[("header", &header)],
        );
    }
    let mut words = TokenStream::new();
    for i in 0..max_len.div_ceil(8) {
        let at = window_at(BytePos::FromStart(i * 8), min_len, max_len);
        let word = template::fill(
            span,
            r"
            { let at = #at; word(bytes, at) ^ word(record, #header + at) }
            ",
            &[("at", &at), ("header", &header)],
        );
        template::push_joined(&mut words, '|', word);
    }
    quote_spanned!(span=> (#words))
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
