obs_codes::obs_errors!("tables/code_empty.csv");

fn main() {}
