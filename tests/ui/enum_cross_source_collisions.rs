obs_codes::obs_errors! {
    /// Variant and alias collisions across sources.
    pub enum GatewayCode { obs, "tables/enum_cross_source_collisions.csv" }
}

fn main() {}
