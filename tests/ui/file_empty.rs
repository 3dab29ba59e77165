obs_codes::obs_errors!("tables/file_empty.csv");

fn main() {}
