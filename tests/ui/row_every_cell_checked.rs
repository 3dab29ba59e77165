obs_codes::obs_errors!("tables/row_every_cell_checked.csv");

fn main() {}
