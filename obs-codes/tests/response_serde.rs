//! The `serde` feature: codes of every generated enum serialize as their wire strings and
//! deserialize back (aliases and, for `Code`, unknown strings included), `serde_wire`
//! does it for fields, options and sequences, and `ObsError` serializes for logs.

use obs_codes::response::DeleteErrors;
use obs_codes::{Code, ObsError, ObsErrorCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[test]
fn bundled_codes_round_trip_as_wire_strings() {
    for &code in ObsErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, serde_json::to_string(code.as_str()).unwrap());
        assert_eq!(serde_json::from_str::<ObsErrorCode>(&json).unwrap(), code);
    }
    assert_eq!(
        serde_json::to_string(&ObsErrorCode::from_code("KMS.DisabledException").unwrap()).unwrap(),
        r#""KMS.DisabledException""#
    );
    // An alias reads as its code.
    assert_eq!(
        serde_json::from_str::<ObsErrorCode>(r#""KeyTooLongError""#).unwrap(),
        ObsErrorCode::KeyTooLong
    );
}

#[test]
fn an_unknown_string_is_an_error_naming_it() {
    let error = serde_json::from_str::<ObsErrorCode>(r#""NoSuchWidget""#).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains(r#"invalid value: string "NoSuchWidget""#),
        "{text}"
    );
    // Case matters on the wire.
    assert!(serde_json::from_str::<ObsErrorCode>(r#""nosuchkey""#).is_err());
    assert!(serde_json::from_str::<ObsErrorCode>("404").is_err());
}

#[test]
fn code_keeps_unknown_strings_verbatim() {
    let known: Code = serde_json::from_str(r#""SlowDown""#).unwrap();
    assert_eq!(known, Code::from(ObsErrorCode::SlowDown));
    let unknown: Code = serde_json::from_str(r#""nosuch Key\u00e9""#).unwrap();
    assert_eq!(unknown, Code::new("nosuch Key\u{e9}"));
    assert!(!unknown.is_known());
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""nosuch Keyé""#);
    assert_eq!(serde_json::to_string(&known).unwrap(), r#""SlowDown""#);
    let alias: Code = serde_json::from_str(r#""SystemCapacityNotEnough""#).unwrap();
    assert_eq!(
        serde_json::to_string(&alias).unwrap(),
        r#""System Capacity Not enough""#
    );
}

mod custom {
    obs_codes::obs_errors! {
        /// Only our own codes.
        pub enum Mine { "tests/fixtures/mine.csv" }
    }
}
use custom::Mine;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    #[serde(with = "obs_codes::serde_wire")]
    mine: Mine,
    bundled: ObsErrorCode,
    seen: Vec<Code<Mine>>,
}

#[test]
fn user_enums_through_serde_wire_and_code() {
    let record = Record {
        mine: Mine::WidgetBusy,
        bundled: ObsErrorCode::NoSuchKey,
        seen: vec![Code::from(Mine::NoSuchWidget), Code::new("NoSuchKey")],
    };
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        json,
        r#"{"mine":"WidgetBusy","bundled":"NoSuchKey","seen":["NoSuchWidget","NoSuchKey"]}"#
    );
    assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), record);
    let wrong = r#"{"mine":"NoSuchKey","bundled":"NoSuchKey","seen":[]}"#;
    let error = serde_json::from_str::<Record>(wrong)
        .unwrap_err()
        .to_string();
    assert!(error.contains(r#"string "NoSuchKey""#), "{error}");
}

mod gateway {
    obs_codes::obs_errors! {
        /// The example gateway's table: OBS's codes, an alias of `NoSuchKey` and its own.
        pub enum GatewayCode { obs, "examples/gateway.csv" }
    }
    // No derive: every enum from `obs_codes::obs_errors!` is serde-ready.
}
use gateway::GatewayCode;

#[test]
fn a_user_enum_serializes_as_wire_strings_through_the_macro() {
    // For the derive below, with no attribute.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Event {
        code: GatewayCode,
        bundled: ObsErrorCode,
    }

    // The variant is `KMSDisabledException`, the wire code `KMS.DisabledException`.
    let kms = GatewayCode::KMSDisabledException;
    assert_eq!(
        serde_json::to_string(&kms).unwrap(),
        r#""KMS.DisabledException""#
    );
    assert_eq!(
        serde_json::from_str::<GatewayCode>(r#""KMS.DisabledException""#).unwrap(),
        kms
    );
    for &code in GatewayCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, serde_json::to_string(code.as_str()).unwrap());
        assert_eq!(serde_json::from_str::<GatewayCode>(&json).unwrap(), code);
    }
    // The gateway's alias reads as its code; a string the table lacks is an error.
    assert_eq!(
        serde_json::from_str::<GatewayCode>(r#""NoSuchObject""#).unwrap(),
        GatewayCode::NoSuchKey
    );
    let error = serde_json::from_str::<GatewayCode>(r#""NoSuchWidget""#).unwrap_err();
    assert!(
        error.to_string().contains(r#"string "NoSuchWidget""#),
        "{error}"
    );

    // In a derive (`Event`), with no attribute.
    let event = Event {
        code: GatewayCode::GatewayQuotaExceeded,
        bundled: ObsErrorCode::SlowDown,
    };
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(
        json,
        r#"{"code":"GatewayQuotaExceeded","bundled":"SlowDown"}"#
    );
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Many {
    #[serde(with = "obs_codes::serde_wire::option", default)]
    maybe: Option<Mine>,
    #[serde(with = "obs_codes::serde_wire::seq")]
    list: Vec<Mine>,
    #[serde(with = "obs_codes::serde_wire::seq")]
    set: BTreeSet<Mine>,
}

#[test]
fn serde_wire_handles_options_and_sequences() {
    let many = Many {
        maybe: Some(Mine::WidgetBusy),
        list: vec![Mine::SlowDown, Mine::NoSuchWidget, Mine::SlowDown],
        set: [Mine::WidgetBusy, Mine::NoSuchWidget].into_iter().collect(),
    };
    let json = serde_json::to_string(&many).unwrap();
    assert_eq!(
        json,
        r#"{"maybe":"WidgetBusy","list":["SlowDown","NoSuchWidget","SlowDown"],"set":["NoSuchWidget","WidgetBusy"]}"#
    );
    assert_eq!(serde_json::from_str::<Many>(&json).unwrap(), many);

    let none: Many = serde_json::from_str(r#"{"maybe":null,"list":[],"set":[]}"#).unwrap();
    assert_eq!(none.maybe, None);
    assert_eq!(
        serde_json::to_string(&none).unwrap(),
        r#"{"maybe":null,"list":[],"set":[]}"#
    );
    let missing: Many = serde_json::from_str(r#"{"list":[],"set":[]}"#).unwrap();
    assert_eq!(missing.maybe, None);

    // The first unknown string in a sequence is the error; not a sequence is one too.
    let wrong = serde_json::from_str::<Many>(r#"{"list":["SlowDown","Nope","Worse"],"set":[]}"#);
    assert!(wrong.unwrap_err().to_string().contains(r#"string "Nope""#));
    assert!(serde_json::from_str::<Many>(r#"{"list":"SlowDown","set":[]}"#).is_err());
    assert!(serde_json::from_str::<Many>(r#"{"maybe":"Nope","list":[],"set":[]}"#).is_err());
}

#[test]
fn an_error_serializes_its_fields_for_structured_logs() {
    let body = br"<Error><Code>KeyTooLongError</Code><Message>Your key is too long.</Message><RequestId>R1</RequestId><HostId>H1</HostId><Key>k</Key><Bad>&nbsp;</Bad></Error>";
    let headers = [
        ("x-reserved-indicator", "ind"),
        ("Date", "Wed, 01 Jul 2015 04:20:51 GMT"),
        ("Retry-After", "2"),
    ];
    let error = ObsError::from_parts(400, headers, body);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "status": 400,
            "code": "KeyTooLongError",
            "known_code": "KeyTooLong",
            "code_source": "body",
            "message": "Your key is too long.",
            "request_id": "R1",
            "id_2": "H1",
            "indicator": "ind",
            "date": "2015-07-01T04:20:51Z",
            "kind": "invalid request",
            "retry_class": "not retryable",
            "retry_after_ms": 2000,
            "extra": [["Key", "k"], ["Bad", "&nbsp;"]],
            "body_format": "xml",
            "issues": ["unknown entity in `Bad` kept as written"],
        })
    );
    // Nothing but the status: the absent fields are left out.
    let bare = serde_json::to_string(&ObsError::from_status(404)).unwrap();
    assert_eq!(
        bare,
        r#"{"status":404,"kind":"not found","retry_class":"not retryable","extra":[],"body_format":"empty","issues":[]}"#
    );
    // A code inferred from a bare status is no code the server sent: it is recorded as
    // inferred, not as `code`.
    let inferred = serde_json::to_value(ObsError::from_status(416)).unwrap();
    assert_eq!(inferred.get("code"), None);
    assert_eq!(inferred["inferred_code"], "InvalidRange");
    assert_eq!(inferred["known_code"], "InvalidRange");
    assert_eq!(inferred["code_source"], "status");
    let sent = serde_json::to_value(ObsError::from_parts(
        416,
        [("x-obs-error-code", "InvalidRange")],
        b"",
    ))
    .unwrap();
    assert_eq!(sent["code"], "InvalidRange");
    assert_eq!(sent.get("inferred_code"), None);
    // A batch's codes through `Code`.
    let batch = DeleteErrors::from_body(
        b"<DeleteResult><Error><Code>SlowDown</Code></Error></DeleteResult>",
    );
    let codes: Vec<&Code> = batch.errors().iter().filter_map(|e| e.code()).collect();
    assert_eq!(serde_json::to_string(&codes).unwrap(), r#"["SlowDown"]"#);
}
