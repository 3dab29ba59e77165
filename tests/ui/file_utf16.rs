obs_codes::obs_errors!("tables/file_utf16.csv");

fn main() {}
