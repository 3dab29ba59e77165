//! [`ObsError`] as a record for structured logs (feature `serde`).

use super::{BodyFormat, CodeSource, ObsError, time};
use crate::ErrorCode;
use core::fmt;
use serde::ser::{Serialize, SerializeStruct, Serializer};

impl<C: ErrorCode> Serialize for ObsError<C> {
    /// A flat record of what the response said, for structured logs (serialization only;
    /// keep the response to read it again). Absent fields are left out:
    ///
    /// | field | value |
    /// |---|---|
    /// | `status` | the HTTP status |
    /// | `code` | the code as sent ([`code_str`](ObsError::code_str)); left out when the server sent none |
    /// | `inferred_code` | the code inferred from a bare status ([`CodeSource::Status`]) |
    /// | `known_code` | the table's wire code, when the table knows it |
    /// | `code_source` | `body`, `header` or `status` |
    /// | `message`, `request_id`, `id_2`, `resource`, `indicator`, `location` | as sent |
    /// | `kind` | [`ErrorKind`](super::ErrorKind), e.g. `not found` |
    /// | `retry_class` | [`RetryClass`](super::RetryClass), e.g. `throttled` |
    /// | `retry_after_ms` | [`retry_after`](ObsError::retry_after) in milliseconds |
    /// | `date`, `server_time` | RFC 3339, UTC, whole seconds |
    /// | `extra` | the other children, `[name, text]` pairs in document order |
    /// | `body_format` | `empty`, `xml`, `json` or `other` |
    /// | `issues` | each issue's message |
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = &self.0;
        let retry_after_ms = self
            .retry_after()
            .map(|wait| u64::try_from(wait.as_millis()).unwrap_or(u64::MAX));
        let date = fields.date.map(time::rfc3339);
        let server_time = fields.server_time.map(time::rfc3339);
        let inferred = fields.code_source == Some(CodeSource::Status);
        let (code, inferred_code) = if inferred {
            (None, self.code_str())
        } else {
            (self.code_str(), None)
        };
        let texts: [(&'static str, Option<&str>); 12] = [
            ("code", code),
            ("inferred_code", inferred_code),
            ("known_code", self.known_code().map(C::as_str)),
            ("code_source", fields.code_source.map(source_name)),
            ("message", self.message()),
            ("request_id", self.request_id()),
            ("id_2", self.id_2()),
            ("resource", self.resource()),
            ("indicator", self.indicator()),
            ("location", fields.location.as_deref()),
            ("date", date.as_deref()),
            ("server_time", server_time.as_deref()),
        ];
        let present = texts.iter().filter(|(_, value)| value.is_some()).count()
            + usize::from(retry_after_ms.is_some());
        let mut record = serializer.serialize_struct("ObsError", present + 6)?;
        record.serialize_field("status", &fields.status)?;
        for (name, value) in texts {
            match value {
                Some(value) => record.serialize_field(name, value)?,
                None => record.skip_field(name)?,
            }
        }
        record.serialize_field("kind", &Shown(self.kind()))?;
        record.serialize_field("retry_class", &Shown(self.retry_class()))?;
        match retry_after_ms {
            Some(ms) => record.serialize_field("retry_after_ms", &ms)?,
            None => record.skip_field("retry_after_ms")?,
        }
        record.serialize_field("extra", &fields.extra)?;
        record.serialize_field("body_format", format_name(fields.body_format))?;
        record.serialize_field("issues", &ShownAll(&fields.issues))?;
        record.end()
    }
}

fn source_name(source: CodeSource) -> &'static str {
    match source {
        CodeSource::Body => "body",
        CodeSource::Header => "header",
        CodeSource::Status => "status",
    }
}

fn format_name(format: BodyFormat) -> &'static str {
    match format {
        BodyFormat::Empty => "empty",
        BodyFormat::Xml => "xml",
        BodyFormat::Json => "json",
        BodyFormat::Other => "other",
    }
}

/// A value serialized as the string its `Display` writes.
struct Shown<T>(T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Values serialized as a sequence of the strings their `Display` writes.
struct ShownAll<'a, T>(&'a [T]);

impl<T: fmt::Display> Serialize for ShownAll<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Shown))
    }
}
