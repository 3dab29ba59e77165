//! Fuzzes the writer against the reader: a table that reads without problems, written
//! back by `obs_codes_gen::to_csv`, reads again without problems and gives the same
//! rows, cell for cell.
//!
//! ```text
//! cd obs-codes-gen
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -s none round_trip fuzz/corpus/round_trip ../tests/tables -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;
use obs_codes_gen::{Column, Problems};
use obs_codes_gen::{Row, SourceText};

fn parse(text: &str) -> (Vec<Row>, Problems) {
    let source = SourceText {
        name: "t.csv".into(),
        text: text.to_owned(),
        tracked_path: None,
    };
    let mut problems = Problems::default();
    let rows = obs_codes_gen::Table::parse(&source, &mut problems).rows;
    (rows, problems)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (rows, problems) = parse(text);
    if !problems.is_empty() {
        return;
    }
    let columns = Column::used_by(&rows);
    let written = obs_codes_gen::to_csv(&columns, &rows);
    let (again, problems) = parse(&written);
    assert!(
        problems.is_empty(),
        "{text:?} written as {written:?}: {problems:?}"
    );
    let cells = |rows: &[Row]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| columns.iter().map(|&c| row.cell_text(c)).collect())
            .collect()
    };
    assert_eq!(
        cells(&again),
        cells(&rows),
        "{text:?} written as {written:?}"
    );
});
