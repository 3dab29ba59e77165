obs_codes::obs_errors!("tables/code_whitespace.csv");

fn main() {}
