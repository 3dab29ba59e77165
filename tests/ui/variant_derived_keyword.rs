obs_codes::obs_errors!("tables/variant_derived_keyword.csv");

fn main() {}
