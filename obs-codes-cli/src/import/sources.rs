//! The report of `import --explain-sources`: where each row's values come from.

use crate::import::merge::{Merged, status_text};
use std::fmt::Write as _;

/// The report of `--explain-sources`: per row, what gave its status, description and
/// solution, which pages list it (and how), and the fix applied; then the codes left
/// out, with the reason.
#[must_use]
pub fn report(merged: &Merged) -> String {
    let mut out = String::new();
    for (row, provenance) in merged.rows.iter().zip(&merged.provenance) {
        let _ = writeln!(out, "{}", row.code.value);
        let _ = writeln!(
            out,
            "  status       {} from {}",
            status_text(row.status.as_ref()),
            provenance.status
        );
        let _ = writeln!(out, "  description  from {}", provenance.description);
        let solution = provenance
            .solution
            .as_ref()
            .map_or_else(|| "none".to_owned(), |o| format!("from {o}"));
        let _ = writeln!(out, "  solution     {solution}");
        for mention in &provenance.mentions {
            let mut how = vec![status_text(mention.status.as_ref())];
            if mention.spelled != row.code.value {
                let kind = if mention.as_alias {
                    "an alias"
                } else {
                    "wrapped"
                };
                how.push(format!("as `{}` ({kind})", mention.spelled));
            }
            if mention.has_solution {
                how.push("with a solution".to_owned());
            }
            let _ = writeln!(
                out,
                "  listed by    {} at {}: {}",
                mention.page,
                mention.at,
                how.join(", ")
            );
        }
        if let Some(fix) = &provenance.fix {
            let _ = writeln!(out, "  fixed by     {fix}");
        }
        if let Some(source) = &row.source {
            let _ = writeln!(out, "  source       {source}");
        }
    }
    for exclusion in &merged.excluded {
        let pages: Vec<String> = exclusion
            .pages
            .iter()
            .map(|(page, at)| format!("{page} at {at}"))
            .collect();
        let _ = writeln!(
            out,
            "{} (excluded by {}: {})\n  listed by    {}",
            exclusion.code,
            exclusion.reason.at,
            exclusion.reason.value,
            pages.join(", ")
        );
    }
    out
}
