obs_codes::obs_errors!("tables/header_duplicate_column.csv");

fn main() {}
