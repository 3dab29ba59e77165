//! Bad input: malformed, truncated, huge, deep, mislabelled, non-UTF-8 (UTF-16, gzip,
//! two byte order marks) and marked-up bodies, unreadable dates, and text that would
//! forge a log line give a clear issue or a best-effort partial result, within the
//! readers' limits, never a panic. Plus property tests: random bytes and XML soup keep
//! every bound, generated well-formed errors read back exactly, JSON reads like
//! `serde_json` reads it (in its three spellings), dates read back exactly, and no text
//! from the wire forges a log line.

#[path = "support/bounds.rs"]
mod bounds;
mod support;

use bounds::{assert_bounded, forges_lines};

use obs_codes::response::limits::{
    MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES, MAX_DEPTH, MAX_EXTRA_FIELDS, MAX_FIELD_BYTES, MAX_ISSUES,
    MAX_KEY_ERRORS,
};
use obs_codes::response::{BodyFormat, BodyIssue, DeleteErrors, is_error_body};
use obs_codes::{Code, ObsError, ObsErrorCode};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

/// Reads `body` and checks the bounds: a body past the body limit is read only up to
/// it, which the issues say, so the work is bounded by the limit whatever the input's size.
fn parse_bounded(status: u16, body: &[u8]) -> ObsError {
    let error = ObsError::from_body(status, body);
    assert_bounded(&error);
    if body.len() > MAX_BODY_BYTES {
        assert!(
            error.issues().contains(&BodyIssue::Truncated {
                limit: MAX_BODY_BYTES
            }),
            "{:?}",
            error.issues()
        );
    }
    error
}

fn has_issue(error: &ObsError, wanted: fn(&BodyIssue) -> bool) -> bool {
    error.issues().iter().any(wanted)
}

#[test]
fn ten_megabyte_message_is_cut_at_the_body_limit() {
    let mut body = b"<Error><Code>NoSuchKey</Code><Message>".to_vec();
    body.resize(10 << 20, b'a');
    body.extend_from_slice(b"</Message></Error>");
    let error = parse_bounded(404, &body);
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    // The message never ends within the first MiB: dropped, not passed off as whole.
    assert_eq!(error.message(), None);
    assert_eq!(
        error.issues(),
        [
            BodyIssue::Truncated {
                limit: MAX_BODY_BYTES
            },
            BodyIssue::Unterminated
        ]
    );
}

#[test]
fn ten_megabyte_bodies_of_other_shapes() {
    // Whitespace only.
    let blank = vec![b' '; 10 << 20];
    let error = parse_bounded(503, &blank);
    assert_eq!(error.body_format(), BodyFormat::Empty);
    assert_eq!(
        error.issues()[0],
        BodyIssue::Truncated {
            limit: MAX_BODY_BYTES
        }
    );

    // Many small children: at most MAX_EXTRA_FIELDS kept.
    let mut many = b"<Error><Code>SlowDown</Code>".to_vec();
    while many.len() < 10 << 20 {
        many.extend_from_slice(b"<Child>value</Child>");
    }
    let error = parse_bounded(503, &many);
    assert_eq!(error.known_code(), Some(ObsErrorCode::SlowDown));
    assert_eq!(error.extra().len(), MAX_EXTRA_FIELDS);
    assert!(has_issue(&error, |i| matches!(
        i,
        BodyIssue::TooManyFields { .. }
    )));

    // One huge start tag.
    let mut tag = b"<Error><Code>A</Code><".to_vec();
    tag.resize(10 << 20, b'N');
    let error = parse_bounded(400, &tag);
    assert_eq!(error.code_str(), Some("A"));

    // Entities all the way: the value is capped, the time linear.
    let mut entities = b"<Error><Message>".to_vec();
    while entities.len() < 10 << 20 {
        entities.extend_from_slice(b"&amp;&#x41;&nbsp;");
    }
    let error = parse_bounded(400, &entities);
    assert_eq!(error.message(), None);

    // A JSON string that never ends.
    let mut json = br#"{"code":"InternalError","message":""#.to_vec();
    json.resize(10 << 20, b'x');
    let error = parse_bounded(500, &json);
    assert_eq!(error.known_code(), Some(ObsErrorCode::InternalError));
    assert_eq!(error.message(), None);
    assert!(has_issue(&error, |i| *i == BodyIssue::Unterminated));

    // Batch delete: 10 MB of per-key errors.
    let mut batch = b"<DeleteResult>".to_vec();
    while batch.len() < 10 << 20 {
        batch.extend_from_slice(b"<Error><Key>k</Key><Code>AccessDenied</Code></Error>");
    }
    let result: DeleteErrors = DeleteErrors::from_body(&batch);
    assert_eq!(result.errors().len(), MAX_KEY_ERRORS);
    assert!(result.issues().contains(&BodyIssue::Truncated {
        limit: MAX_BATCH_BODY_BYTES
    }));
    assert!(result.issues().contains(&BodyIssue::TooManyFields {
        limit: MAX_KEY_ERRORS
    }));
}

#[test]
fn long_values_are_cut_at_a_character_boundary() {
    let long = "é".repeat(MAX_FIELD_BYTES); // twice the cap in bytes
    let body =
        format!("<Error><Code>X</Code><Message>{long}</Message><Other>{long}</Other></Error>");
    let error = parse_bounded(400, body.as_bytes());
    let message = error.message().expect("a message");
    assert_eq!(message.len(), MAX_FIELD_BYTES);
    assert!(message.chars().all(|c| c == 'é'));
    assert_eq!(
        error.extra_value("Other").map(str::len),
        Some(MAX_FIELD_BYTES)
    );
    assert_eq!(
        error.issues(),
        [BodyIssue::FieldTooLong {
            field: "Message".to_owned(),
            limit: MAX_FIELD_BYTES
        }]
    );
}

#[test]
fn deep_nesting_returns_quickly_without_overflow() {
    let depth = 100_000;
    let mut body = String::from("<Error><Code>InternalError</Code>");
    body.push_str(&"<d>".repeat(depth));
    body.push_str(&"</d>".repeat(depth));
    body.push_str("<Message>after</Message></Error>");
    let error = parse_bounded(500, body.as_bytes());
    assert_eq!(error.known_code(), Some(ObsErrorCode::InternalError));
    assert_eq!(error.message(), None); // reading stopped at the limit
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    // The root itself nested: <Error><Error>...
    let nested_roots = "<Error>".repeat(depth);
    let error = parse_bounded(400, nested_roots.as_bytes());
    assert_eq!(error.code(), None);
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    // Another root: stops at once.
    let html = "<div>".repeat(depth);
    let error = parse_bounded(400, html.as_bytes());
    assert!(has_issue(&error, |i| matches!(
        i,
        BodyIssue::UnexpectedRoot { .. }
    )));

    let json = format!(r#"{{"code":"A","x":{}"#, "[{\"a\":".repeat(depth));
    let error = parse_bounded(400, json.as_bytes());
    assert_eq!(error.code_str(), Some("A"));
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    let batch = format!("<DeleteResult>{}", "<Error><Key>".repeat(depth));
    let result: DeleteErrors = DeleteErrors::from_body(batch.as_bytes());
    assert!(
        result
            .issues()
            .contains(&BodyIssue::TooDeep { limit: MAX_DEPTH })
    );
    assert!(!is_error_body(html.as_bytes()));
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let error = parse_bounded(
        404,
        b"<Error><Code>NoSuch\xffKey</Code><Message>caf\xc3\xa9 \xc3</Message><Re\xffq>x</Re\xffq></Error>",
    );
    assert_eq!(error.code(), Some(&Code::new("NoSuch\u{fffd}Key")));
    assert_eq!(error.message(), Some("caf\u{e9} \u{fffd}"));
    assert_eq!(error.extra(), [("Re\u{fffd}q".to_owned(), "x".to_owned())]);
    assert_eq!(error.issues(), [BodyIssue::InvalidUtf8]);

    let json = parse_bounded(400, b"{\"code\":\"A\xfe\",\"message\":\"\xe2\x82\"}");
    assert_eq!(json.code_str(), Some("A\u{fffd}"));
    assert_eq!(json.message(), Some("\u{fffd}"));

    let headers: [(&str, &[u8]); 2] = [
        ("x-obs-error-code", b"Bad\x80Code"),
        ("x-obs-error-message", b"\xff\xfe"),
    ];
    let error: ObsError = ObsError::from_parts(400, headers, b"");
    assert_eq!(error.code_str(), Some("Bad\u{fffd}Code"));
    assert_eq!(error.message(), Some("\u{fffd}\u{fffd}"));
}

/// An error body in UTF-16, little- or big-endian, with a byte order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    format!("\u{feff}{text}")
        .encode_utf16()
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

/// `<Error><Code>NoSuchKey</Code></Error>` compressed by `gzip -9n`.
const GZIPPED_ERROR: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xb3, 0x71, 0x2d, 0x2a, 0xca, 0x2f,
    0xb2, 0xb3, 0x71, 0xce, 0x4f, 0x49, 0xb5, 0xf3, 0xcb, 0x0f, 0x2e, 0x4d, 0xce, 0xf0, 0x4e, 0xad,
    0xb4, 0xd1, 0x07, 0xf3, 0x6d, 0xf4, 0x21, 0xb2, 0x00, 0x1a, 0x5d, 0x71, 0x9d, 0x25, 0x00, 0x00,
    0x00,
];

#[test]
fn bodies_that_are_no_utf8_text_say_why_nothing_was_read() {
    const ERROR: &str = "<Error><Code>NoSuchKey</Code></Error>";
    let cases: [(Vec<u8>, &str); 5] = [
        (utf16(ERROR, false), "UTF-16LE (by its byte order mark)"),
        (utf16(ERROR, true), "UTF-16BE (by its byte order mark)"),
        (GZIPPED_ERROR.to_vec(), "gzip-compressed data"),
        (
            [&b"\xEF\xBB\xBF\xEF\xBB\xBF"[..], ERROR.as_bytes()].concat(),
            "UTF-8 behind two byte order marks",
        ),
        (
            utf16(ERROR, false).split_off(2), // no byte order mark: the zero bytes tell
            "UTF-16LE (by its zero bytes)",
        ),
    ];
    for (body, found) in cases {
        // 400: a status that stands for no code, so nothing is read at all.
        let error = parse_bounded(400, &body);
        assert_eq!(error.code(), None, "{found}");
        assert_eq!(error.body_format(), BodyFormat::Other);
        assert_eq!(error.issues(), [BodyIssue::NotUtf8Text { found }]);
        assert_eq!(
            error.issues()[0].to_string(),
            format!("the body is {found}, not UTF-8 text: nothing was read")
        );
        assert!(!is_error_body(&body));
        let batch: DeleteErrors = DeleteErrors::from_body(&body);
        assert!(batch.is_empty());
    }
    // The headers are still read.
    let error = ObsError::from_parts(404, [("x-obs-error-code", "NoSuchKey")], GZIPPED_ERROR);
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    // One byte order mark is fine.
    let one = parse_bounded(404, &[&b"\xEF\xBB\xBF"[..], ERROR.as_bytes()].concat());
    assert_eq!(
        (one.known_code(), one.issues()),
        (Some(ObsErrorCode::NoSuchKey), &[][..])
    );
}

#[test]
fn markup_inside_a_value_is_an_issue() {
    let error = parse_bounded(404, b"<Error><Code>NoSuch<b>Bucket</b>Key</Code></Error>");
    // The text is joined as sent (nothing lost), and the issue says it was marked up.
    assert_eq!(error.code(), Some(&Code::new("NoSuchBucketKey")));
    assert_eq!(
        error.issues(),
        [BodyIssue::MarkupInValue {
            field: "Code".to_owned()
        }]
    );
    let message = parse_bounded(
        400,
        b"<Error><Code>A</Code><Message>see <a href='x'>here</a><br/></Message></Error>",
    );
    assert_eq!(message.message(), Some("see here"));
    assert_eq!(
        message.issues(),
        [BodyIssue::MarkupInValue {
            field: "Message".to_owned()
        }]
    );
    // Children of other elements are structure, not markup in a value.
    let details = parse_bounded(
        400,
        b"<Error><Code>A</Code><Details><Reason>x</Reason></Details></Error>",
    );
    assert_eq!(details.issues(), []);
}

#[test]
fn display_escapes_line_separators_and_bidi_controls() {
    let body = r#"{"code":"X\u2029Y","message":"line1\u2028forged line\u202egnp.exe \u2066a\u2069 \u202a\u202b\u202c\u202d \u200e\u200f\u061c","request_id":"R\u2067"}"#;
    let error = parse_bounded(400, body.as_bytes());
    assert_eq!(
        error.message(),
        Some(
            "line1\u{2028}forged line\u{202e}gnp.exe \u{2066}a\u{2069} \u{202a}\u{202b}\u{202c}\u{202d} \u{200e}\u{200f}\u{61c}"
        )
    );
    assert_eq!(
        error.to_string(),
        r"X\u{2029}Y: line1\u{2028}forged line\u{202e}gnp.exe \u{2066}a\u{2069} \u{202a}\u{202b}\u{202c}\u{202d} \u{200e}\u{200f}\u{61c} (HTTP 400, request id R\u{2067})"
    );
    let batch: DeleteErrors = DeleteErrors::from_body(
        "<DeleteResult><Error><Key>a\u{202E}b\u{2028}</Key><Code>C\u{2029}</Code><Message>m\u{2066}</Message></Error></DeleteResult>".as_bytes(),
    );
    assert_eq!(
        batch.errors()[0].to_string(),
        r#"key "a\u{202e}b\u{2028}": C\u{2029}: m\u{2066}"#
    );
}

#[test]
fn unreadable_dates_are_issues_that_keep_the_value() {
    let long = "9".repeat(40);
    let headers = [
        ("Date", "Wed, 32 Jul 2015 04:20:51 GMT"),
        ("Retry-After", "in a while\u{1b}[0m"),
    ];
    let error: ObsError = ObsError::from_parts(
        503,
        headers,
        b"<Error><Code>SlowDown</Code><ServerTime>2015-02-29T00:00:00Z</ServerTime></Error>",
    );
    assert_eq!(
        (error.date(), error.retry_after(), error.server_time()),
        (None, None, None)
    );
    assert_eq!(
        error.issues(),
        [
            BodyIssue::UnreadableValue {
                field: "Date",
                value: "Wed, 32 Jul 2015 04:20:51 GMT".to_owned()
            },
            BodyIssue::UnreadableValue {
                field: "Retry-After",
                value: "in a while\u{1b}[0m".to_owned()
            },
            BodyIssue::UnreadableValue {
                field: "ServerTime",
                value: "2015-02-29T00:00:00Z".to_owned()
            },
        ]
    );
    // The issue's message escapes what it quotes.
    assert_eq!(
        error.issues()[1].to_string(),
        r#"`Retry-After` value "in a while\u{1b}[0m" is in no format read here: ignored"#
    );
    // More seconds than anyone waits: the longest wait, not an error.
    let forever: ObsError = ObsError::from_parts(503, [("Retry-After", long.as_str())], b"");
    assert_eq!(forever.retry_after(), Some(Duration::from_secs(u64::MAX)));
}

#[test]
fn malformed_xml_keeps_what_came_before() {
    let error = parse_bounded(
        404,
        b"<Error><Code>NoSuchKey</Code><Message>m</Wrong><RequestId>R</RequestId></Error>",
    );
    assert_eq!(error.known_code(), Some(ObsErrorCode::NoSuchKey));
    assert_eq!(error.message(), None);
    assert_eq!(error.request_id(), None);
    assert_eq!(
        error.issues(),
        [BodyIssue::MalformedXml {
            offset: 39,
            detail: "ill-formed document: expected `</Message>`, but `</Wrong>` was found"
                .to_owned()
        }]
    );
    assert_eq!(
        error.issues()[0].to_string(),
        "malformed XML at byte 39: ill-formed document: expected `</Message>`, but `</Wrong>` was found"
    );

    for body in [
        &b"<Error><Code>A</Code><!-- never closed"[..],
        b"<Error><Code>A</Code><![CDATA[ never closed",
        b"<Error><Code>A</Code><Message",
        b"<Error><Code>A</Code><Message a=\"1></Message></Error>",
        b"<Error><Code>A</Code></Error></Error>",
        b"<Error><Code>A</Code><?pi",
        b"<Error><Code>A</Code><!DOCTYPE",
    ] {
        let error = parse_bounded(400, body);
        assert_eq!(
            error.code_str(),
            Some("A"),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn truncated_bodies_never_invent_values() {
    // Every prefix of every sample: each field is absent or equal to the whole body's.
    for name in support::sample_names() {
        let bytes = support::sample(&name);
        let body = match bytes.windows(2).position(|w| w == b"\n\n") {
            Some(end)
                if std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|e| e == "http") =>
            {
                bytes[end + 2..].to_vec()
            }
            _ => bytes,
        };
        // 400: a status that stands for no single code, so no code comes from it.
        let whole = ObsError::<ObsErrorCode>::from_body(400, &body);
        let whole_batch: DeleteErrors = DeleteErrors::from_body(&body);
        for cut in 0..body.len() {
            let part = ObsError::<ObsErrorCode>::from_body(400, &body[..cut]);
            assert_bounded(&part);
            let pairs = [
                (part.code_str(), whole.code_str()),
                (part.message(), whole.message()),
                (part.request_id(), whole.request_id()),
                (part.id_2(), whole.id_2()),
                (part.resource(), whole.resource()),
            ];
            for (got, full) in pairs {
                assert!(
                    got.is_none() || got == full,
                    "{name} cut at {cut}: {got:?} vs {full:?}"
                );
            }
            assert!(
                whole.extra().starts_with(part.extra()),
                "{name} cut at {cut}"
            );
            let batch: DeleteErrors = DeleteErrors::from_body(&body[..cut]);
            assert!(batch.errors().len() <= whole_batch.errors().len());
        }
    }
}

#[test]
fn entities_outside_xml_are_kept_and_never_expanded() {
    let error = parse_bounded(
        400,
        b"<Error><Code>A</Code><Message>x&nbsp;y &copy; &#xD800; &amp;</Message></Error>",
    );
    assert_eq!(error.message(), Some("x&nbsp;y &copy; &#xD800; &"));
    assert_eq!(
        error.issues(),
        [BodyIssue::UnknownEntity {
            field: "Message".to_owned()
        }]
    );

    // "Billion laughs": a DTD's entities are not expanded.
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE Error [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Error><Code>A</Code><Message>&c;</Message></Error>"#;
    let error = parse_bounded(400, laughs);
    assert_eq!(error.message(), Some("&c;"));
}

#[test]
fn issues_are_listed_once_each() {
    let mut body = String::from("<Error>");
    for i in 0..200 {
        write!(body, "<E{i}>&bad;\u{1}</E{i}>").unwrap();
    }
    body.push_str("</Error>");
    let error = parse_bounded(400, body.as_bytes());
    assert_eq!(
        error.issues(),
        [
            BodyIssue::UnknownEntity {
                field: "E0".to_owned()
            },
            BodyIssue::TooManyFields {
                limit: MAX_EXTRA_FIELDS
            }
        ]
    );
    assert!(error.issues().len() <= MAX_ISSUES);
}

/// Fragments that reach the reader's states more often than random bytes do.
fn soup() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        Just(b"<Error>".to_vec()),
        Just(b"</Error>".to_vec()),
        Just(b"<o:Error xmlns:o='x'>".to_vec()),
        Just(b"<Code>".to_vec()),
        Just(b"</Code>".to_vec()),
        Just(b"<Message>".to_vec()),
        Just(b"</Message>".to_vec()),
        Just(b"<RequestId>".to_vec()),
        Just(b"</RequestId>".to_vec()),
        Just(b"<HostId>".to_vec()),
        Just(b"</HostId>".to_vec()),
        Just(b"<Key/>".to_vec()),
        Just(b"<b>".to_vec()),
        Just(b"</b>".to_vec()),
        Just(b"<ServerTime>2015-07-01T04:20:51Z</ServerTime>".to_vec()),
        Just(b"<ServerTime>".to_vec()),
        Just(b"<Endpoint>e</Endpoint>".to_vec()),
        Just(b"<DeleteMarker>true</DeleteMarker>".to_vec()),
        Just(b"\xe2\x80\xa8\xe2\x80\xae".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\x1F\x8B".to_vec()),
        Just(b"<DeleteResult>".to_vec()),
        Just(b"<Deleted>".to_vec()),
        Just(b"</Deleted>".to_vec()),
        Just(b"<![CDATA[".to_vec()),
        Just(b"]]>".to_vec()),
        Just(b"<!--".to_vec()),
        Just(b"-->".to_vec()),
        Just(b"<?xml version=\"1.0\"?>".to_vec()),
        Just(b"<!DOCTYPE x>".to_vec()),
        Just(b"&amp;".to_vec()),
        Just(b"&#x1F600;".to_vec()),
        Just(b"&".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xff".to_vec()),
        Just(b"{\"code\":".to_vec()),
        Just(b"\"\\u".to_vec()),
        Just(b"\n  ".to_vec()),
        "[a-zA-Z0-9 <>/=\"'&;:{}\\[\\],.-]{0,12}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

fn header_pairs() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop_oneof![
        Just("x-obs-error-code".to_owned()),
        Just("X-Amz-Error-Message".to_owned()),
        Just("x-obs-request-id".to_owned()),
        Just("x-amz-id-2".to_owned()),
        Just("x-reserved-indicator".to_owned()),
        Just("Date".to_owned()),
        Just("retry-after".to_owned()),
        Just("Location".to_owned()),
        "[a-zA-Z-]{0,24}",
        ".{0,8}",
    ];
    prop::collection::vec((name, prop::collection::vec(any::<u8>(), 0..40)), 0..6)
}

/// An XML-escaped text (`&`, `<`, `>` only, as servers do).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A code: one of the table (sometimes an alias), or a string it does not know.
fn wire_code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(ObsErrorCode::ALL).prop_map(|c| c.as_str().to_owned()),
        Just("KeyTooLongError".to_owned()),
        "[A-Za-z][A-Za-z0-9.]{0,30}",
    ]
}

/// Text without leading or trailing whitespace and without line breaks inside, so the
/// reader's whitespace rules leave it as it is.
fn plain_text() -> impl Strategy<Value = String> {
    "[^\\s\\p{Cc}]([^\\r\\n\\p{Cc}]{0,60}[^\\s\\p{Cc}])?"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates_read_back_exactly(
        date in 0u64..253_402_300_800, // 1970 to 9999
        wait in 0u64..1_000_000,
        skew in 0u64..100_000,
        seconds in any::<u64>(),
    ) {
        let date = SystemTime::UNIX_EPOCH + Duration::from_secs(date);
        let retry_at = date + Duration::from_secs(wait);
        let server = date + Duration::from_secs(skew);
        let body = format!(
            "<Error><Code>RequestTimeTooSkewed</Code><ServerTime>{}</ServerTime></Error>",
            support::iso_date(server)
        );
        let headers = [
            ("Date", support::http_date(date)),
            ("Retry-After", support::http_date(retry_at)),
        ];
        let error: ObsError = ObsError::from_parts(403, headers, body.as_bytes());
        prop_assert_eq!(error.issues(), &[][..]);
        prop_assert_eq!(error.date(), Some(date));
        prop_assert_eq!(error.retry_after(), Some(Duration::from_secs(wait)));
        prop_assert_eq!(error.server_time(), Some(server));
        let counted: ObsError = ObsError::from_parts(503, [("Retry-After", seconds.to_string())], b"");
        prop_assert_eq!(counted.retry_after(), Some(Duration::from_secs(seconds)));
    }

    #[test]
    fn no_text_from_the_wire_forges_a_log_line(
        code in any::<String>(),
        message in any::<String>(),
        request_id in any::<String>(),
        key in any::<String>(),
    ) {
        let body = serde_json::json!({"code": code, "message": message, "request_id": request_id});
        let error: ObsError = ObsError::from_body(400, body.to_string().as_bytes());
        let line = error.to_string();
        prop_assert!(!forges_lines(&line), "{:?}", line);
        // Text that forges nothing is written as it is.
        for text in [&code, &message] {
            let text = text.trim_matches([' ', '\t', '\n', '\r']);
            if !forges_lines(text) {
                prop_assert!(line.contains(text), "{:?} in {:?}", text, line);
            }
        }
        let batch = format!(
            "<DeleteResult><Error><Key>{}</Key></Error></DeleteResult>",
            escape(&key)
        );
        let batch: DeleteErrors = DeleteErrors::from_body(batch.as_bytes());
        for key_error in batch.errors() {
            prop_assert!(!forges_lines(&key_error.to_string()));
        }
    }

    #[test]
    fn random_bytes_never_panic_and_stay_bounded(
        status in any::<u16>(),
        headers in header_pairs(),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let error: ObsError = ObsError::from_parts(status, headers.iter().map(|(n, v)| (n, v)), &body);
        assert_bounded(&error);
        let _ = error.retry_class();
        let _ = format!("{error:?}");
        let _ = is_error_body(&body);
        let batch: DeleteErrors = DeleteErrors::from_body(&body);
        prop_assert!(batch.errors().len() <= MAX_KEY_ERRORS);
    }

    #[test]
    fn xml_soup_never_panics_and_stays_bounded(body in soup(), status in 100u16..600) {
        let error: ObsError = ObsError::from_body(status, &body);
        assert_bounded(&error);
        for issue in error.issues() {
            prop_assert!(!issue.to_string().is_empty());
        }
        let batch: DeleteErrors = DeleteErrors::from_body(&body);
        for key_error in batch.errors() {
            prop_assert!(!forges_lines(&key_error.to_string()));
        }
        prop_assert!(batch.deleted().len() <= obs_codes::response::limits::MAX_DELETED_KEYS);
        if is_error_body(&body) {
            prop_assert!(ObsError::<ObsErrorCode>::from_ok_body(200, [("a", "b")], &body).is_some());
        }
    }

    #[test]
    fn generated_error_bodies_read_back_exactly(
        code in wire_code(),
        message in plain_text(),
        request_id in "[0-9A-F]{16,32}",
        extra in prop::collection::vec(("X[a-zA-Z]{0,10}", "[^\\p{Cc}]{0,20}"), 0..4),
        declaration in any::<bool>(),
        namespace in any::<bool>(),
        cdata in any::<bool>(),
        padding in "[ \\n\\t]{0,3}",
    ) {
        let mut body = String::new();
        if declaration {
            body.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        }
        body.push_str(if namespace { "<Error xmlns=\"http://obs.example.com/doc/2015-06-30/\">" } else { "<Error>" });
        write!(body, "{padding}<Code>{padding}{}{padding}</Code>", escape(&code)).unwrap();
        if cdata && !message.contains("]]>") {
            write!(body, "<Message><![CDATA[{message}]]></Message>").unwrap();
        } else {
            write!(body, "<Message>{padding}{}{padding}</Message>", escape(&message)).unwrap();
        }
        write!(body, "<RequestId>{padding}{request_id}</RequestId>").unwrap();
        for (name, value) in &extra {
            write!(body, "<{name}>{}</{name}>", escape(value)).unwrap();
        }
        body.push_str("</Error>");

        let error: ObsError = ObsError::from_body(400, body.as_bytes());
        prop_assert_eq!(error.issues(), &[][..]);
        let expected = Code::<ObsErrorCode>::new(&code);
        prop_assert_eq!(error.code(), Some(&expected));
        prop_assert_eq!(error.message(), Some(message.as_str()));
        prop_assert_eq!(error.request_id(), Some(request_id.as_str()));
        prop_assert_eq!(error.extra(), &extra[..]);
    }

    #[test]
    fn json_reads_like_serde_json(
        members in prop::collection::btree_map(
            prop_oneof![
                Just("code".to_owned()),
                Just("message".to_owned()),
                Just("request_id".to_owned()),
                Just("Code".to_owned()),
                Just("Message".to_owned()),
                Just("RequestId".to_owned()),
                Just("error_code".to_owned()),
                Just("error_msg".to_owned()),
                "[a-z_]{1,8}",
                ".{0,6}",
            ],
            prop_oneof![
                any::<String>().prop_map(serde_json::Value::from),
                any::<i64>().prop_map(serde_json::Value::from),
                any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
                any::<bool>().prop_map(serde_json::Value::from),
                Just(serde_json::Value::Null),
                prop::collection::vec(any::<String>(), 0..3).prop_map(serde_json::Value::from),
                Just(serde_json::json!({"nested": {"deeper": ["]", "}", "\""]}})),
            ],
            0..8,
        ),
        pretty in any::<bool>(),
    ) {
        let object = serde_json::Value::Object(members.clone().into_iter().collect());
        let text = if pretty {
            serde_json::to_string_pretty(&object).unwrap()
        } else {
            serde_json::to_string(&object).unwrap()
        };
        let error: ObsError = ObsError::from_body(400, text.as_bytes());
        prop_assert_eq!(error.issues(), &[][..]);

        // What a member's value reads as: its text; null and containers are absent.
        let scalar = |value: &serde_json::Value| match value {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        // Each field takes the first non-empty (trimmed) value of its spellings, in
        // document order (a BTreeMap's); a later one goes among the extras, trimmed.
        let spelling = |name: &str| match name {
            "code" | "Code" | "error_code" => Some(0),
            "message" | "Message" | "error_msg" => Some(1),
            "request_id" | "RequestId" => Some(2),
            _ => None,
        };
        let mut fields: [Option<String>; 3] = [None, None, None];
        let mut expected_extra: Vec<(String, String)> = Vec::new();
        for (name, value) in &members {
            let Some(text) = scalar(value) else { continue };
            match spelling(name) {
                Some(field) => {
                    let text = text.trim_matches([' ', '\t', '\n', '\r']).to_owned();
                    if text.is_empty() {
                        continue;
                    }
                    if fields[field].is_none() {
                        fields[field] = Some(text);
                    } else {
                        expected_extra.push((name.clone(), text));
                    }
                }
                None => expected_extra.push((name.clone(), text)),
            }
        }
        let [code, message, request_id] = fields;
        // The code as sent, an alias too.
        prop_assert_eq!(error.code_str().map(str::to_owned), code);
        prop_assert_eq!(error.message().map(str::to_owned), message);
        prop_assert_eq!(error.request_id().map(str::to_owned), request_id);
        prop_assert_eq!(error.extra(), &expected_extra[..]);
    }
}
