obs_codes::obs_errors!("tables/many_problems.csv");

fn main() {}
