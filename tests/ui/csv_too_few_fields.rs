obs_codes::obs_errors!("tables/csv_too_few_fields.csv");

fn main() {}
