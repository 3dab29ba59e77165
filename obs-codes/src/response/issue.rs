//! What went wrong while reading a body: parsing never fails, it reports.

use core::fmt;

/// Something a reader could not take as it was: the result is best effort.
///
/// Parsing never fails and never panics; when a body is malformed, too large, too deep
/// or not UTF-8, the fields read so far are kept and the problem is listed here (each
/// kind at most once, at most [`MAX_ISSUES`](super::limits::MAX_ISSUES) in all).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyIssue {
    /// The body was longer than `limit` bytes; only the first `limit` were read.
    Truncated {
        /// How many bytes were read.
        limit: usize,
    },
    /// Some bytes were not UTF-8 and were replaced by U+FFFD.
    InvalidUtf8,
    /// The XML is not well formed; reading stopped there.
    MalformedXml {
        /// Byte offset of the problem in the body.
        offset: u64,
        /// What the XML reader reported.
        detail: String,
    },
    /// The JSON is not well formed; reading stopped there.
    MalformedJson {
        /// Byte offset of the problem in the body.
        offset: u64,
        /// What was wrong.
        detail: &'static str,
    },
    /// The body ended before its document did (a truncated body): the element or
    /// string being read when it ended was dropped.
    Unterminated,
    /// Elements or JSON containers nested deeper than `limit`; reading stopped there.
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
    /// A value was longer than `limit` bytes and was cut there.
    FieldTooLong {
        /// The element or member name.
        field: String,
        /// How many bytes were kept.
        limit: usize,
    },
    /// More than `limit` other children (or batch-delete entries); the rest were dropped.
    TooManyFields {
        /// How many were kept.
        limit: usize,
    },
    /// The document's root element is not the one expected (`Error`, or `DeleteResult`
    /// for a batch delete): an HTML error page, a success body, another API's error.
    UnexpectedRoot {
        /// The root element expected.
        expected: &'static str,
        /// The root element found (local name).
        found: String,
    },
    /// A value held an entity or character reference that is not XML's (e.g. `&nbsp;`);
    /// it was kept as written.
    UnknownEntity {
        /// The element whose text held it.
        field: String,
    },
    /// A field read as text held elements (`<Code>NoSuch<b>Bucket</b>Key</Code>`): its
    /// text was joined as sent, but it is not what a server writes and may be forged.
    MarkupInValue {
        /// The element whose text held markup.
        field: String,
    },
    /// The body is not UTF-8 text (UTF-16 or UTF-32 by its byte order mark or its
    /// zero bytes, gzip or zstd data, two UTF-8 byte order marks): nothing was read.
    NotUtf8Text {
        /// What the body is, e.g. `gzip-compressed data`.
        found: &'static str,
    },
    /// A header or element the error interprets (`Date`, `Retry-After`, `ServerTime`)
    /// held a value in no format it reads; that value is ignored and kept here.
    UnreadableValue {
        /// The header or element name.
        field: &'static str,
        /// The value as sent (capped like any value).
        value: String,
    },
}

impl fmt::Display for BodyIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { limit } => {
                write!(
                    f,
                    "body longer than {limit} bytes; only the first {limit} were read"
                )
            }
            Self::InvalidUtf8 => f.write_str("invalid UTF-8 replaced by U+FFFD"),
            Self::MalformedXml { offset, detail } => {
                write!(f, "malformed XML at byte {offset}: {detail}")
            }
            Self::MalformedJson { offset, detail } => {
                write!(f, "malformed JSON at byte {offset}: {detail}")
            }
            Self::Unterminated => f.write_str("body ended before the document did"),
            Self::TooDeep { limit } => write!(f, "nested deeper than {limit} levels"),
            Self::FieldTooLong { field, limit } => {
                write!(f, "`{field}` longer than {limit} bytes was cut")
            }
            Self::TooManyFields { limit } => {
                write!(
                    f,
                    "more than {limit} fields or entries; the rest were dropped"
                )
            }
            Self::UnexpectedRoot { expected, found } => {
                write!(f, "root element is <{found}>, not <{expected}>")
            }
            Self::UnknownEntity { field } => {
                write!(f, "unknown entity in `{field}` kept as written")
            }
            Self::MarkupInValue { field } => {
                write!(f, "markup inside `{field}`: its text was joined as sent")
            }
            Self::NotUtf8Text { found } => {
                write!(f, "the body is {found}, not UTF-8 text: nothing was read")
            }
            Self::UnreadableValue { field, value } => {
                write!(
                    f,
                    "`{field}` value {value:?} is in no format read here: ignored"
                )
            }
        }
    }
}

/// The issues of one read: each kind at most once, at most `MAX_ISSUES` in all.
#[derive(Debug, Default)]
pub(crate) struct Issues(Vec<BodyIssue>);

impl Issues {
    /// Records `issue` unless one of the same kind is already there or the list is full.
    /// Unreadable values of different fields (`Date`, `Retry-After`) count as different
    /// kinds, so each keeps its value.
    pub(crate) fn push(&mut self, issue: BodyIssue) {
        let same_kind = |seen: &BodyIssue| match (seen, &issue) {
            (
                BodyIssue::UnreadableValue { field: seen, .. },
                BodyIssue::UnreadableValue { field, .. },
            ) => seen == field,
            _ => core::mem::discriminant(seen) == core::mem::discriminant(&issue),
        };
        if self.0.len() < super::limits::MAX_ISSUES && !self.0.iter().any(same_kind) {
            self.0.push(issue);
        }
    }

    /// Whether nothing was recorded.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The recorded issues, in the order they were found.
    pub(crate) fn into_vec(self) -> Vec<BodyIssue> {
        self.0
    }
}
