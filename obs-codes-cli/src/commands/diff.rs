//! `obs-codes diff`: what changes between two tables, code by code, and which changes break users.
//!
//! Rows are matched by wire code. Every column the macro reads is compared: the status
//! (as written), the retry flag (as a client sees it: the `retryable` cell, else the
//! status rule), the description, the solution, the aliases, the source pages, the variant name (given
//! or derived) and `override`. A code that became an alias of another code, or an
//! alias that became a code of its own, is reported as moved, not as removed and
//! added. Breaking changes, those that stop a user's code from compiling or change
//! what `from_code` returns, are marked: a removed code, a move, a removed alias, a
//! renamed variant.

use crate::commands::import::read_fixes;
use crate::commands::{EXIT_NEGATIVE, Outcome, Stream};
use crate::diagnostic::Error;
use crate::escape;
use crate::import::{self, is_page, merge};
use crate::inputs;
use obs_codes_gen::Entry;
use obs_codes_gen::Loaded;
use obs_codes_gen::Problems;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// A code of a table, with the cells that are not in its catalog entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The checked entry.
    pub entry: Entry,
    /// The row's `override` cell.
    pub is_override: bool,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// `status`, `retryable`, `description`, `solution`, `aliases`, `source`,
    /// `variant` or `override`.
    pub field: &'static str,
    /// The old value as shown.
    pub old: String,
    /// The new value as shown.
    pub new: String,
    /// True when the change breaks users of the enum.
    pub breaking: bool,
}

/// A code present in both tables with different fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<'a> {
    /// The code in the new table.
    pub code: &'a Code,
    /// What differs.
    pub fields: Vec<FieldChange>,
}

/// A wire string that moved between being a code and being an alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move<'a> {
    /// A code of the old table is an alias of `owner` in the new one.
    ToAlias {
        /// The old code.
        code: &'a Code,
        /// The new code it is an alias of.
        owner: &'a Code,
    },
    /// An alias of `owner` in the old table is a code of its own in the new one.
    ToCode {
        /// The new code.
        code: &'a Code,
        /// The old code it was an alias of.
        owner: &'a Code,
    },
}

/// The differences between two tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff<'a> {
    /// Codes only in the new table, in its order.
    pub added: Vec<&'a Code>,
    /// Codes only in the old table, in its order.
    pub removed: Vec<&'a Code>,
    /// Codes that became aliases (old table order), then aliases that became codes
    /// (new table order).
    pub moved: Vec<Move<'a>>,
    /// Codes in both that differ, in the new table's order.
    pub changed: Vec<Change<'a>>,
    /// How many codes are in both and the same.
    pub unchanged: usize,
}

impl Diff<'_> {
    /// True when the tables hold the same codes with the same fields.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
    }

    /// How many of the differences break users: every removed code, every move, and
    /// every changed code with a breaking field.
    pub fn breaking(&self) -> usize {
        self.removed.len()
            + self.moved.len()
            + self
                .changed
                .iter()
                .filter(|c| c.fields.iter().any(|f| f.breaking))
                .count()
    }
}

/// Codes by wire code, and the code each alias belongs to.
struct Index<'a> {
    codes: HashMap<&'a str, &'a Code>,
    alias_owners: HashMap<&'a str, &'a Code>,
}

impl<'a> Index<'a> {
    fn new(codes: &'a [Code]) -> Self {
        Index {
            codes: codes.iter().map(|c| (c.entry.code.as_str(), c)).collect(),
            alias_owners: codes
                .iter()
                .flat_map(|c| c.entry.aliases.iter().map(move |a| (a.as_str(), c)))
                .collect(),
        }
    }
}

/// Compares `old` with `new`.
pub fn compare<'a>(old: &'a [Code], new: &'a [Code]) -> Diff<'a> {
    let before = Index::new(old);
    let after = Index::new(new);
    let mut diff = Diff {
        added: Vec::new(),
        removed: Vec::new(),
        moved: Vec::new(),
        changed: Vec::new(),
        unchanged: 0,
    };
    for code in old {
        let wire = code.entry.code.as_str();
        if after.codes.contains_key(wire) {
            continue;
        }
        match after.alias_owners.get(wire) {
            Some(owner) => diff.moved.push(Move::ToAlias { code, owner }),
            None => diff.removed.push(code),
        }
    }
    for code in new {
        let wire = code.entry.code.as_str();
        let Some(earlier) = before.codes.get(wire) else {
            match before.alias_owners.get(wire) {
                Some(owner) => diff.moved.push(Move::ToCode { code, owner }),
                None => diff.added.push(code),
            }
            continue;
        };
        let fields = field_changes(earlier, code, &after);
        if fields.is_empty() {
            diff.unchanged += 1;
        } else {
            diff.changed.push(Change { code, fields });
        }
    }
    diff
}

fn field_changes(old: &Code, new: &Code, after: &Index<'_>) -> Vec<FieldChange> {
    let (a, b) = (&old.entry, &new.entry);
    let solution = |e: &Entry| optional(e.solution.as_ref());
    let aliases = |e: &Entry| {
        if e.aliases.is_empty() {
            "(none)".to_owned()
        } else {
            e.aliases.join("|")
        }
    };
    // An alias that is gone breaks `from_code` for it, unless it is now a code of its
    // own: that is reported as a move.
    let alias_removed = a
        .aliases
        .iter()
        .any(|alias| !b.aliases.contains(alias) && !after.codes.contains_key(alias.as_str()));
    let pairs = [
        ("status", status(a), status(b), false),
        ("retryable", yes_no(a.retryable), yes_no(b.retryable), false),
        (
            "description",
            a.description.clone(),
            b.description.clone(),
            false,
        ),
        ("solution", solution(a), solution(b), false),
        ("aliases", aliases(a), aliases(b), alias_removed),
        (
            "source",
            optional(a.source.as_ref()),
            optional(b.source.as_ref()),
            false,
        ),
        ("variant", a.variant.clone(), b.variant.clone(), true),
        (
            "override",
            yes_no(old.is_override),
            yes_no(new.is_override),
            false,
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new, _)| old != new)
        .map(|(field, old, new, breaking)| FieldChange {
            field,
            old,
            new,
            breaking,
        })
        .collect()
}

/// An optional text as shown: `(none)` when absent.
fn optional(text: Option<&String>) -> String {
    text.cloned().unwrap_or_else(|| "(none)".to_owned())
}

fn status(entry: &Entry) -> String {
    entry
        .status
        .as_ref()
        .map_or_else(|| "N/A".to_owned(), ToString::to_string)
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

/// ` (breaking)` after what breaks users.
fn mark(breaking: bool) -> &'static str {
    if breaking { " (breaking)" } else { "" }
}

/// The diff as text: a heading per table, then added, removed, moved and changed codes,
/// then a one-line summary.
pub fn render(diff: &Diff<'_>, old: (&str, usize), new: (&str, usize)) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {} ({} codes)", old.0, old.1);
    let _ = writeln!(out, "+++ {} ({} codes)", new.0, new.1);
    if !diff.added.is_empty() {
        let _ = writeln!(out, "\nadded ({}):", diff.added.len());
        for code in &diff.added {
            describe(&mut out, '+', code, false);
        }
    }
    if !diff.removed.is_empty() {
        let _ = writeln!(out, "\nremoved ({}):", diff.removed.len());
        for code in &diff.removed {
            describe(&mut out, '-', code, true);
        }
    }
    if !diff.moved.is_empty() {
        let _ = writeln!(out, "\nmoved ({}):", diff.moved.len());
        for moved in &diff.moved {
            let _ = match moved {
                Move::ToAlias { code, owner } => writeln!(
                    out,
                    "  > {}: now an alias of {} (variant {} removed){}",
                    code.entry.code,
                    owner.entry.code,
                    code.entry.variant,
                    mark(true)
                ),
                Move::ToCode { code, owner } => writeln!(
                    out,
                    "  < {}: was an alias of {}, now a code of its own (variant {}){}",
                    code.entry.code,
                    owner.entry.code,
                    code.entry.variant,
                    mark(true)
                ),
            };
        }
    }
    if !diff.changed.is_empty() {
        let _ = writeln!(out, "\nchanged ({}):", diff.changed.len());
        for change in &diff.changed {
            let _ = writeln!(out, "  ~ {}", change.code.entry.code);
            for field in &change.fields {
                if field.old.contains('\n')
                    || field.new.contains('\n')
                    || field.old.len() + field.new.len() > 60
                {
                    let _ = writeln!(out, "      {}:{}", field.field, mark(field.breaking));
                    for (sign, value) in [('-', &field.old), ('+', &field.new)] {
                        for line in value.lines() {
                            let _ =
                                writeln!(out, "        {}", format!("{sign} {line}").trim_end());
                        }
                    }
                } else {
                    let _ = writeln!(
                        out,
                        "      {}: {} -> {}{}",
                        field.field,
                        field.old,
                        field.new,
                        mark(field.breaking)
                    );
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} added, {} removed, {} moved, {} changed, {} unchanged; {} breaking",
        diff.added.len(),
        diff.removed.len(),
        diff.moved.len(),
        diff.changed.len(),
        diff.unchanged,
        diff.breaking()
    );
    // Names and cells from the tables, escaped: they cannot drive the terminal.
    escape::lines(&out)
}

fn describe(out: &mut String, sign: char, code: &Code, breaking: bool) {
    let entry = &code.entry;
    let retry = if entry.retryable {
        "retryable"
    } else {
        "not retryable"
    };
    let _ = writeln!(
        out,
        "  {sign} {}: {}, {retry}{}",
        entry.code,
        status(entry),
        mark(breaking)
    );
    for line in entry.description.lines() {
        let _ = writeln!(out, "      {line}");
    }
}

/// One side of a diff: its codes, and the warnings of importing it.
struct Side {
    codes: Vec<Code>,
    warnings: String,
}

/// A table's codes, each with its row's `override` cell.
fn codes_of(loaded: &Loaded) -> Vec<Code> {
    let overrides: std::collections::HashSet<&str> = loaded
        .tables
        .iter()
        .flatten()
        .flat_map(|t| &t.rows)
        .filter(|r| r.is_override)
        .map(|r| r.code.value.as_str())
        .collect();
    loaded
        .catalog
        .entries
        .iter()
        .map(|entry| Code {
            is_override: overrides.contains(entry.code.as_str()),
            entry: entry.clone(),
        })
        .collect()
}

/// Compares `old` with `new` (tables, or pages imported with `fixes` first).
///
/// # Errors
///
/// `--fixes` without a page, or an input that cannot be read or has problems (both
/// sides are read first, so that every problem is reported at once).
pub fn run(old: &str, new: &str, fixes: Option<&Path>, exit_code: bool) -> Result<Outcome, Error> {
    if fixes.is_some() && !is_page(Path::new(old)) && !is_page(Path::new(new)) {
        return Err(Error::Usage(
            "--fixes applies to an upstream page (.rst), and neither table is one".to_owned(),
        ));
    }
    let mut fixes_problems = Problems::default();
    let fixes = fixes.and_then(|path| read_fixes(path, &mut fixes_problems));
    if !fixes_problems.is_empty() {
        return Err(Error::Invalid(fixes_problems));
    }
    let load = |arg: &str| -> Result<Side, Error> {
        if is_page(Path::new(arg)) {
            let pages = [PathBuf::from(arg)];
            let request = import::Request {
                pages: &pages,
                fixes: fixes.as_deref(),
                curated: None,
                strictness: merge::Strictness::Present,
            };
            let mut problems = Problems::default();
            let imported =
                import::import(request, &mut problems).ok_or(Error::Invalid(problems))?;
            let codes = imported
                .catalog
                .entries
                .into_iter()
                .map(|entry| Code {
                    entry,
                    is_override: false,
                })
                .collect();
            Ok(Side {
                codes,
                warnings: imported.warnings,
            })
        } else {
            let loaded = inputs::load(&[arg.to_owned()])?;
            Ok(Side {
                codes: codes_of(&loaded),
                warnings: String::new(),
            })
        }
    };
    // Read both before failing, so that every problem is reported at once.
    let (before, after) = match (load(old), load(new)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(a), Err(b)) => return Err(a.join(b)),
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let changes = compare(&before.codes, &after.codes);
    let text = render(
        &changes,
        (old, before.codes.len()),
        (new, after.codes.len()),
    );
    let code = if exit_code && !changes.is_empty() {
        EXIT_NEGATIVE
    } else {
        0
    };
    Ok(Outcome::default()
        .then(Stream::Stderr, before.warnings + &after.warnings)
        .then(Stream::Stdout, text)
        .with_code(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes of a table in the macro's format.
    fn codes(text: &str) -> Vec<Code> {
        let obs_codes_gen::Loaded {
            catalog, problems, ..
        } = obs_codes_gen::load_bytes(&[("t.csv", text.as_bytes())]);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        catalog
            .entries
            .into_iter()
            .map(|entry| Code {
                entry,
                is_override: false,
            })
            .collect()
    }

    const HEAD: &str = "code,http_status,retryable,aliases,variant,description\n";

    #[test]
    fn added_removed_changed_unchanged() {
        let old = codes(&format!(
            "{HEAD}Same,404 Not Found,,,,Same.\nGone,400 Bad Request,,,,Gone.\n\
             Status,400 Bad Request,,,,Status.\nFlag,400 Bad Request,,,,Flag.\n"
        ));
        let new = codes(&format!(
            "{HEAD}New,503 Service Unavailable,,,,New.\nStatus,408 Request Timeout,,,,\"Status, longer.\"\n\
             Flag,400 Bad Request,true,,,Flag.\nSame,404 Not Found,,,,Same.\n"
        ));
        let diff = compare(&old, &new);
        assert_eq!(
            render(&diff, ("old.csv", 4), ("new.csv", 4)),
            "--- old.csv (4 codes)\n+++ new.csv (4 codes)\n\
             \nadded (1):\n  + New: 503 Service Unavailable, retryable\n      New.\n\
             \nremoved (1):\n  - Gone: 400 Bad Request, not retryable (breaking)\n      Gone.\n\
             \nchanged (2):\n  ~ Status\n      status: 400 Bad Request -> 408 Request Timeout\n\
             \x20     retryable: no -> yes\n      description: Status. -> Status, longer.\n\
             \x20 ~ Flag\n      retryable: no -> yes\n\
             \n1 added, 1 removed, 0 moved, 2 changed, 1 unchanged; 1 breaking\n"
        );
    }

    #[test]
    fn a_renamed_variant_and_a_removed_alias_break_users() {
        let old = codes(&format!("{HEAD}A,400,,A1|A2,,x\nB,400,,,,y\nC,400,,,,z\n"));
        let new = codes(&format!("{HEAD}A,400,,A1,,x\nB,400,,,Bee,y\nC,400,,,C,z\n"));
        let diff = compare(&old, &new);
        let text = render(&diff, ("a", 3), ("b", 3));
        assert!(
            text.contains(
                "  ~ A\n      aliases: A1|A2 -> A1 (breaking)\n  ~ B\n      variant: B -> Bee (breaking)\n"
            ),
            "{text}"
        );
        // An explicit variant equal to the derived one is no change.
        assert_eq!(diff.unchanged, 1);
        assert!(
            text.ends_with("0 moved, 2 changed, 1 unchanged; 2 breaking\n"),
            "{text}"
        );
    }

    #[test]
    fn codes_that_become_aliases_and_back_are_moves() {
        let old = codes(&format!("{HEAD}A,400,,,,x\nB,400,,,,y\nC,400,,D,,z\n"));
        let new = codes(&format!("{HEAD}A,400,,B,,x\nC,400,,,,z\nD,400,,,,w\n"));
        let diff = compare(&old, &new);
        let text = render(&diff, ("a", 3), ("b", 3));
        assert!(
            text.contains(
                "\nmoved (2):\n  > B: now an alias of A (variant B removed) (breaking)\n\
                 \x20 < D: was an alias of C, now a code of its own (variant D) (breaking)\n"
            ),
            "{text}"
        );
        // A's new alias is a change that breaks nothing; C's alias is reported as moved.
        assert!(
            text.contains("  ~ A\n      aliases: (none) -> B\n"),
            "{text}"
        );
        assert!(
            text.contains("  ~ C\n      aliases: D -> (none)\n"),
            "{text}"
        );
        assert!(!text.contains("removed ("), "{text}");
        assert!(
            text.ends_with("0 added, 0 removed, 2 moved, 2 changed, 0 unchanged; 2 breaking\n"),
            "{text}"
        );
    }

    #[test]
    fn an_explicit_flag_equal_to_the_rule_is_no_change() {
        let old = codes(&format!("{HEAD}A,503,,,,x\n"));
        let new = codes(&format!("{HEAD}A,503,true,,,x\n"));
        let diff = compare(&old, &new);
        assert!(diff.is_empty());
        assert_eq!(diff.unchanged, 1);
    }

    #[test]
    fn an_override_flag_is_compared() {
        let old = codes(&format!("{HEAD}A,503,,,,x\n"));
        let mut new = old.clone();
        new[0].is_override = true;
        let diff = compare(&old, &new);
        assert_eq!(diff.changed[0].fields[0].field, "override");
        assert_eq!(diff.breaking(), 0);
    }

    #[test]
    fn long_and_multi_line_values_are_shown_line_by_line() {
        let old = codes(&format!("{HEAD}A,400,,,,\"One.\n\nTwo.\"\n"));
        let new = codes(&format!("{HEAD}A,400,,,,One.\n"));
        let diff = compare(&old, &new);
        let text = render(&diff, ("a", 1), ("b", 1));
        assert!(
            text.contains(
                "      description:\n        - One.\n        -\n        - Two.\n        + One.\n"
            ),
            "{text}"
        );
    }
}
