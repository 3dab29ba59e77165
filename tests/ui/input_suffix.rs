obs_codes::obs_errors!("tables/alias_collision.csv"suffix);

fn main() {}
