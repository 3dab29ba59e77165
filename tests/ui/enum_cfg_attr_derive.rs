obs_codes::obs_errors! {
    /// A derive the macro provides, behind `cfg_attr`.
    #[cfg_attr(all(), derive(Debug))]
    pub enum GatewayCode { obs }
}

fn main() {}
