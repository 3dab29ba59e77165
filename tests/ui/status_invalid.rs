obs_codes::obs_errors!("tables/status_invalid.csv");

fn main() {}
