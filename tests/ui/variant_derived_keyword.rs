obs_codes::obs_errors!("../../../../tests/ui/variant_derived_keyword.csv");

fn main() {}
