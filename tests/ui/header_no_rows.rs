obs_codes::obs_errors!("tables/header_no_rows.csv");

fn main() {}
