//! The `obs-codes` command through its binary: output, files and exit codes.

#[path = "../src/output/scratch.rs"]
mod scratch;

use scratch::Scratch;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root: paths in commands are relative to it, as in the README.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn obs_codes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the obs-codes binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh, empty directory for one test, removed when the test ends.
fn scratch(name: &str) -> Scratch {
    Scratch::new(
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        &format!("cli-{name}"),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// CSV records (header first) as the generator's reader reads them.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut problems = obs_codes_gen::Problems::default();
    let records = obs_codes_gen::Record::read_all("t.csv", text, &mut problems);
    assert!(problems.is_empty(), "{:?}", problems.messages());
    records
        .into_iter()
        .map(|r| r.fields.into_iter().map(|f| f.value).collect())
        .collect()
}

/// The rows of the page's error-code grid table, read naively and independently of the
/// importer: the table starts at the header line holding `Error Code` and ends at the
/// first line that is not part of a grid; each line right after a border line starts
/// a row, and its `|`-separated fields are the first lines of the row's cells.
fn page_rows(page: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut after_border = false;
    let lines = page
        .lines()
        .map(str::trim)
        .skip_while(|l| !(l.starts_with('|') && l.contains(" Error Code ")))
        .skip(1)
        .take_while(|l| l.starts_with('|') || l.starts_with('+'));
    for line in lines {
        if line.starts_with('+') {
            after_border = true;
            continue;
        }
        if after_border {
            let cells = line.trim_matches('|').split('|');
            rows.push(cells.map(|c| c.trim().to_owned()).collect());
        }
        after_border = false;
    }
    rows
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).expect("readable file")
}

const SDK_PAGE: &str = "tables/upstream/obs_29_1601.rst";
const API_PAGE: &str = "tables/upstream/obs_04_0115.rst";
const FIXES: &str = "tables/obs-fixes.csv";
const BUNDLED: &str = "tables/obs.csv";
/// The pages the bundled table is built from, in order.
const PAGES: [&str; 4] = [
    SDK_PAGE,
    API_PAGE,
    "tables/upstream/en-us_topic_0125560440.rst",
    "tables/upstream/obs_21_2002.rst",
];
const CURATED: &str = "tables/obs-single-api.csv";
/// The bundled table before the other pages were merged in: `obs_29_1601`'s 107 codes.
const BUNDLED_107: &str = "obs-codes-cli/tests/data/obs-107.csv";

/// The regeneration command of docs/table.md, with `extra` arguments.
fn regenerate<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["import"];
    args.extend(PAGES);
    args.extend(["--fixes", FIXES, "--extra", CURATED]);
    args.extend(extra);
    args
}

// ---- import --------------------------------------------------------------------------

#[test]
fn regenerating_the_bundled_table_reproduces_it_byte_for_byte() {
    let dir = scratch("regenerate");
    let out = dir.join("obs.csv");
    let run = obs_codes(&regenerate(&["-o", path_str(&out)]));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let bundled = fs::read(root().join(BUNDLED)).expect("bundled table");
    assert!(
        fs::read(&out).expect("written table") == bundled,
        "the regenerated table differs from {BUNDLED}"
    );
    // The pages' own notes (the two `AccessDenied` rows of two pages), then the count.
    assert_eq!(
        stderr(&run),
        format!(
            "note: {API_PAGE}:178:51: `AccessDenied` appears again: its description and solution are joined to those of line 176\n\
             note: {}:19:6: `AccessDenied` appears again: its description and solution are joined to those of line 17\n\
             wrote 132 codes to {}\n",
            PAGES[2],
            out.display()
        )
    );
    assert!(run.stdout.is_empty());
    assert_eq!(files_in(&dir), ["obs.csv"]);
    // The committed table is current: diff finds no difference.
    let run = obs_codes(&["diff", BUNDLED, path_str(&out), "--exit-code"]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));
    assert_eq!(
        stdout(&run),
        format!(
            "--- {BUNDLED} (132 codes)\n+++ {} (132 codes)\n\n0 added, 0 removed, 0 moved, 0 changed, 132 unchanged; 0 breaking\n",
            out.display()
        )
    );

    // Without -o, the same bytes go to standard output.
    let run = obs_codes(&regenerate(&[]));
    assert_eq!(run.status.code(), Some(0));
    assert!(run.stdout == bundled);
}

#[test]
fn the_complete_table_only_adds_to_the_107_codes_of_the_seed_page() {
    let run = obs_codes(&["diff", BUNDLED_107, BUNDLED]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.ends_with("\n25 added, 0 removed, 0 moved, 107 changed, 0 unchanged; 0 breaking\n"),
        "{text}"
    );
    // What changes in the 107 rows: a solution and a source where there was none, and
    // four new aliases; nothing else.
    let changed = text.split("\nchanged (107):\n").nth(1).unwrap_or_default();
    let fields: std::collections::BTreeSet<&str> = changed
        .lines()
        .filter_map(|l| l.strip_prefix("      ")?.split(':').next())
        .filter(|f| !f.starts_with(' ') && !f.starts_with('+') && !f.starts_with('-'))
        .collect();
    assert_eq!(
        fields.into_iter().collect::<Vec<_>>(),
        ["aliases", "solution", "source"],
        "{text}"
    );
    let aliases: Vec<&str> = changed
        .lines()
        .filter(|l| l.starts_with("      aliases: "))
        .collect();
    assert_eq!(
        aliases,
        [
            "      aliases: (none) -> MalformedXMLError",
            "      aliases: (none) -> NotSuchBucketPolicy",
            "      aliases: (none) -> InvalidTag",
        ],
        "{text}"
    );
}

#[test]
fn imports_the_sdk_guide_page() {
    let page = read(SDK_PAGE);
    let expected = page_rows(&page);
    let run = obs_codes(&["import", SDK_PAGE]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    let records = csv_records(&text);
    let (header, rows) = records.split_first().expect("a header");
    assert_eq!(header, &["code", "http_status", "description", "source"]);

    // Every row of the page, in order, with its status verbatim.
    assert_eq!(rows.len(), expected.len());
    assert_eq!(expected.len(), 107);
    for (row, cells) in rows.iter().zip(&expected) {
        assert_eq!((&row[0], &row[1]), (&cells[0], &cells[2]));
    }
    // A few rows exactly: plain, quoted for a comma, emphasis, two paragraphs, N/A.
    for line in [
        "AccessDenied,403 Forbidden,Access denied.,obs_29_1601\n",
        "AccountProblem,403 Forbidden,\"Your account is abnormal (for example, it has been expired or frozen).\",obs_29_1601\n",
        "BadDigest,400 Bad Request,The specified value of **Content-MD5** does not match the value received by OBS.,obs_29_1601\n",
        "MethodNotAllowed,405 Method Not Allowed,\"The specified method is not allowed against the requested resource.\n\nThe message \"\"Specified method is not supported.\"\" is returned.\",obs_29_1601\n",
        "InvalidAddressingHeader,N/A,The anonymous role must be specified.,obs_29_1601\n",
    ] {
        assert!(text.contains(line), "missing row: {line}");
    }
    // Codes the page wraps by hand are kept as written, with a warning for each.
    let warnings = stderr(&run);
    assert!(text.contains("\nIllegalVersioningConfiguration Exception,400 Bad Request,"));
    assert_eq!(
        warnings
            .matches("warning: tables/upstream/obs_29_1601.rst:")
            .count(),
        4,
        "{warnings}"
    );
    assert!(warnings.starts_with(&format!("warning: {SDK_PAGE}:49:3: code `IllegalVersioningConfiguration Exception` contains a space")), "{warnings}");
}

#[test]
fn the_fixes_are_the_only_differences_from_the_page() {
    // The bundled table = the page's rows, each code mapped through the fixes file.
    let fixes = csv_records(&read(FIXES));
    let (header, fixes) = fixes.split_first().expect("a header");
    assert_eq!(
        header,
        &[
            "documented",
            "code",
            "aliases",
            "retryable",
            "http_status",
            "source",
            "excluded"
        ]
    );
    let bundled = csv_records(&read(BUNDLED));
    let page = page_rows(&read(SDK_PAGE));
    // The seed page's rows come first; the other pages' and the curated codes follow.
    assert_eq!(bundled.len() - 1, 132);
    assert_eq!(page.len(), 107);
    for (row, cells) in bundled.iter().skip(1).zip(&page) {
        let fix = fixes.iter().find(|f| f[0] == cells[0]);
        let code = fix
            .filter(|f| !f[1].is_empty())
            .map_or(&cells[0], |f| &f[1]);
        let empty = String::new();
        let aliases = fix.map_or(&empty, |f| &f[2]);
        let retryable = fix.map_or(&empty, |f| &f[3]);
        assert_eq!(
            (&row[0], &row[1], &row[2], &row[3]),
            (code, &cells[2], retryable, aliases)
        );
    }
}

#[test]
fn imports_the_api_reference_page() {
    let page = read(API_PAGE);
    // Table 2: Status Code | Error Code | Error Message | Solution; a code listed twice
    // (AccessDenied) becomes one row.
    let mut expected: Vec<(String, String)> = Vec::new();
    for cells in page_rows(&page) {
        if !expected.iter().any(|(code, _)| *code == cells[1]) {
            expected.push((cells[1].clone(), cells[0].clone()));
        }
    }
    assert_eq!(expected.len(), 95);

    let run = obs_codes(&["import", API_PAGE]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    let records = csv_records(&text);
    let (header, rows) = records.split_first().expect("a header");
    assert_eq!(
        header,
        &["code", "http_status", "description", "solution", "source"]
    );
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(got, expected);

    for line in [
        // A bullet list of two paragraphs.
        "EntityTooLarge,400 Bad Request,\"- The size of the file uploaded using the PUT, POST, or Append methods of SDKs or APIs exceeds 5 GB.\n\
         - The part uploaded is larger than 5 GB in size.\n\
         - The size of the bucket configurations exceeds 20 KB.\n\
         - The file size exceeds the upper limit defined in the policy of the POST form.\n\n\
         - The size of the file uploaded using the multipart upload of SDKs or APIs or the resumable upload of SDKs exceeds 48.8 TB.\",\
         Modify the conditions specified in the upload policy or reduce the object size.,obs_04_0115\n",
        // Two paragraphs in the message.
        "RequestTimeTooSkewed,403 Forbidden,\"There was a large time offset between the OBS server time and the time when the client initiated a request.\n\n\
         For security purposes, OBS verifies the time offset between the client and server. If the offset is longer than 15 minutes, the OBS server will reject your requests and this error message is reported.\",\
         \"Check whether there is a large time offset between the client time and server time. If there is, adjust the client time based on your local time (UTC) and try again.\",obs_04_0115\n",
        // A :ref: role becomes its title.
        "VirtualHostDomainRequired,403 Forbidden,Virtual hosting access domain name is not used.,\"Use the virtual hosting access domain name. For details, see Constructing a Request.\",obs_04_0115\n",
        // The status cell verbatim, even when its phrase is not the registered one.
        "ObjectNotAppendable,409 ObjectNotAppendable,",
        // The two AccessDenied rows, joined.
        "AccessDenied,403 Forbidden,\"Access denied, because the request does not carry a date header or the header format is incorrect.\n\n\
         The object you specified is immutable and cannot be deleted.\",\"Provide a correct date header in the request.\n\n\
         Wait until the WORM retention expires and then modify or delete the object.\",obs_04_0115\n",
    ] {
        assert!(text.contains(line), "missing row: {line}");
    }
    // Notes and warnings in page order: the merged row, the codes with a space.
    let diagnostics: Vec<String> = stderr(&run)
        .lines()
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        diagnostics,
        [
            format!("warning: {API_PAGE}:100:51"),
            format!("note: {API_PAGE}:178:51"),
            format!("warning: {API_PAGE}:258:51"),
        ]
    );
    assert!(stderr(&run).contains(&format!(
        "note: {API_PAGE}:178:51: `AccessDenied` appears again: its description and solution are joined to those of line 176\n"
    )));
}

#[test]
fn the_imported_tables_are_read_back_by_diff() {
    // What import writes, the CSV reader (the macro's format) reads without problems.
    let dir = scratch("read-back");
    let out = dir.join("api.csv");
    let run = obs_codes(&["import", API_PAGE, "-o", path_str(&out)]);
    assert_eq!(run.status.code(), Some(0));
    let run = obs_codes(&["diff", path_str(&out), API_PAGE, "--exit-code"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
    assert!(
        stdout(&run)
            .ends_with("\n0 added, 0 removed, 0 moved, 0 changed, 95 unchanged; 0 breaking\n")
    );
}

#[test]
fn a_bad_page_is_located_and_leaves_the_output_untouched() {
    let dir = scratch("bad-page");
    let page = dir.join("page.rst");
    fs::write(
        &page,
        "Title\n\n+------+--------+-------------+\n| Code | Status | Description |\n\
         +======+========+=============+\n| A    | 400    | fine        |\n\
         +------+--------+-------------+\n| B    | 4O4    | typo        |\n\
         +------+--------+-------------+\n| C    | 500    | short line  \n\
         +------+--------+-------------+\n",
    )
    .expect("page written");
    let out = dir.join("out.csv");
    fs::write(&out, "previous contents\n").expect("output written");
    let run = obs_codes(&["import", path_str(&page), "-o", path_str(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:10:29: grid table line ends before the right border (column 31)\n",
            page.display()
        )
    );
    assert_eq!(
        fs::read_to_string(&out).ok().as_deref(),
        Some("previous contents\n")
    );
    assert_eq!(files_in(&dir), ["out.csv", "page.rst"]);

    // Once the grid is whole, the bad status is reported where it is, and no file is
    // created.
    let text = fs::read_to_string(&page).expect("page");
    fs::write(&page, text.replace("short line  \n", "short line  |\n")).expect("page");
    let fresh = dir.join("fresh.csv");
    let run = obs_codes(&["import", path_str(&page), "-o", path_str(&fresh)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:8:10: `4O4` is not an HTTP status\n  help: write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none\n",
            page.display()
        )
    );
    assert!(run.stdout.is_empty());
    assert!(!fresh.exists());
    assert_eq!(files_in(&dir), ["out.csv", "page.rst"]);
}

#[test]
fn bad_fixes_are_located() {
    let dir = scratch("bad-fixes");
    let fixes = dir.join("fixes.csv");
    fs::write(
        &fixes,
        "# comment\ndocumented,code,aliases,retryable\nKeyTooLong,,,perhaps\nNoSuchThing,X,,\n",
    )
    .expect("fixes written");
    let run = obs_codes(&["import", SDK_PAGE, "--fixes", path_str(&fixes)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:3:14: `perhaps` is not a valid `retryable` value\n  help: write `true`, `false`, or leave the cell empty\n",
            fixes.display()
        )
    );
    // A fix for a code the page no longer has is an error, not silently dropped.
    fs::write(
        &fixes,
        "documented,code,aliases,retryable\nNoSuchThing,X,,\n",
    )
    .expect("fixes");
    let run = obs_codes(&["import", SDK_PAGE, "--fixes", path_str(&fixes)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).starts_with(&format!(
            "error: {}:2:1: the fix for `NoSuchThing` matches no code of the page",
            fixes.display()
        )),
        "{}",
        stderr(&run)
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn unreadable_files_exit_with_2() {
    let run = obs_codes(&["import", "tables/upstream/missing.rst"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).starts_with("error: tables/upstream/missing.rst: cannot read the file:"),
        "{}",
        stderr(&run)
    );
    let dir = scratch("not-utf8");
    let page = dir.join("page.rst");
    fs::write(&page, b"Title\n\nbad \xff byte\n").expect("page written");
    let run = obs_codes(&["import", path_str(&page)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:3:5: the file is not valid UTF-8 from here\n  help: save the file as UTF-8\n",
            page.display()
        )
    );
    // A page without an error-code table.
    fs::write(&page, "Title\n\nNo table here.\n").expect("page written");
    let run = obs_codes(&["import", path_str(&page)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains(":1:1: no error-code table"));
}

// ---- diff ----------------------------------------------------------------------------

#[test]
fn diff_on_a_crafted_pair() {
    let dir = scratch("diff");
    let old = dir.join("old.csv");
    let new = dir.join("new.csv");
    fs::write(
        &old,
        "code,http_status,retryable,aliases,description\n\
         Same,404 Not Found,,,Unchanged.\n\
         Gone,400 Bad Request,,,Removed upstream.\n\
         Status,400 Bad Request,,,The status moves.\n\
         Flag,400 Bad Request,,,The flag flips.\n\
         Text,403 Forbidden,,,Old words.\n",
    )
    .expect("old written");
    fs::write(
        &new,
        "# A table with another column order and a solution column.\n\
         description,code,http_status,retryable,solution\n\
         Unchanged.,Same,404 Not Found,,\n\
         The status moves.,Status,408 Request Timeout,,\n\
         The flag flips.,Flag,400 Bad Request,true,\n\
         \"New words,\n\non two paragraphs.\",Text,403 Forbidden,,\n\
         Added upstream.,New,503 Service Unavailable,,Wait.\n",
    )
    .expect("new written");
    let run = obs_codes(&["diff", path_str(&old), path_str(&new)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        stdout(&run),
        format!(
            "--- {} (5 codes)\n+++ {} (5 codes)\n\
             \nadded (1):\n  + New: 503 Service Unavailable, retryable\n      Added upstream.\n\
             \nremoved (1):\n  - Gone: 400 Bad Request, not retryable (breaking)\n      Removed upstream.\n\
             \nchanged (3):\n  ~ Status\n      status: 400 Bad Request -> 408 Request Timeout\n      retryable: no -> yes\n\
             \x20 ~ Flag\n      retryable: no -> yes\n\
             \x20 ~ Text\n      description:\n        - Old words.\n        + New words,\n        +\n        + on two paragraphs.\n\
             \n1 added, 1 removed, 0 moved, 3 changed, 1 unchanged; 1 breaking\n",
            old.display(),
            new.display()
        )
    );
    let run = obs_codes(&["diff", path_str(&old), path_str(&new), "--exit-code"]);
    assert_eq!(run.status.code(), Some(1));
    let run = obs_codes(&["diff", path_str(&old), path_str(&old), "--exit-code"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        stdout(&run)
            .ends_with("\n0 added, 0 removed, 0 moved, 0 changed, 5 unchanged; 0 breaking\n")
    );
}

#[test]
fn diff_against_the_page_shows_what_a_regeneration_does() {
    // One page, with the fixes of all: those for codes of other pages are skipped, and
    // the codes only other pages (or the curated table) give show up as removed.
    let run = obs_codes(&["diff", BUNDLED, SDK_PAGE, "--fixes", FIXES]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains(
            "\nremoved (25):\n  - InvalidContentLength: 400 Bad Request, not retryable (breaking)"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\n0 added, 25 removed, 0 moved, 107 changed, 0 unchanged; 25 breaking\n"),
        "{text}"
    );
    // Without the fixes, they show up as the changes a bare import would make.
    let run = obs_codes(&["diff", BUNDLED, SDK_PAGE]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    assert!(
        text.contains(
            "\nadded (3):\n  + IllegalVersioningConfiguration Exception: 400 Bad Request"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "\n  - IllegalVersioningConfigurationException: 400 Bad Request, not retryable (breaking)"
        ),
        "{text}"
    );
    assert!(
        text.contains("      aliases: KeyTooLongError -> (none) (breaking)\n"),
        "{text}"
    );
    assert!(
        text.contains("  ~ OperationAborted\n      retryable: yes -> no\n      solution:"),
        "{text}"
    );
}

#[test]
fn the_cli_retry_rule_is_the_macros() {
    // `list --format csv` writes what the compiled enum says, retry flags explicit; the
    // bundled table leaves most flags to the status rule. No status or retry flag may
    // differ.
    let dir = scratch("retry-rule");
    let listed = dir.join("listed.csv");
    let run = obs_codes(&["list", "--format", "csv"]);
    fs::write(&listed, &run.stdout).expect("listed written");
    let run = obs_codes(&["diff", BUNDLED, path_str(&listed)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(text.contains("\n0 added, 0 removed, "), "{text}");
    let field = |l: &str| l.starts_with("      status:") || l.starts_with("      retryable:");
    assert!(!text.lines().any(field), "{text}");
}

#[test]
fn diff_reports_bad_tables_with_their_location() {
    let dir = scratch("diff-bad");
    let old = dir.join("old.csv");
    fs::write(
        &old,
        "code,http_status,description\nA,400,x\nB,400,y,extra\n",
    )
    .expect("old");
    let run = obs_codes(&["diff", path_str(&old), BUNDLED]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:3:9: this record has 4 fields but the header has 3\n  help: quote fields that contain commas: \"like, this\"\n",
            old.display()
        )
    );
    assert!(run.stdout.is_empty());
    fs::write(&old, "code,http_status,description\nA,400,\"never closed\n").expect("old");
    let run = obs_codes(&["diff", path_str(&old), BUNDLED]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).starts_with(&format!(
        "error: {}:2:7: unterminated quoted field",
        old.display()
    )));
    let run = obs_codes(&["diff", BUNDLED, BUNDLED, "--fixes", FIXES]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).starts_with("error: --fixes applies to an upstream page"));
}

// ---- explain and list ----------------------------------------------------------------

#[test]
fn explain_prints_every_field() {
    let run = obs_codes(&["explain", "RequestTimeout", "KeyTooLongError"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        stdout(&run),
        "RequestTimeout (ObsErrorCode::RequestTimeout)\n\
         \x20 status       400 Bad Request\n\
         \x20 retryable    yes: transient, retry with back-off\n\
         \x20 aliases      none\n\
         \x20 description  The socket connection to the server has no read or write operations\n\
         \x20              within the timeout period.\n\
         \x20 solution     Check the network and try again, or contact technical support.\n\
         \x20 documented   obs_29_1601; obs_04_0115 (408 Request Timeout); en-us_topic_0125560440;\n\
         \x20              obs_21_2002 (408 Request Timeout)\n\
         \n\
         KeyTooLong (ObsErrorCode::KeyTooLong), matched by its alias KeyTooLongError\n\
         \x20 status       400 Bad Request\n\
         \x20 retryable    no\n\
         \x20 aliases      KeyTooLongError\n\
         \x20 description  The provided key is too long.\n\
         \x20 solution     Use a shorter key.\n\
         \x20 documented   obs_29_1601; obs_04_0115 (as KeyTooLongError); en-us_topic_0125560440;\n\
         \x20              obs_21_2002 (as KeyTooLongError)\n"
    );
    assert_eq!(stderr(&run), "");
}

#[test]
fn explain_suggests_close_codes_for_an_unknown_one() {
    let run = obs_codes(&["explain", "nosuchkey", "SlowDown", "NoSuchBuckt"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stdout(&run).starts_with("SlowDown (ObsErrorCode::SlowDown)\n"));
    let errors = stderr(&run);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].starts_with("error: unknown code `nosuchkey`; did you mean NoSuchKey"),
        "{errors}"
    );
    assert!(
        lines[1].starts_with("error: unknown code `NoSuchBuckt`; did you mean NoSuchBucket"),
        "{errors}"
    );
    let run = obs_codes(&["explain", "Zzzzzzzzzzzzzzzzzzzz"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        "error: unknown code `Zzzzzzzzzzzzzzzzzzzz`; no close match (`obs-codes list` shows all 132 codes)\n"
    );
}

#[test]
fn list_filters_and_formats() {
    let run = obs_codes(&["list"]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    assert_eq!(text.lines().count(), 133);
    assert!(text.starts_with("CODE "));
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("AccessDenied "))
    );

    let run = obs_codes(&["list", "--status", "503", "--retryable"]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert!(
        codes.contains(&"SlowDown") && codes.contains(&"ServiceUnavailable"),
        "{text}"
    );
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(" 503 Service Unavailable ") && l.contains(" yes "))
    );

    let run = obs_codes(&["list", "--retryable", "--format", "csv"]);
    let records = csv_records(&stdout(&run));
    assert_eq!(
        records[0],
        [
            "code",
            "http_status",
            "retryable",
            "description",
            "solution",
            "source"
        ]
    );
    // Retry flags as the table gives them: set, or left to the status.
    assert!(records.len() > 1 && records[1..].iter().all(|r| r[2] != "false"));

    let run = obs_codes(&["list", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    let codes = json.as_array().expect("an array");
    assert_eq!(codes.len(), 132);
    let method = codes
        .iter()
        .find(|c| c["code"] == "MethodNotAllowed")
        .expect("MethodNotAllowed listed");
    assert_eq!(method["http_status"], 405);
    assert_eq!(method["http_reason"], "Method Not Allowed");
    assert_eq!(method["retryable"], false);
    assert_eq!(method["solution"], "The method is not allowed.");
    assert_eq!(
        method["description"],
        "The specified method is not allowed against the requested resource.\n\nThe message \"Specified method is not supported.\" is returned."
    );
    let key = codes
        .iter()
        .find(|c| c["code"] == "KeyTooLong")
        .expect("KeyTooLong");
    assert_eq!(key["aliases"], serde_json::json!(["KeyTooLongError"]));
    let addressing = codes
        .iter()
        .find(|c| c["code"] == "InvalidAddressingHeader")
        .expect("InvalidAddressingHeader");
    assert_eq!(addressing["http_status"], serde_json::Value::Null);

    let run = obs_codes(&["list", "--status", "418", "--format", "json"]);
    assert_eq!(
        (run.status.code(), stdout(&run).as_str()),
        (Some(0), "[]\n")
    );
}

// ---- arguments -----------------------------------------------------------------------

#[test]
fn every_command_has_help() {
    for command in ["explain", "list", "check", "generate", "import", "diff"] {
        let run = obs_codes(&[command, "--help"]);
        assert_eq!(run.status.code(), Some(0), "{command}");
        assert!(
            stdout(&run).contains(&format!("Usage: obs-codes {command}")),
            "{command}: {}",
            stdout(&run)
        );
    }
    let run = obs_codes(&["--help"]);
    assert_eq!(run.status.code(), Some(0));
    let help = stdout(&run);
    for command in ["explain", "list", "check", "generate", "import", "diff"] {
        assert!(help.contains(&format!("  {command} ")), "{help}");
    }
    assert!(help.contains("Exit codes:"));
    let run = obs_codes(&["import", "--help"]);
    // The regeneration command, as docs/table.md gives it.
    let help = stdout(&run);
    assert!(
        help.contains(
            "obs-codes import tables/upstream/obs_29_1601.rst tables/upstream/obs_04_0115.rst \\\n"
        ),
        "{help}"
    );
    assert!(
        help.contains(
            "--fixes tables/obs-fixes.csv --extra tables/obs-single-api.csv -o tables/obs.csv"
        ),
        "{help}"
    );
}

#[test]
fn bad_arguments_exit_with_2() {
    for args in [
        &[][..],
        &["explain"],
        &["list", "--status", "99"],
        &["list", "--format", "yaml"],
        &["import"],
        &["diff", "only-one.csv"],
        &["check"],
        &["generate"],
        &["check", ""],
        &["generate", "obs", "--name", "fn"],
        &["frobnicate"],
    ] {
        let run = obs_codes(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

// ---- check, generate, --table ----------------------------------------------------------

/// A vendor table next to the bundled one: its own code, an alias, a variant name.
const VENDOR: &str = "code,http_status,description,variant,aliases\n\
    GatewayQuotaExceeded,429 Too Many Requests,The gateway's quota is used up.,,QuotaExceeded\n\
    GatewayDown,N/A,The gateway is down.,Down,\n";

#[test]
fn check_accepts_good_tables_and_prints_the_macros_messages() {
    let dir = scratch("check");
    fs::write(dir.join("vendor.csv"), VENDOR).expect("vendor");
    let run = obs_codes(&["check", "obs", path_str(&dir.join("vendor.csv"))]);
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
    let bad = path_str(&dir.join("bad.csv")).to_owned();
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

#[test]
fn generate_writes_the_generators_file_and_nothing_on_a_problem() {
    let dir = scratch("generate");
    fs::write(dir.join("vendor.csv"), VENDOR).expect("vendor");
    let run = Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(["generate", "obs", "vendor.csv", "--name", "GatewayCode"])
        .args([
            "--runtime",
            "obs_codes",
            "--doc",
            "The gateway's codes.",
            "-o",
            "gateway.rs",
        ])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let code = fs::read_to_string(dir.join("gateway.rs")).expect("written");
    // The build-script API's file, with a header naming the command and the sources.
    let header = "@generated by `obs-codes generate obs vendor.csv --name GatewayCode --runtime obs_codes \
                  --doc 'The gateway'\\''s codes.'`: do not edit; run it again to regenerate.\n\
                  The enum `GatewayCode` from obs, vendor.csv, as `obs_errors!` expands it.";
    let expected = obs_codes_gen::Generator::new("GatewayCode")
        .source("obs")
        .source("vendor.csv")
        .runtime("obs_codes")
        .doc("The gateway's codes.")
        .base_dir(&*dir)
        .header(header)
        .generate()
        .expect("generated");
    assert!(
        code == expected.code,
        "the command's file differs from the Generator's"
    );
    assert!(code.starts_with("// @generated by `obs-codes generate obs vendor.csv"));
    assert!(code.contains("/// The gateway's codes.\n"));
    // `COUNT` is a plain number, as rustdoc shows it (no `usize` suffix).
    let count = code
        .lines()
        .find(|line| line.contains("pub const COUNT"))
        .expect("COUNT");
    assert!(
        count
            .trim_end()
            .strip_suffix(';')
            .is_some_and(|value| value.ends_with(|c: char| c.is_ascii_digit())),
        "{count}"
    );
    assert!(code.contains("pub enum GatewayCode {") && code.contains("obs_codes::ErrorCode"));
    assert!(!code.contains("include_bytes") && !code.contains(path_str(&dir)));
    assert_eq!(files_in(&dir), ["gateway.rs", "vendor.csv"]);

    // Without -o, the file goes to standard output; without --runtime, only `core`.
    let run = obs_codes(&["generate", "obs"]);
    assert_eq!(run.status.code(), Some(0));
    let text = stdout(&run);
    assert!(text.contains("pub enum ObsErrorCode {") && !text.contains("obs_codes::"));

    // A problem: the messages of `check`, and the file keeps its contents.
    fs::write(
        dir.join("vendor.csv"),
        "code,http_status,description\nA,4x,d\n",
    )
    .expect("bad");
    let run = Command::new(env!("CARGO_BIN_EXE_obs-codes"))
        .args(["generate", "obs", "vendor.csv", "-o", "gateway.rs"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).starts_with("error: vendor.csv:2:3: `4x` is not an HTTP status\n  help:"),
        "{}",
        stderr(&run)
    );
    assert!(fs::read_to_string(dir.join("gateway.rs")).ok() == Some(code));
    assert_eq!(files_in(&dir), ["gateway.rs", "vendor.csv"]);
}

#[test]
fn explain_and_list_read_the_tables_given() {
    let dir = scratch("tables-option");
    let vendor = dir.join("vendor.csv");
    fs::write(&vendor, VENDOR).expect("vendor");
    let vendor = path_str(&vendor);
    let run = obs_codes(&[
        "explain",
        "--table",
        "obs",
        "--table",
        vendor,
        "QuotaExceeded",
        "SlowDown",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.starts_with(
            "GatewayQuotaExceeded (variant GatewayQuotaExceeded), matched by its alias QuotaExceeded\n\
             \x20 status       429 Too Many Requests\n\
             \x20 retryable    yes: throttled, retry with a longer back-off and send fewer requests\n\
             \x20              (status 429)\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nSlowDown (variant SlowDown)\n"), "{text}");
    let run = obs_codes(&["explain", "--table", vendor, "GatewayDwn", "SlowDown"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        format!(
            "error: unknown code `GatewayDwn`; did you mean GatewayDown?\n\
             error: unknown code `SlowDown`; no close match (`obs-codes list --table {vendor}` shows all 2 codes)\n"
        )
    );
    let run = obs_codes(&["list", "--table", vendor, "--format", "csv"]);
    assert_eq!(
        stdout(&run),
        "code,http_status,variant,aliases,description\n\
         GatewayQuotaExceeded,429 Too Many Requests,,QuotaExceeded,The gateway's quota is used up.\n\
         GatewayDown,N/A,Down,,The gateway is down.\n"
    );
    // A table with a problem is reported as `check` reports it.
    let run = obs_codes(&["list", "--table", "obs", "--table", "obs"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).starts_with("error: obs"), "{}", stderr(&run));
}

#[test]
fn diff_marks_breaking_changes_and_exits_1_on_a_variant_rename() {
    let dir = scratch("diff-breaking");
    let old = dir.join("old.csv");
    let new = dir.join("new.csv");
    fs::write(
        &old,
        "code,http_status,description,variant\nA,400,x,\nB,400,y,\n",
    )
    .expect("old");
    fs::write(
        &new,
        "code,http_status,description,variant\nA,400,x,Renamed\nB,400,y,\n",
    )
    .expect("new");
    let run = obs_codes(&["diff", path_str(&old), path_str(&new), "--exit-code"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains("  ~ A\n      variant: A -> Renamed (breaking)\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\n0 added, 0 removed, 0 moved, 1 changed, 1 unchanged; 1 breaking\n"),
        "{text}"
    );

    // A code that becomes an alias is a move, not a removal and an addition.
    fs::write(&new, "code,http_status,description,aliases\nA,400,x,B\n").expect("new");
    let run = obs_codes(&["diff", path_str(&old), path_str(&new)]);
    let text = stdout(&run);
    assert!(
        text.contains("\nmoved (1):\n  > B: now an alias of A (variant B removed) (breaking)\n"),
        "{text}"
    );
    assert!(!text.contains("removed ("), "{text}");

    // Both inputs are checked as the macro checks them: every problem, then exit 2.
    fs::write(&old, "code,http_status,description\nSelf,400,x\n").expect("old");
    fs::write(&new, "code,http_status,description\nA,400,\n").expect("new");
    let run = obs_codes(&["diff", path_str(&old), path_str(&new), "--exit-code"]);
    assert_eq!(run.status.code(), Some(2));
    let errors = stderr(&run);
    assert!(
        errors.starts_with(&format!(
            "error: {}:2:1: the variant derived from code `Self`",
            old.display()
        )),
        "{errors}"
    );
    assert!(
        errors.contains(&format!(
            "\nerror: {}:2:7: empty description for code `A`",
            new.display()
        )),
        "{errors}"
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn import_says_what_it_reads() {
    let run = obs_codes(&["import", BUNDLED]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        "error: `import` reads an upstream page in reStructuredText (a `.rst` file), and `tables/obs.csv` is not one; to check a CSV table, run `obs-codes check tables/obs.csv`\n"
    );
}
