//! Reading OBS error responses into typed errors.
//!
//! An OBS (or S3-compatible) client has a status, headers and a body; [`ObsError`]
//! turns them into the code, message, request ids and everything else the response
//! says, typed by [`ObsErrorCode`] or by any enum that [`obs_errors!`](crate::obs_errors)
//! generates ([`ErrorCode`]).
//!
//! ```
//! use obs_codes::{ObsError, ObsErrorCode, RetryClass};
//!
//! let body = br#"<?xml version="1.0" encoding="UTF-8"?>
//! <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
//! <RequestId>0000018A2B3C4D5E</RequestId><Key>photos/cat.jpg</Key></Error>"#;
//! let headers = [("x-obs-request-id", "0000018A2B3C4D5E"), ("x-obs-id-2", "32AAAQ")];
//! let error: ObsError = ObsError::from_parts(404, headers, body);
//!
//! assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
//! assert_eq!(error.id_2(), Some("32AAAQ"));
//! assert_eq!(error.extra_value("Key"), Some("photos/cat.jpg"));
//! assert_eq!(error.retry_class(), RetryClass::NotRetryable);
//! assert_eq!(
//!     error.to_string(),
//!     "NoSuchKey: The specified key does not exist. (HTTP 404, request id 0000018A2B3C4D5E)"
//! );
//! ```
//!
//! # What is read
//!
//! - XML `<Error>` bodies, with or without declaration or namespace, with entities, CDATA,
//!   padding, line-wrapped values and children of any name.
//! - JSON error bodies `{"code", "message", "request_id"}`, without `serde_json`.
//! - The headers `x-obs-error-code`, `x-obs-error-message`, `x-obs-request-id`,
//!   `x-obs-id-2`, their `x-amz-` twins and `x-reserved-indicator`, names in any case:
//!   all a HEAD response has.
//! - A bare status: a code only when one code of the table has that status
//!   ([`code_for_status`]).
//! - A `200 OK` whose body is an `<Error>` ([`is_error_body`], [`ObsError::from_ok_body`])
//!   and the per-key errors of a batch delete ([`DeleteErrors`]).
//!
//! The body's format is sniffed from its first bytes, not taken from `Content-Type`:
//! `<` is XML, `{` is JSON, anything else is ignored ([`BodyFormat::Other`]).
//!
//! # Resolution order
//!
//! When sources disagree, each field takes the first of (shared/reference/protocol.md,
//! "HEAD requests": "the body's `<Code>`, then the error-code header, then the HTTP
//! status alone"):
//!
//! | field | 1. body | 2. header | 3. status |
//! |---|---|---|---|
//! | code | `<Code>` / `code` | `x-obs-error-code`, `x-amz-error-code` | [`code_for_status`] |
//! | message | `<Message>` / `message` | `x-obs-error-message`, `x-amz-error-message` | |
//! | request id | `<RequestId>` / `request_id` | `x-obs-request-id`, `x-amz-request-id` | |
//! | id-2 | `<HostId>` | `x-obs-id-2`, `x-amz-id-2` | |
//! | resource | `<Resource>` | | |
//! | indicator | | `x-reserved-indicator` | |
//!
//! An empty value counts as absent. [`ObsError::code_source`] says where the code came
//! from.
//!
//! # Bad input
//!
//! Parsing never fails and never panics. It reads at most [`limits::MAX_BODY_BYTES`],
//! nests at most [`limits::MAX_DEPTH`] deep, keeps at most [`limits::MAX_FIELD_BYTES`]
//! of a value, in one pass without recursion; what it could not take as it was is
//! listed in [`ObsError::issues`], and the fields read before a problem are kept.

mod delete;
mod headers;
#[cfg(feature = "http")]
mod http;
mod issue;
mod json;
pub mod limits;
mod retry;
mod text;
mod wire;
mod xml;

pub use delete::{DeleteErrors, KeyError};
pub use issue::BodyIssue;
pub use retry::RetryClass;
pub use wire::{Code, code_for_status};

use crate::{ErrorCode, ObsErrorCode};
use core::fmt;
use headers::{ErrorHeaders, first};
use issue::Issues;
use limits::MAX_BODY_BYTES;
use xml::{Layout, RawRecord};

/// Where an error's code came from (see the [resolution order](self#resolution-order)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeSource {
    /// The body's `<Code>` (or JSON `code`).
    Body,
    /// The `x-obs-error-code` or `x-amz-error-code` header.
    Header,
    /// Derived from the HTTP status alone ([`code_for_status`]).
    Status,
}

/// What the body looked like, from its first bytes (not from `Content-Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyFormat {
    /// No body, or only whitespace.
    Empty,
    /// XML (starts with `<`): read as an `<Error>` document.
    Xml,
    /// JSON (starts with `{`): read as a flat error object.
    Json,
    /// Anything else (plain text, an HTML page without markup...): not read.
    Other,
}

/// An error response from OBS, read from its status, headers and body.
///
/// Generic over the code table: `ObsError` is `ObsError<ObsErrorCode>`; with a table of
/// your own, `ObsError<MyCode>`. Build one with [`from_parts`](Self::from_parts) (or,
/// with the `http` feature, from an `http::Response`); see the
/// [module docs](self) for what is read and in which order.
///
/// Its [`Display`](fmt::Display) is a log line: code, message, status, request id.
#[derive(Clone, PartialEq, Eq)]
pub struct ObsError<C: ErrorCode = ObsErrorCode>(Box<Fields<C>>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Fields<C> {
    status: u16,
    code: Option<Code<C>>,
    code_source: Option<CodeSource>,
    message: Option<String>,
    request_id: Option<String>,
    id_2: Option<String>,
    resource: Option<String>,
    indicator: Option<String>,
    extra: Vec<(String, String)>,
    body_format: BodyFormat,
    issues: Vec<BodyIssue>,
}

impl<C: ErrorCode> ObsError<C> {
    /// Reads an error response: its HTTP status, its headers as `(name, value)` pairs
    /// (any order, names in any case; e.g. `http::HeaderMap::iter()` fits as is) and
    /// its body (only the first [`MAX_BODY_BYTES`] are read, so a client may stop
    /// reading there). Never fails.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode, response::CodeSource};
    ///
    /// // A HEAD response: no body, the code in a header.
    /// let head: ObsError = ObsError::from_parts(
    ///     404,
    ///     [("x-amz-error-code", "NoSuchBucket"), ("x-amz-request-id", "R1")],
    ///     b"",
    /// );
    /// assert_eq!(head.known_code(), Some(ObsErrorCode::NoSuchBucket));
    /// assert_eq!(head.code_source(), Some(CodeSource::Header));
    /// assert_eq!(head.request_id(), Some("R1"));
    /// ```
    #[must_use]
    pub fn from_parts<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let read = read_body(body);
        let headers = ErrorHeaders::read(headers, &read.record);
        Self::resolve(status, read, headers)
    }

    /// Reads an error response without headers.
    #[must_use]
    pub fn from_body(status: u16, body: &[u8]) -> Self {
        Self::resolve(status, read_body(body), ErrorHeaders::default())
    }

    /// An error from the status alone: the code is the one the table gives that status,
    /// if only one code has it ([`code_for_status`]), else none.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode};
    ///
    /// let error: ObsError = ObsError::from_status(412);
    /// assert_eq!(error.known_code(), Some(ObsErrorCode::PreconditionFailed));
    /// assert_eq!(ObsError::<ObsErrorCode>::from_status(404).code(), None);
    /// ```
    #[must_use]
    pub fn from_status(status: u16) -> Self {
        Self::resolve(status, read_body(b""), ErrorHeaders::default())
    }

    /// For a successful status whose body may still be an error: `Some` when the body's
    /// root element is `<Error>` ([`is_error_body`]), read as
    /// [`from_parts`](Self::from_parts) would; `None` for any other body.
    ///
    /// shared/reference/protocol.md: S3-compatible stores may answer a copy or a multipart
    /// complete with `200 OK` and an `<Error>` body.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode, RetryClass};
    ///
    /// let copied = b"<CopyObjectResult><ETag>\"9b2cf535\"</ETag></CopyObjectResult>";
    /// assert!(ObsError::<ObsErrorCode>::from_ok_body(200, [("x", "y")], copied).is_none());
    ///
    /// let failed = b"\n\n<Error><Code>InternalError</Code><Message>retry</Message></Error>";
    /// let error = ObsError::<ObsErrorCode>::from_ok_body(200, [("x", "y")], failed).unwrap();
    /// assert_eq!(error.status(), 200);
    /// assert_eq!(error.retry_class(), RetryClass::Transient);
    /// ```
    #[must_use]
    pub fn from_ok_body<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Option<Self>
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        is_error_body(body).then(|| Self::from_parts(status, headers, body))
    }

    /// Puts the body's and the headers' fields together, in the resolution order.
    fn resolve(status: u16, body: BodyRead, headers: ErrorHeaders) -> Self {
        let BodyRead {
            record,
            format: body_format,
            issues,
        } = body;
        let (code, code_source) = if let Some(code) = record.code {
            (Some(Code::from(code)), Some(CodeSource::Body))
        } else if let Some(code) = first(headers.code) {
            (Some(Code::from(code)), Some(CodeSource::Header))
        } else if let Some(code) = code_for_status::<C>(status) {
            (Some(Code::Known(code)), Some(CodeSource::Status))
        } else {
            (None, None)
        };
        Self(Box::new(Fields {
            status,
            code,
            code_source,
            message: record.message.or_else(|| first(headers.message)),
            request_id: record.request_id.or_else(|| first(headers.request_id)),
            id_2: record.host_id.or_else(|| first(headers.id_2)),
            resource: record.resource,
            indicator: headers.indicator,
            extra: record.extra,
            body_format,
            issues: issues.into_vec(),
        }))
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The error code: a code of the table, or the exact string sent; `None` when the
    /// response gave none and the status stands for no single code.
    #[must_use]
    pub fn code(&self) -> Option<&Code<C>> {
        self.0.code.as_ref()
    }

    /// The code, if the table knows it.
    #[must_use]
    pub fn known_code(&self) -> Option<C> {
        self.0.code.as_ref().and_then(Code::known)
    }

    /// The code's wire string (an unknown one exactly as sent).
    #[must_use]
    pub fn code_str(&self) -> Option<&str> {
        self.0.code.as_ref().map(Code::as_str)
    }

    /// Where the code came from: body, header or status.
    #[must_use]
    pub fn code_source(&self) -> Option<CodeSource> {
        self.0.code_source
    }

    /// The message (`<Message>`, JSON `message`, or the error-message header); wrapped
    /// lines of an XML message are joined with a space and padding is trimmed.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The request id to quote to support (`<RequestId>`, JSON `request_id`, or the
    /// request-id header).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The second id for support (`<HostId>`, or the `x-obs-id-2` / `x-amz-id-2` header),
    /// with the line wrapping of the API reference's sample removed.
    #[must_use]
    pub fn id_2(&self) -> Option<&str> {
        self.0.id_2.as_deref()
    }

    /// The bucket or object the error is about (`<Resource>`).
    #[must_use]
    pub fn resource(&self) -> Option<&str> {
        self.0.resource.as_deref()
    }

    /// The detailed error locator (`x-reserved-indicator` header).
    #[must_use]
    pub fn indicator(&self) -> Option<&str> {
        self.0.indicator.as_deref()
    }

    /// The body's other children (e.g. `Key`, `Condition`, `StringToSign`) or JSON
    /// members, as `(name, text)` in document order, text as sent with entities decoded
    /// (an element's nested text concatenated).
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.0.extra
    }

    /// The text of the first other child or member called `name`.
    #[must_use]
    pub fn extra_value(&self, name: &str) -> Option<&str> {
        self.0
            .extra
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    }

    /// What the body looked like.
    #[must_use]
    pub fn body_format(&self) -> BodyFormat {
        self.0.body_format
    }

    /// What could not be read as it was; empty for a well-formed response.
    #[must_use]
    pub fn issues(&self) -> &[BodyIssue] {
        &self.0.issues
    }

    /// What to do about the error: see [`RetryClass::classify`].
    #[must_use]
    pub fn retry_class(&self) -> RetryClass {
        RetryClass::classify(self.0.code.as_ref(), Some(self.0.status))
    }

    /// Whether the same request may succeed if sent again after a back-off
    /// ([`RetryClass::is_retryable`]).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.retry_class().is_retryable()
    }
}

impl<C: ErrorCode> fmt::Debug for ObsError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields = &self.0;
        f.debug_struct("ObsError")
            .field("status", &fields.status)
            .field("code", &fields.code)
            .field("code_source", &fields.code_source)
            .field("message", &fields.message)
            .field("request_id", &fields.request_id)
            .field("id_2", &fields.id_2)
            .field("resource", &fields.resource)
            .field("indicator", &fields.indicator)
            .field("extra", &fields.extra)
            .field("body_format", &fields.body_format)
            .field("issues", &fields.issues)
            .finish()
    }
}

impl<C: ErrorCode> fmt::Display for ObsError<C> {
    /// `NoSuchKey: The specified key does not exist. (HTTP 404, request id 0000018A)`.
    ///
    /// Without a message, a known code's table description stands in; without a code,
    /// `no error code`; without a request id, that part is left out. Control characters
    /// are escaped, so one error is one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields = &self.0;
        match &fields.code {
            Some(code) => write_clean(f, code.as_str())?,
            None => f.write_str("no error code")?,
        }
        let message = fields
            .message
            .as_deref()
            .or_else(|| self.known_code().map(C::description));
        if let Some(message) = message {
            f.write_str(": ")?;
            write_clean(f, message)?;
        }
        write!(f, " (HTTP {}", fields.status)?;
        if let Some(request_id) = &fields.request_id {
            f.write_str(", request id ")?;
            write_clean(f, request_id)?;
        }
        f.write_str(")")
    }
}

impl<C: ErrorCode> std::error::Error for ObsError<C> {}

/// Whether a body is an OBS `<Error>` document: its root element, matched by local name
/// after any declaration, comments or whitespace, is `Error`. For a `200 OK` answer to a
/// copy or a multipart complete (shared/reference/protocol.md). Reads no further than the
/// root's start tag, within the first [`MAX_BODY_BYTES`].
///
/// ```
/// use obs_codes::response::is_error_body;
///
/// assert!(is_error_body(b"<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code></Error>"));
/// assert!(!is_error_body(b"<CompleteMultipartUploadResult/>"));
/// ```
#[must_use]
pub fn is_error_body(body: &[u8]) -> bool {
    let mut ignored = Issues::default();
    let body = cut_body(body, MAX_BODY_BYTES, &mut ignored);
    sniff(body) == BodyFormat::Xml && xml::root_is_error(body)
}

/// What an error body holds, before the headers are consulted.
struct BodyRead {
    record: RawRecord,
    format: BodyFormat,
    issues: Issues,
}

/// Reads an error body (its first [`MAX_BODY_BYTES`]), XML or JSON by its first bytes.
fn read_body(body: &[u8]) -> BodyRead {
    let mut issues = Issues::default();
    let body = cut_body(body, MAX_BODY_BYTES, &mut issues);
    let format = sniff(body);
    let mut record = RawRecord::default();
    match format {
        BodyFormat::Xml => {
            xml::scan(body, Layout::ErrorBody, &mut issues, &mut |read| {
                record = read
            });
        }
        BodyFormat::Json => json::read(body, &mut record, &mut issues),
        BodyFormat::Empty | BodyFormat::Other => {}
    }
    BodyRead {
        record,
        format,
        issues,
    }
}

/// The first `limit` bytes of `body`, reporting a cut.
fn cut_body<'a>(body: &'a [u8], limit: usize, issues: &mut Issues) -> &'a [u8] {
    match body.get(..limit) {
        Some(head) if body.len() > limit => {
            issues.push(BodyIssue::Truncated { limit });
            head
        }
        _ => body,
    }
}

/// The body's format from its first non-whitespace byte (after a UTF-8 byte order mark).
fn sniff(body: &[u8]) -> BodyFormat {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match body.iter().find(|byte| !byte.is_ascii_whitespace()) {
        None => BodyFormat::Empty,
        Some(b'<') => BodyFormat::Xml,
        Some(b'{') => BodyFormat::Json,
        Some(_) => BodyFormat::Other,
    }
}

/// Writes `text` with control characters escaped (`\n`, `\u{1b}`), so that text from
/// the wire cannot break or forge log lines.
fn write_clean(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if !text.contains(char::is_control) {
        return f.write_str(text);
    }
    for c in text.chars() {
        if c.is_control() {
            write!(f, "{}", c.escape_default())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b""), BodyFormat::Empty);
        assert_eq!(sniff(b" \r\n\t"), BodyFormat::Empty);
        assert_eq!(sniff(b"\xEF\xBB\xBF <Error/>"), BodyFormat::Xml);
        assert_eq!(sniff(b"\n{}"), BodyFormat::Json);
        assert_eq!(sniff(b"Bad Gateway"), BodyFormat::Other);
        assert_eq!(sniff(b"[1]"), BodyFormat::Other);
    }

    #[test]
    fn cut_reports_only_when_cut() {
        let mut issues = Issues::default();
        assert_eq!(cut_body(b"abc", 3, &mut issues), b"abc");
        assert!(issues.is_empty());
        assert_eq!(cut_body(b"abcd", 3, &mut issues), b"abc");
        assert_eq!(issues.into_vec(), [BodyIssue::Truncated { limit: 3 }]);
    }
}
