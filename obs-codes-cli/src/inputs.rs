//! The tables a command works on, all read and checked by the generator: sources named
//! as in the macro (`obs`, or a CSV path), or an upstream page imported into rows.

use crate::diagnostic::{Error, read_text, render};
use crate::{fixes, merge, page};
use obs_codes_gen::{
    Catalog, Column, Entry, Loaded, Problem, Problems, Row, Source, SourceText, Table,
};
use std::path::{Path, PathBuf};

/// Sources as the command line names them: `obs` is the bundled table, anything else a
/// path relative to the current directory, and messages name it as written.
///
/// # Errors
///
/// A usage error when an argument is empty.
pub fn sources(args: &[String]) -> Result<Vec<Source>, Error> {
    if args.iter().any(String::is_empty) {
        return Err(Error::Usage(
            "a table path is empty: name a CSV file, or `obs` for the bundled table".to_owned(),
        ));
    }
    Ok(args.iter().map(|arg| Source::from_arg(arg)).collect())
}

/// The bundled table, when no source is named.
pub fn or_bundled(args: &[String]) -> Vec<String> {
    if args.is_empty() {
        vec![Source::BUNDLED_NAME.to_owned()]
    } else {
        args.to_vec()
    }
}

/// Reads and checks `args` as the macro does (the current directory standing for the
/// calling crate's): the loaded tables, or their problems as the build reports them.
///
/// # Errors
///
/// An empty argument (see [`sources`]), or every problem found in the tables.
pub fn load(args: &[String]) -> Result<Loaded, Error> {
    let loaded = obs_codes_gen::load(&sources(args)?, Path::new("."));
    if loaded.problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Error::problems(&loaded.problems))
    }
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
    pub sources: String,
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
    pub strictness: merge::Fixes,
}

/// Imports pages, applying fixes and appending curated rows (see [`merge`]); the rows are
/// checked by the generator as a table (so every problem is located in a page, the fixes
/// file or the curated table), and the CSV written from them is read back by the
/// generator's loader. Codes with a space that no fix mentions get a warning: authors
/// of the vendor's pages break long names by hand.
///
/// # Errors
///
/// A page or the curated table cannot be read (every such file is reported), or the
/// problems [`import_texts`] reports.
pub fn import(request: Request<'_>) -> Result<Imported, Error> {
    let mut texts = Vec::new();
    let mut failed: Option<Error> = None;
    for path in request.pages {
        match read_text(path) {
            Ok(text) => texts.push(PageText {
                id: merge::page_id(path),
                name: path.display().to_string(),
                text,
            }),
            Err(error) => failed = Some(join(failed, error)),
        }
    }
    let curated = match request
        .curated
        .map(|path| Ok((path.display().to_string(), read_text(path)?)))
    {
        Some(Ok(curated)) => Some(curated),
        Some(Err(error)) => {
            failed = Some(join(failed, error));
            None
        }
        None => None,
    };
    if let Some(error) = failed {
        return Err(error);
    }
    import_texts(
        &texts,
        request.fixes,
        curated
            .as_ref()
            .map(|(name, text)| (name.as_str(), text.as_str())),
        request.strictness,
    )
}

fn join(first: Option<Error>, next: Error) -> Error {
    match first {
        Some(first) => first.join(next),
        None => next,
    }
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
///
/// # Errors
///
/// As [`import_texts`].
pub fn import_text(
    name: &str,
    text: &str,
    fixes: Option<&[fixes::Fix]>,
) -> Result<Imported, Error> {
    let page = PageText {
        id: merge::page_id(Path::new(name)),
        name: name.to_owned(),
        text: text.to_owned(),
    };
    import_texts(&[page], fixes, None, merge::Fixes::Every)
}

/// [`import`] of pages' texts and the curated table's (name, text).
///
/// # Errors
///
/// Every problem found: in a page's tables, the fixes or the curated table, the merge,
/// or the merged rows checked as a table.
pub fn import_texts(
    pages: &[PageText],
    fixes: Option<&[fixes::Fix]>,
    curated: Option<(&str, &str)>,
    strictness: merge::Fixes,
) -> Result<Imported, Error> {
    let mut read = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut diagnostics: Vec<(Problem, &str)> = Vec::new();
    for page in pages {
        match page::read(&page.name, &page.text) {
            Ok(rows) => {
                diagnostics.extend(rows.notes.iter().map(|n| (n.clone(), "note")));
                read.push(merge::PageRows {
                    id: page.id.clone(),
                    page: rows,
                });
            }
            Err(list) => problems.extend(list),
        }
    }
    let mut curated_problems = Problems::default();
    let curated_rows = curated.map_or_else(Vec::new, |(name, text)| {
        let source = SourceText {
            name: name.to_owned(),
            text: text.to_owned(),
            tracked_path: None,
        };
        obs_codes_gen::Table::parse(&source, &mut curated_problems).rows
    });
    problems.extend(curated_problems.iter().cloned());
    if !problems.is_empty() {
        return Err(collect(problems).into());
    }
    let merged = merge::merge(&read, fixes.unwrap_or_default(), &curated_rows, strictness)?;

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
            (crate::diagnostic::problem(r.code.at.clone(), message), "warning")
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
    let sources = merge::explain(&merged);
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
    let mut problems = Problems::default();
    let catalog = Catalog::check(std::slice::from_ref(&table), &mut problems);
    if !problems.is_empty() {
        return Err(Error::problems(&problems));
    }
    let csv = obs_codes_gen::to_csv(&columns, &table.rows);
    read_back(&name, &csv, &catalog)?;
    Ok(Imported {
        catalog,
        csv,
        warnings,
        sources,
    })
}

/// Checks that `csv`, written from the rows of `catalog`, reads back as the same codes:
/// what `import` writes, the macro reads.
fn read_back(name: &str, csv: &str, catalog: &Catalog) -> Result<(), Error> {
    let written = format!("{name} (as written)");
    let obs_codes_gen::Loaded {
        catalog: again,
        problems,
        ..
    } = obs_codes_gen::load_bytes(&[(&written, csv.as_bytes())]);
    if !problems.is_empty() {
        return Err(Error::problems(&problems));
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
        return Err(Error::Invalid(vec![format!(
            "error: {written}: the table written does not read back as the rows imported (a bug in obs-codes: please report it)"
        )]));
    }
    Ok(())
}

/// Problems in the order given, as one report.
pub fn collect(list: Vec<Problem>) -> Problems {
    let mut problems = Problems::default();
    for problem in list {
        let location = problem
            .location
            .unwrap_or_else(|| obs_codes_gen::Location::file(""));
        let added = problems.at(location, problem.message);
        if let Some(hint) = problem.hint {
            added.hint(hint);
        }
    }
    problems
}

/// Rows of a loaded table that one `Row` per catalog entry describes, for writing.
pub fn rows_of(catalog: &Catalog) -> Vec<Row> {
    catalog
        .entries
        .iter()
        .map(|entry| Row {
            variant: (entry.variant != Entry::derive_variant(&entry.code)).then(|| {
                obs_codes_gen::Cell {
                    value: entry.variant.clone(),
                    at: entry.defined_at.clone(),
                }
            }),
            aliases: entry
                .aliases
                .iter()
                .map(|alias| obs_codes_gen::Cell {
                    value: alias.clone(),
                    at: entry.defined_at.clone(),
                })
                .collect(),
            status: entry.status.clone(),
            retryable: Some(entry.retryable),
            description: entry.description.clone(),
            solution: entry.solution.clone(),
            source: entry.source.clone(),
            ..Row::new(obs_codes_gen::Cell {
                value: entry.code.clone(),
                at: entry.defined_at.clone(),
            })
        })
        .collect()
}
