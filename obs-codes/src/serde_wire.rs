//! Serde support (feature `serde`): codes as their wire strings.
//!
//! - [`ObsErrorCode`] implements `Serialize` (its wire string, e.g. `"NoSuchKey"`) and
//!   `Deserialize` (a wire string or alias; a string it does not know is an error that
//!   names it).
//! - [`Code`](crate::Code) (with `std`) serializes as its wire string and deserializes
//!   any string: an unknown one becomes `Code::Unknown`, kept exactly.
//! - For an enum of your own from [`obs_errors!`](crate::obs_errors), use this module
//!   with `#[serde(with = "obs_codes::serde_wire")]` on a field:
//!
//! ```
//! use obs_codes::ObsErrorCode;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Logged {
//!     #[serde(with = "obs_codes::serde_wire")]
//!     code: ObsErrorCode, // or any `obs_errors!` enum
//! }
//! let json = serde_json::to_string(&Logged { code: ObsErrorCode::SlowDown }).unwrap();
//! assert_eq!(json, r#"{"code":"SlowDown"}"#);
//! assert!(serde_json::from_str::<Logged>(r#"{"code":"Nope"}"#).is_err());
//! ```
//!
//! Only `core` and serde without its `std` feature are used, so this works in `no_std`
//! builds.

use crate::{ErrorCode, ObsErrorCode};
use core::fmt;
use core::marker::PhantomData;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

/// Serializes a code of any generated enum as its wire string.
///
/// # Errors
///
/// Whatever the serializer returns.
pub fn serialize<C: ErrorCode, S: Serializer>(code: &C, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.as_str())
}

/// Deserializes a code of any generated enum from its wire string or an alias.
///
/// # Errors
///
/// A string the table does not know: `invalid value: string "Nope", expected ...`;
/// anything that is not a string.
pub fn deserialize<'de, C: ErrorCode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    deserializer.deserialize_str(KnownVisitor(PhantomData))
}

struct KnownVisitor<C>(PhantomData<C>);

impl<C: ErrorCode> Visitor<'_> for KnownVisitor<C> {
    type Value = C;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error code of the table (a wire string such as `NoSuchKey`)")
    }

    fn visit_str<E: de::Error>(self, wire: &str) -> Result<C, E> {
        C::from_code(wire).ok_or_else(|| E::invalid_value(Unexpected::Str(wire), &self))
    }
}

impl serde::Serialize for ObsErrorCode {
    /// The wire string, e.g. `"NoSuchKey"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ObsErrorCode {
    /// From a wire string or alias; an unknown string is an error that names it.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer)
    }
}
