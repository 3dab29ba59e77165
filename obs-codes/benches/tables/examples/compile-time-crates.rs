//! Writes the crates that `scripts/compile-time.sh` times, into the directory given:
//!
//! - `hand-bundled`: the bundled table's enum with its match arms written out by hand;
//! - `macro-bundled`: the same from `obs_codes_macro::obs_errors!()`;
//! - `bare-10000`: a bare enum of the 10,000 synthetic codes (no lookup);
//! - `phf-10000`: that enum plus a `phf_map!` from code to variant;
//! - `macro-10000`: `obs_errors!` over the same 10,000 codes;
//! - `size-base`, `size-obs`: two binaries, without and with the bundled enum (every
//!   method used), for the size it adds.
//!
//! ```text
//! cargo run -p obs-codes-bench-tables --example compile-time-crates -- target/compile-time
//! ```

use obs_codes_gen::synthetic;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const DERIVES: &str = "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]";

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: compile-time-crates DIR"),
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap();
    let macro_dep = format!(
        "obs-codes-macro = {{ path = {:?} }}",
        root.join("obs-codes-macro").display().to_string()
    );
    let codes = synthetic::codes(10_000, synthetic::SEED);
    let rows = bundled_rows();

    write_crate(&out, "hand-bundled", "", &hand_written(&rows));
    write_crate(
        &out,
        "macro-bundled",
        &macro_dep,
        "obs_codes_macro::obs_errors!();\n",
    );
    write_crate(&out, "bare-10000", "", &bare_enum(&codes));
    let mut phf = bare_enum(&codes);
    phf += "/// Code to variant.\npub static CODES: phf::Map<&'static str, SyntheticCode> = phf::phf_map! {\n";
    for (i, code) in codes.iter().enumerate() {
        writeln!(phf, "    {code:?} => SyntheticCode::C{i},").unwrap();
    }
    phf += "};\n";
    write_crate(
        &out,
        "phf-10000",
        "phf = { version = \"0.11\", features = [\"macros\"] }",
        &phf,
    );
    std::fs::write(out.join("synthetic.csv"), synthetic::table(&codes)).unwrap();
    write_crate(
        &out,
        "macro-10000",
        &macro_dep,
        "obs_codes_macro::obs_errors!(\"../synthetic.csv\");\n",
    );

    let size_main = "fn main() {\n    let arg = std::env::args().nth(1).unwrap_or_default();\n    \
        match arg.parse::<ObsErrorCode>() {\n        Ok(c) => println!(\"{c} {:?} {:?} {} {} {:?} {:?}\", c.http_status(), c.http_reason(), c.description(), c.is_retryable(), c.solution(), c.aliases()),\n        \
        Err(e) => println!(\"{e}\"),\n    }\n    for c in ObsErrorCode::ALL { println!(\"{c}\"); }\n}\n";
    write_bin(
        &out,
        "size-obs",
        &macro_dep,
        &format!("obs_codes_macro::obs_errors!();\n{size_main}"),
    );
    write_bin(
        &out,
        "size-base",
        "",
        "fn main() {\n    let arg = std::env::args().nth(1).unwrap_or_default();\n    println!(\"{arg}\");\n}\n",
    );

    let members = [
        "hand-bundled",
        "macro-bundled",
        "bare-10000",
        "phf-10000",
        "macro-10000",
        "size-base",
        "size-obs",
    ];
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(
        out.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.release]\nstrip = true\n",
            list.join(", ")
        ),
    )
    .unwrap();
    let lock = root.join("Cargo.lock");
    let _ = std::fs::copy(lock, out.join("Cargo.lock"));
    println!("wrote {} crates into {}", members.len(), out.display());
}

/// (variant, code, status, reason, retryable, description) of the bundled table.
fn bundled_rows() -> Vec<[String; 6]> {
    let bundled = obs_codes_gen::load(&[obs_codes_gen::Source::from_arg("obs")], Path::new("."));
    bundled
        .catalog
        .entries
        .iter()
        .map(|entry| {
            let status = entry.status.as_ref();
            [
                entry.variant.clone(),
                entry.code.clone(),
                status.map_or("None".to_owned(), |s| format!("Some({})", s.code)),
                status.and_then(|s| s.reason.clone()).unwrap_or_default(),
                entry.retryable.to_string(),
                obs_codes_gen::plain_text(&entry.description),
            ]
        })
        .collect()
}

/// The enum and every method's match arms, as a person would write them.
fn hand_written(rows: &[[String; 6]]) -> String {
    let mut rust = format!("/// Codes.\n{DERIVES}\n#[non_exhaustive]\npub enum ObsErrorCode {{\n");
    for [variant, ..] in rows {
        writeln!(rust, "    /// A code.\n    {variant},").unwrap();
    }
    rust += "}\n\nimpl ObsErrorCode {\n";
    let arms = |rust: &mut String, name: &str, ty: &str, value: &dyn Fn(&[String; 6]) -> String| {
        writeln!(rust, "    /// {name}.\n    #[must_use]\n    pub const fn {name}(self) -> {ty} {{\n        match self {{").unwrap();
        for row in rows {
            writeln!(rust, "            Self::{} => {},", row[0], value(row)).unwrap();
        }
        *rust += "        }\n    }\n";
    };
    arms(&mut rust, "as_str", "&'static str", &|r| {
        format!("{:?}", r[1])
    });
    arms(&mut rust, "http_status", "Option<u16>", &|r| r[2].clone());
    arms(&mut rust, "http_reason", "Option<&'static str>", &|r| {
        if r[3].is_empty() {
            "None".into()
        } else {
            format!("Some({:?})", r[3])
        }
    });
    arms(&mut rust, "is_retryable", "bool", &|r| r[4].clone());
    arms(&mut rust, "description", "&'static str", &|r| {
        format!("{:?}", r[5])
    });
    arms(&mut rust, "solution", "Option<&'static str>", &|_| {
        "None".to_owned()
    });
    arms(
        &mut rust,
        "aliases",
        "&'static [&'static str]",
        &|r| match r[1].as_str() {
            "KeyTooLong" => "&[\"KeyTooLongError\"]".to_owned(),
            "System Capacity Not enough" => "&[\"SystemCapacityNotEnough\"]".to_owned(),
            _ => "&[]".to_owned(),
        },
    );
    rust += "    /// from_code.\n    #[must_use]\n    pub fn from_code(code: &str) -> Option<Self> {\n        match code {\n";
    for row in rows {
        writeln!(rust, "            {:?} => Some(Self::{}),", row[1], row[0]).unwrap();
    }
    rust += "            \"KeyTooLongError\" => Some(Self::KeyTooLong),\n            \"SystemCapacityNotEnough\" => Some(Self::SystemCapacityNotEnough),\n";
    rust += "            _ => None,\n        }\n    }\n}\n";
    rust += HAND_WRITTEN_IMPLS;
    rust
}

/// The trait impls and the parse error that the macro also writes, by hand.
const HAND_WRITTEN_IMPLS: &str = r#"
impl core::fmt::Display for ObsErrorCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::str::FromStr for ObsErrorCode {
    type Err = ParseError;
    fn from_str(code: &str) -> Result<Self, ParseError> {
        Self::from_code(code).ok_or_else(|| ParseError::new(code))
    }
}

impl<'a> TryFrom<&'a str> for ObsErrorCode {
    type Error = ParseError;
    fn try_from(code: &'a str) -> Result<Self, ParseError> {
        code.parse()
    }
}

impl AsRef<str> for ObsErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl core::error::Error for ObsErrorCode {}

/// Not a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    prefix: [u8; 64],
    len: usize,
    truncated: bool,
}

impl ParseError {
    fn new(input: &str) -> Self {
        let mut len = input.len().min(64);
        while !input.is_char_boundary(len) {
            len -= 1;
        }
        let mut prefix = [0; 64];
        prefix[..len].copy_from_slice(&input.as_bytes()[..len]);
        Self { prefix, len, truncated: len < input.len() }
    }

    /// The input.
    #[must_use]
    pub fn input(&self) -> &str {
        core::str::from_utf8(&self.prefix[..self.len]).unwrap_or("")
    }
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "unknown error code {:?}", self.input())?;
        if self.truncated {
            write!(f, " (cut to its first {} bytes)", self.len)?;
        }
        Ok(())
    }
}

impl core::error::Error for ParseError {}
"#;

fn bare_enum(codes: &[String]) -> String {
    let mut rust = format!("/// Codes.\n{DERIVES}\n#[non_exhaustive]\npub enum SyntheticCode {{\n");
    for (i, code) in codes.iter().enumerate() {
        writeln!(rust, "    /// `{code}`.\n    C{i},").unwrap();
    }
    rust + "}\n"
}

fn manifest(name: &str, deps: &str, bin: bool) -> String {
    let target = if bin {
        ""
    } else {
        "\n[lib]\npath = \"src/lib.rs\"\n"
    };
    format!(
        "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n{target}\n[dependencies]\n{deps}\n"
    )
}

fn write_crate(out: &Path, name: &str, deps: &str, lib: &str) {
    let dir = out.join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest(name, deps, false)).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        format!("//! Compile-time fixture `{name}`.\n{lib}"),
    )
    .unwrap();
}

fn write_bin(out: &Path, name: &str, deps: &str, main: &str) {
    let dir = out.join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest(name, deps, true)).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        format!("//! Size fixture `{name}`.\n{main}"),
    )
    .unwrap();
}
