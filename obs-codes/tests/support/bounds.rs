//! The bounds every parsed response keeps, whatever the input: shared by the bad-input
//! suite (`tests/bad_input.rs`) and the fuzz target (`fuzz/fuzz_targets/parse_response.rs`).

use obs_codes::ObsError;
use obs_codes::response::limits::{MAX_EXTRA_FIELDS, MAX_FIELD_BYTES, MAX_ISSUES};

/// The bounds every result keeps, whatever the input.
pub fn assert_bounded(error: &ObsError) {
    assert!(error.issues().len() <= MAX_ISSUES);
    assert!(error.extra().len() <= MAX_EXTRA_FIELDS);
    let fields = [
        error.code_str(),
        error.message(),
        error.request_id(),
        error.id_2(),
        error.resource(),
        error.indicator(),
    ];
    for value in fields.into_iter().flatten() {
        // U+FFFD for one invalid byte takes 3: at most 3 times the cap after decoding.
        assert!(value.len() <= MAX_FIELD_BYTES, "{} bytes", value.len());
    }
    for (name, value) in error.extra() {
        assert!(name.len() <= MAX_FIELD_BYTES);
        assert!(value.len() <= MAX_FIELD_BYTES);
    }
    let line = error.to_string();
    assert!(!forges_lines(&line), "{line:?}");
    let _ = (error.retry_class(), error.kind(), error.retry_after());
    let _ = (error.server_time(), error.redirect());
}

/// Whether a log line holds a character that could break or disguise it: a control
/// character, U+2028, U+2029, or a bidi control.
pub fn forges_lines(line: &str) -> bool {
    line.contains(|c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    })
}
