//! The checks of one cell: a wire string (code or alias) and a variant name, each
//! with a message that shows what the reader cannot see.

use super::RESERVED_VARIANTS;
use crate::problem::{Location, Problems};
use crate::table::Cell;

pub(super) fn wire_string_ok(cell: &Cell, what: &str, problems: &mut Problems) -> bool {
    let value = &cell.value;
    if value.is_empty() {
        problems
            .at(cell.at.clone(), format!("empty {what}"))
            .hint("every row needs the wire code the server sends");
        return false;
    }
    if value.trim() != value {
        problems
            .at(
                cell.at.clone(),
                format!("{what} `{value}` has leading or trailing whitespace"),
            )
            .hint("codes are compared byte for byte: remove the spaces");
        return false;
    }
    if let Some(control) = value.chars().find(|c| c.is_control()) {
        problems.at(
            cell.at.clone(),
            format!(
                "{what} `{}` contains the control character U+{:04X}",
                value.escape_debug(),
                u32::from(control)
            ),
        );
        return false;
    }
    if let Some(invisible) = value.chars().find(|&c| is_invisible(c)) {
        problems
            .at(
                cell.at.clone(),
                format!(
                    "{what} `{}` contains the invisible character U+{:04X}",
                    escape_unseen(value),
                    u32::from(invisible)
                ),
            )
            .hint("it would make the code look like another one: remove it");
        return false;
    }
    true
}

/// `text` with invisible and control characters written as `\\u{...}`, so a message
/// shows what a terminal would hide.
fn escape_unseen(text: &str) -> String {
    escape_where(text, &|c| is_invisible(c) || c.is_control())
}

/// `text` with the characters that `escape` picks written as `\\u{...}`.
fn escape_where(text: &str, escape: &dyn Fn(char) -> bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if escape(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// `text` with every non-ASCII character written as `\\u{...}`: two spellings of one
/// name (`Café` composed and decomposed) then look different.
fn escape_non_ascii(text: &str) -> String {
    escape_where(text, &|c| !c.is_ascii())
}

/// Format characters that show as nothing (or reorder the text around them), so a code
/// holding one looks like another code: zero-width spaces and joiners, the byte-order
/// mark, bidirectional marks, embeddings, overrides and isolates. The table checks
/// reject codes holding one; the command escapes them when it prints.
///
/// ```
/// assert!(obs_codes_gen::is_invisible('\u{200B}'));
/// assert!(obs_codes_gen::is_invisible('\u{202E}'));
/// assert!(!obs_codes_gen::is_invisible('a'));
/// ```
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

pub(super) fn variant_ok(
    variant: &str,
    explicit: bool,
    code: &str,
    at: &Location,
    problems: &mut Problems,
) -> bool {
    let fix =
        "set this row's `variant` column to an UpperCamelCase name of ASCII letters and digits";
    let problem = if explicit {
        if !variant.is_ascii() {
            // ASCII only: rustc compares identifiers after NFC normalisation, so two
            // spellings of `Café` would be one name; ASCII names have one spelling.
            Some(format!(
                "variant `{}` in the `variant` column is not ASCII",
                escape_non_ascii(variant)
            ))
        } else if !crate::identifier::is_identifier(variant) {
            Some(format!(
                "`{}` in the `variant` column is not a Rust identifier",
                variant.escape_debug()
            ))
        } else if variant.starts_with(|c: char| c.is_lowercase()) || variant.contains('_') {
            Some(format!(
                "variant `{variant}` is not UpperCamelCase (the non_camel_case_types lint would reject it)"
            ))
        } else {
            None
        }
    } else if variant.is_empty() {
        Some(format!(
            "cannot derive a variant name from code `{code}`: it has no ASCII letter or digit"
        ))
    } else if variant.starts_with(|c: char| c.is_ascii_digit()) {
        Some(format!(
            "the variant derived from code `{code}`, `{variant}`, starts with a digit"
        ))
    } else if !crate::identifier::is_identifier(variant) {
        Some(format!(
            "the variant derived from code `{code}`, `{variant}`, is a Rust keyword"
        ))
    } else {
        None
    };
    let problem = problem.or_else(|| {
        RESERVED_VARIANTS.contains(&variant).then(|| {
            format!("variant `{variant}` would clash with the generated associated constant of the same name")
        })
    });
    match problem {
        Some(message) => {
            problems.at(at.clone(), message).hint(fix);
            false
        }
        None => true,
    }
}
