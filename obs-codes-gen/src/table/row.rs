//! Row parsing: a record's cells, by column, become a [`Row`].

use super::column::Column;
use super::record::Record;
use super::status::parse_status;
use super::{Cell, Row};
use crate::problem::{Location, Problem, Problems};

/// How many missing columns a "too few fields" message names.
const NAMED: usize = 5;

impl Record {
    /// Reports that this record does not have as many fields as `header`: at its first
    /// extra field, or at its start when fields are missing, naming them. The one message
    /// for every CSV file the generator's reader reads (tables, and the command's fixes
    /// files).
    ///
    /// ```
    /// use obs_codes_gen::{Problems, Record};
    ///
    /// let mut problems = Problems::default();
    /// let records = Record::read_all("t.csv", "code,description\nA,x,y\n", &mut problems);
    /// records[1].report_width(&records[0], &mut problems);
    /// assert_eq!(
    ///     problems.iter().next().unwrap().to_string(),
    ///     "t.csv:2:5: this record has 3 fields but the header has 2\n  \
    ///      help: quote fields that contain commas: \"like, this\"",
    /// );
    /// ```
    pub fn report_width(&self, header: &Record, problems: &mut Problems) {
        let found = self.fields.len();
        let expected = header.fields.len();
        let fields = |n: usize| format!("{n} field{}", if n == 1 { "" } else { "s" });
        if found > expected {
            problems
                .at(
                    self.fields[expected].at.clone(),
                    format!(
                        "this record has {} but the header has {expected}",
                        fields(found)
                    ),
                )
                .hint("quote fields that contain commas: \"like, this\"");
            return;
        }
        let missing: Vec<&Cell> = header.fields.iter().skip(found).collect();
        let mut named: Vec<String> = missing
            .iter()
            .take(NAMED)
            .map(|cell| format!("`{}`", cell.value))
            .collect();
        if missing.len() > NAMED {
            named.push(format!("{} more", missing.len() - NAMED));
        }
        let at = self
            .fields
            .first()
            .map_or_else(|| header.fields[0].at.clone(), |cell| cell.at.clone());
        problems
            .at(
                at,
                format!(
                    "this record has {} but the header has {expected}: no {}",
                    fields(found),
                    named.join(", ")
                ),
            )
            .hint("give every column a field, empty ones too (`a,,c`)");
    }
}

pub(super) fn parse_row(
    record: &Record,
    columns: &[Option<Column>],
    problems: &mut Problems,
) -> Option<Row> {
    let cell = |wanted: Column| -> Option<&Cell> {
        columns
            .iter()
            .position(|c| *c == Some(wanted))
            .map(|i| &record.fields[i])
    };
    let non_empty = |wanted: Column| cell(wanted).filter(|c| !c.value.trim().is_empty());
    let problems_before = problems.len();

    // The three required columns exist: `header_columns` checked.
    let code = cell(Column::Code)?.clone();
    let status_cell = cell(Column::Status)?;
    let description_cell = cell(Column::Description)?;

    let status = parse_status(status_cell, problems);
    let description = description_cell.value.trim().to_owned();
    if let Some(empty) = Row::empty_description(&code.value, &description, &description_cell.at) {
        let added = problems.at(description_cell.at.clone(), empty.message);
        if let Some(hint) = empty.hint {
            added.hint(hint);
        }
    }
    let retryable = cell(Column::Retryable).and_then(|c| c.parse_flag(Column::Retryable, problems));
    let is_override = cell(Column::Override)
        .and_then(|c| c.parse_flag(Column::Override, problems))
        .unwrap_or(false);
    let aliases = cell(Column::Aliases).map_or_else(Vec::new, |c| c.split_aliases(problems));
    let row = Row {
        code,
        variant: non_empty(Column::Variant).cloned(),
        aliases,
        status: status.unwrap_or(None),
        retryable,
        description,
        solution: non_empty(Column::Solution).map(|c| c.value.trim().to_owned()),
        is_override,
        source: non_empty(Column::Source).map(|c| c.value.trim().to_owned()),
        complete: true,
    };
    let complete = problems.len() == problems_before;
    Some(Row { complete, ..row })
}

impl Row {
    /// The problem of an empty description (after trimming) for `code`, located at
    /// `at`: every row needs one. The one check for tables and for the rows the
    /// command imports from a page.
    ///
    /// ```
    /// use obs_codes_gen::{Location, Row};
    ///
    /// let at = Location::at("t.csv", 2, 9);
    /// assert!(Row::empty_description("NoSuchKey", "No such key.", &at).is_none());
    /// let problem = Row::empty_description("NoSuchKey", "  ", &at).unwrap();
    /// assert_eq!(problem.message, "empty description for code `NoSuchKey`");
    /// ```
    #[must_use]
    pub fn empty_description(code: &str, description: &str, at: &Location) -> Option<Problem> {
        description.trim().is_empty().then(|| Problem {
            location: Some(at.clone()),
            message: format!("empty description for code `{code}`"),
            hint: Some("describe what the error means; markdown is allowed".to_owned()),
        })
    }
}
