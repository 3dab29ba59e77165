obs_codes::obs_errors!("tables/csv_too_many_fields.csv");

fn main() {}
