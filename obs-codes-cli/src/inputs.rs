//! The tables a command works on, all read and checked by the generator: sources named
//! as in the macro (`obs`, or a CSV path), or an upstream page imported into rows.

use crate::diagnostic::{Error, read_text, render};
use crate::{fixes, page};
use obs_codes_gen::catalog::{self, Catalog, Entry};
use obs_codes_gen::source::BUNDLED_NAME;
use obs_codes_gen::table::Column;
use obs_codes_gen::{Loaded, Problem, Problems, Row, Source, Table};
use std::path::Path;

/// Sources as the command line names them: `obs` is the bundled table, anything else a
/// path relative to the current directory, and messages name it as written.
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
        vec![BUNDLED_NAME.to_owned()]
    } else {
        args.to_vec()
    }
}

/// Reads and checks `args` as the macro does (the current directory standing for the
/// calling crate's): the loaded tables, or their problems as the build reports them.
pub fn load(args: &[String]) -> Result<Loaded, Error> {
    let loaded = obs_codes_gen::load(&sources(args)?, Path::new("."));
    if loaded.problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Error::problems(&loaded.problems))
    }
}

/// A page imported into table rows, checked as a table.
#[derive(Debug)]
pub struct Imported {
    /// The checked rows.
    pub catalog: Catalog,
    /// The table as CSV, read back by the generator before it is returned.
    pub csv: String,
    /// Notes and warnings about the page, rendered, in page order.
    pub warnings: String,
}

/// Imports a page, applying `fixes`; the rows are checked by the generator as a table
/// (so every problem is located in the page or the fixes file), and the CSV written
/// from them is read back by the generator's loader. Codes with a space that no fix
/// mentions get a warning: authors of the vendor's pages break long names by hand.
pub fn import(path: &Path, fixes: Option<&[fixes::Fix]>) -> Result<Imported, Error> {
    let text = read_text(path)?;
    import_text(&path.display().to_string(), &text, fixes)
}

/// [`import`] of a page's text, named `name` in messages.
pub fn import_text(
    name: &str,
    text: &str,
    fixes: Option<&[fixes::Fix]>,
) -> Result<Imported, Error> {
    let mut page = page::read(name, text).map_err(|list| Error::from(collect(list)))?;
    if let Some(fixes) = fixes {
        fixes::apply(&mut page.rows, fixes)?;
    }
    let mut diagnostics: Vec<(&Problem, &str)> = page.notes.iter().map(|n| (n, "note")).collect();
    let unfixed_spaces: Vec<Problem> = page
        .rows
        .iter()
        .filter(|r| r.code.value.contains(char::is_whitespace))
        .filter(|r| !fixes.is_some_and(|f| fixes::mentions(f, &r.code.value)))
        .map(|r| {
            let message = format!(
                "code `{}` contains a space: if the page wrapped it, give its wire code in a fixes file (--fixes)",
                r.code.value
            );
            crate::diagnostic::problem(r.code.at.clone(), message)
        })
        .collect();
    diagnostics.extend(unfixed_spaces.iter().map(|w| (w, "warning")));
    diagnostics.sort_by_key(|(p, _)| p.location.as_ref().map(|l| (l.line, l.column)));
    let warnings: String = diagnostics
        .iter()
        .map(|(p, kind)| render(kind, p) + "\n")
        .collect();

    let mut columns = vec![Column::Code, Column::Status];
    if fixes.is_some() {
        columns.extend([Column::Retryable, Column::Aliases]);
    }
    columns.push(Column::Description);
    if page.has_solution {
        columns.push(Column::Solution);
    }
    let table = Table {
        name: name.to_owned(),
        tracked_path: None,
        rows: page.rows,
    };
    let mut problems = Problems::default();
    let catalog = catalog::check(std::slice::from_ref(&table), &mut problems);
    if !problems.is_empty() {
        return Err(Error::problems(&problems));
    }
    let csv = obs_codes_gen::write::csv(&columns, &table.rows);
    read_back(name, &csv, &catalog)?;
    Ok(Imported {
        catalog,
        csv,
        warnings,
    })
}

/// Checks that `csv`, written from the rows of `catalog`, reads back as the same codes:
/// what `import` writes, the macro reads.
fn read_back(name: &str, csv: &str, catalog: &Catalog) -> Result<(), Error> {
    let written = format!("{name} (as written)");
    let (again, problems) = obs_codes_gen::load_bytes(&[(&written, csv.as_bytes())]);
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
            code: obs_codes_gen::table::Cell {
                value: entry.code.clone(),
                at: entry.defined_at.clone(),
            },
            variant: (entry.variant != catalog::derive_variant(&entry.code)).then(|| {
                obs_codes_gen::table::Cell {
                    value: entry.variant.clone(),
                    at: entry.defined_at.clone(),
                }
            }),
            aliases: entry
                .aliases
                .iter()
                .map(|alias| obs_codes_gen::table::Cell {
                    value: alias.clone(),
                    at: entry.defined_at.clone(),
                })
                .collect(),
            status: entry.status.clone(),
            retryable: Some(entry.retryable),
            description: entry.description.clone(),
            solution: entry.solution.clone(),
            is_override: false,
            source: entry.source.clone(),
            complete: true,
        })
        .collect()
}
