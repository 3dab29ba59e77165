obs_codes::obs_errors!("tables/line_ends_cr_only.csv");

fn main() {}
