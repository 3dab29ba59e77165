//! Building errors from the `http` crate's types (feature `http`).

use super::ObsError;
use crate::ErrorCode;

impl<C: ErrorCode> ObsError<C> {
    /// Reads an error from a response whose body is in memory (`Vec<u8>`, `Bytes`,
    /// `String`, `&[u8]`...). See [`from_parts`](Self::from_parts).
    ///
    /// ```
    /// use obs_codes::{ObsError, ObsErrorCode};
    ///
    /// let response = http::Response::builder()
    ///     .status(503)
    ///     .header("x-obs-request-id", "R9")
    ///     .body(r#"{"code":"SlowDown","message":"Reduce your request frequency."}"#)
    ///     .unwrap();
    /// let error: ObsError = ObsError::from_response(&response);
    /// assert_eq!(error.known_code(), Some(ObsErrorCode::SlowDown));
    /// assert_eq!(error.request_id(), Some("R9"));
    /// ```
    #[must_use]
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::from_http_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// Reads an error from a status, a header map and a body read separately (e.g. the
    /// `http::response::Parts` of a streamed response and its collected body; `&[]` for
    /// a HEAD response).
    #[must_use]
    pub fn from_http_parts(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Self {
        Self::from_parts(status.as_u16(), headers.iter(), body)
    }

    /// [`from_ok_body`](Self::from_ok_body) for an `http::Response`: `Some` when its body
    /// is an `<Error>` document, whatever the status.
    #[must_use]
    pub fn from_ok_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Option<Self> {
        Self::from_ok_body(
            response.status().as_u16(),
            response.headers().iter(),
            response.body().as_ref(),
        )
    }
}

impl<C: ErrorCode, B: AsRef<[u8]>> From<&http::Response<B>> for ObsError<C> {
    /// Same as [`ObsError::from_response`].
    fn from(response: &http::Response<B>) -> Self {
        Self::from_response(response)
    }
}

impl<C: ErrorCode> From<(http::StatusCode, &http::HeaderMap)> for ObsError<C> {
    /// A body-less response (HEAD): the status and the error headers.
    fn from((status, headers): (http::StatusCode, &http::HeaderMap)) -> Self {
        Self::from_http_parts(status, headers, &[])
    }
}
