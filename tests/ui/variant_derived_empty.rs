obs_codes::obs_errors!("../../../../tests/ui/variant_derived_empty.csv");

fn main() {}
