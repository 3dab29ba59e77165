//! Real OBS error responses into typed errors: every sample with its exact fields, the
//! header-only (HEAD), JSON, namespaced and 200-with-error cases, the resolution order,
//! retry advice (every 5xx, table 429s, `Retry-After`, the server's clock), kinds and
//! `io::Error`, redirects, the code as sent, `Display`, and tables of our own.

mod support;

use obs_codes::response::{BodyFormat, BodyIssue, CodeSource, DeleteErrors, is_error_body};
use obs_codes::{Code, ErrorKind, ObsError, ObsErrorCode, RetryClass};
use std::time::{Duration, SystemTime};
use support::{HttpSample, http_date as httpdate, sample};

/// Every field of an error, for whole-value comparisons.
#[derive(Debug, PartialEq)]
struct Seen<'a> {
    status: u16,
    code: Option<&'a str>,
    known: Option<ObsErrorCode>,
    code_source: Option<CodeSource>,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    id_2: Option<&'a str>,
    resource: Option<&'a str>,
    indicator: Option<&'a str>,
    extra: Vec<(&'a str, &'a str)>,
    body_format: BodyFormat,
    issues: &'a [BodyIssue],
}

fn seen(error: &ObsError) -> Seen<'_> {
    Seen {
        status: error.status(),
        code: error.code_str(),
        known: error.known_code(),
        code_source: error.code_source(),
        message: error.message(),
        request_id: error.request_id(),
        id_2: error.id_2(),
        resource: error.resource(),
        indicator: error.indicator(),
        extra: error
            .extra()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect(),
        body_format: error.body_format(),
        issues: error.issues(),
    }
}

/// The `HostId` of the API reference, which its sample wraps over two lines.
const API_REF_HOST_ID: &str = "RkRCRDJENDc5MzdGQkQ4OUY3MTI4NTQ3NDk2Mjg0M0FBQUFBQUFBYmJiYmJiYmJD";

fn from_http(sample: &HttpSample) -> ObsError {
    ObsError::from_parts(sample.status, sample.header_pairs(), &sample.body)
}

#[test]
fn sample_nosuchkey_api_ref() {
    let error: ObsError = ObsError::from_body(404, &sample("nosuchkey-api-ref.xml"));
    assert_eq!(
        seen(&error),
        Seen {
            status: 404,
            code: Some("NoSuchKey"),
            known: Some(ObsErrorCode::NoSuchKey),
            code_source: Some(CodeSource::Body),
            message: Some("The resource you requested does not exist"),
            request_id: Some("001B21A61C6C0000013402C4616D5285"),
            id_2: Some(API_REF_HOST_ID),
            resource: Some("/example-bucket/object"),
            indicator: None,
            extra: vec![],
            body_format: BodyFormat::Xml,
            issues: &[],
        }
    );
}

#[test]
fn sample_nosuchkey_opendal_fixture_reads_like_the_wrapped_api_ref() {
    let opendal: ObsError = ObsError::from_body(404, &sample("nosuchkey-opendal-fixture.xml"));
    let api_ref: ObsError = ObsError::from_body(404, &sample("nosuchkey-api-ref.xml"));
    assert_eq!(opendal.id_2(), Some(API_REF_HOST_ID));
    assert_eq!(opendal, api_ref);
}

#[test]
fn sample_nosuchbucket_elided_without_declaration() {
    let error: ObsError = ObsError::from_body(404, &sample("nosuchbucket-elided.xml"));
    assert_eq!(
        seen(&error),
        Seen {
            status: 404,
            code: Some("NoSuchBucket"),
            known: Some(ObsErrorCode::NoSuchBucket),
            code_source: Some(CodeSource::Body),
            message: Some("The specified bucket does not exist"),
            request_id: Some("FDBD2D47937FBD89F71285474962843"),
            id_2: Some(API_REF_HOST_ID),
            resource: None,
            indicator: None,
            // The elision mark `……` is text directly inside <Error>: not a child.
            extra: vec![],
            body_format: BodyFormat::Xml,
            issues: &[],
        }
    );
}

#[test]
fn sample_nosuchkey_cdata_entities_and_padding() {
    let error: ObsError = ObsError::from_body(404, &sample("nosuchkey-cdata-entities.xml"));
    assert_eq!(
        seen(&error),
        Seen {
            status: 404,
            code: Some("NoSuchKey"),
            known: Some(ObsErrorCode::NoSuchKey),
            code_source: Some(CodeSource::Body),
            message: Some("The resource <now> & then you requested does not exist & so there"),
            request_id: Some("4442587FB7D0A2F9"),
            id_2: None,
            resource: Some("/mybucket/myfoto.jpg"),
            indicator: None,
            extra: vec![],
            body_format: BodyFormat::Xml,
            issues: &[],
        }
    );
}

#[test]
fn sample_preconditionfailed_with_obs_headers() {
    let sample = HttpSample::load("preconditionfailed-obs-headers.http");
    assert_eq!(sample.status, 412);
    let error = from_http(&sample);
    assert_eq!(
        seen(&error),
        Seen {
            status: 412,
            code: Some("PreconditionFailed"),
            known: Some(ObsErrorCode::PreconditionFailed),
            code_source: Some(CodeSource::Body),
            message: Some("At least one of the pre-conditions you specified did not hold"),
            request_id: Some("8DF400000163D3F2A89604C49ABEE55E"),
            // The body's HostId wins over the x-obs-id-2 header.
            id_2: Some("ha0ZGaSKVm+uLOrCXXtx4Qn1aLzvoeblctVXRAqA7pty10mzUUW/yOzFue04lBqu"),
            resource: None,
            indicator: None,
            extra: vec![("Condition", "If-Match")],
            body_format: BodyFormat::Xml,
            issues: &[],
        }
    );
}

#[test]
fn sample_nosuchkey_with_amz_headers() {
    let sample = HttpSample::load("nosuchkey-amz-headers.http");
    assert_eq!(sample.status, 404);
    let error = from_http(&sample);
    assert_eq!(
        seen(&error),
        Seen {
            status: 404,
            code: Some("NoSuchKey"),
            known: Some(ObsErrorCode::NoSuchKey),
            code_source: Some(CodeSource::Body),
            message: Some("The specified key does not exist."),
            request_id: Some("DCD2FC9CAB78000001438F6640529BA9"),
            id_2: Some("nkbX5Pw7vRd26kP6gRwQQ4AxiN446dN608LMf4/9h/NMdhrWsc17Vnlva6VS23dq"),
            resource: None,
            indicator: None,
            extra: vec![("Key", "object")],
            body_format: BodyFormat::Xml,
            issues: &[],
        }
    );
}

#[test]
fn sample_deleteresult_per_key_error() {
    let sample = HttpSample::load("deleteresult-per-key-error.http");
    // A 200 OK with a DeleteResult is not an error response.
    assert!(!is_error_body(&sample.body));
    assert!(
        ObsError::<ObsErrorCode>::from_ok_body(sample.status, sample.header_pairs(), &sample.body)
            .is_none()
    );

    let result: DeleteErrors = DeleteErrors::from_body(&sample.body);
    assert_eq!(result.deleted().len(), 1);
    assert_eq!(result.issues(), []);
    assert!(!result.is_empty());
    let [failed] = result.errors() else {
        panic!("one per-key error expected: {result:?}");
    };
    assert_eq!(failed.key(), Some("Key"));
    assert_eq!(failed.version_id(), None);
    // The sample's placeholder code is no OBS code: kept exactly.
    assert_eq!(failed.code(), Some(&Code::new("ErrorCode")));
    assert_eq!(failed.message(), Some("Message"));
    assert_eq!(failed.extra(), []);
    assert_eq!(failed.retry_class(), RetryClass::NotRetryable);
    assert_eq!(failed.to_string(), r#"key "Key": ErrorCode: Message"#);
}

#[test]
fn every_sample_file_has_a_test() {
    assert_eq!(
        support::sample_names(),
        [
            "deleteresult-per-key-error.http",
            "nosuchbucket-elided.xml",
            "nosuchkey-amz-headers.http",
            "nosuchkey-api-ref.xml",
            "nosuchkey-cdata-entities.xml",
            "nosuchkey-opendal-fixture.xml",
            "preconditionfailed-obs-headers.http",
        ]
    );
}

#[test]
fn batch_delete_with_several_errors_versions_and_quiet_mode() {
    let body = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<DeleteResult xmlns="http://obs.region.example.com/doc/2015-06-30/">
  <Deleted><Key>ok-1</Key></Deleted>
  <Error><Key> spaced key </Key><VersionId>v2</VersionId><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
  <Deleted><Key>ok-2</Key><DeleteMarker>true</DeleteMarker></Deleted>
  <Error><Key>a&amp;b</Key><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>
  <Error><Key>c</Key><Code>SlowDown</Code></Error>
</DeleteResult>"#;
    let result: DeleteErrors = DeleteErrors::from_body(body);
    let deleted: Vec<_> = result
        .deleted()
        .iter()
        .map(|d| {
            (
                d.key(),
                d.version_id(),
                d.delete_marker(),
                d.delete_marker_version_id(),
            )
        })
        .collect();
    assert_eq!(
        deleted,
        [
            (Some("ok-1"), None, false, None),
            (Some("ok-2"), None, true, None)
        ]
    );
    assert_eq!(result.issues(), []);
    let keys: Vec<_> = result.errors().iter().map(|e| e.key()).collect();
    assert_eq!(keys, [Some(" spaced key "), Some("a&b"), Some("c")]);
    let first = &result.errors()[0];
    assert_eq!(first.version_id(), Some("v2"));
    assert_eq!(
        first.code().and_then(Code::known),
        Some(ObsErrorCode::AccessDenied)
    );
    let classes: Vec<_> = result
        .errors()
        .iter()
        .map(obs_codes::response::KeyError::retry_class)
        .collect();
    assert_eq!(
        classes,
        [
            RetryClass::NotRetryable,
            RetryClass::Transient,
            RetryClass::Throttled
        ]
    );

    let quiet: DeleteErrors = DeleteErrors::from_body(b"<DeleteResult/>");
    assert!(quiet.is_empty());
    assert_eq!(quiet.deleted(), []);

    let refused: DeleteErrors =
        DeleteErrors::from_body(b"<Error><Code>AccessDenied</Code></Error>");
    assert!(refused.is_empty());
    assert_eq!(
        refused.issues(),
        [BodyIssue::UnexpectedRoot {
            expected: "DeleteResult",
            found: "Error".to_owned()
        }]
    );
}

#[test]
fn head_response_reads_obs_headers() {
    // A HEAD for the 412 sample: same headers, no body, and the error headers a HEAD gets.
    let sample = HttpSample::load("preconditionfailed-obs-headers.http");
    let mut headers = sample.header_pairs();
    headers.push(("x-obs-error-code", "PreconditionFailed"));
    headers.push((
        "x-obs-error-message",
        "At least one of the pre-conditions you specified did not hold",
    ));
    headers.push(("x-reserved-indicator", "0003-0001-A1B2"));
    let error: ObsError = ObsError::from_parts(412, headers, b"");
    assert_eq!(
        seen(&error),
        Seen {
            status: 412,
            code: Some("PreconditionFailed"),
            known: Some(ObsErrorCode::PreconditionFailed),
            code_source: Some(CodeSource::Header),
            message: Some("At least one of the pre-conditions you specified did not hold"),
            request_id: Some("8DF400000163D3F2A89604C49ABEE55E"),
            id_2: Some("32AAAQAAEAABAAAQAAEAABAAAQAAEAABCSQwxJ2I1VvxD/Xgwuw2G2RQax30gdXU"),
            resource: None,
            indicator: Some("0003-0001-A1B2"),
            extra: vec![],
            body_format: BodyFormat::Empty,
            issues: &[],
        }
    );
}

#[test]
fn head_response_reads_amz_headers() {
    let sample = HttpSample::load("nosuchkey-amz-headers.http");
    let mut headers = sample.header_pairs();
    headers.push(("X-Amz-Error-Code", "NoSuchKey"));
    headers.push(("X-Amz-Error-Message", "The specified key does not exist."));
    let error: ObsError = ObsError::from_parts(404, headers, b"");
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    assert_eq!(error.code_source(), Some(CodeSource::Header));
    assert_eq!(error.message(), Some("The specified key does not exist."));
    assert_eq!(error.request_id(), Some("DCD2FC9CAB78000001438F6640529BA9"));
    assert_eq!(
        error.id_2(),
        Some("/BdlSJIqa5Gkl3yEoEgmJKUUak0xjtgCTn9LhbsyJwqG5OVqrkfiateRxF8Gg4AU")
    );
    assert_eq!(error.retry_class(), RetryClass::NotRetryable);
}

#[test]
fn head_response_without_error_headers_falls_back_to_the_status() {
    let sample = HttpSample::load("preconditionfailed-obs-headers.http");
    let error: ObsError = ObsError::from_parts(412, sample.header_pairs(), b"");
    assert_eq!(error.known_code(), Some(ObsErrorCode::PreconditionFailed));
    assert_eq!(error.code_source(), Some(CodeSource::Status));
    assert_eq!(error.message(), None);
    assert_eq!(error.request_id(), Some("8DF400000163D3F2A89604C49ABEE55E"));
    assert!(
        error
            .to_string()
            .starts_with("PreconditionFailed (inferred from HTTP 412): "),
        "{error}"
    );
}

#[test]
fn bare_status_gives_a_code_only_when_unambiguous() {
    let derived: Vec<(u16, Option<ObsErrorCode>)> = [
        405, 411, 412, 416, 500, 400, 403, 404, 409, 429, 501, 502, 503,
    ]
    .into_iter()
    .map(|status| {
        (
            status,
            ObsError::<ObsErrorCode>::from_status(status).known_code(),
        )
    })
    .collect();
    assert_eq!(
        derived,
        [
            // Two codes have 405 (MethodNotAllowed, FsNotSupport): the status alone
            // does not say which.
            (405, None),
            (411, Some(ObsErrorCode::MissingContentLength)),
            (412, Some(ObsErrorCode::PreconditionFailed)),
            (416, Some(ObsErrorCode::InvalidRange)),
            (500, Some(ObsErrorCode::InternalError)),
            (400, None),
            (403, None),
            (404, None),
            (409, None),
            // The API reference's TooManyRequests is the one 429 code.
            (429, Some(ObsErrorCode::TooManyRequests)),
            (501, None),
            (502, None),
            (503, None),
        ]
    );
    let bare: ObsError = ObsError::from_status(503);
    assert_eq!(bare.code(), None);
    assert_eq!(bare.code_source(), None);
    assert_eq!(bare.body_format(), BodyFormat::Empty);
    assert_eq!(bare.issues(), []);
    assert_eq!(bare.retry_class(), RetryClass::Transient);
}

#[test]
fn json_error_body() {
    let body = br#"{"code": "SlowDown", "message": "Reduce your request frequency.", "request_id": "0000018A8C7D3E2F", "detail": {"retry_after": 2}, "hint": "back off"}"#;
    let headers = [
        ("Content-Type", "application/json"),
        ("x-obs-request-id", "0000018A8C7D3E2F"),
    ];
    let error: ObsError = ObsError::from_parts(503, headers, body);
    assert_eq!(
        seen(&error),
        Seen {
            status: 503,
            code: Some("SlowDown"),
            known: Some(ObsErrorCode::SlowDown),
            code_source: Some(CodeSource::Body),
            message: Some("Reduce your request frequency."),
            request_id: Some("0000018A8C7D3E2F"),
            id_2: None,
            resource: None,
            indicator: None,
            extra: vec![("hint", "back off")],
            body_format: BodyFormat::Json,
            issues: &[],
        }
    );
    assert_eq!(error.retry_class(), RetryClass::Throttled);
}

#[test]
fn json_with_unknown_code_and_escapes() {
    let body = "{\"code\":\"Obs.0404\",\"message\":\"Bucket \\\"b\\\" not found\\u0021\",\"request_id\":null}";
    let error: ObsError = ObsError::from_parts(404, [("x-obs-request-id", "H1")], body.as_bytes());
    assert_eq!(error.code(), Some(&Code::new("Obs.0404")));
    assert_eq!(error.message(), Some("Bucket \"b\" not found!"));
    // `null` counts as absent: the header supplies it.
    assert_eq!(error.request_id(), Some("H1"));
}

#[test]
fn content_type_is_not_trusted() {
    let json_as_xml: ObsError = ObsError::from_parts(
        400,
        [("content-type", "application/xml")],
        br#"{"code":"InvalidArgument"}"#,
    );
    assert_eq!(
        json_as_xml.known_code(),
        Some(ObsErrorCode::InvalidArgument)
    );
    assert_eq!(json_as_xml.body_format(), BodyFormat::Json);

    let xml_as_json: ObsError = ObsError::from_parts(
        400,
        [("content-type", "application/json")],
        b"<Error><Code>InvalidArgument</Code></Error>",
    );
    assert_eq!(
        xml_as_json.known_code(),
        Some(ObsErrorCode::InvalidArgument)
    );

    let text: ObsError =
        ObsError::from_parts(502, [("content-type", "text/plain")], b"Bad Gateway");
    assert_eq!(text.body_format(), BodyFormat::Other);
    assert_eq!(text.code(), None);
    assert_eq!(text.retry_class(), RetryClass::Transient);

    let html: ObsError = ObsError::from_body(
        500,
        b"<html><head><title>500 Internal Server Error</title></head></html>",
    );
    assert_eq!(
        html.issues(),
        [BodyIssue::UnexpectedRoot {
            expected: "Error",
            found: "html".to_owned()
        }]
    );
    assert_eq!(html.code_source(), Some(CodeSource::Status));
    assert_eq!(html.known_code(), Some(ObsErrorCode::InternalError));
}

#[test]
fn namespaced_and_prefixed_error_bodies() {
    let plain: ObsError = ObsError::from_body(404, &sample("nosuchkey-api-ref.xml"));
    let namespaced = String::from_utf8(sample("nosuchkey-api-ref.xml"))
        .unwrap()
        .replace(
            "<Error>",
            r#"<Error xmlns="http://obs.region.example.com/doc/2015-06-30/">"#,
        );
    let error: ObsError = ObsError::from_body(404, namespaced.as_bytes());
    assert_eq!(error, plain);

    let s3 = r#"<?xml version="1.0"?>
<s3:Error xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:Code>NoSuchKey</s3:Code>
<s3:Message>The resource you requested does not exist</s3:Message><s3:Resource>/example-bucket/object</s3:Resource>
<s3:RequestId>001B21A61C6C0000013402C4616D5285</s3:RequestId><s3:HostId>RkRCRDJENDc5MzdGQkQ4OUY3MTI4NTQ3NDk2Mjg0M0FBQUFBQUFBYmJiYmJiYmJD</s3:HostId></s3:Error>"#;
    let prefixed: ObsError = ObsError::from_body(404, s3.as_bytes());
    assert_eq!(prefixed, plain);
}

#[test]
fn ok_response_with_an_error_body() {
    // Copy: 200 OK, and an <Error> instead of <CopyObjectResult>, after keep-alive blanks.
    let body = b"\n \n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>R-copy</RequestId></Error>";
    assert!(is_error_body(body));
    let error = ObsError::<ObsErrorCode>::from_ok_body(200, [("x-obs-request-id", "R-copy")], body)
        .expect("an error body");
    assert_eq!(error.status(), 200);
    assert_eq!(error.known_code(), Some(ObsErrorCode::InternalError));
    assert_eq!(error.code_source(), Some(CodeSource::Body));
    assert_eq!(error.request_id(), Some("R-copy"));
    assert_eq!(error.retry_class(), RetryClass::Transient);

    // Multipart complete that succeeded: not an error.
    let done = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CompleteMultipartUploadResult xmlns="http://obs.region.example.com/doc/2015-06-30/"><Location>/b/k</Location><ETag>"3858f62230ac3c915f300c664312c11f-2"</ETag></CompleteMultipartUploadResult>"#;
    assert!(!is_error_body(done));
    assert!(ObsError::<ObsErrorCode>::from_ok_body(200, [("a", "b")], done).is_none());
    assert!(!is_error_body(b""));
    assert!(!is_error_body(br#"{"code":"InternalError"}"#));
}

#[test]
fn resolution_order_body_then_header_then_status() {
    let headers = [
        ("x-obs-error-code", "AccessDenied"),
        ("x-amz-error-code", "SignatureDoesNotMatch"),
        ("x-obs-error-message", "from the header"),
        ("x-obs-request-id", "HEADER-ID"),
        ("x-obs-id-2", "HEADER-ID-2"),
    ];
    // The body has a code and a request id but no message or HostId.
    let body = b"<Error><Code>InvalidAccessKeyId</Code><RequestId>BODY-ID</RequestId></Error>";
    let error: ObsError = ObsError::from_parts(403, headers, body);
    assert_eq!(error.known_code(), Some(ObsErrorCode::InvalidAccessKeyId));
    assert_eq!(error.code_source(), Some(CodeSource::Body));
    assert_eq!(error.message(), Some("from the header"));
    assert_eq!(error.request_id(), Some("BODY-ID"));
    assert_eq!(error.id_2(), Some("HEADER-ID-2"));

    // No code in the body (empty <Code/>): the x-obs- header, before the x-amz- one.
    let error: ObsError = ObsError::from_parts(403, headers, b"<Error><Code> </Code></Error>");
    assert_eq!(error.known_code(), Some(ObsErrorCode::AccessDenied));
    assert_eq!(error.code_source(), Some(CodeSource::Header));

    // A header code beats the status.
    let error: ObsError = ObsError::from_parts(500, [("x-amz-error-code", "SlowDown")], b"");
    assert_eq!(error.known_code(), Some(ObsErrorCode::SlowDown));
    assert_eq!(error.code_source(), Some(CodeSource::Header));
}

#[test]
fn unknown_codes_are_kept_exactly_and_aliases_are_known() {
    let error: ObsError = ObsError::from_body(404, b"<Error><Code>\n  noSuchKEY \n</Code></Error>");
    assert_eq!(error.code(), Some(&Code::new("noSuchKEY")));
    assert_eq!(error.code_str(), Some("noSuchKEY"));
    assert_eq!(error.known_code(), None);

    let alias: ObsError = ObsError::from_body(400, b"<Error><Code>KeyTooLongError</Code></Error>");
    assert_eq!(alias.known_code(), Some(ObsErrorCode::KeyTooLong));

    let spaced: ObsError = ObsError::from_body(
        403,
        b"<Error><Code>System Capacity Not enough</Code></Error>",
    );
    assert!(spaced.code().is_some_and(Code::is_known));
}

#[test]
fn retry_advice_from_code_then_status() {
    let class = |status: u16, code: &str| {
        let body = format!("<Error><Code>{code}</Code></Error>");
        ObsError::<ObsErrorCode>::from_body(status, body.as_bytes()).retry_class()
    };
    assert_eq!(class(500, "InternalError"), RetryClass::Transient);
    assert_eq!(class(503, "ServiceUnavailable"), RetryClass::Transient);
    assert_eq!(class(400, "RequestTimeout"), RetryClass::Transient);
    assert_eq!(class(409, "OperationAborted"), RetryClass::Transient);
    assert_eq!(class(503, "SlowDown"), RetryClass::Throttled);
    assert_eq!(class(429, "TooManyRequests"), RetryClass::Throttled);
    assert_eq!(class(403, "RequestTimeTooSkewed"), RetryClass::ClockSkew);
    assert_eq!(class(404, "NoSuchKey"), RetryClass::NotRetryable);
    assert_eq!(
        class(504, "GatewayTimeoutOfSomeProxy"),
        RetryClass::Transient
    );
    assert_eq!(class(408, "Whatever"), RetryClass::Transient);
    assert_eq!(class(403, "Whatever"), RetryClass::NotRetryable);
    assert!(class(503, "SlowDown").is_retryable());
    assert!(!class(403, "RequestTimeTooSkewed").is_retryable());
}

#[test]
fn display_is_an_actionable_log_line() {
    let sample = HttpSample::load("nosuchkey-amz-headers.http");
    assert_eq!(
        from_http(&sample).to_string(),
        "NoSuchKey: The specified key does not exist. (HTTP 404, request id DCD2FC9CAB78000001438F6640529BA9)"
    );
    let unknown: ObsError = ObsError::from_body(
        400,
        b"<Error><Code>Obs.Quota</Code><Message>quota\nexceeded</Message></Error>",
    );
    assert_eq!(unknown.to_string(), "Obs.Quota: quota exceeded (HTTP 400)");

    // No message: a known code's description stands in.
    let head: ObsError = ObsError::from_parts(
        404,
        [
            ("x-obs-error-code", "NoSuchBucket"),
            ("x-obs-request-id", "R7"),
        ],
        b"",
    );
    assert_eq!(
        head.to_string(),
        format!(
            "NoSuchBucket: {} (HTTP 404, request id R7)",
            ObsErrorCode::NoSuchBucket.description()
        )
    );
    assert_eq!(
        ObsError::<ObsErrorCode>::from_status(502).to_string(),
        "no error code (HTTP 502)"
    );

    // A code inferred from a bare status says so: the server did not send it (a HEAD
    // of `?partNumber=5` answered 416 may as well be S3's `InvalidPartNumber`).
    assert_eq!(
        ObsError::from_status(416).to_string(),
        format!(
            "InvalidRange (inferred from HTTP 416): {} (HTTP 416)",
            ObsErrorCode::InvalidRange.description()
        )
    );
    let inferred: ObsError = ObsError::from_parts(412, [("x-obs-request-id", "R8")], b"");
    assert_eq!(
        inferred.to_string(),
        format!(
            "PreconditionFailed (inferred from HTTP 412): {} (HTTP 412, request id R8)",
            ObsErrorCode::PreconditionFailed.description()
        )
    );
    // The same code sent by the server is not marked.
    let sent: ObsError = ObsError::from_parts(416, [("x-obs-error-code", "InvalidRange")], b"");
    assert!(sent.to_string().starts_with("InvalidRange: "), "{sent}");

    // Text from the wire cannot break the line.
    let forged: ObsError = ObsError::from_body(
        400,
        br#"{"code":"X","message":"bad\n2024-01-01 INFO all good\u001b[0m","request_id":"R\r1"}"#,
    );
    assert_eq!(
        forged.to_string(),
        r"X: bad\n2024-01-01 INFO all good\u{1b}[0m (HTTP 400, request id R\r1)"
    );
}

#[test]
fn headers_as_pairs_of_any_text_by_value_or_by_reference() {
    let expected: ObsError = ObsError::from_parts(
        404,
        [
            ("x-obs-error-code", "NoSuchBucket"),
            ("x-obs-request-id", "R1"),
        ],
        b"",
    );
    assert_eq!(expected.known_code(), Some(ObsErrorCode::NoSuchBucket));
    assert_eq!(expected.request_id(), Some("R1"));

    let strs = [
        ("x-obs-error-code", "NoSuchBucket"),
        ("x-obs-request-id", "R1"),
    ];
    let strings: Vec<(String, String)> = strs
        .iter()
        .map(|&(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    let bytes: Vec<(&str, &[u8])> = strs
        .iter()
        .map(|&(name, value)| (name, value.as_bytes()))
        .collect();
    let owned_bytes: Vec<(Box<str>, Vec<u8>)> = strs
        .iter()
        .map(|&(name, value)| (Box::from(name), value.as_bytes().to_vec()))
        .collect();
    let read = |error: ObsError| assert_eq!(error, expected);
    read(ObsError::from_parts(404, &strs, b""));
    read(ObsError::from_parts(404, &strs[..], b""));
    read(ObsError::from_parts(404, strs.to_vec(), b""));
    read(ObsError::from_parts(404, &strs.to_vec(), b""));
    read(ObsError::from_parts(404, &strings, b""));
    read(ObsError::from_parts(404, &strings[..], b""));
    read(ObsError::from_parts(404, strings.iter(), b""));
    read(ObsError::from_parts(404, strings.clone(), b""));
    read(ObsError::from_parts(404, &bytes, b""));
    read(ObsError::from_parts(404, &owned_bytes, b""));
    read(ObsError::from_parts(
        404,
        strings.iter().map(|(name, value)| (name, value)),
        b"",
    ));
    read(ObsError::from_parts(
        404,
        strs.map(|(name, value)| (std::borrow::Cow::Borrowed(name), value.to_owned())),
        b"",
    ));
    assert_eq!(
        ObsError::from_ok_body(200, &strings, b"<Error/>")
            .map(|e| e.request_id().map(str::to_owned)),
        Some(Some("R1".to_owned()))
    );
}

#[test]
fn errors_are_std_errors_and_small() {
    fn takes_error(_: &(dyn std::error::Error + Send + Sync + 'static)) {}
    let error: ObsError = ObsError::from_status(500);
    takes_error(&error);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.to_string());
    // `Debug` lists the fields as read.
    let debug = format!("{error:?}");
    assert!(debug.contains("status: 500"), "{debug}");
    assert!(
        debug.contains("code: Some(Known(InternalError))"),
        "{debug}"
    );
    assert!(debug.contains("code_source: Some(Status)"), "{debug}");
    // One pointer: `Result<T, ObsError>` stays small.
    assert_eq!(size_of::<ObsError>(), size_of::<usize>());
}

/// `Wed, 01 Jul 2015 04:20:51 GMT`, the API reference's sample date, as an instant.
const SAMPLE_DATE: &str = "Wed, 01 Jul 2015 04:20:51 GMT";
const SAMPLE_INSTANT: u64 = 1_435_724_451;

fn unix(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
}

#[test]
fn every_5xx_but_501_and_505_is_transient() {
    for status in 500..=599u16 {
        let expected = match status {
            501 | 505 => RetryClass::NotRetryable,
            _ => RetryClass::Transient,
        };
        // Bare, with an unknown code, and with a body that is no error document.
        let bare = ObsError::from_status(status);
        let unknown = ObsError::from_body(status, b"<Error><Code>OriginError</Code></Error>");
        let html = ObsError::from_body(status, b"<html>Origin Error</html>");
        for error in [&bare, &unknown, &html] {
            assert_eq!(error.retry_class(), expected, "{status}: {error}");
        }
        assert_eq!(RetryClass::for_status(status), expected, "{status}");
    }
    // A code the table knows keeps the table's word, whatever the 5xx.
    let not_implemented = ObsError::from_body(503, b"<Error><Code>NotImplemented</Code></Error>");
    assert_eq!(not_implemented.retry_class(), RetryClass::NotRetryable);
    assert_eq!(RetryClass::for_status(499), RetryClass::NotRetryable);
    assert_eq!(RetryClass::for_status(600), RetryClass::NotRetryable);
}

#[test]
fn retry_after_in_seconds_or_as_a_date() {
    let seconds = ObsError::from_parts(503, [("retry-after", " 120 ")], b"");
    assert_eq!(seconds.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(seconds.issues(), []);

    // A date counts from the response's own Date: the client's clock plays no part.
    let dated = |retry_after: &str| {
        ObsError::from_parts(
            429,
            [("Date", SAMPLE_DATE), ("Retry-After", retry_after)],
            b"",
        )
    };
    assert_eq!(dated("1").date(), Some(unix(SAMPLE_INSTANT)));
    for (retry_after, wait) in [
        ("Wed, 01 Jul 2015 04:21:21 GMT", 30),
        // RFC 850 and asctime dates are HTTP-dates too.
        ("Wednesday, 01-Jul-15 04:21:01 GMT", 10),
        ("Wed Jul  1 04:20:52 2015", 1),
        // Already past: no wait.
        ("Sun, 06 Nov 1994 08:49:37 GMT", 0),
    ] {
        let error = dated(retry_after);
        assert_eq!(
            error.retry_after(),
            Some(Duration::from_secs(wait)),
            "{retry_after}"
        );
        assert_eq!(error.issues(), []);
    }
    // No Date: from now.
    let later = SystemTime::now() + Duration::from_secs(3600);
    let undated = ObsError::from_parts(503, [("Retry-After", httpdate(later))], b"");
    let wait = undated.retry_after().expect("a wait");
    assert!(
        wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3600),
        "{wait:?}"
    );

    // Neither: an issue keeps what was sent.
    let odd = ObsError::from_parts(503, [("Date", "today"), ("Retry-After", "soon")], b"");
    assert_eq!(odd.retry_after(), None);
    assert_eq!(odd.date(), None);
    assert_eq!(
        odd.issues(),
        [
            BodyIssue::UnreadableValue {
                field: "Date",
                value: "today".to_owned()
            },
            BodyIssue::UnreadableValue {
                field: "Retry-After",
                value: "soon".to_owned()
            },
        ]
    );
    assert_eq!(ObsError::from_status(503).retry_after(), None);
}

#[test]
fn the_test_date_writers_match_the_samples() {
    assert_eq!(httpdate(unix(SAMPLE_INSTANT)), SAMPLE_DATE);
    assert_eq!(httpdate(unix(784_111_777)), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(
        support::iso_date(unix(SAMPLE_INSTANT)),
        "2015-07-01T04:20:51Z"
    );
    assert_eq!(support::iso_date(unix(951_782_400)), "2000-02-29T00:00:00Z");
}

#[test]
fn server_time_for_clock_skew() {
    // The shape of an S3-compatible RequestTimeTooSkewed body.
    let body = br"<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the server's time is too large.</Message><RequestTime>20150701T034051Z</RequestTime><ServerTime>2015-07-01T04:20:51Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>";
    let skewed = ObsError::from_parts(403, [("Date", "Wed, 01 Jul 2015 04:20:50 GMT")], body);
    assert_eq!(skewed.retry_class(), RetryClass::ClockSkew);
    // The body's ServerTime before the Date header.
    assert_eq!(skewed.server_time(), Some(unix(SAMPLE_INSTANT)));
    assert_eq!(
        skewed.extra_value("ServerTime"),
        Some("2015-07-01T04:20:51Z")
    );
    assert_eq!(skewed.issues(), []);

    let head = ObsError::from_parts(
        403,
        [
            ("x-obs-error-code", "RequestTimeTooSkewed"),
            ("Date", SAMPLE_DATE),
        ],
        b"",
    );
    assert_eq!(head.server_time(), Some(unix(SAMPLE_INSTANT)));

    let odd = ObsError::from_parts(
        403,
        [("Date", SAMPLE_DATE)],
        b"<Error><Code>RequestTimeTooSkewed</Code><ServerTime>noon</ServerTime></Error>",
    );
    assert_eq!(odd.server_time(), Some(unix(SAMPLE_INSTANT)));
    assert_eq!(
        odd.issues(),
        [BodyIssue::UnreadableValue {
            field: "ServerTime",
            value: "noon".to_owned()
        }]
    );
    assert_eq!(ObsError::from_status(403).server_time(), None);
}

#[test]
fn kinds_from_code_then_status() {
    let kind = |status: u16, code: Option<&str>| match code {
        Some(code) => ObsError::from_parts(status, [("x-obs-error-code", code)], b"").kind(),
        None => ObsError::from_status(status).kind(),
    };
    let cases = [
        (404, Some("NoSuchKey"), ErrorKind::NotFound),
        (404, Some("NoSuchBucket"), ErrorKind::NotFound),
        (403, Some("AccessDenied"), ErrorKind::PermissionDenied),
        (
            403,
            Some("SignatureDoesNotMatch"),
            ErrorKind::PermissionDenied,
        ),
        (409, Some("BucketAlreadyExists"), ErrorKind::Conflict),
        (409, Some("BucketNotEmpty"), ErrorKind::Conflict),
        (
            412,
            Some("PreconditionFailed"),
            ErrorKind::PreconditionFailed,
        ),
        (400, Some("InvalidArgument"), ErrorKind::InvalidRequest),
        (503, Some("SlowDown"), ErrorKind::RateLimited),
        (429, Some("TooManyRequests"), ErrorKind::RateLimited),
        (503, Some("ServiceUnavailable"), ErrorKind::Unavailable),
        (500, Some("InternalError"), ErrorKind::Unavailable),
        (400, Some("RequestTimeout"), ErrorKind::Unavailable),
        (301, Some("PermanentRedirect"), ErrorKind::Redirect),
        (307, Some("TemporaryRedirect"), ErrorKind::Redirect),
        (501, Some("NotImplemented"), ErrorKind::Unsupported),
        (405, Some("MethodNotAllowed"), ErrorKind::Unsupported),
        // The table's status for a known code, even under another response status.
        (400, Some("NoSuchKey"), ErrorKind::NotFound),
        // Unknown code: the status.
        (
            404,
            Some("NoSuchEncryptionConfiguration"),
            ErrorKind::NotFound,
        ),
        (409, Some("ObjectNotAppendable"), ErrorKind::Conflict),
        // OpenDAL's anchors: 304 and 412 a condition, 404, 403.
        (304, None, ErrorKind::NotModified),
        (412, None, ErrorKind::PreconditionFailed),
        (404, None, ErrorKind::NotFound),
        (403, None, ErrorKind::PermissionDenied),
        (429, None, ErrorKind::RateLimited),
        (502, None, ErrorKind::Unavailable),
        (505, None, ErrorKind::Unsupported),
        (200, None, ErrorKind::Other),
    ];
    for (status, code, expected) in cases {
        assert_eq!(kind(status, code), expected, "{status} {code:?}");
    }
}

#[test]
fn into_io_error_and_back() {
    // `?` from a function returning io::Result.
    fn read_object() -> std::io::Result<Vec<u8>> {
        Err(ObsError::from_body(
            404,
            b"<Error><Code>NoSuchKey</Code></Error>",
        ))?
    }
    for (status, io_kind) in [
        (404, std::io::ErrorKind::NotFound),
        (403, std::io::ErrorKind::PermissionDenied),
        (409, std::io::ErrorKind::AlreadyExists),
        (400, std::io::ErrorKind::InvalidInput),
        (501, std::io::ErrorKind::Unsupported),
        (503, std::io::ErrorKind::Other),
    ] {
        let error = ObsError::from_parts(status, [("x-obs-request-id", "R")], b"");
        let io: std::io::Error = error.clone().into();
        assert_eq!(io.kind(), io_kind, "{status}");
        assert_eq!(io.to_string(), error.to_string());
        let back = io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ObsError>());
        assert_eq!(back, Some(&error));
    }
    let io = read_object().unwrap_err();
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert!(io.into_inner().is_some_and(|inner| inner.is::<ObsError>()));
}

#[test]
fn redirect_targets() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message><Bucket>photos</Bucket><Endpoint>photos.obs.ap-southeast-1.myhuaweicloud.com</Endpoint><RequestId>R</RequestId></Error>"#;
    let moved = ObsError::from_body(301, body);
    assert_eq!(moved.kind(), ErrorKind::Redirect);
    let target = moved.redirect().expect("a target");
    assert_eq!(
        target.endpoint,
        Some("photos.obs.ap-southeast-1.myhuaweicloud.com")
    );
    assert_eq!(target.bucket, Some("photos"));
    assert_eq!(target.location, None);

    let temporary = ObsError::from_parts(
        307,
        [
            ("x-obs-error-code", "TemporaryRedirect"),
            ("Location", "https://photos.obs.example.com/cat.jpg"),
        ],
        b"",
    );
    let target = temporary.redirect().expect("a target");
    assert_eq!(
        target.location,
        Some("https://photos.obs.example.com/cat.jpg")
    );
    assert_eq!(target.endpoint, None);

    // WebsiteRedirect and Redirect are redirects by code, a bare 308 by status.
    for error in [
        ObsError::from_parts(
            301,
            [("x-obs-error-code", "WebsiteRedirect"), ("location", "/b")],
            b"",
        ),
        ObsError::from_parts(
            307,
            [("x-obs-error-code", "Redirect"), ("location", "/b")],
            b"",
        ),
        ObsError::from_parts(308, [("location", "/b")], b""),
    ] {
        assert_eq!(
            error.redirect().map(|t| t.location),
            Some(Some("/b")),
            "{error}"
        );
    }
    // No target named, or no redirect: none.
    assert_eq!(ObsError::from_status(301).redirect(), None);
    let not_found = ObsError::from_parts(404, [("Location", "/elsewhere")], b"");
    assert_eq!(not_found.redirect(), None);
}

#[test]
fn the_code_is_logged_as_the_server_spelled_it() {
    let alias = ObsError::from_body(
        400,
        b"<Error><Code>KeyTooLongError</Code><Message>Your key is too long.</Message></Error>",
    );
    assert_eq!(alias.code_str(), Some("KeyTooLongError"));
    assert_eq!(alias.known_code(), Some(ObsErrorCode::KeyTooLong));
    assert_eq!(alias.code(), Some(&Code::from(ObsErrorCode::KeyTooLong)));
    assert_eq!(
        alias.to_string(),
        "KeyTooLongError: Your key is too long. (HTTP 400)"
    );

    let capacity =
        ObsError::from_parts(503, [("x-obs-error-code", "SystemCapacityNotEnough")], b"");
    assert_eq!(capacity.code_str(), Some("SystemCapacityNotEnough"));
    assert!(
        capacity
            .to_string()
            .starts_with("SystemCapacityNotEnough: "),
        "{capacity}"
    );
    assert_eq!(
        capacity.known_code().map(ObsErrorCode::as_str),
        Some("System Capacity Not enough")
    );

    // The table's own spelling, and a code derived from the status, are the wire code.
    let spelled = ObsError::from_body(
        403,
        b"<Error><Code>System Capacity Not enough</Code></Error>",
    );
    assert_eq!(spelled.code_str(), Some("System Capacity Not enough"));
    assert_eq!(
        ObsError::from_status(412).code_str(),
        Some("PreconditionFailed")
    );

    let batch = DeleteErrors::from_body(
        b"<DeleteResult><Error><Key>k</Key><Code>KeyTooLongError</Code></Error></DeleteResult>",
    );
    let [key_error] = batch.errors() else {
        panic!("{batch:?}")
    };
    assert_eq!(key_error.code_str(), Some("KeyTooLongError"));
    assert_eq!(key_error.to_string(), r#"key "k": KeyTooLongError"#);
}

#[test]
fn json_bodies_in_three_spellings() {
    let read = |body: &str| {
        let error = ObsError::from_body(403, body.as_bytes());
        (
            error.code_str().map(str::to_owned),
            error.message().map(str::to_owned),
            error.request_id().map(str::to_owned),
            error.issues().to_vec(),
        )
    };
    let expected = (
        Some("AccessDenied".to_owned()),
        Some("Access Denied".to_owned()),
        Some("R1".to_owned()),
        vec![],
    );
    assert_eq!(
        read(r#"{"code":"AccessDenied","message":"Access Denied","request_id":"R1"}"#),
        expected
    );
    assert_eq!(
        read(r#"{"Code":"AccessDenied","Message":"Access Denied","RequestId":"R1"}"#),
        expected
    );
    assert_eq!(
        read(r#"{"error_code":"AccessDenied","error_msg":"Access Denied","request_id":"R1"}"#),
        expected
    );

    // The Huawei Cloud API style with its own codes: unknown to the table, kept.
    let api = ObsError::from_body(
        400,
        br#"{"error_code":"OBS.0001","error_msg":"Invalid parameter","request_id":"b4a0c5"}"#,
    );
    assert_eq!(api.code(), Some(&Code::new("OBS.0001")));
    assert_eq!(api.message(), Some("Invalid parameter"));
    // Two spellings of one field: the first wins, the other is kept among the extras.
    let both = ObsError::from_body(400, br#"{"code":"A","error_code":"B"}"#);
    assert_eq!(both.code_str(), Some("A"));
    assert_eq!(both.extra(), [("error_code".to_owned(), "B".to_owned())]);
}

#[test]
fn batch_delete_lists_what_was_deleted() {
    let body = br#"<DeleteResult xmlns="http://obs.region.example.com/doc/2015-06-30/">
  <Deleted><Key>plain</Key></Deleted>
  <Deleted><Key>v</Key><VersionId>v-1</VersionId></Deleted>
  <Deleted><Key>m</Key><DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>dm-2</DeleteMarkerVersionId></Deleted>
  <Deleted><Key>odd</Key><DeleteMarker>yes</DeleteMarker><Owner>x</Owner></Deleted>
  <Error><Key>e</Key><Code>AccessDenied</Code></Error>
</DeleteResult>"#;
    let result = DeleteErrors::from_body(body);
    assert_eq!(result.issues(), []);
    let deleted: Vec<_> = result
        .deleted()
        .iter()
        .map(|d| {
            (
                d.key(),
                d.version_id(),
                d.delete_marker(),
                d.delete_marker_version_id(),
            )
        })
        .collect();
    assert_eq!(
        deleted,
        [
            (Some("plain"), None, false, None),
            (Some("v"), Some("v-1"), false, None),
            (Some("m"), None, true, Some("dm-2")),
            (Some("odd"), None, false, None),
        ]
    );
    // A DeleteMarker that is neither true nor false is kept, not guessed.
    assert_eq!(
        result.deleted()[3].extra(),
        [
            ("Owner".to_owned(), "x".to_owned()),
            ("DeleteMarker".to_owned(), "yes".to_owned())
        ]
    );
    assert_eq!(result.errors().len(), 1);
}

mod custom_enum {
    use super::*;

    obs_codes::obs_errors! {
        /// The bundled table plus two codes of our own.
        pub enum MyCode { obs, "tests/fixtures/my.csv" }
    }

    obs_codes::obs_errors! {
        /// Only our own codes.
        pub enum Mine { "tests/fixtures/mine.csv" }
    }

    obs_codes::obs_errors! {
        /// The example gateway's table: OBS's codes and `GatewayQuotaExceeded` (429).
        pub enum GatewayCode { obs, "examples/gateway.csv" }
    }

    #[test]
    fn a_table_429_code_is_throttled_like_a_bare_429() {
        let body = b"<Error><Code>GatewayQuotaExceeded</Code></Error>";
        let from_body = ObsError::<GatewayCode>::from_body_in(429, body);
        let from_header = ObsError::<GatewayCode>::from_parts_in(
            429,
            [("x-obs-error-code", "GatewayQuotaExceeded")],
            b"",
        );
        let bare = ObsError::<GatewayCode>::from_status_in(429);
        // Two rows have 429 (the bundled `TooManyRequests` and the gateway's): a bare
        // 429 names neither, and is throttled all the same.
        assert_eq!(bare.known_code(), None);
        for error in [&from_body, &from_header] {
            assert_eq!(error.known_code(), Some(GatewayCode::GatewayQuotaExceeded));
        }
        for error in [&from_body, &from_header, &bare] {
            assert_eq!(error.retry_class(), RetryClass::Throttled, "{error}");
            assert_eq!(error.kind(), ErrorKind::RateLimited);
        }
        // Whatever status the response had: the table gives the code 429.
        assert_eq!(
            ObsError::<GatewayCode>::from_body_in(400, body).retry_class(),
            RetryClass::Throttled
        );
        // The bundled table's bare 429 (no code) says the same.
        assert_eq!(
            ObsError::from_status(429).retry_class(),
            RetryClass::Throttled
        );
        // A 502 row of the table's own is transient, its 403 row not retryable.
        let upstream = ObsError::<GatewayCode>::from_parts_in(
            502,
            [("x-obs-error-code", "UpstreamUnreachable")],
            b"",
        );
        assert_eq!(upstream.retry_class(), RetryClass::Transient);
        assert_eq!(upstream.kind(), ErrorKind::Unavailable);
        let suspended = ObsError::<GatewayCode>::from_parts_in(
            403,
            [("x-obs-error-code", "TenantSuspended")],
            b"",
        );
        assert_eq!(suspended.retry_class(), RetryClass::NotRetryable);
        assert_eq!(suspended.kind(), ErrorKind::PermissionDenied);
        // The gateway's alias of NoSuchKey is logged as sent.
        let alias = ObsError::<GatewayCode>::from_parts_in(
            404,
            [("x-obs-error-code", "NoSuchObject")],
            b"",
        );
        assert_eq!(alias.known_code(), Some(GatewayCode::NoSuchKey));
        assert_eq!(alias.code_str(), Some("NoSuchObject"));
    }

    #[test]
    fn a_retryable_code_in_a_429_response_is_throttled() {
        // WidgetBusy: 409 in the table, retryable.
        let busy = |status| {
            ObsError::<Mine>::from_parts_in(status, [("x-obs-error-code", "WidgetBusy")], b"")
                .retry_class()
        };
        assert_eq!(busy(409), RetryClass::Transient);
        assert_eq!(busy(429), RetryClass::Throttled);
        // Its kind follows the table's status.
        let error = ObsError::<Mine>::from_parts_in(429, [("x-obs-error-code", "WidgetBusy")], b"");
        assert_eq!(error.kind(), ErrorKind::Conflict);
        assert_eq!(
            ObsError::<Mine>::from_status_in(404).kind(),
            ErrorKind::NotFound
        );
    }

    #[test]
    fn constructors_infer_the_bundled_table_and_name_any_other() {
        // `?` into anyhow, bundled and generic alike.
        fn fails(mine: bool) -> anyhow::Result<()> {
            if mine {
                Err(ObsError::<Mine>::from_status_in(409))?
            } else {
                Err(ObsError::from_status(409))?
            }
        }
        // Un-annotated: the bundled table, as `HashMap::new` infers its hasher.
        let error = ObsError::from_parts(404, [("x-obs-error-code", "NoSuchKey")], b"");
        let chained: anyhow::Error = ObsError::from_body(404, b"").into();
        assert_eq!(
            chained.downcast_ref::<ObsError>().map(ObsError::status),
            Some(404)
        );
        assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
        let batch = DeleteErrors::from_body(b"<DeleteResult/>");
        assert!(batch.is_empty());
        // Another table: named once, on the type.
        let mine =
            ObsError::<Mine>::from_parts_in(404, [("x-obs-error-code", "NoSuchWidget")], b"");
        assert_eq!(mine.known_code(), Some(Mine::NoSuchWidget));
        let annotated: ObsError<Mine> = ObsError::from_status_in(404);
        assert_eq!(annotated, ObsError::<Mine>::from_status_in(404));
        let mine_batch = DeleteErrors::<Mine>::from_body_in(b"<DeleteResult/>");
        assert!(mine_batch.is_empty());
        assert!(fails(true).unwrap_err().is::<ObsError<Mine>>());
        assert!(fails(false).unwrap_err().is::<ObsError>());
    }

    #[test]
    fn a_merged_table_types_the_extra_codes() {
        let body = br"<Error><Code>GatewayThrottled</Code><Message>Reduce the number of requests.</Message><RequestId>R1</RequestId></Error>";
        let error = ObsError::<MyCode>::from_body_in(429, body);
        assert_eq!(error.known_code(), Some(MyCode::GatewayThrottled));
        // The table's own 429 code, retryable by the status rule: throttled.
        assert_eq!(error.retry_class(), RetryClass::Throttled);
        assert_eq!(
            error.to_string(),
            "GatewayThrottled: Reduce the number of requests. (HTTP 429, request id R1)"
        );
        // The bundled rows are there too; the same body is Unknown for ObsErrorCode.
        let bundled: ObsError = ObsError::from_body(429, body);
        assert_eq!(bundled.code(), Some(&Code::new("GatewayThrottled")));
        // The bundled table's own 429 code, through the merged enum.
        let throttled = ObsError::<MyCode>::from_body_in(
            429,
            br"<Error><Code>TooManyRequests</Code><Message>Slow down.</Message></Error>",
        );
        assert_eq!(throttled.known_code(), Some(MyCode::TooManyRequests));
        assert_eq!(throttled.retry_class(), RetryClass::Throttled);
        let known = ObsError::<MyCode>::from_body_in(404, &sample("nosuchkey-api-ref.xml"));
        assert_eq!(known.known_code(), Some(MyCode::NoSuchKey));
        // Retryable by the table, not named by the reference: transient.
        let busy =
            ObsError::<MyCode>::from_parts_in(409, [("x-obs-error-code", "WidgetBusy")], b"");
        assert_eq!(busy.known_code(), Some(MyCode::WidgetBusy));
        assert_eq!(busy.retry_class(), RetryClass::Transient);
    }

    #[test]
    fn a_table_of_our_own_only() {
        let error = ObsError::<Mine>::from_body_in(404, &sample("nosuchkey-api-ref.xml"));
        assert_eq!(error.code(), Some(&Code::new("NoSuchKey")));
        assert_eq!(error.known_code(), None);
        assert_eq!(error.request_id(), Some("001B21A61C6C0000013402C4616D5285"));
        // The table decides what a bare status stands for: one 404 row here.
        let bare = ObsError::<Mine>::from_status_in(404);
        assert_eq!(bare.known_code(), Some(Mine::NoSuchWidget));
        assert_eq!(bare.code_source(), Some(CodeSource::Status));
        // Named by the reference and known to this table: throttled.
        let slow = ObsError::<Mine>::from_body_in(503, br#"{"code":"SlowDown"}"#);
        assert_eq!(slow.known_code(), Some(Mine::SlowDown));
        assert_eq!(slow.retry_class(), RetryClass::Throttled);

        let batch = DeleteErrors::<Mine>::from_body_in(
            b"<DeleteResult><Error><Key>w</Key><Code>WidgetBusy</Code></Error></DeleteResult>",
        );
        assert_eq!(
            batch.errors()[0].code().and_then(Code::known),
            Some(Mine::WidgetBusy)
        );
        assert_eq!(batch.errors()[0].retry_class(), RetryClass::Transient);
    }
}
