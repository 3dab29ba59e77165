//! Deterministic synthetic codes, shaped like real ones: CamelCase words from a fixed list,
//! 8 to 40 characters. Shared by the build script (which writes the table) and the
//! library (which makes misses of the same shape).

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
pub fn codes(n: usize, seed: u64) -> Vec<String> {
    let mut stream = Stream(seed | 1);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let target = 8 + stream.below(33);
        let mut code = String::new();
        while code.len() < target {
            code.push_str(WORDS[stream.below(WORDS.len())]);
        }
        code.truncate(target);
        if seen.insert(code.clone()) {
            out.push(code);
        }
    }
    out
}
