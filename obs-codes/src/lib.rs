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
#![cfg_attr(not(feature = "std"), no_std)]

pub use obs_codes_macro::obs_errors;

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
