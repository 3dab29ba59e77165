//! `obs-codes import`: the vendor's pages read into one CSV table.

use crate::commands::{Outcome, Stream, write_or_print};
use crate::diagnostic::Error;
use crate::escape;
use crate::import::{self, fixes, merge};
use crate::inputs::read_text;
use obs_codes_gen::Problems;
use std::path::{Path, PathBuf};

/// The options of `import` besides its pages and output.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The fixes file of `--fixes`.
    pub fixes: Option<&'a Path>,
    /// The curated table of `--extra`.
    pub extra: Option<&'a Path>,
    /// Whether to report where each value comes from (`--explain-sources`).
    pub explain_sources: bool,
}

/// The fixes of `--fixes`, read; `None` when the file cannot be read or has problems,
/// reported to `problems`.
pub fn read_fixes(path: &Path, problems: &mut Problems) -> Option<Vec<fixes::Fix>> {
    let text = read_text(path, problems)?;
    fixes::read(&path.to_string_lossy(), &text, problems)
}

/// Imports `pages` into `output`, or standard output.
///
/// # Errors
///
/// An argument is not a page, an input cannot be read or has problems, or the output
/// is refused or cannot be written.
pub fn run(
    pages: &[PathBuf],
    options: Options<'_>,
    output: Option<&Path>,
) -> Result<Outcome, Error> {
    for page in pages {
        if !import::is_page(page) {
            return Err(Error::Usage(format!(
                "`{}` is not a page: {}; to check a CSV table, run `obs-codes check {}`",
                escape::path(page),
                import::formats::READS,
                escape::path(page)
            )));
        }
    }
    // Bad fixes stop the import after the pages are read: their problems come too.
    let mut problems = Problems::default();
    let fixes = options
        .fixes
        .and_then(|path| read_fixes(path, &mut problems));
    let request = import::Request {
        pages,
        fixes: fixes.as_deref(),
        curated: options.extra,
        strictness: merge::Strictness::Every,
    };
    let imported = import::import(request, &mut problems).ok_or(Error::Invalid(problems))?;
    let done = format!("wrote {} codes", imported.catalog.entries.len());
    let mut inputs = pages.to_vec();
    inputs.extend(
        options
            .fixes
            .into_iter()
            .chain(options.extra)
            .map(Path::to_path_buf),
    );
    let written = write_or_print(imported.csv.into_bytes(), output, Some(done), &inputs)?;
    let mut outcome = Outcome::default().then(Stream::Stderr, imported.warnings);
    if options.explain_sources {
        outcome = outcome.then(Stream::Stderr, imported.sources_report);
    }
    outcome.writes.extend(written.writes);
    Ok(outcome)
}
