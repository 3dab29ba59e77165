obs_codes::obs_errors!("../../../../tests/ui/file_empty.csv");

fn main() {}
