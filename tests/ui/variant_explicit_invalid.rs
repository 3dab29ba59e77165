obs_codes::obs_errors!("tables/variant_explicit_invalid.csv");

fn main() {}
