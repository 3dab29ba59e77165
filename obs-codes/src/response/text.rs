//! Text helpers shared by the XML, JSON and header readers: capped buffers, entity
//! decoding and the whitespace rules of each field.

use super::issue::{BodyIssue, Issues};
use super::limits::MAX_FIELD_BYTES;
use std::borrow::Cow;

/// A value collected from one or more text pieces, cut at [`MAX_FIELD_BYTES`].
#[derive(Debug, Default)]
pub(crate) struct Capped {
    buf: String,
    cut: bool,
}

impl Capped {
    /// Appends `text`, or as much of it as fits (cut at a character boundary).
    pub(crate) fn push_str(&mut self, text: &str) {
        if self.cut {
            return;
        }
        let room = MAX_FIELD_BYTES.saturating_sub(self.buf.len());
        if text.len() <= room {
            self.buf.push_str(text);
        } else {
            let end = floor_char_boundary(text, room);
            self.buf.push_str(text.get(..end).unwrap_or_default());
            self.cut = true;
        }
    }

    /// Appends one character if it fits.
    pub(crate) fn push(&mut self, c: char) {
        let mut utf8 = [0; 4];
        self.push_str(c.encode_utf8(&mut utf8));
    }

    /// Whether something was dropped because the cap was reached.
    pub(crate) fn was_cut(&self) -> bool {
        self.cut
    }

    /// Empties the buffer for the next value, keeping its allocation.
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
        self.cut = false;
    }

    /// The text collected so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.buf
    }

    /// Takes the text out, leaving the buffer empty.
    #[cfg(test)]
    pub(crate) fn take(&mut self) -> String {
        self.cut = false;
        std::mem::take(&mut self.buf)
    }
}

/// The largest index `<= index` that is a character boundary of `text`.
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut end = index;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Bytes as text; invalid UTF-8 becomes U+FFFD and is reported once.
pub(crate) fn decode<'a>(bytes: &'a [u8], issues: &mut Issues) -> Cow<'a, str> {
    // `from_utf8` first: much faster than the lossy path on valid text.
    if let Ok(text) = core::str::from_utf8(bytes) {
        Cow::Borrowed(text)
    } else {
        issues.push(BodyIssue::InvalidUtf8);
        String::from_utf8_lossy(bytes)
    }
}

/// Appends XML character data with its references decoded: the five predefined entities
/// and numeric character references. Anything else (an unknown entity such as `&nbsp;`,
/// a bad character reference, a lone `&`) is kept as written. Returns whether something
/// was kept undecoded.
pub(crate) fn push_unescaped(out: &mut Capped, raw: &str) -> bool {
    // Longest reference worth decoding: `&#x0010FFFF;` is 12 bytes.
    const MAX_REFERENCE: usize = 12;
    let mut rest = raw;
    let mut kept_raw = false;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let window = after
            .get(..floor_char_boundary(after, MAX_REFERENCE))
            .unwrap_or(after);
        let decoded = window
            .find(';')
            .and_then(|semi| Some((semi, resolve_reference(window.get(..semi)?)?)));
        if let Some((semi, c)) = decoded {
            out.push(c);
            rest = after.get(semi + 1..).unwrap_or_default();
        } else {
            out.push('&');
            kept_raw = true;
            rest = after;
        }
    }
    out.push_str(rest);
    kept_raw
}

/// The character for a reference name (what lies between `&` and `;`).
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let number = name.strip_prefix('#')?;
            let value = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse::<u32>().ok()?,
            };
            // XML forbids NUL even as a reference; keep it as written.
            if value == 0 {
                return None;
            }
            char::from_u32(value)
        }
    }
}

/// Whether `c` is XML whitespace (space, tab, line feed, carriage return).
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Leading and trailing XML whitespace removed.
pub(crate) fn trimmed(text: &str) -> &str {
    text.trim_matches(is_xml_space)
}

/// Trimmed, and every whitespace run that holds a line break replaced by one space:
/// undoes the line wrapping of pretty-printed documents (docs/protocol.md:
/// values may be "wrapped over lines"), keeps other spacing as sent.
pub(crate) fn unwrapped(text: &str) -> String {
    let text = trimmed(text);
    if !text.bytes().any(|b| matches!(b, b'\n' | b'\r')) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run_start: Option<usize> = None;
    let mut run_has_break = false;
    for (index, c) in text.char_indices() {
        if is_xml_space(c) {
            run_start.get_or_insert(index);
            run_has_break |= matches!(c, '\n' | '\r');
            continue;
        }
        if let Some(start) = run_start.take() {
            if run_has_break {
                out.push(' ');
            } else {
                out.push_str(text.get(start..index).unwrap_or_default());
            }
            run_has_break = false;
        }
        out.push(c);
    }
    out
}

/// Every ASCII whitespace character removed: for identifiers (request id, host id)
/// that never contain any but may arrive wrapped over lines (docs/protocol.md).
pub(crate) fn without_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_ascii_whitespace() {
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescape(raw: &str) -> (String, bool) {
        let mut out = Capped::default();
        let kept = push_unescaped(&mut out, raw);
        (out.take(), kept)
    }

    #[test]
    fn predefined_and_numeric_references_decode() {
        assert_eq!(
            unescape("a &lt;b&gt; &amp; &apos;c&quot; &#65;&#x42;&#X43;"),
            ("a <b> & 'c\" AB&#X43;".to_owned(), true)
        );
        assert_eq!(unescape("&#x1F600;"), ("\u{1F600}".to_owned(), false));
    }

    #[test]
    fn unknown_or_broken_references_are_kept() {
        assert_eq!(unescape("a&nbsp;b"), ("a&nbsp;b".to_owned(), true));
        assert_eq!(unescape("fish & chips"), ("fish & chips".to_owned(), true));
        assert_eq!(
            unescape("&#xD800;&#0;&#;&"),
            ("&#xD800;&#0;&#;&".to_owned(), true)
        );
        assert_eq!(unescape("&amp"), ("&amp".to_owned(), true));
        assert_eq!(
            unescape("&aaaaaaaaaaaaaaaaaaaa;"),
            ("&aaaaaaaaaaaaaaaaaaaa;".to_owned(), true)
        );
        assert_eq!(unescape("&é;&"), ("&é;&".to_owned(), true));
    }

    #[test]
    fn capped_cuts_at_a_char_boundary() {
        let mut out = Capped::default();
        out.push_str(&"a".repeat(MAX_FIELD_BYTES - 1));
        out.push_str("é");
        assert!(out.was_cut());
        assert_eq!(out.as_str().len(), MAX_FIELD_BYTES - 1);
        out.push_str("b");
        assert_eq!(out.as_str().len(), MAX_FIELD_BYTES - 1);
        out.clear();
        out.push_str("x");
        assert!(!out.was_cut());
        assert_eq!(out.as_str(), "x");
    }

    #[test]
    fn whitespace_rules() {
        assert_eq!(trimmed(" \t a b \r\n"), "a b");
        assert_eq!(
            unwrapped("  one  two\n   three\r\nfour "),
            "one  two three four"
        );
        assert_eq!(unwrapped("\u{a0}x\u{a0}"), "\u{a0}x\u{a0}");
        assert_eq!(unwrapped(" a\tb "), "a\tb");
        assert_eq!(without_spaces(" AB\n  CD "), "ABCD");
        assert_eq!(without_spaces("ABCD"), "ABCD");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let mut issues = Issues::default();
        assert_eq!(decode(b"ok", &mut issues), "ok");
        assert!(issues.is_empty());
        assert_eq!(decode(b"a\xffb", &mut issues), "a\u{fffd}b");
        assert_eq!(issues.into_vec(), vec![BodyIssue::InvalidUtf8]);
    }
}
