//! The column schema: each column declared once, with its name, the other spellings a
//! header may use and whether every table must have it.

use super::record::Record;
use crate::problem::Problems;
use crate::suggest::{SuggestionLimits, closest};

/// Declares [`Column`], [`Column::NAMES`], [`Column::name`] and
/// [`Column::is_required`] from one line per column.
macro_rules! columns {
    ($($(#[$doc:meta])* $column:ident = $name:literal $(or [$($also:literal),+])?, $required:literal;)+) => {
        /// The columns a table may have.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Column {
            $($(#[$doc])* $column,)+
        }

        impl Column {
            /// Every column, in table order, with the header names that select it: its
            /// name, then its other spellings (compared with case, spaces, `_` and `-`
            /// ignored).
            pub const NAMES: [(Column, &'static [&'static str]); [$(Column::$column),+].len()] =
                [$((Column::$column, &[$name $($(, $also)+)?])),+];

            /// The name a message uses for the column.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(Column::$column => $name,)+
                }
            }

            /// True for the columns every table must have.
            #[must_use]
            pub fn is_required(self) -> bool {
                match self {
                    $(Column::$column => $required,)+
                }
            }
        }
    };
}

columns! {
    /// `code`, `Error Code`: the wire code. Required.
    Code = "code" or ["Error Code"], true;
    /// `description`, `Error Message`. Required.
    Description = "description" or ["Error Message"], true;
    /// `http_status`, `HTTP Status Code`, `Status Code`, `status`. Required.
    Status = "http_status" or ["HTTP Status Code", "Status Code", "status"], true;
    /// `variant`: the Rust name.
    Variant = "variant", false;
    /// `aliases`: other wire spellings, `|`-separated.
    Aliases = "aliases", false;
    /// `retryable`: `true`, `false` or empty.
    Retryable = "retryable", false;
    /// `solution`: what to do about the error.
    Solution = "solution", false;
    /// `override`: replaces a code of an earlier source.
    Override = "override", false;
    /// `source`: where the row comes from (the pages that document the code).
    Source = "source", false;
}

impl Column {
    /// The column a header cell names, if any: its name or another spelling, case,
    /// spaces, `_` and `-` ignored.
    ///
    /// ```
    /// use obs_codes_gen::Column;
    ///
    /// assert_eq!(Column::from_header("HTTP Status Code"), Some(Column::Status));
    /// assert_eq!(Column::from_header("http_staus"), None);
    /// assert_eq!(Column::closest("http_staus"), Some("http_status"));
    /// ```
    #[must_use]
    pub fn from_header(header: &str) -> Option<Column> {
        let normalized = normalize_header(header);
        for (column, name) in normalized_names() {
            if *name == normalized {
                return Some(*column);
            }
        }
        None
    }

    /// The column name a misspelt header most likely meant: one or two edits away
    /// from an accepted name (`http_staus`), else `None`.
    #[must_use]
    pub fn closest(header: &str) -> Option<&'static str> {
        let normalized = normalize_header(header);
        // Long cells are no header typo; the bound keeps the distance cheap.
        if normalized.len() > 40 {
            return None;
        }
        let names = normalized_names();
        let limits = SuggestionLimits {
            distance: 2,
            contained_from: None,
            count: 1,
        };
        let mut spellings: Vec<&str> = Vec::with_capacity(names.len());
        for (_, name) in names {
            spellings.push(name);
        }
        let closest = closest(&normalized, spellings, limits);
        let found = *closest.first()?;
        for (column, name) in names {
            if name == found {
                return Some(column.name());
            }
        }
        None
    }
}

/// Every accepted name, normalised, with its column: once, as a wide header asks for
/// every one of its cells.
fn normalized_names() -> &'static [(Column, String)] {
    static NAMES: std::sync::OnceLock<Vec<(Column, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all = Vec::new();
        for (column, names) in Column::NAMES {
            for name in names {
                all.push((column, normalize_header(name)));
            }
        }
        all
    })
}

/// A header cell as compared with the accepted names: lower case, no spaces, `_` or `-`.
fn normalize_header(header: &str) -> String {
    let mut normalized = String::with_capacity(header.len());
    for c in header.chars() {
        if !matches!(c, ' ' | '_' | '-') {
            normalized.extend(c.to_lowercase());
        }
    }
    normalized
}

pub(super) fn header_columns(
    header: &Record,
    problems: &mut Problems,
) -> Option<Vec<Option<Column>>> {
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.fields.len());
    // The closest column name of each unknown cell, asked once per cell.
    let mut closest: Vec<Option<&str>> = Vec::with_capacity(header.fields.len());
    for cell in &header.fields {
        let column = Column::from_header(&cell.value);
        columns.push(column);
        closest.push(match column {
            None => Column::closest(&cell.value),
            Some(_) => None,
        });
    }
    let first = header.fields[0].at.clone();
    if !columns.iter().any(Option::is_some) {
        // Nothing matches: this is not a table (or not this kind); one error says so.
        problems
            .at(
                first,
                "the first record is not a table header: no known column name in it",
            )
            .hint(accepted_columns());
        return None;
    }
    let mut ok = true;
    let accepted = accepted_columns();
    // The first field of each column: a handful, so that a wide header stays linear.
    let mut firsts: Vec<(Column, usize)> = Vec::new();
    for (i, cell) in header.fields.iter().enumerate() {
        match &columns[i] {
            None => {
                let problem =
                    problems.at(cell.at.clone(), format!("unknown column `{}`", cell.value));
                match closest[i] {
                    Some(name) => problem.hint(format!("did you mean `{name}`?")),
                    None => problem.hint(accepted.clone()),
                }
                ok = false;
            }
            Some(column) => {
                let mut earlier = None;
                for &(c, at) in &firsts {
                    if c == *column {
                        earlier = Some(at);
                    }
                }
                if earlier.is_none() {
                    firsts.push((*column, i));
                }
                if let Some(earlier) = earlier {
                    let first = &header.fields[earlier];
                    problems
                        .at(
                            cell.at.clone(),
                            format!(
                                "column `{}` appears twice (first as `{}`, field {} at {}:{})",
                                column.name(),
                                first.value,
                                earlier + 1,
                                first.at.line,
                                first.at.column
                            ),
                        )
                        .hint("keep one of the two columns");
                    ok = false;
                }
            }
        }
    }
    // A misspelt required column is reported once, at the misspelling.
    for (column, _) in Column::NAMES {
        if column.is_required()
            && !columns.contains(&Some(column))
            && !closest.contains(&Some(column.name()))
        {
            problems
                .at(
                    first.clone(),
                    format!("the header has no `{}` column", column.name()),
                )
                .hint(accepted.clone());
            ok = false;
        }
    }
    ok.then_some(columns)
}

/// The columns a header may name, for the hint of a header that names none.
fn accepted_columns() -> String {
    format!(
        "accepted columns (case, spaces, `_` and `-` ignored): {} are required; {} are optional",
        listed_columns(true),
        listed_columns(false)
    )
}

/// The required or the optional columns, each with its other spellings, comma-separated.
fn listed_columns(required: bool) -> String {
    let mut listed = String::new();
    for (column, names) in Column::NAMES {
        if column.is_required() != required {
            continue;
        }
        if !listed.is_empty() {
            listed.push_str(", ");
        }
        listed.push_str(column.name());
        for (i, also) in names[1..].iter().enumerate() {
            listed.push_str(if i == 0 { " (or " } else { ", " });
            listed.push_str(also);
        }
        if names.len() > 1 {
            listed.push(')');
        }
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_lists_every_column_from_the_one_declaration() {
        assert_eq!(
            accepted_columns(),
            "accepted columns (case, spaces, `_` and `-` ignored): code (or Error Code), \
             description (or Error Message), http_status (or HTTP Status Code, Status Code, \
             status) are required; variant, aliases, retryable, solution, override, source \
             are optional"
        );
    }

    #[test]
    fn every_spelling_selects_its_column() {
        for (column, names) in Column::NAMES {
            for name in names {
                assert_eq!(Column::from_header(name), Some(column), "{name}");
            }
        }
        assert_eq!(Column::from_header("HTTP-status"), Some(Column::Status));
        assert_eq!(Column::from_header("stat"), None);
        assert_eq!(Column::closest("http_staus"), Some("http_status"));
    }
}
