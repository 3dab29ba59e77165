//! A grid-table cell's reStructuredText as the markdown that tables hold.
//!
//! - Paragraphs (separated by a blank line in the cell) are joined with `\n\n`; the lines
//!   of a paragraph are joined with single spaces.
//! - A paragraph that starts with a list item (`-`, `*`, `+`, `•` or an enumerator such as
//!   `1.`, `a)`, `(1)`, `#.`) keeps one item per line: `- item` for bullets, the
//!   enumerator as written; an item's continuation lines are joined to it.
//! - Escapes: a backslash before whitespace vanishes with it (`3\ *xx*` is `3*xx*`), a
//!   backslash before anything else leaves that character (`\*` is `*`, `\\` is `\`).
//! - `*emphasis*` and `**strong**` are kept as written: markdown reads them the same.
//! - ``` ``literal`` ``` becomes a markdown code span, `` `literal` ``, with its
//!   content verbatim (no escapes inside literals, as in reStructuredText).
//! - Roles: `` :ref:`Title <target>` `` (and any role with a `<target>`) becomes `Title`;
//!   `:code:`, `:literal:`, `:file:`, `:command:`, `:samp:`, `:kbd:`, `:option:` and
//!   `:envvar:` become code spans; any other role keeps its text.
//! - `` `text <url>`_ `` becomes `text (url)`, `` `text`_ `` becomes `text`, and
//!   `` `text` `` (the default role, rendered as a citation) becomes `*text*`.
//!
//! [`Mode::Plain`], for codes and statuses, renders literals and roles as their bare
//! text and the default role without asterisks.

/// How inline markup is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Markdown: code spans and emphasis.
    Markdown,
    /// Bare text: for codes and statuses.
    Plain,
}

/// Converts a cell's lines (as between its borders) to table text.
pub fn cell_text(lines: &[&str], mode: Mode) -> String {
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        let line = line.get(indent..).unwrap_or(line.trim_start()).trim_end();
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(paragraph) = paragraphs.last_mut() {
            paragraph.push(line);
        }
    }
    paragraphs
        .iter()
        .filter(|lines| !lines.is_empty())
        .map(|lines| paragraph(lines, mode))
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One paragraph: a list (one item per line) or lines joined with spaces. Text is
/// trimmed after its escapes are read (`x \` at the end of a line is `x `), because a
/// table's reader trims its cells: what is written must read back the same.
fn paragraph(lines: &[&str], mode: Mode) -> String {
    if lines.first().and_then(|l| list_marker(l)).is_none() {
        let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
        return inline(&joined.join(" "), mode).trim().to_owned();
    }
    let mut items: Vec<(String, Vec<&str>)> = Vec::new();
    for line in lines {
        let starts_item = !line.starts_with(char::is_whitespace);
        match (list_marker(line), items.last_mut()) {
            (Some((marker, text)), _) if starts_item => items.push((marker, vec![text])),
            (_, Some((_, item))) => item.push(line.trim()),
            (_, None) => items.push((String::new(), vec![line.trim()])),
        }
    }
    items
        .iter()
        .map(|(marker, lines)| {
            let text = inline(&lines.join(" "), mode);
            let item = format!("{marker} {}", text.trim());
            item.trim().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The markdown marker of a list item and the item's text, when `line` starts one.
fn list_marker(line: &str) -> Option<(String, &str)> {
    let (marker, rest) = line.split_once(|c: char| c.is_whitespace())?;
    let text = rest.trim_start();
    if text.is_empty() {
        return None;
    }
    if matches!(marker, "-" | "*" | "+" | "•" | "‣" | "⁃") {
        return Some(("-".to_owned(), text));
    }
    let enumerator = marker.strip_suffix(['.', ')'])?;
    let enumerator = enumerator.strip_prefix('(').unwrap_or(enumerator);
    let is_enumerator = enumerator == "#"
        || (!enumerator.is_empty() && enumerator.chars().all(|c| c.is_ascii_digit()))
        || (enumerator.len() == 1 && enumerator.chars().all(|c| c.is_ascii_alphabetic()));
    is_enumerator.then(|| (marker.to_owned(), text))
}

/// Roles whose text is code.
const CODE_ROLES: [&str; 8] = [
    "code", "literal", "file", "command", "samp", "kbd", "option", "envvar",
];

/// Converts the inline markup of one paragraph.
pub fn inline(text: &str, mode: Mode) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let before = i.checked_sub(1).and_then(|b| chars.get(b)).copied();
        match c {
            '\\' => {
                match chars.get(i + 1) {
                    Some(next) if next.is_whitespace() => {}
                    Some(&next) => out.push(next),
                    None => {}
                }
                i += 2;
            }
            '`' if starts_markup(before) => {
                if let Some((rendered, end)) = backquoted(&chars, i, mode) {
                    out.push_str(&rendered);
                    i = end;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            ':' if starts_markup(before) => {
                if let Some((rendered, end)) = role(&chars, i, mode) {
                    out.push_str(&rendered);
                    i = end;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// True when inline markup may start after `before` (start of text, whitespace or
/// opening punctuation).
fn starts_markup(before: Option<char>) -> bool {
    before.is_none_or(|b| b.is_whitespace() || "([{<'\"-/:".contains(b))
}

/// Markup starting with a backquote at `start`: an inline literal, a hyperlink
/// reference, interpreted text (with an optional suffix role). Returns what it renders
/// as and the index just past it.
fn backquoted(chars: &[char], start: usize, mode: Mode) -> Option<(String, usize)> {
    if chars.get(start + 1) == Some(&'`') {
        let open = start + 2;
        let close = find_closing(chars, open, "``", false)?;
        let content: String = chars.get(open..close)?.iter().collect();
        return Some((code(&content, mode), close + 2));
    }
    let open = start + 1;
    let close = find_closing(chars, open, "`", true)?;
    let content = unescape(chars.get(open..close)?);
    let mut end = close + 1;
    if chars.get(end) == Some(&'_') {
        end += if chars.get(end + 1) == Some(&'_') {
            2
        } else {
            1
        };
        let (title, target) = split_target(&content);
        let rendered = match target {
            Some(url) if title.is_empty() => url.to_owned(),
            Some(url) => format!("{title} ({url})"),
            None => title.to_owned(),
        };
        return Some((rendered, end));
    }
    if chars.get(end) == Some(&':') {
        if let Some((name, after)) = role_name(chars, end) {
            return Some((render_role(&name, &content, mode), after));
        }
    }
    let rendered = match mode {
        Mode::Markdown => format!("*{content}*"),
        Mode::Plain => content,
    };
    Some((rendered, end))
}

/// A prefix role at `start` (``:name:`text` ``).
fn role(chars: &[char], start: usize, mode: Mode) -> Option<(String, usize)> {
    let (name, after) = role_name(chars, start)?;
    if chars.get(after) != Some(&'`') || chars.get(after + 1) == Some(&'`') {
        return None;
    }
    let open = after + 1;
    let close = find_closing(chars, open, "`", true)?;
    let content = unescape(chars.get(open..close)?);
    Some((render_role(&name, &content, mode), close + 1))
}

/// `:name:` at `start`: the name and the index past the second colon.
fn role_name(chars: &[char], start: usize) -> Option<(String, usize)> {
    if chars.get(start) != Some(&':') {
        return None;
    }
    let mut end = start + 1;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || "-_.+:".contains(*c))
    {
        end += 1;
    }
    // The name ends at the last colon of the run (names may contain colons).
    let run = chars.get(start + 1..end)?;
    let last_colon = run.iter().rposition(|&c| c == ':')?;
    let name: String = run.get(..last_colon)?.iter().collect();
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    valid.then_some((name, start + 1 + last_colon + 1))
}

fn render_role(name: &str, content: &str, mode: Mode) -> String {
    let role = name.rsplit(':').next().unwrap_or(name);
    if CODE_ROLES.contains(&role) {
        return code(content, mode);
    }
    let (title, target) = split_target(content);
    match target {
        Some(target) if title.is_empty() => target.to_owned(),
        _ => title.to_owned(),
    }
}

/// `Title <target>` as (`Title`, `Some(target)`); other text as (text, `None`).
fn split_target(content: &str) -> (&str, Option<&str>) {
    let trimmed = content.trim_end();
    if let Some(inner) = trimmed.strip_suffix('>') {
        if let Some(open) = inner.rfind('<') {
            let title = inner.get(..open).unwrap_or_default().trim_end();
            let target = inner.get(open + 1..).unwrap_or_default();
            return (title, Some(target));
        }
    }
    (trimmed, None)
}

/// The index of the closing `marker` for markup opened just before `open`: the content
/// must not start or end with whitespace. With `escapes`, a backslash hides the
/// character after it.
fn find_closing(chars: &[char], open: usize, marker: &str, escapes: bool) -> Option<usize> {
    let marker: Vec<char> = marker.chars().collect();
    if chars.get(open).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut i = open + 1;
    while i < chars.len() {
        if escapes && chars.get(i) == Some(&'\\') {
            i += 2;
            continue;
        }
        let matches = chars.get(i..i + marker.len()) == Some(marker.as_slice());
        let after_text = chars.get(i - 1).is_some_and(|c| !c.is_whitespace());
        if matches && after_text {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn unescape(chars: &[char]) -> String {
    inline(&chars.iter().collect::<String>(), Mode::Plain)
}

/// `content` as a markdown code span (the generator's, as rustdoc reads it), or bare.
fn code(content: &str, mode: Mode) -> String {
    match mode {
        Mode::Markdown => obs_codes_gen::code_span(content),
        Mode::Plain => content.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        inline(text, Mode::Markdown)
    }

    /// name, reStructuredText, markdown.
    const INLINE: &[(&str, &str, &str)] = &[
        ("plain", "Access denied.", "Access denied."),
        (
            "strong kept",
            "The value of **Content-MD5** differs.",
            "The value of **Content-MD5** differs.",
        ),
        ("emphasis kept", "a *b* c", "a *b* c"),
        ("escaped space vanishes", r"3\ *xx*", "3*xx*"),
        ("escaped star", r"\*args", "*args"),
        ("escaped backslash", r"a\\b", r"a\b"),
        ("literal", "use ``x-obs-acl`` here", "use `x-obs-acl` here"),
        ("literal keeps backslash", r"``a\ b``", r"`a\ b`"),
        ("literal with backquote", "``a`b``", "`` a`b ``"),
        (
            "ref with title",
            "see :ref:`Constructing a Request <obs_04_0007>`.",
            "see Constructing a Request.",
        ),
        ("ref without title", ":ref:`obs_04_0007`", "obs_04_0007"),
        ("code role", ":code:`NoSuchKey`", "`NoSuchKey`"),
        ("domain role", ":py:func:`f`", "f"),
        ("suffix role", "`x`:code:", "`x`"),
        (
            "link",
            "`Help <https://example.invalid/h>`_ now",
            "Help (https://example.invalid/h) now",
        ),
        ("anonymous link", "`Help`__", "Help"),
        ("default role", "`title`", "*title*"),
        ("lone backquote", "a ` b", "a ` b"),
        ("colon in text", "Note: 1:2 ratio", "Note: 1:2 ratio"),
        ("not a role inside a word", "a:b:`c`", "a:b:*c*"),
        ("unclosed literal", "``open", "``open"),
        ("trailing backslash", "end\\", "end"),
    ];

    #[test]
    fn inline_markup() {
        for (name, rst, markdown) in INLINE {
            assert_eq!(md(rst), *markdown, "{name}");
        }
    }

    #[test]
    fn plain_mode_drops_markup_of_literals() {
        assert_eq!(inline("``NoSuchKey``", Mode::Plain), "NoSuchKey");
        assert_eq!(inline("`x`", Mode::Plain), "x");
        assert_eq!(inline(r"403\ Forbidden", Mode::Plain), "403Forbidden");
    }

    #[test]
    fn lines_join_and_paragraphs_stay_apart() {
        let lines = [
            " The specified method is not allowed    ",
            " against the requested resource.        ",
            "                                        ",
            " The message \"Specified method is not    ",
            " supported.\" is returned.               ",
            "                                        ",
        ];
        assert_eq!(
            cell_text(&lines, Mode::Markdown),
            "The specified method is not allowed against the requested resource.\n\n\
             The message \"Specified method is not supported.\" is returned."
        );
    }

    #[test]
    fn lists_keep_one_item_per_line() {
        let lines = [
            " -  The size exceeds 5 GB.      ",
            " -  The part is larger than     ",
            "    5 GB in size.               ",
            "                                ",
            " -  After a blank line.         ",
            " 1. first                       ",
            " #. second                      ",
        ];
        assert_eq!(
            cell_text(&lines, Mode::Markdown),
            "- The size exceeds 5 GB.\n- The part is larger than 5 GB in size.\n\n\
             - After a blank line.\n1. first\n#. second"
        );
    }

    #[test]
    fn a_dash_inside_a_paragraph_is_text() {
        let lines = [" Sizes: ", " - small", " - large"];
        assert_eq!(cell_text(&lines, Mode::Markdown), "Sizes: - small - large");
    }

    #[test]
    fn a_backslash_at_the_end_leaves_no_space() {
        // Cells are trimmed when a table is read: text that ends in a space would
        // not read back as written.
        let lines = [
            " `u <v>`_ \\ ",
            "",
            " -  x \\",
            " -  \\",
            "",
            " \\",
            "",
            " y \\",
        ];
        assert_eq!(cell_text(&lines, Mode::Markdown), "u (v)\n\n- x\n-\n\ny");
        assert_eq!(cell_text(&[" B \\ "], Mode::Plain), "B");
    }

    #[test]
    fn empty_cells_are_empty() {
        assert_eq!(cell_text(&["   ", ""], Mode::Markdown), "");
        assert_eq!(cell_text(&[], Mode::Plain), "");
    }
}
