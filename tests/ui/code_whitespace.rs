obs_codes::obs_errors!("../../../../tests/ui/code_whitespace.csv");

fn main() {}
