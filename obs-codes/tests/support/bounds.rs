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
    assert!(!line.contains(['\n', '\r']), "{line:?}");
}
