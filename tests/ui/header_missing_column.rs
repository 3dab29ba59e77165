obs_codes::obs_errors!("../../../../tests/ui/header_missing_column.csv");

fn main() {}
