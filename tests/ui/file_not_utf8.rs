obs_codes::obs_errors!("tables/file_not_utf8.csv");

fn main() {}
