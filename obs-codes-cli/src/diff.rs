//! What changes between two tables, code by code.
//!
//! Rows are matched by wire code. A code is changed when its status (as written), its
//! retry flag (as a client sees it: the `retryable` cell, else the status rule), its
//! description, its solution or its aliases differ.

use crate::table::Entry;
use std::collections::HashMap;
use std::fmt::Write;

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// `status`, `retryable`, `description`, `solution` or `aliases`.
    pub field: &'static str,
    /// The old value as shown.
    pub old: String,
    /// The new value as shown.
    pub new: String,
}

/// A code present in both tables with different fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<'a> {
    /// The code in the new table.
    pub entry: &'a Entry,
    /// What differs.
    pub fields: Vec<FieldChange>,
}

/// The differences between two tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff<'a> {
    /// Codes only in the new table, in its order.
    pub added: Vec<&'a Entry>,
    /// Codes only in the old table, in its order.
    pub removed: Vec<&'a Entry>,
    /// Codes in both that differ, in the new table's order.
    pub changed: Vec<Change<'a>>,
    /// How many codes are in both and the same.
    pub unchanged: usize,
}

impl Diff<'_> {
    /// True when the tables hold the same codes with the same fields.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares `old` with `new`.
pub fn compare<'a>(old: &'a [Entry], new: &'a [Entry]) -> Diff<'a> {
    let old_by_code: HashMap<&str, &Entry> = old.iter().map(|e| (e.code.as_str(), e)).collect();
    let new_by_code: HashMap<&str, &Entry> = new.iter().map(|e| (e.code.as_str(), e)).collect();
    let mut diff = Diff {
        added: Vec::new(),
        removed: old
            .iter()
            .filter(|e| !new_by_code.contains_key(e.code.as_str()))
            .collect(),
        changed: Vec::new(),
        unchanged: 0,
    };
    for entry in new {
        let Some(before) = old_by_code.get(entry.code.as_str()) else {
            diff.added.push(entry);
            continue;
        };
        let fields = field_changes(before, entry);
        if fields.is_empty() {
            diff.unchanged += 1;
        } else {
            diff.changed.push(Change { entry, fields });
        }
    }
    diff
}

fn field_changes(old: &Entry, new: &Entry) -> Vec<FieldChange> {
    let solution = |e: &Entry| e.solution.clone().unwrap_or_else(|| "(none)".to_owned());
    let aliases = |e: &Entry| {
        if e.aliases.is_empty() {
            "(none)".to_owned()
        } else {
            e.aliases.join("|")
        }
    };
    let pairs = [
        ("status", old.status.clone(), new.status.clone()),
        (
            "retryable",
            yes_no(old.is_retryable()),
            yes_no(new.is_retryable()),
        ),
        (
            "description",
            old.description.clone(),
            new.description.clone(),
        ),
        ("solution", solution(old), solution(new)),
        ("aliases", aliases(old), aliases(new)),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

/// The diff as text: a heading per table, then added, removed and changed codes, then
/// a one-line summary.
pub fn render(diff: &Diff<'_>, old: (&str, usize), new: (&str, usize)) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {} ({} codes)", old.0, old.1);
    let _ = writeln!(out, "+++ {} ({} codes)", new.0, new.1);
    if !diff.added.is_empty() {
        let _ = writeln!(out, "\nadded ({}):", diff.added.len());
        for entry in &diff.added {
            describe(&mut out, '+', entry);
        }
    }
    if !diff.removed.is_empty() {
        let _ = writeln!(out, "\nremoved ({}):", diff.removed.len());
        for entry in &diff.removed {
            describe(&mut out, '-', entry);
        }
    }
    if !diff.changed.is_empty() {
        let _ = writeln!(out, "\nchanged ({}):", diff.changed.len());
        for change in &diff.changed {
            let _ = writeln!(out, "  ~ {}", change.entry.code);
            for field in &change.fields {
                if field.old.contains('\n')
                    || field.new.contains('\n')
                    || field.old.len() + field.new.len() > 60
                {
                    let _ = writeln!(out, "      {}:", field.field);
                    for (sign, value) in [('-', &field.old), ('+', &field.new)] {
                        for line in value.lines() {
                            let _ =
                                writeln!(out, "        {}", format!("{sign} {line}").trim_end());
                        }
                    }
                } else {
                    let _ = writeln!(out, "      {}: {} -> {}", field.field, field.old, field.new);
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} added, {} removed, {} changed, {} unchanged",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.unchanged
    );
    out
}

fn describe(out: &mut String, sign: char, entry: &Entry) {
    let retry = if entry.is_retryable() {
        "retryable"
    } else {
        "not retryable"
    };
    let _ = writeln!(out, "  {sign} {}: {}, {retry}", entry.code, entry.status);
    for line in entry.description.lines() {
        let _ = writeln!(out, "      {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::located::Location;

    fn entry(code: &str, status: &str, description: &str) -> Entry {
        Entry {
            code: code.into(),
            status: status.into(),
            retryable: None,
            aliases: Vec::new(),
            description: description.into(),
            solution: None,
            at: Location::new("t", 1, 1),
        }
    }

    #[test]
    fn added_removed_changed_unchanged() {
        let old = [
            entry("Same", "404 Not Found", "Same."),
            entry("Gone", "400 Bad Request", "Gone."),
            entry("Status", "400 Bad Request", "Status."),
            entry("Flag", "400 Bad Request", "Flag."),
        ];
        let mut flag = entry("Flag", "400 Bad Request", "Flag.");
        flag.retryable = Some(true);
        let new = [
            entry("New", "503 Service Unavailable", "New."),
            entry("Status", "408 Request Timeout", "Status, longer."),
            flag,
            entry("Same", "404 Not Found", "Same."),
        ];
        let diff = compare(&old, &new);
        let codes = |entries: &[&Entry]| -> Vec<String> {
            entries.iter().map(|e| e.code.clone()).collect()
        };
        assert_eq!(codes(&diff.added), ["New"]);
        assert_eq!(codes(&diff.removed), ["Gone"]);
        assert_eq!(diff.unchanged, 1);
        let changed: Vec<(&str, Vec<&str>)> = diff
            .changed
            .iter()
            .map(|c| {
                (
                    c.entry.code.as_str(),
                    c.fields.iter().map(|f| f.field).collect(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("Status", vec!["status", "retryable", "description"]),
                ("Flag", vec!["retryable"]),
            ]
        );
        assert_eq!(
            render(&diff, ("old.csv", 4), ("new.csv", 4)),
            "--- old.csv (4 codes)\n+++ new.csv (4 codes)\n\
             \nadded (1):\n  + New: 503 Service Unavailable, retryable\n      New.\n\
             \nremoved (1):\n  - Gone: 400 Bad Request, not retryable\n      Gone.\n\
             \nchanged (2):\n  ~ Status\n      status: 400 Bad Request -> 408 Request Timeout\n\
             \x20     retryable: no -> yes\n      description: Status. -> Status, longer.\n\
             \x20 ~ Flag\n      retryable: no -> yes\n\
             \n1 added, 1 removed, 2 changed, 1 unchanged\n"
        );
    }

    #[test]
    fn an_explicit_flag_equal_to_the_rule_is_no_change() {
        let old = [entry("A", "503", "x")];
        let mut same = entry("A", "503", "x");
        same.retryable = Some(true);
        let diff = compare(&old, std::slice::from_ref(&same));
        assert!(diff.is_empty());
        assert_eq!(diff.unchanged, 1);
    }

    #[test]
    fn long_and_multi_line_values_are_shown_line_by_line() {
        let old = [entry("A", "400", "One.\n\nTwo.")];
        let new = [entry("A", "400", "One.")];
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
