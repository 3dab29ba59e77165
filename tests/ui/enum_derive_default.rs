obs_codes::obs_errors! {
    /// The variants come from the table: none can be marked `#[default]`.
    #[derive(Default)]
    pub enum GatewayCode { obs }
}

fn main() {}
