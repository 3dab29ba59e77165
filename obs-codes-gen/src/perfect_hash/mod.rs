//! The perfect hash behind the generated `from_code`, computed at expansion time.
//!
//! A generic hash of the whole string costs as much as a `HashMap` lookup, so, like GNU
//! gperf, this hashes only what tells the keys apart, chosen greedily for these keys:
//! when every key has 8 bytes or more, the length and a few 8-byte windows (the first
//! and the last, more only when needed), XOR-ed together and multiplied once; the final
//! comparison reads the same words, so the hash costs little beyond it. Otherwise the
//! length and a few single bytes (counted from the start or the end) packed into a word;
//! failing that, every byte. The top bits of the product pick a bucket; the next bits,
//! XOR-ed with the bucket's displacement (hash and displace, as in CHD), pick the slot
//! that holds the only candidate, and one comparison confirms it.
//!
//! Before any table that depends on the bucket, a bit filter (8 bits a key) stops most
//! misses. Each slot names the start of its key's [`Records`] entry: the variant, the
//! length and the bytes side by side, so the candidate is one load away from the slot,
//! with no pointer to follow. (`expand` compares it a word at a time.)
//!
//! The search is bounded, whatever the keys: a few seeds at each of three table sizes
//! for each choice of what to hash, a choice given up as soon as two seeds give two keys
//! the same 64 bits (complements cancel in the windows' XOR under every rotation), and an
//! allowance of [`Work`] in proportion to the keys. When no hash fits within it, or only
//! hashing every byte of keys over 64 bytes would, the [`Plan`] is a binary search over
//! the keys sorted by length, then bytes ([`Sorted`]), which exists for any distinct
//! keys. Tables of codes get the hash: the bundled table and 10,000 synthetic codes spend
//! a few percent of the allowance.
//!
//! `Plan::find` and `Records::find` (test-only) are the reference for the code `expand` emits;
//! the tests hold both to the same answers.

mod bytes;
mod chd;
pub mod emit;
#[cfg(test)]
mod hostile;
mod records;
mod sorted;
mod work;

pub use bytes::BytePos;
pub use chd::{BYTE_MUL, Hashed, Lookup};
pub use records::Records;
pub use sorted::Sorted;
pub use work::Work;

/// How the emitted `from_code` finds the one key an input may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A perfect hash: one candidate, one comparison. Every table of codes gets one.
    Hash(Lookup),
    /// A binary search over the keys sorted by length, then bytes: possible for any
    /// distinct keys, taken when the bounded search finds no hash, or when only hashing
    /// every byte of keys longer than 64 bytes would do.
    Sorted(Sorted),
}

impl Plan {
    /// The plan for `keys`, which must be distinct.
    #[must_use]
    pub fn build(keys: &[&[u8]]) -> Plan {
        Plan::build_with(keys, &mut Work::for_keys(keys))
    }

    /// [`Plan::build`], spending from `work`.
    pub fn build_with(keys: &[&[u8]], work: &mut Work) -> Plan {
        match Lookup::search(keys, work) {
            Some(lookup) => Plan::Hash(lookup),
            None => Plan::Sorted(Sorted::build(keys)),
        }
    }

    #[cfg(test)]
    /// The index of the key that `key` may be (the caller compares), as the emitted code
    /// picks it.
    pub fn candidate(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        match self {
            Plan::Hash(lookup) => lookup.candidate(key),
            Plan::Sorted(sorted) => sorted.find(keys, key),
        }
    }

    #[cfg(test)]
    /// The index of `key` in `keys`, exactly as the generated code finds it.
    pub fn find(&self, keys: &[&[u8]], key: &[u8]) -> Option<usize> {
        self.candidate(keys, key).filter(|&i| keys[i] == key)
    }
}

#[cfg(test)]
mod tests {
    use super::bytes::*;
    use super::chd::*;
    use super::*;
    use crate::test_support::synthetic_codes;

    /// Checks that `plan` finds exactly `keys`: each key its own index, near misses
    /// (a byte changed, a byte less or more, empty, long) nothing, through the
    /// reference lookup and the records the emitted code compares.
    pub(super) fn check_plan(plan: &Plan, keys: &[&[u8]]) {
        let index: std::collections::HashMap<&[u8], usize> =
            keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let variants: Vec<usize> = (0..keys.len()).collect();
        let records = Records::build(keys, &variants);
        let expect = |probe: &[u8]| {
            let want = index.get(probe).copied();
            assert_eq!(plan.find(keys, probe), want);
            let candidate = plan.candidate(keys, probe);
            let found = candidate.and_then(|i| records.find(records.starts[i], probe));
            assert_eq!(found, want);
        };
        for key in keys {
            expect(key);
            let mut changed = key.to_vec();
            for at in [0, key.len() / 2, key.len().saturating_sub(1)] {
                if let Some(byte) = changed.get_mut(at) {
                    *byte ^= 0x20;
                    expect(&changed);
                    changed[at] ^= 0x20;
                }
            }
            expect(&key[..key.len().saturating_sub(1)]);
            expect(&[key, &b"x"[..]].concat());
        }
        expect(b"");
        expect(&[b'A'; 300]);
    }

    /// The plan for `codes`, checked with [`check_plan`].
    fn check_exact(codes: &[String]) -> Plan {
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let plan = Plan::build(&keys);
        check_plan(&plan, &keys);
        plan
    }

    /// The perfect hash for `codes`, checked; panics when the keys were sorted instead,
    /// or when the search spent more than a tenth of its allowance.
    fn check_hashed(codes: &[String]) -> Lookup {
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let mut work = Work::for_keys(&keys);
        let plan = Plan::build_with(&keys, &mut work);
        check_plan(&plan, &keys);
        assert!(work.spent <= work.limit / 10, "{work:?}");
        match plan {
            Plan::Hash(lookup) => lookup,
            Plan::Sorted(_) => panic!("sorted, not hashed"),
        }
    }

    #[test]
    fn the_edge_windows_separate_the_obs_table() {
        let codes: Vec<String> = crate::source::BUNDLED
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .filter(|c| c.chars().next().is_some_and(|ch| ch.is_ascii_uppercase()))
            .map(str::to_owned)
            .collect();
        assert!(codes.len() > 100);
        let lookup = check_hashed(&codes);
        // Every code has 8 bytes or more: its first and last 8 bytes and its length
        // tell it apart.
        assert_eq!(
            lookup.hashed,
            Hashed::Words(vec![BytePos::FromStart(0), BytePos::FromEnd(0)])
        );
        // A few bytes a code: displacements and slots stay small.
        assert!(lookup.slots.len() <= 2 * codes.len().next_power_of_two());
    }

    #[test]
    fn ten_thousand_synthetic_codes() {
        let codes = synthetic_codes(10_000);
        let lookup = check_hashed(&codes);
        assert!(lookup.slots.len() <= 16_384);
        // The fast plan: a few windows.
        assert!(
            matches!(&lookup.hashed, Hashed::Words(w) if w.len() <= 3),
            "{:?}",
            lookup.hashed
        );
    }

    #[test]
    fn keys_that_differ_only_far_inside_hash_a_window_there() {
        let codes: Vec<String> = (0..50)
            .map(|i| format!("{}{i:03}{}", "x".repeat(60), "y".repeat(60)))
            .collect();
        let lookup = check_hashed(&codes);
        let Hashed::Words(windows) = &lookup.hashed else {
            panic!("{:?}", lookup.hashed);
        };
        let bytes = |pos: &BytePos| match *pos {
            BytePos::FromStart(i) => i..i + 8,
            BytePos::FromEnd(i) => 123 - 8 - i..123 - i,
        };
        assert!(
            windows.iter().any(|w| bytes(w).contains(&61)),
            "{windows:?}"
        );
    }

    #[test]
    fn short_keys_hash_byte_positions() {
        let codes: Vec<String> = (0..200).map(|i| format!("K{i}")).collect();
        let lookup = check_hashed(&codes);
        assert!(
            matches!(lookup.hashed, Hashed::Positions(_)),
            "{:?}",
            lookup.hashed
        );
    }

    #[test]
    fn short_keys_next_to_long_keys_that_differ_far_inside_are_sorted() {
        let mut codes: Vec<String> = (0..50)
            .map(|i| format!("{}{i:03}{}", "x".repeat(60), "y".repeat(60)))
            .collect();
        codes.push("short".to_owned());
        // No window (a key is under 8 bytes), no byte near an end: only every byte
        // would do, and these keys are too long for that.
        assert!(matches!(check_exact(&codes), Plan::Sorted(_)));
    }

    #[test]
    fn keys_that_need_many_bytes_hash_every_byte() {
        // Twelve keys, each one byte off the base in its own place, and a short key: no
        // window, and more positions than the hash packs.
        let base = "x".repeat(40);
        let mut codes: Vec<String> = (0..12)
            .map(|i| {
                let mut key = base.clone().into_bytes();
                key[i * 3] = b'y';
                String::from_utf8(key).unwrap()
            })
            .collect();
        codes.push(base);
        codes.push("short".to_owned());
        let lookup = check_hashed(&codes);
        assert_eq!(lookup.hashed, Hashed::EveryByte);
    }

    #[test]
    fn complements_that_cancel_in_the_windows_fall_back_to_single_bytes() {
        // The pair: `3C 56` and `C3 A9` repeated, bitwise complements. Their
        // windows' XOR cancels under every rotation, so every seed collides.
        let codes = ["<V<V<V<V".to_owned(), "éééé".to_owned()];
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let mut work = Work::for_keys(&keys);
        let plan = Plan::build_with(&keys, &mut work);
        check_plan(&plan, &keys);
        let Plan::Hash(lookup) = plan else {
            panic!("{plan:?}");
        };
        assert!(matches!(lookup.hashed, Hashed::Positions(_)), "{lookup:?}");
        // Two seeds on the windows, one on the bytes.
        assert!(work.spent <= 16, "{work:?}");
    }

    #[test]
    fn windows_stay_inside_the_key() {
        let key = b"0123456789";
        let le = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap());
        assert_eq!(BytePos::FromStart(0).word(key), le(b"01234567"));
        assert_eq!(BytePos::FromStart(1).word(key), le(b"12345678"));
        assert_eq!(BytePos::FromStart(5).word(key), le(b"23456789"));
        assert_eq!(BytePos::FromEnd(0).word(key), le(b"23456789"));
        assert_eq!(BytePos::FromEnd(9).word(key), le(b"01234567"));
        assert_eq!(BytePos::FromStart(0).word(b"short"), 0);
    }

    #[test]
    fn the_filter_stops_most_misses_and_costs_a_byte_a_key() {
        let codes = synthetic_codes(20_000);
        let (keys, others) = codes.split_at(10_000);
        let keys: Vec<&[u8]> = keys.iter().map(String::as_bytes).collect();
        let lookup = Lookup::build(&keys).expect("a perfect hash");
        assert_eq!(lookup.filter.len(), 16_384);
        let passes = |key: &[u8]| lookup.passes_filter(lookup.hash(key));
        assert!(keys.iter().all(|k| passes(k)));
        // 8 bits a key, one hash: about 1 - e^(-1/8), 12%, of misses get through.
        let through = others.iter().filter(|c| passes(c.as_bytes())).count();
        assert!(
            (600..=1_800).contains(&through),
            "{through} of 10000 misses got through"
        );
    }

    #[test]
    fn records_hold_each_key_with_its_variant() {
        let codes = synthetic_codes(300);
        let keys: Vec<&[u8]> = codes.iter().map(String::as_bytes).collect();
        let variants: Vec<usize> = (0..keys.len()).map(|i| i / 2).collect();
        let records = Records::build(&keys, &variants);
        assert_eq!((records.index_width, records.len_width), (1, 1));
        for (i, key) in keys.iter().enumerate() {
            let start = records.starts[i];
            assert_eq!(records.find(start, key), Some(i / 2));
            assert_eq!(records.find(start, &key[1..]), None);
            assert_eq!(records.find(start, &[key, &b"s"[..]].concat()), None);
            assert!(start + records.window <= records.bytes.len());
        }
        // The strings they index plus the header, and one window of padding.
        let strings: usize = keys.iter().map(|k| k.len()).sum();
        assert_eq!(
            records.bytes.len(),
            strings + 2 * keys.len() + records.window
        );
    }

    #[test]
    fn records_widen_for_large_indices_and_long_keys() {
        let long = "L".repeat(300);
        let records = Records::build(&[b"a", long.as_bytes()], &[0, 70_000]);
        assert_eq!((records.index_width, records.len_width), (4, 2));
        assert_eq!(
            records.find(records.starts[1], long.as_bytes()),
            Some(70_000)
        );
        assert_eq!(records.find(records.starts[0], b"a"), Some(0));
        assert_eq!(records.find(records.starts[0], b"b"), None);
    }

    #[test]
    fn tiny_sets() {
        check_exact(&["A".to_owned()]);
        check_exact(&["A".to_owned(), "B".to_owned()]);
        let empty = Plan::build(&[]);
        assert_eq!(empty.find(&[], b"x"), None);
    }

    #[test]
    fn byte_positions_clamp_to_the_key() {
        assert_eq!(BytePos::FromStart(1).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromStart(2).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromEnd(0).byte(b"ab"), b'b');
        assert_eq!(BytePos::FromEnd(2).byte(b"ab"), b'a');
        assert_eq!(BytePos::FromEnd(0).byte(b""), 0);
    }
}
