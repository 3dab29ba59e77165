obs_codes::obs_errors!("tables/header_unterminated_quote.csv");

fn main() {}
