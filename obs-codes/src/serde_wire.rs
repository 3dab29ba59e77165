//! Serde support (feature `serde`): codes as their wire strings.
//!
//! - Every enum from [`obs_errors!`](crate::obs_errors) ([`ObsErrorCode`](crate::ObsErrorCode)
//!   included) implements `Serialize` (its wire string, e.g. `"KMS.DisabledException"`)
//!   and `Deserialize` (a wire string or alias; a string it does not know is an error
//!   that names it), through the hidden macro `obs_codes::__impl_serde_wire!`.
//! - [`Code`](crate::Code) (with `std`) serializes as its wire string and deserializes
//!   any string: one the table does not know is kept exactly, as an unknown code.
//! - [`ObsError`](crate::ObsError) (with `std`) serializes as a flat record for
//!   structured logs.
//! - This module's functions do the same for a field, with
//!   `#[serde(with = "obs_codes::serde_wire")]`; [`option`] for an `Option` of a code,
//!   [`seq`] for a `Vec` (or any collection) of codes:
//!
//! ```
//! use obs_codes::ObsErrorCode;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Logged {
//!     #[serde(with = "obs_codes::serde_wire")]
//!     code: ObsErrorCode, // or any `obs_errors!` enum
//!     #[serde(with = "obs_codes::serde_wire::option", default)]
//!     cause: Option<ObsErrorCode>,
//!     #[serde(with = "obs_codes::serde_wire::seq")]
//!     seen: Vec<ObsErrorCode>,
//! }
//! let logged = Logged {
//!     code: ObsErrorCode::SlowDown,
//!     cause: None,
//!     seen: vec![ObsErrorCode::KMSDisabledException],
//! };
//! let json = serde_json::to_string(&logged).unwrap();
//! assert_eq!(json, r#"{"code":"SlowDown","cause":null,"seen":["KMS.DisabledException"]}"#);
//! assert!(serde_json::from_str::<Logged>(r#"{"code":"Nope","seen":[]}"#).is_err());
//! let read: Logged = serde_json::from_str(r#"{"code":"SlowDown","seen":["KeyTooLongError"]}"#).unwrap();
//! assert_eq!(read.seen, [ObsErrorCode::KeyTooLong]);
//! ```
//!
//! Only `core` and serde without its `std` feature are used, so this works in `no_std`
//! builds.

use crate::ErrorCode;
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

/// A code that serializes and deserializes through this module.
struct Wire<C>(C);

impl<C: ErrorCode> serde::Serialize for Wire<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, serializer)
    }
}

impl<'de, C: ErrorCode> serde::Deserialize<'de> for Wire<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(Wire)
    }
}

/// An `Option` of a code: `None` as the format's none (`null`), `Some` as the wire
/// string. Add `#[serde(default)]` to read a missing field as `None`.
pub mod option {
    use super::Wire;
    use crate::ErrorCode;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes `Some(code)` as its wire string, `None` as none.
    ///
    /// # Errors
    ///
    /// Whatever the serializer returns.
    pub fn serialize<C: ErrorCode, S: Serializer>(
        code: &Option<C>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match code {
            Some(code) => serializer.serialize_some(&Wire(*code)),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes none as `None`, a wire string or alias as `Some`.
    ///
    /// # Errors
    ///
    /// A string the table does not know; anything that is neither none nor a string.
    pub fn deserialize<'de, C: ErrorCode, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<C>, D::Error> {
        Ok(Option::<Wire<C>>::deserialize(deserializer)?.map(|Wire(code)| code))
    }
}

/// A sequence of codes (`Vec`, `BTreeSet`, an array, a slice...) as a sequence of
/// wire strings.
pub mod seq {
    use super::Wire;
    use crate::ErrorCode;
    use core::fmt;
    use core::marker::PhantomData;
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    /// Serializes every code of `codes`, in order, as its wire string.
    ///
    /// # Errors
    ///
    /// Whatever the serializer returns.
    pub fn serialize<'a, T, C, S>(codes: &'a T, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: ?Sized,
        &'a T: IntoIterator<Item = &'a C>,
        C: ErrorCode,
        S: Serializer,
    {
        serializer.collect_seq(codes.into_iter().map(|code| Wire(*code)))
    }

    /// Deserializes a sequence of wire strings or aliases into any collection of codes.
    ///
    /// # Errors
    ///
    /// The first string the table does not know; anything that is not a sequence of
    /// strings.
    pub fn deserialize<'de, T, C, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: FromIterator<C>,
        C: ErrorCode,
        D: Deserializer<'de>,
    {
        deserializer.deserialize_seq(SeqVisitor(PhantomData))
    }

    struct SeqVisitor<T, C>(PhantomData<(T, C)>);

    impl<'de, T: FromIterator<C>, C: ErrorCode> Visitor<'de> for SeqVisitor<T, C> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence of error codes")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            let mut failed = None;
            let codes = core::iter::from_fn(|| match seq.next_element::<Wire<C>>() {
                Ok(next) => next.map(|Wire(code)| code),
                Err(error) => {
                    failed = Some(error);
                    None
                }
            })
            .collect();
            match failed {
                Some(error) => Err(error),
                None => Ok(codes),
            }
        }
    }
}
