obs_codes::obs_errors!("tables/status_whitespace.csv");

fn main() {}
