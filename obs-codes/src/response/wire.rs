//! A code as read off the wire: a variant of the table, or the exact string sent.

use crate::ErrorCode;
use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

/// An error code read from a response: a code of the table `C`, or the exact string the
/// server sent when the table does not know it (never lowercased, never trimmed inside).
///
/// A string that matches one of a code's aliases is known too; its
/// [`as_str`](Self::as_str) is then the table's wire code.
///
/// Whether a code is known is no part of its type: the unknown case cannot be matched,
/// because a string the table does not know today may join it tomorrow, and a match on
/// it would then stop matching without a word. Match on [`known`](Self::known) first,
/// then on the string; that match keeps working when the table grows:
///
/// ```
/// use obs_codes::{Code, ObsErrorCode};
///
/// fn advice(code: &Code) -> &'static str {
///     match code.known() {
///         Some(ObsErrorCode::NoSuchKey | ObsErrorCode::NoSuchBucket) => "create it",
///         Some(ObsErrorCode::SlowDown) => "back off",
///         // A code the table knows, now or after an update.
///         Some(_) => "see its description",
///         // A string no table row has; it reads the same once a row has it.
///         None => match code.as_str() {
///             "GatewayQuotaExceeded" => "back off",
///             _ => "log it",
///         },
///     }
/// }
///
/// assert_eq!(advice(&"NoSuchKey".into()), "create it");
/// assert_eq!(advice(&"GatewayQuotaExceeded".into()), "back off");
/// let unknown: Code = "NoSuchWidget".into();
/// assert_eq!(unknown.as_str(), "NoSuchWidget");
/// assert_eq!(unknown.known(), None);
/// assert_eq!(Code::from(ObsErrorCode::NoSuchKey), "NoSuchKey");
/// ```
///
/// A match on the unknown case does not compile (E0599: no variant `Unknown`):
///
/// ```compile_fail,E0599
/// fn is_quota(code: &obs_codes::Code) -> bool {
///     matches!(code, obs_codes::Code::Unknown(text) if text == "GatewayQuotaExceeded")
/// }
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code<C = crate::ObsErrorCode>(Received<C>);

/// What [`Code`] holds; private, so that no match can depend on a code being unknown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Received<C> {
    /// A code of the table.
    Known(C),
    /// A string the table does not know, exactly as received.
    Unknown(Box<str>),
}

impl<C: ErrorCode> Code<C> {
    /// The code for a wire string: known when the table has it (aliases included, exact
    /// and case-sensitive), else unknown, holding the string.
    #[must_use]
    pub fn new(wire: &str) -> Self {
        Self(C::from_code(wire).map_or_else(|| Received::Unknown(wire.into()), Received::Known))
    }

    /// The code for a string received from a server, and that string too when the table
    /// spells the code otherwise (an alias such as `KeyTooLongError`), so the spelling
    /// the server sent is kept.
    pub(crate) fn received(wire: String) -> (Self, Option<String>) {
        match C::from_code(&wire) {
            Some(code) if code.as_str() == wire => (Self::from(code), None),
            Some(code) => (Self::from(code), Some(wire)),
            None => (Self(Received::Unknown(wire.into_boxed_str())), None),
        }
    }

    /// The wire string: the table's code, or the unknown string as received.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Received::Known(code) => code.as_str(),
            Received::Unknown(wire) => wire,
        }
    }

    /// The table's code, if it is one.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        match self.0 {
            Received::Known(code) => Some(code),
            Received::Unknown(_) => None,
        }
    }

    /// Whether the table has this code.
    #[must_use]
    pub fn is_known(&self) -> bool {
        matches!(self.0, Received::Known(_))
    }
}

impl<C: fmt::Debug> fmt::Debug for Code<C> {
    /// `Known(NoSuchKey)` or `Unknown("NoSuchWidget")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<C: ErrorCode> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<C: ErrorCode> AsRef<str> for Code<C> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl<C: ErrorCode> From<C> for Code<C> {
    fn from(code: C) -> Self {
        Self(Received::Known(code))
    }
}

impl<C: ErrorCode> From<&str> for Code<C> {
    fn from(wire: &str) -> Self {
        Self::new(wire)
    }
}

impl<C: ErrorCode> From<String> for Code<C> {
    /// Like [`Code::new`], reusing the string for an unknown code.
    fn from(wire: String) -> Self {
        match C::from_code(&wire) {
            Some(code) => Self::from(code),
            None => Self(Received::Unknown(wire.into_boxed_str())),
        }
    }
}

impl<C: ErrorCode> FromStr for Code<C> {
    type Err = Infallible;

    /// Never fails: a string the table does not know is kept as an unknown code.
    fn from_str(wire: &str) -> Result<Self, Infallible> {
        Ok(Self::new(wire))
    }
}

impl<C: ErrorCode> PartialEq<str> for Code<C> {
    /// Compares the wire string.
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<C: ErrorCode> PartialEq<&str> for Code<C> {
    /// Compares the wire string.
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The code a bare HTTP status stands for: the one code of the table `C` with that
/// status, or `None` when the table has none or several.
///
/// For [`ObsErrorCode`](crate::ObsErrorCode) that gives 411 `MissingContentLength`,
/// 412 `PreconditionFailed`, 416 `InvalidRange`, 429 `TooManyRequests` and
/// 500 `InternalError`; 400, 403, 404, 405 (`MethodNotAllowed`, `FsNotSupport`), 409,
/// 501 and 503 (among others) are shared by several codes and give none. The table
/// decides, so a user table gets its own answer. An error whose code came from here
/// says so ([`CodeSource::Status`](super::CodeSource::Status); `Display` writes
/// `InvalidRange (inferred from HTTP 416)`), since a bare status may stand for a code
/// the server did not name (S3-compatible servers answer a HEAD of a part number past
/// the last one with a bare 416: `InvalidPartNumber`).
///
/// The vendor's C SDK maps more (`request_util.c`): 301 `PermanentRedirect`, 405
/// `MethodNotAllowed`, 501 `NotImplemented`, 503 `SlowDown`, and no 429. Here each of
/// those statuses has two codes in the bundled table (`WebsiteRedirect`,
/// `FsNotSupport`, `ServiceNotImplemented`, `ServiceUnavailable`), so none is guessed;
/// the retry class and kind of the bare status are the same either way but for 503,
/// which is transient here rather than throttled. docs/protocol.md, "A code from the
/// status alone", lists them.
///
/// ```
/// use obs_codes::{ObsErrorCode, response::code_for_status};
///
/// assert_eq!(code_for_status::<ObsErrorCode>(412), Some(ObsErrorCode::PreconditionFailed));
/// assert_eq!(code_for_status::<ObsErrorCode>(404), None); // NoSuchKey? NoSuchBucket? ...
/// ```
#[must_use]
pub fn code_for_status<C: ErrorCode>(status: u16) -> Option<C> {
    let mut with_status = C::ALL
        .iter()
        .copied()
        .filter(|code| code.http_status() == Some(status));
    match (with_status.next(), with_status.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Code;
    use crate::ErrorCode;
    use core::fmt;
    use core::marker::PhantomData;
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use serde::ser::{Serialize, Serializer};

    /// Serializes as the wire string (an unknown code exactly as received).
    impl<C: ErrorCode> Serialize for Code<C> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    /// Deserializes from a wire string; a string the table does not know is kept as an
    /// unknown code, so this never fails on a string.
    impl<'de, C: ErrorCode> Deserialize<'de> for Code<C> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_str(CodeVisitor(PhantomData))
        }
    }

    struct CodeVisitor<C>(PhantomData<C>);

    impl<C: ErrorCode> Visitor<'_> for CodeVisitor<C> {
        type Value = Code<C>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string")
        }

        fn visit_str<E: de::Error>(self, wire: &str) -> Result<Code<C>, E> {
            Ok(Code::new(wire))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ObsErrorCode;

    #[test]
    fn known_unknown_and_aliases() {
        assert_eq!(
            Code::<ObsErrorCode>::new("SlowDown").known(),
            Some(ObsErrorCode::SlowDown)
        );
        let alias = Code::<ObsErrorCode>::new("KeyTooLongError");
        assert_eq!(alias, Code::from(ObsErrorCode::KeyTooLong));
        assert_eq!(alias.as_str(), "KeyTooLong");
        let unknown = Code::<ObsErrorCode>::new("nosuchkey");
        assert_eq!(unknown.known(), None);
        assert_eq!(unknown.as_str(), "nosuchkey");
        assert!(!unknown.is_known());
        assert_eq!(format!("{unknown:?}"), r#"Unknown("nosuchkey")"#);
        assert_eq!(format!("{alias:?}"), "Known(KeyTooLong)");
        let (received, sent) = Code::<ObsErrorCode>::received("KeyTooLongError".to_owned());
        assert_eq!(
            (received.known(), sent.as_deref()),
            (Some(ObsErrorCode::KeyTooLong), Some("KeyTooLongError"))
        );
        assert_eq!(
            Code::<ObsErrorCode>::from(String::from("X y")).as_str(),
            "X y"
        );
        assert_eq!(
            "NoSuchKey".parse::<Code>(),
            Ok(Code::from(ObsErrorCode::NoSuchKey))
        );
        assert!(Code::<ObsErrorCode>::new("NoSuchKey") == "NoSuchKey");
        assert_eq!(Code::from(ObsErrorCode::NoSuchKey).to_string(), "NoSuchKey");
    }

    #[test]
    fn status_codes_only_where_one_code_has_the_status() {
        let derived: Vec<(u16, &str)> = (100..600)
            .filter_map(|status| {
                code_for_status::<ObsErrorCode>(status).map(|c| (status, c.as_str()))
            })
            .collect();
        assert_eq!(
            derived,
            [
                // 405 has two codes (MethodNotAllowed, FsNotSupport): none is derived.
                (411, "MissingContentLength"),
                (412, "PreconditionFailed"),
                (416, "InvalidRange"),
                (429, "TooManyRequests"),
                (500, "InternalError"),
            ]
        );
    }
}
