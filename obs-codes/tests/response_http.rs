//! The `http` feature: errors from `http::Response` and `http::HeaderMap`.

mod support;

use http::{HeaderMap, HeaderValue, Response, StatusCode};
use obs_codes::response::{BodyFormat, CodeSource};
use obs_codes::{ObsError, ObsErrorCode, RetryClass};
use support::HttpSample;

fn response(sample: &HttpSample) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(sample.status);
    for (name, value) in &sample.headers {
        builder = builder.header(name, value);
    }
    builder.body(sample.body.clone()).expect("a valid response")
}

#[test]
fn from_a_response_with_a_body() {
    let sample = HttpSample::load("nosuchkey-amz-headers.http");
    let response = response(&sample);
    let error: ObsError = ObsError::from_response(&response);
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    assert_eq!(error.code_source(), Some(CodeSource::Body));
    assert_eq!(error.request_id(), Some("DCD2FC9CAB78000001438F6640529BA9"));
    assert_eq!(error.extra_value("Key"), Some("object"));
    // The same as reading the parts by hand, and as the `From` conversion.
    let by_hand: ObsError = ObsError::from_parts(404, sample.header_pairs(), &sample.body);
    assert_eq!(error, by_hand);
    let converted: ObsError = (&response).into();
    assert_eq!(converted, by_hand);
}

#[test]
fn from_a_head_response_header_map() {
    let sample = HttpSample::load("preconditionfailed-obs-headers.http");
    let mut headers = response(&sample).headers().clone();
    headers.insert(
        "X-Obs-Error-Code",
        HeaderValue::from_static("PreconditionFailed"),
    );
    headers.insert("x-reserved-indicator", HeaderValue::from_static("ind-1"));
    // Header values are bytes: a non-UTF-8 message is read lossily.
    headers.insert(
        "x-obs-error-message",
        HeaderValue::from_bytes(b"pre-condition \xe2\x80\x9cIf-Match\xe2\x80\x9d \xff").unwrap(),
    );
    let error: ObsError = ObsError::from_http_parts(StatusCode::PRECONDITION_FAILED, &headers, &[]);
    assert_eq!(error.known_code(), Some(ObsErrorCode::PreconditionFailed));
    assert_eq!(error.code_source(), Some(CodeSource::Header));
    assert_eq!(
        error.message(),
        Some("pre-condition \u{201c}If-Match\u{201d} \u{fffd}")
    );
    assert_eq!(error.request_id(), Some("8DF400000163D3F2A89604C49ABEE55E"));
    assert_eq!(
        error.id_2(),
        Some("32AAAQAAEAABAAAQAAEAABAAAQAAEAABCSQwxJ2I1VvxD/Xgwuw2G2RQax30gdXU")
    );
    assert_eq!(error.indicator(), Some("ind-1"));
    assert_eq!(error.body_format(), BodyFormat::Empty);

    let from_pair: ObsError = (StatusCode::PRECONDITION_FAILED, &headers).into();
    assert_eq!(from_pair, error);
}

#[test]
fn a_header_map_by_reference_or_by_value() {
    let mut headers = HeaderMap::new();
    headers.insert("x-obs-error-code", HeaderValue::from_static("NoSuchBucket"));
    // Two values of one header: the first counts, by reference and by value alike.
    headers.append("x-obs-request-id", HeaderValue::from_static("R1"));
    headers.append("x-obs-request-id", HeaderValue::from_static("R2"));
    headers.append("Retry-After", HeaderValue::from_static("3"));
    headers.append("Retry-After", HeaderValue::from_static("9"));
    let by_reference: ObsError = ObsError::from_parts(404, &headers, b"");
    assert_eq!(by_reference.known_code(), Some(ObsErrorCode::NoSuchBucket));
    assert_eq!(by_reference.request_id(), Some("R1"));
    assert_eq!(
        by_reference.retry_after(),
        Some(std::time::Duration::from_secs(3))
    );
    assert_eq!(ObsError::from_parts(404, headers.iter(), b""), by_reference);
    assert_eq!(
        ObsError::from_http_parts(StatusCode::NOT_FOUND, &headers, b""),
        by_reference
    );
    let by_value: ObsError = ObsError::from_parts(404, headers.clone(), b"");
    assert_eq!(by_value, by_reference);
    // Owned names and values, as a client may collect them.
    let owned: Vec<(http::HeaderName, HeaderValue)> = headers
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    assert_eq!(ObsError::from_parts(404, &owned, b""), by_reference);
    assert_eq!(ObsError::from_parts(404, owned, b""), by_reference);
}

#[test]
fn empty_header_map_and_status_only() {
    let error: ObsError =
        ObsError::from_http_parts(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), b"");
    // The bundled table's only 429 code stands for the bare status.
    assert_eq!(error.known_code(), Some(ObsErrorCode::TooManyRequests));
    assert_eq!(error.code_source(), Some(CodeSource::Status));
    assert_eq!(error.retry_class(), RetryClass::Throttled);
    // A status no code of the table has: no code at all.
    let error: ObsError =
        ObsError::from_http_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"");
    assert_eq!(error.code(), None);
    assert_eq!(error.retry_class(), RetryClass::Transient);
}

#[test]
fn bodies_of_any_in_memory_type() {
    let json = Response::builder()
        .status(503)
        .body(String::from(
            r#"{"code":"ServiceUnavailable","request_id":"J1"}"#,
        ))
        .unwrap();
    let error: ObsError = ObsError::from_response(&json);
    assert_eq!(error.known_code(), Some(ObsErrorCode::ServiceUnavailable));
    assert_eq!(error.request_id(), Some("J1"));

    let slice: Response<&[u8]> = Response::builder().status(500).body(&b""[..]).unwrap();
    assert_eq!(
        ObsError::<ObsErrorCode>::from_response(&slice).known_code(),
        Some(ObsErrorCode::InternalError)
    );
}

#[test]
fn ok_response_with_an_error_body() {
    let failed = Response::builder()
        .status(200)
        .header("x-obs-request-id", "C1")
        .body(b"<Error><Code>InternalError</Code><Message>retry</Message></Error>".to_vec())
        .unwrap();
    let error = ObsError::<ObsErrorCode>::from_ok_response(&failed).expect("an error body");
    assert_eq!(error.status(), 200);
    assert_eq!(error.request_id(), Some("C1"));
    assert!(error.is_retryable());

    let copied = Response::builder()
        .status(200)
        .body(b"<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>".to_vec())
        .unwrap();
    assert!(ObsError::<ObsErrorCode>::from_ok_response(&copied).is_none());
}

#[test]
fn status_as_an_http_status_code_and_other_tables() {
    let response = Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header("Retry-After", "4")
        .body(Vec::new())
        .unwrap();
    let error = ObsError::from_response(&response);
    assert_eq!(error.status_code(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(4)));
    assert_eq!(ObsError::from_status(1000).status_code(), None);

    obs_codes::obs_errors! {
        /// Only our own codes.
        pub enum Mine { "tests/fixtures/mine.csv" }
    }
    let widget = Response::builder()
        .status(404)
        .body(b"<Error><Code>NoSuchWidget</Code></Error>".to_vec())
        .unwrap();
    let mine = ObsError::<Mine>::from_response_in(&widget);
    assert_eq!(mine.known_code(), Some(Mine::NoSuchWidget));
    let converted: ObsError<Mine> = (&widget).into();
    assert_eq!(converted, mine);
    let head = ObsError::<Mine>::from_http_parts_in(StatusCode::NOT_FOUND, &HeaderMap::new(), b"");
    assert_eq!(head.known_code(), Some(Mine::NoSuchWidget));
    let ok = Response::builder()
        .status(200)
        .body(b"<Error><Code>WidgetBusy</Code></Error>".to_vec())
        .unwrap();
    assert_eq!(
        ObsError::<Mine>::from_ok_response_in(&ok).and_then(|e| e.known_code()),
        Some(Mine::WidgetBusy)
    );
}
