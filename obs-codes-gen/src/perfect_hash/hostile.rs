//! Key sets built to defeat the hash: bitwise complements (which cancel in the windows'
//! XOR), keys equal in every window, long shared prefixes and suffixes, 1-byte keys,
//! 70,000-byte keys, 10,000 keys. Each builds within its work allowance and looks up
//! exactly. Cases per property: `PROPTEST_CASES` (default 256).

use super::tests::check_plan;
use super::{Hashed, Plan, Work};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Builds the plan for `keys` (made distinct), checks that it finds exactly them, and
/// that the search stayed within its allowance (an attempt under way when it ran out
/// may finish: at most a pass over the keys and one bucket's probes more).
fn build_and_check(keys: &BTreeSet<Vec<u8>>) -> (Plan, Work) {
    let keys: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    let mut work = Work::for_keys(&keys);
    let plan = Plan::build_with(&keys, &mut work);
    assert!(work.spent <= 2 * work.limit, "{work:?}");
    check_plan(&plan, &keys);
    (plan, work)
}

/// `key` with every bit flipped.
fn complement(key: &[u8]) -> Vec<u8> {
    key.iter().map(|b| !b).collect()
}

/// Keys and their complements.
fn complements() -> impl Strategy<Value = BTreeSet<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 1..40), 1..20).prop_map(|keys| {
        keys.iter()
            .flat_map(|key| [key.clone(), complement(key)])
            .collect()
    })
}

/// Keys that agree in every 8-byte window the hash may read, or whose windows cancel:
/// one word repeated to several lengths, words whose halves are equal (a rotation by
/// 32 maps them to themselves), and their complements.
fn equal_windows() -> impl Strategy<Value = BTreeSet<Vec<u8>>> {
    (
        prop::collection::vec(any::<[u8; 8]>(), 1..6),
        prop::collection::vec(any::<[u8; 4]>(), 1..30),
        prop::collection::vec(8usize..80, 1..6),
    )
        .prop_map(|(words, halves, lens)| {
            let mut keys = BTreeSet::new();
            for word in &words {
                for &len in &lens {
                    let key: Vec<u8> = word.iter().copied().cycle().take(len).collect();
                    keys.insert(complement(&key));
                    keys.insert(key);
                }
            }
            for half in &halves {
                let key = [&half[..], &half[..]].concat();
                keys.insert(complement(&key));
                keys.insert(key);
            }
            keys
        })
}

/// Keys that differ only in a few bytes between a long shared prefix and suffix.
fn shared_ends() -> impl Strategy<Value = BTreeSet<Vec<u8>>> {
    (
        prop::collection::vec(any::<u8>(), 0..200),
        prop::collection::vec(any::<u8>(), 0..200),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..4), 1..60),
    )
        .prop_map(|(prefix, suffix, middles)| {
            middles
                .iter()
                .map(|middle| [&prefix[..], middle, &suffix[..]].concat())
                .collect()
        })
}

/// Any set of 1-byte keys.
fn one_byte() -> impl Strategy<Value = BTreeSet<Vec<u8>>> {
    prop::collection::btree_set(any::<u8>(), 1..=256)
        .prop_map(|bytes| bytes.into_iter().map(|b| vec![b]).collect())
}

/// A few 70,000-byte keys, each one byte off a shared base, with the base's complement
/// and a short key.
fn very_long() -> impl Strategy<Value = BTreeSet<Vec<u8>>> {
    (
        any::<u8>(),
        prop::collection::vec((0usize..70_000, any::<u8>()), 1..4),
    )
        .prop_map(|(fill, changes)| {
            let base = vec![fill; 70_000];
            let mut keys: BTreeSet<Vec<u8>> = changes
                .iter()
                .map(|&(at, byte)| {
                    let mut key = base.clone();
                    key[at] = byte;
                    key
                })
                .collect();
            keys.insert(complement(&base));
            keys.insert(base);
            keys.insert(vec![fill]);
            keys
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        ProptestConfig::default().cases.min(64)
    ))]

    #[test]
    fn complements_build_and_look_up_exactly(keys in complements()) {
        build_and_check(&keys);
    }

    #[test]
    fn keys_equal_in_every_window_build_and_look_up_exactly(keys in equal_windows()) {
        build_and_check(&keys);
    }

    #[test]
    fn shared_prefixes_and_suffixes_build_and_look_up_exactly(keys in shared_ends()) {
        build_and_check(&keys);
    }

    #[test]
    fn one_byte_keys_build_and_look_up_exactly(keys in one_byte()) {
        let (plan, _) = build_and_check(&keys);
        prop_assert!(matches!(plan, Plan::Hash(_)), "{:?}", plan);
    }

    #[test]
    fn mixed_families_build_and_look_up_exactly(
        a in complements(),
        b in equal_windows(),
        c in shared_ends(),
    ) {
        build_and_check(&a.into_iter().chain(b).chain(c).collect());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn seventy_thousand_byte_keys_build_and_look_up_exactly(keys in very_long()) {
        build_and_check(&keys);
    }
}

#[test]
fn ten_thousand_complements_fall_back_from_the_windows() {
    // 5,000 8-byte keys and their complements: every seed collides on the windows.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut keys = BTreeSet::new();
    while keys.len() < 10_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let key = state.to_le_bytes().to_vec();
        keys.insert(complement(&key));
        keys.insert(key);
    }
    let (plan, work) = build_and_check(&keys);
    assert!(work.spent <= work.limit / 4, "{work:?}");
    let Plan::Hash(lookup) = plan else {
        panic!("sorted");
    };
    assert!(!matches!(lookup.hashed, Hashed::Words(_)), "{lookup:?}");
}

#[test]
fn ten_thousand_keys_sharing_long_ends_build() {
    let prefix = "p".repeat(100);
    let suffix = "s".repeat(100);
    let keys: BTreeSet<Vec<u8>> = (0..10_000)
        .map(|i| format!("{prefix}{i:05}{suffix}").into_bytes())
        .collect();
    let (plan, _) = build_and_check(&keys);
    assert!(matches!(plan, Plan::Hash(_)), "{plan:?}");
}
