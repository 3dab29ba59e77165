//! The coarse decision a caller makes about an error: its [`ErrorKind`].

use super::Code;
use crate::ErrorCode;
use core::fmt;
use std::io;

/// What kind of failure an error is, for the caller's coarse decision (create it? ask
/// for access? follow a redirect?). From the code when the code says more than its
/// status, else from the status: see [`ErrorKind::classify`] and the kinds table of
/// the guide's [retry advice](crate::guide::retry_advice).
///
/// Apache OpenDAL's OBS service is the anchor (`docs/retry.md`, "Apache OpenDAL's OBS
/// service: status to kind"): 404 not found, 403 permission denied, 412 and 304 a
/// condition that did not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bucket, object, version, upload or configuration does not exist (404, 410).
    NotFound,
    /// Authentication or authorization failed (401, 403).
    PermissionDenied,
    /// The resource already exists or is in a state that conflicts with the request
    /// (409: `BucketAlreadyExists`, `BucketNotEmpty`, `OperationAborted`...).
    Conflict,
    /// A condition of the request (`If-Match`, `If-Unmodified-Since`) did not hold (412).
    PreconditionFailed,
    /// A conditional read found the object unchanged (304).
    NotModified,
    /// The request itself is wrong and will fail again as it is (400 and the other 4xx).
    InvalidRequest,
    /// The server asks for fewer requests (429, `SlowDown`, `TooManyRequests`).
    RateLimited,
    /// The service could not serve the request now (5xx but 501 and 505, 408,
    /// `InternalError`, `ServiceUnavailable`, `RequestTimeout`).
    Unavailable,
    /// The request must go elsewhere (301, 302, 303, 307, 308): see
    /// [`ObsError::redirect`](super::ObsError::redirect).
    Redirect,
    /// The server does not support what was asked (405, 501, 505).
    Unsupported,
    /// Anything else, e.g. a status that is no error or a code without status.
    Other,
}

/// Codes whose status says less than the code: `SlowDown` is a 503 that asks for fewer
/// requests, `RequestTimeout` a 400 (408 on newer pages) that retrying may fix
/// (docs/retry.md). Matched by wire string, whatever the table.
const CODE_KINDS: [(&str, ErrorKind); 5] = [
    ("SlowDown", ErrorKind::RateLimited),
    ("TooManyRequests", ErrorKind::RateLimited),
    ("RequestTimeout", ErrorKind::Unavailable),
    ("InternalError", ErrorKind::Unavailable),
    ("ServiceUnavailable", ErrorKind::Unavailable),
];

impl ErrorKind {
    /// The kind of an error, in this order:
    ///
    /// 1. a code whose status says less than the code, by wire string: `SlowDown` and
    ///    `TooManyRequests` rate limited; `RequestTimeout`, `InternalError` and
    ///    `ServiceUnavailable` unavailable;
    /// 2. another code the table knows, with a status in the table: the kind of that
    ///    status ([`for_status`](Self::for_status)), so a user table's own 404 code is
    ///    not found whatever status the response carried;
    /// 3. otherwise the response's status, and [`Other`](Self::Other) without one.
    #[must_use]
    pub fn classify<C: ErrorCode>(code: Option<&Code<C>>, status: Option<u16>) -> Self {
        if let Some(code) = code {
            if let Some(&(_, kind)) = CODE_KINDS.iter().find(|(wire, _)| *wire == code.as_str()) {
                return kind;
            }
            if let Some(table_status) = code.known().and_then(ErrorCode::http_status) {
                return Self::for_status(table_status);
            }
        }
        status.map_or(Self::Other, Self::for_status)
    }

    /// The kind of a bare HTTP status.
    #[must_use]
    pub const fn for_status(status: u16) -> Self {
        match status {
            304 => Self::NotModified,
            301 | 302 | 303 | 307 | 308 => Self::Redirect,
            401 | 403 => Self::PermissionDenied,
            404 | 410 => Self::NotFound,
            405 | 501 | 505 => Self::Unsupported,
            409 => Self::Conflict,
            412 => Self::PreconditionFailed,
            429 => Self::RateLimited,
            408 | 500..=599 => Self::Unavailable,
            400..=499 => Self::InvalidRequest,
            _ => Self::Other,
        }
    }

    /// The `std::io::ErrorKind` that says the same, for an [`io::Error`] made from an
    /// error ([`From<ObsError>`](super::ObsError)): `NotFound`, `PermissionDenied`,
    /// `AlreadyExists` for a conflict, `InvalidInput` for an invalid request,
    /// `Unsupported`; `Other` for the kinds `io` has no word for (precondition failed,
    /// not modified, rate limited, unavailable, redirect).
    #[must_use]
    pub const fn io_kind(self) -> io::ErrorKind {
        match self {
            Self::NotFound => io::ErrorKind::NotFound,
            Self::PermissionDenied => io::ErrorKind::PermissionDenied,
            Self::Conflict => io::ErrorKind::AlreadyExists,
            Self::InvalidRequest => io::ErrorKind::InvalidInput,
            Self::Unsupported => io::ErrorKind::Unsupported,
            Self::PreconditionFailed
            | Self::NotModified
            | Self::RateLimited
            | Self::Unavailable
            | Self::Redirect
            | Self::Other => io::ErrorKind::Other,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotFound => "not found",
            Self::PermissionDenied => "permission denied",
            Self::Conflict => "conflict",
            Self::PreconditionFailed => "precondition failed",
            Self::NotModified => "not modified",
            Self::InvalidRequest => "invalid request",
            Self::RateLimited => "rate limited",
            Self::Unavailable => "unavailable",
            Self::Redirect => "redirect",
            Self::Unsupported => "unsupported",
            Self::Other => "other",
        })
    }
}

/// Where a redirect sends the request: the `<Endpoint>` and `<Bucket>` elements of the
/// body (as S3-compatible servers write a `PermanentRedirect`) and the `Location`
/// header. From [`ObsError::redirect`](super::ObsError::redirect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redirect<'a> {
    /// The endpoint to send the request to (`<Endpoint>`), e.g.
    /// `bucket.obs.ap-southeast-1.myhuaweicloud.com`.
    pub endpoint: Option<&'a str>,
    /// The bucket the redirect is about (`<Bucket>`).
    pub bucket: Option<&'a str>,
    /// The `Location` header: a URL to send the request to.
    pub location: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ObsErrorCode;

    #[test]
    fn every_status_has_one_kind() {
        let kinds: Vec<(u16, ErrorKind)> = [200, 304, 301, 307, 400, 401, 403, 404, 405]
            .into_iter()
            .chain([408, 409, 412, 416, 429, 500, 501, 503, 505, 520, 600])
            .map(|status| (status, ErrorKind::for_status(status)))
            .collect();
        assert_eq!(
            kinds,
            [
                (200, ErrorKind::Other),
                (304, ErrorKind::NotModified),
                (301, ErrorKind::Redirect),
                (307, ErrorKind::Redirect),
                (400, ErrorKind::InvalidRequest),
                (401, ErrorKind::PermissionDenied),
                (403, ErrorKind::PermissionDenied),
                (404, ErrorKind::NotFound),
                (405, ErrorKind::Unsupported),
                (408, ErrorKind::Unavailable),
                (409, ErrorKind::Conflict),
                (412, ErrorKind::PreconditionFailed),
                (416, ErrorKind::InvalidRequest),
                (429, ErrorKind::RateLimited),
                (500, ErrorKind::Unavailable),
                (501, ErrorKind::Unsupported),
                (503, ErrorKind::Unavailable),
                (505, ErrorKind::Unsupported),
                (520, ErrorKind::Unavailable),
                (600, ErrorKind::Other),
            ]
        );
    }

    #[test]
    fn code_before_status() {
        let kind = |code: &str, status| {
            ErrorKind::classify(Some(&Code::<ObsErrorCode>::new(code)), Some(status))
        };
        assert_eq!(kind("SlowDown", 503), ErrorKind::RateLimited);
        assert_eq!(kind("RequestTimeout", 400), ErrorKind::Unavailable);
        // The table's status, not the response's.
        assert_eq!(kind("NoSuchKey", 400), ErrorKind::NotFound);
        assert_eq!(kind("BucketAlreadyExists", 400), ErrorKind::Conflict);
        // Unknown code: the response's status.
        assert_eq!(kind("NoSuchWidget", 404), ErrorKind::NotFound);
        assert_eq!(
            ErrorKind::classify::<ObsErrorCode>(None, None),
            ErrorKind::Other
        );
        assert_eq!(ErrorKind::RateLimited.to_string(), "rate limited");
    }
}
