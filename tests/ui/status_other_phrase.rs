obs_codes::obs_errors!("tables/status_other_phrase.csv");

fn main() {}
