obs_codes::obs_errors!("../../../../tests/ui/csv_unterminated_quote.csv");

fn main() {}
