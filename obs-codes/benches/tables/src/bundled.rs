//! Reading the bundled table's columns: shared by the build script and the
//! `compile-time-crates` example (both include this file; the library does not).

use std::path::Path;

/// The cells of `columns`, by header name, for every row of the CSV table at `path`.
///
/// # Panics
/// When the table cannot be read or lacks a column: it is the repository's own table.
pub fn rows<const N: usize>(path: &Path, columns: [&str; N]) -> Vec<[String; N]> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .unwrap();
    let headers = reader.headers().unwrap().clone();
    let index = columns.map(|name| headers.iter().position(|h| h == name).unwrap());
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            index.map(|i| record[i].to_owned())
        })
        .collect()
}
