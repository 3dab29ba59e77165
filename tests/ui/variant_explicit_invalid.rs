obs_codes::obs_errors!("../../../../tests/ui/variant_explicit_invalid.csv");

fn main() {}
