//! Real OBS error responses into typed errors: every sample with its exact fields, the
//! header-only (HEAD), JSON, namespaced and 200-with-error cases, the resolution order,
//! retry advice, `Display`, and a table of our own.

mod support;

use obs_codes::response::{BodyFormat, BodyIssue, CodeSource, DeleteErrors, is_error_body};
use obs_codes::{Code, ObsError, ObsErrorCode, RetryClass};
use support::{HttpSample, sample};

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

/// The HostId of the API reference, which its sample wraps over two lines.
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

    let result: DeleteErrors = DeleteErrors::parse(&sample.body);
    assert_eq!(result.deleted().len(), 1);
    assert_eq!(result.issues(), []);
    assert!(!result.is_empty());
    let [failed] = result.errors() else {
        panic!("one per-key error expected: {result:?}");
    };
    assert_eq!(failed.key(), Some("Key"));
    assert_eq!(failed.version_id(), None);
    // The sample's placeholder code is no OBS code: kept exactly.
    assert_eq!(failed.code(), Some(&Code::Unknown("ErrorCode".to_owned())));
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
    let result: DeleteErrors = DeleteErrors::parse(body);
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
    let classes: Vec<_> = result.errors().iter().map(|e| e.retry_class()).collect();
    assert_eq!(
        classes,
        [
            RetryClass::NotRetryable,
            RetryClass::Transient,
            RetryClass::Throttled
        ]
    );

    let quiet: DeleteErrors = DeleteErrors::parse(b"<DeleteResult/>");
    assert!(quiet.is_empty());
    assert_eq!(quiet.deleted(), []);

    let refused: DeleteErrors = DeleteErrors::parse(b"<Error><Code>AccessDenied</Code></Error>");
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
            (405, Some(ObsErrorCode::MethodNotAllowed)),
            (411, Some(ObsErrorCode::MissingContentLength)),
            (412, Some(ObsErrorCode::PreconditionFailed)),
            (416, Some(ObsErrorCode::InvalidRange)),
            (500, Some(ObsErrorCode::InternalError)),
            (400, None),
            (403, None),
            (404, None),
            (409, None),
            (429, None),
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
    assert_eq!(error.code(), Some(&Code::Unknown("Obs.0404".to_owned())));
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
    assert_eq!(error.code(), Some(&Code::Unknown("noSuchKEY".to_owned())));
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
fn errors_are_std_errors_and_small() {
    fn takes_error(_: &(dyn std::error::Error + Send + Sync + 'static)) {}
    let error: ObsError = ObsError::from_status(500);
    takes_error(&error);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.to_string());
    // One pointer: `Result<T, ObsError>` stays small.
    assert_eq!(size_of::<ObsError>(), size_of::<usize>());
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

    #[test]
    fn a_merged_table_types_the_extra_codes() {
        let body = br#"<Error><Code>TooManyRequests</Code><Message>Reduce the number of requests.</Message><RequestId>R1</RequestId></Error>"#;
        let error = ObsError::<MyCode>::read_body(429, body);
        assert_eq!(error.known_code(), Some(MyCode::TooManyRequests));
        assert_eq!(error.retry_class(), RetryClass::Throttled);
        assert_eq!(
            error.to_string(),
            "TooManyRequests: Reduce the number of requests. (HTTP 429, request id R1)"
        );
        // The bundled rows are there too; the same body is Unknown for ObsErrorCode.
        let bundled: ObsError = ObsError::from_body(429, body);
        assert_eq!(
            bundled.code(),
            Some(&Code::Unknown("TooManyRequests".to_owned()))
        );
        let known = ObsError::<MyCode>::read_body(404, &sample("nosuchkey-api-ref.xml"));
        assert_eq!(known.known_code(), Some(MyCode::NoSuchKey));
        // Retryable by the table, not named by the reference: transient.
        let busy = ObsError::<MyCode>::read_parts(409, [("x-obs-error-code", "WidgetBusy")], b"");
        assert_eq!(busy.known_code(), Some(MyCode::WidgetBusy));
        assert_eq!(busy.retry_class(), RetryClass::Transient);
    }

    #[test]
    fn a_table_of_our_own_only() {
        let error = ObsError::<Mine>::read_body(404, &sample("nosuchkey-api-ref.xml"));
        assert_eq!(error.code(), Some(&Code::Unknown("NoSuchKey".to_owned())));
        assert_eq!(error.known_code(), None);
        assert_eq!(error.request_id(), Some("001B21A61C6C0000013402C4616D5285"));
        // The table decides what a bare status stands for: one 404 row here.
        let bare = ObsError::<Mine>::read_status(404);
        assert_eq!(bare.known_code(), Some(Mine::NoSuchWidget));
        assert_eq!(bare.code_source(), Some(CodeSource::Status));
        // Named by the reference and known to this table: throttled.
        let slow = ObsError::<Mine>::read_body(503, br#"{"code":"SlowDown"}"#);
        assert_eq!(slow.known_code(), Some(Mine::SlowDown));
        assert_eq!(slow.retry_class(), RetryClass::Throttled);

        let batch = DeleteErrors::<Mine>::read(
            b"<DeleteResult><Error><Key>w</Key><Code>WidgetBusy</Code></Error></DeleteResult>",
        );
        assert_eq!(
            batch.errors()[0].code().and_then(Code::known),
            Some(Mine::WidgetBusy)
        );
        assert_eq!(batch.errors()[0].retry_class(), RetryClass::Transient);
    }
}
