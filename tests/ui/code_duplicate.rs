obs_codes::obs_errors!("../../../../tests/ui/code_duplicate.csv");

fn main() {}
