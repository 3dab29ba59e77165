obs_codes::obs_errors!("../../../../tests/ui/header_duplicate_column.csv");

fn main() {}
