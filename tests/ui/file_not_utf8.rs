obs_codes::obs_errors!("../../../../tests/ui/file_not_utf8.csv");

fn main() {}
