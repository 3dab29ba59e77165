obs_codes::obs_errors! {
    /// A provided derive named by its full path, next to one that is fine.
    #[derive(::core::hash::Hash)]
    #[repr(u16)]
    pub enum GatewayCode { obs }
}

fn main() {
    // The enum is still generated: only the clashing attribute is left out.
    let _ = GatewayCode::NoSuchKey as u16;
}
