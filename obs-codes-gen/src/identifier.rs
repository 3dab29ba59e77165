//! Rust identifiers, checked on the raw text: the grammar (`XID_Start` or `_`, then
//! `XID_Continue`) and the keywords, so a name that passes is one `Ident::new` accepts.

/// Strict and reserved keywords of every edition up to 2024: none can name a variant.
pub const KEYWORDS: [&str; 52] = [
    "_", "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while",
];

/// True when `text` matches the identifier grammar (not checking keywords).
#[must_use]
pub fn is_identifier_shaped(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first == '_' || unicode_ident::is_xid_start(first) => {
            chars.all(unicode_ident::is_xid_continue)
        }
        _ => false,
    }
}

/// True when `text` is a keyword.
#[must_use]
pub fn is_keyword(text: &str) -> bool {
    KEYWORDS.contains(&text) || text == "yield"
}

/// True when `text` can name a variant: identifier-shaped and not a keyword.
#[must_use]
pub fn is_identifier(text: &str) -> bool {
    is_identifier_shaped(text) && !is_keyword(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_is_checked_on_the_raw_text() {
        for ok in ["Foo", "_x", "Café", "Ünïcode", "A1", "r"] {
            assert!(is_identifier(ok), "{ok}");
        }
        for bad in [
            "",
            "1A",
            "Foo/*x*/",
            "Foo //x",
            "/*c*/Foo",
            "Foo\u{200e}",
            "r#Foo",
            "a-b",
            "Self",
            "fn",
            "gen",
            "yield",
            "_",
            " Foo",
        ] {
            assert!(!is_identifier(bad), "{bad:?}");
        }
    }

    #[test]
    fn every_name_that_passes_is_an_ident() {
        for name in ["Foo", "Café", "_x", "union", "raw", "macro_rules"] {
            assert!(is_identifier(name));
            let _ = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        }
    }
}
