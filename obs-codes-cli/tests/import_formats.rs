//! `obs-codes import` of every page form: one page, shaped like the vendor's API
//! reference, written as the vendor's HTML, as a markdown pipe table and as the three
//! reStructuredText tables, imports to the same CSV; problems in each form are located;
//! anything else is answered with what `import` reads.

mod common;

use common::{arg, obs_codes, scratch, stderr, stdout};
use std::fs;

/// The grid-table form: the T-Systems copies' form, which the others must match.
const GRID: &str = "tests/data/pages/grid/api-errors.rst";

/// The other forms of the same page (the same file stem: the `source` column matches).
const FORMS: [&str; 4] = [
    "tests/data/pages/html/api-errors.html",
    "tests/data/pages/list-table/api-errors.rst",
    "tests/data/pages/simple/api-errors.rst",
    "tests/data/pages/pipe/api-errors.md",
];

/// What `import` reads, as its messages say.
const READS: &str = "`import` reads the vendor's error-code pages: HTML as a browser saves them from support.huaweicloud.com (`.html`), reStructuredText as in the T-Systems copies of the docs (`.rst`: grid tables, `list-table` directives, simple tables), and markdown pipe tables as copying a table from the vendor's page gives them (`.md`)";

fn import(page: &str) -> String {
    let run = obs_codes(&["import", page]);
    assert_eq!(run.status.code(), Some(0), "{page}: {}", stderr(&run));
    stdout(&run)
}

#[test]
fn the_grid_form_gives_the_rows_of_the_page() {
    let csv = import(GRID);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("code,http_status,description,solution,source")
    );
    for row in [
        // `**...**` kept, lines of a paragraph joined with a space.
        "BadDigest,400 Bad Request,The specified value of **Content-MD5** does not match the value received by OBS.,Check whether the MD5 value carried in the header is the same as that calculated by the message body.,api-errors",
        "InvalidArgument,400 Bad Request,Invalid parameter. Check the request.,Use a value <= 1000 & retry.,api-errors",
        // The status cell spans both rows.
        "AllAccessDisabled,403 Forbidden,You have no permission to perform the operation.,Contact the bucket owner.,api-errors",
    ] {
        assert!(lines.contains(&row), "{row}\n{csv}");
    }
    // A list keeps an item a line; paragraphs are joined with a blank line.
    assert!(csv.contains("\"- The part uploaded, except the last one, is smaller than 100 KB.\n- The file size is smaller than the lower limit defined in the policy of the POST form.\""), "{csv}");
    assert!(
        csv.contains("\"Access denied.\n\nThe request has no valid signature.\""),
        "{csv}"
    );
    assert_eq!(lines.len(), 1 + 6 + 3, "{csv}");
}

#[test]
fn every_form_of_the_page_imports_to_the_same_table() {
    let expected = import(GRID);
    for form in FORMS {
        assert!(import(form) == expected, "{form} differs from {GRID}");
    }
}

#[test]
fn diff_compares_pages_of_any_form() {
    let run = obs_codes(&["diff", GRID, FORMS[0]]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).ends_with("0 added, 0 removed, 0 moved, 0 changed, 6 unchanged; 0 breaking\n"),
        "{}",
        stdout(&run)
    );
}

/// name, file name, page, expected standard error.
const LOCATED: &[(&str, &str, &str, &str)] = &[
    (
        "html status",
        "bad.html",
        "<table><thead><tr><th>Error Code</th><th>Description</th><th>HTTP Status Code</th></tr></thead>\n\
         <tbody><tr><td><p>A</p></td><td>x</td><td>  Bad</td></tr></tbody></table>\n",
        ":2:45: `Bad` is not an HTTP status\n",
    ),
    (
        "list-table rows",
        "bad.rst",
        ".. list-table::\n   :header-rows: 1\n\n   * - Error Code\n     - Description\n     - HTTP Status Code\n   * - A\n     - x\n",
        ":7:4: row 2 of this list-table has 2 cells, the first row has 3\n",
    ),
    (
        "simple-table margin",
        "bad.rst",
        "==========  ===========  ====\nError Code  Description  HTTP Status Code\n==========  ===========  ====\nA           xx x xx x xx 400\n==========  ===========  ====\n",
        ":4:24: text between the columns of a simple table: each column's text stays under its `===`\n",
    ),
    (
        "pipe description",
        "bad.md",
        "| Error Code | Description | HTTP Status Code |\n|---|---|---|\n| A |  | 400 |\n",
        ":3:8: empty description for code `A`\n",
    ),
];

#[test]
fn problems_of_every_form_are_located() {
    let dir = scratch("import-formats-located");
    for (name, file, page, expected) in LOCATED {
        let path = dir.join(file);
        fs::write(&path, page).expect("page written");
        let run = obs_codes(&["import", arg(&path)]);
        assert_eq!(run.status.code(), Some(2), "{name}: {}", stderr(&run));
        let first = stderr(&run).lines().next().unwrap_or_default().to_owned() + "\n";
        assert_eq!(first, format!("error: {}{expected}", arg(&path)), "{name}");
    }
}

#[test]
fn a_page_without_an_error_code_table_says_what_import_reads() {
    let dir = scratch("import-formats-none");
    let path = dir.join("menu.html");
    fs::write(
        &path,
        "<html><body>\n<nav><table><tr><td>Home</td></tr></table></nav></body></html>\n",
    )
    .expect("page written");
    let run = obs_codes(&["import", arg(&path)]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: {}:2:6: no error-code table: the page has 1 table, none with an `Error Code` column\n  help: {READS}\n",
            arg(&path)
        )
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn a_table_given_as_a_page_says_what_import_reads() {
    let run = obs_codes(&["import", "../tables/obs.csv"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "error: `../tables/obs.csv` is not a page: {READS}; to check a CSV table, run `obs-codes check ../tables/obs.csv`\n"
        )
    );
}
