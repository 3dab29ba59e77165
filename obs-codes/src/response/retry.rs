//! Retry advice: what a client should do about an error.

use super::Code;
use crate::ErrorCode;
use core::fmt;

/// What a client should do about an error, from its code and status.
///
/// The classes and the codes and statuses in them follow what the vendor's SDKs,
/// Apache OpenDAL and the AWS SDKs retry (`shared/reference/retry.md`, "A classification
/// that fits all of them"). See [`RetryClass::classify`] for the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RetryClass {
    /// A passing server-side condition: retry with back-off.
    Transient,
    /// The server asks for fewer requests: retry with a longer back-off, lower the rate.
    Throttled,
    /// The request's time is too far from the server's: correct the clock (e.g. from the
    /// response's `Date` header), sign again, then retry. Retrying as is will fail again.
    ClockSkew,
    /// Retrying the same request will fail the same way.
    NotRetryable,
}

/// shared/reference/retry.md: "transient: `InternalError`, `ServiceUnavailable`, `RequestTimeout`,
/// `OperationAborted`".
const TRANSIENT_CODES: [&str; 4] = [
    "InternalError",
    "ServiceUnavailable",
    "RequestTimeout",
    "OperationAborted",
];

/// shared/reference/retry.md: "throttling (retry with back-off): `SlowDown`, `TooManyRequests`".
const THROTTLING_CODES: [&str; 2] = ["SlowDown", "TooManyRequests"];

/// shared/reference/retry.md: "clock skew (fix the clock, then retry): `RequestTimeTooSkewed`".
const CLOCK_SKEW_CODES: [&str; 1] = ["RequestTimeTooSkewed"];

impl RetryClass {
    /// Whether sending the same request again (after a back-off) may succeed:
    /// [`Transient`](Self::Transient) and [`Throttled`](Self::Throttled). A
    /// [`ClockSkew`](Self::ClockSkew) error needs the clock fixed first.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        matches!(self, Self::Transient | Self::Throttled)
    }

    /// The class of a wire code named by the reference, whatever the table:
    /// `InternalError`, `ServiceUnavailable`, `RequestTimeout`, `OperationAborted` are
    /// transient, `SlowDown` and `TooManyRequests` throttled, `RequestTimeTooSkewed` clock
    /// skew. `None` for any other string.
    #[must_use]
    pub fn for_wire_code(code: &str) -> Option<Self> {
        if TRANSIENT_CODES.contains(&code) {
            Some(Self::Transient)
        } else if THROTTLING_CODES.contains(&code) {
            Some(Self::Throttled)
        } else if CLOCK_SKEW_CODES.contains(&code) {
            Some(Self::ClockSkew)
        } else {
            None
        }
    }

    /// The class of a bare HTTP status (shared/reference/retry.md, "by status when the code
    /// is unknown"): 500, 502, 503, 504 and 408 transient, 429 throttled, anything else not
    /// retryable.
    #[must_use]
    pub const fn for_status(status: u16) -> Self {
        match status {
            500 | 502 | 503 | 504 | 408 => Self::Transient,
            429 => Self::Throttled,
            _ => Self::NotRetryable,
        }
    }

    /// The class of an error, in this order:
    ///
    /// 1. a code the reference names ([`for_wire_code`](Self::for_wire_code)), known to
    ///    the table or not (so `TooManyRequests` is throttled although the bundled table
    ///    lacks it);
    /// 2. another code the table knows: [`Transient`](Self::Transient) if the table marks
    ///    it retryable ([`ErrorCode::is_retryable`]), else
    ///    [`NotRetryable`](Self::NotRetryable), whatever the status;
    /// 3. no code, or one the table does not know: [`for_status`](Self::for_status), and
    ///    [`NotRetryable`](Self::NotRetryable) without a status.
    #[must_use]
    pub fn classify<C: ErrorCode>(code: Option<&Code<C>>, status: Option<u16>) -> Self {
        if let Some(class) = code.and_then(|code| Self::for_wire_code(code.as_str())) {
            return class;
        }
        match code {
            Some(Code::Known(known)) if known.is_retryable() => Self::Transient,
            Some(Code::Known(_)) => Self::NotRetryable,
            _ => status.map_or(Self::NotRetryable, Self::for_status),
        }
    }
}

impl fmt::Display for RetryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Transient => "transient",
            Self::Throttled => "throttled",
            Self::ClockSkew => "clock skew",
            Self::NotRetryable => "not retryable",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ObsErrorCode;

    fn class(code: Option<&str>, status: u16) -> RetryClass {
        let code = code.map(Code::<ObsErrorCode>::new);
        RetryClass::classify(code.as_ref(), Some(status))
    }

    #[test]
    fn named_codes_win_over_status_and_table() {
        assert_eq!(class(Some("InternalError"), 500), RetryClass::Transient);
        assert_eq!(
            class(Some("ServiceUnavailable"), 503),
            RetryClass::Transient
        );
        assert_eq!(class(Some("RequestTimeout"), 400), RetryClass::Transient);
        assert_eq!(class(Some("OperationAborted"), 409), RetryClass::Transient);
        assert_eq!(class(Some("SlowDown"), 503), RetryClass::Throttled);
        assert_eq!(class(Some("TooManyRequests"), 429), RetryClass::Throttled);
        assert_eq!(class(Some("TooManyRequests"), 400), RetryClass::Throttled);
        assert_eq!(
            class(Some("RequestTimeTooSkewed"), 403),
            RetryClass::ClockSkew
        );
    }

    #[test]
    fn known_codes_follow_the_table_and_unknown_ones_the_status() {
        assert_eq!(class(Some("NoSuchKey"), 404), RetryClass::NotRetryable);
        // Known and not retryable: the status does not overrule the table.
        assert_eq!(class(Some("NotImplemented"), 503), RetryClass::NotRetryable);
        assert_eq!(class(Some("SomethingNew"), 502), RetryClass::Transient);
        assert_eq!(class(Some("SomethingNew"), 404), RetryClass::NotRetryable);
        for (status, expected) in [
            (500, RetryClass::Transient),
            (502, RetryClass::Transient),
            (503, RetryClass::Transient),
            (504, RetryClass::Transient),
            (408, RetryClass::Transient),
            (429, RetryClass::Throttled),
            (501, RetryClass::NotRetryable),
            (520, RetryClass::NotRetryable),
            (400, RetryClass::NotRetryable),
            (200, RetryClass::NotRetryable),
        ] {
            assert_eq!(class(None, status), expected, "status {status}");
        }
        assert_eq!(
            RetryClass::classify::<ObsErrorCode>(None, None),
            RetryClass::NotRetryable
        );
    }

    #[test]
    fn retryable_classes() {
        assert!(RetryClass::Transient.is_retryable());
        assert!(RetryClass::Throttled.is_retryable());
        assert!(!RetryClass::ClockSkew.is_retryable());
        assert!(!RetryClass::NotRetryable.is_retryable());
        assert_eq!(RetryClass::ClockSkew.to_string(), "clock skew");
    }
}
