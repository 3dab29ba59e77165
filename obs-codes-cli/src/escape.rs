//! Text from a table, a page, a file name or the command line, made safe to print: it
//! cannot move the cursor, recolour the terminal, reorder a line or start a line of its
//! own.
//!
//! Data the command shows (`explain`, `list`'s table, `diff`) is escaped as Rust writes
//! a character (`\u{1b}`), so that the reader sees exactly which character is there.
//! Diagnostics are the compiler's text: each character shown as rustc shows it in a
//! message (`␀` for NUL, `�` for a bidi control, four spaces for a tab, a line break
//! followed by the indentation of its message), so that `check` prints what a build
//! would.

use obs_codes_gen::Problem;
use obs_codes_gen::is_invisible;
use std::path::Path;

/// `text` with control and invisible format characters escaped (`\u{1b}`).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`text`] line by line: a table's text keeps its paragraphs.
pub fn lines(text: &str) -> String {
    text.split('\n')
        .map(self::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path as written, escaped as [`text`] (a name that is not UTF-8 shows `�` where
/// its bytes are not).
pub fn path(path: &Path) -> String {
    text(&path.to_string_lossy())
}

/// How far rustc indents the continuation lines of an `error: ` message.
const CONTINUATION: &str = "\n       ";

/// `text` as rustc prints it in a message (its emitter's replacements of control,
/// zero-width and bidi characters).
pub fn as_rustc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str(CONTINUATION),
            '\t' => out.push_str("    "),
            // The control pictures block: U+2400 for NUL, onwards; U+2421 for DEL.
            '\0'..='\u{1f}' => out.extend(char::from_u32(0x2400 + u32::from(c))),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{200d}' => {}
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A diagnostic line as the compiler shows it: `kind: location: message`, then
/// `  help: hint`, every part from the input written as [`as_rustc`] writes it.
pub fn diagnostic(kind: &str, problem: &Problem) -> String {
    let mut out = format!("{kind}: ");
    if let Some(location) = &problem.location {
        out.push_str(&as_rustc(&location.to_string()));
        out.push_str(": ");
    }
    out.push_str(&as_rustc(&problem.message));
    if let Some(hint) = &problem.hint {
        out.push_str("\n  help: ");
        out.push_str(&as_rustc(hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use obs_codes_gen::Location;

    #[test]
    fn data_shows_each_hidden_character_by_its_code() {
        assert_eq!(
            text("a\u{1b}[31mb\u{202e}c\nd"),
            "a\\u{1b}[31mb\\u{202e}c\\u{a}d"
        );
        assert_eq!(text("Café ok"), "Café ok");
    }

    #[test]
    fn diagnostics_show_characters_as_rustc_does() {
        // What rustc 1.95 prints for `compile_error!("a\0b\u{1b}c\u{202e}d\te\u{7f}f\u{200d}g\rh")`.
        assert_eq!(
            as_rustc("a\0b\u{1b}c\u{202e}d\te\u{7f}f\u{200d}g\rh"),
            "a␀b␛c\u{fffd}d    e␡fg␍h"
        );
        // A line break cannot start a line of its own: it is indented as rustc does.
        let problem = Problem {
            location: Some(Location::at("t\n.csv", 2, 3)),
            message: "bad\nerror: forged".into(),
            hint: Some("fix".into()),
        };
        assert_eq!(
            diagnostic("error", &problem),
            "error: t\n       .csv:2:3: bad\n       error: forged\n  help: fix"
        );
    }
}
