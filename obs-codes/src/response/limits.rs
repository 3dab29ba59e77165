//! The bounds that keep reading any input fast and small.
//!
//! Every reader works in one pass over at most a fixed number of bytes, without
//! recursion, and keeps at most a fixed amount of text; past a bound it stops or cuts
//! and says so in a [`BodyIssue`](super::BodyIssue).

/// Bytes of an error body that are read (1 MiB); the rest is ignored and
/// [`BodyIssue::Truncated`](super::BodyIssue::Truncated) is reported. A real error body
/// is a few hundred bytes, so a client may stop reading a response body here.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Bytes of a batch-delete `DeleteResult` body that are read (8 MiB): a batch holds up
/// to 1000 keys of up to 1024 bytes each, XML-escaped.
pub const MAX_BATCH_BODY_BYTES: usize = 8 << 20;

/// Bytes kept of one value (16 KiB); a longer value is cut at a character boundary and
/// [`BodyIssue::FieldTooLong`](super::BodyIssue::FieldTooLong) is reported. Messages
/// such as a `StringToSign` fit easily.
pub const MAX_FIELD_BYTES: usize = 16 << 10;

/// Other children of one `<Error>` (or other members of a JSON error) that are kept.
pub const MAX_EXTRA_FIELDS: usize = 64;

/// Per-key errors of a batch delete that are kept (a batch deletes at most 1000 keys).
pub const MAX_KEY_ERRORS: usize = 1000;

/// `<Deleted>` entries of a batch delete that are kept (a batch deletes at most 1000 keys).
pub const MAX_DELETED_KEYS: usize = 1000;

/// Deepest element or JSON container nesting read; an error body needs 3 or 4.
pub const MAX_DEPTH: usize = 32;

/// Issues reported for one body, at most.
pub const MAX_ISSUES: usize = 16;
