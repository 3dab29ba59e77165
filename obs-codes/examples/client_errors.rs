//! What a client decides with: retry advice, back-off hints, the server's clock, kinds,
//! redirects, the code as sent, batch-delete results, and a log record, one decision
//! per line.
//!
//! ```text
//! cargo run -p obs-codes --features serde --example client_errors
//! ```

use obs_codes::ObsError;
use obs_codes::response::DeleteErrors;

obs_codes::obs_errors! {
    /// The bundled table and a gateway's own codes (`GatewayQuotaExceeded` is a 429).
    pub enum GatewayCode { obs, "examples/gateway.csv" }
}

fn main() {
    // Throttled, with the server's own wait: 70 s after its Date.
    let slow = ObsError::from_parts(
        503,
        [
            ("Date", "Wed, 01 Jul 2015 04:20:51 GMT"),
            ("Retry-After", "Wed, 01 Jul 2015 04:22:01 GMT"),
            ("x-obs-request-id", "0000018A8C7D3E2F"),
        ],
        b"<Error><Code>SlowDown</Code><Message>Reduce your request frequency.</Message></Error>",
    );
    println!("{slow}");
    println!(
        "  retry: {} ({}), wait {:?}, kind: {}",
        slow.retry_class(),
        slow.is_retryable(),
        slow.retry_after(),
        slow.kind()
    );

    // Every 5xx but 501 and 505 is worth another try; so is a gateway's own 429 code.
    let origin = ObsError::from_status(520);
    let quota = ObsError::<GatewayCode>::from_body_in(
        429,
        b"<Error><Code>GatewayQuotaExceeded</Code></Error>",
    );
    println!(
        "520: {}; 501: {}; GatewayQuotaExceeded: {}",
        origin.retry_class(),
        ObsError::from_status(501).retry_class(),
        quota.retry_class()
    );

    // The server's clock, to correct the client's offset.
    let skewed = ObsError::from_body(
        403,
        b"<Error><Code>RequestTimeTooSkewed</Code><RequestTime>20150701T034051Z</RequestTime>\
          <ServerTime>2015-07-01T04:20:51Z</ServerTime></Error>",
    );
    let server = skewed.server_time().expect("a server time");
    let unix = server
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970");
    println!(
        "{}: server time {} s after the epoch",
        skewed.retry_class(),
        unix.as_secs()
    );

    // The spelling the server sent, and the variant it stands for.
    let alias = ObsError::from_body(400, b"<Error><Code>KeyTooLongError</Code></Error>");
    println!(
        "{alias}\n  code_str {:?}, known_code {:?}",
        alias.code_str(),
        alias.known_code()
    );

    // Kinds, redirects, io::Error.
    let moved = ObsError::from_body(
        301,
        b"<Error><Code>PermanentRedirect</Code><Bucket>photos</Bucket>\
          <Endpoint>obs.eu-west-101.myhuaweicloud.eu</Endpoint></Error>",
    );
    println!("{}: {:?}", moved.kind(), moved.redirect());
    let io: std::io::Error =
        ObsError::from_body(404, b"<Error><Code>NoSuchKey</Code></Error>").into();
    let back = io.get_ref().and_then(|e| e.downcast_ref::<ObsError>());
    println!(
        "io::Error {:?}, holding {:?}",
        io.kind(),
        back.and_then(ObsError::known_code)
    );

    // Huawei Cloud API-style JSON, and bodies nothing can be read from.
    let api = ObsError::from_body(
        400,
        br#"{"error_code":"OBS.0001","error_msg":"Invalid parameter","request_id":"b4a0c5"}"#,
    );
    println!("{api}");
    let gzip = ObsError::from_body(404, &[0x1f, 0x8b, 0x08, 0x00]);
    println!("gzip body: {}", gzip.issues()[0]);
    let forged = ObsError::from_body(
        400,
        r#"{"code":"X","message":"line1\u2028forged line\u202egnp.exe"}"#.as_bytes(),
    );
    println!("{forged}");

    // What a batch delete deleted, and what it did not.
    let batch = DeleteErrors::from_body(
        b"<DeleteResult><Deleted><Key>a</Key><DeleteMarker>true</DeleteMarker>\
          <DeleteMarkerVersionId>dm-1</DeleteMarkerVersionId></Deleted>\
          <Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>\
          </DeleteResult>",
    );
    for deleted in batch.deleted() {
        println!(
            "deleted {:?}, delete marker {} ({:?})",
            deleted.key(),
            deleted.delete_marker(),
            deleted.delete_marker_version_id()
        );
    }
    for failed in batch.errors() {
        println!("{failed}");
    }

    // A structured log record (feature `serde`).
    println!(
        "{}",
        serde_json::to_string(&slow).expect("an error serializes")
    );
}
