obs_codes::obs_errors! {
    /// 300 rows, numbered 0 to 299.
    #[repr(u8)]
    pub enum WideCode { "tables/enum_repr_too_narrow.csv" }
}

fn main() {}
