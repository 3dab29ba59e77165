//! Retry advice: what a client should do about an error.

use super::Code;
use crate::ErrorCode;
use core::fmt;

/// What a client should do about an error, from its code and status.
///
/// The classes and the codes and statuses in them follow what the vendor's Go, Python,
/// Java, .NET and C SDKs, Apache OpenDAL and the AWS SDKs retry (`docs/retry.md`, with
/// the source file of each in `docs/reference/vendor-clients.md`). The vendor's Node.js
/// (`lib/utils.js`) and PHP (`Obs/Internal/SendRequestTrait.php`) SDKs retry no
/// response at all, only connection errors and a redirect with a `Location`: a client
/// that wants their behaviour ignores this advice for 5xx. See [`RetryClass::classify`]
/// for the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RetryClass {
    /// A passing server-side condition: retry with back-off.
    Transient,
    /// The server asks for fewer requests: retry with a longer back-off, lower the rate.
    Throttled,
    /// The request's time is too far from the server's: correct the clock (e.g. from
    /// [`ObsError::server_time`](super::ObsError::server_time)), sign again, then retry.
    /// Retrying as is will fail again.
    ClockSkew,
    /// Retrying the same request will fail the same way.
    NotRetryable,
}

/// docs/retry.md: "transient: `InternalError`, `ServiceUnavailable`, `RequestTimeout`,
/// `OperationAborted`".
const TRANSIENT_CODES: [&str; 4] = [
    "InternalError",
    "ServiceUnavailable",
    "RequestTimeout",
    "OperationAborted",
];

/// docs/retry.md: "throttling (retry with back-off): `SlowDown`, `TooManyRequests`".
const THROTTLING_CODES: [&str; 2] = ["SlowDown", "TooManyRequests"];

/// docs/retry.md: "clock skew (fix the clock, then retry): `RequestTimeTooSkewed`".
const CLOCK_SKEW_CODES: [&str; 1] = ["RequestTimeTooSkewed"];

/// The status that asks a client to slow down (RFC 6585: Too Many Requests).
const TOO_MANY_REQUESTS: u16 = 429;

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

    /// The class of a bare HTTP status:
    ///
    /// - 429 throttled;
    /// - 408 and every 5xx but 501 and 505 transient;
    /// - anything else (501 Not Implemented, 505 HTTP Version Not Supported, 1xx-4xx)
    ///   not retryable.
    ///
    /// docs/retry.md: the vendor's Go, Python, Java and .NET SDKs retry every 5xx and its
    /// C SDK any status above 499, Apache OpenDAL's OBS service adds 520 ("OBS could
    /// return 520 Origin Error") to 500/502/503/504; its Node.js and PHP SDKs retry no
    /// 5xx (only connection errors). 501 and 505 say the server will never do what was
    /// asked, so retrying them only repeats the answer.
    #[must_use]
    pub const fn for_status(status: u16) -> Self {
        match status {
            TOO_MANY_REQUESTS => Self::Throttled,
            501 | 505 => Self::NotRetryable,
            408 | 500..=599 => Self::Transient,
            _ => Self::NotRetryable,
        }
    }

    /// The class of an error, in this order:
    ///
    /// 1. a code the reference names ([`for_wire_code`](Self::for_wire_code)), known to
    ///    the table or not (so `TooManyRequests` is throttled whatever table reads it);
    /// 2. another code the table knows: if the table marks it retryable
    ///    ([`ErrorCode::is_retryable`]), [`Throttled`](Self::Throttled) when the table
    ///    gives it status 429 or the response's status is 429, else
    ///    [`Transient`](Self::Transient); if not, [`NotRetryable`](Self::NotRetryable),
    ///    whatever the status;
    /// 3. no code, or one the table does not know: [`for_status`](Self::for_status), and
    ///    [`NotRetryable`](Self::NotRetryable) without a status.
    ///
    /// So a table's own `429 Too Many Requests` code (say a gateway's
    /// `GatewayQuotaExceeded`) is throttled like a bare 429, from its body, its header or
    /// the bare status alike.
    #[must_use]
    pub fn classify<C: ErrorCode>(code: Option<&Code<C>>, status: Option<u16>) -> Self {
        if let Some(class) = code.and_then(|code| Self::for_wire_code(code.as_str())) {
            return class;
        }
        match code.and_then(Code::known) {
            Some(known) if known.is_retryable() && status == Some(TOO_MANY_REQUESTS) => {
                Self::Throttled
            }
            Some(known) => {
                Self::for_table_code(known.as_str(), known.is_retryable(), known.http_status())
            }
            None => status.map_or(Self::NotRetryable, Self::for_status),
        }
    }

    /// The class of a code as its table describes it, whatever the response: the class
    /// the reference gives the code ([`for_wire_code`](Self::for_wire_code)), else, when
    /// the table marks it retryable, [`Throttled`](Self::Throttled) for a 429 code and
    /// [`Transient`](Self::Transient) for any other, else
    /// [`NotRetryable`](Self::NotRetryable). [`classify`](Self::classify) uses it for a
    /// known code; tools that read a table without its enum (`obs-codes explain`) call
    /// it directly.
    #[must_use]
    pub fn for_table_code(wire_code: &str, retryable: bool, status: Option<u16>) -> Self {
        if let Some(class) = Self::for_wire_code(wire_code) {
            return class;
        }
        match (retryable, status) {
            (false, _) => Self::NotRetryable,
            (true, Some(TOO_MANY_REQUESTS)) => Self::Throttled,
            (true, _) => Self::Transient,
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
            (505, RetryClass::NotRetryable),
            (520, RetryClass::Transient),
            (599, RetryClass::Transient),
            (600, RetryClass::NotRetryable),
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
