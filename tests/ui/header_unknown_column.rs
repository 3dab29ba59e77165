obs_codes::obs_errors!("../../../../tests/ui/header_unknown_column.csv");

fn main() {}
