obs_codes::obs_errors! {
    /// Debug is derived by the macro already.
    #[derive(Debug, Default)]
    pub enum GatewayCode { obs }
}

fn main() {}
