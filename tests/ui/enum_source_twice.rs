obs_codes::obs_errors! {
    pub enum GatewayCode { obs, obs }
}

fn main() {
    let _ = GatewayCode::NoSuchKey;
}
