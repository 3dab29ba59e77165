//! The response headers that carry error information (docs/protocol.md, "Headers").

use super::issue::{BodyIssue, Issues};
use super::limits::MAX_FIELD_BYTES;
use super::text;
use super::time::parse_http_date;
use super::xml::RawRecord;
use std::borrow::Cow;
use std::time::SystemTime;

/// When to send the request again, as the `Retry-After` header says (RFC 9110 section
/// 10.2.3): a number of seconds, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryAfter {
    /// `Retry-After: 120`.
    Seconds(u64),
    /// `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`.
    At(SystemTime),
}

impl RetryAfter {
    /// Reads a header value; `None` for anything else than digits or an HTTP-date.
    pub(crate) fn parse(value: &str) -> Option<Self> {
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            // More seconds than a u64 holds is "never soon": the largest wait.
            return Some(Self::Seconds(value.parse().unwrap_or(u64::MAX)));
        }
        parse_http_date(value).map(Self::At)
    }
}

/// The error headers of a response; for each, the first occurrence counts.
///
/// docs/protocol.md: the prefix follows the signature type, `x-obs-` for OBS
/// signatures and `x-amz-` for AWS ones. When both are present the `x-obs-` one wins (OBS's own).
#[derive(Debug, Default)]
pub(crate) struct ErrorHeaders {
    pub(crate) code: [Option<String>; 2],
    pub(crate) message: [Option<String>; 2],
    pub(crate) request_id: [Option<String>; 2],
    pub(crate) id_2: [Option<String>; 2],
    pub(crate) indicator: Option<String>,
    /// `Date`: when the server answered.
    pub(crate) date: Option<SystemTime>,
    /// `Retry-After`.
    pub(crate) retry_after: Option<RetryAfter>,
    /// `Location`: a redirect's target.
    pub(crate) location: Option<String>,
}

impl ErrorHeaders {
    /// Picks the error headers out of `(name, value)` pairs; names are matched without
    /// regard to ASCII case, values are read as UTF-8 (lossily), trimmed and capped.
    /// Headers for what `body` already has are skipped (the body wins anyway). A `Date`
    /// or `Retry-After` in no format read here is an issue that keeps the value.
    pub(crate) fn read<H>(headers: H, body: &RawRecord, issues: &mut Issues) -> Self
    where
        H: IntoIterator,
        H::Item: HeaderPair,
    {
        let mut found = Self::default();
        // Whether a `Date` / `Retry-After` was seen: the first one counts, read or not.
        let (mut date_seen, mut retry_after_seen) = (false, false);
        for header in headers {
            // A further value of the header before it: only the first counts.
            let Some(name) = header.name() else {
                continue;
            };
            let value = header.value();
            let date = name.eq_ignore_ascii_case("date");
            let slot = if date || name.eq_ignore_ascii_case("retry-after") {
                let seen = if date {
                    &mut date_seen
                } else {
                    &mut retry_after_seen
                };
                if !core::mem::replace(seen, true) {
                    found.read_time(date, &value_text(value), issues);
                }
                continue;
            } else if name.eq_ignore_ascii_case("location") {
                &mut found.location
            } else if let Some(slot) = found.slot(name, body) {
                slot
            } else {
                continue;
            };
            // The first occurrence counts even when empty (and so absent, below): a
            // later value of the same header must not fill in, as it cannot when the
            // pairs come from a `HeaderMap` by value.
            if slot.is_none() {
                *slot = Some(value_text(value).into_owned());
            }
        }
        let slots = [&mut found.indicator, &mut found.location]
            .into_iter()
            .chain(found.code.iter_mut())
            .chain(found.message.iter_mut())
            .chain(found.request_id.iter_mut())
            .chain(found.id_2.iter_mut());
        for slot in slots {
            if slot.as_deref() == Some("") {
                *slot = None;
            }
        }
        found
    }

    /// Reads a `Date` (`date`) or `Retry-After` value; one in no format read here is an
    /// issue that keeps it. Parsed in place: no allocation unless it is an issue.
    fn read_time(&mut self, date: bool, value: &str, issues: &mut Issues) {
        let read = if date {
            self.date = parse_http_date(value);
            self.date.is_some()
        } else {
            self.retry_after = RetryAfter::parse(value);
            self.retry_after.is_some()
        };
        if !read && !value.is_empty() {
            issues.push(BodyIssue::UnreadableValue {
                field: if date { "Date" } else { "Retry-After" },
                value: value.to_owned(),
            });
        }
    }

    fn slot(&mut self, name: &str, body: &RawRecord) -> Option<&mut Option<String>> {
        let (prefix, rest) = if let Some(rest) = strip_prefix_ignore_case(name, "x-obs-") {
            (0, rest)
        } else if let Some(rest) = strip_prefix_ignore_case(name, "x-amz-") {
            (1, rest)
        } else if name.eq_ignore_ascii_case("x-reserved-indicator") {
            return Some(&mut self.indicator);
        } else {
            return None;
        };
        let (slots, in_body) = if rest.eq_ignore_ascii_case("error-code") {
            (&mut self.code, &body.code)
        } else if rest.eq_ignore_ascii_case("error-message") {
            (&mut self.message, &body.message)
        } else if rest.eq_ignore_ascii_case("request-id") {
            (&mut self.request_id, &body.request_id)
        } else if rest.eq_ignore_ascii_case("id-2") {
            (&mut self.id_2, &body.host_id)
        } else {
            return None;
        };
        if in_body.is_some() {
            return None;
        }
        slots.get_mut(prefix)
    }
}

/// One response header, as the error constructors take them: a `(name, value)` pair, by
/// value or by reference (as a slice or a `&Vec` yields them), of
///
/// - a name: `String`, `Box<str>`, `Cow<str>`, and with the `http` feature
///   `http::HeaderName`, or a reference to one of them or to a `str`;
/// - a value: the same text types, `Vec<u8>`, and with the `http` feature
///   `http::HeaderValue`, or a reference to one of them or to a `str`, `[u8]` or
///   `[u8; N]`;
///
/// so `&http::HeaderMap` fits (its pairs are `(&HeaderName, &HeaderValue)`), and a
/// `HeaderMap` by value too (its pairs are `(Option<HeaderName>, HeaderValue)`, `None`
/// for a further value of the same header).
///
/// ```
/// use obs_codes::ObsError;
///
/// let owned = vec![("x-obs-request-id".to_owned(), "R1".to_owned())];
/// assert_eq!(ObsError::from_parts(404, &owned, b"").request_id(), Some("R1"));
/// let borrowed: &[(&str, &str)] = &[("x-obs-request-id", "R2")];
/// assert_eq!(ObsError::from_parts(404, borrowed, b"").request_id(), Some("R2"));
/// ```
///
/// Sealed: other header types map to pairs of these first.
pub trait HeaderPair: sealed::Sealed {
    /// The header's name; `None` for a further value of the header before it (how
    /// `HeaderMap`'s by-value iterator yields them): only a header's first value counts.
    fn name(&self) -> Option<&str>;

    /// The header's value, as sent.
    fn value(&self) -> &[u8];
}

mod sealed {
    /// Keeps [`HeaderPair`](super::HeaderPair) to the types this crate reads.
    pub trait Sealed {}

    /// A header name this crate reads (see [`HeaderPair`](super::HeaderPair)).
    pub trait Name {
        fn text(&self) -> &str;
    }

    /// A header value this crate reads (see [`HeaderPair`](super::HeaderPair)).
    pub trait Value {
        fn bytes(&self) -> &[u8];
    }
}

use sealed::{Name, Value};

/// Name and value impls for text types, which serve as both.
macro_rules! text_header_types {
    ($($ty:ty),*) => {$(
        impl Name for $ty {
            fn text(&self) -> &str {
                self.as_ref()
            }
        }

        impl Value for $ty {
            fn bytes(&self) -> &[u8] {
                AsRef::<str>::as_ref(self).as_bytes()
            }
        }
    )*};
}

text_header_types!(str, String, Box<str>, Cow<'_, str>);

impl Value for [u8] {
    fn bytes(&self) -> &[u8] {
        self
    }
}

impl<const N: usize> Value for [u8; N] {
    fn bytes(&self) -> &[u8] {
        self
    }
}

impl Value for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// A reference to a name is a name (`&str`, `&String`, `&HeaderName`...).
impl<T: Name + ?Sized> Name for &T {
    fn text(&self) -> &str {
        (**self).text()
    }
}

/// A reference to a value is a value (`&str`, `&[u8]`, `&HeaderValue`...).
impl<T: Value + ?Sized> Value for &T {
    fn bytes(&self) -> &[u8] {
        (**self).bytes()
    }
}

#[cfg(feature = "http")]
impl Name for http::HeaderName {
    fn text(&self) -> &str {
        self.as_str()
    }
}

#[cfg(feature = "http")]
impl Value for http::HeaderValue {
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<K: Name, V: Value> sealed::Sealed for (K, V) {}

impl<K: Name, V: Value> HeaderPair for (K, V) {
    fn name(&self) -> Option<&str> {
        Some(self.0.text())
    }

    fn value(&self) -> &[u8] {
        self.1.bytes()
    }
}

impl<K: Name, V: Value> sealed::Sealed for &(K, V) {}

impl<K: Name, V: Value> HeaderPair for &(K, V) {
    fn name(&self) -> Option<&str> {
        Some(self.0.text())
    }

    fn value(&self) -> &[u8] {
        self.1.bytes()
    }
}

#[cfg(feature = "http")]
impl sealed::Sealed for (Option<http::HeaderName>, http::HeaderValue) {}

#[cfg(feature = "http")]
impl HeaderPair for (Option<http::HeaderName>, http::HeaderValue) {
    fn name(&self) -> Option<&str> {
        self.0.as_ref().map(http::HeaderName::as_str)
    }

    fn value(&self) -> &[u8] {
        self.1.as_bytes()
    }
}

/// A header value as text: lossily decoded (invalid UTF-8 is replaced, not reported:
/// the body's issues are about the body), trimmed, and capped like any value.
fn value_text(value: &[u8]) -> Cow<'_, str> {
    let mut ignored = Issues::default();
    match text::decode(value, &mut ignored) {
        Cow::Borrowed(decoded) => Cow::Borrowed(capped(text::trimmed(decoded))),
        Cow::Owned(decoded) => Cow::Owned(capped(text::trimmed(&decoded)).to_owned()),
    }
}

/// At most [`MAX_FIELD_BYTES`] of `value`, cut at a character boundary.
fn capped(value: &str) -> &str {
    value
        .get(..text::floor_char_boundary(value, MAX_FIELD_BYTES))
        .unwrap_or_default()
}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The first of the two values, `x-obs-` before `x-amz-`.
pub(crate) fn first(pair: [Option<String>; 2]) -> Option<String> {
    let [obs, amz] = pair;
    obs.or(amz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_first_value_is_not_filled_by_a_later_one() {
        // As a `HeaderMap` by value yields them: only the first value has a name.
        let found = ErrorHeaders::read(
            [
                ("x-obs-request-id", " "),
                ("x-obs-request-id", "Later"),
                ("x-obs-error-code", ""),
                ("X-OBS-Error-Code", "Later"),
            ],
            &RawRecord::default(),
            &mut Issues::default(),
        );
        assert_eq!(found.request_id, [None, None]);
        assert_eq!(found.code, [None, None]);
    }

    #[test]
    fn names_ignore_case_and_obs_wins() {
        let found = ErrorHeaders::read(
            [
                ("X-AMZ-Error-Code", "AmzCode"),
                ("dAtE", "Wed, 01 Jul 2015 04:20:51 GMT"),
                ("Retry-After", " 7 "),
                ("retry-after", "8"),
                ("Location", "https://b.obs.example.com/k"),
                ("x-obs-error-code", " ObsCode "),
                ("x-obs-error-code", "Second"),
                ("X-Reserved-Indicator", "ind"),
                ("x-amz-request-id", "R"),
                ("x-obs-id-2", ""),
                ("x-amz-id-2", "I2"),
                ("x-obs-", "nothing"),
                ("content-type", "application/xml"),
            ],
            &RawRecord::default(),
            &mut Issues::default(),
        );
        assert_eq!(found.date, parse_http_date("Wed, 01 Jul 2015 04:20:51 GMT"));
        assert_eq!(found.retry_after, Some(RetryAfter::Seconds(7)));
        assert_eq!(
            found.location.as_deref(),
            Some("https://b.obs.example.com/k")
        );
        assert_eq!(first(found.code), Some("ObsCode".to_owned()));
        assert_eq!(found.indicator.as_deref(), Some("ind"));
        assert_eq!(first(found.request_id), Some("R".to_owned()));
        assert_eq!(first(found.id_2), Some("I2".to_owned()));
        assert_eq!(first(found.message), None);
    }

    #[test]
    fn byte_values_are_decoded_lossily() {
        let none = RawRecord::default();
        let mut issues = Issues::default();
        let found = ErrorHeaders::read(
            [("x-obs-error-message", &b"caf\xc3\xa9 \xff"[..])],
            &none,
            &mut issues,
        );
        assert_eq!(first(found.message), Some("caf\u{e9} \u{fffd}".to_owned()));
        let multibyte = ErrorHeaders::read([("x-obé-error-code", "x")], &none, &mut issues);
        assert_eq!(first(multibyte.code), None);
    }

    #[test]
    fn headers_for_what_the_body_has_are_skipped() {
        let body = RawRecord {
            code: Some("A".to_owned()),
            request_id: Some("R".to_owned()),
            ..RawRecord::default()
        };
        let found = ErrorHeaders::read(
            [
                ("x-obs-error-code", "B"),
                ("x-obs-request-id", "S"),
                ("x-obs-error-message", "m"),
            ],
            &body,
            &mut Issues::default(),
        );
        assert_eq!(first(found.code), None);
        assert_eq!(first(found.request_id), None);
        assert_eq!(first(found.message), Some("m".to_owned()));
    }

    #[test]
    fn unreadable_dates_are_issues_that_keep_the_value() {
        let mut issues = Issues::default();
        let found = ErrorHeaders::read(
            [
                ("Date", "yesterday"),
                ("Retry-After", "-1"),
                ("Retry-After", "5"),
            ],
            &RawRecord::default(),
            &mut issues,
        );
        assert_eq!((found.date, found.retry_after), (None, None));
        assert_eq!(
            issues.into_vec(),
            [
                BodyIssue::UnreadableValue {
                    field: "Date",
                    value: "yesterday".to_owned()
                },
                BodyIssue::UnreadableValue {
                    field: "Retry-After",
                    value: "-1".to_owned()
                }
            ]
        );
        assert_eq!(
            RetryAfter::parse("99999999999999999999999"),
            Some(RetryAfter::Seconds(u64::MAX))
        );
        assert_eq!(RetryAfter::parse("1.5"), None);
        assert_eq!(RetryAfter::parse(""), None);
    }
}
