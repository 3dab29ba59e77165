//! `obs-codes check`: the tables read and checked exactly as the macro reads them.

use crate::commands::{Outcome, Stream};
use crate::diagnostic::Error;
use crate::escape;
use crate::inputs;
use obs_codes_gen::Problems;
use std::path::Path;

/// The compiler's messages on standard error (exit code 2); a count of the codes on
/// standard output when the tables would compile. `-` alone reads the table from
/// standard input (named `<stdin>` in messages).
pub fn run(sources: &[String]) -> Outcome {
    match count(sources) {
        Ok(codes) => Outcome::default().then(
            Stream::Stdout,
            format!(
                "{}: {codes} codes, no problems\n",
                escape::text(&sources.join(", "))
            ),
        ),
        Err(error) => Outcome::failed(&error),
    }
}

/// How many codes `sources` define, checked as the macro checks them.
fn count(sources: &[String]) -> Result<usize, Error> {
    if !sources.iter().any(|s| s == inputs::STDIN) {
        return Ok(inputs::load(sources)?.catalog.entries.len());
    }
    if sources.len() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) is checked alone: name the other tables in another `check`"
                .to_owned(),
        ));
    }
    let mut problems = Problems::default();
    let bytes = inputs::read_bytes(Path::new(inputs::STDIN), &mut problems)
        .ok_or(Error::Invalid(problems))?;
    let obs_codes_gen::Loaded {
        catalog, problems, ..
    } = obs_codes_gen::load_bytes(&[(inputs::STDIN_NAME, &bytes)]);
    if problems.is_empty() {
        Ok(catalog.entries.len())
    } else {
        Err(Error::Invalid(problems))
    }
}
