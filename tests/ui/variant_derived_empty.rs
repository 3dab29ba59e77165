obs_codes::obs_errors!("tables/variant_derived_empty.csv");

fn main() {}
