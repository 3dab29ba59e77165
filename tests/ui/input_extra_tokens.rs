obs_codes::obs_errors!("a.csv" "b.csv");

fn main() {}
