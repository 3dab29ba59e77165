//! Explains OBS error codes given on the command line.
//!
//! ```text
//! cargo run -p obs-codes --example explain -- NoSuchKey SlowDown
//! ```

use obs_codes::ObsErrorCode;
use std::process::ExitCode;

fn main() -> ExitCode {
    let codes: Vec<String> = std::env::args().skip(1).collect();
    if codes.is_empty() {
        eprintln!("usage: explain CODE...   (e.g. explain NoSuchKey SlowDown)");
        return ExitCode::from(2);
    }
    let mut all_known = true;
    for text in &codes {
        match text.parse::<ObsErrorCode>() {
            Ok(code) => {
                let status = match (code.http_status(), code.http_reason()) {
                    (Some(status), Some(reason)) => format!("{status} {reason}"),
                    (Some(status), None) => status.to_string(),
                    (None, _) => "none".to_owned(),
                };
                println!("{code}");
                println!("  status:      {status}");
                println!(
                    "  retryable:   {}",
                    if code.is_retryable() { "yes" } else { "no" }
                );
                println!("  description: {}", code.description());
                if code.as_str() != text {
                    println!("  (read from the alias {text})");
                }
            }
            Err(error) => {
                all_known = false;
                println!("{text}");
                println!(
                    "  {error}: not one of the {} OBS codes",
                    ObsErrorCode::COUNT
                );
            }
        }
    }
    if all_known {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
