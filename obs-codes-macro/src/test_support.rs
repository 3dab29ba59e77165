//! Helpers shared by the unit tests of several stages.

/// A fresh directory holding `t.csv` with `bytes`, unique to this test process and `name`.
pub fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("obs-codes-macro-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.csv"), bytes).unwrap();
    dir
}

/// Deterministic CamelCase codes shaped like real ones (same generator idea as the
/// benches: syllables from a fixed list driven by a xorshift).
pub fn synthetic_codes(n: usize) -> Vec<String> {
    const PARTS: [&str; 24] = [
        "Access", "Bucket", "Invalid", "Object", "Key", "Policy", "Request", "Denied", "Missing",
        "Too", "Large", "Small", "Config", "Region", "Quota", "Exceeded", "Not", "Found", "Tag",
        "Version", "Upload", "Part", "Lock", "State",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut seen = std::collections::HashSet::new();
    while seen.len() < n {
        let mut code = String::new();
        let target = 8 + (next() % 33) as usize;
        while code.len() < target {
            code.push_str(PARTS[(next() % PARTS.len() as u64) as usize]);
        }
        code.truncate(target.max(8));
        seen.insert(code);
    }
    let mut codes: Vec<String> = seen.into_iter().collect();
    codes.sort();
    codes
}
