//! The per-key errors of a batch delete.

use super::issue::{BodyIssue, Issues};
use super::limits::MAX_BATCH_BODY_BYTES;
use super::retry::RetryClass;
use super::xml::{self, Layout, RawRecord};
use super::{Code, cut_body, write_clean};
use crate::{ErrorCode, ObsErrorCode};
use core::fmt;

/// One key that a batch delete did not delete: an `<Error>` of a `<DeleteResult>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError<C: ErrorCode = ObsErrorCode> {
    key: Option<String>,
    version_id: Option<String>,
    code: Option<Code<C>>,
    message: Option<String>,
    extra: Vec<(String, String)>,
}

impl<C: ErrorCode> KeyError<C> {
    fn from_record(record: RawRecord) -> Self {
        Self {
            key: record.key,
            version_id: record.version_id,
            code: record.code.map(Code::from),
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
            Some(key) => write!(f, "{key:?}")?,
            None => f.write_str("(none)")?,
        }
        if let Some(code) = &self.code {
            f.write_str(": ")?;
            write_clean(f, code.as_str())?;
        }
        if let Some(message) = &self.message {
            f.write_str(": ")?;
            write_clean(f, message)?;
        }
        Ok(())
    }
}

/// What a batch delete's `200 OK` `<DeleteResult>` body says went wrong.
///
/// shared/reference/protocol.md: "Per-key errors of a batch delete arrive inside a 200 OK
/// `<DeleteResult>` as `<Error>` elements with `Key`, `Code`, `Message`."
///
/// ```
/// use obs_codes::{ObsErrorCode, response::DeleteErrors};
///
/// let body = br#"<DeleteResult xmlns="http://obs.example.com/doc/2015-06-30/">
///   <Deleted><Key>a</Key></Deleted>
///   <Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
/// </DeleteResult>"#;
/// let result: DeleteErrors = DeleteErrors::parse(body);
/// assert_eq!(result.deleted(), 1);
/// let [failed] = result.errors() else { panic!() };
/// assert_eq!(failed.key(), Some("b"));
/// assert_eq!(failed.code().and_then(|c| c.known()), Some(ObsErrorCode::AccessDenied));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteErrors<C: ErrorCode = ObsErrorCode> {
    errors: Vec<KeyError<C>>,
    deleted: usize,
    issues: Vec<BodyIssue>,
}

impl<C: ErrorCode> DeleteErrors<C> {
    /// Reads a `<DeleteResult>` body (root matched by local name, any namespace), its
    /// first [`MAX_BATCH_BODY_BYTES`] at most. Never fails: an unexpected root, malformed
    /// or truncated XML give the errors read so far and an [`issue`](Self::issues).
    #[must_use]
    pub fn parse(body: &[u8]) -> Self {
        let mut issues = Issues::default();
        let body = cut_body(body, MAX_BATCH_BODY_BYTES, &mut issues);
        let mut errors = Vec::new();
        let deleted = xml::scan(body, Layout::DeleteResult, &mut issues, &mut |record| {
            errors.push(KeyError::from_record(record));
        });
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

    /// How many `<Deleted>` entries the body listed (none in quiet mode).
    #[must_use]
    pub fn deleted(&self) -> usize {
        self.deleted
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
