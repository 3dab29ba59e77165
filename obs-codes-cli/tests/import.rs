//! `obs-codes import` of several pages with fixes and curated rows: the report of
//! `--explain-sources`, and the errors of fixes and curated rows that no longer fit
//! the pages.

mod common;

use common::{arg, obs_codes, scratch, stderr, stdout};
use std::fs;

const PAGES: [&str; 4] = [
    "../tables/upstream/obs_29_1601.rst",
    "../tables/upstream/obs_04_0115.rst",
    "../tables/upstream/en-us_topic_0125560440.rst",
    "../tables/upstream/obs_21_2002.rst",
];
const FIXES: &str = "../tables/obs-fixes.csv";
const CURATED: &str = "../tables/obs-single-api.csv";

/// `import PAGES... --fixes FIXES --extra CURATED`, then `more`.
fn import<'a>(fixes: &'a str, curated: &'a str, more: &[&'a str]) -> std::process::Output {
    let mut args = vec!["import"];
    args.extend(PAGES);
    args.extend(["--fixes", fixes, "--extra", curated]);
    args.extend(more);
    obs_codes(&args)
}

/// The lines of `report` from `code`'s line up to the next code.
fn block<'a>(report: &'a str, code: &str) -> Vec<&'a str> {
    let mut lines = report.lines().skip_while(|l| *l != code);
    let first = lines.next().into_iter();
    first
        .chain(lines.take_while(|l| l.starts_with("  ")))
        .collect()
}

#[test]
fn explain_sources_says_which_page_gave_what() {
    let run = import(FIXES, CURATED, &["--explain-sources"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // The table still goes to standard output, unchanged; the report to standard error.
    let bundled = fs::read_to_string("../tables/obs.csv").expect("bundled table");
    assert!(stdout(&run) == bundled);
    let report = stderr(&run);
    assert_eq!(
        block(&report, "RequestTimeout"),
        [
            "RequestTimeout",
            "  status       400 Bad Request from obs_29_1601",
            "  description  from obs_29_1601",
            "  solution     from obs_04_0115",
            "  listed by    obs_29_1601 at ../tables/upstream/obs_29_1601.rst:179:3: 400 Bad Request",
            "  listed by    obs_04_0115 at ../tables/upstream/obs_04_0115.rst:232:51: 408 Request Timeout, with a solution",
            "  listed by    en-us_topic_0125560440 at ../tables/upstream/en-us_topic_0125560440.rst:191:6: 400 Bad Request",
            "  listed by    obs_21_2002 at ../tables/upstream/obs_21_2002.rst:147:48: 408 Request Timeout, with a solution",
            "  fixed by     ../tables/obs-fixes.csv:18:1",
            "  source       obs_29_1601; obs_04_0115 (408 Request Timeout); en-us_topic_0125560440; obs_21_2002 (408 Request Timeout)",
        ]
    );
    assert_eq!(
        block(&report, "ObjectNotAppendable")[1..2],
        ["  status       409 Conflict from the fix at ../tables/obs-fixes.csv:25:24"]
    );
    assert!(
        block(&report, "NoSuchBucketPolicy").contains(
            &"  listed by    en-us_topic_0125560440 at ../tables/upstream/en-us_topic_0125560440.rst:177:6: 404 Not Found, as `NotSuchBucketPolicy` (an alias)"
        ),
        "{report}"
    );
    assert_eq!(
        block(&report, "AZRedundancyTypeNotSupported")[1..4],
        [
            "  status       400 Bad Request from obs_21_2002",
            "  description  from obs_21_2002",
            "  solution     from obs_21_2002",
        ]
    );
    assert_eq!(
        block(&report, "NoSuchEncryptionConfiguration")[1],
        "  status       404 Not Found from the curated row at ../tables/obs-single-api.csv:8:1"
    );
    assert!(
        report.ends_with(
            "Request-URI Too Large (excluded by ../tables/obs-fixes.csv:26:28: HTTP's reason phrase for 414, not a code the server writes in an `<Error>` body)\n\
             \x20 listed by    obs_04_0115 at ../tables/upstream/obs_04_0115.rst:258:51\n"
        ),
        "{report}"
    );
    // Without the option, only the pages' notes.
    let run = import(FIXES, CURATED, &[]);
    assert!(!stderr(&run).contains("listed by"), "{}", stderr(&run));
}

#[test]
fn a_fix_or_curated_row_that_no_longer_fits_the_pages_is_an_error() {
    let dir = scratch("import-stale");
    let fixes = dir.join("fixes.csv");
    let curated = dir.join("curated.csv");
    fs::write(
        &fixes,
        fs::read_to_string(FIXES).expect("fixes") + "NoSuchThing,,Thing,,,,\n",
    )
    .expect("fixes written");
    fs::write(
        &curated,
        fs::read_to_string(CURATED).expect("curated")
            + "TooManyRequests,429 Too Many Requests,Listed by the API reference.,x\n\
               NotSuchBucketPolicy,404,An alias of a page's code.,x\n",
    )
    .expect("curated written");
    let out = dir.join("out.csv");
    fs::write(&out, "previous\n").expect("output written");
    let run = import(arg(&fixes), arg(&curated), &["-o", arg(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {curated}:19:1: the curated code `TooManyRequests` is listed by a page: obs_04_0115 (../tables/upstream/obs_04_0115.rst:262:51)\n\
             \x20 help: the page wins: remove the curated row\n\
             error: {curated}:20:1: the curated code `NotSuchBucketPolicy` is listed by a page: obs_29_1601 (../tables/upstream/obs_29_1601.rst:147:3), obs_04_0115 (../tables/upstream/obs_04_0115.rst:210:51), en-us_topic_0125560440 (../tables/upstream/en-us_topic_0125560440.rst:155:6), en-us_topic_0125560440 (../tables/upstream/en-us_topic_0125560440.rst:177:6), obs_21_2002 (../tables/upstream/obs_21_2002.rst:127:48)\n\
             \x20 help: the page wins: remove the curated row\n\
             error: {fixes}:27:1: the fix for `NoSuchThing` matches no code of the pages or the curated table\n\
             \x20 help: the pages may have changed: update or remove the fix\n",
            curated = arg(&curated),
            fixes = arg(&fixes),
        )
    );
    assert_eq!(fs::read_to_string(&out).ok().as_deref(), Some("previous\n"));
}

#[test]
fn the_old_fixes_format_still_reads() {
    // The four columns of before, on the seed page alone.
    let dir = scratch("import-old-fixes");
    let fixes = dir.join("fixes.csv");
    fs::write(
        &fixes,
        "documented,code,aliases,retryable\nKeyTooLong,,KeyTooLongError,\nRequestTimeout,,,true\n",
    )
    .expect("fixes written");
    let run = obs_codes(&["import", PAGES[0], "--fixes", arg(&fixes)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(text.starts_with("code,http_status,retryable,aliases,description,source\n"));
    assert!(text.contains(
        "\nKeyTooLong,400 Bad Request,,KeyTooLongError,The provided key is too long.,obs_29_1601\n"
    ));
    assert!(text.contains("\nRequestTimeout,400 Bad Request,true,,"));
}
