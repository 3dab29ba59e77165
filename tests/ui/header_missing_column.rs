obs_codes::obs_errors!("tables/header_missing_column.csv");

fn main() {}
