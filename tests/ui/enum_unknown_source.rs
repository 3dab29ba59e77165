obs_codes::obs_errors! {
    /// `s3` is not a source.
    pub enum GatewayCode { obs, s3 }
}

fn main() {}
