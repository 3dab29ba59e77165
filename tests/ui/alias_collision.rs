obs_codes::obs_errors!("../../../../tests/ui/alias_collision.csv");

fn main() {}
