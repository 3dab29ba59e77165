//! [`HttpStatus`]: the status column's values, with the reason phrases it accepts.

use super::Cell;
use crate::problem::Problems;

/// A status as the table writes it: `403`, `403 Forbidden`; `N/A` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpStatus {
    /// The numeric status, 100..=599.
    pub code: u16,
    /// The phrase after the number, as written.
    pub reason: Option<String>,
}

/// `Err(())` when the cell is malformed (reported); `Ok(None)` for `N/A`.
pub(super) fn parse_status(cell: &Cell, problems: &mut Problems) -> Result<Option<HttpStatus>, ()> {
    HttpStatus::parse(&cell.value).map_err(|error| {
        problems.at(cell.at.clone(), error.message).hint(error.hint);
    })
}

/// Why a status cell is not a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusError {
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: &'static str,
}

const STATUS_HINT: &str = "write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none";

impl HttpStatus {
    /// Reads a status cell: `404`, `404 Not Found` (100..=599, with a phrase of that
    /// status), or `N/A` (`Ok(None)`). The one definition of the status grammar.
    ///
    /// # Errors
    ///
    /// An empty cell, a cell of another shape, or a status outside 100..=599.
    ///
    /// ```
    /// use obs_codes_gen::HttpStatus;
    ///
    /// let status = HttpStatus::parse("404 Not Found").unwrap().unwrap();
    /// assert_eq!((status.code, status.reason.as_deref()), (404, Some("Not Found")));
    /// assert_eq!(HttpStatus::parse("N/A"), Ok(None));
    /// assert!(HttpStatus::parse("404 Forbidden").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Option<HttpStatus>, StatusError> {
        let error = |message: String, hint| Err(StatusError { message, hint });
        if text.trim() != text {
            // As for codes: a cell is compared as written, so spaces are a mistake.
            return error(
                format!("HTTP status `{text}` has leading or trailing whitespace"),
                "remove the spaces around the status",
            );
        }
        if text.eq_ignore_ascii_case("n/a") {
            return Ok(None);
        }
        if text.is_empty() {
            return error("empty HTTP status".to_owned(), STATUS_HINT);
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &text[digits..];
        let code = text
            .get(..digits)
            .filter(|_| digits == 3 && (rest.is_empty() || rest.starts_with(' ')))
            .and_then(|d| d.parse::<u16>().ok());
        let Some(code) = code else {
            return error(format!("`{text}` is not an HTTP status"), STATUS_HINT);
        };
        if !(100..=599).contains(&code) {
            return error(
                format!("HTTP status {code} is outside 100..=599"),
                "use a real HTTP status, or `N/A` for none",
            );
        }
        let reason = rest.trim();
        // A phrase of another status (`404 Forbidden`) contradicts the number; a phrase
        // of the vendor's own (`503 Busy`) is kept as written.
        let other_owner = REASON_PHRASES.iter().find(|(owner, phrases)| {
            *owner != code && phrases.iter().any(|p| p.eq_ignore_ascii_case(reason))
        });
        let own = reason_phrases(code)
            .is_some_and(|phrases| phrases.iter().any(|p| p.eq_ignore_ascii_case(reason)));
        if let (Some((owner, _)), false) = (other_owner, own) {
            return error(
                format!("`{text}`: `{reason}` is the reason phrase of {owner}, not of {code}"),
                "write the status alone (`404`), or with its own phrase (`404 Not Found`)",
            );
        }
        Ok(Some(HttpStatus {
            code,
            reason: (!reason.is_empty()).then(|| reason.to_owned()),
        }))
    }
}

/// The phrases a status may carry: the standard ones (RFC 9110 and the IANA registry,
/// older spellings included) and those the vendor's pages use (`307 Moved Temporarily`,
/// `416 Client Requested Range Not Satisfiable`). A status not listed takes any phrase.
pub const REASON_PHRASES: &[(u16, &[&str])] = &[
    (100, &["Continue"]),
    (101, &["Switching Protocols"]),
    (102, &["Processing"]),
    (103, &["Early Hints"]),
    (200, &["OK"]),
    (201, &["Created"]),
    (202, &["Accepted"]),
    (203, &["Non-Authoritative Information"]),
    (204, &["No Content"]),
    (205, &["Reset Content"]),
    (206, &["Partial Content"]),
    (207, &["Multi-Status"]),
    (208, &["Already Reported"]),
    (226, &["IM Used"]),
    (300, &["Multiple Choices"]),
    (301, &["Moved Permanently"]),
    (302, &["Found", "Moved Temporarily"]),
    (303, &["See Other"]),
    (304, &["Not Modified"]),
    (305, &["Use Proxy"]),
    (307, &["Temporary Redirect", "Moved Temporarily"]),
    (308, &["Permanent Redirect"]),
    (400, &["Bad Request"]),
    (401, &["Unauthorized"]),
    (402, &["Payment Required"]),
    (403, &["Forbidden"]),
    (404, &["Not Found"]),
    (405, &["Method Not Allowed"]),
    (406, &["Not Acceptable"]),
    (407, &["Proxy Authentication Required"]),
    (408, &["Request Timeout", "Request Time-out"]),
    (409, &["Conflict"]),
    (410, &["Gone"]),
    (411, &["Length Required"]),
    (412, &["Precondition Failed"]),
    (
        413,
        &[
            "Content Too Large",
            "Payload Too Large",
            "Request Entity Too Large",
        ],
    ),
    (
        414,
        &[
            "URI Too Long",
            "Request-URI Too Long",
            "Request-URI Too Large",
        ],
    ),
    (415, &["Unsupported Media Type"]),
    (
        416,
        &[
            "Range Not Satisfiable",
            "Requested Range Not Satisfiable",
            "Client Requested Range Not Satisfiable",
        ],
    ),
    (417, &["Expectation Failed"]),
    (421, &["Misdirected Request"]),
    (422, &["Unprocessable Content", "Unprocessable Entity"]),
    (423, &["Locked"]),
    (424, &["Failed Dependency"]),
    (425, &["Too Early"]),
    (426, &["Upgrade Required"]),
    (428, &["Precondition Required"]),
    (429, &["Too Many Requests"]),
    (431, &["Request Header Fields Too Large"]),
    (451, &["Unavailable For Legal Reasons"]),
    (500, &["Internal Server Error"]),
    (501, &["Not Implemented"]),
    (502, &["Bad Gateway"]),
    (503, &["Service Unavailable"]),
    (504, &["Gateway Timeout", "Gateway Time-out"]),
    (505, &["HTTP Version Not Supported"]),
    (506, &["Variant Also Negotiates"]),
    (507, &["Insufficient Storage"]),
    (508, &["Loop Detected"]),
    (510, &["Not Extended"]),
    (511, &["Network Authentication Required"]),
];

/// The phrases `code` may carry, when it has known ones.
fn reason_phrases(code: u16) -> Option<&'static [&'static str]> {
    REASON_PHRASES
        .iter()
        .find(|(status, _)| *status == code)
        .map(|(_, phrases)| *phrases)
}

impl std::fmt::Display for HttpStatus {
    /// As a table writes it: `404 Not Found`, or `404` without a phrase.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            Some(reason) => write!(f, "{} {reason}", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}
