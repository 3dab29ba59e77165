//! Several pages' rows, the curated rows and the fixes, merged into the rows of one
//! table, with where each value comes from.
//!
//! The rules, in order:
//!
//! - The rows of the first page come first, in page order; then every code a later page
//!   adds, in page order; then the curated rows, in file order.
//! - A fix whose `documented` is a page's spelling renames the code (its `code`), or
//!   leaves it out of the table (its `excluded` reason).
//! - A page's code is the same code as an earlier row's when it is equal, when it is an
//!   alias a fix gives (`NotSuchBucketPolicy` of `NoSuchBucketPolicy`), or when it is
//!   either of those with the spaces a page inserted to wrap it removed
//!   (`IllegalVersioning ConfigurationException`).
//! - The first page that has a code gives its status and description; the first page
//!   (in the given order) that has a solution for it gives the solution.
//! - The fixes then set aliases, retry flags and statuses, and add their sources.
//! - The `source` cell lists every page that documents the code, in page order, by page
//!   id (the file stem), `; `-separated; a page that spells the code another way is
//!   annotated `(as Spelling)`, a page whose status differs from the row's
//!   `(408 Request Timeout)`. A curated row keeps its own `source`; a fix's `source`
//!   is added after the pages.
//!
//! A fix that matches nothing (with [`Fixes::Every`]), a curated row whose code a page
//! lists, and an exclusion of a curated row are errors, located at the fix or the row.

use crate::fixes::Fix;
use crate::page::Page;
use obs_codes_gen::Cell;
use obs_codes_gen::{HttpStatus, Location, Problems, Row};
use std::collections::HashMap;
use std::fmt::Write as _;

/// A page's rows, under its id.
#[derive(Debug, Clone)]
pub struct PageRows {
    /// The page id (its file stem), as the `source` cell names it.
    pub id: String,
    /// The rows read from the page.
    pub page: Page,
}

/// Whether every fix must match a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixes {
    /// Every fix must match a code of the pages or of the curated rows (`import`).
    Every,
    /// Fixes that match no code are skipped (`diff` of one page, whose fixes file also
    /// serves other pages).
    Present,
}

/// What gave a row a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A page, by id.
    Page(String),
    /// A fix, at its cell.
    Fix(Location),
    /// The curated table, at the row.
    Curated(Location),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Page(id) => f.write_str(id),
            Origin::Fix(at) => write!(f, "the fix at {at}"),
            Origin::Curated(at) => write!(f, "the curated row at {at}"),
        }
    }
}

/// A page that lists a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The page id.
    pub page: String,
    /// The code as the page writes it.
    pub spelled: String,
    /// Where.
    pub at: Location,
    /// The page's status for it.
    pub status: Option<HttpStatus>,
    /// True when the page writes an alias of the code, not the code (wrapping aside).
    pub as_alias: bool,
    /// True when the page has a solution for it.
    pub has_solution: bool,
}

/// Where one row's values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// What gave the status.
    pub status: Origin,
    /// What gave the description.
    pub description: Origin,
    /// What gave the solution, if the row has one.
    pub solution: Option<Origin>,
    /// The pages that list the code, in page order.
    pub mentions: Vec<Mention>,
    /// The fix applied to the row, if any.
    pub fix: Option<Location>,
}

/// A code left out of the table by a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// The code as the pages write it.
    pub code: String,
    /// Why (the fix's `excluded` cell).
    pub reason: Cell,
    /// The pages that list it.
    pub pages: Vec<(String, Location)>,
}

/// The merged rows, each with its provenance.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The rows, in table order, `source` cells set.
    pub rows: Vec<Row>,
    /// Where each row's values come from (one per row, same order).
    pub provenance: Vec<Provenance>,
    /// The codes left out, in the order of the fixes.
    pub excluded: Vec<Exclusion>,
    /// True when a page has a solution column.
    pub has_solution: bool,
}

/// The codes known so far: each code (and each wrapped spelling of it, spaces removed)
/// to its row.
#[derive(Default)]
struct Index {
    rows: HashMap<String, usize>,
}

impl Index {
    fn insert(&mut self, code: &str, row: usize) {
        self.rows.entry(code.to_owned()).or_insert(row);
        self.rows.entry(unwrapped(code)).or_insert(row);
    }

    fn get(&self, code: &str) -> Option<usize> {
        self.rows.get(code).copied()
    }
}

/// `code` without the whitespace a page inserts to wrap a long name.
fn unwrapped(code: &str) -> String {
    code.split_whitespace().collect()
}

/// Merges `pages` (in order), then `curated`, applying `fixes`.
///
/// # Errors
///
/// Every problem found: a stale fix (with [`Fixes::Every`]), a curated row that a page
/// lists too or that a fix excludes.
pub fn merge(
    pages: &[PageRows],
    fixes: &[Fix],
    curated: &[Row],
    strictness: Fixes,
) -> Result<Merged, Problems> {
    let mut problems = Problems::default();
    let by_documented: HashMap<&str, usize> = fixes
        .iter()
        .enumerate()
        .map(|(i, f)| (f.documented.value.as_str(), i))
        .collect();
    // Each alias a fix gives (and its unwrapped spelling) to the fix's wire code.
    let mut alias_of: HashMap<String, &str> = HashMap::new();
    for fix in fixes.iter().filter(|f| f.excluded.is_none()) {
        for alias in &fix.aliases {
            alias_of.insert(alias.value.clone(), fix.wire_code());
            alias_of.insert(unwrapped(&alias.value), fix.wire_code());
        }
    }
    let mut merged = Merged {
        rows: Vec::new(),
        provenance: Vec::new(),
        excluded: Vec::new(),
        has_solution: pages.iter().any(|p| p.page.has_solution),
    };
    let mut excluded: HashMap<usize, Exclusion> = HashMap::new();
    let mut used = vec![false; fixes.len()];
    let mut index = Index::default();
    for page in pages {
        for row in &page.page.rows {
            let documented = row.code.value.as_str();
            let fix = by_documented.get(documented).copied();
            if let Some(i) = fix {
                used[i] = true;
            }
            let fix = fix.and_then(|i| Some((i, fixes.get(i)?)));
            if let Some((
                i,
                Fix {
                    excluded: Some(reason),
                    ..
                },
            )) = fix
            {
                excluded
                    .entry(i)
                    .or_insert_with(|| Exclusion {
                        code: documented.to_owned(),
                        reason: reason.clone(),
                        pages: Vec::new(),
                    })
                    .pages
                    .push((page.id.clone(), row.code.at.clone()));
                continue;
            }
            let code = fix
                .and_then(|(_, f)| f.code.clone())
                .unwrap_or_else(|| row.code.clone());
            // The code itself, an alias of a code, or either wrapped.
            let alias_target = alias_of
                .get(&code.value)
                .or_else(|| alias_of.get(&unwrapped(&code.value)))
                .copied();
            let direct = index
                .get(&code.value)
                .or_else(|| index.get(&unwrapped(&code.value)));
            let (existing, as_alias) = match (direct, alias_target) {
                (Some(i), _) => (Some(i), false),
                (None, Some(target)) => (index.get(target), true),
                (None, None) => (None, false),
            };
            let mention = Mention {
                page: page.id.clone(),
                spelled: documented.to_owned(),
                at: row.code.at.clone(),
                status: row.status.clone(),
                as_alias,
                has_solution: row.solution.is_some(),
            };
            let target = existing.and_then(|i| Some((i, merged.rows.get_mut(i)?)));
            if let Some((i, first)) = target {
                if first.solution.is_none() && row.solution.is_some() {
                    first.solution.clone_from(&row.solution);
                    if let Some(provenance) = merged.provenance.get_mut(i) {
                        provenance.solution = Some(Origin::Page(page.id.clone()));
                    }
                }
                if let Some(provenance) = merged.provenance.get_mut(i) {
                    provenance.mentions.push(mention);
                }
                continue;
            }
            // A new code; under the code it is an alias of, when it is one.
            let code = match alias_target {
                Some(target) => Cell {
                    value: target.to_owned(),
                    at: code.at,
                },
                None => code,
            };
            index.insert(&code.value, merged.rows.len());
            let origin = Origin::Page(page.id.clone());
            merged.provenance.push(Provenance {
                status: origin.clone(),
                description: origin.clone(),
                solution: row.solution.as_ref().map(|_| origin.clone()),
                mentions: vec![mention],
                fix: None,
            });
            merged.rows.push(Row {
                code,
                source: None,
                ..row.clone()
            });
        }
    }
    let pages_end = merged.rows.len();
    for row in curated {
        let code = &row.code.value;
        let listed = index
            .get(code)
            .or_else(|| index.get(&unwrapped(code)))
            .or_else(|| alias_of.get(code).and_then(|t| index.get(t)));
        if let Some(i) = listed {
            let provenance = merged.provenance.get(i).filter(|_| i < pages_end);
            let message = if let Some(provenance) = provenance {
                let pages: Vec<String> = provenance
                    .mentions
                    .iter()
                    .map(|m| format!("{} ({})", m.page, m.at))
                    .collect();
                format!(
                    "the curated code `{code}` is listed by a page: {}",
                    pages.join(", ")
                )
            } else {
                let line = merged.rows.get(i).map_or(0, |r| r.code.at.line);
                format!("a second curated row for `{code}` (the first is on line {line})")
            };
            problems
                .at(row.code.at.clone(), message)
                .hint("the page wins: remove the curated row");
            continue;
        }
        if let Some(&i) = by_documented.get(code.as_str()) {
            used[i] = true;
            if let Some(reason) = fixes.get(i).and_then(|f| f.excluded.as_ref()) {
                problems
                    .at(
                        reason.at.clone(),
                        format!("the fix excludes `{code}`, a code of the curated table"),
                    )
                    .hint("remove the curated row, or the exclusion");
                continue;
            }
        }
        let code = by_documented
            .get(code.as_str())
            .and_then(|&i| fixes.get(i)?.code.clone())
            .unwrap_or_else(|| row.code.clone());
        index.insert(&code.value, merged.rows.len());
        let origin = Origin::Curated(row.code.at.clone());
        merged.provenance.push(Provenance {
            status: origin.clone(),
            description: origin.clone(),
            solution: row.solution.as_ref().map(|_| origin.clone()),
            mentions: Vec::new(),
            fix: None,
        });
        merged.rows.push(Row {
            code,
            ..row.clone()
        });
    }
    for (i, fix) in fixes.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(false) {
            if strictness == Fixes::Every {
                problems
                    .at(
                        fix.documented.at.clone(),
                        format!(
                            "the fix for `{}` matches no code of the pages or the curated table",
                            fix.documented.value
                        ),
                    )
                    .hint("the pages may have changed: update or remove the fix");
            }
            continue;
        }
        if fix.excluded.is_some() {
            continue;
        }
        let Some(row) = index.get(fix.wire_code()) else {
            continue;
        };
        if let (Some(target), Some(provenance)) =
            (merged.rows.get_mut(row), merged.provenance.get_mut(row))
        {
            target.aliases.clone_from(&fix.aliases);
            target.retryable = fix.retryable;
            if let Some(status) = &fix.status {
                target.status.clone_from(&status.status);
                provenance.status = Origin::Fix(status.at.clone());
            }
            provenance.fix = Some(fix.documented.at.clone());
        }
    }
    let mut exclusions: Vec<(usize, Exclusion)> = excluded.into_iter().collect();
    exclusions.sort_by_key(|(i, _)| *i);
    merged.excluded = exclusions.into_iter().map(|(_, e)| e).collect();
    let fix_sources: HashMap<&str, &str> = fixes
        .iter()
        .filter_map(|f| Some((f.wire_code(), f.source.as_deref()?)))
        .collect();
    for (row, provenance) in merged.rows.iter_mut().zip(&merged.provenance) {
        let mut pages = page_sources(&provenance.mentions, row.status.as_ref());
        if let Some(own) = row.source.take() {
            pages.extend(split_source(&own));
        }
        if let Some(fixed) = fix_sources.get(row.code.value.as_str()) {
            for page in split_source(fixed) {
                if !pages.contains(&page) {
                    pages.push(page);
                }
            }
        }
        row.source = (!pages.is_empty()).then(|| pages.join("; "));
    }
    if problems.is_empty() {
        Ok(merged)
    } else {
        Err(problems)
    }
}

/// The pages of a `source` cell.
fn split_source(source: &str) -> Vec<String> {
    source
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Each page that lists the code, once, annotated where it spells the code only as an
/// alias or gives another status than `status`.
fn page_sources(mentions: &[Mention], status: Option<&HttpStatus>) -> Vec<String> {
    let lists_the_code = |page: &str| mentions.iter().any(|m| m.page == page && !m.as_alias);
    let mut pages: Vec<(&str, Vec<String>)> = Vec::new();
    for mention in mentions {
        let mut notes = Vec::new();
        if mention.as_alias && !lists_the_code(&mention.page) {
            notes.push(format!("as {}", mention.spelled));
        }
        if mention.status.as_ref() != status {
            notes.push(status_text(mention.status.as_ref()));
        }
        match pages.iter_mut().find(|(page, _)| *page == mention.page) {
            Some((_, known)) => {
                for note in notes {
                    if !known.contains(&note) {
                        known.push(note);
                    }
                }
            }
            None => pages.push((&mention.page, notes)),
        }
    }
    pages
        .into_iter()
        .map(|(page, notes)| {
            if notes.is_empty() {
                page.to_owned()
            } else {
                format!("{page} ({})", notes.join(", "))
            }
        })
        .collect()
}

fn status_text(status: Option<&HttpStatus>) -> String {
    status.map_or_else(|| "N/A".to_owned(), ToString::to_string)
}

/// The report of `--explain-sources`: per row, what gave its status, description and
/// solution, which pages list it (and how), and the fix applied; then the codes left
/// out, with the reason.
#[must_use]
pub fn explain(merged: &Merged) -> String {
    let mut out = String::new();
    for (row, provenance) in merged.rows.iter().zip(&merged.provenance) {
        let _ = writeln!(out, "{}", row.code.value);
        let _ = writeln!(
            out,
            "  status       {} from {}",
            status_text(row.status.as_ref()),
            provenance.status
        );
        let _ = writeln!(out, "  description  from {}", provenance.description);
        let solution = provenance
            .solution
            .as_ref()
            .map_or_else(|| "none".to_owned(), |o| format!("from {o}"));
        let _ = writeln!(out, "  solution     {solution}");
        for mention in &provenance.mentions {
            let mut how = vec![status_text(mention.status.as_ref())];
            if mention.spelled != row.code.value {
                let kind = if mention.as_alias {
                    "an alias"
                } else {
                    "wrapped"
                };
                how.push(format!("as `{}` ({kind})", mention.spelled));
            }
            if mention.has_solution {
                how.push("with a solution".to_owned());
            }
            let _ = writeln!(
                out,
                "  listed by    {} at {}: {}",
                mention.page,
                mention.at,
                how.join(", ")
            );
        }
        if let Some(fix) = &provenance.fix {
            let _ = writeln!(out, "  fixed by     {fix}");
        }
        if let Some(source) = &row.source {
            let _ = writeln!(out, "  source       {source}");
        }
    }
    for exclusion in &merged.excluded {
        let pages: Vec<String> = exclusion
            .pages
            .iter()
            .map(|(page, at)| format!("{page} at {at}"))
            .collect();
        let _ = writeln!(
            out,
            "{} (excluded by {}: {})\n  listed by    {}",
            exclusion.code,
            exclusion.reason.at,
            exclusion.reason.value,
            pages.join(", ")
        );
    }
    out
}

/// The page id of `path`: its file stem (`obs_04_0115` for `tables/upstream/obs_04_0115.rst`).
#[must_use]
pub fn page_id(path: &std::path::Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |stem| stem.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fixes, page};

    /// A page with one grid table, `Error Code | Status | Description`, and `Solution`
    /// when a row has one; rows as (code, status, description, solution), each on one
    /// line (the first on line 4).
    fn page(id: &str, rows: &[(&str, &str, &str, &str)]) -> PageRows {
        let solutions = rows.iter().any(|r| !r.3.is_empty());
        let widths: &[usize] = if solutions {
            &[24, 12, 20, 10]
        } else {
            &[24, 12, 20]
        };
        let border = |c: &str| {
            let cells: Vec<String> = widths.iter().map(|w| c.repeat(*w)).collect();
            format!("+{}+\n", cells.join("+"))
        };
        let record = |cells: [&str; 4]| {
            let cells: Vec<String> = cells
                .iter()
                .zip(widths)
                .map(|(text, w)| format!(" {text:<w$} ", w = w - 2))
                .collect();
            format!("|{}|\n", cells.join("|"))
        };
        let mut text = border("-");
        text.push_str(&record(["Error Code", "Status", "Description", "Solution"]));
        text.push_str(&border("="));
        for &(code, status, description, solution) in rows {
            text.push_str(&record([code, status, description, solution]));
            text.push_str(&border("-"));
        }
        let name = format!("{id}.rst");
        PageRows {
            id: id.to_owned(),
            page: page::read(&name, &text).unwrap_or_else(|p| panic!("{p:?}\n{text}")),
        }
    }

    fn fixes(text: &str) -> Vec<Fix> {
        fixes::read("f.csv", text).unwrap_or_else(|p| panic!("{:?}", p.messages()))
    }

    fn curated(text: &str) -> Vec<Row> {
        let mut problems = Problems::default();
        let source = obs_codes_gen::SourceText {
            name: "c.csv".into(),
            text: text.into(),
            tracked_path: None,
        };
        let table = obs_codes_gen::Table::parse(&source, &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        table.rows
    }

    fn merged(pages: &[PageRows], fixes: &[Fix], curated: &[Row]) -> Merged {
        merge(pages, fixes, curated, Fixes::Every).unwrap_or_else(|p| panic!("{:?}", p.messages()))
    }

    fn errors(pages: &[PageRows], fixes: &[Fix], curated: &[Row]) -> Vec<String> {
        merge(pages, fixes, curated, Fixes::Every)
            .err()
            .map(|p| p.messages())
            .unwrap_or_default()
    }

    /// Each row as `code status | description | solution | source`.
    fn summary(merged: &Merged) -> Vec<String> {
        merged
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{} {} | {} | {} | {}",
                    r.code.value,
                    status_text(r.status.as_ref()),
                    r.description,
                    r.solution.as_deref().unwrap_or("-"),
                    r.source.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn first_page_first_then_what_later_pages_add() {
        let seed = page("seed", &[("B", "400", "Bee.", ""), ("A", "403", "Ay.", "")]);
        let api = page(
            "api",
            &[
                ("C", "409", "Sea.", "Fix C."),
                ("A", "408", "Ay again.", "Fix A."),
                ("B", "400", "Bee again.", ""),
            ],
        );
        let sdk = page(
            "sdk",
            &[
                ("B", "400", "Bee, SDK.", "Fix B."),
                ("D", "N/A", "Dee.", ""),
            ],
        );
        let result = merged(&[seed, api, sdk], &[], &[]);
        assert_eq!(
            summary(&result),
            [
                // Status and description from the first page; the solution from the
                // first page that has one; a page with another status is annotated.
                "B 400 | Bee. | Fix B. | seed; api; sdk",
                "A 403 | Ay. | Fix A. | seed; api (408)",
                "C 409 | Sea. | Fix C. | api",
                "D N/A | Dee. | - | sdk",
            ]
        );
        assert!(result.has_solution);
        assert_eq!(
            result.provenance[0].solution,
            Some(Origin::Page("sdk".into()))
        );
        assert_eq!(result.provenance[1].status, Origin::Page("seed".into()));
    }

    #[test]
    fn aliases_and_wrapped_spellings_merge_into_the_code() {
        let seed = page(
            "seed",
            &[
                ("NoSuchPolicy", "404", "None.", ""),
                ("LongName Exception", "400", "Long.", ""),
            ],
        );
        let other = page(
            "other",
            &[
                ("NotSuchPolicy", "404", "Typo.", ""),
                ("Long NameException", "400", "Wrapped.", ""),
                ("NoSuch Policy", "404", "Wrapped too.", ""),
            ],
        );
        let third = page("third", &[("NotSuchPolicy", "404", "Typo only.", "")]);
        let list = fixes(
            "documented,code,aliases,retryable\n\
             NoSuchPolicy,,NotSuchPolicy,\nLongName Exception,LongNameException,,\n",
        );
        let result = merged(&[seed, other, third], &list, &[]);
        assert_eq!(
            summary(&result),
            [
                // `other` lists the code itself too; `third` only the alias.
                "NoSuchPolicy 404 | None. | - | seed; other; third (as NotSuchPolicy)",
                "LongNameException 400 | Long. | - | seed; other",
            ]
        );
        assert_eq!(result.rows[0].aliases[0].value, "NotSuchPolicy");
        // The renamed code is located at the fix, so the table's checks point there.
        assert_eq!(result.rows[1].code.at.to_string(), "f.csv:3:20");
        let report = explain(&result);
        assert!(
            report.contains(
                "  listed by    other at other.rst:4:3: 404, as `NotSuchPolicy` (an alias)\n"
            ),
            "{report}"
        );
        assert!(report.contains("as `NoSuch Policy` (wrapped)"), "{report}");
    }

    #[test]
    fn a_status_fix_replaces_the_pages_status_and_adds_its_source() {
        let api = page("api", &[("Odd", "409 Odd", "Not appendable.", "Check.")]);
        let list = fixes(
            "documented,code,aliases,retryable,http_status,source,excluded\n\
             Odd,,,,409 Conflict,sdk-page; zh-page,\n",
        );
        let result = merged(&[api], &list, &[]);
        assert_eq!(
            summary(&result),
            ["Odd 409 Conflict | Not appendable. | Check. | api (409 Odd); sdk-page; zh-page"]
        );
        assert_eq!(
            result.provenance[0].status,
            Origin::Fix(diagnostic_at("f.csv", 2, 8))
        );
        assert!(
            explain(&result).contains("  status       409 Conflict from the fix at f.csv:2:8\n")
        );
    }

    fn diagnostic_at(file: &str, line: usize, column: usize) -> Location {
        crate::diagnostic::at(file, line, column)
    }

    #[test]
    fn an_excluded_code_is_left_out_with_its_reason() {
        let api = page(
            "api",
            &[("A", "400", "Ay.", ""), ("Too Large", "414", "Phrase.", "")],
        );
        let sdk = page("sdk", &[("Too Large", "414", "Again.", "")]);
        let list = fixes("documented,excluded\nToo Large,a reason phrase\n");
        let result = merged(&[api, sdk], &list, &[]);
        assert_eq!(summary(&result), ["A 400 | Ay. | - | api"]);
        assert_eq!(result.excluded.len(), 1);
        assert_eq!(result.excluded[0].reason.value, "a reason phrase");
        assert_eq!(
            explain(&result).lines().rev().take(2).collect::<Vec<_>>(),
            [
                "  listed by    api at api.rst:6:3, sdk at sdk.rst:4:3",
                "Too Large (excluded by f.csv:2:11: a reason phrase)",
            ]
        );
    }

    #[test]
    fn curated_rows_come_last_with_their_source_and_take_fixes() {
        let api = page("api", &[("A", "400", "Ay.", "")]);
        let rows = curated("code,http_status,description,source\nZ,404 Not Found,Zed.,one; two\n");
        let list = fixes("documented,code,aliases,retryable\nZ,,ZedError,\n");
        let result = merged(&[api], &list, &rows);
        assert_eq!(
            summary(&result),
            [
                "A 400 | Ay. | - | api",
                "Z 404 Not Found | Zed. | - | one; two"
            ]
        );
        assert_eq!(result.rows[1].aliases[0].value, "ZedError");
        assert_eq!(
            result.provenance[1].status,
            Origin::Curated(diagnostic_at("c.csv", 2, 1))
        );
    }

    #[test]
    fn stale_fixes_and_curated_codes_a_page_lists_are_errors() {
        let api = page("api", &[("A", "400", "Ay.", ""), ("B", "400", "Bee.", "")]);
        let rows = curated(
            "code,http_status,description,source\nB,400,Bee.,x\nC,400,Sea.,x\nC,400,Sea.,x\nBee,400,Bee.,x\n",
        );
        let list =
            fixes("documented,code,aliases,retryable,excluded\nGone,,,,\nA,,Bee,,\nC,,,,why\n");
        assert_eq!(
            errors(std::slice::from_ref(&api), &list, &rows),
            [
                "c.csv:2:1: the curated code `B` is listed by a page: api (api.rst:6:3)\n  help: the page wins: remove the curated row",
                // A curated code the pages list as an alias of theirs.
                "c.csv:5:1: the curated code `Bee` is listed by a page: api (api.rst:4:3)\n  help: the page wins: remove the curated row",
                "f.csv:2:1: the fix for `Gone` matches no code of the pages or the curated table\n  help: the pages may have changed: update or remove the fix",
                // Once per curated row.
                "f.csv:4:6: the fix excludes `C`, a code of the curated table\n  help: remove the curated row, or the exclusion",
                "f.csv:4:6: the fix excludes `C`, a code of the curated table\n  help: remove the curated row, or the exclusion",
            ]
        );
        // `diff` of one page skips the fixes that page does not need.
        let list = fixes("documented,code,aliases,retryable\nGone,,,\n");
        assert!(merge(&[api], &list, &[], Fixes::Present).is_ok());
    }
}
