//! The import pipeline: upstream pages read into rows (`page`, over the table readers
//! that `formats` picks: `html`, the reStructuredText ones `rst`, `list_table` and
//! `simple_table`, and `pipe_table`, each cell's text in markdown by
//! `rst_to_markdown`), merged with the
//! fixes and curated rows (`fixes`, `merge`), checked as a table, with the report of
//! where each value comes from (`sources`).

pub mod fixes;
pub mod formats;
pub mod html;
pub mod list_table;
pub mod merge;
pub mod page;
pub mod pipe_table;
pub mod rst;
pub mod rst_to_markdown;
pub mod simple_table;
pub mod sources;

use crate::diagnostic::{self, render};
use crate::inputs::read_text;
use obs_codes_gen::{Catalog, Column, Entry, SourceText};
use obs_codes_gen::{Location, Problem, Problems, Table};
use std::path::{Path, PathBuf};

/// True when `path` names an upstream page rather than a table: its extension is one of
/// [`formats::PAGE_EXTENSIONS`].
pub fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        formats::PAGE_EXTENSIONS
            .iter()
            .any(|page| e.eq_ignore_ascii_case(page))
    })
}

/// Pages imported into table rows, checked as a table.
#[derive(Debug)]
pub struct Imported {
    /// The checked rows.
    pub catalog: Catalog,
    /// The table as CSV, read back by the generator before it is returned.
    pub csv: String,
    /// Notes and warnings about the pages, rendered, page by page in page order.
    pub warnings: String,
    /// Which page gave what, per code (the report of `import --explain-sources`).
    pub sources_report: String,
}

/// What to import: pages in order, fixes, curated rows.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The pages, in order.
    pub pages: &'a [PathBuf],
    /// The fixes of `--fixes`, read.
    pub fixes: Option<&'a [fixes::Fix]>,
    /// The curated table of `--extra`.
    pub curated: Option<&'a Path>,
    /// Whether every fix must match a code.
    pub strictness: merge::Strictness,
}

/// Imports pages, applying fixes and appending curated rows (see [`merge`]); the rows are
/// checked by the generator as a table (so every problem is located in a page, the fixes
/// file or the curated table), and the CSV written from them is read back by the
/// generator's loader. Codes with a space that no fix mentions get a warning: authors
/// of the vendor's pages break long names by hand.
///
/// Every page and the curated table are read, and every page's tables, before the
/// first problem stops the import: so a page that cannot be read, a bad fixes file the
/// caller reported to `problems` first and a bad page are all reported at once.
///
/// `None` when `problems` holds a problem: every file that cannot be read, or what
/// [`import_texts`] reports.
pub fn import(request: Request<'_>, problems: &mut Problems) -> Option<Imported> {
    let texts: Vec<PageText> = request
        .pages
        .iter()
        .filter_map(|path| {
            Some(PageText {
                id: merge::page_id(path),
                name: path.display().to_string(),
                text: read_text(path, problems)?,
            })
        })
        .collect();
    let curated = request
        .curated
        .and_then(|path| Some((path.display().to_string(), read_text(path, problems)?)));
    import_texts(
        &texts,
        request.fixes,
        curated
            .as_ref()
            .map(|(name, text)| (name.as_str(), text.as_str())),
        request.strictness,
        problems,
    )
}

/// One page's text, named as in messages and identified as in `source` cells.
#[derive(Debug, Clone)]
pub struct PageText {
    /// The page id: its file stem.
    pub id: String,
    /// The path as written.
    pub name: String,
    /// The page.
    pub text: String,
}

/// [`import`] of one page's text, named `name` in messages, every fix required to match.
/// `None` when `problems` holds a problem, as [`import_texts`].
pub fn import_text(
    name: &str,
    text: &str,
    fixes: Option<&[fixes::Fix]>,
    problems: &mut Problems,
) -> Option<Imported> {
    let page = PageText {
        id: merge::page_id(Path::new(name)),
        name: name.to_owned(),
        text: text.to_owned(),
    };
    import_texts(&[page], fixes, None, merge::Strictness::Every, problems)
}

/// [`import`] of pages' texts and the curated table's (name, text).
///
/// `None` when `problems` holds a problem: every problem found in a page's tables or
/// the curated table (and any the caller found before), else in the merge, else in the
/// merged rows checked as a table.
pub fn import_texts(
    pages: &[PageText],
    fixes: Option<&[fixes::Fix]>,
    curated: Option<(&str, &str)>,
    strictness: merge::Strictness,
    problems: &mut Problems,
) -> Option<Imported> {
    let mut read = Vec::new();
    let mut diagnostics: Vec<(Problem, &str)> = Vec::new();
    for page in pages {
        if let Some(rows) = page::read(&page.name, &page.text, problems) {
            diagnostics.extend(rows.notes.iter().map(|n| (n.clone(), "note")));
            read.push(merge::PageRows {
                id: page.id.clone(),
                page: rows,
            });
        }
    }
    let curated_rows = curated.map_or_else(Vec::new, |(name, text)| {
        let source = SourceText {
            name: name.to_owned(),
            text: text.to_owned(),
            tracked_path: None,
        };
        obs_codes_gen::Table::parse(&source, problems).rows
    });
    if !problems.is_empty() {
        return None;
    }
    let merged = merge::merge(
        &read,
        fixes.unwrap_or_default(),
        &curated_rows,
        strictness,
        problems,
    )?;

    let unfixed_spaces = merged
        .rows
        .iter()
        .filter(|r| r.code.value.contains(char::is_whitespace))
        .filter(|r| !fixes.is_some_and(|f| fixes::mentions(f, &r.code.value)))
        .map(|r| {
            let message = format!(
                "code `{}` contains a space: if the page wrapped it, give its wire code in a fixes file (--fixes)",
                r.code.value
            );
            (diagnostic::problem(r.code.at.clone(), message), "warning")
        });
    diagnostics.extend(unfixed_spaces);
    // Page by page, in page order; in each, by position.
    let order = |p: &Problem| {
        p.location.as_ref().map(|l| {
            let page = pages.iter().position(|t| t.name == l.source);
            (page, l.line, l.column)
        })
    };
    diagnostics.sort_by_key(|(p, _)| order(p));
    let warnings: String = diagnostics
        .iter()
        .map(|(p, kind)| render(kind, p) + "\n")
        .collect();

    let mut columns = vec![Column::Code, Column::Status];
    if fixes.is_some() {
        columns.extend([Column::Retryable, Column::Aliases]);
    }
    columns.push(Column::Description);
    if merged.has_solution || merged.rows.iter().any(|r| r.solution.is_some()) {
        columns.push(Column::Solution);
    }
    if merged.rows.iter().any(|r| r.source.is_some()) {
        columns.push(Column::Source);
    }
    let sources_report = sources::report(&merged);
    let name = pages
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let table = Table {
        name: name.clone(),
        tracked_path: None,
        rows: merged.rows,
    };
    let catalog = obs_codes_gen::Catalog::check(std::slice::from_ref(&table), problems);
    if !problems.is_empty() {
        return None;
    }
    let csv = obs_codes_gen::to_csv(&columns, &table.rows);
    read_back(&name, &csv, &catalog, problems)?;
    Some(Imported {
        catalog,
        csv,
        warnings,
        sources_report,
    })
}

/// Checks that `csv`, written from the rows of `catalog`, reads back as the same codes:
/// what `import` writes, the macro reads. `None` when it does not, reported.
fn read_back(name: &str, csv: &str, catalog: &Catalog, problems: &mut Problems) -> Option<()> {
    let written = format!("{name} (as written)");
    let obs_codes_gen::Loaded {
        catalog: again,
        problems: found,
        ..
    } = obs_codes_gen::load_bytes(&[(&written, csv.as_bytes())]);
    if !found.is_empty() {
        problems.extend(found);
        return None;
    }
    let fields = |e: &Entry| {
        (
            e.code.clone(),
            e.variant.clone(),
            e.aliases.clone(),
            e.status.clone(),
            e.retryable,
            e.description.clone(),
            e.solution.clone(),
            e.source.clone(),
        )
    };
    let differs = catalog
        .entries
        .iter()
        .map(fields)
        .ne(again.entries.iter().map(fields));
    if differs {
        problems.at(
            Location::file(&written),
            "the table written does not read back as the rows imported (a bug in obs-codes: please report it)",
        );
        return None;
    }
    Some(())
}
