//! Writes the benchmark tables and the peers' lookups into `OUT_DIR`:
//! the bundled OBS keys, a synthetic 10,000-code table (never committed), an
//! `obs_errors!` call over it, `phf::Map`s, strum enums and naive `match` functions.

use obs_codes_gen::synthetic;
use std::fmt::Write as _;
use std::path::Path;

/// How many codes the synthetic table has.
const SYNTHETIC_COUNT: usize = 10_000;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    // The bundled table and the synthetic one come from the generator, which is a
    // build dependency: cargo reruns this script when either changes.
    let obs = obs_keys();
    let codes = synthetic::codes(SYNTHETIC_COUNT, synthetic::SEED);
    let synthetic: Vec<(String, usize)> = codes.iter().cloned().zip(0..).collect();

    let csv_path = out.join("synthetic.csv");
    std::fs::write(&csv_path, synthetic::table(&codes)).unwrap();

    let slow = std::env::var_os("CARGO_FEATURE_SLOW_PEERS").is_some();
    let mut rust = String::new();
    writeln!(
        rust,
        "obs_codes_macro::obs_errors! {{\n    /// {SYNTHETIC_COUNT} synthetic codes.\n    pub enum SyntheticCode {{ {:?} }}\n}}",
        csv_path.display().to_string()
    )
    .unwrap();
    rust += &peers("OBS", "Obs", &obs, true);
    rust += &peers("SYNTHETIC", "Synthetic", &synthetic, slow);
    std::fs::write(out.join("tables.rs"), rust).unwrap();
}

/// Every key of the bundled table (codes, then aliases) with its row index.
fn obs_keys() -> Vec<(String, usize)> {
    let bundled = obs_codes_gen::load(&[obs_codes_gen::Source::from_arg("obs")], Path::new("."));
    let entries = &bundled.catalog.entries;
    let mut keys: Vec<(String, usize)> = entries.iter().map(|e| e.code.clone()).zip(0..).collect();
    for (row, entry) in entries.iter().enumerate() {
        keys.extend(entry.aliases.iter().map(|alias| (alias.clone(), row)));
    }
    keys
}

/// The key list, a `phf::Map`, and (when `strum_and_match`) strum enums and a `match`.
fn peers(upper: &str, camel: &str, keys: &[(String, usize)], strum_and_match: bool) -> String {
    let mut rust = String::new();
    writeln!(
        rust,
        "/// Every key with its row index.\npub static {upper}_KEYS: &[(&str, u16)] = &["
    )
    .unwrap();
    for (key, row) in keys {
        writeln!(rust, "    ({key:?}, {row}),").unwrap();
    }
    rust += "];\n";

    let mut map = phf_codegen::Map::new();
    for (key, row) in keys {
        map.entry(key.as_str(), &row.to_string());
    }
    writeln!(rust, "/// `phf::Map` from key to row.\npub static {upper}_PHF: phf::Map<&'static str, u16> = {};", map.build()).unwrap();

    let lower = upper.to_lowercase();
    if !strum_and_match {
        writeln!(rust, "/// Not generated without the `slow-peers` feature.\npub static {upper}_SLOW_PEERS: &[(&str, fn(&str) -> Option<u16>)] = &[];").unwrap();
        return rust;
    }
    writeln!(
        rust,
        "/// The peers that take LLVM minutes at scale, by name.\npub static {upper}_SLOW_PEERS: &[(&str, fn(&str) -> Option<u16>)] = &[\n    (\"match\", {lower}_match),\n    (\"strum\", |s| s.parse::<Strum{camel}>().ok().map(|v| v as u16)),\n    (\"strum use_phf\", |s| s.parse::<Strum{camel}Phf>().ok().map(|v| v as u16)),\n];"
    )
    .unwrap();
    {
        writeln!(rust, "/// A plain `match`, as a naive macro would emit.\npub fn {lower}_match(code: &str) -> Option<u16> {{\n    match code {{").unwrap();
        for (key, row) in keys {
            writeln!(rust, "        {key:?} => Some({row}),").unwrap();
        }
        rust += "        _ => None,\n    }\n}\n";
        let rows = keys.iter().map(|(_, row)| *row).max().map_or(0, |m| m + 1);
        for (suffix, attr) in [("", ""), ("Phf", "#[strum(use_phf)]\n")] {
            writeln!(rust, "/// strum `EnumString`.\n#[derive(Debug, Clone, Copy, strum::EnumString)]\n{attr}pub enum Strum{camel}{suffix} {{").unwrap();
            for row in 0..rows {
                let serialize: Vec<String> = keys
                    .iter()
                    .filter(|(_, r)| *r == row)
                    .map(|(key, _)| format!("serialize = {key:?}"))
                    .collect();
                writeln!(
                    rust,
                    "    /// Row {row}.\n    #[strum({})]\n    R{row},",
                    serialize.join(", ")
                )
                .unwrap();
            }
            rust += "}\n";
        }
    }
    rust
}
