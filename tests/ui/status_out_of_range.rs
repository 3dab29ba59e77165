obs_codes::obs_errors!("tables/status_out_of_range.csv");

fn main() {}
