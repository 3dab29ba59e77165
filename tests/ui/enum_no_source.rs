obs_codes::obs_errors! {
    /// No table at all.
    pub enum GatewayCode {}
}

fn main() {}
