//! Located problems, collected across all stages and reported together.

use proc_macro2::Span;
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
    /// Where in the macro call each problem about the call itself (not a table) is
    /// written, by its index in `list`: the first and last token, as a compiler
    /// message underlines them.
    in_call: Vec<(usize, [Span; 2])>,
}

/// Where a reported problem points.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// A table, by the name its source has in the call.
    Table(&'a str),
    /// Tokens of the call itself, from the first to the last.
    Call(Span, Span),
    /// Nothing more precise than the whole call.
    Unknown,
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
        self.push(Problem {
            location: Some(location),
            message: message.into(),
            hint: None,
        })
    }

    /// Records a problem with the enum's declaration (an attribute, say), at the tokens
    /// from `first` to `last` in the call; it has no place in a table.
    pub fn in_call(&mut self, first: Span, last: Span, message: impl Into<String>) -> &mut Problem {
        self.in_call.push((self.list.len(), [first, last]));
        self.push(Problem {
            location: None,
            message: message.into(),
            hint: None,
        })
    }

    /// Records `problem` as it is (a problem of a later stage, or without a location).
    pub fn push(&mut self, problem: Problem) -> &mut Problem {
        self.list.push(problem);
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
    /// line and column (problems about the call and whole-file problems first),
    /// whichever check found them.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> + '_ {
        self.ordered().into_iter().map(|(_, problem)| problem)
    }

    /// [`Problems::iter`], each with its index in the order found.
    fn ordered(&self) -> Vec<(usize, &Problem)> {
        let mut sources: Vec<&str> = Vec::new();
        for problem in &self.list {
            if let Some(location) = &problem.location {
                if !sources.contains(&location.source.as_str()) {
                    sources.push(&location.source);
                }
            }
        }
        let key = |index: usize| {
            self.list[index].location.as_ref().map(|location| {
                let rank = sources.iter().position(|s| *s == location.source);
                (rank, location.line, location.column)
            })
        };
        // The index last: problems at one place stay in the order found.
        let order = crate::index_order::sorted_indices(self.list.len(), &|a, b| {
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
        let mut ordered = Vec::with_capacity(order.len());
        for index in order {
            ordered.push((index, &self.list[index]));
        }
        ordered
    }

    /// Where the problem found `index`th points.
    fn origin(&self, index: usize) -> Origin<'_> {
        if let Some((_, [first, last])) = self.in_call.iter().find(|(i, _)| *i == index) {
            return Origin::Call(*first, *last);
        }
        match &self.list[index].location {
            Some(location) => Origin::Table(&location.source),
            None => Origin::Unknown,
        }
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

    /// [`Problems::messages`], each with where it points.
    pub fn report(&self) -> Vec<(Origin<'_>, String)> {
        let ordered = self.ordered();
        let mut out: Vec<(Origin<'_>, String)> = ordered
            .iter()
            .take(MAX_REPORTED)
            .map(|(index, problem)| (self.origin(*index), problem.to_string()))
            .collect();
        if self.list.len() > MAX_REPORTED {
            // The summary points where the unshown problems are.
            let origin = ordered
                .last()
                .map_or(Origin::Unknown, |(index, _)| self.origin(*index));
            out.push((
                origin,
                format!(
                    "{} more problems in the table are not shown; fix the ones above and build again",
                    self.list.len() - MAX_REPORTED
                ),
            ));
        }
        out
    }
}

impl Extend<Problem> for Problems {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, problems: I) {
        self.list.extend(problems);
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;

    /// The problems in the order found (see [`Problems::iter`] for file order).
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
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
    fn pushed_and_extended_problems_keep_their_location_and_hint() {
        let mut first = Problems::default();
        first.at(Location::at("b.csv", 2, 1), "later");
        let mut all = Problems::default();
        all.push(Problem {
            location: None,
            message: "no file".into(),
            hint: Some("name one".into()),
        });
        all.extend(first);
        assert_eq!(
            all.messages(),
            ["no file\n  help: name one", "b.csv:2:1: later"]
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
