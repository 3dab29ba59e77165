//! Fuzzes every response reader with one input: an HTTP message (`HTTP/1.1 404 ...`,
//! headers, an empty line, the body; the `.http` samples are valid seeds) or, for any
//! other input, a body alone. Checks that the bounds of `response::limits` hold, that
//! no `Display` line can be forged, and that retry advice, kinds, dates, redirects and
//! the `io::Error` conversion never panic; a panic, a hang or a crash is a finding.
//!
//! ```text
//! cd obs-codes
//! RUSTC_BOOTSTRAP=1 cargo fuzz run parse_response fuzz/corpus/parse_response tests/fixtures/responses -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use obs_codes::response::limits::{MAX_DELETED_KEYS, MAX_KEY_ERRORS};
use obs_codes::response::{DeleteErrors, is_error_body};
use obs_codes::{ObsError, ObsErrorCode};

/// Status, headers and body of an HTTP message; `None` if `data` is not one.
fn split_message(data: &[u8]) -> Option<(u16, Vec<(&[u8], &[u8])>, &[u8])> {
    let rest = data.strip_prefix(b"HTTP/")?;
    let line_end = rest.iter().position(|&b| b == b'\n')?;
    let (status_line, mut rest) = rest.split_at(line_end);
    let status = status_line
        .split(|&b| b == b' ')
        .nth(1)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut headers = Vec::new();
    loop {
        rest = rest.get(1..)?; // past the '\n'
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let (line, after) = rest.split_at(end);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Some((status, headers, after.get(1..).unwrap_or_default()));
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            let (name, value) = line.split_at(colon);
            headers.push((name, value.get(1..).unwrap_or_default()));
        }
        rest = after;
        if rest.is_empty() {
            return Some((status, headers, rest));
        }
    }
}

#[path = "../../tests/support/bounds.rs"]
mod bounds;

/// The shared bounds (which also ask for retry advice, kind, dates and redirect), and
/// the `io::Error` conversion that keeps the error.
fn check(error: &ObsError) {
    bounds::assert_bounded(error);
    let io: std::io::Error = error.clone().into();
    assert!(io.get_ref().is_some_and(|inner| inner.is::<ObsError>()));
}

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = split_message(data).unwrap_or((404, Vec::new(), data));
    let headers: Vec<(String, &[u8])> = headers
        .into_iter()
        .map(|(name, value)| (String::from_utf8_lossy(name).into_owned(), value))
        .collect();

    let error: ObsError = ObsError::from_parts(status, &headers, body);
    check(&error);

    let ok = ObsError::<ObsErrorCode>::from_ok_body(200, &headers, body);
    assert_eq!(ok.is_some(), is_error_body(body));
    if let Some(ok) = ok {
        check(&ok);
    }

    let batch: DeleteErrors = DeleteErrors::from_body(body);
    assert!(batch.errors().len() <= MAX_KEY_ERRORS);
    assert!(batch.deleted().len() <= MAX_DELETED_KEYS);
    for key_error in batch.errors() {
        assert!(!bounds::forges_lines(&key_error.to_string()));
    }

    // The `http` feature's path reads the same.
    let mut map = http::HeaderMap::new();
    for (name, value) in &headers {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_bytes(value),
        ) {
            map.append(name, value);
        }
    }
    if let Ok(status) = http::StatusCode::from_u16(status) {
        let via_http: ObsError = ObsError::from_http_parts(status, &map, body);
        check(&via_http);
        assert_eq!(
            via_http.code(),
            ObsError::<ObsErrorCode>::from_parts(status.as_u16(), map.iter(), body).code()
        );
        // A header map by value reads as by reference: the first value of each counts.
        let by_value: ObsError = ObsError::from_parts(status.as_u16(), map, body);
        assert_eq!(by_value, via_http);
    }
});
