obs_codes::obs_errors!("tables/code_control_character.csv");

fn main() {}
