obs_codes::obs_errors!("tables/file_unreadable.rs/table.csv");

fn main() {}
