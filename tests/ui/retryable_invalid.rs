obs_codes::obs_errors!("../../../../tests/ui/retryable_invalid.csv");

fn main() {}
