/// A type of the user's, named like the macro's parse error.
pub struct ObsErrorCodeParseError;

obs_codes::obs_errors!();

fn main() {}
