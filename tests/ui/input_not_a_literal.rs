obs_codes::obs_errors!(42);

fn main() {}
