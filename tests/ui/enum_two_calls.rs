// Two short-form calls in one module: both are `ObsErrorCode`.
obs_codes::obs_errors!();
obs_codes::obs_errors!("tables/enum_two_calls.csv");

fn main() {}
