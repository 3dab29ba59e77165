//! The deliberate differences between a table and its pages, kept as data.
//!
//! A fixes file is CSV (`#` comments), read by the generator's CSV reader, with the
//! header `documented,code,aliases,retryable` and, optionally, `http_status`, `source`
//! and `excluded` (any order; each optional column may be left out):
//!
//! - `documented`: the code as a page writes it (or a code of the curated table);
//! - `code`: the wire code that replaces it (empty: unchanged);
//! - `aliases`, `retryable`: the values for those columns, in the table format (the
//!   generator's rules: `|`-separated aliases, `true`/`false`/empty);
//! - `http_status`: a status that replaces the pages' (empty: the first page's), in the
//!   table format; it needs a `source`;
//! - `source`: the pages that support the fix (`;`-separated), added to the row's
//!   `source` cell;
//! - `excluded`: why the code is not an OBS error code (empty: it is one). An excluded
//!   code is left out of the table wherever a page lists it, and takes no other fix.
//!
//! Every fix must match a code of the pages (or of the curated table), so a fix that the
//! vendor's pages have made unnecessary is reported instead of silently dropped. What
//! the fixed rows become is checked with the table (a code or alias named twice is the
//! generator's error, located at the fix).

use obs_codes_gen::{Cell, Column};
use obs_codes_gen::{HttpStatus, Location, Problems};
use std::collections::HashMap;

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
    /// The status that replaces the pages', if any.
    pub status: Option<StatusFix>,
    /// The pages that support the fix, `;`-separated, if any.
    pub source: Option<String>,
    /// Why the code is left out of the table, when it is.
    pub excluded: Option<Cell>,
}

/// A fixed status and where the fix gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFix {
    /// The status (`None`: `N/A`).
    pub status: Option<HttpStatus>,
    /// The fix's `http_status` cell.
    pub at: Location,
}

impl Fix {
    /// The wire code of the fixed row: `code`, or the code as documented.
    pub fn wire_code(&self) -> &str {
        self.code
            .as_ref()
            .map_or(&self.documented.value, |c| &c.value)
    }
}

/// The columns of a fixes file: `documented`, `excluded`, then table columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixColumn {
    Documented,
    Excluded,
    Table(Column),
}

/// The header names of a fixes file, as messages list them.
const HEADER: &str = "documented,code,aliases,retryable";

/// Every column a fixes file may have, for hints.
const COLUMNS: &str = "the columns of a fixes file are documented,code,aliases,retryable and, optionally, http_status, source and excluded";

fn fix_column(name: &str) -> Option<FixColumn> {
    match name.trim().to_ascii_lowercase().as_str() {
        "documented" => return Some(FixColumn::Documented),
        "excluded" => return Some(FixColumn::Excluded),
        _ => {}
    }
    Column::from_header(name)
        .filter(|c| {
            matches!(
                c,
                Column::Code
                    | Column::Aliases
                    | Column::Retryable
                    | Column::Status
                    | Column::Source
            )
        })
        .map(FixColumn::Table)
}

/// Reads a fixes file, reporting every problem found to `problems` (its table's
/// structure, a bad row or column): the fixes, or `None` when it has a problem.
pub fn read(file: &str, text: &str, problems: &mut Problems) -> Option<Vec<Fix>> {
    let before = problems.len();
    let records = obs_codes_gen::Record::read_all(file, text, problems);
    if problems.len() > before {
        return None;
    }
    let Some((header, rows)) = records.split_first() else {
        problems
            .at(Location::at(file, 1, 1), "the fixes file has no header row")
            .hint(format!("start with `{HEADER}`"));
        return None;
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
                    .hint(COLUMNS);
            }
        }
    }
    if !columns.contains(&FixColumn::Documented) {
        let first = header
            .fields
            .first()
            .map_or_else(|| Location::at(file, 1, 1), |f| f.at.clone());
        problems
            .at(first, "the header has no `documented` column")
            .hint(COLUMNS);
    }
    if problems.len() > before {
        return None;
    }
    let mut fixes: Vec<Fix> = Vec::new();
    let mut by_documented: HashMap<String, usize> = HashMap::new();
    for record in rows {
        if record.fields.len() != columns.len() {
            record.report_width(header, problems);
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
        if let Some(earlier) = by_documented
            .get(&documented.value)
            .and_then(|&i| fixes.get(i))
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
            .map(|c| obs_codes_gen::Cell::split_aliases(c, problems))
            .unwrap_or_default();
        let retryable = cell(FixColumn::Table(Column::Retryable))
            .and_then(|c| obs_codes_gen::Cell::parse_flag(c, Column::Retryable, problems));
        let non_empty = |wanted: FixColumn| cell(wanted).filter(|c| !c.value.trim().is_empty());
        let status = non_empty(FixColumn::Table(Column::Status)).and_then(|c| {
            match HttpStatus::parse(&c.value) {
                Ok(status) => Some(StatusFix {
                    status,
                    at: c.at.clone(),
                }),
                Err(error) => {
                    problems.at(c.at.clone(), error.message).hint(error.hint);
                    None
                }
            }
        });
        let source = non_empty(FixColumn::Table(Column::Source)).map(|c| c.value.trim().to_owned());
        let excluded = non_empty(FixColumn::Excluded).map(|c| Cell {
            value: c.value.trim().to_owned(),
            at: c.at.clone(),
        });
        if let (Some(status), None) = (&status, &source) {
            problems
                .at(
                    status.at.clone(),
                    format!("the status fix for `{}` names no source", documented.value),
                )
                .hint("name the pages that give this status in the `source` column");
        }
        if let Some(excluded) = &excluded {
            let other =
                code.is_some() || !aliases.is_empty() || retryable.is_some() || status.is_some();
            if other {
                problems
                    .at(
                        excluded.at.clone(),
                        format!(
                            "`{}` is excluded, and the fix sets other columns too",
                            documented.value
                        ),
                    )
                    .hint("an excluded code is left out of the table: leave its other cells empty");
            }
        }
        by_documented.insert(documented.value.clone(), fixes.len());
        fixes.push(Fix {
            documented,
            code,
            aliases,
            retryable,
            status,
            source,
            excluded,
        });
    }
    (problems.len() == before).then_some(fixes)
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

    fn fixes(text: &str) -> Vec<Fix> {
        let mut problems = Problems::default();
        read("f.csv", text, &mut problems).unwrap_or_else(|| panic!("{:?}", problems.messages()))
    }

    #[test]
    fn reads_codes_aliases_and_flags() {
        let list = fixes(
            "# comment\ndocumented,code,aliases,retryable\n\
             Key Too Long,KeyTooLong,,\nSlow,,SlowDown|Slower,true\nSame,,,false\n",
        );
        let read: Vec<(&str, &str, Vec<String>, Option<bool>)> = list
            .iter()
            .map(|f| {
                (
                    f.documented.value.as_str(),
                    f.wire_code(),
                    f.aliases.iter().map(|a| a.at.to_string()).collect(),
                    f.retryable,
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("Key Too Long", "KeyTooLong", vec![], None),
                (
                    "Slow",
                    "Slow",
                    vec!["f.csv:4:7".to_owned(), "f.csv:4:16".to_owned()],
                    Some(true)
                ),
                ("Same", "Same", vec![], Some(false)),
            ]
        );
        assert!(
            list.iter()
                .all(|f| f.status.is_none() && f.source.is_none() && f.excluded.is_none())
        );
        assert!(mentions(&list, "KeyTooLong") && mentions(&list, "Slow"));
        assert!(!mentions(&list, "Other"));
    }

    #[test]
    fn reads_status_fixes_sources_and_exclusions_in_any_column_order() {
        let list = fixes(
            "excluded,documented,http_status,source\n\
             ,Odd,409 Conflict,p1; p2\n\
             \"Not a code, a phrase\",Request-URI Too Large,,\n",
        );
        let status = list[0]
            .status
            .as_ref()
            .map(|s| (s.status.clone(), s.at.to_string()));
        assert_eq!(
            status,
            Some((
                Some(HttpStatus {
                    code: 409,
                    reason: Some("Conflict".into())
                }),
                "f.csv:2:6".to_owned()
            ))
        );
        assert_eq!(list[0].source.as_deref(), Some("p1; p2"));
        assert_eq!(list[0].excluded, None);
        let excluded = list[1]
            .excluded
            .as_ref()
            .map(|e| (e.value.as_str(), e.at.to_string()));
        assert_eq!(
            excluded,
            Some(("Not a code, a phrase", "f.csv:3:1".to_owned()))
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
            "f.csv:2:5: this record has 3 fields but the header has 2\n  help: quote fields",
        ),
        (
            "status without source",
            "documented,http_status\nA,409\n",
            "f.csv:2:3: the status fix for `A` names no source\n  help: name the pages",
        ),
        (
            "bad status",
            "documented,http_status,source\nA,4O9,p\n",
            "f.csv:2:3: `4O9` is not an HTTP status",
        ),
        (
            "excluded and fixed",
            "documented,code,excluded\nA,B,why\n",
            "f.csv:2:5: `A` is excluded, and the fix sets other columns too",
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
            let mut problems = Problems::default();
            let read = read("f.csv", input, &mut problems);
            assert!(read.is_none(), "{name}");
            let message = problems.messages().into_iter().next().unwrap_or_default();
            assert!(message.starts_with(expected), "{name}: {message}");
        }
    }
}
