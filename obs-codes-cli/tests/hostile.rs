//! Hostile inputs, one test per kind of attack: outputs onto inputs, devices and FIFOs;
//! inputs that never end or never answer; text that would drive a terminal or forge a
//! line; the messages a user meets on the way; and the arguments: every command has
//! help, bad arguments exit with 2. Every command runs under a timeout
//! ([`common::HANG`]), so that a hang fails the test instead of stalling the suite.

mod common;

use common::{obs_codes, obs_codes_in, refused, scratch, stderr, stdout};
use std::fs;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::{Command, Output};

const TABLE: &str = "code,http_status,description\nNoSuchKey,404,The key does not exist.\n";

/// A page the importer reads: one three-column error-code grid table.
const PAGE: &str = "Errors\n======\n\n\
+-----------+--------------+-------------+\n\
| Error Code| Description  | HTTP Status |\n\
+===========+==============+=============+\n\
| NoSuchKey | No such key. | 404         |\n\
+-----------+--------------+-------------+\n";

/// `obs-codes ARGS` in `dir`, with nothing on standard input.
fn run(dir: &Path, args: &[&str]) -> Output {
    obs_codes_in(dir, args, b"")
}

/// Makes a FIFO at `path` with the system's `mkfifo`.
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[test]
fn outputs_onto_inputs_are_refused_and_the_inputs_kept() {
    let dir = scratch("hostile-onto-inputs");
    fs::write(dir.join("in.csv"), TABLE).expect("table");
    fs::write(dir.join("page.rst"), PAGE).expect("page");
    fs::write(
        dir.join("extra.csv"),
        "code,http_status,description\nOther,400,x\n",
    )
    .expect("extra");
    std::os::unix::fs::symlink("in.csv", dir.join("link.csv")).expect("link");
    fs::hard_link(dir.join("page.rst"), dir.join("hard.rst")).expect("hard link");
    for args in [
        &["generate", "in.csv", "-o", "in.csv"][..],
        &["generate", "in.csv", "-o", "link.csv"],
        &["import", "page.rst", "-o", "page.rst"],
        &["import", "page.rst", "-o", "hard.rst"],
        &[
            "import",
            "page.rst",
            "--extra",
            "extra.csv",
            "-o",
            "extra.csv",
        ],
    ] {
        let message = refused(&run(&dir, args));
        assert!(
            message.contains("refusing to overwrite it"),
            "{args:?}: {message}"
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("in.csv")).ok().as_deref(),
        Some(TABLE)
    );
    assert_eq!(
        fs::read_to_string(dir.join("page.rst")).ok().as_deref(),
        Some(PAGE)
    );
    assert!(fs::read_to_string(dir.join("extra.csv")).is_ok_and(|t| t.contains("Other")));
}

#[test]
fn outputs_onto_fifos_directories_and_devices_are_refused() {
    let dir = scratch("hostile-onto-specials");
    fs::write(dir.join("in.csv"), TABLE).expect("table");
    mkfifo(&dir.join("fifo"));
    std::os::unix::fs::symlink("fifo", dir.join("to-fifo")).expect("link");
    fs::create_dir(dir.join("outdir")).expect("directory");
    for (target, kind) in [
        ("fifo", "a FIFO"),
        ("to-fifo", "a FIFO"),
        ("outdir", "a directory"),
        ("outdir/", "a directory"),
    ] {
        let message = refused(&run(&dir, &["generate", "in.csv", "-o", target]));
        assert!(
            message.contains(&format!("is {kind}, not a regular file")),
            "{message}"
        );
    }
    assert!(is_fifo(&dir.join("fifo")));
    // A device node is made only by root; elsewhere the case says it is skipped.
    let device = dir.join("null");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .output();
    if made.is_ok_and(|m| m.status.success()) {
        let message = refused(&run(&dir, &["generate", "in.csv", "-o", "null"]));
        assert!(message.contains("is a character device"), "{message}");
        assert!(fs::symlink_metadata(&device).is_ok_and(|m| m.file_type().is_char_device()));
    } else {
        eprintln!("skipped: mknod needs root; the device-node case did not run");
    }
}

#[test]
fn fifos_and_endless_files_as_inputs_are_refused_at_once() {
    let dir = scratch("hostile-inputs");
    fs::write(dir.join("page.rst"), PAGE).expect("page");
    mkfifo(&dir.join("fifo.rst"));
    mkfifo(&dir.join("fifo.csv"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.rst")).expect("link");
    for (args, kind) in [
        (&["import", "fifo.rst"][..], "a FIFO"),
        (&["diff", "obs", "fifo.rst"], "a FIFO"),
        (&["import", "page.rst", "--fixes", "fifo.csv"], "a FIFO"),
        (&["import", "page.rst", "--extra", "fifo.csv"], "a FIFO"),
        (&["check", "fifo.csv"], "not a regular file"),
        (&["import", "zero.rst"], "a character device"),
        (
            &["import", "page.rst", "--fixes", "/dev/zero"],
            "a character device",
        ),
    ] {
        let message = refused(&run(&dir, args));
        assert!(message.contains(kind), "{args:?}: {message}");
    }
}

#[test]
fn inputs_over_the_table_bound_are_refused() {
    let dir = scratch("hostile-large");
    let page = dir.join("large.rst");
    let file = fs::File::create(&page).expect("page");
    // Sparse: the bound is checked while reading, whatever the disk holds.
    file.set_len(64 * 1024 * 1024 + 1).expect("length");
    let message = refused(&run(&dir, &["import", "large.rst"]));
    assert!(
        message.contains("the file is larger than 67108864 bytes"),
        "{message}"
    );
}

/// A table whose description holds an escape sequence and a bidi override.
const HOSTILE_TABLE: &str = "code,http_status,description\nA,400,x\u{1b}[2Jy\u{202e}z\n";

#[test]
fn list_escapes_its_table_and_keeps_csv_byte_for_byte() {
    let dir = scratch("hostile-list");
    fs::write(dir.join("t.csv"), HOSTILE_TABLE).expect("table");
    let table = stdout(&run(&dir, &["list", "--table", "t.csv"]));
    assert!(table.contains("x\\u{1b}[2Jy\\u{202e}z"), "{table}");
    let json = stdout(&run(
        &dir,
        &["list", "--table", "t.csv", "--format", "json"],
    ));
    assert!(json.contains("x\\u001b[2Jy\\u202ez"), "{json}");
    for text in [&table, &json] {
        assert!(!text.contains(['\u{1b}', '\u{202e}']), "{text:?}");
    }
    let csv = run(&dir, &["list", "--table", "t.csv", "--format", "csv"]);
    assert_eq!(csv.stdout, HOSTILE_TABLE.as_bytes());
}

#[test]
fn check_prints_the_compilers_text_and_file_names_cannot_forge_lines() {
    let dir = scratch("hostile-check");
    fs::write(
        dir.join("nul.csv"),
        "co\0de,http_status,description\nA,400,x\n",
    )
    .expect("table");
    let message = refused(&run(&dir, &["check", "nul.csv"]));
    // rustc shows NUL as U+2400 in a message.
    assert!(
        message.contains("unknown column `co\u{2400}de`"),
        "{message}"
    );
    assert!(!message.contains('\0'), "{message:?}");
    let message = refused(&run(&dir, &["check", "a\nerror: forged.csv"]));
    assert!(
        message.lines().all(|l| !l.starts_with("error: forged")),
        "{message}"
    );
    let message = refused(&run(&dir, &["check", "\u{1b}[31m.csv"]));
    assert!(!message.contains('\u{1b}'), "{message:?}");
}

#[test]
fn messages_name_what_is_wrong_where_it_starts() {
    let dir = scratch("hostile-messages");
    let table = "code,http_status,description,solution\n\n\n\n\n\n\"Multi\nline\",404\n";
    fs::write(dir.join("few.csv"), table).expect("table");
    let message = refused(&run(&dir, &["check", "few.csv"]));
    assert!(
        message.starts_with(
            "error: few.csv:7:1: this record has 2 fields but the header has 4: no `description`, `solution`"
        ),
        "{message}"
    );
    let message = refused(&run(&dir, &["check", "missing.csv"]));
    assert!(
        message.contains("a relative path is resolved against the current directory")
            && !message.contains("CARGO_MANIFEST_DIR"),
        "{message}"
    );
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.csv");
    let output = obs_codes_in(&dir, &[std::ffi::OsStr::new("check"), name], b"");
    let message = refused(&output);
    assert!(
        message.contains("<SOURCE>...: `bad\u{fffd}.csv` is not UTF-8"),
        "{message}"
    );
}

#[test]
fn list_filters_say_when_nothing_matches_and_check_reads_standard_input() {
    let dir = scratch("hostile-gaps");
    fs::write(
        dir.join("t.csv"),
        "code,http_status,description\nA,N/A,x\nB,400,y\n",
    )
    .expect("t");
    let listed = run(&dir, &["list", "--table", "t.csv", "--status", "N/A"]);
    let text = stdout(&listed);
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(codes, ["A"], "{text}");
    let none = run(&dir, &["list", "--table", "t.csv", "--status", "418"]);
    assert_eq!(none.status.code(), Some(0));
    assert_eq!(
        stderr(&none),
        "note: no code matches the filter (of 2 codes)\n"
    );
    let checked = obs_codes_in(&dir, &["check", "-"], TABLE.as_bytes());
    assert_eq!(
        (checked.status.code(), stdout(&checked)),
        (Some(0), "-: 1 codes, no problems\n".to_owned())
    );
    let bad = obs_codes_in(
        &dir,
        &["check", "-"],
        b"code,http_statux,description\nA,400,x\n",
    );
    assert!(refused(&bad).starts_with("error: <stdin>:1:6: unknown column `http_statux`"));
}

#[test]
fn a_header_of_100000_columns_is_checked_without_hanging() {
    let dir = scratch("hostile-wide");
    let columns: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let mut text = format!("code,http_status,description,{}", columns.join(","));
    text.push_str("\nA,400,x");
    text.push_str(&",".repeat(100_000));
    text.push('\n');
    fs::write(dir.join("wide.csv"), text).expect("table");
    let message = refused(&run(&dir, &["check", "wide.csv"]));
    assert!(
        message.starts_with("error: wide.csv:1:30: unknown column `c0`"),
        "{message}"
    );
    assert!(message.contains("99950 more problems"), "{message}");
}

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
