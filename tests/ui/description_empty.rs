obs_codes::obs_errors!("../../../../tests/ui/description_empty.csv");

fn main() {}
