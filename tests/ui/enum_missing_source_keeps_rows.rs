obs_codes::obs_errors! {
    pub enum GatewayCode { obs, "tables/enum_missing_source_keeps_rows_nope.csv" }
}

fn main() {
    // The bundled rows are still there: no second error here.
    let _ = GatewayCode::NoSuchKey;
}
