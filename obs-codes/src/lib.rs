//! Typed Huawei Cloud OBS server error codes.
//!
//! [`ObsErrorCode`] is generated at compile time from the official OBS error-code table
//! (107 codes, bundled as CSV) by the [`obs_errors!`] macro, which is re-exported here
//! so that one dependency is enough to generate enums from your own tables.
//!
//! ```
//! use obs_codes::ObsErrorCode;
//!
//! let code: ObsErrorCode = "NoSuchKey".parse().unwrap();
//! assert_eq!(code, ObsErrorCode::NoSuchKey);
//! assert_eq!(code.http_status(), Some(404));
//! assert!(!code.is_retryable());
//! assert_eq!(ObsErrorCode::from_code("SlowDown").map(ObsErrorCode::is_retryable), Some(true));
//! ```
//!
//! Around it, what a storage client needs:
//! - [`ErrorCode`]: the trait every generated enum implements, so code can be generic
//!   over tables (your own, from [`obs_errors!`], included);
//! - `response` (feature `std`, on by default): [`ObsError`] read from a status, headers
//!   and an XML or JSON body, with retry advice ([`RetryClass`]); `From` impls for the
//!   `http` crate's types behind the `http` feature;
//! - `serde_wire` (feature `serde`): codes as their wire strings.
//!
//! Features: `std` (default), `http`, `serde`, and `cli` for the `obs-codes` command.
//! Without `std` the crate is `no_std` and holds the enum, the trait and the macro.
#![cfg_attr(not(feature = "std"), no_std)]

mod code;
#[cfg(feature = "std")]
pub mod response;
#[cfg(feature = "serde")]
pub mod serde_wire;

pub use code::ErrorCode;
#[cfg(feature = "std")]
pub use response::{Code, ObsError, RetryClass};

/// Generates an error-code enum from CSV tables at compile time.
///
/// - `obs_errors!()`: `pub enum ObsErrorCode` from the bundled OBS table.
/// - `obs_errors!("tables/codes.csv")`: `pub enum ObsErrorCode` from your table, the path
///   resolved against your crate's `CARGO_MANIFEST_DIR`.
/// - `obs_errors! { /// docs
///   #[attrs] pub enum Name { obs, "tables/extra.csv" } }`: a named enum from several
///   sources in order (`obs` is the bundled table).
///
/// The enum also implements [`ErrorCode`]. See the crate README for the table format.
#[macro_export]
macro_rules! obs_errors {
    ($($input:tt)*) => {
        $crate::__private::obs_errors! { @runtime($crate) $($input)* }
    };
}

#[doc(hidden)]
pub mod __private {
    pub use obs_codes_macro::obs_errors;
}

obs_errors! {
    /// A Huawei Cloud OBS server error code: the `<Code>` of an error response.
    ///
    /// This is the crate's main item, one variant per row of the official table
    /// (the OBS SDK guides' "OBS Server-Side Error Codes" page), with the wire codes the
    /// server really sends where the page prints them differently.
    pub enum ObsErrorCode {
        obs
    }
}
