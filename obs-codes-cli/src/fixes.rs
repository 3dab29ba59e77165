//! The deliberate differences between a table and its page, kept as data.
//!
//! A fixes file is CSV (`#` comments), read by the generator's CSV reader, with the
//! header `documented,code,aliases,retryable`: `documented` is the code as the page
//! writes it; `code` the wire code that replaces it (empty: unchanged); `aliases` and
//! `retryable` the values for those columns, in the table format (the generator's
//! rules: `|`-separated aliases, `true`/`false`/empty). Every fix must match a code of
//! the page, so a fix that the vendor's page has made unnecessary is reported instead
//! of silently dropped. What the fixed rows become is checked with the table (a code
//! or alias named twice is the generator's error, located at the fix).

use crate::diagnostic::at;
use obs_codes_gen::table::{self, Cell, Column};
use obs_codes_gen::{Problems, Row};

/// One fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The code as the page writes it, and where the fix says so.
    pub documented: Cell,
    /// The wire code that replaces it, if any.
    pub code: Option<Cell>,
    /// The aliases to set.
    pub aliases: Vec<Cell>,
    /// The retry flag to set (`None`: the status rule).
    pub retryable: Option<bool>,
}

/// The columns of a fixes file: `documented`, then table columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixColumn {
    Documented,
    Table(Column),
}

/// The header names of a fixes file, as messages list them.
const HEADER: &str = "documented,code,aliases,retryable";

fn fix_column(name: &str) -> Option<FixColumn> {
    if name.trim().eq_ignore_ascii_case("documented") {
        return Some(FixColumn::Documented);
    }
    Column::from_header(name)
        .filter(|c| matches!(c, Column::Code | Column::Aliases | Column::Retryable))
        .map(FixColumn::Table)
}

/// Reads a fixes file, reporting every problem found.
pub fn read(file: &str, text: &str) -> Result<Vec<Fix>, Problems> {
    let mut problems = Problems::default();
    let records = table::records(file, text, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some((header, rows)) = records.split_first() else {
        problems
            .at(at(file, 1, 1), "the fixes file has no header row")
            .hint(format!("start with `{HEADER}`"));
        return Err(problems);
    };
    let mut columns = Vec::new();
    for field in &header.fields {
        match fix_column(&field.value) {
            Some(column) if columns.contains(&column) => {
                problems.at(
                    field.at.clone(),
                    format!("column `{}` appears twice", field.value),
                );
            }
            Some(column) => columns.push(column),
            None => {
                problems
                    .at(
                        field.at.clone(),
                        format!("unknown column `{}`", field.value),
                    )
                    .hint(format!("the columns of a fixes file are {HEADER}"));
            }
        }
    }
    if !columns.contains(&FixColumn::Documented) {
        let first = header
            .fields
            .first()
            .map_or_else(|| at(file, 1, 1), |f| f.at.clone());
        problems
            .at(first, "the header has no `documented` column")
            .hint(format!("the columns of a fixes file are {HEADER}"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut fixes: Vec<Fix> = Vec::new();
    for record in rows {
        if record.fields.len() != columns.len() {
            let location = record
                .fields
                .get(columns.len())
                .map_or_else(|| record.end.clone(), |f| f.at.clone());
            problems.at(
                location,
                format!(
                    "this record has {} fields but the header has {}",
                    record.fields.len(),
                    columns.len()
                ),
            );
            continue;
        }
        let cell = |wanted: FixColumn| {
            columns
                .iter()
                .position(|&c| c == wanted)
                .and_then(|i| record.fields.get(i))
        };
        let Some(documented) = cell(FixColumn::Documented) else {
            continue;
        };
        let documented = Cell {
            value: documented.value.trim().to_owned(),
            at: documented.at.clone(),
        };
        if documented.value.is_empty() {
            problems.at(documented.at.clone(), "empty `documented` code");
        }
        if let Some(earlier) = fixes
            .iter()
            .find(|f| f.documented.value == documented.value)
        {
            problems.at(
                documented.at.clone(),
                format!(
                    "a second fix for `{}` (the first is on line {})",
                    documented.value, earlier.documented.at.line
                ),
            );
        }
        let code = cell(FixColumn::Table(Column::Code))
            .filter(|c| !c.value.trim().is_empty())
            .map(|c| Cell {
                value: c.value.trim().to_owned(),
                at: c.at.clone(),
            });
        let aliases = cell(FixColumn::Table(Column::Aliases))
            .map(|c| table::split_aliases(c, &mut problems))
            .unwrap_or_default();
        let retryable = cell(FixColumn::Table(Column::Retryable))
            .and_then(|c| table::parse_flag(c, Column::Retryable, &mut problems));
        fixes.push(Fix {
            documented,
            code,
            aliases,
            retryable,
        });
    }
    if problems.is_empty() {
        Ok(fixes)
    } else {
        Err(problems)
    }
}

/// Applies the fixes to a page's rows: a fixed code is located at the fix, so that the
/// table's checks point there. A fix that matches no code is an error at the fix.
pub fn apply(rows: &mut [Row], fixes: &[Fix]) -> Result<(), Problems> {
    let mut problems = Problems::default();
    for fix in fixes {
        let documented = &fix.documented.value;
        let Some(row) = rows.iter_mut().find(|r| r.code.value == *documented) else {
            problems
                .at(
                    fix.documented.at.clone(),
                    format!("the fix for `{documented}` matches no code of the page"),
                )
                .hint("the page may have changed: update or remove the fix");
            continue;
        };
        if let Some(code) = &fix.code {
            row.code = code.clone();
        }
        row.aliases.clone_from(&fix.aliases);
        row.retryable = fix.retryable;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// True when a fix names `code` (as documented or as its wire code).
pub fn mentions(fixes: &[Fix], code: &str) -> bool {
    fixes
        .iter()
        .any(|f| f.documented.value == code || f.code.as_ref().is_some_and(|c| c.value == code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, line: usize) -> Row {
        Row {
            code: Cell {
                value: code.into(),
                at: at("p.rst", line, 3),
            },
            variant: None,
            aliases: Vec::new(),
            status: None,
            retryable: None,
            description: "x".into(),
            solution: None,
            is_override: false,
            source: None,
            complete: true,
        }
    }

    fn fixes(text: &str) -> Vec<Fix> {
        read("f.csv", text).unwrap_or_else(|p| panic!("{:?}", p.messages()))
    }

    #[test]
    fn applies_codes_aliases_and_flags() {
        let mut rows = vec![row("Key Too Long", 1), row("Slow", 2), row("Same", 3)];
        let list = fixes(
            "# comment\ndocumented,code,aliases,retryable\n\
             Key Too Long,KeyTooLong,,\nSlow,,SlowDown|Slower,true\nSame,,,false\n",
        );
        assert!(apply(&mut rows, &list).is_ok());
        let result: Vec<(&str, String, Vec<&str>, Option<bool>)> = rows
            .iter()
            .map(|r| {
                (
                    r.code.value.as_str(),
                    r.code.at.to_string(),
                    r.aliases.iter().map(|a| a.value.as_str()).collect(),
                    r.retryable,
                )
            })
            .collect();
        assert_eq!(
            result,
            [
                ("KeyTooLong", "f.csv:3:14".to_owned(), vec![], None),
                (
                    "Slow",
                    "p.rst:2:3".to_owned(),
                    vec!["SlowDown", "Slower"],
                    Some(true)
                ),
                ("Same", "p.rst:3:3".to_owned(), vec![], Some(false)),
            ]
        );
        // Aliases are located in the fixes file, as the table reader locates them.
        assert_eq!(rows[1].aliases[1].at.to_string(), "f.csv:4:16");
        assert!(mentions(&list, "KeyTooLong") && mentions(&list, "Slow"));
        assert!(!mentions(&list, "Other"));
    }

    #[test]
    fn a_stale_fix_is_an_error_at_the_fix() {
        let mut rows = vec![row("A", 1)];
        let list = fixes("documented,code,aliases,retryable\nGone,G,,\n");
        let problems = apply(&mut rows, &list).err().map(|p| p.messages());
        assert_eq!(
            problems.unwrap_or_default(),
            [
                "f.csv:2:1: the fix for `Gone` matches no code of the page\n  help: the page may have changed: update or remove the fix"
            ]
        );
    }

    /// name, input, expected first message.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "empty",
            "# only\n",
            "f.csv:1:1: the fixes file has no header row",
        ),
        (
            "no documented",
            "code,aliases\nA,B\n",
            "f.csv:1:1: the header has no `documented` column",
        ),
        (
            "unknown column",
            "documented,colour\nA,red\n",
            "f.csv:1:12: unknown column `colour`",
        ),
        (
            "flag",
            "documented,retryable\nA,maybe\n",
            "f.csv:2:3: `maybe` is not a valid `retryable` value\n  help: write `true`, `false`, or leave the cell empty",
        ),
        (
            "empty alias",
            "documented,aliases\nA,B||C\n",
            "f.csv:2:5: empty alias",
        ),
        (
            "twice",
            "documented,code\nA,B\nA,C\n",
            "f.csv:3:1: a second fix for `A` (the first is on line 2)",
        ),
        (
            "width",
            "documented,code\nA,B,C\n",
            "f.csv:2:5: this record has 3 fields but the header has 2",
        ),
        (
            "unterminated",
            "documented,code\nA,\"B\n",
            "f.csv:2:3: unterminated quoted field",
        ),
    ];

    #[test]
    fn bad_fixes_are_located() {
        for (name, input, expected) in BAD {
            let message = read("f.csv", input)
                .err()
                .and_then(|p| p.messages().into_iter().next())
                .unwrap_or_default();
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }
}
