obs_codes::obs_errors!("../../../../tests/ui/code_empty.csv");

fn main() {}
