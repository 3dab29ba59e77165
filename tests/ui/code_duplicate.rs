obs_codes::obs_errors!("tables/code_duplicate.csv");

fn main() {}
