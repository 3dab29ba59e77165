//! `obs-codes check`: the tables read and checked exactly as the macro reads them.

use crate::commands::{Outcome, Stream};
use crate::inputs;

/// The compiler's messages on standard error (exit code 2); a count of the codes on
/// standard output when the tables would compile.
pub fn run(sources: &[String]) -> Outcome {
    match inputs::load(sources) {
        Ok(loaded) => Outcome::default().then(
            Stream::Stdout,
            format!(
                "{}: {} codes, no problems\n",
                sources.join(", "),
                loaded.catalog.entries.len()
            ),
        ),
        Err(error) => Outcome::failed(&error),
    }
}
