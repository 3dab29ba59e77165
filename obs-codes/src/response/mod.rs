//! Reading OBS error responses into typed errors.
//!
//! An OBS (or S3-compatible) client has a status, headers and a body; [`ObsError`]
//! turns them into the code, message, request ids and everything else the response
//! says, typed by [`ObsErrorCode`] or by any enum that [`obs_errors!`](crate::obs_errors)
//! generates ([`ErrorCode`]).
//!
//! ```
//! use obs_codes::{ErrorKind, ObsError, ObsErrorCode, RetryClass};
//!
//! let body = br#"<?xml version="1.0" encoding="UTF-8"?>
//! <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
//! <RequestId>0000018A2B3C4D5E</RequestId><Key>photos/cat.jpg</Key></Error>"#;
//! let headers = [("x-obs-request-id", "0000018A2B3C4D5E"), ("x-obs-id-2", "32AAAQ")];
//! let error = ObsError::from_parts(404, headers, body);
//!
//! assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
//! assert_eq!(error.id_2(), Some("32AAAQ"));
//! assert_eq!(error.extra_value("Key"), Some("photos/cat.jpg"));
//! assert_eq!(error.retry_class(), RetryClass::NotRetryable);
//! assert_eq!(error.kind(), ErrorKind::NotFound);
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
//! - JSON error bodies `{"code", "message", "request_id"}`, also spelled `{"Code",
//!   "Message", "RequestId"}` and `{"error_code", "error_msg", "request_id"}`, without
//!   `serde_json`.
//! - The headers `x-obs-error-code`, `x-obs-error-message`, `x-obs-request-id`,
//!   `x-obs-id-2`, their `x-amz-` twins and `x-reserved-indicator`, names in any case:
//!   all a HEAD response has; and `Date`, `Retry-After` and `Location`.
//! - A bare status: a code only when one code of the table has that status
//!   ([`code_for_status`]).
//! - A `200 OK` whose body is an `<Error>` ([`is_error_body`], [`ObsError::from_ok_body`])
//!   and the per-key errors and deleted keys of a batch delete ([`DeleteErrors`]).
//!
//! # What a client decides with
//!
//! - [`ObsError::retry_class`] and [`ObsError::is_retryable`] ([`RetryClass`]): the
//!   vendor's clients' rules (`docs/retry.md`);
//! - [`ObsError::retry_after`] (`Retry-After`) and [`ObsError::server_time`]
//!   (`<ServerTime>` or `Date`);
//! - [`ObsError::kind`] ([`ErrorKind`]), also as an `io::Error`, and
//!   [`ObsError::redirect`];
//! - [`ObsError::code_str`]: the code as the server spelled it.
//!
//! The body's format is sniffed from its first bytes, not taken from `Content-Type`:
//! `<` is XML, `{` is JSON, anything else is ignored ([`BodyFormat::Other`]); a body
//! whose first bytes show it is no UTF-8 text (UTF-16, gzip...) is an issue.
//!
//! # Resolution order
//!
//! When sources disagree, each field takes the first of (docs/protocol.md,
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
//! | server time | `<ServerTime>` | `Date` | |
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
mod kind;
pub mod limits;
mod retry;
#[cfg(feature = "serde")]
mod serialize;
mod text;
mod time;
mod wire;
mod xml;

pub use delete::{DeleteErrors, DeletedKey, KeyError};
pub use headers::HeaderPair;
pub use issue::BodyIssue;
pub use kind::{ErrorKind, Redirect};
pub use retry::RetryClass;
pub use wire::{Code, code_for_status};

use crate::{ErrorCode, ObsErrorCode};
use core::fmt;
use headers::{ErrorHeaders, RetryAfter, first};
use issue::Issues;
use limits::MAX_BODY_BYTES;
use std::time::{Duration, SystemTime};
use xml::{Layout, RawRecord};

/// Where an error's code came from (see the [resolution order](self#resolution-order)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeSource {
    /// The body's `<Code>` (or JSON `code`).
    Body,
    /// The `x-obs-error-code` or `x-amz-error-code` header.
    Header,
    /// Inferred from the HTTP status alone ([`code_for_status`]): the server sent no
    /// code. [`Display`](fmt::Display) and the serde record say so.
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
    /// Anything else (plain text, an HTML page without markup, UTF-16, gzip...): not
    /// read; [`ObsError::issues`] says why when the bytes show it
    /// ([`BodyIssue::NotUtf8Text`]).
    Other,
}

/// An error response from OBS, read from its status, headers and body.
///
/// Generic over the code table: `ObsError` is `ObsError<ObsErrorCode>`; with a table of
/// your own, `ObsError<MyCode>`. Each input has one constructor, in two forms: `from_*`
/// reads with the bundled table, so `ObsError::from_parts(..)` needs no annotation (as
/// `HashMap::new` infers its hasher), and `from_*_in` reads with any table, named once
/// (`ObsError::<MyCode>::from_parts_in(..)`, as `Vec::new_in` names its allocator):
///
/// | input | bundled table | any table `C` |
/// |---|---|---|
/// | status, headers, body | [`from_parts`](Self::from_parts) | [`from_parts_in`](Self::from_parts_in) |
/// | status, body | [`from_body`](Self::from_body) | [`from_body_in`](Self::from_body_in) |
/// | status | [`from_status`](Self::from_status) | [`from_status_in`](Self::from_status_in) |
/// | a `200 OK` that may be an error | [`from_ok_body`](Self::from_ok_body) | [`from_ok_body_in`](Self::from_ok_body_in) |
/// | `http::Response` (feature `http`) | `from_response` | `from_response_in` |
/// | `http::StatusCode`, `&HeaderMap`, body (feature `http`) | `from_http_parts` | `from_http_parts_in` |
/// | `http::Response`, `200 OK` (feature `http`) | `from_ok_response` | `from_ok_response_in` |
///
/// The `http` ones exist only with the crate's `http` feature (without it, rustc says
/// "no function or associated item named `from_http_parts`"). See the
/// [module docs](self) for what is read and in which order.
///
/// ```
/// use obs_codes::{ObsError, ObsErrorCode};
///
/// obs_codes::obs_errors! {
///     /// The bundled table and a gateway's code.
///     pub enum GatewayCode { obs, "examples/gateway.csv" }
/// }
///
/// let body = b"<Error><Code>GatewayQuotaExceeded</Code></Error>";
/// // The gateway's table, named once.
/// let gateway = ObsError::<GatewayCode>::from_body_in(429, body);
/// assert_eq!(gateway.known_code(), Some(GatewayCode::GatewayQuotaExceeded));
/// // The bundled table, inferred: the gateway's code is unknown to it.
/// let bundled = ObsError::from_body(429, body);
/// assert_eq!(bundled.known_code(), None::<ObsErrorCode>);
/// ```
///
/// Its [`Display`](fmt::Display) is a log line: code, message, status, request id.
///
/// # Finding it again
///
/// `ObsError<MyCode>` is another type than `ObsError`: downcast to the one built, and
/// look through the whole chain (`anyhow::Error::chain`, or `Error::source` by hand)
/// when it was wrapped, as a `thiserror` `#[source]` field or `anyhow`'s `.context()`
/// wraps it:
///
/// ```
/// use obs_codes::ObsError;
/// # obs_codes::obs_errors! { pub enum GatewayCode { obs, "examples/gateway.csv" } }
///
/// /// An application error holding the OBS error as its source, as `thiserror` writes it.
/// #[derive(Debug)]
/// struct UploadFailed(ObsError<GatewayCode>);
///
/// impl std::fmt::Display for UploadFailed {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("upload failed")
///     }
/// }
///
/// impl std::error::Error for UploadFailed {
///     fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
///         Some(&self.0)
///     }
/// }
///
/// let error = ObsError::<GatewayCode>::from_status_in(429);
/// let report = anyhow::Error::new(UploadFailed(error)).context("syncing photos");
///
/// // Not the bundled type, and not the outermost error.
/// assert!(report.downcast_ref::<ObsError>().is_none());
/// assert!(report.downcast_ref::<ObsError<GatewayCode>>().is_none());
/// // Found in the chain, as the type it was built as.
/// let found = report
///     .chain()
///     .find_map(|cause| cause.downcast_ref::<ObsError<GatewayCode>>())
///     .unwrap();
/// assert_eq!(found.status(), 429);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObsError<C: ErrorCode = ObsErrorCode>(Box<Fields<C>>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Fields<C> {
    status: u16,
    code: Option<Code<C>>,
    /// The code as sent, when the table spells it otherwise (an alias).
    code_sent: Option<String>,
    code_source: Option<CodeSource>,
    message: Option<String>,
    request_id: Option<String>,
    id_2: Option<String>,
    resource: Option<String>,
    indicator: Option<String>,
    date: Option<SystemTime>,
    retry_after: Option<RetryAfter>,
    location: Option<String>,
    /// `<ServerTime>`, when it held a time.
    server_time: Option<SystemTime>,
    extra: Vec<(String, String)>,
    body_format: BodyFormat,
    issues: Vec<BodyIssue>,
}

/// The constructors for the bundled table, [`ObsErrorCode`]: what
/// `ObsError::from_parts(..)` infers. Each reads as its `_in` twin does.
impl ObsError {
    /// Reads an error response with the bundled table: its HTTP status, its headers
    /// ([`HeaderPair`]s: `(name, value)` pairs by value or by reference, a slice, a
    /// `&Vec`, an `http::HeaderMap` by reference or by value; any order, names in any
    /// case) and its body (only the first [`MAX_BODY_BYTES`] are read, so a client may
    /// stop reading there). Never fails.
    ///
    /// With a table of your own, [`from_parts_in`](Self::from_parts_in)
    /// (`ObsError::<MyCode>::from_parts_in(..)`): this one always gives
    /// `ObsError<ObsErrorCode>`, and a mismatched-types error (E0308) where an
    /// `ObsError<MyCode>` is expected.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode, response::CodeSource};
    ///
    /// // A HEAD response: no body, the code in a header.
    /// let head = ObsError::from_parts(
    ///     404,
    ///     [("x-amz-error-code", "NoSuchBucket"), ("x-amz-request-id", "R1")],
    ///     b"",
    /// );
    /// assert_eq!(head.known_code(), Some(ObsErrorCode::NoSuchBucket));
    /// assert_eq!(head.code_source(), Some(CodeSource::Header));
    /// assert_eq!(head.request_id(), Some("R1"));
    /// ```
    #[must_use]
    pub fn from_parts<H>(status: u16, headers: H, body: &[u8]) -> Self
    where
        H: IntoIterator,
        H::Item: HeaderPair,
    {
        Self::from_parts_in(status, headers, body)
    }

    /// Reads an error response without headers, with the bundled table
    /// ([`from_body_in`](Self::from_body_in) with any table).
    #[must_use]
    pub fn from_body(status: u16, body: &[u8]) -> Self {
        Self::from_body_in(status, body)
    }

    /// An error from the status alone, with the bundled table
    /// ([`from_status_in`](Self::from_status_in) with any table).
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode};
    ///
    /// assert_eq!(ObsError::from_status(412).known_code(), Some(ObsErrorCode::PreconditionFailed));
    /// assert_eq!(ObsError::from_status(404).code(), None);
    /// ```
    #[must_use]
    pub fn from_status(status: u16) -> Self {
        Self::from_status_in(status)
    }

    /// For a successful status whose body may still be an error, with the bundled table
    /// ([`from_ok_body_in`](Self::from_ok_body_in) with any table).
    ///
    /// ```
    /// use obs_codes::{ObsError, RetryClass};
    ///
    /// let copied = b"<CopyObjectResult><ETag>\"9b2cf535\"</ETag></CopyObjectResult>";
    /// assert!(ObsError::from_ok_body(200, [("x", "y")], copied).is_none());
    ///
    /// let failed = b"\n\n<Error><Code>InternalError</Code><Message>retry</Message></Error>";
    /// let error = ObsError::from_ok_body(200, [("x", "y")], failed).unwrap();
    /// assert_eq!(error.status(), 200);
    /// assert_eq!(error.retry_class(), RetryClass::Transient);
    /// ```
    #[must_use]
    pub fn from_ok_body<H>(status: u16, headers: H, body: &[u8]) -> Option<Self>
    where
        H: IntoIterator,
        H::Item: HeaderPair,
    {
        Self::from_ok_body_in(status, headers, body)
    }
}

impl<C: ErrorCode> ObsError<C> {
    /// Reads an error response with the table `C`: its HTTP status, its headers
    /// ([`HeaderPair`]s, any order, names in any case) and its body (only the first
    /// [`MAX_BODY_BYTES`] are read). Never fails.
    ///
    /// ```
    /// use obs_codes::ObsError;
    /// # obs_codes::obs_errors! { pub enum GatewayCode { obs, "examples/gateway.csv" } }
    ///
    /// let headers = vec![("x-obs-error-code".to_owned(), "GatewayQuotaExceeded".to_owned())];
    /// let error = ObsError::<GatewayCode>::from_parts_in(429, &headers, b"");
    /// assert_eq!(error.known_code(), Some(GatewayCode::GatewayQuotaExceeded));
    /// ```
    #[must_use]
    pub fn from_parts_in<H>(status: u16, headers: H, body: &[u8]) -> Self
    where
        H: IntoIterator,
        H::Item: HeaderPair,
    {
        let mut read = scan_body(body);
        let headers = ErrorHeaders::read(headers, &read.record, &mut read.issues);
        Self::resolve(status, read, headers)
    }

    /// Reads an error response without headers, with the table `C`.
    #[must_use]
    pub fn from_body_in(status: u16, body: &[u8]) -> Self {
        Self::resolve(status, scan_body(body), ErrorHeaders::default())
    }

    /// An error from the status alone, with the table `C`: the code is the one the table
    /// gives that status, if only one code has it ([`code_for_status`]), else none. A
    /// code found so is shown as inferred ([`CodeSource::Status`]).
    #[must_use]
    pub fn from_status_in(status: u16) -> Self {
        Self::resolve(status, scan_body(b""), ErrorHeaders::default())
    }

    /// For a successful status whose body may still be an error, with the table `C`:
    /// `Some` when the body's root element is `<Error>` ([`is_error_body`]), read as
    /// [`from_parts_in`](Self::from_parts_in) would; `None` for any other body.
    ///
    /// docs/protocol.md: S3-compatible stores may answer a copy or a multipart complete
    /// with `200 OK` and an `<Error>` body.
    #[must_use]
    pub fn from_ok_body_in<H>(status: u16, headers: H, body: &[u8]) -> Option<Self>
    where
        H: IntoIterator,
        H::Item: HeaderPair,
    {
        is_error_body(body).then(|| Self::from_parts_in(status, headers, body))
    }

    /// Puts the body's and the headers' fields together, in the resolution order.
    fn resolve(status: u16, body: BodyRead, headers: ErrorHeaders) -> Self {
        let BodyRead {
            record,
            format: body_format,
            mut issues,
        } = body;
        let (code, code_sent, code_source) = if let Some(code) = record.code {
            let (code, sent) = Code::received(code);
            (Some(code), sent, Some(CodeSource::Body))
        } else if let Some(code) = first(headers.code) {
            let (code, sent) = Code::received(code);
            (Some(code), sent, Some(CodeSource::Header))
        } else if let Some(code) = code_for_status::<C>(status) {
            (Some(Code::from(code)), None, Some(CodeSource::Status))
        } else {
            (None, None, None)
        };
        let server_time = server_time(&record.extra, &mut issues);
        Self(Box::new(Fields {
            status,
            code,
            code_sent,
            code_source,
            message: record.message.or_else(|| first(headers.message)),
            request_id: record.request_id.or_else(|| first(headers.request_id)),
            id_2: record.host_id.or_else(|| first(headers.id_2)),
            resource: record.resource,
            indicator: headers.indicator,
            date: headers.date,
            retry_after: headers.retry_after,
            location: headers.location,
            server_time,
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
    /// response gave none and the status stands for no single code. An alias reads as
    /// its code (`KeyTooLongError` is known as `KeyTooLong`); [`code_str`](Self::code_str)
    /// keeps the spelling.
    #[must_use]
    pub fn code(&self) -> Option<&Code<C>> {
        self.0.code.as_ref()
    }

    /// The code, if the table knows it (an alias gives its code).
    #[must_use]
    pub fn known_code(&self) -> Option<C> {
        self.0.code.as_ref().and_then(Code::known)
    }

    /// The code exactly as the server sent it (padding trimmed): `KeyTooLongError` stays
    /// `KeyTooLongError` although the table spells it `KeyTooLong`. A code derived from
    /// the status alone is the table's wire code.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode};
    ///
    /// let error = ObsError::from_body(400, b"<Error><Code>KeyTooLongError</Code></Error>");
    /// assert_eq!(error.code_str(), Some("KeyTooLongError"));
    /// assert_eq!(error.known_code(), Some(ObsErrorCode::KeyTooLong));
    /// ```
    #[must_use]
    pub fn code_str(&self) -> Option<&str> {
        self.0
            .code_sent
            .as_deref()
            .or_else(|| self.0.code.as_ref().map(Code::as_str))
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

    /// When the server answered: the `Date` header, if it held an HTTP-date (anything
    /// else is an [issue](BodyIssue::UnreadableValue)).
    #[must_use]
    pub fn date(&self) -> Option<SystemTime> {
        self.0.date
    }

    /// How long to wait before sending the request again, from the `Retry-After` header:
    /// its seconds, or its HTTP-date less the response's `Date` (the two clocks are the
    /// server's, so the client's own clock does not matter); without a `Date`, less the
    /// time of the call. Zero for a date already past; `None` without the header or
    /// when it held neither (an [issue](BodyIssue::UnreadableValue)).
    ///
    /// ```
    /// use obs_codes::ObsError;
    /// use std::time::Duration;
    ///
    /// let slow = ObsError::from_parts(503, [("Retry-After", "3")], b"");
    /// assert_eq!(slow.retry_after(), Some(Duration::from_secs(3)));
    /// let dated = ObsError::from_parts(
    ///     503,
    ///     [
    ///         ("Date", "Wed, 01 Jul 2015 04:20:51 GMT"),
    ///         ("Retry-After", "Wed, 01 Jul 2015 04:22:01 GMT"),
    ///     ],
    ///     b"",
    /// );
    /// assert_eq!(dated.retry_after(), Some(Duration::from_secs(70)));
    /// ```
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        Some(match self.0.retry_after? {
            RetryAfter::Seconds(seconds) => Duration::from_secs(seconds),
            RetryAfter::At(at) => {
                let now = self.0.date.unwrap_or_else(SystemTime::now);
                at.duration_since(now).unwrap_or(Duration::ZERO)
            }
        })
    }

    /// The server's clock, to correct a client's clock offset after a
    /// [`ClockSkew`](RetryClass::ClockSkew) error: the body's `<ServerTime>` (ISO 8601,
    /// as `RequestTimeTooSkewed` bodies carry it), else the `Date` header.
    ///
    /// ```
    /// use obs_codes::{ObsError, RetryClass};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let body = b"<Error><Code>RequestTimeTooSkewed</Code>\
    ///     <RequestTime>20150701T034051Z</RequestTime>\
    ///     <ServerTime>2015-07-01T04:20:51Z</ServerTime></Error>";
    /// let skewed = ObsError::from_body(403, body);
    /// assert_eq!(skewed.retry_class(), RetryClass::ClockSkew);
    /// let server = skewed.server_time().unwrap();
    /// assert_eq!(server, SystemTime::UNIX_EPOCH + Duration::from_secs(1_435_724_451));
    /// ```
    #[must_use]
    pub fn server_time(&self) -> Option<SystemTime> {
        self.0.server_time.or(self.0.date)
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

    /// What kind of failure this is: see [`ErrorKind::classify`].
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::classify(self.0.code.as_ref(), Some(self.0.status))
    }

    /// Where a redirect sends the request: for an error of kind
    /// [`Redirect`](ErrorKind::Redirect) (`PermanentRedirect`, `TemporaryRedirect`,
    /// `WebsiteRedirect`, `Redirect`, or a 3xx status), the body's `<Endpoint>` and
    /// `<Bucket>` and the `Location` header; `None` for another kind or when the
    /// response names no target.
    ///
    /// ```
    /// use obs_codes::ObsError;
    ///
    /// let body = b"<Error><Code>PermanentRedirect</Code>\
    ///     <Bucket>photos</Bucket><Endpoint>obs.eu-west-101.myhuaweicloud.eu</Endpoint></Error>";
    /// let moved = ObsError::from_body(301, body);
    /// let target = moved.redirect().unwrap();
    /// assert_eq!(target.endpoint, Some("obs.eu-west-101.myhuaweicloud.eu"));
    /// assert_eq!(target.bucket, Some("photos"));
    /// assert_eq!(target.location, None);
    /// ```
    #[must_use]
    pub fn redirect(&self) -> Option<Redirect<'_>> {
        if self.kind() != ErrorKind::Redirect {
            return None;
        }
        let target = Redirect {
            endpoint: self.extra_value("Endpoint"),
            bucket: self.extra_value("Bucket"),
            location: self.0.location.as_deref(),
        };
        (target.endpoint.is_some() || target.bucket.is_some() || target.location.is_some())
            .then_some(target)
    }
}

/// The time of the body's `<ServerTime>`; one in no format read here is an issue (the
/// value stays among the other children).
fn server_time(extra: &[(String, String)], issues: &mut Issues) -> Option<SystemTime> {
    let (_, value) = extra.iter().find(|(name, _)| name == "ServerTime")?;
    let time = time::parse_iso8601(value);
    if time.is_none() {
        issues.push(BodyIssue::UnreadableValue {
            field: "ServerTime",
            value: value.clone(),
        });
    }
    time
}

impl<C: ErrorCode> fmt::Display for ObsError<C> {
    /// `NoSuchKey: The specified key does not exist. (HTTP 404, request id 0000018A)`.
    ///
    /// Without a message, a known code's table description stands in; without a code,
    /// `no error code`; without a request id, that part is left out. The code is the
    /// one the server sent ([`ObsError::code_str`]); one inferred from a bare status
    /// says so, as the server did not: `InvalidRange (inferred from HTTP 416): ...`.
    /// Control characters, line and paragraph separators and bidi controls are escaped
    /// as Rust escapes them, so one error is one line that reads as it is stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields = &self.0;
        match self.code_str() {
            Some(code) => write_clean(f, code)?,
            None => f.write_str("no error code")?,
        }
        if fields.code_source == Some(CodeSource::Status) {
            write!(f, " (inferred from HTTP {})", fields.status)?;
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

impl<C: ErrorCode> From<ObsError<C>> for std::io::Error {
    /// An `io::Error` of the matching kind ([`ErrorKind::io_kind`]) that holds the error:
    /// `io_error.get_ref()` gives it back (`downcast_ref::<ObsError>()`).
    ///
    /// ```
    /// use obs_codes::ObsError;
    ///
    /// let io: std::io::Error = ObsError::from_status(404).into();
    /// assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    /// let back = io.get_ref().and_then(|e| e.downcast_ref::<ObsError>()).unwrap();
    /// assert_eq!(back.status(), 404);
    /// ```
    fn from(error: ObsError<C>) -> Self {
        Self::new(error.kind().io_kind(), error)
    }
}

/// Whether a body is an OBS `<Error>` document: its root element, matched by local name
/// after any declaration, comments or whitespace, is `Error`. For a `200 OK` answer to a
/// copy or a multipart complete (docs/protocol.md). Reads no further than the root's
/// start tag, within the first [`MAX_BODY_BYTES`].
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
    not_text(body).is_none() && sniff(body) == BodyFormat::Xml && xml::root_is_error(body)
}

/// What an error body holds, before the headers are consulted.
struct BodyRead {
    record: RawRecord,
    format: BodyFormat,
    issues: Issues,
}

/// Reads an error body (its first [`MAX_BODY_BYTES`]), XML or JSON by its first bytes;
/// a body that is no UTF-8 text is not read, and an issue says what it is.
fn scan_body(body: &[u8]) -> BodyRead {
    let mut issues = Issues::default();
    let body = cut_body(body, MAX_BODY_BYTES, &mut issues);
    let format = match not_text(body) {
        Some(found) => {
            issues.push(BodyIssue::NotUtf8Text { found });
            BodyFormat::Other
        }
        None => sniff(body),
    };
    let mut record = RawRecord::default();
    match format {
        BodyFormat::Xml => {
            xml::scan(body, Layout::ErrorBody, &mut issues, &mut |_, read| {
                record = read;
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

/// What a body is when its first bytes show it is no UTF-8 text: a byte order mark of
/// UTF-16 or UTF-32, the zero byte of UTF-16 next to a first `<` or `{`, the magic
/// number of gzip or zstd data (a `Content-Encoding` the client did not undo), or two
/// UTF-8 byte order marks.
fn not_text(body: &[u8]) -> Option<&'static str> {
    Some(match body {
        [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, ..] => "UTF-8 behind two byte order marks",
        [0xFF, 0xFE, 0, 0, ..] => "UTF-32LE (by its byte order mark)",
        [0, 0, 0xFE, 0xFF, ..] => "UTF-32BE (by its byte order mark)",
        [0xFF, 0xFE, ..] => "UTF-16LE (by its byte order mark)",
        [0xFE, 0xFF, ..] => "UTF-16BE (by its byte order mark)",
        [b'<' | b'{', 0, ..] => "UTF-16LE (by its zero bytes)",
        [0, b'<' | b'{', ..] => "UTF-16BE (by its zero bytes)",
        [0x1F, 0x8B, ..] => "gzip-compressed data",
        [0x28, 0xB5, 0x2F, 0xFD, ..] => "zstd-compressed data",
        _ => return None,
    })
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

/// Whether a character could break or disguise a log line: a control character, the
/// line and paragraph separators U+2028 and U+2029, or a bidi control (the embeddings
/// and overrides U+202A..U+202E, the isolates U+2066..U+2069, and the marks U+200E,
/// U+200F, U+061C), which reorder how the rest of a line is shown
/// (`gnp.exe` shown as `exe.png`).
fn forges_lines(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
        )
}

/// Writes `text` with every character that [`forges_lines`] escaped as Rust escapes it
/// (`\n`, `\u{1b}`, `\u{2028}`, `\u{202e}`), so that text from the wire cannot break,
/// forge or reorder log lines.
fn write_clean(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if !text.contains(forges_lines) {
        return f.write_str(text);
    }
    for c in text.chars() {
        if forges_lines(c) {
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
    fn bodies_that_are_no_utf8_text() {
        assert_eq!(
            not_text(b"\xFF\xFE<\0"),
            Some("UTF-16LE (by its byte order mark)")
        );
        assert_eq!(
            not_text(b"\xFE\xFF\0<"),
            Some("UTF-16BE (by its byte order mark)")
        );
        assert_eq!(
            not_text(b"\xFF\xFE\0\0<"),
            Some("UTF-32LE (by its byte order mark)")
        );
        assert_eq!(
            not_text(b"\0\0\xFE\xFF"),
            Some("UTF-32BE (by its byte order mark)")
        );
        assert_eq!(not_text(b"<\0E\0"), Some("UTF-16LE (by its zero bytes)"));
        assert_eq!(not_text(b"\0{"), Some("UTF-16BE (by its zero bytes)"));
        assert_eq!(not_text(b"\x1F\x8B\x08\0"), Some("gzip-compressed data"));
        assert_eq!(not_text(b"\x28\xB5\x2F\xFD"), Some("zstd-compressed data"));
        assert_eq!(
            not_text(b"\xEF\xBB\xBF\xEF\xBB\xBF<Error/>"),
            Some("UTF-8 behind two byte order marks")
        );
        for text in [
            &b""[..],
            b"\xEF\xBB\xBF<Error/>",
            b"<Error/>",
            b"{}",
            b"\x1F",
            b"<",
        ] {
            assert_eq!(not_text(text), None);
        }
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
