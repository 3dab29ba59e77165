obs_codes::obs_errors!("");

fn main() {}
