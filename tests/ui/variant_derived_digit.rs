obs_codes::obs_errors!("tables/variant_derived_digit.csv");

fn main() {}
