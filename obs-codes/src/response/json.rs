//! A small reader for flat JSON error objects (docs/protocol.md: some OBS
//! extension APIs answer `{"code": ..., "message": ..., "request_id": ...}`), also spelled
//! `{"Code", "Message", "RequestId"}` (the XML names) and, in the Huawei Cloud API
//! style, `{"error_code", "error_msg", "request_id"}`.
//!
//! It reads one object: string, number, `true` and `false` members are kept (`null`
//! counts as absent), nested objects and arrays are skipped. One pass, no recursion
//! (nesting is tracked on a stack bounded by [`MAX_DEPTH`]), every value capped at
//! [`MAX_FIELD_BYTES`](super::limits::MAX_FIELD_BYTES). It needs no `serde_json`, so
//! JSON bodies are read in every build. Malformed input keeps the members read before
//! the problem.

use super::issue::{BodyIssue, Issues};
use super::limits::{MAX_DEPTH, MAX_FIELD_BYTES};
use super::text::{self, Capped};
use super::xml::{Field, RawRecord};

/// Reads the JSON error object in `body` (already cut to its limit) into `record`.
pub(crate) fn read(body: &[u8], record: &mut RawRecord, issues: &mut Issues) {
    let mut parser = Parser {
        bytes: body,
        pos: 0,
        issues,
    };
    if let Err(problem) = parser.object(record) {
        let issue = match problem {
            Problem::End => BodyIssue::Unterminated,
            Problem::TooDeep => BodyIssue::TooDeep { limit: MAX_DEPTH },
            Problem::Syntax(detail) => BodyIssue::MalformedJson {
                offset: u64::try_from(parser.pos).unwrap_or(u64::MAX),
                detail,
            },
        };
        parser.issues.push(issue);
    }
}

/// Why reading stopped.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// The input ended inside the object.
    End,
    /// Containers nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Anything else, described.
    Syntax(&'static str),
}

type Step<T> = Result<T, Problem>;

struct Parser<'a, 'i> {
    bytes: &'a [u8],
    pos: usize,
    issues: &'i mut Issues,
}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Step<u8> {
        let byte = self.peek().ok_or(Problem::End)?;
        self.pos += 1;
        Ok(byte)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, wanted: u8, detail: &'static str) -> Step<()> {
        self.skip_space();
        if self.next()? == wanted {
            Ok(())
        } else {
            self.pos -= 1;
            Err(Problem::Syntax(detail))
        }
    }

    /// The top-level object, member by member.
    fn object(&mut self, record: &mut RawRecord) -> Step<()> {
        if self.bytes.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
        }
        self.expect(b'{', "expected `{`")?;
        self.skip_space();
        if self.peek() == Some(b'}') {
            return Ok(());
        }
        let mut name = Capped::default();
        let mut value = Capped::default();
        loop {
            self.expect(b'"', "expected a member name")?;
            name.clear();
            self.string(&mut name)?;
            self.expect(b':', "expected `:`")?;
            self.skip_space();
            value.clear();
            if self.value(&mut value)? {
                self.store(record, &name, &mut value);
            }
            self.skip_space();
            match self.next()? {
                b',' => {}
                b'}' => return Ok(()),
                _ => {
                    self.pos -= 1;
                    return Err(Problem::Syntax("expected `,` or `}`"));
                }
            }
        }
    }

    /// Keeps one member: the code, message and request id (each in any of its three
    /// spellings, [`field_of`]) have fields, and the first non-empty one wins; a later
    /// one, and every other member, is kept among the others as it is.
    fn store(&mut self, record: &mut RawRecord, name: &Capped, value: &mut Capped) {
        if value.was_cut() {
            self.issues.push(BodyIssue::FieldTooLong {
                field: name.as_str().to_owned(),
                limit: MAX_FIELD_BYTES,
            });
        }
        let Some(field) = field_of(name.as_str()) else {
            let value = value.as_str().to_owned();
            record.push_extra(name.as_str().to_owned(), value, self.issues);
            return;
        };
        // JSON strings are exact (no line wrapping to undo): only padding is removed.
        let value = text::trimmed(value.as_str()).to_owned();
        record.put(field, name.as_str(), value, self.issues);
    }

    /// A member value: `Ok(true)` with the text of a string, number or boolean in
    /// `out`, `Ok(false)` for `null`, an object or an array (skipped).
    fn value(&mut self, out: &mut Capped) -> Step<bool> {
        let first = self.peek().ok_or(Problem::End)?;
        if matches!(first, b'-' | b'0'..=b'9' | b't' | b'f' | b'n') {
            let literal = self.literal();
            // A literal cut by the end of the input may be incomplete: not a value.
            if self.pos >= self.bytes.len() {
                return Err(Problem::End);
            }
            return match literal {
                b"true" | b"false" => {
                    out.push_str(if literal == b"true" { "true" } else { "false" });
                    Ok(true)
                }
                b"null" => Ok(false),
                _ if is_number(literal) => {
                    out.push_str(&text::decode(literal, self.issues));
                    Ok(true)
                }
                _ if first.is_ascii_alphabetic() => Err(Problem::Syntax("invalid literal")),
                _ => Err(Problem::Syntax("invalid number")),
            };
        }
        match first {
            b'"' => {
                self.pos += 1;
                self.string(out)?;
                Ok(true)
            }
            b'{' | b'[' => {
                self.skip_container()?;
                Ok(false)
            }
            _ => Err(Problem::Syntax("expected a value")),
        }
    }

    /// The bytes of a number or keyword, up to the next delimiter.
    fn literal(&mut self) -> &'a [u8] {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'+' | b'-' | b'.')
        ) {
            self.pos += 1;
        }
        let bytes = self.bytes;
        bytes.get(start..self.pos).unwrap_or_default()
    }

    /// The rest of a string after its opening quote, escapes decoded, into `out`.
    fn string(&mut self, out: &mut Capped) -> Step<()> {
        loop {
            let start = self.pos;
            while !matches!(self.peek(), Some(b'"' | b'\\') | None) {
                self.pos += 1;
            }
            let run = self.bytes.get(start..self.pos).unwrap_or_default();
            out.push_str(&text::decode(run, self.issues));
            match self.next()? {
                b'"' => return Ok(()),
                _ => self.escape(out)?,
            }
        }
    }

    /// One escape sequence after its backslash.
    fn escape(&mut self, out: &mut Capped) -> Step<()> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xD800..0xDC00).contains(&unit)
                    && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                {
                    let saved = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER)
                    } else {
                        // Not a pair: the high half alone, the next escape read anew.
                        self.pos = saved;
                        char::REPLACEMENT_CHARACTER
                    }
                } else {
                    // A lone surrogate has no character: U+FFFD, as lossy UTF-8 does.
                    char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
            }
            _ => {
                self.pos -= 1;
                return Err(Problem::Syntax("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Step<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?)
                .to_digit(16)
                .ok_or(Problem::Syntax("invalid \\u escape"))?;
            unit = unit * 16 + digit;
        }
        Ok(unit)
    }

    /// Skips an object or array, strings included, tracking brackets on a bounded stack.
    fn skip_container(&mut self) -> Step<()> {
        let mut closers: Vec<u8> = Vec::new();
        let mut ignored = Capped::default();
        loop {
            match self.next()? {
                b'{' | b'[' if closers.len() >= MAX_DEPTH - 1 => return Err(Problem::TooDeep),
                b'{' => closers.push(b'}'),
                b'[' => closers.push(b']'),
                close @ (b'}' | b']') => {
                    if closers.pop() != Some(close) {
                        self.pos -= 1;
                        return Err(Problem::Syntax("mismatched bracket"));
                    }
                    if closers.is_empty() {
                        return Ok(());
                    }
                }
                b'"' => {
                    ignored.clear();
                    self.string(&mut ignored)?;
                }
                _ => {}
            }
        }
    }
}

/// The field a member name stands for: `code`, `Code`, `error_code`; `message`,
/// `Message`, `error_msg`; `request_id`, `RequestId`.
pub(crate) fn field_of(name: &str) -> Option<Field> {
    match name {
        "code" | "Code" | "error_code" => Some(Field::Code),
        "message" | "Message" | "error_msg" => Some(Field::Message),
        "request_id" | "RequestId" => Some(Field::RequestId),
        _ => None,
    }
}

/// Whether `literal` is a JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_number(literal: &[u8]) -> bool {
    let rest = literal.strip_prefix(b"-").unwrap_or(literal);
    let (int, rest) = split_digits(rest);
    if int.is_empty() || (int.len() > 1 && int.starts_with(b"0")) {
        return false;
    }
    let rest = match rest.strip_prefix(b".") {
        Some(after) => {
            let (fraction, rest) = split_digits(after);
            if fraction.is_empty() {
                return false;
            }
            rest
        }
        None => rest,
    };
    match rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        Some(after) => {
            let after = after
                .strip_prefix(b"+")
                .or_else(|| after.strip_prefix(b"-"))
                .unwrap_or(after);
            let (exponent, rest) = split_digits(after);
            !exponent.is_empty() && rest.is_empty()
        }
        None => rest.is_empty(),
    }
}

fn split_digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let count = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    bytes.split_at(count.min(bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> (RawRecord, Vec<BodyIssue>) {
        let mut record = RawRecord::default();
        let mut issues = Issues::default();
        read(body.as_bytes(), &mut record, &mut issues);
        (record, issues.into_vec())
    }

    #[test]
    fn reads_the_three_fields_and_keeps_others() {
        let (record, issues) = parse(
            r#" {"code":"NoSuchKey","message":"gone \"now\"\n\u00e9\ud83d\ude00","request_id":"R1",
                "n":-1.5e3,"ok":true,"nil":null,"nested":{"a":[1,{"b":"]}"}]},"s":"\/"} "#,
        );
        assert_eq!(issues, []);
        assert_eq!(record.code.as_deref(), Some("NoSuchKey"));
        assert_eq!(
            record.message.as_deref(),
            Some("gone \"now\"\n\u{e9}\u{1F600}")
        );
        assert_eq!(record.request_id.as_deref(), Some("R1"));
        let extra: Vec<(&str, &str)> = record
            .extra
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(extra, [("n", "-1.5e3"), ("ok", "true"), ("s", "/")]);
    }

    #[test]
    fn three_spellings_and_the_first_wins() {
        let (record, issues) =
            parse(r#"{"error_code":"OBS.0001","error_msg":"quota","request_id":"R","code":"X"}"#);
        assert_eq!(issues, []);
        assert_eq!(record.code.as_deref(), Some("OBS.0001"));
        assert_eq!(record.message.as_deref(), Some("quota"));
        assert_eq!(record.request_id.as_deref(), Some("R"));
        assert_eq!(record.extra, [("code".to_owned(), "X".to_owned())]);
        let (record, _) = parse(r#"{"Code":"","Code":"SlowDown","Message":"m","RequestId":"Q"}"#);
        assert_eq!(record.code.as_deref(), Some("SlowDown"));
        assert_eq!(record.request_id.as_deref(), Some("Q"));
        assert_eq!(record.extra, []);
    }

    #[test]
    fn numbers_are_checked() {
        for good in ["0", "-0", "12", "1.5", "1e9", "-2.5E-3", "1E+2"] {
            assert!(is_number(good.as_bytes()), "{good}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "1e+", "1x", "--1", "1.2.3"] {
            assert!(!is_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn surrogates_without_partner_become_replacement() {
        let (record, _) = parse(r#"{"message":"a\ud800b\udc00c\ud800\u0041"}"#);
        assert_eq!(
            record.message.as_deref(),
            Some("a\u{fffd}b\u{fffd}c\u{fffd}A")
        );
    }

    #[test]
    fn problems_keep_earlier_members() {
        let (record, issues) = parse(r#"{"code":"A","message":"trunc"#);
        assert_eq!(record.code.as_deref(), Some("A"));
        assert_eq!(record.message, None);
        assert_eq!(issues, [BodyIssue::Unterminated]);

        let (record, issues) = parse(r#"{"code":"A" "message":"m"}"#);
        assert_eq!(record.code.as_deref(), Some("A"));
        assert_eq!(
            issues,
            [BodyIssue::MalformedJson {
                offset: 12,
                detail: "expected `,` or `}`"
            }]
        );

        let (_, issues) = parse(r#"{"code":"A","n":12"#);
        assert_eq!(issues, [BodyIssue::Unterminated]);
        let (_, issues) = parse(r#"{"x":[}"#);
        assert!(matches!(
            issues[..],
            [BodyIssue::MalformedJson {
                detail: "mismatched bracket",
                ..
            }]
        ));
        let (_, issues) = parse(r#"{"x":"\q"}"#);
        assert!(matches!(
            issues[..],
            [BodyIssue::MalformedJson {
                detail: "invalid escape",
                ..
            }]
        ));
        let (_, issues) = parse(r#"{"x":nul}"#);
        assert!(matches!(
            issues[..],
            [BodyIssue::MalformedJson {
                detail: "invalid literal",
                ..
            }]
        ));
    }

    #[test]
    fn deep_nesting_stops() {
        let body = format!(
            r#"{{"code":"A","x":{}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (record, issues) = parse(&body);
        assert_eq!(record.code.as_deref(), Some("A"));
        assert_eq!(issues, [BodyIssue::TooDeep { limit: MAX_DEPTH }]);
    }
}
