obs_codes::obs_errors!("tables/description_empty.csv");

fn main() {}
