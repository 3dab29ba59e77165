//! The O(1) lookup is exact: every code and alias finds its variant, and near misses (a
//! byte changed, a prefix, a suffix, another case, empty, very long) find nothing, for
//! the bundled table and a generated table of 10,000 codes.

use obs_codes::ObsErrorCode;
use obs_codes_bench_tables::{OBS_KEYS, SYNTHETIC_KEYS, SyntheticCode};
use std::collections::HashMap;

/// Strings near `key`: each byte changed (two ways), every prefix, a suffix added, the
/// case flipped, repeated.
fn near_misses(key: &str) -> Vec<String> {
    let bytes = key.as_bytes();
    let mut out = Vec::new();
    for at in 0..bytes.len() {
        for flip in [0x01, 0x20] {
            let mut changed = bytes.to_vec();
            changed[at] ^= flip;
            if let Ok(text) = String::from_utf8(changed) {
                out.push(text);
            }
        }
    }
    out.extend(
        (0..bytes.len())
            .filter_map(|end| key.get(..end))
            .map(str::to_owned),
    );
    out.push(format!("{key}x"));
    out.push(format!("x{key}"));
    out.push(key.to_lowercase());
    out.push(key.to_uppercase());
    out.push(key.repeat(3));
    out
}

/// Checks `lookup` against the key list: hits give the row, everything else `None`.
fn check_exact(keys: &[(&str, u16)], lookup: impl Fn(&str) -> Option<usize>) -> usize {
    let rows: HashMap<&str, usize> = keys.iter().map(|&(k, row)| (k, usize::from(row))).collect();
    let mut probes = 0;
    for &(key, row) in keys {
        assert_eq!(lookup(key), Some(usize::from(row)), "{key}");
        for probe in near_misses(key) {
            assert_eq!(
                lookup(&probe),
                rows.get(probe.as_str()).copied(),
                "{probe:?} near {key}"
            );
            probes += 1;
        }
    }
    for probe in ["", " ", "\0", &"A".repeat(10_000), "é", "KeyTooLong\n"] {
        assert_eq!(lookup(probe), rows.get(probe).copied(), "{probe:?}");
    }
    probes
}

#[test]
fn bundled_table_is_exact() {
    let probes = check_exact(OBS_KEYS, |s| ObsErrorCode::from_code(s).map(|c| c as usize));
    assert!(probes > 5_000, "{probes} near misses");
}

#[test]
fn ten_thousand_codes_are_exact() {
    assert_eq!(SyntheticCode::COUNT, 10_000);
    // Variants are in table order, so a variant's discriminant is its row.
    assert!(
        SyntheticCode::ALL
            .iter()
            .enumerate()
            .all(|(i, c)| *c as usize == i)
    );
    let probes = check_exact(SYNTHETIC_KEYS, |s| {
        SyntheticCode::from_code(s).map(|c| c as usize)
    });
    assert!(probes > 500_000, "{probes} near misses");
}
