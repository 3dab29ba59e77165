//! The response headers that carry error information (shared/reference/protocol.md, "Headers").

use super::issue::Issues;
use super::limits::MAX_FIELD_BYTES;
use super::text;
use super::xml::RawRecord;

/// The error headers of a response; for each, the first occurrence counts.
///
/// shared/reference/protocol.md: the prefix follows the signature type, `x-obs-` for OBS
/// signatures and `x-amz-` for AWS ones. When both are present the `x-obs-` one wins (OBS's own).
#[derive(Debug, Default)]
pub(crate) struct ErrorHeaders {
    pub(crate) code: [Option<String>; 2],
    pub(crate) message: [Option<String>; 2],
    pub(crate) request_id: [Option<String>; 2],
    pub(crate) id_2: [Option<String>; 2],
    pub(crate) indicator: Option<String>,
}

impl ErrorHeaders {
    /// Picks the error headers out of `(name, value)` pairs; names are matched without
    /// regard to ASCII case, values are read as UTF-8 (lossily), trimmed and capped.
    /// Headers for what `body` already has are skipped (the body wins anyway).
    pub(crate) fn read<K, V>(headers: impl IntoIterator<Item = (K, V)>, body: &RawRecord) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut found = Self::default();
        for (name, value) in headers {
            let name = name.as_ref();
            let Some(slot) = found.slot(name, body) else {
                continue;
            };
            if slot.is_some() {
                continue;
            }
            // Header text does not go into the body's issue list.
            let mut ignored = Issues::default();
            let decoded = text::decode(value.as_ref(), &mut ignored);
            let value = text::trimmed(&decoded);
            let value = value
                .get(..text::floor_char_boundary(value, MAX_FIELD_BYTES))
                .unwrap_or_default();
            *slot = (!value.is_empty()).then(|| value.to_owned());
        }
        found
    }

    fn slot(&mut self, name: &str, body: &RawRecord) -> Option<&mut Option<String>> {
        let (prefix, rest) = if let Some(rest) = strip_prefix_ignore_case(name, "x-obs-") {
            (0, rest)
        } else if let Some(rest) = strip_prefix_ignore_case(name, "x-amz-") {
            (1, rest)
        } else if name.eq_ignore_ascii_case("x-reserved-indicator") {
            return Some(&mut self.indicator);
        } else {
            return None;
        };
        let (slots, in_body) = if rest.eq_ignore_ascii_case("error-code") {
            (&mut self.code, &body.code)
        } else if rest.eq_ignore_ascii_case("error-message") {
            (&mut self.message, &body.message)
        } else if rest.eq_ignore_ascii_case("request-id") {
            (&mut self.request_id, &body.request_id)
        } else if rest.eq_ignore_ascii_case("id-2") {
            (&mut self.id_2, &body.host_id)
        } else {
            return None;
        };
        if in_body.is_some() {
            return None;
        }
        slots.get_mut(prefix)
    }
}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The first of the two values, `x-obs-` before `x-amz-`.
pub(crate) fn first(pair: [Option<String>; 2]) -> Option<String> {
    let [obs, amz] = pair;
    obs.or(amz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ignore_case_and_obs_wins() {
        let found = ErrorHeaders::read(
            [
                ("X-AMZ-Error-Code", "AmzCode"),
                ("x-obs-error-code", " ObsCode "),
                ("x-obs-error-code", "Second"),
                ("X-Reserved-Indicator", "ind"),
                ("x-amz-request-id", "R"),
                ("x-obs-id-2", ""),
                ("x-amz-id-2", "I2"),
                ("x-obs-", "nothing"),
                ("content-type", "application/xml"),
            ],
            &RawRecord::default(),
        );
        assert_eq!(first(found.code), Some("ObsCode".to_owned()));
        assert_eq!(found.indicator.as_deref(), Some("ind"));
        assert_eq!(first(found.request_id), Some("R".to_owned()));
        assert_eq!(first(found.id_2), Some("I2".to_owned()));
        assert_eq!(first(found.message), None);
    }

    #[test]
    fn byte_values_are_decoded_lossily() {
        let none = RawRecord::default();
        let found = ErrorHeaders::read([("x-obs-error-message", &b"caf\xc3\xa9 \xff"[..])], &none);
        assert_eq!(first(found.message), Some("caf\u{e9} \u{fffd}".to_owned()));
        let multibyte = ErrorHeaders::read([("x-obé-error-code", "x")], &none);
        assert_eq!(first(multibyte.code), None);
    }

    #[test]
    fn headers_for_what_the_body_has_are_skipped() {
        let body = RawRecord {
            code: Some("A".to_owned()),
            request_id: Some("R".to_owned()),
            ..RawRecord::default()
        };
        let found = ErrorHeaders::read(
            [
                ("x-obs-error-code", "B"),
                ("x-obs-request-id", "S"),
                ("x-obs-error-message", "m"),
            ],
            &body,
        );
        assert_eq!(first(found.code), None);
        assert_eq!(first(found.request_id), None);
        assert_eq!(first(found.message), Some("m".to_owned()));
    }
}
