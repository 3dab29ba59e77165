obs_codes::obs_errors!("../../../../tests/ui/status_out_of_range.csv");

fn main() {}
