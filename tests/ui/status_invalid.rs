obs_codes::obs_errors!("../../../../tests/ui/status_invalid.csv");

fn main() {}
