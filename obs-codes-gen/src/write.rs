//! Writing rows back as a table the generator reads: the inverse of the table reader.

use crate::table::{Column, Row};

/// The CSV text of `rows` with the given columns, in that order: a header of the
/// columns' names, then one record per row, `\n` line ends. Fields are quoted when
/// they must be (a comma, a quote, a line break, surrounding spaces, a leading `#`
/// that would read as a comment), so reading the text back gives the same rows.
///
/// ```
/// use obs_codes_gen::{Column, Problems, SourceText, Table};
///
/// let source = SourceText {
///     name: "t.csv".to_owned(),
///     text: "code,http_status,description,solution\nNoSuchKey,404,\"No key, none\",\n".to_owned(),
///     tracked_path: None,
/// };
/// let mut problems = Problems::default();
/// let table = Table::parse(&source, &mut problems);
/// assert!(problems.is_empty());
/// // The empty `solution` column is left out; the comma is quoted.
/// let columns = Column::used_by(&table.rows);
/// assert_eq!(
///     obs_codes_gen::to_csv(&columns, &table.rows),
///     "code,description,http_status\nNoSuchKey,\"No key, none\",404\n",
/// );
/// ```
#[must_use]
pub fn to_csv(columns: &[Column], rows: &[Row]) -> String {
    let mut out = String::new();
    let header: Vec<&str> = columns.iter().map(|c| c.name()).collect();
    record(&mut out, header.iter().copied());
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|&column| row.cell_text(column))
            .collect();
        record(&mut out, cells.iter().map(String::as_str));
    }
    out
}

impl Column {
    /// The columns a set of rows needs: the required ones, then every optional column
    /// at least one row has a value for, in [`Column::NAMES`] order.
    #[must_use]
    pub fn used_by(rows: &[Row]) -> Vec<Column> {
        Column::NAMES
            .iter()
            .map(|(column, _)| *column)
            .filter(|&column| {
                column.is_required() || rows.iter().any(|row| !row.cell_text(column).is_empty())
            })
            .collect()
    }
}

impl Row {
    /// The text of this row's cell in `column`, as the table reader reads it back
    /// (`N/A` for no status, `true`/`false` or empty for a flag, aliases joined by
    /// `|`).
    #[must_use]
    pub fn cell_text(&self, column: Column) -> String {
        let flag = |value: Option<bool>| match value {
            Some(true) => "true".to_owned(),
            Some(false) => "false".to_owned(),
            None => String::new(),
        };
        match column {
            Column::Code => self.code.value.clone(),
            Column::Description => self.description.clone(),
            Column::Status => self
                .status
                .as_ref()
                .map_or_else(|| "N/A".to_owned(), ToString::to_string),
            Column::Variant => self
                .variant
                .as_ref()
                .map(|cell| cell.value.clone())
                .unwrap_or_default(),
            Column::Aliases => self
                .aliases
                .iter()
                .map(|alias| alias.value.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            Column::Retryable => flag(self.retryable),
            Column::Solution => self.solution.clone().unwrap_or_default(),
            Column::Override => flag(self.is_override.then_some(true)),
            Column::Source => self.source.clone().unwrap_or_default(),
        }
    }
}

fn record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, value) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let quote = value.contains([',', '"', '\n', '\r'])
            || value.trim() != value
            || (i == 0 && value.starts_with('#'))
            || (i == 0 && value.is_empty());
        if quote {
            out.push('"');
            out.push_str(&value.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(value);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problems;
    use crate::source::SourceText;

    fn read(text: &str) -> Vec<Row> {
        let mut problems = Problems::default();
        let source = SourceText {
            name: "t.csv".into(),
            text: text.into(),
            tracked_path: None,
        };
        let table = crate::Table::parse(&source, &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.messages());
        table.rows
    }

    #[test]
    fn tables_read_back_as_written() {
        let text = "code,description,http_status,variant,aliases,retryable,solution,override,source\n\
            \"#Hash\",\"a, \"\"quoted\"\"\nline\",404 Not Found,Hash,A|B,true,\" pad \",true,p1; p2\n\
            Plain,**bold**,N/A,,,,,,\n";
        let rows = read(text);
        let columns = Column::used_by(&rows);
        assert_eq!(columns.len(), 9);
        let written = to_csv(&columns, &rows);
        let again = read(&written);
        let values = |rows: &[Row]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|row| columns.iter().map(|&c| row.cell_text(c)).collect())
                .collect()
        };
        assert_eq!(values(&again), values(&rows));
        assert_eq!(again[0].code.value, "#Hash");
        assert_eq!(again[0].description, "a, \"quoted\"\nline");
    }

    #[test]
    fn only_the_columns_in_use_are_written() {
        let rows = read("code,http_status,description,solution\nA,400,x,\n");
        assert_eq!(
            to_csv(&Column::used_by(&rows), &rows),
            "code,description,http_status\nA,x,400\n"
        );
    }
}
