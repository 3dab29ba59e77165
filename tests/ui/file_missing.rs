obs_codes::obs_errors!("no/such/table.csv");

fn main() {}
