//! The `true`/`false` flag cells and the `|`-separated aliases cell.

use super::Cell;
use super::column::Column;
use crate::problem::{Location, Problems};

/// A `true`/`false` cell of `column` (`retryable`, `override`): `None` when empty, or
/// when the value is neither (reported at the cell, with a hint).
pub fn parse_flag(cell: &Cell, column: Column, problems: &mut Problems) -> Option<bool> {
    match cell.value.trim() {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        other => {
            problems
                .at(
                    cell.at.clone(),
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
pub fn split_aliases(cell: &Cell, problems: &mut Problems) -> Vec<Cell> {
    if cell.value.trim().is_empty() {
        return Vec::new();
    }
    let mut aliases = Vec::new();
    let mut offset = 0;
    for part in cell.value.split('|') {
        let leading = part.len() - part.trim_start().len();
        // Columns inside a quoted field are approximate; they are exact for plain ones.
        let column = cell.at.column + cell.value[..offset + leading].chars().count();
        let at = Location {
            column,
            ..cell.at.clone()
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
