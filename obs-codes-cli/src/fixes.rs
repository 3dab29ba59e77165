//! The deliberate differences between a table and its page, kept as data.
//!
//! A fixes file is CSV (`#` comments) with the header `documented,code,aliases,retryable`:
//! `documented` is the code as the page writes it; `code` the wire code that replaces
//! it (empty: unchanged); `aliases` and `retryable` the values for those columns.
//! Every fix must match a code of the page, so a fix that the vendor's page has made
//! unnecessary is reported instead of silently dropped.

use crate::located::{Location, Problem};
use crate::table::{
    Entry, check_unique, normalize_header, parse_aliases, parse_flag, read_records,
};

/// One fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The code as the page writes it.
    pub documented: String,
    /// The wire code that replaces it, if any.
    pub code: Option<String>,
    /// The aliases to set.
    pub aliases: Vec<String>,
    /// The retry flag to set (`None`: the status rule).
    pub retryable: Option<bool>,
    /// Where the fix's `documented` cell is.
    pub at: Location,
}

/// The columns of a fixes file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Documented,
    Code,
    Aliases,
    Retryable,
}

const COLUMN_NAMES: [(Column, &str); 4] = [
    (Column::Documented, "documented"),
    (Column::Code, "code"),
    (Column::Aliases, "aliases"),
    (Column::Retryable, "retryable"),
];

/// Reads a fixes file, reporting every problem found.
pub fn read(file: &str, text: &str) -> Result<Vec<Fix>, Vec<Problem>> {
    let records = read_records(file, text).map_err(|p| vec![p])?;
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![Problem::new(
            Location::new(file, 1, 1),
            "the fixes file has no header row (`documented,code,aliases,retryable`)",
        )]);
    };
    let mut problems = Vec::new();
    let mut columns = Vec::new();
    for field in &header.fields {
        let normalized = normalize_header(&field.value);
        match COLUMN_NAMES.iter().find(|(_, name)| *name == normalized) {
            Some((column, _)) if columns.contains(column) => problems.push(Problem::new(
                field.at.clone(),
                format!("column `{}` appears twice", field.value),
            )),
            Some((column, _)) => columns.push(*column),
            None => problems.push(Problem::new(
                field.at.clone(),
                format!(
                    "unknown column `{}`: the columns are documented, code, aliases, retryable",
                    field.value
                ),
            )),
        }
    }
    if !columns.contains(&Column::Documented) {
        let at = header
            .fields
            .first()
            .map_or_else(|| Location::new(file, 1, 1), |f| f.at.clone());
        problems.push(Problem::new(at, "the header has no `documented` column"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut fixes: Vec<Fix> = Vec::new();
    for record in rows {
        if let Some(problem) = record.width_problem(columns.len()) {
            problems.push(problem);
            continue;
        }
        let cell = |wanted: Column| {
            columns
                .iter()
                .position(|&c| c == wanted)
                .and_then(|i| record.fields.get(i))
        };
        let Some(documented) = cell(Column::Documented) else {
            continue;
        };
        let mut fix = Fix {
            documented: documented.value.trim().to_owned(),
            code: cell(Column::Code)
                .map(|f| f.value.trim().to_owned())
                .filter(|c| !c.is_empty()),
            aliases: Vec::new(),
            retryable: None,
            at: documented.at.clone(),
        };
        if fix.documented.is_empty() {
            problems.push(Problem::new(fix.at.clone(), "empty `documented` code"));
        }
        if let Some(earlier) = fixes.iter().find(|f| f.documented == fix.documented) {
            problems.push(Problem::new(
                fix.at.clone(),
                format!(
                    "a second fix for `{}` (the first is on line {})",
                    fix.documented, earlier.at.line
                ),
            ));
        }
        if let Some(field) = cell(Column::Aliases) {
            match parse_aliases(&field.value) {
                Ok(aliases) => fix.aliases = aliases,
                Err(message) => problems.push(Problem::new(field.at.clone(), message)),
            }
        }
        if let Some(field) = cell(Column::Retryable) {
            match parse_flag(&field.value) {
                Ok(flag) => fix.retryable = flag,
                Err(message) => problems.push(Problem::new(field.at.clone(), message)),
            }
        }
        fixes.push(fix);
    }
    if problems.is_empty() {
        Ok(fixes)
    } else {
        Err(problems)
    }
}

/// Applies the fixes to a page's rows. A fix that matches no code, or whose result
/// names a code twice, is an error at the fix.
pub fn apply(entries: &mut [Entry], fixes: &[Fix]) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    for fix in fixes {
        let Some(entry) = entries.iter_mut().find(|e| e.code == fix.documented) else {
            problems.push(Problem::new(
                fix.at.clone(),
                format!(
                    "the fix for `{}` matches no code of the page: the page may have changed; update or remove the fix",
                    fix.documented
                ),
            ));
            continue;
        };
        if let Some(code) = &fix.code {
            entry.code.clone_from(code);
        }
        entry.aliases.clone_from(&fix.aliases);
        entry.retryable = fix.retryable;
        entry.at = fix.at.clone();
    }
    if problems.is_empty() {
        check_unique(entries, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|p| (p.at.file.clone(), p.at.line, p.at.column));
        Err(problems)
    }
}

/// True when a fix names `code` (as documented or as its wire code).
pub fn mentions(fixes: &[Fix], code: &str) -> bool {
    fixes
        .iter()
        .any(|f| f.documented == code || f.code.as_deref() == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str, line: usize) -> Entry {
        Entry {
            code: code.into(),
            status: "400".into(),
            retryable: None,
            aliases: Vec::new(),
            description: "x".into(),
            solution: None,
            at: Location::new("p.rst", line, 3),
        }
    }

    fn fixes(text: &str) -> Vec<Fix> {
        read("f.csv", text).unwrap_or_else(|p| panic!("{p:?}"))
    }

    #[test]
    fn applies_codes_aliases_and_flags() {
        let mut entries = vec![entry("Key Too Long", 1), entry("Slow", 2), entry("Same", 3)];
        let list = fixes(
            "# comment\ndocumented,code,aliases,retryable\n\
             Key Too Long,KeyTooLong,,\nSlow,,SlowDown|Slower,true\nSame,,,false\n",
        );
        assert_eq!(apply(&mut entries, &list), Ok(()));
        let result: Vec<(&str, Vec<String>, Option<bool>, usize)> = entries
            .iter()
            .map(|e| (e.code.as_str(), e.aliases.clone(), e.retryable, e.at.line))
            .collect();
        assert_eq!(
            result,
            [
                ("KeyTooLong", vec![], None, 3),
                (
                    "Slow",
                    vec!["SlowDown".into(), "Slower".into()],
                    Some(true),
                    4
                ),
                ("Same", vec![], Some(false), 5),
            ]
        );
        assert!(mentions(&list, "KeyTooLong") && mentions(&list, "Slow"));
        assert!(!mentions(&list, "Other"));
    }

    #[test]
    fn a_stale_fix_is_an_error_at_the_fix() {
        let mut entries = vec![entry("A", 1)];
        let list = fixes("documented,code,aliases,retryable\nGone,G,,\n");
        let problems = apply(&mut entries, &list).err().unwrap_or_default();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "f.csv:2:1: error: the fix for `Gone` matches no code of the page: the page may have changed; update or remove the fix"
            ]
        );
    }

    #[test]
    fn a_fix_that_duplicates_a_code_is_an_error() {
        let mut entries = vec![entry("A", 1), entry("B", 2)];
        let list = fixes("documented,code,aliases,retryable\nB,,A,\n");
        let problems = apply(&mut entries, &list).err().unwrap_or_default();
        assert_eq!(
            problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            "f.csv:2:1: error: `A` appears twice: also at p.rst:1:3 (as a code or alias of `A`)"
        );
    }

    /// name, input, expected first message.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "empty",
            "# only\n",
            "f.csv:1:1: error: the fixes file has no header row",
        ),
        (
            "no documented",
            "code,aliases\nA,B\n",
            "f.csv:1:1: error: the header has no `documented` column",
        ),
        (
            "unknown column",
            "documented,colour\nA,red\n",
            "f.csv:1:12: error: unknown column `colour`",
        ),
        (
            "flag",
            "documented,retryable\nA,maybe\n",
            "f.csv:2:3: error: `maybe` is not a valid `retryable` value",
        ),
        (
            "twice",
            "documented,code\nA,B\nA,C\n",
            "f.csv:3:1: error: a second fix for `A` (the first is on line 2)",
        ),
        (
            "width",
            "documented,code\nA,B,C\n",
            "f.csv:2:5: error: this record has 3 fields but the header has 2",
        ),
    ];

    #[test]
    fn bad_fixes_are_located() {
        for (name, input, expected) in BAD {
            let message = read("f.csv", input)
                .err()
                .and_then(|p| p.first().map(ToString::to_string))
                .unwrap_or_default();
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }
}
