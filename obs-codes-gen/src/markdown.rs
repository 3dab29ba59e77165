//! Table text as rustdoc markdown, and as plain text for `description()` and
//! `solution()`: the dialect is described on [`plain_text`].

/// The text of a description or solution without its emphasis markers: the plain text
/// of what rustdoc shows for it in the generated docs (`description()` and
/// `solution()` return it).
///
/// # The dialect
///
/// Descriptions and solutions are markdown with one kind of emphasis: `**strong**`, a
/// run of exactly two `*` that markdown would read as emphasis (the spec's flanking
/// rules: `**a**` and `x**a**y` emphasise, `** a**` and `2**3` do not). Every other `*`
/// and `_` is text and escaped in the docs, so `*a*`, `_a_`, `__a__` and `snake_case`
/// show as typed, as this function keeps them. Backticks and `- item` lines (the bullet
/// lists that `obs-codes import` writes) keep their meaning. Anything else that
/// markdown or rustdoc would reinterpret is escaped so that the docs show what the
/// table says: `<`, `>` and `&` (HTML), `[` and `]` (links), `|` (tables), and the line
/// starts that open headings, other lists, quotes or fenced code. Lines are unindented
/// so that no description becomes an indented code block, and so a doctest. Code spans
/// are literal: nothing inside them is escaped or stripped, and a span that a line
/// start would break (a line inside it that opens a block) is text, its backticks
/// shown as typed.
///
/// A property test renders the docs with `pulldown-cmark`, rustdoc's parser, and
/// checks that they show the characters this function returns.
///
/// ```
/// use obs_codes_gen::plain_text;
///
/// assert_eq!(
///     plain_text("The **Content-MD5** does not match; see `x_amz_*`."),
///     "The Content-MD5 does not match; see `x_amz_*`.",
/// );
/// // Only `**` emphasises.
/// assert_eq!(plain_text("*a* _b_ __c__ 2**3"), "*a* _b_ __c__ 2**3");
/// ```
#[must_use]
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for (i, paragraph) in markdown.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let mut pos = 0;
        for marker in strong_markers(paragraph) {
            out.push_str(&paragraph[pos..marker]);
            pos = marker + 2;
        }
        out.push_str(&paragraph[pos..]);
    }
    out
}

/// The byte offsets of the `**` runs of `paragraph` that emphasise, openers and closers
/// in order: runs of exactly two `*` outside code spans that the markdown spec's flanking rules
/// let open (left-flanking) or close (right-flanking), each closer matched with the
/// nearest opener before it. Every other `*` and `_` is escaped by [`markdown`], so
/// these are the only delimiters rustdoc sees and it pairs them the same way.
fn strong_markers(paragraph: &str) -> Vec<usize> {
    let spans = code_spans(paragraph);
    // A `- item` line starts a block of its own: emphasis does not pair across it.
    let items = list_item_lines(paragraph);
    let block = |i: usize| items.partition_point(|&start| start <= i);
    let bytes = paragraph.as_bytes();
    let mut kept = Vec::new();
    let mut open = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' || spans.iter().any(|span| span.contains(&i)) {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
        if run == 2 {
            let before = paragraph[..i].chars().next_back();
            let after = paragraph[i + 2..].chars().next();
            match open {
                Some(opener) if block(opener) == block(i) && flanking(before, after) => {
                    kept.extend([opener, i]);
                    open = None;
                }
                _ if flanking(after, before) => open = Some(i),
                _ => {}
            }
        }
        i += run;
    }
    kept
}

/// The markdown spec's flanking rule for a delimiter run with `inside` on the side of the
/// emphasised text and `outside` on the other (`None`: the paragraph's edge).
fn flanking(inside: Option<char>, outside: Option<char>) -> bool {
    inside.is_some_and(|c| {
        !c.is_whitespace()
            && (!is_punctuation(c)
                || outside.is_none_or(|o| o.is_whitespace() || is_punctuation(o)))
    })
}

/// ASCII punctuation, and outside ASCII every character that is neither a letter, a
/// digit nor whitespace (the spec's Unicode punctuation and symbols, approximately).
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_punctuation()
    } else {
        !c.is_alphanumeric() && !c.is_whitespace()
    }
}

/// The byte ranges of the code spans in `text`, backticks included: a run of one or two
/// backticks up to the next run of the same length (longer runs never open a span
/// here, see [`markdown`]), unless a line inside would open a block, which would cut
/// the span in two: such backticks are text.
fn code_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let list_from = list_item_lines(text).first().copied();
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('`') {
        let open = i + found;
        let run = text[open..].len() - text[open..].trim_start_matches('`').len();
        let after = open + run;
        let closing = (run < 3)
            .then(|| closing_run(&text[after..], run))
            .flatten()
            .filter(|&end| {
                let in_list = list_from.is_some_and(|start| start <= open);
                !breaks_a_line(text, after..after + end, in_list)
            });
        match closing {
            Some(end) => {
                spans.push(open..after + end + run);
                i = after + end + run;
            }
            None => i = after,
        }
    }
    spans
}

/// True when a line of `text` that starts inside `range` (after one of its line
/// breaks) would open a block: one that [`block_escape`] escapes in a paragraph's
/// later lines (`in_list`: after a `- item`), or a `- item`, which stays a list item.
/// The whole line is judged, also what follows the range.
fn breaks_a_line(text: &str, range: std::ops::Range<usize>, in_list: bool) -> bool {
    let start = range.start;
    text[range].match_indices('\n').any(|(at, _)| {
        let line = text_line(&text[start + at + 1..]);
        block_escape(line, !in_list).is_some() || is_list_item(line)
    })
}

/// Where the lines of `text` that are `- item`s start, in order.
fn list_item_lines(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut start = 0;
    loop {
        if is_list_item(text_line(&text[start..])) {
            starts.push(start);
        }
        match text[start..].find('\n') {
            Some(at) => start += at + 1,
            None => return starts,
        }
    }
}

/// The first line of `text`, trimmed as [`markdown`] unindents it.
fn text_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default().trim()
}

/// Markdown that renders as the table wrote it (see [`plain_text`]), one output line
/// per input line.
pub(crate) fn markdown(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split("\n\n") {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let mut unindented = String::with_capacity(paragraph.len());
        for line in paragraph.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !unindented.is_empty() {
                unindented.push('\n');
            }
            unindented.push_str(line);
        }
        let escaped = escape_inline(&unindented);
        let mut in_list = false;
        for (i, line) in escaped.lines().enumerate() {
            lines.push(escape_line_start(line, i > 0 && !in_list));
            in_list |= is_list_item(line);
        }
    }
    lines
}

/// Escapes HTML and link characters, and every `*` and `_` but the `**` that
/// emphasise, outside the code spans of [`code_spans`].
fn escape_inline(paragraph: &str) -> String {
    let markers = strong_markers(paragraph);
    let mut spans = code_spans(paragraph).into_iter().peekable();
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut rest = paragraph;
    while let Some(c) = rest.chars().next() {
        let pos = paragraph.len() - rest.len();
        if markers.contains(&pos) {
            out.push_str("**");
            rest = &rest[2..];
            continue;
        }
        if let Some(span) = spans.next_if(|span| span.start == pos) {
            out.push_str(&paragraph[span.clone()]);
            rest = &paragraph[span.end..];
            continue;
        }
        if c == '`' {
            // Not a span (no closing run, a run of three or more that could open a
            // fenced code block and so a doctest, or a span a line would cut):
            // markdown shows these backticks as typed; make sure.
            let run = rest.len() - rest.trim_start_matches('`').len();
            for _ in 0..run {
                out.push_str("\\`");
            }
            rest = &rest[run..];
            continue;
        }
        match c {
            '<' | '>' | '&' | '[' | ']' | '|' | '\\' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The offset in `text` of a run of exactly `run` backticks.
fn closing_run(text: &str, run: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// Escapes a character at the start of a line that would open a block (see
/// [`block_escape`]).
fn escape_line_start(line: &str, continues_paragraph: bool) -> String {
    match block_escape(line, continues_paragraph) {
        Some(at) => format!("{}\\{}", &line[..at], &line[at..]),
        None => line.to_owned(),
    }
}

/// Where a backslash keeps `line` from opening a block: before the `.` or `)` of an
/// ordered list's `1.`, or before the first character (a heading, quote, fence,
/// table, setext underline, thematic break or list marker other than `- item`);
/// `None` when the line opens none. `continues_paragraph` is true for the lines of a
/// paragraph after its first, before any `- item`: an empty list item cannot
/// interrupt a paragraph, so a lone `*` or `+` there is text (a lone `-` underlines a
/// heading); after a list item it starts another list. A `- item` stays a
/// list item: what its text would open is escaped, after every `- ` of nested items.
fn block_escape(line: &str, continues_paragraph: bool) -> Option<usize> {
    let mut item = 0;
    while is_list_item(&line[item..]) {
        item += 2;
    }
    let continues_paragraph = continues_paragraph && item == 0;
    block_escape_after_items(&line[item..], continues_paragraph).map(|at| at + item)
}

/// [`block_escape`] for a line that is not a `- item`.
fn block_escape_after_items(line: &str, continues_paragraph: bool) -> Option<usize> {
    let first = line.chars().next()?;
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return Some(digits);
    }
    let opens_block = match first {
        '#' | '=' | '|' | '~' | '>' => true,
        // Every list marker but `- item` (the importer writes lists so), a setext
        // underline and a thematic break (`---`, `- - -`) is text.
        '-' => {
            line[1..].is_empty()
                || line[1..].starts_with([' ', '\t'])
                || line.chars().all(|c| c == '-' || c == ' ')
        }
        '+' | '*' => {
            let rest = &line[1..];
            (rest.is_empty() && !continues_paragraph)
                || rest.starts_with([' ', '\t'])
                || (first == '*'
                    && line.chars().all(|c| c == '*' || c == ' ')
                    && line.matches('*').count() >= 3)
        }
        _ => false,
    };
    opens_block.then_some(0)
}

/// `- item`: a dash, one space, then text that is not itself a break or another marker.
fn is_list_item(line: &str) -> bool {
    line.strip_prefix("- ").is_some_and(|item| {
        !item.is_empty()
            && !item.starts_with(char::is_whitespace)
            && !item.chars().all(|c| c == '-' || c == ' ')
    })
}

/// `text` as a markdown code span, with enough backticks to hold any inside it.
///
/// ```
/// use obs_codes_gen::code_span;
///
/// assert_eq!(code_span("NoSuchKey"), "`NoSuchKey`");
/// assert_eq!(code_span("a`b"), "`` a`b ``");
/// ```
#[must_use]
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_emphasis_only() {
        assert_eq!(
            plain_text("The value of **Content-MD5** does not match."),
            "The value of Content-MD5 does not match."
        );
        // Only `**` emphasises; single stars and underscores are text.
        assert_eq!(plain_text("a *b* _c_ __d__ e_f"), "a *b* _c_ __d__ e_f");
        assert_eq!(
            plain_text("x**a**y and ** b** and 2**3"),
            "xay and ** b** and 2**3"
        );
        assert_eq!(plain_text("**a **b** c**"), "**a b c**");
        assert_eq!(plain_text("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(plain_text("`x` stays"), "`x` stays");
        // Code spans are literal.
        assert_eq!(
            plain_text("glob `*.txt` and **this**"),
            "glob `*.txt` and this"
        );
        assert_eq!(plain_text("`f(**kwargs**)`"), "`f(**kwargs**)`");
        assert_eq!(plain_text("**a `*` b**"), "a `*` b");
    }

    #[test]
    fn markdown_escapes_what_would_change_meaning() {
        assert_eq!(markdown("a <b> & [c](d)"), ["a \\<b\\> \\& \\[c\\](d)"]);
        assert_eq!(
            markdown("keep **bold** and `<code>`"),
            ["keep **bold** and `<code>`"]
        );
        assert_eq!(markdown("lone ` tick <x>"), ["lone \\` tick \\<x\\>"]);
        assert_eq!(
            markdown("```\nfn f() {}\n```"),
            ["\\`\\`\\`", "fn f() {}", "\\`\\`\\`"]
        );
        assert_eq!(markdown("back\\slash"), ["back\\\\slash"]);
    }

    #[test]
    fn markdown_keeps_paragraphs_and_lists_and_opens_no_other_block() {
        assert_eq!(markdown("one\n\ntwo"), ["one", "", "two"]);
        assert_eq!(markdown("    indented code"), ["indented code"]);
        assert_eq!(
            markdown("# h\n- item\n1. one\n```\n> q"),
            ["\\# h", "- item", "1\\. one", "\\`\\`\\`", "\\> q"]
        );
        assert_eq!(
            markdown("-\ttab\n* star\n+ plus\n- - -\n-  two"),
            ["\\-\ttab", "\\* star", "\\+ plus", "\\- - -", "\\-  two"]
        );
        assert_eq!(markdown("a | b\n--|--"), ["a \\| b", "--\\|--"]);
        assert_eq!(markdown("`a|b`"), ["`a|b`"]);
        assert_eq!(markdown("**bold** start"), ["**bold** start"]);
        assert_eq!(markdown("***"), ["\\*\\*\\*"]);
        assert_eq!(
            markdown("*a* _b_ **c** snake_case"),
            ["\\*a\\* \\_b\\_ **c** snake\\_case"]
        );
    }

    /// What rustdoc shows for `markdown`'s output of `text`.
    fn shown(text: &str) -> String {
        crate::test_support::shown_by_rustdoc(&markdown(text).join("\n"))
    }

    #[test]
    fn a_code_span_over_lines_shows_as_typed() {
        // A lone `*` inside a paragraph opens no list: the span stays whole.
        assert_eq!(markdown("`a\n*\nb`"), ["`a", "*", "b`"]);
        assert_eq!(shown("`a\n*\nb`").trim(), "`a * b`");
        assert_eq!(shown("x `a\n+\nb` **y**").trim(), "x `a + b` y");
        assert_eq!(plain_text("x `a\n*\nb` **y**"), "x `a\n*\nb` y");
        // A line that would open a block breaks the span: it is text, backticks shown.
        assert_eq!(markdown("`a\n# b`"), ["\\`a", "\\# b\\`"]);
        assert_eq!(shown("`a\n# b`").trim(), "`a # b`");
        assert_eq!(markdown("`a\n- b **c**`"), ["\\`a", "- b **c**\\`"]);
        assert_eq!(plain_text("`a\n- b **c**`"), "`a\n- b c`");
        // `**` alone is neither a list nor a break.
        assert_eq!(markdown("`a\n**\nb`"), ["`a", "**", "b`"]);
        // After a list item, a lone `+` would start another list.
        assert_eq!(markdown("- 1\n+"), ["- 1", "\\+"]);
        assert_eq!(markdown("- `a\n+ b`"), ["- \\`a", "\\+ b\\`"]);
    }

    #[test]
    fn a_list_item_is_a_block_of_its_own() {
        // What the item's text would open is escaped; the item stays.
        assert_eq!(markdown("- # x\n- - 1. y"), ["- \\# x", "- - 1\\. y"]);
        assert_eq!(shown("- # x").trim(), "- # x");
        // Emphasis does not pair across an item's start, in the docs or the text.
        assert_eq!(markdown("**1\n- a**"), ["\\*\\*1", "- a\\*\\*"]);
        assert_eq!(plain_text("**1\n- a**"), "**1\n- a**");
        assert_eq!(plain_text("**1\n- **a**"), "**1\n- a");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code_span("NoSuchKey"), "`NoSuchKey`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
    }
}
