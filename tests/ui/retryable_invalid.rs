obs_codes::obs_errors!("tables/retryable_invalid.csv");

fn main() {}
