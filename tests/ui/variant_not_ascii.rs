obs_codes::obs_errors!("tables/variant_not_ascii.csv");

fn main() {}
