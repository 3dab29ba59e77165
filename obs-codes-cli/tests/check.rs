//! `obs-codes check` prints what the compiler prints: for every compile-fail case of
//! `tests/ui/` whose call names its tables, the command's messages are the `error:`
//! messages of the case's `.stderr` that point at those tables, in the same order.
//! The `.stderr` files are written by the macro (trybuild), so the two cannot drift.
//! And `check` of good and bad tables next to the bundled one.

mod common;

use common::{VENDOR, arg, obs_codes, obs_codes_in, scratch, stderr, stdout, workspace};
use std::fs;
use std::path::PathBuf;

/// A source of a macro call as written, and where (1-based line and character column).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    source: String,
    line: usize,
    column: usize,
}

/// The sources of the `obs_errors!` call in `code`: `obs_errors!("path")` or
/// `obs_errors! { ... enum Name { obs, "path", ... } }`. `None` when the call names
/// no table the way the macro accepts (those cases test the call, not a table).
fn sources(code: &str) -> Option<Vec<Written>> {
    let start = code.find("obs_errors!")? + "obs_errors!".len();
    let rest = code[start..].trim_start();
    let open = code.len() - rest.len();
    let (list_start, list_end) = if rest.starts_with('(') {
        (open + 1, open + rest.find(')')?)
    } else {
        let after_enum = open + rest.find("enum ")?;
        let brace = after_enum + code[after_enum..].find('{')?;
        (brace + 1, brace + code[brace..].find('}')?)
    };
    let mut found = Vec::new();
    let mut offset = list_start;
    for item in code[list_start..list_end].split(',') {
        let trimmed = item.trim();
        let at = offset + (item.len() - item.trim_start().len());
        offset += item.len() + 1;
        let source = if trimmed == "obs" {
            "obs".to_owned()
        } else {
            let inner = trimmed.strip_prefix('"')?.strip_suffix('"')?;
            if inner.is_empty() || inner.contains(['"', '\\']) {
                return None;
            }
            inner.to_owned()
        };
        let before = &code[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        found.push(Written {
            source,
            line,
            column: before[line_start..].chars().count() + 1,
        });
    }
    (!found.is_empty()).then_some(found)
}

/// The `error:` messages of a `.stderr` file with the line and column their span
/// points at: rustc indents a message's later lines by the width of `error: `.
fn compiler_errors(stderr: &str) -> Vec<(String, usize, usize)> {
    let mut errors = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(first) = line.strip_prefix("error: ") else {
            continue;
        };
        let mut message = format!("error: {first}");
        let mut span = (0, 0);
        for next in lines.by_ref() {
            if let Some(at) = next.strip_prefix(" --> ") {
                let mut parts = at.rsplitn(3, ':');
                let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
                let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
                span = (line, column);
                break;
            }
            let continued = next.strip_prefix("       ").unwrap_or(next);
            message.push('\n');
            message.push_str(continued);
        }
        errors.push((message, span.0, span.1));
    }
    errors
}

#[test]
fn check_prints_the_compilers_messages_for_every_ui_case() {
    const BUILD_BASE: &str = "the directory of the calling crate's Cargo.toml (CARGO_MANIFEST_DIR: the current directory)";
    const COMMAND_BASE: &str = "the current directory";
    let ui = workspace().join("tests/ui");
    // The cases name their tables `tables/NAME.csv`, relative to the crate trybuild
    // builds them in, where `tables` links to `tests/ui`: run from such a directory.
    // Removed when the test ends (the link only, not the cases it points to).
    let project = scratch("check-ui");
    std::os::unix::fs::symlink(&ui, project.join("tables")).expect("link to the cases");
    // trybuild writes the directory of the cases' crate as `$DIR`.
    let tests_dir = workspace()
        .join("tests")
        .canonicalize()
        .expect("tests directory");
    let mut cases: Vec<PathBuf> = fs::read_dir(&ui)
        .expect("tests/ui")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    cases.sort();
    let mut checked = Vec::new();
    let mut compared = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let code = fs::read_to_string(case).expect("case source");
        let Some(written) = sources(&code) else {
            continue;
        };
        let stderr = fs::read_to_string(case.with_extension("stderr")).expect("case .stderr");
        // The messages about the tables are those whose span is one of the sources.
        let expected: Vec<String> = compiler_errors(&stderr)
            .into_iter()
            .filter(|(_, line, column)| {
                written
                    .iter()
                    .any(|w| (w.line, w.column) == (*line, *column))
            })
            // The one wording of the command's own: it resolves paths against the
            // current directory, where a build resolves them against the manifest's.
            .map(|(message, _, _)| message.replace(BUILD_BASE, COMMAND_BASE))
            .collect();
        let args: Vec<&str> = written.iter().map(|w| w.source.as_str()).collect();
        let run = obs_codes_in(&project, &[&["check"], &args[..]].concat(), b"");
        let printed =
            String::from_utf8_lossy(&run.stderr).replace(&tests_dir.display().to_string(), "$DIR");
        let got: Vec<String> = printed
            .split("\nerror: ")
            .filter(|m| !m.is_empty())
            .enumerate()
            .map(|(i, m)| {
                let m = m.trim_end_matches('\n');
                if i == 0 {
                    m.to_owned()
                } else {
                    format!("error: {m}")
                }
            })
            .collect();
        let code_expected = if expected.is_empty() { 0 } else { 2 };
        if got != expected || run.status.code() != Some(code_expected) {
            failures.push(format!(
                "{name} (check {}): exit {:?}, expected {code_expected}\n--- .stderr says:\n{}\n--- check printed:\n{}",
                args.join(" "),
                run.status.code(),
                expected.join("\n"),
                got.join("\n")
            ));
        }
        compared += expected.len();
        checked.push(name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every case with tables was run: most cases are about a table.
    assert!(checked.len() >= 30, "{checked:?}");
    eprintln!("{} cases, {compared} messages compared", checked.len());
    assert!(
        compared >= checked.len() + 50,
        "{compared} messages in {checked:?}"
    );
    assert!(checked.iter().any(|c| c == "enum_cross_source_collisions"));
    assert!(checked.iter().any(|c| c == "many_problems"));
}

#[test]
fn the_call_parser_finds_sources_where_they_are_written() {
    assert_eq!(
        sources("obs_codes::obs_errors!(\"tables/a.csv\");"),
        Some(vec![Written {
            source: "tables/a.csv".into(),
            line: 1,
            column: 24,
        }])
    );
    let found = sources("obs_errors! {\n    /// Doc.\n    pub enum E { obs, \"t.csv\" }\n}");
    let found: Vec<(String, usize, usize)> = found
        .unwrap_or_default()
        .into_iter()
        .map(|w| (w.source, w.line, w.column))
        .collect();
    assert_eq!(found, [("obs".into(), 3, 18), ("t.csv".into(), 3, 23)]);
    for call in [
        "obs_errors!(42);",
        "obs_errors!(\"\");",
        "obs_errors!(\"a.csv\" \"b.csv\");",
        "obs_errors! { pub enum E {} }",
        "obs_errors! { pub enum E { obs, s3 } }",
    ] {
        assert_eq!(sources(call), None, "{call}");
    }
    let errors = compiler_errors(
        "error: t.csv:1:2: bad\n         help: fix\n --> ui/x.rs:3:24\n  |\n\nerror: other\n --> ui/x.rs:1:1\n",
    );
    assert_eq!(
        errors,
        [
            ("error: t.csv:1:2: bad\n  help: fix".to_owned(), 3, 24),
            ("error: other".to_owned(), 1, 1)
        ]
    );
}

#[test]
fn check_accepts_good_tables_and_prints_the_macros_messages() {
    let dir = scratch("check");
    fs::write(dir.join("vendor.csv"), VENDOR).expect("vendor");
    let run = obs_codes(&["check", "obs", arg(&dir.join("vendor.csv"))]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).ends_with(": 134 codes, no problems\n"),
        "{}",
        stdout(&run)
    );
    fs::write(
        dir.join("bad.csv"),
        "code,http_status,description\nNoSuchKey,404,again\nA,4x,d\n",
    )
    .expect("bad");
    let bad = arg(&dir.join("bad.csv")).to_owned();
    let run = obs_codes(&["check", "obs", &bad]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {bad}:2:1: code `NoSuchKey` is already defined by obs:75\n  \
             help: set this row's `override` column to `true` to replace it, or remove the row\n\
             error: {bad}:3:3: `4x` is not an HTTP status\n  \
             help: write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none\n"
        )
    );
    assert!(run.stdout.is_empty());
}
