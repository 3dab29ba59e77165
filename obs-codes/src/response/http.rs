//! Building errors from the `http` crate's types (feature `http`).

use super::ObsError;
use crate::ErrorCode;

/// With the bundled table: what `ObsError::from_response(&response)` infers (feature
/// `http`).
impl ObsError {
    /// Reads an error from a response whose body is in memory (`Vec<u8>`, `Bytes`,
    /// `String`, `&[u8]`...), with the bundled table (feature `http`). See
    /// [`from_parts`](Self::from_parts); [`from_response_in`](Self::from_response_in)
    /// with any table.
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode};
    ///
    /// let response = http::Response::builder()
    ///     .status(503)
    ///     .header("x-obs-request-id", "R9")
    ///     .body(r#"{"code":"SlowDown","message":"Reduce your request frequency."}"#)
    ///     .unwrap();
    /// let error = ObsError::from_response(&response);
    /// assert_eq!(error.known_code(), Some(ObsErrorCode::SlowDown));
    /// assert_eq!(error.request_id(), Some("R9"));
    ///
    /// // Straight into anyhow (or any `Box<dyn Error>`): no annotation needed.
    /// let chained: anyhow::Error = ObsError::from_response(&response).into();
    /// assert!(chained.downcast_ref::<ObsError>().is_some());
    /// ```
    #[must_use]
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::from_response_in(response)
    }

    /// Reads an error from a status, a header map and a body read separately, with the
    /// bundled table (feature `http`; [`from_http_parts_in`](Self::from_http_parts_in)
    /// with any table).
    #[must_use]
    pub fn from_http_parts(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        Self::from_http_parts_in(status, headers, body)
    }

    /// [`from_ok_body`](Self::from_ok_body) for an `http::Response` (feature `http`;
    /// [`from_ok_response_in`](Self::from_ok_response_in) with any table).
    #[must_use]
    pub fn from_ok_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Option<Self> {
        Self::from_ok_response_in(response)
    }
}

impl<C: ErrorCode> ObsError<C> {
    /// Reads an error from a response whose body is in memory, with the table `C`
    /// (feature `http`). See [`from_parts_in`](Self::from_parts_in).
    #[must_use]
    pub fn from_response_in<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::from_http_parts_in(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// Reads an error from a status, a header map and a body read separately (e.g. the
    /// `http::response::Parts` of a streamed response and its collected body; `&[]` for
    /// a HEAD response), with the table `C` (feature `http`).
    #[must_use]
    pub fn from_http_parts_in(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        Self::from_parts_in(status.as_u16(), headers, body)
    }

    /// [`from_ok_body_in`](Self::from_ok_body_in) for an `http::Response` (feature
    /// `http`): `Some` when its body is an `<Error>` document, whatever the status.
    #[must_use]
    pub fn from_ok_response_in<B: AsRef<[u8]>>(response: &http::Response<B>) -> Option<Self> {
        Self::from_ok_body_in(
            response.status().as_u16(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// The status as an `http::StatusCode`; `None` for a number outside 100..=999 (the
    /// [`status`](Self::status) of an error built from a bare `u16`).
    ///
    /// ```
    /// use obs_codes::ObsError;
    ///
    /// assert_eq!(ObsError::from_status(404).status_code(), Some(http::StatusCode::NOT_FOUND));
    /// assert_eq!(ObsError::from_status(42).status_code(), None);
    /// ```
    #[must_use]
    pub fn status_code(&self) -> Option<http::StatusCode> {
        http::StatusCode::from_u16(self.status()).ok()
    }
}

impl<C: ErrorCode, B: AsRef<[u8]>> From<&http::Response<B>> for ObsError<C> {
    /// Same as [`ObsError::from_response_in`], for any table.
    fn from(response: &http::Response<B>) -> Self {
        Self::from_response_in(response)
    }
}

impl<C: ErrorCode> From<(http::StatusCode, &http::HeaderMap)> for ObsError<C> {
    /// A body-less response (HEAD): the status and the error headers.
    fn from((status, headers): (http::StatusCode, &http::HeaderMap)) -> Self {
        Self::from_http_parts_in(status, headers, &[])
    }
}
