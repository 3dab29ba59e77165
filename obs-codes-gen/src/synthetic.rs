//! Deterministic synthetic tables, shaped like real ones: CamelCase codes of words from
//! a fixed list, 8 to 40 characters. The one generator behind the benchmarks (lookup,
//! expansion, compile time) and the tests at scale, so they all measure the same table.

/// The seed of the benchmarks' 10,000-code table.
pub const SEED: u64 = 0x2545_F491_4F6C_DD1D;

/// Words that real OBS and S3 codes are made of.
const WORDS: [&str; 32] = [
    "Access",
    "Bucket",
    "Invalid",
    "Object",
    "Key",
    "Policy",
    "Request",
    "Denied",
    "Missing",
    "Too",
    "Large",
    "Small",
    "Config",
    "Region",
    "Quota",
    "Exceeded",
    "Not",
    "Found",
    "Tag",
    "Version",
    "Upload",
    "Part",
    "Lock",
    "State",
    "Storage",
    "Class",
    "Encryption",
    "Header",
    "Signature",
    "Token",
    "Range",
    "Target",
];

/// A xorshift64 stream: the same numbers on every machine.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        // n is small; the modulo bias is irrelevant for test data.
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

/// `n` distinct codes from the stream seeded with `seed`, in generation order.
#[must_use]
pub fn codes(n: usize, seed: u64) -> Vec<String> {
    let mut stream = Stream(seed | 1);
    let mut taken = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let target = 8 + stream.below(33);
        let mut code = String::new();
        while code.len() < target {
            code.push_str(WORDS[stream.below(WORDS.len())]);
        }
        code.truncate(target);
        if taken.insert(code.clone()) {
            out.push(code);
        }
    }
    out
}

/// A table of `codes` in the generator's format: `code,http_status,description`, every
/// code `400 Bad Request`.
#[must_use]
pub fn table(codes: &[String]) -> String {
    let mut csv = String::from("code,http_status,description\n");
    for code in codes {
        csv.push_str(code);
        csv.push_str(",400 Bad Request,Synthetic code ");
        csv.push_str(code);
        csv.push_str(".\n");
    }
    csv
}

/// The perfect hash the expansion would build for `keys` (distinct), or `None` when the
/// bounded search finds none and `from_code` would binary-search instead: what the
/// expansion benchmark times on its own.
#[must_use]
pub fn perfect_hash(keys: &[&[u8]]) -> Option<impl std::fmt::Debug + use<>> {
    crate::perfect_hash::Lookup::build(keys)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_distinct_deterministic_and_code_shaped() {
        let codes = super::codes(2000, super::SEED);
        assert_eq!(codes, super::codes(2000, super::SEED));
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), 2000);
        assert!(
            codes
                .iter()
                .all(|c| (8..=40).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphabetic()))
        );
        assert_ne!(codes[..10], super::codes(10, 7)[..]);
    }
}
