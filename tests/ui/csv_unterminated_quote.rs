obs_codes::obs_errors!("tables/csv_unterminated_quote.csv");

fn main() {}
