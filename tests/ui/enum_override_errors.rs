obs_codes::obs_errors! {
    /// Repeats without `override`, overrides of nothing, repeats in one file.
    pub enum GatewayCode { obs, "tables/enum_override_errors.csv" }
}

fn main() {}
