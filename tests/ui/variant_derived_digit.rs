obs_codes::obs_errors!("../../../../tests/ui/variant_derived_digit.csv");

fn main() {}
