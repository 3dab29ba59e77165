obs_codes::obs_errors!("../../../../tests/ui/file_unreadable.rs/table.csv");

fn main() {}
