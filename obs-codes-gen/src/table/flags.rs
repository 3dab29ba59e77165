//! The `true`/`false` flag cells and the `|`-separated aliases cell.

use super::Cell;
use super::column::Column;
use crate::problem::{Location, Problems};

impl Cell {
    /// A `true`/`false` cell of `column` (`retryable`, `override`): `None` when empty, or
    /// when the value is neither (reported at the cell, with a hint).
    ///
    /// ```
    /// use obs_codes_gen::{Cell, Column, Location, Problems};
    ///
    /// let cell = |value: &str| Cell { value: value.to_owned(), at: Location::at("t.csv", 2, 7) };
    /// let mut problems = Problems::default();
    /// assert_eq!(cell("true").parse_flag(Column::Retryable, &mut problems), Some(true));
    /// assert_eq!(cell("").parse_flag(Column::Retryable, &mut problems), None);
    /// assert!(problems.is_empty());
    /// assert_eq!(cell("yes").parse_flag(Column::Retryable, &mut problems), None);
    /// assert_eq!(problems.iter().next().unwrap().message, "`yes` is not a valid `retryable` value");
    /// ```
    #[must_use]
    pub fn parse_flag(&self, column: Column, problems: &mut Problems) -> Option<bool> {
        match self.value.trim() {
            "" => None,
            "true" => Some(true),
            "false" => Some(false),
            other => {
                problems
                    .at(
                        self.at.clone(),
                        format!("`{other}` is not a valid `{}` value", column.name()),
                    )
                    .hint("write `true`, `false`, or leave the cell empty");
                None
            }
        }
    }

    /// An `aliases` cell split at `|`, each alias trimmed and located; an empty alias is
    /// reported where it is. The one definition of the alias list, for tables and for the
    /// files that set aliases (the command's fixes file).
    ///
    /// ```
    /// use obs_codes_gen::{Cell, Location, Problems};
    ///
    /// let cell = Cell { value: "KeyTooLong | KeyTooLongError".to_owned(), at: Location::at("t.csv", 2, 7) };
    /// let mut problems = Problems::default();
    /// let aliases = cell.split_aliases(&mut problems);
    /// assert_eq!(aliases[1].value, "KeyTooLongError");
    /// assert_eq!(aliases[1].at.to_string(), "t.csv:2:20");
    /// ```
    #[must_use]
    pub fn split_aliases(&self, problems: &mut Problems) -> Vec<Cell> {
        if self.value.trim().is_empty() {
            return Vec::new();
        }
        let mut aliases = Vec::new();
        let mut offset = 0;
        for part in self.value.split('|') {
            let leading = part.len() - part.trim_start().len();
            // Columns inside a quoted field are approximate; they are exact for plain ones.
            let column = self.at.column + self.value[..offset + leading].chars().count();
            let at = Location {
                column,
                ..self.at.clone()
            };
            let alias = part.trim();
            if alias.is_empty() {
                problems.at(at, "empty alias").hint(
                    "separate aliases with a single `|`, e.g. `KeyTooLongError|KeyTooLongException`",
                );
            } else {
                aliases.push(Cell {
                    value: alias.to_owned(),
                    at,
                });
            }
            offset += part.len() + 1;
        }
        aliases
    }
}
