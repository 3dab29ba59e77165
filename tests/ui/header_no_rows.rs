obs_codes::obs_errors!("../../../../tests/ui/header_no_rows.csv");

fn main() {}
