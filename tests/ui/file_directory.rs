obs_codes::obs_errors!("tables");

fn main() {}
