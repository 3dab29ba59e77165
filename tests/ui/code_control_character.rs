obs_codes::obs_errors!("../../../../tests/ui/code_control_character.csv");

fn main() {}
