//! The per-key errors of a batch delete.

use super::issue::{BodyIssue, Issues};
use super::limits::MAX_BATCH_BODY_BYTES;
use super::retry::RetryClass;
use super::xml::{self, Entry, Layout, RawRecord};
use super::{Code, cut_body, write_clean};
use crate::{ErrorCode, ObsErrorCode};
use core::fmt;

/// One key that a batch delete did not delete: an `<Error>` of a `<DeleteResult>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError<C: ErrorCode = ObsErrorCode> {
    key: Option<String>,
    version_id: Option<String>,
    code: Option<Code<C>>,
    /// The code as sent, when the table spells it otherwise (an alias).
    code_sent: Option<String>,
    message: Option<String>,
    extra: Vec<(String, String)>,
}

impl<C: ErrorCode> KeyError<C> {
    fn from_record(record: RawRecord) -> Self {
        let (code, code_sent) = match record.code.map(Code::received) {
            Some((code, sent)) => (Some(code), sent),
            None => (None, None),
        };
        Self {
            key: record.key,
            version_id: record.version_id,
            code,
            code_sent,
            message: record.message,
            extra: record.extra,
        }
    }

    /// The object key, exactly as sent (`<Key>`; leading and trailing spaces kept).
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The version, for a versioned delete (`<VersionId>`).
    #[must_use]
    pub fn version_id(&self) -> Option<&str> {
        self.version_id.as_deref()
    }

    /// The error code (`<Code>`).
    #[must_use]
    pub fn code(&self) -> Option<&Code<C>> {
        self.code.as_ref()
    }

    /// The code exactly as the server spelled it (an alias too, e.g. `KeyTooLongError`).
    #[must_use]
    pub fn code_str(&self) -> Option<&str> {
        self.code_sent
            .as_deref()
            .or_else(|| self.code.as_ref().map(Code::as_str))
    }

    /// The message (`<Message>`).
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Other children, as `(name, text)` pairs in document order.
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }

    /// What to do about this key, from its code alone (there is no per-key status):
    /// see [`RetryClass::classify`].
    #[must_use]
    pub fn retry_class(&self) -> RetryClass {
        RetryClass::classify(self.code.as_ref(), None)
    }
}

impl<C: ErrorCode> fmt::Display for KeyError<C> {
    /// `key "photos/a.jpg": AccessDenied: Access Denied`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("key ")?;
        match &self.key {
            // Quoted and escaped as Rust writes a string, then cleaned of what Rust
            // leaves (bidi controls), so a key cannot forge the line.
            Some(key) => write_clean(f, &format!("{key:?}"))?,
            None => f.write_str("(none)")?,
        }
        if let Some(code) = self.code_str() {
            f.write_str(": ")?;
            write_clean(f, code)?;
        }
        if let Some(message) = &self.message {
            f.write_str(": ")?;
            write_clean(f, message)?;
        }
        Ok(())
    }
}

/// One key a batch delete deleted: a `<Deleted>` of a `<DeleteResult>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedKey {
    key: Option<String>,
    version_id: Option<String>,
    delete_marker: bool,
    delete_marker_version_id: Option<String>,
    extra: Vec<(String, String)>,
}

impl DeletedKey {
    fn from_record(record: RawRecord) -> Self {
        let mut extra = record.extra;
        let delete_marker = match record.delete_marker.as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            // Neither `true` nor `false`: kept among the others, not guessed.
            Some(other) => {
                extra.push(("DeleteMarker".to_owned(), other.to_owned()));
                false
            }
        };
        Self {
            key: record.key,
            version_id: record.version_id,
            delete_marker,
            delete_marker_version_id: record.delete_marker_version_id,
            extra,
        }
    }

    /// The object key, exactly as sent (`<Key>`).
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The version deleted, for a versioned delete (`<VersionId>`).
    #[must_use]
    pub fn version_id(&self) -> Option<&str> {
        self.version_id.as_deref()
    }

    /// Whether the delete created or removed a delete marker (`<DeleteMarker>true`).
    #[must_use]
    pub fn delete_marker(&self) -> bool {
        self.delete_marker
    }

    /// The delete marker's version (`<DeleteMarkerVersionId>`).
    #[must_use]
    pub fn delete_marker_version_id(&self) -> Option<&str> {
        self.delete_marker_version_id.as_deref()
    }

    /// Other children, as `(name, text)` pairs in document order (a `<DeleteMarker>`
    /// that is neither `true` nor `false` too).
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }
}

/// What a batch delete's `200 OK` `<DeleteResult>` body says went wrong.
///
/// docs/protocol.md: "Per-key errors of a batch delete arrive inside a 200 OK
/// `<DeleteResult>` as `<Error>` elements with `Key`, `Code`, `Message`."
///
/// ```
/// use obs_codes::{ObsErrorCode, response::DeleteErrors};
///
/// let body = br#"<DeleteResult xmlns="http://obs.example.com/doc/2015-06-30/">
///   <Deleted><Key>a</Key></Deleted>
///   <Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
/// </DeleteResult>"#;
/// let result = DeleteErrors::from_body(body);
/// assert_eq!(result.deleted()[0].key(), Some("a"));
/// let [failed] = result.errors() else { panic!() };
/// assert_eq!(failed.key(), Some("b"));
/// assert_eq!(failed.code().and_then(|c| c.known()), Some(ObsErrorCode::AccessDenied));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteErrors<C: ErrorCode = ObsErrorCode> {
    errors: Vec<KeyError<C>>,
    deleted: Vec<DeletedKey>,
    issues: Vec<BodyIssue>,
}

impl DeleteErrors {
    /// Reads a `<DeleteResult>` body with the bundled table: see
    /// [`from_body_in`](Self::from_body_in), which reads it with any table
    /// (`DeleteErrors::<MyCode>::from_body_in(body)`).
    #[must_use]
    pub fn from_body(body: &[u8]) -> Self {
        Self::from_body_in(body)
    }
}

impl<C: ErrorCode> DeleteErrors<C> {
    /// Reads a `<DeleteResult>` body (root matched by local name, any namespace), its
    /// first [`MAX_BATCH_BODY_BYTES`] at most, typing codes with the table `C`
    /// (`DeleteErrors::<MyCode>::from_body_in(body)`). Never fails: an unexpected root,
    /// malformed or truncated XML give the entries read so far and an
    /// [`issue`](Self::issues).
    #[must_use]
    pub fn from_body_in(body: &[u8]) -> Self {
        let mut issues = Issues::default();
        let body = cut_body(body, MAX_BATCH_BODY_BYTES, &mut issues);
        let mut errors = Vec::new();
        let mut deleted = Vec::new();
        xml::scan(
            body,
            Layout::DeleteResult,
            &mut issues,
            &mut |entry, record| match entry {
                Entry::Error => errors.push(KeyError::from_record(record)),
                Entry::Deleted => deleted.push(DeletedKey::from_record(record)),
            },
        );
        Self {
            errors,
            deleted,
            issues: issues.into_vec(),
        }
    }

    /// The keys that were not deleted, in document order (at most
    /// [`MAX_KEY_ERRORS`](super::limits::MAX_KEY_ERRORS)).
    #[must_use]
    pub fn errors(&self) -> &[KeyError<C>] {
        &self.errors
    }

    /// The keys deleted, the `<Deleted>` entries in document order (none in quiet
    /// mode; at most [`MAX_DELETED_KEYS`](super::limits::MAX_DELETED_KEYS)).
    #[must_use]
    pub fn deleted(&self) -> &[DeletedKey] {
        &self.deleted
    }

    /// Whether every key listed was deleted.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// What could not be read as it was; empty for a well-formed body.
    #[must_use]
    pub fn issues(&self) -> &[BodyIssue] {
        &self.issues
    }
}
