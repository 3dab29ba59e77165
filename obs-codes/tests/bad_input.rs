//! Bad input: malformed, truncated, huge, deep, mislabelled and non-UTF-8 bodies give a
//! clear issue or a best-effort partial result, in bounded time and memory, never a
//! panic. Plus property tests: random bytes and XML soup keep every bound, generated
//! well-formed errors read back exactly, and JSON reads like `serde_json` reads it.

#[path = "support/bounds.rs"]
mod bounds;
mod support;

use bounds::assert_bounded;

use obs_codes::response::limits::{
    MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES, MAX_DEPTH, MAX_EXTRA_FIELDS, MAX_FIELD_BYTES, MAX_ISSUES,
    MAX_KEY_ERRORS,
};
use obs_codes::response::{BodyFormat, BodyIssue, DeleteErrors, is_error_body};
use obs_codes::{Code, ObsError, ObsErrorCode};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Generous for a debug build on a busy machine; anything quadratic takes far longer.
const QUICK: Duration = Duration::from_secs(5);

fn parse_timed(status: u16, body: &[u8]) -> ObsError {
    let start = Instant::now();
    let error = ObsError::from_body(status, body);
    let elapsed = start.elapsed();
    assert!(elapsed < QUICK, "took {elapsed:?}");
    assert_bounded(&error);
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
    let error = parse_timed(404, &body);
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
    let error = parse_timed(503, &blank);
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
    let error = parse_timed(503, &many);
    assert_eq!(error.known_code(), Some(ObsErrorCode::SlowDown));
    assert_eq!(error.extra().len(), MAX_EXTRA_FIELDS);
    assert!(has_issue(&error, |i| matches!(
        i,
        BodyIssue::TooManyFields { .. }
    )));

    // One huge start tag.
    let mut tag = b"<Error><Code>A</Code><".to_vec();
    tag.resize(10 << 20, b'N');
    let error = parse_timed(400, &tag);
    assert_eq!(error.code_str(), Some("A"));

    // Entities all the way: the value is capped, the time linear.
    let mut entities = b"<Error><Message>".to_vec();
    while entities.len() < 10 << 20 {
        entities.extend_from_slice(b"&amp;&#x41;&nbsp;");
    }
    let error = parse_timed(400, &entities);
    assert_eq!(error.message(), None);

    // A JSON string that never ends.
    let mut json = br#"{"code":"InternalError","message":""#.to_vec();
    json.resize(10 << 20, b'x');
    let error = parse_timed(500, &json);
    assert_eq!(error.known_code(), Some(ObsErrorCode::InternalError));
    assert_eq!(error.message(), None);
    assert!(has_issue(&error, |i| *i == BodyIssue::Unterminated));

    // Batch delete: 10 MB of per-key errors.
    let mut batch = b"<DeleteResult>".to_vec();
    while batch.len() < 10 << 20 {
        batch.extend_from_slice(b"<Error><Key>k</Key><Code>AccessDenied</Code></Error>");
    }
    let start = Instant::now();
    let result: DeleteErrors = DeleteErrors::parse(&batch);
    assert!(start.elapsed() < QUICK);
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
    let error = parse_timed(400, body.as_bytes());
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
    let error = parse_timed(500, body.as_bytes());
    assert_eq!(error.known_code(), Some(ObsErrorCode::InternalError));
    assert_eq!(error.message(), None); // reading stopped at the limit
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    // The root itself nested: <Error><Error>...
    let nested_roots = "<Error>".repeat(depth);
    let error = parse_timed(400, nested_roots.as_bytes());
    assert_eq!(error.code(), None);
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    // Another root: stops at once.
    let html = "<div>".repeat(depth);
    let error = parse_timed(400, html.as_bytes());
    assert!(has_issue(&error, |i| matches!(
        i,
        BodyIssue::UnexpectedRoot { .. }
    )));

    let json = format!(r#"{{"code":"A","x":{}"#, "[{\"a\":".repeat(depth));
    let error = parse_timed(400, json.as_bytes());
    assert_eq!(error.code_str(), Some("A"));
    assert_eq!(error.issues(), [BodyIssue::TooDeep { limit: MAX_DEPTH }]);

    let batch = format!("<DeleteResult>{}", "<Error><Key>".repeat(depth));
    let start = Instant::now();
    let result: DeleteErrors = DeleteErrors::parse(batch.as_bytes());
    assert!(start.elapsed() < QUICK);
    assert!(
        result
            .issues()
            .contains(&BodyIssue::TooDeep { limit: MAX_DEPTH })
    );
    assert!(!is_error_body(html.as_bytes()));
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let error = parse_timed(
        404,
        b"<Error><Code>NoSuch\xffKey</Code><Message>caf\xc3\xa9 \xc3</Message><Re\xffq>x</Re\xffq></Error>",
    );
    assert_eq!(
        error.code(),
        Some(&Code::Unknown("NoSuch\u{fffd}Key".to_owned()))
    );
    assert_eq!(error.message(), Some("caf\u{e9} \u{fffd}"));
    assert_eq!(error.extra(), [("Re\u{fffd}q".to_owned(), "x".to_owned())]);
    assert_eq!(error.issues(), [BodyIssue::InvalidUtf8]);

    let json = parse_timed(400, b"{\"code\":\"A\xfe\",\"message\":\"\xe2\x82\"}");
    assert_eq!(json.code_str(), Some("A\u{fffd}"));
    assert_eq!(json.message(), Some("\u{fffd}"));

    let headers: [(&str, &[u8]); 2] = [
        ("x-obs-error-code", b"Bad\x80Code"),
        ("x-obs-error-message", b"\xff\xfe"),
    ];
    let error: ObsError = ObsError::from_parts(400, headers, b"");
    assert_eq!(error.code_str(), Some("Bad\u{fffd}Code"));
    assert_eq!(error.message(), Some("\u{fffd}\u{fffd}"));

    // UTF-16 is not what OBS sends: not read, not a panic.
    let utf16: Vec<u8> = "\u{feff}<Error/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(parse_timed(400, &utf16).body_format(), BodyFormat::Other);
}

#[test]
fn malformed_xml_keeps_what_came_before() {
    let error = parse_timed(
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
        let error = parse_timed(400, body);
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
            Some(end) if name.ends_with(".http") => bytes[end + 2..].to_vec(),
            _ => bytes,
        };
        // 400: a status that stands for no single code, so no code comes from it.
        let whole = ObsError::<ObsErrorCode>::from_body(400, &body);
        let whole_batch: DeleteErrors = DeleteErrors::parse(&body);
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
            let batch: DeleteErrors = DeleteErrors::parse(&body[..cut]);
            assert!(batch.errors().len() <= whole_batch.errors().len());
        }
    }
}

#[test]
fn entities_outside_xml_are_kept_and_never_expanded() {
    let error = parse_timed(
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
    let error = parse_timed(400, laughs);
    assert_eq!(error.message(), Some("&c;"));
}

#[test]
fn issues_are_listed_once_each() {
    let mut body = String::from("<Error>");
    for i in 0..200 {
        body.push_str(&format!("<E{i}>&bad;\u{1}</E{i}>"));
    }
    body.push_str("</Error>");
    let error = parse_timed(400, body.as_bytes());
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
        let batch: DeleteErrors = DeleteErrors::parse(&body);
        prop_assert!(batch.errors().len() <= MAX_KEY_ERRORS);
    }

    #[test]
    fn xml_soup_never_panics_and_stays_bounded(body in soup(), status in 100u16..600) {
        let error: ObsError = ObsError::from_body(status, &body);
        assert_bounded(&error);
        for issue in error.issues() {
            prop_assert!(!issue.to_string().is_empty());
        }
        let batch: DeleteErrors = DeleteErrors::parse(&body);
        for key_error in batch.errors() {
            prop_assert!(!key_error.to_string().contains('\n'));
        }
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
        body.push_str(&format!("{padding}<Code>{padding}{}{padding}</Code>", escape(&code)));
        if cdata && !message.contains("]]>") {
            body.push_str(&format!("<Message><![CDATA[{message}]]></Message>"));
        } else {
            body.push_str(&format!("<Message>{padding}{}{padding}</Message>", escape(&message)));
        }
        body.push_str(&format!("<RequestId>{padding}{request_id}</RequestId>"));
        for (name, value) in &extra {
            body.push_str(&format!("<{name}>{}</{name}>", escape(value)));
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
        let field = |name: &str| {
            members
                .get(name)
                .and_then(scalar)
                .map(|s| s.trim_matches([' ', '\t', '\n', '\r']).to_owned())
                .filter(|s| !s.is_empty())
        };
        // A known code reads back in the table's spelling (an alias too).
        let expected_code = field("code")
            .map(|c| ObsErrorCode::from_code(&c).map_or(c, |known| known.as_str().to_owned()));
        prop_assert_eq!(error.code_str().map(str::to_owned), expected_code);
        prop_assert_eq!(error.message().map(str::to_owned), field("message"));
        prop_assert_eq!(error.request_id().map(str::to_owned), field("request_id"));
        let expected_extra: Vec<(String, String)> = members
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "code" | "message" | "request_id"))
            .filter_map(|(name, value)| Some((name.clone(), scalar(value)?)))
            .collect();
        prop_assert_eq!(error.extra(), &expected_extra[..]);
    }
}
