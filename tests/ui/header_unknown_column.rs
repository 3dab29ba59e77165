obs_codes::obs_errors!("tables/header_unknown_column.csv");

fn main() {}
