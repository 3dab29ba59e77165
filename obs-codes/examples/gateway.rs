//! A vendor table extending the OBS one: the bundled codes, one of them answered
//! differently (`override`), and the gateway's own codes, in one enum.
//!
//! ```text
//! cargo run -p obs-codes --example gateway -- NoSuchObject GatewayQuotaExceeded SlowDown
//! ```

use std::process::ExitCode;

obs_codes::obs_errors! {
    /// Codes returned by our gateway: the OBS ones plus ours.
    #[repr(u16)]
    pub enum GatewayCode {
        obs,                    // the bundled OBS table
        "examples/gateway.csv", // our rows, resolved against CARGO_MANIFEST_DIR
    }
}

fn main() -> ExitCode {
    println!(
        "{} codes: {} from OBS, {} of the gateway's own",
        GatewayCode::COUNT,
        obs_codes::ObsErrorCode::COUNT,
        GatewayCode::COUNT - obs_codes::ObsErrorCode::COUNT
    );
    let mut status = ExitCode::SUCCESS;
    for text in std::env::args().skip(1) {
        match text.parse::<GatewayCode>() {
            Ok(code) => println!(
                "{text}: {code} ({}), status {:?}, retryable {}, solution: {}",
                code.description(),
                code.http_status(),
                code.is_retryable(),
                code.solution().unwrap_or("-")
            ),
            Err(error) => {
                println!("{text}: {error}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
