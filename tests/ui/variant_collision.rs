obs_codes::obs_errors!("../../../../tests/ui/variant_collision.csv");

fn main() {}
