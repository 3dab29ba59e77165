obs_codes::obs_errors!("../../../../tests/ui/csv_too_many_fields.csv");

fn main() {}
