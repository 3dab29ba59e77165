//! The response reader against an S3-compatible server that someone else wrote: moto's
//! (`scripts/s3-server.sh`). A plain HTTP/1.1 client sends failing requests; what
//! `ObsError` and `DeleteErrors` read is checked against the raw response.
//!
//! Skipped with a message unless `OBS_CODES_S3_ENDPOINT` names the server
//! (`http://127.0.0.1:PORT`); `OBS_CODES_S3_REQUIRED=1` (set by `.ci/run`) turns the skip
//! into a failure. Only loopback endpoints are accepted.

use ErrorKind::{Conflict, InvalidRequest, NotFound, NotModified, PermissionDenied};
use RetryClass::{NotRetryable, Transient};
use obs_codes::response::{BodyFormat, CodeSource, DeleteErrors, is_error_body};
use obs_codes::{ErrorKind, ObsError, RetryClass};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Connecting, writing and each read: a request that takes longer fails the test.
const TIMEOUT: Duration = Duration::from_secs(20);
/// The most of a response read; the server's error responses are well under 1 KiB.
const MAX_RESPONSE_BYTES: u64 = 1 << 20;
/// moto does not check signatures unless told to, but it treats a request without an
/// `Authorization` header as anonymous, which may not read a private object.
const AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request, \
    SignedHeaders=host, Signature=0000";

/// A response as it came off the wire.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The text of the first `<name>` element of the body, found by plain search: the
    /// reference the reader is checked against.
    fn element(&self, name: &str) -> Option<&str> {
        let body = std::str::from_utf8(&self.body).ok()?;
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let end = body[start..].find(&format!("</{name}>"))? + start;
        Some(&body[start..end]).filter(|value| !value.is_empty())
    }

    fn shown(&self) -> String {
        format!(
            "HTTP {} {:?}\n{}",
            self.status,
            self.headers,
            String::from_utf8_lossy(&self.body).escape_debug()
        )
    }
}

struct Server {
    addr: SocketAddr,
    host: String,
}

impl Server {
    /// One request on its own connection (`Connection: close`), every step under
    /// [`TIMEOUT`].
    fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        signed: bool,
    ) -> Raw {
        let mut stream = TcpStream::connect_timeout(&self.addr, TIMEOUT)
            .unwrap_or_else(|e| panic!("connect to {}: {e}", self.addr));
        stream
            .set_read_timeout(Some(TIMEOUT))
            .expect("read timeout");
        stream
            .set_write_timeout(Some(TIMEOUT))
            .expect("write timeout");
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Length: {}\r\n",
            self.host,
            body.len()
        );
        if !body.is_empty() {
            // Not the form type, which the server would read as a form.
            request.push_str("Content-Type: application/xml\r\n");
        }
        if signed {
            request.push_str("Authorization: ");
            request.push_str(AUTHORIZATION);
            request.push_str("\r\n");
        }
        for (name, value) in headers {
            let _ = write!(request, "{name}: {value}\r\n");
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).expect("send the head");
        stream.write_all(body).expect("send the body");
        let mut bytes = Vec::new();
        stream
            .take(MAX_RESPONSE_BYTES)
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{method} {target}: read: {e}"));
        parse(&bytes, method == "HEAD").unwrap_or_else(|| {
            panic!(
                "{method} {target}: not an HTTP response: {}",
                String::from_utf8_lossy(&bytes).escape_debug()
            )
        })
    }

    fn ok(&self, method: &str, target: &str, body: &[u8]) -> Raw {
        let raw = self.send(method, target, &[], body, true);
        assert!(
            (200..300).contains(&raw.status),
            "{method} {target}: {}",
            raw.shown()
        );
        raw
    }
}

/// Status, headers and body of one HTTP/1.1 response (`Content-Length` framed, or
/// ended by the close); `None` if the bytes are not one.
fn parse(bytes: &[u8], head_request: bool) -> Option<Raw> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let raw = Raw {
        status,
        headers,
        body: Vec::new(),
    };
    assert!(
        raw.header("transfer-encoding").is_none(),
        "this client reads no chunked body"
    );
    let rest = &bytes[end + 4..];
    let length = match raw.header("content-length") {
        _ if head_request => 0,
        Some(length) => length.parse().ok()?,
        None => rest.len(),
    };
    Some(Raw {
        body: rest.get(..length)?.to_vec(),
        ..raw
    })
}

/// The server from `OBS_CODES_S3_ENDPOINT`, or `None` (and why) to skip.
fn server() -> Option<Server> {
    let required = std::env::var_os("OBS_CODES_S3_REQUIRED").is_some_and(|v| v == "1");
    let Some(endpoint) = std::env::var("OBS_CODES_S3_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty())
    else {
        assert!(
            !required,
            "OBS_CODES_S3_REQUIRED=1 but OBS_CODES_S3_ENDPOINT is not set"
        );
        // Past the test harness's capture, so that the skip shows in every run.
        let _ = std::io::stderr().write_all(
            b"real_server: skipped: no S3-compatible server; start one with \
              `scripts/s3-server.sh start DIR` and set OBS_CODES_S3_ENDPOINT to the endpoint \
              it prints (docs/testing.md)\n",
        );
        return None;
    };
    let host = endpoint
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("OBS_CODES_S3_ENDPOINT {endpoint:?}: not http://HOST:PORT"))
        .trim_end_matches('/')
        .to_owned();
    let addr: SocketAddr = host.parse().unwrap_or_else(|e| {
        panic!("OBS_CODES_S3_ENDPOINT {endpoint:?}: not an IP address and port: {e}")
    });
    assert!(
        addr.ip().is_loopback(),
        "OBS_CODES_S3_ENDPOINT {endpoint:?}: only a server on this machine (loopback)"
    );
    Some(Server { addr, host })
}

/// One failing request and what the reader should make of it, beyond what the raw
/// response says.
struct Case {
    what: &'static str,
    method: &'static str,
    target: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    signed: bool,
    status: u16,
    /// The code the server sends in the body; `None` for a body without one.
    sent_code: Option<&'static str>,
    kind: ErrorKind,
    retry: RetryClass,
}

#[allow(clippy::too_many_arguments)]
fn case(
    what: &'static str,
    method: &'static str,
    target: impl Into<String>,
    headers: &[(&'static str, &str)],
    body: &[u8],
    status: u16,
    sent_code: Option<&'static str>,
    kind: ErrorKind,
    retry: RetryClass,
) -> Case {
    Case {
        what,
        method,
        target: target.into(),
        headers: headers.iter().map(|(n, v)| (*n, (*v).to_owned())).collect(),
        body: body.to_vec(),
        signed: true,
        status,
        sent_code,
        kind,
        retry,
    }
}

/// Checks everything `ObsError` reads from `raw` against the raw bytes and `case`.
fn check(case: &Case, raw: &Raw) {
    let context = format!(
        "{} ({} {}): {}",
        case.what,
        case.method,
        case.target,
        raw.shown()
    );
    assert_eq!(raw.status, case.status, "{context}");
    assert_eq!(raw.element("Code"), case.sent_code, "{context}");

    let error: ObsError = ObsError::from_parts(raw.status, &raw.headers, &raw.body);
    assert_eq!(error.status(), raw.status, "{context}");
    if let Some(sent) = case.sent_code {
        assert_eq!(error.code_str(), Some(sent), "code as sent: {context}");
        assert_eq!(error.code_source(), Some(CodeSource::Body), "{context}");
        let known = error
            .known_code()
            .unwrap_or_else(|| panic!("known: {context}"));
        assert_eq!(known.as_str(), sent, "{context}");
        assert_eq!(error.body_format(), BodyFormat::Xml, "{context}");
        assert!(
            error.issues().is_empty(),
            "issues {:?}: {context}",
            error.issues()
        );
    } else {
        // No code on the wire: at most one inferred from the status alone.
        assert!(
            matches!(error.code_source(), None | Some(CodeSource::Status)),
            "{context}"
        );
    }
    assert_eq!(
        error.message(),
        raw.element("Message"),
        "message: {context}"
    );
    let request_id = raw
        .element("RequestId")
        .or_else(|| raw.header("x-amz-request-id"))
        .or_else(|| raw.header("x-obs-request-id"));
    assert_eq!(error.request_id(), request_id, "request id: {context}");
    let id_2 = raw
        .element("HostId")
        .or_else(|| raw.header("x-amz-id-2"))
        .or_else(|| raw.header("x-obs-id-2"));
    assert_eq!(error.id_2(), id_2, "id-2: {context}");
    assert_eq!(
        error.resource(),
        raw.element("Resource"),
        "resource: {context}"
    );
    for name in [
        "Key",
        "BucketName",
        "Condition",
        "UploadId",
        "ArgumentValue",
    ] {
        assert_eq!(
            error.extra_value(name),
            raw.element(name),
            "{name}: {context}"
        );
    }
    assert_eq!(error.kind(), case.kind, "kind: {context}");
    assert_eq!(error.retry_class(), case.retry, "retry class: {context}");
    assert_eq!(error.is_retryable(), case.retry != RetryClass::NotRetryable);
    // A failing status is never a `200 OK` with an error body.
    assert_eq!(
        ObsError::<obs_codes::ObsErrorCode>::from_ok_body(raw.status, &raw.headers, &raw.body)
            .is_some(),
        is_error_body(&raw.body),
        "{context}"
    );
}

#[test]
fn a_real_server_s_error_responses_read_as_sent() {
    let Some(server) = server() else { return };
    let unique = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let bucket = format!("obs-codes-proof-{}-{unique}", std::process::id());
    let missing = format!("{bucket}-missing");

    // What the failing requests need: a bucket, an object, an open multipart upload,
    // and a policy that denies deleting keys under `locked/`.
    server.ok("PUT", &format!("/{bucket}"), b"");
    let put = server.ok("PUT", &format!("/{bucket}/k"), b"hello");
    let etag = put.header("etag").expect("an ETag").to_owned();
    let initiated = server.ok("POST", &format!("/{bucket}/mp?uploads"), b"");
    let upload = initiated
        .element("UploadId")
        .expect("an upload id")
        .to_owned();
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","Principal":"*",
        "Action":"s3:DeleteObject","Resource":"arn:aws:s3:::{bucket}/locked/*"}}]}}"#
    );
    server.ok("PUT", &format!("/{bucket}?policy"), policy.as_bytes());

    let key = format!("/{bucket}/k");
    let mut cases = vec![
        case(
            "missing bucket, GET",
            "GET",
            format!("/{missing}/k"),
            &[],
            b"",
            404,
            Some("NoSuchBucket"),
            NotFound,
            NotRetryable,
        ),
        case(
            "missing bucket, HEAD",
            "HEAD",
            format!("/{missing}/k"),
            &[],
            b"",
            404,
            None,
            NotFound,
            NotRetryable,
        ),
        case(
            "missing key, GET",
            "GET",
            format!("/{bucket}/nokey"),
            &[],
            b"",
            404,
            Some("NoSuchKey"),
            NotFound,
            NotRetryable,
        ),
        case(
            "missing key, HEAD",
            "HEAD",
            format!("/{bucket}/nokey"),
            &[],
            b"",
            404,
            None,
            NotFound,
            NotRetryable,
        ),
        case(
            "range past the end",
            "GET",
            key.clone(),
            &[("Range", "bytes=100-200")],
            b"",
            416,
            Some("InvalidRange"),
            InvalidRequest,
            NotRetryable,
        ),
        case(
            "If-Match, GET",
            "GET",
            key.clone(),
            &[("If-Match", "\"0000\"")],
            b"",
            412,
            Some("PreconditionFailed"),
            ErrorKind::PreconditionFailed,
            NotRetryable,
        ),
        case(
            "If-Match, HEAD",
            "HEAD",
            key.clone(),
            &[("If-Match", "\"0000\"")],
            b"",
            412,
            None,
            ErrorKind::PreconditionFailed,
            NotRetryable,
        ),
        case(
            "If-Unmodified-Since",
            "GET",
            key.clone(),
            &[("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
            b"",
            412,
            Some("PreconditionFailed"),
            ErrorKind::PreconditionFailed,
            NotRetryable,
        ),
        case(
            "If-None-Match",
            "GET",
            key.clone(),
            &[("If-None-Match", &etag)],
            b"",
            304,
            None,
            NotModified,
            NotRetryable,
        ),
        case(
            "If-Modified-Since",
            "GET",
            key.clone(),
            &[("If-Modified-Since", "Mon, 01 Jan 2090 00:00:00 GMT")],
            b"",
            304,
            None,
            NotModified,
            NotRetryable,
        ),
        case(
            "invalid bucket name",
            "PUT",
            "/ab",
            &[],
            b"",
            400,
            Some("InvalidBucketName"),
            InvalidRequest,
            NotRetryable,
        ),
        case(
            "bucket configuration naming the default region",
            "PUT",
            format!("/{bucket}-us"),
            &[],
            b"<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint>\
              </CreateBucketConfiguration>",
            400,
            Some("InvalidLocationConstraint"),
            InvalidRequest,
            NotRetryable,
        ),
        // moto fails on malformed XML with its own HTML page: the reader must not
        // take a code from it, only the status.
        case(
            "malformed bucket configuration",
            "PUT",
            format!("/{bucket}-bad"),
            &[],
            b"<CreateBucketConfiguration><LocationConstraint>",
            500,
            None,
            ErrorKind::Unavailable,
            Transient,
        ),
        case(
            "malformed batch delete",
            "POST",
            format!("/{bucket}?delete"),
            &[],
            b"<Delete><Object><Key>k",
            500,
            None,
            ErrorKind::Unavailable,
            Transient,
        ),
        case(
            "batch delete in a missing bucket",
            "POST",
            format!("/{missing}?delete"),
            &[],
            b"<Delete><Object><Key>k</Key></Object></Delete>",
            404,
            Some("NoSuchBucket"),
            NotFound,
            NotRetryable,
        ),
        case(
            "deleting a bucket that is not empty",
            "DELETE",
            format!("/{bucket}"),
            &[],
            b"",
            409,
            Some("BucketNotEmpty"),
            Conflict,
            NotRetryable,
        ),
        case(
            "aborting an unknown upload",
            "DELETE",
            format!("/{bucket}/mp?uploadId=nope"),
            &[],
            b"",
            404,
            Some("NoSuchUpload"),
            NotFound,
            NotRetryable,
        ),
        case(
            "listing the parts of an unknown upload",
            "GET",
            format!("/{bucket}/mp?uploadId=nope"),
            &[],
            b"",
            404,
            Some("NoSuchUpload"),
            NotFound,
            NotRetryable,
        ),
        case(
            "completing with a part never uploaded",
            "POST",
            format!("/{bucket}/mp?uploadId={upload}"),
            &[],
            b"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"0\"</ETag>\
              </Part></CompleteMultipartUpload>",
            400,
            Some("InvalidPart"),
            InvalidRequest,
            NotRetryable,
        ),
        case(
            "completing with no parts",
            "POST",
            format!("/{bucket}/mp?uploadId={upload}"),
            &[],
            b"<CompleteMultipartUpload></CompleteMultipartUpload>",
            400,
            Some("MalformedXML"),
            InvalidRequest,
            NotRetryable,
        ),
        case(
            "part number past 10000",
            "PUT",
            format!("/{bucket}/mp?partNumber=10001&uploadId={upload}"),
            &[],
            b"abc",
            400,
            Some("InvalidArgument"),
            InvalidRequest,
            NotRetryable,
        ),
        case(
            "copy from a missing key",
            "PUT",
            format!("/{bucket}/copy"),
            &[("x-amz-copy-source", &format!("/{bucket}/nokey"))],
            b"",
            404,
            Some("NoSuchKey"),
            NotFound,
            NotRetryable,
        ),
        case(
            "no CORS configuration",
            "GET",
            format!("/{bucket}?cors"),
            &[],
            b"",
            404,
            Some("NoSuchCORSConfiguration"),
            NotFound,
            NotRetryable,
        ),
        case(
            "no lifecycle configuration",
            "GET",
            format!("/{bucket}?lifecycle"),
            &[],
            b"",
            404,
            Some("NoSuchLifecycleConfiguration"),
            NotFound,
            NotRetryable,
        ),
    ];
    let mut anonymous = case(
        "no credentials for a private object",
        "GET",
        key.clone(),
        &[],
        b"",
        403,
        None,
        PermissionDenied,
        NotRetryable,
    );
    anonymous.signed = false;
    cases.push(anonymous);
    assert!(cases.len() >= 20);

    for case in &cases {
        let headers: Vec<(&str, &str)> =
            case.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let raw = server.send(case.method, &case.target, &headers, &case.body, case.signed);
        check(case, &raw);
    }

    // A batch delete that fails for some keys: `200 OK`, the failures per key.
    let raw = server.ok(
        "POST",
        &format!("/{bucket}?delete"),
        b"<Delete><Object><Key>locked/a</Key></Object><Object><Key>free/b</Key></Object>\
          <Object><Key>locked/c</Key></Object></Delete>",
    );
    assert!(!is_error_body(&raw.body), "{}", raw.shown());
    let batch: DeleteErrors = DeleteErrors::from_body(&raw.body);
    assert!(batch.issues().is_empty(), "{:?}", batch.issues());
    let errors: Vec<_> = batch
        .errors()
        .iter()
        .map(|e| (e.key(), e.code_str(), e.message(), e.retry_class()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                Some("locked/a"),
                Some("AccessDenied"),
                raw.element("Message"),
                NotRetryable
            ),
            (
                Some("locked/c"),
                Some("AccessDenied"),
                raw.element("Message"),
                NotRetryable
            ),
        ],
        "{}",
        raw.shown()
    );
    assert!(
        batch
            .errors()
            .iter()
            .all(|e| e.code().is_some_and(obs_codes::Code::is_known))
    );
    let deleted: Vec<_> = batch.deleted().iter().map(|d| d.key()).collect();
    assert_eq!(deleted, [Some("free/b")], "{}", raw.shown());
}
