obs_codes::obs_errors!("tables/variant_collision.csv");

fn main() {}
