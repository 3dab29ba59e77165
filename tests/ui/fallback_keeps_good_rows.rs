obs_codes::obs_errors!("tables/fallback_keeps_good_rows.csv");

fn main() {
    // Only the table's error is reported: the good row is still a variant.
    let _ = ObsErrorCode::NoSuchKey.http_status();
    let _ = ObsErrorCode::from_code("NoSuchKey");
}
