obs_codes::obs_errors!("tables/code_invisible_character.csv");

fn main() {}
