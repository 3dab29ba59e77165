//! Shared by the response suites: the copied samples and a reader for `.http` files.

#![allow(dead_code)]

use std::path::PathBuf;

/// The bytes of `tests/fixtures/responses/<name>`.
pub fn sample(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "responses",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A response from an `.http` sample: status line, headers, empty line, body.
pub struct HttpSample {
    /// The status, or 200 where the sample elides it (`status_code`).
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpSample {
    pub fn load(name: &str) -> Self {
        let bytes = sample(name);
        let text = String::from_utf8(bytes).expect("samples are UTF-8");
        let (head, body) = text
            .split_once("\n\n")
            .expect("an empty line ends the headers");
        let mut lines = head.lines();
        let status_line = lines.next().expect("a status line");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("name: value");
                (name.trim().to_owned(), value.trim().to_owned())
            })
            .collect();
        Self {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    /// The headers as `(&str, &str)` pairs.
    pub fn header_pairs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// Every sample file name, `SOURCES.md` excepted.
pub fn sample_names() -> Vec<String> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "responses"]
        .iter()
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "SOURCES.md")
        .collect();
    names.sort();
    names
}
