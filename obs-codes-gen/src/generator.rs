//! The build-script API (feature `format`): the enum the macro would expand to, as a
//! formatted Rust file, for crates that prefer a generated file to a proc-macro.

use crate::expand::DEFAULT_NAME;
use crate::output::{WriteError, write_file};
use crate::problem::Problem;
use crate::{EnumSpec, Source};
use proc_macro2::{Ident, Span, TokenStream};
use std::fmt;
use std::path::{Path, PathBuf};

/// Generates the enum for a list of sources, as `obs_errors!` would, into a `.rs` file.
///
#[doc = include_str!("build_script.md")]
// The guide shows a whole `build.rs`, `fn main` included.
#[allow(clippy::needless_doctest_main)]
#[derive(Debug, Clone)]
pub struct Generator {
    name: String,
    vis: String,
    docs: Vec<String>,
    runtime: Option<String>,
    sources: Vec<String>,
    base: Option<PathBuf>,
    header: Option<String>,
}

/// A generated file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Where it was written, when it was.
    pub path: Option<PathBuf>,
    /// The source files read, resolved against the base directory: a build script
    /// prints a `cargo::rerun-if-changed` line for each.
    pub inputs: Vec<PathBuf>,
}

/// Why nothing was generated.
#[derive(Debug)]
#[non_exhaustive]
pub enum GenerateError {
    /// The tables have problems: every one, in the order found (as the macro reports them).
    Tables(Vec<Problem>),
    /// An option is not valid Rust where it goes (the name, the visibility, the runtime path).
    Option {
        /// Which option.
        option: &'static str,
        /// What was given.
        value: String,
    },
    /// `OUT_DIR` is not set (not running in a build script).
    NoOutDir,
    /// The file was not written: it is not a regular file, it is one of the sources,
    /// or writing failed.
    Write(WriteError),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Tables(problems) => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
            GenerateError::Option { option, value } => {
                write!(f, "`{value}` is not a valid {option}")
            }
            GenerateError::NoOutDir => {
                f.write_str("OUT_DIR is not set: write_to_out_dir runs in a build script")
            }
            GenerateError::Write(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GenerateError::Write(error) => Some(error),
            _ => None,
        }
    }
}

impl GenerateError {
    /// Reports the error to cargo from a build script: one `cargo::error=` line on
    /// standard output per line of the message, so that each problem shows as
    /// `error: path:line:col: message` and its help. The build script then exits
    /// with `std::process::exit(1)`: the build fails without a panic or a backtrace
    /// (see [`Generator`]). `cargo::error` needs cargo 1.84, older than this crate's
    /// minimum Rust version.
    pub fn emit_cargo_errors(&self) {
        print!("{}", self.cargo_errors());
    }

    /// The lines [`GenerateError::emit_cargo_errors`] prints.
    fn cargo_errors(&self) -> String {
        let mut lines = String::new();
        for line in self.to_string().lines() {
            lines.push_str("cargo::error=");
            lines.push_str(line);
            lines.push('\n');
        }
        lines
    }
}

impl Generator {
    /// An enum named `name`, `pub`, with no sources yet.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Generator {
            name: name.to_owned(),
            vis: "pub".to_owned(),
            docs: Vec::new(),
            runtime: None,
            sources: Vec::new(),
            base: None,
            header: None,
        }
    }

    /// Adds a source: `obs` for the bundled table, else a CSV path relative to the base
    /// directory. Sources are read in order, as in the macro.
    #[must_use]
    pub fn source(mut self, source: &str) -> Self {
        self.sources.push(source.to_owned());
        self
    }

    /// The enum's visibility, as written in Rust (`pub`, `pub(crate)`, empty for private).
    #[must_use]
    pub fn vis(mut self, vis: &str) -> Self {
        vis.clone_into(&mut self.vis);
        self
    }

    /// A line of the enum's doc comment (the generated summary follows).
    #[must_use]
    pub fn doc(mut self, line: &str) -> Self {
        self.docs.push(line.to_owned());
        self
    }

    /// Also implement the `obs_codes::ErrorCode` trait, `path` naming the `obs-codes`
    /// crate (`obs_codes`), as `obs_codes::obs_errors!` does.
    #[must_use]
    pub fn runtime(mut self, path: &str) -> Self {
        self.runtime = Some(path.to_owned());
        self
    }

    /// Where relative paths start; by default `CARGO_MANIFEST_DIR`, else the current
    /// directory.
    #[must_use]
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base = Some(dir.into());
        self
    }

    /// The comment at the top of the file; by default it names this generator and the
    /// sources. It should name no machine path.
    #[must_use]
    pub fn header(mut self, header: &str) -> Self {
        self.header = Some(header.to_owned());
        self
    }

    fn base(&self) -> PathBuf {
        self.base.clone().unwrap_or_else(|| {
            std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from)
        })
    }

    fn spec(&self) -> Result<EnumSpec, GenerateError> {
        let option = |option, value: &str| GenerateError::Option {
            option,
            value: value.to_owned(),
        };
        if !crate::identifier::is_identifier(&self.name) {
            return Err(option("enum name", &self.name));
        }
        let vis: TokenStream = self
            .vis
            .parse()
            .map_err(|_| option("visibility", &self.vis))?;
        syn::parse2::<syn::Visibility>(vis.clone()).map_err(|_| option("visibility", &self.vis))?;
        let runtime = match &self.runtime {
            Some(path) => {
                let tokens: TokenStream = path.parse().map_err(|_| option("runtime path", path))?;
                syn::parse2::<syn::Path>(tokens.clone())
                    .map_err(|_| option("runtime path", path))?;
                Some(tokens)
            }
            None => None,
        };
        let attrs = self
            .docs
            .iter()
            .map(|line| {
                let line = format!(" {line}");
                quote::quote!(#[doc = #line])
            })
            .collect();
        Ok(EnumSpec {
            attrs,
            vis,
            name: Ident::new(&self.name, Span::call_site()),
            runtime,
            output: crate::expand::Output::File,
            repeat_index: None,
        })
    }

    /// The file, formatted; nothing is written.
    ///
    /// ```
    /// let generated = obs_codes_gen::Generator::new("ObsErrorCode").source("obs").generate()?;
    /// assert!(generated.code.starts_with("// @generated"));
    /// assert!(generated.code.contains("pub enum ObsErrorCode"));
    /// assert!(generated.inputs.is_empty());
    /// # Ok::<(), obs_codes_gen::GenerateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`GenerateError::Tables`] with every problem when a table would not compile, or
    /// [`GenerateError::Option`] for an invalid name, visibility or runtime path.
    pub fn generate(&self) -> Result<Generated, GenerateError> {
        let spec = self.spec()?;
        let sources: Vec<Source> = if self.sources.is_empty() {
            vec![Source::from_arg(Source::BUNDLED_NAME)]
        } else {
            self.sources.iter().map(|s| Source::from_arg(s)).collect()
        };
        let base = self.base();
        let (spec, loaded) = crate::load::load_checked(spec, &sources, &base);
        if !loaded.problems.is_empty() {
            return Err(GenerateError::Tables(
                loaded.problems.iter().cloned().collect(),
            ));
        }
        let tokens = crate::expand(&spec, &loaded);
        let names: Vec<&str> = sources.iter().map(Source::name).collect();
        let header = self.header.clone().unwrap_or_else(|| {
            format!(
                "@generated by obs-codes-gen from {}: do not edit; rerun the build to regenerate.\nThe enum `{}`, as `obs_errors!` expands it.",
                names.join(", "),
                if self.name.is_empty() { DEFAULT_NAME } else { &self.name }
            )
        });
        let code =
            crate::format::rust_file(&header, tokens).map_err(|_| GenerateError::Option {
                option: "enum (the expansion does not parse)",
                value: self.name.clone(),
            })?;
        let inputs = sources
            .iter()
            .filter_map(|source| match source {
                Source::File { path, .. } => Some(base.join(path)),
                Source::Bundled(_) => None,
            })
            .collect();
        Ok(Generated {
            code,
            path: None,
            inputs,
        })
    }

    /// Generates the file and writes it to `path` with [`write_file`]: atomically,
    /// through a symbolic link, keeping the permissions; a target that is not a regular
    /// file or that is one of the sources is refused. The old file is never read, so it
    /// is rewritten even when unchanged (a build script that runs again rebuilds its
    /// crate anyway).
    ///
    /// # Errors
    ///
    /// As [`Generator::generate`], and [`GenerateError::Write`]. Nothing is written on error.
    pub fn write(&self, path: &Path) -> Result<Generated, GenerateError> {
        let mut generated = self.generate()?;
        write_file(path, generated.code.as_bytes(), &generated.inputs)
            .map_err(GenerateError::Write)?;
        generated.path = Some(path.to_owned());
        Ok(generated)
    }

    /// [`Generator::write`] to `$OUT_DIR/{file_name}`, in a build script.
    ///
    /// # Errors
    ///
    /// As [`Generator::write`], and [`GenerateError::NoOutDir`].
    pub fn write_to_out_dir(&self, file_name: &str) -> Result<Generated, GenerateError> {
        let out = std::env::var_os("OUT_DIR").ok_or(GenerateError::NoOutDir)?;
        self.write(&Path::new(&out).join(file_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::scratch;

    #[test]
    fn a_bundled_enum_is_a_formatted_file_with_no_machine_path() {
        let generated = Generator::new("ObsErrorCode").generate().unwrap();
        assert!(
            generated
                .code
                .starts_with("// @generated by obs-codes-gen from obs: do not edit;")
        );
        assert!(generated.code.contains("pub enum ObsErrorCode {"));
        assert!(!generated.code.contains("include_bytes"));
        assert!(generated.inputs.is_empty());
    }

    #[test]
    fn problems_and_bad_options_write_nothing() {
        let dir = scratch("generator", b"code,http_status,description\nA,4x,d\n");
        let out = dir.join("out.rs");
        std::fs::write(&out, "old").unwrap();
        let error = Generator::new("E")
            .source("t.csv")
            .base_dir(&*dir)
            .write(&out)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "t.csv:2:3: `4x` is not an HTTP status\n  help: write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        for (generator, message) in [
            (Generator::new("fn"), "`fn` is not a valid enum name"),
            (
                Generator::new("E").vis("pub(("),
                "`pub((` is not a valid visibility",
            ),
            (
                Generator::new("E").runtime("a b"),
                "`a b` is not a valid runtime path",
            ),
        ] {
            assert_eq!(generator.generate().unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn writing_tracks_the_files_read() {
        let dir = scratch("generator-ok", b"code,http_status,description\nA,400,d\n");
        let out = dir.join("out.rs");
        let generated = Generator::new("E")
            .source("t.csv")
            .base_dir(&*dir)
            .write(&out)
            .unwrap();
        assert_eq!(generated.inputs, [dir.join("t.csv")]);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), generated.code);
        assert!(generated.code.contains("pub enum E {"));
    }

    #[test]
    fn a_bad_table_is_reported_to_cargo_line_by_line() {
        let dir = scratch("generator-cargo", b"code,http_status,description\nA,4x,d\n");
        let error = Generator::new("E")
            .source("t.csv")
            .base_dir(&*dir)
            .generate()
            .unwrap_err();
        assert_eq!(
            error.cargo_errors(),
            "cargo::error=t.csv:2:3: `4x` is not an HTTP status\n\
             cargo::error=  help: write a three-digit status (`404`), a status and its phrase (`404 Not Found`), or `N/A` for none\n"
        );
    }

    #[test]
    fn writing_over_a_source_is_refused() {
        let table = b"code,http_status,description\nA,400,d\n";
        let dir = scratch("generator-own", table);
        let error = Generator::new("E")
            .source("t.csv")
            .base_dir(&*dir)
            .write(&dir.join("t.csv"))
            .unwrap_err();
        assert!(matches!(
            error,
            GenerateError::Write(WriteError::Input { .. })
        ));
        assert_eq!(std::fs::read(dir.join("t.csv")).unwrap(), table);
    }
}
