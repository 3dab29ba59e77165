obs_codes::obs_errors! {
    /// Variant and alias collisions across sources.
    pub enum GatewayCode { obs, "../../../../tests/ui/enum_cross_source_collisions.csv" }
}

fn main() {}
