obs_codes::obs_errors!("tables/header_typo.csv");

fn main() {}
