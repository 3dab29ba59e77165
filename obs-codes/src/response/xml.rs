//! The XML reader: `<Error>` bodies and the per-key errors of a `<DeleteResult>`.
//!
//! One pass of quick-xml events over a byte slice, no recursion: a depth counter, the
//! record being filled and the one value being collected. Elements are matched by local
//! name, so a namespace or prefix changes nothing (docs/protocol.md: the
//! vendor's Python SDK strips `xmlns` before parsing errors).

use super::issue::{BodyIssue, Issues};
use super::limits::{
    MAX_DELETED_KEYS, MAX_DEPTH, MAX_EXTRA_FIELDS, MAX_FIELD_BYTES, MAX_KEY_ERRORS,
};
use super::text::{self, Capped};
use quick_xml::Reader;
use quick_xml::events::Event;

/// What the document is expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// An error response: the root is the one `<Error>`.
    ErrorBody,
    /// A batch-delete answer: `<DeleteResult>` with `<Deleted>` and `<Error>` children.
    DeleteResult,
}

/// Which element a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// An `<Error>`: the error body's root, or a key a batch delete did not delete.
    Error,
    /// A `<Deleted>` of a batch delete.
    Deleted,
}

impl Layout {
    fn root(self) -> &'static str {
        match self {
            Self::ErrorBody => "Error",
            Self::DeleteResult => "DeleteResult",
        }
    }

    /// The depth of the `<Error>` elements whose children are read.
    fn record_depth(self) -> usize {
        match self {
            Self::ErrorBody => 1,
            Self::DeleteResult => 2,
        }
    }

    fn field(self, entry: Entry, name: &[u8]) -> Option<Field> {
        match (self, entry, name) {
            (_, Entry::Error, b"Code") => Some(Field::Code),
            (_, Entry::Error, b"Message") => Some(Field::Message),
            (Self::ErrorBody, _, b"RequestId") => Some(Field::RequestId),
            (Self::ErrorBody, _, b"HostId") => Some(Field::HostId),
            (Self::ErrorBody, _, b"Resource") => Some(Field::Resource),
            (Self::DeleteResult, _, b"Key") => Some(Field::Key),
            (Self::DeleteResult, _, b"VersionId") => Some(Field::VersionId),
            (Self::DeleteResult, Entry::Deleted, b"DeleteMarker") => Some(Field::DeleteMarker),
            (Self::DeleteResult, Entry::Deleted, b"DeleteMarkerVersionId") => {
                Some(Field::DeleteMarkerVersionId)
            }
            _ => None,
        }
    }
}

/// A child element with a field of its own in [`RawRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Code,
    Message,
    RequestId,
    HostId,
    Resource,
    Key,
    VersionId,
    DeleteMarker,
    DeleteMarkerVersionId,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Self::Code => "Code",
            Self::Message => "Message",
            Self::RequestId => "RequestId",
            Self::HostId => "HostId",
            Self::Resource => "Resource",
            Self::Key => "Key",
            Self::VersionId => "VersionId",
            Self::DeleteMarker => "DeleteMarker",
            Self::DeleteMarkerVersionId => "DeleteMarkerVersionId",
        }
    }

    /// The whitespace rule of the field (docs/protocol.md: values may be padded with
    /// whitespace or wrapped over lines).
    fn normalize(self, value: &str) -> String {
        match self {
            // Codes are trimmed only: a code such as `System Capacity Not enough` has spaces.
            Self::Code | Self::VersionId | Self::DeleteMarker | Self::DeleteMarkerVersionId => {
                text::trimmed(value).to_owned()
            }
            Self::Message | Self::Resource => text::unwrapped(value),
            // Identifiers never hold whitespace but are wrapped in the API reference.
            Self::RequestId | Self::HostId => text::without_spaces(value),
            // An object key may begin or end with spaces: kept exactly.
            Self::Key => value.to_owned(),
        }
    }
}

/// The fields of one error (an `<Error>` element or a JSON error object), as read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RawRecord {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) host_id: Option<String>,
    pub(crate) resource: Option<String>,
    pub(crate) key: Option<String>,
    pub(crate) version_id: Option<String>,
    pub(crate) delete_marker: Option<String>,
    pub(crate) delete_marker_version_id: Option<String>,
    pub(crate) extra: Vec<(String, String)>,
}

impl RawRecord {
    fn slot(&mut self, field: Field) -> &mut Option<String> {
        match field {
            Field::Code => &mut self.code,
            Field::Message => &mut self.message,
            Field::RequestId => &mut self.request_id,
            Field::HostId => &mut self.host_id,
            Field::Resource => &mut self.resource,
            Field::Key => &mut self.key,
            Field::VersionId => &mut self.version_id,
            Field::DeleteMarker => &mut self.delete_marker,
            Field::DeleteMarkerVersionId => &mut self.delete_marker_version_id,
        }
    }

    /// Stores an XML value that has a field, with the field's whitespace rule.
    pub(crate) fn set(&mut self, field: Field, value: &str, issues: &mut Issues) {
        self.put(field, field.name(), field.normalize(value), issues);
    }

    /// Stores a value as it is, sent under `name`. An empty value leaves the field unset
    /// (so a header can supply it); a repeated one is kept among the others under its
    /// name, so nothing is lost.
    pub(crate) fn put(&mut self, field: Field, name: &str, value: String, issues: &mut Issues) {
        if value.is_empty() && field != Field::Key {
            return;
        }
        let slot = self.slot(field);
        if slot.is_none() {
            *slot = Some(value);
        } else {
            self.push_extra(name.to_owned(), value, issues);
        }
    }

    /// Keeps another child or member, up to [`MAX_EXTRA_FIELDS`].
    pub(crate) fn push_extra(&mut self, name: String, value: String, issues: &mut Issues) {
        if self.extra.len() < MAX_EXTRA_FIELDS {
            self.extra.push((name, value));
        } else {
            issues.push(BodyIssue::TooManyFields {
                limit: MAX_EXTRA_FIELDS,
            });
        }
    }
}

/// The child element whose text is being collected.
enum Current {
    Known(Field),
    Other(String),
}

impl Current {
    fn name(&self) -> &str {
        match self {
            Self::Known(field) => field.name(),
            Self::Other(name) => name,
        }
    }
}

/// Reads `body` (already cut to its limit) as `layout`, handing each record (an
/// `<Error>` or, in a batch delete, a `<Deleted>`) to `on_record`, in document order.
///
/// A record cut short by malformed or truncated input is still handed over with the
/// fields completed before the problem; a field whose end tag was never read is dropped
/// (a truncated `<Code>NoSuchK` must not pass for a code).
pub(crate) fn scan(
    body: &[u8],
    layout: Layout,
    issues: &mut Issues,
    on_record: &mut dyn FnMut(Entry, RawRecord),
) {
    let mut scan = Scan {
        layout,
        issues,
        on_record,
        depth: 0,
        record: None,
        errors: 0,
        deleted: 0,
        current: None,
        value: Capped::default(),
        kept_entity: false,
        markup: false,
    };
    scan.run(body);
}

struct Scan<'a> {
    layout: Layout,
    issues: &'a mut Issues,
    on_record: &'a mut dyn FnMut(Entry, RawRecord),
    depth: usize,
    /// The record being filled, and what it is.
    record: Option<(Entry, RawRecord)>,
    /// `<Error>` and `<Deleted>` records started so far.
    errors: usize,
    deleted: usize,
    current: Option<Current>,
    value: Capped,
    kept_entity: bool,
    /// Whether the field being collected held an element.
    markup: bool,
}

/// Whether to read on.
#[derive(PartialEq, Eq)]
enum Flow {
    Continue,
    Stop,
}

impl Scan<'_> {
    fn run(&mut self, body: &[u8]) {
        let mut reader = Reader::from_reader(body);
        loop {
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    self.issues.push(BodyIssue::MalformedXml {
                        offset: reader.error_position(),
                        detail: error.to_string(),
                    });
                    break;
                }
            };
            let flow = match event {
                Event::Start(start) => self.open(start.local_name().as_ref()),
                Event::Empty(start) => match self.open(start.local_name().as_ref()) {
                    Flow::Continue => self.close(),
                    Flow::Stop => Flow::Stop,
                },
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    if self.current.is_some() {
                        let raw = text::decode(&text, self.issues);
                        self.kept_entity |= text::push_unescaped(&mut self.value, &raw);
                    }
                    Flow::Continue
                }
                Event::CData(cdata) => {
                    if self.current.is_some() {
                        self.value.push_str(&text::decode(&cdata, self.issues));
                    }
                    Flow::Continue
                }
                Event::Eof => {
                    if self.depth > 0 {
                        self.issues.push(BodyIssue::Unterminated);
                    }
                    Flow::Stop
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {
                    Flow::Continue
                }
            };
            if flow == Flow::Stop {
                break;
            }
        }
        // Input ended or broke inside a record: hand over what was completed.
        if let Some((entry, record)) = self.record.take() {
            (self.on_record)(entry, record);
        }
    }

    /// A start tag at `self.depth + 1`.
    fn open(&mut self, name: &[u8]) -> Flow {
        self.depth += 1;
        let depth = self.depth;
        if depth > MAX_DEPTH {
            self.issues.push(BodyIssue::TooDeep { limit: MAX_DEPTH });
            return Flow::Stop;
        }
        let record_depth = self.layout.record_depth();
        if depth == 1 {
            if name != self.layout.root().as_bytes() {
                self.issues.push(BodyIssue::UnexpectedRoot {
                    expected: self.layout.root(),
                    found: element_name(name),
                });
                return Flow::Stop;
            }
            if record_depth == 1 {
                self.record = Some((Entry::Error, RawRecord::default()));
            }
        } else if depth == record_depth {
            // Only for a DeleteResult: its children.
            let (entry, count, limit) = match name {
                b"Error" => (Entry::Error, &mut self.errors, MAX_KEY_ERRORS),
                b"Deleted" => (Entry::Deleted, &mut self.deleted, MAX_DELETED_KEYS),
                _ => return Flow::Continue,
            };
            if *count < limit {
                *count += 1;
                self.record = Some((entry, RawRecord::default()));
            } else {
                self.issues.push(BodyIssue::TooManyFields { limit });
            }
        } else if depth == record_depth + 1 {
            if let Some((entry, _)) = self.record {
                self.current = Some(match self.layout.field(entry, name) {
                    Some(field) => Current::Known(field),
                    None => Current::Other(element_name(name)),
                });
                self.value.clear();
                self.kept_entity = false;
                self.markup = false;
            }
        } else if matches!(self.current, Some(Current::Known(_))) {
            // An element inside a value read as text: `<Code>No<b>Such</b>Key</Code>`.
            self.markup = true;
        }
        Flow::Continue
    }

    /// An end tag closing the element at `self.depth`.
    fn close(&mut self) -> Flow {
        let depth = self.depth;
        self.depth = depth.saturating_sub(1);
        let record_depth = self.layout.record_depth();
        if depth == record_depth + 1 {
            self.commit();
        } else if depth == record_depth {
            if let Some((entry, record)) = self.record.take() {
                (self.on_record)(entry, record);
            }
        }
        if self.depth == 0 {
            // The root is closed; whatever follows is not ours.
            Flow::Stop
        } else {
            Flow::Continue
        }
    }

    /// Stores the value of the child element that just closed.
    fn commit(&mut self) {
        let (Some(current), Some((_, record))) = (self.current.take(), self.record.as_mut()) else {
            return;
        };
        if self.value.was_cut() {
            self.issues.push(BodyIssue::FieldTooLong {
                field: current.name().to_owned(),
                limit: MAX_FIELD_BYTES,
            });
        }
        if self.kept_entity {
            self.issues.push(BodyIssue::UnknownEntity {
                field: current.name().to_owned(),
            });
        }
        if self.markup {
            self.issues.push(BodyIssue::MarkupInValue {
                field: current.name().to_owned(),
            });
        }
        let value = self.value.as_str();
        match current {
            Current::Known(field) => record.set(field, value, self.issues),
            Current::Other(name) => record.push_extra(name, value.to_owned(), self.issues),
        }
    }
}

/// An element name as text, lossily decoded and cut at [`MAX_FIELD_BYTES`] like a value.
fn element_name(name: &[u8]) -> String {
    let head = name.get(..MAX_FIELD_BYTES).unwrap_or(name);
    let mut ignored = Issues::default();
    let name = text::decode(head, &mut ignored);
    let end = text::floor_char_boundary(&name, MAX_FIELD_BYTES);
    name.get(..end).unwrap_or_default().to_owned()
}

/// Whether the document's root element is `<Error>` (by local name): what tells a
/// 200 OK that is really an error (docs/protocol.md: copy, multipart complete).
///
/// Reads only up to the root's start tag, within the first
/// [`MAX_BODY_BYTES`](super::limits::MAX_BODY_BYTES).
pub(crate) fn root_is_error(body: &[u8]) -> bool {
    let mut reader = Reader::from_reader(body);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                return start.local_name().as_ref() == b"Error";
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str, layout: Layout) -> (Vec<RawRecord>, usize, Vec<BodyIssue>) {
        let mut issues = Issues::default();
        let mut records = Vec::new();
        let mut deleted = 0;
        scan(
            body.as_bytes(),
            layout,
            &mut issues,
            &mut |entry, r| match entry {
                Entry::Error => records.push(r),
                Entry::Deleted => deleted += 1,
            },
        );
        (records, deleted, issues.into_vec())
    }

    #[test]
    fn nested_children_collect_their_text() {
        let (records, _, issues) = read(
            "<Error><Code>A</Code><Details><Reason>x</Reason> <More>y</More></Details></Error>",
            Layout::ErrorBody,
        );
        assert_eq!(issues, []);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].code.as_deref(), Some("A"));
        assert_eq!(records[0].extra, [("Details".to_owned(), "x y".to_owned())]);
    }

    #[test]
    fn markup_inside_a_text_field_is_an_issue() {
        let (records, _, issues) = read(
            "<Error><Code>NoSuch<b>Bucket</b>Key</Code><Message>m</Message></Error>",
            Layout::ErrorBody,
        );
        assert_eq!(records[0].code.as_deref(), Some("NoSuchBucketKey"));
        assert_eq!(
            issues,
            [BodyIssue::MarkupInValue {
                field: "Code".to_owned()
            }]
        );
        let (_, deleted, issues) = read(
            "<DeleteResult><Deleted><Key>a<i/></Key></Deleted><Deleted/></DeleteResult>",
            Layout::DeleteResult,
        );
        assert_eq!(deleted, 2);
        assert_eq!(
            issues,
            [BodyIssue::MarkupInValue {
                field: "Key".to_owned()
            }]
        );
    }

    #[test]
    fn repeated_and_empty_fields() {
        let (records, _, _) = read(
            "<Error><Code> </Code><Code>B</Code><Code>C</Code><Message/></Error>",
            Layout::ErrorBody,
        );
        assert_eq!(records[0].code.as_deref(), Some("B"));
        assert_eq!(records[0].message, None);
        assert_eq!(records[0].extra, [("Code".to_owned(), "C".to_owned())]);
    }

    #[test]
    fn unfinished_field_is_dropped_but_finished_ones_kept() {
        let (records, _, issues) = read(
            "<Error><Message>m</Message><Code>NoSuchK",
            Layout::ErrorBody,
        );
        assert_eq!(issues, [BodyIssue::Unterminated]);
        assert_eq!(records[0].message.as_deref(), Some("m"));
        assert_eq!(records[0].code, None);
    }

    #[test]
    fn root_detection() {
        assert!(root_is_error(
            b"\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><Error/>"
        ));
        assert!(root_is_error(
            b"<s3:Error xmlns:s3='x'><Code>A</Code></s3:Error>"
        ));
        assert!(!root_is_error(b"<CopyObjectResult/>"));
        assert!(!root_is_error(b"{\"code\":1}"));
        assert!(!root_is_error(b""));
        assert!(!root_is_error(b"<!-- never closed"));
    }
}
