//! Helpers shared by the unit tests of several stages.

use std::path::{Path, PathBuf};

/// A directory of this test's own, removed when dropped so that tests leave nothing in
/// the temp folder.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh directory holding `t.csv` with `bytes`, unique to this test process and `name`.
pub fn scratch(name: &str, bytes: &[u8]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("obs-codes-gen-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.csv"), bytes).unwrap();
    Scratch(dir)
}

/// `n` synthetic codes, as the benchmarks make them.
pub fn synthetic_codes(n: usize) -> Vec<String> {
    crate::synthetic::codes(n, crate::synthetic::SEED)
}

/// The text rustdoc shows for `markdown` (pulldown-cmark is rustdoc's parser): text and
/// code spans (in backticks), a `- ` before each list item, a space for each line break
/// and block end.
pub fn shown_by_rustdoc(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut shown = String::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(text) => shown.push_str(&text),
            Event::Code(code) => {
                shown.push('`');
                shown.push_str(&code);
                shown.push('`');
            }
            Event::Start(Tag::Item) => shown.push_str("- "),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => shown.push(' '),
            _ => {}
        }
    }
    shown
}
