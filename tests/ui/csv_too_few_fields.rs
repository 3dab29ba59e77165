obs_codes::obs_errors!("../../../../tests/ui/csv_too_few_fields.csv");

fn main() {}
