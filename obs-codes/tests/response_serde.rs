//! The `serde` feature: codes serialize as their wire strings and deserialize back,
//! unknown strings included.

use obs_codes::{Code, ObsErrorCode};
use serde::{Deserialize, Serialize};

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
    assert_eq!(known, Code::Known(ObsErrorCode::SlowDown));
    let unknown: Code = serde_json::from_str(r#""nosuch Key\u00e9""#).unwrap();
    assert_eq!(unknown, Code::Unknown("nosuch Key\u{e9}".to_owned()));
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
        seen: vec![
            Code::Known(Mine::NoSuchWidget),
            Code::Unknown("NoSuchKey".to_owned()),
        ],
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
