obs_codes::obs_errors!("../../../../tests/ui/many_problems.csv");

fn main() {}
