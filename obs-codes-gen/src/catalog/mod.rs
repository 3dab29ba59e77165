//! Stage 3: the rows of every source become one checked [`Catalog`].
//!
//! Per-row checks (codes, variant names) and cross-row checks (repeats, overrides,
//! collisions) live here, in one pass after all sources are parsed, so every problem of
//! every table is reported in the same build.
//!
//! # Overrides
//!
//! A row whose `override` cell is `true` replaces a code that an earlier source defines.
//! Both a new code and an override make their [`Entry`] from the row the same way; the
//! override's entry then replaces these fields of the earlier one: the status (code and
//! reason), the retry flag, the description, the solution and the aliases (an empty
//! cell empties them, as it would in a new row). It keeps the variant's name and place
//! in [`Catalog::entries`] and [`Entry::defined_at`], sets [`Entry::overridden_at`],
//! and keeps the earlier `source` pages, adding the override's pages that are new: the
//! earlier pages still document the code, so "Documented in" lists both.

use crate::problem::{Location, Problems};
use crate::table::{Cell, HttpStatus, Row, Table};
use std::collections::HashMap;

mod cells;

pub use cells::is_invisible;
use cells::{variant_ok, wire_string_ok};

/// Names the generated `impl` uses for associated constants; a variant may not take them.
pub(crate) const RESERVED_VARIANTS: [&str; 2] = ["ALL", "COUNT"];

/// One variant of the generated enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The Rust name.
    pub variant: String,
    /// The wire code.
    pub code: String,
    /// Other accepted wire spellings.
    pub aliases: Vec<String>,
    /// The HTTP status, if any.
    pub status: Option<HttpStatus>,
    /// Whether a client should retry.
    pub retryable: bool,
    /// True when the row's `retryable` cell decided it, false for the status rule.
    pub retryable_by_table: bool,
    /// The description (markdown).
    pub description: String,
    /// What to do about it, when known.
    pub solution: Option<String>,
    /// Where the row comes from (page names, `;`-separated), when the table says.
    pub source: Option<String>,
    /// The row that defined the code.
    pub defined_at: Location,
    /// The row of a later source that replaced it, if any.
    pub overridden_at: Option<Location>,
    variant_at: Location,
    alias_cells: Vec<Cell>,
}

impl Entry {
    /// The entry a row makes, under the given variant name (derived or from the
    /// `variant` column, checked by the caller) and with the aliases that passed the
    /// checks. A new code and an override both start here.
    fn from_row(row: &Row, variant: String, variant_at: Location, aliases: Vec<Cell>) -> Self {
        Entry {
            variant,
            code: row.code.value.clone(),
            aliases: cell_values(&aliases),
            status: row.status.clone(),
            retryable: row.retryable.unwrap_or_else(|| {
                row.status
                    .as_ref()
                    .is_some_and(HttpStatus::is_retryable_by_default)
            }),
            retryable_by_table: row.retryable.is_some(),
            description: row.description.clone(),
            solution: row.solution.clone(),
            source: row.source.clone(),
            defined_at: row.code.at.clone(),
            overridden_at: None,
            variant_at,
            alias_cells: aliases,
        }
    }

    /// Applies an override: `later` (the overriding row's entry) replaces the status,
    /// reason, retry flag, description, solution and aliases; the variant, its place
    /// and `defined_at` stay; `source` lists the earlier pages, then the override's new
    /// ones; `overridden_at` becomes the override's row.
    fn replace_with(&mut self, later: Entry) {
        let source = merge_sources(self.source.take(), later.source.as_deref());
        *self = Entry {
            variant: std::mem::take(&mut self.variant),
            source,
            defined_at: self.defined_at.clone(),
            overridden_at: Some(later.defined_at.clone()),
            variant_at: self.variant_at.clone(),
            ..later
        };
    }
}

/// The text of each cell.
fn cell_values(cells: &[Cell]) -> Vec<String> {
    let mut values = Vec::with_capacity(cells.len());
    for cell in cells {
        values.push(cell.value.clone());
    }
    values
}

/// The `;`-separated page list `earlier` followed by the pages of `later` it lacks.
fn merge_sources(earlier: Option<String>, later: Option<&str>) -> Option<String> {
    let Some(later) = later else {
        return earlier;
    };
    let Some(mut merged) = earlier else {
        return Some(later.to_owned());
    };
    let known = merged.clone();
    for page in later.split(';') {
        let page = page.trim();
        if !page.is_empty() && !known.split(';').any(|k| k.trim() == page) {
            merged.push_str("; ");
            merged.push_str(page);
        }
    }
    Some(merged)
}

/// The checked union of all sources.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Entries in source order (an override keeps the place of the row it replaces).
    pub entries: Vec<Entry>,
    /// Source names, in order, for the docs.
    pub sources: Vec<String>,
    /// Paths the expansion includes so that editing them rebuilds the crate.
    pub tracked_paths: Vec<String>,
}

impl Entry {
    /// The variant name derived from a wire code, for a row with no `variant` cell:
    /// split at every character that is not an ASCII letter or digit, upper-case the
    /// first letter of each part, join.
    ///
    /// ```
    /// use obs_codes_gen::Entry;
    ///
    /// assert_eq!(Entry::derive_variant("KMS.DisabledException"), "KMSDisabledException");
    /// assert_eq!(Entry::derive_variant("System Capacity Not enough"), "SystemCapacityNotEnough");
    /// ```
    #[must_use]
    pub fn derive_variant(code: &str) -> String {
        derive_variant(code)
    }
}

/// [`Entry::derive_variant`].
fn derive_variant(code: &str) -> String {
    let mut variant = String::with_capacity(code.len());
    let mut part_start = true;
    for c in code.chars() {
        if !c.is_ascii_alphanumeric() {
            part_start = true;
        } else if part_start {
            variant.push(c.to_ascii_uppercase());
            part_start = false;
        } else {
            variant.push(c);
        }
    }
    variant
}

impl HttpStatus {
    /// The retry rule for rows with this status that leave `retryable` empty (a row
    /// with no status is not retryable): 408, 429, and every 5xx but 501 (Not
    /// Implemented) and 505 (HTTP Version Not Supported), as the vendor's SDKs retry
    /// (`docs/retry.md`). The runtime crate's `RetryClass::for_status` applies the same
    /// rule; a test holds the two together.
    ///
    /// ```
    /// use obs_codes_gen::HttpStatus;
    ///
    /// let status = |code| HttpStatus { code, reason: None };
    /// assert!(status(503).is_retryable_by_default());
    /// assert!(!status(501).is_retryable_by_default());
    /// assert!(!status(404).is_retryable_by_default());
    /// ```
    #[must_use]
    pub fn is_retryable_by_default(&self) -> bool {
        match self.code {
            408 | 429 => true,
            501 | 505 => false,
            code => (500..=599).contains(&code),
        }
    }
}

impl Catalog {
    /// Checks every row of every table and merges them into one catalog: the per-row
    /// checks of codes and variant names, and the checks across rows and sources
    /// (repeats, overrides, collisions). Every problem is reported; the catalog holds
    /// the rows that passed.
    ///
    /// ```
    /// use obs_codes_gen::{Catalog, Problems, SourceText, Table};
    ///
    /// let source = SourceText {
    ///     name: "t.csv".to_owned(),
    ///     text: "code,http_status,description\nSlowDown,503,Reduce your request rate.\nSlowDown,503,Again.\n".to_owned(),
    ///     tracked_path: None,
    /// };
    /// let mut problems = Problems::default();
    /// let table = Table::parse(&source, &mut problems);
    /// let catalog = Catalog::check(&[table], &mut problems);
    /// assert_eq!(catalog.entries.len(), 1);
    /// assert!(catalog.entries[0].retryable);
    /// assert!(problems.iter().next().unwrap().message.contains("`SlowDown`"));
    /// ```
    #[must_use]
    pub fn check(tables: &[Table], problems: &mut Problems) -> Catalog {
        check_sources(tables, true, problems)
    }
}

/// [`Catalog::check`], where `all_sources` is false when a source could not be read: an
/// override of a code that no table read defines may then belong to the missing one,
/// so it is left out without a message.
pub(crate) fn check_sources(
    tables: &[Table],
    all_sources: bool,
    problems: &mut Problems,
) -> Catalog {
    let mut catalog = Catalog::default();
    for table in tables {
        catalog.sources.push(table.name.clone());
        if let Some(path) = &table.tracked_path {
            catalog.tracked_paths.push(path.clone());
        }
    }
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for table in tables {
        let mut in_this_file: HashMap<String, usize> = HashMap::new();
        for row in &table.rows {
            if !wire_string_ok(&row.code, "code", problems) {
                continue;
            }
            let mut aliases: Vec<Cell> = Vec::with_capacity(row.aliases.len());
            for alias in &row.aliases {
                if wire_string_ok(alias, "alias", problems) {
                    aliases.push(alias.clone());
                }
            }
            let code = row.code.value.as_str();
            if let Some(first_line) = in_this_file.insert(code.to_owned(), row.code.at.line) {
                problems
                    .at(row.code.at.clone(), format!("code `{code}` appears twice in this file (first on line {first_line})"))
                    .hint("remove one of the rows; `override` only replaces a code of an earlier source");
                continue;
            }
            match (by_code.get(code), row.is_override) {
                // A row with a bad cell was reported; it only had to be checked.
                (_, true) | (None, false) if !row.complete => {
                    if !row.is_override {
                        let variant = row
                            .variant
                            .as_ref()
                            .map_or_else(|| derive_variant(code), |c| c.value.trim().to_owned());
                        let at = row.variant.as_ref().map_or(&row.code.at, |c| &c.at);
                        variant_ok(&variant, row.variant.is_some(), code, at, problems);
                    }
                }
                (Some(&index), true) => {
                    let entry = &mut catalog.entries[index];
                    if let Some(variant) = &row.variant {
                        if variant.value != entry.variant {
                            problems.at(
                                variant.at.clone(),
                                format!(
                                    "this override names variant `{}`, but code `{code}` is variant `{}` ({})",
                                    variant.value,
                                    entry.variant,
                                    entry.defined_at.short()
                                ),
                            ).hint("an override keeps the variant's name: leave `variant` empty or repeat the same name");
                            continue;
                        }
                    }
                    let replacement = Entry::from_row(
                        row,
                        entry.variant.clone(),
                        entry.variant_at.clone(),
                        aliases,
                    );
                    entry.replace_with(replacement);
                }
                (Some(&index), false) => {
                    problems
                        .at(
                            row.code.at.clone(),
                            format!("code `{code}` is already defined by {}", catalog.entries[index].defined_at.short()),
                        )
                        .hint("set this row's `override` column to `true` to replace it, or remove the row");
                }
                (None, true) if !all_sources => {}
                (None, true) => {
                    problems
                        .at(
                            row.code.at.clone(),
                            format!(
                                "this row overrides code `{code}`, but no earlier source defines it"
                            ),
                        )
                        .hint("set `override` to `false` (or leave it empty) to add a new code");
                }
                (None, false) => {
                    let (variant, variant_at, explicit) = match &row.variant {
                        Some(cell) => (cell.value.trim().to_owned(), cell.at.clone(), true),
                        None => (derive_variant(code), row.code.at.clone(), false),
                    };
                    if !variant_ok(&variant, explicit, code, &variant_at, problems) {
                        continue;
                    }
                    by_code.insert(code.to_owned(), catalog.entries.len());
                    catalog
                        .entries
                        .push(Entry::from_row(row, variant, variant_at, aliases));
                }
            }
        }
    }
    drop_collisions(&mut catalog.entries, problems);
    catalog
}

/// Reports and removes later entries whose variant, code or alias repeats an earlier one.
fn drop_collisions(entries: &mut Vec<Entry>, problems: &mut Problems) {
    let mut variants: HashMap<String, usize> = HashMap::new();
    // Codes and aliases apart, each `String -> index`: one map type for the crate.
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut aliases: HashMap<String, usize> = HashMap::new();
    let mut keep = vec![true; entries.len()];
    for (index, entry) in entries.iter().enumerate() {
        if let Some(&earlier) = variants.get(&entry.variant) {
            let other = &entries[earlier];
            problems
                .at(
                    entry.variant_at.clone(),
                    format!(
                        "variant `{}` of code `{}` is already the variant of code `{}` ({})",
                        entry.variant,
                        entry.code,
                        other.code,
                        other.defined_at.short()
                    ),
                )
                .hint("give one of the rows its own name in the `variant` column");
            keep[index] = false;
            continue;
        }
        if let Some(&earlier) = aliases.get(&entry.code) {
            let other = &entries[earlier];
            problems
                .at(
                    entry.defined_at.clone(),
                    format!(
                        "code `{}` is already an alias of code `{}` ({})",
                        entry.code,
                        other.code,
                        other.defined_at.short()
                    ),
                )
                .hint("remove the alias or the row");
            keep[index] = false;
            continue;
        }
        variants.insert(entry.variant.clone(), index);
        codes.insert(entry.code.clone(), index);
        for alias in &entry.alias_cells {
            let earlier = codes
                .get(&alias.value)
                .map(|&i| (i, "the code"))
                .or_else(|| aliases.get(&alias.value).map(|&i| (i, "an alias")));
            if let Some((earlier, what)) = earlier {
                let other = &entries[earlier];
                problems
                    .at(
                        alias.at.clone(),
                        format!(
                            "alias `{}` of code `{}` is already {what} of code `{}` ({})",
                            alias.value,
                            entry.code,
                            other.code,
                            other.defined_at.short()
                        ),
                    )
                    .hint("every code and alias must be unique: remove this alias");
                keep[index] = false;
            } else {
                aliases.insert(alias.value.clone(), index);
            }
        }
    }
    let mut flags = keep.into_iter();
    entries.retain(|_| flags.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceText;

    fn tables(sources: &[(&str, &str)]) -> (Catalog, Vec<String>) {
        let mut problems = Problems::default();
        let parsed: Vec<Table> = sources
            .iter()
            .map(|(name, text)| {
                let source = SourceText {
                    name: (*name).into(),
                    text: (*text).into(),
                    tracked_path: Some((*name).into()),
                };
                Table::parse(&source, &mut problems)
            })
            .collect();
        let catalog = Catalog::check(&parsed, &mut problems);
        (catalog, problems.messages())
    }

    const HEAD: &str = "code,http_status,description,variant,aliases,retryable,override\n";

    #[test]
    fn derives_variant_names() {
        assert_eq!(
            derive_variant("KMS.DisabledException"),
            "KMSDisabledException"
        );
        assert_eq!(
            derive_variant("System Capacity Not enough"),
            "SystemCapacityNotEnough"
        );
        assert_eq!(derive_variant("a-b_c"), "ABC");
        assert_eq!(derive_variant("..."), "");
    }

    #[test]
    fn retry_rule_and_explicit_flags() {
        let text = format!("{HEAD}A,503,x,,,,\nB,400,x,,,true,\nC,500,x,,,false,\nD,N/A,x,,,,\n");
        let (catalog, problems) = tables(&[("t.csv", &text)]);
        assert!(problems.is_empty(), "{problems:?}");
        let flags: Vec<bool> = catalog.entries.iter().map(|e| e.retryable).collect();
        assert_eq!(flags, [true, true, false, false]);
    }

    #[test]
    fn reports_repeats_at_the_later_row_naming_the_earlier_in_file_order() {
        let text = format!("{HEAD}A,400,x,,,,\nB,400,x,,A,,\nA,400,x,,,,\na,400,x,,,,\n");
        let (catalog, problems) = tables(&[("t.csv", &text)]);
        assert_eq!(
            problems,
            [
                "t.csv:3:10: alias `A` of code `B` is already the code of code `A` (t.csv:2)\n  help: every code and alias must be unique: remove this alias",
                "t.csv:4:1: code `A` appears twice in this file (first on line 2)\n  help: remove one of the rows; `override` only replaces a code of an earlier source",
                "t.csv:5:1: variant `A` of code `a` is already the variant of code `A` (t.csv:2)\n  help: give one of the rows its own name in the `variant` column",
            ]
        );
        assert_eq!(catalog.entries.len(), 1, "only the fine row is kept");
    }

    #[test]
    fn overrides_replace_in_place_and_keep_the_variant() {
        let base = format!("{HEAD}A,400,old,,,,\nB,404,b,,,,\n");
        let ext = format!("{HEAD}A,503 Busy,new,,A2,,true\nC,400,c,,,,\n");
        let (catalog, problems) = tables(&[("base.csv", &base), ("ext.csv", &ext)]);
        assert!(problems.is_empty(), "{problems:?}");
        let codes: Vec<&str> = catalog.entries.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["A", "B", "C"]);
        let a = &catalog.entries[0];
        assert_eq!(
            (a.description.as_str(), a.retryable, a.aliases.clone()),
            ("new", true, vec!["A2".to_owned()])
        );
        assert_eq!(
            a.overridden_at.as_ref().map(Location::short).as_deref(),
            Some("ext.csv:2")
        );
        assert_eq!(catalog.sources, ["base.csv", "ext.csv"]);
    }

    #[test]
    fn override_errors() {
        let base = format!("{HEAD}A,400,old,,,,\n");
        let ext = format!("{HEAD}A,400,again,,,,\nZ,400,z,,,,true\nA,400,x,Other,,,true\n");
        let (_, problems) = tables(&[("base.csv", &base), ("ext.csv", &ext)]);
        assert!(
            problems[0].starts_with("ext.csv:2:1: code `A` is already defined by base.csv:2"),
            "{problems:?}"
        );
        assert!(problems[1].starts_with(
            "ext.csv:3:1: this row overrides code `Z`, but no earlier source defines it"
        ));
        assert!(problems[2].starts_with("ext.csv:4:1: code `A` appears twice in this file"));
    }

    #[test]
    fn bad_codes_and_variants() {
        let text = format!(
            "{HEAD}\" A\",400,x,,,,\n\"B\tC\",400,x,,,,\nSelf,400,x,,,,\n404x,400,x,,,,\n--,400,x,,,,\nD,400,x,not ok,,,\nE,400,x,lower,,,\nALL,400,x,,,,\n"
        );
        let (catalog, problems) = tables(&[("t.csv", &text)]);
        let expected = [
            "t.csv:2:1: code ` A` has leading or trailing whitespace",
            "t.csv:3:1: code `B\\tC` contains the control character U+0009",
            "t.csv:4:1: the variant derived from code `Self`, `Self`, is a Rust keyword",
            "t.csv:5:1: the variant derived from code `404x`, `404x`, starts with a digit",
            "t.csv:6:1: cannot derive a variant name from code `--`",
            "t.csv:7:9: `not ok` in the `variant` column is not a Rust identifier",
            "t.csv:8:9: variant `lower` is not UpperCamelCase",
            "t.csv:9:1: variant `ALL` would clash",
        ];
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
        for (message, prefix) in problems.iter().zip(expected) {
            assert!(message.starts_with(prefix), "{message}");
        }
        assert!(catalog.entries.is_empty());
    }

    #[test]
    fn an_override_keeps_the_earlier_sources_and_adds_its_own() {
        let head = "code,http_status,description,solution,source,override\n";
        let base = format!("{head}A,400,old,fix,p1; p2,\nB,400,b,,p1,\nC,400,c,,p3,\n");
        let ext = format!("{head}A,503,new,,p2; p9,true\nB,400,b2,,,true\nC,400,c2,,p4,true\n");
        let (catalog, problems) = tables(&[("base.csv", &base), ("ext.csv", &ext)]);
        assert!(problems.is_empty(), "{problems:?}");
        let sources: Vec<Option<&str>> = catalog
            .entries
            .iter()
            .map(|e| e.source.as_deref())
            .collect();
        assert_eq!(sources, [Some("p1; p2; p9"), Some("p1"), Some("p3; p4")]);
        let a = &catalog.entries[0];
        // The solution cell is empty in the override: it replaces the old one.
        assert_eq!(
            (a.description.as_str(), a.solution.as_deref()),
            ("new", None)
        );
        assert_eq!(a.defined_at.short(), "base.csv:2");
    }

    #[test]
    fn an_override_makes_the_same_entry_as_a_new_row_but_for_what_it_keeps() {
        let row = "A,503 Busy,new,A2,true";
        let head = "code,http_status,description,aliases,retryable";
        let fresh = tables(&[("ext.csv", &format!("{head}\n{row}\n"))]).0;
        let base = format!("{head},variant\nA,400,old,A1,false,Named\n");
        let ext = format!("{head},override\n{row},true\n");
        let over = tables(&[("base.csv", &base), ("ext.csv", &ext)]).0;
        let (fresh, over) = (&fresh.entries[0], &over.entries[0]);
        let expected = Entry {
            variant: "Named".to_owned(),
            defined_at: over.defined_at.clone(),
            overridden_at: Some(fresh.defined_at.clone()),
            variant_at: over.variant_at.clone(),
            ..fresh.clone()
        };
        assert_eq!(over, &expected);
        assert_eq!(over.defined_at.short(), "base.csv:2");
    }
}
