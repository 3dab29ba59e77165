//! Located problems, collected across all stages and reported together.

use std::fmt;

/// [`Problems::MAX_REPORTED`].
const MAX_REPORTED: usize = 50;

/// A position in a table: the source's name as written in the call, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The path as written in the macro call, or `obs` for the bundled table.
    pub source: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
}

impl Location {
    /// `line` and `column` (1-based) of `source`.
    #[must_use]
    pub fn at(source: &str, line: usize, column: usize) -> Self {
        Location {
            source: source.to_owned(),
            line,
            column,
        }
    }

    /// A problem with the file as a whole (it has no line to point at).
    #[must_use]
    pub fn file(source: &str) -> Self {
        Location::at(source, 0, 0)
    }

    /// `source:line` as used when one message names another row.
    pub(crate) fn short(&self) -> String {
        format!("{}:{}", self.source, self.line)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.source)
        } else {
            write!(f, "{}:{}:{}", self.source, self.line, self.column)
        }
    }
}

/// One problem: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the table, if the problem is in a table.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where a hint helps.
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found so far, in the order found.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    /// How many problems one build reports before summarising the rest.
    pub const MAX_REPORTED: usize = MAX_REPORTED;

    /// Records a problem at `location`; [`Problem::hint`] adds how to fix it.
    ///
    /// ```
    /// use obs_codes_gen::{Location, Problems};
    ///
    /// let mut problems = Problems::default();
    /// problems.at(Location::at("t.csv", 3, 1), "empty code").hint("write the wire code");
    /// problems.at(Location::at("t.csv", 2, 5), "`4O4` is not a status");
    /// // Reported in file order, each as the compiler shows it.
    /// assert_eq!(problems.messages(), [
    ///     "t.csv:2:5: `4O4` is not a status",
    ///     "t.csv:3:1: empty code\n  help: write the wire code",
    /// ]);
    /// ```
    pub fn at(&mut self, location: Location, message: impl Into<String>) -> &mut Problem {
        self.push(Some(location), message.into())
    }

    fn push(&mut self, location: Option<Location>, message: String) -> &mut Problem {
        self.list.push(Problem {
            location,
            message,
            hint: None,
        });
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    /// True when nothing was reported.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Line, column and message of every problem (0, 0 for whole-file problems).
    pub fn iter_located(&self) -> impl Iterator<Item = (usize, usize, String)> + '_ {
        self.list.iter().filter_map(|p| {
            let location = p.location.as_ref()?;
            // Whole-file problems (line 0) have no position to check.
            (location.line > 0).then(|| (location.line, location.column, p.to_string()))
        })
    }

    /// Every problem in file order: sources in the order they were first named, then
    /// line and column (whole-file problems first), whichever check found them.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> + '_ {
        let mut sources: Vec<&str> = Vec::new();
        for problem in &self.list {
            if let Some(location) = &problem.location {
                if !sources.contains(&location.source.as_str()) {
                    sources.push(&location.source);
                }
            }
        }
        let mut ordered: Vec<&Problem> = self.list.iter().collect();
        ordered.sort_by_key(|problem| {
            problem.location.as_ref().map(|location| {
                let rank = sources.iter().position(|s| *s == location.source);
                (rank, location.line, location.column)
            })
        });
        ordered.into_iter()
    }

    /// How many problems were reported.
    #[must_use]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The messages one build shows: at most [`Problems::MAX_REPORTED`], then a count of
    /// the rest.
    #[must_use]
    pub fn messages(&self) -> Vec<String> {
        self.report()
            .into_iter()
            .map(|(_, message)| message)
            .collect()
    }

    /// [`Problems::messages`], each with the name of the source it is about, if any.
    pub fn report(&self) -> Vec<(Option<&str>, String)> {
        let mut out: Vec<(Option<&str>, String)> = self
            .iter()
            .take(MAX_REPORTED)
            .map(|p| {
                (
                    p.location.as_ref().map(|l| l.source.as_str()),
                    p.to_string(),
                )
            })
            .collect();
        if self.list.len() > MAX_REPORTED {
            // The summary points where the unshown problems are.
            let source = self
                .iter()
                .last()
                .and_then(|p| p.location.as_ref())
                .map(|l| l.source.as_str());
            out.push((
                source,
                format!(
                    "{} more problems in the table are not shown; fix the ones above and build again",
                    self.list.len() - MAX_REPORTED
                ),
            ));
        }
        out
    }
}

impl Problem {
    /// Adds a hint telling the user how to fix the problem.
    pub fn hint(&mut self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_location_message_and_hint() {
        let mut problems = Problems::default();
        problems
            .at(
                Location {
                    source: "t.csv".into(),
                    line: 3,
                    column: 7,
                },
                "bad status",
            )
            .hint("write 404");
        problems.at(Location::file("t.csv"), "file is empty");
        assert_eq!(
            problems.messages(),
            // File order: the whole-file problem first, though found last.
            [
                "t.csv: file is empty",
                "t.csv:3:7: bad status\n  help: write 404",
            ]
        );
    }

    #[test]
    fn caps_the_report_and_counts_the_rest() {
        let mut problems = Problems::default();
        for i in 0..MAX_REPORTED + 5 {
            problems.at(Location::file("t.csv"), format!("p{i}"));
        }
        let messages = problems.messages();
        assert_eq!(messages.len(), MAX_REPORTED + 1);
        assert!(messages[MAX_REPORTED].starts_with("5 more problems"));
    }
}
