//! The tables a command works on, all read and checked by the generator: sources named
//! as in the macro (`obs`, or a CSV path).

use crate::diagnostic::Error;
use obs_codes_gen::catalog::{self, Catalog};
use obs_codes_gen::source::BUNDLED_NAME;
use obs_codes_gen::{Loaded, Row, Source};
use std::path::Path;

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
        vec![BUNDLED_NAME.to_owned()]
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

/// Rows of a loaded table that one `Row` per catalog entry describes, for writing.
pub fn rows_of(catalog: &Catalog) -> Vec<Row> {
    catalog
        .entries
        .iter()
        .map(|entry| Row {
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
            source: entry.source.clone(),
            ..Row::new(obs_codes_gen::table::Cell {
                value: entry.code.clone(),
                at: entry.defined_at.clone(),
            })
        })
        .collect()
}
