obs_codes::obs_errors!("../../../../tests/ui");

fn main() {}
